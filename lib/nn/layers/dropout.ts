// The dropout layers: active in train(), identity in eval().
import { Module } from '../module.js';
import { Tensor } from '../../tensor.js';
import * as F from '../functional.js';
import { bind, type Args } from '../../bind.js';
import { pyFloat, pyValue } from '../repr.js';

abstract class DropoutBase<In extends unknown[] = any[], Out = any> extends Module<In, Out> {
  declare p: number;
  declare inplace: boolean;
  constructor(a: { p: number; inplace: boolean }) {
    super();
    if (typeof a.p !== 'number' || a.p < 0 || a.p > 1) throw new RangeError(`dropout probability has to be between 0 and 1, but got ${a.p}`);
    this.p = a.p;
    this.inplace = a.inplace;
  }
  extraRepr(): string {
    return `p=${pyFloat(this.p)}, inplace=${pyValue(this.inplace)}`;
  }
}
export class Dropout extends DropoutBase<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.Dropout'>) { super(bind('nn.Dropout', args)); }
  forward(input: Tensor): Tensor { return F.dropout(input, this.p, this.training, this.inplace); }
}
export class Dropout2d extends DropoutBase<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.Dropout2d'>) { super(bind('nn.Dropout2d', args)); }
  forward(input: Tensor): Tensor { return F.dropout2d(input, this.p, this.training, this.inplace); }
}
export class Dropout1d extends DropoutBase<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.Dropout1d'>) { super(bind('nn.Dropout1d', args)); }
  forward(input: Tensor): Tensor { return F.dropout1d(input, this.p, this.training, this.inplace); }
}
export class Dropout3d extends DropoutBase<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.Dropout3d'>) { super(bind('nn.Dropout3d', args)); }
  forward(input: Tensor): Tensor { return F.dropout3d(input, this.p, this.training, this.inplace); }
}
export class AlphaDropout extends DropoutBase<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.AlphaDropout'>) { super(bind('nn.AlphaDropout', args)); }
  forward(input: Tensor): Tensor { return F.alphaDropout(input, this.p, this.training); }
}
export class FeatureAlphaDropout extends DropoutBase<[input: Tensor], Tensor> {
  constructor(...args: Args<'nn.FeatureAlphaDropout'>) { super(bind('nn.FeatureAlphaDropout', args)); }
  forward(input: Tensor): Tensor { return F.featureAlphaDropout(input, this.p, this.training); }
}
