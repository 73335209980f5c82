#!/usr/bin/python3
"""The Python side of bench/overhead.ts: the same small ops, timed the same way, printed as JSON."""
import json
import sys
import time

import torch

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
REPS = 5
a, b = torch.ones(1), torch.ones(1)
m = torch.ones(4, 4)
cases = {
    'add (1-element)': lambda: torch.add(a, b),
    'Tensor.add (1-element)': lambda: a.add(b),
    'relu (1-element)': lambda: torch.relu(a),
    'matmul 4x4': lambda: torch.matmul(m, m),
    'add_ in place (1-element)': lambda: a.add_(b),
    # hand-written functions: their arguments bound by torch-node's binder (lib/bind.ts), by Python's here
    'F.softmax(m, dim=1) 4x4': lambda: torch.nn.functional.softmax(m, dim=1),
    'F.leaky_relu(a, 0.2) (1-element)': lambda: torch.nn.functional.leaky_relu(a, 0.2),
}
out = {}
for name, fn in cases.items():
    for _ in range(N // 10):
        fn()
    runs = []
    for _ in range(REPS):
        t = time.perf_counter()
        for _ in range(N):
            fn()
        runs.append((time.perf_counter() - t) / N * 1e6)
    runs.sort()
    out[name] = runs[REPS // 2]
print(json.dumps({'torch': torch.__version__, 'us': out}))
