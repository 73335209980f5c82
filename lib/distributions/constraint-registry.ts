// torch.distributions.biject_to and transform_to: from a constraint to a transform that maps
// unconstrained reals onto it (biject_to: bijective, for HMC; transform_to: not necessarily, for
// optimisation), looked up by the constraint's class as PyTorch's ConstraintRegistry does.
import * as torch from '../index.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { NotImplementedError } from './distribution.js';
import * as T from './transforms.js';

/** what a registry holds: from a constraint of the class it is registered for to a transform onto it */
type Factory = (constraint: constraints.Constraint) => T.Transform;

/** A map from constraint classes to factories of transforms onto them. */
export class ConstraintRegistry {
  private registry = new Map<Function, Factory>();
  // not `name`: the callable registries below are functions, whose own `name` would hide it
  private readonly label: string;
  /** @internal */
  constructor(label = 'ConstraintRegistry') {
    this.label = label;
  }
  /**
   * Registers `factory(constraint)` for a constraint class (or the class of a constraint instance,
   * or of a factory such as constraints.interval). Without a factory, returns a function that
   * registers the one it is given (Python's decorator form). Returns the factory.
   */
  register(...args: Args<'distributions.constraintRegistry.ConstraintRegistry.register'>): Factory | ((factory: Factory) => Factory) {
    const { constraint, factory } = bind('distributions.constraintRegistry.ConstraintRegistry.register', args, { name: `${this.label}.register` });
    if (factory === null || factory === undefined) return (f: Factory) => this.register(constraint, f) as Factory;
    const cls = constraints.constraintClass(constraint);
    if (!cls) throw new TypeError(`Expected constraint to be either a Constraint subclass or instance, but got ${String(constraint)}`);
    if (typeof factory !== 'function') throw new TypeError(`Expected a function (constraint) => Transform for factory but received ${String(factory)}`);
    this.registry.set(cls, factory);
    return factory;
  }
  /** The transform onto `constraint` (Python's `registry(constraint)`). */
  call(...args: Args<'distributions.bijectTo'>): T.Transform {
    return this.lookUp(bind('distributions.bijectTo', args, { name: `${this.label}.call` }).constraint);
  }
  /** @internal the registered factory's transform for a bound constraint */
  lookUp(constraint: constraints.Constraint): T.Transform {
    const factory = this.registry.get((constraint as object)?.constructor);
    if (!factory) throw new NotImplementedError(`Cannot transform ${pythonClassName(constraint)} constraints`);
    return factory(constraint);
  }
}
/** `_Real`, `_GreaterThan`: the name Python's message gives a constraint's type */
const pythonClassName = (c: unknown) => {
  const name = (c as object)?.constructor?.name ?? typeof c;
  return c instanceof constraints.Constraint && !(c instanceof constraints.MixtureSameFamilyConstraint) ? `_${name}` : name;
};

const bijectRegistry = new ConstraintRegistry('bijectTo');
const transformRegistry = new ConstraintRegistry('transformTo');

type Registry = ConstraintRegistry & ((...args: Args<'distributions.bijectTo'>) => T.Transform);
/** A registry that is also callable, as Python's instances with __call__ are. */
function callable(registry: ConstraintRegistry, key: 'distributions.bijectTo' | 'distributions.transformTo', name: string): Registry {
  const f = (...args: Args<'distributions.bijectTo'>) => registry.lookUp(bind(key, args, { name }).constraint);
  Object.setPrototypeOf(f, registry);
  return f as Registry;
}
/** The bijective transform from unconstrained reals onto a constraint: `biject_to(constraint)`. */
export const bijectTo: Registry = callable(bijectRegistry, 'distributions.bijectTo', 'bijectTo');
/** A transform (not necessarily bijective) from unconstrained reals onto a constraint: `transform_to(constraint)`. */
export const transformTo: Registry = callable(transformRegistry, 'distributions.transformTo', 'transformTo');

type C = any;
for (const r of [bijectTo, transformTo]) {
  r.register(constraints.real, () => T.identityTransform);
  r.register(constraints.positive, () => new T.ExpTransform());
  r.register(constraints.nonnegative, () => new T.ExpTransform());
  // positive and nonnegative are GreaterThan(0) and GreaterThanEq(0): these overwrite the two above, as in PyTorch
  for (const c of [constraints.greaterThan, constraints.greaterThanEq]) {
    r.register(c, (k: C) => new T.ComposeTransform([new T.ExpTransform(), new T.AffineTransform(k.lowerBound, 1)]));
  }
  r.register(constraints.lessThan, (k: C) => new T.ComposeTransform([new T.ExpTransform(), new T.AffineTransform(k.upperBound, -1)]));
  for (const c of [constraints.interval, constraints.halfOpenInterval]) {
    r.register(c, (k: C) => {
      if (k.lowerBound === 0 && k.upperBound === 1) return new T.SigmoidTransform();
      const scale = typeof k.upperBound === 'number' && typeof k.lowerBound === 'number' ? k.upperBound - k.lowerBound : torch.sub(k.upperBound, k.lowerBound);
      return new T.ComposeTransform([new T.SigmoidTransform(), new T.AffineTransform(k.lowerBound, scale)]);
    });
  }
  r.register(constraints.corrCholesky, () => new T.CorrCholeskyTransform());
}
bijectTo.register(constraints.independent, (k: C) => new T.IndependentTransform(bijectTo(k.baseConstraint), k.reinterpretedBatchNdims));
transformTo.register(constraints.independent, (k: C) => new T.IndependentTransform(transformTo(k.baseConstraint), k.reinterpretedBatchNdims));
bijectTo.register(constraints.simplex, () => new T.StickBreakingTransform());
transformTo.register(constraints.simplex, () => new T.SoftmaxTransform());
transformTo.register(constraints.lowerCholesky, () => new T.LowerCholeskyTransform());
transformTo.register(constraints.positiveDefinite, () => new T.PositiveDefiniteTransform());
transformTo.register(constraints.positiveSemidefinite, () => new T.PositiveDefiniteTransform());
bijectTo.register(constraints.cat, (k: C) => new T.CatTransform(k.cseq.map((c: constraints.Constraint) => bijectTo(c)), k.dim, k.lengths));
transformTo.register(constraints.cat, (k: C) => new T.CatTransform(k.cseq.map((c: constraints.Constraint) => transformTo(c)), k.dim, k.lengths));
bijectTo.register(constraints.stack, (k: C) => new T.StackTransform(k.cseq.map((c: constraints.Constraint) => bijectTo(c)), k.dim));
transformTo.register(constraints.stack, (k: C) => new T.StackTransform(k.cseq.map((c: constraints.Constraint) => transformTo(c)), k.dim));
