// torch.distributions.FisherSnedecor: the F-distribution, a ratio of two scaled chi-squares.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { Distribution, broadcastAll } from './distribution.js';
import { Gamma } from './gamma.js';

/** A Fisher-Snedecor (F) distribution with `df1` and `df2` degrees of freedom. */
export class FisherSnedecor extends Distribution {
  override get hasRsample() { return true; }
  private gamma1: Gamma;
  private gamma2: Gamma;
  constructor(...args: Args<'distributions.FisherSnedecor'>) {
    super();
    const a = bind('distributions.FisherSnedecor', args, { name: 'FisherSnedecor' });
    const [df1, df2] = broadcastAll(a.df1, a.df2);
    this.params.df1 = df1!;
    this.params.df2 = df2!;
    // made (and checked, by default) before the F-distribution's own check, as in Python
    this.gamma1 = new Gamma(df1!.mul(0.5), df1!);
    this.gamma2 = new Gamma(df2!.mul(0.5), df2!);
    this.init(typeof a.df1 === 'number' && typeof a.df2 === 'number' ? [] : df1!.shape, [], a.validateArgs);
  }
  get df1(): Tensor { return this.params.df1!; }
  get df2(): Tensor { return this.params.df2!; }
  override get argConstraints() { return { df1: constraints.positive, df2: constraints.positive }; }
  override get support() { return constraints.positive; }
  protected expandInto(copy: this, batchShape: number[]) {
    copy.params.df1 = this.df1.expand(batchShape);
    copy.params.df2 = this.df2.expand(batchShape);
    copy.gamma1 = this.gamma1.expand(batchShape);
    copy.gamma2 = this.gamma2.expand(batchShape);
  }
  override get mean() {
    const df2 = this.df2.maskedFill(this.df2.le(2), NaN);
    return df2.div(df2.sub(2));
  }
  override get mode() {
    return this.df1.sub(2).div(this.df1).mul(this.df2).div(this.df2.add(2)).maskedFill(this.df1.le(2), NaN);
  }
  override get variance() {
    const df2 = this.df2.maskedFill(this.df2.le(4), NaN);
    return df2.pow(2).mul(2).mul(this.df1.add(df2).sub(2)).div(this.df1.mul(df2.sub(2).pow(2)).mul(df2.sub(4)));
  }
  protected override rdraw(shape: number[]) {
    const sampleShape = shape.slice(0, shape.length - this._batchShape.length);
    const x1 = this.gamma1.rsample(sampleShape).view(shape);
    const x2 = this.gamma2.rsample(sampleShape).view(shape);
    const tiny = torch.finfo(x2.dtype).tiny;
    return x1.div(x2.clamp(tiny)).clamp(tiny);
  }
  protected override computeLogProb(value: Tensor) {
    const ct1 = this.df1.mul(0.5), ct2 = this.df2.mul(0.5), ct3 = this.df1.div(this.df2);
    const t1 = ct1.add(ct2).lgamma().sub(ct1.lgamma()).sub(ct2.lgamma());
    const t2 = ct1.mul(ct3.log()).add(ct1.sub(1).mul(value.log()));
    const t3 = ct1.add(ct2).mul(ct3.mul(value).log1p());
    return t1.add(t2).sub(t3);
  }
}
