// torchvision.ops beyond nms / boxIou / roiAlign, against torchvision's own results
// (test/fixtures/tv_ops.json, made by scripts/make_tv_ops_fixtures.py): values, gradients,
// same-seed masks and initialisation, reprs, and the errors a port meets.
import t from 'tap';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';
import { fixture, fromFixture, mismatch } from './helpers.js';

const { ops } = torchvision;
const { nn } = torch;
const ref = fixture('tv_ops.json');
const I = Object.fromEntries(Object.entries(ref.inputs).filter(([, v]) => !Array.isArray(v)).map(([k, v]) => [k, fromFixture(v as any)])) as Record<string, torch.Tensor>;
const boxesPerImage = (ref.inputs.boxesPerImage as any[]).map(fromFixture);
const levels = { feat1: I.feat1, feat2: I.feat2, feat3: I.feat3 };
const sel = (k: number) => I.rois.index(I.rois.select(1, 0).eq(k)).narrow(1, 1, 4);
const close = (t: { equal: (a: unknown, b: unknown, m: string) => void }, got: unknown, want: any, where: string, rtol = 1e-4, atol = 1e-5) => {
  const m = mismatch(got, want, rtol, atol, where);
  t.equal(m, null, where);
};

t.test('box IoU family and masksToBoxes equal torchvision', async (t) => {
  const F: Record<string, () => torch.Tensor> = {
    generalized_box_iou: () => ops.generalizedBoxIou(I.b1, I.b2),
    distance_box_iou: () => ops.distanceBoxIou(I.b1, I.b2),
    complete_box_iou: () => ops.completeBoxIou(I.b1, I.b2, { eps: 1e-5 }),
    generalized_box_iou_int: () => ops.generalizedBoxIou(I.ib1, I.ib1),
    distance_box_iou_int: () => ops.distanceBoxIou(I.ib1, I.ib1),
    masks_to_boxes: () => ops.masksToBoxes(I.masks),
  };
  for (const [name, run] of Object.entries(F)) close(t, run(), ref.cases[name].out, name);
  const empty = I.masks.clone();
  empty.index(2).zero_();
  const want = ref.cases.masks_to_boxes_empty?.out;
  // torchvision 0.14 raised on an empty mask; later versions give zeros, as torch-node does
  if (want) close(t, ops.masksToBoxes(empty), want, 'masks_to_boxes_empty');
  else t.same(ops.masksToBoxes(empty).index(2).tolist(), [0, 0, 0, 0], 'an empty mask gives a zero box');
  t.same(ops.masksToBoxes(torch.zeros([0, 4, 4])).shape, [0, 4]);
  t.throws(() => ops.masksToBoxes(torch.zeros([4, 4])), /N×H×W Tensor of masks for masks/);
});

t.test('focal and IoU losses: values and gradients equal torchvision', async (t) => {
  const L: Record<string, [(x: torch.Tensor) => torch.Tensor, string]> = {
    focal_default: [(x) => ops.sigmoidFocalLoss(x, I.targets), 'logits'],
    focal_mean: [(x) => ops.sigmoidFocalLoss(x, I.targets, 0.6, 0.5, 'mean'), 'logits'],
    focal_no_alpha_sum: [(x) => ops.sigmoidFocalLoss(x, I.targets, { alpha: -1, reduction: 'sum' }), 'logits'],
    giou_loss: [(x) => ops.generalizedBoxIouLoss(x, I.pb), 'pa'],
    giou_loss_mean: [(x) => ops.generalizedBoxIouLoss(x, I.pb, { reduction: 'mean' }), 'pa'],
    diou_loss: [(x) => ops.distanceBoxIouLoss(x, I.pb, { eps: 1e-6 }), 'pa'],
    ciou_loss_sum: [(x) => ops.completeBoxIouLoss(x, I.pb, 'sum'), 'pa'],
    ciou_loss: [(x) => ops.completeBoxIouLoss(x, I.pb, { eps: 1e-4 }), 'pa'],
  };
  for (const [name, [fn, arg]] of Object.entries(L)) {
    const x = I[arg].clone().requiresGrad_();
    const y = fn(x);
    y.sum().backward();
    close(t, y, ref.cases[name].out, name);
    close(t, x.grad, ref.cases[name].grad, `${name} gradient`);
  }
  t.throws(() => ops.sigmoidFocalLoss(I.logits, I.targets, { alpha: 2 }), /Invalid alpha value: 2/);
  t.throws(() => ops.generalizedBoxIouLoss(I.pa, I.pb, { reduction: 'avg' }), /Invalid Value for arg 'reduction': 'avg/);
  t.equal(ops.generalizedBoxIouLoss(torch.zeros([0, 4]), torch.zeros([0, 4]), { reduction: 'mean' }).item(), 0, 'empty mean is 0, as torchvision');
});

t.test('stochastic depth and DropBlock draw the same masks as torchvision from the same seed', async (t) => {
  const R: Record<string, () => torch.Tensor> = {
    stochastic_depth_row: () => ops.stochasticDepth(torch.ones([8, 3, 2, 2]), 0.5, 'row'),
    stochastic_depth_batch: () => ops.stochasticDepth(torch.ones([4, 3]), 0.3, 'batch'),
    drop_block2d: () => ops.dropBlock2d(torch.ones([2, 3, 9, 9]), 0.3, 3),
    drop_block3d: () => ops.dropBlock3d(torch.ones([1, 2, 5, 6, 7]), { p: 0.2, blockSize: 3 }),
    DropBlock2d: () => new ops.DropBlock2d(0.4, 5)(torch.ones([2, 2, 8, 8])),
  };
  for (const [name, run] of Object.entries(R)) {
    torch.manualSeed(3);
    close(t, run(), ref.cases[name].out, name);
  }
  const x = torch.ones([2, 3]);
  t.equal(ops.stochasticDepth(x, 0.5, 'row', false), x, 'not training: the input itself');
  const m = new ops.DropBlock2d(0.5, 3);
  m.eval();
  t.equal(m(I.img), I.img, 'eval mode: the input itself');
  t.throws(() => ops.stochasticDepth(x, 1.5, 'row'), /drop probability has to be between 0 and 1, but got 1.5/);
  t.throws(() => ops.stochasticDepth(x, 0.5, 'rows'), /mode has to be either 'batch' or 'row', but got rows/);
  t.throws(() => ops.dropBlock2d(torch.ones([2, 3, 8]), 0.1, 3), /input should be 4 dimensional. Got 3 dimensions/);
  t.throws(() => ops.dropBlock2d(torch.ones([1, 1, 8, 8]), 0.1, 4), /block size should be odd. Got 4 which is even/);
  // @ts-expect-error: mode is required
  t.throws(() => new ops.StochasticDepth(0.5), /missing 1 required positional argument: 'mode'/);
  const reprs = ref.cases.reprs;
  const mine: Record<string, torch.nn.Module> = {
    DropBlock2d: new ops.DropBlock2d(0.4, 5), DropBlock3d: new ops.DropBlock3d(0.1, 3, { inplace: true }),
    StochasticDepth: new ops.StochasticDepth(0.2, 'row'), FrozenBatchNorm2d: new ops.FrozenBatchNorm2d(4),
    RoIPool: new ops.RoIPool([3, 2], 0.5), PSRoIPool: new ops.PSRoIPool(2, 0.25), PSRoIAlign: new ops.PSRoIAlign(3, 1.0, 2),
    MultiScaleRoIAlign: new ops.MultiScaleRoIAlign(['feat1', 'feat3'], 3, 2),
    DeformConv2d: new ops.DeformConv2d(4, 6, 3, { padding: 1, groups: 2, bias: false }),
    Conv2dNormActivation: new ops.Conv2dNormActivation(3, 8, 3, 2),
    MLP: new ops.MLP(5, [8, 3], { normLayer: nn.LayerNorm, dropout: 0.1 }),
    SqueezeExcitation: new ops.SqueezeExcitation(8, 2),
  };
  for (const [k, m] of Object.entries(mine)) t.equal(String(m), reprs[k], `${k} prints as in PyTorch`);
});

t.test('misc layers: same-seed initialisation, state dict keys and outputs equal torchvision', async (t) => {
  const L: Record<string, [() => torch.nn.Module, string]> = {
    Conv2dNormActivation: [() => new ops.Conv2dNormActivation(3, 8, 3, 2), 'img'],
    Conv2dNormActivation_custom: [() => new ops.Conv2dNormActivation(3, 6, { kernelSize: [3, 5], normLayer: null, activationLayer: nn.SiLU, dilation: [1, 2] }), 'img'],
    Conv3dNormActivation: [() => new ops.Conv3dNormActivation(2, 4, 3, { activationLayer: nn.Hardswish, inplace: null }), 'vol'],
    SqueezeExcitation: [() => new ops.SqueezeExcitation(3, 2), 'img'],
    MLP: [() => new ops.MLP(5, [8, 3], { normLayer: nn.LayerNorm, dropout: 0.1 }), 'vec'],
    Permute: [() => new ops.Permute([0, 2, 3, 1]), 'img'],
  };
  for (const [name, [make, arg]] of Object.entries(L)) {
    torch.manualSeed(7);
    const m = make();
    m.eval();
    const want = ref.cases[name];
    const sd = m.stateDict();
    t.same(Object.keys(sd), Object.keys(want.state), `${name} state dict keys`);
    torch.noGrad(() => {
      for (const [k, v] of Object.entries(sd)) {
        if (k.endsWith('running_mean')) v.copy_(torch.linspace(-0.5, 0.5, v.numel()));
        if (k.endsWith('running_var')) v.copy_(torch.linspace(0.5, 2.0, v.numel()));
      }
    });
    for (const [k, v] of Object.entries(m.stateDict())) close(t, v, want.state[k], `${name}.${k}`);
    close(t, m(I[arg]), want.out, `${name} output`);
    t.equal(String(m), want.repr, `${name} repr`);
  }
  // a factory function works where torchvision takes functools.partial
  const m = new ops.Conv2dNormActivation(3, 4, { normLayer: (c: number) => new nn.GroupNorm(2, c) });
  t.ok(m.get(1) instanceof nn.GroupNorm);
  t.throws(() => new ops.Conv2dNormActivation(3, 4, { normLayer: 3 as never }), /Expected a module class or a function returning a module for normLayer but received 3/);
  t.throws(() => new ops.MLP(4, []), /non-empty array of positive integers for hiddenChannels/);

  const fbn = new ops.FrozenBatchNorm2d(3, { eps: 1e-3 });
  const bn = new nn.BatchNorm2d(3);
  torch.noGrad(() => {
    bn.weight!.copy_(torch.tensor([1.0, 2.0, 0.5]));
    bn.bias!.copy_(torch.tensor([0.1, -0.2, 0.3]));
    bn.running_mean!.copy_(torch.tensor([0.0, 0.5, -1.0]));
    bn.running_var!.copy_(torch.tensor([1.0, 4.0, 0.25]));
  });
  // a BatchNorm2d checkpoint loads, its num_batches_tracked dropped as torchvision drops it
  fbn.loadStateDict(bn.stateDict());
  close(t, fbn(I.img), ref.cases.FrozenBatchNorm2d.out, 'FrozenBatchNorm2d output');
  t.same([...fbn.parameters()].length, 0, 'no parameters: everything is a buffer');
});

t.test('roiPool, psRoiPool, psRoiAlign: values and input gradients equal torchvision', async (t) => {
  const P: Record<string, (x: torch.Tensor) => torch.Tensor> = {
    roi_pool: (x) => ops.roiPool(x, I.rois, [3, 2]),
    roi_pool_scaled: (x) => ops.roiPool(x, I.rois, 2, { spatialScale: 0.5 }),
    roi_pool_list: (x) => new ops.RoIPool(3, 1.0)(x, [sel(0), sel(1)]),
    ps_roi_pool: (x) => ops.psRoiPool(x, I.rois, 2),
    ps_roi_pool_scaled: (x) => new ops.PSRoIPool(2, 0.5)(x, I.rois),
    ps_roi_align: (x) => ops.psRoiAlign(x, I.rois, 2),
    ps_roi_align_sampling: (x) => new ops.PSRoIAlign(2, 0.7, 2)(x, I.rois),
  };
  for (const [name, fn] of Object.entries(P)) {
    const x = I.feat.clone().requiresGrad_();
    const y = fn(x);
    y.backward(torch.arange(y.numel(), { dtype: torch.float32 }).reshape(y.shape).cos());
    close(t, y, ref.cases[name].out, name);
    // torchvision's ps_roi_pool backward clips bins to the map's edge where its forward clips to
    // the last row: torch-node's gradient is its forward's (docs/porting.md)
    close(t, x.grad, ref.cases[name].grad, `${name} gradient`);
  }
  t.throws(() => ops.psRoiPool(I.feat, I.rois, 3), /input channels must be a multiple of pooling height \* pooling width/);
  t.throws(() => ops.roiPool(I.feat, torch.tensor([[2, 0, 0, 4, 4]], { dtype: torch.float32 }), 2), /box 0 has batch index 2, which is not an image of the input's batch of 2/);
  t.throws(() => ops.roiPool(I.feat, torch.tensor([[0, 0, NaN, 4, 4]], { dtype: torch.float32 }), 2), /non-finite coordinate/);
  t.throws(() => ops.roiPool(I.feat.double(), I.rois, 2), /input and rois must have the same dtype/);
  t.throws(() => ops.roiPool(I.feat.int(), I.rois.int(), 2), /only supports float and double types/);
});

t.test('MultiScaleRoIAlign and FeaturePyramidNetwork equal torchvision', async (t) => {
  const shapes: [number, number][] = [[64, 64], [60, 64]];
  close(t, new ops.MultiScaleRoIAlign(['feat1', 'feat3'], 3, 2)(levels, boxesPerImage, shapes), ref.cases.MultiScaleRoIAlign.out, 'MultiScaleRoIAlign');
  close(t, new ops.MultiScaleRoIAlign(['feat2'], [2, 3], 1)(new Map(Object.entries(levels)), boxesPerImage, shapes), ref.cases.MultiScaleRoIAlign_one.out, 'one level');
  close(t, new ops.MultiScaleRoIAlign(['feat1', 'feat2', 'feat3'], 2, -1, { canonicalScale: 32, canonicalLevel: 3 })(levels, boxesPerImage, [[64, 64]]), ref.cases.MultiScaleRoIAlign_three.out, 'three levels');
  t.throws(() => new ops.MultiScaleRoIAlign(['x'], 2, 2)(levels, boxesPerImage, shapes), /none of featmapNames/);

  const pyr = { c3: I.c3, c4: I.c4, c5: I.c5 };
  const F: Record<string, () => torch.nn.Module> = {
    FPN: () => new ops.FeaturePyramidNetwork([4, 6, 8], 5),
    FPN_maxpool: () => new ops.FeaturePyramidNetwork([4, 6, 8], 5, { extraBlocks: new ops.LastLevelMaxPool() }),
    FPN_p6p7: () => new ops.FeaturePyramidNetwork([4, 6, 8], 5, new ops.LastLevelP6P7(8, 5), nn.BatchNorm2d),
  };
  for (const [name, make] of Object.entries(F)) {
    torch.manualSeed(5);
    const fpn = make();
    fpn.eval();
    const want = ref.cases[name];
    const sd = fpn.stateDict();
    t.same(Object.keys(sd), Object.keys(want.state), `${name} state dict keys`);
    for (const [k, v] of Object.entries(sd)) close(t, v, want.state[k], `${name}.${k}`);
    const out = fpn(pyr) as Record<string, torch.Tensor>;
    t.same(Object.keys(out), want.names, `${name} level names`);
    for (const k of want.names) close(t, out[k], want[`out_${k}`], `${name} ${k}`);
  }
  t.throws(() => new ops.FeaturePyramidNetwork([4, 6], 5, { extraBlocks: new nn.ReLU() as never }), /extra_blocks should be of type ExtraFPNBlock/);
});

t.test('deformConv2d: values and every gradient equal torchvision; DeformConv2d initialises as torchvision', async (t) => {
  for (const [name, withMask] of [['deform_conv2d', false], ['deform_conv2d_mask', true]] as const) {
    const [x, off, w, b, m] = [I.dx, I.doffset, I.dw, I.dbias, I.dmask].map((v) => v.clone().requiresGrad_());
    const y = ops.deformConv2d(x, off, w, b, { stride: [2, 1], padding: [1, 1], mask: withMask ? m : null });
    y.backward(torch.arange(y.numel(), { dtype: torch.float32 }).reshape(y.shape).sin());
    const want = ref.cases[name];
    close(t, y, want.out, name, 1e-4, 1e-4);
    close(t, x.grad, want.gx, `${name} input gradient`, 1e-4, 1e-4);
    close(t, off.grad, want.goffset, `${name} offset gradient`, 1e-3, 1e-3);
    close(t, w.grad, want.gw, `${name} weight gradient`, 1e-4, 1e-3);
    close(t, b.grad, want.gbias, `${name} bias gradient`, 1e-4, 1e-3);
    if (withMask) close(t, m.grad, want.gmask, `${name} mask gradient`, 1e-4, 1e-4);
  }
  torch.manualSeed(9);
  const dc = new ops.DeformConv2d(4, 6, 3, { padding: 1, dilation: [1, 2], groups: 2 });
  const want = ref.cases.DeformConv2d;
  close(t, dc.weight, want.weight, 'same-seed weight');
  close(t, dc.bias, want.bias, 'same-seed bias');
  close(t, dc(I.dx, I.doffset2), want.out, 'DeformConv2d output', 1e-4, 1e-4);
  t.equal(String(dc), want.repr);
  t.throws(() => ops.deformConv2d(I.dx, torch.zeros([2, 5, 4, 8]), I.dw), /the shape of the offset tensor at dimension 1 is not valid/);
  t.throws(() => ops.deformConv2d(I.dx, torch.zeros([2, 18, 3, 3]), I.dw, { padding: [1, 1] }), /offset should have shape \[2, 18, 7, 8\]/);
});
