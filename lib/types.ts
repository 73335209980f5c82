// dtypes, devices, memory formats and layouts: the small value types of the torch namespace.
import { inspect } from 'node:util';
import { badArg } from './errors.js';

/**
 * A Python number as a JS value: number (float or int), boolean, or bigint for int64 values beyond 2^53.
 */
export type Scalar = number | boolean | bigint;

type TypedArrayCtor =
  | Float32ArrayConstructor | Float64ArrayConstructor | Int8ArrayConstructor | Int16ArrayConstructor
  | Int32ArrayConstructor | BigInt64ArrayConstructor | Uint8ArrayConstructor;

/** torch.dtype: compare with ===, print as torch.float32. */
export class DType {
  /** c10::ScalarType, as the native layer reads it. */
  readonly _enum: number;
  /** which enum _enum belongs to (1 dtype, 2 layout, 3 memory format): the native layer refuses the wrong kind */
  readonly _enumKind: number = 1;
  constructor(
    readonly name: string,
    scalarType: number,
    readonly itemsize: number,
    readonly isFloatingPoint: boolean,
    readonly isSigned: boolean,
    /** the TypedArray toTypedArray() returns; null where JS has none (float16, bfloat16) */
    readonly arrayType: TypedArrayCtor | null,
  ) {
    this._enum = scalarType;
  }
  readonly isComplex = false;
  toString() {
    return `torch.${this.name}`;
  }
  [inspect.custom]() {
    return this.toString();
  }
}

/**
 * The 8-bit unsigned integer dtype, as Python's `torch.uint8`.
 *
 * PyTorch: [torch.dtype](https://docs.pytorch.org/docs/stable/tensor_attributes.html#torch-dtype)
 */
export const uint8 = new DType('uint8', 0, 1, false, false, Uint8Array);
/**
 * The 8-bit signed integer dtype, as Python's `torch.int8`.
 *
 * PyTorch: [torch.dtype](https://docs.pytorch.org/docs/stable/tensor_attributes.html#torch-dtype)
 */
export const int8 = new DType('int8', 1, 1, false, true, Int8Array);
/**
 * The 16-bit signed integer (alias `torch.short`) dtype, as Python's `torch.int16`.
 *
 * PyTorch: [torch.dtype](https://docs.pytorch.org/docs/stable/tensor_attributes.html#torch-dtype)
 */
export const int16 = new DType('int16', 2, 2, false, true, Int16Array);
/**
 * The 32-bit signed integer (alias `torch.int`) dtype, as Python's `torch.int32`.
 *
 * PyTorch: [torch.dtype](https://docs.pytorch.org/docs/stable/tensor_attributes.html#torch-dtype)
 */
export const int32 = new DType('int32', 3, 4, false, true, Int32Array);
/**
 * The 64-bit signed integer (alias `torch.long`), the dtype of indices dtype, as Python's `torch.int64`.
 *
 * PyTorch: [torch.dtype](https://docs.pytorch.org/docs/stable/tensor_attributes.html#torch-dtype)
 */
export const int64 = new DType('int64', 4, 8, false, true, BigInt64Array);
/**
 * The 16-bit IEEE half-precision float (alias `torch.half`) dtype, as Python's `torch.float16`.
 *
 * PyTorch: [torch.dtype](https://docs.pytorch.org/docs/stable/tensor_attributes.html#torch-dtype)
 */
export const float16 = new DType('float16', 5, 2, true, true, null);
/**
 * The 32-bit float (alias `torch.float`), the default dtype dtype, as Python's `torch.float32`.
 *
 * PyTorch: [torch.dtype](https://docs.pytorch.org/docs/stable/tensor_attributes.html#torch-dtype)
 */
export const float32 = new DType('float32', 6, 4, true, true, Float32Array);
/**
 * The 64-bit float (alias `torch.double`) dtype, as Python's `torch.float64`.
 *
 * PyTorch: [torch.dtype](https://docs.pytorch.org/docs/stable/tensor_attributes.html#torch-dtype)
 */
export const float64 = new DType('float64', 7, 8, true, true, Float64Array);
/**
 * The boolean dtype, as Python's `torch.bool`.
 *
 * PyTorch: [torch.dtype](https://docs.pytorch.org/docs/stable/tensor_attributes.html#torch-dtype)
 */
export const bool = new DType('bool', 11, 1, false, false, Uint8Array);
/**
 * The 16-bit brain float dtype, as Python's `torch.bfloat16`.
 *
 * PyTorch: [torch.dtype](https://docs.pytorch.org/docs/stable/tensor_attributes.html#torch-dtype)
 */
export const bfloat16 = new DType('bfloat16', 15, 2, true, true, null);
// PyTorch's aliases
/** Alias of `torch.float16`, as Python's `torch.half`. */
export const half = float16;
/** Alias of `torch.float32`, as Python's `torch.float`. */
export const float = float32;
/** Alias of `torch.float64`, as Python's `torch.double`. */
export const double = float64;
/** Alias of `torch.int16`, as Python's `torch.short`. */
export const short = int16;
/** Alias of `torch.int32`, as Python's `torch.int`. */
export const int = int32;
/** Alias of `torch.int64`, as Python's `torch.long`. */
export const long = int64;

const ALL_DTYPES = [uint8, int8, int16, int32, int64, float16, float32, float64, bool, bfloat16];
// indexed by c10::ScalarType (x.dtype reads it on every call: an array index is cheaper than a Map)
const BY_ENUM: (DType | undefined)[] = [];
for (const d of ALL_DTYPES) BY_ENUM[d._enum] = d;
const BY_NAME = new Map<string, DType>(ALL_DTYPES.map((d) => [d.name, d]));
for (const [alias, d] of Object.entries({ half, float, double, short, int, long })) BY_NAME.set(alias, d);

export function dtypeFromEnum(e: number): DType {
  const d = BY_ENUM[e];
  if (!d) throw new Error(`torch-node has no dtype for c10::ScalarType ${e} (complex and quantized types are not supported)`);
  return d;
}

/** Accepts torch.float32 or 'float32' / 'torch.float32'. */
export function toDType(v: unknown, name = 'dtype'): DType {
  if (v instanceof DType) return v;
  if (typeof v === 'string') {
    const d = BY_NAME.get(v.replace(/^torch\./, ''));
    if (d) return d;
  }
  return badArg(`a dtype (torch.float32, torch.int64, ... or its name)`, name, v);
}

/** torch.device. Instances are interned: torch.device('cpu') === x.device. */
export class Device {
  readonly _dev: string;
  private constructor(readonly type: string, readonly index: number | null) {
    this._dev = index === null ? type : `${type}:${index}`;
  }
  private static cache = new Map<string, Device>();
  static of(type: string, index: number | null = null): Device {
    const key = index === null ? type : `${type}:${index}`;
    let d = Device.cache.get(key);
    if (!d) Device.cache.set(key, (d = new Device(type, index)));
    return d;
  }
  toString() {
    return this._dev;
  }
  /**
   * console.log(device) prints 'cpu', as Python's print(device) (its str); inside a printed object or
   * array it is its repr, device(type='cpu'), as Python prints a container's items.
   */
  [inspect.custom](depth: number, options: { depth?: number | null }) {
    if (depth === (options.depth ?? 2)) return this._dev;
    return this.index === null ? `device(type='${this.type}')` : `device(type='${this.type}', index=${this.index})`;
  }
}

const DEVICE_TYPES = new Set(['cpu', 'cuda', 'mps', 'meta', 'xpu', 'hip']);

/** The device types torch.device accepts. */
export type DeviceType = 'cpu' | 'cuda' | 'mps' | 'meta' | 'xpu' | 'hip';
/** 'cpu', 'cuda', 'cuda:1'...: a device by name, as PyTorch spells it. */
export type DeviceString = DeviceType | `${DeviceType}:${number}`;
/** A torch.device or its name; torch.device(someString) takes any string and checks it at run time. */
export type DeviceLike = Device | DeviceString;
/**
 * A string argument of x.to() / module.to(): a literal must name a dtype or a device ('float33' and
 * 'gpu' do not compile); a string only known at run time (a CLI flag) is checked when it runs.
 */
export type ToName<S extends string> = string extends S ? S : S extends DTypeName | DeviceString ? S : never;
/** A dtype by name, as x.to('float64') takes it (with or without 'torch.'). */
export type DTypeName = `${'' | 'torch.'}${'uint8' | 'int8' | 'int16' | 'int32' | 'int64' | 'float16' | 'float32' | 'float64' | 'bool' | 'bfloat16' | 'half' | 'float' | 'double' | 'short' | 'int' | 'long'}`;

/** torch.device('cuda:1'), torch.device('cuda', 1), torch.device(existingDevice). */
export function device(spec: DeviceLike | string | number, index?: number): Device {
  if (spec instanceof Device) return spec;
  if (typeof spec === 'number') return Device.of('cuda', spec);
  if (typeof spec !== 'string') return badArg("a device string such as 'cpu' or 'cuda:0'", 'device', spec);
  const m = /^([a-z]+)(?::(\d+))?$/.exec(spec);
  if (!m || !DEVICE_TYPES.has(m[1])) return badArg("a device string such as 'cpu' or 'cuda:0'", 'device', spec);
  if (m[2] !== undefined && index !== undefined) throw new TypeError(`device(): type (string) must not include an index because index was passed explicitly: ${spec}`);
  const idx = m[2] !== undefined ? Number(m[2]) : index ?? null;
  if (idx !== null && (!Number.isInteger(idx) || idx < 0)) return badArg('a non-negative integer', 'index', idx);
  return Device.of(m[1], idx);
}

abstract class EnumValue {
  abstract readonly _enumKind: number;
  constructor(readonly name: string, readonly _enum: number) {}
  toString() {
    return `torch.${this.name}`;
  }
  [inspect.custom]() {
    return this.toString();
  }
}
/**
 * How a tensor's elements are laid out in memory (`torch.contiguousFormat`, `torch.channelsLast`, ...), as Python's `torch.memory_format`.
 *
 * PyTorch: [torch.memory_format](https://docs.pytorch.org/docs/stable/tensor_attributes.html#torch-memory-format)
 */
export class MemoryFormat extends EnumValue {
  readonly _enumKind = 3;
}
/**
 * A tensor's storage layout (`torch.strided`), as Python's `torch.layout`.
 *
 * PyTorch: [torch.layout](https://docs.pytorch.org/docs/stable/tensor_attributes.html#torch-layout)
 */
export class Layout extends EnumValue {
  readonly _enumKind = 2;
}
/** Memory format: row-major, the default (Python's `torch.contiguous_format`). */
export const contiguousFormat = new MemoryFormat('contiguous_format', 0);
/** Memory format: keep the input's layout (Python's `torch.preserve_format`). */
export const preserveFormat = new MemoryFormat('preserve_format', 1);
/** Memory format: NHWC order for 4-d tensors (Python's `torch.channels_last`). */
export const channelsLast = new MemoryFormat('channels_last', 2);
/** Memory format: NDHWC order for 5-d tensors (Python's `torch.channels_last_3d`). */
export const channelsLast3d = new MemoryFormat('channels_last_3d', 3);
/** The dense strided layout every ordinary tensor has, as Python's `torch.strided`. */
export const strided = new Layout('strided', 0);
