// torch.Tensor: a thin JS object around a native handle. Hand-written members are the
// Python-level ones (shape, item, to, backward, grad, indexing); the ATen methods come from
// lib/generated/ops.ts and are installed on the prototype below.
import { inspect } from 'node:util';
import { native, type Handle } from './native.js';
import { badArg, takesNoArguments } from './errors.js';
import { track } from './scope.js';
import {
  DType, Device, device as toDevice, dtypeFromEnum, toDType, bool as boolDType, float16, bfloat16,
  float32, float64, int64, int32, int16, int8, uint8, type DeviceLike, type ToName, MemoryFormat,
  contiguousFormat, preserveFormat, channelsLast, channelsLast3d, type Layout, strided,
} from './types.js';
import { OP_GROUPS, TENSOR_METHODS, type TensorOps } from './generated/ops.js';
import { formatTensor } from './format.js';
import { bind, unexpectedKeyword, type Args } from './bind.js';
import { isPlainObject } from './plain-object.js';
import { fastMethod, fastSelect, fastToDtype } from './fast-ops.js';
import { SCRATCH, fromData, fromValues, readSmall, scratchView } from './scratch.js';
import { TypedStorage, UntypedStorage } from './storage.js';

export const OP_BASE = native.defineOps(OP_GROUPS);
const op = native.op;

/** Python's slice: x.index(slice(1, 3)) is x[1:3]. */
export interface Slice {
  start?: number | null;
  stop?: number | null;
  step?: number | null;
}
export function slice(start?: number | null, stop?: number | null, step?: number | null): Slice {
  if (stop === undefined && step === undefined) return { start: null, stop: start ?? null, step: null };
  return { start: start ?? null, stop: stop ?? null, step: step ?? null };
}
/**
 * One subscript: an int, a slice (or its text, '1:3'), null (newaxis), '...' (Ellipsis), a bool, an
 * index or mask Tensor, or a list: of ints (nested for a multi-dimensional index) or of bools (a mask).
 * As in Python, a lone list holding a slice, null, '...', a Tensor or a list is the subscripts
 * themselves: `x.index([torch.slice(1), 0])` is `x[1:, 0]`.
 */
export type Index = number | bigint | Slice | null | '...' | boolean | Tensor | string | readonly Index[];

// PyTorch 2.x warns once per process that TypedStorage is deprecated
let storageWarned = false;

enum Meta { Shape, Strides, Dtype, Device, Contiguous, StorageOffset, DataPtr, Accounted, Dim, StorageNbytes }
enum Grad { Grad, RequiresGrad, IsLeaf, GradFn, RetainsGrad, Version, OutputNr, Data }

enum NodeQuery { Name, Next, Variable, Address }

/**
 * A node of the autograd graph (Python's `grad_fn`): what autograd recorded for a tensor.
 * `y.gradFn?.name()` is 'AddBackward0', and `nextFunctions` walks the graph towards the leaves, as
 * in PyTorch (`loss.gradFn.nextFunctions[0][0]`).
 */
export class GradFn {
  /** @internal use gradFnOf, which keeps one wrapper per node */
  constructor(private readonly _h: Handle) {}
  /** The node's name, as Python's `grad_fn.name()` ('AddBackward0', 'torch::autograd::AccumulateGrad'). */
  name(): string {
    return native.nodeQuery(this._h, NodeQuery.Name) as string;
  }
  /**
   * The nodes this one passes gradients to, each with the input of that node it feeds (Python's
   * `next_functions`): null where an input needs no gradient, an AccumulateGrad node for a leaf.
   */
  get nextFunctions(): [GradFn | null, number][] {
    return (native.nodeQuery(this._h, NodeQuery.Next) as [Handle | null, number][]).map(([h, nr]) => [h === null ? null : gradFnOf(h), nr]);
  }
  /** The leaf tensor an AccumulateGrad node accumulates into (Python's `AccumulateGrad.variable`); undefined for other nodes. */
  get variable(): Tensor | undefined {
    const h = native.nodeQuery(this._h, NodeQuery.Variable) as Handle | null | undefined;
    return h == null ? undefined : new Tensor(h);
  }
  /** Python's repr: `<AddBackward0 object at 0x...>`. */
  toString() {
    return `<${this.name().split('::').pop()} object at ${native.nodeQuery(this._h, NodeQuery.Address) as string}>`;
  }
  /** console.log prints a node as Python prints it. */
  [inspect.custom]() {
    return this.toString();
  }
}

// One wrapper per autograd node while any is reachable, so that `y.gradFn === y.gradFn`, as `is` holds
// in Python, and a walk of the graph can keep the nodes it has seen in a Set. A node's address is
// unique while its wrapper (which holds the node) lives.
const gradFnWrappers = new Map<string, WeakRef<GradFn>>();
const gradFnCollected = new FinalizationRegistry<[string, WeakRef<GradFn>]>(([address, ref]) => {
  if (gradFnWrappers.get(address) === ref) gradFnWrappers.delete(address);
});
function gradFnOf(h: Handle): GradFn {
  const address = native.nodeQuery(h, NodeQuery.Address) as string;
  const known = gradFnWrappers.get(address)?.deref();
  if (known) return known;
  const fn = new GradFn(h);
  const ref = new WeakRef(fn);
  gradFnWrappers.set(address, ref);
  gradFnCollected.register(fn, [address, ref]);
  return fn;
}

export interface Tensor extends TensorOps {}

/** What Tensor.tolist() returns: a number or boolean, or nested arrays of them. */
export type NestedList = number | boolean | NestedList[];

export class Tensor {
  /** @internal the native handle */
  _h: Handle;
  /** @internal the wrapper `grad` returned last */
  private declare _gradWrapper?: Tensor;
  /** @internal the wrapper `data` returned last */
  private declare _dataWrapper?: Tensor;

  /**
   * Python's legacy constructor: `new torch.Tensor([1, 2, 3])` copies data into the default float
   * dtype, `new torch.Tensor(2, 3)` makes an uninitialised 2×3 tensor, `new torch.Tensor()` an empty
   * one. (torch.tensor() and the factories are the usual way.)
   */
  constructor(...args: unknown[]);
  /** @internal wraps a native handle */
  constructor(handle: Handle);
  constructor(...args: unknown[]) {
    const first = args[0];
    // native handles are Externals; anything else is Python's legacy constructor
    const legacy = args.length !== 1 || first === null || typeof first !== 'object' || Array.isArray(first) || ArrayBuffer.isView(first);
    this._h = legacy ? legacyHandle(args) : (first as Handle);
    track(this);
  }

  // ---- metadata --------------------------------------------------------------------
  get shape(): number[] {
    const n = native.sizesInto(this._h);
    if (n < 0) return native.meta(this._h, Meta.Shape);
    const s: number[] = [];
    for (let i = 0; i < n; i++) s.push(SCRATCH[i]);
    return s;
  }
  size(dim?: null | { dim?: null }): number[];
  size(dim: number | { dim: number }): number;
  size(...args: unknown[]): number[] | number {
    // x.size(0) and x.size() without the binder: the common calls in a loop
    const dim = args.length <= 1 && (typeof args[0] === 'number' || args[0] === undefined) ? args[0] : bind('Tensor.size', args as Args<'Tensor.size'>, { name: 'size' }).dim;
    const s = this.shape;
    if (dim == null) return s;
    return s[normDim(dim as number, s.length, 'dim')];
  }
  stride(dim?: null | { dim?: null }): number[];
  stride(dim: number | { dim: number }): number;
  stride(...args: unknown[]): number[] | number {
    const dim = args.length <= 1 && (typeof args[0] === 'number' || args[0] === undefined) ? args[0] : bind('Tensor.stride', args as Args<'Tensor.stride'>, { name: 'stride' }).dim;
    const s: number[] = native.meta(this._h, Meta.Strides);
    return dim == null ? s : s[normDim(dim as number, s.length, 'dim')];
  }
  dim(): number {
    if (arguments.length) takesNoArguments('Tensor.dim', arguments.length);
    return native.meta(this._h, Meta.Dim);
  }
  get ndim(): number {
    return this.dim();
  }
  numel(): number {
    if (arguments.length) takesNoArguments('Tensor.numel', arguments.length);
    return this.shape.reduce((a, b) => a * b, 1);
  }
  /** Tensor.nelement: numel() under its older name. */
  nelement(): number {
    if (arguments.length) takesNoArguments('Tensor.nelement', arguments.length);
    return this.numel();
  }
  /** Tensor.ndimension: dim() under its older name. */
  ndimension(): number {
    if (arguments.length) takesNoArguments('Tensor.ndimension', arguments.length);
    return this.dim();
  }
  /** Tensor.get_device: the CUDA device's index, or -1 for a CPU tensor. */
  getDevice(): number {
    if (arguments.length) takesNoArguments('Tensor.getDevice', arguments.length);
    const d = this.device;
    return d.type === 'cpu' ? -1 : d.index ?? 0;
  }
  /** Tensor.is_same_size(other): whether `other` has this tensor's shape. */
  isSameSize(...args: Args<'Tensor.isSameSize'>): boolean {
    const other = args.length === 1 && args[0] instanceof Tensor ? args[0] : bind('Tensor.isSameSize', args, { name: 'isSameSize' }).other;
    if (!(other instanceof Tensor)) badArg('Tensor', 'other', other);
    return sameShape(this.shape, other.shape);
  }
  /**
   * The data type of the tensor's elements (`torch.float32`, `torch.int64`, ...), as Python's `Tensor.dtype`.
   */
  get dtype(): DType {
    return dtypeFromEnum(native.meta(this._h, Meta.Dtype));
  }
  get device(): Device {
    return toDevice(native.meta(this._h, Meta.Device));
  }
  /** Bytes of the elements (numel × itemsize), as Tensor.nbytes. */
  get nbytes(): number {
    return this.numel() * this.dtype.itemsize;
  }
  get itemsize(): number {
    return this.dtype.itemsize;
  }
  /** x.T: the dimensions reversed (x.permute(n-1, ..., 0)). */
  get T(): Tensor {
    const n = this.dim();
    // the dims as separate integers take permute's unboxed path (a permute, as in Python: PermuteBackward0)
    if (n === 2) return this.permute(1, 0);
    return this.permute(Array.from({ length: n }, (_, i) => n - 1 - i));
  }
  /** x.mT: the last two dimensions transposed. */
  get mT(): Tensor {
    return this.transpose(-2, -1);
  }
  /** x.mH: the last two dimensions transposed and conjugated (x.mT for real tensors). */
  get mH(): Tensor {
    return this.adjoint();
  }
  /** x.H: a matrix transposed and conjugated (x.T for a real 2-D tensor); a 0-D tensor as it is. */
  get H(): Tensor {
    return this.matrix_H();
  }
  /** The tensor's memory layout: `torch.strided`, the only one torch-node makes. */
  get layout(): Layout {
    return strided;
  }
  get isCuda(): boolean {
    return this.device.type === 'cuda';
  }
  get isCpu(): boolean {
    return this.device.type === 'cpu';
  }
  get isMps(): boolean {
    return this.device.type === 'mps';
  }
  get isXpu(): boolean {
    return this.device.type === 'xpu';
  }
  get isMeta(): boolean {
    return this.device.type === 'meta';
  }
  /** Tensor.is_contiguous(memory_format=torch.contiguous_format): whether the strides are that format's dense ones. */
  isContiguous(...args: Args<'Tensor.isContiguous'>): boolean {
    const memoryFormat = args.length === 0 ? contiguousFormat : bind('Tensor.isContiguous', args, { name: 'isContiguous' }).memoryFormat ?? contiguousFormat;
    // libtorch's compute_channels_last_contiguous_2d/_3d: the dimensions innermost first, size-1 ones
    // skipped; any other format asks for the default layout, as TensorImpl::is_contiguous does
    const order = memoryFormat === channelsLast ? [1, 3, 2, 0] : memoryFormat === channelsLast3d ? [1, 4, 3, 2, 0] : undefined;
    if (!order) return native.meta(this._h, Meta.Contiguous);
    const shape = this.shape;
    if (shape.length !== order.length) return false;
    const strides = this.stride();
    let expected = 1;
    for (const d of order) {
      if (shape[d] === 1) continue;
      if (strides[d] !== expected) return false;
      expected *= shape[d];
    }
    return true;
  }
  isFloatingPoint(): boolean {
    if (arguments.length) takesNoArguments('Tensor.isFloatingPoint', arguments.length);
    return this.dtype.isFloatingPoint;
  }
  storageOffset(): number {
    if (arguments.length) takesNoArguments('Tensor.storageOffset', arguments.length);
    return native.meta(this._h, Meta.StorageOffset);
  }
  elementSize(): number {
    if (arguments.length) takesNoArguments('Tensor.elementSize', arguments.length);
    return this.dtype.itemsize;
  }
  /** Address of the first element (shared memory shows as equal pointers). */
  dataPtr(): bigint {
    if (arguments.length) takesNoArguments('Tensor.dataPtr', arguments.length);
    return native.meta(this._h, Meta.DataPtr);
  }
  /**
   * All the memory under this tensor (a view's whole base) as elements of its dtype, shared with it:
   * Python's `x.storage()`, which PyTorch 2.x deprecates for `untypedStorage()`.
   */
  storage(): TypedStorage {
    if (arguments.length) takesNoArguments('Tensor.storage', arguments.length);
    if (!storageWarned) {
      storageWarned = true;
      process.emitWarning('TypedStorage is deprecated. It will be removed in the future and UntypedStorage will be the only storage class. This should only matter to you if you are using storages directly.  To access UntypedStorage directly, use tensor.untyped_storage() instead of tensor.storage()', 'UserWarning');
    }
    return new TypedStorage(this.storageElements());
  }
  /** All the memory under this tensor as bytes, shared with it (Python's `x.untyped_storage()`). */
  untypedStorage(): UntypedStorage {
    if (arguments.length) takesNoArguments('Tensor.untypedStorage', arguments.length);
    return new UntypedStorage(this.storageElements().view(uint8));
  }
  private storageElements(): Tensor {
    const n = Math.floor(native.meta(this._h, Meta.StorageNbytes) / this.dtype.itemsize);
    return this.detach().asStrided([n], [1], 0);
  }
  /** @internal bytes this wrapper reported to V8 as external memory */
  get _externalBytes(): number {
    return native.meta(this._h, Meta.Accounted);
  }

  // ---- reading values ----------------------------------------------------------------
  item(): number;
  item<T extends number | boolean>(): T;
  item(): number | boolean {
    if (arguments.length) takesNoArguments('Tensor.item', arguments.length);
    return native.item(this._h);
  }

  /**
   * The elements as a TypedArray (Float32Array for float32, BigInt64Array for int64, Uint8Array
   * for bool and uint8...), copied into memory V8 owns, so a loop over fresh tensors stays flat.
   * `{ share: true }` shares a contiguous CPU tensor's memory instead, as Tensor.numpy() does in
   * PyTorch (writes go both ways; resize_() invalidates the array); Node releases such arrays only
   * when the event loop turns. float16 and bfloat16 come back as a Float32Array copy.
   */
  toTypedArray(options: { share?: boolean } = {}): Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | BigInt64Array | Uint8Array {
    if (typeof options !== 'object' || options === null) badArg('an options object', 'options', options);
    for (const k of Object.keys(options)) if (k !== 'share') unexpectedKeyword('toTypedArray', k, ['share']);
    if (options.share) {
      const [t, dt] = this.readable();
      return new dt.arrayType!(native.toArrayBuffer(t._h, true));
    }
    const [t, dt] = this.readable();
    const n = readSmall(t._h, dt.arrayType!);
    return n >= 0 ? (scratchView(dt.arrayType!).slice(0, n) as ReturnType<Tensor['toTypedArray']>) : new dt.arrayType!(native.toArrayBuffer(t._h, false));
  }

  /** This tensor (of `dtype`), or its float32 copy for the dtypes JS has no array for (float16, bfloat16), and the dtype to read. */
  private readable(dtype = this.dtype): [Tensor, DType] {
    return dtype === float16 || dtype === bfloat16 ? [this.to(float32), float32] : [this, dtype];
  }

  /**
   * Nested arrays of numbers (int64 as numbers) or booleans, as Tensor.tolist(); a 0-dim tensor gives
   * its number. Name the shape you know: `x.tolist<number[][]>()`.
   */
  tolist<T extends NestedList = NestedList>(): T {
    if (arguments.length) takesNoArguments('Tensor.tolist', arguments.length);
    const shape = this.shape;
    const dtype = this.dtype;
    const [t, dt] = this.readable(dtype);
    // read last: nothing below calls into the addon, which would overwrite a small tensor's elements
    const n = readSmall(t._h, dt.arrayType!);
    const flat = n >= 0 ? scratchView(dt.arrayType!) : new dt.arrayType!(native.toArrayBuffer(t._h, false));
    return nestedList(flat as ArrayLike<number | bigint>, shape, dtype === boolDType ? ListItem.Bool : dt.arrayType === BigInt64Array ? ListItem.BigInt : ListItem.Number) as T;
  }

  // ---- conversion ----------------------------------------------------------------------
  /**
   * x.to(dtype), x.to(device), x.to(device, dtype), x.to(other), with options
   * { dtype, device, nonBlocking, copy, memoryFormat }, as Tensor.to in PyTorch.
   */
  to<S extends string = never>(...args: (DType | Device | ToName<S> | Tensor | boolean | ToOptions)[]): Tensor {
    if (args.length === 1 && args[0] instanceof DType) {
      const h = fastToDtype(this._h, args[0]._enum);
      if (h === true) return this;
      if (h !== undefined) return new Tensor(h);
    }
    const opts = bindTo(args);
    // nothing to change: PyTorch returns self (x.to(x.dtype) is x, x.cpu() is x for a CPU tensor;
    // to_will_alias: a memory format that is preserve_format or the one the strides suggest)
    if (!opts.copy && (opts.dtype === undefined || opts.dtype === this.dtype) && sameDevice(opts.device, this.device) &&
      (opts.memoryFormat === undefined || opts.memoryFormat === preserveFormat || opts.memoryFormat === suggestMemoryFormat(this.shape, this.stride()))) return this;
    return wrap(op(TO, this._h, opts));
  }
  /** Tensor.cpu(memory_format=torch.preserve_format): this tensor, or its copy in CPU memory. */
  cpu(...args: Args<'Tensor.cpu'>): Tensor {
    return args.length === 0 ? this.to(CPU) : this.to(CPU, { memoryFormat: bind('Tensor.cpu', args, { name: 'cpu' }).memoryFormat });
  }
  /** Tensor.cuda(device=None, non_blocking=False, memory_format=torch.preserve_format). */
  cuda(...args: Args<'Tensor.cuda'>): Tensor {
    const { device, nonBlocking, memoryFormat } = bind('Tensor.cuda', args, { name: 'cuda' });
    const d = device == null ? toDevice('cuda') : typeof device === 'number' ? toDevice('cuda', device) : toDevice(device);
    return this.to(d, { nonBlocking: nonBlocking ?? false, memoryFormat });
  }
  float(...args: Args<'Tensor.float'>): Tensor { return this.cast(float32, 'float', args); }
  double(...args: Args<'Tensor.double'>): Tensor { return this.cast(float64, 'double', args); }
  half(...args: Args<'Tensor.half'>): Tensor { return this.cast(float16, 'half', args); }
  bfloat16(...args: Args<'Tensor.bfloat16'>): Tensor { return this.cast(bfloat16, 'bfloat16', args); }
  long(...args: Args<'Tensor.long'>): Tensor { return this.cast(int64, 'long', args); }
  int(...args: Args<'Tensor.int'>): Tensor { return this.cast(int32, 'int', args); }
  short(...args: Args<'Tensor.short'>): Tensor { return this.cast(int16, 'short', args); }
  char(...args: Args<'Tensor.char'>): Tensor { return this.cast(int8, 'char', args); }
  byte(...args: Args<'Tensor.byte'>): Tensor { return this.cast(uint8, 'byte', args); }
  bool(...args: Args<'Tensor.bool'>): Tensor { return this.cast(boolDType, 'bool', args); }
  /** x.float(memory_format=...) and its kin: x.to(dtype), in the given memory format. */
  private cast(dtype: DType, name: 'float' | 'double' | 'half' | 'bfloat16' | 'long' | 'int' | 'short' | 'char' | 'byte' | 'bool', args: readonly unknown[]): Tensor {
    if (args.length === 0) return this.to(dtype);
    return this.to(dtype, { memoryFormat: bind(`Tensor.${name}`, args as Args<'Tensor.float'>, { name }).memoryFormat });
  }
  /**
   * Tensor.type(dtype=None, non_blocking=False, *, memory_format=None): with no dtype the type's name
   * ('torch.FloatTensor'); with a dtype or such a name, the tensor converted to it.
   */
  type(options?: { dtype?: null; nonBlocking?: boolean; memoryFormat?: MemoryFormat | null }): string;
  type(dtype: null, options?: { nonBlocking?: boolean; memoryFormat?: MemoryFormat | null }): string;
  type(dtype: DType | string, nonBlocking?: boolean, options?: { memoryFormat?: MemoryFormat | null }): Tensor;
  type(dtype: DType | string, options?: { nonBlocking?: boolean; memoryFormat?: MemoryFormat | null }): Tensor;
  type(options: { dtype: DType | string; nonBlocking?: boolean; memoryFormat?: MemoryFormat | null }): Tensor;
  type(...args: unknown[]): string | Tensor {
    const { dtype, nonBlocking, memoryFormat } = args.length === 0 ? { dtype: null, nonBlocking: false, memoryFormat: null } : bind('Tensor.type', args as Args<'Tensor.type'>, { name: 'type' });
    if (dtype == null) return `torch.${this.isCuda ? 'cuda.' : ''}${TYPE_NAMES[this.dtype.name]}Tensor`;
    if (typeof nonBlocking !== 'boolean') badArg('boolean', 'nonBlocking', nonBlocking);
    const legacy = typeof dtype === 'string' ? /^torch\.(cuda\.)?(\w+)Tensor$/.exec(dtype) : null;
    let name: string | undefined;
    if (legacy && !(name = Object.keys(TYPE_NAMES).find((k) => TYPE_NAMES[k] === legacy[2]))) {
      badArg("a dtype or a tensor type name such as 'torch.FloatTensor'", 'dtype', dtype);
    }
    const device = legacy ? (legacy[1] ? 'cuda' : this.isCuda ? 'cpu' : undefined) : undefined;
    return this.to({ dtype: toDType(name ?? (dtype as DType | string)), device, nonBlocking, memoryFormat: memoryFormat ?? undefined });
  }

  /** Python's len(x): the size of the first dimension. */
  get length(): number {
    if (this.dim() === 0) throw new TypeError('len() of a 0-d tensor');
    return this.size(0);
  }

  // ---- indexing (Python's x[...]) ------------------------------------------------------
  /**
   * x.index(0, slice(1, 3), null, '...', mask) is Python's x[0, 1:3, None, ..., mask].
   * A list is read as PyTorch reads it: of ints an index (x[[0, 2]]), of bools a mask, and one that
   * holds a slice, null, '...', a tensor or a list the subscripts themselves (x[[slice(1), 0]]).
   */
  index(...indices: Index[]): Tensor {
    const h = indices.length === 1 ? fastSelect(this._h, indices[0]) : undefined;
    if (h !== undefined) return new Tensor(h);
    return wrap(native.index(this._h, subscripts(indices).map(toNativeIndex)));
  }
  /**
   * Python's x[indices] = values, the subscripts as one (`5`, `[0, 2]`, a mask) or a list of them
   * (`[torch.slice(), 0]`); and Tensor.index_put_(indices, values, accumulate=False), whose indices
   * are a list of tensors: with `accumulate` the values are added, repeated indices adding up.
   * Returns this.
   */
  indexPut_(...args: Args<'Tensor.indexPut_'>): this {
    const { indices, values, accumulate } = bind('Tensor.indexPut_', args, { name: 'indexPut_' });
    native.indexPut(this._h, subscripts([indices]).map(toNativeIndex), values instanceof Tensor ? values._h : values, accumulate);
    return this;
  }
  /**
   * Tensor.new_tensor(data, dtype=None, device=None, requires_grad=False): a new tensor holding a
   * copy of `data`, of this tensor's dtype and on its device unless given.
   */
  newTensor(...args: Args<'Tensor.newTensor'>): Tensor {
    const { data, dtype, device, requiresGrad, layout, pinMemory } = bind('Tensor.newTensor', args, { name: 'newTensor' });
    if (layout != null && String(layout) !== 'torch.strided') badArg('torch.strided', 'layout', layout);
    return tensorFactory(data, { dtype: dtype ?? this.dtype, device: device ?? this.device, requiresGrad, pinMemory });
  }
  /** Tensor.index_put: indexPut_ on a copy (autograd flows through both). */
  indexPut(...args: Args<'Tensor.indexPut'>): Tensor {
    const { indices, values, accumulate } = bind('Tensor.indexPut', args, { name: 'indexPut' });
    return this.clone().indexPut_(indices, values, accumulate);
  }

  /** Tensor.split(split_size, dim=0): a chunk size or a list of sizes along dim. */
  split(...args: Args<'Tensor.split'>): Tensor[] {
    const { splitSize, dim } = bind('Tensor.split', args, { name: 'split' });
    return wrapAll(op(SPLIT, this._h, splitSize, dim ?? 0));
  }
  /** Tensor.chunk(chunks, dim=0). */
  chunk(...args: Args<'Tensor.chunk'>): Tensor[] {
    const { chunks, dim } = bind('Tensor.chunk', args, { name: 'chunk' });
    return wrapAll(op(CHUNK, this._h, chunks, dim ?? 0));
  }

  // ---- autograd --------------------------------------------------------------------------
  get requiresGrad(): boolean {
    return native.gradQuery(this._h, Grad.RequiresGrad);
  }
  set requiresGrad(flag: boolean) {
    if (typeof flag !== 'boolean') badArg('a boolean', 'requiresGrad', flag);
    native.setRequiresGrad(this._h, flag);
  }
  requiresGrad_(...args: Args<'Tensor.requiresGrad_'>): this {
    const requiresGrad = args.length === 1 && typeof args[0] === 'boolean' ? args[0] : bind('Tensor.requiresGrad_', args, { name: 'requiresGrad_' }).requiresGrad ?? true;
    if (typeof requiresGrad !== 'boolean') badArg('a boolean', 'requiresGrad', requiresGrad);
    native.setRequiresGrad(this._h, requiresGrad);
    return this;
  }
  get grad(): Tensor | null {
    // the wrapper of the last grad read is reused while it holds the same tensor (Python's p.grad is p.grad)
    return this._attrTensor(Grad.Grad, '_gradWrapper');
  }
  /** @internal p.grad and p.data: the wrapper read last comes back when the native side hands back its handle */
  private _attrTensor(which: Grad.Grad | Grad.Data, slot: '_gradWrapper' | '_dataWrapper'): Tensor | null {
    const cached = this[slot];
    const h = native.gradQuery(this._h, which, cached?._h);
    if (h === null) return null;
    if (cached !== undefined && h === cached._h) return cached;
    return (this[slot] = new Tensor(h));
  }
  set grad(g: Tensor | null) {
    if (g !== null && !(g instanceof Tensor)) badArg('a Tensor or null', 'grad', g);
    native.setGrad(this._h, g === null ? null : g._h);
  }
  get isLeaf(): boolean {
    return native.gradQuery(this._h, Grad.IsLeaf);
  }
  /**
   * The autograd node that made this tensor (Python's `grad_fn`), or null for a leaf or a tensor made without grad.
   */
  get gradFn(): GradFn | null {
    const n = native.gradQuery(this._h, Grad.GradFn);
    return n === null ? null : gradFnOf(n);
  }
  get retainsGrad(): boolean {
    return native.gradQuery(this._h, Grad.RetainsGrad);
  }
  /** The tensor's data without autograd history (Python's x.data). */
  get data(): Tensor {
    // the alias read last comes back while nothing else holds it and it still matches x (native side)
    return this._attrTensor(Grad.Data, '_dataWrapper')!;
  }
  /** x.data = y: x takes y's data (and shape, dtype, device), staying the same object. */
  set data(value: Tensor) {
    if (!(value instanceof Tensor)) badArg('a Tensor', 'data', value);
    native.setData(this._h, value._h);
    // the alias of the old data would keep that memory alive
    if (this._dataWrapper !== undefined) this._dataWrapper = undefined;
  }
  retainGrad(): void {
    if (arguments.length) takesNoArguments('Tensor.retainGrad', arguments.length);
    native.retainGrad(this._h);
  }
  /**
   * x.register_hook(hook): hook(grad) runs when this tensor's gradient is computed, and may return a
   * replacement. Returns a handle whose remove() unregisters it.
   */
  registerHook(hook: (grad: Tensor) => Tensor | void | undefined | null): { remove(): void };
  registerHook(...args: unknown[]): { remove(): void } {
    const { hook } = bind('Tensor.registerHook', args as Args<'Tensor.registerHook'>, { name: 'registerHook' }) as { hook: (grad: Tensor) => unknown };
    if (typeof hook !== 'function') badArg('a function', 'hook', hook);
    const index = native.registerHook(this._h, (g) => {
      const r = hook(new Tensor(g));
      return r instanceof Tensor ? r._h : undefined;
    });
    let removed = false;
    return {
      remove: () => {
        if (!removed) native.removeHook(this._h, index);
        removed = true;
      },
    };
  }
  /** Computes the gradient of this tensor w.r.t. graph leaves. */
  /** backward(gradient = null, retainGraph = null, createGraph = false, inputs = null), each by position or name. */
  backward(...args: Args<'Tensor.backward'>): void {
    const { gradient, retainGraph, createGraph, inputs } = bind('Tensor.backward', args, { name: 'backward' });
    if (gradient != null && !(gradient instanceof Tensor)) badArg('a Tensor', 'gradient', gradient);
    const list = inputs == null ? null : inputs instanceof Tensor ? [inputs] : inputs;
    if (list && !list.every((t) => t instanceof Tensor)) badArg('a Tensor or an array of Tensors', 'inputs', inputs);
    native.backward(this._h, gradient == null ? null : gradient._h, retainGraph ?? undefined, !!createGraph, list?.map((t) => t._h) ?? null);
  }

  /** `for (const row of x)` iterates over the first dimension, as in Python. */
  *[Symbol.iterator](): IterableIterator<Tensor> {
    const n = this.size(0);
    for (let i = 0; i < n; i++) yield this.index(i);
  }

  // ---- memory --------------------------------------------------------------------------
  /** Releases this wrapper's hold on native memory now; the tensor is unusable afterwards. */
  dispose(): void {
    native.dispose(this._h);
    // the alias `data` gave last shares this memory: no longer kept from here (a caller's own
    // reference to it stays valid, as in Python)
    if (this._dataWrapper !== undefined) this._dataWrapper = undefined;
  }
  /**
   * torch-node only: whether `dispose()` (or a finished `tidy`) released this tensor's native memory; a disposed tensor throws on use.
   */
  get isDisposed(): boolean {
    return native.isDisposed(this._h);
  }
  [Symbol.dispose](): void {
    this.dispose();
  }

  // ---- printing --------------------------------------------------------------------------
  /**
   * The tensor as Python's `repr` prints it (`tensor([1., 2.], requires_grad=True)`), following `torch.setPrintoptions`.
   */
  toString(): string {
    return this.isDisposed ? 'tensor(<disposed>)' : formatTensor(this);
  }
  [inspect.custom](): string {
    return this.toString();
  }
  get [Symbol.toStringTag]() {
    return 'Tensor';
  }
}

export interface ToOptions {
  dtype?: DType | string;
  device?: DeviceLike;
  nonBlocking?: boolean;
  copy?: boolean;
  memoryFormat?: MemoryFormat;
}

const CPU = toDevice('cpu');
const DTYPE_NAME = /^(torch\.)?(u?int\d+|float\d*|double|half|long|int|short|bool|bfloat16)$/;
const TO_KEYWORDS = new Set(['dtype', 'device', 'nonBlocking', 'copy', 'memoryFormat']);
/** An explicit device that names where the tensor already is ('cuda' without an index names the current device, which may differ). */
function sameDevice(d: Device | undefined, current: Device): boolean {
  return d === undefined || (d.type === current.type && (d.type === 'cpu' || (d.index !== null && d.index === current.index)));
}
type ToNative = { dtype?: DType; device?: Device; nonBlocking?: boolean; copy?: boolean; memoryFormat?: MemoryFormat };
/**
 * Tensor.to's arguments bound as Python binds them to its three overloads, picked by the first
 * positional argument: to(dtype, nonBlocking, copy), to(device, dtype, nonBlocking, copy),
 * to(other, nonBlocking, copy), each with the keywords of its own parameters and memoryFormat.
 */
function bindTo(args: readonly unknown[]): ToNative {
  let pos = args;
  let kw: Record<string, unknown> = {};
  if (isPlainObject(args[args.length - 1])) {
    kw = args[args.length - 1] as Record<string, unknown>;
    pos = args.slice(0, -1);
  }
  const first = pos[0];
  const names = first instanceof DType || (typeof first === 'string' && DTYPE_NAME.test(first)) ? ['dtype', 'nonBlocking', 'copy']
    : first instanceof Tensor ? ['other', 'nonBlocking', 'copy']
    : ['device', 'dtype', 'nonBlocking', 'copy'];
  for (const k in kw) {
    if (!TO_KEYWORDS.has(k) || (k !== 'memoryFormat' && !names.includes(k))) throw new TypeError(`to() got an unexpected keyword argument '${k}'`);
  }
  if (pos.length > names.length) throw new TypeError(`to() takes at most ${names.length} positional arguments (${pos.length} given)`);
  const a: Record<string, unknown> = {};
  for (const k in kw) if (kw[k] !== undefined) a[k] = kw[k];
  pos.forEach((v, i) => {
    if (a[names[i]] !== undefined) throw new TypeError(`to() got multiple values for argument '${names[i]}'`);
    a[names[i]] = v;
  });
  const out: ToNative = {};
  if (a.other !== undefined) {
    out.dtype = (a.other as Tensor).dtype;
    out.device = (a.other as Tensor).device;
  }
  if (a.dtype != null) out.dtype = toDType(a.dtype as DType | string);
  if (a.device != null) out.device = toDevice(a.device as DeviceLike);
  for (const k of ['nonBlocking', 'copy'] as const) {
    if (a[k] === undefined) continue;
    if (typeof a[k] !== 'boolean') badArg('boolean', k, a[k]);
    out[k] = a[k] as boolean;
  }
  if (a.memoryFormat != null) {
    if (!(a.memoryFormat instanceof MemoryFormat)) badArg('a torch memory format', 'memoryFormat', a.memoryFormat);
    out.memoryFormat = a.memoryFormat;
  }
  return out;
}
const OP_IDS = new Map(OP_GROUPS.map(([name], i) => [name, OP_BASE + i]));
/** @internal the op-table id of an ATen op group listed in scripts/ops.txt */
export function opId(name: string): number {
  const id = OP_IDS.get(name);
  if (id === undefined) throw new Error(`ATen op ${name} is not in scripts/ops.txt`);
  return id;
}
const TO = opId('to');
const SPLIT = opId('split');
const CHUNK = opId('chunk');

// c10's is_channels_last_strides_2d/_3d: strides that decrease in the format's order (sizes of 1
// ignored, an N111 tensor read as contiguous), as TensorBase::suggest_memory_format reads them
function stridesLike(order: number[], shape: number[], strides: number[]): boolean {
  if (shape.length !== order.length || strides[1] === 0) return false;
  let min = 0;
  for (const d of order) {
    if (shape[d] === 0 || strides[d] < min) return false;
    if (d === 0 && min === strides[1]) return false;
    min = strides[d] * (shape[d] > 1 ? shape[d] : 1);
  }
  return true;
}
function suggestMemoryFormat(shape: number[], strides: number[]): MemoryFormat {
  return stridesLike([1, 3, 2, 0], shape, strides) ? channelsLast : stridesLike([1, 4, 3, 2, 0], shape, strides) ? channelsLast3d : contiguousFormat;
}

/** @internal whether two shapes are equal, dimension by dimension */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

function normDim(dim: number, n: number, name: string): number {
  if (!Number.isInteger(dim)) badArg('an integer', name, dim);
  const d = dim < 0 ? dim + n : dim;
  if (d < 0 || d >= Math.max(n, 1)) {
    throw new RangeError(`Dimension out of range (expected to be in range of [${-Math.max(n, 1)}, ${Math.max(n, 1) - 1}], but got ${dim})`);
  }
  return d;
}

// tolist(): how an element becomes a list item
const enum ListItem { Number, BigInt, Bool }
// the next flat element nestedList's levels read: a module variable, not a closure made per call
let listCursor = 0;

/** tolist()'s nested arrays of `shape` over the flat elements in logical order, or its one item for a 0-dim shape. */
function nestedList(flat: ArrayLike<number | bigint>, shape: readonly number[], item: ListItem): NestedList {
  if (shape.length === 0) return item === ListItem.Number ? (flat[0] as number) : item === ListItem.BigInt ? Number(flat[0]) : flat[0] !== 0;
  listCursor = 0;
  return listLevel(flat, shape, 0, item);
}

function listLevel(flat: ArrayLike<number | bigint>, shape: readonly number[], d: number, item: ListItem): NestedList[] {
  const n = shape[d];
  const out = new Array<NestedList>(n);
  if (d < shape.length - 1) {
    for (let i = 0; i < n; i++) out[i] = listLevel(flat, shape, d + 1, item);
    return out;
  }
  let p = listCursor;
  if (item === ListItem.Number) for (let i = 0; i < n; i++) out[i] = flat[p++] as number;
  else if (item === ListItem.BigInt) for (let i = 0; i < n; i++) out[i] = Number(flat[p++]);
  else for (let i = 0; i < n; i++) out[i] = flat[p++] !== 0;
  listCursor = p;
  return out;
}

// x[seq] as Python reads it (treatSequenceAsTuple in PyTorch's python_variable_indexing.cpp, after
// NumPy): a lone list shorter than 32 that holds a tensor, a list, a slice, None or Ellipsis is the
// tuple of subscripts; any other list is one subscript, a tensor made from it
function subscripts(indices: readonly Index[]): readonly Index[] {
  const only = indices.length === 1 ? indices[0] : undefined;
  if (!Array.isArray(only) || only.length >= 32) return indices;
  return only.some((i) => i === null || typeof i === 'object' || typeof i === 'string') ? only : indices;
}

// A list subscript as PyTorch's indexing_tensor_from_data makes it: bools alone a bool mask, anything
// else int64 (a bool among ints counts as 0 or 1). PyTorch also truncates floats to int64; here a
// non-integer is refused, as a JS number is a float more often by accident than by intent.
function listIndex(list: readonly unknown[]): Handle {
  const shape: number[] = [];
  for (let level: unknown = list; Array.isArray(level); level = level[0]) shape.push(level.length);
  const flat: unknown[] = [];
  const collect = (level: unknown, d: number): void => {
    if (d === shape.length) {
      if (Array.isArray(level)) badArg('a list of one shape (not ragged)', 'index', list);
      if (!(typeof level === 'boolean' || typeof level === 'bigint' || Number.isInteger(level))) badArg('a list of integers or booleans', 'index', list);
      flat.push(level);
    } else {
      if (!Array.isArray(level) || level.length !== shape[d]) badArg('a list of one shape (not ragged)', 'index', list);
      for (const item of level as unknown[]) collect(item, d + 1);
    }
  };
  collect(list, 0);
  if (flat.length > 0 && flat.every((v) => typeof v === 'boolean')) return fromValues(Uint8Array, flat, (v) => (v ? 1 : 0), boolDType._enum, shape);
  return fromValues(BigInt64Array, flat, (v) => (typeof v === 'bigint' ? v : BigInt(v as number | boolean)), int64._enum, shape);
}

function toNativeIndex(i: Index): unknown {
  if (i instanceof Tensor) return i._h;
  if (Array.isArray(i)) return listIndex(i);
  if (typeof i === 'bigint') return Number(i);
  if (typeof i === 'string' && i !== '...') {
    // Python-style slice text: '1:3', '::2', ':'
    const m = /^(-?\d*):(-?\d*)(?::(-?\d*))?$/.exec(i);
    if (!m) badArg("an index (integer, slice, null, '...', Tensor)", 'index', i);
    const n = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));
    return { start: n(m![1]), stop: n(m![2]), step: n(m![3]) };
  }
  return i;
}

// The legacy constructor's maker, set by creation.ts (which imports this module).
let legacyHandle: (args: unknown[]) => Handle = () => {
  throw new Error('torch-node: the Tensor constructor is not ready yet');
};
/** @internal */
export function setLegacyConstructor(make: (args: unknown[]) => Handle): void {
  legacyHandle = make;
}

// torch.tensor, for Tensor.newTensor; set by creation.ts, as the legacy constructor is.
let tensorFactory: (data: unknown, options: { dtype: DType; device: DeviceLike; requiresGrad: boolean; pinMemory: boolean }) => Tensor;
/** @internal */
export function setTensorFactory(make: typeof tensorFactory): void {
  tensorFactory = make;
}

/** Turns a native result (handle, array, number) into the JS value a user sees. */
const TYPE_NAMES: Record<string, string> = {
  float32: 'Float', float64: 'Double', float16: 'Half', bfloat16: 'BFloat16', int64: 'Long', int32: 'Int', int16: 'Short', int8: 'Char', uint8: 'Byte', bool: 'Bool',
};

export function wrap(r: any, tuple?: TupleType | null): any {
  if (r === null || typeof r !== 'object') return r;
  if (!Array.isArray(r)) return new Tensor(r);
  return tuple && tuple.fields.length === r.length ? asTuple(tuple, r, wrap) : r.map((x) => wrap(x));
}

/**
 * PyTorch's named tuples (torch.return_types.max, or a collections.namedtuple such as _ASMoutput): an
 * array that also reads its values by name and prints as Python prints it. One subclass per type
 * (tupleType), with the names as getters on its prototype: naming each result's fields with
 * defineProperty took about 450 ns a call (by hand, a loop of two million).
 */
class NamedTuple extends Array {
  declare static readonly typeName: string;
  declare static readonly fields: readonly string[];
  // map, filter and slice give plain arrays
  static get [Symbol.species]() {
    return Array;
  }
  toString(): string {
    const { typeName, fields } = this.constructor as typeof NamedTuple;
    const shown = fields.map((f, i) => `${f}=${String(this[i])}`);
    // structseq (torch.return_types) prints a field a line, collections.namedtuple all on one
    return typeName.startsWith('torch.return_types.') ? `${typeName}(\n${shown.join(',\n')})` : `${typeName}(${shown.join(', ')})`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}
/** A named tuple's class: made with `new T(length)` and filled by index. */
export type TupleType = { new (length: number): unknown[]; readonly fields: readonly string[] };
const tupleTypes = new Map<string, TupleType>();
/** The class of the named tuple `typeName` with those fields, made once. */
export function tupleType(typeName: string, fields: readonly string[]): TupleType {
  const key = `${typeName}(${fields.join(',')})`;
  let T = tupleTypes.get(key);
  if (T) return T;
  T = class extends NamedTuple {
    static readonly typeName = typeName;
    static readonly fields = fields;
  };
  Object.defineProperty(T, 'name', { value: typeName.slice(typeName.lastIndexOf('.') + 1) });
  fields.forEach((f, i) => Object.defineProperty(T!.prototype, f, { get(this: unknown[]) { return this[i]; }, enumerable: false, configurable: true }));
  tupleTypes.set(key, T);
  return T;
}
/** A tuple that also carries its fields' names, as PyTorch's named tuples (torch.max(x, 1).indices). */
export function namedTuple<T extends unknown[]>(values: T, fields: readonly string[], typeName: string): T {
  return asTuple(tupleType(typeName, fields), values) as T;
}
/** `values` as a named tuple of `like`'s type when `like` is one (an out= result keeps its names), else themselves. */
export function sameTupleType(like: unknown, values: unknown[]): unknown[] {
  return like instanceof NamedTuple ? asTuple(like.constructor as TupleType, values) : values;
}
/** @internal the named tuple an ATen op returns: torch.return_types.<the op's name>, as PyTorch names it */
export const returnType = (id: number, fields: readonly string[]): TupleType => tupleType(`torch.return_types.${OP_GROUPS[id][0]}`, fields);
/** A named tuple of type T holding the values, each made by `make` when given. */
function asTuple(T: TupleType, values: readonly unknown[], make?: (v: any) => unknown): unknown[] {
  const out = new T(values.length);
  for (let i = 0; i < values.length; i++) out[i] = make ? make(values[i]) : values[i];
  return out;
}
/** @internal a handle's new wrapper, for the fast paths (lib/fast-ops.ts) */
export const makeTensor = (h: Handle): Tensor => new Tensor(h);

const handleOrSelf = (v: unknown): unknown => (v instanceof Tensor && v._h !== undefined ? v._h : v);
/**
 * An op's arguments with each Tensor (and each Tensor in a list) as its native handle, for the
 * native binder: it reads a handle with one N-API call and a Tensor object's handle with a property
 * lookup, which cost about as much as a small op. Rewrites `args` in place (callers pass their own
 * rest array and keep whatever else they need from it first).
 */
export function toHandles(args: unknown[]): unknown[] {
  for (let i = 0; i < args.length; i++) {
    const v = args[i];
    if (v instanceof Tensor) {
      if (v._h !== undefined) args[i] = v._h;
    } else if (Array.isArray(v) && v.length > 0 && v[0] instanceof Tensor) args[i] = v.map(handleOrSelf);
  }
  return args;
}
function wrapAll(r: any[]): Tensor[] {
  return r.map(makeTensor);
}

// Install the generated ATen methods. Each is a closure over its op-table id; in-place ops
// return `this` (the same JS object), as x.add_(1) is x in Python.
for (const [name, id, tupleNames, inplace] of TENSOR_METHODS) {
  if (Object.prototype.hasOwnProperty.call(Tensor.prototype, name)) continue; // hand-written wins
  const gid = OP_BASE + id;
  const tuple = tupleNames ? returnType(id, tupleNames) : null;
  let fn: Function;
  if (inplace) fn = function (this: Tensor, ...a: unknown[]) { op(gid, this._h, ...toHandles(a)); return this; };
  else if (tuple) fn = function (this: Tensor, ...a: unknown[]) { return wrap(op(gid, this._h, ...toHandles(a)), tuple); };
  else fn = function (this: Tensor, ...a: unknown[]) { return wrap(op(gid, this._h, ...toHandles(a))); };
  Object.defineProperty(fn, 'name', { value: name });
  fn = fastMethod(name, fn, makeTensor, tuple);
  Object.defineProperty(Tensor.prototype, name, { value: fn, writable: true, configurable: true });
}
