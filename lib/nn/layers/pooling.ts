// The pooling layers: max, average, adaptive, power-average, unpooling and fractional max pooling.
import { Module } from '../module.js';
import { Tensor } from '../../tensor.js';
import * as F from '../functional.js';
import { bind, type Args } from '../../bind.js';
import { pyValue } from '../repr.js';

type IntOrTuple = number | number[];

class MaxPoolNd<In extends unknown[] = any[], Out = any> extends Module<In, Out> {
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

export class MaxPool1d extends MaxPoolNd<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.MaxPool1d'>) {
    super(bind('nn.MaxPool1d', args));
  }
  forward(input: Tensor): Tensor {
    return F.maxPool1d(input, this.kernelSize, this.stride, this.padding, this.dilation, this.ceilMode, this.returnIndices);
  }
}
export class MaxPool2d extends MaxPoolNd<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.MaxPool2d'>) {
    super(bind('nn.MaxPool2d', args));
  }
  forward(input: Tensor): Tensor {
    return F.maxPool2d(input, this.kernelSize, this.stride, this.padding, this.dilation, this.ceilMode, this.returnIndices);
  }
}

/** AvgPool2d and AvgPool3d: kernel, stride and padding as given (int or tuple). */
abstract class AvgPoolNd<In extends unknown[] = any[], Out = any> extends Module<In, Out> {
  declare kernelSize: IntOrTuple;
  declare stride: IntOrTuple;
  declare padding: IntOrTuple;
  declare ceilMode: boolean;
  declare countIncludePad: boolean;
  declare divisorOverride: number | null;
  constructor(a: { kernelSize: IntOrTuple; stride?: IntOrTuple | null; padding: IntOrTuple; ceilMode: boolean; countIncludePad: boolean; divisorOverride?: number | null }) {
    super();
    Object.assign(this, { kernelSize: a.kernelSize, stride: a.stride ?? a.kernelSize, padding: a.padding, ceilMode: a.ceilMode,
      countIncludePad: a.countIncludePad, divisorOverride: a.divisorOverride ?? null });
  }
  extraRepr(): string {
    return `kernel_size=${pyValue(this.kernelSize)}, stride=${pyValue(this.stride)}, padding=${pyValue(this.padding)}`;
  }
}
export class AvgPool2d extends AvgPoolNd<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.AvgPool2d'>) {
    super(bind('nn.AvgPool2d', args));
  }
  forward(input: Tensor): Tensor {
    return F.avgPool2d(input, this.kernelSize, this.stride, this.padding, this.ceilMode, this.countIncludePad, this.divisorOverride);
  }
}

export class AdaptiveAvgPool2d extends Module<[input: Tensor], Tensor> {
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

export class AdaptiveMaxPool2d extends Module<[input: Tensor], Tensor | Tensor[]> {
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

export class MaxPool3d extends MaxPoolNd<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.MaxPool3d'>) {
    super(bind('nn.MaxPool3d', args));
  }
  forward(input: Tensor): Tensor {
    return F.maxPool3d(input, this.kernelSize, this.stride, this.padding, this.dilation, this.ceilMode, this.returnIndices);
  }
}
const single = (v: IntOrTuple) => (Array.isArray(v) ? v : [v]);
export class AvgPool1d extends Module<[input: Tensor], Tensor> {
  declare kernelSize: number[];
  declare stride: number[];
  declare padding: number[];
  declare ceilMode: boolean;
  declare countIncludePad: boolean;
  constructor(...args: Args<'nn.AvgPool1d'>) {
    super();
    const a = bind('nn.AvgPool1d', args);
    Object.assign(this, { kernelSize: single(a.kernelSize), stride: single(a.stride ?? a.kernelSize), padding: single(a.padding), ceilMode: a.ceilMode,
      countIncludePad: a.countIncludePad });
  }
  forward(input: Tensor): Tensor {
    return F.avgPool1d(input, this.kernelSize, this.stride, this.padding, this.ceilMode, this.countIncludePad);
  }
  extraRepr(): string {
    return `kernel_size=${pyValue(this.kernelSize)}, stride=${pyValue(this.stride)}, padding=${pyValue(this.padding)}`;
  }
}
export class AvgPool3d extends AvgPoolNd<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.AvgPool3d'>) {
    super(bind('nn.AvgPool3d', args));
  }
  forward(input: Tensor): Tensor {
    return F.avgPool3d(input, this.kernelSize, this.stride, this.padding, this.ceilMode, this.countIncludePad, this.divisorOverride);
  }
}
abstract class AdaptivePool<In extends unknown[] = any[], Out = any> extends Module<In, Out> {
  declare outputSize: IntOrTuple;
  declare returnIndices: boolean;
  constructor(a: { outputSize: unknown; returnIndices?: boolean }) {
    super();
    this.outputSize = a.outputSize as IntOrTuple;
    if (a.returnIndices !== undefined) this.returnIndices = a.returnIndices;
  }
  extraRepr(): string {
    return `output_size=${pyValue(this.outputSize)}`;
  }
}
export class AdaptiveAvgPool1d extends AdaptivePool<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.AdaptiveAvgPool1d'>) { super(bind('nn.AdaptiveAvgPool1d', args)); }
  forward(input: Tensor): Tensor { return F.adaptiveAvgPool1d(input, this.outputSize); }
}
export class AdaptiveAvgPool3d extends AdaptivePool<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.AdaptiveAvgPool3d'>) { super(bind('nn.AdaptiveAvgPool3d', args)); }
  forward(input: Tensor): Tensor { return F.adaptiveAvgPool3d(input, this.outputSize); }
}
export class AdaptiveMaxPool1d extends AdaptivePool<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.AdaptiveMaxPool1d'>) { super(bind('nn.AdaptiveMaxPool1d', args)); }
  forward(input: Tensor): Tensor { return F.adaptiveMaxPool1d(input, this.outputSize, this.returnIndices); }
}
export class AdaptiveMaxPool3d extends AdaptivePool<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.AdaptiveMaxPool3d'>) { super(bind('nn.AdaptiveMaxPool3d', args)); }
  forward(input: Tensor): Tensor { return F.adaptiveMaxPool3d(input, this.outputSize, this.returnIndices); }
}
abstract class LPPool<In extends unknown[] = any[], Out = any> extends Module<In, Out> {
  declare normType: number;
  declare kernelSize: IntOrTuple;
  declare stride: IntOrTuple | null;
  declare ceilMode: boolean;
  constructor(a: { normType: number; kernelSize: unknown; stride?: unknown; ceilMode: boolean }) {
    super();
    Object.assign(this, { normType: a.normType, kernelSize: a.kernelSize, stride: a.stride ?? null, ceilMode: a.ceilMode });
  }
  extraRepr(): string {
    return `norm_type=${this.normType}, kernel_size=${pyValue(this.kernelSize)}, stride=${pyValue(this.stride)}, ceil_mode=${pyValue(this.ceilMode)}`;
  }
}
export class LPPool1d extends LPPool<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.LPPool1d'>) { super(bind('nn.LPPool1d', args)); }
  forward(input: Tensor): Tensor { return F.lpPool1d(input, this.normType, this.kernelSize as number, this.stride, this.ceilMode); }
}
export class LPPool2d extends LPPool<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.LPPool2d'>) { super(bind('nn.LPPool2d', args)); }
  forward(input: Tensor): Tensor { return F.lpPool2d(input, this.normType, this.kernelSize, this.stride, this.ceilMode); }
}
export class LPPool3d extends LPPool<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.LPPool3d'>) { super(bind('nn.LPPool3d', args)); }
  forward(input: Tensor): Tensor { return F.lpPool3d(input, this.normType, this.kernelSize, this.stride, this.ceilMode); }
}
abstract class MaxUnpool<In extends unknown[] = any[], Out = any> extends Module<In, Out> {
  declare kernelSize: number[];
  declare stride: number[];
  declare padding: number[];
  constructor(n: number, a: { kernelSize: unknown; stride?: unknown; padding: unknown }) {
    super();
    const nt = (v: unknown) => (Array.isArray(v) ? v as number[] : Array(n).fill(v));
    Object.assign(this, { kernelSize: nt(a.kernelSize), stride: nt(a.stride ?? a.kernelSize), padding: nt(a.padding) });
  }
  extraRepr(): string {
    return `kernel_size=${pyValue(this.kernelSize)}, stride=${pyValue(this.stride)}, padding=${pyValue(this.padding)}`;
  }
}
export class MaxUnpool1d extends MaxUnpool<[input: Tensor, indices: Tensor, outputSize?: number[] | null], Tensor> {
  constructor(...args: Args<'nn.MaxUnpool1d'>) { super(1, bind('nn.MaxUnpool1d', args)); }
  forward(input: Tensor, indices: Tensor, outputSize: number[] | null = null): Tensor {
    return F.maxUnpool1d(input, indices, this.kernelSize, this.stride, this.padding, outputSize);
  }
}
export class MaxUnpool2d extends MaxUnpool<[input: Tensor, indices: Tensor, outputSize?: number[] | null], Tensor> {
  constructor(...args: Args<'nn.MaxUnpool2d'>) { super(2, bind('nn.MaxUnpool2d', args)); }
  forward(input: Tensor, indices: Tensor, outputSize: number[] | null = null): Tensor {
    return F.maxUnpool2d(input, indices, this.kernelSize, this.stride, this.padding, outputSize);
  }
}
export class MaxUnpool3d extends MaxUnpool<[input: Tensor, indices: Tensor, outputSize?: number[] | null], Tensor> {
  constructor(...args: Args<'nn.MaxUnpool3d'>) { super(3, bind('nn.MaxUnpool3d', args)); }
  forward(input: Tensor, indices: Tensor, outputSize: number[] | null = null): Tensor {
    return F.maxUnpool3d(input, indices, this.kernelSize, this.stride, this.padding, outputSize);
  }
}
abstract class FractionalMaxPool<In extends unknown[] = any[], Out = any> extends Module<In, Out> {
  declare kernelSize: IntOrTuple;
  declare outputSize: IntOrTuple | null;
  declare outputRatio: number | number[] | null;
  declare returnIndices: boolean;
  constructor(a: { kernelSize: unknown; outputSize?: unknown; outputRatio?: unknown; returnIndices: boolean; randomSamples?: unknown }) {
    super();
    if (a.outputSize == null && a.outputRatio == null) throw new RangeError('FractionalMaxPool requires specifying either an output size, or a pooling ratio');
    if (a.outputSize != null && a.outputRatio != null) throw new RangeError('only one of output_size and output_ratio may be specified');
    for (const r of [a.outputRatio ?? []].flat() as number[]) {
      if (!(r > 0 && r < 1)) throw new RangeError(`output_ratio must be between 0 and 1 (got ${pyValue(a.outputRatio)})`);
    }
    Object.assign(this, { kernelSize: a.kernelSize, outputSize: a.outputSize ?? null, outputRatio: a.outputRatio ?? null, returnIndices: a.returnIndices });
    this.registerBuffer('_random_samples', (a.randomSamples as Tensor | null) ?? null);
  }
}
export class FractionalMaxPool2d extends FractionalMaxPool<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.FractionalMaxPool2d'>) { super(bind('nn.FractionalMaxPool2d', args)); }
  forward(input: Tensor): Tensor {
    return F.fractionalMaxPool2d(input, this.kernelSize, this.outputSize, this.outputRatio, this.returnIndices, (this as any)._random_samples);
  }
}
export class FractionalMaxPool3d extends FractionalMaxPool<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.FractionalMaxPool3d'>) { super(bind('nn.FractionalMaxPool3d', args)); }
  forward(input: Tensor): Tensor {
    return F.fractionalMaxPool3d(input, this.kernelSize, this.outputSize, this.outputRatio, this.returnIndices, (this as any)._random_samples);
  }
}
