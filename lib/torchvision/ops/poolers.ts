// torchvision.ops.MultiScaleRoIAlign (torchvision/ops/poolers.py): RoI Align over a feature pyramid,
// each box read from the level its size maps to (the FPN paper's equation 1).
import * as torch from '../../index.js';
import { Module } from '../../nn/module.js';
import { describe } from '../../errors.js';
import { bind, type Args } from '../../bind.js';
import { pyValue } from '../../nn/repr.js';
import { boxArea } from './boxes.js';
import { roiAlign, pair } from './roi-align.js';

type Features = Record<string, torch.Tensor> | Map<string, torch.Tensor>;

/** A level per box: floor(lvl0 + log2(sqrt(area) / s0) + eps), clamped to the pyramid, from 0. */
class LevelMapper {
  constructor(readonly kMin: number, readonly kMax: number, readonly s0: number, readonly lvl0: number, readonly eps = 1e-6) {}
  levels(boxes: torch.Tensor[]): torch.Tensor {
    const s = torch.sqrt(torch.cat(boxes.map((b) => boxArea(b))));
    const target = torch.floor(torch.log2(s.div(this.s0)).add(this.lvl0).add(torch.tensor(this.eps, { dtype: s.dtype })));
    return torch.clamp(target, this.kMin, this.kMax).to(torch.int64).sub(this.kMin);
  }
}

/** 2^round(log2(feature size / image size)), with torchvision's float32 rounding. */
function inferScale(feature: torch.Tensor, original: [number, number]): number {
  const approx = feature.size(-2) / original[0];
  return 2 ** (torch.tensor(approx).log2().round().item() as number);
}

/** torchvision.ops.MultiScaleRoIAlign: pools each box from the pyramid level its size belongs to. */
export class MultiScaleRoIAlign extends Module<[x: Features, boxes: torch.Tensor[], imageShapes: [number, number][]], torch.Tensor> {
  declare featmapNames: string[];
  declare outputSize: [number, number];
  declare samplingRatio: number;
  declare canonicalScale: number;
  declare canonicalLevel: number;
  scales: number[] | null = null;
  mapLevels: LevelMapper | null = null;
  constructor(...args: Args<'torchvision.ops.MultiScaleRoIAlign'>) {
    super();
    const a = bind('torchvision.ops.MultiScaleRoIAlign', args);
    if (!Array.isArray(a.featmapNames) || !a.featmapNames.every((n) => typeof n === 'string')) throw new TypeError(`Expected an array of strings for featmapNames but received ${describe(a.featmapNames)}`);
    this.featmapNames = a.featmapNames;
    this.outputSize = pair(a.outputSize as number | number[], 'outputSize');
    this.samplingRatio = a.samplingRatio;
    this.canonicalScale = a.canonicalScale;
    this.canonicalLevel = a.canonicalLevel;
  }
  forward(x: Features, boxes: torch.Tensor[], imageShapes: [number, number][]): torch.Tensor {
    const entries = x instanceof Map ? [...x.entries()] : Object.entries(x ?? {});
    const features = entries.filter(([k]) => this.featmapNames.includes(k)).map(([, v]) => v);
    if (!features.length) throw new RangeError(`none of featmapNames (${this.featmapNames.join(', ')}) is a key of x`);
    if (!Array.isArray(boxes) || !boxes.every((b) => b instanceof torch.Tensor)) throw new TypeError(`Expected an array of Tensors (one per image) for boxes but received ${describe(boxes)}`);
    if (this.scales === null || this.mapLevels === null) {
      if (!Array.isArray(imageShapes) || !imageShapes.length) throw new RangeError('images list should not be empty');
      const original: [number, number] = [Math.max(0, ...imageShapes.map((s) => s[0])), Math.max(0, ...imageShapes.map((s) => s[1]))];
      const scales = features.map((f) => inferScale(f, original));
      const lvl = (s: number) => Math.trunc(-(torch.log2(torch.tensor(s, { dtype: torch.float32 })).item() as number));
      this.scales = scales;
      this.mapLevels = new LevelMapper(lvl(scales[0]), lvl(scales[scales.length - 1]), this.canonicalScale, this.canonicalLevel);
    }
    const rois = torch.cat(boxes.map((b, i) => torch.cat([torch.fullLike(b.narrow(1, 0, 1), i), b], 1)), 0);
    if (features.length === 1) return roiAlign(features[0], rois, this.outputSize, this.scales[0], this.samplingRatio);
    const levels = this.mapLevels.levels(boxes);
    let result = torch.zeros([rois.size(0), features[0].size(1), ...this.outputSize], { dtype: features[0].dtype });
    features.forEach((feature, level) => {
      const idx = torch.where(levels.eq(level))[0];
      if (idx.numel() === 0) return;
      const pooled = roiAlign(feature, rois.indexSelect(0, idx), this.outputSize, this.scales![level], this.samplingRatio);
      result = result.indexAdd(0, idx, pooled.to(result.dtype));
    });
    return result;
  }
  toString(): string {
    return `MultiScaleRoIAlign(featmap_names=[${this.featmapNames.map((n) => pyValue(n)).join(', ')}], output_size=(${this.outputSize.join(', ')}), sampling_ratio=${this.samplingRatio})`;
  }
}
