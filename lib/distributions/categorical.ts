// torch.distributions.Categorical: one of K categories, by probs or logits over the last dimension.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { Distribution } from './distribution.js';

/**
 * A categorical distribution over 0..K-1, parameterised by `probs` (normalised to sum to 1) or by
 * `logits` (unnormalised log-probabilities), not both; the last dimension indexes the categories.
 */
export class Categorical extends Distribution {
  override get hasEnumerateSupport() { return true; }
  /** @internal */
  numEvents: number;
  constructor(...args: Args<'distributions.Categorical'>) {
    super();
    const a = bind('distributions.Categorical', args, { name: 'Categorical' });
    const hasProbs = a.probs !== null && a.probs !== undefined, hasLogits = a.logits !== null && a.logits !== undefined;
    if (hasProbs === hasLogits) throw new RangeError('Either `probs` or `logits` must be specified, but not both.');
    if (hasProbs) {
      if (a.probs!.dim() < 1) throw new RangeError('`probs` parameter must be at least one-dimensional.');
      this.params.probs = a.probs!.div(a.probs!.sum(-1, true));
    } else {
      if (a.logits!.dim() < 1) throw new RangeError('`logits` parameter must be at least one-dimensional.');
      this.params.logits = a.logits!.sub(a.logits!.logsumexp(-1, true));
    }
    const param = this.param;
    this.numEvents = param.shape[param.dim() - 1]!;
    this.init(param.dim() > 1 ? param.shape.slice(0, -1) : [], [], a.validateArgs);
  }
  /** the categories' probabilities */
  get probs(): Tensor { return this.lazyProbs(); }
  /** the categories' normalised log-probabilities */
  get logits(): Tensor { return this.lazyLogits(); }
  /** the parameter as given (probs or logits) */
  get param(): Tensor { return this.params.probs ?? this.params.logits!; }
  get paramShape(): number[] { return this.param.shape; }
  override get argConstraints() { return { probs: constraints.simplex, logits: constraints.realVector }; }
  override get support() { return constraints.integerInterval(0, this.numEvents - 1); }
  override get mean() { return torch.full(this.extendedShape(), NaN, { dtype: this.probs.dtype, device: this.probs.device }); }
  override get mode() { return this.probs.argmax(-1); }
  override get variance() { return torch.full(this.extendedShape(), NaN, { dtype: this.probs.dtype, device: this.probs.device }); }
  protected expandInto(copy: this, batchShape: number[]) {
    for (const name of ['probs', 'logits']) if (this.params[name]) copy.params[name] = this.params[name]!.expand([...batchShape, this.numEvents]);
    copy.numEvents = this.numEvents;
  }
  protected override draw(shape: number[]) {
    const samples = shape.slice(0, shape.length - this._batchShape.length).reduce((n, s) => n * s, 1);
    const probs2d = this.probs.reshape([-1, this.numEvents]);
    return torch.multinomial(probs2d, samples, true).T.reshape(shape);
  }
  protected override computeLogProb(value: Tensor) {
    const [v, logPmf] = torch.broadcastTensors(value.long().unsqueeze(-1), this.logits);
    return logPmf!.gather(-1, v!.narrow(-1, 0, 1)).squeeze(-1);
  }
  override entropy() {
    const logits = this.logits.clamp(torch.finfo(this.logits.dtype).min);
    return logits.mul(this.probs).sum(-1).neg();
  }
  protected override computeSupport(expand: boolean) {
    let values = torch.arange(this.numEvents, { dtype: torch.int64, device: this.param.device });
    values = values.view([-1, ...this._batchShape.map(() => 1)]);
    return expand ? values.expand([-1, ...this._batchShape]) : values;
  }
}
