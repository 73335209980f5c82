#!/usr/bin/python3
"""Reference outputs of torchvision transforms on a fixed image (PIL path), with fixed seeds.
    /usr/bin/python3 scripts/make_vision_fixtures.py   -> test/fixtures/transforms.json
"""
import json
import os

import numpy as np
import torch
import torchvision.transforms as T
from PIL import Image

from fixture_dir import fixtures_dir

OUT = fixtures_dir()
h, w = 10, 12
pixels = ((np.arange(h * w * 3).reshape(h, w, 3) * 37) % 256).astype(np.uint8)
rgb = Image.fromarray(pixels, 'RGB')
grey = Image.fromarray(pixels[:, :, 0], 'L')
# a low-contrast image (values 60..144), for autocontrast and equalize to change
dim = Image.fromarray((pixels // 3 + 60).astype(np.uint8), 'RGB')
IMAGES = {'rgb': rgb, 'grey': grey, 'dim': dim}
# a whitening of 2×2 crops of the RGB image (12 values), for LinearTransformation
M12 = torch.eye(12) * 0.5 + 0.01 * torch.arange(144.).reshape(12, 12) / 144
V12 = torch.linspace(0, 1, 12)

def enc(t):
    return {'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', ''), 'values': t.reshape(-1).tolist()}

CASES = [
    ('ToTensor', 'rgb', 'T.ToTensor()', None),
    ('ToTensorGrey', 'grey', 'T.ToTensor()', None),
    ('PILToTensor', 'rgb', 'T.PILToTensor()', None),
    ('Normalize', 'rgb', 'T.Compose([T.ToTensor(), T.Normalize((0.5, 0.4, 0.3), (0.2, 0.25, 0.3))])', None),
    ('CenterCrop', 'rgb', 'T.Compose([T.CenterCrop(5), T.ToTensor()])', None),
    ('CenterCropRect', 'rgb', 'T.Compose([T.CenterCrop((7, 4)), T.ToTensor()])', None),
    ('CenterCropLarger', 'grey', 'T.Compose([T.CenterCrop(14), T.PILToTensor()])', None),
    ('RandomCrop', 'rgb', 'T.Compose([T.RandomCrop(8), T.ToTensor()])', 3),
    ('RandomCropPad', 'rgb', 'T.Compose([T.RandomCrop(10, padding=4), T.ToTensor()])', 4),
    ('RandomCropPadFill', 'grey', 'T.Compose([T.RandomCrop(12, padding=(1, 2), fill=7), T.PILToTensor()])', 5),
    ('RandomCropEdge', 'rgb', "T.Compose([T.RandomCrop(11, padding=3, padding_mode='edge'), T.PILToTensor()])", 6),
    ('RandomCropReflect', 'rgb', "T.Compose([T.RandomCrop(11, padding=3, padding_mode='reflect'), T.PILToTensor()])", 7),
    ('RandomCropSymmetric', 'grey', "T.Compose([T.RandomCrop(11, padding=3, padding_mode='symmetric'), T.PILToTensor()])", 8),
    ('RandomCropPadIfNeeded', 'grey', 'T.Compose([T.RandomCrop((12, 14), pad_if_needed=True), T.PILToTensor()])', 9),
    ('HorizontalFlip', 'rgb', 'T.Compose([T.RandomHorizontalFlip(p=1.0), T.ToTensor()])', None),
    ('VerticalFlip', 'rgb', 'T.Compose([T.RandomVerticalFlip(p=1.0), T.ToTensor()])', None),
    ('RandomFlipSeeded', 'rgb', 'T.Compose([T.RandomHorizontalFlip(), T.RandomVerticalFlip(), T.PILToTensor()])', 11),
    ('TensorFlipAfterToTensor', 'rgb', 'T.Compose([T.ToTensor(), T.RandomHorizontalFlip(p=1.0)])', None),
    ('ConvertImageDtype', 'rgb', 'T.Compose([T.PILToTensor(), T.ConvertImageDtype(torch.float32)])', None),
    ('Grayscale', 'rgb', 'T.Compose([T.Grayscale(), T.PILToTensor()])', None),
    ('Grayscale3', 'rgb', 'T.Compose([T.Grayscale(num_output_channels=3), T.PILToTensor()])', None),
    ('GrayscaleTensor', 'rgb', 'T.Compose([T.ToTensor(), T.Grayscale()])', None),
    ('GrayscaleTensorUint8', 'rgb', 'T.Compose([T.PILToTensor(), T.Grayscale()])', None),
    ('RandomGrayscale', 'rgb', 'T.Compose([T.RandomGrayscale(p=0.5), T.PILToTensor()])', 13),
    ('RandomErasing', 'rgb', 'T.Compose([T.ToTensor(), T.RandomErasing(p=1.0)])', 14),
    ('RandomErasingRandom', 'rgb', "T.Compose([T.ToTensor(), T.RandomErasing(p=0.7, scale=(0.1, 0.4), value='random')])", 15),
    ('RandomErasingValues', 'rgb', 'T.Compose([T.ToTensor(), T.RandomErasing(p=1.0, ratio=(0.5, 2.0), value=(0.1, 0.2, 0.3))])', 16),
    ('Invert', 'rgb', 'T.Compose([T.RandomInvert(p=1.0), T.PILToTensor()])', None),
    ('InvertTensor', 'rgb', 'T.Compose([T.ToTensor(), T.RandomInvert(p=1.0)])', None),
    ('Posterize', 'rgb', 'T.Compose([T.RandomPosterize(3, p=1.0), T.PILToTensor()])', None),
    ('PosterizeTensor', 'grey', 'T.Compose([T.PILToTensor(), T.RandomPosterize(bits=2, p=1.0)])', None),
    ('Solarize', 'rgb', 'T.Compose([T.RandomSolarize(128, p=1.0), T.PILToTensor()])', None),
    ('SolarizeTensor', 'rgb', 'T.Compose([T.ToTensor(), T.RandomSolarize(0.4, p=1.0)])', None),
    ('Autocontrast', 'dim', 'T.Compose([T.RandomAutocontrast(p=1.0), T.PILToTensor()])', None),
    ('AutocontrastTensor', 'dim', 'T.Compose([T.ToTensor(), T.RandomAutocontrast(p=1.0)])', None),
    ('AutocontrastUint8', 'dim', 'T.Compose([T.PILToTensor(), T.RandomAutocontrast(p=1.0)])', None),
    ('Equalize', 'dim', 'T.Compose([T.RandomEqualize(p=1.0), T.PILToTensor()])', None),
    ('EqualizeTensor', 'dim', 'T.Compose([T.PILToTensor(), T.RandomEqualize(p=1.0)])', None),
    ('EqualizeGrey', 'grey', 'T.Compose([T.RandomEqualize(p=1.0), T.PILToTensor()])', None),
    ('RandomToneSeeded', 'dim', 'T.Compose([T.RandomInvert(), T.RandomSolarize(100), T.RandomAutocontrast(), T.RandomEqualize(), T.RandomPosterize(4), T.PILToTensor()])', 17),
    ('FiveCrop', 'rgb', 'T.Compose([T.FiveCrop(4), T.Lambda(lambda crops: torch.stack([T.functional.pil_to_tensor(c) for c in crops]))])', None),
    ('TenCrop', 'rgb', 'T.Compose([T.TenCrop((4, 6), vertical_flip=True), T.Lambda(lambda crops: torch.stack([T.functional.pil_to_tensor(c) for c in crops]))])', None),
    ('TenCropTensor', 'rgb', 'T.Compose([T.ToTensor(), T.TenCrop(5), T.Lambda(lambda crops: torch.stack(crops))])', None),
    ('ToPILImage', 'rgb', 'T.Compose([T.ToTensor(), T.ToPILImage(), T.PILToTensor()])', None),
    ('ToPILImageGrey', 'grey', "T.Compose([T.PILToTensor(), T.ToPILImage(mode='L'), T.RandomInvert(p=1.0), T.PILToTensor()])", None),
    ('LinearTransformation', 'rgb', 'T.Compose([T.CenterCrop(2), T.ToTensor(), T.LinearTransformation(M12, V12)])', None),
    ('CifarTutorial', 'rgb', 'T.Compose([T.RandomHorizontalFlip(), T.RandomCrop(10, padding=4), T.ToTensor(), T.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])', 12),
]
out = {'pixels': pixels.reshape(-1).tolist(), 'height': h, 'width': w, 'cases': [],
       'reprs': [[repr(T.RandomPosterize(2)), 'new T.RandomPosterize(2)'], [repr(T.RandomSolarize(0.5, p=0.2)), 'new T.RandomSolarize(0.5, { p: 0.2 })'],
                 [repr(T.RandomInvert()), 'new T.RandomInvert()'], [repr(T.TenCrop(3)), 'new T.TenCrop(3)'], [repr(T.FiveCrop((2, 3))), 'new T.FiveCrop([2, 3])'],
                 [repr(T.ToPILImage()), 'new T.ToPILImage()'], [repr(T.ToPILImage(mode='L')), "new T.ToPILImage({ mode: 'L' })"],
                 [repr(T.LinearTransformation(torch.eye(2), torch.zeros(2))), 'new T.LinearTransformation(torch.eye(2), torch.zeros(2))']]}
for name, src, code, seed in CASES:
    if seed is not None:
        torch.manual_seed(seed)
    t = eval(code)
    img = IMAGES[src]
    runs = [enc(t(img)) for _ in range(3 if seed is not None else 1)]
    out['cases'].append({'name': name, 'image': src, 'python': code, 'seed': seed, 'outputs': runs, 'repr': repr(t)})
json.dump(out, open(os.path.join(OUT, 'transforms.json'), 'w'), separators=(',', ':'))
print(f"wrote {len(CASES)} transform cases")

# ---- a tiny CIFAR-10 archive in the official format (pickled numpy batches in a .tar.gz) --------
import hashlib
import pickle
import tarfile
import tempfile
import torchvision

tiny_dir = tempfile.mkdtemp()
base = os.path.join(tiny_dir, 'cifar-10-batches-py')
os.makedirs(base)
rng = np.random.RandomState(0)
names = [f'data_batch_{i}' for i in range(1, 6)] + ['test_batch']
for name in names:
    batch = {'batch_label': name, 'labels': rng.randint(0, 10, 2).tolist(),
             'data': rng.randint(0, 256, (2, 3072)).astype(np.uint8), 'filenames': ['a.png', 'b.png']}
    with open(os.path.join(base, name), 'wb') as f:
        pickle.dump(batch, f, protocol=2)
with open(os.path.join(base, 'batches.meta'), 'wb') as f:
    pickle.dump({'label_names': ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'], 'num_vis': 3072}, f, protocol=2)
md5 = lambda p: hashlib.md5(open(p, 'rb').read()).hexdigest()
archive = os.path.join(OUT, 'cifar-10-tiny.tar.gz')
with tarfile.open(archive, 'w:gz', format=tarfile.GNU_FORMAT) as tf:
    tf.add(base, arcname='cifar-10-batches-py')

class TinyCIFAR10(torchvision.datasets.CIFAR10):
    train_list = [[n, md5(os.path.join(base, n))] for n in names[:5]]
    test_list = [['test_batch', md5(os.path.join(base, 'test_batch'))]]
    meta = {'filename': 'batches.meta', 'key': 'label_names', 'md5': md5(os.path.join(base, 'batches.meta'))}

transform = T.Compose([T.RandomHorizontalFlip(), T.RandomCrop(32, padding=4), T.ToTensor(), T.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])
train = TinyCIFAR10(root=tiny_dir, train=True, transform=transform)
torch.manual_seed(21)
items = [train[i] for i in range(3)]
plain = TinyCIFAR10(root=tiny_dir, train=False)
cifar = {
    'archiveMd5': md5(archive),
    'trainList': TinyCIFAR10.train_list, 'testList': TinyCIFAR10.test_list, 'meta': TinyCIFAR10.meta,
    'trainTargets': train.targets, 'testTargets': plain.targets, 'classes': train.classes,
    'testPixels0': np.asarray(plain[0][0]).reshape(-1).tolist(),
    'transformed': [{'image': enc(x), 'target': y} for x, y in items],
}
json.dump(cifar, open(os.path.join(OUT, 'cifar_tiny.json'), 'w'), separators=(',', ':'))
print('wrote cifar-10-tiny.tar.gz and cifar_tiny.json')
