#!/usr/bin/python3
"""Reference values for torchvision.transforms' perspective, elastic_transform and adjust_sharpness
(functional, on tensors and on PIL images) and RandomPerspective, ElasticTransform and
RandomAdjustSharpness with fixed seeds (test/transforms-warp.test.ts), made by torchvision:
    /usr/bin/python3 scripts/make_tv_warp_fixtures.py
Writes test/fixtures/tv_warp.json (or torch-X.Y/tv_warp.json).

torch-node follows torchvision 0.15+, which solves the perspective coefficients in double precision
and normalises ElasticTransform's x displacement by the width (0.14 solved in float32 and divided
both by the height). Under an older torchvision this maker installs those two 0.15+ functions, copied
below, so that the fixture records today's torchvision on the old one's PIL and tensor kernels.
Each case: the Python expression, the same call as a port writes it, the seed set before it (or
None) and the result as a tensor.
"""
import json
import os
import sys

import numpy as np
import torch
import torchvision
import torchvision.transforms as T
import torchvision.transforms.functional as TF
from PIL import Image
from torchvision.transforms import InterpolationMode

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_dir import fixtures_dir  # noqa: E402

OLD = tuple(int(v) for v in torchvision.__version__.split('+')[0].split('.')[:2]) < (0, 15)
if OLD:
    def _get_perspective_coeffs(startpoints, endpoints):  # torchvision 0.15+
        a_matrix = torch.zeros(2 * len(startpoints), 8, dtype=torch.float64)
        for i, (p1, p2) in enumerate(zip(endpoints, startpoints)):
            a_matrix[2 * i, :] = torch.tensor([p1[0], p1[1], 1, 0, 0, 0, -p2[0] * p1[0], -p2[0] * p1[1]])
            a_matrix[2 * i + 1, :] = torch.tensor([0, 0, 0, p1[0], p1[1], 1, -p2[1] * p1[0], -p2[1] * p1[1]])
        b_matrix = torch.tensor(startpoints, dtype=torch.float64).view(8)
        return torch.linalg.lstsq(a_matrix, b_matrix, driver="gels").solution.to(torch.float32).tolist()
    TF._get_perspective_coeffs = _get_perspective_coeffs

    def get_params(alpha, sigma, size):  # torchvision 0.15+: x scaled by the width, y by the height
        def field(i):
            d = torch.rand([1, 1] + size) * 2 - 1
            if sigma[i] > 0.0:
                k = int(8 * sigma[i] + 1)
                if k % 2 == 0:
                    k += 1
                d = TF.gaussian_blur(d, [k, k], sigma)
            return d * alpha[i] / size[1 - i]
        dx = field(0)
        dy = field(1)
        return torch.concat([dx, dy], 1).permute([0, 2, 3, 1])
    T.ElasticTransform.get_params = staticmethod(get_params)


def enc(t):
    return {'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', ''), 'values': t.reshape(-1).tolist()}


# a textured 3×16×20 image, its float form, its PIL forms, and a square grey one
yy, xx = torch.meshgrid(torch.arange(16), torch.arange(20), indexing='ij')
img = torch.stack([(xx * 13 + yy * 7) % 256, (xx * yy * 5 + 40) % 256, ((xx - yy) * 11) % 256]).to(torch.uint8)
imgf = img.float() / 255
pil = Image.fromarray(img.permute(1, 2, 0).numpy(), 'RGB')
grey = Image.fromarray(((np.arange(24 * 24).reshape(24, 24) * 29) % 256).astype(np.uint8), 'L')
tiny = img[:, :2, :2].clone()
# a smooth displacement field (grid_sample units) for elastic_transform
disp = (torch.arange(16 * 20 * 2, dtype=torch.float64).reshape(1, 16, 20, 2) * 0.37).sin().mul(0.08).float()
SP = [[0, 0], [19, 0], [19, 15], [0, 15]]
EP = [[2, 1], [17, 0], [19, 13], [1, 15]]
OUT = [[-2, 1], [22, -3], [18, 17], [1, 14]]
P2T = T.PILToTensor()

CASES = [
    ('TF.perspective(img, SP, EP)', 'TF.perspective(img, SP, EP)', None),
    ('TF.perspective(img, SP, EP, InterpolationMode.NEAREST, fill=[10, 20, 30])', "TF.perspective(img, SP, EP, 'nearest', [10, 20, 30])", None),
    ('TF.perspective(imgf, SP, OUT, fill=0.5)', 'TF.perspective(imgf, SP, OUT, { fill: 0.5 })', None),
    ('TF.perspective(imgf.unsqueeze(0), SP, EP)', 'TF.perspective(imgf.unsqueeze(0), SP, EP)', None),
    ('P2T(TF.perspective(pil, SP, EP))', 'P2T(TF.perspective(pil, SP, EP))', None),
    ('P2T(TF.perspective(pil, SP, OUT, InterpolationMode.NEAREST, 7))', "P2T(TF.perspective(pil, SP, OUT, 'nearest', 7))", None),
    ('P2T(TF.perspective(pil, SP, OUT, InterpolationMode.BICUBIC, fill=[1, 2, 3]))', "P2T(TF.perspective(pil, SP, OUT, { interpolation: 'bicubic', fill: [1, 2, 3] }))", None),
    ('P2T(TF.perspective(grey, [[0, 0], [23, 0], [23, 23], [0, 23]], [[3, 2], [20, 0], [23, 21], [0, 23]]))',
     'P2T(TF.perspective(grey, [[0, 0], [23, 0], [23, 23], [0, 23]], [[3, 2], [20, 0], [23, 21], [0, 23]]))', None),
    ('TF.elastic_transform(img, disp)', 'TF.elasticTransform(img, disp)', None),
    ('TF.elastic_transform(imgf, disp, InterpolationMode.NEAREST, fill=[0.5])', "TF.elasticTransform(imgf, disp, 'nearest', [0.5])", None),
    ('TF.elastic_transform(imgf, disp, fill=[0.1, 0.2, 0.3])', 'TF.elasticTransform(imgf, disp, { fill: [0.1, 0.2, 0.3] })', None),
    ('P2T(TF.elastic_transform(pil, disp))', 'P2T(TF.elasticTransform(pil, disp))', None),
    ('TF.adjust_sharpness(img, 2.0)', 'TF.adjustSharpness(img, 2.0)', None),
    ('TF.adjust_sharpness(img, 0.3)', 'TF.adjustSharpness(img, 0.3)', None),
    ('TF.adjust_sharpness(imgf, 1.7)', 'TF.adjustSharpness(imgf, 1.7)', None),
    ('TF.adjust_sharpness(tiny, 2.0)', 'TF.adjustSharpness(tiny, 2.0)', None),
    ('P2T(TF.adjust_sharpness(pil, 2.0))', 'P2T(TF.adjustSharpness(pil, 2.0))', None),
    ('P2T(TF.adjust_sharpness(pil, 0.3))', 'P2T(TF.adjustSharpness(pil, 0.3))', None),
    ('P2T(TF.adjust_sharpness(pil, -0.5))', 'P2T(TF.adjustSharpness(pil, -0.5))', None),
    ('P2T(TF.adjust_sharpness(grey, 3.5))', 'P2T(TF.adjustSharpness(grey, 3.5))', None),
    ('T.RandomPerspective(p=1.0)(img)', 'new T.RandomPerspective({ p: 1.0 })(img)', 1),
    ('P2T(T.RandomPerspective(distortion_scale=0.3, p=1.0, fill=9)(pil))', 'P2T(new T.RandomPerspective(0.3, 1.0, { fill: 9 })(pil))', 2),
    ('T.RandomPerspective(interpolation=InterpolationMode.NEAREST)(imgf)', "new T.RandomPerspective({ interpolation: 'nearest' })(imgf)", 3),
    ('T.ElasticTransform(alpha=20.0, sigma=2.0)(imgf)', 'new T.ElasticTransform(20.0, 2.0)(imgf)', 4),
    ('P2T(T.ElasticTransform()(grey))', 'P2T(new T.ElasticTransform()(grey))', 5),
    ('P2T(T.ElasticTransform(alpha=(10.0, 30.0), sigma=(3.0, 1.0), fill=7)(pil))', 'P2T(new T.ElasticTransform({ alpha: [10.0, 30.0], sigma: [3.0, 1.0], fill: 7 })(pil))', 6),
    ('T.RandomAdjustSharpness(2, p=0.7)(img)', 'new T.RandomAdjustSharpness(2, { p: 0.7 })(img)', 7),
    ('T.RandomAdjustSharpness(sharpness_factor=0.5, p=0.3)(img)', 'new T.RandomAdjustSharpness({ sharpnessFactor: 0.5, p: 0.3 })(img)', 8),
]
REPRS = [
    ('T.RandomPerspective()', 'new T.RandomPerspective()'),
    ('T.RandomPerspective(0.2, p=0.25)', 'new T.RandomPerspective(0.2, { p: 0.25 })'),
    ('T.RandomAdjustSharpness(2)', 'new T.RandomAdjustSharpness(2)'),
    ('T.RandomAdjustSharpness(0.5, 0.1)', 'new T.RandomAdjustSharpness(0.5, 0.1)'),
]
if not OLD:  # torchvision 0.14's ElasticTransform repr prints its own format string's braces
    REPRS += [
        ('T.ElasticTransform()', 'new T.ElasticTransform()'),
        ('T.ElasticTransform(alpha=[10.0, 30.0], sigma=3.5, interpolation=InterpolationMode.NEAREST, fill=[1, 2, 3])',
         "new T.ElasticTransform({ alpha: [10, 30], sigma: 3.5, interpolation: 'nearest', fill: [1, 2, 3] })"),
    ]

out = {'torch': torch.__version__, 'torchvision': torchvision.__version__, 'img': enc(img), 'grey': enc(torch.from_numpy(np.array(grey))),
       'disp': enc(disp), 'SP': SP, 'EP': EP, 'OUT': OUT, 'cases': [], 'reprs': []}
for py, ts, seed in CASES:
    if seed is not None:
        torch.manual_seed(seed)
    out['cases'].append({'python': py, 'ts': ts, 'seed': seed, 'result': enc(eval(py))})  # noqa: S307 (this file's own expressions)
for py, ts in REPRS:
    out['reprs'].append({'python': py, 'ts': ts, 'repr': repr(eval(py))})  # noqa: S307
with open(os.path.join(fixtures_dir(), 'tv_warp.json'), 'w') as f:
    json.dump(out, f, separators=(',', ':'))
print(f'wrote tv_warp.json: {len(CASES)} cases, {len(REPRS)} reprs')
