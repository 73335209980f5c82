// torch.autograd: grad and backward, custom Functions, gradient checks and the functional API.
import { autograd as core } from '../autograd.js';
export { Function, FunctionCtx } from './function.js';
export * as function from './function.js';
export { gradcheck, gradgradcheck } from './gradcheck.js';
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
