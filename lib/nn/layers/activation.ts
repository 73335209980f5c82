// The activation layers: thin modules over torch.nn.functional.
import { Module } from '../module.js';
import { Tensor } from '../../tensor.js';
import * as F from '../functional.js';
import { bind, type Args } from '../../bind.js';
import { pyFloat, pyValue } from '../repr.js';

abstract class Inplaceable extends Module {
  declare inplace: boolean;
  constructor(a: { inplace: boolean }) {
    super();
    this.inplace = a.inplace;
  }
  extraRepr(): string {
    return this.inplace ? 'inplace=True' : '';
  }
}

export class ReLU extends Inplaceable {
  constructor(...args: Args<'nn.ReLU'>) { super(bind('nn.ReLU', args)); }
  forward(input: Tensor): Tensor { return F.relu(input, this.inplace); }
}
export class ReLU6 extends Inplaceable {
  constructor(...args: Args<'nn.ReLU6'>) { super(bind('nn.ReLU6', args)); }
  forward(input: Tensor): Tensor { return F.relu6(input, this.inplace); }
}
export class SiLU extends Inplaceable {
  constructor(...args: Args<'nn.SiLU'>) { super(bind('nn.SiLU', args)); }
  forward(input: Tensor): Tensor { return F.silu(input, this.inplace); }
}
export class Mish extends Inplaceable {
  constructor(...args: Args<'nn.Mish'>) { super(bind('nn.Mish', args)); }
  forward(input: Tensor): Tensor { return F.mish(input, this.inplace); }
}
export class Hardswish extends Inplaceable {
  constructor(...args: Args<'nn.Hardswish'>) { super(bind('nn.Hardswish', args)); }
  forward(input: Tensor): Tensor { return F.hardswish(input, this.inplace); }
}
export class LeakyReLU extends Module {
  declare negativeSlope: number;
  declare inplace: boolean;
  constructor(...args: Args<'nn.LeakyReLU'>) {
    super();
    const a = bind('nn.LeakyReLU', args);
    Object.assign(this, { negativeSlope: a.negativeSlope, inplace: a.inplace });
  }
  forward(input: Tensor): Tensor { return F.leakyRelu(input, this.negativeSlope, this.inplace); }
  extraRepr(): string { return `negative_slope=${pyFloat(this.negativeSlope)}${this.inplace ? ', inplace=True' : ''}`; }
}
export class ELU extends Module {
  declare alpha: number;
  declare inplace: boolean;
  constructor(...args: Args<'nn.ELU'>) {
    super();
    const a = bind('nn.ELU', args);
    Object.assign(this, { alpha: a.alpha, inplace: a.inplace });
  }
  forward(input: Tensor): Tensor { return F.elu(input, this.alpha, this.inplace); }
  extraRepr(): string { return `alpha=${pyFloat(this.alpha)}${this.inplace ? ', inplace=True' : ''}`; }
}
export class GELU extends Module {
  declare approximate: 'none' | 'tanh';
  constructor(...args: Args<'nn.GELU'>) {
    super();
    this.approximate = bind('nn.GELU', args).approximate;
  }
  forward(input: Tensor): Tensor { return F.gelu(input, { approximate: this.approximate }); }
  extraRepr(): string { return `approximate=${pyValue(this.approximate)}`; }
}
export class Sigmoid extends Module {
  constructor(...args: Args<'nn.Sigmoid'>) {
    super();
    bind('nn.Sigmoid', args);
  }
  forward(input: Tensor): Tensor { return input.sigmoid(); }
}
export class Tanh extends Module {
  constructor(...args: Args<'nn.Tanh'>) {
    super();
    bind('nn.Tanh', args);
  }
  forward(input: Tensor): Tensor { return input.tanh(); }
}
class DimModule extends Module {
  declare dim: number | null;
  constructor(a: { dim: number | null }) {
    super();
    this.dim = a.dim;
  }
  extraRepr(): string { return `dim=${pyValue(this.dim)}`; }
}
export class Softmax extends DimModule {
  constructor(...args: Args<'nn.Softmax'>) { super(bind('nn.Softmax', args)); }
  forward(input: Tensor): Tensor { return F.softmax(input, this.dim); }
}
export class LogSoftmax extends DimModule {
  constructor(...args: Args<'nn.LogSoftmax'>) { super(bind('nn.LogSoftmax', args)); }
  forward(input: Tensor): Tensor { return F.logSoftmax(input, this.dim); }
}
