// torch.nn.init: the same operations in the same order as PyTorch's, so that with the same
// seed a layer starts from the same numbers as in Python.
import { Tensor } from '../tensor.js';
import { noGrad } from '../autograd.js';
import { badArg } from '../errors.js';
import { tensor } from '../creation.js';
import { float64 } from '../types.js';

type Nonlinearity = 'linear' | 'conv1d' | 'conv2d' | 'conv3d' | 'conv_transpose1d' | 'conv_transpose2d' | 'conv_transpose3d' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';

export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case 'linear': case 'conv1d': case 'conv2d': case 'conv3d': case 'conv_transpose1d': case 'conv_transpose2d': case 'conv_transpose3d': case 'sigmoid':
      return 1;
    case 'tanh': return 5 / 3;
    case 'relu': return Math.sqrt(2);
    case 'leaky_relu': {
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

export function uniform_(tensor: Tensor, a = 0, b = 1): Tensor {
  return noGrad(() => check(tensor).uniform_(a, b));
}
export function normal_(tensor: Tensor, mean = 0, std = 1): Tensor {
  return noGrad(() => check(tensor).normal_(mean, std));
}
export function constant_(tensor: Tensor, val: number): Tensor {
  return noGrad(() => check(tensor).fill_(val));
}
export function zeros_(tensor: Tensor): Tensor {
  return noGrad(() => check(tensor).zero_());
}
export function ones_(tensor: Tensor): Tensor {
  return noGrad(() => check(tensor).fill_(1));
}
export function truncNormal_(tensor: Tensor, mean = 0, std = 1, a = -2, b = 2): Tensor {
  // PyTorch's inverse-CDF method, step for step.
  const normCdf = (x: number) => (1 + erf(x / Math.SQRT2)) / 2;
  const l = normCdf((a - mean) / std), u = normCdf((b - mean) / std);
  return noGrad(() => {
    check(tensor).uniform_(2 * l - 1, 2 * u - 1);
    tensor.erfinv_();
    tensor.mul_(std * Math.SQRT2);
    tensor.add_(mean);
    return tensor.clamp_(a, b);
  });
}
export const trunc_normal_ = truncNormal_;

export function xavierUniform_(tensor: Tensor, gain = 1): Tensor {
  const [fanIn, fanOut] = calculateFanInAndFanOut(check(tensor));
  const std = gain * Math.sqrt(2 / (fanIn + fanOut));
  const a = Math.sqrt(3) * std;
  return uniform_(tensor, -a, a);
}
export function xavierNormal_(tensor: Tensor, gain = 1): Tensor {
  const [fanIn, fanOut] = calculateFanInAndFanOut(check(tensor));
  return normal_(tensor, 0, gain * Math.sqrt(2 / (fanIn + fanOut)));
}

interface KaimingOptions { a?: number; mode?: 'fan_in' | 'fan_out'; nonlinearity?: Nonlinearity }
function kaimingStd(tensor: Tensor, o: KaimingOptions): number {
  const { a = 0, mode = 'fan_in', nonlinearity = 'leaky_relu' } = o;
  return calculateGain(nonlinearity, a) / Math.sqrt(fan(check(tensor), mode));
}
/** kaimingUniform_(tensor, { a, mode, nonlinearity }) (Python's keyword names, camelCase) */
// PyTorch: "Initializing zero-element tensors is a no-op" (a warning, and the tensor as it is)
function zeroElement(tensor: Tensor): boolean {
  if (tensor.numel() !== 0) return false;
  process.emitWarning('Initializing zero-element tensors is a no-op', 'UserWarning');
  return true;
}
export function kaimingUniform_(tensor: Tensor, options: KaimingOptions = {}): Tensor {
  if (zeroElement(tensor)) return tensor;
  const bound = Math.sqrt(3) * kaimingStd(tensor, options);
  return uniform_(tensor, -bound, bound);
}
export function kaimingNormal_(tensor: Tensor, options: KaimingOptions = {}): Tensor {
  if (zeroElement(tensor)) return tensor;
  return normal_(tensor, 0, kaimingStd(tensor, options));
}

// Python's math.erf is libm's erf, which libtorch's float64 erf also calls.
function erf(x: number): number {
  return tensor([x], { dtype: float64 }).erf().item();
}
