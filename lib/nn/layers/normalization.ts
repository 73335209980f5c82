// BatchNorm1d/2d, LayerNorm, GroupNorm, InstanceNorm2d. Buffers keep PyTorch's names
// (running_mean, running_var, num_batches_tracked) so state dicts match key for key.
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';
import { Tensor } from '../../tensor.js';
import * as F from '../functional.js';
import * as init from '../init.js';
import { zeros, ones, tensor } from '../../creation.js';
import { noGrad } from '../../autograd.js';
import { bind, type Args } from '../../bind.js';
import { newParameter, positiveInt, type LayerFactoryOptions } from './common.js';
import { pyFloat, pyNum, pyValue } from '../repr.js';
import { releaseAtLeast } from '../../release.js';

interface BatchNormOptions extends LayerFactoryOptions {
  numFeatures: number;
  eps?: number;
  momentum?: number | null;
  affine?: boolean;
  trackRunningStats?: boolean;
  /** with affine, whether to learn the additive bias (PyTorch 2.12's keyword; default true) */
  bias?: boolean;
}

// PyTorch 2.12 gave the norm layers a `bias` keyword and prints it (LayerNorm too).
const printsBias = releaseAtLeast(2, 12);
const biasRepr = (bias: Parameter | null) => (printsBias ? `, bias=${pyValue(bias !== null)}` : '');

abstract class NormBase<In extends unknown[] = any[], Out = any> extends Module<In, Out> {
  declare numFeatures: number;
  declare eps: number;
  declare momentum: number | null;
  declare affine: boolean;
  declare trackRunningStats: boolean;
  declare weight: Parameter | null;
  declare bias: Parameter | null;
  declare running_mean: Tensor | null;
  declare running_var: Tensor | null;
  declare num_batches_tracked: Tensor | null;

  constructor(o: BatchNormOptions) {
    super();
    const numFeatures = this.numFeatures = positiveInt(o.numFeatures, 'numFeatures');
    this.eps = o.eps ?? 1e-5;
    this.momentum = o.momentum === undefined ? 0.1 : o.momentum;
    this.affine = o.affine ?? true;
    this.trackRunningStats = o.trackRunningStats ?? true;
    const f = { dtype: o.dtype, device: o.device };
    this.weight = this.affine ? newParameter([numFeatures], o) : null;
    this.bias = this.affine && (o.bias ?? true) ? newParameter([numFeatures], o) : null;
    if (this.trackRunningStats) {
      this.registerBuffer('running_mean', zeros([numFeatures], f));
      this.registerBuffer('running_var', ones([numFeatures], f));
      this.registerBuffer('num_batches_tracked', tensor(0n, { device: o.device }));
    } else {
      this.registerBuffer('running_mean', null);
      this.registerBuffer('running_var', null);
      this.registerBuffer('num_batches_tracked', null);
    }
    this.resetParameters();
  }
  get runningMean(): Tensor | null { return this.running_mean; }
  get runningVar(): Tensor | null { return this.running_var; }
  get numBatchesTracked(): Tensor | null { return this.num_batches_tracked; }
  override checkpointKeysOptional(): readonly string[] { return this.trackRunningStats ? ['num_batches_tracked'] : []; }
  resetRunningStats(): void {
    if (!this.trackRunningStats) return;
    noGrad(() => {
      this.running_mean!.zero_();
      this.running_var!.fill_(1);
      this.num_batches_tracked!.zero_();
    });
  }
  resetParameters(): void {
    this.resetRunningStats();
    if (this.affine) {
      init.ones_(this.weight!);
      if (this.bias) init.zeros_(this.bias);
    }
  }
  protected checkInput(_input: Tensor): void {}
  extraRepr(): string {
    return `${this.numFeatures}, eps=${pyFloat(this.eps)}, momentum=${this.momentum === null ? 'None' : pyFloat(this.momentum)}, affine=${pyValue(this.affine)}${biasRepr(this.bias)}, track_running_stats=${pyValue(this.trackRunningStats)}`;
  }
}

abstract class BatchNormBase extends NormBase<[input: Tensor], Tensor> {
  forward(input: Tensor): Tensor {
    this.checkInput(input);
    let factor = this.momentum ?? 0;
    if (this.training && this.trackRunningStats && this.num_batches_tracked) {
      noGrad(() => this.num_batches_tracked!.add_(1));
      if (this.momentum === null) factor = 1 / this.num_batches_tracked.item();
    }
    const bnTraining = this.training || (this.running_mean === null && this.running_var === null);
    const useStats = !this.training || this.trackRunningStats;
    return F.batchNorm(input, useStats ? this.running_mean : null, useStats ? this.running_var : null,
      this.weight, this.bias, bnTraining, factor, this.eps);
  }
}

export class BatchNorm1d extends BatchNormBase {
  constructor(...args: Args<'nn.BatchNorm1d'>) {
    super(bind('nn.BatchNorm1d', args));
  }
  protected checkInput(input: Tensor): void {
    if (input.dim() !== 2 && input.dim() !== 3) throw new RangeError(`expected 2D or 3D input (got ${input.dim()}D input)`);
  }
}
export class BatchNorm2d extends BatchNormBase {
  constructor(...args: Args<'nn.BatchNorm2d'>) {
    super(bind('nn.BatchNorm2d', args));
  }
  protected checkInput(input: Tensor): void {
    if (input.dim() !== 4) throw new RangeError(`expected 4D input (got ${input.dim()}D input)`);
  }
}

export class BatchNorm3d extends BatchNormBase {
  constructor(...args: Args<'nn.BatchNorm3d'>) {
    super(bind('nn.BatchNorm3d', args));
  }
  protected checkInput(input: Tensor): void {
    if (input.dim() !== 5) throw new RangeError(`expected 5D input (got ${input.dim()}D input)`);
  }
}

/** InstanceNorm1d/2d/3d: per-sample statistics; an unbatched input (one dimension fewer) is accepted. */
abstract class InstanceNormBase extends NormBase<[input: Tensor], Tensor> {
  protected abstract readonly noBatchDim: number;
  forward(input: Tensor): Tensor {
    const n = this.noBatchDim;
    if (input.dim() !== n && input.dim() !== n + 1) throw new RangeError(`expected ${n}D or ${n + 1}D input (got ${input.dim()}D input)`);
    const x = input.dim() === n ? input.unsqueeze(0) : input;
    const out = F.instanceNorm(x, this.running_mean, this.running_var, this.weight, this.bias,
      this.training || !this.trackRunningStats, this.momentum ?? 0.1, this.eps);
    return input.dim() === n ? out.squeeze(0) : out;
  }
}
export class InstanceNorm1d extends InstanceNormBase {
  protected readonly noBatchDim = 2;
  constructor(...args: Args<'nn.InstanceNorm1d'>) {
    super(bind('nn.InstanceNorm1d', args));
  }
}
export class InstanceNorm2d extends InstanceNormBase {
  protected readonly noBatchDim = 3;
  constructor(...args: Args<'nn.InstanceNorm2d'>) {
    super(bind('nn.InstanceNorm2d', args));
  }
}
export class InstanceNorm3d extends InstanceNormBase {
  protected readonly noBatchDim = 4;
  constructor(...args: Args<'nn.InstanceNorm3d'>) {
    super(bind('nn.InstanceNorm3d', args));
  }
}

export class LayerNorm extends Module<[input: Tensor], Tensor> {
  declare normalizedShape: number[];
  declare eps: number;
  declare elementwiseAffine: boolean;
  declare weight: Parameter | null;
  declare bias: Parameter | null;
  constructor(...args: Args<'nn.LayerNorm'>) {
    super();
    const options = bind('nn.LayerNorm', args);
    const normalizedShape = options.normalizedShape;
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    this.eps = options.eps ?? 1e-5;
    this.elementwiseAffine = options.elementwiseAffine ?? true;
    this.weight = this.elementwiseAffine ? newParameter(this.normalizedShape, options) : null;
    this.bias = this.elementwiseAffine && (options.bias ?? true) ? newParameter(this.normalizedShape, options) : null;
    if (this.weight) init.ones_(this.weight);
    if (this.bias) init.zeros_(this.bias);
  }
  forward(input: Tensor): Tensor {
    return F.layerNorm(input, this.normalizedShape, this.weight, this.bias, this.eps);
  }
  extraRepr(): string {
    return `${pyValue(this.normalizedShape)}, eps=${pyFloat(this.eps)}, elementwise_affine=${pyValue(this.elementwiseAffine)}${biasRepr(this.bias)}`;
  }
}

export class GroupNorm extends Module<[input: Tensor], Tensor> {
  declare numGroups: number;
  declare numChannels: number;
  declare eps: number;
  declare affine: boolean;
  declare weight: Parameter | null;
  declare bias: Parameter | null;
  constructor(...args: Args<'nn.GroupNorm'>) {
    super();
    const options = bind('nn.GroupNorm', args);
    const { numGroups, numChannels } = options;
    this.numGroups = positiveInt(numGroups, 'numGroups');
    this.numChannels = positiveInt(numChannels, 'numChannels');
    if (numChannels % numGroups !== 0) throw new RangeError('num_channels must be divisible by num_groups');
    this.eps = options.eps ?? 1e-5;
    this.affine = options.affine ?? true;
    this.weight = this.affine ? newParameter([numChannels], options) : null;
    this.bias = this.affine && (options.bias ?? true) ? newParameter([numChannels], options) : null;
    if (this.weight) init.ones_(this.weight);
    if (this.bias) init.zeros_(this.bias);
  }
  forward(input: Tensor): Tensor {
    return F.groupNorm(input, this.numGroups, this.weight, this.bias, this.eps);
  }
  extraRepr(): string {
    return `${this.numGroups}, ${this.numChannels}, eps=${pyFloat(this.eps)}, affine=${pyValue(this.affine)}${biasRepr(this.bias)}`;
  }
}

export class LocalResponseNorm extends Module<[input: Tensor], Tensor> {
  declare size: number;
  declare alpha: number;
  declare beta: number;
  declare k: number;
  constructor(...args: Args<'nn.LocalResponseNorm'>) {
    super();
    const a = bind('nn.LocalResponseNorm', args);
    Object.assign(this, { size: a.size, alpha: a.alpha, beta: a.beta, k: a.k });
  }
  forward(input: Tensor): Tensor {
    return F.localResponseNorm(input, this.size, this.alpha, this.beta, this.k);
  }
  extraRepr(): string {
    return `${this.size}, alpha=${pyNum(this.alpha)}, beta=${pyNum(this.beta)}, k=${pyNum(this.k)}`;
  }
}

export class RMSNorm extends Module<[input: Tensor], Tensor> {
  declare normalizedShape: number[];
  declare eps: number | null;
  declare elementwiseAffine: boolean;
  declare weight: Parameter | null;
  constructor(...args: Args<'nn.RMSNorm'>) {
    super();
    const a = bind('nn.RMSNorm', args);
    const shape = a.normalizedShape as number | number[];
    this.normalizedShape = typeof shape === 'number' ? [shape] : [...shape];
    this.eps = a.eps ?? null;
    this.elementwiseAffine = a.elementwiseAffine;
    this.weight = this.elementwiseAffine ? newParameter(this.normalizedShape, a) : null;
    if (this.weight) init.ones_(this.weight);
  }
  forward(input: Tensor): Tensor {
    return F.rmsNorm(input, this.normalizedShape, this.weight, this.eps);
  }
  extraRepr(): string {
    return `${pyValue(this.normalizedShape)}, eps=${this.eps === null ? 'None' : pyFloat(this.eps)}, elementwise_affine=${pyValue(this.elementwiseAffine)}`;
  }
}
