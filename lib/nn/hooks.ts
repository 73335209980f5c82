// Module hooks: forward pre-hooks and forward hooks (they may replace the arguments or the output),
// and full backward hooks, which see the gradients w.r.t. the module's inputs and outputs (PyTorch's
// BackwardHook: identity autograd Functions around the inputs and the outputs catch both).
import { Tensor } from '../tensor.js';
import { Function as AutogradFunction, type FunctionCtx } from '../autograd/function.js';
import { isGradEnabled } from '../autograd.js';
import type { Module } from './module.js';

export type ForwardPreHook = (module: Module, args: unknown[]) => unknown;
export type ForwardHook = (module: Module, args: unknown[], output: any) => unknown;
export type BackwardHook = (module: Module, gradInput: (Tensor | null)[], gradOutput: (Tensor | null)[]) => (Tensor | null)[] | void | undefined;

export interface Hooks {
  pre: Map<number, ForwardPreHook>;
  forward: Map<number, ForwardHook>;
  backward: Map<number, BackwardHook>;
}
let nextId = 0;
const HOOKS = new WeakMap<Module, Hooks>();

/** torch.utils.hooks.RemovableHandle */
export class RemovableHandle {
  constructor(private readonly map: Map<number, unknown>, readonly id: number) {}
  remove(): void {
    this.map.delete(this.id);
  }
}
export function addHook<K extends keyof Hooks>(m: Module, kind: K, hook: Hooks[K] extends Map<number, infer H> ? H : never, prepend = false): RemovableHandle {
  if (typeof hook !== 'function') throw new TypeError(`Expected a function for hook but received ${typeof hook}`);
  let h = HOOKS.get(m);
  if (!h) HOOKS.set(m, (h = { pre: new Map(), forward: new Map(), backward: new Map() }));
  const map = h[kind] as Map<number, unknown>;
  const id = nextId++;
  if (prepend) {
    const rest = [...map];
    map.clear();
    map.set(id, hook);
    for (const [k, v] of rest) map.set(k, v);
  } else map.set(id, hook);
  return new RemovableHandle(map, id);
}

/** model(...args): the pre-hooks, forward, the forward hooks, with backward hooks wired in. */
export function callWithHooks(m: Module, args: unknown[]): any {
  const h = HOOKS.get(m);
  if (!h || (!h.pre.size && !h.forward.size && !h.backward.size)) return m.forward(...args);
  for (const hook of [...h.pre.values()]) {
    const r = hook(m, args);
    if (r !== undefined && r !== null) args = Array.isArray(r) ? r : [r];
  }
  const backward = h.backward.size && isGradEnabled() ? new BackwardHookState(m, h.backward) : null;
  if (backward) args = backward.wrapInputs(args);
  let out = m.forward(...args);
  for (const hook of [...h.forward.values()]) {
    const r = hook(m, args, out);
    if (r !== undefined && r !== null) out = r;
  }
  return backward ? backward.wrapOutputs(out) : out;
}

/** One call's backward hooks: output gradients are caught first, then the inputs' call the hooks. */
class BackwardHookState {
  private gradOutput: (Tensor | null)[] = [];
  private inputsNeedGrad = false;
  constructor(private readonly m: Module, private readonly hooks: Map<number, BackwardHook>) {}
  private run(gradInput: (Tensor | null)[]): (Tensor | null)[] {
    for (const hook of [...this.hooks.values()]) {
      const r = hook(this.m, gradInput, this.gradOutput);
      if (Array.isArray(r)) gradInput = r;
    }
    return gradInput;
  }
  wrapInputs(args: unknown[]): unknown[] {
    if (!args.some((a) => a instanceof Tensor && a.requiresGrad)) return args;
    this.inputsNeedGrad = true;
    return throughIdentity(args, (grads) => this.run(grads)) as unknown[];
  }
  wrapOutputs(out: unknown): unknown {
    const list = Array.isArray(out) ? out : [out];
    const wrapped = throughIdentity(list, (grads) => {
      this.gradOutput = grads;
      // with no input that needs a gradient, PyTorch calls the hooks here with gradInput (None,)
      if (!this.inputsNeedGrad) this.run([null]);
      return grads;
    });
    return Array.isArray(out) ? wrapped : wrapped[0];
  }
}

/**
 * The tensors of `values` that require grad passed through an identity autograd Function whose
 * backward hands their gradients to `onBackward` (and passes on what it returns); the rest unchanged.
 */
function throughIdentity(values: unknown[], onBackward: (grads: (Tensor | null)[]) => (Tensor | null)[]): unknown[] {
  const idx = values.flatMap((v, i) => (v instanceof Tensor && v.requiresGrad ? [i] : []));
  if (!idx.length) return values;
  class BackwardHookFunction extends AutogradFunction {
    static forward(_ctx: FunctionCtx, ...ts: Tensor[]) { return ts.length === 1 ? ts[0] : ts; }
    static backward(_ctx: FunctionCtx, ...grads: (Tensor | null)[]) {
      const r = onBackward(grads);
      return r.length === 1 ? r[0] : r;
    }
  }
  const r = BackwardHookFunction.apply(...idx.map((i) => values[i]));
  const wrapped = idx.length === 1 ? [r] : (r as Tensor[]);
  const out = [...values];
  idx.forEach((i, k) => (out[i] = wrapped[k]));
  return out;
}
