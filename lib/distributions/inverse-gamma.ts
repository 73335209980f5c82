// torch.distributions.InverseGamma: 1/X for X ~ Gamma(concentration, rate) (PyTorch 2.x).
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { Gamma } from './gamma.js';
import { TransformedDistribution } from './transformed-distribution.js';
import { PowerTransform } from './transforms.js';

/** An inverse-gamma distribution with shape `concentration` and scale `rate`. */
export class InverseGamma extends TransformedDistribution {
  constructor(...args: Args<'distributions.InverseGamma'>) {
    const a = bind('distributions.InverseGamma', args, { name: 'InverseGamma' });
    const base = new Gamma(a.concentration, a.rate, a.validateArgs);
    super(base, new PowerTransform(base.rate.newOnes([]).neg()), a.validateArgs);
  }
  private get gamma() { return this.baseDist as Gamma; }
  get concentration(): Tensor { return this.gamma.concentration; }
  get rate(): Tensor { return this.gamma.rate; }
  override get argConstraints() { return { concentration: constraints.positive, rate: constraints.positive }; }
  // plain properties in Python: checked, not in the repr
  protected override checkedParam(name: string) { return name === 'concentration' ? this.concentration : this.rate; }
  override get support() { return constraints.positive; }
  override get hasRsample() { return true; }
  override get mean() { return torch.where(this.concentration.gt(1), this.rate.div(this.concentration.sub(1)), Infinity); }
  override get mode() { return this.rate.div(this.concentration.add(1)); }
  override get variance() {
    const result = this.rate.square().div(this.concentration.sub(1).square().mul(this.concentration.sub(2)));
    return torch.where(this.concentration.gt(2), result, Infinity);
  }
  override entropy() {
    const c = this.concentration;
    return c.add(this.rate.log()).add(c.lgamma()).sub(c.add(1).mul(c.digamma()));
  }
}
