// Loss modules over torch.nn.functional; class weights are buffers, as in PyTorch.
import { Module } from '../module.js';
import { Tensor } from '../../tensor.js';
import * as F from '../functional.js';
import { badArg } from '../../errors.js';
import { bind, type Args } from '../../bind.js';
import { PairwiseDistance } from './distance.js';
import { Linear } from './linear.js';
import { pyFloat } from '../repr.js';

type Reduction = 'mean' | 'sum' | 'none';

abstract class Loss<In extends unknown[] = any[], Out = any> extends Module<In, Out> {
  declare reduction: Reduction;
  /** Python's _Loss: the deprecated sizeAverage/reduce pair, when given, decides the reduction. */
  constructor(a: { sizeAverage?: unknown; reduce?: unknown; reduction?: string }) {
    super();
    const reduction = F.legacyReduction(a.sizeAverage, a.reduce, a.reduction ?? 'mean');
    if (!['mean', 'sum', 'none', 'batchmean'].includes(reduction)) badArg("'mean', 'sum' or 'none'", 'reduction', reduction);
    this.reduction = reduction as Reduction;
  }
}
abstract class WeightedLoss<In extends unknown[] = any[], Out = any> extends Loss<In, Out> {
  declare weight: Tensor | null;
  constructor(a: { sizeAverage?: unknown; reduce?: unknown; reduction?: string; weight?: Tensor | null }) {
    super(a);
    this.registerBuffer('weight', a.weight ?? null);
  }
}

export class CrossEntropyLoss extends WeightedLoss<[input: Tensor, target: Tensor], Tensor> {
  declare ignoreIndex: number;
  declare labelSmoothing: number;
  constructor(...args: Args<'nn.CrossEntropyLoss'>) {
    const a = bind('nn.CrossEntropyLoss', args);
    super(a);
    this.ignoreIndex = a.ignoreIndex;
    this.labelSmoothing = a.labelSmoothing;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.crossEntropy(input, target, { weight: this.weight, ignoreIndex: this.ignoreIndex, reduction: this.reduction, labelSmoothing: this.labelSmoothing });
  }
}

/** cross_entropy over a Linear layer's logits (its weight and bias live here): PyTorch 2.14's LinearCrossEntropyLoss. */
export class LinearCrossEntropyLoss extends WeightedLoss<[input: Tensor, target: Tensor], Tensor> {
  declare numClasses: number;
  declare outFeatures: number[];
  declare ignoreIndex: number | null;
  declare labelSmoothing: number;
  declare options: unknown;
  declare linear: Linear;
  constructor(...args: Args<'nn.LinearCrossEntropyLoss'>) {
    const a = bind('nn.LinearCrossEntropyLoss', args);
    if (a.weight && a.weight.shape.join() !== String(a.numClasses)) throw new Error(`expected weight shape to be (${a.numClasses},), got (${a.weight.shape.join(', ')}${a.weight.dim() === 1 ? ',' : ''})`);
    if (a.labelSmoothing < 0 || a.labelSmoothing > 1.0) throw new Error(`expected label_smoothing to be in range [0, 1], got ${a.labelSmoothing}`);
    super(a);
    this.numClasses = a.numClasses;
    this.outFeatures = [...(a.outFeatures ?? [])];
    this.ignoreIndex = a.ignoreIndex ?? null;
    this.labelSmoothing = a.labelSmoothing;
    this.linear = new Linear(a.inFeatures, this.outFeatures.reduce((x, y) => x * y, a.numClasses), { bias: a.bias, device: a.device, dtype: a.dtype });
    this.options = a.options ?? null;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    const weight = this.linear.weight.reshape([this.numClasses, ...this.outFeatures, this.linear.inFeatures]);
    const bias = this.linear.bias ? this.linear.bias.reshape([this.numClasses, ...this.outFeatures]) : null;
    return F.linearCrossEntropy(input, weight, target, {
      linearBias: bias, weight: this.weight, reduction: this.reduction, ignoreIndex: this.ignoreIndex, labelSmoothing: this.labelSmoothing, options: this.options,
    });
  }
  extraRepr(): string {
    const out = `(${this.outFeatures.join(', ')}${this.outFeatures.length === 1 ? ',' : ''})`;
    return `in_features=${this.linear.inFeatures}, num_classes=${this.numClasses}, out_features=${out}, bias=${this.linear.bias ? 'True' : 'False'}, reduction=${this.reduction}, ignore_index=${this.ignoreIndex ?? 'None'}, label_smoothing=${pyFloat(this.labelSmoothing)}, options=${this.options === null ? 'None' : String(this.options)}`;
  }
}

export class NLLLoss extends WeightedLoss<[input: Tensor, target: Tensor], Tensor> {
  declare ignoreIndex: number;
  constructor(...args: Args<'nn.NLLLoss'>) {
    const a = bind('nn.NLLLoss', args);
    super(a);
    this.ignoreIndex = a.ignoreIndex;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.nllLoss(input, target, { weight: this.weight, ignoreIndex: this.ignoreIndex, reduction: this.reduction });
  }
}

export class MSELoss extends Loss<[input: Tensor, target: Tensor], Tensor> {
  constructor(...args: Args<'nn.MSELoss'>) { super(bind('nn.MSELoss', args)); }
  forward(input: Tensor, target: Tensor): Tensor { return F.mseLoss(input, target, { reduction: this.reduction }); }
}
export class L1Loss extends Loss<[input: Tensor, target: Tensor], Tensor> {
  constructor(...args: Args<'nn.L1Loss'>) { super(bind('nn.L1Loss', args)); }
  forward(input: Tensor, target: Tensor): Tensor { return F.l1Loss(input, target, { reduction: this.reduction }); }
}
export class SmoothL1Loss extends Loss<[input: Tensor, target: Tensor], Tensor> {
  declare beta: number;
  constructor(...args: Args<'nn.SmoothL1Loss'>) {
    const a = bind('nn.SmoothL1Loss', args);
    super(a);
    this.beta = a.beta;
  }
  forward(input: Tensor, target: Tensor): Tensor { return F.smoothL1Loss(input, target, { reduction: this.reduction, beta: this.beta }); }
}
export class HuberLoss extends Loss<[input: Tensor, target: Tensor], Tensor> {
  declare delta: number;
  constructor(...args: Args<'nn.HuberLoss'>) {
    const a = bind('nn.HuberLoss', args);
    super(a);
    this.delta = a.delta;
  }
  forward(input: Tensor, target: Tensor): Tensor { return F.huberLoss(input, target, { reduction: this.reduction, delta: this.delta }); }
}
export class BCELoss extends WeightedLoss<[input: Tensor, target: Tensor], Tensor> {
  constructor(...args: Args<'nn.BCELoss'>) { super(bind('nn.BCELoss', args)); }
  forward(input: Tensor, target: Tensor): Tensor { return F.binaryCrossEntropy(input, target, { weight: this.weight, reduction: this.reduction }); }
}
export class BCEWithLogitsLoss extends WeightedLoss<[input: Tensor, target: Tensor], Tensor> {
  declare pos_weight: Tensor | null;
  constructor(...args: Args<'nn.BCEWithLogitsLoss'>) {
    const a = bind('nn.BCEWithLogitsLoss', args);
    super(a);
    this.registerBuffer('pos_weight', a.posWeight ?? null);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropyWithLogits(input, target, { weight: this.weight, reduction: this.reduction, posWeight: this.pos_weight });
  }
}
export class KLDivLoss extends Loss<[input: Tensor, target: Tensor], Tensor> {
  declare logTarget: boolean;
  constructor(...args: Args<'nn.KLDivLoss'>) {
    const a = bind('nn.KLDivLoss', args);
    super(a);
    this.logTarget = a.logTarget;
  }
  forward(input: Tensor, target: Tensor): Tensor { return F.klDiv(input, target, { reduction: this.reduction, logTarget: this.logTarget }); }
}

export class CosineEmbeddingLoss extends Loss<[input1: Tensor, input2: Tensor, target: Tensor], Tensor> {
  declare margin: number;
  constructor(...args: Args<'nn.CosineEmbeddingLoss'>) {
    const a = bind('nn.CosineEmbeddingLoss', args);
    super(a);
    this.margin = a.margin;
  }
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return F.cosineEmbeddingLoss(input1, input2, target, { margin: this.margin, reduction: this.reduction });
  }
}
export class CTCLoss extends Loss<[logProbs: Tensor, targets: Tensor, inputLengths: Tensor | number[], targetLengths: Tensor | number[]], Tensor> {
  declare blank: number;
  declare zeroInfinity: boolean;
  constructor(...args: Args<'nn.CTCLoss'>) {
    const a = bind('nn.CTCLoss', args);
    super(a);
    this.blank = a.blank;
    this.zeroInfinity = a.zeroInfinity;
  }
  forward(logProbs: Tensor, targets: Tensor, inputLengths: Tensor | number[], targetLengths: Tensor | number[]): Tensor {
    return F.ctcLoss(logProbs, targets, inputLengths as Tensor, targetLengths as Tensor, this.blank, this.reduction, this.zeroInfinity);
  }
}
export class GaussianNLLLoss extends Loss<[input: Tensor, target: Tensor, variance: Tensor | number], Tensor> {
  declare full: boolean;
  declare eps: number;
  constructor(...args: Args<'nn.GaussianNLLLoss'>) {
    const a = bind('nn.GaussianNLLLoss', args);
    super(a);
    this.full = a.full;
    this.eps = a.eps;
  }
  forward(input: Tensor, target: Tensor, variance: Tensor | number): Tensor {
    return F.gaussianNllLoss(input, target, variance, { full: this.full, eps: this.eps, reduction: this.reduction });
  }
}
export class HingeEmbeddingLoss extends Loss<[input: Tensor, target: Tensor], Tensor> {
  declare margin: number;
  constructor(...args: Args<'nn.HingeEmbeddingLoss'>) {
    const a = bind('nn.HingeEmbeddingLoss', args);
    super(a);
    this.margin = a.margin;
  }
  forward(input: Tensor, target: Tensor): Tensor { return F.hingeEmbeddingLoss(input, target, { margin: this.margin, reduction: this.reduction }); }
}
export class MarginRankingLoss extends Loss<[input1: Tensor, input2: Tensor, target: Tensor], Tensor> {
  declare margin: number;
  constructor(...args: Args<'nn.MarginRankingLoss'>) {
    const a = bind('nn.MarginRankingLoss', args);
    super(a);
    this.margin = a.margin;
  }
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return F.marginRankingLoss(input1, input2, target, { margin: this.margin, reduction: this.reduction });
  }
}
export class MultiLabelMarginLoss extends Loss<[input: Tensor, target: Tensor], Tensor> {
  constructor(...args: Args<'nn.MultiLabelMarginLoss'>) { super(bind('nn.MultiLabelMarginLoss', args)); }
  forward(input: Tensor, target: Tensor): Tensor { return F.multilabelMarginLoss(input, target, { reduction: this.reduction }); }
}
export class MultiLabelSoftMarginLoss extends WeightedLoss<[input: Tensor, target: Tensor], Tensor> {
  constructor(...args: Args<'nn.MultiLabelSoftMarginLoss'>) { super(bind('nn.MultiLabelSoftMarginLoss', args)); }
  forward(input: Tensor, target: Tensor): Tensor { return F.multilabelSoftMarginLoss(input, target, { weight: this.weight, reduction: this.reduction }); }
}
export class MultiMarginLoss extends WeightedLoss<[input: Tensor, target: Tensor], Tensor> {
  declare p: number;
  declare margin: number;
  constructor(...args: Args<'nn.MultiMarginLoss'>) {
    const a = bind('nn.MultiMarginLoss', args);
    if (a.p !== 1 && a.p !== 2) throw new RangeError('only p == 1 and p == 2 supported');
    if (a.weight != null && a.weight.dim() !== 1) throw new RangeError(`MultiMarginLoss: expected weight to be None or 1D tensor, got ${a.weight.dim()}D instead`);
    super(a);
    this.p = a.p;
    this.margin = a.margin;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.multiMarginLoss(input, target, { p: this.p, margin: this.margin, weight: this.weight, reduction: this.reduction });
  }
}
export class PoissonNLLLoss extends Loss<[logInput: Tensor, target: Tensor], Tensor> {
  declare logInput: boolean;
  declare full: boolean;
  declare eps: number;
  constructor(...args: Args<'nn.PoissonNLLLoss'>) {
    const a = bind('nn.PoissonNLLLoss', args);
    super(a);
    Object.assign(this, { logInput: a.logInput, full: a.full, eps: a.eps });
  }
  forward(logInput: Tensor, target: Tensor): Tensor {
    return F.poissonNllLoss(logInput, target, { logInput: this.logInput, full: this.full, eps: this.eps, reduction: this.reduction });
  }
}
export class SoftMarginLoss extends Loss<[input: Tensor, target: Tensor], Tensor> {
  constructor(...args: Args<'nn.SoftMarginLoss'>) { super(bind('nn.SoftMarginLoss', args)); }
  forward(input: Tensor, target: Tensor): Tensor { return F.softMarginLoss(input, target, { reduction: this.reduction }); }
}
export class TripletMarginLoss extends Loss<[anchor: Tensor, positive: Tensor, negative: Tensor], Tensor> {
  declare margin: number;
  declare p: number;
  declare eps: number;
  declare swap: boolean;
  constructor(...args: Args<'nn.TripletMarginLoss'>) {
    const a = bind('nn.TripletMarginLoss', args);
    super(a);
    if (a.margin <= 0) throw new RangeError(`TripletMarginLoss: expected margin to be greater than 0, got ${a.margin} instead`);
    Object.assign(this, { margin: a.margin, p: a.p, eps: a.eps, swap: a.swap });
  }
  forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return F.tripletMarginLoss(anchor, positive, negative, { margin: this.margin, p: this.p, eps: this.eps, swap: this.swap, reduction: this.reduction });
  }
}
export class TripletMarginWithDistanceLoss extends Loss<[anchor: Tensor, positive: Tensor, negative: Tensor], Tensor> {
  declare margin: number;
  declare swap: boolean;
  declare distanceFunction: ((x: Tensor, y: Tensor) => Tensor) | Module;
  constructor(...args: Args<'nn.TripletMarginWithDistanceLoss'>) {
    const a = bind('nn.TripletMarginWithDistanceLoss', args);
    super(a);
    if (a.margin <= 0) throw new RangeError(`TripletMarginWithDistanceLoss: expected margin to be greater than 0, got ${a.margin} instead`);
    // the default is a PairwiseDistance module, a child (it prints), as in PyTorch
    const fn = a.distanceFunction ?? new PairwiseDistance();
    if (fn instanceof Module) this.addModule('distance_function', fn);
    else Object.defineProperty(this, 'distance_function', { value: fn, writable: true, enumerable: false });
    this.margin = a.margin;
    this.swap = a.swap;
  }
  forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    const fn = (this as any).distance_function as (x: Tensor, y: Tensor) => Tensor;
    return F.tripletMarginWithDistanceLoss(anchor, positive, negative, { distanceFunction: fn, margin: this.margin, swap: this.swap, reduction: this.reduction });
  }
}
