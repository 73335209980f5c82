// torchvision.utils.drawBoundingBoxes / drawSegmentationMasks give torchvision's pixels and
// torchvision.ops.roiAlign its values and input gradients (test/fixtures/draw.json, made by
// scripts/make_draw_fixtures.py).
import t from 'tap';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';
import { fixture, fromFixture, mismatch } from './helpers.js';

const { drawBoundingBoxes, drawSegmentationMasks } = torchvision.utils;
const { roiAlign, RoIAlign } = torchvision.ops;
const ref = fixture('draw.json');
const img = fromFixture(ref.image), boxes = fromFixture(ref.boxes), masks = fromFixture(ref.masks), overlap = fromFixture(ref.overlap);
const grey = img.narrow(0, 0, 1).clone(), imgf = img.float().div(255);
const feat = fromFixture(ref.feat), rois = fromFixture(ref.rois);
const sel = (k: number) => rois.index(rois.select(1, 0).eq(k)).narrow(1, 1, 4);

const DRAW: Record<string, () => torch.Tensor> = {
  boxes_default: () => drawBoundingBoxes(img, boxes),
  boxes_width3_named: () => drawBoundingBoxes(img, boxes.narrow(0, 0, 3), { colors: ['red', '#00ff80', [10, 20, 30]], width: 3 }),
  boxes_fill: () => drawBoundingBoxes(img, boxes.narrow(0, 0, 2), { colors: 'yellow', fill: true }),
  boxes_fill_wide: () => drawBoundingBoxes(img, boxes, { colors: [200, 0, 255], fill: true, width: 2 }),
  boxes_grey: () => drawBoundingBoxes(grey, boxes.narrow(0, 0, 2)),
  boxes_float: () => drawBoundingBoxes(imgf, boxes.narrow(0, 0, 2), { colors: 'blue' }),
  masks: () => drawSegmentationMasks(img, masks),
  masks_alpha_colors: () => drawSegmentationMasks(img, masks, { alpha: 0.3, colors: ['green', [250, 10, 10], 'DarkOrange'] }),
  masks_one_2d: () => drawSegmentationMasks(img, masks.index(1), { colors: 'teal' }),
  masks_overlap: () => drawSegmentationMasks(img, overlap, { alpha: 0.6 }),
  masks_float: () => drawSegmentationMasks(imgf, masks, { colors: 'white' }),
};
const ROI: Record<string, (x: torch.Tensor) => torch.Tensor> = {
  roi_default: (x) => roiAlign(x, rois, [3, 4]),
  roi_aligned: (x) => roiAlign(x, rois, [2, 2], { spatialScale: 0.5, samplingRatio: 2, aligned: true }),
  roi_list: (x) => roiAlign(x, [sel(0), sel(1)], 3, 1.0, 3),
  roi_module: (x) => new RoIAlign([5, 5], { spatialScale: 0.7, samplingRatio: -1, aligned: true })(x, rois),
};

t.test(`drawing gives torchvision ${ref.torchvision}'s pixels`, async (t) => {
  for (const c of ref.cases.filter((c: any) => DRAW[c.name] || !c.name.startsWith('roi'))) {
    const run = DRAW[c.name];
    if (!run) { t.fail(`no TS case for ${c.name}`); continue; }
    t.equal(mismatch(run(), c.output, 1e-6, 1e-6), null, `${c.name}: ${c.python}`);
  }
});

t.test('roiAlign gives torchvision’s values and input gradients', async (t) => {
  for (const c of ref.cases.filter((c: any) => c.name.startsWith('roi'))) {
    const x = feat.clone().requiresGrad_();
    const y = ROI[c.name](x);
    t.equal(mismatch(y, c.output, 1e-4, 1e-5), null, `${c.name}: ${c.python}`);
    y.backward(torch.arange(y.numel(), { dtype: torch.float32 }).reshape(y.shape).cos());
    t.equal(mismatch(x.grad, c.grad, 1e-4, 1e-5), null, `${c.name}: input gradient`);
  }
  t.equal(String(new RoIAlign([5, 5], 0.7, -1, true)), ref.roiAlignRepr);
});

t.test('bad drawing and roiAlign arguments are refused with torchvision’s messages', async (t) => {
  t.throws(() => drawBoundingBoxes(img, torch.tensor([[5, 5, 2, 8]])), /Boxes need to be in \(xmin, ymin, xmax, ymax\) format/);
  t.throws(() => drawBoundingBoxes(img.unsqueeze(0), boxes), /Pass individual images, not batches/);
  t.throws(() => drawBoundingBoxes(img.int(), boxes), /The image dtype must be uint8 or float, got torch.int32/);
  t.throws(() => drawBoundingBoxes(img, boxes, { colors: ['red'] }), /Number of colors must be equal or larger than the number of objects, but got 1 < 5/);
  t.throws(() => drawBoundingBoxes(img, boxes, { colors: 'notacolour' }), /unknown color specifier: 'notacolour'/);
  t.throws(() => drawBoundingBoxes(img, boxes.narrow(0, 0, 1), { labels: ['cat'] }), /labels: drawing text needs PIL's fonts/);
  t.throws(() => drawBoundingBoxes(img, boxes, { labels: ['cat'] }), /Number of boxes \(5\) and labels \(1\) mismatch/);
  t.throws(() => drawSegmentationMasks(img, masks.int()), /The masks must be of dtype bool/);
  t.throws(() => drawSegmentationMasks(grey, masks), /Pass an RGB image/);
  t.throws(() => drawSegmentationMasks(img, masks.narrow(1, 0, 5)), /The image and the masks must have the same height and width/);
  t.throws(() => roiAlign(feat, rois.narrow(1, 0, 4), 2), /The boxes tensor shape is not correct as Tensor\[K, 5\]/);
  t.throws(() => roiAlign(feat, rois.double(), 2), /to have the same type as tensor for argument #2 'rois'/);
  t.throws(() => roiAlign(feat, rois, 2, { bogus: 1 } as any), TypeError);
  t.same(roiAlign(feat, rois.narrow(0, 0, 0), 2).shape, [0, 3, 2, 2]);
});

t.test('flowToImage gives torchvision’s colours', async (t) => {
  const flow = fromFixture(ref.flow);
  t.equal(mismatch(torchvision.utils.flowToImage(flow), ref.flowImage, 0, 0), null, 'one field');
  const batch = torch.stack([flow, flow.mul(0.25), flow.flip([2])], 0);
  t.equal(mismatch(torchvision.utils.flowToImage(batch), ref.flowImageBatch, 0, 0), null, 'a batch');
  t.throws(() => torchvision.utils.flowToImage(flow.double()), /Flow should be of dtype torch.float, got torch.float64/);
  t.throws(() => torchvision.utils.flowToImage(torch.zeros([3, 4, 4])), /Input flow should have shape \(2, H, W\) or \(N, 2, H, W\), got torch.Size\(\[3, 4, 4\]\)/);
});
