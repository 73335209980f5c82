// Embedding: a lookup table initialised from N(0, 1), with PyTorch's paddingIdx handling.
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';
import { Tensor } from '../../tensor.js';
import * as F from '../functional.js';
import * as init from '../init.js';
import { noGrad } from '../../autograd.js';
import { newParameter, positiveInt, type LayerFactoryOptions } from './common.js';

export class Embedding extends Module {
  declare numEmbeddings: number;
  declare embeddingDim: number;
  declare paddingIdx: number | null;
  declare weight: Parameter;
  constructor(numEmbeddings: number, embeddingDim: number, options: { paddingIdx?: number | null; _weight?: Tensor } & LayerFactoryOptions = {}) {
    super();
    this.numEmbeddings = positiveInt(numEmbeddings, 'numEmbeddings');
    this.embeddingDim = positiveInt(embeddingDim, 'embeddingDim');
    let p = options.paddingIdx ?? null;
    if (p !== null) {
      if (p >= numEmbeddings || p < -numEmbeddings) throw new RangeError('Padding_idx must be within num_embeddings');
      if (p < 0) p += numEmbeddings;
    }
    this.paddingIdx = p;
    this.weight = newParameter([numEmbeddings, embeddingDim], options);
    init.normal_(this.weight);
    if (p !== null) noGrad(() => this.weight.index(p!).fill_(0));
  }
  forward(input: Tensor): Tensor {
    return F.embedding(input, this.weight, this.paddingIdx);
  }
  extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}${this.paddingIdx !== null ? `, padding_idx=${this.paddingIdx}` : ''}`;
  }
}
