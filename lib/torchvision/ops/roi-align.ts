// torchvision.ops.roi_align / RoIAlign: Mask R-CNN's region pooling. Written as torchvision's own
// tensor formulation (torchvision/ops/roi_align.py, _roi_align) with the CPU kernel's rule that a
// sample more than one pixel outside the map counts zero, so autograd gives the input's gradient.
// The sample grid is as wide as the largest RoI's, and RoIs are taken in chunks to bound memory.
import * as torch from '../../index.js';
import { Module } from '../../nn/module.js';
import { describe } from '../../errors.js';
import { bind, type Args } from '../../bind.js';
import { pyFloat, pyValue } from '../../nn/repr.js';

export const pair = (v: number | number[], name: string): [number, number] => {
  const p = typeof v === 'number' ? [v, v] : v;
  if (!Array.isArray(p) || p.length !== 2 || !p.every((x) => Number.isInteger(x) && x > 0)) throw new TypeError(`Expected a positive integer or [height, width] for ${name} but received ${describe(v)}`);
  return p as [number, number];
};

/** torchvision's convert_boxes_to_roi_format, after check_roi_boxes_shape: a K×5 [batch, x1, y1, x2, y2] tensor. */
export function roiFormat(boxes: torch.Tensor | torch.Tensor[]): torch.Tensor {
  if (Array.isArray(boxes)) {
    boxes.forEach((b) => {
      if (!(b instanceof torch.Tensor) || b.dim() !== 2 || b.size(1) !== 4) throw new RangeError('The shape of the tensor in the boxes list is not correct as List[Tensor[L, 4]]');
    });
    const ids = boxes.map((b, i) => torch.fullLike(b.narrow(1, 0, 1), i));
    return torch.cat([torch.cat(ids, 0), torch.cat(boxes, 0)], 1);
  }
  if (!(boxes instanceof torch.Tensor)) throw new TypeError(`Expected a Tensor[K, 5] or a list of Tensor[L, 4] for boxes but received ${describe(boxes)}`);
  if (boxes.dim() !== 2 || boxes.size(1) !== 5) throw new RangeError('The boxes tensor shape is not correct as Tensor[K, 5]');
  return boxes;
}

const at = (t: torch.Tensor, shape: number[]) => t.reshape(shape);

function alignChunk(input: torch.Tensor, rois: torch.Tensor, ph: number, pw: number, scale: number, samplingRatio: number, aligned: boolean): torch.Tensor {
  const [, channels, height, width] = input.shape;
  const dtype = input.dtype, k = rois.size(0);
  const batch = rois.select(1, 0).to(torch.int64);
  const offset = aligned ? 0.5 : 0.0;
  const [startW, startH, endW, endH] = [1, 2, 3, 4].map((c) => rois.select(1, c).mul(scale).sub(offset));
  let roiW = endW.sub(startW), roiH = endH.sub(startH);
  if (!aligned) {
    roiW = roiW.clamp({ min: 1.0 });
    roiH = roiH.clamp({ min: 1.0 });
  }
  const binH = roiH.div(ph), binW = roiW.div(pw);
  const exact = samplingRatio > 0;
  const gridH = exact ? torch.full([k], samplingRatio, { dtype }) : roiH.div(ph).ceil();
  const gridW = exact ? torch.full([k], samplingRatio, { dtype }) : roiW.div(pw).ceil();
  const iyN = exact ? samplingRatio : Math.max(1, gridH.max().item() as number);
  const ixN = exact ? samplingRatio : Math.max(1, gridW.max().item() as number);
  const count = gridH.mul(gridW).clamp({ min: 1 });
  const iy = torch.arange(iyN, { dtype: torch.int64 }), ix = torch.arange(ixN, { dtype: torch.int64 });
  // sample centres: [K, PH, IY] and [K, PW, IX]
  const coords = (start: torch.Tensor, bin: torch.Tensor, grid: torch.Tensor, n: number, i: torch.Tensor) =>
    at(start, [k, 1, 1]).add(at(torch.arange(n, { dtype: torch.int64 }), [1, n, 1]).mul(at(bin, [k, 1, 1])))
      .add(at(i, [1, 1, -1]).add(0.5).to(dtype).mul(at(bin.div(grid), [k, 1, 1])));
  let y = coords(startH, binH, gridH, ph, iy), x = coords(startW, binW, gridW, pw, ix);
  // the kernel's empty samples, and the samples beyond this RoI's own grid
  let yValid = y.ge(-1.0).logicalAnd(y.le(height)), xValid = x.ge(-1.0).logicalAnd(x.le(width));
  if (!exact) {
    yValid = yValid.logicalAnd(at(iy, [1, 1, -1]).lt(at(gridH, [k, 1, 1])));
    xValid = xValid.logicalAnd(at(ix, [1, 1, -1]).lt(at(gridW, [k, 1, 1])));
  }
  y = y.clamp({ min: 0 });
  x = x.clamp({ min: 0 });
  const bounds = (v: torch.Tensor, size: number) => {
    let low = v.to(torch.int64);
    const edge = low.ge(size - 1);
    const high = torch.where(edge, torch.full([], size - 1, { dtype: torch.int64 }), low.add(1));
    low = torch.where(edge, torch.full([], size - 1, { dtype: torch.int64 }), low);
    const pos = torch.where(edge, low.to(dtype), v);
    return { low, high, frac: pos.sub(low) };
  };
  const yb = bounds(y, height), xb = bounds(x, width);
  const base = at(batch, [k, 1, 1, 1, 1, 1]).mul(channels).add(at(torch.arange(channels, { dtype: torch.int64 }), [1, channels, 1, 1, 1, 1])).mul(height);
  const flat = input.reshape(-1);
  const gather = (yi: torch.Tensor, xi: torch.Tensor) =>
    flat.take(base.add(at(yi, [k, 1, ph, 1, iyN, 1])).mul(width).add(at(xi, [k, 1, 1, pw, 1, ixN])));
  const outer = (a: torch.Tensor, b: torch.Tensor) => at(a, [k, 1, ph, 1, iyN, 1]).mul(at(b, [k, 1, 1, pw, 1, ixN]));
  const ly = yb.frac, lx = xb.frac, hy = torch.rsub(ly, 1.0), hx = torch.rsub(lx, 1.0);
  const val = outer(hy, hx).mul(gather(yb.low, xb.low)).add(outer(hy, lx).mul(gather(yb.low, xb.high)))
    .add(outer(ly, hx).mul(gather(yb.high, xb.low))).add(outer(ly, lx).mul(gather(yb.high, xb.high)));
  const valid = at(yValid, [k, 1, ph, 1, iyN, 1]).logicalAnd(at(xValid, [k, 1, 1, pw, 1, ixN]));
  return val.mul(valid.to(dtype)).sum([-1, -2]).div(at(count, [k, 1, 1, 1]));
}

/**
 * RoI Align (Mask R-CNN): average of bilinear samples in each of outputSize bins of each box.
 * boxes: a K×5 tensor [batchIndex, x1, y1, x2, y2] or a list of L×4 tensors, one per image.
 */
export function roiAlign(...args: Args<'torchvision.ops.roiAlign'>): torch.Tensor {
  const { input, boxes, outputSize, spatialScale = 1.0, samplingRatio = -1, aligned = false } = bind('torchvision.ops.roiAlign', args);
  if (!(input instanceof torch.Tensor) || input.dim() !== 4) throw new TypeError(`Expected an N×C×H×W Tensor for input but received ${describe(input)}`);
  const rois = roiFormat(boxes);
  if (rois.dtype !== input.dtype) {
    throw new TypeError(`Expected tensor for argument #1 'input' to have the same type as tensor for argument #2 'rois'; but type torch.${input.dtype.name} does not equal torch.${rois.dtype.name} (while checking arguments for roi_align)`);
  }
  if (!Number.isInteger(samplingRatio)) throw new TypeError(`Expected an integer for samplingRatio but received ${describe(samplingRatio)}`);
  const [ph, pw] = pair(outputSize, 'outputSize');
  const k = rois.size(0);
  if (k === 0) return torch.zeros([0, input.size(1), ph, pw], { dtype: input.dtype });
  // the 6-D sample tensor stays near 4M elements per chunk
  const perRoi = input.size(1) * ph * pw * Math.max(1, samplingRatio > 0 ? samplingRatio ** 2 : 16);
  const chunk = Math.max(1, Math.floor(4_000_000 / perRoi));
  const parts: torch.Tensor[] = [];
  for (let s = 0; s < k; s += chunk) parts.push(alignChunk(input, rois.narrow(0, s, Math.min(chunk, k - s)), ph, pw, spatialScale, samplingRatio, aligned));
  return parts.length === 1 ? parts[0] : torch.cat(parts, 0);
}

/** torchvision.ops.RoIAlign: roiAlign as a module. */
export class RoIAlign extends Module<[input: torch.Tensor, rois: torch.Tensor | torch.Tensor[]], torch.Tensor> {
  declare outputSize: number | number[];
  declare spatialScale: number;
  declare samplingRatio: number;
  declare aligned: boolean;
  constructor(...args: Args<'torchvision.ops.RoIAlign'>) {
    super();
    const a = bind('torchvision.ops.RoIAlign', args);
    pair(a.outputSize, 'outputSize');
    this.outputSize = a.outputSize;
    this.spatialScale = a.spatialScale;
    this.samplingRatio = a.samplingRatio;
    this.aligned = a.aligned ?? false;
  }
  forward(input: torch.Tensor, rois: torch.Tensor | torch.Tensor[]): torch.Tensor {
    return roiAlign(input, rois, this.outputSize, this.spatialScale, this.samplingRatio, this.aligned);
  }
  extraRepr(): string {
    const size = typeof this.outputSize === 'number' ? String(this.outputSize) : pyValue(this.outputSize);
    return `output_size=${size}, spatial_scale=${pyFloat(this.spatialScale)}, sampling_ratio=${this.samplingRatio}, aligned=${pyValue(this.aligned)}`;
  }
}
