// Dtypes as values: their numeric limits (torch.finfo, torch.iinfo) and type promotion
// (torch.promote_types, torch.result_type, torch.can_cast). The promotion itself is libtorch's: a
// binary op on tensors that hold no elements computes the dtype it would give, and nothing else.
import { inspect } from 'node:util';
import { native } from './native.js';
import { Tensor } from './tensor.js';
import { DType, dtypeFromEnum, float16, bfloat16, float32, float64, uint8, int8, int16, int32, int64, bool } from './types.js';
import { bind, type Args } from './bind.js';
import { badArg } from './errors.js';
import { canCast as canCastDType, generatedFunctions as aten } from './functions.js';
import { empty } from './creation.js';

// C's printf("%g"): p significant digits, ties to even on the double's exact decimal expansion, as
// Python's finfo/iinfo reprs print their fields
function formatG(x: number, p = 6): string {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const [mantissa, e] = Math.abs(x).toExponential(99).split('e');
  const all = mantissa.replace('.', '');
  let digits = all.slice(0, p).split('').map(Number);
  const rest = all.slice(p);
  let exp = Number(e);
  const up = rest[0] > '5' || (rest[0] === '5' && (/[1-9]/.test(rest.slice(1)) || digits[p - 1] % 2 === 1));
  if (up) {
    let i = p - 1;
    while (i >= 0 && digits[i] === 9) digits[i--] = 0;
    if (i < 0) { digits = [1, ...digits.slice(0, p - 1)]; exp++; } else digits[i]++;
  }
  const sign = x < 0 ? '-' : '';
  const text = digits.join('');
  if (exp < -4 || exp >= p) {
    const m = `${text[0]}.${text.slice(1)}`.replace(/\.?0+$/, '');
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const fixed = exp >= 0 ? `${text.slice(0, exp + 1)}.${text.slice(exp + 1)}` : `0.${'0'.repeat(-exp - 1)}${text}`;
  return sign + fixed.replace(/\.?0+$/, '');
}

/** A floating point dtype's limits, as Python's `torch.finfo`. */
export class FInfo {
  /** @internal */
  constructor(
    /** the dtype's width in bits */
    readonly bits: number,
    /** the difference between 1.0 and the next larger representable number */
    readonly eps: number,
    /** the largest finite number */
    readonly max: number,
    /** the smallest positive normal number */
    readonly smallestNormal: number,
    /** the approximate decimal resolution, 10 ** -precision */
    readonly resolution: number,
    readonly dtype: string,
  ) {}
  /** the most negative finite number (-max) */
  get min(): number {
    return -this.max;
  }
  /** the smallest positive normal number (smallestNormal's older name) */
  get tiny(): number {
    return this.smallestNormal;
  }
  toString() {
    return `finfo(resolution=${formatG(this.resolution)}, min=${formatG(this.min)}, max=${formatG(this.max)}, eps=${formatG(this.eps)}, smallest_normal=${formatG(this.smallestNormal)}, tiny=${formatG(this.tiny)}, dtype=${this.dtype})`;
  }
  [inspect.custom]() {
    return this.toString();
  }
}

/** An integer dtype's limits, as Python's `torch.iinfo` (int64's as the nearest JS numbers). */
export class IInfo {
  /** @internal */
  constructor(readonly bits: number, readonly min: number, readonly max: number, readonly dtype: string) {}
  toString() {
    return `iinfo(min=${formatG(this.min)}, max=${formatG(this.max)}, dtype=${this.dtype})`;
  }
  [inspect.custom]() {
    return this.toString();
  }
}

const FINFO = new Map<DType, FInfo>([
  [float16, new FInfo(16, 2 ** -10, 65504, 2 ** -14, 1e-3, 'float16')],
  [bfloat16, new FInfo(16, 2 ** -7, (2 - 2 ** -7) * 2 ** 127, 2 ** -126, 1e-2, 'bfloat16')],
  [float32, new FInfo(32, 2 ** -23, (2 - 2 ** -23) * 2 ** 127, 2 ** -126, 1e-6, 'float32')],
  [float64, new FInfo(64, 2 ** -52, Number.MAX_VALUE, 2 ** -1022, 1e-15, 'float64')],
]);
const IINFO = new Map<DType, IInfo>([
  [uint8, new IInfo(8, 0, 255, 'uint8')],
  [int8, new IInfo(8, -128, 127, 'int8')],
  [int16, new IInfo(16, -32768, 32767, 'int16')],
  [int32, new IInfo(32, -2147483648, 2147483647, 'int32')],
  [int64, new IInfo(64, -(2 ** 63), 2 ** 63 - 1, 'int64')],
]);

/** torch.finfo(type=None): a floating point dtype's limits (the default dtype's without one). */
export function finfo(...args: Args<'torch.finfo'>): FInfo {
  const { type } = args.length === 0 ? { type: null } : bind('torch.finfo', args, { name: 'torch.finfo' });
  const dtype = type ?? dtypeFromEnum(native.getDefaultDtype());
  if (!(dtype instanceof DType)) badArg('a dtype', 'type', dtype);
  const info = FINFO.get(dtype);
  if (!info) throw new TypeError("torch.finfo() requires a floating point input type. Use torch.iinfo to handle 'torch.finfo'");
  return info;
}

/** torch.iinfo(type): an integer dtype's limits. */
export function iinfo(...args: Args<'torch.iinfo'>): IInfo {
  const { type } = bind('torch.iinfo', args, { name: 'torch.iinfo' });
  if (!(type instanceof DType)) badArg('a dtype', 'type', type);
  const info = IINFO.get(type);
  if (!info) throw new TypeError(`${type} is not supported by torch.iinfo`);
  return info;
}

/** torch.can_cast(from_, to): whether PyTorch's casting rules allow from_ to to (no float to integer, ...). */
export function canCast(...args: Args<'torch.canCast'>): boolean {
  const { from_, to } = bind('torch.canCast', args, { name: 'torch.canCast' });
  if (!(from_ instanceof DType)) badArg('a dtype', 'from_', from_);
  if (!(to instanceof DType)) badArg('a dtype', 'to', to);
  return canCastDType(from_, to);
}

/** torch.promote_types(type1, type2): the smallest dtype both promote to. */
export function promoteTypes(...args: Args<'torch.promoteTypes'>): DType {
  const { type1, type2 } = bind('torch.promoteTypes', args, { name: 'torch.promoteTypes' });
  if (!(type1 instanceof DType)) badArg('a dtype', 'type1', type1);
  if (!(type2 instanceof DType)) badArg('a dtype', 'type2', type2);
  return aten.add(empty(0, { dtype: type1 }), empty(0, { dtype: type2 })).dtype;
}

// a tensor's stand-in for promotion: its dtype and whether it has dimensions, no elements
const standIn = (v: unknown, name: string): Tensor | number | boolean => {
  if (v instanceof Tensor) return empty(v.dim() === 0 ? [] : [0], { dtype: v.dtype });
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  return badArg('a Tensor, a number or a boolean', name, v);
};

/**
 * torch.result_type(tensor1, tensor2): the dtype an arithmetic op on the two gives (a number does not
 * promote a tensor of its kind: int32 with 2 stays int32, with 2.5 becomes the default float dtype).
 */
export function resultType(...args: Args<'torch.resultType'>): DType {
  const { tensor1, tensor2 } = bind('torch.resultType', args, { name: 'torch.resultType' });
  const a = standIn(tensor1, 'tensor1'), b = standIn(tensor2, 'tensor2');
  if (a instanceof Tensor) return aten.add(a, b as Tensor).dtype;
  if (b instanceof Tensor) return aten.add(b, a).dtype;
  // two numbers: bool, int64 or the default float dtype, by the wider kind
  if (typeof a === 'boolean' && typeof b === 'boolean') return bool;
  return [a, b].some((v) => typeof v === 'number' && !Number.isInteger(v)) ? dtypeFromEnum(native.getDefaultDtype()) : int64;
}
