// torchvision.transforms for Images (PIL semantics) and C×H×W tensors. Random transforms draw
// from torch's generator, so torch.manualSeed makes them repeatable.
import * as torch from '../../index.js';
import { Image } from '../image.js';
import { badArg } from '../../errors.js';

type Input = Image | torch.Tensor;
export type NativeOp = Record<string, unknown> & { kind: string };
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

/** Python's round(): halves go to the even neighbour (torchvision's center_crop uses it). */
const pyRound = (x: number) => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
};
const rand = () => torch.rand(1).item() as number;
const randint = (low: number, high: number) => torch.randint(low, high, [1]).item() as number;

/** Applies a C×H×W tensor function to an Image or a tensor, returning the same kind. */
function spatial(x: Input, fn: (chw: torch.Tensor) => torch.Tensor): Input {
  if (x instanceof Image) return new Image(fn(x.data.permute(2, 0, 1)).permute(1, 2, 0).contiguous(), x.mode);
  if (!(x instanceof torch.Tensor)) badArg('an Image or a Tensor', 'img', x);
  return fn(x);
}

export class Compose extends TransformBase {
  constructor(readonly transforms: ((x: any) => any)[]) {
    super();
    if (!Array.isArray(transforms)) badArg('an array of transforms', 'transforms', transforms);
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
  _native(): NativeOp[] {
    return [{ kind: 'toTensor' }];
  }
  forward(pic: Input): torch.Tensor {
    if (pic instanceof Image) return pic.data.permute(2, 0, 1).contiguous().float().div(255);
    if (pic instanceof torch.Tensor) {
      // an H×W×C uint8 array, as numpy input to ToTensor
      const hwc = pic.dim() === 2 ? pic.unsqueeze(2) : pic;
      const chw = hwc.permute(2, 0, 1).contiguous();
      return pic.dtype === torch.uint8 ? chw.float().div(255) : chw;
    }
    return badArg('an Image or an H×W×C Tensor', 'pic', pic);
  }
}

/** Image -> C×H×W uint8 tensor, unscaled. */
export class PILToTensor extends TransformBase {
  forward(pic: Image): torch.Tensor {
    if (!(pic instanceof Image)) badArg('an Image', 'pic', pic);
    return pic.data.permute(2, 0, 1).contiguous();
  }
}

export class ConvertImageDtype extends TransformBase {
  constructor(readonly dtype: torch.DType) {
    super();
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
  constructor(readonly mean: number[], readonly std: number[], readonly options: { inplace?: boolean } = {}) {
    super();
    if (!Array.isArray(mean) || !Array.isArray(std)) badArg('arrays of per-channel numbers', 'mean/std', mean);
    if (std.some((s) => s === 0)) throw new RangeError(`std evaluated to zero after conversion to float32, leading to division by zero.`);
  }
  _native(): NativeOp[] {
    return [{ kind: 'normalize', mean: this.mean, std: this.std }];
  }
  forward(t: torch.Tensor): torch.Tensor {
    if (!(t instanceof torch.Tensor) || !t.dtype.isFloatingPoint) badArg('a float Tensor (apply ToTensor first)', 'tensor', t);
    const shape = [-1, 1, 1];
    const mean = torch.tensor(this.mean, { dtype: t.dtype }).view(shape);
    const std = torch.tensor(this.std, { dtype: t.dtype }).view(shape);
    return this.options.inplace ? t.sub_(mean).div_(std) : t.sub(mean).div(std);
  }
  protected reprArgs(): string {
    return `mean=[${this.mean.join(', ')}], std=[${this.std.join(', ')}]`;
  }
}

export class RandomHorizontalFlip extends TransformBase {
  constructor(readonly p = 0.5) {
    super();
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
  constructor(readonly p = 0.5) {
    super();
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

const size2 = (s: number | number[], name: string): [number, number] => {
  if (typeof s === 'number') return [s, s];
  if (Array.isArray(s) && s.length === 1) return [s[0], s[0]];
  if (Array.isArray(s) && s.length === 2) return [s[0], s[1]];
  return badArg('an integer or [height, width]', name, s);
};

function crop(t: torch.Tensor, top: number, left: number, h: number, w: number): torch.Tensor {
  return t.index('...', torch.slice(top, top + h), torch.slice(left, left + w));
}

export class CenterCrop extends TransformBase {
  readonly size: [number, number];
  constructor(size: number | number[]) {
    super();
    this.size = size2(size, 'size');
  }
  forward(x: Input): Input {
    return spatial(x, (t) => {
      const [h, w] = this.size;
      const [H, W] = t.shape.slice(-2);
      if (h > H || w > W) {
        // torchvision pads with zeros when the crop is larger than the image
        const padTop = Math.floor((h - H) / 2), padLeft = Math.floor((w - W) / 2);
        t = torch.nn.functional.pad(t, [padLeft, Math.max(0, w - W - padLeft), padTop, Math.max(0, h - H - padTop)]);
      }
      const [H2, W2] = t.shape.slice(-2);
      return crop(t, pyRound((H2 - h) / 2), pyRound((W2 - w) / 2), h, w);
    });
  }
  protected reprArgs(): string {
    return `size=(${this.size.join(', ')})`;
  }
  _native(): NativeOp[] {
    return [{ kind: 'centerCrop', h: this.size[0], w: this.size[1] }];
  }
}

export class RandomCrop extends TransformBase {
  readonly size: [number, number];
  readonly padding: number[] | null;
  readonly padIfNeeded: boolean;
  readonly fill: number;
  readonly paddingMode: 'constant' | 'edge' | 'reflect' | 'symmetric';
  constructor(size: number | number[], options: { padding?: number | number[] | null; padIfNeeded?: boolean; fill?: number; paddingMode?: 'constant' | 'edge' | 'reflect' | 'symmetric' } = {}) {
    super();
    this.size = size2(size, 'size');
    const p = options.padding ?? null;
    // torchvision's padding: int (all sides), [lr, tb], or [left, top, right, bottom]
    this.padding = p === null ? null : typeof p === 'number' ? [p, p, p, p] : p.length === 2 ? [p[0], p[1], p[0], p[1]] : p.length === 4 ? [...p] : badArg('an int or 2 or 4 ints', 'padding', p);
    this.padIfNeeded = options.padIfNeeded ?? false;
    this.fill = options.fill ?? 0;
    this.paddingMode = options.paddingMode ?? 'constant';
    if (!['constant', 'edge', 'reflect', 'symmetric'].includes(this.paddingMode)) badArg("'constant', 'edge', 'reflect' or 'symmetric'", 'paddingMode', this.paddingMode);
  }
  private pad(t: torch.Tensor, [left, top, right, bottom]: number[]): torch.Tensor {
    const F = torch.nn.functional;
    if (this.paddingMode === 'constant') return F.pad(t, [left, right, top, bottom], { value: this.fill });
    if (this.paddingMode === 'symmetric') {
      // mirror including the edge pixel: flip-and-concatenate
      const w = t.flip(-1), h = () => t.flip(-2);
      t = torch.cat([w.index('...', torch.slice(w.size(-1) - left, null)), t, w.index('...', torch.slice(0, right))], -1);
      const f = h();
      return torch.cat([f.index('...', torch.slice(f.size(-2) - top, null), torch.slice()), t, f.index('...', torch.slice(0, bottom), torch.slice())], -2);
    }
    const mode = this.paddingMode === 'edge' ? 'replicate' : 'reflect';
    const float = t.dtype.isFloatingPoint ? t : t.float();
    const padded = F.pad(float.dim() === 3 ? float.unsqueeze(0) : float, [left, right, top, bottom], { mode });
    const out = t.dim() === 3 ? padded.squeeze(0) : padded;
    return t.dtype.isFloatingPoint ? out : out.to(t.dtype);
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
      return crop(t, top, left, h, w);
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
  constructor(readonly numOutputChannels: 1 | 3 = 1) {
    super();
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
  constructor(readonly p = 0.1) {
    super();
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
  constructor(options: { p?: number; scale?: [number, number]; ratio?: [number, number]; value?: number | number[] | 'random'; inplace?: boolean } = {}) {
    super();
    this.p = options.p ?? 0.5;
    this.scale = options.scale ?? [0.02, 0.33];
    this.ratio = options.ratio ?? [0.3, 3.3];
    this.value = options.value ?? 0;
    this.inplace = options.inplace ?? false;
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
  constructor(readonly lambd: (x: any) => any) {
    super();
    if (typeof lambd !== 'function') badArg('a function', 'lambd', lambd);
  }
  forward(x: unknown): unknown {
    return this.lambd(x);
  }
}

export class RandomApply extends TransformBase {
  constructor(readonly transforms: ((x: any) => any)[], readonly p = 0.5) {
    super();
  }
  forward(x: unknown): unknown {
    if (this.p < rand()) return x;
    for (const t of this.transforms) x = t(x);
    return x;
  }
}

export class RandomChoice extends TransformBase {
  constructor(readonly transforms: ((x: any) => any)[], readonly p?: number[]) {
    super();
  }
  forward(x: unknown): unknown {
    const weights = this.p ?? this.transforms.map(() => 1);
    const i = torch.tensor(weights, { dtype: torch.float64 }).multinomial(1).item() as number;
    return this.transforms[i](x);
  }
}

export { Image };
