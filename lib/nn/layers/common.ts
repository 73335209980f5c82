// Shared by the layer files: factory options, parameters, PyTorch's int-or-tuple arguments.
import { empty, type FactoryOptionsInput } from '../../creation.js';
import { Parameter } from '../parameter.js';
import { badArg } from '../../errors.js';

export interface LayerFactoryOptions {
  device?: FactoryOptionsInput['device'] | null;
  dtype?: FactoryOptionsInput['dtype'] | null;
}

export function newParameter(shape: number[], o: LayerFactoryOptions): Parameter {
  return new Parameter(empty(shape, { dtype: o.dtype ?? undefined, device: o.device ?? undefined }));
}

/** PyTorch's _pair / _triple: an int becomes n copies; a list keeps its values. */
export function tuple(v: number | number[], n: number, name: string): number[] {
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) badArg('an integer or a list of integers', name, v);
    return Array(n).fill(v);
  }
  if (!Array.isArray(v) || v.length !== n || !v.every(Number.isInteger)) badArg(`an integer or ${n} integers`, name, v);
  return [...v];
}

export function positiveInt(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) badArg('positive integer', name, v);
  return v as number;
}
