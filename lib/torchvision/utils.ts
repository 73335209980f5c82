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
