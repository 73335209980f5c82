#!/usr/bin/python3
"""Reference values for the calling convention's six silent cases (test/binder-cases.test.ts), made
by PyTorch from the very calls the ported programs made:
    /usr/bin/python3 scripts/make_binder_fixtures.py
Writes test/fixtures/binder.json (or torch-X.Y/binder.json for another PyTorch).
"""
import json
import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_dir import fixtures_dir  # noqa: E402


def shapes(m):
    return {k: list(v.shape) for k, v in m.state_dict().items()}


out = {'torch': torch.__version__, 'modules': {}}
# the call as the port wrote it (TS) -> what Python builds from the same arguments
modules = {
    'new nn.Conv2d(3, 16, 4, 2, 1, { bias: false })': nn.Conv2d(3, 16, 4, 2, 1, bias=False),
    'new nn.ConvTranspose2d(16, 3, 4, 2, 1, { bias: false })': nn.ConvTranspose2d(16, 3, 4, 2, 1, bias=False),
    'new nn.Conv2d(1, 16, { kernelSize: 3, stride: 2, padding: 1 })': nn.Conv2d(1, 16, kernel_size=3, stride=2, padding=1),
    'new nn.LSTM(10, 20, 2, { dropout: 0.5 })': nn.LSTM(10, 20, 2, dropout=0.5),
    'new nn.GRU(10, 20, 2, { dropout: 0.5 })': nn.GRU(10, 20, 2, dropout=0.5),
    'new nn.LSTM({ inputSize: 10, hiddenSize: 20, batchFirst: true })': nn.LSTM(input_size=10, hidden_size=20, batch_first=True),
}
for call, m in modules.items():
    out['modules'][call] = {'repr': repr(m), 'shapes': shapes(m)}

w = nn.Parameter(torch.zeros(2))
opt = torch.optim.SGD([w], 0.1)
out['sgd_lr'] = opt.param_groups[0]['lr']
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.7)
lrs = [opt.param_groups[0]['lr']]
for _ in range(3):
    opt.step()
    sched.step()
    lrs.append(opt.param_groups[0]['lr'])
out['steplr_lrs'] = lrs
try:
    nn.Conv2d(3, 8, 3, paddin=1)
except TypeError as e:
    out['misspelt'] = str(e)

with open(os.path.join(fixtures_dir(), 'binder.json'), 'w') as f:
    json.dump(out, f, indent=1)
print('wrote binder.json')
