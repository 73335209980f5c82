// Identity, Linear, Bilinear, Flatten, Unflatten.
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';
import { Tensor } from '../../tensor.js';
import * as F from '../functional.js';
import * as init from '../init.js';
import { bind, required as R } from '../args.js';
import { newParameter, positiveInt, type LayerFactoryOptions } from './common.js';
import { pyValue } from '../repr.js';

export class Identity extends Module {
  constructor(..._args: unknown[]) {
    super();
  }
  forward(input: Tensor): Tensor {
    return input;
  }
}

export class Linear extends Module {
  declare inFeatures: number;
  declare outFeatures: number;
  declare weight: Parameter;
  declare bias: Parameter | null;
  constructor(inFeatures: number, outFeatures: number, options: { bias?: boolean } & LayerFactoryOptions = {}) {
    super();
    this.inFeatures = positiveInt(inFeatures, 'inFeatures');
    this.outFeatures = positiveInt(outFeatures, 'outFeatures');
    this.weight = newParameter([outFeatures, inFeatures], options);
    this.bias = options.bias === false ? null : newParameter([outFeatures], options);
    this.resetParameters();
  }
  resetParameters(): void {
    init.kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias) {
      const [fanIn] = init.calculateFanInAndFanOut(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      init.uniform_(this.bias, -bound, bound);
    }
  }
  forward(input: Tensor): Tensor {
    return F.linear(input, this.weight, this.bias);
  }
  extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${pyValue(this.bias !== null)}`;
  }
}

export class Bilinear extends Module {
  declare in1Features: number;
  declare in2Features: number;
  declare outFeatures: number;
  declare weight: Parameter;
  declare bias: Parameter | null;
  constructor(in1Features: number, in2Features: number, outFeatures: number, options: { bias?: boolean } & LayerFactoryOptions = {}) {
    super();
    this.in1Features = positiveInt(in1Features, 'in1Features');
    this.in2Features = positiveInt(in2Features, 'in2Features');
    this.outFeatures = positiveInt(outFeatures, 'outFeatures');
    this.weight = newParameter([outFeatures, in1Features, in2Features], options);
    this.bias = options.bias === false ? null : newParameter([outFeatures], options);
    this.resetParameters();
  }
  resetParameters(): void {
    const bound = 1 / Math.sqrt(this.weight.size(1));
    init.uniform_(this.weight, -bound, bound);
    if (this.bias) init.uniform_(this.bias, -bound, bound);
  }
  forward(input1: Tensor, input2: Tensor): Tensor {
    return F.bilinear(input1, input2, this.weight, this.bias);
  }
  extraRepr(): string {
    return `in1_features=${this.in1Features}, in2_features=${this.in2Features}, out_features=${this.outFeatures}, bias=${pyValue(this.bias !== null)}`;
  }
}

export class Flatten extends Module {
  declare startDim: number;
  declare endDim: number;
  constructor(...args: unknown[]) {
    super();
    const a = bind('Flatten', [['startDim', 1], ['endDim', -1]], args);
    this.startDim = a.startDim;
    this.endDim = a.endDim;
  }
  forward(input: Tensor): Tensor {
    return input.flatten(this.startDim, this.endDim);
  }
  extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}

export class Unflatten extends Module {
  declare dim: number;
  declare unflattenedSize: number[];
  constructor(...args: unknown[]) {
    super();
    const a = bind('Unflatten', [['dim', R], ['unflattenedSize', R]], args);
    this.dim = a.dim;
    this.unflattenedSize = a.unflattenedSize;
  }
  forward(input: Tensor): Tensor {
    const shape = input.shape;
    const d = this.dim < 0 ? this.dim + shape.length : this.dim;
    return input.view([...shape.slice(0, d), ...this.unflattenedSize, ...shape.slice(d + 1)]);
  }
  extraRepr(): string {
    return `dim=${this.dim}, unflattened_size=${pyValue(this.unflattenedSize)}`;
  }
}
