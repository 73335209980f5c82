// torch.distributions.Kumaraswamy: a Beta-like distribution on (0, 1) with a closed-form cdf,
// built as PyTorch builds it: Uniform pushed through powers and 1 - u.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { broadcastAll } from './distribution.js';
import { TransformedDistribution } from './transformed-distribution.js';
import { AffineTransform, PowerTransform } from './transforms.js';
import { Uniform } from './uniform.js';

const EULER = 0.5772156649015329;
/** E[X^n] */
function moments(a: Tensor, b: Tensor, n: number): Tensor {
  const arg1 = a.reciprocal().mul(n).add(1);
  return b.mul(arg1.lgamma().add(b.lgamma()).sub(arg1.add(b).lgamma()).exp());
}

/** A Kumaraswamy distribution with shape parameters `concentration1` (a) and `concentration0` (b). */
export class Kumaraswamy extends TransformedDistribution {
  constructor(...args: Args<'distributions.Kumaraswamy'>) {
    const a = bind('distributions.Kumaraswamy', args, { name: 'Kumaraswamy' });
    const [c1, c0] = broadcastAll(a.concentration1, a.concentration0);
    const base = new Uniform(torch.fullLike(c0!, 0), torch.fullLike(c0!, 1), a.validateArgs);
    super(base, [new PowerTransform(c0!.reciprocal()), new AffineTransform(1, -1), new PowerTransform(c1!.reciprocal())], a.validateArgs);
    this.params.concentration1 = c1!;
    this.params.concentration0 = c0!;
    // PyTorch sets the concentrations before its base __init__ checks them: check them now
    if (this._validateArgs) this.init(this._batchShape, this._eventShape, true);
  }
  get concentration1(): Tensor { return this.params.concentration1!; }
  get concentration0(): Tensor { return this.params.concentration0!; }
  override get argConstraints() { return { concentration1: constraints.positive, concentration0: constraints.positive }; }
  override get support() { return constraints.unitInterval; }
  override get hasRsample() { return true; }
  protected override expandInto(copy: this, batchShape: number[]) {
    super.expandInto(copy, batchShape);
    copy.params.concentration1 = this.concentration1.expand(batchShape);
    copy.params.concentration0 = this.concentration0.expand(batchShape);
  }
  override get mean() { return moments(this.concentration1, this.concentration0, 1); }
  override get mode() {
    const c0 = this.concentration0, c1 = this.concentration1;
    const logMode = c0.reciprocal().mul(c0.neg().log1p()).sub(c0.neg().mul(c1).log1p());
    return logMode.maskedFill(c0.lt(1).logicalOr(c1.lt(1)), NaN).exp();
  }
  override get variance() { return moments(this.concentration1, this.concentration0, 2).sub(this.mean.pow(2)); }
  override entropy() {
    const t1 = torch.sub(1, this.concentration1.reciprocal());
    const t0 = torch.sub(1, this.concentration0.reciprocal());
    const H0 = this.concentration0.add(1).digamma().add(EULER);
    return t0.add(t1.mul(H0)).sub(this.concentration1.log()).sub(this.concentration0.log());
  }
}
