// torch.distributions.Normal: the Gaussian with mean loc and standard deviation scale.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { ExponentialFamily, standardNormal } from './distribution.js';

/** A normal (Gaussian) distribution with mean `loc` and standard deviation `scale`. */
export class Normal extends ExponentialFamily {
  override get hasRsample() { return true; }
  constructor(...args: Args<'distributions.Normal'>) {
    super();
    const a = bind('distributions.Normal', args, { name: 'Normal' });
    this.initBroadcast({ loc: a.loc, scale: a.scale }, a.validateArgs);
  }
  /** the mean */
  get loc(): Tensor { return this.params.loc!; }
  /** the standard deviation */
  get scale(): Tensor { return this.params.scale!; }
  override get argConstraints() { return { loc: constraints.real, scale: constraints.positive }; }
  override get support() { return constraints.real; }
  override get mean() { return this.loc; }
  override get mode() { return this.loc; }
  override get stddev() { return this.scale; }
  override get variance() { return this.stddev.pow(2); }
  protected expandInto(copy: this, batchShape: number[]) {
    copy.params.loc = this.loc.expand(batchShape);
    copy.params.scale = this.scale.expand(batchShape);
  }
  protected override draw(shape: number[]) {
    return torch.normal(this.loc.expand(shape), this.scale.expand(shape));
  }
  protected override rdraw(shape: number[]) {
    return this.loc.add(standardNormal(shape, this.loc).mul(this.scale));
  }
  protected override computeLogProb(value: Tensor) {
    const variance = this.scale.pow(2);
    return value.sub(this.loc).pow(2).neg().div(variance.mul(2)).sub(this.scale.log()).sub(Math.log(Math.sqrt(2 * Math.PI)));
  }
  protected override computeCdf(value: Tensor) {
    return value.sub(this.loc).mul(this.scale.reciprocal()).div(Math.SQRT2).erf().add(1).mul(0.5);
  }
  protected override computeIcdf(value: Tensor) {
    return this.loc.add(this.scale.mul(value.mul(2).sub(1).erfinv()).mul(Math.SQRT2));
  }
  override entropy() {
    return this.scale.log().add(0.5 + 0.5 * Math.log(2 * Math.PI));
  }
  get naturalParams() { return [this.loc.div(this.scale.pow(2)), this.scale.pow(2).reciprocal().mul(-0.5)]; }
  logNormalizer(x: Tensor, y: Tensor) { return x.pow(2).mul(-0.25).div(y).add(y.reciprocal().mul(-Math.PI).log().mul(0.5)); }
  override get meanCarrierMeasure() { return 0; }
}
