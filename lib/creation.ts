// Making tensors: torch.tensor from JS data, the factories (zeros, randn, arange...), the
// *Like forms and frombuffer. Arguments are checked here, in JS, before the native call.
import { z } from 'zod';
import { native, type Handle } from './native.js';
import { badArg, describe, TorchError } from './errors.js';
import { Tensor, opId, wrap, setLegacyConstructor, setTensorFactory } from './tensor.js';
import { Generator } from './generator.js';
import { parseOptions, tensorOptions, memoryFormatSchema, dtypeSchema } from './options.js';
import { bind, type Args, type Signed } from './bind.js';
import { isPlainObject } from './plain-object.js';
import { writeOut } from './functions.js';
import { fastFactory, fastTypedFactory } from './fast-ops.js';
import { fromData, fromValues, type TypedArrayKind } from './scratch.js';
import {
  DType, Device, type DeviceLike, type Layout, type MemoryFormat, dtypeFromEnum, bool as boolDType, float32, float64, int64, int32, int16, int8, uint8, float16, bfloat16, type Scalar,
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
/**
 * What `torch.tensor` accepts: nested arrays of numbers, booleans or bigints, a typed array, or a tensor.
 */
export type TensorData = NestedArray<number | boolean | bigint> | TypedArray | Tensor;

const outSchema = z.custom<Tensor>((v) => v instanceof Tensor, 'a Tensor').nullish();
const generatorSchema = z.custom<Generator>((v) => v instanceof Generator, 'a torch.Generator').nullish();
const factorySchema = z.object({ ...tensorOptions, out: outSchema, memoryFormat: memoryFormatSchema.nullish() }).strict();
// rand, randn, randint and randperm also take PyTorch's `generator`
const randomSchema = z.object({ ...tensorOptions, out: outSchema, generator: generatorSchema }).strict();
const likeSchema = z.object({ ...tensorOptions, memoryFormat: memoryFormatSchema.nullish(), generator: generatorSchema }).strict();
type FactoryOptions = z.output<typeof factorySchema>;

/** requires_grad and out=, applied to what a factory made. */
function finish(t: Tensor, o: { requiresGrad?: boolean; out?: Tensor | null }, fn = 'factory'): Tensor {
  if (o.requiresGrad) t.requiresGrad_(true);
  return o.out ? (writeOut(fn, t, o.out) as Tensor) : t;
}

/**
 * A creation function's arguments bound as Python binds them (lib/bind.ts); the keyword options
 * (dtype, device, ...) then checked with `schema`, naming any bad value.
 */
function bound<K extends Signed, S extends z.ZodTypeAny>(key: K, args: readonly unknown[], schema: S, positional: readonly string[]): { a: Record<string, unknown>; o: z.output<S> } {
  const fn = key.replace(/^torch\./, '');
  const a = bind(key, args, { name: `torch.${fn}` }) as Record<string, unknown>;
  let given: Record<string, unknown> | undefined;
  for (const k in a) {
    const v = a[k];
    if (v === undefined || positional.includes(k) || isValidDefault(schema, k, v)) continue;
    (given ??= {})[k] = v;
  }
  // the defaults left out read as unset (undefined) to every use below, as their parsed values do
  const o = given ? parseOptions(schema, given, `torch.${fn}() options`) : ({} as z.output<S>);
  return { a, o };
}

// Python's defaults (None, False), which bind() fills in on every call, are checked against a schema
// once and then skipped: a factory called without options makes no schema parse (zod's costs more
// than a small factory's own work).
const validDefaults = new WeakMap<z.ZodTypeAny, { null: Set<string>; false: Set<string> }>();
function isValidDefault(schema: z.ZodTypeAny, k: string, v: unknown): boolean {
  if (v !== null && v !== false) return false;
  let known = validDefaults.get(schema);
  if (!known) validDefaults.set(schema, (known = { null: new Set(), false: new Set() }));
  const keys = v === null ? known.null : known.false;
  if (keys.has(k)) return true;
  // valid, and parsed to nothing that reads differently from unset
  const r = schema.safeParse({ [k]: v });
  const parsed = r.success ? (r.data as Record<string, unknown>)[k] : true;
  if (parsed !== undefined && parsed !== null && parsed !== false) return false;
  keys.add(k);
  return true;
}
/**
 * The options the native op receives: only those set, so an unset one takes the schema's own default
 * (randint's dtype is int64), and none at all when nothing is set (reading an options object's keys
 * natively costs more than a small factory's work).
 */
function nativeOpts(o: { dtype?: DType; device?: unknown; pinMemory?: boolean; generator?: Generator | null; memoryFormat?: unknown }): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  if (o.dtype !== undefined) (out ??= {}).dtype = o.dtype;
  if (o.device !== undefined) (out ??= {}).device = o.device;
  if (o.pinMemory !== undefined) (out ??= {}).pinMemory = o.pinMemory;
  if (o.generator) (out ??= {}).generator = o.generator;
  if (o.memoryFormat != null) (out ??= {}).memoryFormat = o.memoryFormat;
  return out;
}

type QuickOptions = { dtype?: DType; device?: Device; requiresGrad?: boolean };
const NO_OPTIONS: QuickOptions = {};
/**
 * Options holding nothing but a DType `dtype`, a Device `device` and a boolean `requiresGrad` (the
 * common `{ dtype: torch.long }`), which need neither the binder nor the schema: each is already what
 * the schema would make of it. Undefined for anything else, which then takes the general path.
 */
function quickOptions(v: unknown): QuickOptions | undefined {
  if (!isPlainObject(v)) return undefined;
  for (const k in v) {
    const x = v[k];
    const ok = k === 'dtype' ? x instanceof DType : k === 'device' ? x instanceof Device : k === 'requiresGrad' && typeof x === 'boolean';
    if (!ok) return undefined;
  }
  return v as QuickOptions;
}

/** A dimension's size: a non-negative integer. */
const isSize = (s: unknown): s is number => typeof s === 'number' && Number.isInteger(s) && s >= 0;

/** zeros(2, 3, { dtype }) or zeros([2, 3], { dtype }) with quick options; undefined: the general path. */
function quickSizes(args: readonly unknown[]): { size: readonly number[]; o: QuickOptions } | undefined {
  const n = args.length;
  const o = n >= 2 ? quickOptions(args[n - 1]) : undefined;
  if (!o) return undefined;
  const size = n === 2 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args.slice(0, n - 1);
  for (let i = 0; i < size.length; i++) if (!isSize(size[i])) return undefined;
  return { size: size as number[], o };
}

/**
 * torch.tensor([3, 1, 2]) and torch.tensor([3], { dtype: torch.long }): a flat array of numbers with
 * at most quick options, made as tensor() below makes it, without the binder and the schema.
 */
function quickTensor(args: readonly unknown[]): Tensor | undefined {
  const n = args.length;
  const data = args[0];
  if (n < 1 || n > 2 || !Array.isArray(data) || data.length === 0) return undefined;
  const o = n === 2 ? quickOptions(args[1]) : NO_OPTIONS;
  if (!o) return undefined;
  for (let i = 0; i < data.length; i++) if (typeof data[i] !== 'number') return undefined;
  const dtype = o.dtype ?? dtypeFromEnum(native.getDefaultDtype());
  if (dtype === float16 || dtype === bfloat16) return undefined;
  let t = new Tensor(fromFlat(dtype, data as number[], [data.length]));
  if (o.device) t = t.to({ device: o.device });
  return finish(t, o);
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

// The same ranges as numbers (int64's cut to the safe integers), so that the common case, a number
// inside its type's range, needs no bigint arithmetic; anything else takes checkedInt.
const NUMBER_RANGES = new Map<DType, [number, number]>([...INT_RANGES].map(([d, [lo, hi]]) => [d, [Math.max(Number(lo), -Number.MAX_SAFE_INTEGER), Math.min(Number(hi), Number.MAX_SAFE_INTEGER)]]));
function inRange(dtype: DType, v: number | boolean | bigint): number | undefined {
  if (typeof v !== 'number') return undefined;
  const [lo, hi] = NUMBER_RANGES.get(dtype)!;
  const i = Math.trunc(v);
  return i >= lo && i <= hi ? i : undefined; // NaN and infinities fail both
}
function checkedSmallInt(dtype: DType, v: number | boolean | bigint): number {
  return inRange(dtype, v) ?? Number(checkedInt(dtype, v));
}

type Element = number | boolean | bigint;
// one JS value as an element of each dtype's array, checked as c10 checks it
const toInt64 = (v: Element): bigint => {
  const i = inRange(int64, v);
  return i === undefined ? checkedInt(int64, v) : BigInt(i);
};
const toBool = (v: Element): number => (v ? 1 : 0);
const toInt32 = (v: Element): number => checkedSmallInt(int32, v);
const toInt16 = (v: Element): number => checkedSmallInt(int16, v);
const toInt8 = (v: Element): number => checkedSmallInt(int8, v);
const toUint8 = (v: Element): number => checkedSmallInt(uint8, v);

/** The dtype's element array and the conversion of one value into it. */
function elementsOf(dtype: DType): [TypedArrayKind, (v: Element) => number | bigint] {
  switch (dtype) {
    case int64: return [BigInt64Array, toInt64];
    case boolDType: return [Uint8Array, toBool];
    case float64: return [Float64Array, Number];
    case int32: return [Int32Array, toInt32];
    case int16: return [Int16Array, toInt16];
    case int8: return [Int8Array, toInt8];
    case uint8: return [Uint8Array, toUint8];
    default: return [Float32Array, Number];
  }
}

/** A new CPU tensor of the dtype and shape holding the values (flat, in order). */
function fromFlat(dtype: DType, flat: readonly Element[], shape: number[]): Handle {
  const [Kind, of] = elementsOf(dtype);
  return fromValues(Kind, flat, of, dtype._enum, shape);
}

// Python's torch.Tensor(data) / torch.Tensor(*sizes) / torch.Tensor(): data in the default float
// dtype, or an uninitialised tensor of those sizes.
setLegacyConstructor((args) => {
  const dtype = dtypeFromEnum(native.getDefaultDtype());
  if (args.length === 1 && (Array.isArray(args[0]) || ArrayBuffer.isView(args[0]))) {
    const data = ArrayBuffer.isView(args[0]) ? Array.from(args[0] as unknown as ArrayLike<number>) : (args[0] as TensorData);
    const flat = (Array.isArray(data) ? (data as unknown[]).flat(Infinity) : [data]) as (number | boolean | bigint)[];
    return fromFlat(dtype, flat.map(Number), inferShape(data));
  }
  const [size] = sizeArgs<never>(args, 'torch.Tensor');
  return op(ID.empty, args.length ? size : [0], { dtype });
});

/**
 * torch.tensor(data, { dtype, device, requiresGrad }). JS numbers make float32 (PyTorch's
 * default dtype) unless a dtype is given; bigints make int64; booleans make bool; a typed
 * array keeps its own type.
 */
export function tensor(...args: TensorArgs): Tensor {
  const quick = quickTensor(args);
  if (quick) return quick;
  const { a, o } = bound('torch.tensor', args, factorySchema, ['data']);
  const data = a.data as TensorData;
  if (o.pinMemory) throw new TypeError('tensor(): pinMemory is not supported by torch-node here; call .pinMemory() on the result');
  let t: Tensor;
  if (data instanceof Tensor) {
    t = wrap(op(ID.clone, wrap(op(ID.detach, data._h))._h));
    if (o.dtype || o.device) t = t.to({ dtype: o.dtype, device: o.device });
  } else {
    let h: Handle;
    let dtype: DType;
    if (isTypedArray(data)) {
      dtype = typedArrayDType(data);
      const widened = data instanceof Uint16Array || data instanceof Uint32Array;
      h = widened ? fromFlat(dtype, Array.from(data), [data.length])
        : fromData(data instanceof Uint8ClampedArray ? new Uint8Array(data.buffer, data.byteOffset, data.length) : data, dtype._enum, [data.length]);
    } else {
      const shape = inferShape(data);
      const flat = (Array.isArray(data) ? (data as unknown[]).flat(Infinity) : [data]) as Element[];
      const bigints = flat.some((v) => typeof v === 'bigint');
      if (bigints) dtype = int64;
      else if (flat.length > 0 && flat.every((v) => typeof v === 'boolean')) dtype = boolDType;
      else dtype = dtypeFromEnum(native.getDefaultDtype());
      const target = o.dtype && o.dtype !== float16 && o.dtype !== bfloat16 ? o.dtype : dtype;
      h = fromFlat(target, bigints && target.isFloatingPoint ? flat.map(Number) : flat, shape);
      dtype = target;
    }
    t = new Tensor(h);
    if ((o.dtype && o.dtype !== dtype) || o.device) t = t.to({ dtype: o.dtype, device: o.device });
  }
  return finish(t, o);
}
setTensorFactory((data, options) => tensor(data as TensorData, options));

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
    if (!isSize(s)) badArg('non-negative integer', `size[${i}] of ${fn}`, s);
  });
  return [size as number[], opts];
}

/**
 * The keyword arguments of the tensor factories (`dtype`, `device`, `requiresGrad`, ...), as an options object.
 */
export interface FactoryOptionsInput {
  out?: Tensor | null;
  dtype?: DType | string | null;
  layout?: Layout | null;
  device?: DeviceLike | null;
  requiresGrad?: boolean;
  pinMemory?: boolean;
  /** rand, randn, randint, randperm only */
  generator?: Generator | null;
}
/** torch.empty also takes memoryFormat */
export interface EmptyOptions extends FactoryOptionsInput {
  memoryFormat?: MemoryFormat | null;
}
/** zeros(2, 3), zeros([2, 3]), zeros(2, 3, { dtype }), zeros({ size: [2, 3], dtype }) */
export type SizeArgs<O> = [...size: number[]] | [size: number[]] | [...size: number[], options: O] | [size: number[], options: O] | [options: O & { size: number[] }];
/** tensor(data, { dtype, device, requiresGrad, pinMemory }) or tensor({ data, ... }) */
export type TensorArgs = [data: TensorData, options?: Omit<FactoryOptionsInput, 'out' | 'generator' | 'layout'>] | [options: Omit<FactoryOptionsInput, 'out' | 'generator' | 'layout'> & { data: TensorData }];

function sizedFactory(name: 'zeros' | 'ones' | 'empty' | 'rand' | 'randn', schema: typeof factorySchema | typeof randomSchema = factorySchema) {
  const key = `torch.${name}` as const;
  return (...args: SizeArgs<FactoryOptionsInput>): Tensor => {
    const h = fastFactory(name, args);
    if (h !== undefined) return new Tensor(h);
    const q = quickSizes(args);
    if (q) {
      const { dtype, device } = q.o;
      const typed = dtype !== undefined && device === undefined ? fastTypedFactory(name, dtype._enum, q.size) : undefined;
      return finish(typed !== undefined ? new Tensor(typed) : wrap(op(ID[name], q.size, nativeOpts(q.o))), q.o, name);
    }
    const { a, o } = bound(key, args, schema as typeof factorySchema, ['size']) as { a: Record<string, unknown>; o: z.output<typeof factorySchema> & { generator?: Generator | null } };
    // *size: the numbers themselves, or one list of them (or size= by name)
    const sizes = a.size as unknown[];
    const [size] = sizeArgs<never>(sizes.length === 1 && Array.isArray(sizes[0]) ? sizes[0] : sizes, key);
    return finish(wrap(op(ID[name], size, nativeOpts(o))), o, name);
  };
}

export const zeros = sizedFactory('zeros');
export const ones = sizedFactory('ones');
export const empty: (...args: SizeArgs<EmptyOptions>) => Tensor = sizedFactory('empty');
export const rand = sizedFactory('rand', randomSchema);
export const randn = sizedFactory('randn', randomSchema);

function checkNumber(v: unknown, name: string): asserts v is number {
  if (typeof v !== 'number' || Number.isNaN(v)) badArg('number', name, v);
}
function checkInt(v: unknown, name: string, min = 0): asserts v is number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) badArg(min === 0 ? 'non-negative integer' : `integer >= ${min}`, name, v);
}

/** torch.full(size, fillValue, { dtype, ... }) */
export function full(...args: Args<'torch.full'>): Tensor {
  const { a, o } = bound('torch.full', args, factorySchema, ['size', 'fillValue']);
  const { size, fillValue } = a as { size: number[]; fillValue: Scalar };
  if (!Array.isArray(size)) badArg('an array of sizes', 'size', size);
  sizeArgs([size], 'torch.full');
  if (typeof fillValue !== 'number' && typeof fillValue !== 'boolean' && typeof fillValue !== 'bigint') badArg('number', 'fillValue', fillValue);
  return finish(wrap(op(ID.full, size, fillValue, nativeOpts(o))), o, 'full');
}

/** torch.eye(n, m?, { dtype, ... }) */
export function eye(...args: Args<'torch.eye'>): Tensor {
  const { a, o } = bound('torch.eye', args, factorySchema, ['n', 'm']);
  const { n, m } = a as { n: number; m: number | null };
  checkInt(n, 'n');
  if (m != null) checkInt(m, 'm');
  return finish(wrap(m == null ? op(ID.eye, n, nativeOpts(o)) : op(ID.eye, n, m, nativeOpts(o))), o, 'eye');
}

/** torch.arange(end), arange(start, end, step?, { dtype, ... }). Integer arguments give int64, as in PyTorch. */
export function arange(...args: Args<'torch.arange'>): Tensor {
  // arange(end) names its one number end (arange(end=5)); arange(start, end) as written
  const kw = args.length && isOptionsObject(args[args.length - 1]) ? (args[args.length - 1] as Record<string, unknown>) : {};
  const onlyEnd = args.length === 1 && 'end' in kw && !('start' in kw);
  const { a, o } = bound('torch.arange', onlyEnd ? [0, kw] : args, factorySchema, ['start', 'end', 'step']);
  let { start, end, step } = a as { start: number; end: number | null; step: number };
  if (end == null) [start, end] = [0, start];
  checkNumber(start, 'start');
  checkNumber(end, 'end');
  checkNumber(step, 'step');
  if (step === 0) throw new RangeError('step must be nonzero');
  return finish(wrap(op(ID.arange, start, end, step, nativeOpts(o))), o, 'arange');
}

/** torch.linspace(start, end, steps, { dtype, ... }) */
export function linspace(...args: Args<'torch.linspace'>): Tensor {
  const { a, o } = bound('torch.linspace', args, factorySchema, ['start', 'end', 'steps']);
  const { start, end, steps } = a as { start: number; end: number; steps: number };
  checkNumber(start, 'start');
  checkNumber(end, 'end');
  checkInt(steps, 'steps');
  return finish(wrap(op(ID.linspace, start, end, steps, nativeOpts(o))), o, 'linspace');
}

/** torch.logspace(start, end, steps, base = 10, { dtype, ... }) */
export function logspace(...args: Args<'torch.logspace'>): Tensor {
  const { a, o } = bound('torch.logspace', args, factorySchema, ['start', 'end', 'steps', 'base']);
  const { start, end, steps, base } = a as { start: number; end: number; steps: number; base: number };
  checkNumber(start, 'start');
  checkNumber(end, 'end');
  checkInt(steps, 'steps');
  checkNumber(base, 'base');
  return finish(wrap(op(ID.logspace, start, end, steps, base, nativeOpts(o))), o, 'logspace');
}

/** torch.randint(high, size) or randint(low, high, size), with { dtype, ... }; int64 by default. */
export function randint(...args: Args<'torch.randint'>): Tensor {
  const { a, o } = bound('torch.randint', args, randomSchema, ['low', 'high', 'size']);
  let { low, high, size } = a as { low: number; high: number | number[] | null; size: number[] | null };
  // randint(high, size): two arguments are the high and the size
  if (size == null && Array.isArray(high)) [low, high, size] = [0, low, high];
  else if (high == null) [low, high] = [0, low];
  if (!Array.isArray(size)) badArg('an array of sizes', 'size', size);
  sizeArgs([size], 'torch.randint');
  if (typeof low !== 'number' || !Number.isInteger(low)) badArg('integer', 'low', low);
  if (typeof high !== 'number' || !Number.isInteger(high)) badArg('integer', 'high', high);
  return finish(wrap(op(ID.randint, low, high, size, nativeOpts(o))), o, 'randint');
}

/** torch.randperm(n, { dtype, ... }) (int64 by default) */
export function randperm(...args: Args<'torch.randperm'>): Tensor {
  const { a, o } = bound('torch.randperm', args, randomSchema, ['n']);
  checkInt(a.n, 'n');
  return finish(wrap(op(ID.randperm, a.n, nativeOpts(o))), o, 'randperm');
}

type LikeKey = 'torch.zerosLike' | 'torch.onesLike' | 'torch.emptyLike' | 'torch.randLike' | 'torch.randnLike';
function likeFactory(name: string, key: LikeKey) {
  return (...args: Args<LikeKey>): Tensor => {
    const { a, o } = bound(key, args, likeSchema, ['input']);
    if (!(a.input instanceof Tensor)) badArg('Tensor', 'input', a.input);
    return finish(wrap(op(ID[name], (a.input as Tensor)._h, nativeOpts(o))), o);
  };
}
export const zerosLike = likeFactory('zeros_like', 'torch.zerosLike');
export const onesLike = likeFactory('ones_like', 'torch.onesLike');
export const emptyLike = likeFactory('empty_like', 'torch.emptyLike');
export const randLike = likeFactory('rand_like', 'torch.randLike');
export const randnLike = likeFactory('randn_like', 'torch.randnLike');

export function fullLike(...args: Args<'torch.fullLike'>): Tensor {
  const { a, o } = bound('torch.fullLike', args, likeSchema, ['input', 'fillValue']);
  const { input, fillValue } = a as { input: Tensor; fillValue: Scalar };
  if (!(input instanceof Tensor)) badArg('Tensor', 'input', input);
  if (typeof fillValue !== 'number' && typeof fillValue !== 'boolean' && typeof fillValue !== 'bigint') badArg('number', 'fillValue', fillValue);
  return finish(wrap(op(ID.full_like, input._h, fillValue, nativeOpts(o))), o);
}

/** randintLike(input, high) or randintLike(input, low, high) */
export function randintLike(...args: Args<'torch.randintLike'>): Tensor {
  const { a, o } = bound('torch.randintLike', args, likeSchema, ['input', 'low', 'high']);
  const { input, low, high } = a as { input: Tensor; low: number; high: number | null };
  if (!(input instanceof Tensor)) badArg('Tensor', 'input', input);
  const [lo, hi] = high == null ? [0, low] : [low, high];
  if (!Number.isInteger(lo)) badArg('integer', 'low', lo);
  if (!Number.isInteger(hi)) badArg('integer', 'high', hi);
  return finish(wrap(op(ID.randint_like, input._h, lo, hi, nativeOpts(o))), o);
}

/** frombuffer(buffer, { dtype, count, offset, requiresGrad }) */
export type FrombufferArgs = [buffer: ArrayBuffer | ArrayBufferView, options: { dtype: DType | string; count?: number; offset?: number; requiresGrad?: boolean }]
  | [options: { buffer: ArrayBuffer | ArrayBufferView; dtype: DType | string; count?: number; offset?: number; requiresGrad?: boolean }];
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
export function frombuffer(...args: FrombufferArgs): Tensor {
  const { a, o } = bound('torch.frombuffer', args, frombufferSchema, ['buffer']);
  const buffer = a.buffer as ArrayBuffer | ArrayBufferView;
  const isView = ArrayBuffer.isView(buffer);
  if (!isView && !(buffer instanceof ArrayBuffer)) badArg('an ArrayBuffer, Buffer or TypedArray', 'buffer', buffer);
  const bytes = isView
    ? new Uint8Array((buffer as ArrayBufferView).buffer, (buffer as ArrayBufferView).byteOffset, (buffer as ArrayBufferView).byteLength)
    : new Uint8Array(buffer as ArrayBuffer);
  const offset = o.offset ?? 0;
  const available = bytes.length - offset;
  const count = o.count === undefined || o.count === -1 ? Math.floor(available / o.dtype.itemsize) : o.count;
  if (offset > bytes.length || count * o.dtype.itemsize > available || ((o.count === undefined || o.count === -1) && available % o.dtype.itemsize !== 0)) {
    throw new RangeError(`buffer length (${bytes.length} bytes) after offset (${offset} bytes) must be a multiple of element size (${o.dtype.itemsize}) and hold count (${count}) elements`);
  }
  const slice = bytes.slice(offset, offset + count * o.dtype.itemsize);
  const t = new Tensor(fromData(slice, o.dtype._enum, [count]));
  return finish(t, o);
}
export const fromBuffer = frombuffer;
