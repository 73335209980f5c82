#!/usr/bin/python3
"""Reference values for subscripts with lists and the Tensor methods torch-node writes by hand
(test/tensor.test.ts), made by PyTorch:
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
# Tensor.index_put_/index_put (PyTorch's indices: a tuple of tensors), new_tensor, index_copy and the
# older names, on y (a copy of x) with long index tensors i, j, k and values v, w
i, j, k = torch.tensor([1, 1, 0]), torch.tensor([2, 2, 0]), torch.tensor([1, 0])
v, w = torch.tensor(5), torch.tensor([10, 20, 30, 40])
METHODS = [
    'y.index_put_((i,), v, accumulate=True)',
    'y.index_put_((i,), v)',
    'y.index_put_([i, j], w, True)',
    'y.index_put((i, j), w, accumulate=True)',
    'y.index_put((i, j), w)',
    'y.index_copy(1, k, y.narrow(1, 0, 2).neg())',
    'y.index_copy_(0, k, y.flip(0))',
    'y.new_tensor([[1, 2], [3, 4]])',
    'y.float().new_tensor([1, 2])',
    'y.new_tensor([1, 2], dtype=torch.float64)',
    'y.new_tensor([1, 2], requires_grad=True, dtype=torch.float32).requires_grad',
    'y.nelement()',
    'y.ndimension()',
    'y.get_device()',
    'y.is_same_size(x)',
    'y.is_same_size(y[0])',
    # the other methods torch-node writes by hand, with their parameters
    'y.size(dim=-1)',
    'y.stride(1)',
    'torch.stack(y.split(1, dim=1))',
    'torch.stack(y.chunk(2, dim=2))',
    'y.float(memory_format=torch.contiguous_format)',
    'y.view(2, 3, 4, 1).is_contiguous(memory_format=torch.channels_last)',
    'y.view(1, 2, 3, 4).contiguous(memory_format=torch.channels_last).is_contiguous()',
    'y.view(1, 2, 3, 4).contiguous(memory_format=torch.channels_last).is_contiguous(memory_format=torch.channels_last)',
    'y.view(1, 2, 3, 4).contiguous(memory_format=torch.channels_last).double().is_contiguous(memory_format=torch.channels_last)',
    'y.view(1, 2, 3, 4).contiguous(memory_format=torch.channels_last).long(memory_format=torch.contiguous_format).is_contiguous()',
    'y.view(1, 2, 3, 4).is_contiguous(memory_format=torch.preserve_format)',
    'y.view(1, 2, 1, 3, 4).contiguous(memory_format=torch.channels_last_3d).is_contiguous(memory_format=torch.channels_last_3d)',
    'y.float().requires_grad_(requires_grad=True).requires_grad',
    # as_tuple, Tensor.where, Tensor.type's parameters, x.H: bound by PyTorch's parser, not its docstrings
    'y.gt(10).nonzero()',
    'y.gt(10).nonzero(as_tuple=True)',
    'torch.nonzero(y.index_select(2, k), as_tuple=True)',
    'torch.nonzero(y.eq(5), as_tuple=False)',
    'y[y.gt(10).nonzero(as_tuple=True)]',
    'y.where(y.gt(10), y.neg())',
    'y.where(condition=y.lt(3), other=x.flip(0))',
    'y.type()',
    'y.type(torch.float64)',
    "y.type('torch.IntTensor')",
    'y.type(dtype=torch.int16, non_blocking=False)',
    'y.is_same_size(other=x)',
    'y[0].H',
    'y[0, 0, 0].H',
    # to() returns the tensor itself where the memory format asked for is the one its strides suggest
    'y[0].float().t().to(memory_format=torch.contiguous_format).is_contiguous()',
    'y.view(1, 2, 3, 4).to(memory_format=torch.channels_last).is_contiguous()',
    'y.view(1, 2, 3, 4).to(memory_format=torch.channels_last).to(memory_format=torch.channels_last).is_contiguous(memory_format=torch.channels_last)',
    'y.view(1, 2, 3, 4).float(memory_format=torch.preserve_format).is_contiguous()',
    # numpy's names, which PyTorch's parser also takes for dim, keepdim, input and other
    'y.sum(axis=1)',
    'y.sum(axis=0, keepdims=True)',
    'torch.max(y, axis=2).values',
    'torch.mean(y.float(), axis=(0, 2))',
    'torch.add(x1=y, x2=x)',
    # torch.norm and Tensor.norm, PyTorch's Python functions over torch.linalg ('fro', 'nuc', numbers)
    "torch.norm(y.float(), p='fro')",
    'torch.norm(y.float())',
    "y.float().norm(p='nuc', dim=(1, 2))",
    'y.float().norm(1, dim=1, keepdim=True)',
    "y.float().norm('fro', 2)",
    'y.float().norm(p=float("inf"), dim=0)',
    'y.float().norm(2, dtype=torch.float64)',
    # dtypes as values: limits and promotion
    'torch.finfo(torch.float16).eps',
    'torch.finfo(torch.bfloat16).max',
    'torch.finfo(torch.float32).tiny',
    'torch.finfo(torch.float64).smallest_normal',
    'torch.finfo(type=torch.float32).resolution',
    'torch.finfo().bits',
    'torch.finfo(torch.float16).min',
    'torch.iinfo(torch.int16).min',
    'torch.iinfo(torch.uint8).max',
    'torch.iinfo(torch.int32).bits',
    'torch.promote_types(torch.uint8, torch.int8)',
    'torch.promote_types(torch.float16, torch.bfloat16)',
    'torch.promote_types(type1=torch.bool, type2=torch.int32)',
    'torch.result_type(y, 2.5)',
    'torch.result_type(y.int(), y[0, 0, 0])',
    'torch.result_type(y.int(), y.float()[0, 0, 0])',
    'torch.result_type(y.byte(), -1)',
    'torch.result_type(y.half(), y.bfloat16())',
    'torch.can_cast(torch.float32, torch.int32)',
    'torch.can_cast(torch.int32, torch.float16)',
    'torch.can_cast(torch.bool, torch.uint8)',
    'torch.broadcast_shapes((2,), (3, 1), (1, 1, 1))',
    'torch.broadcast_shapes(4, (2, 1))',
    'torch.is_floating_point(y)',
    'torch.is_floating_point(input=y.float())',
]
REPRS = ['torch.finfo(torch.float16)', 'torch.finfo(torch.bfloat16)', 'torch.finfo(torch.float32)', 'torch.finfo(torch.float64)',
         'torch.iinfo(torch.uint8)', 'torch.iinfo(torch.int8)', 'torch.iinfo(torch.int16)', 'torch.iinfo(torch.int32)', 'torch.iinfo(torch.int64)']
out = {'torch': torch.__version__, 'x': enc(x), 'get': [], 'set': [], 'methods': [],
       'i': enc(i), 'j': enc(j), 'k': enc(k), 'v': enc(v), 'w': enc(w)}
for src in METHODS:
    y = x.clone()
    r = eval(src)
    result = (enc(r) if isinstance(r, torch.Tensor) else {'list': list(r)} if isinstance(r, torch.Size)
              else {'list': [enc(e) for e in r]} if isinstance(r, tuple) else {'dtype': str(r).replace('torch.', '')} if isinstance(r, torch.dtype) else r)
    out['methods'].append({'python': src, 'ts': to_ts(src), 'result': result, 'y': enc(y)})
for src in GET:
    out['get'].append({'python': src, 'ts': to_ts(src), 'result': enc(eval(src))})
for sub, value in SET:
    y = x.clone()
    y[eval(sub)] = value
    out['set'].append({'python': f'y[{sub}] = {value}', 'ts': f'y.indexPut_({ts(ast.parse(sub, mode="eval").body)}, {value})', 'result': enc(y)})

out['reprs'] = [{'python': src, 'ts': to_ts(src), 'repr': repr(eval(src))} for src in REPRS]

with open(os.path.join(fixtures_dir(), 'indexing.json'), 'w') as f:
    json.dump(out, f, indent=1)
print('wrote indexing.json')
