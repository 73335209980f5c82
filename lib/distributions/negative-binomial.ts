// torch.distributions.NegativeBinomial: failures before totalCount successes, sampled as a
// gamma-Poisson mixture as PyTorch does.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { Distribution, probsOrLogits } from './distribution.js';
import { Gamma } from './gamma.js';

/** A negative binomial distribution: failures before `totalCount` successes of probability 1 - `probs` (or from `logits`). */
export class NegativeBinomial extends Distribution {
  private gammaMixture: Gamma | undefined;
  constructor(...args: Args<'distributions.NegativeBinomial'>) {
    super();
    const a = bind('distributions.NegativeBinomial', args, { name: 'NegativeBinomial' });
    const [name, given] = probsOrLogits(a);
    this.initBroadcast({ totalCount: a.totalCount as Tensor | number, [name]: given }, a.validateArgs, name);
  }
  get totalCount(): Tensor { return this.params.totalCount!; }
  get probs(): Tensor { return this.lazyProbs(true); }
  get logits(): Tensor { return this.lazyLogits(true); }
  get param(): Tensor { return this.params.probs ?? this.params.logits!; }
  get paramShape(): number[] { return this.param.shape; }
  override get argConstraints() {
    return { totalCount: constraints.greaterThanEq(0), probs: constraints.halfOpenInterval(0, 1), logits: constraints.real };
  }
  override get support() { return constraints.nonnegativeInteger; }
  override get mean() { return this.totalCount.mul(this.logits.exp()); }
  override get mode() { return this.totalCount.sub(1).mul(this.logits.exp()).floor().clamp(0); }
  override get variance() { return this.mean.div(this.logits.neg().sigmoid()); }
  protected expandInto(copy: this, batchShape: number[]) {
    for (const name of ['totalCount', 'probs', 'logits']) if (this.params[name]) copy.params[name] = this.params[name]!.expand(batchShape);
  }
  private get gamma(): Gamma {
    return (this.gammaMixture ??= torch.enableGrad(() => new Gamma({ concentration: this.totalCount, rate: this.logits.neg().exp(), validateArgs: false })));
  }
  protected override draw(shape: number[]) {
    return torch.poisson(this.gamma.sample(shape.slice(0, shape.length - this._batchShape.length)));
  }
  protected override computeLogProb(value: Tensor) {
    const F = torch.nn.functional;
    const unnormalized = this.totalCount.mul(F.logsigmoid(this.logits.neg())).add(value.mul(F.logsigmoid(this.logits)));
    const normalization = this.totalCount.add(value).lgamma().neg().add(value.add(1).lgamma()).add(this.totalCount.lgamma())
      .maskedFill(this.totalCount.add(value).eq(0), 0);
    return unnormalized.sub(normalization);
  }
}
