// torch.distributions.StudentT: Student's t with df degrees of freedom, location loc and scale scale;
// samples as normal / sqrt(chi2 / df).
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { Distribution, broadcastAll, standardNormal } from './distribution.js';
import { Chi2 } from './chi2.js';

/** A Student's t-distribution with `df` degrees of freedom, location `loc` and scale `scale`. */
export class StudentT extends Distribution {
  override get hasRsample() { return true; }
  /** @internal */
  chi2: Chi2;
  constructor(...args: Args<'distributions.StudentT'>) {
    super();
    const a = bind('distributions.StudentT', args, { name: 'StudentT' });
    [this.params.df, this.params.loc, this.params.scale] = broadcastAll(a.df, a.loc, a.scale);
    this.chi2 = new Chi2(this.df);
    this.init(this.df.shape, [], a.validateArgs);
  }
  get df(): Tensor { return this.params.df!; }
  get loc(): Tensor { return this.params.loc!; }
  get scale(): Tensor { return this.params.scale!; }
  override get argConstraints() { return { df: constraints.positive, loc: constraints.real, scale: constraints.positive }; }
  override get support() { return constraints.real; }
  override get mean() { return this.loc.clone({ memoryFormat: torch.contiguousFormat }).maskedFill_(this.df.le(1), NaN); }
  override get mode() { return this.loc; }
  override get variance() {
    const df = this.df;
    const finite = torch.where(df.gt(2), this.scale.pow(2).mul(df).div(df.sub(2)), df);
    return finite.maskedFill_(df.le(2).logicalAnd(df.gt(1)), Infinity).maskedFill_(df.le(1), NaN);
  }
  protected expandInto(copy: this, batchShape: number[]) {
    for (const name of ['df', 'loc', 'scale']) copy.params[name] = this.params[name]!.expand(batchShape);
    copy.chi2 = this.chi2.expand(batchShape);
  }
  protected override rdraw(shape: number[]) {
    const X = standardNormal(shape, this.df);
    const Z = this.chi2.rsample(shape.slice(0, shape.length - this._batchShape.length));
    return this.loc.add(this.scale.mul(X.mul(Z.div(this.df).rsqrt())));
  }
  protected override computeLogProb(value: Tensor) {
    const y = value.sub(this.loc).div(this.scale);
    const Z = this.scale.log().add(this.df.log().mul(0.5)).add(0.5 * Math.log(Math.PI))
      .add(this.df.mul(0.5).lgamma()).sub(this.df.add(1).mul(0.5).lgamma());
    return this.df.add(1).mul(-0.5).mul(y.pow(2).div(this.df).log1p()).sub(Z);
  }
  override entropy() {
    const lgammaHalf = 0.5723649429247001; // math.lgamma(0.5) = log(sqrt(pi))
    const lbeta = this.df.mul(0.5).lgamma().add(lgammaHalf).sub(this.df.add(1).mul(0.5).lgamma());
    const half = this.df.add(1).mul(0.5);
    return this.scale.log().add(half.mul(half.digamma().sub(this.df.mul(0.5).digamma()))).add(this.df.log().mul(0.5)).add(lbeta);
  }
}
