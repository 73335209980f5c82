// The activation layers: thin modules over torch.nn.functional.
import { Module } from '../module.js';
import { Tensor } from '../../tensor.js';
import * as F from '../functional.js';
import { bind, type Args } from '../../bind.js';
import { pyFloat, pyNum, pyValue } from '../repr.js';
import { Parameter } from '../parameter.js';
import * as init from '../init.js';
import { newParameter, positiveInt } from './common.js';

abstract class Inplaceable<In extends unknown[] = any[], Out = any> extends Module<In, Out> {
  declare inplace: boolean;
  constructor(a: { inplace: boolean }) {
    super();
    this.inplace = a.inplace;
  }
  extraRepr(): string {
    return this.inplace ? 'inplace=True' : '';
  }
}

export class ReLU extends Inplaceable<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.ReLU'>) { super(bind('nn.ReLU', args)); }
  forward(input: Tensor): Tensor { return F.relu(input, this.inplace); }
}
export class ReLU6 extends Inplaceable<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.ReLU6'>) { super(bind('nn.ReLU6', args)); }
  forward(input: Tensor): Tensor { return F.relu6(input, this.inplace); }
}
export class SiLU extends Inplaceable<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.SiLU'>) { super(bind('nn.SiLU', args)); }
  forward(input: Tensor): Tensor { return F.silu(input, this.inplace); }
}
export class Mish extends Inplaceable<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.Mish'>) { super(bind('nn.Mish', args)); }
  forward(input: Tensor): Tensor { return F.mish(input, this.inplace); }
}
export class Hardswish extends Inplaceable<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.Hardswish'>) { super(bind('nn.Hardswish', args)); }
  forward(input: Tensor): Tensor { return F.hardswish(input, this.inplace); }
  extraRepr(): string { return ''; } // PyTorch's Hardswish prints no inplace
}
export class LeakyReLU extends Module<[input: Tensor], Tensor> {
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
export class ELU extends Module<[input: Tensor], Tensor> {
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
export class GELU extends Module<[input: Tensor], Tensor> {
  declare approximate: 'none' | 'tanh';
  constructor(...args: Args<'nn.GELU'>) {
    super();
    this.approximate = bind('nn.GELU', args).approximate;
  }
  forward(input: Tensor): Tensor { return F.gelu(input, { approximate: this.approximate }); }
  extraRepr(): string { return `approximate=${pyValue(this.approximate)}`; }
}
export class Sigmoid extends Module<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.Sigmoid'>) {
    super();
    bind('nn.Sigmoid', args);
  }
  forward(input: Tensor): Tensor { return input.sigmoid(); }
}
export class Tanh extends Module<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.Tanh'>) {
    super();
    bind('nn.Tanh', args);
  }
  forward(input: Tensor): Tensor { return input.tanh(); }
}
class DimModule<In extends unknown[] = any[], Out = any> extends Module<In, Out> {
  declare dim: number | null;
  constructor(a: { dim: number | null }) {
    super();
    this.dim = a.dim;
  }
  extraRepr(): string { return `dim=${pyValue(this.dim)}`; }
}
export class Softmax extends DimModule<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.Softmax'>) { super(bind('nn.Softmax', args)); }
  forward(input: Tensor): Tensor { return F.softmax(input, this.dim); }
}
export class LogSoftmax extends DimModule<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.LogSoftmax'>) { super(bind('nn.LogSoftmax', args)); }
  forward(input: Tensor): Tensor { return F.logSoftmax(input, this.dim); }
}

const inplaceStr = (inplace: boolean, first = false) => (inplace ? `${first ? '' : ', '}inplace=True` : '');

export class CELU extends Module<[input: Tensor], Tensor> {
  declare alpha: number;
  declare inplace: boolean;
  constructor(...args: Args<'nn.CELU'>) {
    super();
    const a = bind('nn.CELU', args);
    Object.assign(this, { alpha: a.alpha, inplace: a.inplace });
  }
  forward(input: Tensor): Tensor { return F.celu(input, this.alpha, this.inplace); }
  extraRepr(): string { return `alpha=${pyNum(this.alpha)}${inplaceStr(this.inplace)}`; }
}
export class SELU extends Inplaceable<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.SELU'>) { super(bind('nn.SELU', args)); }
  forward(input: Tensor): Tensor { return F.selu(input, this.inplace); }
}
export class GLU extends Module<[input: Tensor], Tensor> {
  declare dim: number;
  constructor(...args: Args<'nn.GLU'>) {
    super();
    this.dim = bind('nn.GLU', args).dim;
  }
  forward(input: Tensor): Tensor { return F.glu(input, this.dim); }
  extraRepr(): string { return `dim=${this.dim}`; }
}
abstract class Shrink<In extends unknown[] = any[], Out = any> extends Module<In, Out> {
  declare lambd: number;
  constructor(a: { lambd: number }) {
    super();
    this.lambd = a.lambd;
  }
  extraRepr(): string { return pyNum(this.lambd); }
}
export class Hardshrink extends Shrink<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.Hardshrink'>) { super(bind('nn.Hardshrink', args)); }
  forward(input: Tensor): Tensor { return F.hardshrink(input, this.lambd); }
}
export class Softshrink extends Shrink<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.Softshrink'>) { super(bind('nn.Softshrink', args)); }
  forward(input: Tensor): Tensor { return F.softshrink(input, this.lambd); }
}
export class Hardsigmoid extends Inplaceable<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.Hardsigmoid'>) { super(bind('nn.Hardsigmoid', args)); }
  forward(input: Tensor): Tensor { return F.hardsigmoid(input, this.inplace); }
  extraRepr(): string { return ''; } // PyTorch's Hardsigmoid prints no inplace
}
export class Hardtanh extends Module<[input: Tensor], Tensor> {
  declare minVal: number;
  declare maxVal: number;
  declare inplace: boolean;
  constructor(...args: Args<'nn.Hardtanh'>) {
    super();
    const a = bind('nn.Hardtanh', args);
    if (a.minValue != null || a.maxValue != null) throw new TypeError('Hardtanh(): minValue and maxValue are deprecated: use minVal and maxVal');
    if (!(a.maxVal > a.minVal)) throw new RangeError('AssertionError: max_val must be greater than min_val');
    Object.assign(this, { minVal: a.minVal, maxVal: a.maxVal, inplace: a.inplace });
  }
  forward(input: Tensor): Tensor { return F.hardtanh(input, this.minVal, this.maxVal, this.inplace); }
  extraRepr(): string { return `min_val=${pyNum(this.minVal)}, max_val=${pyNum(this.maxVal)}${inplaceStr(this.inplace)}`; }
}
export class LogSigmoid extends Module<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.LogSigmoid'>) {
    super();
    bind('nn.LogSigmoid', args);
  }
  forward(input: Tensor): Tensor { return F.logsigmoid(input); }
}
export class PReLU extends Module<[input: Tensor], Tensor> {
  declare numParameters: number;
  declare init: number;
  declare weight: Parameter;
  constructor(...args: Args<'nn.PReLU'>) {
    super();
    const a = bind('nn.PReLU', args);
    this.numParameters = positiveInt(a.numParameters, 'numParameters');
    Object.defineProperty(this, 'init', { value: a.init, writable: true, enumerable: false });
    this.weight = newParameter([this.numParameters], a);
    this.resetParameters();
  }
  resetParameters(): void { init.constant_(this.weight, this.init); }
  forward(input: Tensor): Tensor { return F.prelu(input, this.weight); }
  extraRepr(): string { return `num_parameters=${this.numParameters}`; }
}
export class RReLU extends Module<[input: Tensor], Tensor> {
  declare lower: number;
  declare upper: number;
  declare inplace: boolean;
  constructor(...args: Args<'nn.RReLU'>) {
    super();
    const a = bind('nn.RReLU', args);
    Object.assign(this, { lower: a.lower, upper: a.upper, inplace: a.inplace });
  }
  forward(input: Tensor): Tensor { return F.rrelu(input, this.lower, this.upper, this.training, this.inplace); }
  extraRepr(): string { return `lower=${pyNum(this.lower)}, upper=${pyNum(this.upper)}${inplaceStr(this.inplace)}`; }
}
export class Softmax2d extends Module<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.Softmax2d'>) {
    super();
    bind('nn.Softmax2d', args);
  }
  forward(input: Tensor): Tensor {
    if (input.dim() !== 3 && input.dim() !== 4) throw new RangeError(`Softmax2d: expected input to be 3D or 4D, got ${input.dim()}D instead`);
    return F.softmax(input, -3);
  }
}
export class Softmin extends DimModule<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.Softmin'>) { super(bind('nn.Softmin', args)); }
  forward(input: Tensor): Tensor { return F.softmin(input, this.dim); }
}
export class Softplus extends Module<[input: Tensor], Tensor> {
  declare beta: number;
  declare threshold: number;
  constructor(...args: Args<'nn.Softplus'>) {
    super();
    const a = bind('nn.Softplus', args);
    Object.assign(this, { beta: a.beta, threshold: a.threshold });
  }
  forward(input: Tensor): Tensor { return F.softplus(input, this.beta, this.threshold); }
  extraRepr(): string { return `beta=${pyNum(this.beta)}, threshold=${pyNum(this.threshold)}`; }
}
export class Softsign extends Module<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.Softsign'>) {
    super();
    bind('nn.Softsign', args);
  }
  forward(input: Tensor): Tensor { return F.softsign(input); }
}
export class Tanhshrink extends Module<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.Tanhshrink'>) {
    super();
    bind('nn.Tanhshrink', args);
  }
  forward(input: Tensor): Tensor { return F.tanhshrink(input); }
}
export class Threshold extends Module<[input: Tensor], Tensor> {
  declare threshold: number;
  declare value: number;
  declare inplace: boolean;
  constructor(...args: Args<'nn.Threshold'>) {
    super();
    const a = bind('nn.Threshold', args);
    Object.assign(this, { threshold: a.threshold, value: a.value, inplace: a.inplace });
  }
  forward(input: Tensor): Tensor { return F.threshold(input, this.threshold, this.value, this.inplace); }
  extraRepr(): string { return `threshold=${pyNum(this.threshold)}, value=${pyNum(this.value)}${inplaceStr(this.inplace)}`; }
}
