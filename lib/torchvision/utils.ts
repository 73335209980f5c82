// torchvision.utils: makeGrid and saveImage, computed as torchvision computes them.
import path from 'node:path';
import * as torch from '../index.js';
import { badArg } from '../errors.js';
import { bind, type Args, type ArgsWith } from '../bind.js';
import type { ParamTypes } from '../generated/signatures.js';

type GridOptions = Partial<Omit<ParamTypes['torchvision.utils.makeGrid'], 'tensor'>>;
import { writePng, writeJpeg } from './io.js';

/** A grid of images (B×C×H×W, a list of C×H×W, or one image), nrow per row, with padding between. */
export function makeGrid(...args: Args<'torchvision.utils.makeGrid'>): torch.Tensor {
  const a = bind('torchvision.utils.makeGrid', args);
  let t: torch.Tensor = Array.isArray(a.tensor) ? torch.stack(a.tensor, 0) : a.tensor;
  if (!(t instanceof torch.Tensor)) badArg('a Tensor or a list of Tensors', 'tensor', a.tensor);
  if (t.dim() === 2) t = t.unsqueeze(0);
  if (t.dim() === 3) {
    if (t.size(0) === 1) t = torch.cat([t, t, t], 0);
    t = t.unsqueeze(0);
  }
  if (t.dim() === 4 && t.size(1) === 1) t = torch.cat([t, t, t], 1);
  if (a.normalize) {
    t = t.clone();
    const range = a.valueRange;
    if (range != null && (!Array.isArray(range) || range.length !== 2)) throw new TypeError('value_range has to be a tuple (min, max) if specified. min and max are numbers');
    const normIp = (img: torch.Tensor, low: number, high: number) => {
      img.clamp_(low, high);
      img.sub_(low).div_(Math.max(high - low, 1e-5));
    };
    const normRange = (img: torch.Tensor) => (range ? normIp(img, range[0], range[1]) : normIp(img, img.min().item() as number, img.max().item() as number));
    torch.noGrad(() => {
      if (a.scaleEach) for (let i = 0; i < t.size(0); i++) normRange(t.select(0, i));
      else normRange(t);
    });
  }
  if (t.size(0) === 1) return t.squeeze(0);
  const nmaps = t.size(0), xmaps = Math.min(a.nrow, nmaps), ymaps = Math.ceil(nmaps / xmaps);
  const height = t.size(2) + a.padding, width = t.size(3) + a.padding;
  const grid = t.newFull([t.size(1), height * ymaps + a.padding, width * xmaps + a.padding], a.padValue);
  torch.noGrad(() => {
    for (let y = 0, k = 0; y < ymaps; y++) {
      for (let x = 0; x < xmaps && k < nmaps; x++, k++) {
        grid.narrow(1, y * height + a.padding, height - a.padding).narrow(2, x * width + a.padding, width - a.padding).copy_(t.select(0, k));
      }
    }
  });
  return grid;
}

/** makeGrid, then the grid written as an 8-bit image (round half up, as torchvision's PIL path). */
export function saveImage(...args: ArgsWith<'torchvision.utils.saveImage', GridOptions>): void {
  const { tensor, fp, format, kwargs } = bind('torchvision.utils.saveImage', args);
  if (typeof fp !== 'string') badArg('a file path', 'fp', fp);
  const grid = makeGrid(tensor, kwargs as object);
  const bytes = torch.noGrad(() => grid.mul(255).add_(0.5).clamp_(0, 255).to({ device: 'cpu', dtype: torch.uint8 }));
  const kind = (format ?? path.extname(fp).slice(1)).toLowerCase();
  if (kind === 'png') writePng(bytes, fp);
  else if (kind === 'jpg' || kind === 'jpeg') writeJpeg(bytes, fp, 75);
  else throw new RangeError(`unknown file extension: ${kind ? `.${kind}` : '(none)'} (saveImage writes png and jpeg)`);
}
export { drawBoundingBoxes, drawSegmentationMasks } from './draw.js';

/** Middlebury's colour wheel (55 hues), as torchvision's _make_colorwheel builds it in float32. */
function colorWheel(): torch.Tensor {
  const rows: number[][] = [];
  const ramp = (i: number, n: number) => Math.floor(Math.fround((255 * i) / n));
  for (let i = 0; i < 15; i++) rows.push([255, ramp(i, 15), 0]);
  for (let i = 0; i < 6; i++) rows.push([255 - ramp(i, 6), 255, 0]);
  for (let i = 0; i < 4; i++) rows.push([0, 255, ramp(i, 4)]);
  for (let i = 0; i < 11; i++) rows.push([0, 255 - ramp(i, 11), 255]);
  for (let i = 0; i < 13; i++) rows.push([ramp(i, 13), 0, 255]);
  for (let i = 0; i < 6; i++) rows.push([255, 0, 255 - ramp(i, 6)]);
  return torch.tensor(rows, { dtype: torch.float32 });
}

/** An optical flow field (2×H×W or N×2×H×W, float32) as an RGB uint8 image: hue for direction, saturation for magnitude. */
export function flowToImage(...args: Args<'torchvision.utils.flowToImage'>): torch.Tensor {
  const { flow } = bind('torchvision.utils.flowToImage', args);
  if (!(flow instanceof torch.Tensor)) badArg('a Tensor', 'flow', flow);
  if (flow.dtype !== torch.float32) throw new RangeError(`Flow should be of dtype torch.float, got torch.${flow.dtype.name}.`);
  const batched = flow.dim() === 3 ? flow.unsqueeze(0) : flow;
  if (batched.dim() !== 4 || batched.size(1) !== 2) throw new RangeError(`Input flow should have shape (2, H, W) or (N, 2, H, W), got torch.Size([${flow.shape.join(', ')}]).`);
  const maxNorm = torch.sum(batched.pow(2), 1).sqrt().max();
  const normalized = batched.div(maxNorm.add(1.1920928955078125e-7)); // float32's machine epsilon
  const wheel = colorWheel(), numCols = wheel.size(0);
  const norm = torch.sum(normalized.pow(2), 1).sqrt();
  const a = torch.atan2(normalized.select(1, 1).neg(), normalized.select(1, 0).neg()).div(Math.PI);
  const fk = a.add(1).div(2).mul(numCols - 1);
  const k0 = torch.floor(fk).to(torch.int64);
  const k1Raw = k0.add(1);
  const k1 = k1Raw.maskedFill(k1Raw.eq(numCols), 0);
  const f = fk.sub(k0);
  const channels = [0, 1, 2].map((c) => {
    const tmp = wheel.select(1, c).contiguous();
    const col0 = tmp.take(k0).div(255.0), col1 = tmp.take(k1).div(255.0);
    const col = torch.rsub(f, 1).mul(col0).add(f.mul(col1));
    return torch.floor(torch.rsub(norm.mul(torch.rsub(col, 1)), 1).mul(255)).to(torch.uint8);
  });
  const img = torch.stack(channels, 1);
  return flow.dim() === 3 ? img.select(0, 0) : img;
}
