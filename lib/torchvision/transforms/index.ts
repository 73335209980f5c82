// torchvision.transforms for Images (PIL semantics) and C×H×W tensors. Random transforms draw
// from torch's generator, so torch.manualSeed makes them repeatable.
import * as torch from '../../index.js';
import { Image } from '../image.js';
import { badArg } from '../../errors.js';
import * as F from './functional.js';
import { spatial, pyRound, type Input, type InterpolationMode } from './functional.js';
import { bind, type Args } from '../../bind.js';
import { pyFloat, pyNum } from '../../nn/repr.js';
import { isFill } from './grid-options.js';

/**
 * torchvision.transforms.functional: the stateless forms of the transforms, on an `Image` or a tensor.
 *
 * PyTorch: [reference](https://docs.pytorch.org/vision/stable/transforms.html#functional-transforms)
 */
export * as functional from './functional.js';
export { InterpolationMode } from './functional.js';
/**
 * A transform's description for the native DataLoader workers (what `Compose` hands to C++ so a batch is decoded and transformed off the JS thread).
 */
export type NativeOp = Record<string, unknown> & { kind: string };
/** A callable transform from I to O, as every torchvision transform and `Compose` is. */
export interface Transform<I = any, O = any> {
  (input: I): O;
}

/** A callable transform object (transform(img)), with PyTorch's repr. */
export abstract class TransformBase {
  constructor() {
    const self = ((x: unknown) => (self as unknown as TransformBase).forward(x)) as unknown as TransformBase;
    Object.setPrototypeOf(self, new.target.prototype);
    delete (self as any).name;
    delete (self as any).length;
    return self;
  }
  abstract forward(input: any): any;
  /** @internal this transform for the native loader (binding/loader.cc), or null if it has none */
  _native(): NativeOp[] | null {
    return null;
  }
  protected reprArgs(): string {
    return '';
  }
  toString(): string {
    return `${this.constructor.name}(${this.reprArgs()})`;
  }
}
export interface TransformBase {
  (input: any): any;
}

const rand = () => torch.rand(1).item() as number;
const randint = (low: number, high: number) => torch.randint(low, high, [1]).item() as number;

function probability(v: unknown): number {
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) badArg('a probability between 0 and 1', 'p', v);
  return v as number;
}

export class Compose extends TransformBase {
  readonly transforms: ((x: any) => any)[];
  constructor(...args: Args<'torchvision.transforms.Compose'>) {
    super();
    const { transforms } = bind('torchvision.transforms.Compose', args);
    if (!Array.isArray(transforms)) badArg('an array of transforms', 'transforms', transforms);
    this.transforms = transforms;
  }
  forward(x: unknown): unknown {
    for (const t of this.transforms) x = t(x);
    return x;
  }
  _native(): NativeOp[] | null {
    const ops: NativeOp[] = [];
    for (const t of this.transforms) {
      const o = t instanceof TransformBase ? t._native() : null;
      if (!o) return null;
      ops.push(...o);
    }
    return ops;
  }
  toString(): string {
    return `Compose(\n${this.transforms.map((t) => `    ${String(t)}`).join('\n')}\n)`;
  }
}

/** Image (H×W×C uint8) -> C×H×W float32 in [0, 1]. */
export class ToTensor extends TransformBase {
  constructor(...args: Args<'torchvision.transforms.ToTensor'>) {
    super();
    bind('torchvision.transforms.ToTensor', args);
  }
  _native(): NativeOp[] {
    return [{ kind: 'toTensor' }];
  }
  forward(pic: Input): torch.Tensor {
    return F.toTensor(pic);
  }
}

/** Image -> C×H×W uint8 tensor, unscaled. */
export class PILToTensor extends TransformBase {
  constructor(...args: Args<'torchvision.transforms.PILToTensor'>) {
    super();
    bind('torchvision.transforms.PILToTensor', args);
  }
  forward(pic: Image): torch.Tensor {
    if (!(pic instanceof Image)) badArg('an Image', 'pic', pic);
    return pic.data.permute(2, 0, 1).contiguous();
  }
}

export class ConvertImageDtype extends TransformBase {
  readonly dtype: torch.DType;
  constructor(...args: Args<'torchvision.transforms.ConvertImageDtype'>) {
    super();
    const { dtype } = bind('torchvision.transforms.ConvertImageDtype', args);
    if (!(dtype instanceof torch.DType)) badArg('a torch dtype', 'dtype', dtype);
    this.dtype = dtype;
  }
  forward(x: torch.Tensor): torch.Tensor {
    if (x.dtype === this.dtype) return x;
    if (x.dtype === torch.uint8 && this.dtype.isFloatingPoint) return x.to(this.dtype).div(255);
    if (x.dtype.isFloatingPoint && this.dtype === torch.uint8) return x.mul(255 + 1 - 0.001).to(this.dtype);
    return x.to(this.dtype);
  }
  protected reprArgs(): string {
    return `dtype=${this.dtype}`;
  }
}

export class Normalize extends TransformBase {
  readonly mean: number[];
  readonly std: number[];
  readonly inplace: boolean;
  constructor(...args: Args<'torchvision.transforms.Normalize'>) {
    super();
    const { mean, std, inplace } = bind('torchvision.transforms.Normalize', args);
    this.mean = mean;
    this.std = std;
    this.inplace = inplace;
    if (!Array.isArray(mean) || !Array.isArray(std)) badArg('arrays of per-channel numbers', 'mean/std', mean);
    if (std.some((s) => s === 0)) throw new RangeError(`std evaluated to zero after conversion to float32, leading to division by zero.`);
  }
  _native(): NativeOp[] {
    return [{ kind: 'normalize', mean: this.mean, std: this.std }];
  }
  forward(t: torch.Tensor): torch.Tensor {
    return F.normalize(t, this.mean, this.std, this.inplace);
  }
  protected reprArgs(): string {
    return `mean=[${this.mean.join(', ')}], std=[${this.std.join(', ')}]`;
  }
}

export class RandomHorizontalFlip extends TransformBase {
  readonly p: number;
  constructor(...args: Args<'torchvision.transforms.RandomHorizontalFlip'>) {
    super();
    this.p = probability(bind('torchvision.transforms.RandomHorizontalFlip', args).p);
  }
  forward(x: Input): Input {
    return rand() < this.p ? spatial(x, (t) => t.flip(-1)) : x;
  }
  _native(): NativeOp[] {
    return [{ kind: 'hflip', p: this.p }];
  }
  protected reprArgs(): string {
    return `p=${this.p}`;
  }
}

export class RandomVerticalFlip extends TransformBase {
  readonly p: number;
  constructor(...args: Args<'torchvision.transforms.RandomVerticalFlip'>) {
    super();
    this.p = probability(bind('torchvision.transforms.RandomVerticalFlip', args).p);
  }
  forward(x: Input): Input {
    return rand() < this.p ? spatial(x, (t) => t.flip(-2)) : x;
  }
  _native(): NativeOp[] {
    return [{ kind: 'vflip', p: this.p }];
  }
  protected reprArgs(): string {
    return `p=${this.p}`;
  }
}

// torchvision's _setup_size: a number is int(number) on both sides; a sequence holds integers
const size2 = (s: number | number[], name: string): [number, number] => {
  if (typeof s === 'number' && Number.isFinite(s) && s >= 1) return [Math.trunc(s), Math.trunc(s)];
  const ints = Array.isArray(s) && (s.length === 1 || s.length === 2) && s.every((v) => Number.isInteger(v) && v > 0);
  if (ints) return s.length === 1 ? [s[0], s[0]] : [s[0], s[1]];
  return badArg('a positive integer or [height, width]', name, s);
};


export class CenterCrop extends TransformBase {
  readonly size: [number, number];
  constructor(...args: Args<'torchvision.transforms.CenterCrop'>) {
    super();
    this.size = size2(bind('torchvision.transforms.CenterCrop', args).size, 'size');
  }
  forward(x: Input): Input {
    return F.centerCrop(x, this.size);
  }
  protected reprArgs(): string {
    return `size=(${this.size.join(', ')})`;
  }
  _native(): NativeOp[] {
    return [{ kind: 'centerCrop', h: this.size[0], w: this.size[1] }];
  }
}

/** Pads every side: padding as an int, [left/right, top/bottom] or [left, top, right, bottom]. */
export class Pad extends TransformBase {
  readonly padding: number | number[];
  readonly fill: number;
  readonly paddingMode: F.PaddingMode;
  private readonly sides: number[];
  constructor(...args: Args<'torchvision.transforms.Pad'>) {
    super();
    const { padding, fill, paddingMode } = bind('torchvision.transforms.Pad', args);
    this.sides = F.paddingSides(padding);
    if (typeof fill !== 'number') badArg('a number', 'fill', fill);
    this.padding = padding;
    this.fill = fill;
    this.paddingMode = F.paddingModeOf(paddingMode);
  }
  forward(x: Input): Input {
    return spatial(x, (t) => F.padChw(t, this.sides, this.fill, this.paddingMode));
  }
  protected reprArgs(): string {
    const p = this.padding;
    return `padding=${Array.isArray(p) ? `[${p.join(', ')}]` : p}, fill=${this.fill}, padding_mode=${this.paddingMode}`;
  }
}

export class RandomCrop extends TransformBase {
  readonly size: [number, number];
  readonly padding: number[] | null;
  readonly padIfNeeded: boolean;
  readonly fill: number;
  readonly paddingMode: F.PaddingMode;
  constructor(...args: Args<'torchvision.transforms.RandomCrop'>) {
    super();
    const options = bind('torchvision.transforms.RandomCrop', args);
    this.size = size2(options.size, 'size');
    const p = options.padding ?? null;
    // torchvision's padding: int (all sides), [lr, tb], or [left, top, right, bottom]
    this.padding = p === null ? null : F.paddingSides(p);
    this.padIfNeeded = options.padIfNeeded ?? false;
    this.fill = options.fill ?? 0;
    this.paddingMode = F.paddingModeOf(options.paddingMode ?? 'constant');
  }
  private pad(t: torch.Tensor, sides: number[]): torch.Tensor {
    return F.padChw(t, sides, this.fill, this.paddingMode);
  }
  forward(x: Input): Input {
    return spatial(x, (t) => {
      if (this.padding) t = this.pad(t, this.padding);
      const [h, w] = this.size;
      let [H, W] = t.shape.slice(-2);
      if (this.padIfNeeded && W < w) t = this.pad(t, [w - W, 0, w - W, 0]);
      [H, W] = t.shape.slice(-2);
      if (this.padIfNeeded && H < h) t = this.pad(t, [0, h - H, 0, h - H]);
      [H, W] = t.shape.slice(-2);
      if (H < h || W < w) throw new RangeError(`Required crop size (${h}, ${w}) is larger than input image size (${H}, ${W})`);
      if (H === h && W === w) return t;
      // torchvision's get_params: top = randint(0, H - h + 1), then left = randint(0, W - w + 1)
      const top = randint(0, H - h + 1);
      const left = randint(0, W - w + 1);
      return F.cropChw(t, top, left, h, w);
    });
  }
  protected reprArgs(): string {
    return `size=(${this.size.join(', ')}), padding=${this.padding === null ? 'None' : this.padding[0]}`;
  }
  _native(): NativeOp[] {
    const mode = { constant: 0, edge: 1, reflect: 2, symmetric: 3 }[this.paddingMode];
    return [{ kind: 'crop', h: this.size[0], w: this.size[1], pad: this.padding ?? [0, 0, 0, 0], mode, fill: this.fill, padIfNeeded: this.padIfNeeded }];
  }
}

/**
 * RGB to grey as torchvision does it: on an Image with PIL's fixed-point weights
 * (L = (19595 R + 38470 G + 7471 B + 2^15) >> 16), on a tensor with 0.2989/0.587/0.114.
 */
function toGrayscale(x: Input, channels: number): Input {
  if (x instanceof Image) {
    if (x.mode === 'L') return channels === 1 ? x : new Image(x.data.expand(-1, -1, 3).contiguous(), 'RGB');
    const d = x.data.to(torch.int64);
    const l = d.index('...', 0).mul(19595).add(d.index('...', 1).mul(38470)).add(d.index('...', 2).mul(7471)).add(32768)
      .bitwiseRightShift(16).to(torch.uint8).unsqueeze(2);
    return channels === 1 ? new Image(l.contiguous(), 'L') : new Image(l.expand(-1, -1, 3).contiguous(), 'RGB');
  }
  if (!(x instanceof torch.Tensor)) return badArg('an Image or a Tensor', 'img', x);
  if (x.size(-3) === 1) return channels === 1 ? x : x.expand([...x.shape.slice(0, -3), 3, ...x.shape.slice(-2)]);
  const [r, g, b] = [0, 1, 2].map((c) => x.narrow(-3, c, 1));
  const l = r.mul(0.2989).add(g.mul(0.587)).add(b.mul(0.114)).to(x.dtype);
  return channels === 1 ? l : l.expand([...l.shape.slice(0, -3), 3, ...l.shape.slice(-2)]);
}

export class Grayscale extends TransformBase {
  readonly numOutputChannels: 1 | 3;
  constructor(...args: Args<'torchvision.transforms.Grayscale'>) {
    super();
    const { numOutputChannels } = bind('torchvision.transforms.Grayscale', args);
    this.numOutputChannels = numOutputChannels;
    if (numOutputChannels !== 1 && numOutputChannels !== 3) badArg('1 or 3', 'numOutputChannels', numOutputChannels);
  }
  forward(x: Input): Input {
    return toGrayscale(x, this.numOutputChannels);
  }
  protected reprArgs(): string {
    return `num_output_channels=${this.numOutputChannels}`;
  }
}

export class RandomGrayscale extends TransformBase {
  readonly p: number;
  constructor(...args: Args<'torchvision.transforms.RandomGrayscale'>) {
    super();
    this.p = probability(bind('torchvision.transforms.RandomGrayscale', args).p);
  }
  forward(x: Input): Input {
    const channels = x instanceof Image ? x.data.size(2) : x.size(-3);
    return rand() < this.p ? toGrayscale(x, channels) : x;
  }
  protected reprArgs(): string {
    return `p=${this.p}`;
  }
}

/** RandomErasing on a C×H×W tensor, with torchvision's draws (so the same seed erases the same box). */
export class RandomErasing extends TransformBase {
  readonly p: number;
  readonly scale: [number, number];
  readonly ratio: [number, number];
  readonly value: number | number[] | 'random';
  readonly inplace: boolean;
  constructor(...args: Args<'torchvision.transforms.RandomErasing'>) {
    super();
    const options = bind('torchvision.transforms.RandomErasing', args);
    this.p = options.p;
    this.scale = options.scale;
    this.ratio = options.ratio;
    this.value = options.value;
    this.inplace = options.inplace;
    if (this.p < 0 || this.p > 1) throw new RangeError('Random erasing probability should be between 0 and 1');
    if (this.scale[0] > this.scale[1] || this.ratio[0] > this.ratio[1]) console.warn('Scale and ratio should be of kind (min, max)');
    if (this.scale[0] < 0 || this.scale[1] > 1) throw new RangeError('Scale should be between 0 and 1');
    if (typeof this.value === 'string' && this.value !== 'random') badArg("a number, a list of numbers or 'random'", 'value', this.value);
  }
  forward(img: torch.Tensor): torch.Tensor {
    if (!(img instanceof torch.Tensor)) badArg('a Tensor (apply ToTensor first)', 'img', img);
    if (rand() >= this.p) return img;
    const value = this.value === 'random' ? null : typeof this.value === 'number' ? [this.value] : this.value;
    const [c, H, W] = img.shape.slice(-3);
    if (value && value.length !== 1 && value.length !== c) {
      throw new RangeError(`If value is a sequence, it should have either a single value or ${c} (number of input channels)`);
    }
    const logRatio = torch.tensor(this.ratio).log().tolist() as number[]; // float32, as torchvision's
    for (let attempt = 0; attempt < 10; attempt++) {
      const eraseArea = H * W * (torch.empty(1).uniform_(this.scale[0], this.scale[1]).item() as number);
      const aspect = torch.empty(1).uniform_(logRatio[0], logRatio[1]).exp().item() as number;
      const h = pyRound(Math.sqrt(eraseArea * aspect));
      const w = pyRound(Math.sqrt(eraseArea / aspect));
      if (!(h < H && w < W)) continue;
      const v = value === null ? torch.empty([c, h, w], { dtype: torch.float32 }).normal_() : torch.tensor(value).view(-1, 1, 1);
      const i = randint(0, H - h + 1);
      const j = randint(0, W - w + 1);
      const out = this.inplace ? img : img.clone();
      out.index('...', torch.slice(i, i + h), torch.slice(j, j + w)).copy_(v.to(img.dtype).expand([...out.shape.slice(0, -2), h, w]));
      return out;
    }
    return img;
  }
  protected reprArgs(): string {
    return `p=${this.p}, scale=(${this.scale.join(', ')}), ratio=(${this.ratio.join(', ')}), value=${this.value}, inplace=${this.inplace ? 'True' : 'False'}`;
  }
}

export class Lambda extends TransformBase {
  readonly lambd: (x: any) => any;
  constructor(...args: Args<'torchvision.transforms.Lambda'>) {
    super();
    const { lambd } = bind('torchvision.transforms.Lambda', args);
    this.lambd = lambd;
    if (typeof lambd !== 'function') badArg('a function', 'lambd', lambd);
  }
  forward(x: unknown): unknown {
    return this.lambd(x);
  }
}

export class RandomApply extends TransformBase {
  readonly p: number;
  readonly transforms: ((x: any) => any)[];
  constructor(...args: Args<'torchvision.transforms.RandomApply'>) {
    super();
    const { transforms, p } = bind('torchvision.transforms.RandomApply', args);
    if (!Array.isArray(transforms)) badArg('an array of transforms', 'transforms', transforms);
    this.transforms = transforms;
    this.p = probability(p);
  }
  forward(x: unknown): unknown {
    if (this.p < rand()) return x;
    for (const t of this.transforms) x = t(x);
    return x;
  }
}

export class RandomChoice extends TransformBase {
  readonly transforms: ((x: any) => any)[];
  readonly p: number[] | null;
  constructor(...args: Args<'torchvision.transforms.RandomChoice'>) {
    super();
    const { transforms, p } = bind('torchvision.transforms.RandomChoice', args);
    if (!Array.isArray(transforms)) badArg('an array of transforms', 'transforms', transforms);
    if (p != null && p.length !== transforms.length) throw new RangeError('Length of p doesn\'t match the number of transforms: ' + `${p.length} != ${transforms.length}`);
    this.transforms = transforms;
    this.p = p ?? null;
  }
  forward(x: unknown): unknown {
    const weights = this.p ?? this.transforms.map(() => 1);
    const i = torch.tensor(weights, { dtype: torch.float64 }).multinomial(1).item() as number;
    return this.transforms[i](x);
  }
}

/** Applies `fn` with probability p (torchvision's draw: torch.rand(1) < p). */
abstract class RandomTone extends TransformBase {
  readonly p: number;
  constructor(p: number) {
    super();
    this.p = probability(p);
  }
  protected abstract apply(img: Input): Input;
  forward(img: Input): Input {
    return rand() < this.p ? this.apply(img) : img;
  }
  protected reprArgs(): string {
    return `p=${this.p}`;
  }
}
/** Inverts the colours with probability p. */
export class RandomInvert extends RandomTone {
  constructor(...args: Args<'torchvision.transforms.RandomInvert'>) {
    super(bind('torchvision.transforms.RandomInvert', args).p);
  }
  protected apply(img: Input) { return F.invert(img); }
}
/** Keeps `bits` bits per channel with probability p. */
export class RandomPosterize extends RandomTone {
  readonly bits: number;
  constructor(...args: Args<'torchvision.transforms.RandomPosterize'>) {
    const a = bind('torchvision.transforms.RandomPosterize', args);
    super(a.p);
    this.bits = a.bits;
  }
  protected apply(img: Input) { return F.posterize(img, this.bits); }
  protected reprArgs(): string { return `bits=${this.bits},p=${this.p}`; }
}
/** Inverts the pixels at or above `threshold` with probability p. */
export class RandomSolarize extends RandomTone {
  readonly threshold: number;
  constructor(...args: Args<'torchvision.transforms.RandomSolarize'>) {
    const a = bind('torchvision.transforms.RandomSolarize', args);
    super(a.p);
    this.threshold = a.threshold;
  }
  protected apply(img: Input) { return F.solarize(img, this.threshold); }
  protected reprArgs(): string { return `threshold=${this.threshold},p=${this.p}`; }
}
/** Stretches each channel to the full range with probability p. */
export class RandomAutocontrast extends RandomTone {
  constructor(...args: Args<'torchvision.transforms.RandomAutocontrast'>) {
    super(bind('torchvision.transforms.RandomAutocontrast', args).p);
  }
  protected apply(img: Input) { return F.autocontrast(img); }
}
/** Equalises each channel's histogram with probability p. */
export class RandomEqualize extends RandomTone {
  constructor(...args: Args<'torchvision.transforms.RandomEqualize'>) {
    super(bind('torchvision.transforms.RandomEqualize', args).p);
  }
  protected apply(img: Input) { return F.equalize(img); }
}

/** Sharpens (or blurs) by `sharpnessFactor` with probability p. */
export class RandomAdjustSharpness extends RandomTone {
  readonly sharpnessFactor: number;
  constructor(...args: Args<'torchvision.transforms.RandomAdjustSharpness'>) {
    const a = bind('torchvision.transforms.RandomAdjustSharpness', args);
    super(a.p);
    if (typeof a.sharpnessFactor !== 'number' || Number.isNaN(a.sharpnessFactor)) badArg('a number', 'sharpnessFactor', a.sharpnessFactor);
    this.sharpnessFactor = a.sharpnessFactor;
  }
  protected apply(img: Input) { return F.adjustSharpness(img, this.sharpnessFactor); }
  _native(): NativeOp[] { return [{ kind: 'sharpness', p: this.p, factor: this.sharpnessFactor }]; }
  protected reprArgs(): string { return `sharpness_factor=${this.sharpnessFactor},p=${this.p}`; }
}

/**
 * Applies `transforms` in a random order. torchvision shuffles with Python's `random` module, which
 * JavaScript has no twin of: the order here is torch.randperm's, so torch.manualSeed repeats it.
 */
export class RandomOrder extends TransformBase {
  readonly transforms: ((x: any) => any)[];
  constructor(...args: Args<'torchvision.transforms.RandomOrder'>) {
    super();
    const { transforms } = bind('torchvision.transforms.RandomOrder', args);
    if (!Array.isArray(transforms)) badArg('an array of transforms', 'transforms', transforms);
    this.transforms = transforms;
  }
  forward(x: unknown): unknown {
    for (const i of torch.randperm(this.transforms.length).tolist() as number[]) x = this.transforms[i]!(x);
    return x;
  }
}

/** The four corner crops and the central crop of `size` [h, w], as torchvision's five_crop. */
function fiveCrop(img: Input, size: [number, number]): Input[] {
  const [, ih, iw] = F.getDimensions(img);
  const [ch, cw] = size;
  if (cw > iw || ch > ih) throw new RangeError(`Requested crop size (${ch}, ${cw}) is bigger than input size (${ih}, ${iw})`);
  return [F.crop(img, 0, 0, ch, cw), F.crop(img, 0, iw - cw, ch, cw), F.crop(img, ih - ch, 0, ch, cw), F.crop(img, ih - ch, iw - cw, ch, cw), F.centerCrop(img, [ch, cw])];
}
/** The four corners and the centre, cropped to `size`: an array of five (tuples are arrays). */
export class FiveCrop extends TransformBase {
  readonly size: [number, number];
  constructor(...args: Args<'torchvision.transforms.FiveCrop'>) {
    super();
    this.size = size2(bind('torchvision.transforms.FiveCrop', args).size, 'size');
  }
  forward(img: Input): Input[] { return fiveCrop(img, this.size); }
  protected reprArgs(): string { return `size=(${this.size.join(', ')})`; }
}
/** FiveCrop of the image and of its mirror (horizontal, or vertical with verticalFlip): an array of ten. */
export class TenCrop extends TransformBase {
  readonly size: [number, number];
  readonly verticalFlip: boolean;
  constructor(...args: Args<'torchvision.transforms.TenCrop'>) {
    super();
    const a = bind('torchvision.transforms.TenCrop', args);
    this.size = size2(a.size, 'size');
    this.verticalFlip = a.verticalFlip;
  }
  forward(img: Input): Input[] {
    return [...fiveCrop(img, this.size), ...fiveCrop(this.verticalFlip ? F.vflip(img) : F.hflip(img), this.size)];
  }
  protected reprArgs(): string { return `size=(${this.size.join(', ')}), vertical_flip=${pyBool(this.verticalFlip)}`; }
}

/**
 * A C×H×W (or H×W) tensor as an Image: a float tensor scaled by 255 and truncated to uint8, as
 * torchvision's to_pil_image does. Images here are 'L' or 'RGB', so 1 or 3 channels.
 */
export class ToPILImage extends TransformBase {
  readonly mode: 'L' | 'RGB' | null;
  constructor(...args: Args<'torchvision.transforms.ToPILImage'>) {
    super();
    const { mode } = bind('torchvision.transforms.ToPILImage', args);
    if (mode !== null && mode !== undefined && mode !== 'L' && mode !== 'RGB') {
      throw new RangeError(`Expected mode 'L' or 'RGB' (the modes an Image has) but received ${String(mode)}`);
    }
    this.mode = mode ?? null;
  }
  forward(pic: torch.Tensor): Image {
    if (!(pic instanceof torch.Tensor)) throw new TypeError(`pic should be Tensor or ndarray. Got ${typeof pic}.`);
    if (pic.dim() !== 2 && pic.dim() !== 3) throw new RangeError(`pic should be 2/3 dimensional. Got ${pic.dim()} dimensions.`);
    const chw = pic.dim() === 2 ? pic.unsqueeze(0) : pic;
    if (chw.shape[0]! > 4) throw new RangeError(`pic should not have > 4 channels. Got ${chw.shape[0]} channels.`);
    const bytes = chw.isFloatingPoint() ? chw.mul(255).byte() : chw;
    if (bytes.dtype !== torch.uint8) throw new TypeError(`Input type ${String(bytes.dtype).replace('torch.', '')} is not supported`);
    const channels = bytes.shape[0]!;
    const inferred = channels === 1 ? 'L' : channels === 3 ? 'RGB' : null;
    if (inferred === null) throw new RangeError(`Expected 1 or 3 channels (an 'L' or 'RGB' Image) but received ${channels}`);
    if (this.mode !== null && this.mode !== inferred) {
      throw new RangeError(channels === 1 ? `Incorrect mode (${this.mode}) supplied for input type uint8. Should be L` : 'Only modes [\'RGB\', \'YCbCr\', \'HSV\'] are supported for 3D inputs');
    }
    return new Image(bytes.permute(1, 2, 0).contiguous(), inferred);
  }
  protected reprArgs(): string { return this.mode === null ? '' : `mode=${this.mode}`; }
}

/**
 * Whitening: each flattened C·H·W tensor, less `meanVector`, times `transformationMatrix` (square,
 * of side C·H·W), as torchvision's LinearTransformation.
 */
export class LinearTransformation extends TransformBase {
  readonly transformationMatrix: torch.Tensor;
  readonly meanVector: torch.Tensor;
  constructor(...args: Args<'torchvision.transforms.LinearTransformation'>) {
    super();
    const { transformationMatrix: m, meanVector: v } = bind('torchvision.transforms.LinearTransformation', args);
    if (!(m instanceof torch.Tensor)) badArg('a Tensor', 'transformation_matrix', m);
    if (!(v instanceof torch.Tensor)) badArg('a Tensor', 'mean_vector', v);
    if (m.dim() !== 2 || m.shape[0] !== m.shape[1]) {
      throw new RangeError(`transformation_matrix should be square. Got (${m.shape.join(', ')}) rectangular matrix.`);
    }
    if (v.shape[0] !== m.shape[0]) {
      throw new RangeError(`mean_vector should have the same length ${v.shape[0]} as any one of the dimensions of the transformation_matrix [(${m.shape.join(', ')})]`);
    }
    if (m.device.type !== v.device.type) {
      throw new RangeError(`Input tensors should be on the same device. Got ${m.device.type} and ${v.device.type}`);
    }
    if (m.dtype !== v.dtype) throw new RangeError(`Input tensors should have the same dtype. Got ${m.dtype} and ${v.dtype}`);
    this.transformationMatrix = m;
    this.meanVector = v;
  }
  forward(tensor: torch.Tensor): torch.Tensor {
    if (!(tensor instanceof torch.Tensor) || tensor.dim() < 3) badArg('a C×H×W Tensor', 'tensor', tensor);
    const shape = tensor.shape;
    const [c, h, w] = shape.slice(-3) as [number, number, number];
    const n = c * h * w;
    if (n !== this.transformationMatrix.shape[0]) {
      throw new RangeError(`Input tensor and transformation matrix have incompatible shape.[${c} x ${h} x ${w}] != ${this.transformationMatrix.shape[0]}`);
    }
    if (tensor.device.type !== this.meanVector.device.type) {
      throw new RangeError(`Input tensor should be on the same device as transformation matrix and mean vector. Got ${tensor.device.type} vs ${this.meanVector.device.type}`);
    }
    const flat = tensor.view([-1, n]).sub(this.meanVector);
    return torch.mm(flat, this.transformationMatrix.to(flat.dtype)).view(shape);
  }
  protected reprArgs(): string {
    // Python's repr of tensor.tolist(): floats as Python prints them
    const list = (t: torch.Tensor): string => {
      const item = (v: unknown): string => (Array.isArray(v) ? `[${v.map(item).join(', ')}]` : t.isFloatingPoint() ? pyFloat(v as number) : String(v));
      return item(t.tolist());
    };
    return `transformation_matrix=${list(this.transformationMatrix)}, mean_vector=${list(this.meanVector)}`;
  }
}

const uniform = (low: number, high: number) => torch.empty(1).uniform_(low, high).item() as number;
const pyBool = (b: boolean) => (b ? 'True' : 'False');
const pyVal = (v: unknown): string => (v === null || v === undefined ? 'None' : Array.isArray(v) ? `[${v.map(pyVal).join(', ')}]` : typeof v === 'boolean' ? pyBool(v) : String(v));

/** A number d means [-d, d] (d ≥ 0); a pair is taken as is. */
function symmetricRange(v: unknown, name: string): [number, number] {
  if (typeof v === 'number') {
    if (v < 0) throw new RangeError(`If ${name} is a single number, it must be positive.`);
    return [-v, v];
  }
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) return [v[0], v[1]];
  return badArg('a number or a pair of numbers', name, v);
}

function pairOf(v: unknown, name: string, fallback: [number, number]): [number, number] {
  if (v === undefined) return fallback;
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) return [v[0], v[1]];
  return badArg('a pair of numbers', name, v);
}

export class Resize extends TransformBase {
  readonly size: number[];
  readonly interpolation!: InterpolationMode;
  readonly maxSize: number | null;
  readonly antialias: boolean;
  readonly sizeArg: number | number[];
  constructor(...args: Args<'torchvision.transforms.Resize'>) {
    super();
    const options = bind('torchvision.transforms.Resize', args);
    this.sizeArg = options.size;
    this.size = F.sizeList(options.size);
    this.interpolation = options.interpolation ?? 'bilinear';
    F.interpCode(this.interpolation);
    this.maxSize = options.maxSize ?? null;
    if (this.maxSize !== null && (!Number.isInteger(this.maxSize) || this.maxSize <= 0)) badArg('a positive integer', 'maxSize', this.maxSize);
    this.antialias = options.antialias ?? true;
  }
  forward(img: Input): Input {
    return F.resize(img, this.size, { interpolation: this.interpolation, maxSize: this.maxSize, antialias: this.antialias });
  }
  _native(): NativeOp[] {
    return [{ kind: 'resize', size: this.size, maxSize: this.maxSize ?? 0, interp: F.INTERP_CODE[this.interpolation], antialias: this.antialias && this.interpolation !== 'nearest' }];
  }
  protected reprArgs(): string {
    return `size=${pyVal(this.sizeArg)}, interpolation=${this.interpolation}, max_size=${pyVal(this.maxSize)}, antialias=${pyBool(this.antialias)}`;
  }
}

export class RandomResizedCrop extends TransformBase {
  readonly size: [number, number];
  readonly scale: [number, number];
  readonly ratio: [number, number];
  readonly interpolation!: InterpolationMode;
  readonly antialias: boolean;
  constructor(...args: Args<'torchvision.transforms.RandomResizedCrop'>) {
    super();
    const options = bind('torchvision.transforms.RandomResizedCrop', args);
    this.size = size2(options.size, 'size');
    this.scale = pairOf(options.scale, 'scale', [0.08, 1.0]);
    this.ratio = pairOf(options.ratio, 'ratio', [3 / 4, 4 / 3]);
    if (this.scale[0] > this.scale[1] || this.ratio[0] > this.ratio[1]) console.warn('Scale and ratio should be of kind (min, max)');
    this.interpolation = options.interpolation ?? 'bilinear';
    F.interpCode(this.interpolation);
    this.antialias = options.antialias ?? true;
  }
  /** torchvision's get_params: [top, left, height, width] of a random crop of the given area and aspect ranges. */
  static getParams(img: Input, scale: [number, number], ratio: [number, number]): [number, number, number, number] {
    const [, height, width] = F.getDimensions(img);
    const area = height * width;
    const logRatio = torch.tensor(ratio).log().tolist() as number[]; // float32, as torchvision's
    for (let attempt = 0; attempt < 10; attempt++) {
      const targetArea = area * uniform(scale[0], scale[1]);
      const aspect = torch.empty(1).uniform_(logRatio[0], logRatio[1]).exp().item() as number;
      const w = pyRound(Math.sqrt(targetArea * aspect));
      const h = pyRound(Math.sqrt(targetArea / aspect));
      if (w > 0 && w <= width && h > 0 && h <= height) return [randint(0, height - h + 1), randint(0, width - w + 1), h, w];
    }
    // fall back to a central crop
    const inRatio = width / height;
    let w = width, h = height;
    if (inRatio < Math.min(...ratio)) h = pyRound(w / Math.min(...ratio));
    else if (inRatio > Math.max(...ratio)) w = pyRound(h * Math.max(...ratio));
    return [Math.floor((height - h) / 2), Math.floor((width - w) / 2), h, w];
  }
  forward(img: Input): Input {
    const [i, j, h, w] = RandomResizedCrop.getParams(img, this.scale, this.ratio);
    return F.resizedCrop(img, i, j, h, w, this.size, { interpolation: this.interpolation, antialias: this.antialias });
  }
  _native(): NativeOp[] {
    const logRatio = torch.tensor(this.ratio).log().tolist() as number[];
    return [{ kind: 'resizedCrop', h: this.size[0], w: this.size[1], scale: this.scale, ratio: this.ratio, logRatio, interp: F.INTERP_CODE[this.interpolation], antialias: this.antialias && this.interpolation !== 'nearest' }];
  }
  protected reprArgs(): string {
    const r = (v: number) => Number(v.toFixed(4));
    return `size=(${this.size.join(', ')}), scale=(${this.scale.map(r).join(', ')}), ratio=(${this.ratio.map(r).join(', ')}), interpolation=${this.interpolation}, antialias=${pyBool(this.antialias)}`;
  }
}

type AffineCommon = { interpolation?: InterpolationMode; fill?: number | number[]; center?: [number, number] | null; fillMode?: 'constant' | 'nearest' };

function affineCommon(o: AffineCommon) {
  const interpolation = o.interpolation ?? 'nearest';
  F.interpCode(interpolation); // bicubic is PIL's only: F.rotate / F.affine refuse it on a tensor, as torchvision's do
  const fill = o.fill ?? 0;
  if (!isFill(fill)) badArg('a number or a list of numbers', 'fill', fill);
  const center = o.center ?? null;
  if (center !== null && !(Array.isArray(center) && center.length === 2)) badArg('[x, y]', 'center', center);
  const fillMode = o.fillMode ?? 'constant';
  if (fillMode !== 'constant' && fillMode !== 'nearest') badArg("'constant' or 'nearest'", 'fillMode', fillMode);
  return { interpolation, fill, center, fillMode };
}

function nativeFill(fill: number | number[]): number[] {
  return typeof fill === 'number' ? [fill] : fill;
}

export class RandomRotation extends TransformBase {
  readonly degrees: [number, number];
  readonly interpolation!: InterpolationMode;
  readonly expand: boolean;
  readonly center!: [number, number] | null;
  readonly fill!: number | number[];
  readonly fillMode!: 'constant' | 'nearest';
  constructor(...args: Args<'torchvision.transforms.RandomRotation'>) {
    super();
    const options = bind('torchvision.transforms.RandomRotation', args);
    this.degrees = symmetricRange(options.degrees, 'degrees');
    Object.assign(this, affineCommon(options));
    this.expand = options.expand ?? false;
  }
  static getParams(degrees: [number, number]): number {
    return uniform(degrees[0], degrees[1]);
  }
  forward(img: Input): Input {
    const angle = RandomRotation.getParams(this.degrees);
    return F.rotate(img, angle, { interpolation: this.interpolation, expand: this.expand, center: this.center, fill: this.fill, fillMode: this.fillMode });
  }
  _native(): NativeOp[] {
    return [{ kind: 'affine', rotate: true, degrees: this.degrees, translate: null, scale: null, shear: null, expand: this.expand, center: this.center,
      interp: F.INTERP_CODE[this.interpolation], fill: nativeFill(this.fill), border: this.fillMode === 'nearest' }];
  }
  protected reprArgs(): string {
    return `degrees=[${this.degrees.join(', ')}], interpolation=${this.interpolation}, expand=${pyBool(this.expand)}, fill=${pyVal(this.fill)}`;
  }
}

export class RandomAffine extends TransformBase {
  readonly degrees: [number, number];
  readonly translate: [number, number] | null;
  readonly scale: [number, number] | null;
  readonly shear: number[] | null;
  readonly interpolation!: InterpolationMode;
  readonly center!: [number, number] | null;
  readonly fill!: number | number[];
  readonly fillMode!: 'constant' | 'nearest';
  constructor(...args: Args<'torchvision.transforms.RandomAffine'>) {
    super();
    const options = bind('torchvision.transforms.RandomAffine', args);
    this.degrees = symmetricRange(options.degrees, 'degrees');
    const t = options.translate ?? null;
    if (t !== null) {
      pairOf(t, 'translate', [0, 0]);
      if (t.some((v) => v < 0 || v > 1)) throw new RangeError('translation values should be between 0 and 1');
    }
    this.translate = t;
    const sc = options.scale ?? null;
    if (sc !== null) {
      pairOf(sc, 'scale', [1, 1]);
      if (sc.some((v) => v <= 0)) throw new RangeError('scale values should be positive');
    }
    this.scale = sc;
    const sh = options.shear ?? null;
    if (sh === null) this.shear = null;
    else if (typeof sh === 'number') this.shear = symmetricRange(sh, 'shear');
    else if (Array.isArray(sh) && (sh.length === 2 || sh.length === 4) && sh.every((v) => typeof v === 'number')) this.shear = [...sh];
    else badArg('a number or a list of 2 or 4 numbers', 'shear', sh);
    Object.assign(this, affineCommon(options));
  }
  /** torchvision's get_params: [angle, [tx, ty], scale, [shearX, shearY]] for an image of size [width, height]. */
  static getParams(degrees: [number, number], translate: [number, number] | null, scaleRanges: [number, number] | null, shears: number[] | null, imgSize: [number, number]): [number, [number, number], number, [number, number]] {
    const angle = uniform(degrees[0], degrees[1]);
    let tx = 0, ty = 0;
    if (translate !== null) {
      const maxDx = translate[0] * imgSize[0], maxDy = translate[1] * imgSize[1];
      tx = pyRound(uniform(-maxDx, maxDx));
      ty = pyRound(uniform(-maxDy, maxDy));
    }
    const scale = scaleRanges !== null ? uniform(scaleRanges[0], scaleRanges[1]) : 1.0;
    let shx = 0, shy = 0;
    if (shears !== null) {
      shx = uniform(shears[0], shears[1]);
      if (shears.length === 4) shy = uniform(shears[2], shears[3]);
    }
    return [angle, [tx, ty], scale, [shx, shy]];
  }
  forward(img: Input): Input {
    const [, h, w] = F.getDimensions(img);
    const [angle, translate, scale, shear] = RandomAffine.getParams(this.degrees, this.translate, this.scale, this.shear, [w, h]);
    return F.affine(img, angle, translate, scale, shear, { interpolation: this.interpolation, fill: this.fill, center: this.center, fillMode: this.fillMode });
  }
  _native(): NativeOp[] {
    return [{ kind: 'affine', rotate: false, degrees: this.degrees, translate: this.translate, scale: this.scale, shear: this.shear, expand: false, center: this.center,
      interp: F.INTERP_CODE[this.interpolation], fill: nativeFill(this.fill), border: this.fillMode === 'nearest' }];
  }
  protected reprArgs(): string {
    const parts = [`degrees=[${this.degrees.join(', ')}]`];
    if (this.translate) parts.push(`translate=(${this.translate.join(', ')})`);
    if (this.scale) parts.push(`scale=(${this.scale.join(', ')})`);
    if (this.shear) parts.push(`shear=[${this.shear.join(', ')}]`);
    if (this.interpolation !== 'nearest') parts.push(`interpolation=${this.interpolation}`);
    if (this.fill !== 0) parts.push(`fill=${pyVal(this.fill)}`);
    return parts.join(', ');
  }
}

type JitterArg = number | [number, number];
/** The keyword arguments of `transforms.ColorJitter`. */
export interface ColorJitterOptions {
  brightness?: JitterArg;
  contrast?: JitterArg;
  saturation?: JitterArg;
  hue?: JitterArg;
}

/** torchvision's _check_input: a number v means [max(0, c - v), c + v]; a range equal to [c, c] turns it off. */
function jitterRange(value: unknown, name: string, center = 1, bound: [number, number] = [0, Infinity], clipFirstOnZero = true): [number, number] | null {
  let r: [number, number];
  if (typeof value === 'number') {
    if (value < 0) throw new RangeError(`If ${name} is a single number, it must be non negative.`);
    r = [center - value, center + value];
    if (clipFirstOnZero) r[0] = Math.max(r[0], 0);
  } else if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number')) r = [value[0], value[1]];
  else return badArg('a number or a [min, max] pair', name, value);
  if (!(bound[0] <= r[0] && r[0] <= r[1] && r[1] <= bound[1])) throw new RangeError(`${name} values should be between (${bound[0]}, ${bound[1] === Infinity ? 'inf' : bound[1]})`);
  return r[0] === center && r[1] === center ? null : r;
}

export class ColorJitter extends TransformBase {
  readonly brightness: [number, number] | null;
  readonly contrast: [number, number] | null;
  readonly saturation: [number, number] | null;
  readonly hue: [number, number] | null;
  /** new ColorJitter({ brightness: 0.4, hue: 0.1 }) or, positionally, new ColorJitter(0.4, 0.4, 0.4, 0.1) */
  constructor(...args: Args<'torchvision.transforms.ColorJitter'>) {
    super();
    const o = bind('torchvision.transforms.ColorJitter', args);
    this.brightness = jitterRange(o.brightness ?? 0, 'brightness');
    this.contrast = jitterRange(o.contrast ?? 0, 'contrast');
    this.saturation = jitterRange(o.saturation ?? 0, 'saturation');
    this.hue = jitterRange(o.hue ?? 0, 'hue', 0, [-0.5, 0.5], false);
  }
  /** torchvision's get_params: the order of the four adjustments and their factors (null: off). */
  static getParams(brightness: [number, number] | null, contrast: [number, number] | null, saturation: [number, number] | null, hue: [number, number] | null): [number[], number | null, number | null, number | null, number | null] {
    const order = torch.randperm(4).tolist() as number[];
    const draw = (r: [number, number] | null) => (r === null ? null : uniform(r[0], r[1]));
    const b = draw(brightness), c = draw(contrast), s = draw(saturation), h = draw(hue);
    return [order, b, c, s, h];
  }
  forward(img: Input): Input {
    const [order, b, c, s, h] = ColorJitter.getParams(this.brightness, this.contrast, this.saturation, this.hue);
    for (const fn of order) {
      if (fn === 0 && b !== null) img = F.adjustBrightness(img, b);
      else if (fn === 1 && c !== null) img = F.adjustContrast(img, c);
      else if (fn === 2 && s !== null) img = F.adjustSaturation(img, s);
      else if (fn === 3 && h !== null) img = F.adjustHue(img, h);
    }
    return img;
  }
  _native(): NativeOp[] {
    return [{ kind: 'colorJitter', ranges: [this.brightness, this.contrast, this.saturation, this.hue] }];
  }
  protected reprArgs(): string {
    return `brightness=${pyVal(this.brightness)}, contrast=${pyVal(this.contrast)}, saturation=${pyVal(this.saturation)}, hue=${pyVal(this.hue)}`;
  }
}

export class GaussianBlur extends TransformBase {
  readonly kernelSize: [number, number];
  readonly sigma: [number, number];
  /** new GaussianBlur(5), new GaussianBlur(5, [0.1, 2.0]) or new GaussianBlur(5, { sigma: 1.5 }) */
  constructor(...args: Args<'torchvision.transforms.GaussianBlur'>) {
    super();
    const { kernelSize, sigma: s } = bind('torchvision.transforms.GaussianBlur', args);
    const k = typeof kernelSize === 'number' ? [kernelSize, kernelSize] : kernelSize;
    if (!Array.isArray(k) || k.length !== 2) badArg('an odd positive integer or [kx, ky]', 'kernelSize', kernelSize);
    for (const v of k) if (!Number.isInteger(v) || v <= 0 || v % 2 === 0) throw new RangeError('Kernel size value should be an odd and positive number.');
    this.kernelSize = [k[0], k[1]];
    if (typeof s === 'number') {
      if (s <= 0) throw new RangeError('If sigma is a single number, it must be positive.');
      this.sigma = [s, s];
    } else if (Array.isArray(s) && s.length === 2) {
      if (!(0 < s[0] && s[0] <= s[1])) throw new RangeError('sigma values should be positive and of the form (min, max).');
      this.sigma = [s[0], s[1]];
    } else badArg('a positive number or a [min, max] pair', 'sigma', s);
  }
  static getParams(sigmaMin: number, sigmaMax: number): number {
    return uniform(sigmaMin, sigmaMax);
  }
  forward(img: Input): Input {
    const sigma = GaussianBlur.getParams(this.sigma[0], this.sigma[1]);
    return F.gaussianBlur(img, this.kernelSize, [sigma, sigma]);
  }
  _native(): NativeOp[] {
    return [{ kind: 'gaussianBlur', kx: this.kernelSize[0], ky: this.kernelSize[1], sigma: this.sigma }];
  }
  protected reprArgs(): string {
    return `kernel_size=(${this.kernelSize.join(', ')}), sigma=(${this.sigma.join(', ')})`;
  }
}

/** Warps the image by moving its corners inward at random by up to `distortionScale` of half its size, with probability p. */
export class RandomPerspective extends TransformBase {
  readonly distortionScale: number;
  readonly p: number;
  readonly interpolation: InterpolationMode;
  readonly fill: number | number[];
  constructor(...args: Args<'torchvision.transforms.RandomPerspective'>) {
    super();
    const a = bind('torchvision.transforms.RandomPerspective', args);
    this.p = probability(a.p);
    if (typeof a.distortionScale !== 'number' || !(a.distortionScale >= 0 && a.distortionScale <= 1)) badArg('a number between 0 and 1', 'distortionScale', a.distortionScale);
    this.distortionScale = a.distortionScale;
    this.interpolation = a.interpolation ?? 'bilinear';
    F.interpCode(this.interpolation);
    const fill = a.fill ?? 0;
    if (!isFill(fill)) throw new TypeError('Fill should be either a sequence or a number.');
    this.fill = fill;
  }
  /** torchvision's draw: the four corners' new places, each within `distortionScale` of half the image inward */
  static getParams(width: number, height: number, distortionScale: number): [number[][], number[][]] {
    const halfHeight = Math.floor(height / 2), halfWidth = Math.floor(width / 2);
    const dx = Math.trunc(distortionScale * halfWidth), dy = Math.trunc(distortionScale * halfHeight);
    const topleft = [randint(0, dx + 1), randint(0, dy + 1)];
    const topright = [randint(width - dx - 1, width), randint(0, dy + 1)];
    const botright = [randint(width - dx - 1, width), randint(height - dy - 1, height)];
    const botleft = [randint(0, dx + 1), randint(height - dy - 1, height)];
    const startpoints = [[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]];
    return [startpoints, [topleft, topright, botright, botleft]];
  }
  forward(img: Input): Input {
    const [channels, height, width] = F.getDimensions(img);
    const fill = img instanceof Image || Array.isArray(this.fill) ? this.fill : Array(channels).fill(this.fill);
    if (rand() < this.p) {
      const [startpoints, endpoints] = RandomPerspective.getParams(width, height, this.distortionScale);
      return F.perspective(img, startpoints, endpoints, this.interpolation, fill);
    }
    return img;
  }
  protected reprArgs(): string {
    return `p=${this.p}`;
  }
}

/** A number, or a pair of them, as ElasticTransform's alpha and sigma take it. */
function numberOrPair(v: unknown, name: string): [number, number] {
  if (typeof v === 'number') return [v, v];
  if (!Array.isArray(v)) throw new TypeError(`${name} should be float or a sequence of floats. Got ${typeof v}`);
  if (v.length !== 2) throw new RangeError(`If ${name} is a sequence its length should be 2. Got ${v.length}`);
  if (!v.every((x) => typeof x === 'number')) throw new TypeError(`${name} should be a sequence of floats.`);
  return [v[0], v[1]];
}

/**
 * Displaces every pixel by a random field: uniform noise in [-1, 1] smoothed by a Gaussian of
 * `sigma`, scaled by `alpha` (in pixels). torchvision 0.15+'s normalisation: x by the width, y by the height.
 */
export class ElasticTransform extends TransformBase {
  readonly alpha: [number, number];
  readonly sigma: [number, number];
  readonly interpolation: InterpolationMode;
  readonly fill: number[];
  constructor(...args: Args<'torchvision.transforms.ElasticTransform'>) {
    super();
    const a = bind('torchvision.transforms.ElasticTransform', args);
    this.alpha = numberOrPair(a.alpha, 'alpha');
    this.sigma = numberOrPair(a.sigma, 'sigma');
    this.interpolation = a.interpolation ?? 'bilinear';
    F.interpCode(this.interpolation);
    const fill = a.fill ?? 0;
    if (!isFill(fill)) throw new TypeError(`fill should be int or float or a list or tuple of them. Got ${typeof fill}`);
    this.fill = typeof fill === 'number' ? [fill] : [...fill];
  }
  /** torchvision's draw of the 1×H×W×2 displacement field for an image of `size` [height, width] */
  static getParams(alpha: [number, number], sigma: [number, number], size: [number, number]): torch.Tensor {
    const field = (i: 0 | 1) => {
      let d = torch.rand([1, 1, ...size]).mul(2).sub(1);
      if (sigma[i] > 0) {
        let k = Math.trunc(8 * sigma[i] + 1);
        if (k % 2 === 0) k += 1; // the kernel size must be odd
        d = F.gaussianBlur(d, [k, k], sigma) as torch.Tensor;
      }
      // x is normalised by the width, y by the height
      return d.mul(alpha[i]).div(size[1 - i]!);
    };
    const dx = field(0), dy = field(1);
    return torch.cat([dx, dy], 1).permute(0, 2, 3, 1);
  }
  forward(img: Input): Input {
    const [, height, width] = F.getDimensions(img);
    const displacement = ElasticTransform.getParams(this.alpha, this.sigma, [height, width]);
    return F.elasticTransform(img, displacement, this.interpolation, this.fill);
  }
  protected reprArgs(): string {
    return `alpha=[${this.alpha.map(pyNum).join(', ')}], sigma=[${this.sigma.map(pyNum).join(', ')}], interpolation=InterpolationMode.${this.interpolation.toUpperCase()}, fill=[${this.fill.map(pyNum).join(', ')}]`;
  }
}

export { Image };
