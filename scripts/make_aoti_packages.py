#!/usr/bin/python3
"""AOTInductor packages for test/aoti.test.ts and bench/aoti.ts, made by the PyTorch that matches the
libtorch under test (python3-torch 2.x; its C++ compiler runs here, through setuptools' build helpers,
so python3-setuptools must be installed): a small ConvNet exported with a
dynamic batch, and torchvision's ResNet18 (seeded initialisation, eval mode). Inputs are a formula the
TS test repeats; the expected outputs are what Python gets running the same package
(torch._inductor.aoti_load_package), with the distance to eager mode recorded beside them.
    /usr/bin/python3 scripts/make_aoti_packages.py OUTDIR [convnet|resnet18 ...]
"""
import json
import os
import sys
import time

import torch
import torch.nn as nn


class ConvNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.fc = nn.Linear(16 * 4 * 4, 10)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv1(x)))
        x = self.pool(torch.relu(self.conv2(x)))
        return self.fc(x.flatten(1))


def formula(shape):
    """The input the TS test builds: arange(n).float().mul(0.37).sin(), reshaped."""
    n = 1
    for s in shape:
        n *= s
    return torch.arange(n, dtype=torch.float32).mul(0.37).sin().reshape(shape)


def make(name, model, example, batches, out):
    torch.manual_seed(0)
    model.eval()
    batch = torch.export.Dim('batch', min=1, max=64)
    started = time.time()
    ep = torch.export.export(model, (example,), dynamic_shapes={'x': {0: batch}})
    path = torch._inductor.aoti_compile_and_package(ep, package_path=os.path.join(out, f'{name}.pt2'))
    loaded = torch._inductor.aoti_load_package(path)
    cases = []
    with torch.no_grad():
        for b in batches:
            x = formula([b, *example.shape[1:]])
            y, eager = loaded(x), model(x)
            cases.append({'shape': list(x.shape), 'output': y.reshape(-1).tolist(), 'outputShape': list(y.shape),
                          'eagerMaxDiff': float((y - eager).abs().max())})
    print(f'{name}: packaged in {time.time() - started:.0f} s', file=sys.stderr)
    return {'path': path, 'cases': cases}


def main():
    out = sys.argv[1]
    which = sys.argv[2:] or ['convnet', 'resnet18']
    os.makedirs(out, exist_ok=True)
    made = {'torch': torch.__version__}
    if 'convnet' in which:
        torch.manual_seed(0)
        made['convnet'] = make('convnet', ConvNet(), formula([2, 3, 16, 16]), [2, 5], out)
    if 'resnet18' in which:
        import torchvision
        torch.manual_seed(0)
        made['resnet18'] = make('resnet18', torchvision.models.resnet18(), formula([2, 3, 224, 224]), [2], out)
    with open(os.path.join(out, 'expected.json'), 'w') as f:
        json.dump(made, f)


main()
