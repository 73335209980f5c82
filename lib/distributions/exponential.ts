// torch.distributions.Exponential: waiting times of a Poisson process with the given rate.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { ExponentialFamily } from './distribution.js';

/** An exponential distribution with rate `rate` (mean 1 / rate). */
export class Exponential extends ExponentialFamily {
  override get hasRsample() { return true; }
  constructor(...args: Args<'distributions.Exponential'>) {
    super();
    const a = bind('distributions.Exponential', args, { name: 'Exponential' });
    this.initBroadcast({ rate: a.rate }, a.validateArgs);
  }
  get rate(): Tensor { return this.params.rate!; }
  override get argConstraints() { return { rate: constraints.positive }; }
  override get support() { return constraints.nonnegative; }
  override get mean() { return this.rate.reciprocal(); }
  override get mode() { return torch.zerosLike(this.rate); }
  override get stddev() { return this.rate.reciprocal(); }
  override get variance() { return this.rate.pow(-2); }
  protected expandInto(copy: this, batchShape: number[]) {
    copy.params.rate = this.rate.expand(batchShape);
  }
  protected override rdraw(shape: number[]) {
    return torch.empty(shape, { dtype: this.rate.dtype, device: this.rate.device }).exponential_().div(this.rate);
  }
  protected override computeLogProb(value: Tensor) { return this.rate.log().sub(this.rate.mul(value)); }
  protected override computeCdf(value: Tensor) { return torch.sub(1, this.rate.neg().mul(value).exp()); }
  protected override computeIcdf(value: Tensor) { return value.neg().log1p().neg().div(this.rate); }
  override entropy() { return torch.sub(1, this.rate.log()); }
  get naturalParams() { return [this.rate.neg()]; }
  logNormalizer(x: Tensor) { return x.neg().log().neg(); }
  override get meanCarrierMeasure() { return 0; }
}
