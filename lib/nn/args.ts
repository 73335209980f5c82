// PyTorch-style argument binding for the hand-written nn functions: positional arguments by
// position, then one trailing options object (camelCase keys), then the defaults. Unknown
// options and missing required arguments are rejected with the argument's name.
import { Tensor } from '../tensor.js';
import { DType } from '../types.js';

export type Spec = readonly (readonly [name: string, defaultValue?: unknown])[];
const REQUIRED = Symbol('required');
export const required = REQUIRED;

function isOptions(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Tensor) && !(v instanceof DType) &&
    Object.getPrototypeOf(v) === Object.prototype;
}

export function bind(fn: string, spec: Spec, args: unknown[]): Record<string, any> {
  let opts: Record<string, unknown> = {};
  let pos = args;
  if (pos.length && isOptions(pos[pos.length - 1])) {
    opts = pos[pos.length - 1] as Record<string, unknown>;
    pos = pos.slice(0, -1);
  }
  if (pos.length > spec.length) throw new TypeError(`${fn}() takes ${spec.length} positional arguments but ${pos.length} were given`);
  const names = new Set(spec.map(([n]) => n));
  for (const k of Object.keys(opts)) {
    if (!names.has(k)) throw new TypeError(`${fn}() got an unexpected option '${k}'; it takes ${spec.map(([n]) => n).join(', ')}`);
  }
  const out: Record<string, any> = {};
  spec.forEach(([name, def], i) => {
    const v = i < pos.length && pos[i] !== undefined ? pos[i] : opts[name];
    if (v !== undefined) out[name] = v;
    else if (def === REQUIRED || (spec[i].length === 1)) throw new TypeError(`${fn}() missing required argument '${name}'`);
    else out[name] = def;
  });
  return out;
}

/** Tensor check with the PyTorch-style message. */
export function tensorArg(fn: string, name: string, v: unknown): Tensor {
  if (!(v instanceof Tensor)) {
    const got = v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `'${v}' of type string` : `${String(v)} of type ${typeof v}`;
    throw new TypeError(`${fn}(): Expected Tensor for ${name} but received ${got}`);
  }
  return v;
}

/** 'mean' | 'sum' | 'none' as ATen's Reduction enum. */
export function reductionEnum(fn: string, reduction: unknown): number {
  const r = ({ none: 0, mean: 1, sum: 2 } as Record<string, number>)[reduction as string];
  if (r === undefined) throw new TypeError(`${fn}(): Expected 'none', 'mean' or 'sum' for reduction but received ${JSON.stringify(reduction)}`);
  return r;
}
