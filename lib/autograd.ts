// Grad mode (torch.noGrad / enableGrad / setGradEnabled) and torch.autograd.
import { native } from './native.js';
import { badArg } from './errors.js';
import { Tensor } from './tensor.js';

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

export const autograd = {
  /** torch.autograd.grad(outputs, inputs, gradOutputs?, { retainGraph, createGraph, allowUnused }) */
  grad(
    outputs: Tensor | Tensor[],
    inputs: Tensor | Tensor[],
    gradOutputs?: Tensor | (Tensor | null)[] | null,
    options: { retainGraph?: boolean; createGraph?: boolean; allowUnused?: boolean } = {},
  ): (Tensor | null)[] {
    const go = gradOutputs == null ? null : (Array.isArray(gradOutputs) ? gradOutputs : [gradOutputs]).map((t) => t?._h ?? null);
    return native
      .autogradGrad(tensors(outputs, 'outputs'), tensors(inputs, 'inputs'), go, options.retainGraph, !!options.createGraph, !!options.allowUnused)
      .map((h) => (h === null ? null : new Tensor(h)));
  },
  /** torch.autograd.backward(tensors, gradTensors?, { retainGraph, createGraph, inputs }) */
  backward(
    ts: Tensor | Tensor[],
    gradTensors?: Tensor | (Tensor | null)[] | null,
    options: { retainGraph?: boolean; createGraph?: boolean; inputs?: Tensor[] } = {},
  ): void {
    const g = gradTensors == null ? null : (Array.isArray(gradTensors) ? gradTensors : [gradTensors]).map((t) => t?._h ?? null);
    native.backward(tensors(ts, 'tensors'), g, options.retainGraph, !!options.createGraph, options.inputs ? tensors(options.inputs, 'inputs') : null);
  },
};
