#!/usr/bin/python3
"""torchvision.ops beyond nms/box_iou/roi_align: the IoU family and its losses, focal loss,
masks_to_boxes, stochastic depth and DropBlock (same seed), the misc layers (same-seed
initialisation, outputs, reprs), roi_pool / ps_roi_pool / ps_roi_align, MultiScaleRoIAlign,
FeaturePyramidNetwork and deform_conv2d, with gradients, on fixed inputs.
    /usr/bin/python3 scripts/make_tv_ops_fixtures.py   -> test/fixtures/tv_ops.json
test/tv-ops.test.ts runs the same cases by name, written as a port writes them.
"""
import json
import os
from collections import OrderedDict

import numpy as np
import torch
import torchvision
from torch import nn
from torchvision import ops
from torchvision.ops.feature_pyramid_network import LastLevelMaxPool, LastLevelP6P7

from fixture_dir import fixtures_dir

OUT = fixtures_dir()
rng = np.random.RandomState(11)


def enc(t):
    t = t.detach()
    vals = [('nan' if v != v else 'inf' if v == float('inf') else '-inf' if v == float('-inf') else v) for v in t.reshape(-1).tolist()]
    return {'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', ''), 'values': vals}


def rand(*shape):
    return torch.from_numpy(rng.randn(*shape)).float()


def boxes(n, scale=20.0):
    xy = torch.from_numpy(rng.rand(n, 2) * scale).float()
    wh = torch.from_numpy(rng.rand(n, 2) * scale / 2 + 0.5).float()
    return torch.cat([xy, xy + wh], 1)


inputs = {}
cases = {}


def put(name, **tensors):
    cases[name] = {k: (enc(v) if isinstance(v, torch.Tensor) else v) for k, v in tensors.items()}


# ---- boxes ----------------------------------------------------------------------------------
b1, b2 = boxes(5), boxes(4)
b2[1] = b1[0]  # one exact match
ib1 = b1.round().long()
inputs.update(b1=enc(b1), b2=enc(b2), ib1=enc(ib1))
put('generalized_box_iou', out=ops.generalized_box_iou(b1, b2))
put('distance_box_iou', out=ops.distance_box_iou(b1, b2))
put('complete_box_iou', out=ops.complete_box_iou(b1, b2, eps=1e-5))
put('generalized_box_iou_int', out=ops.generalized_box_iou(ib1, ib1))
put('distance_box_iou_int', out=ops.distance_box_iou(ib1, ib1))
masks = torch.zeros(3, 7, 9, dtype=torch.uint8)
masks[0, 1:4, 2:6] = 1
masks[1, 6, 0] = 1
masks[1, 0, 8] = 1
masks[2, 3, 4] = 1
inputs['masks'] = enc(masks)
put('masks_to_boxes', out=ops.masks_to_boxes(masks))
masks[2] = 0
try:  # an empty mask: zeros in later torchvision, an error in 0.14's
    put('masks_to_boxes_empty', out=ops.masks_to_boxes(masks))
except RuntimeError:
    pass

# ---- losses (with the first argument's gradient) --------------------------------------------
logits, targets = rand(4, 6), torch.from_numpy((rng.rand(4, 6) > 0.5).astype(np.float32))
inputs.update(logits=enc(logits), targets=enc(targets))
pa, pb = boxes(6), boxes(6)
pb[2] = pa[2]
pb[3] = torch.tensor([100.0, 100.0, 101.0, 102.0])  # disjoint
inputs.update(pa=enc(pa), pb=enc(pb))
LOSSES = [
    ('focal_default', lambda x: ops.sigmoid_focal_loss(x, targets), 'logits'),
    ('focal_mean', lambda x: ops.sigmoid_focal_loss(x, targets, alpha=0.6, gamma=0.5, reduction='mean'), 'logits'),
    ('focal_no_alpha_sum', lambda x: ops.sigmoid_focal_loss(x, targets, alpha=-1, reduction='sum'), 'logits'),
    ('giou_loss', lambda x: ops.generalized_box_iou_loss(x, pb), 'pa'),
    ('giou_loss_mean', lambda x: ops.generalized_box_iou_loss(x, pb, reduction='mean'), 'pa'),
    ('diou_loss', lambda x: ops.distance_box_iou_loss(x, pb, eps=1e-6), 'pa'),
    ('ciou_loss_sum', lambda x: ops.complete_box_iou_loss(x, pb, reduction='sum'), 'pa'),
    ('ciou_loss', lambda x: ops.complete_box_iou_loss(x, pb, eps=1e-4), 'pa'),
]
for name, fn, arg in LOSSES:
    x = {'logits': logits, 'pa': pa}[arg].clone().requires_grad_()
    y = fn(x)
    y.sum().backward()
    put(name, out=y, grad=x.grad)

# ---- stochastic depth and DropBlock: same seed, same mask -----------------------------------
for name, code in [
    ('stochastic_depth_row', "ops.stochastic_depth(torch.ones(8, 3, 2, 2), 0.5, 'row')"),
    ('stochastic_depth_batch', "ops.stochastic_depth(torch.ones(4, 3), 0.3, 'batch')"),
    ('drop_block2d', "ops.drop_block2d(torch.ones(2, 3, 9, 9), 0.3, 3)"),
    ('drop_block3d', "ops.drop_block3d(torch.ones(1, 2, 5, 6, 7), 0.2, 3)"),
    ('DropBlock2d', "ops.DropBlock2d(0.4, 5)(torch.ones(2, 2, 8, 8))"),
]:
    torch.manual_seed(3)
    put(name, out=eval(code))
put('reprs', **{
    'DropBlock2d': repr(ops.DropBlock2d(0.4, 5)), 'DropBlock3d': repr(ops.DropBlock3d(0.1, 3, inplace=True)),
    'StochasticDepth': repr(ops.StochasticDepth(0.2, 'row')),
    'FrozenBatchNorm2d': repr(ops.FrozenBatchNorm2d(4)), 'RoIPool': repr(ops.RoIPool((3, 2), 0.5)),
    'PSRoIPool': repr(ops.PSRoIPool(2, 0.25)), 'PSRoIAlign': repr(ops.PSRoIAlign(3, 1.0, 2)),
    'MultiScaleRoIAlign': repr(ops.MultiScaleRoIAlign(['feat1', 'feat3'], 3, 2)),
    'DeformConv2d': repr(ops.DeformConv2d(4, 6, 3, padding=1, groups=2, bias=False)),
    'Conv2dNormActivation': repr(ops.Conv2dNormActivation(3, 8, 3, 2)),
    'MLP': repr(ops.MLP(5, [8, 3], norm_layer=nn.LayerNorm, dropout=0.1, inplace=None)),  # None: torchvision 0.15's default
    'SqueezeExcitation': repr(ops.SqueezeExcitation(8, 2)),
})

# ---- layers: same-seed initialisation and outputs (eval mode) -------------------------------
img = rand(2, 3, 9, 9)
vol = rand(1, 2, 5, 5, 5)
vec = rand(4, 5)
inputs.update(img=enc(img), vol=enc(vol), vec=enc(vec))
LAYERS = [
    ('Conv2dNormActivation', 'ops.Conv2dNormActivation(3, 8, 3, 2)', 'img'),
    ('Conv2dNormActivation_custom', 'ops.Conv2dNormActivation(3, 6, kernel_size=(3, 5), norm_layer=None, activation_layer=nn.SiLU, dilation=(1, 2))', 'img'),
    ('Conv3dNormActivation', 'ops.Conv3dNormActivation(2, 4, 3, activation_layer=nn.Hardswish, inplace=None)', 'vol'),
    ('SqueezeExcitation', 'ops.SqueezeExcitation(3, 2)', 'img'),
    ('MLP', 'ops.MLP(5, [8, 3], norm_layer=nn.LayerNorm, dropout=0.1, inplace=None)', 'vec'),
    ('Permute', 'ops.Permute([0, 2, 3, 1])', 'img'),
]
for name, code, arg in LAYERS:
    torch.manual_seed(7)
    m = eval(code)
    m.eval()
    with torch.no_grad():
        for k, v in m.state_dict().items():
            if k.endswith('running_mean'):
                v.copy_(torch.linspace(-0.5, 0.5, v.numel()))
            if k.endswith('running_var'):
                v.copy_(torch.linspace(0.5, 2.0, v.numel()))
    put(name, out=m({'img': img, 'vol': vol, 'vec': vec}[arg]), state={k: enc(v) for k, v in m.state_dict().items()}, repr=repr(m))
fbn = ops.FrozenBatchNorm2d(3, eps=1e-3)
fbn.weight.copy_(torch.tensor([1.0, 2.0, 0.5]))
fbn.bias.copy_(torch.tensor([0.1, -0.2, 0.3]))
fbn.running_mean.copy_(torch.tensor([0.0, 0.5, -1.0]))
fbn.running_var.copy_(torch.tensor([1.0, 4.0, 0.25]))
put('FrozenBatchNorm2d', out=fbn(img))

# ---- region pooling: values and input gradients ---------------------------------------------
feat = rand(2, 8, 10, 12)
rois = torch.tensor([[0, 1.0, 1.5, 6.0, 7.0], [1, 0.0, 0.0, 11.0, 9.0], [0, 3.3, 2.2, 4.1, 2.9], [1, -4.0, -2.0, 3.0, 14.0], [0, 8.0, 6.0, 30.0, 20.0], [1, 2.5, 2.5, 2.5, 2.5]])
inputs.update(feat=enc(feat), rois=enc(rois))
POOL = [
    ('roi_pool', lambda x: ops.roi_pool(x, rois, [3, 2])),
    ('roi_pool_scaled', lambda x: ops.roi_pool(x, rois, 2, spatial_scale=0.5)),
    ('roi_pool_list', lambda x: ops.RoIPool(3, 1.0)(x, [rois[rois[:, 0] == 0, 1:], rois[rois[:, 0] == 1, 1:]])),
    ('ps_roi_pool', lambda x: ops.ps_roi_pool(x, rois, 2)),
    ('ps_roi_pool_scaled', lambda x: ops.PSRoIPool(2, 0.5)(x, rois)),
    ('ps_roi_align', lambda x: ops.ps_roi_align(x, rois, 2)),
    ('ps_roi_align_sampling', lambda x: ops.PSRoIAlign(2, 0.7, 2)(x, rois)),
]
for name, fn in POOL:
    x = feat.clone().requires_grad_()
    y = fn(x)
    y.backward(torch.arange(y.numel(), dtype=torch.float).reshape(y.shape).cos())
    put(name, out=y, grad=x.grad)

# ---- MultiScaleRoIAlign and FeaturePyramidNetwork -------------------------------------------
levels = OrderedDict([('feat1', rand(2, 3, 16, 16)), ('feat2', rand(2, 3, 8, 8)), ('feat3', rand(2, 3, 4, 4))])
boxes_per_image = [torch.tensor([[0.0, 0.0, 60.0, 60.0], [10.0, 12.0, 20.0, 30.0], [1.0, 1.0, 5.0, 6.0]]), torch.tensor([[30.0, 10.0, 63.0, 50.0], [0.0, 0.0, 64.0, 64.0]])]
inputs.update({k: enc(v) for k, v in levels.items()})
inputs['boxesPerImage'] = [enc(b) for b in boxes_per_image]
pooler = ops.MultiScaleRoIAlign(['feat1', 'feat3'], 3, 2)
put('MultiScaleRoIAlign', out=pooler(levels, boxes_per_image, [(64, 64), (60, 64)]))
put('MultiScaleRoIAlign_one', out=ops.MultiScaleRoIAlign(['feat2'], [2, 3], 1)(levels, boxes_per_image, [(64, 64), (60, 64)]))
put('MultiScaleRoIAlign_three', out=ops.MultiScaleRoIAlign(['feat1', 'feat2', 'feat3'], 2, -1, canonical_scale=32, canonical_level=3)(levels, boxes_per_image, [(64, 64)]))
pyr_in = OrderedDict([('c3', rand(1, 4, 12, 12)), ('c4', rand(1, 6, 6, 6)), ('c5', rand(1, 8, 3, 3))])
inputs.update({k: enc(v) for k, v in pyr_in.items()})
for name, code in [
    ('FPN', 'ops.FeaturePyramidNetwork([4, 6, 8], 5)'),
    ('FPN_maxpool', 'ops.FeaturePyramidNetwork([4, 6, 8], 5, extra_blocks=LastLevelMaxPool())'),
    ('FPN_p6p7', 'ops.FeaturePyramidNetwork([4, 6, 8], 5, extra_blocks=LastLevelP6P7(8, 5), norm_layer=nn.BatchNorm2d)'),
]:
    torch.manual_seed(5)
    fpn = eval(code).eval()
    res = fpn(pyr_in)
    put(name, names=list(res.keys()), **{'out_' + k: v for k, v in res.items()}, state={k: enc(v) for k, v in fpn.state_dict().items()})

# ---- deform_conv2d: values and every gradient ------------------------------------------------
x = rand(2, 4, 7, 8)
w = rand(6, 2, 3, 3) * 0.3
bias = rand(6)
offset = rand(2, 2 * 2 * 9, 4, 8) * 1.5  # 2 offset groups, stride (2, 1), padding 1
mask = torch.sigmoid(rand(2, 2 * 9, 4, 8))
inputs.update(dx=enc(x), dw=enc(w), dbias=enc(bias), doffset=enc(offset), dmask=enc(mask))
for name, with_mask in [('deform_conv2d', False), ('deform_conv2d_mask', True)]:
    ts = [t.clone().requires_grad_() for t in (x, offset, w, bias, mask)]
    y = ops.deform_conv2d(ts[0], ts[1], ts[2], ts[3], stride=(2, 1), padding=(1, 1), mask=ts[4] if with_mask else None)
    y.backward(torch.arange(y.numel(), dtype=torch.float).reshape(y.shape).sin())
    put(name, out=y, gx=ts[0].grad, goffset=ts[1].grad, gw=ts[2].grad, gbias=ts[3].grad, **({'gmask': ts[4].grad} if with_mask else {}))
torch.manual_seed(9)
dc = ops.DeformConv2d(4, 6, 3, padding=1, dilation=(1, 2), groups=2)
off2 = rand(2, 18, 7, 6)
inputs['doffset2'] = enc(off2)
put('DeformConv2d', out=dc(x, off2), weight=dc.weight, bias=dc.bias, repr=repr(dc))

json.dump({'torch': torch.__version__, 'torchvision': torchvision.__version__, 'inputs': inputs, 'cases': cases},
          open(os.path.join(OUT, 'tv_ops.json'), 'w'), separators=(',', ':'))
print(f'wrote {len(cases)} torchvision.ops cases (torchvision {torchvision.__version__})')
