// The regions a distribution's parameters and values must lie in (torch.distributions.constraints):
// each checks a tensor elementwise and prints as PyTorch's does, since their reprs appear in the
// validation errors users read.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { pyFloat } from '../nn/repr.js';
import { formatValue } from './distribution.js';

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
class LowerCholesky extends Constraint {
  get eventDim() { return 2; }
  check(value: Tensor) {
    const lowerTriangular = value.tril().eq(value).reshape([...value.shape.slice(0, -2), -1]).all(-1);
    const positiveDiagonal = value.diagonal(0, -2, -1).gt(0).all(-1);
    return lowerTriangular.logicalAnd(positiveDiagonal);
  }
}
class Symmetric extends Constraint {
  get eventDim() { return 2; }
  check(value: Tensor) {
    const n = value.shape.length;
    const square = torch.full(value.shape.slice(0, -2), value.shape[n - 2] === value.shape[n - 1], { dtype: torch.bool, device: value.device });
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
/** values above lowerBound */
export const greaterThan = (lowerBound: Bound): Constraint => new GreaterThan(lowerBound);
/** non-negative integer counts along the last dimension that sum to at most upperBound */
export const multinomial = (upperBound: number): Constraint => new Multinomial(upperBound);
/** values at or above lowerBound */
export const greaterThanEq = (lowerBound: Bound): Constraint => new GreaterThanEq(lowerBound);
/** values below upperBound */
export const lessThan = (upperBound: Bound): Constraint => new LessThan(upperBound);
/** [lowerBound, upperBound] */
export const interval = (lowerBound: Bound, upperBound: Bound): Constraint => new Interval(lowerBound, upperBound);
/** [lowerBound, upperBound) */
export const halfOpenInterval = (lowerBound: Bound, upperBound: Bound): Constraint => new HalfOpenInterval(lowerBound, upperBound);
/** the integers in [lowerBound, upperBound] */
export const integerInterval = (lowerBound: Bound, upperBound: Bound): Constraint => new IntegerInterval(lowerBound, upperBound);
/** baseConstraint over the rightmost reinterpretedBatchNdims dimensions too (all must hold) */
export const independent = (baseConstraint: Constraint, reinterpretedBatchNdims: number): Constraint =>
  new IndependentConstraint(baseConstraint, reinterpretedBatchNdims);
