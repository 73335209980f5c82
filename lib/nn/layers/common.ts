// Shared by the layer files: factory options, parameters, PyTorch's int-or-tuple arguments.
import { empty, type FactoryOptionsInput } from '../../creation.js';
import { Parameter } from '../parameter.js';
import { badArg } from '../../errors.js';
import * as init from '../init.js';
import type { Tensor } from '../../tensor.js';

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

/**
 * PyTorch's reset_parameters for Linear, the convolutions and torchvision's DeformConv2d: weight
 * kaiming_uniform_(a=√5), bias uniform in ±1/√fan_in. With fan_in 0, Linear draws in ±0 and the
 * convolutions skip the draw (whenZeroFanIn), which decides what the generator hands on.
 */
export function resetKaimingUniform(weight: Tensor, bias: Tensor | null, whenZeroFanIn: 'draw' | 'skip'): void {
  init.kaimingUniform_(weight, { a: Math.sqrt(5) });
  if (!bias) return;
  const [fanIn] = init.calculateFanInAndFanOut(weight);
  if (fanIn === 0 && whenZeroFanIn === 'skip') return;
  const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
  init.uniform_(bias, -bound, bound);
}
