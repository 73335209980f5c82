#!/usr/bin/python3
"""Reference values for custom autograd Functions, tensor and module hooks and the functional API
(test/autograd-function.test.ts), made by PyTorch:
    /usr/bin/python3 scripts/make_autograd_fixtures.py
Writes test/fixtures/autograd_function.json (or torch-X.Y/autograd_function.json).
"""
import json
import os
import sys

import torch
import torch.nn as nn
from torch.autograd import Function
from torch.autograd.function import once_differentiable

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_dir import fixtures_dir  # noqa: E402

out = {'torch': torch.__version__}
x0 = [0.5, -1.0, 2.0]


class ScaledExp(Function):
    """exp(x) * k with a non-tensor argument; records needs_input_grad."""
    @staticmethod
    def forward(ctx, x, k, y):
        r = x.exp() * k + y
        ctx.save_for_backward(r, y)
        ctx.k = k
        return r

    @staticmethod
    def backward(ctx, g):
        r, y = ctx.saved_tensors
        out['needs_input_grad'] = list(ctx.needs_input_grad)
        return g * (r - y), None, g if ctx.needs_input_grad[2] else None


x = torch.tensor(x0, requires_grad=True)
y = torch.tensor([1.0, 2.0, 3.0])
r = ScaledExp.apply(x, 3.0, y)
(r * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
out['scaled_exp'] = {'out': r.tolist(), 'grad': x.grad.tolist(), 'grad_fn': type(r.grad_fn).__name__}


class Clamp01(Function):
    """In place on its input (mark_dirty), with a once-differentiable backward."""
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x.clone())
        ctx.mark_dirty(x)
        return x.clamp_(0, 1)

    @staticmethod
    @once_differentiable
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return g * ((x >= 0) & (x <= 1)).to(g.dtype)


a = torch.tensor([-0.5, 0.3, 1.7, 0.9], requires_grad=True)
b = a * 2
c = Clamp01.apply(b)
(c * torch.tensor([1.0, 2.0, 3.0, 4.0])).sum().backward()
out['clamp_dirty'] = {'out': c.tolist(), 'grad': a.grad.tolist(), 'same_object': c is b}

# a tensor hook that rescales the gradient, and one that only looks
t = torch.tensor(x0, requires_grad=True)
u = t * t
seen = []
u.register_hook(lambda g: seen.append(g.tolist()))
u.register_hook(lambda g: g * 10)
u.sum().backward()
out['tensor_hook'] = {'seen': seen, 'grad': t.grad.tolist()}

# module hooks: a pre-hook that scales the input, a forward hook that adds to the output, a full
# backward hook that records the gradients and halves grad_input
torch.manual_seed(0)
lin = nn.Linear(3, 2)
calls = []
lin.register_forward_pre_hook(lambda m, args: (args[0] * 2,))
lin.register_forward_hook(lambda m, args, output: output + 1)


def bhook(m, gin, gout):
    calls.append({'gin': [g.tolist() if g is not None else None for g in gin], 'gout': [g.tolist() for g in gout]})
    return tuple(g / 2 if g is not None else None for g in gin)


lin.register_full_backward_hook(bhook)
xi = torch.tensor([[1.0, -1.0, 0.5], [0.2, 0.3, -0.4]], requires_grad=True)
yo = lin(xi)
(yo * torch.tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward()
out['module_hooks'] = {'state': {k: v.tolist() for k, v in lin.state_dict().items()}, 'out': yo.tolist(), 'x_grad': xi.grad.tolist(),
                       'calls': calls, 'weight_grad': lin.weight.grad.tolist()}

f = lambda v: (v ** 3).sum() + v[0] * v[1]  # noqa: E731
v = torch.tensor([1.0, 2.0, -1.0])
out['jacobian'] = torch.autograd.functional.jacobian(lambda v: torch.stack([v[0] * v[1], v.exp().sum(), v[2] ** 2]), v).tolist()
out['hessian'] = torch.autograd.functional.hessian(f, v).tolist()
out['jacobian_pair'] = [j.tolist() for j in torch.autograd.functional.jacobian(lambda p, q: p * q.sum(), (v, torch.tensor([2.0, 3.0])))]

with open(os.path.join(fixtures_dir(), 'autograd_function.json'), 'w') as fh:
    json.dump(out, fh)
print('wrote autograd_function.json')
