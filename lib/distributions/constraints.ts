// The regions a distribution's parameters and values must lie in (torch.distributions.constraints):
// each checks a tensor elementwise and prints as PyTorch's does, since their reprs appear in the
// validation errors users read.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { pyFloat } from '../nn/repr.js';
import { formatValue } from './distribution.js';
import { bind, type Args, type Bound as BoundArgs } from '../bind.js';
import { badArg } from '../errors.js';

type Bound = number | Tensor;
const boundRepr = (b: Bound, integer = false) => (typeof b === 'number' ? (integer ? String(b) : pyFloat(b)) : formatValue(b));

/** A region of tensors' values: `check(value)` is a bool tensor, true where the value lies in it. */
export abstract class Constraint {
  /** whether the region is of discrete values */
  get isDiscrete(): boolean {
    return false;
  }
  /** how many of the rightmost dimensions make up one event (0: each element on its own) */
  get eventDim(): number {
    return 0;
  }
  abstract check(value: Tensor): Tensor;
  protected get name(): string {
    return this.constructor.name;
  }
  toString(): string {
    return `${this.name}()`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

class Boolean extends Constraint {
  get isDiscrete() { return true; }
  check(value: Tensor) { return value.eq(0).logicalOr(value.eq(1)); }
}
class OneHot extends Constraint {
  get isDiscrete() { return true; }
  get eventDim() { return 1; }
  check(value: Tensor) {
    const isBoolean = value.eq(0).logicalOr(value.eq(1));
    return isBoolean.all(-1).logicalAnd(value.sum(-1).eq(1));
  }
}
class IntegerInterval extends Constraint {
  constructor(readonly lowerBound: Bound, readonly upperBound: Bound) { super(); }
  get isDiscrete() { return true; }
  check(value: Tensor) { return value.remainder(1).eq(0).logicalAnd(value.ge(this.lowerBound as Tensor)).logicalAnd(value.le(this.upperBound as Tensor)); }
  toString() { return `${this.name}(lower_bound=${boundRepr(this.lowerBound, true)}, upper_bound=${boundRepr(this.upperBound, true)})`; }
}
class IntegerGreaterThan extends Constraint {
  constructor(readonly lowerBound: number) { super(); }
  get isDiscrete() { return true; }
  check(value: Tensor) { return value.remainder(1).eq(0).logicalAnd(value.ge(this.lowerBound)); }
  toString() { return `${this.name}(lower_bound=${boundRepr(this.lowerBound, true)})`; }
}
class Real extends Constraint {
  check(value: Tensor) { return value.eq(value); }
}
class GreaterThan extends Constraint {
  constructor(readonly lowerBound: Bound) { super(); }
  check(value: Tensor) { return value.gt(this.lowerBound as Tensor); }
  toString() { return `${this.name}(lower_bound=${boundRepr(this.lowerBound)})`; }
}
class GreaterThanEq extends Constraint {
  constructor(readonly lowerBound: Bound) { super(); }
  check(value: Tensor) { return value.ge(this.lowerBound as Tensor); }
  toString() { return `${this.name}(lower_bound=${boundRepr(this.lowerBound)})`; }
}
class LessThan extends Constraint {
  constructor(readonly upperBound: Bound) { super(); }
  check(value: Tensor) { return value.lt(this.upperBound as Tensor); }
  toString() { return `${this.name}(upper_bound=${boundRepr(this.upperBound)})`; }
}
class Interval extends Constraint {
  constructor(readonly lowerBound: Bound, readonly upperBound: Bound) { super(); }
  check(value: Tensor) { return value.ge(this.lowerBound as Tensor).logicalAnd(value.le(this.upperBound as Tensor)); }
  toString() { return `${this.name}(lower_bound=${boundRepr(this.lowerBound)}, upper_bound=${boundRepr(this.upperBound)})`; }
}
class HalfOpenInterval extends Interval {
  check(value: Tensor) { return value.ge(this.lowerBound as Tensor).logicalAnd(value.lt(this.upperBound as Tensor)); }
}
class Simplex extends Constraint {
  get eventDim() { return 1; }
  check(value: Tensor) { return value.ge(0).all(-1).logicalAnd(value.sum(-1).sub(1).abs().lt(1e-6)); }
}
class Multinomial extends Constraint {
  constructor(readonly upperBound: number) { super(); }
  get isDiscrete() { return true; }
  get eventDim() { return 1; }
  check(value: Tensor) { return value.ge(0).all(-1).logicalAnd(value.sum(-1).le(this.upperBound)); }
}
class IndependentConstraint extends Constraint {
  constructor(readonly baseConstraint: Constraint, readonly reinterpretedBatchNdims: number) { super(); }
  get isDiscrete() { return this.baseConstraint.isDiscrete; }
  get eventDim() { return this.baseConstraint.eventDim + this.reinterpretedBatchNdims; }
  check(value: Tensor) {
    const result = this.baseConstraint.check(value);
    if (result.dim() < this.reinterpretedBatchNdims) {
      throw new RangeError(`Expected value.dim() >= ${this.eventDim} but got ${value.dim()}`);
    }
    return result.reshape([...result.shape.slice(0, result.dim() - this.reinterpretedBatchNdims), -1]).all(-1);
  }
  protected get name() { return 'IndependentConstraint'; }
  toString() { return `${this.name}(${this.baseConstraint}, ${this.reinterpretedBatchNdims})`; }
}
/**
 * The support of a MixtureSameFamily: the components' constraint, checked with the component
 * dimension put back and reduced over it.
 */
export class MixtureSameFamilyConstraint extends Constraint {
  constructor(readonly baseConstraint: Constraint) { super(); }
  get isDiscrete() { return this.baseConstraint.isDiscrete; }
  get eventDim() { return this.baseConstraint.eventDim; }
  check(value: Tensor) {
    const result = this.baseConstraint.check(value.unsqueeze(-1 - this.eventDim));
    if (value.dim() < this.eventDim) throw new RangeError(`Expected value.dim() >= ${this.eventDim} but got ${value.dim()}`);
    const keep = value.dim() - this.eventDim;
    return result.reshape([...result.shape.slice(0, keep), -1]).all(-1);
  }
  toString() { return `MixtureSameFamilyConstraint(${this.baseConstraint})`; }
}
class LowerCholesky extends Constraint {
  get eventDim() { return 2; }
  check(value: Tensor) {
    const lowerTriangular = value.tril().eq(value).reshape([...value.shape.slice(0, -2), -1]).all(-1);
    const positiveDiagonal = value.diagonal(0, -2, -1).gt(0).all(-1);
    return lowerTriangular.logicalAnd(positiveDiagonal);
  }
}
class CorrCholesky extends Constraint {
  get eventDim() { return 2; }
  check(value: Tensor) {
    const tol = torch.finfo(value.dtype).eps * value.shape.at(-1)! * 10; // PyTorch's fudge factor
    const rowNorm = torch.linalg.norm(value.detach(), { dim: -1 });
    return new LowerCholesky().check(value).logicalAnd(rowNorm.sub(1).abs().le(tol).all(-1));
  }
}
class Square extends Constraint {
  get eventDim() { return 2; }
  check(value: Tensor) {
    const n = value.shape.length;
    return torch.full(value.shape.slice(0, -2), value.shape[n - 2] === value.shape[n - 1], { dtype: torch.bool, device: value.device });
  }
}
class Symmetric extends Square {
  check(value: Tensor) {
    const square = super.check(value);
    if (!square.all().item()) return square;
    return torch.isclose(value, value.mT, { atol: 1e-6 }).all(-2).all(-1);
  }
}
class PositiveDefinite extends Symmetric {
  check(value: Tensor) {
    const symmetric = super.check(value);
    if (!symmetric.all().item()) return symmetric;
    return torch.linalg.choleskyEx(value).info.eq(0);
  }
}
class PositiveSemidefinite extends Symmetric {
  check(value: Tensor) {
    const symmetric = super.check(value);
    if (!symmetric.all().item()) return symmetric;
    return torch.linalg.eigvalsh(value).ge(0).all(-1);
  }
}
const checkDim = (dim: number, value: Tensor) => {
  if (!(-value.dim() <= dim && dim < value.dim())) throw new RangeError(`dim ${dim} out of range for value with ${value.dim()} dimensions`);
};
/** cseq[i] over the i-th block of lengths[i] entries along dim (as torch.cat joins them) */
class Cat extends Constraint {
  constructor(readonly cseq: Constraint[], readonly dim: number, readonly lengths: number[]) { super(); }
  get isDiscrete() { return this.cseq.some((c) => c.isDiscrete); }
  get eventDim() { return Math.max(...this.cseq.map((c) => c.eventDim)); }
  check(value: Tensor) {
    checkDim(this.dim, value);
    let start = 0;
    const checks = this.cseq.map((c, i) => {
      const v = value.narrow(this.dim, start, this.lengths[i]!);
      start += this.lengths[i]!;
      return c.check(v);
    });
    return torch.cat(checks, this.dim);
  }
}
/** cseq[i] over the i-th slice along dim (as torch.stack joins them) */
class Stack extends Constraint {
  constructor(readonly cseq: Constraint[], readonly dim: number) { super(); }
  get isDiscrete() { return this.cseq.some((c) => c.isDiscrete); }
  get eventDim() {
    const dim = Math.max(...this.cseq.map((c) => c.eventDim));
    return this.dim + dim < 0 ? dim + 1 : dim;
  }
  check(value: Tensor) {
    checkDim(this.dim, value);
    const n = value.shape.at(this.dim)!;
    return torch.stack(Array.from({ length: n }, (_, i) => this.cseq[i]!.check(value.select(this.dim, i))), this.dim);
  }
}

/** 0 or 1 (the reprs name each constraint by Python's class name without its underscore) */
export const boolean: Constraint = new Boolean();
/** one-hot vectors along the last dimension */
export const oneHot: Constraint = new OneHot();
/** every number but NaN */
export const real: Constraint = new Real();
/** vectors of real numbers (the last dimension one event) */
export const realVector: Constraint = new IndependentConstraint(real, 1);
/** numbers above 0 */
export const positive: Constraint = new GreaterThan(0);
/** numbers at or above 0 */
export const nonnegative: Constraint = new GreaterThanEq(0);
/** integers at or above 0 */
export const nonnegativeInteger: Constraint = new IntegerGreaterThan(0);
/** integers at or above 1 */
export const positiveInteger: Constraint = new IntegerGreaterThan(1);
/** [0, 1] */
export const unitInterval: Constraint = new Interval(0, 1);
/** non-negative vectors along the last dimension that sum to 1 */
export const simplex: Constraint = new Simplex();
/** lower-triangular matrices with a positive diagonal */
export const lowerCholesky: Constraint = new LowerCholesky();
/** symmetric square matrices */
export const symmetric: Constraint = new Symmetric();
/** symmetric positive-definite matrices */
export const positiveDefinite: Constraint = new PositiveDefinite();
/** symmetric positive-semidefinite matrices */
export const positiveSemidefinite: Constraint = new PositiveSemidefinite();
/** square matrices */
export const square: Constraint = new Square();
/** lower Cholesky factors of correlation matrices: lower-triangular, positive diagonal, unit-length rows */
export const corrCholesky: Constraint = new CorrCholesky();
// the factories bind as Python's classes do (by position or by keyword); Python's name in the messages
const args = <K extends 'greaterThan' | 'greaterThanEq' | 'lessThan' | 'interval' | 'halfOpenInterval' | 'integerInterval' | 'multinomial' | 'independent'>(
  name: K, given: Args<`distributions.constraints.${K}`>,
) => bind(`distributions.constraints.${name}`, given as never, { name }) as BoundArgs<`distributions.constraints.${K}`>;
/** values above lowerBound */
export const greaterThan = (...a: Args<'distributions.constraints.greaterThan'>): Constraint => new GreaterThan(args('greaterThan', a).lowerBound);
/** non-negative integer counts along the last dimension that sum to at most upperBound */
export const multinomial = (...a: Args<'distributions.constraints.multinomial'>): Constraint => new Multinomial(args('multinomial', a).upperBound);
/** values at or above lowerBound */
export const greaterThanEq = (...a: Args<'distributions.constraints.greaterThanEq'>): Constraint => new GreaterThanEq(args('greaterThanEq', a).lowerBound);
/** values below upperBound */
export const lessThan = (...a: Args<'distributions.constraints.lessThan'>): Constraint => new LessThan(args('lessThan', a).upperBound);
/** [lowerBound, upperBound] */
export const interval = (...a: Args<'distributions.constraints.interval'>): Constraint => {
  const { lowerBound, upperBound } = args('interval', a);
  return new Interval(lowerBound, upperBound);
};
/** [lowerBound, upperBound) */
export const halfOpenInterval = (...a: Args<'distributions.constraints.halfOpenInterval'>): Constraint => {
  const { lowerBound, upperBound } = args('halfOpenInterval', a);
  return new HalfOpenInterval(lowerBound, upperBound);
};
/** the integers in [lowerBound, upperBound] */
export const integerInterval = (...a: Args<'distributions.constraints.integerInterval'>): Constraint => {
  const { lowerBound, upperBound } = args('integerInterval', a);
  return new IntegerInterval(lowerBound, upperBound);
};
/** baseConstraint over the rightmost reinterpretedBatchNdims dimensions too (all must hold) */
export const independent = (...a: Args<'distributions.constraints.independent'>): Constraint => {
  const { baseConstraint, reinterpretedBatchNdims } = args('independent', a);
  if (!(baseConstraint instanceof Constraint)) badArg('Constraint', 'base_constraint', baseConstraint);
  if (!Number.isInteger(reinterpretedBatchNdims) || reinterpretedBatchNdims < 0) badArg('non-negative integer', 'reinterpreted_batch_ndims', reinterpretedBatchNdims);
  return new IndependentConstraint(baseConstraint, reinterpretedBatchNdims);
};

const constraintList = (cseq: unknown, name: string): Constraint[] => {
  if (!Array.isArray(cseq) || !cseq.every((c) => c instanceof Constraint)) throw new RangeError(`All elements of ${name} must be Constraint instances`);
  return cseq;
};
/** cseq[i] over the i-th block of lengths[i] (default 1) entries along dim */
export const cat = (...a: Args<'distributions.constraints.cat'>): Constraint => {
  const { cseq, dim, lengths } = bind('distributions.constraints.cat', a, { name: 'cat' });
  const cs = constraintList(cseq, 'cseq');
  const ls = lengths ?? cs.map(() => 1);
  if (ls.length !== cs.length) throw new RangeError(`lengths (${ls.length}) must match cseq (${cs.length})`);
  return new Cat(cs, dim, [...ls]);
};
/** cseq[i] over the i-th slice along dim */
export const stack = (...a: Args<'distributions.constraints.stack'>): Constraint => {
  const { cseq, dim } = bind('distributions.constraints.stack', a, { name: 'stack' });
  return new Stack(constraintList(cseq, 'cseq'), dim);
};

/**
 * The class a constraint (an instance, a class, or one of the factories above, which are classes in
 * Python) stands for: what biject_to and transform_to register and look up.
 * @internal
 */
export function constraintClass(c: unknown): Function | undefined {
  if (c instanceof Constraint) return c.constructor;
  if (typeof c === 'function' && (c === Constraint || c.prototype instanceof Constraint)) return c;
  return FACTORY_CLASSES.get(c as Function);
}
const FACTORY_CLASSES = new Map<Function, Function>([
  [greaterThan, GreaterThan], [greaterThanEq, GreaterThanEq], [lessThan, LessThan], [interval, Interval],
  [halfOpenInterval, HalfOpenInterval], [integerInterval, IntegerInterval], [multinomial, Multinomial],
  [independent, IndependentConstraint], [cat, Cat], [stack, Stack],
]);
