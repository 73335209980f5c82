// torchvision.ops' detection losses: sigmoid focal loss and the IoU-family box regression losses,
// elementwise over matching boxes (xyxy), as torchvision/ops/{focal,giou,diou,ciou}_loss.py.
import * as torch from '../../index.js';
import { badArg } from '../../errors.js';
import { bind, type Args } from '../../bind.js';

function reduce(loss: torch.Tensor, reduction: string, emptyMeanIsZero: boolean): torch.Tensor {
  if (reduction === 'none') return loss;
  if (reduction === 'mean') return emptyMeanIsZero && loss.numel() === 0 ? loss.sum().mul(0) : loss.mean();
  if (reduction === 'sum') return loss.sum();
  throw new RangeError(`Invalid Value for arg 'reduction': '${reduction} \n Supported reduction modes: 'none', 'mean', 'sum'`);
}
const floatBoxes = (t: unknown, name: string) => {
  if (!(t instanceof torch.Tensor) || t.size(-1) !== 4) badArg('a Tensor of boxes (last dimension 4)', name, t);
  const b = t as torch.Tensor;
  return b.dtype === torch.float32 || b.dtype === torch.float64 ? b : b.float();
};

/** Focal loss (RetinaNet) on logits: binary cross-entropy scaled by (1 - p_t)^gamma and alpha. */
export function sigmoidFocalLoss(...args: Args<'torchvision.ops.sigmoidFocalLoss'>): torch.Tensor {
  const { inputs, targets, alpha, gamma, reduction } = bind('torchvision.ops.sigmoidFocalLoss', args);
  if (!((alpha >= 0 && alpha <= 1) || alpha === -1)) throw new RangeError(`Invalid alpha value: ${alpha}. alpha must be in the range [0,1] or -1 for ignore.`);
  const p = torch.sigmoid(inputs);
  const ce = torch.nn.functional.binaryCrossEntropyWithLogits(inputs, targets, { reduction: 'none' });
  const pT = p.mul(targets).add(p.neg().add(1).mul(targets.neg().add(1)));
  let loss = ce.mul(pT.neg().add(1).pow(gamma));
  if (alpha >= 0) loss = targets.mul(alpha).add(targets.neg().add(1).mul(1 - alpha)).mul(loss);
  return reduce(loss, reduction, false);
}

/** Intersection and union of matching boxes, as torchvision's _loss_inter_union. */
function interUnion(a: torch.Tensor, b: torch.Tensor): [torch.Tensor, torch.Tensor] {
  const [x1, y1, x2, y2] = a.unbind(-1), [x1g, y1g, x2g, y2g] = b.unbind(-1);
  const xk1 = torch.max(x1, x1g), yk1 = torch.max(y1, y1g), xk2 = torch.min(x2, x2g), yk2 = torch.min(y2, y2g);
  const overlaps = yk2.gt(yk1).logicalAnd(xk2.gt(xk1));
  const inter = torch.where(overlaps, xk2.sub(xk1).mul(yk2.sub(yk1)), torch.zerosLike(x1));
  const union = x2.sub(x1).mul(y2.sub(y1)).add(x2g.sub(x1g).mul(y2g.sub(y1g))).sub(inter);
  return [inter, union];
}
/** The enclosing box of each matching pair: [xc1, yc1, xc2, yc2]. */
function enclosing(a: torch.Tensor, b: torch.Tensor): torch.Tensor[] {
  const [x1, y1, x2, y2] = a.unbind(-1), [x1g, y1g, x2g, y2g] = b.unbind(-1);
  return [torch.min(x1, x1g), torch.min(y1, y1g), torch.max(x2, x2g), torch.max(y2, y2g)];
}

/** 1 - generalized IoU of matching boxes. */
export function generalizedBoxIouLoss(...args: Args<'torchvision.ops.generalizedBoxIouLoss'>): torch.Tensor {
  const { boxes1, boxes2, reduction, eps } = bind('torchvision.ops.generalizedBoxIouLoss', args);
  const a = floatBoxes(boxes1, 'boxes1'), b = floatBoxes(boxes2, 'boxes2');
  const [inter, union] = interUnion(a, b);
  const iou = inter.div(union.add(eps));
  const [xc1, yc1, xc2, yc2] = enclosing(a, b);
  const areaC = xc2.sub(xc1).mul(yc2.sub(yc1));
  const giou = iou.sub(areaC.sub(union).div(areaC.add(eps)));
  return reduce(giou.neg().add(1), reduction, true);
}

function diouLoss(a: torch.Tensor, b: torch.Tensor, eps: number): [torch.Tensor, torch.Tensor] {
  const [inter, union] = interUnion(a, b);
  const iou = inter.div(union.add(eps));
  const [xc1, yc1, xc2, yc2] = enclosing(a, b);
  const diagonal = xc2.sub(xc1).pow(2).add(yc2.sub(yc1).pow(2)).add(eps);
  const [x1, y1, x2, y2] = a.unbind(-1), [x1g, y1g, x2g, y2g] = b.unbind(-1);
  const dx = x2.add(x1).div(2).sub(x1g.add(x2g).div(2)), dy = y2.add(y1).div(2).sub(y1g.add(y2g).div(2));
  return [iou.neg().add(1).add(dx.pow(2).add(dy.pow(2)).div(diagonal)), iou];
}
/** 1 - distance IoU of matching boxes. */
export function distanceBoxIouLoss(...args: Args<'torchvision.ops.distanceBoxIouLoss'>): torch.Tensor {
  const { boxes1, boxes2, reduction, eps } = bind('torchvision.ops.distanceBoxIouLoss', args);
  return reduce(diouLoss(floatBoxes(boxes1, 'boxes1'), floatBoxes(boxes2, 'boxes2'), eps)[0], reduction, true);
}
/** 1 - complete IoU of matching boxes (distance IoU loss plus the aspect-ratio term). */
export function completeBoxIouLoss(...args: Args<'torchvision.ops.completeBoxIouLoss'>): torch.Tensor {
  const { boxes1, boxes2, reduction, eps } = bind('torchvision.ops.completeBoxIouLoss', args);
  const a = floatBoxes(boxes1, 'boxes1'), b = floatBoxes(boxes2, 'boxes2');
  // torchvision computes the distance term with its default eps, whatever eps is given
  const [diou, iou] = diouLoss(a, b, 1e-7);
  const ratio = (t: torch.Tensor) => torch.atan(t.select(-1, 2).sub(t.select(-1, 0)).div(t.select(-1, 3).sub(t.select(-1, 1))));
  const v = ratio(b).sub(ratio(a)).pow(2).mul(4 / Math.PI ** 2);
  const alpha = torch.noGrad(() => v.div(iou.neg().add(1).add(v).add(eps)));
  return reduce(diou.add(alpha.mul(v)), reduction, true);
}
