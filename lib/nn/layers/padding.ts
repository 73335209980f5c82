// The padding layers: reflection, replication, zero, constant and circular, in 1, 2 and 3 dimensions.
import { Module } from '../module.js';
import { Tensor } from '../../tensor.js';
import * as F from '../functional.js';
import { bind, type Args } from '../../bind.js';
import { badArg } from '../../errors.js';
import { pyNum, pyValue } from '../repr.js';

type Mode = 'reflect' | 'replicate' | 'constant' | 'circular';

/** _pair / _quadruple / _ntuple(6): an int pads every side; a list gives each side (last dimension first). */
function sides(padding: unknown, dims: number): number[] {
  const n = 2 * dims;
  if (typeof padding === 'number' && Number.isInteger(padding)) return Array(n).fill(padding);
  if (!Array.isArray(padding) || padding.length !== n || !padding.every(Number.isInteger)) badArg(`an integer or ${n} integers`, 'padding', padding);
  return [...padding as number[]];
}

abstract class PadNd extends Module<[input: Tensor], Tensor> {
  declare padding: number[];
  constructor(protected readonly mode: Mode, dims: number, padding: unknown, readonly value = 0) {
    super();
    Object.defineProperty(this, 'mode', { value: mode, enumerable: false });
    this.padding = sides(padding, dims);
  }
  forward(input: Tensor): Tensor {
    return F.pad(input, this.padding, this.mode, this.mode === 'constant' ? this.value : null);
  }
  extraRepr(): string {
    return pyValue(this.padding);
  }
}
abstract class ConstantPadNd extends PadNd {
  extraRepr(): string {
    return `padding=${pyValue(this.padding)}, value=${pyNum(this.value)}`;
  }
}
abstract class ZeroPadNd extends ConstantPadNd {
  extraRepr(): string {
    return pyValue(this.padding);
  }
}

export class ReflectionPad1d extends PadNd {
  constructor(...args: Args<'nn.ReflectionPad1d'>) { super('reflect', 1, bind('nn.ReflectionPad1d', args).padding); }
}
export class ReflectionPad2d extends PadNd {
  constructor(...args: Args<'nn.ReflectionPad2d'>) { super('reflect', 2, bind('nn.ReflectionPad2d', args).padding); }
}
export class ReflectionPad3d extends PadNd {
  constructor(...args: Args<'nn.ReflectionPad3d'>) { super('reflect', 3, bind('nn.ReflectionPad3d', args).padding); }
}
export class ReplicationPad1d extends PadNd {
  constructor(...args: Args<'nn.ReplicationPad1d'>) { super('replicate', 1, bind('nn.ReplicationPad1d', args).padding); }
}
export class ReplicationPad2d extends PadNd {
  constructor(...args: Args<'nn.ReplicationPad2d'>) { super('replicate', 2, bind('nn.ReplicationPad2d', args).padding); }
}
export class ReplicationPad3d extends PadNd {
  constructor(...args: Args<'nn.ReplicationPad3d'>) { super('replicate', 3, bind('nn.ReplicationPad3d', args).padding); }
}
export class CircularPad1d extends PadNd {
  constructor(...args: Args<'nn.CircularPad1d'>) { super('circular', 1, bind('nn.CircularPad1d', args).padding); }
}
export class CircularPad2d extends PadNd {
  constructor(...args: Args<'nn.CircularPad2d'>) { super('circular', 2, bind('nn.CircularPad2d', args).padding); }
}
export class CircularPad3d extends PadNd {
  constructor(...args: Args<'nn.CircularPad3d'>) { super('circular', 3, bind('nn.CircularPad3d', args).padding); }
}
export class ConstantPad1d extends ConstantPadNd {
  constructor(...args: Args<'nn.ConstantPad1d'>) {
    const a = bind('nn.ConstantPad1d', args);
    super('constant', 1, a.padding, a.value);
  }
}
export class ConstantPad2d extends ConstantPadNd {
  constructor(...args: Args<'nn.ConstantPad2d'>) {
    const a = bind('nn.ConstantPad2d', args);
    super('constant', 2, a.padding, a.value);
  }
}
export class ConstantPad3d extends ConstantPadNd {
  constructor(...args: Args<'nn.ConstantPad3d'>) {
    const a = bind('nn.ConstantPad3d', args);
    super('constant', 3, a.padding, a.value);
  }
}
export class ZeroPad1d extends ZeroPadNd {
  constructor(...args: Args<'nn.ZeroPad1d'>) { super('constant', 1, bind('nn.ZeroPad1d', args).padding, 0); }
}
export class ZeroPad2d extends ZeroPadNd {
  constructor(...args: Args<'nn.ZeroPad2d'>) { super('constant', 2, bind('nn.ZeroPad2d', args).padding, 0); }
}
export class ZeroPad3d extends ZeroPadNd {
  constructor(...args: Args<'nn.ZeroPad3d'>) { super('constant', 3, bind('nn.ZeroPad3d', args).padding, 0); }
}
