// torch.distributions.Geometric: the number of failures before the first success.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { Distribution, broadcastAll, tupleRepr, formatValue, probsOrLogits } from './distribution.js';

/** A geometric distribution with success probability `probs` (or `logits`, not both). */
export class Geometric extends Distribution {
  constructor(...args: Args<'distributions.Geometric'>) {
    super();
    const a = bind('distributions.Geometric', args, { name: 'Geometric' });
    const [name, given] = probsOrLogits(a);
    this.initBroadcast({ [name]: given as Tensor | number }, a.validateArgs);
    if (this._validateArgs && name === 'probs') {
      const valid = this.probs.gt(0);
      if (!valid.all().item()) {
        throw new RangeError(`Expected parameter probs (Tensor of shape ${tupleRepr(this.probs.shape)}) of distribution ${this} to be positive but found invalid values:\n${formatValue(this.probs.detach().index(valid.logicalNot()))}`);
      }
    }
  }
  get probs(): Tensor { return this.lazyProbs(true); }
  get logits(): Tensor { return this.lazyLogits(true); }
  override get argConstraints() { return { probs: constraints.unitInterval, logits: constraints.real }; }
  override get support() { return constraints.nonnegativeInteger; }
  override get mean() { return this.probs.reciprocal().sub(1); }
  override get mode() { return torch.zerosLike(this.probs); }
  override get variance() { return this.probs.reciprocal().sub(1).div(this.probs); }
  protected expandInto(copy: this, batchShape: number[]) {
    for (const name of ['probs', 'logits']) if (this.params[name]) copy.params[name] = this.params[name]!.expand(batchShape);
  }
  protected override draw(shape: number[]) {
    const tiny = torch.finfo(this.probs.dtype).tiny;
    const u = torch.empty(shape, { dtype: this.probs.dtype, device: this.probs.device }).uniform_(tiny, 1);
    return u.log().div(this.probs.neg().log1p()).floor();
  }
  protected override computeLogProb(value: Tensor) {
    const [v, p] = broadcastAll(value, this.probs);
    const probs = p!.clone({ memoryFormat: torch.contiguousFormat }).maskedFill_(p!.eq(1).logicalAnd(v!.eq(0)), 0);
    return v!.mul(probs.neg().log1p()).add(this.probs.log());
  }
  override entropy() {
    return torch.nn.functional.binaryCrossEntropyWithLogits(this.logits, this.probs, { reduction: 'none' }).div(this.probs);
  }
}
