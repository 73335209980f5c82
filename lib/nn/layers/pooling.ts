// MaxPool1d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, AdaptiveMaxPool2d.
import { Module } from '../module.js';
import { Tensor } from '../../tensor.js';
import * as F from '../functional.js';
import { bind, required as R } from '../args.js';
import { pyValue } from '../repr.js';

type IntOrTuple = number | number[];

class MaxPoolNd extends Module {
  declare kernelSize: IntOrTuple;
  declare stride: IntOrTuple;
  declare padding: IntOrTuple;
  declare dilation: IntOrTuple;
  declare returnIndices: boolean;
  declare ceilMode: boolean;
  constructor(name: string, args: unknown[]) {
    super();
    const a = bind(name, [['kernelSize', R], ['stride', null], ['padding', 0], ['dilation', 1], ['returnIndices', false], ['ceilMode', false]], args);
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
  constructor(kernelSize: IntOrTuple, ...rest: unknown[]) {
    super('MaxPool1d', [kernelSize, ...rest]);
  }
  forward(input: Tensor): Tensor {
    return F.maxPool1d(input, this.kernelSize, this.stride, this.padding, this.dilation, this.ceilMode, this.returnIndices);
  }
}
export class MaxPool2d extends MaxPoolNd {
  constructor(kernelSize: IntOrTuple, ...rest: unknown[]) {
    super('MaxPool2d', [kernelSize, ...rest]);
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
  constructor(kernelSize: IntOrTuple, ...rest: unknown[]) {
    super();
    const a = bind('AvgPool2d', [['kernelSize', R], ['stride', null], ['padding', 0], ['ceilMode', false], ['countIncludePad', true], ['divisorOverride', null]], [kernelSize, ...rest]);
    Object.assign(this, { ...a, stride: a.stride ?? a.kernelSize });
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
  constructor(outputSize: IntOrTuple) {
    super();
    this.outputSize = outputSize;
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
  constructor(outputSize: IntOrTuple, returnIndices = false) {
    super();
    this.outputSize = outputSize;
    this.returnIndices = returnIndices;
  }
  forward(input: Tensor): Tensor | Tensor[] {
    return F.adaptiveMaxPool2d(input, this.outputSize, this.returnIndices);
  }
  extraRepr(): string {
    return `output_size=${pyValue(this.outputSize)}`;
  }
}
