#!/usr/bin/python3
"""Reference values for torchvision.transforms.functional's pad, center_crop, normalize, to_tensor and
transforms.Pad on tensors (test/torchvision.test.ts), made by torchvision:
    /usr/bin/python3 scripts/make_tv_functional_fixtures.py
Writes test/fixtures/tv_functional.json (or torch-X.Y/tv_functional.json).
Each case: the Python call, the same call as a port writes it (TF = transforms.functional,
T = transforms), and the result.
"""
import json
import os
import sys

import torch
import torchvision.transforms as T
import torchvision.transforms.functional as TF

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_dir import fixtures_dir  # noqa: E402


def enc(t):
    return {'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', ''), 'values': t.reshape(-1).tolist()}


img = (torch.arange(3 * 5 * 6) * 7 % 256).to(torch.uint8).reshape(3, 5, 6)
imgf = img.float() / 255
CASES = [
    ('TF.pad(img, 2)', 'TF.pad(img, 2)'),
    ('TF.pad(img, [1, 2])', 'TF.pad(img, [1, 2])'),
    ('TF.pad(img, [1, 0, 2, 3], fill=7)', 'TF.pad(img, [1, 0, 2, 3], { fill: 7 })'),
    ("TF.pad(img, 2, padding_mode='edge')", "TF.pad(img, 2, { paddingMode: 'edge' })"),
    ("TF.pad(img, [2, 1], padding_mode='reflect')", "TF.pad(img, [2, 1], { paddingMode: 'reflect' })"),
    ("TF.pad(img, [1, 2, 3, 1], padding_mode='symmetric')", "TF.pad(img, [1, 2, 3, 1], { paddingMode: 'symmetric' })"),
    ('TF.pad(img, [-1, 1, 0, -2])', 'TF.pad(img, [-1, 1, 0, -2])'),
    ("TF.pad(imgf, 1, 0.5, 'constant')", "TF.pad(imgf, 1, 0.5, 'constant')"),
    ('TF.pad(imgf.unsqueeze(0), [1, 2], padding_mode="reflect")', "TF.pad(imgf.unsqueeze(0), [1, 2], { paddingMode: 'reflect' })"),
    ('TF.center_crop(img, [3, 4])', 'TF.centerCrop(img, [3, 4])'),
    ('TF.center_crop(img, 4)', 'TF.centerCrop(img, 4)'),
    ('TF.center_crop(img, [7, 9])', 'TF.centerCrop(img, [7, 9])'),
    ('TF.normalize(imgf, [0.5, 0.4, 0.3], [0.2, 0.25, 0.3])', 'TF.normalize(imgf, [0.5, 0.4, 0.3], [0.2, 0.25, 0.3])'),
    ('TF.normalize(tensor=imgf, mean=[0.1] * 3, std=[2.0] * 3, inplace=False)', 'TF.normalize({ tensor: imgf, mean: [0.1, 0.1, 0.1], std: [2.0, 2.0, 2.0], inplace: false })'),
    ('TF.to_tensor(img.permute(1, 2, 0).numpy())', 'TF.toTensor(img.permute(1, 2, 0))'),
    ('T.Pad(2)(img)', 'new T.Pad(2)(img)'),
    ("T.Pad((1, 2), fill=3, padding_mode='edge')(img)", "new T.Pad([1, 2], { fill: 3, paddingMode: 'edge' })(img)"),
]
REPRS = [
    ('T.Pad(2)', 'new T.Pad(2)'),
    ("T.Pad([1, 2, 3, 4], fill=5, padding_mode='symmetric')", "new T.Pad([1, 2, 3, 4], { fill: 5, paddingMode: 'symmetric' })"),
]
out = {'torch': torch.__version__, 'img': enc(img), 'cases': [], 'reprs': []}
for py, ts in CASES:
    out['cases'].append({'python': py, 'ts': ts, 'result': enc(eval(py))})  # noqa: S307 (this file's own expressions)
for py, ts in REPRS:
    out['reprs'].append({'python': py, 'ts': ts, 'repr': repr(eval(py))})  # noqa: S307
with open(os.path.join(fixtures_dir(), 'tv_functional.json'), 'w') as f:
    json.dump(out, f, indent=1)
print('wrote tv_functional.json')
