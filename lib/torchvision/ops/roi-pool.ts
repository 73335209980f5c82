// torchvision.ops.roi_pool (Fast R-CNN) and the position-sensitive ps_roi_pool / ps_roi_align
// (R-FCN). Which input elements feed each output, and with what weight, follows torchvision's CPU
// kernels step for step (in the input's precision); the output is then a weighted gather from the
// input, so autograd gives the input's gradient as the kernels' backward passes do.
import * as torch from '../../index.js';
import { Module, markPure } from '../../nn/module.js';
import { describe } from '../../errors.js';
import { bind, type Args } from '../../bind.js';
import { pyFloat, pyValue } from '../../nn/repr.js';
import { pair, roiFormat } from './roi-align.js';

interface Source { input: torch.Tensor; rois: torch.Tensor; data: Float32Array | Float64Array; roi: Float32Array | Float64Array; r: (x: number) => number; n: number; c: number; h: number; w: number }

function source(op: string, input: unknown, boxes: unknown): Source {
  if (!(input instanceof torch.Tensor) || input.dim() !== 4) throw new TypeError(`Expected an N×C×H×W Tensor for input but received ${describe(input)}`);
  const rois = roiFormat(boxes as torch.Tensor);
  if (input.dtype !== torch.float32 && input.dtype !== torch.float64) throw new TypeError(`${op} only supports float and double types, got torch.${input.dtype.name}`);
  if (rois.dtype !== input.dtype) throw new TypeError(`${op}: input and rois must have the same dtype (torch.${input.dtype.name} and torch.${rois.dtype.name})`);
  const data = input.detach().contiguous().toTypedArray() as Float32Array | Float64Array;
  const roi = rois.detach().contiguous().toTypedArray() as Float32Array | Float64Array;
  const [n, c, h, w] = input.shape;
  for (let k = 0; k < roi.length / 5; k++) {
    const b = roi[5 * k];
    // the kernel reads past the input for these; PyTorch would return garbage or crash
    if (!Number.isInteger(b) || b < 0 || b >= n) throw new RangeError(`${op}: box ${k} has batch index ${b}, which is not an image of the input's batch of ${n}`);
    for (let j = 1; j < 5; j++) if (!Number.isFinite(roi[5 * k + j])) throw new RangeError(`${op}: box ${k} has a non-finite coordinate (${roi[5 * k + j]})`);
  }
  return { input, rois, data, roi, r: input.dtype === torch.float32 ? Math.fround : (x: number) => x, n, c, h, w };
}
/** C's round(): halves away from zero. */
const cRound = (x: number) => Math.sign(x) * Math.round(Math.abs(x));
const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

/** output = Σ weight · input.flat[index] over each output element's slots (index -1: empty slot). */
function gatherWeighted(input: torch.Tensor, index: Int32Array, weight: Float64Array | null, slots: number, shape: number[]): torch.Tensor {
  const idx = torch.tensor(index).to(torch.int64);
  const valid = idx.ge(0);
  const flat = input.reshape(-1).take(idx.clamp({ min: 0 }));
  let val = flat.mul(valid.to(input.dtype));
  if (weight) val = val.mul(torch.tensor(weight).to(input.dtype));
  return val.reshape([...shape, slots]).sum(-1);
}

/** Max over each of outputSize bins of each box (coordinates rounded to the feature map's cells). */
export function roiPool(...args: Args<'torchvision.ops.roiPool'>): torch.Tensor {
  const { input, boxes, outputSize, spatialScale } = bind('torchvision.ops.roiPool', args);
  const s = source('roi_pool', input, boxes);
  const [ph, pw] = pair(outputSize as number | number[], 'outputSize');
  const { r, c, h, w, data, roi } = s, k = roi.length / 5, scale = r(spatialScale);
  const index = new Int32Array(k * c * ph * pw).fill(-1);
  for (let n = 0; n < k; n++) {
    const b = roi[5 * n];
    const [sw, sh, ew, eh] = [1, 2, 3, 4].map((j) => cRound(r(roi[5 * n + j] * scale)));
    const binH = r(Math.max(eh - sh + 1, 1) / ph), binW = r(Math.max(ew - sw + 1, 1) / pw);
    for (let y = 0; y < ph; y++) {
      const hs = clamp(Math.floor(r(y * binH)) + sh, 0, h), he = clamp(Math.ceil(r((y + 1) * binH)) + sh, 0, h);
      for (let x = 0; x < pw; x++) {
        const ws = clamp(Math.floor(r(x * binW)) + sw, 0, w), we = clamp(Math.ceil(r((x + 1) * binW)) + sw, 0, w);
        const empty = he <= hs || we <= ws;
        for (let ch = 0; ch < c; ch++) {
          const base = (b * c + ch) * h * w;
          let best = empty ? 0 : -3.4028234663852886e38, at = -1;
          for (let yy = hs; yy < he; yy++) {
            for (let xx = ws; xx < we; xx++) {
              const v = data[base + yy * w + xx];
              if (v > best) { best = v; at = base + yy * w + xx; }
            }
          }
          index[((n * c + ch) * ph + y) * pw + x] = at;
        }
      }
    }
  }
  return gatherWeighted(s.input, index, null, 1, [k, c, ph, pw]);
}

function psChannels(op: string, c: number, ph: number, pw: number): number {
  if (c % (ph * pw) !== 0) throw new RangeError(`${op}: input channels must be a multiple of pooling height * pooling width`);
  return c / (ph * pw);
}

/** Position-sensitive average pooling: bin (i, j) of output channel o reads input channel (o·PH + i)·PW + j. */
export function psRoiPool(...args: Args<'torchvision.ops.psRoiPool'>): torch.Tensor {
  const { input, boxes, outputSize, spatialScale } = bind('torchvision.ops.psRoiPool', args);
  const s = source('ps_roi_pool', input, boxes);
  const [ph, pw] = pair(outputSize, 'outputSize');
  const { r, c, h, w, roi } = s, k = roi.length / 5, scale = r(spatialScale);
  const cOut = psChannels('ps_roi_pool', c, ph, pw), total = k * cOut * ph * pw;
  // torchvision's forward clips bins to the last row and column, its backward to the map's edge;
  // both are kept so that the gradient is the one PyTorch trains with
  const layout = (edge: 0 | 1) => {
    const bins: number[][] = [];
    let slots = 1;
    for (let n = 0; n < k; n++) {
      const b = roi[5 * n];
      const [sw, sh, ew, eh] = [1, 2, 3, 4].map((j) => cRound(r(roi[5 * n + j] * scale)));
      const binH = r(Math.max(eh - sh, 1) / ph), binW = r(Math.max(ew - sw, 1) / pw);
      for (let y = 0; y < ph; y++) {
        for (let x = 0; x < pw; x++) {
          const hs = clamp(Math.floor(r(y * binH)) + sh, 0, h - 1 + edge), he = clamp(Math.ceil(r((y + 1) * binH)) + sh, 0, h - 1 + edge);
          const ws = clamp(Math.floor(r(x * binW)) + sw, 0, w - 1 + edge), we = clamp(Math.ceil(r((x + 1) * binW)) + sw, 0, w - 1 + edge);
          bins.push([n, b, hs, he, ws, we, y, x]);
          if (he > hs && we > ws) slots = Math.max(slots, (he - hs) * (we - ws));
        }
      }
    }
    const index = new Int32Array(total * slots).fill(-1), weight = new Float64Array(total * slots);
    for (const [n, b, hs, he, ws, we, y, x] of bins) {
      if (he <= hs || we <= ws) continue;
      const area = (he - hs) * (we - ws);
      for (let o = 0; o < cOut; o++) {
        const base = (b * c + (o * ph + y) * pw + x) * h * w;
        let slot = (((n * cOut + o) * ph + y) * pw + x) * slots;
        for (let yy = hs; yy < he; yy++) for (let xx = ws; xx < we; xx++, slot++) { index[slot] = base + yy * w + xx; weight[slot] = 1 / area; }
      }
    }
    return { index, weight, slots };
  };
  const fwd = layout(0);
  if (!(s.input.requiresGrad && torch.isGradEnabled())) return gatherWeighted(s.input, fwd.index, fwd.weight, fwd.slots, [k, cOut, ph, pw]);
  return PsRoiPoolFunction.apply<torch.Tensor>(s.input, fwd, layout(1), [k, cOut, ph, pw]);
}

type Layout = { index: Int32Array; weight: Float64Array; slots: number };
/** ps_roi_pool with torchvision's backward: the output gradient spread over the edge-clipped bins. */
class PsRoiPoolFunction extends torch.autograd.Function {
  static forward(ctx: torch.autograd.FunctionCtx, input: torch.Tensor, fwd: Layout, bwd: Layout, shape: number[]): torch.Tensor {
    ctx.bwd = bwd;
    ctx.inputShape = input.shape;
    return torch.noGrad(() => gatherWeighted(input, fwd.index, fwd.weight, fwd.slots, shape));
  }
  static backward(ctx: torch.autograd.FunctionCtx, grad: torch.Tensor): (torch.Tensor | null)[] {
    const { index, weight, slots } = ctx.bwd as Layout;
    const shape = ctx.inputShape as number[];
    const idx = torch.tensor(index).to(torch.int64);
    const contrib = grad.reshape([-1, 1]).mul(torch.tensor(weight).to(grad.dtype).reshape([-1, slots])).mul(idx.ge(0).to(grad.dtype).reshape([-1, slots]));
    const flat = torch.zeros([shape.reduce((a, b) => a * b, 1)], { dtype: grad.dtype }).indexAdd(0, idx.clamp({ min: 0 }), contrib.reshape(-1));
    return [flat.reshape(shape), null, null, null];
  }
}

/** Position-sensitive RoI Align: bilinear samples averaged per bin, bin (i, j) reading its own channel group. */
export function psRoiAlign(...args: Args<'torchvision.ops.psRoiAlign'>): torch.Tensor {
  const { input, boxes, outputSize, spatialScale, samplingRatio } = bind('torchvision.ops.psRoiAlign', args);
  const s = source('ps_roi_align', input, boxes);
  const [ph, pw] = pair(outputSize, 'outputSize');
  if (!Number.isInteger(samplingRatio)) throw new TypeError(`Expected an integer for samplingRatio but received ${describe(samplingRatio)}`);
  const { r, c, h, w, roi } = s, k = roi.length / 5, scale = r(spatialScale);
  const cOut = psChannels('ps_roi_align', c, ph, pw);
  // every sample's four corners and weights, per bin, before they are laid out
  const perBin: { n: number; b: number; y: number; x: number; taps: number[] }[] = [];
  const emptyRois: number[] = []; // no samples at all: the kernel divides 0 by 0
  let slots = 1;
  for (let n = 0; n < k; n++) {
    const b = roi[5 * n];
    const [sw, sh, ew, eh] = [1, 2, 3, 4].map((j) => r(r(roi[5 * n + j] * scale) - 0.5));
    const roiW = r(ew - sw), roiH = r(eh - sh);
    const binH = r(roiH / ph), binW = r(roiW / pw);
    const gh = samplingRatio > 0 ? samplingRatio : Math.ceil(r(roiH / ph)), gw = samplingRatio > 0 ? samplingRatio : Math.ceil(r(roiW / pw));
    const count = r(gh * gw);
    if (count === 0) emptyRois.push(n);
    for (let y = 0; y < ph; y++) {
      for (let x = 0; x < pw; x++) {
        const hStart = r(r(y * binH) + sh), wStart = r(r(x * binW) + sw);
        const taps: number[] = []; // [offset, weight] pairs within one channel plane
        for (let iy = 0; iy < gh; iy++) {
          const yy = r(hStart + r(r(r(iy + 0.5) * binH) / gh));
          for (let ix = 0; ix < gw; ix++) {
            const xx = r(wStart + r(r(r(ix + 0.5) * binW) / gw));
            if (!(yy >= -1 && yy <= h && xx >= -1 && xx <= w)) continue;
            let sy = yy <= 0 ? 0 : yy, sx = xx <= 0 ? 0 : xx;
            let yl = Math.trunc(sy), xl = Math.trunc(sx), yh: number, xh: number;
            if (yl >= h - 1) { yh = yl = h - 1; sy = yl; } else yh = yl + 1;
            if (xl >= w - 1) { xh = xl = w - 1; sx = xl; } else xh = xl + 1;
            const ly = r(sy - yl), lx = r(sx - xl), hy = r(1 - ly), hx = r(1 - lx);
            taps.push(yl * w + xl, r(hy * hx) / count, yl * w + xh, r(hy * lx) / count, yh * w + xl, r(ly * hx) / count, yh * w + xh, r(ly * lx) / count);
          }
        }
        perBin.push({ n, b, y, x, taps });
        slots = Math.max(slots, taps.length / 2);
      }
    }
  }
  const total = k * cOut * ph * pw;
  const index = new Int32Array(total * slots).fill(-1), weight = new Float64Array(total * slots);
  for (const { n, b, y, x, taps } of perBin) {
    for (let o = 0; o < cOut; o++) {
      const base = (b * c + (o * ph + y) * pw + x) * h * w;
      const at = (((n * cOut + o) * ph + y) * pw + x) * slots;
      for (let t = 0; t < taps.length / 2; t++) { index[at + t] = base + taps[2 * t]; weight[at + t] = taps[2 * t + 1]; }
    }
  }
  const out = gatherWeighted(s.input, index, weight, slots, [k, cOut, ph, pw]);
  if (!emptyRois.length) return out;
  const nan = new Float64Array(k);
  for (const n of emptyRois) nan[n] = NaN;
  return out.add(torch.tensor(nan).to(out.dtype).reshape([k, 1, 1, 1]));
}

const sizeRepr = (v: number | number[]) => (typeof v === 'number' ? String(v) : pyValue(v));

/** torchvision.ops.RoIPool: roiPool as a module. */
export class RoIPool extends Module<[input: torch.Tensor, rois: torch.Tensor | torch.Tensor[]], torch.Tensor> {
  declare outputSize: number | number[];
  declare spatialScale: number;
  constructor(...args: Args<'torchvision.ops.RoIPool'>) {
    super();
    const a = bind('torchvision.ops.RoIPool', args);
    pair(a.outputSize as number | number[], 'outputSize');
    this.outputSize = a.outputSize as number | number[];
    this.spatialScale = a.spatialScale;
  }
  forward(input: torch.Tensor, rois: torch.Tensor | torch.Tensor[]): torch.Tensor {
    return roiPool(input, rois, this.outputSize, this.spatialScale);
  }
  toString(): string {
    return `RoIPool(output_size=${sizeRepr(this.outputSize)}, spatial_scale=${pyFloat(this.spatialScale)})`;
  }
}
/** torchvision.ops.PSRoIPool: psRoiPool as a module. */
export class PSRoIPool extends Module<[input: torch.Tensor, rois: torch.Tensor], torch.Tensor> {
  declare outputSize: number;
  declare spatialScale: number;
  constructor(...args: Args<'torchvision.ops.PSRoIPool'>) {
    super();
    const a = bind('torchvision.ops.PSRoIPool', args);
    pair(a.outputSize, 'outputSize');
    this.outputSize = a.outputSize;
    this.spatialScale = a.spatialScale;
  }
  forward(input: torch.Tensor, rois: torch.Tensor): torch.Tensor {
    return psRoiPool(input, rois, this.outputSize, this.spatialScale);
  }
  toString(): string {
    return `PSRoIPool(output_size=${sizeRepr(this.outputSize)}, spatial_scale=${pyFloat(this.spatialScale)})`;
  }
}
/** torchvision.ops.PSRoIAlign: psRoiAlign as a module. */
export class PSRoIAlign extends Module<[input: torch.Tensor, rois: torch.Tensor], torch.Tensor> {
  declare outputSize: number;
  declare spatialScale: number;
  declare samplingRatio: number;
  constructor(...args: Args<'torchvision.ops.PSRoIAlign'>) {
    super();
    const a = bind('torchvision.ops.PSRoIAlign', args);
    pair(a.outputSize, 'outputSize');
    this.outputSize = a.outputSize;
    this.spatialScale = a.spatialScale;
    this.samplingRatio = a.samplingRatio;
  }
  forward(input: torch.Tensor, rois: torch.Tensor): torch.Tensor {
    return psRoiAlign(input, rois, this.outputSize, this.spatialScale, this.samplingRatio);
  }
  toString(): string {
    return `PSRoIAlign(output_size=${sizeRepr(this.outputSize)}, spatial_scale=${pyFloat(this.spatialScale)}, sampling_ratio=${this.samplingRatio})`;
  }
}
markPure(RoIPool, PSRoIPool, PSRoIAlign);
