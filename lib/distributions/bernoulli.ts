// torch.distributions.Bernoulli: 1 with probability probs, 0 otherwise.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { ExponentialFamily, broadcastAll, probsOrLogits } from './distribution.js';

/** A Bernoulli distribution, parameterised by `probs` or by `logits` (not both). */
export class Bernoulli extends ExponentialFamily {
  override get hasEnumerateSupport() { return true; }
  constructor(...args: Args<'distributions.Bernoulli'>) {
    super();
    const a = bind('distributions.Bernoulli', args, { name: 'Bernoulli' });
    const [name, given] = probsOrLogits(a);
    this.initBroadcast({ [name]: given as Tensor | number }, a.validateArgs);
  }
  /** the probability of 1 */
  get probs(): Tensor { return this.lazyProbs(true); }
  /** the log-odds of 1 */
  get logits(): Tensor { return this.lazyLogits(true); }
  /** the parameter as given (probs or logits) */
  get param(): Tensor { return this.params.probs ?? this.params.logits!; }
  get paramShape(): number[] { return this.param.shape; }
  override get argConstraints() { return { probs: constraints.unitInterval, logits: constraints.real }; }
  override get support() { return constraints.boolean; }
  override get mean() { return this.probs; }
  override get mode() {
    const mode = this.probs.ge(0.5).to(this.probs);
    return mode.maskedFill_(this.probs.eq(0.5), NaN);
  }
  override get variance() { return this.probs.mul(torch.sub(1, this.probs)); }
  protected expandInto(copy: this, batchShape: number[]) {
    for (const name of ['probs', 'logits']) if (this.params[name]) copy.params[name] = this.params[name]!.expand(batchShape);
  }
  protected override draw(shape: number[]) { return torch.bernoulli(this.probs.expand(shape)); }
  protected override computeLogProb(value: Tensor) {
    const [logits, v] = broadcastAll(this.logits, value);
    return torch.nn.functional.binaryCrossEntropyWithLogits(logits!, v!, { reduction: 'none' }).neg();
  }
  override entropy() {
    return torch.nn.functional.binaryCrossEntropyWithLogits(this.logits, this.probs, { reduction: 'none' });
  }
  protected override computeSupport(expand: boolean) {
    let values = torch.arange(2, { dtype: this.param.dtype, device: this.param.device });
    values = values.view([-1, ...this._batchShape.map(() => 1)]);
    return expand ? values.expand([-1, ...this._batchShape]) : values;
  }
  get naturalParams() { return [torch.logit(this.probs)]; }
  logNormalizer(x: Tensor) { return x.exp().log1p(); }
  override get meanCarrierMeasure() { return 0; }
}
