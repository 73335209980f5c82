// torch.nn.functional, mapped onto ATen ops with PyTorch's Python signatures: positional
// arguments as in Python, keyword arguments in a trailing options object.
import { Tensor } from '../tensor.js';
import { aten } from '../aten.js';
import { badArg } from '../errors.js';
import { bind, tensorArg, reductionEnum, required as R } from './args.js';
import type { DType } from '../types.js';

type Opts = Record<string, unknown>;
type IntOrPair = number | number[];

// ---- activations ---------------------------------------------------------------------------
export function relu(input: Tensor, inplace: boolean | Opts = false): Tensor {
  const a = bind('relu', [['input', R], ['inplace', false]], [input, inplace]);
  tensorArg('relu', 'input', a.input);
  return a.inplace ? a.input.relu_() : a.input.relu();
}
export function relu6(input: Tensor, inplace: boolean | Opts = false): Tensor {
  const a = bind('relu6', [['input', R], ['inplace', false]], [input, inplace]);
  return (a.inplace ? aten('hardtanh_') : aten('hardtanh'))(tensorArg('relu6', 'input', a.input), 0, 6);
}
export function leakyRelu(input: Tensor, ...rest: (number | boolean | Opts)[]): Tensor {
  const a = bind('leakyRelu', [['input', R], ['negativeSlope', 0.01], ['inplace', false]], [input, ...rest]);
  return aten(a.inplace ? 'leaky_relu_' : 'leaky_relu')(tensorArg('leakyRelu', 'input', a.input), a.negativeSlope);
}
export function elu(input: Tensor, ...rest: (number | boolean | Opts)[]): Tensor {
  const a = bind('elu', [['input', R], ['alpha', 1], ['inplace', false]], [input, ...rest]);
  return aten(a.inplace ? 'elu_' : 'elu')(tensorArg('elu', 'input', a.input), a.alpha);
}
export function gelu(input: Tensor, options: { approximate?: 'none' | 'tanh' } = {}): Tensor {
  const a = bind('gelu', [['input', R], ['approximate', 'none']], [input, options]);
  return aten('gelu')(tensorArg('gelu', 'input', a.input), { approximate: a.approximate });
}
export function silu(input: Tensor, inplace: boolean | Opts = false): Tensor {
  const a = bind('silu', [['input', R], ['inplace', false]], [input, inplace]);
  return aten(a.inplace ? 'silu_' : 'silu')(tensorArg('silu', 'input', a.input));
}
export function mish(input: Tensor, inplace: boolean | Opts = false): Tensor {
  const a = bind('mish', [['input', R], ['inplace', false]], [input, inplace]);
  return aten(a.inplace ? 'mish_' : 'mish')(tensorArg('mish', 'input', a.input));
}
export function hardswish(input: Tensor, inplace: boolean | Opts = false): Tensor {
  const a = bind('hardswish', [['input', R], ['inplace', false]], [input, inplace]);
  return aten(a.inplace ? 'hardswish_' : 'hardswish')(tensorArg('hardswish', 'input', a.input));
}
export const sigmoid = (input: Tensor): Tensor => tensorArg('sigmoid', 'input', input).sigmoid();
export const tanh = (input: Tensor): Tensor => tensorArg('tanh', 'input', input).tanh();

function softmaxLike(name: 'softmax' | 'log_softmax', fn: string, args: unknown[]): Tensor {
  const a = bind(fn, [['input', R], ['dim', R], ['dtype', null]], args);
  const input = tensorArg(fn, 'input', a.input);
  if (a.dim === null) badArg('an integer (PyTorch deprecated the implicit dim)', 'dim', a.dim);
  return aten(name)(input, a.dim, a.dtype === null ? undefined : { dtype: a.dtype });
}
export function softmax(input: Tensor, dim: number | Opts, options?: { dtype?: DType }): Tensor {
  return softmaxLike('softmax', 'softmax', [input, dim, ...(options ? [options] : [])]);
}
export function logSoftmax(input: Tensor, dim: number | Opts, options?: { dtype?: DType }): Tensor {
  return softmaxLike('log_softmax', 'logSoftmax', [input, dim, ...(options ? [options] : [])]);
}

// ---- linear and convolution ----------------------------------------------------------------
export function linear(input: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  return aten('linear')(tensorArg('linear', 'input', input), tensorArg('linear', 'weight', weight), bias);
}
export function bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  return aten('bilinear')(input1, input2, weight, bias);
}
const CONV_SPEC = [['input', R], ['weight', R], ['bias', null], ['stride', 1], ['padding', 0], ['dilation', 1], ['groups', 1]] as const;
function conv(name: 'conv1d' | 'conv2d' | 'conv3d', args: unknown[]): Tensor {
  const a = bind(name, CONV_SPEC, args);
  return aten(name)(tensorArg(name, 'input', a.input), tensorArg(name, 'weight', a.weight), a.bias, a.stride, a.padding, a.dilation, a.groups);
}
export const conv1d = (...args: unknown[]): Tensor => conv('conv1d', args);
export const conv2d = (input: Tensor, weight: Tensor, ...rest: unknown[]): Tensor => conv('conv2d', [input, weight, ...rest]);
export const conv3d = (...args: unknown[]): Tensor => conv('conv3d', args);
export function convTranspose2d(input: Tensor, weight: Tensor, ...rest: unknown[]): Tensor {
  const a = bind('convTranspose2d', [['input', R], ['weight', R], ['bias', null], ['stride', 1], ['padding', 0], ['outputPadding', 0], ['groups', 1], ['dilation', 1]], [input, weight, ...rest]);
  return aten('conv_transpose2d')(a.input, a.weight, a.bias, a.stride, a.padding, a.outputPadding, a.groups, a.dilation);
}

// ---- pooling -------------------------------------------------------------------------------
function maxPool(dims: 1 | 2, args: unknown[]): Tensor | [Tensor, Tensor] {
  const fn = `maxPool${dims}d`;
  const a = bind(fn, [['input', R], ['kernelSize', R], ['stride', null], ['padding', 0], ['dilation', 1], ['ceilMode', false], ['returnIndices', false]], args);
  const stride = a.stride ?? a.kernelSize;
  if (a.returnIndices) return aten(`max_pool${dims}d_with_indices`)(tensorArg(fn, 'input', a.input), a.kernelSize, stride, a.padding, a.dilation, a.ceilMode);
  return aten(`max_pool${dims}d`)(tensorArg(fn, 'input', a.input), a.kernelSize, stride, a.padding, a.dilation, a.ceilMode);
}
export const maxPool1d = (input: Tensor, kernelSize: IntOrPair, ...rest: unknown[]) => maxPool(1, [input, kernelSize, ...rest]) as Tensor;
export const maxPool2d = (input: Tensor, kernelSize: IntOrPair, ...rest: unknown[]) => maxPool(2, [input, kernelSize, ...rest]) as Tensor;
export function avgPool2d(input: Tensor, kernelSize: IntOrPair, ...rest: unknown[]): Tensor {
  const a = bind('avgPool2d', [['input', R], ['kernelSize', R], ['stride', null], ['padding', 0], ['ceilMode', false], ['countIncludePad', true], ['divisorOverride', null]], [input, kernelSize, ...rest]);
  return aten('avg_pool2d')(tensorArg('avgPool2d', 'input', a.input), a.kernelSize, a.stride ?? a.kernelSize, a.padding, a.ceilMode, a.countIncludePad, a.divisorOverride);
}
export function adaptiveAvgPool2d(input: Tensor, outputSize: IntOrPair): Tensor {
  return aten('adaptive_avg_pool2d')(tensorArg('adaptiveAvgPool2d', 'input', input), outputSize);
}
export function adaptiveMaxPool2d(input: Tensor, outputSize: IntOrPair, returnIndices: boolean | Opts = false): Tensor | Tensor[] {
  const a = bind('adaptiveMaxPool2d', [['input', R], ['outputSize', R], ['returnIndices', false]], [input, outputSize, returnIndices]);
  const r = aten('adaptive_max_pool2d')(tensorArg('adaptiveMaxPool2d', 'input', a.input), a.outputSize);
  return a.returnIndices ? r : r[0];
}

// ---- normalisation and dropout ---------------------------------------------------------------
// Python's _verify_batch_size: one value per channel has no variance to normalise by (a ValueError).
function verifyBatchSize(size: number[]): void {
  const values = size.reduce((n, s, i) => (i === 1 ? n : n * s), 1);
  if (values === 1) throw new RangeError(`Expected more than 1 value per channel when training, got input size torch.Size([${size.join(', ')}])`);
}
export function batchNorm(input: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, ...rest: unknown[]): Tensor {
  const a = bind('batchNorm', [['input', R], ['runningMean', R], ['runningVar', R], ['weight', null], ['bias', null], ['training', false], ['momentum', 0.1], ['eps', 1e-5]], [input, runningMean, runningVar, ...rest]);
  if (a.training) verifyBatchSize(tensorArg('batchNorm', 'input', a.input).shape);
  return aten('batch_norm')(tensorArg('batchNorm', 'input', a.input), a.weight, a.bias, a.runningMean, a.runningVar, a.training, a.momentum, a.eps, true);
}
export function layerNorm(input: Tensor, normalizedShape: number[], ...rest: unknown[]): Tensor {
  const a = bind('layerNorm', [['input', R], ['normalizedShape', R], ['weight', null], ['bias', null], ['eps', 1e-5]], [input, normalizedShape, ...rest]);
  return aten('layer_norm')(tensorArg('layerNorm', 'input', a.input), a.normalizedShape, a.weight, a.bias, a.eps);
}
export function groupNorm(input: Tensor, numGroups: number, ...rest: unknown[]): Tensor {
  const a = bind('groupNorm', [['input', R], ['numGroups', R], ['weight', null], ['bias', null], ['eps', 1e-5]], [input, numGroups, ...rest]);
  return aten('group_norm')(tensorArg('groupNorm', 'input', a.input), a.numGroups, a.weight, a.bias, a.eps);
}
export function instanceNorm(input: Tensor, ...rest: unknown[]): Tensor {
  const a = bind('instanceNorm', [['input', R], ['runningMean', null], ['runningVar', null], ['weight', null], ['bias', null], ['useInputStats', true], ['momentum', 0.1], ['eps', 1e-5]], [input, ...rest]);
  return aten('instance_norm')(tensorArg('instanceNorm', 'input', a.input), a.weight, a.bias, a.runningMean, a.runningVar, a.useInputStats, a.momentum, a.eps, true);
}
export function dropout(input: Tensor, ...rest: unknown[]): Tensor {
  const a = bind('dropout', [['input', R], ['p', 0.5], ['training', true], ['inplace', false]], [input, ...rest]);
  if (typeof a.p !== 'number' || a.p < 0 || a.p > 1) throw new RangeError(`dropout probability has to be between 0 and 1, but got ${a.p}`);
  return aten(a.inplace ? 'dropout_' : 'dropout')(tensorArg('dropout', 'input', a.input), a.p, a.training);
}
export function dropout2d(input: Tensor, ...rest: unknown[]): Tensor {
  const a = bind('dropout2d', [['input', R], ['p', 0.5], ['training', true], ['inplace', false]], [input, ...rest]);
  if (typeof a.p !== 'number' || a.p < 0 || a.p > 1) throw new RangeError(`dropout probability has to be between 0 and 1, but got ${a.p}`);
  return aten(a.inplace ? 'feature_dropout_' : 'feature_dropout')(tensorArg('dropout2d', 'input', a.input), a.p, a.training);
}
export function embedding(input: Tensor, weight: Tensor, ...rest: unknown[]): Tensor {
  const a = bind('embedding', [['input', R], ['weight', R], ['paddingIdx', null], ['maxNorm', null], ['normType', 2], ['scaleGradByFreq', false], ['sparse', false]], [input, weight, ...rest]);
  let paddingIdx = a.paddingIdx ?? -1;
  if (a.paddingIdx !== null && a.paddingIdx < 0) paddingIdx = a.weight.size(0) + a.paddingIdx;
  return aten('embedding')(tensorArg('embedding', 'weight', a.weight), tensorArg('embedding', 'input', a.input), paddingIdx, a.scaleGradByFreq, a.sparse);
}

// ---- shape helpers -------------------------------------------------------------------------
export function pad(input: Tensor, padding: number[], ...rest: unknown[]): Tensor {
  const a = bind('pad', [['input', R], ['pad', R], ['mode', 'constant'], ['value', null]], [input, padding, ...rest]);
  return aten('pad')(tensorArg('pad', 'input', a.input), a.pad, a.mode, a.mode === 'constant' ? a.value ?? 0 : a.value);
}
export function interpolate(input: Tensor, options: { size?: number | number[]; scaleFactor?: number | number[]; mode?: string; alignCorners?: boolean | null } = {}): Tensor {
  const x = tensorArg('interpolate', 'input', input);
  const { size = null, scaleFactor = null, mode = 'nearest', alignCorners = null } = options;
  const spatial = x.dim() - 2;
  const expand = (v: number | number[] | null) => (v === null ? null : Array.isArray(v) ? v : Array(spatial).fill(v));
  if ((size === null) === (scaleFactor === null)) throw new TypeError('interpolate(): exactly one of size and scaleFactor must be given');
  const sizes = expand(size), scales = expand(scaleFactor);
  if (mode === 'nearest') return aten(`upsample_nearest${spatial}d`)(x, sizes, scales);
  if (mode === 'bilinear' || mode === 'linear' || mode === 'trilinear' || mode === 'bicubic') {
    const op = { 1: 'upsample_linear1d', 2: mode === 'bicubic' ? 'upsample_bicubic2d' : 'upsample_bilinear2d', 3: 'upsample_trilinear3d' }[spatial as 1 | 2 | 3];
    return aten(op!)(x, sizes, alignCorners ?? false, scales);
  }
  throw new TypeError(`interpolate(): Expected 'nearest', 'linear', 'bilinear', 'bicubic' or 'trilinear' for mode but received '${mode}'`);
}
export function oneHot(tensor: Tensor, numClasses = -1): Tensor {
  return aten('one_hot')(tensorArg('oneHot', 'tensor', tensor), numClasses);
}
export function normalize(input: Tensor, options: { p?: number; dim?: number; eps?: number } = {}): Tensor {
  const { p = 2, dim = 1, eps = 1e-12 } = options;
  const x = tensorArg('normalize', 'input', input);
  return x.div(x.norm(p, [dim], true).clampMin(eps).expandAs(x));
}

// ---- losses ----------------------------------------------------------------------------------
export function crossEntropy(input: Tensor, target: Tensor, options: { weight?: Tensor | null; ignoreIndex?: number; reduction?: 'mean' | 'sum' | 'none'; labelSmoothing?: number } = {}): Tensor {
  const a = bind('crossEntropy', [['input', R], ['target', R], ['weight', null], ['ignoreIndex', -100], ['reduction', 'mean'], ['labelSmoothing', 0]], [input, target, options]);
  return aten('cross_entropy_loss')(tensorArg('crossEntropy', 'input', a.input), tensorArg('crossEntropy', 'target', a.target), a.weight,
    reductionEnum('crossEntropy', a.reduction), a.ignoreIndex, a.labelSmoothing);
}
export function nllLoss(input: Tensor, target: Tensor, options: { weight?: Tensor | null; ignoreIndex?: number; reduction?: 'mean' | 'sum' | 'none' } = {}): Tensor {
  const a = bind('nllLoss', [['input', R], ['target', R], ['weight', null], ['ignoreIndex', -100], ['reduction', 'mean']], [input, target, options]);
  return aten('nll_loss_nd')(tensorArg('nllLoss', 'input', a.input), tensorArg('nllLoss', 'target', a.target), a.weight, reductionEnum('nllLoss', a.reduction), a.ignoreIndex);
}
function simpleLoss(fn: string, op: string, extra: [string, unknown][] = []) {
  return (input: Tensor, target: Tensor, options: Opts = {}): Tensor => {
    const a = bind(fn, [['input', R], ['target', R], ['reduction', 'mean'], ...extra], [input, target, options]);
    tensorArg(fn, 'input', a.input);
    tensorArg(fn, 'target', a.target);
    return aten(op)(a.input, a.target, reductionEnum(fn, a.reduction), ...extra.map(([n]) => a[n]));
  };
}
export const mseLoss = simpleLoss('mseLoss', 'mse_loss');
export const l1Loss = simpleLoss('l1Loss', 'l1_loss');
export const smoothL1Loss = simpleLoss('smoothL1Loss', 'smooth_l1_loss', [['beta', 1]]);
export const huberLoss = simpleLoss('huberLoss', 'huber_loss', [['delta', 1]]);
export function binaryCrossEntropy(input: Tensor, target: Tensor, options: { weight?: Tensor | null; reduction?: 'mean' | 'sum' | 'none' } = {}): Tensor {
  const a = bind('binaryCrossEntropy', [['input', R], ['target', R], ['weight', null], ['reduction', 'mean']], [input, target, options]);
  return aten('binary_cross_entropy')(tensorArg('binaryCrossEntropy', 'input', a.input), tensorArg('binaryCrossEntropy', 'target', a.target), a.weight, reductionEnum('binaryCrossEntropy', a.reduction));
}
export function binaryCrossEntropyWithLogits(input: Tensor, target: Tensor, options: { weight?: Tensor | null; reduction?: 'mean' | 'sum' | 'none'; posWeight?: Tensor | null } = {}): Tensor {
  const a = bind('binaryCrossEntropyWithLogits', [['input', R], ['target', R], ['weight', null], ['reduction', 'mean'], ['posWeight', null]], [input, target, options]);
  return aten('binary_cross_entropy_with_logits')(tensorArg('binaryCrossEntropyWithLogits', 'input', a.input), tensorArg('binaryCrossEntropyWithLogits', 'target', a.target), a.weight, a.posWeight, reductionEnum('binaryCrossEntropyWithLogits', a.reduction));
}
export function klDiv(input: Tensor, target: Tensor, options: { reduction?: 'mean' | 'sum' | 'none' | 'batchmean'; logTarget?: boolean } = {}): Tensor {
  const a = bind('klDiv', [['input', R], ['target', R], ['reduction', 'mean'], ['logTarget', false]], [input, target, options]);
  tensorArg('klDiv', 'input', a.input);
  if (a.reduction === 'batchmean') {
    const sum = aten('kl_div')(a.input, a.target, 2, { logTarget: a.logTarget });
    return a.input.dim() === 0 ? sum : sum.div(a.input.size(0));
  }
  return aten('kl_div')(a.input, a.target, reductionEnum('klDiv', a.reduction), { logTarget: a.logTarget });
}
