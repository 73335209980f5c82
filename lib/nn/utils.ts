// torch.nn.utils: gradient clipping and flattening parameters, as in PyTorch.
import { Tensor } from '../tensor.js';
import { noGrad } from '../autograd.js';
import { stack, cat } from '../generated/functions.js';
import { tensor } from '../creation.js';
import { bind, type Args } from '../bind.js';
import { aten } from '../aten.js';
import { badArg } from '../errors.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';
import { Conv2d, Conv3d, ConvTranspose2d, ConvTranspose3d } from './layers/conv.js';
import type { MemoryFormat } from '../types.js';

const list = (p: Tensor | Iterable<Tensor>): Tensor[] => (p instanceof Tensor ? [p] : [...p]);

/** The norm of the tensors' norms (the largest magnitude for inf): what gradient clipping measures. */
function normOfNorms(ts: Tensor[], normType: number): Tensor {
  return normType === Infinity ? stack(ts.map((g) => g.detach().abs().max())).max() : stack(ts.map((g) => g.detach().norm(normType))).norm(normType);
}

/** clipGradNorm_(parameters, maxNorm, normType = 2): scales gradients in place; returns the total norm. */
export function clipGradNorm_(...args: Args<'nn.utils.clipGradNorm_'>): Tensor {
  const { parameters, maxNorm, normType, errorIfNonfinite } = bind('nn.utils.clipGradNorm_', args);
  const grads = list(parameters).map((p) => p.grad).filter((g): g is Tensor => g !== null);
  if (!grads.length) return tensor(0);
  return noGrad(() => {
    const total = normOfNorms(grads, normType);
    if (errorIfNonfinite && !Number.isFinite(total.item())) {
      throw new RangeError(`The total norm of order ${normType} for gradients from \`parameters\` is non-finite, so it cannot be clipped.`);
    }
    const coef = total.add(1e-6).reciprocal().mul(maxNorm).clamp(undefined as any, 1.0);
    for (const g of grads) g.mul_(coef);
    return total;
  });
}

/** clipGradValue_(parameters, clipValue): clamps gradients in place to [-clipValue, clipValue]. */
export function clipGradValue_(...args: Args<'nn.utils.clipGradValue_'>): void {
  const { parameters, clipValue } = bind('nn.utils.clipGradValue_', args);
  noGrad(() => {
    for (const p of list(parameters)) p.grad?.clamp_(-clipValue, clipValue);
  });
}

export function parametersToVector(...args: Args<'nn.utils.parametersToVector'>): Tensor {
  const { parameters } = bind('nn.utils.parametersToVector', args);
  return cat(list(parameters).map((p) => p.view(-1)));
}

export function vectorToParameters(...args: Args<'nn.utils.vectorToParameters'>): void {
  const { vec, parameters } = bind('nn.utils.vectorToParameters', args);
  let offset = 0;
  noGrad(() => {
    for (const p of list(parameters)) {
      const n = p.numel();
      p.copy_(vec.narrow(0, offset, n).viewAs(p));
      offset += n;
    }
  });
}

// ---- weight normalisation (PyTorch's WeightNorm hook: weight = g * v / ||v||, recomputed before each forward)
const WEIGHT_NORMS = new WeakMap<object, Map<string, { remove(): void; dim: number }>>();

/** weightNorm(module, name = 'weight', dim = 0): the parameter becomes name_g (magnitude) and name_v (direction). */
export function weightNorm<M extends Module>(module: M, name?: string, dim?: number | null): M;
export function weightNorm<M extends Module>(module: M, options: { name?: string; dim?: number | null }): M;
export function weightNorm(...args: Args<'nn.utils.weightNorm'>): Module;
export function weightNorm(...args: unknown[]): Module {
  const { module, name, dim: d } = bind('nn.utils.weightNorm', args);
  if (!(module instanceof Module)) badArg('a Module', 'module', module);
  const m = module as unknown as Module & Record<string, unknown>;
  const norms = WEIGHT_NORMS.get(m) ?? new Map();
  if (norms.has(name)) throw new RangeError(`Cannot register two weight_norm hooks on the same parameter ${name}`);
  const weight = m[name];
  if (!(weight instanceof Parameter)) badArg(`the name of a parameter of the module`, 'name', name);
  const dim = d ?? -1;
  const g = new Parameter(aten('norm_except_dim')(weight.detach(), 2, dim));
  const v = new Parameter(weight.detach());
  delete m[name];
  m[`${name}_g`] = g;
  m[`${name}_v`] = v;
  const compute = () => aten('_weight_norm')(v, g, dim) as Tensor;
  m[name] = compute();
  const hook = m.registerForwardPreHook(() => {
    m[name] = compute();
  });
  norms.set(name, { remove: () => hook.remove(), dim });
  WEIGHT_NORMS.set(m, norms);
  return m;
}
/** removeWeightNorm(module, name = 'weight'): the recomputed weight becomes a plain parameter again. */
export function removeWeightNorm<M extends Module>(module: M, name?: string): M;
export function removeWeightNorm<M extends Module>(module: M, options: { name?: string }): M;
export function removeWeightNorm(...args: Args<'nn.utils.removeWeightNorm'>): Module;
export function removeWeightNorm(...args: unknown[]): Module {
  const { module, name } = bind('nn.utils.removeWeightNorm', args);
  const m = module as unknown as Module & Record<string, unknown>;
  const entry = WEIGHT_NORMS.get(m)?.get(name);
  if (!entry) throw new RangeError(`weight_norm of '${name}' not found in ${m}`);
  const weight = aten('_weight_norm')(m[`${name}_v`], m[`${name}_g`], entry.dim) as Tensor;
  entry.remove();
  WEIGHT_NORMS.get(m)!.delete(name);
  delete m[name];
  delete m[`${name}_g`];
  delete m[`${name}_v`];
  m[name] = new Parameter(weight.detach());
  return m;
}
// ---- spectral normalisation (PyTorch's SpectralNorm hook: weight = weight_orig / σ, σ estimated by
// power iteration on the u and v buffers before each training forward)
const SPECTRAL_NORMS = new WeakMap<object, Map<string, { remove(): void; compute(power: boolean): Tensor }>>();
const isConvTranspose = (m: object) => {
  for (let p = Object.getPrototypeOf(m); p && p !== Module.prototype; p = Object.getPrototypeOf(p)) if (/^ConvTranspose[123]d$/.test(p.constructor.name)) return true;
  return false;
};

/** spectralNorm(module, name = 'weight', nPowerIterations = 1, eps = 1e-12, dim = 0 (1 for ConvTranspose)). */
export function spectralNorm<M extends Module>(module: M, name?: string, nPowerIterations?: number, eps?: number, dim?: number | null): M;
export function spectralNorm<M extends Module>(module: M, options: { name?: string; nPowerIterations?: number; eps?: number; dim?: number | null }): M;
export function spectralNorm(...args: Args<'nn.utils.spectralNorm'>): Module;
export function spectralNorm(...args: unknown[]): Module {
  const { module, name, nPowerIterations, eps, dim: d } = bind('nn.utils.spectralNorm', args);
  if (!(module instanceof Module)) badArg('a Module', 'module', module);
  const m = module as unknown as Module & Record<string, unknown>;
  const norms = SPECTRAL_NORMS.get(m) ?? new Map();
  if (norms.has(name)) throw new RangeError(`Cannot register two spectral_norm hooks on the same parameter ${name}`);
  if (!Number.isInteger(nPowerIterations) || nPowerIterations <= 0) throw new RangeError(`Expected n_power_iterations to be positive, but got n_power_iterations=${nPowerIterations}`);
  const weight = m[name];
  if (!(weight instanceof Parameter)) badArg('the name of a parameter of the module', 'name', name);
  const dim = d ?? (isConvTranspose(m) ? 1 : 0);
  const toMatrix = (w: Tensor) => {
    const rest = [...Array(w.dim()).keys()].filter((i) => i !== dim);
    const wm = dim !== 0 ? w.permute(dim, ...rest) : w;
    return wm.reshape(wm.size(0), -1);
  };
  const normalize = (x: Tensor) => x.div(x.norm().clampMin(eps));
  const [u0, v0] = noGrad(() => {
    const [h, w] = toMatrix(weight).shape;
    return [normalize(weight.newEmpty([h]).normal_(0, 1)), normalize(weight.newEmpty([w]).normal_(0, 1))];
  });
  delete m[name];
  m[`${name}_orig`] = weight;
  m[name] = weight.detach();
  m.registerBuffer(`${name}_u`, u0);
  m.registerBuffer(`${name}_v`, v0);
  const compute = (power: boolean): Tensor => {
    const orig = m[`${name}_orig`] as Tensor;
    let u = m[`${name}_u`] as Tensor, v = m[`${name}_v`] as Tensor;
    const wm = toMatrix(orig);
    if (power) {
      noGrad(() => {
        for (let i = 0; i < nPowerIterations; i++) {
          v.copy_(normalize(wm.t().mv(u)));
          u.copy_(normalize(wm.mv(v)));
        }
      });
      u = u.clone();
      v = v.clone();
    }
    return orig.div(u.dot(wm.mv(v)));
  };
  const hook = m.registerForwardPreHook(() => {
    m[name] = compute(m.training);
  });
  norms.set(name, { remove: () => hook.remove(), compute });
  SPECTRAL_NORMS.set(m, norms);
  return m;
}
/** removeSpectralNorm(module, name = 'weight'): the normalised weight becomes a plain parameter again. */
export function removeSpectralNorm<M extends Module>(module: M, name?: string): M;
export function removeSpectralNorm<M extends Module>(module: M, options: { name?: string }): M;
export function removeSpectralNorm(...args: Args<'nn.utils.removeSpectralNorm'>): Module;
export function removeSpectralNorm(...args: unknown[]): Module {
  const { module, name } = bind('nn.utils.removeSpectralNorm', args);
  const m = module as unknown as Module & Record<string, unknown>;
  const entry = SPECTRAL_NORMS.get(m)?.get(name);
  if (!entry) throw new RangeError(`spectral_norm of '${name}' not found in ${m}`);
  const weight = noGrad(() => entry.compute(false));
  entry.remove();
  SPECTRAL_NORMS.get(m)!.delete(name);
  for (const k of [name, `${name}_u`, `${name}_v`, `${name}_orig`]) delete m[k];
  m[name] = new Parameter(weight.detach());
  return m;
}
/** skipInit(ModuleClass, ...args): the module, whose initial values are unspecified (torch-node runs the usual init). */
export function skipInit<M extends Module>(...args: Args<'nn.utils.skipInit'>): M {
  const { moduleCls, args: rest, kwargs } = bind('nn.utils.skipInit', args);
  if (typeof moduleCls !== 'function' || !((moduleCls as { prototype: unknown }).prototype instanceof Module)) badArg('a Module class', 'moduleCls', moduleCls);
  const extra = kwargs && Object.keys(kwargs).length ? [kwargs] : [];
  // the constructor's arguments one by one, or as one list (args: [...] by name), as torch.zeros takes sizes
  const given = (rest as unknown[] | undefined) ?? [];
  const positional = given.length === 1 && Array.isArray(given[0]) ? given[0] as unknown[] : given;
  return new (moduleCls as new (...a: unknown[]) => M)(...positional, ...extra);
}
/** The weight and bias of a convolution followed by a BatchNorm in eval mode, as one convolution's. */
export function fuseConvBnWeights(...args: Args<'nn.utils.fuseConvBnWeights'>): [Parameter, Parameter] {
  const a = bind('nn.utils.fuseConvBnWeights', args);
  const convB = a.convB ?? aten('zeros_like')(a.bnRm) as Tensor;
  const bnW = a.bnW ?? aten('ones_like')(a.bnRm) as Tensor;
  const bnB = a.bnB ?? aten('zeros_like')(a.bnRm) as Tensor;
  const rsqrt = a.bnRv.add(a.bnEps).rsqrt();
  const tail = Array(a.convW.dim() - 2).fill(1);
  const shape = a.transpose ? [1, -1, ...tail] : [-1, 1, ...tail];
  const w = a.convW.mul(bnW.mul(rsqrt).reshape(shape)).to({ dtype: a.convW.dtype });
  const b = convB.sub(a.bnRm).mul(rsqrt).mul(bnW).add(bnB).to({ dtype: a.convB?.dtype ?? a.convW.dtype });
  return [new Parameter(w.detach(), a.convW.requiresGrad), new Parameter(b.detach(), convB.requiresGrad)];
}

/** The weight and bias of a Linear followed by a BatchNorm1d in eval mode, as one Linear's. */
export function fuseLinearBnWeights(...args: Args<'nn.utils.fuseLinearBnWeights'>): [Parameter, Parameter] {
  const a = bind('nn.utils.fuseLinearBnWeights', args);
  const linearB = a.linearB ?? aten('zeros_like')(a.bnRm) as Tensor;
  const scale = (a.bnW ?? aten('ones_like')(a.bnRm) as Tensor).mul(a.bnRv.add(a.bnEps).rsqrt());
  const w = a.linearW.mul(scale.unsqueeze(-1).to({ dtype: a.linearW.dtype }));
  const b = linearB.sub(a.bnRm).mul(scale).add(a.bnB ?? 0).to({ dtype: a.linearB?.dtype ?? a.linearW.dtype });
  return [new Parameter(w.detach(), a.linearW.requiresGrad), new Parameter(b.detach(), linearB.requiresGrad)];
}
type ConvLike = Module & { inChannels: number; outChannels: number; kernelSize: number[]; stride: number[]; padding: number[] | string; dilation: number[];
  outputPadding?: number[]; groups: number; paddingMode: string; weight: Parameter; bias: Parameter | null };
type BnLike = Module & { runningMean: Tensor | null; runningVar: Tensor | null; eps: number; weight: Parameter | null; bias: Parameter | null };
type LinearLike = Module & { inFeatures: number; outFeatures: number; weight: Parameter; bias: Parameter | null };
const isTransposed = (m: object) => isConvTranspose(m);

/** A fresh module of conv's class and shape with a bias, holding conv's state (Python deep-copies it). */
function copyWithBias<M extends Module>(m: M, make: () => M): M {
  const copy = make();
  const own = (m as unknown as { bias: unknown }).bias;
  copy.loadStateDict(m.stateDict(), { strict: own !== null });
  return copy.train(m.training) as M;
}
function checkEval(a: Module, b: Module): void {
  if (a.training || b.training) throw new RangeError('Fusion only for eval!');
}
function bnStats(bn: BnLike): [Tensor, Tensor] {
  if (!bn.runningMean || !bn.runningVar) throw new RangeError('the BatchNorm has no running statistics (trackRunningStats=false): nothing to fuse');
  return [bn.runningMean, bn.runningVar];
}

/** fuseConvBnEval(conv, bn, transpose = false): a convolution computing conv then bn (both in eval mode). */
export function fuseConvBnEval<M extends Module>(conv: M, bn: Module, transpose = false): M {
  const c = conv as unknown as ConvLike, b = bn as unknown as BnLike;
  if (!(conv instanceof Module) || !Array.isArray(c.kernelSize)) badArg('a convolution module', 'conv', conv);
  if (!(bn instanceof Module) || typeof b.eps !== 'number') badArg('a BatchNorm module', 'bn', bn);
  checkEval(conv, bn);
  const [rm, rv] = bnStats(b);
  const Ctor = conv.constructor as new (...a: unknown[]) => M;
  const options = { stride: c.stride, padding: c.padding, dilation: c.dilation, groups: c.groups, bias: true, paddingMode: c.paddingMode,
    ...(isTransposed(conv) ? { outputPadding: c.outputPadding } : {}) };
  const fused = copyWithBias(conv, () => new Ctor(c.inChannels, c.outChannels, c.kernelSize, options)) as unknown as ConvLike;
  [fused.weight, fused.bias] = fuseConvBnWeights(c.weight, c.bias, rm, rv, b.eps, b.weight, b.bias, transpose);
  return fused as unknown as M;
}
/** fuseLinearBnEval(linear, bn): a Linear computing linear then bn (both in eval mode). */
export function fuseLinearBnEval<M extends Module>(linear: M, bn: Module): M {
  const l = linear as unknown as LinearLike, b = bn as unknown as BnLike;
  if (!(linear instanceof Module) || typeof l.inFeatures !== 'number') badArg('a Linear module', 'linear', linear);
  if (!(bn instanceof Module) || typeof b.eps !== 'number') badArg('a BatchNorm module', 'bn', bn);
  checkEval(linear, bn);
  const [rm, rv] = bnStats(b);
  if (!(l.outFeatures === rm.size(0) || rm.size(0) === 1)) throw new RangeError('To fuse, linear.out_features must equal bn.num_features or bn.num_features must be 1');
  const Ctor = linear.constructor as new (...a: unknown[]) => M;
  const fused = copyWithBias(linear, () => new Ctor(l.inFeatures, l.outFeatures, { bias: true })) as unknown as LinearLike;
  [fused.weight, fused.bias] = fuseLinearBnWeights(l.weight, l.bias, rm, rv, b.eps, b.weight as Tensor, b.bias as Tensor);
  return fused as unknown as M;
}
/** getTotalNorm(tensors, normType = 2): the norm of the tensors' norms (what clipGradNorm_ clips by). */
export function getTotalNorm(...args: Args<'nn.utils.getTotalNorm'>): Tensor {
  const { tensors, normType, errorIfNonfinite } = bind('nn.utils.getTotalNorm', args);
  const ts = list(tensors as Tensor | Iterable<Tensor>);
  if (!ts.length) return tensor(0);
  return noGrad(() => {
    const total = normOfNorms(ts, normType);
    if (errorIfNonfinite && !Number.isFinite(total.item() as number)) {
      throw new RangeError(`The total norm of order ${normType} for gradients from \`parameters\` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set \`error_if_nonfinite=False\``);
    }
    return total;
  });
}
/** clipGradsWithNorm_(parameters, maxNorm, totalNorm): scales the gradients by maxNorm / totalNorm (at most 1). */
export function clipGradsWithNorm_(...args: Args<'nn.utils.clipGradsWithNorm_'>): void {
  const { parameters, maxNorm, totalNorm } = bind('nn.utils.clipGradsWithNorm_', args);
  const grads = list(parameters as Tensor | Iterable<Tensor>).map((p) => p.grad).filter((g): g is Tensor => g !== null);
  noGrad(() => {
    const coef = (totalNorm as Tensor).add(1e-6).reciprocal().mul(maxNorm).clamp(undefined as any, 1.0);
    for (const g of grads) g.mul_(coef);
  });
}

/**
 * torch.nn.utils.rnn: packing and padding variable-length sequences for the recurrent layers.
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/nn.html#module-torch.nn.utils.rnn)
 */
export * as rnn from './rnn-utils.js';

function convertWeightMemoryFormat(module: unknown, memoryFormat: MemoryFormat, classes: Function[]): void {
  if (!(module instanceof Module)) badArg('a Module', 'module', module);
  if (classes.some((C) => module instanceof C)) {
    const w = (module as unknown as { weight: Tensor }).weight;
    w.data = w.detach().clone({ memoryFormat });
  }
  for (const child of module.children()) convertWeightMemoryFormat(child, memoryFormat, classes);
}
/** Re-lays out the weights of every Conv2d / ConvTranspose2d in module (e.g. torch.channelsLast); returns module. */
export function convertConv2dWeightMemoryFormat<M extends Module>(...args: [module: M, memoryFormat: MemoryFormat] | [module: M, options: { memoryFormat: MemoryFormat }] | [options: { module: M; memoryFormat: MemoryFormat }]): M {
  const { module, memoryFormat } = bind('nn.utils.convertConv2dWeightMemoryFormat', args, { objectParams: ['module'] });
  convertWeightMemoryFormat(module, memoryFormat, [Conv2d, ConvTranspose2d]);
  return module as M;
}
/** Re-lays out the weights of every Conv3d / ConvTranspose3d in module (e.g. torch.channelsLast3d); returns module. */
export function convertConv3dWeightMemoryFormat<M extends Module>(...args: [module: M, memoryFormat: MemoryFormat] | [module: M, options: { memoryFormat: MemoryFormat }] | [options: { module: M; memoryFormat: MemoryFormat }]): M {
  const { module, memoryFormat } = bind('nn.utils.convertConv3dWeightMemoryFormat', args, { objectParams: ['module'] });
  convertWeightMemoryFormat(module, memoryFormat, [Conv3d, ConvTranspose3d]);
  return module as M;
}
