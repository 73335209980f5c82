// torch.distributions.Binomial: successes in totalCount independent trials.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { Distribution, NotImplementedError, probsOrLogits } from './distribution.js';

/** x.clamp(min=0) with a gradient of 1/2 at 0 (PyTorch's _clamp_by_zero) */
const clampByZero = (x: Tensor) => x.clamp(0).add(x).sub(x.clamp(null, 0)).div(2);

/** A binomial distribution of `totalCount` trials with success probability `probs` (or `logits`, not both). */
export class Binomial extends Distribution {
  override get hasEnumerateSupport() { return true; }
  constructor(...args: Args<'distributions.Binomial'>) {
    super();
    const a = bind('distributions.Binomial', args, { name: 'Binomial' });
    const [name, given] = probsOrLogits(a);
    this.initBroadcast({ totalCount: a.totalCount as Tensor | number, [name]: given }, a.validateArgs, name);
  }
  get totalCount(): Tensor { return this.params.totalCount!; }
  get probs(): Tensor { return this.lazyProbs(true); }
  get logits(): Tensor { return this.lazyLogits(true); }
  get param(): Tensor { return this.params.probs ?? this.params.logits!; }
  get paramShape(): number[] { return this.param.shape; }
  override get argConstraints() { return { totalCount: constraints.nonnegativeInteger, probs: constraints.unitInterval, logits: constraints.real }; }
  override get support() { return constraints.integerInterval(0, this.totalCount); }
  override get mean() { return this.totalCount.mul(this.probs); }
  override get mode() { return this.totalCount.add(1).mul(this.probs).floor().clamp(null, this.totalCount); }
  override get variance() { return this.totalCount.mul(this.probs).mul(torch.sub(1, this.probs)); }
  protected expandInto(copy: this, batchShape: number[]) {
    for (const name of ['totalCount', 'probs', 'logits']) if (this.params[name]) copy.params[name] = this.params[name]!.expand(batchShape);
  }
  protected override draw(shape: number[]) { return torch.binomial(this.totalCount.expand(shape), this.probs.expand(shape)); }
  protected override computeLogProb(value: Tensor) {
    const logFactorialN = this.totalCount.add(1).lgamma();
    const logFactorialK = value.add(1).lgamma();
    const logFactorialNmk = this.totalCount.sub(value).add(1).lgamma();
    const normalize = this.totalCount.mul(clampByZero(this.logits)).add(this.totalCount.mul(this.logits.abs().neg().exp().log1p())).sub(logFactorialN);
    return value.mul(this.logits).sub(logFactorialK).sub(logFactorialNmk).sub(normalize);
  }
  private homogeneousCount(what: string): number {
    const total = Math.trunc(this.totalCount.max().item() as number);
    if ((this.totalCount.min().item() as number) !== total) throw new NotImplementedError(`Inhomogeneous total count not supported by \`${what}\`.`);
    return total;
  }
  override entropy() {
    this.homogeneousCount('entropy');
    const logProb = this.logProb(this.enumerateSupport(false));
    return logProb.exp().mul(logProb).sum(0).neg();
  }
  protected override computeSupport(expand: boolean) {
    const total = this.homogeneousCount('enumerate_support');
    const values = torch.arange(1 + total, { dtype: this.param.dtype, device: this.param.device }).view([-1, ...this._batchShape.map(() => 1)]);
    return expand ? values.expand([-1, ...this._batchShape]) : values;
  }
}
