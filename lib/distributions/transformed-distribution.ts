// torch.distributions.TransformedDistribution: a base distribution pushed through transforms, with
// log_prob by the change of variables; LogNormal, HalfNormal, HalfCauchy and Gumbel are built on it
// as PyTorch builds them.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import { badArg } from '../errors.js';
import * as constraints from './constraints.js';
import { Distribution, broadcastAll, sizeRepr, sumRightmost } from './distribution.js';
import { Independent } from './independent.js';
import { Normal } from './normal.js';
import { Cauchy } from './cauchy.js';
import { Uniform } from './uniform.js';
import { Exponential } from './exponential.js';
import { AbsTransform, AffineTransform, ComposeTransform, ExpTransform, PowerTransform, Transform } from './transforms.js';

const EULER = 0.5772156649015329;

/** `baseDistribution` pushed through `transforms` (one, or several applied in order). */
export class TransformedDistribution extends Distribution {
  /** the distribution the transforms are applied to (expanded or made Independent as needed) */
  baseDist: Distribution;
  transforms: Transform[];
  constructor(...args: Args<'distributions.TransformedDistribution'>) {
    super();
    const a = bind('distributions.TransformedDistribution', args, { name: 'TransformedDistribution' });
    this.transforms = [];
    this.baseDist = undefined as unknown as Distribution;
    this.setUp(a.baseDistribution, a.transforms, a.validateArgs);
  }
  /** @internal Python's TransformedDistribution.__init__, which subclasses call with their own base and transforms */
  protected setUp(base: Distribution, transforms: Transform | Transform[], validateArgs: boolean | null | undefined): void {
    if (!(base instanceof Distribution)) badArg('Distribution', 'base_distribution', base);
    if (transforms instanceof Transform) this.transforms = [transforms];
    else if (Array.isArray(transforms)) {
      if (!transforms.every((t) => t instanceof Transform)) throw new RangeError('transforms must be a Transform or a list of Transforms');
      this.transforms = transforms;
    } else throw new RangeError(`transforms must be a Transform or list, but was ${String(transforms)}`);
    const baseShape = [...base.batchShape, ...base.eventShape];
    const baseEventDim = base.eventShape.length;
    const transform = new ComposeTransform(this.transforms);
    if (baseShape.length < transform.domain.eventDim) {
      throw new RangeError(`base_distribution needs to have shape with size at least ${transform.domain.eventDim}, but got ${sizeRepr(baseShape)}.`);
    }
    const forwardShape = transform.shapeForward(baseShape);
    const expandedBaseShape = transform.shapeInverse(forwardShape);
    if (baseShape.join() !== expandedBaseShape.join()) {
      base = base.expand(expandedBaseShape.slice(0, expandedBaseShape.length - baseEventDim));
    }
    const reinterpreted = transform.domain.eventDim - baseEventDim;
    if (reinterpreted > 0) base = new Independent(base, reinterpreted);
    this.baseDist = base;
    const change = transform.codomain.eventDim - transform.domain.eventDim;
    const eventDim = Math.max(transform.codomain.eventDim, baseEventDim + change);
    const cut = forwardShape.length - eventDim;
    this.init(forwardShape.slice(0, cut), forwardShape.slice(cut), validateArgs ?? null);
  }
  override get hasRsample() { return this.baseDist.hasRsample; }
  override get support(): constraints.Constraint {
    if (this.transforms.length === 0) return this.baseDist.support;
    let support = this.transforms[this.transforms.length - 1]!.codomain;
    if (this._eventShape.length > support.eventDim) support = constraints.independent(support, this._eventShape.length - support.eventDim);
    return support;
  }
  protected expandInto(copy: this, batchShape: number[]) {
    let shape = [...batchShape, ...this._eventShape];
    for (const t of [...this.transforms].reverse()) shape = t.shapeInverse(shape);
    copy.baseDist = this.baseDist.expand(shape.slice(0, shape.length - this.baseDist.eventShape.length));
    copy.transforms = this.transforms;
  }
  private sampleShapeOf(shape: number[]) { return shape.slice(0, shape.length - this._batchShape.length - this._eventShape.length); }
  protected override draw(shape: number[]) {
    let x = this.baseDist.sample(this.sampleShapeOf(shape));
    for (const t of this.transforms) x = t(x);
    return x;
  }
  protected override rdraw(shape: number[]) {
    let x = this.baseDist.rsample(this.sampleShapeOf(shape));
    for (const t of this.transforms) x = t(x);
    return x;
  }
  protected override computeLogProb(value: Tensor) {
    let eventDim = this._eventShape.length;
    let logProb: Tensor | number = 0;
    let y = value;
    for (const t of [...this.transforms].reverse()) {
      const x = t.inv(y);
      eventDim += t.domain.eventDim - t.codomain.eventDim;
      logProb = torch.sub(logProb as Tensor, sumRightmost(t.jacobian(x, y), eventDim - t.domain.eventDim));
      y = x;
    }
    return torch.add(logProb as Tensor, sumRightmost(this.baseDist.logProb(y), eventDim - this.baseDist.eventShape.length));
  }
  private monotonize(value: Tensor): Tensor {
    const sign = new ComposeTransform(this.transforms).sign;
    return sign === 1 ? value : value.sub(0.5).mul(sign as Tensor).add(0.5);
  }
  // Python inverts the value, then lets the base distribution check it
  protected override checked(value: unknown, method: string): Tensor {
    return method === 'cdf' ? this.asTensor(value, method) : super.checked(value, method);
  }
  protected override computeCdf(value: Tensor) {
    for (const t of [...this.transforms].reverse()) value = t.inv(value);
    return this.monotonize(this.baseDist.cdf(value));
  }
  protected override computeIcdf(value: Tensor) {
    let v = this.baseDist.icdf(this.monotonize(value));
    for (const t of this.transforms) v = t(v);
    return v;
  }
}

/** exp(X) for X ~ Normal(loc, scale). */
export class LogNormal extends TransformedDistribution {
  constructor(...args: Args<'distributions.LogNormal'>) {
    const a = bind('distributions.LogNormal', args, { name: 'LogNormal' });
    const base = new Normal(a.loc, a.scale, a.validateArgs);
    super(base, new ExpTransform(), a.validateArgs);
  }
  get loc(): Tensor { return (this.baseDist as Normal).loc; }
  get scale(): Tensor { return (this.baseDist as Normal).scale; }
  override get argConstraints() { return { loc: constraints.real, scale: constraints.positive }; }
  // loc and scale live on the base distribution: checked (Python's plain properties), not in the repr
  protected override checkedParam(name: string) { return name === 'loc' ? this.loc : this.scale; }
  override get support() { return constraints.positive; }
  override get hasRsample() { return true; }
  override get mean() { return this.loc.add(this.scale.pow(2).div(2)).exp(); }
  override get mode() { return this.loc.sub(this.scale.square()).exp(); }
  override get variance() {
    const scaleSq = this.scale.pow(2);
    return scaleSq.expm1().mul(this.loc.mul(2).add(scaleSq).exp());
  }
  override entropy() { return this.baseDist.entropy().add(this.loc); }
}

/**
 * |X| for X of a base distribution symmetric about 0 with a `scale` (HalfNormal, HalfCauchy): two
 * classes in PyTorch with one body.
 */
abstract class Folded extends TransformedDistribution {
  get scale(): Tensor { return (this.baseDist as Normal | Cauchy).scale; }
  // scale lives on the base distribution: checked (Python's plain property), not in the repr
  protected override checkedParam(name: string) { return name === 'scale' ? this.scale : undefined; }
  override get argConstraints() { return { scale: constraints.positive }; }
  override get support() { return constraints.nonnegative; }
  override get hasRsample() { return true; }
  override get mode() { return torch.zerosLike(this.scale); }
  /** the value as the density reads it */
  protected prepared(value: Tensor): Tensor { return value; }
  protected override computeLogProb(value: Tensor) {
    const v = this.prepared(value);
    return torch.where(v.ge(0), this.baseDist.logProb(v).add(Math.log(2)), -Infinity);
  }
  // checked as any distribution's value, not inverted first as TransformedDistribution's cdf does
  protected override checked(value: unknown, method: string): Tensor { return Distribution.prototype['checked'].call(this, value, method); }
  protected override computeCdf(value: Tensor) { return this.baseDist.cdf(value).mul(2).sub(1); }
  protected override computeIcdf(prob: Tensor) { return this.baseDist.icdf(prob.add(1).div(2)); }
  override entropy() { return this.baseDist.entropy().sub(Math.log(2)); }
}

/** |X| for X ~ Normal(0, scale). */
export class HalfNormal extends Folded {
  constructor(...args: Args<'distributions.HalfNormal'>) {
    const a = bind('distributions.HalfNormal', args, { name: 'HalfNormal' });
    super(new Normal(0, a.scale, false), new AbsTransform(), a.validateArgs);
  }
  override get mean() { return this.scale.mul(Math.sqrt(2 / Math.PI)); }
  override get variance() { return this.scale.pow(2).mul(1 - 2 / Math.PI); }
}

/** |X| for X ~ Cauchy(0, scale). */
export class HalfCauchy extends Folded {
  constructor(...args: Args<'distributions.HalfCauchy'>) {
    const a = bind('distributions.HalfCauchy', args, { name: 'HalfCauchy' });
    super(new Cauchy(0, a.scale, false), new AbsTransform(), a.validateArgs);
  }
  override get mean() { return torch.full(this.extendedShape(), Infinity, { dtype: this.scale.dtype, device: this.scale.device }); }
  override get variance() { return (this.baseDist as Cauchy).variance; }
  protected override prepared(value: Tensor) { return value.to(this.scale.dtype); }
}

/** The Gumbel (type-1 extreme value) distribution, from Uniform through -log(-log(u)). */
export class Gumbel extends TransformedDistribution {
  constructor(...args: Args<'distributions.Gumbel'>) {
    const a = bind('distributions.Gumbel', args, { name: 'Gumbel' });
    const [loc, scale] = broadcastAll(a.loc, a.scale);
    const finfo = torch.finfo(loc!.dtype);
    const base = typeof a.loc === 'number' && typeof a.scale === 'number'
      ? new Uniform(finfo.tiny, 1 - finfo.eps, a.validateArgs)
      : new Uniform(torch.fullLike(loc!, finfo.tiny), torch.fullLike(loc!, 1 - finfo.eps), a.validateArgs);
    const transforms = [new ExpTransform().inv, new AffineTransform(0, torch.onesLike(scale!).neg()), new ExpTransform().inv, new AffineTransform(a.loc, scale!.neg())];
    super(base, transforms, a.validateArgs);
    this.params.loc = loc!;
    this.params.scale = scale!;
    // PyTorch sets loc and scale before its base __init__ checks them: check them now
    if (this._validateArgs) this.init(this._batchShape, this._eventShape, true);
  }
  get loc(): Tensor { return this.params.loc!; }
  get scale(): Tensor { return this.params.scale!; }
  override get argConstraints() { return { loc: constraints.real, scale: constraints.positive }; }
  override get support() { return constraints.real; }
  protected override expandInto(copy: this, batchShape: number[]) {
    super.expandInto(copy, batchShape);
    copy.params.loc = this.loc.expand(batchShape);
    copy.params.scale = this.scale.expand(batchShape);
  }
  protected override computeLogProb(value: Tensor) {
    const y = this.loc.sub(value).div(this.scale);
    return y.sub(y.exp()).sub(this.scale.log());
  }
  override get mean() { return this.loc.add(this.scale.mul(EULER)); }
  override get mode() { return this.loc; }
  override get stddev() { return this.scale.mul(Math.PI / Math.sqrt(6)); }
  override get variance() { return this.stddev.pow(2); }
  override entropy() { return this.scale.log().add(1 + EULER); }
}

/** A Pareto type-1 distribution with minimum `scale` and tail index `alpha`. */
export class Pareto extends TransformedDistribution {
  constructor(...args: Args<'distributions.Pareto'>) {
    const a = bind('distributions.Pareto', args, { name: 'Pareto' });
    const [scale, alpha] = broadcastAll(a.scale, a.alpha);
    super(new Exponential(alpha!, a.validateArgs), [new ExpTransform(), new AffineTransform(0, scale!)], a.validateArgs);
    this.params.scale = scale!;
    this.params.alpha = alpha!;
    // PyTorch sets scale and alpha before its base __init__ checks them: check them now
    if (this._validateArgs) this.init(this._batchShape, this._eventShape, true);
  }
  get scale(): Tensor { return this.params.scale!; }
  get alpha(): Tensor { return this.params.alpha!; }
  override get argConstraints() { return { alpha: constraints.positive, scale: constraints.positive }; }
  override get support() { return constraints.greaterThanEq(this.scale); }
  protected override expandInto(copy: this, batchShape: number[]) {
    super.expandInto(copy, batchShape);
    copy.params.scale = this.scale.expand(batchShape);
    copy.params.alpha = this.alpha.expand(batchShape);
  }
  override get mean() {
    const a = this.alpha.clamp(1);
    return a.mul(this.scale).div(a.sub(1));
  }
  override get mode() { return this.scale; }
  override get variance() {
    const a = this.alpha.clamp(2);
    return this.scale.pow(2).mul(a).div(a.sub(1).pow(2).mul(a.sub(2)));
  }
  override entropy() { return this.scale.div(this.alpha).log().add(this.alpha.reciprocal().add(1)); }
}

/** A two-parameter Weibull distribution with scale `scale` and shape `concentration`. */
export class Weibull extends TransformedDistribution {
  constructor(...args: Args<'distributions.Weibull'>) {
    const a = bind('distributions.Weibull', args, { name: 'Weibull' });
    const [scale, concentration] = broadcastAll(a.scale, a.concentration);
    const base = new Exponential(torch.onesLike(scale!), a.validateArgs);
    super(base, [new PowerTransform(concentration!.reciprocal()), new AffineTransform(0, scale!)], a.validateArgs);
    this.params.scale = scale!;
    this.params.concentration = concentration!;
    if (this._validateArgs) this.init(this._batchShape, this._eventShape, true);
  }
  get scale(): Tensor { return this.params.scale!; }
  get concentration(): Tensor { return this.params.concentration!; }
  private get concentrationReciprocal() { return this.concentration.reciprocal(); }
  override get argConstraints() { return { scale: constraints.positive, concentration: constraints.positive }; }
  override get support() { return constraints.positive; }
  protected override expandInto(copy: this, batchShape: number[]) {
    copy.params.scale = this.scale.expand(batchShape);
    copy.params.concentration = this.concentration.expand(batchShape);
    copy.baseDist = this.baseDist.expand(batchShape);
    copy.transforms = [new PowerTransform(copy.concentration.reciprocal()), new AffineTransform(0, copy.scale)];
  }
  override get mean() { return this.scale.mul(this.concentrationReciprocal.add(1).lgamma().exp()); }
  override get mode() { return this.scale.mul(this.concentration.sub(1).div(this.concentration).pow(this.concentration.reciprocal())); }
  override get variance() {
    const r = this.concentrationReciprocal;
    return this.scale.pow(2).mul(r.mul(2).add(1).lgamma().exp().sub(r.add(1).lgamma().mul(2).exp()));
  }
  override entropy() {
    const r = this.concentrationReciprocal;
    return torch.sub(1, r).mul(EULER).add(this.scale.mul(r).log()).add(1);
  }
}
