// nn.AdaptiveLogSoftmaxWithLoss (Grave et al., "Efficient softmax approximation for GPUs"): a head
// over the frequent classes plus one entry per cluster of rarer classes, each cluster with its own
// low-rank projection; written as PyTorch's module computes it, with its layer names.
import { Module } from '../module.js';
import { Tensor, namedTuple } from '../../tensor.js';
import * as F from '../functional.js';
import { bind, type Args } from '../../bind.js';
import { describe } from '../../errors.js';
import { argmax, cat } from '../../generated/functions.js';
import { positiveInt } from './common.js';
import { Linear } from './linear.js';
import { ModuleList, Sequential } from './container.js';

/** AdaptiveLogSoftmaxWithLoss's result: [output, loss], also by name. */
export type ASMOutput = [output: Tensor, loss: Tensor] & { output: Tensor; loss: Tensor };

export class AdaptiveLogSoftmaxWithLoss extends Module<[input: Tensor, target: Tensor], ASMOutput> {
  declare inFeatures: number;
  declare nClasses: number;
  declare cutoffs: number[];
  declare divValue: number;
  declare headBias: boolean;
  declare shortlistSize: number;
  declare nClusters: number;
  declare headSize: number;
  declare head: Linear;
  declare tail: ModuleList;
  constructor(...args: Args<'nn.AdaptiveLogSoftmaxWithLoss'>) {
    super();
    const a = bind('nn.AdaptiveLogSoftmaxWithLoss', args);
    const nClasses = positiveInt(a.nClasses, 'nClasses');
    const cutoffs = Array.isArray(a.cutoffs) ? [...a.cutoffs] : null;
    if (!cutoffs || cutoffs.length === 0) throw new RangeError('cutoffs should be a sequence of length larger than 0');
    const sorted = [...cutoffs].sort((x, y) => x - y);
    if (cutoffs.some((c, i) => c !== sorted[i] || !Number.isInteger(c)) || Math.min(...cutoffs) <= 0 || Math.max(...cutoffs) > nClasses - 1 || new Set(cutoffs).size !== cutoffs.length) {
      throw new RangeError('cutoffs should be a sequence of unique, positive integers sorted in an increasing order, where each value is between 1 and n_classes-1');
    }
    this.inFeatures = positiveInt(a.inFeatures, 'inFeatures');
    this.nClasses = nClasses;
    this.cutoffs = [...cutoffs, nClasses];
    this.divValue = a.divValue;
    this.headBias = a.headBias;
    this.shortlistSize = this.cutoffs[0];
    this.nClusters = this.cutoffs.length - 1;
    this.headSize = this.shortlistSize + this.nClusters;
    const f = { device: a.device, dtype: a.dtype };
    this.head = new Linear(this.inFeatures, this.headSize, { bias: this.headBias, ...f });
    this.tail = new ModuleList();
    for (let i = 0; i < this.nClusters; i++) {
      const hsz = Math.floor(this.inFeatures / this.divValue ** (i + 1));
      const osz = this.cutoffs[i + 1] - this.cutoffs[i];
      this.tail.append(new Sequential(new Linear(this.inFeatures, hsz, { bias: false, ...f }), new Linear(hsz, osz, { bias: false, ...f })));
    }
  }
  resetParameters(): void {
    this.head.resetParameters();
    for (const proj of this.tail.children()) for (const l of proj.children()) (l as Linear).resetParameters();
  }
  /** The target class's log-probability for each row, and the mean negative log-likelihood. */
  forward(input_: Tensor, target_: Tensor): ASMOutput {
    if (!(input_ instanceof Tensor)) throw new TypeError(`Expected a Tensor for input but received ${describe(input_)}`);
    if (!(target_ instanceof Tensor)) throw new TypeError(`Expected a Tensor for target but received ${describe(target_)}`);
    const targDim = target_.dim();
    const size = (t: Tensor) => `torch.Size([${t.shape.join(', ')}])`;
    if (targDim === 1) {
      if (input_.size(0) !== target_.size(0)) throw new Error('Input and target should have the same size in the batch dimension.');
      if (input_.dim() !== 2) throw new Error(`1D target tensor expects 2D input tensors, but found inputs with size ${size(input_)}`);
    } else if (targDim === 0) {
      if (input_.dim() !== 1) throw new Error(`0D target tensor expects 1D input tensors, but found inputs with size ${size(input_)}`);
    } else throw new Error('0D or 1D target tensor expected, multi-target not supported');
    const batched = targDim > 0;
    const input = batched ? input_ : input_.unsqueeze(0);
    const target = batched ? target_ : target_.unsqueeze(0);
    const batchSize = target.size(0);
    let output = input.newZeros([batchSize]);
    const gatherInds = target.newEmpty([batchSize]);
    const bounds = [0, ...this.cutoffs];
    let usedRows = 0;
    for (let i = 0; i < bounds.length - 1; i++) {
      const mask = target.ge(bounds[i]).logicalAnd(target.lt(bounds[i + 1]));
      const rows = mask.nonzero().reshape(-1);
      if (rows.numel() === 0) continue;
      if (i === 0) gatherInds.indexCopy_(0, rows, target.maskedSelect(mask));
      else {
        const relative = target.maskedSelect(mask).sub(bounds[i]);
        const clusterOutput = (this.tail.get(i - 1) as Module)(input.indexSelect(0, rows)) as Tensor;
        gatherInds.indexFill_(0, rows, this.shortlistSize + i - 1);
        const local = F.logSoftmax(clusterOutput, { dim: 1 }).gather(1, relative.unsqueeze(1));
        output = output.indexCopy_(0, rows, local.squeeze(1));
      }
      usedRows += rows.numel();
    }
    if (usedRows !== batchSize) {
      throw new Error(`Target values should be in [0, ${this.nClasses - 1}], but values in range [${target.min().item()}, ${target.max().item()}] were found. `);
    }
    const headLogprob = F.logSoftmax(this.head(input), { dim: 1 });
    output = output.add_(headLogprob.gather(1, gatherInds.unsqueeze(1)).squeeze());
    const loss = output.neg().mean();
    return namedTuple([batched ? output : output.squeeze(0), loss], ['output', 'loss'], '_ASMoutput') as ASMOutput;
  }
  private fullLogProb(input: Tensor, headOutput: Tensor): Tensor {
    const headLogprob = F.logSoftmax(headOutput, { dim: 1 });
    const parts = [headLogprob.narrow(1, 0, this.shortlistSize)];
    [...this.tail.children()].forEach((proj, i) => {
      const cluster = F.logSoftmax(proj(input) as Tensor, { dim: 1 });
      parts.push(cluster.add(headLogprob.select(1, this.shortlistSize + i).unsqueeze(1)));
    });
    return cat(parts, 1);
  }
  /** log P(class | input) for every class: N × nClasses. */
  logProb(input: Tensor): Tensor {
    return this.fullLogProb(input, this.head(input));
  }
  /** The most likely class of each row (the head decides unless a cluster wins). */
  predict(input: Tensor): Tensor {
    const headOutput = this.head(input);
    const output = argmax(headOutput, { dim: 1 });
    const notInShortlist = output.ge(this.shortlistSize);
    if (!notInShortlist.any().item()) return output;
    if (notInShortlist.all().item()) return argmax(this.fullLogProb(input, headOutput), { dim: 1 });
    const rows = notInShortlist.nonzero().reshape(-1);
    const sub = argmax(this.fullLogProb(input.indexSelect(0, rows), headOutput.indexSelect(0, rows)), { dim: 1 });
    return output.indexCopy_(0, rows, sub);
  }
}
