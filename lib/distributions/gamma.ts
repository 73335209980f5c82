// torch.distributions.Gamma: shape concentration, inverse scale rate; reparameterised samples
// through ATen's _standard_gamma, whose backward is the implicit reparameterisation gradient.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { aten } from '../aten.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { ExponentialFamily } from './distribution.js';

/** A gamma distribution with shape `concentration` and rate `rate`. */
export class Gamma extends ExponentialFamily {
  override get hasRsample() { return true; }
  constructor(...args: Args<'distributions.Gamma'>) {
    super();
    const a = bind('distributions.Gamma', args, { name: 'Gamma' });
    this.initBroadcast({ concentration: a.concentration, rate: a.rate }, a.validateArgs);
  }
  get concentration(): Tensor { return this.params.concentration!; }
  get rate(): Tensor { return this.params.rate!; }
  override get argConstraints(): Record<string, constraints.Constraint> { return { concentration: constraints.positive, rate: constraints.positive }; }
  override get support() { return constraints.nonnegative; }
  override get mean() { return this.concentration.div(this.rate); }
  override get mode() { return this.concentration.sub(1).div(this.rate).clamp(0); }
  override get variance() { return this.concentration.div(this.rate.pow(2)); }
  protected expandInto(copy: this, batchShape: number[]) {
    copy.params.concentration = this.concentration.expand(batchShape);
    copy.params.rate = this.rate.expand(batchShape);
  }
  /** A sample; `generator` draws it from that generator instead of the default one. */
  override sample(...args: Args<'distributions.Gamma.sample'>): Tensor {
    const { sampleShape, generator } = bind('distributions.Gamma.sample', args, { name: 'Gamma.sample' });
    return torch.noGrad(() => this.gammaDraw(sampleShape, generator));
  }
  /** A reparameterised sample; `generator` draws it from that generator instead of the default one. */
  override rsample(...args: Args<'distributions.Gamma.rsample'>): Tensor {
    const { sampleShape, generator } = bind('distributions.Gamma.rsample', args, { name: 'Gamma.rsample' });
    return this.gammaDraw(sampleShape, generator);
  }
  private gammaDraw(sampleShape: number[], generator: unknown): Tensor {
    const shape = this.extendedShape(sampleShape);
    const value: Tensor = aten('_standard_gamma')(this.concentration.expand(shape), generator ?? null).div(this.rate.expand(shape));
    value.detach().clamp_(torch.finfo(value.dtype).tiny);
    return value;
  }
  protected override computeLogProb(value: Tensor) {
    return torch.xlogy(this.concentration, this.rate).add(torch.xlogy(this.concentration.sub(1), value))
      .sub(this.rate.mul(value)).sub(this.concentration.lgamma());
  }
  protected override computeCdf(value: Tensor) { return torch.special.gammainc(this.concentration, this.rate.mul(value)); }
  override entropy() {
    return this.concentration.sub(this.rate.log()).add(this.concentration.lgamma())
      .add(torch.sub(1, this.concentration).mul(this.concentration.digamma()));
  }
  get naturalParams() { return [this.concentration.sub(1), this.rate.neg()]; }
  logNormalizer(x: Tensor, y: Tensor) { return x.add(1).lgamma().add(x.add(1).mul(y.reciprocal().neg().log())); }
  override get meanCarrierMeasure() { return 0; }
}
