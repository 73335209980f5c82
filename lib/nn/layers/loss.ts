// Loss modules over torch.nn.functional; class weights are buffers, as in PyTorch.
import { Module } from '../module.js';
import { Tensor } from '../../tensor.js';
import * as F from '../functional.js';
import { badArg } from '../../errors.js';
import { bind, type Args } from '../../bind.js';

type Reduction = 'mean' | 'sum' | 'none';

abstract class Loss extends Module {
  declare reduction: Reduction;
  /** Python's _Loss: the deprecated sizeAverage/reduce pair, when given, decides the reduction. */
  constructor(a: { sizeAverage?: unknown; reduce?: unknown; reduction?: string }) {
    super();
    const reduction = F.legacyReduction(a.sizeAverage, a.reduce, a.reduction ?? 'mean');
    if (!['mean', 'sum', 'none', 'batchmean'].includes(reduction)) badArg("'mean', 'sum' or 'none'", 'reduction', reduction);
    this.reduction = reduction as Reduction;
  }
}
abstract class WeightedLoss extends Loss {
  declare weight: Tensor | null;
  constructor(a: { sizeAverage?: unknown; reduce?: unknown; reduction?: string; weight?: Tensor | null }) {
    super(a);
    this.registerBuffer('weight', a.weight ?? null);
  }
}

export class CrossEntropyLoss extends WeightedLoss {
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

export class NLLLoss extends WeightedLoss {
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

export class MSELoss extends Loss {
  constructor(...args: Args<'nn.MSELoss'>) { super(bind('nn.MSELoss', args)); }
  forward(input: Tensor, target: Tensor): Tensor { return F.mseLoss(input, target, { reduction: this.reduction }); }
}
export class L1Loss extends Loss {
  constructor(...args: Args<'nn.L1Loss'>) { super(bind('nn.L1Loss', args)); }
  forward(input: Tensor, target: Tensor): Tensor { return F.l1Loss(input, target, { reduction: this.reduction }); }
}
export class SmoothL1Loss extends Loss {
  declare beta: number;
  constructor(...args: Args<'nn.SmoothL1Loss'>) {
    const a = bind('nn.SmoothL1Loss', args);
    super(a);
    this.beta = a.beta;
  }
  forward(input: Tensor, target: Tensor): Tensor { return F.smoothL1Loss(input, target, { reduction: this.reduction, beta: this.beta }); }
}
export class HuberLoss extends Loss {
  declare delta: number;
  constructor(...args: Args<'nn.HuberLoss'>) {
    const a = bind('nn.HuberLoss', args);
    super(a);
    this.delta = a.delta;
  }
  forward(input: Tensor, target: Tensor): Tensor { return F.huberLoss(input, target, { reduction: this.reduction, delta: this.delta }); }
}
export class BCELoss extends WeightedLoss {
  constructor(...args: Args<'nn.BCELoss'>) { super(bind('nn.BCELoss', args)); }
  forward(input: Tensor, target: Tensor): Tensor { return F.binaryCrossEntropy(input, target, { weight: this.weight, reduction: this.reduction }); }
}
export class BCEWithLogitsLoss extends WeightedLoss {
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
export class KLDivLoss extends Loss {
  declare logTarget: boolean;
  constructor(...args: Args<'nn.KLDivLoss'>) {
    const a = bind('nn.KLDivLoss', args);
    super(a);
    this.logTarget = a.logTarget;
  }
  forward(input: Tensor, target: Tensor): Tensor { return F.klDiv(input, target, { reduction: this.reduction, logTarget: this.logTarget }); }
}
