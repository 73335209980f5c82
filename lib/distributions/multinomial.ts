// torch.distributions.Multinomial: counts of totalCount categorical draws.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { Distribution, NotImplementedError, broadcastAll } from './distribution.js';
import { Categorical } from './categorical.js';
import { Binomial } from './binomial.js';

/** A multinomial distribution: counts over categories of `totalCount` draws from `probs` (or `logits`). */
export class Multinomial extends Distribution {
  /** the number of draws */
  totalCount: number;
  /** @internal */
  categorical: Categorical;
  private binomial: Binomial;
  constructor(...args: Args<'distributions.Multinomial'>) {
    super();
    const a = bind('distributions.Multinomial', args, { name: 'Multinomial' });
    if (!Number.isInteger(a.totalCount)) throw new NotImplementedError('inhomogeneous total_count is not supported');
    this.totalCount = a.totalCount;
    this.categorical = new Categorical({ probs: a.probs ?? null, logits: a.logits ?? null });
    this.binomial = new Binomial({ totalCount: a.totalCount, probs: this.probs });
    this.init(this.categorical.batchShape, this.categorical.paramShape.slice(-1), a.validateArgs);
  }
  // Python's check reads probs and logits through plain properties: both are computed and checked
  protected override givenParam() { return undefined; }
  protected override checkedParam(name: string) { return name === 'probs' ? this.probs : this.logits; }
  get probs(): Tensor { return this.categorical.probs; }
  get logits(): Tensor { return this.categorical.logits; }
  get paramShape(): number[] { return this.categorical.paramShape; }
  override get argConstraints() { return { probs: constraints.simplex, logits: constraints.realVector }; }
  override get support() { return constraints.multinomial(this.totalCount); }
  override get mean() { return this.probs.mul(this.totalCount); }
  override get variance() { return this.probs.mul(this.totalCount).mul(torch.sub(1, this.probs)); }
  protected expandInto(copy: this, batchShape: number[]) {
    copy.totalCount = this.totalCount;
    copy.categorical = this.categorical.expand(batchShape);
    copy.binomial = this.binomial;
  }
  protected override draw(shape: number[]) {
    const sampleShape = shape.slice(0, shape.length - this._batchShape.length - 1);
    let samples = this.categorical.sample([this.totalCount, ...sampleShape]);
    const dims = [...Array(samples.dim()).keys()];
    dims.push(dims.shift()!);
    samples = samples.permute(dims);
    const counts = torch.zeros(shape, { dtype: samples.dtype, device: samples.device });
    counts.scatterAdd_(-1, samples, torch.onesLike(samples));
    return counts.typeAs(this.probs);
  }
  override entropy() {
    const n = torch.tensor(this.totalCount, { dtype: torch.int64 });
    const term1 = this.categorical.entropy().mul(n).sub(n.add(1).lgamma());
    const support = this.binomial.enumerateSupport(false).narrow(0, 1, this.totalCount);
    const binomialProbs = this.binomial.logProb(support).exp();
    const weights = support.add(1).lgamma();
    return term1.add(binomialProbs.mul(weights).sum([0, -1]));
  }
  protected override computeLogProb(value: Tensor) {
    const [l, v] = broadcastAll(this.logits, value);
    const logits = l!.clone({ memoryFormat: torch.contiguousFormat });
    const logFactorialN = v!.sum(-1).add(1).lgamma();
    const logFactorialXs = v!.add(1).lgamma().sum(-1);
    logits.maskedFill_(v!.eq(0).logicalAnd(logits.eq(-Infinity)), 0);
    return logFactorialN.sub(logFactorialXs).add(logits.mul(v!).sum(-1));
  }
}
