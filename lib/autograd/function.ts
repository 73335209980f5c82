// torch.autograd.Function: an op whose forward and backward are written in TS. forward runs under
// noGrad; its outputs are linked to a native autograd node (binding/js_autograd.cc) whose backward
// calls the class's static backward with the output gradients.
import { Tensor } from '../tensor.js';
import { native } from '../native.js';
import { noGrad, isGradEnabled } from '../autograd.js';

/** The `ctx` of forward/backward: saved tensors, which inputs need a gradient, and any field you set. */
export class FunctionCtx {
  [key: string]: unknown;
  /** One flag per forward argument: whether its gradient is wanted. */
  declare needsInputGrad: boolean[];
  declare private saved: Tensor[];
  declare dirtyTensors: Tensor[];
  declare nonDifferentiable: Tensor[];
  declare materializeGrads: boolean;
  constructor(needsInputGrad: boolean[]) {
    for (const [k, v] of Object.entries({ needsInputGrad, saved: [], dirtyTensors: [], nonDifferentiable: [], materializeGrads: true })) {
      Object.defineProperty(this, k, { value: v, writable: true, enumerable: false });
    }
  }
  /** ctx.save_for_backward(*tensors) */
  saveForBackward(...tensors: (Tensor | null)[]): void {
    this.saved = tensors as Tensor[];
  }
  /** ctx.saved_tensors */
  get savedTensors(): Tensor[] {
    return this.saved;
  }
  /** ctx.mark_dirty(*tensors): inputs forward modified in place. */
  markDirty(...tensors: Tensor[]): void {
    this.dirtyTensors = tensors;
  }
  /** ctx.mark_non_differentiable(*tensors): outputs without a gradient (indices, masks). */
  markNonDifferentiable(...tensors: Tensor[]): void {
    this.nonDifferentiable = tensors;
  }
  /** ctx.set_materialize_grads(value): false passes missing output gradients as null. */
  setMaterializeGrads(value: boolean): void {
    this.materializeGrads = value;
  }
}

type FunctionClass = {
  name: string;
  forward(...args: any[]): any;
  backward(ctx: FunctionCtx, ...grads: any[]): any;
  setupContext?(ctx: FunctionCtx, inputs: unknown[], output: unknown): void;
};

/**
 * Subclass with static forward(ctx, ...args) and backward(ctx, ...gradOutputs), then call
 * `MyFn.apply(...args)`. backward returns one gradient (or null) per forward argument. A static
 * setupContext(ctx, inputs, output) makes forward take the arguments only, as in PyTorch 2.
 */
export class Function {
  static forward(..._args: any[]): any {
    throw new Error('You must implement the forward function for custom autograd.Function.');
  }
  static backward(_ctx: FunctionCtx, ..._grads: any[]): any {
    throw new Error('You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD.');
  }
  static apply<T = any>(this: FunctionClass, ...args: unknown[]): T {
    const ctx = new FunctionCtx(args.map((a) => a instanceof Tensor && a.requiresGrad));
    const separateSetup = typeof this.setupContext === 'function';
    const result = noGrad(() => (separateSetup ? this.forward(...args) : this.forward(ctx, ...args)));
    if (separateSetup) this.setupContext!(ctx, args, result);
    if (!isGradEnabled() || !ctx.needsInputGrad.some(Boolean)) return result;
    const many = Array.isArray(result);
    const outputs: unknown[] = many ? [...result] : [result];
    const inputs = new Set(args.filter((a): a is Tensor => a instanceof Tensor));
    const linked: Tensor[] = [];
    outputs.forEach((o, i) => {
      if (!(o instanceof Tensor) || ctx.nonDifferentiable.includes(o) || !o.isFloatingPoint()) return;
      // an input returned as it is (not modified in place) comes back as a new tensor on its data
      const out = inputs.has(o) && !ctx.dirtyTensors.includes(o) ? o.detach() : o;
      outputs[i] = out;
      linked.push(out);
    });
    const name = `${this.name}Backward`;
    const backward = this.backward.bind(this);
    native.recordFunction(name, args.map((a) => (a instanceof Tensor ? a._h : null)), linked.map((t) => t._h), ctx.dirtyTensors.map((t) => t._h),
      (grads) => {
        const g = grads.map((h) => (h === null ? null : new Tensor(h)));
        const r = backward(ctx, ...g);
        const list: unknown[] = Array.isArray(r) ? r : [r];
        return list.map((x) => (x instanceof Tensor ? x._h : null));
      }, ctx.materializeGrads);
    return (many ? outputs : outputs[0]) as T;
  }
}

/** torch.autograd.function.once_differentiable: backward runs without building a graph of its own. */
export function onceDifferentiable<A extends unknown[], R>(backward: (...args: A) => R): (...args: A) => R {
  return (...args: A) => noGrad(() => backward(...args));
}
