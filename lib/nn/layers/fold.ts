// Fold (col2im) and Unfold (im2col): sliding local blocks.
import { Module } from '../module.js';
import { Tensor } from '../../tensor.js';
import * as F from '../functional.js';
import { bind, type Args } from '../../bind.js';
import { pyValue } from '../repr.js';

type IntOrTuple = number | number[];

export class Fold extends Module<[input: Tensor], Tensor> {
  declare outputSize: IntOrTuple;
  declare kernelSize: IntOrTuple;
  declare dilation: IntOrTuple;
  declare padding: IntOrTuple;
  declare stride: IntOrTuple;
  constructor(...args: Args<'nn.Fold'>) {
    super();
    const a = bind('nn.Fold', args);
    Object.assign(this, { outputSize: a.outputSize, kernelSize: a.kernelSize, dilation: a.dilation, padding: a.padding, stride: a.stride });
  }
  forward(input: Tensor): Tensor { return F.fold(input, this.outputSize, this.kernelSize, this.dilation, this.padding, this.stride); }
  extraRepr(): string {
    return `output_size=${pyValue(this.outputSize)}, kernel_size=${pyValue(this.kernelSize)}, dilation=${pyValue(this.dilation)}, padding=${pyValue(this.padding)}, stride=${pyValue(this.stride)}`;
  }
}
export class Unfold extends Module<[input: Tensor], Tensor> {
  declare kernelSize: IntOrTuple;
  declare dilation: IntOrTuple;
  declare padding: IntOrTuple;
  declare stride: IntOrTuple;
  constructor(...args: Args<'nn.Unfold'>) {
    super();
    const a = bind('nn.Unfold', args);
    Object.assign(this, { kernelSize: a.kernelSize, dilation: a.dilation, padding: a.padding, stride: a.stride });
  }
  forward(input: Tensor): Tensor { return F.unfold(input, this.kernelSize, this.dilation, this.padding, this.stride); }
  extraRepr(): string {
    return `kernel_size=${pyValue(this.kernelSize)}, dilation=${pyValue(this.dilation)}, padding=${pyValue(this.padding)}, stride=${pyValue(this.stride)}`;
  }
}
