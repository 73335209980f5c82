// The JS half of the unboxed fast paths (binding/fast_ops.cc, listed in scripts/fast-ops.txt): the
// generated Tensor method or torch function is wrapped so that a call with exactly the tensors (or
// integer sizes) the fast path takes goes to it, and every other call, or one the native side turns
// down (a disposed tensor, a non-integer size), to the generic op unchanged.
import { native, type Handle } from './native.js';
import { FAST_OPS } from './generated/fast-ops.js';
import { isPlainObject } from './plain-object.js';

type Make = (h: Handle) => unknown;
/** A named tuple's class (lib/tensor.ts TupleType), for the dim_pair kind. */
type Tuple = new (length: number) => unknown[];
type Fast = (...args: unknown[]) => Handle | undefined;
// each returns a handle (or true for the in-place ones), or undefined to decline
const fast = native.fast as unknown as Record<string, Fast>;
// by JS name: the argument kind and the native entry point
const FAST = new Map(FAST_OPS.map(([name, kind, nativeName]) => [name, { kind, f: fast[nativeName] }]));

const handleOf = (v: unknown): unknown => (v !== null && typeof v === 'object' ? (v as { _h?: unknown })._h : undefined);

/** A binary op's other operand as the native side takes it: a handle, or a number (which it may decline). */
const operand = (v: unknown): unknown => (typeof v === 'number' ? v : handleOf(v));

/** The value in `{ [key]: value }` and nothing else; undefined for anything the binder should see. */
function soleOption(options: unknown, key: string): unknown {
  if (!isPlainObject(options)) return undefined;
  let value: unknown, keys = 0;
  for (const k in options) {
    if (k !== key) return undefined;
    value = options[k];
    keys++;
  }
  return keys === 1 ? value : undefined;
}

/** The number in `{ alpha: number }` and nothing else. */
function alphaOf(options: unknown): number | undefined {
  const alpha = soleOption(options, 'alpha');
  return typeof alpha === 'number' ? alpha : undefined;
}

/** A dim given as a number or as `{ dim: number }` and nothing else (the native side checks it is an integer). */
function dimOf(d: unknown): number | undefined {
  const dim = typeof d === 'number' ? d : soleOption(d, 'dim');
  return typeof dim === 'number' ? dim : undefined;
}

// The two-element array a dim_pair op's native call writes its two handles into (binding/fast_ops.cc
// says why it is not a new one): read at once into the named tuple, so one serves every call.
const PAIR: unknown[] = [null, null];

/**
 * The named tuple of a dim_pair op's two handles (values, indices), made by `f(handle, dim, PAIR)`.
 * Written out for two rather than through tensor.ts's wrap(), and its own closures rather than the dim
 * kind's: both, tried, cost x.max(1) about 400 and 1,700 instructions more (by hand, callgrind;
 * closures made at one site share their type feedback).
 */
function pairOf(tuple: Tuple, make: Make, f: Fast, h: Handle, dim: number): unknown[] | undefined {
  if (f(h, dim, PAIR) === undefined) return undefined;
  const out = new tuple(2);
  out[0] = make(PAIR[0] as Handle);
  out[1] = make(PAIR[1] as Handle);
  PAIR[0] = PAIR[1] = null;  // not keeping the results' handles alive
  return out;
}

/** Tensor.prototype[name]: `this` is the first argument; `tuple`, the named tuple a dim_pair op returns. */
export function fastMethod(name: string, slow: Function, make: Make, tuple?: Tuple | null): Function {
  const entry = FAST.get(name);
  if (!entry?.f || entry.kind === 'tensors' || entry.kind === 'scalar') return slow;
  const { kind, f } = entry;
  let fn: Function;
  if (kind === 'unary') {
    fn = function (this: { _h: Handle }) {
      if (arguments.length === 0) {
        const h = f(this._h);
        if (h !== undefined) return make(h);
      }
      return slow.apply(this, arguments);
    };
  } else if (kind === 'binary') {
    fn = function (this: { _h: Handle }, other: unknown) {
      if (arguments.length === 1) {
        const o = operand(other);
        const h = o === undefined ? undefined : f(this._h, o);
        if (h !== undefined) return make(h);
      }
      return slow.apply(this, arguments);
    };
  } else if (kind === 'inplace' || kind === 'inplace_alpha') {
    // x.add_(y) and the manual SGD update p.data.add_(p.grad, { alpha: -lr }): the tensor itself back
    const takesAlpha = kind === 'inplace_alpha';
    fn = function (this: { _h: Handle }, other: unknown, options?: unknown) {
      const n = arguments.length;
      if (n === 1 || (n === 2 && takesAlpha)) {
        const o = operand(other);
        const alpha = n === 2 ? alphaOf(options) : 1;
        if (o !== undefined && alpha !== undefined && ((n === 1 ? f(this._h, o) : f(this._h, o, alpha)) as unknown) === true) return this;
      }
      return slow.apply(this, arguments);
    };
  } else if (kind === 'dim') {
    // x.softmax(1), x.unsqueeze({ dim: 0 }): one integer dim
    fn = function (this: { _h: Handle }, d?: unknown) {
      if (arguments.length === 1) {
        const dim = dimOf(d);
        const h = dim === undefined ? undefined : f(this._h, dim);
        if (h !== undefined) return make(h);
      }
      return slow.apply(this, arguments);
    };
  } else if (kind === 'dim_pair') {
    // x.max(1), x.sort({ dim: 0 }): one integer dim, a named tuple back
    if (!tuple) return slow;
    fn = function (this: { _h: Handle }, d?: unknown) {
      if (arguments.length === 1) {
        const dim = dimOf(d);
        const r = dim === undefined ? undefined : pairOf(tuple, make, f, this._h, dim);
        if (r !== undefined) return r;
      }
      return slow.apply(this, arguments);
    };
  } else {
    // x.view(4, 4): sizes as separate integers (an array or keywords take the generic path)
    fn = function (this: { _h: Handle }, a?: unknown, b?: unknown, c?: unknown, d?: unknown) {
      const n = arguments.length;
      const h = n === 1 ? f(this._h, a) : n === 2 ? f(this._h, a, b) : n === 3 ? f(this._h, a, b, c) : n === 4 ? f(this._h, a, b, c, d) : undefined;
      return h !== undefined ? make(h) : slow.apply(this, arguments);
    };
  }
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

/** torch[name]: the tensor is the first argument; `tuple`, the named tuple a dim_pair op returns. */
export function fastFunction(name: string, slow: Function, make: Make, tuple?: Tuple | null): Function {
  const entry = FAST.get(name);
  if (!entry?.f || (entry.kind !== 'unary' && entry.kind !== 'binary' && entry.kind !== 'dim' && entry.kind !== 'dim_pair' && entry.kind !== 'tensors')) return slow;
  const { kind, f } = entry;
  let fn: Function;
  if (kind === 'tensors') {
    // torch.cat([a, b]), torch.cat([a, b], 1), torch.stack([a, b], { dim: 1 })
    fn = function (tensors: unknown, d?: unknown) {
      const n = arguments.length;
      if ((n === 1 || n === 2) && Array.isArray(tensors)) {
        const dim = n === 1 ? 0 : dimOf(d);
        const h = dim === undefined ? undefined : tensorsCall(f, tensors, dim);
        if (h !== undefined) return make(h);
      }
      return slow.apply(null, arguments);
    };
  } else if (kind === 'dim') {
    fn = function () {
      const h = dimCall(f, arguments);
      return h !== undefined ? make(h) : slow.apply(null, arguments);
    };
  } else if (kind === 'dim_pair') {
    // torch.max(x, 1), torch.sort(x, { dim: 0 }). Its input and dim are read here, not through dimCall
    // (given the pair to fill): tried, that made torch.max(m, 1) 2.38 -> 3.78 µs and F.softmax (the dim
    // kind's dimCall) 1.12 -> 1.56 in one `npm run bench:overhead` process, though callgrind counted
    // torch.max 640 instructions fewer
    if (!tuple) return slow;
    fn = function (input?: unknown, d?: unknown) {
      if (arguments.length === 2) {
        const h = handleOf(input);
        const dim = h === undefined ? undefined : dimOf(d);
        const r = dim === undefined ? undefined : pairOf(tuple, make, f, h as Handle, dim);
        if (r !== undefined) return r;
      }
      return slow.apply(null, arguments);
    };
  } else if (kind === 'unary') {
    fn = function (input: unknown) {
      if (arguments.length === 1) {
        const i = handleOf(input);
        const h = i === undefined ? undefined : f(i);
        if (h !== undefined) return make(h);
      }
      return slow.apply(null, arguments);
    };
  } else {
    fn = function (input: unknown, other: unknown) {
      if (arguments.length === 2) {
        const i = handleOf(input), o = operand(other);
        const h = i === undefined || o === undefined ? undefined : f(i, o);
        if (h !== undefined) return make(h);
      }
      return slow.apply(null, arguments);
    };
  }
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

/**
 * torch.softmax(x, 1), F.logSoftmax(x, { dim: 1 }) and the other 'dim' ops called with a tensor and
 * an integer dim only; undefined: the generic path (the binder, its defaults and its errors).
 */
export function fastDim(nativeName: string, args: ArrayLike<unknown>): Handle | undefined {
  return dimCall(fast[nativeName], args);
}
function dimCall(f: Fast, args: ArrayLike<unknown>): Handle | undefined {
  if (args.length !== 2) return undefined;
  const h = handleOf(args[0]);
  const dim = h === undefined ? undefined : dimOf(args[1]);
  return dim === undefined ? undefined : f(h, dim);
}

/** The dim, then the tensors' handles as separate arguments (binding/fast_ops.cc CallTensors). */
function tensorsCall(f: Fast, tensors: readonly unknown[], dim: number): Handle | undefined {
  const k = tensors.length;
  if (k === 2) {
    const a = handleOf(tensors[0]), b = handleOf(tensors[1]);
    return a === undefined || b === undefined ? undefined : f(dim, a, b);
  }
  if (k < 1 || k > 8) return undefined;
  const args: unknown[] = [dim];
  for (let i = 0; i < k; i++) {
    const h = handleOf(tensors[i]);
    if (h === undefined) return undefined;
    args.push(h);
  }
  return f(...args);
}

/** F.leakyRelu(x, 0.2) and the other 'scalar' ops: a tensor and a number; undefined: the generic path. */
export function fastScalar(nativeName: string, input: unknown, number: unknown): Handle | undefined {
  const h = handleOf(input);
  return h === undefined || typeof number !== 'number' ? undefined : fast[nativeName](h, number);
}

/** x.index(i) for one integer i (Python's x[i]); undefined: the generic indexing path. */
export function fastSelect(h: Handle, i: unknown): Handle | undefined {
  return typeof i === 'number' ? fast.select(h, i) : undefined;
}

/** x.to(dtype) with a dtype's enum: a new handle, true for the tensor itself, undefined: the generic path. */
export function fastToDtype(h: Handle, dtype: number): Handle | true | undefined {
  return fast.toDtype(h, dtype) as Handle | true | undefined;
}

/** F.linear(input, weight[, bias]) with tensors only; undefined: the generic path. */
export function fastLinear(args: readonly unknown[]): Handle | undefined {
  if (args.length < 2 || args.length > 3) return undefined;
  const i = handleOf(args[0]), w = handleOf(args[1]);
  if (i === undefined || w === undefined) return undefined;
  const b = args.length === 3 ? args[2] : undefined;
  if (b === undefined || b === null) return fast.linear(i as Handle, w as Handle);
  const bh = handleOf(b);
  return bh === undefined ? undefined : fast.linear(i as Handle, w as Handle, bh as Handle);
}

const { factories, typedFactories } = native.fast as unknown as {
  factories: Record<string, (...sizes: number[]) => Handle | undefined>;
  typedFactories: Record<string, (dtype: number, ...sizes: number[]) => Handle | undefined>;
};

/**
 * torch.zeros(2, 3) and the other size-only factories (binding/fast_ops.cc) called with nothing but
 * their sizes; the native side declines (undefined: the generic path, bind and the options schema)
 * anything but one to eight non-negative integers.
 */
export function fastFactory(name: string, args: readonly unknown[]): Handle | undefined {
  const f = factories[name];
  if (f === undefined) return undefined;
  const n = args.length;
  return n === 1 ? f(args[0] as number) : n === 2 ? f(args[0] as number, args[1] as number) : f(...(args as number[]));
}

/** torch.zeros(2, 3, { dtype }): the size-only factories with a dtype (its enum) and nothing else. */
export function fastTypedFactory(name: string, dtype: number, size: readonly number[]): Handle | undefined {
  const f = typedFactories[name];
  if (f === undefined) return undefined;
  const n = size.length;
  return n === 1 ? f(dtype, size[0]) : n === 2 ? f(dtype, size[0], size[1]) : f(dtype, ...size);
}
