// torch.nn.init: the same operations in the same order as PyTorch's, so that with the same
// seed a layer starts from the same numbers as in Python.
import { Tensor } from '../tensor.js';
import { noGrad } from '../autograd.js';
import { badArg } from '../errors.js';
import { tensor } from '../creation.js';
import { float64 } from '../types.js';
import { bind, type Args } from '../bind.js';
import { aten } from '../aten.js';
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

/**
 * The fan-in and fan-out of a weight tensor, as Python's `torch.nn.init._calculate_fan_in_and_fan_out` (what `kaimingUniform_` and `xavierUniform_` scale by).
 */
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

export function orthogonal_(...args: Args<'nn.init.orthogonal_'>): Tensor {
  const { tensor, gain, generator } = bind('nn.init.orthogonal_', args);
  check(tensor);
  if (tensor.dim() < 2) throw new RangeError('Only tensors with 2 or more dimensions are supported');
  if (tensor.numel() === 0) return tensor;
  const rows = tensor.size(0), cols = tensor.numel() / rows;
  return noGrad(() => {
    let flat = tensor.newEmpty([rows, cols]).normal_(0, 1, gen(generator));
    if (rows < cols) flat = flat.t();
    // QR of a Gaussian matrix, with R's diagonal signs folded into Q: a uniformly random orthogonal matrix
    let [q, r] = aten('linalg_qr')(flat) as [Tensor, Tensor];
    q = q.mul(r.diag(0).sign());
    if (rows < cols) q = q.t();
    tensor.viewAs(q).copy_(q);
    return tensor.mul_(gain);
  });
}
export function eye_(...args: Args<'nn.init.eye_'>): Tensor {
  const { tensor } = bind('nn.init.eye_', args);
  if (check(tensor).dim() !== 2) throw new RangeError('Only tensors with 2 dimensions are supported');
  return noGrad(() => tensor.copy_(aten('eye')(tensor.size(0), tensor.size(1), { dtype: tensor.dtype })));
}
export function dirac_(...args: Args<'nn.init.dirac_'>): Tensor {
  const { tensor, groups } = bind('nn.init.dirac_', args);
  const dims = check(tensor).dim();
  if (dims < 3 || dims > 5) throw new RangeError('Only tensors with 3, 4, or 5 dimensions are supported');
  const sizes = tensor.shape;
  if (sizes[0] % groups !== 0) throw new RangeError('dim 0 must be divisible by groups');
  const perGroup = sizes[0] / groups, minDim = Math.min(perGroup, sizes[1]);
  return noGrad(() => {
    tensor.zero_();
    for (let g = 0; g < groups; g++) {
      for (let d = 0; d < minDim; d++) {
        let view = tensor.select(0, g * perGroup + d).select(0, d);
        for (const s of sizes.slice(2)) view = view.select(0, Math.floor(s / 2));
        view.fill_(1);
      }
    }
    return tensor;
  });
}
export function sparse_(...args: Args<'nn.init.sparse_'>): Tensor {
  const { tensor, sparsity, std, generator } = bind('nn.init.sparse_', args);
  if (check(tensor).dim() !== 2) throw new RangeError('Only tensors with 2 dimensions are supported');
  const [rows, cols] = tensor.shape;
  const numZeros = Math.ceil(sparsity * rows);
  return noGrad(() => {
    tensor.normal_(0, std, gen(generator));
    for (let c = 0; c < cols; c++) {
      const zeroRows = (aten('randperm')(rows) as Tensor).slice(0, 0, numZeros);
      tensor.select(1, c).indexFill_(0, zeroRows, 0);
    }
    return tensor;
  });
}
