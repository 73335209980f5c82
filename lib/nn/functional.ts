// torch.nn.functional, mapped onto ATen ops. Every function takes its arguments as Python's does
// (lib/bind.ts, with the parameters read from PyTorch): by position, by name in a trailing options
// object, or both.
import { Tensor } from '../tensor.js';
import { aten } from '../aten.js';
import { badArg } from '../errors.js';
import { bind, type Args } from '../bind.js';

/** Tensor check with the PyTorch-style message. */
export function tensorArg(fn: string, name: string, v: unknown): Tensor {
  if (!(v instanceof Tensor)) {
    const got = v === null ? 'null' : v === undefined ? 'undefined' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `'${v}' of type string` : `${String(v)} of type ${typeof v}`;
    throw new TypeError(`${fn}(): Expected Tensor for ${name} but received ${got}`);
  }
  return v;
}
const optionalTensor = (fn: string, name: string, v: unknown): Tensor | null => (v == null ? null : tensorArg(fn, name, v));

/** 'mean' | 'sum' | 'none' as ATen's Reduction enum. */
export function reductionEnum(fn: string, reduction: unknown): number {
  const r = ({ none: 0, mean: 1, sum: 2 } as Record<string, number>)[reduction as string];
  if (r === undefined) throw new TypeError(`${fn}(): Expected 'none', 'mean' or 'sum' for reduction but received ${JSON.stringify(reduction)}`);
  return r;
}
/** Python's _Reduction.legacy_get_string: the deprecated sizeAverage/reduce pair as a reduction. */
export function legacyReduction(sizeAverage: unknown, reduce: unknown, reduction: string): string {
  if (sizeAverage == null && reduce == null) return reduction;
  const average = sizeAverage ?? true, doReduce = reduce ?? true;
  return !doReduce ? 'none' : average ? 'mean' : 'sum';
}

// ---- activations ---------------------------------------------------------------------------
export function relu(...args: Args<'nn.functional.relu'>): Tensor {
  const a = bind('nn.functional.relu', args);
  const x = tensorArg('relu', 'input', a.input);
  return a.inplace ? x.relu_() : x.relu();
}
export function relu6(...args: Args<'nn.functional.relu6'>): Tensor {
  const a = bind('nn.functional.relu6', args);
  return (a.inplace ? aten('hardtanh_') : aten('hardtanh'))(tensorArg('relu6', 'input', a.input), 0, 6);
}
export function leakyRelu(...args: Args<'nn.functional.leakyRelu'>): Tensor {
  const a = bind('nn.functional.leakyRelu', args);
  return aten(a.inplace ? 'leaky_relu_' : 'leaky_relu')(tensorArg('leaky_relu', 'input', a.input), a.negativeSlope);
}
export function elu(...args: Args<'nn.functional.elu'>): Tensor {
  const a = bind('nn.functional.elu', args);
  return aten(a.inplace ? 'elu_' : 'elu')(tensorArg('elu', 'input', a.input), a.alpha);
}
export function gelu(...args: Args<'nn.functional.gelu'>): Tensor {
  const a = bind('nn.functional.gelu', args);
  return aten('gelu')(tensorArg('gelu', 'input', a.input), { approximate: a.approximate });
}
export function silu(...args: Args<'nn.functional.silu'>): Tensor {
  const a = bind('nn.functional.silu', args);
  return aten(a.inplace ? 'silu_' : 'silu')(tensorArg('silu', 'input', a.input));
}
export function mish(...args: Args<'nn.functional.mish'>): Tensor {
  const a = bind('nn.functional.mish', args);
  return aten(a.inplace ? 'mish_' : 'mish')(tensorArg('mish', 'input', a.input));
}
export function hardswish(...args: Args<'nn.functional.hardswish'>): Tensor {
  const a = bind('nn.functional.hardswish', args);
  return aten(a.inplace ? 'hardswish_' : 'hardswish')(tensorArg('hardswish', 'input', a.input));
}
export function sigmoid(...args: Args<'nn.functional.sigmoid'>): Tensor {
  return tensorArg('sigmoid', 'input', bind('nn.functional.sigmoid', args).input).sigmoid();
}
export function tanh(...args: Args<'nn.functional.tanh'>): Tensor {
  return tensorArg('tanh', 'input', bind('nn.functional.tanh', args).input).tanh();
}
function softmaxLike(op: 'softmax' | 'log_softmax', a: { input: unknown; dim?: number | null; dtype?: unknown }): Tensor {
  const input = tensorArg(op, 'input', a.input);
  // Python's _get_softmax_dim: the implicit dim is deprecated but still chosen from the rank
  const dim = a.dim ?? (input.dim() === 0 || input.dim() === 1 || input.dim() === 3 ? 0 : 1);
  return aten(op)(input, dim, a.dtype == null ? undefined : { dtype: a.dtype });
}
export function softmax(...args: Args<'nn.functional.softmax'>): Tensor {
  return softmaxLike('softmax', bind('nn.functional.softmax', args));
}
export function logSoftmax(...args: Args<'nn.functional.logSoftmax'>): Tensor {
  return softmaxLike('log_softmax', bind('nn.functional.logSoftmax', args));
}

// ---- linear and convolution ----------------------------------------------------------------
export function linear(...args: Args<'nn.functional.linear'>): Tensor {
  const a = bind('nn.functional.linear', args);
  return aten('linear')(tensorArg('linear', 'input', a.input), tensorArg('linear', 'weight', a.weight), optionalTensor('linear', 'bias', a.bias));
}
export function bilinear(...args: Args<'nn.functional.bilinear'>): Tensor {
  const a = bind('nn.functional.bilinear', args);
  return aten('bilinear')(tensorArg('bilinear', 'input1', a.input1), tensorArg('bilinear', 'input2', a.input2), tensorArg('bilinear', 'weight', a.weight),
    optionalTensor('bilinear', 'bias', a.bias));
}
function conv(op: string, a: { input: unknown; weight: unknown; bias?: unknown; stride?: unknown; padding?: unknown; dilation?: unknown; groups?: unknown }): Tensor {
  const input = tensorArg(op, 'input', a.input), weight = tensorArg(op, 'weight', a.weight), bias = optionalTensor(op, 'bias', a.bias);
  if (typeof a.padding === 'string' && a.padding !== 'same' && a.padding !== 'valid') badArg("'same', 'valid', an integer or a list of integers", 'padding', a.padding);
  // the string form of padding is its own overload (conv2d.padding)
  return aten(op)(input, weight, bias, a.stride, a.padding, a.dilation, a.groups);
}
export function conv1d(...args: Args<'nn.functional.conv1d'>): Tensor {
  return conv('conv1d', bind('nn.functional.conv1d', args));
}
export function conv2d(...args: Args<'nn.functional.conv2d'>): Tensor {
  return conv('conv2d', bind('nn.functional.conv2d', args));
}
export function conv3d(...args: Args<'nn.functional.conv3d'>): Tensor {
  return conv('conv3d', bind('nn.functional.conv3d', args));
}
export function convTranspose2d(...args: Args<'nn.functional.convTranspose2d'>): Tensor {
  const a = bind('nn.functional.convTranspose2d', args);
  return aten('conv_transpose2d')(tensorArg('conv_transpose2d', 'input', a.input), tensorArg('conv_transpose2d', 'weight', a.weight),
    optionalTensor('conv_transpose2d', 'bias', a.bias), a.stride, a.padding, a.outputPadding, a.groups, a.dilation);
}

// ---- pooling -------------------------------------------------------------------------------
type MaxPoolArgs = { input: unknown; kernelSize: unknown; stride?: unknown; padding?: unknown; dilation?: unknown; ceilMode?: boolean; returnIndices?: boolean };
function maxPool(dims: 1 | 2, a: MaxPoolArgs): Tensor | [Tensor, Tensor] {
  const fn = `max_pool${dims}d`;
  const stride = a.stride ?? [];
  const input = tensorArg(fn, 'input', a.input);
  if (a.returnIndices) return aten(`max_pool${dims}d_with_indices`)(input, a.kernelSize, stride, a.padding, a.dilation, a.ceilMode);
  return aten(fn)(input, a.kernelSize, stride, a.padding, a.dilation, a.ceilMode);
}
/** Tensor, or [output, indices] with returnIndices. */
export function maxPool1d(...args: Args<'nn.functional.maxPool1d'>): Tensor {
  return maxPool(1, bind('nn.functional.maxPool1d', args)) as Tensor;
}
/** Tensor, or [output, indices] with returnIndices. */
export function maxPool2d(...args: Args<'nn.functional.maxPool2d'>): Tensor {
  return maxPool(2, bind('nn.functional.maxPool2d', args)) as Tensor;
}
export function avgPool2d(...args: Args<'nn.functional.avgPool2d'>): Tensor {
  const a = bind('nn.functional.avgPool2d', args);
  return aten('avg_pool2d')(tensorArg('avg_pool2d', 'input', a.input), a.kernelSize, a.stride ?? [], a.padding, a.ceilMode, a.countIncludePad, a.divisorOverride ?? null);
}
export function adaptiveAvgPool2d(...args: Args<'nn.functional.adaptiveAvgPool2d'>): Tensor {
  const a = bind('nn.functional.adaptiveAvgPool2d', args);
  const input = tensorArg('adaptive_avg_pool2d', 'input', a.input);
  return aten('adaptive_avg_pool2d')(input, adaptiveSize(input, a.outputSize));
}
/** Tensor, or [output, indices] with returnIndices. */
export function adaptiveMaxPool2d(...args: Args<'nn.functional.adaptiveMaxPool2d'>): Tensor {
  const a = bind('nn.functional.adaptiveMaxPool2d', args);
  const input = tensorArg('adaptive_max_pool2d', 'input', a.input);
  const r = aten('adaptive_max_pool2d')(input, adaptiveSize(input, a.outputSize));
  return a.returnIndices ? r : r[0];
}
/** Python's _list_with_default: None in output_size keeps the input's size there. */
function adaptiveSize(input: Tensor, size: unknown): unknown {
  if (!Array.isArray(size)) return size;
  const shape = input.shape;
  return size.map((s, i) => s ?? shape[shape.length - size.length + i]);
}

// ---- normalisation and dropout ---------------------------------------------------------------
// Python's _verify_batch_size: one value per channel has no variance to normalise by (a ValueError).
function verifyBatchSize(size: number[]): void {
  const values = size.reduce((n, s, i) => (i === 1 ? n : n * s), 1);
  if (values === 1) throw new RangeError(`Expected more than 1 value per channel when training, got input size torch.Size([${size.join(', ')}])`);
}
export function batchNorm(...args: Args<'nn.functional.batchNorm'>): Tensor {
  const a = bind('nn.functional.batchNorm', args);
  const input = tensorArg('batch_norm', 'input', a.input);
  if (a.training) verifyBatchSize(input.shape);
  return aten('batch_norm')(input, a.weight ?? null, a.bias ?? null, a.runningMean, a.runningVar, a.training, a.momentum, a.eps, true);
}
export function layerNorm(...args: Args<'nn.functional.layerNorm'>): Tensor {
  const a = bind('nn.functional.layerNorm', args);
  return aten('layer_norm')(tensorArg('layer_norm', 'input', a.input), a.normalizedShape, a.weight ?? null, a.bias ?? null, a.eps);
}
export function groupNorm(...args: Args<'nn.functional.groupNorm'>): Tensor {
  const a = bind('nn.functional.groupNorm', args);
  return aten('group_norm')(tensorArg('group_norm', 'input', a.input), a.numGroups, a.weight ?? null, a.bias ?? null, a.eps);
}
export function instanceNorm(...args: Args<'nn.functional.instanceNorm'>): Tensor {
  const a = bind('nn.functional.instanceNorm', args);
  return aten('instance_norm')(tensorArg('instance_norm', 'input', a.input), a.weight ?? null, a.bias ?? null, a.runningMean ?? null, a.runningVar ?? null,
    a.useInputStats, a.momentum, a.eps, true);
}
function dropoutProbability(p: unknown): number {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new RangeError(`dropout probability has to be between 0 and 1, but got ${p}`);
  return p;
}
export function dropout(...args: Args<'nn.functional.dropout'>): Tensor {
  const a = bind('nn.functional.dropout', args);
  return aten(a.inplace ? 'dropout_' : 'dropout')(tensorArg('dropout', 'input', a.input), dropoutProbability(a.p), a.training);
}
export function dropout2d(...args: Args<'nn.functional.dropout2d'>): Tensor {
  const a = bind('nn.functional.dropout2d', args);
  return aten(a.inplace ? 'feature_dropout_' : 'feature_dropout')(tensorArg('dropout2d', 'input', a.input), dropoutProbability(a.p), a.training);
}
export function embedding(...args: Args<'nn.functional.embedding'>): Tensor {
  const a = bind('nn.functional.embedding', args);
  const weight = tensorArg('embedding', 'weight', a.weight), input = tensorArg('embedding', 'input', a.input);
  let paddingIdx = a.paddingIdx ?? -1;
  if (a.paddingIdx != null && a.paddingIdx < 0) paddingIdx = weight.size(0) + a.paddingIdx;
  if (a.maxNorm != null) throw new TypeError('embedding(): maxNorm is not supported by torch-node yet');
  return aten('embedding')(weight, input, paddingIdx, a.scaleGradByFreq, a.sparse);
}

// ---- shape helpers -------------------------------------------------------------------------
export function pad(...args: Args<'nn.functional.pad'>): Tensor {
  const a = bind('nn.functional.pad', args);
  return aten('pad')(tensorArg('pad', 'input', a.input), a.pad, a.mode, a.mode === 'constant' ? a.value ?? 0 : a.value ?? null);
}
export function interpolate(...args: Args<'nn.functional.interpolate'>): Tensor {
  const a = bind('nn.functional.interpolate', args);
  const x = tensorArg('interpolate', 'input', a.input);
  const size = a.size ?? null, scaleFactor = a.scaleFactor ?? null, mode = a.mode, alignCorners = a.alignCorners ?? null;
  const spatial = x.dim() - 2;
  const expand = (v: number | number[] | null) => (v === null ? null : Array.isArray(v) ? v : Array(spatial).fill(v));
  if ((size === null) === (scaleFactor === null)) throw new TypeError('interpolate(): exactly one of size and scaleFactor must be given');
  if (a.antialias) throw new TypeError('interpolate(): antialias is not supported by torch-node yet');
  const sizes = expand(size);
  // recompute_scale_factor: the output size comes from the scale, and the op is then given that size only
  const scales = a.recomputeScaleFactor ? null : expand(scaleFactor);
  const outSizes = sizes ?? (a.recomputeScaleFactor ? expand(scaleFactor)!.map((s, i) => Math.floor(x.shape[i + 2] * s)) : null);
  if (mode === 'nearest') return aten(`upsample_nearest${spatial}d`)(x, outSizes, scales);
  if (mode === 'nearest-exact') return aten(`_upsample_nearest_exact${spatial}d`)(x, outSizes, scales);
  if (mode === 'area') return aten(`adaptive_avg_pool${spatial}d`)(x, outSizes ?? expand(scaleFactor)!.map((s, i) => Math.floor(x.shape[i + 2] * s)));
  if (mode === 'bilinear' || mode === 'linear' || mode === 'trilinear' || mode === 'bicubic') {
    const op = { 1: 'upsample_linear1d', 2: mode === 'bicubic' ? 'upsample_bicubic2d' : 'upsample_bilinear2d', 3: 'upsample_trilinear3d' }[spatial as 1 | 2 | 3];
    return aten(op!)(x, outSizes, alignCorners ?? false, scales);
  }
  throw new TypeError(`interpolate(): Expected 'nearest', 'nearest-exact', 'area', 'linear', 'bilinear', 'bicubic' or 'trilinear' for mode but received '${String(mode)}'`);
}
export function oneHot(...args: Args<'nn.functional.oneHot'>): Tensor {
  const a = bind('nn.functional.oneHot', args);
  return aten('one_hot')(tensorArg('one_hot', 'tensor', a.tensor), a.numClasses);
}
export function normalize(...args: Args<'nn.functional.normalize'>): Tensor {
  const a = bind('nn.functional.normalize', args);
  const x = tensorArg('normalize', 'input', a.input);
  const denom = x.norm(a.p, [a.dim], true).clampMin(a.eps).expandAs(x);
  return a.out ? aten('div')(x, denom, { out: a.out }) : x.div(denom);
}

// ---- losses ----------------------------------------------------------------------------------
export function crossEntropy(...args: Args<'nn.functional.crossEntropy'>): Tensor {
  const a = bind('nn.functional.crossEntropy', args);
  const reduction = legacyReduction(a.sizeAverage, a.reduce, a.reduction);
  return aten('cross_entropy_loss')(tensorArg('cross_entropy', 'input', a.input), tensorArg('cross_entropy', 'target', a.target),
    optionalTensor('cross_entropy', 'weight', a.weight), reductionEnum('cross_entropy', reduction), a.ignoreIndex, a.labelSmoothing);
}
export function nllLoss(...args: Args<'nn.functional.nllLoss'>): Tensor {
  const a = bind('nn.functional.nllLoss', args);
  const reduction = legacyReduction(a.sizeAverage, a.reduce, a.reduction);
  return aten('nll_loss_nd')(tensorArg('nll_loss', 'input', a.input), tensorArg('nll_loss', 'target', a.target), optionalTensor('nll_loss', 'weight', a.weight),
    reductionEnum('nll_loss', reduction), a.ignoreIndex);
}
/** mse_loss, l1_loss and huber_loss with a weight: Python's own weighted forms. */
function weightedLoss(fn: string, unweighted: Tensor, weight: Tensor, input: Tensor, reduction: string, meanBySum: boolean): Tensor {
  if (weight.shape.join() !== input.shape.join()) throw new RangeError('Weights and input must have the same size.');
  const weighted = unweighted.mul(weight);
  if (reduction === 'none') return weighted;
  if (reduction === 'sum') return weighted.sum();
  if (reduction === 'mean') return meanBySum ? weighted.sum().div(weight.sum()) : weighted.mean();
  throw new RangeError(`${fn}(): Invalid reduction mode: ${reduction}. Expected one of 'none', 'mean', 'sum'.`);
}
function pointwiseLoss(fn: string, op: string, a: { input: unknown; target: unknown; sizeAverage?: unknown; reduce?: unknown; reduction: string; weight?: unknown }, ...extra: unknown[]): Tensor {
  const input = tensorArg(fn, 'input', a.input), target = tensorArg(fn, 'target', a.target);
  const reduction = legacyReduction(a.sizeAverage, a.reduce, a.reduction);
  const weight = optionalTensor(fn, 'weight', a.weight);
  if (weight) return weightedLoss(fn, aten(op)(input, target, 0, ...extra), weight, input, reduction, op !== 'huber_loss');
  return aten(op)(input, target, reductionEnum(fn, reduction), ...extra);
}
export function mseLoss(...args: Args<'nn.functional.mseLoss'>): Tensor {
  return pointwiseLoss('mse_loss', 'mse_loss', bind('nn.functional.mseLoss', args));
}
export function l1Loss(...args: Args<'nn.functional.l1Loss'>): Tensor {
  return pointwiseLoss('l1_loss', 'l1_loss', bind('nn.functional.l1Loss', args));
}
export function smoothL1Loss(...args: Args<'nn.functional.smoothL1Loss'>): Tensor {
  const a = bind('nn.functional.smoothL1Loss', args);
  return pointwiseLoss('smooth_l1_loss', 'smooth_l1_loss', a, a.beta);
}
export function huberLoss(...args: Args<'nn.functional.huberLoss'>): Tensor {
  const a = bind('nn.functional.huberLoss', args);
  return pointwiseLoss('huber_loss', 'huber_loss', a, a.delta);
}
export function binaryCrossEntropy(...args: Args<'nn.functional.binaryCrossEntropy'>): Tensor {
  const a = bind('nn.functional.binaryCrossEntropy', args);
  const fn = 'binary_cross_entropy';
  const reduction = legacyReduction(a.sizeAverage, a.reduce, a.reduction);
  const input = tensorArg(fn, 'input', a.input), target = tensorArg(fn, 'target', a.target);
  if (target.shape.join() !== input.shape.join()) {
    throw new RangeError(`Using a target size (torch.Size([${target.shape.join(', ')}])) that is different to the input size (torch.Size([${input.shape.join(', ')}])) is deprecated. Please ensure they have the same size.`);
  }
  return aten(fn)(input, target, optionalTensor(fn, 'weight', a.weight), reductionEnum(fn, reduction));
}
export function binaryCrossEntropyWithLogits(...args: Args<'nn.functional.binaryCrossEntropyWithLogits'>): Tensor {
  const a = bind('nn.functional.binaryCrossEntropyWithLogits', args);
  const fn = 'binary_cross_entropy_with_logits';
  const reduction = legacyReduction(a.sizeAverage, a.reduce, a.reduction);
  return aten(fn)(tensorArg(fn, 'input', a.input), tensorArg(fn, 'target', a.target), optionalTensor(fn, 'weight', a.weight),
    optionalTensor(fn, 'posWeight', a.posWeight), reductionEnum(fn, reduction));
}
export function klDiv(...args: Args<'nn.functional.klDiv'>): Tensor {
  const a = bind('nn.functional.klDiv', args);
  const input = tensorArg('kl_div', 'input', a.input), target = tensorArg('kl_div', 'target', a.target);
  const reduction = legacyReduction(a.sizeAverage, a.reduce, a.reduction);
  if (reduction === 'batchmean') {
    const sum = aten('kl_div')(input, target, 2, { logTarget: a.logTarget });
    return input.dim() === 0 ? sum : sum.div(input.size(0));
  }
  return aten('kl_div')(input, target, reductionEnum('kl_div', reduction), { logTarget: a.logTarget });
}
