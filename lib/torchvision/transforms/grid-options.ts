// The argument checks the grid-warping functional transforms share (affine, rotate, perspective,
// elastic_transform): torchvision's fill and interpolation rules, with its messages.
import * as torch from '../../index.js';
import { badArg } from '../../errors.js';
import type { InterpolationMode } from './functional.js';

/** a native call's result as a Tensor */
export const wrapH = (h: unknown) => new torch.Tensor(h as any);

/** torchvision's accepted fill: a number, or a list of numbers (each caller keeps its own message). */
export function isFill(v: unknown): v is number | number[] {
  return typeof v === 'number' || (Array.isArray(v) && v.every((x) => typeof x === 'number'));
}

/** `fill` as one number per channel (a number repeated), or null for torchvision's None. */
export function fillList(fill: number | number[] | null | undefined, channels: number): number[] | null {
  if (fill === null || fill === undefined) return null;
  if (typeof fill === 'number') return Array(channels).fill(fill);
  if (isFill(fill)) return [...fill];
  return badArg('a number or a list of numbers', 'fill', fill);
}

/** torchvision's check on the tensor path: PIL's own filters exist only for images. */
export function tensorInterp(mode: InterpolationMode, allowed: InterpolationMode[]): void {
  if (!allowed.includes(mode)) throw new RangeError(`Interpolation mode '${mode}' is unsupported with Tensor input`);
}

/** Pillow's Image.transform takes nearest, bilinear and bicubic only. */
export function pilTransformFilter(mode: InterpolationMode): void {
  const pilFilter = { box: 4, hamming: 5, lanczos: 1 }[mode as string];
  if (pilFilter !== undefined) throw new RangeError(`Unknown resampling filter (${pilFilter}). Use Image.Resampling.NEAREST (0), Image.Resampling.BILINEAR (2) or Image.Resampling.BICUBIC (3)`);
}

/** torchvision's _parse_fill on a PIL image: None is 0, and a list needs one value per band. */
export function pilFill(fill: number | number[] | null | undefined, channels: number): number[] {
  const list = fillList(fill ?? 0, channels)!;
  if (list.length !== 1 && list.length !== channels) {
    throw new RangeError(`The number of elements in 'fill' does not match the number of channels of the image (${list.length} != ${channels})`);
  }
  return list;
}
