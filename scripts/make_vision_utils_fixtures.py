#!/usr/bin/python3
"""Reference values for torchvision.utils and torchvision.ops (test/vision-utils.test.ts), made by
torchvision:  /usr/bin/python3 scripts/make_vision_utils_fixtures.py
Writes test/fixtures/vision_utils.json (or torch-X.Y/vision_utils.json)."""
import io
import json
import os
import sys

import numpy as np
import torch
import torchvision
from PIL import Image
from torchvision import ops, utils  # noqa: F401 (the table's sources use them)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_dir import fixtures_dir  # noqa: E402
from pyts import to_ts  # noqa: E402


def enc(t):
    return {'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', ''), 'values': t.reshape(-1).tolist()}


imgs = (torch.arange(5 * 3 * 4 * 6, dtype=torch.float32).reshape(5, 3, 4, 6) * 0.731).sin() * 0.6 + 0.4
gray = (torch.arange(3 * 1 * 5 * 5, dtype=torch.float32).reshape(3, 1, 5, 5) * 0.37).cos()
GRIDS = [
    'utils.make_grid(imgs)',
    'utils.make_grid(imgs, nrow=2, padding=1, pad_value=0.5)',
    'utils.make_grid(imgs, normalize=True)',
    'utils.make_grid(imgs, normalize=True, value_range=(0.2, 0.8), scale_each=True)',
    'utils.make_grid(gray, nrow=3, normalize=True, scale_each=True)',
    'utils.make_grid(imgs[0])',
]
out = {'torchvision': torchvision.__version__, 'imgs': enc(imgs), 'gray': enc(gray), 'grids': []}
for src in GRIDS:
    out['grids'].append({'python': src, 'ts': to_ts(src), 'result': enc(eval(src))})

# save_image: the PNG's pixels
buf = io.BytesIO()
utils.save_image(imgs, buf, format='png', nrow=3)
out['saved'] = enc(torch.from_numpy(np.array(Image.open(io.BytesIO(buf.getvalue())))).permute(2, 0, 1).contiguous())

g = torch.Generator().manual_seed(3)
xy = torch.rand(40, 2, generator=g) * 50
wh = torch.rand(40, 2, generator=g) * 20 + 1
boxes = torch.cat([xy, xy + wh], 1)
scores = torch.rand(40, generator=g)
scores[5] = scores[9]  # a tie: the sort is stable
idxs = torch.randint(0, 3, (40,), generator=g)
out['boxes'], out['scores'], out['idxs'] = enc(boxes), enc(scores), enc(idxs)
OPS = [
    'ops.nms(boxes, scores, 0.3)',
    'ops.nms(boxes, scores, iou_threshold=0.05)',
    'ops.batched_nms(boxes, scores, idxs, 0.2)',
    'ops.box_iou(boxes[:7], boxes[3:12])',
    'ops.box_area(boxes)',
    "ops.box_convert(boxes, in_fmt='xyxy', out_fmt='cxcywh')",
    "ops.box_convert(boxes, 'xywh', 'xyxy')",
    'ops.clip_boxes_to_image(boxes, (30, 40))',
    'ops.remove_small_boxes(boxes, 10.0)',
]
out['ops'] = [{'python': s, 'ts': to_ts(s), 'result': enc(eval(s))} for s in OPS]

with open(os.path.join(fixtures_dir(), 'vision_utils.json'), 'w') as f:
    json.dump(out, f)
print('wrote vision_utils.json')
