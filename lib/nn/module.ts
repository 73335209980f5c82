// nn.Module. Instances are callable (model(x) runs forward). Submodules and parameters assigned
// as properties register themselves, in assignment order, as PyTorch's __setattr__ does: they
// are found by walking the module's own properties, so `model.fc = new nn.Linear(...)` simply
// replaces one. Buffers are declared with registerBuffer.
import { inspect } from 'node:util';
import { Tensor } from '../tensor.js';
import { Parameter } from './parameter.js';
import { badArg } from '../errors.js';
import { aten } from '../aten.js';
import { noGrad } from '../autograd.js';
import { addHook, callWithHooks, type RemovableHandle, type ForwardPreHook, type ForwardHook, type BackwardHook } from './hooks.js';
import type { DType, DeviceLike, Device, ToName } from '../types.js';

import { bind, type Args, type MethodArgs } from '../bind.js';
/**
 * A module's parameters and buffers by dotted name, as `stateDict()` returns and `loadStateDict` takes.
 */
export type StateDict = Record<string, Tensor>;

/**
 * model(x) is model.forward(x). The call is typed by the type arguments: built-in layers declare
 * theirs (Linear is Module<[input: Tensor], Tensor>, losses take [input, target]), and a subclass
 * states its forward's once, `class Net extends nn.Module<[x: Tensor], Tensor>`; a plain
 * `extends nn.Module` keeps calls untyped (any), as in Python.
 */
export interface Module<In extends unknown[] = any[], Out = any> {
  (...args: In): Out;
}

const BUFFERS = Symbol('buffers');

// Modules known to keep no reference to their input or output (torch-node's own layers, exact
// classes only). Between two of them an intermediate tensor is garbage at once, so containers and
// built-in models free it at once instead of at the next GC: Python frees it by refcount, and
// waiting for V8 lets activations pile up (measured: ResNet50 inference 0.73× PyTorch's speed).
const PURE = new WeakSet<Function>();
/** @internal */
export function markPure(...classes: Function[]): void {
  for (const c of classes) PURE.add(c);
}
/** @internal */
export function isPure(m: unknown): boolean {
  return typeof m === 'function' && PURE.has((m as { constructor: Function }).constructor);
}
/**
 * @internal x through fns in turn, freeing each intermediate result as soon as the next step has
 * made its own (never x itself, nor a result a step returned unchanged).
 */
export function pipe(x: Tensor, ...fns: ((t: Tensor) => Tensor)[]): Tensor {
  let cur = x;
  for (const f of fns) {
    const next = f(cur);
    if (cur !== x && next !== cur && next instanceof Tensor) cur.dispose();
    cur = next;
  }
  return cur;
}

/**
 * @internal Runs each branch on x, concatenates their outputs on the channels (dim 1) and frees
 * them: the parallel branches of Inception's blocks and SqueezeNet's Fire.
 */
export function concatBranches(x: Tensor, branches: ((x: Tensor) => Tensor)[]): Tensor {
  const outs = branches.map((b) => b(x));
  const out: Tensor = aten('cat')(outs, 1);
  for (const o of outs) if (o !== x) o.dispose();
  return out;
}

// Set by jit.ts (which imports this file): forwardAsync runs a trace of the module off the JS thread.
let asyncForward: ((m: Module, args: unknown[]) => Promise<any>) | null = null;
/** @internal */
export function setAsyncForward(fn: (m: Module, args: unknown[]) => Promise<any>): void {
  asyncForward = fn;
}
const NON_PERSISTENT = Symbol('nonPersistent');

/** Python's with_kwargs / always_call hook flags, which torch-node's hooks do not have: refused, never dropped. */
function hookFlags(fn: string, flags: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(flags)) if (v) throw new TypeError(`${fn}(): ${k}=true is not supported by torch-node (hooks receive the positional arguments)`);
}

export class Module<In extends unknown[] = any[], Out = any> {
  /** Whether the module is in training mode (train() / eval()). */
  declare training: boolean;
  declare [BUFFERS]: Set<string>;
  declare [NON_PERSISTENT]: Set<string>;

  constructor() {
    // A function object with this class's prototype: callable, and still a Module.
    const self = function (...args: unknown[]) {
      return callWithHooks(self as unknown as Module, args);
    } as unknown as Module;
    Object.setPrototypeOf(self, new.target.prototype);
    // Functions carry own `name` and `length`; a module's fields may want those names.
    delete (self as any).name;
    delete (self as any).length;
    Object.defineProperty(self, 'training', { value: true, writable: true, enumerable: false });
    Object.defineProperty(self, BUFFERS, { value: new Set<string>(), enumerable: false });
    Object.defineProperty(self, NON_PERSISTENT, { value: new Set<string>(), enumerable: false });
    return self;
  }

  forward(..._args: In): Out {
    throw new Error(`Module [${this.constructor.name}] is missing the required "forward" function`);
  }

  /**
   * forward on a libuv worker thread, under noGrad, for serving: the event loop stays free and many
   * calls may be in flight. The module is traced (torch.jit.trace) once per input shape and mode;
   * the trace reads the live parameters. Tensor inputs and outputs only.
   */
  forwardAsync(...args: Tensor[]): Promise<any> {
    if (!asyncForward) throw new Error('forwardAsync needs torch.jit (import torch-node, not a sub-path)');
    return asyncForward(this, args);
  }

  // ---- hooks -------------------------------------------------------------------------------
  /** hook(module, args) runs before forward; a returned value replaces the arguments. */
  registerForwardPreHook(hook: ForwardPreHook, options?: { prepend?: boolean; withKwargs?: boolean }): RemovableHandle;
  registerForwardPreHook(...args: unknown[]): RemovableHandle {
    const { hook, prepend, withKwargs } = bind('nn.Module.registerForwardPreHook', args as Args<'nn.Module.registerForwardPreHook'>, { name: 'registerForwardPreHook' });
    hookFlags('registerForwardPreHook', { withKwargs });
    return addHook(this, 'pre', hook as ForwardPreHook, prepend);
  }
  /** hook(module, args, output) runs after forward; a returned value replaces the output. */
  registerForwardHook(hook: ForwardHook, options?: { prepend?: boolean; withKwargs?: boolean; alwaysCall?: boolean }): RemovableHandle;
  registerForwardHook(...args: unknown[]): RemovableHandle {
    const { hook, prepend, withKwargs, alwaysCall } = bind('nn.Module.registerForwardHook', args as Args<'nn.Module.registerForwardHook'>, { name: 'registerForwardHook' });
    hookFlags('registerForwardHook', { withKwargs, alwaysCall });
    return addHook(this, 'forward', hook as ForwardHook, prepend);
  }
  /** hook(module, gradInput, gradOutput) runs when the gradients w.r.t. the inputs are computed; it may return new gradInput. */
  registerFullBackwardHook(hook: BackwardHook, prepend?: boolean): RemovableHandle;
  registerFullBackwardHook(hook: BackwardHook, options?: { prepend?: boolean }): RemovableHandle;
  registerFullBackwardHook(...args: unknown[]): RemovableHandle {
    const { hook, prepend } = bind('nn.Module.registerFullBackwardHook', args as Args<'nn.Module.registerFullBackwardHook'>, { name: 'registerFullBackwardHook' });
    return addHook(this, 'backward', hook as BackwardHook, prepend);
  }

  // ---- registration ------------------------------------------------------------------------
  registerBuffer(...args: MethodArgs<'nn.Module.registerBuffer'>): void {
    const { name, tensor, persistent } = bind('nn.Module.registerBuffer', args, { name: 'registerBuffer' });
    if (typeof name !== 'string' || name === '' || name.includes('.')) badArg('a non-empty name without "."', 'name', name);
    if (tensor !== null && !(tensor instanceof Tensor)) badArg('a Tensor or null', 'tensor', tensor);
    (this as any)[name] = tensor;
    this[BUFFERS].add(name);
    if (!persistent) this[NON_PERSISTENT].add(name);
  }
  registerParameter(...args: MethodArgs<'nn.Module.registerParameter'>): void {
    const { name, param } = bind('nn.Module.registerParameter', args, { name: 'registerParameter' });
    if (param !== null && !(param instanceof Parameter)) badArg('a Parameter or null', 'param', param);
    (this as any)[name] = param;
  }
  addModule(...args: MethodArgs<'nn.Module.addModule'>): void {
    const { name, module } = bind('nn.Module.addModule', args, { name: 'addModule' });
    if (module !== null && !(module instanceof Module)) badArg('a Module or null', 'module', module);
    (this as any)[name] = module;
  }
  registerModule(...args: MethodArgs<'nn.Module.registerModule'>): void {
    const { name, module } = bind('nn.Module.registerModule', args, { name: 'registerModule' });
    this.addModule(name, module);
  }

  // ---- traversal ---------------------------------------------------------------------------
  *namedChildren(): IterableIterator<[string, Module]> {
    for (const key of Object.keys(this)) {
      const v = (this as any)[key];
      if (v instanceof Module) yield [key, v];
    }
  }
  *children(): IterableIterator<Module> {
    for (const [, m] of this.namedChildren()) yield m;
  }
  *namedModules(prefix = '', memo = new Set<Module>()): IterableIterator<[string, Module]> {
    if (memo.has(this)) return;
    memo.add(this);
    yield [prefix, this];
    for (const [name, m] of this.namedChildren()) yield* m.namedModules(prefix ? `${prefix}.${name}` : name, memo);
  }
  *modules(): IterableIterator<Module> {
    for (const [, m] of this.namedModules()) yield m;
  }
  /** This module's own parameters (not its children's), in registration order. */
  protected *ownParameters(): IterableIterator<[string, Parameter]> {
    for (const key of Object.keys(this)) {
      const v = (this as any)[key];
      if (v instanceof Parameter) yield [key, v];
    }
  }
  protected *ownBuffers(): IterableIterator<[string, Tensor]> {
    for (const key of this[BUFFERS]) {
      const v = (this as any)[key];
      if (v instanceof Tensor) yield [key, v];
    }
  }
  *namedParameters(prefix = '', recurse = true): IterableIterator<[string, Parameter]> {
    const seen = new Set<Tensor>();
    for (const [modName, m] of recurse ? this.namedModules(prefix) : [[prefix, this] as [string, Module]]) {
      for (const [name, p] of m.ownParameters()) {
        if (seen.has(p)) continue;
        seen.add(p);
        yield [modName ? `${modName}.${name}` : name, p];
      }
    }
  }
  *parameters(recurse = true): IterableIterator<Parameter> {
    for (const [, p] of this.namedParameters('', recurse)) yield p;
  }
  *namedBuffers(prefix = '', recurse = true): IterableIterator<[string, Tensor]> {
    for (const [modName, m] of recurse ? this.namedModules(prefix) : [[prefix, this] as [string, Module]]) {
      for (const [name, b] of m.ownBuffers()) yield [modName ? `${modName}.${name}` : name, b];
    }
  }
  *buffers(recurse = true): IterableIterator<Tensor> {
    for (const [, b] of this.namedBuffers('', recurse)) yield b;
  }

  // ---- modes and conversion ----------------------------------------------------------------
  train(...args: MethodArgs<'nn.Module.train'>): this {
    const { mode } = bind('nn.Module.train', args, { name: 'train' });
    if (typeof mode !== 'boolean') badArg('a boolean', 'mode', mode);
    for (const m of this.modules()) m.training = mode;
    return this;
  }
  eval(): this {
    return this.train(false);
  }
  requiresGrad_(...args: MethodArgs<'nn.Module.requiresGrad_'>): this {
    const { requiresGrad } = bind('nn.Module.requiresGrad_', args, { name: 'requiresGrad_' });
    for (const p of this.parameters()) p.requiresGrad_(requiresGrad);
    return this;
  }
  zeroGrad(...args: MethodArgs<'nn.Module.zeroGrad'>): void {
    const { setToNone } = bind('nn.Module.zeroGrad', args, { name: 'zeroGrad' });
    for (const p of this.parameters()) {
      if (setToNone) p.grad = null;
      else if (p.grad) noGrad(() => p.grad!.zero_());
    }
  }
  apply(...args: MethodArgs<'nn.Module.apply'>): this {
    const { fn } = bind('nn.Module.apply', args, { name: 'apply' });
    if (typeof fn !== 'function') badArg('a function (module) => void', 'fn', fn);
    for (const m of [...this.children()]) m.apply(fn);
    fn(this);
    return this;
  }
  /**
   * Moves or casts parameters and buffers, as Module.to: parameters keep their identity (their
   * data is swapped), so an optimizer made before still holds them; only floating point
   * tensors change dtype.
   */
  to<S extends string = never>(...args: (DType | Device | ToName<S> | Tensor | object)[]): this {
    const convert = (t: Tensor) => {
      const moved = t.to(...(args as any[]));
      return t.dtype.isFloatingPoint || moved.dtype === t.dtype ? moved : t.to(moved.device);
    };
    noGrad(() => {
      for (const m of this.modules()) {
        for (const [, p] of m.ownParameters()) {
          p.data = convert(p.detach());
          const g = p.grad;
          if (g) p.grad = convert(g);
        }
        for (const [name, b] of m.ownBuffers()) (m as any)[name] = convert(b);
      }
    });
    return this;
  }
  cuda(...args: MethodArgs<'nn.Module.cuda'>): this {
    const { device } = bind('nn.Module.cuda', args, { name: 'cuda' });
    return this.to(device == null ? 'cuda' : typeof device === 'number' ? `cuda:${device}` : device);
  }
  cpu(): this {
    return this.to('cpu');
  }
  float(): this {
    return this.to('float32');
  }
  double(): this {
    return this.to('float64');
  }

  // ---- state -------------------------------------------------------------------------------
  /** Keys exactly as PyTorch names them ('layer1.0.bn1.running_mean'); values detached. */
  stateDict(...args: MethodArgs<'nn.Module.stateDict'>): StateDict {
    const { destination, prefix, keepVars } = bind('nn.Module.stateDict', args, { name: 'stateDict' });
    const out: StateDict = destination ?? {};
    for (const [modName, m] of this.namedModules()) {
      const base = prefix + (modName ? `${modName}.` : '');
      for (const [name, p] of m.ownParameters()) out[base + name] = keepVars ? p : p.detach();
      for (const [name, b] of m.ownBuffers()) if (!m[NON_PERSISTENT].has(name)) out[base + name] = keepVars ? b : b.detach();
    }
    return out;
  }

  /** Copies a state dict in; strict (default) demands the same keys and shapes, as PyTorch does. */
  loadStateDict(...args: MethodArgs<'nn.Module.loadStateDict'>): { missingKeys: string[]; unexpectedKeys: string[] } {
    const { stateDict, strict, assign } = bind('nn.Module.loadStateDict', args, { name: 'loadStateDict', objectParams: ['stateDict'] });
    if (assign) throw new TypeError('loadStateDict(): assign=true is not supported by torch-node yet');
    let sd: StateDict = stateDict instanceof Map ? Object.fromEntries(stateDict) : stateDict;
    if (sd === null || typeof sd !== 'object') badArg('a state dict (an object of Tensors)', 'stateDict', sd);
    const dropped = [...this.namedModules()].flatMap(([name, m]) => m.checkpointKeysIgnored().map((k) => (name ? `${name}.` : '') + k));
    if (dropped.some((k) => k in sd)) sd = Object.fromEntries(Object.entries(sd).filter(([k]) => !dropped.includes(k)));
    const renamed = [...this.namedModules()].flatMap(([name, m]) => Object.entries(m.checkpointKeysRenamed()).map(([from, to]) => [(name ? `${name}.` : '') + from, (name ? `${name}.` : '') + to]));
    const legacy = renamed.filter(([from, to]) => from in sd && !(to in sd));
    if (legacy.length) {
      sd = { ...sd }; // the caller's object stays as it was, as Python loads from a copy
      for (const [from, to] of legacy) {
        sd[to] = sd[from];
        delete sd[from];
      }
    }
    const own = this.stateDict({ keepVars: true });
    // a checkpoint from before PyTorch 0.4.1 (torchvision's own weight files among them) has no
    // num_batches_tracked anywhere: BatchNorm keeps its own there, as PyTorch does for a version-1 file
    const oldFile = !Object.keys(sd).some((k) => k.endsWith('num_batches_tracked'));
    const optional = oldFile ? new Set([...this.namedModules()].flatMap(([name, m]) => m.checkpointKeysOptional().map((k) => (name ? `${name}.` : '') + k))) : new Set<string>();
    const missingKeys = Object.keys(own).filter((k) => !(k in sd) && !optional.has(k));
    const unexpectedKeys = Object.keys(sd).filter((k) => !(k in own));
    const errors: string[] = [];
    const shape = (t: Tensor) => `torch.Size([${t.shape.join(', ')}])`;
    for (const [k, target] of Object.entries(own)) {
      const src = sd[k];
      if (!(k in sd)) continue;
      if (!(src instanceof Tensor)) { errors.push(`While copying the parameter named "${k}", expected a Tensor but got ${typeof src}.`); continue; }
      if (src.shape.join() !== target.shape.join()) {
        errors.push(`size mismatch for ${k}: copying a param with shape ${shape(src)} from checkpoint, the shape in current model is ${shape(target)}.`);
        continue;
      }
      noGrad(() => target.copy_(src));
    }
    if (strict) {
      if (unexpectedKeys.length) errors.unshift(`Unexpected key(s) in state_dict: ${unexpectedKeys.map((k) => `"${k}"`).join(', ')}. `);
      if (missingKeys.length) errors.unshift(`Missing key(s) in state_dict: ${missingKeys.map((k) => `"${k}"`).join(', ')}. `);
    }
    if (errors.length) throw new Error(`Error(s) in loading state_dict for ${this.constructor.name}:\n\t${errors.join('\n\t')}`);
    return { missingKeys, unexpectedKeys };
  }

  /**
   * Keys of this module's own entries a checkpoint may carry and loadStateDict drops (as a
   * PyTorch module's _load_from_state_dict override does: FrozenBatchNorm2d drops BatchNorm's
   * num_batches_tracked).
   */
  checkpointKeysIgnored(): readonly string[] {
    return [];
  }
  /**
   * Old names of this module's own entries that loadStateDict reads under their new names, when a
   * checkpoint has the old name and not the new (as a torchvision module's _load_from_state_dict
   * renames an older version's keys: ViT's MLPBlock).
   */
  checkpointKeysRenamed(): Readonly<Record<string, string>> {
    return {};
  }
  /**
   * Keys of this module's own entries that a checkpoint saved before PyTorch 0.4.1 lacks, which
   * loadStateDict leaves as they are (BatchNorm's num_batches_tracked, as its _load_from_state_dict
   * does for a version-1 file).
   */
  checkpointKeysOptional(): readonly string[] {
    return [];
  }

  // ---- printing ----------------------------------------------------------------------------
  /** The text inside Linear(...): override in layers, as extra_repr. */
  extraRepr(): string {
    return '';
  }
  /** The module tree as Python's `repr(model)` prints it, with each layer's `extraRepr`. */
  toString(): string {
    const extraLines = this.extraRepr() ? this.extraRepr().split('\n') : [];
    const childLines = [...this.namedChildren()].map(([name, m]) => `(${name}): ${String(m).split('\n').join('\n  ')}`);
    const lines = [...extraLines, ...childLines];
    let main = `${this.constructor.name}(`;
    if (lines.length) main += extraLines.length === 1 && !childLines.length ? extraLines[0] : `\n  ${lines.join('\n  ')}\n`;
    return `${main})`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}
