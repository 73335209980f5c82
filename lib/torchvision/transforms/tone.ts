// torchvision.transforms.functional's tone operations: invert, posterize, solarize, autocontrast and
// equalize. On an Image they give PIL's ImageOps results (autocontrast and equalize through PIL's
// own per-band lookup tables, computed here in doubles as Python computes them); on a tensor,
// torchvision's tensor code, op for op.
import * as torch from '../../index.js';
import { badArg } from '../../errors.js';
import { Image } from '../image.js';
import { bind, type Args } from '../../bind.js';
import { spatial, type Input } from './functional.js';

/** torchvision's _max_value: 255 for uint8 images, 1 for float ones */
function maxValue(t: torch.Tensor): number {
  if (t.dtype.isFloatingPoint) return 1;
  if (t.dtype === torch.uint8) return 255;
  return badArg('a uint8 or float image Tensor', 'img', t);
}
/** torchvision's _assert_channels: a tensor image of 1 or 3 channels */
export function assertChannels(img: Input): void {
  if (img instanceof Image) return;
  const c = img.dim() === 2 ? 1 : img.shape.at(-3)!;
  if (c !== 1 && c !== 3) throw new TypeError(`Input image tensor permitted channel values are [1, 3], but found ${c}`);
}
const assertUint8 = (img: Input) => {
  if (img instanceof torch.Tensor && img.dtype !== torch.uint8) throw new TypeError(`Only torch.uint8 image tensors are supported, but found ${img.dtype}`);
};
/** Applies one 256-entry lookup table per channel row (`luts[row]`) to uint8 rows of H·W pixels. */
function applyLuts(chw: torch.Tensor, lutOf: (histogram: number[]) => number[]): torch.Tensor {
  const rows = chw.reshape([-1, chw.shape.at(-2)! * chw.shape.at(-1)!]);
  const out = rows.unbind(0).map((row) => {
    const histogram = torch.bincount(row, null, 256).tolist() as number[];
    return torch.tensor(lutOf(histogram), { dtype: torch.uint8 }).index(row.long());
  });
  return torch.stack(out).reshape(chw.shape);
}

/** The image with its colours inverted: 255 - x (uint8) or 1 - x (float). */
export function invert(...args: Args<'torchvision.transforms.functional.invert'>): Input {
  const { img } = bind('torchvision.transforms.functional.invert', args);
  assertChannels(img);
  return spatial(img, (t) => torch.sub(maxValue(t), t));
}

/** Each channel kept to its `bits` most significant bits (uint8 images). */
export function posterize(...args: Args<'torchvision.transforms.functional.posterize'>): Input {
  const { img, bits } = bind('torchvision.transforms.functional.posterize', args);
  if (!Number.isInteger(bits) || bits < 0 || bits > 8) throw new RangeError(`The number if bits should be between 0 and 8. Got ${bits}`);
  assertChannels(img);
  assertUint8(img);
  return spatial(img, (t) => t.bitwiseAnd(256 - 2 ** (8 - bits)));
}

/** Every pixel at or above `threshold` inverted. */
export function solarize(...args: Args<'torchvision.transforms.functional.solarize'>): Input {
  const { img, threshold } = bind('torchvision.transforms.functional.solarize', args);
  if (typeof threshold !== 'number' || Number.isNaN(threshold)) badArg('a number', 'threshold', threshold);
  assertChannels(img);
  return spatial(img, (t) => {
    if (threshold > maxValue(t)) throw new TypeError('Threshold should be less than bound of img.');
    return torch.where(t.ge(threshold), torch.sub(maxValue(t), t), t);
  });
}

/** Each channel stretched so its darkest pixel is black and its lightest white. */
export function autocontrast(...args: Args<'torchvision.transforms.functional.autocontrast'>): Input {
  const { img } = bind('torchvision.transforms.functional.autocontrast', args);
  assertChannels(img);
  if (img instanceof Image) return spatial(img, (t) => applyLuts(t, pilAutocontrastLut));
  return spatial(img, (t) => {
    const bound = maxValue(t);
    const dtype = t.dtype.isFloatingPoint ? t.dtype : torch.float32;
    let minimum = t.amin([-2, -1], true).to(dtype);
    const maximum = t.amax([-2, -1], true).to(dtype);
    let scale = torch.div(bound, maximum.sub(minimum));
    const flat = scale.isfinite().logicalNot(); // a constant channel: left as it is
    minimum = minimum.maskedFill(flat, 0);
    scale = scale.maskedFill(flat, 1);
    return t.sub(minimum).mul(scale).clamp(0, bound).to(t.dtype);
  });
}
/** PIL's ImageOps.autocontrast table for one band (cutoff 0) */
function pilAutocontrastLut(h: number[]): number[] {
  const lo = h.findIndex((n) => n > 0);
  let hi = 255;
  while (hi >= 0 && h[hi] === 0) hi--;
  if (lo < 0 || hi <= lo) return Array.from({ length: 256 }, (_, i) => i);
  const scale = 255 / (hi - lo), offset = -lo * scale;
  return Array.from({ length: 256 }, (_, ix) => Math.min(255, Math.max(0, Math.trunc(ix * scale + offset))));
}

/** Each channel's histogram equalised (uint8 images). */
export function equalize(...args: Args<'torchvision.transforms.functional.equalize'>): Input {
  const { img } = bind('torchvision.transforms.functional.equalize', args);
  assertChannels(img);
  assertUint8(img);
  return spatial(img, (t) => applyLuts(t, equalizeLut));
}
/** PIL's ImageOps.equalize table for one band, which torchvision's tensor code computes too */
function equalizeLut(h: number[]): number[] {
  const identity = Array.from({ length: 256 }, (_, i) => i);
  const nonzero = h.filter((n) => n > 0);
  if (nonzero.length <= 1) return identity;
  const step = Math.floor((nonzero.reduce((a, b) => a + b, 0) - nonzero.at(-1)!) / 255);
  if (step === 0) return identity;
  let n = Math.floor(step / 2);
  return h.map((count) => {
    const v = Math.min(255, Math.floor(n / step));
    n += count;
    return v;
  });
}
