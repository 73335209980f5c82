// torch.nn.functional, mapped onto ATen ops. Every function takes its arguments as Python's does
// (lib/bind.ts, with the parameters read from PyTorch): by position, by name in a trailing options
// object, or both.
import { Tensor, sameShape } from '../tensor.js';
import { aten } from '../aten.js';
import { badArg } from '../errors.js';
import { bind, type Args } from '../bind.js';
import { fastDim, fastLinear, fastScalar } from '../fast-ops.js';
import { noGrad } from '../autograd.js';
import { bool } from '../types.js';

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
  const h = a.inplace ? undefined : fastScalar('leaky_relu', a.input, a.negativeSlope);
  if (h !== undefined) return new Tensor(h);
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
  const h = fastDim('softmax', args);
  return h !== undefined ? new Tensor(h) : softmaxLike('softmax', bind('nn.functional.softmax', args));
}
export function logSoftmax(...args: Args<'nn.functional.logSoftmax'>): Tensor {
  const h = fastDim('log_softmax', args);
  return h !== undefined ? new Tensor(h) : softmaxLike('log_softmax', bind('nn.functional.logSoftmax', args));
}

// ---- linear and convolution ----------------------------------------------------------------
export function linear(...args: Args<'nn.functional.linear'>): Tensor {
  const h = fastLinear(args);
  if (h !== undefined) return new Tensor(h);
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

// ---- more activations ----------------------------------------------------------------------
export function celu(...args: Args<'nn.functional.celu'>): Tensor {
  const a = bind('nn.functional.celu', args);
  return aten(a.inplace ? 'celu_' : 'celu')(tensorArg('celu', 'input', a.input), a.alpha);
}
export function selu(...args: Args<'nn.functional.selu'>): Tensor {
  const a = bind('nn.functional.selu', args);
  return aten(a.inplace ? 'selu_' : 'selu')(tensorArg('selu', 'input', a.input));
}
export function glu(...args: Args<'nn.functional.glu'>): Tensor {
  const a = bind('nn.functional.glu', args);
  const input = tensorArg('glu', 'input', a.input);
  if (input.dim() === 0) throw new RangeError('glu does not support scalars because halving size must be even');
  return aten('glu')(input, a.dim);
}
export function hardshrink(...args: Args<'nn.functional.hardshrink'>): Tensor {
  const a = bind('nn.functional.hardshrink', args);
  return aten('hardshrink')(tensorArg('hardshrink', 'input', a.input), a.lambd);
}
export function softshrink(...args: Args<'nn.functional.softshrink'>): Tensor {
  const a = bind('nn.functional.softshrink', args);
  return aten('softshrink')(tensorArg('softshrink', 'input', a.input), a.lambd);
}
export function hardsigmoid(...args: Args<'nn.functional.hardsigmoid'>): Tensor {
  const a = bind('nn.functional.hardsigmoid', args);
  return aten(a.inplace ? 'hardsigmoid_' : 'hardsigmoid')(tensorArg('hardsigmoid', 'input', a.input));
}
export function hardtanh(...args: Args<'nn.functional.hardtanh'>): Tensor {
  const a = bind('nn.functional.hardtanh', args);
  return aten(a.inplace ? 'hardtanh_' : 'hardtanh')(tensorArg('hardtanh', 'input', a.input), a.minVal, a.maxVal);
}
export function logsigmoid(...args: Args<'nn.functional.logsigmoid'>): Tensor {
  return aten('log_sigmoid')(tensorArg('logsigmoid', 'input', bind('nn.functional.logsigmoid', args).input));
}
export function prelu(...args: Args<'nn.functional.prelu'>): Tensor {
  const a = bind('nn.functional.prelu', args);
  return aten('prelu')(tensorArg('prelu', 'input', a.input), tensorArg('prelu', 'weight', a.weight));
}
export function rrelu(...args: Args<'nn.functional.rrelu'>): Tensor {
  const a = bind('nn.functional.rrelu', args);
  return aten(a.inplace ? 'rrelu_' : 'rrelu')(tensorArg('rrelu', 'input', a.input), a.lower, a.upper, a.training);
}
export function softmin(...args: Args<'nn.functional.softmin'>): Tensor {
  const a = bind('nn.functional.softmin', args);
  return softmaxLike('softmax', { ...a, input: tensorArg('softmin', 'input', a.input).neg() });
}
export function softplus(...args: Args<'nn.functional.softplus'>): Tensor {
  const a = bind('nn.functional.softplus', args);
  return aten('softplus')(tensorArg('softplus', 'input', a.input), a.beta, a.threshold);
}
export function softsign(...args: Args<'nn.functional.softsign'>): Tensor {
  const input = tensorArg('softsign', 'input', bind('nn.functional.softsign', args).input);
  return input.div(input.abs().add(1));
}
export function tanhshrink(...args: Args<'nn.functional.tanhshrink'>): Tensor {
  const input = tensorArg('tanhshrink', 'input', bind('nn.functional.tanhshrink', args).input);
  return input.sub(input.tanh());
}
export function threshold(...args: Args<'nn.functional.threshold'>): Tensor {
  const a = bind('nn.functional.threshold', args);
  return aten(a.inplace ? 'threshold_' : 'threshold')(tensorArg('threshold', 'input', a.input), a.threshold, a.value);
}

// ---- more losses -----------------------------------------------------------------------------
function reduce(fn: string, loss: Tensor, reduction: string): Tensor {
  if (reduction === 'none') return loss;
  if (reduction === 'mean') return loss.mean();
  if (reduction === 'sum') return loss.sum();
  throw new RangeError(`${reduction} is not a valid value for reduction`);
}
export function cosineEmbeddingLoss(...args: Args<'nn.functional.cosineEmbeddingLoss'>): Tensor {
  const a = bind('nn.functional.cosineEmbeddingLoss', args), fn = 'cosine_embedding_loss';
  return aten(fn)(tensorArg(fn, 'input1', a.input1), tensorArg(fn, 'input2', a.input2), tensorArg(fn, 'target', a.target), a.margin,
    reductionEnum(fn, legacyReduction(a.sizeAverage, a.reduce, a.reduction)));
}
export function ctcLoss(...args: Args<'nn.functional.ctcLoss'>): Tensor {
  const a = bind('nn.functional.ctcLoss', args), fn = 'ctc_loss';
  return aten(fn)(tensorArg(fn, 'logProbs', a.logProbs), tensorArg(fn, 'targets', a.targets), a.inputLengths, a.targetLengths, a.blank,
    reductionEnum(fn, a.reduction), a.zeroInfinity);
}
export function gaussianNllLoss(...args: Args<'nn.functional.gaussianNllLoss'>): Tensor {
  const a = bind('nn.functional.gaussianNllLoss', args), fn = 'gaussian_nll_loss';
  const input = tensorArg(fn, 'input', a.input), target = tensorArg(fn, 'target', a.target);
  let v = typeof a.var === 'number' ? aten('full_like')(input, a.var) as Tensor : tensorArg(fn, 'var', a.var);
  if (!sameShape(v.shape, input.shape)) {
    // homoscedastic: one variance per sample, with or without its trailing 1
    if (sameShape(input.shape.slice(0, -1), v.shape)) v = v.unsqueeze(-1);
    else if (!(sameShape(input.shape.slice(0, -1), v.shape.slice(0, -1)) && v.shape[v.dim() - 1] === 1)) throw new RangeError('var is of incorrect size');
  }
  if (!['none', 'mean', 'sum'].includes(a.reduction)) throw new RangeError(`${a.reduction} is not valid`);
  if (v.lt(0).any().item()) throw new RangeError('var has negative entry/entries');
  v = v.clone();
  noGrad(() => v.clamp_({ min: a.eps }));
  let loss = v.log().add(input.sub(target).pow(2).div(v)).mul(0.5);
  if (a.full) loss = loss.add(0.5 * Math.log(2 * Math.PI));
  return reduce(fn, loss, a.reduction);
}
export function hingeEmbeddingLoss(...args: Args<'nn.functional.hingeEmbeddingLoss'>): Tensor {
  const a = bind('nn.functional.hingeEmbeddingLoss', args), fn = 'hinge_embedding_loss';
  return aten(fn)(tensorArg(fn, 'input', a.input), tensorArg(fn, 'target', a.target), a.margin, reductionEnum(fn, legacyReduction(a.sizeAverage, a.reduce, a.reduction)));
}
export function marginRankingLoss(...args: Args<'nn.functional.marginRankingLoss'>): Tensor {
  const a = bind('nn.functional.marginRankingLoss', args), fn = 'margin_ranking_loss';
  const input1 = tensorArg(fn, 'input1', a.input1), input2 = tensorArg(fn, 'input2', a.input2), target = tensorArg(fn, 'target', a.target);
  if (input1.dim() !== input2.dim() || input1.dim() !== target.dim()) {
    throw new RangeError(`margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: torch.Size([${input1.shape.join(', ')}]), input2: torch.Size([${input2.shape.join(', ')}]), target: torch.Size([${target.shape.join(', ')}]) `);
  }
  return aten(fn)(input1, input2, target, a.margin, reductionEnum(fn, legacyReduction(a.sizeAverage, a.reduce, a.reduction)));
}
export function multilabelMarginLoss(...args: Args<'nn.functional.multilabelMarginLoss'>): Tensor {
  const a = bind('nn.functional.multilabelMarginLoss', args), fn = 'multilabel_margin_loss';
  return aten(fn)(tensorArg(fn, 'input', a.input), tensorArg(fn, 'target', a.target), reductionEnum(fn, legacyReduction(a.sizeAverage, a.reduce, a.reduction)));
}
export function multilabelSoftMarginLoss(...args: Args<'nn.functional.multilabelSoftMarginLoss'>): Tensor {
  const a = bind('nn.functional.multilabelSoftMarginLoss', args), fn = 'multilabel_soft_margin_loss';
  const input = tensorArg(fn, 'input', a.input), target = tensorArg(fn, 'target', a.target);
  const reduction = legacyReduction(a.sizeAverage, a.reduce, a.reduction);
  let loss = target.mul(aten('log_sigmoid')(input)).add(target.neg().add(1).mul(aten('log_sigmoid')(input.neg()))).neg();
  if (a.weight != null) loss = loss.mul(tensorArg(fn, 'weight', a.weight));
  const classDim = input.dim() - 1;
  loss = loss.sum(classDim).div(input.size(classDim));
  return reduce(fn, loss, reduction);
}
export function multiMarginLoss(...args: Args<'nn.functional.multiMarginLoss'>): Tensor {
  const a = bind('nn.functional.multiMarginLoss', args), fn = 'multi_margin_loss';
  if (a.p !== 1 && a.p !== 2) throw new RangeError('only p == 1 and p == 2 supported');
  return aten(fn)(tensorArg(fn, 'input', a.input), tensorArg(fn, 'target', a.target), a.p, a.margin, optionalTensor(fn, 'weight', a.weight),
    reductionEnum(fn, legacyReduction(a.sizeAverage, a.reduce, a.reduction)));
}
export function poissonNllLoss(...args: Args<'nn.functional.poissonNllLoss'>): Tensor {
  const a = bind('nn.functional.poissonNllLoss', args), fn = 'poisson_nll_loss';
  const reduction = legacyReduction(a.sizeAverage, a.reduce, a.reduction);
  if (!['none', 'mean', 'sum'].includes(reduction)) throw new RangeError(`${reduction} is not a valid value for reduction`);
  return aten(fn)(tensorArg(fn, 'input', a.input), tensorArg(fn, 'target', a.target), a.logInput, a.full, a.eps, reductionEnum(fn, reduction));
}
export function softMarginLoss(...args: Args<'nn.functional.softMarginLoss'>): Tensor {
  const a = bind('nn.functional.softMarginLoss', args), fn = 'soft_margin_loss';
  return aten(fn)(tensorArg(fn, 'input', a.input), tensorArg(fn, 'target', a.target), reductionEnum(fn, legacyReduction(a.sizeAverage, a.reduce, a.reduction)));
}
export function tripletMarginLoss(...args: Args<'nn.functional.tripletMarginLoss'>): Tensor {
  const a = bind('nn.functional.tripletMarginLoss', args), fn = 'triplet_margin_loss';
  return aten(fn)(tensorArg(fn, 'anchor', a.anchor), tensorArg(fn, 'positive', a.positive), tensorArg(fn, 'negative', a.negative), a.margin, a.p, a.eps, a.swap,
    reductionEnum(fn, legacyReduction(a.sizeAverage, a.reduce, a.reduction)));
}
export function tripletMarginWithDistanceLoss(...args: Args<'nn.functional.tripletMarginWithDistanceLoss'>): Tensor {
  const a = bind('nn.functional.tripletMarginWithDistanceLoss', args), fn = 'triplet_margin_with_distance_loss';
  const anchor = tensorArg(fn, 'anchor', a.anchor), positive = tensorArg(fn, 'positive', a.positive), negative = tensorArg(fn, 'negative', a.negative);
  if (a.margin <= 0) throw new RangeError(`${fn}: expected margin to be greater than 0, got ${a.margin} instead`);
  const distance: (x: Tensor, y: Tensor) => Tensor = a.distanceFunction ?? ((x, y) => pairwiseDistance(x, y));
  const distPos = distance(anchor, positive);
  let distNeg = distance(anchor, negative);
  if (a.swap) distNeg = aten('minimum')(distNeg, distance(positive, negative));
  return reduce(fn, aten('clamp_min')(distPos.add(a.margin).sub(distNeg), 0), a.reduction);
}

// ---- more pooling ----------------------------------------------------------------------------
export function avgPool1d(...args: Args<'nn.functional.avgPool1d'>): Tensor {
  const a = bind('nn.functional.avgPool1d', args);
  return aten('avg_pool1d')(tensorArg('avg_pool1d', 'input', a.input), a.kernelSize, a.stride ?? [], a.padding, a.ceilMode, a.countIncludePad);
}
export function avgPool3d(...args: Args<'nn.functional.avgPool3d'>): Tensor {
  const a = bind('nn.functional.avgPool3d', args);
  return aten('avg_pool3d')(tensorArg('avg_pool3d', 'input', a.input), a.kernelSize, a.stride ?? [], a.padding, a.ceilMode, a.countIncludePad, a.divisorOverride ?? null);
}
/** Tensor, or [output, indices] with returnIndices. */
export function maxPool3d(...args: Args<'nn.functional.maxPool3d'>): Tensor {
  const a = bind('nn.functional.maxPool3d', args);
  const input = tensorArg('max_pool3d', 'input', a.input);
  const op = a.returnIndices ? 'max_pool3d_with_indices' : 'max_pool3d';
  return aten(op)(input, a.kernelSize, a.stride ?? [], a.padding, a.dilation, a.ceilMode);
}
export function adaptiveAvgPool1d(...args: Args<'nn.functional.adaptiveAvgPool1d'>): Tensor {
  const a = bind('nn.functional.adaptiveAvgPool1d', args);
  return aten('adaptive_avg_pool1d')(tensorArg('adaptive_avg_pool1d', 'input', a.input), a.outputSize);
}
export function adaptiveAvgPool3d(...args: Args<'nn.functional.adaptiveAvgPool3d'>): Tensor {
  const a = bind('nn.functional.adaptiveAvgPool3d', args);
  const input = tensorArg('adaptive_avg_pool3d', 'input', a.input);
  return aten('adaptive_avg_pool3d')(input, adaptiveSize(input, a.outputSize));
}
/** Tensor, or [output, indices] with returnIndices. */
export function adaptiveMaxPool1d(...args: Args<'nn.functional.adaptiveMaxPool1d'>): Tensor {
  const a = bind('nn.functional.adaptiveMaxPool1d', args);
  const r = aten('adaptive_max_pool1d')(tensorArg('adaptive_max_pool1d', 'input', a.input), a.outputSize);
  return a.returnIndices ? r : r[0];
}
/** Tensor, or [output, indices] with returnIndices. */
export function adaptiveMaxPool3d(...args: Args<'nn.functional.adaptiveMaxPool3d'>): Tensor {
  const a = bind('nn.functional.adaptiveMaxPool3d', args);
  const input = tensorArg('adaptive_max_pool3d', 'input', a.input);
  const r = aten('adaptive_max_pool3d')(input, adaptiveSize(input, a.outputSize));
  return a.returnIndices ? r : r[0];
}
const asList = (v: unknown, n: number): number[] => (Array.isArray(v) ? v as number[] : Array(n).fill(v));
/** Python's lp_poolNd: the p-th root of the sum of x^p over each window (an average times the window). */
function lpPool(n: 1 | 2 | 3, a: { input: unknown; normType: number; kernelSize: unknown; stride?: unknown; ceilMode: boolean }): Tensor {
  const fn = `lp_pool${n}d`;
  const input = tensorArg(fn, 'input', a.input);
  const kernel = asList(a.kernelSize, n);
  const op = n === 1 ? 'avg_pool1d' : n === 2 ? 'avg_pool2d' : 'avg_pool3d';
  const out = aten(op)(input.pow(a.normType), kernel, a.stride ?? [], 0, a.ceilMode);
  return out.sign().mul(out.abs().relu()).mul(kernel.reduce((x, y) => x * y, 1)).pow(1 / a.normType);
}
export function lpPool1d(...args: Args<'nn.functional.lpPool1d'>): Tensor {
  return lpPool(1, bind('nn.functional.lpPool1d', args));
}
export function lpPool2d(...args: Args<'nn.functional.lpPool2d'>): Tensor {
  return lpPool(2, bind('nn.functional.lpPool2d', args));
}
export function lpPool3d(...args: Args<'nn.functional.lpPool3d'>): Tensor {
  return lpPool(3, bind('nn.functional.lpPool3d', args));
}
/** Python's _unpool_output_size. */
function unpoolOutputSize(input: Tensor, kernel: number[], stride: number[], padding: number[], outputSize: unknown): number[] {
  const n = kernel.length, shape = input.shape;
  const defaults = kernel.map((k, d) => (shape[shape.length - n + d] - 1) * stride[d] + k - 2 * padding[d]);
  if (outputSize == null) return defaults;
  let size = [...(outputSize as number[])];
  if (size.length === n + 2) size = size.slice(2);
  if (size.length !== n) throw new RangeError(`output_size should be a sequence containing ${n} or ${n + 2} elements, but it has a length of '${size.length}'`);
  size.forEach((s, d) => {
    const min = defaults[d] - stride[d], max = defaults[d] + stride[d];
    if (s <= min || s >= max) throw new RangeError(`invalid output_size "[${size.join(', ')}]" (dim ${d} must be between ${min} and ${max})`);
  });
  return size;
}
function maxUnpool(n: 1 | 2 | 3, a: { input: unknown; indices: unknown; kernelSize: unknown; stride?: unknown; padding: unknown; outputSize?: unknown }): Tensor {
  const fn = `max_unpool${n}d`;
  const input = tensorArg(fn, 'input', a.input), indices = tensorArg(fn, 'indices', a.indices);
  const kernel = asList(a.kernelSize, n), stride = a.stride == null ? kernel : asList(a.stride, n), padding = asList(a.padding, n);
  const size = unpoolOutputSize(input, kernel, stride, padding, a.outputSize);
  if (n === 1) return aten('max_unpool2d')(input.unsqueeze(-1), indices.unsqueeze(-1), [...size, 1]).squeeze(-1);
  if (n === 2) return aten('max_unpool2d')(input, indices, size);
  return aten('max_unpool3d')(input, indices, size, stride, padding);
}
export function maxUnpool1d(...args: Args<'nn.functional.maxUnpool1d'>): Tensor {
  return maxUnpool(1, bind('nn.functional.maxUnpool1d', args));
}
export function maxUnpool2d(...args: Args<'nn.functional.maxUnpool2d'>): Tensor {
  return maxUnpool(2, bind('nn.functional.maxUnpool2d', args));
}
export function maxUnpool3d(...args: Args<'nn.functional.maxUnpool3d'>): Tensor {
  return maxUnpool(3, bind('nn.functional.maxUnpool3d', args));
}
function fractionalMaxPool(n: 2 | 3, a: { input: unknown; kernelSize: unknown; outputSize?: unknown; outputRatio?: unknown; returnIndices: boolean; randomSamples?: unknown }): Tensor {
  const fn = `fractional_max_pool${n}d`;
  const input = tensorArg(fn, 'input', a.input);
  if (a.outputSize == null && a.outputRatio == null) throw new RangeError(`${fn} requires specifying either an output_size or an output_ratio`);
  let size: number[];
  if (a.outputSize == null) {
    const ratio = asList(a.outputRatio, n);
    size = ratio.map((r, d) => Math.trunc(input.size(input.dim() - n + d) * r));
  } else size = asList(a.outputSize, n);
  let samples = optionalTensor(fn, 'randomSamples', a.randomSamples);
  if (!samples) {
    const batch = input.dim() === n + 2 ? input.size(0) : 1;
    samples = aten('rand')([batch, input.size(input.dim() - n - 1), n], { dtype: input.dtype, device: input.device }) as Tensor;
  }
  const r = aten(fn)(input, asList(a.kernelSize, n), size, samples);
  return a.returnIndices ? r : r[0];
}
/** Tensor, or [output, indices] with returnIndices. */
export function fractionalMaxPool2d(...args: Args<'nn.functional.fractionalMaxPool2d'>): Tensor {
  return fractionalMaxPool(2, bind('nn.functional.fractionalMaxPool2d', args));
}
/** Tensor, or [output, indices] with returnIndices. */
export function fractionalMaxPool3d(...args: Args<'nn.functional.fractionalMaxPool3d'>): Tensor {
  return fractionalMaxPool(3, bind('nn.functional.fractionalMaxPool3d', args));
}
export function convTranspose1d(...args: Args<'nn.functional.convTranspose1d'>): Tensor {
  const a = bind('nn.functional.convTranspose1d', args), fn = 'conv_transpose1d';
  return aten(fn)(tensorArg(fn, 'input', a.input), tensorArg(fn, 'weight', a.weight), optionalTensor(fn, 'bias', a.bias), a.stride, a.padding, a.outputPadding, a.groups, a.dilation);
}
export function convTranspose3d(...args: Args<'nn.functional.convTranspose3d'>): Tensor {
  const a = bind('nn.functional.convTranspose3d', args), fn = 'conv_transpose3d';
  return aten(fn)(tensorArg(fn, 'input', a.input), tensorArg(fn, 'weight', a.weight), optionalTensor(fn, 'bias', a.bias), a.stride, a.padding, a.outputPadding, a.groups, a.dilation);
}

// ---- shuffles, folds, distances ------------------------------------------------------------------
export function pixelShuffle(...args: Args<'nn.functional.pixelShuffle'>): Tensor {
  const a = bind('nn.functional.pixelShuffle', args);
  return aten('pixel_shuffle')(tensorArg('pixel_shuffle', 'input', a.input), a.upscaleFactor);
}
export function pixelUnshuffle(...args: Args<'nn.functional.pixelUnshuffle'>): Tensor {
  const a = bind('nn.functional.pixelUnshuffle', args);
  return aten('pixel_unshuffle')(tensorArg('pixel_unshuffle', 'input', a.input), a.downscaleFactor);
}
export function channelShuffle(...args: Args<'nn.functional.channelShuffle'>): Tensor {
  const a = bind('nn.functional.channelShuffle', args);
  return aten('channel_shuffle')(tensorArg('channel_shuffle', 'input', a.input), a.groups);
}
export function fold(...args: Args<'nn.functional.fold'>): Tensor {
  const a = bind('nn.functional.fold', args);
  return aten('col2im')(tensorArg('fold', 'input', a.input), asList(a.outputSize, 2), asList(a.kernelSize, 2), asList(a.dilation, 2), asList(a.padding, 2), asList(a.stride, 2));
}
export function unfold(...args: Args<'nn.functional.unfold'>): Tensor {
  const a = bind('nn.functional.unfold', args);
  return aten('im2col')(tensorArg('unfold', 'input', a.input), asList(a.kernelSize, 2), asList(a.dilation, 2), asList(a.padding, 2), asList(a.stride, 2));
}
export function cosineSimilarity(...args: Args<'nn.functional.cosineSimilarity'>): Tensor {
  const a = bind('nn.functional.cosineSimilarity', args);
  return aten('cosine_similarity')(tensorArg('cosine_similarity', 'x1', a.x1), tensorArg('cosine_similarity', 'x2', a.x2), a.dim, a.eps);
}
export function pairwiseDistance(...args: Args<'nn.functional.pairwiseDistance'>): Tensor {
  const a = bind('nn.functional.pairwiseDistance', args);
  return aten('pairwise_distance')(tensorArg('pairwise_distance', 'x1', a.x1), tensorArg('pairwise_distance', 'x2', a.x2), a.p, a.eps, a.keepdim);
}

// ---- more normalisation and dropout ------------------------------------------------------------
export function localResponseNorm(...args: Args<'nn.functional.localResponseNorm'>): Tensor {
  const a = bind('nn.functional.localResponseNorm', args), size = a.size;
  const input = tensorArg('local_response_norm', 'input', a.input);
  const dim = input.dim();
  if (dim < 3) throw new RangeError(`Expected 3D or higher dimensionality input (got ${dim} dimensions)`);
  if (input.numel() === 0) return input;
  let div = input.mul(input);
  const front = Math.floor(size / 2), back = Math.floor((size - 1) / 2);
  if (dim === 3) {
    div = aten('avg_pool2d')(aten('pad')(div.unsqueeze(1), [0, 0, front, back], 'constant', 0), [size, 1], 1).squeeze(1);
  } else {
    const sizes = input.shape;
    div = div.view(sizes[0], 1, sizes[1], sizes[2], -1);
    div = aten('avg_pool3d')(aten('pad')(div, [0, 0, 0, 0, front, back], 'constant', 0), [size, 1, 1], 1).squeeze(1).view(sizes);
  }
  return input.div(div.mul(a.alpha).add(a.k).pow(a.beta));
}
/** float32/float64/float16/bfloat16 machine epsilon: RMSNorm's default eps, as torch.finfo(dtype).eps. */
const EPS: Record<string, number> = { float32: 1.1920928955078125e-7, float64: 2.220446049250313e-16, float16: 0.0009765625, bfloat16: 0.0078125 };
export function rmsNorm(...args: Args<'nn.functional.rmsNorm'>): Tensor {
  const a = bind('nn.functional.rmsNorm', args);
  const input = tensorArg('rms_norm', 'input', a.input);
  const shape = typeof a.normalizedShape === 'number' ? [a.normalizedShape] : [...a.normalizedShape as number[]];
  const tail = input.shape.slice(input.dim() - shape.length);
  if (shape.length > input.dim() || tail.some((s, i) => s !== shape[i])) {
    throw new RangeError(`Given normalized_shape=[${shape.join(', ')}], expected input with shape [*, ${shape.join(', ')}], but got input of size[${input.shape.join(', ')}]`);
  }
  const dims = shape.map((_, i) => -1 - i);
  const eps = a.eps ?? EPS[input.dtype.name] ?? EPS.float32;
  const out = input.mul(input.pow(2).mean(dims, true).add(eps).rsqrt());
  return a.weight != null ? out.mul(tensorArg('rms_norm', 'weight', a.weight)) : out;
}
export function alphaDropout(...args: Args<'nn.functional.alphaDropout'>): Tensor {
  const a = bind('nn.functional.alphaDropout', args);
  return aten(a.inplace ? 'alpha_dropout_' : 'alpha_dropout')(tensorArg('alpha_dropout', 'input', a.input), dropoutProbability(a.p), a.training);
}
export function featureAlphaDropout(...args: Args<'nn.functional.featureAlphaDropout'>): Tensor {
  const a = bind('nn.functional.featureAlphaDropout', args);
  return aten(a.inplace ? 'feature_alpha_dropout_' : 'feature_alpha_dropout')(tensorArg('feature_alpha_dropout', 'input', a.input), dropoutProbability(a.p), a.training);
}
/** dropout1d/dropout3d: whole channels, on batched or unbatched input. */
function featureDropout(fn: string, ranks: [number, number], a: { input: unknown; p: number; training: boolean; inplace: boolean }): Tensor {
  const input = tensorArg(fn, 'input', a.input);
  if (input.dim() !== ranks[0] && input.dim() !== ranks[1]) {
    throw new RangeError(`${fn}: Expected ${ranks[0]}D or ${ranks[1]}D input, but received a ${input.dim()}D input. Note that ${fn} exists to provide channel-wise dropout on inputs with ${ranks[0] - 1} spatial dimension${ranks[0] > 2 ? 's' : ''}, a channel dimension, and an optional batch dimension (i.e. ${ranks[0]}D or ${ranks[1]}D inputs).`);
  }
  const batched = input.dim() === ranks[1];
  const x = batched ? input : input.unsqueeze(0);
  const out = aten(a.inplace ? 'feature_dropout_' : 'feature_dropout')(x, dropoutProbability(a.p), a.training);
  return batched ? out : out.squeeze(0);
}
export function dropout1d(...args: Args<'nn.functional.dropout1d'>): Tensor {
  return featureDropout('dropout1d', [2, 3], bind('nn.functional.dropout1d', args));
}
export function dropout3d(...args: Args<'nn.functional.dropout3d'>): Tensor {
  return featureDropout('dropout3d', [4, 5], bind('nn.functional.dropout3d', args));
}
export function embeddingBag(...args: Args<'nn.functional.embeddingBag'>): Tensor {
  const a = bind('nn.functional.embeddingBag', args), fn = 'embedding_bag';
  let input = tensorArg(fn, 'input', a.input), offsets = optionalTensor(fn, 'offsets', a.offsets), psw = optionalTensor(fn, 'perSampleWeights', a.perSampleWeights);
  const weight = tensorArg(fn, 'weight', a.weight);
  if (psw && input.shape.join() !== psw.shape.join()) {
    throw new RangeError(`embedding_bag: If per_sample_weights (${psw.shape.join(', ')}) is not None, then it must have the same shape as the input (${input.shape.join(', ')})`);
  }
  if (weight.dim() !== 2) throw new RangeError(`weight has to be a 2D Tensor, but got Tensor of dimension ${weight.dim()}`);
  if (input.dim() === 2) {
    if (offsets) throw new RangeError('if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length sequences.');
    offsets = aten('arange')(0, input.numel(), input.size(1), { dtype: input.dtype, device: input.device }) as Tensor;
    input = input.reshape(-1);
    if (psw) psw = psw.reshape(-1);
  } else if (input.dim() === 1) {
    if (!offsets) throw new RangeError('offsets has to be a 1D Tensor but got None');
    if (offsets.dim() !== 1) throw new RangeError('offsets has to be a 1D Tensor');
  } else throw new RangeError(`input has to be 1D or 2D Tensor, but got Tensor of dimension ${input.dim()}`);
  const mode = ({ sum: 0, mean: 1, max: 2 } as Record<string, number>)[a.mode];
  if (mode === undefined) throw new RangeError('mode has to be one of sum, mean or max');
  if (mode === 2 && a.scaleGradByFreq) throw new RangeError('max mode does not support scaling the gradient by the frequency');
  if (mode === 2 && a.sparse) throw new RangeError('max mode does not support sparse weights');
  if (a.maxNorm != null) throw new TypeError('embedding_bag(): maxNorm is not supported by torch-node yet');
  if (psw && mode !== 0) throw new TypeError(`embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for mode='sum' (got mode='${a.mode}'). Please open a feature request on GitHub.`);
  let paddingIdx = a.paddingIdx ?? null;
  if (paddingIdx !== null && paddingIdx < 0) paddingIdx += weight.size(0);
  return aten('embedding_bag')(weight, input, offsets, a.scaleGradByFreq, mode, a.sparse, psw, a.includeLastOffset, paddingIdx)[0];
}
/** PyTorch's documented reference implementation (the math path, on every libtorch). */
export function scaledDotProductAttention(...args: Args<'nn.functional.scaledDotProductAttention'>): Tensor {
  const a = bind('nn.functional.scaledDotProductAttention', args), fn = 'scaled_dot_product_attention';
  const query = tensorArg(fn, 'query', a.query);
  let key = tensorArg(fn, 'key', a.key), value = tensorArg(fn, 'value', a.value);
  const L = query.size(-2), S = key.size(-2);
  const scale = a.scale ?? 1 / Math.sqrt(query.size(-1));
  let bias: Tensor | null = null;
  const minusInf = (mask: Tensor) => aten('zeros')([L, S], { dtype: query.dtype, device: query.device }).maskedFill(mask.logicalNot(), -Infinity) as Tensor;
  if (a.isCausal) {
    if (a.attnMask != null) throw new RangeError('_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True');
    bias = minusInf((aten('ones')([L, S], { dtype: bool, device: query.device }) as Tensor).tril());
  }
  if (a.attnMask != null) {
    const mask = tensorArg(fn, 'attnMask', a.attnMask);
    bias = mask.dtype.name === 'bool' ? (aten('zeros_like')(mask, { dtype: query.dtype }) as Tensor).maskedFill(mask.logicalNot(), -Infinity) : mask;
  }
  if (a.enableGqa) {
    key = key.repeatInterleave(query.size(-3) / key.size(-3), -3);
    value = value.repeatInterleave(query.size(-3) / value.size(-3), -3);
  }
  let weight = query.matmul(key.transpose(-2, -1)).mul(scale);
  if (bias) weight = weight.add(bias);
  weight = weight.softmax(-1);
  if (a.dropoutP > 0) weight = aten('dropout')(weight, a.dropoutP, true);
  return weight.matmul(value);
}

// ---- in-place twins (F.relu_ and the like): the function with inplace=true ----------------------
function inplace<A extends unknown[]>(fn: (...a: A) => Tensor): (...a: A) => Tensor {
  return (...a: A) => {
    const last = a[a.length - 1];
    if (last && typeof last === 'object' && !(last instanceof Tensor) && !Array.isArray(last)) return fn(...([...a.slice(0, -1), { ...last, inplace: true }] as A));
    return fn(...([...a, { inplace: true }] as unknown as A));
  };
}
export const relu_ = inplace(relu);
export const elu_ = inplace(elu);
export const celu_ = inplace(celu);
export const selu_ = inplace(selu);
export const leakyRelu_ = inplace(leakyRelu);
export const hardtanh_ = inplace(hardtanh);
export const threshold_ = inplace(threshold);
export const rrelu_ = inplace(rrelu);

// ---- spatial transformers and the rest -----------------------------------------------------------
export function affineGrid(...args: Args<'nn.functional.affineGrid'>): Tensor {
  const a = bind('nn.functional.affineGrid', args);
  const theta = tensorArg('affine_grid', 'theta', a.theta);
  if (!theta.isFloatingPoint()) throw new TypeError(`Expected theta to have floating point type, but got ${theta.dtype}`);
  const size = a.size as number[];
  if (size.length === 4 && (theta.dim() !== 3 || theta.size(-2) !== 2 || theta.size(-1) !== 3)) {
    throw new RangeError(`Expected a batch of 2D affine matrices of shape Nx2x3 for size torch.Size([${size.join(', ')}]). Got torch.Size([${theta.shape.join(', ')}]).`);
  }
  if (size.length === 5 && (theta.dim() !== 3 || theta.size(-2) !== 3 || theta.size(-1) !== 4)) {
    throw new RangeError(`Expected a batch of 3D affine matrices of shape Nx3x4 for size torch.Size([${size.join(', ')}]). Got torch.Size([${theta.shape.join(', ')}]).`);
  }
  if (size.length !== 4 && size.length !== 5) throw new RangeError(`affine_grid only supports 4D and 5D sizes, for 2D and 3D affine transforms, respectively. Got size torch.Size([${size.join(', ')}]).`);
  return aten('affine_grid_generator')(theta, size, a.alignCorners ?? false);
}
export function gridSample(...args: Args<'nn.functional.gridSample'>): Tensor {
  const a = bind('nn.functional.gridSample', args);
  const mode = ({ bilinear: 0, nearest: 1, bicubic: 2 } as Record<string, number>)[a.mode];
  if (mode === undefined) throw new RangeError(`nn.functional.grid_sample(): expected mode to be 'bilinear', 'nearest' or 'bicubic', but got: '${a.mode}'`);
  const padding = ({ zeros: 0, border: 1, reflection: 2 } as Record<string, number>)[a.paddingMode];
  if (padding === undefined) throw new RangeError(`nn.functional.grid_sample(): expected padding_mode to be 'zeros', 'border', or 'reflection', but got: '${a.paddingMode}'`);
  return aten('grid_sampler')(tensorArg('grid_sample', 'input', a.input), tensorArg('grid_sample', 'grid', a.grid), mode, padding, a.alignCorners ?? false);
}
export function gumbelSoftmax(...args: Args<'nn.functional.gumbelSoftmax'>): Tensor {
  const a = bind('nn.functional.gumbelSoftmax', args);
  const logits = tensorArg('gumbel_softmax', 'logits', a.logits);
  const gumbels = (aten('empty_like')(logits) as Tensor).exponential_().log().neg();
  const ySoft = logits.add(gumbels).div(a.tau).softmax(a.dim);
  if (!a.hard) return ySoft;
  const index = ySoft.max(a.dim, true)[1];
  const yHard = (aten('zeros_like')(logits) as Tensor).scatter_(a.dim, index, 1.0);
  return yHard.sub(ySoft.detach()).add(ySoft);
}
export function pdist(...args: Args<'nn.functional.pdist'>): Tensor {
  const a = bind('nn.functional.pdist', args);
  return aten('pdist')(tensorArg('pdist', 'input', a.input), a.p);
}
export { multiHeadAttentionForward } from './attention.js';

let chunkedWarned = false;
/**
 * cross_entropy(linear(input, linearWeight, linearBias), target): PyTorch's reference path. The
 * chunked path that `options` selects in PyTorch (same loss, less memory) is not implemented: options
 * are accepted with a warning, as PyTorch itself warns when it falls back.
 */
export function linearCrossEntropy(...args: Args<'nn.functional.linearCrossEntropy'>): Tensor {
  const a = bind('nn.functional.linearCrossEntropy', args);
  const input = tensorArg('linear_cross_entropy', 'input', a.input), w = tensorArg('linear_cross_entropy', 'linearWeight', a.linearWeight);
  const target = tensorArg('linear_cross_entropy', 'target', a.target);
  if (input.dim() < 1 || input.dim() > 2) throw new Error(`expected input with dimensionality 1 or 2, got ${input.dim()}`);
  if (w.dim() < 2) throw new Error(`expected linear_weight with dimensionality at least 2, got ${w.dim()}`);
  const batches = input.shape.slice(0, -1), inFeatures = input.size(-1);
  if (inFeatures !== w.size(-1)) throw new Error(`expected equal input and linear_weight last dimensions (in_features), got ${inFeatures} and ${w.size(-1)}, respectively`);
  const numClasses = w.size(0), outFeatures = w.shape.slice(1, -1);
  const tuple = (s: number[]) => `(${s.join(', ')}${s.length === 1 ? ',' : ''})`;
  let bias = optionalTensor('linear_cross_entropy', 'linearBias', a.linearBias);
  if (bias && bias.shape.join() !== [numClasses, ...outFeatures].join()) throw new Error(`expected linear_bias shape ${tuple([numClasses, ...outFeatures])}, got ${tuple(bias.shape)}`);
  if (outFeatures.length && !batches.length) {
    throw new Error(`K-dimensional loss defined by linear_weight shape ${tuple(w.shape)} requires batched input, (N, ${inFeatures}), got unbatched input with shape ${tuple(input.shape)}`);
  }
  const logitsShape = [...batches, numClasses, ...outFeatures];
  const probabilities = target.shape.join() === logitsShape.join();
  if (probabilities && a.ignoreIndex !== null && a.ignoreIndex !== undefined) throw new Error('ignore_index cannot be specified when target contains probabilities');
  if (a.options !== null && a.options !== undefined && !chunkedWarned) {
    chunkedWarned = true;
    process.emitWarning('linear_cross_entropy: ``options`` ignored; torch-node computes the reference path (linear, then cross_entropy)', 'UserWarning');
  }
  let weight2d = w;
  if (outFeatures.length) {
    const rows = outFeatures.reduce((x, y) => x * y, numClasses);
    weight2d = w.reshape([rows, inFeatures]);
    if (bias) bias = bias.reshape([rows]);
  }
  const logits = linear(input, weight2d, bias).reshape(logitsShape);
  return crossEntropy(logits, target, { weight: a.weight, reduction: a.reduction, ignoreIndex: a.ignoreIndex ?? -100, labelSmoothing: a.labelSmoothing });
}
