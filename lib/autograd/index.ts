// torch.autograd: grad and backward, custom Functions, gradient checks and the functional API.
import { autograd as core } from '../autograd.js';
export { Function, FunctionCtx } from './function.js';
/**
 * torch.autograd.function: `Function` and its context, for custom autograd operations.
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/autograd.html#function)
 */
export * as function from './function.js';
export { gradcheck, gradgradcheck } from './gradcheck.js';
/**
 * torch.autograd.functional: `jacobian`, `hessian`, `vjp`, `jvp`, `hvp`, `vhp`.
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/autograd.html#functional-higher-level-api)
 */
export * as functional from './functional.js';
/** torch.autograd.no_grad / enable_grad / set_grad_enabled: the same as torch.noGrad and friends. */
export { noGrad, enableGrad, setGradEnabled } from '../autograd.js';
import { noGrad } from '../autograd.js';
/** torch.autograd.inference_mode(fn): fn without recording a graph (noGrad; libtorch's inference tensors are not made). */
export const inferenceMode = <T>(fn: () => T): T => noGrad(fn);

/** torch.autograd.grad(outputs, inputs, gradOutputs?, { retainGraph, createGraph, allowUnused }) */
export const grad = core.grad;
/** torch.autograd.backward(tensors, gradTensors?, { retainGraph, createGraph, inputs }) */
export const backward = core.backward;

import { native } from '../native.js';
import { badArg } from '../errors.js';
import { unexpectedKeyword } from '../bind.js';

/**
 * torch.autograd.set_detect_anomaly(mode, checkNan = true): turns anomaly detection on or off. With it
 * on (and checkNan), a backward function that returns NaN throws, naming it ("Function
 * 'SqrtBackward0' returned nan values in its 0th output."). Given fn, runs fn under the mode and
 * restores the previous one (Python's `with set_detect_anomaly(mode):`).
 */
export function setDetectAnomaly<T>(mode: boolean, checkNan: boolean | (() => T) = true, fn?: () => T): T | void {
  if (typeof checkNan === 'function') [fn, checkNan] = [checkNan, true];
  if (typeof mode !== 'boolean') badArg('a boolean', 'mode', mode);
  if (typeof checkNan !== 'boolean') badArg('a boolean', 'checkNan', checkNan);
  const [wasOn, wasNan] = native.setAnomaly(mode, checkNan);
  if (!fn) return;
  const restore = () => void native.setAnomaly(wasOn, wasNan);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    restore();
    throw e;
  }
  if (result instanceof Promise) return result.finally(restore) as T;
  restore();
  return result;
}

/** `with torch.autograd.detect_anomaly():` → `torch.autograd.detectAnomaly(() => { ... })` (checkNan = true), or `detectAnomaly({ checkNan }, fn)`. */
export function detectAnomaly<T>(fn: () => T): T;
export function detectAnomaly<T>(options: { checkNan?: boolean }, fn: () => T): T;
export function detectAnomaly<T>(a: (() => T) | { checkNan?: boolean }, b?: () => T): T {
  const [options, fn] = typeof a === 'function' ? [{}, a] : [a, b];
  if (typeof fn !== 'function') badArg('a function', 'fn', fn);
  for (const k of Object.keys(options)) if (k !== 'checkNan') unexpectedKeyword('detectAnomaly', k, ['checkNan']);
  return setDetectAnomaly(true, options.checkNan ?? true, fn) as T;
}
/** torch.is_anomaly_enabled() */
export function isAnomalyEnabled(): boolean {
  return native.setAnomaly()[0];
}
/** torch.is_anomaly_check_nan_enabled() */
export function isAnomalyCheckNanEnabled(): boolean {
  return native.setAnomaly()[1];
}
