#!/usr/bin/python3
"""TorchScript modules exported from Python, with inputs and outputs, for test/jit.test.ts.
    /usr/bin/python3 scripts/make_jit_fixtures.py  -> test/fixtures/jit/{scripted,traced}.pt, io.pth
"""
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

from fixture_dir import fixtures_dir

OUT = fixtures_dir('jit')
torch.manual_seed(0)


class SmallNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.fc = nn.Linear(8, 4)

    def forward(self, x: torch.Tensor, scale: float = 1.0) -> torch.Tensor:
        x = F.relu(self.bn(self.conv(x)))
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        if scale != 1.0:  # control flow: kept by torch.jit.script
            x = x * scale
        return self.fc(x)

    @torch.jit.export
    def features(self, x: torch.Tensor):
        y = self.conv(x)
        return y, y.mean()


net = SmallNet()
with torch.no_grad():
    net.bn.running_mean.uniform_(-0.2, 0.2)
    net.bn.running_var.uniform_(0.5, 1.5)
scripted = torch.jit.script(net)
scripted.save(os.path.join(OUT, 'scripted.pt'))
traced = torch.jit.trace(nn.Sequential(nn.Linear(5, 3), nn.Tanh()).eval(), torch.randn(2, 5))
traced.save(os.path.join(OUT, 'traced.pt'))

x = torch.randn(2, 3, 6, 6)
v = torch.randn(4, 5)
scripted.eval()
with torch.no_grad():
    out_eval = scripted(x)
    out_scaled = scripted(x, 2.5)
    feats, mean = scripted.features(x)
    traced_out = traced(v)
scripted.train()
with torch.no_grad():
    out_train = scripted(x)
torch.save({'x': x, 'v': v, 'eval': out_eval, 'scaled': out_scaled, 'train': out_train, 'features': feats, 'featuresMean': mean,
            'traced': traced_out, 'state': {k: t for k, t in net.state_dict().items()}}, os.path.join(OUT, 'io.pth'))
print('wrote', os.listdir(OUT))
