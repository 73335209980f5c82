// torchvision.utils' drawing: draw_bounding_boxes (which draws through PIL's ImageDraw: its
// rectangle rasterisation and RGBA blend are ported here, so the pixels are PIL's) and
// draw_segmentation_masks (tensor arithmetic, as torchvision's). Colours are read as PIL's
// ImageColor.getrgb reads them.
import * as torch from '../index.js';
import { describe } from '../errors.js';
import { bind, type Args } from '../bind.js';
import { COLORMAP } from '../generated/colormap.js';

type Rgb = [number, number, number];
export type Color = string | Rgb;

/** PIL's ImageColor.getrgb for the forms torchvision's colour arguments use. */
export function getrgb(color: string): Rgb {
  if (color.length > 100) throw new RangeError('color specifier is too long');
  const c = color.toLowerCase();
  const named = Object.hasOwn(COLORMAP, c) ? COLORMAP[c] : undefined;
  if (named !== undefined) return getrgb(named);
  const hex = /^#([a-f0-9]{3}|[a-f0-9]{6})$/.exec(c);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join('') : hex[1];
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;
  }
  const rgb = /^rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(c);
  if (rgb) return rgb.slice(1).map(Number) as Rgb;
  const pct = /^rgb\(\s*(\d+)%\s*,\s*(\d+)%\s*,\s*(\d+)%\s*\)$/.exec(c);
  if (pct) return pct.slice(1).map((v) => Math.trunc((Number(v) * 255 + 50) / 100)) as Rgb;
  if (/^#([a-f0-9]{4}|[a-f0-9]{8})$/.test(c) || /^rgba\(/.test(c)) throw new RangeError(`colors with an alpha channel are not supported: ${JSON.stringify(color)}`);
  throw new RangeError(`unknown color specifier: '${c}'`);
}

/** torchvision's _generate_color_palette */
function palette(n: number): Rgb[] {
  return Array.from({ length: n }, (_, i) => [(i * (2 ** 25 - 1)) % 255, (i * (2 ** 15 - 1)) % 255, (i * (2 ** 21 - 1)) % 255]);
}

const isRgb = (c: unknown): c is Rgb => Array.isArray(c) && c.length === 3 && c.every((v) => Number.isInteger(v));

/** torchvision's _parse_colors: one RGB triple per object. */
function parseColors(colors: unknown, n: number): Rgb[] {
  let list: unknown[];
  if (colors === null || colors === undefined) return palette(n);
  if (Array.isArray(colors) && !isRgb(colors) && !(colors.length === 3 && colors.every((v) => typeof v === 'number'))) {
    if (colors.length < n) throw new RangeError(`Number of colors must be equal or larger than the number of objects, but got ${colors.length} < ${n}.`);
    list = colors;
  } else if (Array.isArray(colors)) {
    if (!isRgb(colors)) throw new RangeError(`If passed as tuple, colors should be an RGB triplet, but got ${JSON.stringify(colors)}.`);
    list = Array(n).fill(colors);
  } else if (typeof colors === 'string') {
    list = Array(n).fill(colors);
  } else {
    throw new RangeError(`colors must be a tuple or a string, or a list thereof, but got ${describe(colors)}.`);
  }
  return list.map((c, i) => {
    if (typeof c === 'string') return getrgb(c);
    if (isRgb(c)) return c;
    throw new RangeError(`colors[${i}] must be a colour name or an RGB triplet, but got ${describe(c)}`);
  });
}

/** An H×W RGB canvas with PIL's ImageDraw primitives (Draw.c) for the ops draw_bounding_boxes uses. */
class Canvas {
  constructor(readonly px: Uint8Array, readonly h: number, readonly w: number, readonly blend: boolean) {}
  private put(x: number, y: number, ink: Rgb, alpha: number): void {
    const o = (y * this.w + x) * 3;
    for (let b = 0; b < 3; b++) {
      if (!this.blend) { this.px[o + b] = ink[b]; continue; }
      // BLEND(mask, in1, in2) = DIV255(in1 * (255 - mask) + in2 * mask)
      const t = this.px[o + b] * (255 - alpha) + ink[b] * alpha + 128;
      this.px[o + b] = ((t >> 8) + t) >> 8;
    }
  }
  private point(x: number, y: number, ink: Rgb, alpha: number): void {
    if (x >= 0 && x < this.w && y >= 0 && y < this.h) this.put(x, y, ink, alpha);
  }
  hline(x0: number, y: number, x1: number, ink: Rgb, alpha: number): void {
    if (y < 0 || y >= this.h) return;
    if (x0 < 0) x0 = 0;
    else if (x0 >= this.w) return;
    if (x1 < 0) return;
    if (x1 >= this.w) x1 = this.w - 1;
    for (let x = x0; x <= x1; x++) this.put(x, y, ink, alpha);
  }
  /** line32 for a vertical line: dy points from y0 towards y1, the end excluded */
  vline(x: number, y0: number, y1: number, ink: Rgb, alpha: number): void {
    const dy = Math.abs(y1 - y0), ys = y1 < y0 ? -1 : 1;
    for (let i = 0, y = y0; i < dy; i++, y += ys) this.point(x, y, ink, alpha);
  }
  /** ImagingDrawRectangle */
  rectangle(x0: number, y0: number, x1: number, y1: number, ink: Rgb, alpha: number, fill: boolean, width: number): void {
    if (y0 > y1) [y0, y1] = [y1, y0];
    if (fill) {
      if (y0 < 0) y0 = 0;
      else if (y0 >= this.h) return;
      if (y1 < 0) return;
      if (y1 > this.h) y1 = this.h;
      for (let y = y0; y <= y1; y++) this.hline(x0, y, x1, ink, alpha);
      return;
    }
    if (width === 0) width = 1;
    for (let i = 0; i < width; i++) {
      this.hline(x0, y0 + i, x1, ink, alpha);
      this.hline(x0, y1 - i, x1, ink, alpha);
      this.vline(x1 - i, y0 + width, y1 - width + 1, ink, alpha);
      this.vline(x0 + i, y0 + width, y1 - width + 1, ink, alpha);
    }
  }
}

function checkImage(image: unknown, channels: number[], channelsMessage: string): torch.Tensor {
  if (!(image instanceof torch.Tensor)) throw new TypeError(`Tensor expected, got ${describe(image)}`);
  if (!(image.dtype === torch.uint8 || image.isFloatingPoint())) throw new RangeError(`The image dtype must be uint8 or float, got torch.${image.dtype.name}`);
  if (image.dim() !== 3) throw new RangeError('Pass individual images, not batches');
  if (!channels.includes(image.size(0))) throw new RangeError(channelsMessage);
  return image;
}

/**
 * Draws bounding boxes on a uint8 or float C×H×W image (torchvision.utils.draw_bounding_boxes), with
 * PIL's pixels. Labels are text drawn with PIL's fonts, which torch-node does not have: passing
 * `labels` (or `font`) throws rather than drawing boxes without them (docs/porting.md).
 */
export function drawBoundingBoxes(...args: Args<'torchvision.utils.drawBoundingBoxes'>): torch.Tensor {
  const o = bind('torchvision.utils.drawBoundingBoxes', args);
  let image = checkImage(o.image, [1, 3], 'Only grayscale and RGB images are supported');
  const boxes = o.boxes;
  if (!(boxes instanceof torch.Tensor) || boxes.dim() !== 2 || boxes.size(1) !== 4) throw new TypeError(`Expected an N×4 Tensor of (xmin, ymin, xmax, ymax) boxes for boxes but received ${describe(boxes)}`);
  const [bx0, by0, bx1, by1] = boxes.unbind(1);
  if (bx0.gt(bx1).any().item() || by0.gt(by1).any().item()) {
    throw new RangeError('Boxes need to be in (xmin, ymin, xmax, ymax) format. Use torchvision.ops.box_convert to convert them');
  }
  const n = boxes.size(0);
  if (n === 0) {
    process.emitWarning("boxes doesn't contain any box. No box was drawn", 'UserWarning');
    return image;
  }
  if (o.labels !== null && o.labels !== undefined) {
    if (o.labels.length !== n) throw new RangeError(`Number of boxes (${n}) and labels (${o.labels.length}) mismatch. Please specify labels for each box.`);
    throw new RangeError('labels: drawing text needs PIL\'s fonts, which torch-node does not have; draw the boxes without labels (docs/porting.md)');
  }
  if (o.font !== null && o.font !== undefined) throw new RangeError('font: TrueType fonts are not available in torch-node (labels are not drawn; docs/porting.md)');
  const colors = parseColors(o.colors, n);
  if (o.labelColors) parseColors(o.labelColors, n);
  if (o.labelBackgroundColors) parseColors(o.labelBackgroundColors, n);
  const width = o.width ?? 1;
  if (!Number.isInteger(width) || width < 0) throw new TypeError(`Expected a non-negative integer for width but received ${describe(width)}`);

  if (image.size(0) === 1) image = torch.tile(image, [3, 1, 1]);
  const originalDtype = image.dtype;
  if (originalDtype.isFloatingPoint) image = image.mul(255 + 1 - 1e-3).to(torch.uint8); // F.to_dtype(scale=True)
  const [, h, w] = image.shape;
  const px = image.permute(1, 2, 0).contiguous().toTypedArray() as Uint8Array;
  const canvas = new Canvas(px, h, w, !!o.fill);
  const ints = boxes.to(torch.int64).tolist() as bigint[][] | number[][];
  ints.forEach((b, i) => {
    const [x0, y0, x1, y1] = b.map(Number);
    if (o.fill) canvas.rectangle(x0, y0, x1, y1, colors[i], 100, true, 0);
    if (width !== 0) canvas.rectangle(x0, y0, x1, y1, colors[i], 255, false, width);
  });
  let out = torch.tensor(px, { dtype: torch.uint8 }).reshape([h, w, 3]).permute(2, 0, 1).contiguous();
  if (originalDtype.isFloatingPoint) out = out.to(originalDtype).mul(1.0 / 255);
  return out;
}

/**
 * Draws segmentation masks on an RGB image (torchvision.utils.draw_segmentation_masks): each mask's
 * pixels take its colour, pixels under more than one mask turn black, and the result is blended
 * with the image by alpha.
 */
export function drawSegmentationMasks(...args: Args<'torchvision.utils.drawSegmentationMasks'>): torch.Tensor {
  const o = bind('torchvision.utils.drawSegmentationMasks', args);
  const image = o.image;
  if (!(image instanceof torch.Tensor)) throw new TypeError(`The image must be a tensor, got ${describe(image)}`);
  checkImage(image, [3], 'Pass an RGB image. Other Image formats are not supported');
  let masks = o.masks;
  if (!(masks instanceof torch.Tensor)) throw new TypeError(`Expected a Tensor for masks but received ${describe(masks)}`);
  if (masks.dim() === 2) masks = masks.unsqueeze(0);
  if (masks.dim() !== 3) throw new RangeError('masks must be of shape (H, W) or (batch_size, H, W)');
  if (masks.dtype !== torch.bool) throw new RangeError(`The masks must be of dtype bool. Got torch.${masks.dtype.name}`);
  if (masks.size(1) !== image.size(1) || masks.size(2) !== image.size(2)) throw new RangeError('The image and the masks must have the same height and width');
  const alpha = o.alpha ?? 0.8;
  if (typeof alpha !== 'number') throw new TypeError(`Expected a number for alpha but received ${describe(alpha)}`);
  const n = masks.size(0);
  if (n === 0) {
    process.emitWarning("masks doesn't contain any mask. No mask was drawn", 'UserWarning');
    return image;
  }
  const overlapping = masks.sum(0).gt(1);
  const dtype = image.dtype;
  let drawn = image.detach().clone();
  parseColors(o.colors, n).forEach((color, i) => {
    const c = torch.tensor(dtype.isFloatingPoint ? color.map((v) => v / 255) : color, { dtype }).view(3, 1, 1);
    drawn = torch.where(masks.index(i), c, drawn);
  });
  drawn = torch.where(overlapping, torch.zeros([], { dtype }), drawn);
  return image.mul(1 - alpha).add(drawn.mul(alpha)).to(dtype);
}
