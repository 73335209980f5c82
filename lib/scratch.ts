// The one buffer the JS side and the addon share for small transfers, registered once per thread:
// tensor sizes out (the shape getter, native.sizesInto), small tensor data in (fromData) and out
// (readSmall). Each use is over before the next native call, so they never overlap.
import { native, type Handle } from './native.js';

// 64 doubles: c10's dimension limit for sizes; 512 bytes for data
export const SCRATCH = new Float64Array(64);
native.setScratch(SCRATCH);

export type TypedArray = Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array
  | Float32Array | Float64Array | BigInt64Array | BigUint64Array;
const KINDS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array];

// views of the scratch by element type, so a small array is copied in with `set` (a memcpy that leaves
// the source where V8 keeps it); found by the array's class, subclasses (Buffer) included
const views = new Map<Function, TypedArray>();
/** The whole scratch buffer seen as elements of the typed array class `C` (Float32Array, Buffer, ...). */
export function scratchView(C: Function): TypedArray {
  let v = views.get(C);
  if (!v) {
    const Kind = KINDS.find((K) => C === K || C.prototype instanceof K)!;
    views.set(C, (v = new Kind(SCRATCH.buffer as ArrayBuffer)));
  }
  return v;
}

/**
 * native.fromData for element data in a typed array: a new CPU tensor holding a copy. Small data goes
 * through the scratch buffer: V8 keeps typed arrays of up to 64 bytes inside its heap, and Node-API,
 * asked for their data, first moves them to a new off-heap buffer (native.fromScratch says more).
 */
export function fromData(data: ArrayBufferView, scalarType: number, shape: number[]): Handle {
  if (data.byteLength <= SCRATCH.byteLength && ArrayBuffer.isView(data) && !(data instanceof DataView)) {
    scratchView(data.constructor).set(data as never);
    return native.fromScratch(data.byteLength, scalarType, shape);
  }
  return native.fromData(data, scalarType, shape);
}

/** A typed array class: Float32Array, BigInt64Array, ... */
export type TypedArrayKind = { new (length: number): TypedArray; from(values: ArrayLike<unknown>, of: (v: never) => unknown): TypedArray; BYTES_PER_ELEMENT: number };

/**
 * As fromData for `values` converted one by one by `of` into elements of `Kind`: small ones are written
 * straight into the scratch buffer, with no typed array made for them.
 */
export function fromValues<T>(Kind: TypedArrayKind, values: readonly T[], of: (v: T) => number | bigint, scalarType: number, shape: number[]): Handle {
  const n = values.length, bytes = n * Kind.BYTES_PER_ELEMENT;
  if (bytes > SCRATCH.byteLength) return native.fromData(Kind.from(values, of as (v: never) => unknown), scalarType, shape);
  const into = scratchView(Kind) as unknown as { [i: number]: number | bigint };
  for (let i = 0; i < n; i++) into[i] = of(values[i]);
  return native.fromScratch(bytes, scalarType, shape);
}

/**
 * Copies a small tensor's elements into the scratch buffer and returns how many there are, or -1 when
 * they do not fit. They are then `scratchView(Kind)`'s first elements (`Kind` the dtype's array type),
 * valid until the next native call: copy what you keep. A view of the whole buffer, made once per
 * kind, as a new view of the exact length per call cost more than reading the elements.
 */
export function readSmall(h: Handle, Kind: { BYTES_PER_ELEMENT: number }): number {
  const bytes = native.toScratch(h);
  return bytes < 0 ? -1 : bytes / Kind.BYTES_PER_ELEMENT;
}
