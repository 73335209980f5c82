// torch.distributions.Cauchy: the Lorentz distribution, with no mean or variance.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { Distribution } from './distribution.js';

/** A Cauchy distribution with median `loc` and half width at half maximum `scale`. */
export class Cauchy extends Distribution {
  override get hasRsample() { return true; }
  constructor(...args: Args<'distributions.Cauchy'>) {
    super();
    const a = bind('distributions.Cauchy', args, { name: 'Cauchy' });
    this.initBroadcast({ loc: a.loc, scale: a.scale }, a.validateArgs);
  }
  get loc(): Tensor { return this.params.loc!; }
  get scale(): Tensor { return this.params.scale!; }
  override get argConstraints() { return { loc: constraints.real, scale: constraints.positive }; }
  override get support() { return constraints.real; }
  override get mean() { return torch.full(this.extendedShape(), NaN, { dtype: this.loc.dtype, device: this.loc.device }); }
  override get mode() { return this.loc; }
  override get variance() { return torch.full(this.extendedShape(), Infinity, { dtype: this.loc.dtype, device: this.loc.device }); }
  protected expandInto(copy: this, batchShape: number[]) {
    copy.params.loc = this.loc.expand(batchShape);
    copy.params.scale = this.scale.expand(batchShape);
  }
  protected override rdraw(shape: number[]) {
    const eps = torch.empty(shape, { dtype: this.loc.dtype, device: this.loc.device }).cauchy_();
    return this.loc.add(eps.mul(this.scale));
  }
  protected override computeLogProb(value: Tensor) {
    return this.scale.log().neg().sub(Math.log(Math.PI)).sub(value.sub(this.loc).div(this.scale).pow(2).log1p());
  }
  protected override computeCdf(value: Tensor) { return value.sub(this.loc).div(this.scale).atan().div(Math.PI).add(0.5); }
  protected override computeIcdf(value: Tensor) { return value.sub(0.5).mul(Math.PI).tan().mul(this.scale).add(this.loc); }
  override entropy() { return this.scale.log().add(Math.log(4 * Math.PI)); }
}
