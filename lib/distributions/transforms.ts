// torch.distributions.transforms: invertible maps with their log |det Jacobian|, which
// TransformedDistribution pushes a base distribution through. Transforms are callable (`t(x)`), as
// in Python, and `t.inv` is the inverse; with cacheSize 1 the last (x, y) pair is remembered, so
// log_prob of a value just sampled inverts nothing (the tanh-squashed Gaussian of SAC relies on it).
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { NotImplementedError, broadcastAll, sizeRepr, sumRightmost, tupleRepr, type Distribution } from './distribution.js';

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

/** sigmoid(x) clipped to [tiny, 1 - eps], as Python's _clipped_sigmoid */
function clippedSigmoid(x: Tensor): Tensor {
  const finfo = torch.finfo(x.dtype);
  return x.sigmoid().clamp(finfo.tiny, 1 - finfo.eps);
}

/** y = sigmoid(x), clipped away from 0 and 1 */
export class SigmoidTransform extends Transform {
  override equals(other: Transform) { return sameClass(this, other); }
  override get codomain() { return constraints.unitInterval; }
  override get bijective() { return true; }
  override get sign() { return 1; }
  protected override call(x: Tensor) { return clippedSigmoid(x); }
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

/**
 * From unconstrained vectors to the simplex of one more dimension, by stick-breaking (an iterated
 * sigmoid): bijective, the map LogisticNormal is built on.
 */
export class StickBreakingTransform extends Transform {
  override equals(other: Transform) { return sameClass(this, other); }
  override get domain() { return constraints.realVector; }
  override get codomain() { return constraints.simplex; }
  override get bijective() { return true; }
  /** log(K + 1 - k) for k = 1..K: the offsets that make x = 0 map to the simplex's centre */
  private static logOffset(like: Tensor, k: number): Tensor {
    return torch.arange(k, 0, -1, { dtype: like.dtype, device: like.device }).log();
  }
  protected override call(x: Tensor) {
    const k = x.shape.at(-1)!;
    const z = clippedSigmoid(x.sub(StickBreakingTransform.logOffset(x, k)));
    const zCumprod = torch.sub(1, z).cumprod(-1);
    const F = torch.nn.functional;
    return F.pad(z, [0, 1], 'constant', 1).mul(F.pad(zCumprod, [1, 0], 'constant', 1));
  }
  protected override inverse(y: Tensor) {
    const k = y.shape.at(-1)! - 1;
    const yCrop = y.narrow(-1, 0, k);
    const sf = torch.sub(1, yCrop.cumsum(-1)).clamp(torch.finfo(y.dtype).tiny);
    return yCrop.log().sub(sf.log()).add(StickBreakingTransform.logOffset(y, k));
  }
  override jacobian(x: Tensor, y: Tensor) {
    const k = x.shape.at(-1)!;
    const shifted = x.sub(StickBreakingTransform.logOffset(x, k));
    // 1 - sigmoid(x) = exp(-x) * sigmoid(x)
    return shifted.neg().add(torch.nn.functional.logsigmoid(shifted)).add(y.narrow(-1, 0, y.shape.at(-1)! - 1).log()).sum(-1);
  }
  override shapeForward(shape: number[]) {
    if (shape.length < 1) throw new RangeError('Too few dimensions on input');
    return [...shape.slice(0, -1), shape.at(-1)! + 1];
  }
  override shapeInverse(shape: number[]) {
    if (shape.length < 1) throw new RangeError('Too few dimensions on input');
    return [...shape.slice(0, -1), shape.at(-1)! - 1];
  }
}

/** Reshapes the rightmost dimensions from inShape to outShape (same number of elements). */
export class ReshapeTransform extends Transform {
  readonly inShape: number[];
  readonly outShape: number[];
  constructor(...args: Args<'distributions.transforms.ReshapeTransform'>) {
    const a = bind('distributions.transforms.ReshapeTransform', args, { name: 'ReshapeTransform' });
    const numel = (s: number[]) => s.reduce((n, d) => n * d, 1);
    if (numel(a.inShape) !== numel(a.outShape)) throw new RangeError('in_shape, out_shape have different numbers of elements');
    super(a.cacheSize);
    this.inShape = [...a.inShape];
    this.outShape = [...a.outShape];
  }
  override get bijective() { return true; }
  override get domain() { return constraints.independent(constraints.real, this.inShape.length); }
  override get codomain() { return constraints.independent(constraints.real, this.outShape.length); }
  protected override copyWithCache(cacheSize: number) { return new ReshapeTransform(this.inShape, this.outShape, cacheSize); }
  protected override call(x: Tensor) { return x.reshape([...x.shape.slice(0, x.dim() - this.inShape.length), ...this.outShape]); }
  protected override inverse(y: Tensor) { return y.reshape([...y.shape.slice(0, y.dim() - this.outShape.length), ...this.inShape]); }
  override jacobian(x: Tensor) { return x.newZeros(x.shape.slice(0, x.dim() - this.inShape.length)); }
  override shapeForward(shape: number[]) { return reshapeShape(shape, this.inShape, this.outShape); }
  override shapeInverse(shape: number[]) { return reshapeShape(shape, this.outShape, this.inShape); }
}
function reshapeShape(shape: number[], from: number[], to: number[]): number[] {
  if (shape.length < from.length) throw new RangeError('Too few dimensions on input');
  const cut = shape.length - from.length;
  const tail = shape.slice(cut);
  // Python's message, its two shapes as it words them
  if (tail.join() !== from.join()) throw new RangeError(`Shape mismatch: expected ${tupleRepr(tail)} but got ${sizeRepr(from)}`);
  return [...shape.slice(0, cut), ...to];
}

const transformList = (tseq: unknown): Transform[] => {
  if (!Array.isArray(tseq) || !tseq.every((t) => t instanceof Transform)) throw new RangeError('All elements of tseq must be Transform instances');
  return tseq;
};
/** Python's checks of a Cat/StackTransform input: `dim` in range for it (`rangeName` in the message), `size` entries along it */
function checkSize(t: Tensor, dim: number, size: number, rangeName: 'tensor' | 'x' | 'y', sizeName: 'x' | 'y', what: string) {
  if (!(-t.dim() <= dim && dim < t.dim())) throw new RangeError(`dim ${dim} out of range for ${rangeName} with ${t.dim()} dimensions`);
  if (t.shape.at(dim) !== size) throw new RangeError(`${sizeName}.size(${dim}) = ${t.shape.at(dim)} must equal ${what}`);
}

/** tseq[i] applied to the i-th block of lengths[i] (default 1) entries along dim, as torch.cat joins them. */
export class CatTransform extends Transform {
  readonly transforms: Transform[];
  readonly lengths: number[];
  readonly dim: number;
  constructor(...args: Args<'distributions.transforms.CatTransform'>) {
    const a = bind('distributions.transforms.CatTransform', args, { name: 'CatTransform' });
    let tseq = transformList(a.tseq);
    if (a.cacheSize) tseq = tseq.map((t) => t.withCache(a.cacheSize));
    super(a.cacheSize);
    this.transforms = [...tseq];
    this.lengths = [...(a.lengths ?? this.transforms.map(() => 1))];
    if (this.lengths.length !== this.transforms.length) throw new RangeError(`lengths (${this.lengths.length}) must match transforms (${this.transforms.length})`);
    this.dim = a.dim;
  }
  override get eventDim() { return Math.max(...this.transforms.map((t) => t.eventDim)); }
  /** the entries the transforms cover along dim */
  get length(): number { return this.lengths.reduce((n, l) => n + l, 0); }
  override get bijective() { return this.transforms.every((t) => t.bijective); }
  override get domain() { return constraints.cat(this.transforms.map((t) => t.domain), this.dim, this.lengths); }
  override get codomain() { return constraints.cat(this.transforms.map((t) => t.codomain), this.dim, this.lengths); }
  protected override copyWithCache(cacheSize: number) { return new CatTransform(this.transforms, this.dim, this.lengths, cacheSize); }
  private blocks(t: Tensor): Tensor[] {
    let start = 0;
    return this.lengths.map((l) => { const b = t.narrow(this.dim, start, l); start += l; return b; });
  }
  protected override call(x: Tensor) {
    checkSize(x, this.dim, this.length, 'tensor', 'x', `length ${this.length}`);
    return torch.cat(this.blocks(x).map((b, i) => this.transforms[i]!(b)), this.dim);
  }
  protected override inverse(y: Tensor) {
    checkSize(y, this.dim, this.length, 'tensor', 'y', `length ${this.length}`);
    return torch.cat(this.blocks(y).map((b, i) => this.transforms[i]!.inv(b)), this.dim);
  }
  override jacobian(x: Tensor, y: Tensor) {
    checkSize(x, this.dim, this.length, 'x', 'x', `length ${this.length}`);
    checkSize(y, this.dim, this.length, 'y', 'y', `length ${this.length}`);
    const xs = this.blocks(x), ys = this.blocks(y);
    const eventDim = this.eventDim;
    const terms = this.transforms.map((t, i) => {
      const j = t.jacobian(xs[i]!, ys[i]!);
      return t.eventDim < eventDim ? sumRightmost(j, eventDim - t.eventDim) : j;
    });
    const dim = (this.dim >= 0 ? this.dim - x.dim() : this.dim) + eventDim;
    return dim < 0 ? torch.cat(terms, dim) : terms.reduce((sum, t) => sum.add(t));
  }
}

/** tseq[i] applied to the i-th slice along dim, as torch.stack joins them. */
export class StackTransform extends Transform {
  readonly transforms: Transform[];
  readonly dim: number;
  constructor(...args: Args<'distributions.transforms.StackTransform'>) {
    const a = bind('distributions.transforms.StackTransform', args, { name: 'StackTransform' });
    let tseq = transformList(a.tseq);
    if (a.cacheSize) tseq = tseq.map((t) => t.withCache(a.cacheSize));
    super(a.cacheSize);
    this.transforms = [...tseq];
    this.dim = a.dim;
  }
  override get bijective() { return this.transforms.every((t) => t.bijective); }
  override get domain() { return constraints.stack(this.transforms.map((t) => t.domain), this.dim); }
  override get codomain() { return constraints.stack(this.transforms.map((t) => t.codomain), this.dim); }
  protected override copyWithCache(cacheSize: number) { return new StackTransform(this.transforms, this.dim, cacheSize); }
  private slices(t: Tensor): Tensor[] { return Array.from({ length: t.shape.at(this.dim)! }, (_, i) => t.select(this.dim, i)); }
  private checked(t: Tensor, rangeName: 'tensor' | 'x' | 'y', sizeName: 'x' | 'y') {
    checkSize(t, this.dim, this.transforms.length, rangeName, sizeName, `len(transforms) ${this.transforms.length}`);
  }
  protected override call(x: Tensor) {
    this.checked(x, 'tensor', 'x');
    return torch.stack(this.slices(x).map((s, i) => this.transforms[i]!(s)), this.dim);
  }
  protected override inverse(y: Tensor) {
    this.checked(y, 'tensor', 'y');
    return torch.stack(this.slices(y).map((s, i) => this.transforms[i]!.inv(s)), this.dim);
  }
  override jacobian(x: Tensor, y: Tensor) {
    this.checked(x, 'x', 'x');
    this.checked(y, 'y', 'y');
    const xs = this.slices(x), ys = this.slices(y);
    return torch.stack(this.transforms.map((t, i) => t.jacobian(xs[i]!, ys[i]!)), this.dim);
  }
}

/** y = distribution.cdf(x): onto [0, 1], as for a copula. */
export class CumulativeDistributionTransform extends Transform {
  readonly distribution: Distribution;
  constructor(...args: Args<'distributions.transforms.CumulativeDistributionTransform'>) {
    const a = bind('distributions.transforms.CumulativeDistributionTransform', args, { name: 'CumulativeDistributionTransform' });
    super(a.cacheSize);
    this.distribution = a.distribution;
  }
  override get bijective() { return true; }
  override get sign() { return 1; }
  override get domain() { return this.distribution.support; }
  override get codomain() { return constraints.unitInterval; }
  protected override copyWithCache(cacheSize: number) { return new CumulativeDistributionTransform(this.distribution, cacheSize); }
  protected override call(x: Tensor) { return this.distribution.cdf(x); }
  protected override inverse(y: Tensor) { return this.distribution.icdf(y); }
  override jacobian(x: Tensor) { return this.distribution.logProb(x); }
}

/** From unconstrained square matrices to lower-triangular ones with a positive (exponentiated) diagonal. */
export class LowerCholeskyTransform extends Transform {
  override equals(other: Transform) { return sameClass(this, other); }
  override get domain() { return constraints.independent(constraints.real, 2); }
  override get codomain() { return constraints.lowerCholesky; }
  protected override call(x: Tensor) { return x.tril(-1).add(x.diagonal(0, -2, -1).exp().diagEmbed()); }
  protected override inverse(y: Tensor) { return y.tril(-1).add(y.diagonal(0, -2, -1).log().diagEmbed()); }
}

/** From unconstrained square matrices to positive-definite ones: L Lᵀ for L = LowerCholeskyTransform(x). */
export class PositiveDefiniteTransform extends Transform {
  override equals(other: Transform) { return sameClass(this, other); }
  override get domain() { return constraints.independent(constraints.real, 2); }
  override get codomain() { return constraints.positiveDefinite; }
  protected override call(x: Tensor) {
    const L = new LowerCholeskyTransform()(x);
    return L.matmul(L.mT);
  }
  protected override inverse(y: Tensor) { return new LowerCholeskyTransform().inv(torch.linalg.cholesky(y)); }
}

/** true at (i, j) for j < i + diag + 1: the entries of a lower triangle, row by row */
function trilMask(n: number, diag: number, device: Tensor['device']): Tensor {
  const arange = torch.arange(n, { device });
  return arange.lt(arange.view([-1, 1]).add(diag + 1));
}
/** A vector (or a batch) into the lower triangle of D × D matrices, row by row (Python's vec_to_tril_matrix). */
function vecToTrilMatrix(vec: Tensor, diag: number): Tensor {
  const last = vec.shape.at(-1)!;
  const n = (-(1 + 2 * diag) + Math.sqrt((1 + 2 * diag) ** 2 + 8 * last + 4 * Math.abs(diag) * (diag + 1))) / 2;
  if (Math.round(n) - n > torch.finfo(vec.dtype).eps) {
    throw new RangeError(`The size of last dimension is ${last} which cannot be expressed as the lower triangular part of a square D x D matrix.`);
  }
  const size = Math.round(n);
  const mat = vec.newZeros([...vec.shape.slice(0, -1), size, size]);
  return mat.indexPut_(['...', trilMask(size, diag, vec.device)], vec);
}
/** The lower triangle of D × D matrices as a vector, row by row (Python's tril_matrix_to_vec). */
function trilMatrixToVec(mat: Tensor, diag: number): Tensor {
  const n = mat.shape.at(-1)!;
  if (diag < -n || diag >= n) throw new RangeError(`diag (${diag}) provided is outside [${-n}, ${n - 1}].`);
  return mat.index('...', trilMask(n, diag, mat.device));
}

/**
 * From unconstrained vectors of D(D-1)/2 entries to the Cholesky factors of D × D correlation
 * matrices (lower-triangular, positive diagonal, rows of unit length), by tanh and stick-breaking.
 */
export class CorrCholeskyTransform extends Transform {
  override get domain() { return constraints.realVector; }
  override get codomain() { return constraints.corrCholesky; }
  override get bijective() { return true; }
  protected override call(x: Tensor) {
    const eps = torch.finfo(x.dtype).eps;
    const t = torch.tanh(x).clamp(-1 + eps, 1 - eps);
    let r = vecToTrilMatrix(t, -1);
    const z = r.pow(2);
    const z1mCumprodSqrt = torch.sub(1, z).sqrt().cumprod(-1);
    r = r.add(torch.eye(r.shape.at(-1)!, { dtype: r.dtype, device: r.device }));
    const k = z1mCumprodSqrt.shape.at(-1)!;
    return r.mul(torch.nn.functional.pad(z1mCumprodSqrt.narrow(-1, 0, k - 1), [1, 0], 'constant', 1));
  }
  protected override inverse(y: Tensor) {
    const yCumsum = torch.sub(1, torch.cumsum(y.mul(y), -1));
    const k = yCumsum.shape.at(-1)!;
    const yCumsumShifted = torch.nn.functional.pad(yCumsum.narrow(-1, 0, k - 1), [1, 0], 'constant', 1);
    const t = trilMatrixToVec(y, -1).div(trilMatrixToVec(yCumsumShifted, -1).sqrt());
    return t.log1p().sub(t.neg().log1p()).div(2);
  }
  override jacobian(x: Tensor, y: Tensor) {
    const y1mCumsum = torch.sub(1, y.mul(y).cumsum(-1));
    const stickBreakingLogdet = trilMatrixToVec(y1mCumsum, -2).log().sum(-1).mul(0.5);
    const tanhLogdet = x.add(torch.nn.functional.softplus(x.mul(-2))).sub(Math.log(2)).sum(-1).mul(-2);
    return stickBreakingLogdet.add(tanhLogdet);
  }
  override shapeForward(shape: number[]) {
    if (shape.length < 1) throw new RangeError('Too few dimensions on input');
    const N = shape.at(-1)!;
    const D = Math.round(Math.sqrt(0.25 + 2 * N) + 0.5);
    if ((D * (D - 1)) / 2 !== N) throw new RangeError('Input is not a flattened lower-diagonal number');
    return [...shape.slice(0, -1), D, D];
  }
  override shapeInverse(shape: number[]) {
    if (shape.length < 2) throw new RangeError('Too few dimensions on input');
    if (shape.at(-2) !== shape.at(-1)) throw new RangeError('Input is not square');
    const D = shape.at(-1)!;
    return [...shape.slice(0, -2), (D * (D - 1)) / 2];
  }
}

/** The identity (a ComposeTransform of no parts), as Python's transforms.identity_transform. */
export const identityTransform: Transform = new ComposeTransform([]);
