#!/usr/bin/python3
"""The Python side of bench/overhead.ts: the same small ops, timed the same way (when asked, between
the Node side's blocks) or counted by callgrind.

  overhead.py --serve                a timing server for bench/interleaved.ts (timing_server.py)
  overhead.py --instructions N0 N1   for callgrind (--dump-before=getppid): each case runs N0 then N1
                                     times, os.getppid() marking the segments, each ended
                                     by a full collection as in overhead.ts
"""
import json
import os
import sys

import torch

from callgrind_segments import run_segments
from timing_server import serve

F = torch.nn.functional
a, b = torch.ones(1), torch.ones(1)
m = torch.ones(4, 4)
x, w, bias = torch.ones(8, 16), torch.ones(32, 16), torch.ones(32)
p = torch.nn.Parameter(torch.ones(4))
p.grad = torch.ones(4)
cases = {
    'add (1-element)': lambda: torch.add(a, b),
    'Tensor.add (1-element)': lambda: a.add(b),
    'mul (1-element)': lambda: a.mul(b),
    'relu (1-element)': lambda: torch.relu(a),
    'matmul 4x4': lambda: torch.matmul(m, m),
    'view(16) 4x4': lambda: m.view(16),
    'sum() 4x4': lambda: m.sum(),
    'F.linear 8x16 @ 16x32': lambda: F.linear(x, w, bias),
    'index m[1]': lambda: m[1],
    'item()': lambda: a.item(),
    'add_ in place (1-element)': lambda: a.add_(b),
    'zeros(1, 128)': lambda: torch.zeros(1, 128),
    # hand-written functions: their arguments bound by torch-node's binder (lib/bind.ts), by Python's here
    'F.softmax(m, dim=1) 4x4': lambda: F.softmax(m, dim=1),
    'F.leaky_relu(a, 0.2) (1-element)': lambda: F.leaky_relu(a, 0.2),
    'F.relu(a) (1-element)': lambda: F.relu(a),
    # what the tutorials' loops also call: a list of tensors, keyword dtypes, a cast, a comparison
    'cat([m, m], 1) 4x4': lambda: torch.cat([m, m], 1),
    'zeros(2, dtype=float64)': lambda: torch.zeros(2, dtype=torch.float64),
    'tensor([3], dtype=long)': lambda: torch.tensor([3], dtype=torch.long),
    'm.to(float64) 4x4': lambda: m.to(torch.float64),
    # the accuracy count of the classification tutorials: a named tuple (values, indices)
    'torch.max(m, 1) 4x4': lambda: torch.max(m, 1),
    'm.eq(m) 4x4': lambda: m.eq(m),
    'a.mul(0.5) (a number)': lambda: a.mul(0.5),
    'm.pow(2) 4x4': lambda: m.pow(2),
    'm.tolist() 4x4': lambda: m.tolist(),
    # attributes
    'p.grad': lambda: p.grad,
    'p.data': lambda: p.data,
    'shape': lambda: m.shape,
    'dtype': lambda: m.dtype,
    'requires_grad': lambda: p.requires_grad,
    'is_leaf': lambda: p.is_leaf,
}

# BENCH_ONLY, as bench/overhead.ts reads it: the cases whose name contains it
cases = {name: fn for name, fn in cases.items() if os.environ.get('BENCH_ONLY', '') in name}

if sys.argv[1:2] == ['--instructions']:
    n0, n1 = int(sys.argv[2]), int(sys.argv[3])
    run_segments(list(cases.values()), [(n0, n1)] * len(cases))
    print(json.dumps({'torch': torch.__version__, 'cases': list(cases)}))
elif sys.argv[1:2] == ['--serve']:
    serve(cases)
else:
    sys.exit(__doc__)
