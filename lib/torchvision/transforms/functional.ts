// torchvision.transforms.functional: the deterministic image operations the transforms draw
// parameters for. Geometry and colour run torchvision's own tensor kernels, ported op for op to
// C++ (binding/vision.cc) so that the native DataLoader applies the very same code.
// On an Image, resize, rotate, affine, perspective and sharpness run PIL's own code (binding/pil_resample.cc,
// a port of Pillow's C), as torchvision runs PIL on a PIL image; the other operations go through the
// image's uint8 C×H×W tensor, where torchvision's PIL and tensor paths agree.
import * as torch from '../../index.js';
import { native } from '../../native.js';
import { badArg } from '../../errors.js';
import { Image } from '../image.js';

import { bind, type Args } from '../../bind.js';
import { fillList, pilFill, pilTransformFilter, tensorInterp, wrapH } from './grid-options.js';
import { assertChannels } from './tone.js';
/** What the functional transforms take: an `Image` (the PIL path) or a tensor (the tensor path). */
export type Input = Image | torch.Tensor;
/** torchvision's InterpolationMode; 'box', 'hamming' and 'lanczos' are PIL's, for Images only. */
export type InterpolationMode = 'nearest' | 'bilinear' | 'bicubic' | 'box' | 'hamming' | 'lanczos';
/** torchvision's InterpolationMode enum, as string constants. */
export const InterpolationMode = { NEAREST: 'nearest', BILINEAR: 'bilinear', BICUBIC: 'bicubic', BOX: 'box', HAMMING: 'hamming', LANCZOS: 'lanczos' } as const;
/** The native code of each mode (binding/pil_resample.cc FilterOf maps it to PIL's filter number). */
export const INTERP_CODE: Record<InterpolationMode, number> = { nearest: 0, bilinear: 1, bicubic: 2, box: 3, hamming: 4, lanczos: 5 };

/**
 * The native code of an interpolation mode (`InterpolationMode` or its name), rejecting any other value naming the argument.
 */
export function interpCode(mode: unknown, name = 'interpolation'): number {
  if (typeof mode !== 'string' || !Object.hasOwn(INTERP_CODE, mode)) badArg("'nearest', 'bilinear', 'bicubic', 'box', 'hamming' or 'lanczos'", name, mode);
  return INTERP_CODE[mode as InterpolationMode];
}

/** Python's round(): halves go to the even neighbour. */
export const pyRound = (x: number) => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
};

/** Applies a C×H×W tensor function to an Image or a tensor, returning the same kind. */
export function spatial(x: Input, fn: (chw: torch.Tensor) => torch.Tensor): Input {
  if (x instanceof Image) return new Image(fn(x.data.permute(2, 0, 1)).permute(1, 2, 0).contiguous(), x.mode);
  if (!(x instanceof torch.Tensor)) badArg('an Image or a Tensor', 'img', x);
  if (x.dim() < 3) badArg('a C×H×W or N×C×H×W Tensor', 'img', x);
  return fn(x);
}

/** [channels, height, width] of an Image or a tensor. */
export function getDimensions(img: Input): [number, number, number] {
  if (img instanceof Image) return [img.data.size(2), img.height, img.width];
  if (!(img instanceof torch.Tensor)) badArg('an Image or a Tensor', 'img', img);
  const [c, h, w] = img.dim() === 2 ? [1, ...img.shape] : img.shape.slice(-3);
  return [c, h, w];
}


/** The height×width window at (top, left) of a tensor's last two dimensions (a view). */
export function cropChw(t: torch.Tensor, top: number, left: number, height: number, width: number): torch.Tensor {
  return t.index('...', torch.slice(top, top + height), torch.slice(left, left + width));
}

export function crop(...args: Args<'torchvision.transforms.functional.crop'>): Input {
  const { img, top, left, height, width } = bind('torchvision.transforms.functional.crop', args);
  return spatial(img, (t) => cropChw(t, top, left, height, width));
}
export function hflip(...args: Args<'torchvision.transforms.functional.hflip'>): Input {
  const { img } = bind('torchvision.transforms.functional.hflip', args);
  return spatial(img, (t) => t.flip(-1));
}
export function vflip(...args: Args<'torchvision.transforms.functional.vflip'>): Input {
  const { img } = bind('torchvision.transforms.functional.vflip', args);
  return spatial(img, (t) => t.flip(-2));
}

/** torchvision's _compute_resized_output_size: [h, w] for a size list ([s] means the smaller edge). */
export function resizedOutputSize(h: number, w: number, size: number[], maxSize: number | null): [number, number] {
  if (size.length === 2) return [size[0], size[1]];
  const [short, long] = w <= h ? [w, h] : [h, w];
  let newShort = size[0], newLong = Math.trunc((size[0] * long) / short);
  if (maxSize !== null) {
    if (maxSize <= size[0]) throw new RangeError(`max_size = ${maxSize} must be strictly greater than the requested size for the smaller edge size = ${size[0]}`);
    if (newLong > maxSize) [newShort, newLong] = [Math.trunc((maxSize * newShort) / newLong), maxSize];
  }
  return w <= h ? [newLong, newShort] : [newShort, newLong];
}

/** A `size` argument (int or [h, w]) as a list, checked to be positive integers. */
export function sizeList(size: unknown, name = 'size'): number[] {
  const ok = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
  if (ok(size)) return [size as number];
  if (Array.isArray(size) && (size.length === 1 || size.length === 2) && size.every(ok)) return [...size];
  return badArg('a positive integer or [height, width]', name, size);
}

/** The keyword arguments of `transforms.functional.resize`. */
export interface ResizeOptions {
  interpolation?: InterpolationMode;
  maxSize?: number | null;
  /** Default true, as torchvision ≥ 0.17 (and PIL, which always antialiases). */
  antialias?: boolean | null;
}

export function resize(...args: Args<'torchvision.transforms.functional.resize'>): Input {
  const { img, size, ...options } = bind('torchvision.transforms.functional.resize', args);
  const s = sizeList(size);
  const mode = options.interpolation ?? 'bilinear';
  const interp = interpCode(mode);
  const maxSize = options.maxSize ?? null;
  if (maxSize !== null && s.length !== 1) throw new RangeError(`maxSize should only be passed if size specifies the length of the smaller edge, i.e. size should be an int or a sequence of length 1 in torchscript mode.`);
  if (img instanceof Image) {
    // PIL's Image.resize: always antialiased, the antialias option ignored (as torchvision's PIL path)
    const [h, w] = resizedOutputSize(img.height, img.width, s, maxSize);
    return new Image(wrapH(native.pilResize(img.data, h, w, interp)), img.mode);
  }
  tensorInterp(mode, ['nearest', 'bilinear', 'bicubic']);
  const antialias = (options.antialias ?? true) && interp !== 0;
  return spatial(img, (t) => {
    const [h, w] = resizedOutputSize(t.size(-2), t.size(-1), s, maxSize);
    if (h === t.size(-2) && w === t.size(-1)) return t;
    return wrapH(native.visionResize(t, h, w, interp, antialias));
  });
}

export function resizedCrop(...args: Args<'torchvision.transforms.functional.resizedCrop'>): Input {
  const { img, top, left, height, width, size, interpolation, antialias } = bind('torchvision.transforms.functional.resizedCrop', args);
  return resize(crop(img, top, left, height, width), size, { interpolation, antialias });
}

/** The keyword arguments of `transforms.functional.affine`. */
export interface AffineOptions {
  interpolation?: InterpolationMode;
  fill?: number | number[] | null;
  center?: [number, number] | null;
  /**
   * torch-node extension for Keras ports: 'nearest' fills the area outside the image with the
   * nearest edge pixel (Keras' fill_mode='nearest'); 'constant' (default) uses `fill`.
   */
  fillMode?: 'constant' | 'nearest';
}

function grid(img: Input, spec: { angle: number; translate: number[]; scale: number; shear: number[]; expand: boolean; rotate: boolean }, o: AffineOptions): Input {
  const mode = o.interpolation ?? 'nearest';
  const interp = interpCode(mode);
  const fillMode = o.fillMode ?? 'constant';
  if (fillMode !== 'constant' && fillMode !== 'nearest') badArg("'constant' or 'nearest'", 'fillMode', fillMode);
  if (img instanceof Image && fillMode === 'constant') {
    // PIL's Image.rotate / Image.transform (fillMode 'nearest' has no PIL twin: the tensor kernel below)
    const fill = o.fill === null || o.fill === undefined ? null : pilFill(o.fill, img.data.size(2));
    pilTransformFilter(mode);
    return new Image(wrapH(native.pilAffine(img.data, { ...spec, center: o.center ?? null, interp, fill, border: false })), img.mode);
  }
  tensorInterp(mode, ['nearest', 'bilinear']);
  return spatial(img, (t) => wrapH(native.visionAffine(t, { ...spec, center: o.center ?? null, interp, fill: fillList(o.fill, t.size(-3)), border: fillMode === 'nearest' })));
}

/** Rotates by angle degrees counter-clockwise (torchvision's F.rotate). */
export function rotate(...args: Args<'torchvision.transforms.functional.rotate'>): Input {
  const { img, angle, ...options } = bind('torchvision.transforms.functional.rotate', args);
  if (typeof angle !== 'number') badArg('a number of degrees', 'angle', angle);
  return grid(img, { angle: -angle, translate: [0, 0], scale: 1, shear: [0, 0], expand: options.expand ?? false, rotate: true }, options);
}

/** torchvision's F.affine: rotation, translation (pixels), scale and shear (degrees) about the centre. */
export function affine(...args: Args<'torchvision.transforms.functional.affine'>): Input {
  const { img, angle, translate, scale, shear, ...options } = bind('torchvision.transforms.functional.affine', args);
  if (typeof angle !== 'number') badArg('a number of degrees', 'angle', angle);
  if (!Array.isArray(translate) || translate.length !== 2) badArg('[tx, ty]', 'translate', translate);
  if (typeof scale !== 'number' || scale <= 0) throw new RangeError('Argument scale should be positive');
  const sh = typeof shear === 'number' ? [shear, 0] : shear;
  if (!Array.isArray(sh) || sh.length !== 2) badArg('a number or [shearX, shearY]', 'shear', shear);
  return grid(img, { angle, translate, scale, shear: sh, expand: false, rotate: false }, options);
}
function adjust(kind: 'brightness' | 'contrast' | 'saturation' | 'hue', img: Input, factor: number): Input {
  if (typeof factor !== 'number' || Number.isNaN(factor)) badArg('a number', `${kind}Factor`, factor);
  return spatial(img, (t) => wrapH(native.visionAdjust(t, kind, factor)));
}
export function adjustBrightness(...args: Args<'torchvision.transforms.functional.adjustBrightness'>): Input {
  const { img, brightnessFactor } = bind('torchvision.transforms.functional.adjustBrightness', args);
  return adjust('brightness', img, brightnessFactor);
}
export function adjustContrast(...args: Args<'torchvision.transforms.functional.adjustContrast'>): Input {
  const { img, contrastFactor } = bind('torchvision.transforms.functional.adjustContrast', args);
  return adjust('contrast', img, contrastFactor);
}
export function adjustSaturation(...args: Args<'torchvision.transforms.functional.adjustSaturation'>): Input {
  const { img, saturationFactor } = bind('torchvision.transforms.functional.adjustSaturation', args);
  return adjust('saturation', img, saturationFactor);
}
export function adjustHue(...args: Args<'torchvision.transforms.functional.adjustHue'>): Input {
  const { img, hueFactor } = bind('torchvision.transforms.functional.adjustHue', args);
  return adjust('hue', img, hueFactor);
}

/**
 * The image sharpened by `sharpnessFactor`: 0 gives a blurred image, 1 the original, 2 twice as sharp
 * (torchvision's F.adjust_sharpness).
 */
export function adjustSharpness(...args: Args<'torchvision.transforms.functional.adjustSharpness'>): Input {
  const { img, sharpnessFactor } = bind('torchvision.transforms.functional.adjustSharpness', args);
  if (typeof sharpnessFactor !== 'number' || Number.isNaN(sharpnessFactor)) badArg('a number', 'sharpnessFactor', sharpnessFactor);
  if (img instanceof Image) return new Image(wrapH(native.pilSharpness(img.data, sharpnessFactor)), img.mode);
  if (sharpnessFactor < 0) throw new RangeError(`sharpness_factor (${sharpnessFactor}) is not non-negative.`);
  return spatial(img, (t) => {
    assertChannels(t);
    return wrapH(native.visionAdjust(t, 'sharpness', sharpnessFactor));
  });
}

export function gaussianBlur(...args: Args<'torchvision.transforms.functional.gaussianBlur'>): Input {
  const { img, kernelSize, sigma } = bind('torchvision.transforms.functional.gaussianBlur', args);
  const k = typeof kernelSize === 'number' ? [kernelSize, kernelSize] : kernelSize;
  if (!Array.isArray(k) || k.length !== 2) badArg('an odd positive integer or [kx, ky]', 'kernelSize', kernelSize);
  for (const v of k) if (!Number.isInteger(v) || v <= 0 || v % 2 === 0) throw new RangeError(`kernel_size should have odd and positive integers. Got [${k}]`);
  // torchvision's default sigma: 0.3 * ((k - 1) * 0.5 - 1) + 0.8
  const s = sigma === null || sigma === undefined ? k.map((v) => 0.3 * ((v - 1) * 0.5 - 1) + 0.8) : typeof sigma === 'number' ? [sigma, sigma] : sigma;
  if (!Array.isArray(s) || s.length !== 2 || s.some((v) => !(v > 0))) throw new RangeError(`sigma should have positive values. Got ${JSON.stringify(sigma)}`);
  return spatial(img, (t) => wrapH(native.visionGaussianBlur(t, k[0], k[1], s[0], s[1])));
}

/** torchvision's padding: an int (every side), [left/right, top/bottom] or [left, top, right, bottom]. */
export function paddingSides(p: unknown, name = 'padding'): [number, number, number, number] {
  const ints = (v: unknown[]) => v.every((x) => Number.isInteger(x));
  if (Number.isInteger(p)) return [p as number, p as number, p as number, p as number];
  if (Array.isArray(p) && ints(p)) {
    if (p.length === 1) return [p[0], p[0], p[0], p[0]];
    if (p.length === 2) return [p[0], p[1], p[0], p[1]];
    if (p.length === 4) return [p[0], p[1], p[2], p[3]];
  }
  return badArg('an integer or 1, 2 or 4 integers', name, p);
}

/** torchvision's padding modes. */
export type PaddingMode = 'constant' | 'edge' | 'reflect' | 'symmetric';
/** A padding mode checked: one of torchvision's four, or a TypeError naming the argument. */
export function paddingModeOf(mode: unknown): PaddingMode {
  if (!['constant', 'edge', 'reflect', 'symmetric'].includes(mode as string)) badArg("'constant', 'edge', 'reflect' or 'symmetric'", 'paddingMode', mode);
  return mode as PaddingMode;
}

/**
 * Pads a C×H×W (or N×C×H×W) tensor's last two dimensions by [left, top, right, bottom] as torchvision's
 * tensor path does (pad, Pad and RandomCrop share it); a negative side crops.
 */
export function padChw(t: torch.Tensor, [left, top, right, bottom]: number[], fill: number, paddingMode: string): torch.Tensor {
  // negative padding crops first, as torchvision's _pad does
  if (left < 0 || top < 0 || right < 0 || bottom < 0) {
    const [H, W] = t.shape.slice(-2);
    t = t.index('...', torch.slice(Math.max(-top, 0), H - Math.max(-bottom, 0)), torch.slice(Math.max(-left, 0), W - Math.max(-right, 0)));
    [left, top, right, bottom] = [left, top, right, bottom].map((p) => Math.max(p, 0));
  }
  const nnF = torch.nn.functional;
  if (paddingMode === 'constant') return nnF.pad(t, [left, right, top, bottom], { value: fill });
  if (paddingMode === 'symmetric') {
    // mirror including the edge pixel: flip-and-concatenate
    const w = t.flip(-1);
    t = torch.cat([w.index('...', torch.slice(w.size(-1) - left, null)), t, w.index('...', torch.slice(0, right))], -1);
    const f = t.flip(-2);
    return torch.cat([f.index('...', torch.slice(f.size(-2) - top, null), torch.slice()), t, f.index('...', torch.slice(0, bottom), torch.slice())], -2);
  }
  const mode = paddingMode === 'edge' ? 'replicate' : 'reflect';
  const float = t.dtype.isFloatingPoint ? t : t.float();
  const padded = nnF.pad(float.dim() === 3 ? float.unsqueeze(0) : float, [left, right, top, bottom], { mode });
  const out = t.dim() === 3 ? padded.squeeze(0) : padded;
  return t.dtype.isFloatingPoint ? out : out.to(t.dtype);
}

/**
 * torchvision.transforms.functional.pad(img, padding, fill=0, padding_mode='constant'): padding as an
 * int, [left/right, top/bottom] or [left, top, right, bottom] (negative crops); the modes 'constant',
 * 'edge', 'reflect' and 'symmetric'.
 */
export function pad(...args: Args<'torchvision.transforms.functional.pad'>): Input {
  const { img, padding, fill, paddingMode } = bind('torchvision.transforms.functional.pad', args);
  const sides = paddingSides(padding);
  if (typeof fill !== 'number') badArg('a number', 'fill', fill);
  const mode = paddingModeOf(paddingMode);
  return spatial(img, (t) => padChw(t, sides, fill, mode));
}

/** torchvision.transforms.functional.center_crop(img, output_size): the centre, zero-padded where the image is smaller. */
export function centerCrop(...args: Args<'torchvision.transforms.functional.centerCrop'>): Input {
  const { img, outputSize } = bind('torchvision.transforms.functional.centerCrop', args);
  const size = sizeList(outputSize, 'outputSize');
  const [h, w] = size.length === 1 ? [size[0], size[0]] : size;
  return spatial(img, (t) => {
    const [H, W] = t.shape.slice(-2);
    if (h > H || w > W) {
      // torchvision pads with zeros when the crop is larger than the image
      const padTop = Math.floor((h - H) / 2), padLeft = Math.floor((w - W) / 2);
      t = torch.nn.functional.pad(t, [padLeft, Math.max(0, w - W - padLeft), padTop, Math.max(0, h - H - padTop)]);
    }
    const [H2, W2] = t.shape.slice(-2);
    return cropChw(t, pyRound((H2 - h) / 2), pyRound((W2 - w) / 2), h, w);
  });
}

/** torchvision.transforms.functional.normalize(tensor, mean, std, inplace=False): (x - mean) / std per channel. */
export function normalize(...args: Args<'torchvision.transforms.functional.normalize'>): torch.Tensor {
  const { tensor, mean, std, inplace } = bind('torchvision.transforms.functional.normalize', args);
  if (!(tensor instanceof torch.Tensor) || !tensor.dtype.isFloatingPoint) badArg('a float Tensor (apply ToTensor first)', 'tensor', tensor);
  if (!Array.isArray(mean) || !Array.isArray(std)) badArg('arrays of per-channel numbers', 'mean/std', mean);
  if (std.some((s) => s === 0)) throw new RangeError('std evaluated to zero after conversion to float32, leading to division by zero.');
  const m = torch.tensor(mean, { dtype: tensor.dtype }).view(-1, 1, 1);
  const d = torch.tensor(std, { dtype: tensor.dtype }).view(-1, 1, 1);
  return inplace ? tensor.sub_(m).div_(d) : tensor.sub(m).div(d);
}

/** torchvision.transforms.functional.to_tensor(pic): an Image (or H×W×C uint8 tensor) as a C×H×W float tensor in [0, 1]. */
export function toTensor(...args: Args<'torchvision.transforms.functional.toTensor'>): torch.Tensor {
  const { pic } = bind('torchvision.transforms.functional.toTensor', args);
  if (pic instanceof Image) return pic.data.permute(2, 0, 1).contiguous().float().div(255);
  if (pic instanceof torch.Tensor) {
    // an H×W×C uint8 array, as numpy input to ToTensor
    const hwc = pic.dim() === 2 ? pic.unsqueeze(2) : pic;
    const chw = hwc.permute(2, 0, 1).contiguous();
    return pic.dtype === torch.uint8 ? chw.float().div(255) : chw;
  }
  return badArg('an Image or an H×W×C Tensor', 'pic', pic);
}

export { invert, posterize, solarize, autocontrast, equalize } from './tone.js';
export { perspective, elasticTransform } from './warp.js';
