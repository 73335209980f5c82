#!/usr/bin/python3
"""Reference outputs of torchvision's tensor image kernels (resize, rotate, affine, colour, blur)
and of the random transforms built on them, with fixed seeds; plus small JPEG/PNG files and the
pixels PIL decodes from them.
    /usr/bin/python3 scripts/make_image_ops_fixtures.py
        -> test/fixtures/image_ops.json, test/fixtures/images/*
"""
import json
import os

import numpy as np
import torch
import torchvision.transforms as T
import torchvision.transforms.functional as F
from torchvision.transforms import InterpolationMode as IM
from PIL import Image

from fixture_dir import fixtures_dir

OUT = fixtures_dir()
rng = np.random.RandomState(7)
c, h, w = 3, 13, 17
# a smooth gradient plus noise, so that interpolation and colour changes are visible
yy, xx = np.mgrid[0:h, 0:w]
base = np.stack([xx * 15, yy * 19, (xx + yy) * 8]) + rng.randint(0, 40, (c, h, w))
u8 = torch.from_numpy(np.clip(base, 0, 255).astype(np.uint8))
f32 = u8.float() / 255


def enc(t):
    return {'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', ''), 'values': t.reshape(-1).tolist()}


# (name, input, python expression of `img`, seed or None); the TS test holds the same cases by name
CASES = [
    ('resize_bilinear_aa', 'u8', 'F.resize(img, [8, 9], antialias=True)', None),
    ('resize_bilinear', 'u8', 'F.resize(img, [8, 9], antialias=False)', None),
    ('resize_up', 'u8', 'F.resize(img, [20, 25], antialias=True)', None),
    ('resize_nearest', 'u8', 'F.resize(img, [7, 30], interpolation=IM.NEAREST)', None),
    ('resize_bicubic', 'u8', 'F.resize(img, [9, 8], interpolation=IM.BICUBIC, antialias=True)', None),
    ('resize_smaller_edge', 'u8', 'F.resize(img, 7, antialias=True)', None),
    ('resize_max_size', 'u8', 'F.resize(img, 7, max_size=8, antialias=True)', None),
    ('resize_float', 'f32', 'F.resize(img, [6, 11], antialias=True)', None),
    ('rotate_nearest', 'u8', 'F.rotate(img, 30.0)', None),
    ('rotate_bilinear', 'u8', 'F.rotate(img, -20.0, interpolation=IM.BILINEAR)', None),
    ('rotate_expand', 'u8', 'F.rotate(img, 45.0, expand=True)', None),
    ('rotate_center_fill', 'u8', 'F.rotate(img, 60.0, center=[3, 4], fill=[10.0, 200.0, 30.0])', None),
    ('rotate_float_fill', 'f32', 'F.rotate(img, 15.0, interpolation=IM.BILINEAR, fill=[0.5])', None),
    ('affine_nearest', 'u8', 'F.affine(img, angle=20.0, translate=[2, -1], scale=1.1, shear=[10.0, 5.0])', None),
    ('affine_bilinear_fill', 'u8', 'F.affine(img, angle=-35.0, translate=[-3, 2], scale=0.8, shear=[0.0, 0.0], interpolation=IM.BILINEAR, fill=[255.0, 0.0, 128.0])', None),
    ('affine_float', 'f32', 'F.affine(img, angle=10.0, translate=[1, 1], scale=1.3, shear=[-8.0, 0.0], interpolation=IM.BILINEAR)', None),
    ('brightness', 'u8', 'F.adjust_brightness(img, 1.3)', None),
    ('contrast', 'u8', 'F.adjust_contrast(img, 0.6)', None),
    ('saturation', 'u8', 'F.adjust_saturation(img, 1.7)', None),
    ('hue', 'u8', 'F.adjust_hue(img, 0.2)', None),
    ('hue_float', 'f32', 'F.adjust_hue(img, -0.35)', None),
    ('contrast_float', 'f32', 'F.adjust_contrast(img, 1.5)', None),
    ('blur', 'u8', 'F.gaussian_blur(img, [5, 5], [1.2, 1.2])', None),
    ('blur_rect_float', 'f32', 'F.gaussian_blur(img, [3, 5], [0.8, 1.5])', None),
    ('blur_default_sigma', 'u8', 'F.gaussian_blur(img, [3, 3])', None),
    ('RandomResizedCrop', 'u8', 'T.RandomResizedCrop(8, antialias=True)(img)', 31),
    ('RandomResizedCropScale', 'f32', 'T.RandomResizedCrop((6, 10), scale=(0.3, 0.6), ratio=(0.5, 2.0), antialias=True)(img)', 32),
    ('RandomRotation', 'u8', 'T.RandomRotation(30)(img)', 33),
    ('RandomRotationExpand', 'u8', 'T.RandomRotation((10, 80), expand=True, fill=7)(img)', 34),
    ('RandomAffine', 'u8', 'T.RandomAffine(degrees=20, translate=(0.1, 0.2), scale=(0.8, 1.2), shear=10)(img)', 35),
    ('RandomAffineShear4', 'f32', 'T.RandomAffine(degrees=(-5, 5), shear=(-5, 5, -10, 10), interpolation=IM.BILINEAR, fill=0.25)(img)', 36),
    ('ColorJitter', 'u8', 'T.ColorJitter(brightness=0.4, contrast=0.4, saturation=0.4, hue=0.1)(img)', 37),
    ('ColorJitterFloat', 'f32', 'T.ColorJitter(brightness=(0.5, 1.5), hue=0.3)(img)', 38),
    ('GaussianBlur', 'u8', 'T.GaussianBlur(5, sigma=(0.1, 2.0))(img)', 39),
    ('Resize', 'u8', 'T.Resize(9, antialias=True)(img)', None),
    ('Pipeline', 'u8', 'T.Compose([T.RandomResizedCrop(10, antialias=True), T.RandomHorizontalFlip(), T.ColorJitter(0.2, 0.2, 0.2), T.ConvertImageDtype(torch.float32), T.Normalize((0.5, 0.5, 0.5), (0.25, 0.25, 0.25))])(img)', 40),
]
out = {'u8': enc(u8), 'cases': []}
for name, src, code, seed in CASES:
    if seed is not None:
        torch.manual_seed(seed)
    runs = []
    for _ in range(3 if seed is not None else 1):
        img = u8 if src == 'u8' else f32
        runs.append(enc(eval(code)))
    out['cases'].append({'name': name, 'input': src, 'python': code, 'seed': seed, 'outputs': runs})

# ---- small image files and what PIL decodes from them (convert('RGB'), as ImageFolder's loader)
img_dir = os.path.join(OUT, 'images')
os.makedirs(img_dir, exist_ok=True)
photo = Image.fromarray(np.transpose(u8.numpy(), (1, 2, 0)), 'RGB')
files = {
    'photo.jpg': lambda p: photo.save(p, quality=90),
    'grey.jpg': lambda p: photo.convert('L').save(p, quality=85),
    'photo.png': lambda p: photo.save(p),
    'rgba.png': lambda p: Image.fromarray(np.concatenate([np.transpose(u8.numpy(), (1, 2, 0)), np.full((h, w, 1), 90, np.uint8)], 2), 'RGBA').save(p),
    'palette.png': lambda p: photo.convert('P', palette=Image.ADAPTIVE, colors=16).save(p),
    'grey.png': lambda p: photo.convert('L').save(p),
}
decoded = {}
for fname, write in files.items():
    p = os.path.join(img_dir, fname)
    write(p)
    with Image.open(p) as im:
        decoded[fname] = {'rgb': enc(torch.from_numpy(np.asarray(im.convert('RGB')).copy())),
                          'grey': enc(torch.from_numpy(np.asarray(im.convert('L')).copy()))}
out['decoded'] = decoded
json.dump(out, open(os.path.join(OUT, 'image_ops.json'), 'w'), separators=(',', ':'))
print(f"wrote {len(CASES)} image-op cases and {len(files)} image files")
