import { native } from './native.js';

/** An error raised by libtorch. `message` is libtorch's first line plus the op's name. */
export class TorchError extends Error {
  /** The ATen op that failed, such as 'aten::mm'. */
  readonly op: string;
  /** libtorch's whole message. */
  readonly libtorchMessage: string;
  constructor(message: string, op = '', full = message) {
    super(message);
    this.name = 'TorchError';
    this.op = op;
    this.libtorchMessage = full;
  }
}
native.setErrorClass(TorchError);

const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** sharp-style description of a rejected value: "-5 of type number". */
export function describe(v: unknown): string {
  if (typeof v === 'string') return `'${v}' of type string`;
  if (typeof v === 'object' && v !== null) return Array.isArray(v) ? 'an array' : `an object (${v.constructor?.name ?? 'Object'})`;
  return `${String(v)} of type ${typeName(v)}`;
}

/** Throws the TypeError PyTorch users expect for a bad JS argument, before any native call. */
export function badArg(expected: string, name: string, v: unknown): never {
  throw new TypeError(`Expected ${expected} for ${name} but received ${describe(v)}`);
}

/** Python's TypeError for arguments given to a method that takes none: "Tensor.dim() takes no arguments (1 given)". */
export function takesNoArguments(name: string, given: number): never {
  throw new TypeError(`${name}() takes no arguments (${given} given)`);
}
