// torch.nn.init: the same operations in the same order as PyTorch's, so that with the same
// seed a layer starts from the same numbers as in Python.
import { Tensor } from '../tensor.js';
import { noGrad } from '../autograd.js';
import { badArg } from '../errors.js';
import { tensor } from '../creation.js';
import { float64 } from '../types.js';
import { bind, type Args } from '../bind.js';
import type { Generator } from '../generator.js';

type Nonlinearity = 'linear' | 'conv1d' | 'conv2d' | 'conv3d' | 'conv_transpose1d' | 'conv_transpose2d' | 'conv_transpose3d' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';

export function calculateGain(...args: Args<'nn.init.calculateGain'>): number {
  const { nonlinearity, param } = bind('nn.init.calculateGain', args);
  switch (nonlinearity) {
    case 'linear': case 'conv1d': case 'conv2d': case 'conv3d': case 'conv_transpose1d': case 'conv_transpose2d': case 'conv_transpose3d': case 'sigmoid':
      return 1;
    case 'tanh': return 5 / 3;
    case 'relu': return Math.sqrt(2);
    case 'leaky_relu': {
      if (param != null && typeof param !== 'number') badArg('a number', 'param', param);
      const slope = param ?? 0.01;
      return Math.sqrt(2 / (1 + slope ** 2));
    }
    case 'selu': return 3 / 4;
  }
  return badArg('a nonlinearity name', 'nonlinearity', nonlinearity);
}

export function calculateFanInAndFanOut(tensor: Tensor): [number, number] {
  const shape = tensor.shape;
  if (shape.length < 2) throw new RangeError('Fan in and fan out can not be computed for tensor with fewer than 2 dimensions');
  const receptive = shape.slice(2).reduce((a, b) => a * b, 1);
  return [shape[1] * receptive, shape[0] * receptive];
}

function fan(tensor: Tensor, mode: 'fan_in' | 'fan_out'): number {
  if (mode !== 'fan_in' && mode !== 'fan_out') badArg("'fan_in' or 'fan_out'", 'mode', mode);
  const [fanIn, fanOut] = calculateFanInAndFanOut(tensor);
  return mode === 'fan_in' ? fanIn : fanOut;
}

const check = (t: unknown): Tensor => (t instanceof Tensor ? t : badArg('Tensor', 'tensor', t));

const gen = (generator: Generator | null | undefined) => (generator ? { generator } : undefined);
function uniform(tensor: Tensor, a: number, b: number, generator?: Generator | null): Tensor {
  return noGrad(() => check(tensor).uniform_(a, b, gen(generator)));
}
function normal(tensor: Tensor, mean: number, std: number, generator?: Generator | null): Tensor {
  return noGrad(() => check(tensor).normal_(mean, std, gen(generator)));
}

export function uniform_(...args: Args<'nn.init.uniform_'>): Tensor {
  const o = bind('nn.init.uniform_', args);
  return uniform(o.tensor, o.a, o.b, o.generator);
}
export function normal_(...args: Args<'nn.init.normal_'>): Tensor {
  const o = bind('nn.init.normal_', args);
  return normal(o.tensor, o.mean, o.std, o.generator);
}
export function constant_(...args: Args<'nn.init.constant_'>): Tensor {
  const o = bind('nn.init.constant_', args);
  return noGrad(() => check(o.tensor).fill_(o.val));
}
export function zeros_(...args: Args<'nn.init.zeros_'>): Tensor {
  const o = bind('nn.init.zeros_', args);
  return noGrad(() => check(o.tensor).zero_());
}
export function ones_(...args: Args<'nn.init.ones_'>): Tensor {
  const o = bind('nn.init.ones_', args);
  return noGrad(() => check(o.tensor).fill_(1));
}
export function truncNormal_(...args: Args<'nn.init.truncNormal_'>): Tensor {
  const { tensor, mean, std, a, b, generator } = bind('nn.init.truncNormal_', args);
  // PyTorch's inverse-CDF method, step for step.
  const normCdf = (x: number) => (1 + erf(x / Math.SQRT2)) / 2;
  const l = normCdf((a - mean) / std), u = normCdf((b - mean) / std);
  return noGrad(() => {
    check(tensor).uniform_(2 * l - 1, 2 * u - 1, gen(generator));
    tensor.erfinv_();
    tensor.mul_(std * Math.SQRT2);
    tensor.add_(mean);
    return tensor.clamp_(a, b);
  });
}
export const trunc_normal_ = truncNormal_;

export function xavierUniform_(...args: Args<'nn.init.xavierUniform_'>): Tensor {
  const { tensor, gain, generator } = bind('nn.init.xavierUniform_', args);
  const [fanIn, fanOut] = calculateFanInAndFanOut(check(tensor));
  const std = gain * Math.sqrt(2 / (fanIn + fanOut));
  const a = Math.sqrt(3) * std;
  return uniform(tensor, -a, a, generator);
}
export function xavierNormal_(...args: Args<'nn.init.xavierNormal_'>): Tensor {
  const { tensor, gain, generator } = bind('nn.init.xavierNormal_', args);
  const [fanIn, fanOut] = calculateFanInAndFanOut(check(tensor));
  return normal(tensor, 0, gain * Math.sqrt(2 / (fanIn + fanOut)), generator);
}

function kaimingStd(tensor: Tensor, o: { a: number; mode: 'fan_in' | 'fan_out'; nonlinearity: Nonlinearity }): number {
  return calculateGain(o.nonlinearity, o.a) / Math.sqrt(fan(check(tensor), o.mode));
}
// PyTorch: "Initializing zero-element tensors is a no-op" (a warning, and the tensor as it is)
function zeroElement(tensor: Tensor): boolean {
  if (tensor.numel() !== 0) return false;
  process.emitWarning('Initializing zero-element tensors is a no-op', 'UserWarning');
  return true;
}
export function kaimingUniform_(...args: Args<'nn.init.kaimingUniform_'>): Tensor {
  const o = bind('nn.init.kaimingUniform_', args);
  if (zeroElement(check(o.tensor))) return o.tensor;
  const bound = Math.sqrt(3) * kaimingStd(o.tensor, o);
  return uniform(o.tensor, -bound, bound, o.generator);
}
export function kaimingNormal_(...args: Args<'nn.init.kaimingNormal_'>): Tensor {
  const o = bind('nn.init.kaimingNormal_', args);
  if (zeroElement(check(o.tensor))) return o.tensor;
  return normal(o.tensor, 0, kaimingStd(o.tensor, o), o.generator);
}

// Python's math.erf is libm's erf, which libtorch's float64 erf also calls.
function erf(x: number): number {
  return tensor([x], { dtype: float64 }).erf().item();
}
