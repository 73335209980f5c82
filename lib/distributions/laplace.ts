// torch.distributions.Laplace: the double exponential with location loc and scale scale.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { Distribution } from './distribution.js';

/** A Laplace distribution with location `loc` and scale `scale`. */
export class Laplace extends Distribution {
  override get hasRsample() { return true; }
  constructor(...args: Args<'distributions.Laplace'>) {
    super();
    const a = bind('distributions.Laplace', args, { name: 'Laplace' });
    this.initBroadcast({ loc: a.loc, scale: a.scale }, a.validateArgs);
  }
  get loc(): Tensor { return this.params.loc!; }
  get scale(): Tensor { return this.params.scale!; }
  override get argConstraints() { return { loc: constraints.real, scale: constraints.positive }; }
  override get support() { return constraints.real; }
  override get mean() { return this.loc; }
  override get mode() { return this.loc; }
  override get variance() { return this.scale.pow(2).mul(2); }
  override get stddev() { return this.scale.mul(2 ** 0.5); }
  protected expandInto(copy: this, batchShape: number[]) {
    copy.params.loc = this.loc.expand(batchShape);
    copy.params.scale = this.scale.expand(batchShape);
  }
  protected override rdraw(shape: number[]) {
    const eps = torch.finfo(this.loc.dtype).eps;
    const u = torch.empty(shape, { dtype: this.loc.dtype, device: this.loc.device }).uniform_(eps - 1, 1);
    return this.loc.sub(this.scale.mul(u.sign()).mul(u.abs().neg().log1p()));
  }
  protected override computeLogProb(value: Tensor) {
    return this.scale.mul(2).log().neg().sub(value.sub(this.loc).abs().div(this.scale));
  }
  protected override computeCdf(value: Tensor) {
    const d = value.sub(this.loc);
    return torch.sub(0.5, d.sign().mul(0.5).mul(d.abs().neg().div(this.scale).expm1()));
  }
  protected override computeIcdf(value: Tensor) {
    const term = value.sub(0.5);
    return this.loc.sub(this.scale.mul(term.sign()).mul(term.abs().mul(-2).log1p()));
  }
  override entropy() { return this.scale.mul(2).log().add(1); }
}
