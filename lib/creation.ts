// Making tensors: torch.tensor from JS data, the factories (zeros, randn, arange...), the
// *Like forms and frombuffer. Arguments are checked here, in JS, before the native call.
import { z } from 'zod';
import { native } from './native.js';
import { badArg, describe, TorchError } from './errors.js';
import { Tensor, opId, wrap, setLegacyConstructor } from './tensor.js';
import { Generator } from './generator.js';
import { parseOptions, tensorOptions, memoryFormatSchema, dtypeSchema } from './options.js';
import {
  DType, dtypeFromEnum, bool as boolDType, float32, float64, int64, int32, int16, int8, uint8, float16, bfloat16, type Scalar,
} from './types.js';

const op = native.op;
const ID = Object.fromEntries(
  ['zeros', 'ones', 'full', 'empty', 'eye', 'arange', 'linspace', 'logspace', 'rand', 'randn', 'randint', 'randperm',
    'zeros_like', 'ones_like', 'full_like', 'empty_like', 'rand_like', 'randn_like', 'randint_like', 'detach', 'clone']
    .map((n) => [n, opId(n)]),
);

export type NestedArray<T> = T | NestedArray<T>[];
export type TypedArray = Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | BigInt64Array | Uint8Array
  | Uint8ClampedArray | Uint16Array | Uint32Array;
export type TensorData = NestedArray<number | boolean | bigint> | TypedArray | Tensor;

const factorySchema = z.object(tensorOptions).strict();
// rand, randn, randint and randperm also take PyTorch's `generator`
const randomSchema = z.object({ ...tensorOptions, generator: z.custom<Generator>((v) => v instanceof Generator, 'a torch.Generator').optional() }).strict();
const likeSchema = z.object({ ...tensorOptions, memoryFormat: memoryFormatSchema.optional() }).strict();
type FactoryOptions = z.output<typeof factorySchema>;

function finish(t: Tensor, o: FactoryOptions): Tensor {
  if (o.requiresGrad) t.requiresGrad_(true);
  return t;
}
function nativeOpts(o: FactoryOptions & { generator?: Generator }) {
  // Unset options stay undefined, so the schema's own default applies (randint's is int64).
  return { dtype: o.dtype, device: o.device, pinMemory: o.pinMemory, ...(o.generator ? { generator: o.generator } : {}) };
}

function typedArrayDType(a: TypedArray): DType {
  if (a instanceof Float32Array) return float32;
  if (a instanceof Float64Array) return float64;
  if (a instanceof Int8Array) return int8;
  if (a instanceof Int16Array) return int16;
  if (a instanceof Int32Array) return int32;
  if (a instanceof BigInt64Array) return int64;
  if (a instanceof Uint8Array || a instanceof Uint8ClampedArray) return uint8;
  if (a instanceof Uint16Array) return int32; // no uint16 in libtorch 1.13: widened
  return int64; // Uint32Array, widened
}

function isTypedArray(v: unknown): v is TypedArray {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

/** Shape of nested arrays, checked rectangular as PyTorch checks it. */
function inferShape(data: unknown): number[] {
  const shape: number[] = [];
  let cur: unknown = data;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    cur = cur[0];
  }
  const check = (v: unknown, d: number) => {
    if (d === shape.length) {
      if (Array.isArray(v)) throw new TypeError(`expected a number at dim ${d} but found a sequence`);
      if (typeof v !== 'number' && typeof v !== 'boolean' && typeof v !== 'bigint') {
        throw new TypeError(`Expected number, boolean or bigint for tensor data but received ${describe(v)}`);
      }
      return;
    }
    if (!Array.isArray(v)) throw new TypeError(`expected sequence of length ${shape[d]} at dim ${d} (got ${describe(v)})`);
    if (v.length !== shape[d]) throw new TypeError(`expected sequence of length ${shape[d]} at dim ${d} (got ${v.length})`);
    for (const x of v) check(x, d + 1);
  };
  check(data, 0);
  return shape;
}

// Integer targets take a value only when it fits, as c10's checked conversion does (a negative value
// wraps into an unsigned type, as two's complement); NaN and infinities never fit an integer.
const INT_RANGES = new Map<DType, [bigint, bigint]>([
  [int64, [-(2n ** 63n), 2n ** 63n - 1n]], [int32, [-(2n ** 31n), 2n ** 31n - 1n]],
  [int16, [-(2n ** 15n), 2n ** 15n - 1n]], [int8, [-128n, 127n]], [uint8, [-255n, 255n]],
]);
function checkedInt(dtype: DType, v: number | boolean | bigint): bigint {
  if (typeof v === 'boolean') return v ? 1n : 0n;
  const [lo, hi] = INT_RANGES.get(dtype)!;
  if (typeof v === 'number' && !Number.isFinite(v)) throw new TorchError(`value cannot be converted to type ${dtype.name} without overflow`, 'tensor');
  const i = typeof v === 'bigint' ? v : BigInt(Math.trunc(v));
  if (i < lo || i > hi) {
    throw new TorchError(typeof v === 'bigint' && (i > 2n ** 63n - 1n || i < -(2n ** 63n)) ? 'Overflow when unpacking long' : `value cannot be converted to type ${dtype.name} without overflow`, 'tensor');
  }
  return i;
}

function fill(dtype: DType, flat: (number | boolean | bigint)[]): ArrayBufferView {
  switch (dtype) {
    case int64: return BigInt64Array.from(flat, (v) => checkedInt(int64, v));
    case boolDType: return Uint8Array.from(flat, (v) => (v ? 1 : 0));
    case float64: return Float64Array.from(flat, Number);
    case int32: return Int32Array.from(flat, (v) => Number(checkedInt(int32, v)));
    case int16: return Int16Array.from(flat, (v) => Number(checkedInt(int16, v)));
    case int8: return Int8Array.from(flat, (v) => Number(checkedInt(int8, v)));
    case uint8: return Uint8Array.from(flat, (v) => Number(checkedInt(uint8, v)));
    default: return Float32Array.from(flat, Number);
  }
}

// Python's torch.Tensor(data) / torch.Tensor(*sizes) / torch.Tensor(): data in the default float
// dtype, or an uninitialised tensor of those sizes.
setLegacyConstructor((args) => {
  const dtype = dtypeFromEnum(native.getDefaultDtype());
  if (args.length === 1 && (Array.isArray(args[0]) || ArrayBuffer.isView(args[0]))) {
    const data = ArrayBuffer.isView(args[0]) ? Array.from(args[0] as unknown as ArrayLike<number>) : (args[0] as TensorData);
    const flat = (Array.isArray(data) ? (data as unknown[]).flat(Infinity) : [data]) as (number | boolean | bigint)[];
    return native.fromData(fill(dtype, flat.map(Number)), dtype._enum, inferShape(data));
  }
  const [size] = sizeArgs<never>(args, 'torch.Tensor');
  return op(ID.empty, args.length ? size : [0], { dtype });
});

/**
 * torch.tensor(data, { dtype, device, requiresGrad }). JS numbers make float32 (PyTorch's
 * default dtype) unless a dtype is given; bigints make int64; booleans make bool; a typed
 * array keeps its own type.
 */
export function tensor(data: TensorData, options?: { dtype?: DType | string; device?: any; requiresGrad?: boolean }): Tensor {
  const o = parseOptions(factorySchema, options, 'tensor() options');
  let t: Tensor;
  if (data instanceof Tensor) {
    t = wrap(op(ID.clone, wrap(op(ID.detach, data._h))._h));
    if (o.dtype || o.device) t = t.to({ dtype: o.dtype, device: o.device });
  } else {
    let buf: ArrayBufferView;
    let shape: number[];
    let dtype: DType;
    if (isTypedArray(data)) {
      dtype = typedArrayDType(data);
      shape = [data.length];
      buf = data instanceof Uint16Array || data instanceof Uint32Array ? fill(dtype, Array.from(data)) : data;
      if (data instanceof Uint8ClampedArray) buf = new Uint8Array(data.buffer, data.byteOffset, data.length);
    } else {
      shape = inferShape(data);
      const flat = (Array.isArray(data) ? (data as unknown[]).flat(Infinity) : [data]) as (number | boolean | bigint)[];
      if (flat.some((v) => typeof v === 'bigint')) dtype = int64;
      else if (flat.length > 0 && flat.every((v) => typeof v === 'boolean')) dtype = boolDType;
      else dtype = dtypeFromEnum(native.getDefaultDtype());
      const target = o.dtype && o.dtype !== float16 && o.dtype !== bfloat16 ? o.dtype : dtype;
      if (flat.some((v) => typeof v === 'bigint') && target.isFloatingPoint) {
        buf = fill(target, flat.map((v) => Number(v)));
      } else buf = fill(target, flat);
      dtype = target;
    }
    t = new Tensor(native.fromData(buf, dtype._enum, shape));
    if ((o.dtype && o.dtype !== dtype) || o.device) t = t.to({ dtype: o.dtype, device: o.device });
  }
  return finish(t, o);
}

// ---- size arguments: zeros(2, 3), zeros([2, 3]), zeros(2, 3, { dtype }) -------------------

type SizeAndOptions<O> = [number[], O | undefined];

function isOptionsObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Tensor) && !(v instanceof DType);
}

export function sizeArgs<O>(args: unknown[], fn: string): SizeAndOptions<O> {
  let opts: O | undefined;
  let rest = args;
  if (rest.length && isOptionsObject(rest[rest.length - 1])) {
    opts = rest[rest.length - 1] as O;
    rest = rest.slice(0, -1);
  }
  const size = rest.length === 1 && Array.isArray(rest[0]) ? (rest[0] as unknown[]) : rest;
  size.forEach((s, i) => {
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 0) badArg('non-negative integer', `size[${i}] of ${fn}`, s);
  });
  return [size as number[], opts];
}

function sizedFactory(name: string, schema: typeof factorySchema | typeof randomSchema = factorySchema) {
  return (...args: (number | number[] | FactoryOptionsInput)[]): Tensor => {
    const [size, opts] = sizeArgs<FactoryOptionsInput>(args, `torch.${name}`);
    const o = parseOptions(schema, opts, `torch.${name}() options`);
    return finish(wrap(op(ID[name], size, nativeOpts(o))), o);
  };
}

export interface FactoryOptionsInput {
  dtype?: DType | string;
  device?: any;
  requiresGrad?: boolean;
  pinMemory?: boolean;
  /** rand, randn, randint, randperm only */
  generator?: Generator;
}

export const zeros = sizedFactory('zeros');
export const ones = sizedFactory('ones');
export const empty = sizedFactory('empty');
export const rand = sizedFactory('rand', randomSchema);
export const randn = sizedFactory('randn', randomSchema);

function checkNumber(v: unknown, name: string): asserts v is number {
  if (typeof v !== 'number' || Number.isNaN(v)) badArg('number', name, v);
}
function checkInt(v: unknown, name: string, min = 0): asserts v is number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) badArg(min === 0 ? 'non-negative integer' : `integer >= ${min}`, name, v);
}

/** torch.full(size, fillValue, { dtype, ... }) */
export function full(size: number[], fillValue: Scalar, options?: FactoryOptionsInput): Tensor {
  if (!Array.isArray(size)) badArg('an array of sizes', 'size', size);
  sizeArgs([size], 'torch.full');
  if (typeof fillValue !== 'number' && typeof fillValue !== 'boolean' && typeof fillValue !== 'bigint') badArg('number', 'fillValue', fillValue);
  const o = parseOptions(factorySchema, options, 'torch.full() options');
  return finish(wrap(op(ID.full, size, fillValue, nativeOpts(o))), o);
}

/** torch.eye(n, m?, { dtype, ... }) */
export function eye(n: number, m?: number | FactoryOptionsInput, options?: FactoryOptionsInput): Tensor {
  if (typeof m === 'object') [m, options] = [undefined, m];
  checkInt(n, 'n');
  if (m !== undefined) checkInt(m, 'm');
  const o = parseOptions(factorySchema, options, 'torch.eye() options');
  return finish(wrap(m === undefined ? op(ID.eye, n, nativeOpts(o)) : op(ID.eye, n, m, nativeOpts(o))), o);
}

/** torch.arange(end), arange(start, end, step?, { dtype, ... }). Integer arguments give int64, as in PyTorch. */
export function arange(...args: (number | FactoryOptionsInput)[]): Tensor {
  const opts = isOptionsObject(args[args.length - 1]) ? (args.pop() as FactoryOptionsInput) : undefined;
  if (args.length < 1 || args.length > 3) throw new TypeError(`torch.arange() takes 1 to 3 numbers (end | start, end[, step]) but received ${args.length}`);
  args.forEach((a, i) => checkNumber(a, ['start', 'end', 'step'][args.length === 1 ? 1 : i]));
  if (args.length === 3 && args[2] === 0) throw new RangeError('step must be nonzero');
  const o = parseOptions(factorySchema, opts, 'torch.arange() options');
  const [start, end, step] = args.length === 1 ? [0, args[0], 1] : [args[0], args[1], args[2] ?? 1];
  return finish(wrap(op(ID.arange, start, end, step, nativeOpts(o))), o);
}

/** torch.linspace(start, end, steps, { dtype, ... }) */
export function linspace(start: number, end: number, steps: number, options?: FactoryOptionsInput): Tensor {
  checkNumber(start, 'start');
  checkNumber(end, 'end');
  checkInt(steps, 'steps');
  const o = parseOptions(factorySchema, options, 'torch.linspace() options');
  return finish(wrap(op(ID.linspace, start, end, steps, nativeOpts(o))), o);
}

/** torch.logspace(start, end, steps, { base, dtype, ... }) */
export function logspace(start: number, end: number, steps: number, options?: FactoryOptionsInput & { base?: number }): Tensor {
  checkNumber(start, 'start');
  checkNumber(end, 'end');
  checkInt(steps, 'steps');
  const { base = 10, ...rest } = options ?? {};
  checkNumber(base, 'base');
  const o = parseOptions(factorySchema, rest, 'torch.logspace() options');
  return finish(wrap(op(ID.logspace, start, end, steps, base, nativeOpts(o))), o);
}

/** torch.randint(high, size) or randint(low, high, size), with { dtype, ... }; int64 by default. */
export function randint(...args: (number | number[] | FactoryOptionsInput)[]): Tensor {
  const opts = isOptionsObject(args[args.length - 1]) ? (args.pop() as FactoryOptionsInput) : undefined;
  const size = args.pop();
  if (!Array.isArray(size)) badArg('an array of sizes', 'size', size);
  sizeArgs([size], 'torch.randint');
  if (args.length < 1 || args.length > 2) throw new TypeError('torch.randint() takes (high, size) or (low, high, size)');
  const [low, high] = args.length === 1 ? [0, args[0]] : args;
  if (typeof low !== 'number' || !Number.isInteger(low)) badArg('integer', 'low', low);
  if (typeof high !== 'number' || !Number.isInteger(high)) badArg('integer', 'high', high);
  const o = parseOptions(randomSchema, opts, 'torch.randint() options');
  return finish(wrap(op(ID.randint, low, high, size, nativeOpts(o))), o);
}

/** torch.randperm(n, { dtype, ... }) (int64 by default) */
export function randperm(n: number, options?: FactoryOptionsInput): Tensor {
  checkInt(n, 'n');
  const o = parseOptions(randomSchema, options, 'torch.randperm() options');
  return finish(wrap(op(ID.randperm, n, nativeOpts(o))), o);
}

function likeFactory(name: string) {
  return (input: Tensor, options?: FactoryOptionsInput & { memoryFormat?: unknown }): Tensor => {
    if (!(input instanceof Tensor)) badArg('Tensor', 'input', input);
    const o = parseOptions(likeSchema, options, `torch.${name}() options`);
    return finish(wrap(op(ID[name], input._h, { ...nativeOpts(o), memoryFormat: o.memoryFormat })), o);
  };
}
export const zerosLike = likeFactory('zeros_like');
export const onesLike = likeFactory('ones_like');
export const emptyLike = likeFactory('empty_like');
export const randLike = likeFactory('rand_like');
export const randnLike = likeFactory('randn_like');

export function fullLike(input: Tensor, fillValue: Scalar, options?: FactoryOptionsInput & { memoryFormat?: unknown }): Tensor {
  if (!(input instanceof Tensor)) badArg('Tensor', 'input', input);
  if (typeof fillValue !== 'number' && typeof fillValue !== 'boolean' && typeof fillValue !== 'bigint') badArg('number', 'fillValue', fillValue);
  const o = parseOptions(likeSchema, options, 'torch.fullLike() options');
  return finish(wrap(op(ID.full_like, input._h, fillValue, { ...nativeOpts(o), memoryFormat: o.memoryFormat })), o);
}

export function randintLike(input: Tensor, low: number, high?: number | FactoryOptionsInput, options?: FactoryOptionsInput): Tensor {
  if (!(input instanceof Tensor)) badArg('Tensor', 'input', input);
  if (typeof high === 'object') [high, options] = [undefined, high];
  const [lo, hi] = high === undefined ? [0, low] : [low, high];
  if (!Number.isInteger(lo)) badArg('integer', 'low', lo);
  if (!Number.isInteger(hi)) badArg('integer', 'high', hi);
  const o = parseOptions(likeSchema, options, 'torch.randintLike() options');
  return finish(wrap(op(ID.randint_like, input._h, lo, hi, nativeOpts(o))), o);
}

const frombufferSchema = z.object({
  dtype: dtypeSchema,
  count: z.number().int().min(-1).optional(),
  offset: z.number().int().nonnegative().optional(),
  requiresGrad: z.boolean().optional(),
}).strict();

/**
 * torch.frombuffer(buffer, { dtype, count, offset }): a 1-D tensor of the buffer's bytes.
 * Unlike PyTorch, the bytes are copied (a GC'd JS buffer cannot safely back a tensor that
 * may outlive it); see docs/porting.md.
 */
export function frombuffer(buffer: ArrayBuffer | ArrayBufferView, options: { dtype: DType | string; count?: number; offset?: number; requiresGrad?: boolean }): Tensor {
  const isView = ArrayBuffer.isView(buffer);
  if (!isView && !(buffer instanceof ArrayBuffer)) badArg('an ArrayBuffer, Buffer or TypedArray', 'buffer', buffer);
  const o = parseOptions(frombufferSchema, options, 'torch.frombuffer() options');
  const bytes = isView
    ? new Uint8Array((buffer as ArrayBufferView).buffer, (buffer as ArrayBufferView).byteOffset, (buffer as ArrayBufferView).byteLength)
    : new Uint8Array(buffer as ArrayBuffer);
  const offset = o.offset ?? 0;
  const available = bytes.length - offset;
  const count = o.count === undefined || o.count === -1 ? Math.floor(available / o.dtype.itemsize) : o.count;
  if (offset > bytes.length || count * o.dtype.itemsize > available || (o.count === undefined && available % o.dtype.itemsize !== 0)) {
    throw new RangeError(`buffer length (${bytes.length} bytes) after offset (${offset} bytes) must be a multiple of element size (${o.dtype.itemsize}) and hold count (${count}) elements`);
  }
  const slice = bytes.slice(offset, offset + count * o.dtype.itemsize);
  const t = new Tensor(native.fromData(slice, o.dtype._enum, [count]));
  return finish(t, o);
}
export const fromBuffer = frombuffer;
