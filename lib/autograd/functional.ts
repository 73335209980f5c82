// torch.autograd.functional: the Jacobian and Hessian of a function, by reverse mode, row by row.
import { Tensor } from '../tensor.js';
import { autograd, enableGrad } from '../autograd.js';
import { aten } from '../aten.js';
import { zerosLike } from '../creation.js';

export interface JacobianOptions {
  createGraph?: boolean;
  strict?: boolean;
}
type Inputs = Tensor | Tensor[];

/**
 * torch.autograd.functional.jacobian(func, inputs): d outputs / d inputs, shaped output.shape +
 * input.shape; an array per input when inputs is an array, per output when func returns one.
 */
export function jacobian(func: (...x: Tensor[]) => Tensor | Tensor[], inputs: Inputs, options: JacobianOptions = {}): any {
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
export function hessian(func: (...x: Tensor[]) => Tensor, inputs: Inputs, options: JacobianOptions = {}): any {
  const grad = (...x: Tensor[]) => {
    const out = func(...x);
    if (out.numel() !== 1) throw new RangeError(`The function given to hessian should return a single element Tensor, but it returned a Tensor with ${out.numel()} elements`);
    const g = jacobian(func, Array.isArray(inputs) ? x : x[0], { createGraph: true, strict: options.strict });
    return Array.isArray(g) ? g.map((t: Tensor) => t.reshape(...t.shape.slice(out.dim()))) : (g as Tensor).reshape(...(g as Tensor).shape.slice(out.dim()));
  };
  return jacobian(grad, inputs, options);
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
export function vjp(func: Fn, inputs: Inputs, v?: Tensor | Tensor[] | null, options: JacobianOptions = {}): [any, any] {
  const xs = prepared(inputs, options.createGraph);
  const out = enableGrad(() => func(...xs));
  const outs = list(out as Inputs);
  const g = autograd.grad(outs, xs, vectors(v, outs, 'v'), { createGraph: options.createGraph, allowUnused: true });
  return [out, shaped(inputs, orZeros(g, xs))];
}
/** torch.autograd.functional.jvp(func, inputs, v): [func's output, J·v], by the double-backward trick. */
export function jvp(func: Fn, inputs: Inputs, v?: Tensor | Tensor[] | null, options: JacobianOptions = {}): [any, any] {
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
export function vhp(func: (...x: Tensor[]) => Tensor, inputs: Inputs, v?: Tensor | Tensor[] | null, options: JacobianOptions = {}): [Tensor, any] {
  const xs = prepared(inputs, options.createGraph);
  const out = enableGrad(() => func(...xs));
  if (out.numel() !== 1) throw new RangeError(`The function given to vhp should return a single element Tensor, but it returned a Tensor with ${out.numel()} elements`);
  const jac = enableGrad(() => orZeros(autograd.grad(out, xs, null, { createGraph: true, allowUnused: true }), xs));
  const vs = v == null ? vectors(null, xs, 'v') : list(v);
  const r = autograd.grad(jac.filter((j) => j.requiresGrad), xs, vs.filter((_, i) => jac[i].requiresGrad), { createGraph: options.createGraph, allowUnused: true });
  return [out, shaped(inputs, orZeros(r, xs))];
}
/** torch.autograd.functional.hvp(func, inputs, v): [func's scalar output, H·v] (H is symmetric: vhp's numbers). */
export function hvp(func: (...x: Tensor[]) => Tensor, inputs: Inputs, v?: Tensor | Tensor[] | null, options: JacobianOptions = {}): [Tensor, any] {
  return vhp(func, inputs, v, options);
}
