// The image type datasets return before ToTensor: what a PIL image is in torchvision — pixels
// as an H×W×C uint8 tensor, with a mode ('L' grey, 'RGB'). Transforms take an Image (PIL
// semantics) or a C×H×W tensor (torchvision's tensor semantics), as torchvision's do.
import { inspect } from 'node:util';
import * as torch from '../index.js';
import { native } from '../native.js';
import { badArg } from '../errors.js';

/** PIL's DecompressionBombError: an image of more than twice Image.MAX_IMAGE_PIXELS, refused unread. */
export class DecompressionBombError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecompressionBombError';
  }
}
let maxImagePixels: number | null = 89478485; // PIL's default: 1024 * 1024 * 1024 // 4 // 3

/**
 * Decodes with the decompression-bomb check: PIL's limit (Image.MAX_IMAGE_PIXELS) refuses more than
 * twice as many pixels from the header, before allocating, and warns (DecompressionBombWarning)
 * above it.
 * @internal
 */
export function decodeChecked(decode: () => unknown): torch.Tensor {
  let hwc: torch.Tensor;
  try {
    hwc = new torch.Tensor(decode() as never);
  } catch (e) {
    const m = /DecompressionBombError: (.*?)(?: \(in [^)]*\))?$/.exec((e as Error).message);
    if (m) throw new DecompressionBombError(m[1]);
    throw e;
  }
  const pixels = Math.max(1, hwc.size(0)) * Math.max(1, hwc.size(1));
  if (maxImagePixels !== null && pixels > maxImagePixels) {
    process.emitWarning(`Image size (${pixels} pixels) exceeds limit of ${maxImagePixels} pixels, could be decompression bomb DOS attack.`, 'DecompressionBombWarning');
  }
  return hwc;
}

/** The pixel modes an `Image` has: 'L' (grey) or 'RGB', as PIL's. */
export type ImageMode = 'L' | 'RGB';

/**
 * A decoded 8-bit image (PIL's `Image` role in torchvision): what `pilLoader` returns and the PIL-path transforms take; `transforms.ToTensor` turns it into a tensor.
 */
export class Image {
  /** H×W×C uint8 pixels */
  readonly data: torch.Tensor;
  readonly mode: ImageMode;
  constructor(data: torch.Tensor, mode?: ImageMode) {
    if (!(data instanceof torch.Tensor) || data.dtype !== torch.uint8) throw new TypeError('Image data must be a uint8 Tensor');
    const d = data.dim() === 2 ? data.unsqueeze(2) : data;
    if (d.dim() !== 3 || ![1, 3].includes(d.size(2))) throw new RangeError(`Image data must be H×W or H×W×C with C 1 or 3, got [${data.shape}]`);
    this.data = d;
    this.mode = mode ?? (d.size(2) === 1 ? 'L' : 'RGB');
  }
  get width(): number {
    return this.data.size(1);
  }
  get height(): number {
    return this.data.size(0);
  }
  /** PIL's size: [width, height] */
  get size(): [number, number] {
    return [this.width, this.height];
  }
  [inspect.custom]() {
    return `<Image mode=${this.mode} size=${this.width}x${this.height}>`;
  }
  /**
   * PIL's Image.MAX_IMAGE_PIXELS: decoding an image of more than twice this many pixels throws a
   * DecompressionBombError before its pixels are allocated (ImageFolder, io.readImage, the native
   * DataLoader alike); above it, a DecompressionBombWarning. null turns the check off.
   */
  static get MAX_IMAGE_PIXELS(): number | null {
    return maxImagePixels;
  }
  static set MAX_IMAGE_PIXELS(v: number | null) {
    if (v !== null && !(Number.isSafeInteger(v) && v > 0)) badArg('a positive integer or null', 'MAX_IMAGE_PIXELS', v);
    maxImagePixels = v;
    native.setMaxImagePixels(v);
  }
}
