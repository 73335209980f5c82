// Embedding: a lookup table initialised from N(0, 1), with PyTorch's paddingIdx handling.
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';
import { Tensor } from '../../tensor.js';
import * as F from '../functional.js';
import * as init from '../init.js';
import { noGrad } from '../../autograd.js';
import { newParameter, positiveInt } from './common.js';
import { bind, type Args } from '../../bind.js';
import { badArg } from '../../errors.js';

export class Embedding extends Module {
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
