#!/usr/bin/python3
"""Reference trajectories for the rest of torch.optim (test/optim-surface.test.ts), made by PyTorch:
    /usr/bin/python3 scripts/make_optim_surface_fixtures.py
Each optimizer, as Python constructs it and as a port writes it in TypeScript (scripts/pyts.py),
minimises the same small least-squares problem from the same start for 10 steps; the parameters
after every step are recorded. Writes test/fixtures/optim_surface.json (or torch-X.Y/...).
"""
import json
import os
import sys

import torch
import torch.optim as optim  # noqa: F401 (the table's sources use it)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_dir import fixtures_dir  # noqa: E402
from pyts import to_ts  # noqa: E402

CASES = [
    ('Adadelta', 'optim.Adadelta(params, lr=1.0, rho=0.8, weight_decay=0.01)'),
    ('Adamax', 'optim.Adamax(params, lr=0.05, betas=(0.8, 0.99))'),
    ('ASGD', 'optim.ASGD(params, lr=0.05, t0=3)'),
    ('NAdam', 'optim.NAdam(params, lr=0.05, weight_decay=0.01)'),
    ('RAdam', 'optim.RAdam(params, lr=0.05)'),
    ('RAdamLate', 'optim.RAdam(params, lr=0.05, betas=(0.5, 0.6))'),
    ('Rprop', 'optim.Rprop(params, lr=0.05)'),
    ('LBFGS', 'optim.LBFGS(params, lr=0.8)'),
    ('LBFGSHistory', 'optim.LBFGS(params, lr=0.5, max_iter=5, history_size=3)'),
    ('LBFGSWolfe', "optim.LBFGS(params, lr=1.0, line_search_fn='strong_wolfe')"),
    ('LBFGSWolfeShort', "optim.LBFGS(params, lr=0.3, max_iter=4, history_size=2, line_search_fn='strong_wolfe')"),
]
A = torch.tensor([[1.0, 2.0, -1.0], [0.5, -1.5, 2.0], [2.0, 0.3, 0.7], [-1.0, 1.0, 1.0]])
B = torch.tensor([1.0, -2.0, 0.5, 3.0])


def start():
    return [torch.tensor([0.3, -0.2, 0.5], requires_grad=True), torch.tensor([0.1], requires_grad=True)]


out = {'torch': torch.__version__, 'A': A.tolist(), 'B': B.tolist(), 'start': [p.tolist() for p in start()], 'cases': []}
for name, src in CASES:
    params = start()
    opt = eval(src)

    def closure():
        opt.zero_grad()
        w, b = params
        loss = ((A @ w + b - B) ** 2).mean()
        loss.backward()
        return loss

    steps, losses = [], []
    for _ in range(10):
        losses.append(float(opt.step(closure)))
        steps.append([p.detach().tolist() for p in params])
    out['cases'].append({'name': name, 'python': src, 'ts': to_ts(src), 'losses': losses, 'steps': steps,
                         'groupKeys': [k for k in opt.state_dict()['param_groups'][0] if k != 'params']})

# the optimizers for matrices (PyTorch 2.5's Adafactor, 2.9's Muon): a 3x2 weight (Muon's only
# parameter; Adafactor's factored path) and, for Adafactor, a vector bias; 10 steps
MATRIX_CASES = [
    ('Adafactor', 'optim.Adafactor(params, lr=0.05)', 'Adafactor'),
    ('AdafactorDecay', 'optim.Adafactor(params, lr=0.02, beta2_decay=-0.5, eps=(1e-20, 1e-2), d=1.5, weight_decay=0.1, maximize=False)', 'Adafactor'),
    ('Muon', 'optim.Muon([params[0]], lr=0.05)', 'Muon'),
    ('MuonPlain', "optim.Muon([params[0]], lr=0.02, weight_decay=0.0, momentum=0.8, nesterov=False, ns_steps=3, adjust_lr_fn='match_rms_adamw')", 'Muon'),
]
X = torch.tensor([[1.0, 2.0, -1.0], [0.5, -1.5, 2.0], [2.0, 0.3, 0.7], [-1.0, 1.0, 1.0], [0.2, 0.4, -0.6]])
Y = torch.tensor([[1.0, 0.0], [-2.0, 1.0], [0.5, 0.5], [3.0, -1.0], [0.0, 2.0]])


def matrix_start():
    return [torch.tensor([[0.3, -0.2], [0.5, 0.1], [-0.4, 0.2]], requires_grad=True), torch.tensor([0.1, -0.1], requires_grad=True)]


out['X'], out['Y'], out['matrixStart'] = X.tolist(), Y.tolist(), [p.tolist() for p in matrix_start()]
out['matrixCases'] = []
for name, src, cls in MATRIX_CASES:
    if not hasattr(optim, cls):
        continue
    params = matrix_start()
    opt = eval(src)
    steps, losses = [], []
    for _ in range(10):
        opt.zero_grad()
        W, b = params
        loss = ((X @ W + b - Y) ** 2).mean()
        loss.backward()
        opt.step()
        losses.append(float(loss))
        steps.append([p.detach().tolist() for p in params])
    out['matrixCases'].append({'name': name, 'python': src, 'ts': to_ts(src), 'losses': losses, 'steps': steps,
                               'groupKeys': [k for k in opt.state_dict()['param_groups'][0] if k != 'params'],
                               'stateKeys': sorted(opt.state_dict()['state'][0].keys())})

# the remaining lr schedulers: SGD(lr=0.1, momentum=0.9), 20 steps, the lr and momentum after each
SCHEDS = [
    ('MultiplicativeLR', 'optim.lr_scheduler.MultiplicativeLR(opt, lambda e: 0.9)'),
    ('ConstantLR', 'optim.lr_scheduler.ConstantLR(opt, factor=0.5, total_iters=4)'),
    ('PolynomialLR', 'optim.lr_scheduler.PolynomialLR(opt, total_iters=8, power=2.0)'),
    ('CosineAnnealingWarmRestarts', 'optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, T_0=3, T_mult=2, eta_min=0.01)'),
    ('CyclicLR', 'optim.lr_scheduler.CyclicLR(opt, base_lr=0.01, max_lr=0.1, step_size_up=3, step_size_down=5)'),
    ('CyclicLRTriangular2', "optim.lr_scheduler.CyclicLR(opt, 0.01, 0.1, 2, mode='triangular2')"),
    ('CyclicLRExpRange', "optim.lr_scheduler.CyclicLR(opt, 0.01, 0.1, 2, mode='exp_range', gamma=0.9, cycle_momentum=False)"),
    ('ChainedScheduler', 'optim.lr_scheduler.ChainedScheduler([optim.lr_scheduler.ConstantLR(opt, factor=0.5, total_iters=3), optim.lr_scheduler.ExponentialLR(opt, 0.9)])'),
]
out['schedulers'] = []
for name, src in SCHEDS:
    p = torch.zeros(1, requires_grad=True)
    opt = optim.SGD([p], lr=0.1, momentum=0.9)
    sched = eval(src)
    lrs, moms = [opt.param_groups[0]['lr']], [opt.param_groups[0]['momentum']]
    for _ in range(20):
        opt.step()
        sched.step()
        lrs.append(opt.param_groups[0]['lr'])
        moms.append(opt.param_groups[0]['momentum'])
    out['schedulers'].append({'name': name, 'python': src, 'ts': to_ts(src), 'lrs': lrs, 'momentums': moms})

with open(os.path.join(fixtures_dir(), 'optim_surface.json'), 'w') as f:
    json.dump(out, f)
print(f"wrote optim_surface.json: {len(out['cases'])} optimizers")
