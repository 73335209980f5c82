// Conv1d/2d/3d and ConvTranspose1d/2d/3d, with PyTorch's parameters, init and repr.
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';
import { Tensor } from '../../tensor.js';
import * as F from '../functional.js';
import * as init from '../init.js';
import { aten } from '../../aten.js';
import { badArg } from '../../errors.js';
import { newParameter, positiveInt, tuple, resetKaimingUniform, type LayerFactoryOptions } from './common.js';
import { pyValue } from '../repr.js';
import { bind, type Args } from '../../bind.js';

type IntOrTuple = number | number[];
interface ConvSpec extends LayerFactoryOptions {
  inChannels: number;
  outChannels: number;
  kernelSize: IntOrTuple;
  stride?: IntOrTuple;
  padding?: IntOrTuple | string;
  outputPadding?: IntOrTuple;
  dilation?: IntOrTuple;
  groups?: number;
  bias?: boolean;
  paddingMode?: string;
}

abstract class ConvNd<In extends unknown[] = any[], Out = any> extends Module<In, Out> {
  declare inChannels: number;
  declare outChannels: number;
  declare kernelSize: number[];
  declare stride: number[];
  declare padding: number[] | 'same' | 'valid';
  declare dilation: number[];
  declare outputPadding: number[];
  declare groups: number;
  declare paddingMode: string;
  declare weight: Parameter;
  declare bias: Parameter | null;

  constructor(n: number, transposed: boolean, o: ConvSpec) {
    super();
    const { inChannels, outChannels } = o;
    this.inChannels = positiveInt(inChannels, 'inChannels');
    this.outChannels = positiveInt(outChannels, 'outChannels');
    this.kernelSize = tuple(o.kernelSize, n, 'kernelSize');
    this.stride = tuple(o.stride ?? 1, n, 'stride');
    const padding = o.padding ?? 0;
    if (typeof padding === 'string' && padding !== 'same' && padding !== 'valid') badArg("'same', 'valid', an integer or a list of integers", 'padding', padding);
    if (typeof padding === 'string' && transposed) throw new TypeError(`padding='${padding}' is not supported for ConvTranspose${n}d`);
    this.padding = padding === 'same' || padding === 'valid' ? padding : tuple(padding as IntOrTuple, n, 'padding');
    this.dilation = tuple(o.dilation ?? 1, n, 'dilation');
    this.outputPadding = tuple(o.outputPadding ?? 0, n, 'outputPadding');
    this.groups = positiveInt(o.groups ?? 1, 'groups');
    this.paddingMode = o.paddingMode ?? 'zeros';
    if (!['zeros', 'reflect', 'replicate', 'circular'].includes(this.paddingMode)) badArg("'zeros', 'reflect', 'replicate' or 'circular'", 'paddingMode', this.paddingMode);
    if (inChannels % this.groups !== 0) throw new RangeError('in_channels must be divisible by groups');
    if (outChannels % this.groups !== 0) throw new RangeError('out_channels must be divisible by groups');
    const shape = transposed
      ? [inChannels, outChannels / this.groups, ...this.kernelSize]
      : [outChannels, inChannels / this.groups, ...this.kernelSize];
    this.weight = newParameter(shape, o);
    this.bias = o.bias === false ? null : newParameter([outChannels], o);
    if (transposed && this.paddingMode !== 'zeros') throw new RangeError(`Only "zeros" padding mode is supported for ConvTranspose${n}d`);
    this.resetParameters();
  }
  resetParameters(): void {
    resetKaimingUniform(this.weight, this.bias, 'skip');
  }
  extraRepr(): string {
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=${pyValue(this.kernelSize)}, stride=${pyValue(this.stride)}`;
    if (typeof this.padding === 'string') s += `, padding=${this.padding}`;
    else if (this.padding.some((p) => p !== 0)) s += `, padding=${pyValue(this.padding)}`;
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${pyValue(this.dilation)}`;
    if (this.outputPadding.some((p) => p !== 0)) s += `, output_padding=${pyValue(this.outputPadding)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ', bias=False';
    if (this.paddingMode !== 'zeros') s += `, padding_mode=${this.paddingMode}`;
    return s;
  }
  /**
   * Non-zero padding modes pad explicitly first, as PyTorch's _conv_forward does, by
   * _reversed_padding_repeated_twice: 'same' splits each dimension's d·(k−1) with the extra on the right.
   */
  protected padded(input: Tensor): [Tensor, number[] | string] {
    if (this.paddingMode === 'zeros') return [input, this.padding];
    const padding = this.padding;
    const perDim = padding === 'valid' ? this.kernelSize.map(() => [0, 0])
      : padding === 'same' ? this.kernelSize.map((k, i) => { const total = this.dilation[i] * (k - 1); return [total >> 1, total - (total >> 1)]; })
      : padding.map((p) => [p, p]);
    return [F.pad(input, perDim.reverse().flat(), { mode: this.paddingMode }), this.kernelSize.map(() => 0)];
  }
}

function convOp(n: number) {
  return aten(`conv${n}d`);
}

class ConvForward extends ConvNd<[input: Tensor], Tensor> {
  declare readonly n: number;
  forward(input: Tensor): Tensor {
    const [x, padding] = this.padded(input);
    return convOp(this.kernelSize.length)(x, this.weight, this.bias, this.stride, padding, this.dilation, this.groups);
  }
}

export class Conv1d extends ConvForward {
  constructor(...args: Args<'nn.Conv1d'>) {
    super(1, false, bind('nn.Conv1d', args));
  }
}
export class Conv2d extends ConvForward {
  constructor(...args: Args<'nn.Conv2d'>) {
    super(2, false, bind('nn.Conv2d', args));
  }
}
export class Conv3d extends ConvForward {
  constructor(...args: Args<'nn.Conv3d'>) {
    super(3, false, bind('nn.Conv3d', args));
  }
}

class ConvTransposeNd extends ConvNd<[input: Tensor, outputSize?: number[] | null], Tensor> {
  forward(input: Tensor, outputSize?: number[] | null): Tensor {
    if (outputSize != null) throw new TypeError(`${this.constructor.name}.forward: outputSize is not supported by torch-node yet`);
    return aten(`conv_transpose${this.kernelSize.length}d`)(input, this.weight, this.bias, this.stride, this.padding, this.outputPadding, this.groups, this.dilation);
  }
}
export class ConvTranspose1d extends ConvTransposeNd {
  constructor(...args: Args<'nn.ConvTranspose1d'>) {
    super(1, true, bind('nn.ConvTranspose1d', args));
  }
}
export class ConvTranspose2d extends ConvTransposeNd {
  constructor(...args: Args<'nn.ConvTranspose2d'>) {
    super(2, true, bind('nn.ConvTranspose2d', args));
  }
}
export class ConvTranspose3d extends ConvTransposeNd {
  constructor(...args: Args<'nn.ConvTranspose3d'>) {
    super(3, true, bind('nn.ConvTranspose3d', args));
  }
}
