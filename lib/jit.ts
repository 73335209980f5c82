// torch.jit: TorchScript modules exported from Python (torch.jit.script / trace + save) loaded into
// a Module that is called, trained, saved and inspected like any other, and that serves forward
// passes on libuv worker threads (forwardAsync) without blocking the event loop.
import { existsSync } from 'node:fs';
import { native } from './native.js';
import { Tensor } from './tensor.js';
import { Module, setAsyncForward } from './nn/module.js';
import type { Parameter } from './nn/parameter.js';
import { badArg } from './errors.js';
import type { DeviceLike, DType, Device, ToName } from './types.js';
import { DType as DTypeClass, toDType } from './types.js';

/** A native result: tensor handles wrapped, arrays and string-keyed dicts walked. */
function fromNative(r: any): any {
  if (r === null || typeof r !== 'object') return r;
  if (Array.isArray(r)) return r.map(fromNative);
  if (Object.getPrototypeOf(r) === Object.prototype) return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, fromNative(v)]));
  return new Tensor(r);
}

const HANDLE = Symbol('jitModule');
const CACHE = Symbol('jitCache');

/** torch.jit.ScriptModule (RecursiveScriptModule in Python). */
import { bind, rejectUnsupported, type Args } from './bind.js';
export class ScriptModule extends Module {
  declare [HANDLE]: unknown;
  declare [CACHE]: { children?: [string, ScriptModule][]; params?: [string, Parameter][]; buffers?: [string, Tensor][] };
  /** @internal */
  constructor(handle: unknown) {
    super();
    Object.defineProperty(this, HANDLE, { value: handle, enumerable: false });
    Object.defineProperty(this, CACHE, { value: {}, enumerable: false });
    this.training = native.jitState(handle, 0) as boolean;
    // exported methods (@torch.jit.export) callable by name, as in Python
    for (const name of native.jitState(handle, 1) as string[]) {
      if (name === 'forward' || name in this) continue;
      Object.defineProperty(this, name, { value: (...args: unknown[]) => this.runMethod(name, ...args), enumerable: false });
    }
  }
  /** The TorchScript class name, as original_name in Python's repr. */
  get originalName(): string {
    const q = native.jitState(this[HANDLE], 2) as string;
    return q.split('.').pop()!;
  }
  forward(...args: unknown[]): any {
    return this.runMethod('forward', ...args);
  }
  /** Calls a TorchScript method by name with JS values (converted by the method's signature). */
  runMethod(name: string, ...args: unknown[]): any {
    return fromNative(native.jitCall(this[HANDLE], name, args));
  }
  /** forward on a libuv worker thread under noGrad; the event loop stays free meanwhile. */
  async forwardAsync(...args: unknown[]): Promise<any> {
    return fromNative(await native.jitCallAsync(this[HANDLE], 'forward', args));
  }

  *namedChildren(): IterableIterator<[string, Module]> {
    this[CACHE].children ??= (native.jitNamed(this[HANDLE], 2, false) as [string, unknown][]).map(([n, h]) => [n, new ScriptModule(h)]);
    yield* this[CACHE].children;
  }
  protected *ownParameters(): IterableIterator<[string, Parameter]> {
    this[CACHE].params ??= (native.jitNamed(this[HANDLE], 0, false) as [string, any][]).map(([n, h]) => [n, new Tensor(h) as Parameter]);
    yield* this[CACHE].params;
  }
  protected *ownBuffers(): IterableIterator<[string, Tensor]> {
    this[CACHE].buffers ??= (native.jitNamed(this[HANDLE], 1, false) as [string, any][]).map(([n, h]) => [n, new Tensor(h)]);
    yield* this[CACHE].buffers;
  }
  train(mode = true): this {
    if (typeof mode !== 'boolean') badArg('a boolean', 'mode', mode);
    native.jitState(this[HANDLE], 0, mode);
    for (const m of this.modules()) m.training = mode;
    return this;
  }
  /** Moves or casts in place (the TorchScript module's own tensors change), as Module.to. */
  to<S extends string = never>(...args: (DType | Device | ToName<S> | Tensor | object)[]): this {
    let device: unknown = null, dtype: unknown = null;
    for (const a of args) {
      if (a instanceof DTypeClass) dtype = a;
      else if (typeof a === 'string' && !/^(cpu|cuda|mps|meta)/.test(a)) dtype = toDType(a);
      else if (a instanceof Tensor) [device, dtype] = [a.device, a.dtype];
      else if (a && typeof a === 'object' && ('device' in a || 'dtype' in a)) [device, dtype] = [(a as any).device ?? null, (a as any).dtype ?? null];
      else device = a;
    }
    native.jitTo(this[HANDLE], device, dtype);
    this[CACHE].params = this[CACHE].buffers = undefined;
    for (const m of this.modules()) if (m instanceof ScriptModule) m[CACHE].params = m[CACHE].buffers = undefined;
    return this;
  }
  /** torch.jit.save(this, path) */
  save(path: string): void {
    save(this, path);
  }
  toString(): string {
    return `RecursiveScriptModule(original_name=${this.originalName})`;
  }
}

/** The keyword arguments of `jit.load`. */
export interface JitLoadOptions {
  /** Where the tensors go: 'cpu', 'cuda', 'cuda:1', a torch.device. */
  mapLocation?: DeviceLike | null;
}

/** torch.jit.load(path, { mapLocation }): a TorchScript module saved by Python or by torch.jit.save. */
export function load(...args: Args<'jit.load'>): ScriptModule {
  const a = bind('jit.load', args, { name: 'torch.jit.load' });
  rejectUnsupported('jit.load', a, ['extraFiles', 'restoreShapes'], 'torch.jit.load');
  const path = a.f, options = a;
  if (typeof path !== 'string') badArg('a file path', 'f', path);
  if (!existsSync(path)) throw new Error(`torch.jit.load: no such file: ${path}`);
  return new ScriptModule(native.jitLoad(path, options.mapLocation ?? null));
}

/** torch.jit.save(module, path): TorchScript's zip format, readable by Python's torch.jit.load. */
export function save(...args: Args<'jit.save'>): void {
  const a = bind('jit.save', args, { name: 'torch.jit.save' });
  rejectUnsupported('jit.save', a, ['extraFiles'], 'torch.jit.save');
  const module = a.m as unknown as ScriptModule, path = a.f;
  if (!(module instanceof ScriptModule)) badArg('a ScriptModule (from torch.jit.load)', 'm', module);
  if (typeof path !== 'string') badArg('a file path', 'f', path);
  native.jitSave(module[HANDLE], path);
}

/**
 * torch.jit.trace(module, exampleInputs): runs forward once with libtorch's tracer and returns a
 * ScriptModule of the recorded ops, reading the module's own parameters and buffers (so later
 * in-place updates are seen). As in PyTorch, control flow and JS numbers read from tensors (such as
 * sizes) are frozen at their traced values. A plain function of tensors can be traced too.
 */
export function trace(...args: Args<'jit.trace'>): ScriptModule {
  const a = bind('jit.trace', args, { name: 'torch.jit.trace' });
  rejectUnsupported('jit.trace', a, ['checkInputs', 'strict', 'forceOutplace', 'moduleClass', 'exampleKwargInputs'], 'torch.jit.trace');
  const fn = a.func, exampleInputs = a.exampleInputs;
  if (exampleInputs == null) throw new TypeError('torch.jit.trace(): exampleInputs are needed (torch-node traces by running the function once)');
  const inputs = exampleInputs instanceof Tensor ? [exampleInputs] : exampleInputs;
  if (!Array.isArray(inputs) || !inputs.every((x) => x instanceof Tensor)) badArg('a Tensor or an array of Tensors', 'exampleInputs', exampleInputs);
  if (typeof fn !== 'function') badArg('a Module or a function', 'func', fn);
  const entries: [string, Tensor, boolean][] = [];
  let name = 'TracedFunction';
  if (fn instanceof Module) {
    name = fn.constructor.name || 'Module';
    for (const [k, p] of fn.namedParameters()) entries.push([k, p, false]);
    for (const [k, b] of fn.namedBuffers()) entries.push([k, b, true]);
  }
  return new ScriptModule(native.jitTrace((args: unknown[]) => (fn as any)(...args.map((h) => new Tensor(h as any))), inputs, entries, name.replace(/[^A-Za-z0-9_]/g, '_')));
}

// Module.forwardAsync: a trace of the module per input signature and mode, run on worker threads.
const TRACES = new WeakMap<Module, Map<string, ScriptModule>>();
setAsyncForward(async (module: Module, args: unknown[]) => {
  if (module instanceof ScriptModule) return module.forwardAsync(...args);
  if (!args.every((a) => a instanceof Tensor)) badArg('Tensors', 'forwardAsync inputs', args.find((a) => !(a instanceof Tensor)));
  const inputs = args as Tensor[];
  const params = [...module.parameters(), ...module.buffers()];
  // a new input shape, mode, or replaced weights (new storage) needs a new trace
  const key = [module.training, ...inputs.map((x) => `${x.dtype.name}${x.device}[${x.shape}]`), ...params.map((p) => p.dataPtr())].join('|');
  let byKey = TRACES.get(module);
  if (!byKey) TRACES.set(module, (byKey = new Map()));
  let traced = byKey.get(key);
  if (!traced) {
    traced = trace(module, inputs);
    byKey.clear(); // keep one trace per module: the latest signature
    byKey.set(key, traced);
  }
  return traced.forwardAsync(...inputs);
});
