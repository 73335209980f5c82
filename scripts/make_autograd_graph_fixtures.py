#!/usr/bin/python3
"""Reference values for walking the autograd graph (test/autograd.test.ts): each grad_fn's name, its
next_functions and the leaf an AccumulateGrad holds, as the 60 Minute Blitz's neural network
tutorial walks them (loss.grad_fn.next_functions[0][0]...), made by PyTorch:
    /usr/bin/python3 scripts/make_autograd_graph_fixtures.py
Writes test/fixtures/autograd_graph.json (or torch-X.Y/autograd_graph.json).
"""
import json
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_dir import fixtures_dir  # noqa: E402


def leaves():
    w = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5]], requires_grad=True)
    b = torch.tensor([0.1, -0.2], requires_grad=True)
    x = torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 0.0]])
    target = torch.tensor([[0.0, 1.0], [1.0, 0.0]])
    return w, b, x, target


# each graph: Python source over the leaves w, b (requiring grad) and x, target (not), as the test
# writes it in TypeScript
GRAPHS = {
    'mse(relu(linear))': ('F.mse_loss(F.relu(F.linear(x, w, b)), target)',
                          'F.mseLoss(F.relu(F.linear(x, w, b)), target)'),
    'a product with a constant': ('(w * x).sum()', 'w.mul(x).sum()'),
    'view, transpose and matmul': ('x.matmul(w.t()).view(-1).add(b.repeat(2)).mean()',
                                   'x.matmul(w.t()).view(-1).add(b.repeat(2)).mean()'),
    'one leaf used twice': ('w.mul(w).sum()', 'w.mul(w).sum()'),
}


def walk(fn, named):
    if fn is None:
        return None
    node = {'name': fn.name(), 'type': type(fn).__name__, 'next': [[walk(f, named), nr] for f, nr in fn.next_functions]}
    if hasattr(fn, 'variable'):
        node['variable'] = next(k for k, v in named.items() if v is fn.variable)
    return node


out = {'torch': torch.__version__, 'graphs': []}
for label, (python, ts) in GRAPHS.items():
    w, b, x, target = leaves()
    r = eval(python)  # noqa: S307 (this file's own expressions)
    out['graphs'].append({'label': label, 'python': python, 'ts': ts, 'gradFn': walk(r.grad_fn, {'w': w, 'b': b})})

with open(os.path.join(fixtures_dir(), 'autograd_graph.json'), 'w') as f:
    json.dump(out, f, indent=1)
print('wrote autograd_graph.json')
