// torch.autograd.functional: the Jacobian and Hessian of a function, by reverse mode, row by row.
import { Tensor } from '../tensor.js';
import { autograd, enableGrad } from '../autograd.js';
import { aten } from '../aten.js';
import { zerosLike } from '../creation.js';
import { bind, type Args } from '../bind.js';

/** The keyword arguments of `autograd.functional.jacobian` and `hessian`. */
export interface JacobianOptions {
  createGraph?: boolean;
  strict?: boolean;
}
type Inputs = Tensor | Tensor[];

/**
 * torch.autograd.functional.jacobian(func, inputs): d outputs / d inputs, shaped output.shape +
 * input.shape; an array per input when inputs is an array, per output when func returns one.
 */
function jacobianOf(func: (...x: Tensor[]) => Tensor | Tensor[], inputs: Inputs, options: JacobianOptions = {}): any {
  const manyIn = Array.isArray(inputs);
  const xs = (manyIn ? inputs : [inputs]).map((x) => (options.createGraph && x.requiresGrad ? x : x.detach().requiresGrad_()));
  const result = enableGrad(() => func(...xs));
  const manyOut = Array.isArray(result);
  const outs = manyOut ? result : [result];
  const perOut = outs.map((out, oi) => {
    const flat = out.reshape(-1);
    const rows: Tensor[][] = xs.map(() => []);
    for (let k = 0; k < flat.numel(); k++) {
      const grads = autograd.grad(flat.index(k), xs, null, { retainGraph: true, createGraph: options.createGraph, allowUnused: true });
      grads.forEach((g, i) => {
        if (g === null && options.strict) throw new RangeError(`Output ${oi} of the user-provided function is independent of input ${i}. This is not allowed in strict mode.`);
        rows[i].push(g ?? zerosLike(xs[i]));
      });
    }
    const jac = xs.map((x, i) => (rows[i].length ? aten('stack')(rows[i], 0) as Tensor : zerosLike(x).reshape(0, ...x.shape)).reshape(...out.shape, ...x.shape));
    return manyIn ? jac : jac[0];
  });
  return manyOut ? perOut : perOut[0];
}

/** torch.autograd.functional.hessian(func, inputs): the Jacobian of the gradient of a scalar function. */
function hessianOf(func: (...x: Tensor[]) => Tensor, inputs: Inputs, options: JacobianOptions = {}): any {
  const grad = (...x: Tensor[]) => {
    const out = func(...x);
    if (out.numel() !== 1) throw new RangeError(`The function given to hessian should return a single element Tensor, but it returned a Tensor with ${out.numel()} elements`);
    const g = jacobianOf(func, Array.isArray(inputs) ? x : x[0], { createGraph: true, strict: options.strict });
    return Array.isArray(g) ? g.map((t: Tensor) => t.reshape(...t.shape.slice(out.dim()))) : (g as Tensor).reshape(...(g as Tensor).shape.slice(out.dim()));
  };
  return jacobianOf(grad, inputs, options);
}

type Fn = (...x: Tensor[]) => Tensor | Tensor[];
const list = (x: Inputs): Tensor[] => (Array.isArray(x) ? x : [x]);
const prepared = (inputs: Inputs, createGraph?: boolean) => list(inputs).map((x) => (createGraph && x.requiresGrad ? x : x.detach().requiresGrad_()));
const shaped = (inputs: Inputs, r: Tensor[]) => (Array.isArray(inputs) ? r : r[0]);
const orZeros = (gs: (Tensor | null)[], like: Tensor[]) => gs.map((g, i) => g ?? zerosLike(like[i]));
function vectors(v: Tensor | Tensor[] | null | undefined, outs: Tensor[], what: string): Tensor[] {
  if (v == null) {
    if (outs.length !== 1 || outs[0].numel() !== 1) throw new RangeError(`The vector v can only be None if the user-provided function returns a single Tensor with a single element.`);
    return [torch1(outs[0])];
  }
  const vs = list(v);
  if (vs.length !== outs.length) throw new RangeError(`The given ${what} should contain ${outs.length} Tensors, got ${vs.length}`);
  return vs;
}
const torch1 = (like: Tensor) => zerosLike(like).add(1);

/** torch.autograd.functional.vjp(func, inputs, v): [func's output, vᵀ·J]. */
function vjpOf(func: Fn, inputs: Inputs, v?: Tensor | Tensor[] | null, options: JacobianOptions = {}): [any, any] {
  const xs = prepared(inputs, options.createGraph);
  const out = enableGrad(() => func(...xs));
  const outs = list(out as Inputs);
  const g = autograd.grad(outs, xs, vectors(v, outs, 'v'), { createGraph: options.createGraph, allowUnused: true });
  return [out, shaped(inputs, orZeros(g, xs))];
}
/** torch.autograd.functional.jvp(func, inputs, v): [func's output, J·v], by the double-backward trick. */
function jvpOf(func: Fn, inputs: Inputs, v?: Tensor | Tensor[] | null, options: JacobianOptions = {}): [any, any] {
  const xs = prepared(inputs, options.createGraph);
  const out = enableGrad(() => func(...xs));
  const outs = list(out as Inputs);
  const vs = v == null ? (xs.length === 1 && xs[0].numel() === 1 ? [torch1(xs[0])] : vectors(null, xs, 'v')) : list(v);
  const dummies = outs.map((o) => zerosLike(o).requiresGrad_());
  const gradIn = enableGrad(() => autograd.grad(outs, xs, dummies, { createGraph: true, allowUnused: true }));
  const used = gradIn.map((g, i) => [g, vs[i]] as const).filter(([g]) => g !== null) as [Tensor, Tensor][];
  const r = used.length ? autograd.grad(used.map(([g]) => g), dummies, used.map(([, w]) => w), { createGraph: options.createGraph, allowUnused: true }) : [];
  return [out, Array.isArray(out) ? orZeros(r, outs) : orZeros(r, outs)[0]];
}
/** torch.autograd.functional.vhp(func, inputs, v): [func's scalar output, vᵀ·H]. */
function vhpOf(func: (...x: Tensor[]) => Tensor, inputs: Inputs, v?: Tensor | Tensor[] | null, options: JacobianOptions = {}): [Tensor, any] {
  const xs = prepared(inputs, options.createGraph);
  const out = enableGrad(() => func(...xs));
  if (out.numel() !== 1) throw new RangeError(`The function given to vhp should return a single element Tensor, but it returned a Tensor with ${out.numel()} elements`);
  const jac = enableGrad(() => orZeros(autograd.grad(out, xs, null, { createGraph: true, allowUnused: true }), xs));
  const vs = v == null ? vectors(null, xs, 'v') : list(v);
  const r = autograd.grad(jac.filter((j) => j.requiresGrad), xs, vs.filter((_, i) => jac[i].requiresGrad), { createGraph: options.createGraph, allowUnused: true });
  return [out, shaped(inputs, orZeros(r, xs))];
}
/** torch.autograd.functional.hvp(func, inputs, v): [func's scalar output, H·v] (H is symmetric: vhp's numbers). */
function hvpOf(func: (...x: Tensor[]) => Tensor, inputs: Inputs, v?: Tensor | Tensor[] | null, options: JacobianOptions = {}): [Tensor, any] {
  return vhpOf(func, inputs, v, options);
}

// ---- the public entry points: arguments bound as Python binds them (by position or by name)
function strategyOf(strategy: unknown, vectorize: unknown, createGraph: unknown, fn: string, name: string): void {
  if (strategy !== 'forward-mode' && strategy !== 'reverse-mode') {
    throw new RangeError(`Expected ${name} to be either "forward-mode" or "reverse-mode". Hint: If your function has more outputs than inputs, "forward-mode" tends to be more performant. Otherwise, prefer to use "reverse-mode".`);
  }
  // forward mode gives the same numbers by another route; PyTorch's conditions on it are kept
  if (strategy === 'forward-mode' && createGraph) throw new RangeError(`torch.autograd.functional.${fn}: \`create_graph=True\` and \`${name}="forward-mode"\` are not supported together (yet).`);
  if (strategy === 'forward-mode' && !vectorize) throw new RangeError(`torch.autograd.functional.${fn}: \`${name}="forward-mode"\` requires \`vectorize=True\`.`);
}
const fnArg = (f: unknown, what: string) => {
  if (typeof f !== 'function') throw new TypeError(`Expected a function for func but received ${typeof f} (${what})`);
  return f as Fn;
};

/**
 * torch.autograd.functional.jacobian(func, inputs, createGraph = false, strict = false, vectorize =
 * false, strategy = 'reverse-mode'): d outputs / d inputs, shaped output.shape + input.shape.
 */
export function jacobian(func: Fn, inputs: Inputs, options?: JacobianOptions & { vectorize?: boolean; strategy?: 'reverse-mode' | 'forward-mode' }): any;
export function jacobian(...args: Args<'autograd.functional.jacobian'>): any;
export function jacobian(...args: unknown[]): any {
  const a = bind('autograd.functional.jacobian', args as Args<'autograd.functional.jacobian'>);
  strategyOf(a.strategy, a.vectorize, a.createGraph, 'jacobian', 'strategy');
  return jacobianOf(fnArg(a.func, 'jacobian'), a.inputs as Inputs, { createGraph: a.createGraph, strict: a.strict });
}
/** torch.autograd.functional.hessian(func, inputs, createGraph, strict, vectorize, outerJacobianStrategy). */
export function hessian(func: (...x: Tensor[]) => Tensor, inputs: Inputs, options?: JacobianOptions & { vectorize?: boolean; outerJacobianStrategy?: 'reverse-mode' | 'forward-mode' }): any;
export function hessian(...args: Args<'autograd.functional.hessian'>): any;
export function hessian(...args: unknown[]): any {
  const a = bind('autograd.functional.hessian', args as Args<'autograd.functional.hessian'>);
  strategyOf(a.outerJacobianStrategy, true, false, 'hessian', 'outer_jacobian_strategy');
  return hessianOf(fnArg(a.func, 'hessian') as (...x: Tensor[]) => Tensor, a.inputs as Inputs, { createGraph: a.createGraph, strict: a.strict });
}
/** torch.autograd.functional.vjp(func, inputs, v = null, createGraph = false, strict = false): [output, vᵀ·J]. */
export function vjp(func: Fn, inputs: Inputs, v?: Tensor | Tensor[] | null, options?: JacobianOptions): [any, any];
export function vjp(...args: Args<'autograd.functional.vjp'>): [any, any];
export function vjp(...args: unknown[]): [any, any] {
  const a = bind('autograd.functional.vjp', args as Args<'autograd.functional.vjp'>);
  return vjpOf(fnArg(a.func, 'vjp'), a.inputs as Inputs, a.v as Tensor | Tensor[] | null, { createGraph: a.createGraph, strict: a.strict });
}
/** torch.autograd.functional.jvp(func, inputs, v = null, createGraph = false, strict = false): [output, J·v]. */
export function jvp(func: Fn, inputs: Inputs, v?: Tensor | Tensor[] | null, options?: JacobianOptions): [any, any];
export function jvp(...args: Args<'autograd.functional.jvp'>): [any, any];
export function jvp(...args: unknown[]): [any, any] {
  const a = bind('autograd.functional.jvp', args as Args<'autograd.functional.jvp'>);
  return jvpOf(fnArg(a.func, 'jvp'), a.inputs as Inputs, a.v as Tensor | Tensor[] | null, { createGraph: a.createGraph, strict: a.strict });
}
/** torch.autograd.functional.vhp(func, inputs, v = null, createGraph = false, strict = false): [output, vᵀ·H]. */
export function vhp(func: (...x: Tensor[]) => Tensor, inputs: Inputs, v?: Tensor | Tensor[] | null, options?: JacobianOptions): [Tensor, any];
export function vhp(...args: Args<'autograd.functional.vhp'>): [Tensor, any];
export function vhp(...args: unknown[]): [Tensor, any] {
  const a = bind('autograd.functional.vhp', args as Args<'autograd.functional.vhp'>);
  return vhpOf(fnArg(a.func, 'vhp') as (...x: Tensor[]) => Tensor, a.inputs as Inputs, a.v as Tensor | Tensor[] | null, { createGraph: a.createGraph, strict: a.strict });
}
/** torch.autograd.functional.hvp(func, inputs, v = null, createGraph = false, strict = false): [output, H·v]. */
export function hvp(func: (...x: Tensor[]) => Tensor, inputs: Inputs, v?: Tensor | Tensor[] | null, options?: JacobianOptions): [Tensor, any];
export function hvp(...args: Args<'autograd.functional.hvp'>): [Tensor, any];
export function hvp(...args: unknown[]): [Tensor, any] {
  const a = bind('autograd.functional.hvp', args as Args<'autograd.functional.hvp'>);
  return hvpOf(fnArg(a.func, 'hvp') as (...x: Tensor[]) => Tensor, a.inputs as Inputs, a.v as Tensor | Tensor[] | null, { createGraph: a.createGraph, strict: a.strict });
}
