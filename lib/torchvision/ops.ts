// torchvision.ops: box utilities and non-maximum suppression, as torchvision's kernels compute them
// (nms: scores sorted descending, stable; IoU in the boxes' own float precision).
import * as torch from '../index.js';
import { badArg } from '../errors.js';
import { bind, type Args } from '../bind.js';

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
export { roiAlign, RoIAlign } from './roi-align.js';
