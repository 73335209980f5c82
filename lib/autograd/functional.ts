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
