#!/usr/bin/python3
"""Reference values for torch.get_rng_state / set_rng_state and torchvision.datasets.FakeData
(test/rng-state.test.ts), made by PyTorch:
    /usr/bin/python3 scripts/make_rng_fixtures.py
Writes test/fixtures/rng_state.json (or torch-X.Y/rng_state.json).
"""
import json
import os
import sys

import torch
import torchvision
import torchvision.transforms as T

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_dir import fixtures_dir  # noqa: E402


def enc(t):
    return {'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', ''), 'values': t.reshape(-1).tolist()}


torch.manual_seed(5)
state5 = torch.get_rng_state()
torch.rand(10)
after = torch.get_rng_state()  # the state after ten draws
g = torch.Generator().manual_seed(9)
g.set_state(after)
draws = torch.rand(3, generator=g)  # a generator restored to that state draws on from it

P2T = T.PILToTensor()
rgb = torchvision.datasets.FakeData(size=3, image_size=(3, 4, 5), num_classes=7)
grey = torchvision.datasets.FakeData(size=2, image_size=(1, 6, 6), num_classes=3, transform=T.ToTensor(), random_offset=10)
torch.manual_seed(11)
items = [(enc(P2T(img)), t) for img, t in (rgb[i] for i in range(3))] + [(enc(img), t) for img, t in (grey[i] for i in range(2))]
after_items = torch.rand(2)  # FakeData leaves the global stream where it was

out = {'torch': torch.__version__, 'state5': enc(state5), 'after': enc(after), 'draws': enc(draws),
       'fakeData': [{'image': img, 'target': t} for img, t in items], 'afterItems': enc(after_items)}
with open(os.path.join(fixtures_dir(), 'rng_state.json'), 'w') as f:
    json.dump(out, f, separators=(',', ':'))
print('wrote rng_state.json')
