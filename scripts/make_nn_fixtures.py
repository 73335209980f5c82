#!/usr/bin/python3
"""Reference values for torch.nn, torch.optim, the lr schedulers and torch.save/load, made by
PyTorch (Debian's python3-torch, the same libtorch the addon links):
    /usr/bin/python3 scripts/make_nn_fixtures.py
Writes test/fixtures/nn.json, optim.json, schedulers.json, convnet.json and python_saved.pth.
    /usr/bin/python3 scripts/make_nn_fixtures.py --convnet-weights PATH
writes the CIFAR ConvNet's initial state dict (seed 0) with torch.save, for the test that loads
a Python checkpoint (8 MB: made at test time rather than committed).
"""
import json
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from convnet_reference import ConvNet  # noqa: E402

from fixture_dir import fixtures_dir

OUT = fixtures_dir()


def enc(t):
    t = t.detach()
    return {'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', ''), 'values': [float(x) if t.is_floating_point() else int(x) for x in t.reshape(-1).tolist()]}




if len(sys.argv) == 3 and sys.argv[1] == '--convnet-weights':
    torch.manual_seed(0)
    torch.save(ConvNet().state_dict(), sys.argv[2])
    sys.exit(0)

# ---- layers: init from seed 0, output and gradients on a fixed input -----------------------
# (name in TS, constructor source in Python, input shape, train mode)
LAYERS = [
    ('Linear', 'nn.Linear(4, 3)', [2, 4], True),
    ('LinearNoBias', 'nn.Linear(4, 3, bias=False)', [2, 4], True),
    ('Bilinear', 'nn.Bilinear(3, 4, 2)', None, True),
    ('Conv1d', 'nn.Conv1d(2, 3, 3, stride=2, padding=1)', [2, 2, 7], True),
    ('Conv2d', 'nn.Conv2d(3, 4, 3, padding=1)', [2, 3, 5, 5], True),
    ('Conv2dStrideGroups', 'nn.Conv2d(4, 6, (3, 2), stride=2, groups=2, bias=False)', [1, 4, 6, 6], True),
    ('Conv2dReflect', "nn.Conv2d(2, 2, 3, padding=1, padding_mode='reflect')", [1, 2, 4, 4], True),
    ('Conv3d', 'nn.Conv3d(2, 2, 2)', [1, 2, 3, 3, 3], True),
    ('ConvTranspose2d', 'nn.ConvTranspose2d(3, 2, 3, stride=2, padding=1, output_padding=1)', [1, 3, 4, 4], True),
    ('MaxPool1d', 'nn.MaxPool1d(2)', [2, 3, 8], True),
    ('MaxPool2d', 'nn.MaxPool2d(2, 2)', [2, 3, 6, 6], True),
    ('MaxPool2dPad', 'nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True)', [1, 2, 7, 7], True),
    ('AvgPool2d', 'nn.AvgPool2d(2)', [2, 3, 6, 6], True),
    ('AdaptiveAvgPool2d', 'nn.AdaptiveAvgPool2d((1, 1))', [2, 3, 5, 5], True),
    ('AdaptiveMaxPool2d', 'nn.AdaptiveMaxPool2d(2)', [2, 3, 5, 5], True),
    ('BatchNorm1d', 'nn.BatchNorm1d(4)', [5, 4], True),
    ('BatchNorm2d', 'nn.BatchNorm2d(3)', [2, 3, 4, 4], True),
    ('BatchNorm2dEval', 'nn.BatchNorm2d(3)', [2, 3, 4, 4], False),
    ('LayerNorm', 'nn.LayerNorm(4)', [3, 4], True),
    ('GroupNorm', 'nn.GroupNorm(2, 4)', [2, 4, 3, 3], True),
    ('InstanceNorm2d', 'nn.InstanceNorm2d(3, affine=True)', [2, 3, 4, 4], True),
    ('Dropout', 'nn.Dropout(0.5)', [3, 4], False),
    ('Embedding', 'nn.Embedding(10, 3, padding_idx=0)', None, True),
    ('LSTM', 'nn.LSTM(4, 3, num_layers=2)', [5, 2, 4], True),
    ('GRUBidirectional', 'nn.GRU(4, 3, batch_first=True, bidirectional=True)', [2, 5, 4], True),
    ('Flatten', 'nn.Flatten()', [2, 3, 4], True),
    ('Unflatten', 'nn.Unflatten(1, (2, 6))', [3, 12], True),
    ('Identity', 'nn.Identity()', [2, 3], True),
    ('ReLU', 'nn.ReLU()', [3, 4], True), ('ReLU6', 'nn.ReLU6()', [3, 4], True),
    ('LeakyReLU', 'nn.LeakyReLU(0.2)', [3, 4], True), ('ELU', 'nn.ELU()', [3, 4], True),
    ('GELU', 'nn.GELU()', [3, 4], True), ('GELUTanh', "nn.GELU(approximate='tanh')", [3, 4], True),
    ('SiLU', 'nn.SiLU()', [3, 4], True), ('Mish', 'nn.Mish()', [3, 4], True), ('Sigmoid', 'nn.Sigmoid()', [3, 4], True),
    ('Tanh', 'nn.Tanh()', [3, 4], True), ('Softmax', 'nn.Softmax(dim=1)', [3, 4], True),
    ('LogSoftmax', 'nn.LogSoftmax(dim=1)', [3, 4], True), ('Hardswish', 'nn.Hardswish()', [3, 4], True),
    ('Sequential', 'nn.Sequential(nn.Linear(4, 5), nn.ReLU(), nn.Linear(5, 2))', [3, 4], True),
]


def fixed_input(shape):
    n = 1
    for s in shape:
        n *= s
    return (torch.arange(n, dtype=torch.float32).reshape(shape) * 0.37).sin() * 1.5


layers = []
for name, src, shape, train in LAYERS:
    torch.manual_seed(0)
    m = eval(src)
    init_state = {k: enc(v) for k, v in m.state_dict().items()}
    m.train(train)
    if name == 'Bilinear':
        inputs = [fixed_input([2, 3]).requires_grad_(), fixed_input([2, 4]).requires_grad_()]
    elif name == 'Embedding':
        inputs = [torch.tensor([[1, 0, 3], [9, 3, 2]])]
    else:
        inputs = [fixed_input(shape).requires_grad_()]
    out = m(*inputs)
    main = out[0] if isinstance(out, tuple) else out
    weights = (torch.arange(main.numel(), dtype=torch.float32).reshape(main.shape) * 0.11).cos()
    (main * weights).sum().backward()
    layers.append({
        'name': name, 'python': src, 'repr': repr(m), 'train': train,
        'inputs': [enc(x) for x in inputs],
        'initState': init_state,
        'stateAfter': {k: enc(v) for k, v in m.state_dict().items()},
        'output': enc(main),
        'inputGrads': [enc(x.grad) if x.grad is not None else None for x in inputs],
        'paramGrads': {k: enc(p.grad) for k, p in m.named_parameters() if p.grad is not None},
    })

# ---- functional losses ------------------------------------------------------------------
logits = fixed_input([4, 5])
target = torch.tensor([1, 0, 4, 2])
probs = torch.sigmoid(fixed_input([4, 5]))
y = (fixed_input([4, 5]).cos() > 0).float()
reg_target = fixed_input([4, 5]).cos()
losses = {
    'crossEntropy': F.cross_entropy(logits, target).item(),
    'crossEntropySum': F.cross_entropy(logits, target, reduction='sum').item(),
    'crossEntropyWeighted': F.cross_entropy(logits, target, weight=torch.tensor([1., 2., 3., 4., 5.])).item(),
    'crossEntropyIgnore': F.cross_entropy(logits, torch.tensor([1, -100, 4, 2])).item(),
    'crossEntropySmoothing': F.cross_entropy(logits, target, label_smoothing=0.1).item(),
    'crossEntropyProbs': F.cross_entropy(logits, torch.softmax(reg_target, 1)).item(),
    'nllLoss': F.nll_loss(F.log_softmax(logits, 1), target).item(),
    'mseLoss': F.mse_loss(logits, reg_target).item(),
    'l1Loss': F.l1_loss(logits, reg_target).item(),
    'smoothL1Loss': F.smooth_l1_loss(logits, reg_target, beta=0.5).item(),
    'huberLoss': F.huber_loss(logits, reg_target, delta=0.5).item(),
    'bceLoss': F.binary_cross_entropy(probs, y).item(),
    'bceWithLogitsLoss': F.binary_cross_entropy_with_logits(logits, y, pos_weight=torch.full([5], 2.0)).item(),
    'klDivLoss': F.kl_div(F.log_softmax(logits, 1), torch.softmax(reg_target, 1), reduction='batchmean').item(),
    'mseNone': enc(F.mse_loss(logits, reg_target, reduction='none')),
}
functional = {
    'softmax': enc(F.softmax(logits, dim=1)), 'logSoftmax': enc(F.log_softmax(logits, dim=0)),
    'pad': enc(F.pad(fixed_input([1, 2, 3]), (1, 2))), 'padReflect': enc(F.pad(fixed_input([1, 2, 4]), (2, 1), mode='reflect')),
    'interpolateNearest': enc(F.interpolate(fixed_input([1, 1, 2, 3]), scale_factor=2)),
    'interpolateBilinear': enc(F.interpolate(fixed_input([1, 1, 2, 3]), size=(4, 5), mode='bilinear', align_corners=False)),
    'oneHot': enc(F.one_hot(torch.tensor([0, 2, 1]), 4)),
    'normalize': enc(F.normalize(logits)),
    'dropoutEval': enc(F.dropout(logits, 0.5, training=False)),
}
json.dump({'torch': torch.__version__, 'layers': layers, 'losses': losses, 'functional': functional},
          open(os.path.join(OUT, 'nn.json'), 'w'), separators=(',', ':'))

# ---- optimizers: 10 steps on a fixed objective ------------------------------------------
OPTIMS = [
    ('SGD', 'optim.SGD(params, lr=0.1)'), ('SGDMomentum', 'optim.SGD(params, lr=0.05, momentum=0.9, weight_decay=0.01)'),
    ('SGDNesterov', 'optim.SGD(params, lr=0.05, momentum=0.9, nesterov=True)'),
    ('SGDDampening', 'optim.SGD(params, lr=0.05, momentum=0.9, dampening=0.5)'),
    ('Adam', 'optim.Adam(params, lr=0.05)'), ('AdamAmsgrad', 'optim.Adam(params, lr=0.05, amsgrad=True, weight_decay=0.1)'),
    ('AdamW', 'optim.AdamW(params, lr=0.05)'), ('AdamWAmsgrad', 'optim.AdamW(params, lr=0.05, amsgrad=True, betas=(0.8, 0.9))'),
    ('RMSprop', 'optim.RMSprop(params, lr=0.01)'), ('RMSpropCentered', 'optim.RMSprop(params, lr=0.01, momentum=0.5, centered=True, weight_decay=0.1)'),
    ('Adagrad', 'optim.Adagrad(params, lr=0.1)'), ('AdagradDecay', 'optim.Adagrad(params, lr=0.1, lr_decay=0.01, initial_accumulator_value=0.1)'),
    ('SGDGroups', "optim.SGD([{'params': params[:1]}, {'params': params[1:], 'lr': 0.01}], lr=0.1, momentum=0.5)"),
]
from torch import optim
start = [fixed_input([3, 2]), fixed_input([4]).cos()]
optims = []
for name, src in OPTIMS:
    params = [p.clone().requires_grad_() for p in start]
    opt = eval(src)
    traj = []
    for step in range(10):
        opt.zero_grad()
        loss = (params[0].pow(2) * torch.tensor([1.0, 3.0])).sum() + (params[1] - 0.5).pow(2).sum() + params[0].sum() * params[1].sum() * 0.1
        loss.backward()
        opt.step()
        traj.append([enc(p) for p in params])
    sd = opt.state_dict()
    optims.append({'name': name, 'python': src, 'start': [enc(p) for p in start], 'trajectory': traj,
                   'stateKeys': {str(k): sorted(v.keys()) for k, v in sd['state'].items()},
                   'paramGroups': [{k: (list(v) if isinstance(v, tuple) else v) for k, v in g.items()} for g in sd['param_groups']]})
json.dump({'torch': torch.__version__, 'optimizers': optims}, open(os.path.join(OUT, 'optim.json'), 'w'), separators=(',', ':'))

# ---- lr schedulers ------------------------------------------------------------------------
SCHEDS = [
    ('StepLR', 'optim.lr_scheduler.StepLR(opt, 3, gamma=0.5)'),
    ('MultiStepLR', 'optim.lr_scheduler.MultiStepLR(opt, [2, 5, 5, 9], gamma=0.3)'),
    ('ExponentialLR', 'optim.lr_scheduler.ExponentialLR(opt, 0.9)'),
    ('CosineAnnealingLR', 'optim.lr_scheduler.CosineAnnealingLR(opt, 5, eta_min=0.01)'),
    ('LinearLR', 'optim.lr_scheduler.LinearLR(opt, start_factor=0.25, total_iters=4)'),
    ('LambdaLR', 'optim.lr_scheduler.LambdaLR(opt, lambda e: 0.95 ** e)'),
    ('OneCycleLR', 'optim.lr_scheduler.OneCycleLR(opt, max_lr=1.0, total_steps=21)'),
    ('OneCycleLRLinear3', "optim.lr_scheduler.OneCycleLR(opt, max_lr=0.5, total_steps=21, anneal_strategy='linear', three_phase=True)"),
    ('SequentialLR', 'optim.lr_scheduler.SequentialLR(opt, [optim.lr_scheduler.LinearLR(opt, start_factor=0.5, total_iters=3), optim.lr_scheduler.ExponentialLR(opt, 0.8)], [4])'),
    ('ReduceLROnPlateau', 'optim.lr_scheduler.ReduceLROnPlateau(opt, patience=2, factor=0.5)'),
]
METRICS = [1.0, 0.9, 0.95, 0.97, 0.99, 0.8, 0.85, 0.86, 0.9, 0.95, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.96, 0.97, 0.98, 0.99]
scheds = []
for name, src in SCHEDS:
    p = torch.zeros(1, requires_grad=True)
    opt = optim.SGD([p], lr=0.1, momentum=0.9)
    s = eval(src)
    lrs, moms = [opt.param_groups[0]['lr']], [opt.param_groups[0]['momentum']]
    for i in range(20):
        opt.step()
        s.step(METRICS[i]) if name == 'ReduceLROnPlateau' else s.step()
        lrs.append(opt.param_groups[0]['lr'])
        moms.append(opt.param_groups[0]['momentum'])
    scheds.append({'name': name, 'python': src, 'lrs': lrs, 'momentums': moms})
json.dump({'torch': torch.__version__, 'metrics': METRICS, 'schedulers': scheds}, open(os.path.join(OUT, 'schedulers.json'), 'w'), indent=1)

# ---- the CIFAR ConvNet: init from seed 0, 5 SGD steps on seed-1 batches --------------------
torch.manual_seed(0)
net = ConvNet()
sd = net.state_dict()
checks = {k: {'sum': v.double().sum().item(), 'first': v.reshape(-1)[:5].tolist()} for k, v in sd.items()}
torch.manual_seed(1)
batches = [(torch.randn(8, 3, 32, 32), torch.randint(0, 10, (8,))) for _ in range(5)]
criterion = nn.CrossEntropyLoss()
optimizer = optim.SGD(net.parameters(), lr=0.001, momentum=0.9)
step_losses = []
for inputs, labels in batches:
    optimizer.zero_grad()
    loss = criterion(net(inputs), labels)
    loss.backward()
    optimizer.step()
    step_losses.append(loss.item())
with torch.no_grad():
    outputs = net(batches[0][0])
    _, predicted = torch.max(outputs.data, 1)
json.dump({'torch': torch.__version__, 'init': checks, 'losses': step_losses, 'predicted': predicted.tolist(),
           'fc2BiasAfter': net.fc2.bias.tolist(), 'repr': repr(net)}, open(os.path.join(OUT, 'convnet.json'), 'w'), indent=1)

# ---- a small checkpoint saved by Python's torch.save, for torch.load -------------------------
torch.manual_seed(2)
small = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.Flatten(), nn.Linear(2 * 4 * 4, 3))
small(torch.randn(2, 1, 6, 6))
sgd = optim.SGD(small.parameters(), lr=0.01, momentum=0.9)
small(torch.randn(2, 1, 6, 6)).sum().backward()
sgd.step()
torch.save({'model': small.state_dict(), 'optimizer': sgd.state_dict(), 'epoch': 7, 'note': 'saved by PyTorch',
            'values': [1.5, 2, True, None], 'half': torch.tensor([1.5, -2.25], dtype=torch.float16),
            'view': torch.arange(12).reshape(3, 4)[:, 1]}, os.path.join(OUT, 'python_saved.pth'))
json.dump({'model': {k: enc(v) for k, v in small.state_dict().items()}, 'momentum0': enc(sgd.state_dict()['state'][0]['momentum_buffer'])},
          open(os.path.join(OUT, 'python_saved.json'), 'w'), separators=(',', ':'))
# ---- torch.utils.data: shuffles, splits and samplers draw PyTorch's numbers --------------------
from torch.utils.data import TensorDataset, DataLoader, random_split, RandomSampler, SubsetRandomSampler, WeightedRandomSampler, BatchSampler, SequentialSampler
from torch.utils.data import default_collate
data = {}
torch.manual_seed(0)
ds = TensorDataset(torch.arange(10), torch.arange(10) * 10)
loader = DataLoader(ds, batch_size=3, shuffle=True)
data['shuffleEpochs'] = [[b[0].tolist() for b in loader] for _ in range(2)]
data['afterShuffle'] = torch.rand(2).tolist()
torch.manual_seed(0)
g = torch.Generator().manual_seed(5)
data['shuffleWithGenerator'] = [b[0].tolist() for b in DataLoader(ds, batch_size=4, shuffle=True, generator=g, drop_last=True)]
data['afterGenerator'] = torch.rand(1).tolist()
torch.manual_seed(1)
data['randomSplit'] = [s.indices for s in random_split(range(10), [6, 4])]
data['randomSplitFractions'] = [s.indices for s in random_split(range(11), [0.5, 0.3, 0.2], generator=torch.Generator().manual_seed(3))]
torch.manual_seed(2)
data['randomSamplerReplacement'] = list(RandomSampler(range(7), replacement=True, num_samples=40))
data['randomSamplerNumSamples'] = list(RandomSampler(range(4), num_samples=10))
data['subsetRandom'] = list(SubsetRandomSampler([10, 20, 30, 40], generator=torch.Generator().manual_seed(4)))
data['weighted'] = list(WeightedRandomSampler([0.1, 0.9, 0.4, 0.0], 8, generator=torch.Generator().manual_seed(6)))
data['batchSampler'] = list(BatchSampler(SequentialSampler(range(7)), 3, drop_last=False))
c = default_collate([(torch.ones(2), 1, 0.5, True, 'a'), (torch.zeros(2), 2, 1.5, False, 'b')])
data['collate'] = {'tensor': c[0].tolist(), 'ints': c[1].tolist(), 'intsDtype': str(c[1].dtype), 'floats': c[2].tolist(), 'floatsDtype': str(c[2].dtype), 'bools': c[3].tolist(), 'strings': c[4]}
json.dump(data, open(os.path.join(OUT, 'data.json'), 'w'), indent=1)
print('wrote nn.json, optim.json, schedulers.json, convnet.json, python_saved.pth, data.json')
