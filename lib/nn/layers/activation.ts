// The activation layers: thin modules over torch.nn.functional.
import { Module } from '../module.js';
import { Tensor } from '../../tensor.js';
import * as F from '../functional.js';
import { bind, required as R } from '../args.js';
import { pyFloat, pyValue } from '../repr.js';

abstract class Inplaceable extends Module {
  declare inplace: boolean;
  constructor(name: string, args: unknown[]) {
    super();
    this.inplace = bind(name, [['inplace', false]], args).inplace;
  }
  extraRepr(): string {
    return this.inplace ? 'inplace=True' : '';
  }
}

export class ReLU extends Inplaceable {
  constructor(...args: unknown[]) { super('ReLU', args); }
  forward(input: Tensor): Tensor { return F.relu(input, this.inplace); }
}
export class ReLU6 extends Inplaceable {
  constructor(...args: unknown[]) { super('ReLU6', args); }
  forward(input: Tensor): Tensor { return F.relu6(input, this.inplace); }
}
export class SiLU extends Inplaceable {
  constructor(...args: unknown[]) { super('SiLU', args); }
  forward(input: Tensor): Tensor { return F.silu(input, this.inplace); }
}
export class Mish extends Inplaceable {
  constructor(...args: unknown[]) { super('Mish', args); }
  forward(input: Tensor): Tensor { return F.mish(input, this.inplace); }
}
export class Hardswish extends Inplaceable {
  constructor(...args: unknown[]) { super('Hardswish', args); }
  forward(input: Tensor): Tensor { return F.hardswish(input, this.inplace); }
}
export class LeakyReLU extends Module {
  declare negativeSlope: number;
  declare inplace: boolean;
  constructor(...args: unknown[]) {
    super();
    Object.assign(this, bind('LeakyReLU', [['negativeSlope', 0.01], ['inplace', false]], args));
  }
  forward(input: Tensor): Tensor { return F.leakyRelu(input, this.negativeSlope, this.inplace); }
  extraRepr(): string { return `negative_slope=${pyFloat(this.negativeSlope)}${this.inplace ? ', inplace=True' : ''}`; }
}
export class ELU extends Module {
  declare alpha: number;
  declare inplace: boolean;
  constructor(...args: unknown[]) {
    super();
    Object.assign(this, bind('ELU', [['alpha', 1], ['inplace', false]], args));
  }
  forward(input: Tensor): Tensor { return F.elu(input, this.alpha, this.inplace); }
  extraRepr(): string { return `alpha=${pyFloat(this.alpha)}${this.inplace ? ', inplace=True' : ''}`; }
}
export class GELU extends Module {
  declare approximate: 'none' | 'tanh';
  constructor(...args: unknown[]) {
    super();
    Object.assign(this, bind('GELU', [['approximate', 'none']], args));
  }
  forward(input: Tensor): Tensor { return F.gelu(input, { approximate: this.approximate }); }
  extraRepr(): string { return `approximate=${pyValue(this.approximate)}`; }
}
export class Sigmoid extends Module {
  forward(input: Tensor): Tensor { return input.sigmoid(); }
}
export class Tanh extends Module {
  forward(input: Tensor): Tensor { return input.tanh(); }
}
class DimModule extends Module {
  declare dim: number | null;
  constructor(name: string, args: unknown[]) {
    super();
    this.dim = bind(name, [['dim', null]], args).dim;
  }
  extraRepr(): string { return `dim=${pyValue(this.dim)}`; }
}
export class Softmax extends DimModule {
  constructor(...args: unknown[]) { super('Softmax', args); }
  forward(input: Tensor): Tensor { return F.softmax(input, this.dim ?? legacyDim(input)); }
}
export class LogSoftmax extends DimModule {
  constructor(...args: unknown[]) { super('LogSoftmax', args); }
  forward(input: Tensor): Tensor { return F.logSoftmax(input, this.dim ?? legacyDim(input)); }
}
// PyTorch's _get_softmax_dim for modules built without dim.
function legacyDim(input: Tensor): number {
  const n = input.dim();
  return n === 0 || n === 1 || n === 3 ? 0 : 1;
}
void R;
