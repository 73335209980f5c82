// Upsample, UpsamplingNearest2d, UpsamplingBilinear2d: modules over F.interpolate.
import { Module } from '../module.js';
import { Tensor } from '../../tensor.js';
import * as F from '../functional.js';
import { bind, type Args } from '../../bind.js';
import { pyNum, pyValue } from '../repr.js';
import { releaseAtLeast } from '../../release.js';

// PyTorch 2 prints the mode as a string literal (mode='nearest')
const quotesMode = releaseAtLeast(2, 0);

type Mode = 'nearest' | 'linear' | 'bilinear' | 'bicubic' | 'trilinear' | 'area' | 'nearest-exact';

export class Upsample extends Module<[input: Tensor], Tensor> {
  declare size: number | number[] | null;
  declare scaleFactor: number | number[] | null;
  declare mode: Mode;
  declare alignCorners: boolean | null;
  declare recomputeScaleFactor: boolean | null;
  constructor(...args: Args<'nn.Upsample'>) {
    super();
    const a = bind('nn.Upsample', args);
    this.init(a.size ?? null, a.scaleFactor ?? null, a.mode as Mode, a.alignCorners ?? null, a.recomputeScaleFactor ?? null);
  }
  protected init(size: number | number[] | null, scaleFactor: number | number[] | null, mode: Mode, alignCorners: boolean | null, recompute: boolean | null): void {
    Object.defineProperty(this, 'name', { value: this.constructor.name, enumerable: false });
    // Python keeps scale_factor as float(s): 0 or None means none
    Object.assign(this, { size, scaleFactor: scaleFactor || null, mode, alignCorners, recomputeScaleFactor: recompute });
  }
  forward(input: Tensor): Tensor {
    return F.interpolate(input, this.size, this.scaleFactor, this.mode, this.alignCorners, { recomputeScaleFactor: this.recomputeScaleFactor });
  }
  extraRepr(): string {
    const info = this.scaleFactor !== null
      ? `scale_factor=${Array.isArray(this.scaleFactor) ? `(${this.scaleFactor.map(pyNum).join(', ')})` : pyNum(this.scaleFactor)}`
      : `size=${pyValue(this.size)}`;
    return `${info}, mode=${quotesMode ? pyValue(this.mode) : this.mode}`;
  }
}
export class UpsamplingNearest2d extends Upsample {
  constructor(...args: Args<'nn.UpsamplingNearest2d'>) {
    const a = bind('nn.UpsamplingNearest2d', args);
    super({ size: a.size ?? null, scaleFactor: a.scaleFactor ?? null, mode: 'nearest' });
  }
}
export class UpsamplingBilinear2d extends Upsample {
  constructor(...args: Args<'nn.UpsamplingBilinear2d'>) {
    const a = bind('nn.UpsamplingBilinear2d', args);
    super({ size: a.size ?? null, scaleFactor: a.scaleFactor ?? null, mode: 'bilinear', alignCorners: true });
  }
}
