// Grad mode (torch.noGrad / enableGrad / setGradEnabled) and torch.autograd.
import { native } from './native.js';
import { badArg, TorchError } from './errors.js';
import { bind, rejectUnsupported, type Args } from './bind.js';
import { Tensor } from './tensor.js';
import { zerosLike } from './creation.js';

function withGradMode<T>(enabled: boolean, fn: () => T): T {
  if (typeof fn !== 'function') badArg('a function', 'fn', fn);
  const prev = native.setGradEnabled(enabled);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    native.setGradEnabled(prev);
    throw e;
  }
  if (result instanceof Promise) {
    // Grad mode is per thread, and an awaited continuation runs later on the same thread:
    // keep the mode until the promise settles, as `async with torch.no_grad()` would.
    return result.finally(() => native.setGradEnabled(prev)) as T;
  }
  native.setGradEnabled(prev);
  return result;
}

/** `with torch.no_grad():` → `torch.noGrad(() => { ... })`; returns fn's result. */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}
/** `with torch.enable_grad():` → `torch.enableGrad(() => { ... })`. */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode(true, fn);
}
/** torch.set_grad_enabled(mode): sets grad mode (or, given fn, runs fn under it). */
export function setGradEnabled<T>(mode: boolean, fn?: () => T): T | void {
  if (typeof mode !== 'boolean') badArg('a boolean', 'mode', mode);
  if (fn) return withGradMode(mode, fn);
  native.setGradEnabled(mode);
}
export function isGradEnabled(): boolean {
  return native.isGradEnabled();
}

const tensors = (v: Tensor | Tensor[], name: string) => {
  const list = Array.isArray(v) ? v : [v];
  list.forEach((t, i) => t instanceof Tensor || badArg('Tensor', `${name}[${i}]`, t));
  return list.map((t) => t._h);
};

const gradList = (g: Tensor | (Tensor | null)[] | null | undefined, name: string) => {
  if (g === null || g === undefined) return null;
  const list = Array.isArray(g) ? g : [g];
  list.forEach((t, i) => t === null || t instanceof Tensor || badArg('Tensor or null', `${name}[${i}]`, t));
  return list.map((t) => t?._h ?? null);
};

export const autograd = {
  /**
   * torch.autograd.grad(outputs, inputs, gradOutputs?, retainGraph?, createGraph?, onlyInputs?,
   * allowUnused?, isGradsBatched?, materializeGrads?): the gradients of outputs with respect to
   * inputs, bound as Python binds them (`grad(y, [x], { createGraph: true })`).
   */
  grad(...args: Args<'autograd.grad'>): (Tensor | null)[] {
    const a = bind('autograd.grad', args, { name: 'grad' });
    rejectUnsupported('autograd.grad', a, ['isGradsBatched'], 'grad');
    if (a.onlyInputs === false) {
      process.emitWarning('only_inputs argument is deprecated and is ignored now (defaults to True). To accumulate gradient for other parts of the graph, please use torch.autograd.backward.', 'UserWarning');
    }
    if (a.materializeGrads && a.allowUnused === false) {
      throw new RangeError('Expected allow_unused to be True or not passed when materialize_grads=True, but got: allow_unused=False.');
    }
    const allowUnused = a.allowUnused ?? a.materializeGrads;
    const inputs = Array.isArray(a.inputs) ? a.inputs : [a.inputs];
    const result = native
      .autogradGrad(tensors(a.outputs, 'outputs'), tensors(a.inputs, 'inputs'), gradList(a.gradOutputs, 'grad_outputs'), a.retainGraph ?? undefined, !!a.createGraph, !!allowUnused)
      .map((h) => (h === null ? null : new Tensor(h)));
    return a.materializeGrads ? result.map((g, i) => g ?? zerosLike(inputs[i]!, { requiresGrad: !!a.createGraph })) : result;
  },
  /**
   * torch.autograd.backward(tensors, gradTensors?, retainGraph?, createGraph?, gradVariables?,
   * inputs?): accumulates the gradients of tensors into the leaves' (or inputs') .grad.
   */
  backward(...args: Args<'autograd.backward'>): void {
    const a = bind('autograd.backward', args, { name: 'backward' });
    let gradTensors = a.gradTensors;
    if (a.gradVariables !== null && a.gradVariables !== undefined) {
      process.emitWarning("'grad_variables' is deprecated. Use 'grad_tensors' instead.", 'UserWarning');
      if (gradTensors !== null && gradTensors !== undefined) {
        throw new TorchError("'grad_tensors' and 'grad_variables' (deprecated) arguments both passed to backward(). Please only use 'grad_tensors'.");
      }
      gradTensors = a.gradVariables;
    }
    const inputs = a.inputs === null || a.inputs === undefined ? null : tensors(a.inputs, 'inputs');
    if (inputs && inputs.length === 0) throw new TorchError("'inputs' argument to backward() cannot be empty.");
    native.backward(tensors(a.tensors, 'tensors'), gradList(gradTensors, 'grad_tensors'), a.retainGraph ?? undefined, !!a.createGraph, inputs);
  },
};
