// torch.distributions.Independent: reinterprets a distribution's rightmost batch dimensions as
// event dimensions, so log_prob sums over them (a diagonal Normal as one multivariate distribution).
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import { badArg } from '../errors.js';
import * as constraints from './constraints.js';
import { Distribution, NotImplementedError, sumRightmost } from './distribution.js';

/** `baseDistribution` with its rightmost `reinterpretedBatchNdims` batch dimensions made event dimensions. */
export class Independent<D extends Distribution = Distribution> extends Distribution {
  /** the distribution reinterpreted */
  baseDist: D;
  reinterpretedBatchNdims: number;
  constructor(...args: Args<'distributions.Independent'>) {
    super();
    const a = bind('distributions.Independent', args, { name: 'Independent' });
    if (!(a.baseDistribution instanceof Distribution)) badArg('Distribution', 'base_distribution', a.baseDistribution);
    const n = a.reinterpretedBatchNdims;
    if (!Number.isInteger(n) || n < 0) badArg('non-negative integer', 'reinterpreted_batch_ndims', n);
    const base = a.baseDistribution as D;
    if (n > base.batchShape.length) {
      throw new RangeError(`Expected reinterpreted_batch_ndims <= len(base_distribution.batch_shape), actual ${n} vs ${base.batchShape.length}`);
    }
    const shape = [...base.batchShape, ...base.eventShape];
    const eventDim = n + base.eventShape.length;
    this.baseDist = base;
    this.reinterpretedBatchNdims = n;
    this.init(shape.slice(0, shape.length - eventDim), shape.slice(shape.length - eventDim), a.validateArgs);
  }
  override get hasRsample() { return this.baseDist.hasRsample; }
  override get hasEnumerateSupport() { return this.reinterpretedBatchNdims > 0 ? false : this.baseDist.hasEnumerateSupport; }
  override get support() {
    const result = this.baseDist.support;
    return this.reinterpretedBatchNdims ? constraints.independent(result, this.reinterpretedBatchNdims) : result;
  }
  override get mean() { return this.baseDist.mean; }
  override get mode() { return this.baseDist.mode; }
  override get variance() { return this.baseDist.variance; }
  protected expandInto(copy: this, batchShape: number[]) {
    copy.baseDist = this.baseDist.expand([...batchShape, ...this._eventShape.slice(0, this.reinterpretedBatchNdims)]);
    copy.reinterpretedBatchNdims = this.reinterpretedBatchNdims;
  }
  protected override draw(shape: number[]) { return this.baseDist.sample(this.sampleShapeOf(shape)); }
  protected override rdraw(shape: number[]) { return this.baseDist.rsample(this.sampleShapeOf(shape)); }
  private sampleShapeOf(shape: number[]) { return shape.slice(0, shape.length - this._batchShape.length - this._eventShape.length); }
  // the base distribution checks the value against its own shapes and support
  protected override checked(value: unknown): Tensor { return value as Tensor; }
  protected override computeLogProb(value: Tensor) { return sumRightmost(this.baseDist.logProb(value), this.reinterpretedBatchNdims); }
  override entropy() { return sumRightmost(this.baseDist.entropy(), this.reinterpretedBatchNdims); }
  protected override computeSupport(expand: boolean) {
    if (this.reinterpretedBatchNdims > 0) throw new NotImplementedError('Enumeration over cartesian product is not implemented');
    return this.baseDist.enumerateSupport(expand);
  }
  override toString() { return `Independent(${this.baseDist}, ${this.reinterpretedBatchNdims})`; }
}
