// MaxPool1d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, AdaptiveMaxPool2d.
import { Module } from '../module.js';
import { Tensor } from '../../tensor.js';
import * as F from '../functional.js';
import { bind, type Args } from '../../bind.js';
import { pyValue } from '../repr.js';

type IntOrTuple = number | number[];

class MaxPoolNd extends Module {
  declare kernelSize: IntOrTuple;
  declare stride: IntOrTuple;
  declare padding: IntOrTuple;
  declare dilation: IntOrTuple;
  declare returnIndices: boolean;
  declare ceilMode: boolean;
  constructor(a: { kernelSize: IntOrTuple; stride?: IntOrTuple | null; padding: IntOrTuple; dilation: IntOrTuple; returnIndices: boolean; ceilMode: boolean }) {
    super();
    this.kernelSize = a.kernelSize;
    this.stride = a.stride ?? a.kernelSize;
    this.padding = a.padding;
    this.dilation = a.dilation;
    this.returnIndices = a.returnIndices;
    this.ceilMode = a.ceilMode;
  }
  extraRepr(): string {
    return `kernel_size=${pyValue(this.kernelSize)}, stride=${pyValue(this.stride)}, padding=${pyValue(this.padding)}, dilation=${pyValue(this.dilation)}, ceil_mode=${pyValue(this.ceilMode)}`;
  }
}

export class MaxPool1d extends MaxPoolNd {
  constructor(...args: Args<'nn.MaxPool1d'>) {
    super(bind('nn.MaxPool1d', args));
  }
  forward(input: Tensor): Tensor {
    return F.maxPool1d(input, this.kernelSize, this.stride, this.padding, this.dilation, this.ceilMode, this.returnIndices);
  }
}
export class MaxPool2d extends MaxPoolNd {
  constructor(...args: Args<'nn.MaxPool2d'>) {
    super(bind('nn.MaxPool2d', args));
  }
  forward(input: Tensor): Tensor {
    return F.maxPool2d(input, this.kernelSize, this.stride, this.padding, this.dilation, this.ceilMode, this.returnIndices);
  }
}

export class AvgPool2d extends Module {
  declare kernelSize: IntOrTuple;
  declare stride: IntOrTuple;
  declare padding: IntOrTuple;
  declare ceilMode: boolean;
  declare countIncludePad: boolean;
  declare divisorOverride: number | null;
  constructor(...args: Args<'nn.AvgPool2d'>) {
    super();
    const a = bind('nn.AvgPool2d', args);
    Object.assign(this, { kernelSize: a.kernelSize, stride: a.stride ?? a.kernelSize, padding: a.padding, ceilMode: a.ceilMode,
      countIncludePad: a.countIncludePad, divisorOverride: a.divisorOverride });
  }
  forward(input: Tensor): Tensor {
    return F.avgPool2d(input, this.kernelSize, this.stride, this.padding, this.ceilMode, this.countIncludePad, this.divisorOverride);
  }
  extraRepr(): string {
    return `kernel_size=${pyValue(this.kernelSize)}, stride=${pyValue(this.stride)}, padding=${pyValue(this.padding)}`;
  }
}

export class AdaptiveAvgPool2d extends Module {
  declare outputSize: IntOrTuple;
  constructor(...args: Args<'nn.AdaptiveAvgPool2d'>) {
    super();
    this.outputSize = bind('nn.AdaptiveAvgPool2d', args).outputSize as IntOrTuple;
  }
  forward(input: Tensor): Tensor {
    return F.adaptiveAvgPool2d(input, this.outputSize);
  }
  extraRepr(): string {
    return `output_size=${pyValue(this.outputSize)}`;
  }
}

export class AdaptiveMaxPool2d extends Module {
  declare outputSize: IntOrTuple;
  declare returnIndices: boolean;
  constructor(...args: Args<'nn.AdaptiveMaxPool2d'>) {
    super();
    const a = bind('nn.AdaptiveMaxPool2d', args);
    this.outputSize = a.outputSize as IntOrTuple;
    this.returnIndices = a.returnIndices;
  }
  forward(input: Tensor): Tensor | Tensor[] {
    return F.adaptiveMaxPool2d(input, this.outputSize, this.returnIndices);
  }
  extraRepr(): string {
    return `output_size=${pyValue(this.outputSize)}`;
  }
}
