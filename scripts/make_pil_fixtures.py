#!/usr/bin/python3
"""What torchvision's PIL path gives for resize, resized_crop, rotate and affine on PIL images (the
pixels a ported pipeline must reproduce on an Image), with Pillow's version recorded; and, for the
record, how many values torchvision's tensor kernels would get wrong on the same image.
    /usr/bin/python3 scripts/make_pil_fixtures.py   -> test/fixtures/pil_resample.json
"""
import json
import os

import numpy as np
import PIL
import torch
import torchvision.transforms as T
import torchvision.transforms.functional as F
from torchvision.transforms import InterpolationMode as IM
from PIL import Image

from fixture_dir import fixtures_dir

OUT = fixtures_dir()
rng = np.random.RandomState(11)
h, w = 23, 31
yy, xx = np.mgrid[0:h, 0:w]
# a gradient with noise and a hard edge: every filter tap and the clipping are exercised
base = np.stack([xx * 8, yy * 11, (xx + yy) * 5], 2) + rng.randint(0, 60, (h, w, 3))
base[8:14, 10:20] = [250, 3, 128]
pixels = np.clip(base, 0, 255).astype(np.uint8)
IMAGES = {'rgb': Image.fromarray(pixels, 'RGB'), 'grey': Image.fromarray(pixels[:, :, 1].copy(), 'L')}


def enc(img):
    a = np.asarray(img)
    return {'shape': list(a.shape), 'values': a.reshape(-1).tolist()}


# (name, image, python expression of `img`, seed or None); test/pil-resample.test.ts holds the
# same cases by name, written as a port writes them
CASES = [
    ('resize_bilinear', 'rgb', 'F.resize(img, [8, 9])'),
    ('resize_bilinear_grey', 'grey', 'F.resize(img, [11, 14])'),
    ('resize_up', 'rgb', 'F.resize(img, [40, 47])'),
    ('resize_one_axis', 'grey', 'F.resize(img, [23, 12])'),
    ('resize_rows_reduced_most', 'rgb', 'F.resize(img, [9, 28], interpolation=IM.BICUBIC)'),
    ('resize_nearest', 'rgb', 'F.resize(img, [7, 40], interpolation=IM.NEAREST)'),
    ('resize_nearest_down', 'grey', 'F.resize(img, [9, 13], interpolation=IM.NEAREST)'),
    ('resize_bicubic', 'rgb', 'F.resize(img, [9, 8], interpolation=IM.BICUBIC)'),
    ('resize_bicubic_up', 'grey', 'F.resize(img, [30, 50], interpolation=IM.BICUBIC)'),
    ('resize_lanczos', 'rgb', 'F.resize(img, [12, 15], interpolation=IM.LANCZOS)'),
    ('resize_box', 'rgb', 'F.resize(img, [10, 10], interpolation=IM.BOX)'),
    ('resize_hamming', 'grey', 'F.resize(img, [17, 19], interpolation=IM.HAMMING)'),
    ('resize_smaller_edge', 'rgb', 'F.resize(img, 7)'),
    ('resize_max_size', 'rgb', 'F.resize(img, 7, max_size=9)'),
    ('resize_same', 'rgb', 'F.resize(img, [23, 31])'),
    ('resized_crop', 'rgb', 'F.resized_crop(img, 2, 3, 9, 11, [10, 12])'),
    ('rotate_nearest', 'rgb', 'F.rotate(img, 30.0)'),
    ('rotate_negative', 'grey', 'F.rotate(img, -100.0)'),
    ('rotate_bilinear', 'rgb', 'F.rotate(img, -20.0, interpolation=IM.BILINEAR)'),
    ('rotate_bicubic', 'grey', 'F.rotate(img, 33.0, interpolation=IM.BICUBIC)'),
    ('rotate_expand', 'rgb', 'F.rotate(img, 45.0, expand=True)'),
    ('rotate_expand_bilinear', 'grey', 'F.rotate(img, 110.0, interpolation=IM.BILINEAR, expand=True)'),
    ('rotate_center_fill', 'rgb', 'F.rotate(img, 60.0, center=[3, 4], fill=[10, 200, 30])'),
    ('rotate_90', 'rgb', 'F.rotate(img, 90.0)'),
    ('rotate_90_expand', 'rgb', 'F.rotate(img, 90.0, expand=True)'),
    ('rotate_180', 'grey', 'F.rotate(img, 180.0)'),
    ('rotate_270_expand', 'grey', 'F.rotate(img, -90.0, expand=True)'),
    ('rotate_360', 'rgb', 'F.rotate(img, 360.0)'),
    ('affine_nearest', 'rgb', 'F.affine(img, 20.0, [2, -1], 1.1, [10.0, 5.0])'),
    ('affine_scale_only', 'grey', 'F.affine(img, 0.0, [3, 2], 0.7, [0.0, 0.0])'),
    ('affine_bilinear_fill', 'rgb', 'F.affine(img, -35.0, [-3, 2], 0.8, [0.0, 0.0], interpolation=IM.BILINEAR, fill=[255, 0, 128])'),
    ('affine_bicubic', 'rgb', 'F.affine(img, 12.0, [0, 0], 1.2, [-8.0, 4.0], interpolation=IM.BICUBIC)'),
    ('affine_center', 'grey', 'F.affine(img, 50.0, [1, 0], 1.0, [0.0, 0.0], center=[5, 6], fill=99)'),
    ('RandomResizedCrop', 'rgb', 'T.RandomResizedCrop(12)(img)', 31),
    ('RandomResizedCropBicubic', 'grey', 'T.RandomResizedCrop((9, 14), scale=(0.3, 0.6), interpolation=IM.BICUBIC)(img)', 32),
    ('RandomRotation', 'rgb', 'T.RandomRotation(30, interpolation=IM.BILINEAR)(img)', 33),
    ('RandomRotationExpand', 'grey', 'T.RandomRotation((10, 80), expand=True, fill=7)(img)', 34),
    ('RandomAffine', 'rgb', 'T.RandomAffine(degrees=20, translate=(0.1, 0.2), scale=(0.8, 1.2), shear=10)(img)', 35),
    ('Resize', 'rgb', 'T.Resize(16)(img)', None),
]
out = {'pillow': PIL.__version__, 'images': {k: enc(v) for k, v in IMAGES.items()}, 'cases': []}
for case in CASES:
    name, src, code = case[:3]
    seed = case[3] if len(case) > 3 else None
    runs = []
    for _ in range(3 if seed is not None else 1):
        if seed is not None and not runs:
            torch.manual_seed(seed)
        img = IMAGES[src]
        runs.append(enc(eval(code)))
    out['cases'].append({'name': name, 'image': src, 'python': code, 'seed': seed, 'outputs': runs})

# What the tensor kernels (antialiased, rounded back to uint8) give instead, on the same image:
# the share of values that differ from PIL's, which the Image path no longer has.
img = IMAGES['rgb']
pil = np.asarray(F.resize(img, [11, 14])).astype(int)
tensor = F.resize(torch.from_numpy(pixels).permute(2, 0, 1), [11, 14], antialias=True).permute(1, 2, 0).numpy().astype(int)
out['tensorKernelMismatch'] = float((pil != tensor).mean())
json.dump(out, open(os.path.join(OUT, 'pil_resample.json'), 'w'), separators=(',', ':'))
print(f"wrote {len(CASES)} PIL resampling cases (Pillow {PIL.__version__}); the tensor kernel differs from PIL in "
      f"{out['tensorKernelMismatch'] * 100:.1f} % of a resize's values")
