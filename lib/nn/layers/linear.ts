// Identity, Linear, Bilinear, Flatten, Unflatten.
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';
import { Tensor } from '../../tensor.js';
import * as F from '../functional.js';
import * as init from '../init.js';
import { bind, type Args } from '../../bind.js';
import { newParameter, positiveInt, resetKaimingUniform } from './common.js';
import { pyValue } from '../repr.js';

export class Identity extends Module<[input: Tensor], Tensor> {
  /** Any arguments, ignored (as Python's Identity(*args, **kwargs)). */
  constructor(...args: unknown[]) {
    super();
    bind('nn.Identity', args);
  }
  forward(input: Tensor): Tensor {
    return input;
  }
}

export class Linear extends Module<[input: Tensor], Tensor> {
  declare inFeatures: number;
  declare outFeatures: number;
  declare weight: Parameter;
  declare bias: Parameter | null;
  constructor(...args: Args<'nn.Linear'>) {
    super();
    const a = bind('nn.Linear', args);
    this.inFeatures = positiveInt(a.inFeatures, 'inFeatures');
    this.outFeatures = positiveInt(a.outFeatures, 'outFeatures');
    this.weight = newParameter([a.outFeatures, a.inFeatures], a);
    this.bias = a.bias ? newParameter([a.outFeatures], a) : null;
    this.resetParameters();
  }
  resetParameters(): void {
    resetKaimingUniform(this.weight, this.bias, 'draw');
  }
  forward(input: Tensor): Tensor {
    return F.linear(input, this.weight, this.bias);
  }
  extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${pyValue(this.bias !== null)}`;
  }
}

export class Bilinear extends Module<[input1: Tensor, input2: Tensor], Tensor> {
  declare in1Features: number;
  declare in2Features: number;
  declare outFeatures: number;
  declare weight: Parameter;
  declare bias: Parameter | null;
  constructor(...args: Args<'nn.Bilinear'>) {
    super();
    const a = bind('nn.Bilinear', args);
    this.in1Features = positiveInt(a.in1Features, 'in1Features');
    this.in2Features = positiveInt(a.in2Features, 'in2Features');
    this.outFeatures = positiveInt(a.outFeatures, 'outFeatures');
    this.weight = newParameter([a.outFeatures, a.in1Features, a.in2Features], a);
    this.bias = a.bias ? newParameter([a.outFeatures], a) : null;
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

export class Flatten extends Module<[input: Tensor], Tensor> {
  declare startDim: number;
  declare endDim: number;
  constructor(...args: Args<'nn.Flatten'>) {
    super();
    const a = bind('nn.Flatten', args);
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

export class Unflatten extends Module<[input: Tensor], Tensor> {
  declare dim: number;
  declare unflattenedSize: number[];
  constructor(...args: Args<'nn.Unflatten'>) {
    super();
    const a = bind('nn.Unflatten', args);
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
