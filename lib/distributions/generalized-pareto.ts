// torch.distributions.GeneralizedPareto: the limit law of threshold exceedances (peaks over a
// threshold), with location, scale and shape (PyTorch 2.x).
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { Distribution } from './distribution.js';

/** A generalized Pareto distribution with `loc`, `scale` and shape `concentration`. */
export class GeneralizedPareto extends Distribution {
  override get hasRsample() { return true; }
  constructor(...args: Args<'distributions.GeneralizedPareto'>) {
    super();
    const a = bind('distributions.GeneralizedPareto', args, { name: 'GeneralizedPareto' });
    this.initBroadcast({ loc: a.loc, scale: a.scale, concentration: a.concentration }, a.validateArgs);
  }
  get loc(): Tensor { return this.params.loc!; }
  get scale(): Tensor { return this.params.scale!; }
  get concentration(): Tensor { return this.params.concentration!; }
  override get argConstraints() { return { loc: constraints.real, scale: constraints.positive, concentration: constraints.real }; }
  /** [loc, loc - scale / concentration] for a negative concentration, else [loc, inf] */
  override get support() {
    const upper = torch.where(this.concentration.lt(0), this.loc.sub(this.scale.div(this.concentration)), Infinity);
    return constraints.interval(this.loc, upper);
  }
  protected expandInto(copy: this, batchShape: number[]) {
    for (const name of ['loc', 'scale', 'concentration']) copy.params[name] = this.params[name]!.expand(batchShape);
  }
  protected override rdraw(shape: number[]) {
    return this.computeIcdf(torch.rand(shape, { dtype: this.loc.dtype, device: this.loc.device }));
  }
  private z(x: Tensor) { return x.sub(this.loc).div(this.scale); }
  /** the concentration where it is not (close to) 0, else 1; and where it is */
  private safeConcentration(): [Tensor, Tensor] {
    const eqZero = torch.isclose(this.concentration, torch.zerosLike(this.concentration));
    return [torch.where(eqZero, torch.onesLike(this.concentration), this.concentration), eqZero];
  }
  protected override computeLogProb(value: Tensor) {
    const z = this.z(value);
    const [safe, eqZero] = this.safeConcentration();
    const y = safe.reciprocal().add(torch.onesLike(z));
    const whereNonzero = torch.where(y.eq(0), y, y.mul(safe.mul(z).log1p()));
    return this.scale.log().neg().sub(torch.where(eqZero, z, whereNonzero));
  }
  /** log(1 - cdf(value)) */
  logSurvivalFunction(...args: Args<'distributions.GeneralizedPareto.logSurvivalFunction'>): Tensor {
    const { value } = bind('distributions.GeneralizedPareto.logSurvivalFunction', args, { name: 'GeneralizedPareto.logSurvivalFunction' });
    return this.survival(this.checked(value, 'log_survival_function'));
  }
  private survival(value: Tensor) {
    const z = this.z(value);
    const [safe, eqZero] = this.safeConcentration();
    return torch.where(eqZero, z.neg(), safe.mul(z).log1p().neg().div(safe));
  }
  /** log(cdf(value)) */
  logCdf(...args: Args<'distributions.GeneralizedPareto.logCdf'>): Tensor {
    const { value } = bind('distributions.GeneralizedPareto.logCdf', args, { name: 'GeneralizedPareto.logCdf' });
    return this.logCdfOf(this.checked(value, 'log_cdf'));
  }
  private logCdfOf(value: Tensor) { return this.survival(value).exp().neg().log1p(); }
  protected override computeCdf(value: Tensor) { return this.logCdfOf(value).exp(); }
  protected override computeIcdf(value: Tensor) {
    const [safe, eqZero] = this.safeConcentration();
    const logu = value.neg().log1p();
    const whereNonzero = this.loc.add(this.scale.div(safe).mul(safe.neg().mul(logu).expm1()));
    return torch.where(eqZero, this.loc.sub(this.scale.mul(logu)), whereNonzero);
  }
  override get mean() {
    const valid = this.concentration.lt(1);
    const safe = torch.where(valid, this.concentration, 0.5);
    return torch.where(valid, this.loc.add(this.scale.div(torch.sub(1, safe))), NaN);
  }
  override get variance() {
    const valid = this.concentration.lt(0.5);
    const safe = torch.where(valid, this.concentration, 0.25);
    return torch.where(valid, this.scale.pow(2).div(torch.sub(1, safe).pow(2).mul(torch.sub(1, safe.mul(2)))), NaN);
  }
  override entropy() { return torch.broadcastTo(this.scale.log().add(this.concentration).add(1), this._batchShape); }
  override get mode() { return this.loc; }
}
