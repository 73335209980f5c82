// torch.distributions.transforms: invertible maps with their log |det Jacobian|, which
// TransformedDistribution pushes a base distribution through. Transforms are callable (`t(x)`), as
// in Python, and `t.inv` is the inverse; with cacheSize 1 the last (x, y) pair is remembered, so
// log_prob of a value just sampled inverts nothing (the tanh-squashed Gaussian of SAC relies on it).
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { NotImplementedError, broadcastAll, sumRightmost } from './distribution.js';

export interface Transform {
  /** the forward map, y = t(x) */
  (x: Tensor): Tensor;
}

/** An invertible (or at least left-invertible) map between constraint sets. */
export class Transform {
  // declared, not initialised: the constructor returns a callable `self` and sets these on it
  /** @internal */
  declare protected cacheSize: number;
  declare private cached: [Tensor | null, Tensor | null];
  /** @internal */
  declare protected inverseTransform: Transform | null;

  constructor(...args: Args<'distributions.transforms.ExpTransform'>) {
    const { cacheSize } = bind('distributions.transforms.ExpTransform', args, { name: new.target.name });
    // a function object with this class's prototype: callable, and still a Transform
    const self = function (x: Tensor) {
      return (self as unknown as Transform).forwardCall(x);
    } as unknown as Transform;
    Object.setPrototypeOf(self, new.target.prototype);
    delete (self as { name?: string }).name;
    delete (self as { length?: number }).length;
    if (cacheSize !== 0 && cacheSize !== 1) throw new RangeError('cache_size must be 0 or 1');
    self.cacheSize = cacheSize;
    self.cached = [null, null];
    self.inverseTransform = null;
    return self;
  }

  /** the region of x */
  get domain(): constraints.Constraint { return constraints.real; }
  /** the region of y */
  get codomain(): constraints.Constraint { return constraints.real; }
  /** whether the map is invertible */
  get bijective(): boolean { return false; }
  /** the sign of the derivative, for monotone maps (1 or -1) */
  get sign(): number | Tensor { throw new NotImplementedError(); }
  /** the number of rightmost dimensions that make up one event */
  get eventDim(): number {
    if (this.domain.eventDim === this.codomain.eventDim) return this.domain.eventDim;
    throw new RangeError('Please use either .domain.event_dim or .codomain.event_dim');
  }
  /** the inverse transform */
  get inv(): Transform {
    return (this.inverseTransform ??= new InverseTransform(this));
  }
  /** This transform with a cache of the last (x, y) pair (cacheSize 1) or none (0). */
  withCache(...args: Args<'distributions.transforms.Transform.withCache'>): Transform {
    const { cacheSize } = bind('distributions.transforms.Transform.withCache', args, { name: 'withCache' });
    if (this.cacheSize === cacheSize) return this;
    return this.copyWithCache(cacheSize);
  }
  /** @internal */
  protected copyWithCache(cacheSize: number): Transform {
    const T = this.constructor as new (cacheSize: number) => Transform;
    if (T.length > 1) throw new NotImplementedError(`${this.constructor.name}.with_cache is not implemented`);
    return new T(cacheSize);
  }
  /** @internal y = t(x), through the cache */
  forwardCall(x: Tensor): Tensor {
    if (this.cacheSize === 0) return this.call(x);
    const [xOld, yOld] = this.cached;
    if (x === xOld) return yOld!;
    const y = this.call(x);
    this.cached = [x, y];
    return y;
  }
  /** @internal x = t⁻¹(y), through the cache */
  inverseCall(y: Tensor): Tensor {
    if (this.cacheSize === 0) return this.inverse(y);
    const [xOld, yOld] = this.cached;
    if (y === yOld) return xOld!;
    const x = this.inverse(y);
    this.cached = [x, y];
    return x;
  }
  /** @internal */
  protected call(_x: Tensor): Tensor { throw new NotImplementedError(); }
  /** @internal */
  protected inverse(_y: Tensor): Tensor { throw new NotImplementedError(); }
  /** log |dy/dx| at (x, y). */
  logAbsDetJacobian(...args: Args<'distributions.transforms.Transform.logAbsDetJacobian'>): Tensor {
    const { x, y } = bind('distributions.transforms.Transform.logAbsDetJacobian', args, { name: 'logAbsDetJacobian' });
    return this.jacobian(x, y);
  }
  /** @internal */
  jacobian(_x: Tensor, _y: Tensor): Tensor { throw new NotImplementedError(); }
  /** The shape of t(x) for x of this shape. */
  forwardShape(...args: Args<'distributions.transforms.Transform.forwardShape'>): number[] {
    return this.shapeForward(bind('distributions.transforms.Transform.forwardShape', args, { name: 'forwardShape' }).shape);
  }
  /** The shape of t⁻¹(y) for y of this shape. */
  inverseShape(...args: Args<'distributions.transforms.Transform.inverseShape'>): number[] {
    return this.shapeInverse(bind('distributions.transforms.Transform.inverseShape', args, { name: 'inverseShape' }).shape);
  }
  /** @internal */
  shapeForward(shape: number[]): number[] { return shape; }
  /** @internal */
  shapeInverse(shape: number[]): number[] { return shape; }
  /** @internal Python's __eq__: the same map (by default, the same object) */
  equals(other: Transform): boolean { return this === other; }
  toString(): string { return `${this.constructor.name}()`; }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
}
/** Parameterless transforms are equal to any other of their class. */
const sameClass = (a: Transform, b: Transform) => a.constructor === b.constructor;
const sameValue = (a: Tensor | number, b: Tensor | number) =>
  typeof a === 'number' && typeof b === 'number' ? a === b : Boolean(torch.eq(a as Tensor, b as Tensor).all().item());

/** t.inv: calls t's inverse, negates its log-Jacobian (Python's _InverseTransform). */
class InverseTransform extends Transform {
  constructor(private readonly base: Transform) {
    super((base as unknown as { cacheSize: number }).cacheSize);
    this.inverseTransform = base;
  }
  override get domain() { return this.base.codomain; }
  override get codomain() { return this.base.domain; }
  override get bijective() { return this.base.bijective; }
  override get sign() { return this.base.sign; }
  override get inv() { return this.base; }
  protected override copyWithCache(cacheSize: number) { return this.base.withCache(cacheSize).inv; }
  override forwardCall(y: Tensor) { return this.base.inverseCall(y); }
  override jacobian(x: Tensor, y: Tensor) { return this.base.jacobian(y, x).neg(); }
  override shapeForward(shape: number[]) { return this.base.shapeInverse(shape); }
  override shapeInverse(shape: number[]) { return this.base.shapeForward(shape); }
  override equals(other: Transform): boolean { return other instanceof InverseTransform && this.base.equals(other.base); }
  override toString() { return `_InverseTransform(${this.base})`; }
}

/** Transforms applied one after another (parts[0] first). */
export class ComposeTransform extends Transform {
  readonly parts: Transform[];
  constructor(...args: Args<'distributions.transforms.ComposeTransform'>) {
    const a = bind('distributions.transforms.ComposeTransform', args, { name: 'ComposeTransform' });
    if (!Array.isArray(a.parts) || !a.parts.every((p) => p instanceof Transform)) throw new TypeError('Expected an array of Transforms for parts');
    super(a.cacheSize);
    this.parts = a.cacheSize ? a.parts.map((p) => p.withCache(a.cacheSize)) : [...a.parts];
  }
  override get domain() {
    if (this.parts.length === 0) return constraints.real;
    const domain = this.parts[0]!.domain;
    let eventDim = this.parts[this.parts.length - 1]!.codomain.eventDim;
    for (const part of [...this.parts].reverse()) eventDim = Math.max(eventDim + part.domain.eventDim - part.codomain.eventDim, part.domain.eventDim);
    return eventDim > domain.eventDim ? constraints.independent(domain, eventDim - domain.eventDim) : domain;
  }
  override get codomain() {
    if (this.parts.length === 0) return constraints.real;
    const codomain = this.parts[this.parts.length - 1]!.codomain;
    let eventDim = this.parts[0]!.domain.eventDim;
    for (const part of this.parts) eventDim = Math.max(eventDim + part.codomain.eventDim - part.domain.eventDim, part.codomain.eventDim);
    return eventDim > codomain.eventDim ? constraints.independent(codomain, eventDim - codomain.eventDim) : codomain;
  }
  override get bijective() { return this.parts.every((p) => p.bijective); }
  override get sign() {
    let sign: number | Tensor = 1;
    for (const p of this.parts) sign = typeof sign === 'number' && typeof p.sign === 'number' ? sign * p.sign : torch.mul(sign as Tensor, p.sign as Tensor);
    return sign;
  }
  override get inv(): Transform {
    if (!this.inverseTransform) {
      const inv = new ComposeTransform(this.parts.map((p) => p.inv).reverse());
      inv.inverseTransform = this;
      this.inverseTransform = inv;
    }
    return this.inverseTransform;
  }
  protected override copyWithCache(cacheSize: number) { return new ComposeTransform(this.parts, cacheSize); }
  override forwardCall(x: Tensor) {
    for (const part of this.parts) x = part(x);
    return x;
  }
  override jacobian(x: Tensor, y: Tensor) {
    if (this.parts.length === 0) return torch.zerosLike(x);
    const xs = [x];
    for (const part of this.parts.slice(0, -1)) xs.push(part(xs[xs.length - 1]!));
    xs.push(y);
    let eventDim = this.domain.eventDim;
    let total: Tensor | null = null;
    this.parts.forEach((part, i) => {
      const term = sumRightmost(part.jacobian(xs[i]!, xs[i + 1]!), eventDim - part.domain.eventDim);
      total = total ? total.add(term) : term;
      eventDim += part.codomain.eventDim - part.domain.eventDim;
    });
    return total!;
  }
  override shapeForward(shape: number[]) { return this.parts.reduce((s, p) => p.shapeForward(s), shape); }
  override shapeInverse(shape: number[]) { return [...this.parts].reverse().reduce((s, p) => p.shapeInverse(s), shape); }
  override equals(other: Transform): boolean {
    return other instanceof ComposeTransform && other.parts.length === this.parts.length && this.parts.every((p, i) => p.equals(other.parts[i]!));
  }
  override toString() { return `ComposeTransform(\n    ${this.parts.map(String).join(',\n    ')}\n)`; }
}

/** baseTransform with its rightmost reinterpretedBatchNdims dimensions made part of the event. */
export class IndependentTransform extends Transform {
  readonly baseTransform: Transform;
  readonly reinterpretedBatchNdims: number;
  constructor(...args: Args<'distributions.transforms.IndependentTransform'>) {
    const a = bind('distributions.transforms.IndependentTransform', args, { name: 'IndependentTransform' });
    super(a.cacheSize);
    this.baseTransform = a.baseTransform.withCache(a.cacheSize);
    this.reinterpretedBatchNdims = a.reinterpretedBatchNdims;
  }
  protected override copyWithCache(cacheSize: number) { return new IndependentTransform(this.baseTransform, this.reinterpretedBatchNdims, cacheSize); }
  override get domain() { return constraints.independent(this.baseTransform.domain, this.reinterpretedBatchNdims); }
  override get codomain() { return constraints.independent(this.baseTransform.codomain, this.reinterpretedBatchNdims); }
  override get bijective() { return this.baseTransform.bijective; }
  override get sign() { return this.baseTransform.sign; }
  protected override call(x: Tensor) {
    if (x.dim() < this.domain.eventDim) throw new RangeError('Too few dimensions on input');
    return this.baseTransform(x);
  }
  protected override inverse(y: Tensor) {
    if (y.dim() < this.codomain.eventDim) throw new RangeError('Too few dimensions on input');
    return this.baseTransform.inv(y);
  }
  override jacobian(x: Tensor, y: Tensor) { return sumRightmost(this.baseTransform.jacobian(x, y), this.reinterpretedBatchNdims); }
  override shapeForward(shape: number[]) { return this.baseTransform.shapeForward(shape); }
  override shapeInverse(shape: number[]) { return this.baseTransform.shapeInverse(shape); }
  override toString() { return `IndependentTransform(${this.baseTransform}, ${this.reinterpretedBatchNdims})`; }
}

/** y = exp(x) */
export class ExpTransform extends Transform {
  override equals(other: Transform) { return sameClass(this, other); }
  override get codomain() { return constraints.positive; }
  override get bijective() { return true; }
  override get sign() { return 1; }
  protected override call(x: Tensor) { return x.exp(); }
  protected override inverse(y: Tensor) { return y.log(); }
  override jacobian(x: Tensor) { return x; }
}

/** y = x ** exponent */
export class PowerTransform extends Transform {
  readonly exponent: Tensor;
  constructor(...args: Args<'distributions.transforms.PowerTransform'>) {
    const a = bind('distributions.transforms.PowerTransform', args, { name: 'PowerTransform' });
    super(a.cacheSize);
    [this.exponent] = broadcastAll(a.exponent);
  }
  protected override copyWithCache(cacheSize: number) { return new PowerTransform(this.exponent, cacheSize); }
  override get domain() { return constraints.positive; }
  override get codomain() { return constraints.positive; }
  override get bijective() { return true; }
  override get sign() { return this.exponent.sign(); }
  override equals(other: Transform): boolean { return other instanceof PowerTransform && sameValue(this.exponent, other.exponent); }
  protected override call(x: Tensor) { return x.pow(this.exponent); }
  protected override inverse(y: Tensor) { return y.pow(this.exponent.reciprocal()); }
  override jacobian(x: Tensor, y: Tensor) { return this.exponent.mul(y).div(x).abs().log(); }
  override shapeForward(shape: number[]) { return torch.broadcastShapes(shape, this.exponent.shape); }
  override shapeInverse(shape: number[]) { return torch.broadcastShapes(shape, this.exponent.shape); }
}

/** y = sigmoid(x), clipped away from 0 and 1 */
export class SigmoidTransform extends Transform {
  override equals(other: Transform) { return sameClass(this, other); }
  override get codomain() { return constraints.unitInterval; }
  override get bijective() { return true; }
  override get sign() { return 1; }
  protected override call(x: Tensor) {
    const finfo = torch.finfo(x.dtype);
    return x.sigmoid().clamp(finfo.tiny, 1 - finfo.eps);
  }
  protected override inverse(y: Tensor) {
    const finfo = torch.finfo(y.dtype);
    const c = y.clamp(finfo.tiny, 1 - finfo.eps);
    return c.log().sub(c.neg().log1p());
  }
  override jacobian(x: Tensor) {
    const F = torch.nn.functional;
    return F.softplus(x.neg()).neg().sub(F.softplus(x));
  }
}

/** y = log(1 + exp(x)) */
export class SoftplusTransform extends Transform {
  override equals(other: Transform) { return sameClass(this, other); }
  override get codomain() { return constraints.positive; }
  override get bijective() { return true; }
  override get sign() { return 1; }
  protected override call(x: Tensor) { return torch.nn.functional.softplus(x); }
  protected override inverse(y: Tensor) { return y.neg().expm1().neg().log().add(y); }
  override jacobian(x: Tensor) { return torch.nn.functional.softplus(x.neg()).neg(); }
}

/** y = tanh(x) */
export class TanhTransform extends Transform {
  override equals(other: Transform) { return sameClass(this, other); }
  override get codomain() { return constraints.interval(-1, 1); }
  override get bijective() { return true; }
  override get sign() { return 1; }
  protected override call(x: Tensor) { return x.tanh(); }
  protected override inverse(y: Tensor) { return y.atanh(); }
  // PyTorch's numerically stable form of log(1 - tanh(x)^2)
  override jacobian(x: Tensor) { return torch.sub(Math.log(2), x).sub(torch.nn.functional.softplus(x.mul(-2))).mul(2); }
}

/** y = |x| (not invertible: the inverse picks the positive root) */
export class AbsTransform extends Transform {
  override equals(other: Transform) { return sameClass(this, other); }
  override get codomain() { return constraints.positive; }
  protected override call(x: Tensor) { return x.abs(); }
  protected override inverse(y: Tensor) { return y; }
}

/** y = loc + scale * x */
export class AffineTransform extends Transform {
  readonly loc: Tensor | number;
  readonly scale: Tensor | number;
  private readonly affineEventDim: number;
  constructor(...args: Args<'distributions.transforms.AffineTransform'>) {
    const a = bind('distributions.transforms.AffineTransform', args, { name: 'AffineTransform' });
    super(a.cacheSize);
    this.loc = a.loc;
    this.scale = a.scale;
    this.affineEventDim = a.eventDim;
  }
  protected override copyWithCache(cacheSize: number) { return new AffineTransform(this.loc, this.scale, this.affineEventDim, cacheSize); }
  override get eventDim() { return this.affineEventDim; }
  override get domain() { return this.affineEventDim === 0 ? constraints.real : constraints.independent(constraints.real, this.affineEventDim); }
  override get codomain() { return this.domain; }
  override get bijective() { return true; }
  override get sign() { return typeof this.scale === 'number' ? Math.sign(this.scale) : this.scale.sign(); }
  override equals(other: Transform): boolean {
    return other instanceof AffineTransform && sameValue(this.loc, other.loc) && sameValue(this.scale, other.scale);
  }
  protected override call(x: Tensor) { return x.mul(this.scale as Tensor).add(this.loc as Tensor); }
  protected override inverse(y: Tensor) { return y.sub(this.loc as Tensor).div(this.scale as Tensor); }
  override jacobian(x: Tensor) {
    let shape = x.shape;
    let result = typeof this.scale === 'number' ? torch.fullLike(x, Math.log(Math.abs(this.scale))) : this.scale.abs().log();
    if (this.affineEventDim) {
      result = result.view([...result.shape.slice(0, result.dim() - this.affineEventDim), -1]).sum(-1);
      shape = shape.slice(0, shape.length - this.affineEventDim);
    }
    return result.expand(shape);
  }
  private paramShapes() { return [this.loc, this.scale].map((p) => (typeof p === 'number' ? [] : p.shape)); }
  override shapeForward(shape: number[]) { return torch.broadcastShapes(shape, ...this.paramShapes()); }
  override shapeInverse(shape: number[]) { return torch.broadcastShapes(shape, ...this.paramShapes()); }
}

/** y = softmax(x) over the last dimension (not bijective: the inverse is log up to a constant) */
export class SoftmaxTransform extends Transform {
  override equals(other: Transform) { return sameClass(this, other); }
  override get codomain() { return constraints.simplex; }
  override get domain() { return constraints.realVector; }
  protected override call(x: Tensor) {
    const probs = x.sub(x.max(-1, true)[0]!).exp();
    return probs.div(probs.sum(-1, true));
  }
  protected override inverse(y: Tensor) { return y.log(); }
  override shapeForward(shape: number[]) {
    if (shape.length < 1) throw new RangeError('Too few dimensions on input');
    return shape;
  }
  override shapeInverse(shape: number[]) { return this.shapeForward(shape); }
}

/** The identity (a ComposeTransform of no parts), as Python's transforms.identity_transform. */
export const identityTransform: Transform = new ComposeTransform([]);
