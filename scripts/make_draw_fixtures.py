#!/usr/bin/python3
"""torchvision.utils.draw_bounding_boxes / draw_segmentation_masks / flow_to_image and torchvision.ops.roi_align
(with its input gradient) on fixed inputs, and PIL's colour table for the colour names they take.
    /usr/bin/python3 scripts/make_draw_fixtures.py   -> test/fixtures/draw.json
"""
import json
import os

import numpy as np
import torch
import torchvision
from torchvision.ops import roi_align, RoIAlign
from torchvision.utils import draw_bounding_boxes, draw_segmentation_masks
from PIL import ImageColor

from fixture_dir import fixtures_dir

OUT = fixtures_dir()
TV = tuple(int(v) for v in torchvision.__version__.split('+')[0].split('.')[:2])
rng = np.random.RandomState(5)
img = torch.from_numpy(rng.randint(0, 256, (3, 20, 24)).astype(np.uint8))
grey = img[:1].clone()
imgf = img.float() / 255
boxes = torch.tensor([[1, 2, 10, 12], [5, 0, 23, 19], [12.7, 3.2, 18.9, 8.1], [-3, -2, 4, 30], [7, 7, 7, 9]], dtype=torch.float)
masks = torch.zeros(3, 20, 24, dtype=torch.bool)
masks[0, 2:9, 3:12] = True
masks[1, 10:18, 5:20] = True
masks[2, 0:4, 18:24] = True
overlap = masks.clone()
overlap[2, 5:12, 8:15] = True


def enc(t):
    return {'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', ''), 'values': t.reshape(-1).tolist()}


# (name, python expression, minimum torchvision version or None); test/draw.test.ts has the same
# cases by name, written as a port writes them
CASES = [
    ('boxes_default', 'draw_bounding_boxes(img, boxes)', None),
    ('boxes_width3_named', "draw_bounding_boxes(img, boxes[:3], colors=['red', '#00ff80', (10, 20, 30)], width=3)", None),
    ('boxes_fill', "draw_bounding_boxes(img, boxes[:2], colors='yellow', fill=True)", None),
    ('boxes_fill_wide', "draw_bounding_boxes(img, boxes, colors=(200, 0, 255), fill=True, width=2)", None),
    ('boxes_grey', 'draw_bounding_boxes(grey, boxes[:2])', None),
    ('boxes_float', "draw_bounding_boxes(imgf, boxes[:2], colors='blue')", (0, 18)),
    ('masks', 'draw_segmentation_masks(img, masks)', None),
    ('masks_alpha_colors', "draw_segmentation_masks(img, masks, alpha=0.3, colors=['green', (250, 10, 10), 'DarkOrange'])", None),
    ('masks_one_2d', "draw_segmentation_masks(img, masks[1], colors='teal')", None),
    ('masks_overlap', 'draw_segmentation_masks(img, overlap, alpha=0.6)', (0, 18)),
    ('masks_float', "draw_segmentation_masks(imgf, masks, colors='white')", (0, 18)),
]
out = {'torchvision': torchvision.__version__, 'image': enc(img), 'boxes': enc(boxes), 'masks': enc(masks), 'overlap': enc(overlap), 'cases': []}
for name, code, since in CASES:
    if since is not None and TV < since:
        continue  # a behaviour of later torchvision: the TS test checks what this version lacks by name
    out['cases'].append({'name': name, 'python': code, 'output': enc(eval(code))})

# roi_align: boxes as a K×5 tensor and as a list per image, every sampling mode, and the input's gradient
feat = torch.from_numpy(rng.randn(2, 3, 9, 11)).float()
rois = torch.tensor([[0, 1.0, 1.5, 6.0, 7.0], [1, 0.0, 0.0, 10.0, 8.0], [0, 3.3, 2.2, 4.1, 2.9], [1, -4.0, -2.0, 3.0, 14.0], [0, 8.0, 6.0, 30.0, 20.0]])
ROI = [
    ('roi_default', 'roi_align(feat, rois, [3, 4])'),
    ('roi_aligned', 'roi_align(feat, rois, (2, 2), spatial_scale=0.5, sampling_ratio=2, aligned=True)'),
    ('roi_list', 'roi_align(feat, [rois[rois[:, 0] == 0, 1:], rois[rois[:, 0] == 1, 1:]], 3, 1.0, 3)'),
    ('roi_module', 'RoIAlign((5, 5), spatial_scale=0.7, sampling_ratio=-1, aligned=True)(feat, rois)'),
]
for name, code in ROI:
    x = feat.clone().requires_grad_()
    y = eval(code.replace('feat', 'x'))
    y.backward(torch.arange(y.numel(), dtype=torch.float).reshape(y.shape).cos())
    out['cases'].append({'name': name, 'python': code, 'output': enc(y.detach()), 'grad': enc(x.grad)})
# flow_to_image: a smooth field with every direction, one batched and one single
yy, xx = torch.meshgrid(torch.linspace(-3, 3, 11), torch.linspace(-4, 4, 13), indexing='ij')
flow = torch.stack([xx * 1.5 - yy * 0.2, yy + 0.3 * xx], 0)
out['flow'] = enc(flow)
out['flowImage'] = enc(torchvision.utils.flow_to_image(flow))
out['flowImageBatch'] = enc(torchvision.utils.flow_to_image(torch.stack([flow, flow * 0.25, flow.flip(2)], 0)))
out['feat'] = enc(feat)
out['rois'] = enc(rois)
out['roiAlignRepr'] = repr(RoIAlign((5, 5), spatial_scale=0.7, sampling_ratio=-1, aligned=True))
json.dump(out, open(os.path.join(OUT, 'draw.json'), 'w'), separators=(',', ':'))
print(f"wrote {len(out['cases'])} drawing and roi_align cases (torchvision {torchvision.__version__})")
