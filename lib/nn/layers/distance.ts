// PairwiseDistance and CosineSimilarity.
import { Module } from '../module.js';
import { Tensor } from '../../tensor.js';
import * as F from '../functional.js';
import { bind, type Args } from '../../bind.js';

export class PairwiseDistance extends Module<[x1: Tensor, x2: Tensor], Tensor> {
  declare norm: number;
  declare eps: number;
  declare keepdim: boolean;
  constructor(...args: Args<'nn.PairwiseDistance'>) {
    super();
    const a = bind('nn.PairwiseDistance', args);
    Object.assign(this, { norm: a.p, eps: a.eps, keepdim: a.keepdim });
  }
  forward(x1: Tensor, x2: Tensor): Tensor { return F.pairwiseDistance(x1, x2, this.norm, this.eps, this.keepdim); }
}
export class CosineSimilarity extends Module<[x1: Tensor, x2: Tensor], Tensor> {
  declare dim: number;
  declare eps: number;
  constructor(...args: Args<'nn.CosineSimilarity'>) {
    super();
    const a = bind('nn.CosineSimilarity', args);
    Object.assign(this, { dim: a.dim, eps: a.eps });
  }
  forward(x1: Tensor, x2: Tensor): Tensor { return F.cosineSimilarity(x1, x2, this.dim, this.eps); }
}
