// torchvision.ops: box utilities and non-maximum suppression, as torchvision's kernels compute them
// (nms: scores sorted descending, stable; IoU in the boxes' own float precision).
import * as torch from '../../index.js';
import { badArg } from '../../errors.js';
import { bind, type Args } from '../../bind.js';

type Fmt = 'xyxy' | 'xywh' | 'cxcywh';
function boxes2d(t: unknown, name: string): torch.Tensor {
  if (!(t instanceof torch.Tensor) || t.dim() !== 2 || t.size(-1) !== 4) badArg('an N×4 Tensor of boxes', name, t);
  return t as torch.Tensor;
}
function toXyxy(b: torch.Tensor, fmt: string): torch.Tensor {
  if (fmt === 'xyxy') return b;
  const [p, q, r, s] = b.unbind(-1);
  if (fmt === 'xywh') return torch.stack([p, q, p.add(r), q.add(s)], -1);
  if (fmt === 'cxcywh') return torch.stack([p.sub(r.mul(0.5)), q.sub(s.mul(0.5)), p.add(r.mul(0.5)), q.add(s.mul(0.5))], -1);
  throw new RangeError(`Unsupported Bounding Box Conversions for given fmt ${fmt}`);
}
function fromXyxy(b: torch.Tensor, fmt: string): torch.Tensor {
  if (fmt === 'xyxy') return b;
  const [x1, y1, x2, y2] = b.unbind(-1);
  if (fmt === 'xywh') return torch.stack([x1, y1, x2.sub(x1), y2.sub(y1)], -1);
  if (fmt === 'cxcywh') return torch.stack([x1.add(x2).div(2), y1.add(y2).div(2), x2.sub(x1), y2.sub(y1)], -1);
  throw new RangeError(`Unsupported Bounding Box Conversions for given fmt ${fmt}`);
}
const FORMATS = ['xyxy', 'xywh', 'cxcywh'];

export function boxConvert(...args: Args<'torchvision.ops.boxConvert'>): torch.Tensor {
  const { boxes, inFmt, outFmt } = bind('torchvision.ops.boxConvert', args);
  if (!FORMATS.includes(inFmt) || !FORMATS.includes(outFmt)) throw new RangeError("Unsupported Bounding Box Conversions for given in_fmt and out_fmt");
  if (inFmt === outFmt) return boxes.clone();
  return fromXyxy(toXyxy(boxes, inFmt), outFmt);
}
export function boxArea(...args: Args<'torchvision.ops.boxArea'>): torch.Tensor {
  const { boxes, fmt } = bind('torchvision.ops.boxArea', args);
  const b = toXyxy(boxes, fmt as Fmt);
  return b.select(-1, 2).sub(b.select(-1, 0)).mul(b.select(-1, 3).sub(b.select(-1, 1)));
}
/** Pairwise IoU: an N×M matrix. */
export function boxIou(...args: Args<'torchvision.ops.boxIou'>): torch.Tensor {
  const { boxes1, boxes2, fmt } = bind('torchvision.ops.boxIou', args);
  const a = toXyxy(boxes2d(boxes1, 'boxes1'), fmt), b = toXyxy(boxes2d(boxes2, 'boxes2'), fmt);
  const area1 = boxArea(a), area2 = boxArea(b);
  const lt = torch.max(a.unsqueeze(1).narrow(-1, 0, 2), b.narrow(-1, 0, 2));
  const rb = torch.min(a.unsqueeze(1).narrow(-1, 2, 2), b.narrow(-1, 2, 2));
  const up = rb.sub(lt);
  const wh = (up.isFloatingPoint() ? up : up.float()).clamp({ min: 0 });
  const inter = wh.select(-1, 0).mul(wh.select(-1, 1));
  return inter.div(area1.unsqueeze(1).add(area2).sub(inter));
}
/** The indices of the boxes kept, by decreasing score: each suppresses later boxes overlapping it by more than iouThreshold. */
export function nms(...args: Args<'torchvision.ops.nms'>): torch.Tensor {
  const { boxes, scores, iouThreshold } = bind('torchvision.ops.nms', args);
  const b = boxes2d(boxes, 'boxes');
  if (!(scores instanceof torch.Tensor) || scores.dim() !== 1 || scores.size(0) !== b.size(0)) badArg('a 1-D Tensor of one score per box', 'scores', scores);
  if (b.size(0) === 0) return torch.empty([0], { dtype: torch.int64 });
  // the kernel's arithmetic in the boxes' dtype: float32 boxes round each step to float32
  const r = b.dtype === torch.float64 ? (x: number) => x : Math.fround;
  const [x1, y1, x2, y2] = b.unbind(1).map((c) => c.tolist() as number[]);
  const area = x1.map((_, i) => r(r(x2[i] - x1[i]) * r(y2[i] - y1[i])));
  const order = (torch.sort(scores, { stable: true, dim: 0, descending: true }).indices.tolist() as number[]).map(Number);
  const suppressed = new Uint8Array(order.length), keep: number[] = [];
  for (let oi = 0; oi < order.length; oi++) {
    const i = order[oi];
    if (suppressed[i]) continue;
    keep.push(i);
    for (let oj = oi + 1; oj < order.length; oj++) {
      const j = order[oj];
      if (suppressed[j]) continue;
      const w = Math.max(0, r(Math.min(x2[i], x2[j]) - Math.max(x1[i], x1[j])));
      const h = Math.max(0, r(Math.min(y2[i], y2[j]) - Math.max(y1[i], y1[j])));
      const inter = r(w * h);
      if (r(inter / r(r(area[i] + area[j]) - inter)) > iouThreshold) suppressed[j] = 1;
    }
  }
  return torch.tensor(keep.map(BigInt), { dtype: torch.int64 });
}
/** nms within each category (idxs): boxes of different categories never suppress each other. */
export function batchedNms(...args: Args<'torchvision.ops.batchedNms'>): torch.Tensor {
  const { boxes, scores, idxs, iouThreshold } = bind('torchvision.ops.batchedNms', args);
  const b = boxes2d(boxes, 'boxes');
  if (b.numel() === 0) return torch.empty([0], { dtype: torch.int64 });
  const offsets = idxs.to({ dtype: b.dtype }).mul(b.max().add(1));
  return nms(b.add(offsets.unsqueeze(1)), scores, iouThreshold);
}
export function clipBoxesToImage(...args: Args<'torchvision.ops.clipBoxesToImage'>): torch.Tensor {
  const { boxes, size } = bind('torchvision.ops.clipBoxesToImage', args);
  const [height, width] = size;
  const even = torch.arange(0, boxes.size(-1), 2, { dtype: torch.int64 }), odd = torch.arange(1, boxes.size(-1), 2, { dtype: torch.int64 });
  const xs = boxes.indexSelect(-1, even).clamp(0, width), ys = boxes.indexSelect(-1, odd).clamp(0, height);
  return torch.stack([xs, ys], boxes.dim()).reshape(boxes.shape);
}
export function removeSmallBoxes(...args: Args<'torchvision.ops.removeSmallBoxes'>): torch.Tensor {
  const { boxes, minSize } = bind('torchvision.ops.removeSmallBoxes', args);
  const ws = boxes.select(1, 2).sub(boxes.select(1, 0)), hs = boxes.select(1, 3).sub(boxes.select(1, 1));
  return torch.where(ws.ge(minSize).logicalAnd(hs.ge(minSize)))[0];
}

/** torchvision's _upcast: half precision to float32, small integers to int32, so products do not overflow. */
function upcast(t: torch.Tensor): torch.Tensor {
  if (t.isFloatingPoint()) return t.dtype === torch.float32 || t.dtype === torch.float64 ? t : t.float();
  return t.dtype === torch.int32 || t.dtype === torch.int64 ? t : t.int();
}
const firstTwo = (t: torch.Tensor) => t.narrow(-1, 0, 2), lastTwo = (t: torch.Tensor) => t.narrow(-1, 2, 2);
/** Every pair's intersection and union areas (N×M), as torchvision's _box_inter_union. */
function interUnion(a: torch.Tensor, b: torch.Tensor): [torch.Tensor, torch.Tensor] {
  const lt = torch.max(firstTwo(a).unsqueeze(-2), firstTwo(b).unsqueeze(-3));
  const rb = torch.min(lastTwo(a).unsqueeze(-2), lastTwo(b).unsqueeze(-3));
  const wh = upcast(rb.sub(lt)).clamp({ min: 0 });
  const inter = wh.select(-1, 0).mul(wh.select(-1, 1));
  return [inter, boxArea(a).unsqueeze(-1).add(boxArea(b).unsqueeze(-2)).sub(inter)];
}
/** The smallest box enclosing each pair: its width and height (N×M×2). */
function enclosingWh(a: torch.Tensor, b: torch.Tensor): torch.Tensor {
  const lti = torch.min(firstTwo(a).unsqueeze(-2), firstTwo(b).unsqueeze(-3));
  const rbi = torch.max(lastTwo(a).unsqueeze(-2), lastTwo(b).unsqueeze(-3));
  return upcast(rbi.sub(lti)).clamp({ min: 0 });
}
/** Pairwise generalized IoU (xyxy boxes): IoU less the enclosing box's share not covered by the union. */
export function generalizedBoxIou(...args: Args<'torchvision.ops.generalizedBoxIou'>): torch.Tensor {
  const { boxes1, boxes2 } = bind('torchvision.ops.generalizedBoxIou', args);
  const a = boxes2d(boxes1, 'boxes1'), b = boxes2d(boxes2, 'boxes2');
  const [inter, union] = interUnion(a, b);
  const whi = enclosingWh(a, b);
  const areai = whi.select(-1, 0).mul(whi.select(-1, 1));
  return inter.div(union).sub(areai.sub(union).div(areai));
}
function diouIou(a: torch.Tensor, b: torch.Tensor, eps: number): [torch.Tensor, torch.Tensor] {
  const iou = boxIou(a, b);
  const whi = enclosingWh(a, b);
  const diagonal = whi.select(-1, 0).pow(2).add(whi.select(-1, 1).pow(2)).add(eps);
  const centre = (t: torch.Tensor, i: number) => t.select(-1, i).add(t.select(-1, i + 2)).div(2);
  const dx = upcast(centre(a, 0).unsqueeze(-1).sub(centre(b, 0).unsqueeze(-2)));
  const dy = upcast(centre(a, 1).unsqueeze(-1).sub(centre(b, 1).unsqueeze(-2)));
  return [iou.sub(dx.pow(2).add(dy.pow(2)).div(diagonal)), iou];
}
/** Pairwise distance IoU (xyxy boxes): IoU less the squared centre distance over the enclosing diagonal squared. */
export function distanceBoxIou(...args: Args<'torchvision.ops.distanceBoxIou'>): torch.Tensor {
  const { boxes1, boxes2, eps } = bind('torchvision.ops.distanceBoxIou', args);
  return diouIou(upcast(boxes2d(boxes1, 'boxes1')), upcast(boxes2d(boxes2, 'boxes2')), eps)[0];
}
/** Pairwise complete IoU (xyxy boxes): distance IoU less an aspect-ratio term. */
export function completeBoxIou(...args: Args<'torchvision.ops.completeBoxIou'>): torch.Tensor {
  const { boxes1, boxes2, eps } = bind('torchvision.ops.completeBoxIou', args);
  const a = upcast(boxes2d(boxes1, 'boxes1')), b = upcast(boxes2d(boxes2, 'boxes2'));
  const [diou, iou] = diouIou(a, b, eps);
  const aspect = (t: torch.Tensor) => torch.atan(t.select(-1, 2).sub(t.select(-1, 0)).div(t.select(-1, 3).sub(t.select(-1, 1))));
  const v = aspect(a).unsqueeze(-1).sub(aspect(b).unsqueeze(-2)).pow(2).mul(4 / Math.PI ** 2);
  const alpha = torch.noGrad(() => v.div(iou.neg().add(1).add(v).add(eps)));
  return diou.sub(alpha.mul(v));
}
/** The xyxy box around each of N masks (N×H×W); an empty mask gives zeros. */
export function masksToBoxes(...args: Args<'torchvision.ops.masksToBoxes'>): torch.Tensor {
  const { masks } = bind('torchvision.ops.masksToBoxes', args);
  if (!(masks instanceof torch.Tensor) || masks.dim() !== 3) badArg('an N×H×W Tensor of masks', 'masks', masks);
  if (masks.numel() === 0) return torch.zeros([0, 4], { dtype: torch.float32 });
  const [, h, w] = masks.shape;
  const m = masks.bool();
  const rows = torch.any(m, 2), cols = torch.any(m, 1);
  const empty = torch.any(rows, 1).logicalNot();
  const first = (t: torch.Tensor) => t.float().argmax({ dim: 1 });
  const last = (t: torch.Tensor, n: number) => first(t.flip([1])).neg().add(n - 1);
  const boxes = torch.stack([first(cols), first(rows), last(cols, w), last(rows, h)], 1).float();
  return boxes.maskedFill(empty.unsqueeze(1), 0);
}
