// torch.distributions.OneHotCategorical: a Categorical whose samples are one-hot vectors.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { Distribution } from './distribution.js';
import { Categorical } from './categorical.js';

/** A categorical distribution whose values are one-hot vectors of length K (its event shape). */
export class OneHotCategorical extends Distribution {
  override get hasEnumerateSupport() { return true; }
  /** @internal */
  categorical: Categorical;
  constructor(...args: Args<'distributions.OneHotCategorical'>) {
    super();
    const a = bind('distributions.OneHotCategorical', args, { name: 'OneHotCategorical' });
    this.categorical = new Categorical(a.probs ?? null, a.logits ?? null);
    this.init(this.categorical.batchShape, this.categorical.paramShape.slice(-1), a.validateArgs);
  }
  // Python's check reads probs and logits through plain properties, so both are computed and checked
  protected override checkedParam(name: string) { return name === 'probs' ? this.probs : this.logits; }
  get probs(): Tensor { return this.categorical.probs; }
  get logits(): Tensor { return this.categorical.logits; }
  get param(): Tensor { return this.categorical.param; }
  get paramShape(): number[] { return this.categorical.paramShape; }
  override get argConstraints() { return { probs: constraints.simplex, logits: constraints.realVector }; }
  override get support() { return constraints.oneHot; }
  override get mean() { return this.categorical.probs; }
  override get mode() {
    const probs = this.categorical.probs;
    return torch.nn.functional.oneHot(probs.argmax(-1), probs.shape[probs.dim() - 1]).to(probs);
  }
  override get variance() { return this.probs.mul(torch.sub(1, this.probs)); }
  protected expandInto(copy: this, batchShape: number[]) {
    copy.categorical = this.categorical.expand(batchShape);
  }
  protected override draw(shape: number[]) {
    const indices = this.categorical.sample(shape.slice(0, shape.length - this._batchShape.length - 1));
    return torch.nn.functional.oneHot(indices, this.categorical.numEvents).to(this.probs);
  }
  protected override computeLogProb(value: Tensor) {
    return this.categorical.logProb(value.max(-1)[1]!);
  }
  override entropy() { return this.categorical.entropy(); }
  protected override computeSupport(expand: boolean) {
    const n = this._eventShape[0]!;
    const values = torch.eye(n, { dtype: this.param.dtype, device: this.param.device }).view([n, ...this._batchShape.map(() => 1), n]);
    return expand ? values.expand([n, ...this._batchShape, n]) : values;
  }
}

/**
 * OneHotCategorical whose rsample() passes gradients straight through: the sample in the forward
 * pass, the probabilities' gradient in the backward pass (Bengio et al., 2013).
 */
export class OneHotCategoricalStraightThrough extends OneHotCategorical {
  constructor(...args: Args<'distributions.OneHotCategoricalStraightThrough'>) {
    const a = bind('distributions.OneHotCategoricalStraightThrough', args, { name: 'OneHotCategoricalStraightThrough' });
    super(a.probs ?? null, a.logits ?? null, a.validateArgs);
  }
  override get hasRsample() { return true; }
  protected override rdraw(shape: number[]) {
    const samples = this.draw(shape);
    const probs = this.categorical.probs;
    return samples.add(probs.sub(probs.detach()));
  }
}
