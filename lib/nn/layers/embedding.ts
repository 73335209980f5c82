// Embedding and EmbeddingBag: lookup tables initialised from N(0, 1), with PyTorch's paddingIdx handling.
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';
import { Tensor } from '../../tensor.js';
import * as F from '../functional.js';
import * as init from '../init.js';
import { noGrad } from '../../autograd.js';
import { newParameter, positiveInt } from './common.js';
import { bind, type Args } from '../../bind.js';
import { badArg } from '../../errors.js';
import { pyNum, pyValue } from '../repr.js';
import { releaseAtLeast } from '../../release.js';

// PyTorch 2 prints the mode as a string literal (mode='mean')
const quotesMode = releaseAtLeast(2, 0);

export class Embedding extends Module<[input: Tensor], Tensor> {
  declare numEmbeddings: number;
  declare embeddingDim: number;
  declare paddingIdx: number | null;
  declare weight: Parameter;
  constructor(...args: Args<'nn.Embedding'>) {
    super();
    const options = bind('nn.Embedding', args);
    const numEmbeddings = positiveInt(options.numEmbeddings, 'numEmbeddings');
    const embeddingDim = positiveInt(options.embeddingDim, 'embeddingDim');
    this.numEmbeddings = numEmbeddings;
    this.embeddingDim = embeddingDim;
    for (const k of ['maxNorm', 'scaleGradByFreq', 'sparse'] as const) {
      if (options[k] !== null && options[k] !== false && options[k] !== undefined) throw new TypeError(`Embedding(): torch-node does not support ${k} yet`);
    }
    let p = options.paddingIdx ?? null;
    if (p !== null) {
      if (p >= numEmbeddings || p < -numEmbeddings) throw new RangeError('Padding_idx must be within num_embeddings');
      if (p < 0) p += numEmbeddings;
    }
    this.paddingIdx = p;
    if (options._weight != null) {
      if (!(options._weight instanceof Tensor) || options._weight.shape.join() !== [numEmbeddings, embeddingDim].join()) badArg(`a Tensor of shape [${numEmbeddings}, ${embeddingDim}]`, '_weight', options._weight);
      this.weight = new Parameter(options._weight, !options.freeze);
    } else {
      this.weight = newParameter([numEmbeddings, embeddingDim], options);
      init.normal_(this.weight);
      if (p !== null) noGrad(() => this.weight.index(p!).fill_(0));
    }
  }
  forward(input: Tensor): Tensor {
    return F.embedding(input, this.weight, this.paddingIdx);
  }
  extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}${this.paddingIdx !== null ? `, padding_idx=${this.paddingIdx}` : ''}`;
  }
}

export class EmbeddingBag extends Module<[input: Tensor, offsets?: Tensor | null, perSampleWeights?: Tensor | null], Tensor> {
  declare numEmbeddings: number;
  declare embeddingDim: number;
  declare maxNorm: number | null;
  declare normType: number;
  declare scaleGradByFreq: boolean;
  declare mode: 'sum' | 'mean' | 'max';
  declare sparse: boolean;
  declare includeLastOffset: boolean;
  declare paddingIdx: number | null;
  declare weight: Parameter;
  constructor(...args: Args<'nn.EmbeddingBag'>) {
    super();
    const a = bind('nn.EmbeddingBag', args);
    const numEmbeddings = positiveInt(a.numEmbeddings, 'numEmbeddings');
    const embeddingDim = positiveInt(a.embeddingDim, 'embeddingDim');
    if (!['sum', 'mean', 'max'].includes(a.mode)) throw new RangeError('mode has to be one of sum, mean or max');
    let p = a.paddingIdx ?? null;
    if (p !== null) {
      if (p >= numEmbeddings || p < -numEmbeddings) throw new RangeError('padding_idx must be within num_embeddings');
      if (p < 0) p += numEmbeddings;
    }
    Object.assign(this, { numEmbeddings, embeddingDim, maxNorm: a.maxNorm ?? null, normType: a.normType, scaleGradByFreq: a.scaleGradByFreq,
      mode: a.mode, sparse: a.sparse, includeLastOffset: a.includeLastOffset, paddingIdx: p });
    if (a._weight != null) {
      if (!(a._weight instanceof Tensor) || a._weight.shape.join() !== [numEmbeddings, embeddingDim].join()) badArg(`a Tensor of shape [${numEmbeddings}, ${embeddingDim}]`, '_weight', a._weight);
      this.weight = new Parameter(a._weight);
    } else {
      this.weight = newParameter([numEmbeddings, embeddingDim], a);
      init.normal_(this.weight);
      if (p !== null) noGrad(() => this.weight.index(p!).fill_(0));
    }
  }
  forward(input: Tensor, offsets: Tensor | null = null, perSampleWeights: Tensor | null = null): Tensor {
    return F.embeddingBag(input, this.weight, offsets, this.maxNorm, this.normType, this.scaleGradByFreq, this.mode, this.sparse, perSampleWeights,
      this.includeLastOffset, this.paddingIdx);
  }
  extraRepr(): string {
    let s = `${this.numEmbeddings}, ${this.embeddingDim}`;
    if (this.maxNorm !== null) s += `, max_norm=${pyNum(this.maxNorm)}`;
    if (this.normType !== 2) s += `, norm_type=${pyNum(this.normType)}`;
    if (this.scaleGradByFreq) s += ', scale_grad_by_freq=True';
    s += `, mode=${quotesMode ? pyValue(this.mode) : this.mode}`;
    if (this.paddingIdx !== null) s += `, padding_idx=${this.paddingIdx}`;
    return s;
  }
}
