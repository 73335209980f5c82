// torch.distributions.Uniform: uniform on the half-open interval [low, high).
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { Distribution } from './distribution.js';

/** A uniform distribution on [low, high). */
export class Uniform extends Distribution {
  override get hasRsample() { return true; }
  constructor(...args: Args<'distributions.Uniform'>) {
    super();
    const a = bind('distributions.Uniform', args, { name: 'Uniform' });
    this.initBroadcast({ low: a.low, high: a.high }, a.validateArgs);
  }
  get low(): Tensor { return this.params.low!; }
  get high(): Tensor { return this.params.high!; }
  override get argConstraints() { return { low: constraints.lessThan(this.high), high: constraints.greaterThan(this.low) }; }
  override get support() { return constraints.interval(this.low, this.high); }
  override get mean() { return this.high.add(this.low).div(2); }
  override get mode() { return this.high.mul(NaN); }
  override get stddev() { return this.high.sub(this.low).div(12 ** 0.5); }
  override get variance() { return this.high.sub(this.low).pow(2).div(12); }
  protected expandInto(copy: this, batchShape: number[]) {
    copy.params.low = this.low.expand(batchShape);
    copy.params.high = this.high.expand(batchShape);
  }
  protected override rdraw(shape: number[]) {
    const rand = torch.rand(shape, { dtype: this.low.dtype, device: this.low.device });
    return this.low.add(rand.mul(this.high.sub(this.low)));
  }
  protected override computeLogProb(value: Tensor) {
    const lb = this.low.le(value).typeAs(this.low);
    const ub = this.high.gt(value).typeAs(this.low);
    return lb.mul(ub).log().sub(this.high.sub(this.low).log());
  }
  protected override computeCdf(value: Tensor) {
    return value.sub(this.low).div(this.high.sub(this.low)).clamp(0, 1);
  }
  protected override computeIcdf(value: Tensor) {
    return value.mul(this.high.sub(this.low)).add(this.low);
  }
  override entropy() { return this.high.sub(this.low).log(); }
}
