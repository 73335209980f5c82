// torch.distributions.VonMises: the circular analogue of the normal distribution, on angles.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { Distribution, formatValue } from './distribution.js';

// Abramowitz & Stegun's polynomial approximations of the modified Bessel functions I0 and I1
const COEF_SMALL = [
  [1.0, 3.5156229, 3.0899424, 1.2067492, 0.2659732, 0.360768e-1, 0.45813e-2],
  [0.5, 0.87890594, 0.51498869, 0.15084934, 0.2658733e-1, 0.301532e-2, 0.32411e-3],
];
const COEF_LARGE = [
  [0.39894228, 0.1328592e-1, 0.225319e-2, -0.157565e-2, 0.916281e-2, -0.2057706e-1, 0.2635537e-1, -0.1647633e-1, 0.392377e-2],
  [0.39894228, -0.3988024e-1, -0.362018e-2, 0.163801e-2, -0.1031555e-1, 0.2282967e-1, -0.2895312e-1, 0.1787654e-1, -0.420059e-2],
];
function evalPoly(y: Tensor, coef: number[]): Tensor {
  let result: Tensor | number = coef[coef.length - 1]!;
  for (let i = coef.length - 2; i >= 0; i--) result = y.mul(result).add(coef[i]!);
  return result as Tensor;
}
/** log I_order(x), order 0 or 1 */
function logModifiedBessel(x: Tensor, order: 0 | 1): Tensor {
  const y = x.div(3.75), ySmall = y.mul(y);
  let small = evalPoly(ySmall, COEF_SMALL[order]!);
  if (order === 1) small = x.abs().mul(small);
  const large = x.sub(x.log().mul(0.5)).add(evalPoly(torch.div(3.75, x), COEF_LARGE[order]!).log());
  return torch.where(x.lt(3.75), small.log(), large);
}

/** A von Mises distribution on angles in [-pi, pi) with mean direction `loc` and `concentration`. */
export class VonMises extends Distribution {
  constructor(...args: Args<'distributions.VonMises'>) {
    super();
    const a = bind('distributions.VonMises', args, { name: 'VonMises' });
    this.initBroadcast({ loc: a.loc, concentration: a.concentration }, a.validateArgs);
  }
  get loc(): Tensor { return this.params.loc!; }
  get concentration(): Tensor { return this.params.concentration!; }
  override get argConstraints() { return { loc: constraints.real, concentration: constraints.positive }; }
  override get support() { return constraints.real; }
  protected expandInto(copy: this, batchShape: number[]) {
    copy.params.loc = this.loc.expand(batchShape);
    copy.params.concentration = this.concentration.expand(batchShape);
  }
  override get mean() { return this.loc; }
  override get mode() { return this.loc; }
  override get variance() {
    return this.lazyParam('variance', () => torch.sub(1, logModifiedBessel(this.concentration, 1).sub(logModifiedBessel(this.concentration, 0)).exp()));
  }
  protected override computeLogProb(value: Tensor) {
    return this.concentration.mul(value.sub(this.loc).cos()).sub(Math.log(2 * Math.PI)).sub(logModifiedBessel(this.concentration, 0));
  }
  // the sampler's parameters in double precision, computed once (Python's lazy properties)
  private get locDouble(): Tensor { return this.lazyParam('locDouble', () => this.loc.double()); }
  private get concentrationDouble(): Tensor { return this.lazyParam('concentrationDouble', () => this.concentration.double()); }
  /** the rejection sampler's proposal parameter */
  private get proposalR(): Tensor {
    return this.lazyParam('proposalR', () => {
      const kappa = this.concentrationDouble;
      const tau = kappa.pow(2).mul(4).add(1).sqrt().add(1);
      const rho = tau.sub(tau.mul(2).sqrt()).div(kappa.mul(2));
      const r = rho.pow(2).add(1).div(rho.mul(2));
      return torch.where(kappa.lt(1e-5), kappa.reciprocal().add(kappa), r);
    });
  }
  // Best & Fisher's rejection sampler, in double precision
  protected override draw(shape: number[]) {
    // the sampler loops until every draw is accepted, which a NaN or infinite concentration never is
    // (Python hangs there): refused instead, as an unchecked distribution (validateArgs false) can hold one
    const c = this.concentration;
    if (!c.isfinite().logicalAnd(c.gt(0)).all().item()) {
      throw new RangeError(`Expected finite positive values for concentration to sample VonMises but received ${formatValue(c)}`);
    }
    const loc = this.locDouble, concentration = this.concentrationDouble, proposalR = this.proposalR;
    let x = torch.empty(shape, { dtype: torch.float64, device: this.loc.device });
    let done = torch.zeros(shape, { dtype: torch.bool, device: this.loc.device });
    while (!done.all().item()) {
      const [u1, u2, u3] = torch.rand([3, ...shape], { dtype: torch.float64, device: this.loc.device }).unbind();
      const z = u1!.mul(Math.PI).cos();
      const f = proposalR.mul(z).add(1).div(proposalR.add(z));
      const c = concentration.mul(proposalR.sub(f));
      const accept = c.mul(torch.sub(2, c)).sub(u2!).gt(0).logicalOr(c.div(u2!).log().add(1).sub(c).ge(0));
      if (accept.any().item()) {
        x = torch.where(accept, u3!.sub(0.5).sign().mul(f.acos()), x);
        done = done.logicalOr(accept);
      }
    }
    return x.add(Math.PI).add(loc).remainder(2 * Math.PI).sub(Math.PI).to(this.loc.dtype);
  }
}
