#!/usr/bin/python3
"""Reference values for subscripts with lists (test/tensor.test.ts), made by PyTorch:
/usr/bin/python3 scripts/make_indexing_fixtures.py
Writes test/fixtures/indexing.json (or torch-X.Y/indexing.json).

A lone list subscript is read by PyTorch's rule (treatSequenceAsTuple): holding a slice, None,
Ellipsis, a tensor or a list, it is the tuple of subscripts; otherwise it is one subscript, a long or
bool tensor made from it. Each case is Python source and the TypeScript a port writes
(scripts/pyts.py: x[i, j] becomes x.index(i, j); y[i] = v becomes y.indexPut_(i, v))."""
import ast
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_dir import fixtures_dir  # noqa: E402
from pyts import ts, to_ts  # noqa: E402


def enc(t):
    return {'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', ''), 'values': t.reshape(-1).tolist()}


x = torch.arange(24).reshape(2, 3, 4)
GET = [
    'x[[1, 0]]',
    'x[[True, False]]',
    'x[[True, 1]]',
    'x[[]]',
    'x[[1, 0], [2, 1]]',
    'x[[[0, 1], [1, 0]]]',
    'x[[[1, 0], [0, 1]], 0]',
    'x[[slice(1, None), slice(None, -1)]]',
    'x[[None, 0]]',
    'x[[Ellipsis, 1]]',
    'x[[0, [2, 0]]]',
    'x[[0, slice(None), [3, 1]]]',
    'x[0, [True, False, True]]',
    'x[[1, 0, 1, 1]]',
]
# y[subscript] = value, the subscript as one value (TypeScript has no tuples: a tuple is a list, which
# PyTorch's rule reads as the tuple where it holds a slice, a list, None or a tensor)
SET = [
    ('[True, False]', 0),
    ('[1, 0]', -1),
    ('[slice(None), 0]', 7),
    ('[[0, 1], [2, 0]]', 5),
    ('[0, [True, False, True]]', 9),
    ('[1, slice(None), [0, 3]]', -2),
]
out = {'torch': torch.__version__, 'x': enc(x), 'get': [], 'set': []}
for src in GET:
    out['get'].append({'python': src, 'ts': to_ts(src), 'result': enc(eval(src))})
for sub, value in SET:
    y = x.clone()
    y[eval(sub)] = value
    out['set'].append({'python': f'y[{sub}] = {value}', 'ts': f'y.indexPut_({ts(ast.parse(sub, mode="eval").body)}, {value})', 'result': enc(y)})

with open(os.path.join(fixtures_dir(), 'indexing.json'), 'w') as f:
    json.dump(out, f, indent=1)
print('wrote indexing.json')
