#!/usr/bin/python3
"""Makes the reference values the tests compare against, with PyTorch itself.

Run with Debian's python3-torch (the same libtorch the addon links):
    /usr/bin/python3 scripts/make_fixtures.py
Writes test/fixtures/*.json. Each op case is one line below: (function or method, name,
args, kwargs); '$x' names an input tensor. test/ops.test.ts replays every case through
torch-node, with names and keyword names in camelCase.
"""
import json
import math
import os
import re

import torch

from fixture_dir import fixtures_dir

OUT = fixtures_dir()

def camel(s):
    return re.sub(r'(?<=[a-z0-9])_([a-z0-9])', lambda m: m.group(1).upper(), s)

def enc_num(x):
    if isinstance(x, bool):
        return x
    if isinstance(x, float) and (math.isnan(x) or math.isinf(x)):
        return 'nan' if math.isnan(x) else ('inf' if x > 0 else '-inf')
    return x

def enc(v):
    if isinstance(v, torch.Tensor):
        t = v.detach()
        return {'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', ''),
                'values': [enc_num(x) for x in t.reshape(-1).tolist()]}
    if isinstance(v, (tuple, list)):
        out = {'list': [enc(x) for x in v]}
        if hasattr(v, '_fields'):
            out['names'] = [camel(f) for f in v._fields]
        return out
    if isinstance(v, torch.dtype):
        return {'dtype': str(v).replace('torch.', '')}
    return enc_num(v)

torch.manual_seed(0)
inputs = {
    'a': (torch.arange(12, dtype=torch.float32).reshape(3, 4) / 7 - 0.8),
    'b': (torch.arange(12, dtype=torch.float32).reshape(3, 4).flip(1) / 5 - 1.1),
    'v': torch.tensor([0.5, -1.5, 2.0, 0.25]),
    'w': torch.tensor([1.0, 2.0, -0.5]),
    'm': (torch.arange(12, dtype=torch.float32).reshape(4, 3) / 11 - 0.3),
    'i': torch.tensor([[3, -1, 4, 1], [5, -9, 2, 6], [5, 3, -5, 8]]),
    'j': torch.tensor([[2, 2, 3, 1], [1, 4, 2, 3], [7, 1, 1, 2]]),
    'p': (torch.arange(12, dtype=torch.float32).reshape(3, 4) + 0.5) / 3,
    'u': (torch.arange(12, dtype=torch.float32).reshape(3, 4) - 5.5) / 7,
    'mask': torch.tensor([[True, False, True, False], [False, False, True, True], [True, True, False, False]]),
    'idx': torch.tensor([2, 0]),
    'gidx': torch.tensor([[0, 1, 2, 0], [2, 2, 1, 0], [1, 0, 0, 2]]),
    'sq': torch.tensor([[4.0, 1.0, 0.5, 0.0], [1.0, 3.0, 0.0, 0.2], [0.5, 0.0, 2.0, 0.3], [0.0, 0.2, 0.3, 1.5]]),
    'b3': (torch.arange(24, dtype=torch.float32).reshape(2, 3, 4) / 10 - 1),
    'm2': (torch.arange(12, dtype=torch.float32).reshape(4, 3) / 5 - 1.1).cos(),
    'c3': (torch.arange(40, dtype=torch.float32).reshape(2, 4, 5) / 13 - 1.2),
    'd': torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64),
    'img': (torch.arange(2 * 3 * 5 * 5, dtype=torch.float32).reshape(2, 3, 5, 5) / 50 - 1),
    'kern': (torch.arange(4 * 3 * 3 * 3, dtype=torch.float32).reshape(4, 3, 3, 3) / 100 - 0.5),
    'sorted': torch.tensor([1.0, 3.0, 5.0, 7.0]),
    'logits': torch.tensor([[1.0, 2.0, 0.5], [0.1, -1.0, 3.0]]),
    'target': torch.tensor([2, 0]),
}

F, M = 'f', 'm'
cases = [
    # pointwise
    (F, 'add', ['$a', '$b'], {}), (F, 'add', ['$a', 2], {}), (F, 'add', ['$a', '$b'], {'alpha': 3}),
    (M, 'add', ['$i', 2], {}), (M, 'add', ['$i', 0.5], {}), (F, 'sub', ['$a', '$v'], {}), (F, 'mul', ['$a', '$v'], {}),
    (F, 'div', ['$a', '$p'], {}), (F, 'div', ['$i', '$j'], {'rounding_mode': 'floor'}), (F, 'div', ['$i', 2], {}),
    (F, 'true_divide', ['$a', 3], {}), (F, 'remainder', ['$i', 3], {}), (F, 'fmod', ['$i', 3], {}),
    (F, 'pow', ['$p', 2], {}), (F, 'pow', ['$p', '$a'], {}), (F, 'neg', ['$a'], {}), (F, 'abs', ['$a'], {}),
    (F, 'exp', ['$a'], {}), (F, 'expm1', ['$a'], {}), (F, 'log', ['$p'], {}), (F, 'log2', ['$p'], {}),
    (F, 'log10', ['$p'], {}), (F, 'log1p', ['$p'], {}), (F, 'sqrt', ['$p'], {}), (F, 'rsqrt', ['$p'], {}),
    (F, 'sin', ['$a'], {}), (F, 'cos', ['$a'], {}), (F, 'tan', ['$u'], {}), (F, 'asin', ['$u'], {}),
    (F, 'acos', ['$u'], {}), (F, 'atan', ['$a'], {}), (F, 'atan2', ['$a', '$b'], {}), (F, 'sinh', ['$a'], {}),
    (F, 'cosh', ['$a'], {}), (F, 'tanh', ['$a'], {}), (F, 'asinh', ['$a'], {}), (F, 'atanh', ['$u'], {}),
    (F, 'sigmoid', ['$a'], {}), (F, 'relu', ['$a'], {}), (F, 'floor', ['$a'], {}), (F, 'ceil', ['$a'], {}),
    (F, 'round', ['$a'], {}), (F, 'trunc', ['$a'], {}), (F, 'frac', ['$a'], {}), (F, 'sign', ['$a'], {}),
    (F, 'reciprocal', ['$p'], {}), (F, 'square', ['$a'], {}), (F, 'erf', ['$a'], {}), (F, 'erfinv', ['$u'], {}),
    (F, 'lgamma', ['$p'], {}), (F, 'digamma', ['$p'], {}), (F, 'clamp', ['$a'], {'min': -0.5, 'max': 0.5}),
    (F, 'clamp', ['$a', -0.2], {}), (M, 'clip', ['$a', -0.1, 0.3], {}), (F, 'lerp', ['$a', '$b', 0.25], {}),
    (F, 'hypot', ['$a', '$b'], {}), (F, 'logaddexp', ['$a', '$b'], {}), (F, 'xlogy', ['$p', '$p'], {}),
    (F, 'maximum', ['$a', '$b'], {}), (F, 'minimum', ['$a', '$b'], {}), (F, 'addcmul', ['$a', '$b', '$p'], {'value': 0.5}),
    (F, 'addcdiv', ['$a', '$b', '$p'], {'value': 2}), (F, 'where', ['$mask', '$a', '$b'], {}),
    (F, 'bitwise_and', ['$i', '$j'], {}), (F, 'bitwise_or', ['$i', '$j'], {}), (F, 'bitwise_xor', ['$i', '$j'], {}),
    (F, 'bitwise_not', ['$i'], {}), (F, 'logical_and', ['$mask', '$a'], {}), (F, 'logical_not', ['$mask'], {}),
    (F, 'logical_or', ['$mask', '$i'], {}), (F, 'logical_xor', ['$mask', '$i'], {}), (F, 'deg2rad', ['$a'], {}),
    (F, 'rad2deg', ['$a'], {}), (F, 'exp2', ['$a'], {}), (F, 'logit', ['$p'], {'eps': 0.01}), (F, 'sinc', ['$a'], {}),
    (F, 'heaviside', ['$a', '$b'], {}), (F, 'nan_to_num', ['$a'], {}), (M, 'float_power', ['$p', 2], {}),
    # comparisons
    (F, 'eq', ['$i', '$j'], {}), (M, 'eq', ['$i', 5], {}), (F, 'ne', ['$i', '$j'], {}), (F, 'lt', ['$a', '$b'], {}),
    (F, 'le', ['$a', 0], {}), (F, 'gt', ['$a', '$b'], {}), (F, 'ge', ['$i', 2], {}), (F, 'isclose', ['$a', '$a'], {}),
    (F, 'allclose', ['$a', '$b'], {}), (F, 'equal', ['$a', '$a'], {}), (F, 'isfinite', ['$a'], {}), (F, 'isnan', ['$a'], {}),
    (F, 'isinf', ['$a'], {}),
    # reductions
    (F, 'sum', ['$a'], {}), (F, 'sum', ['$a', 1], {}), (F, 'sum', ['$a'], {'dim': [0, 1], 'keepdim': True}),
    (M, 'sum', ['$i', 0], {}), (F, 'mean', ['$a'], {}), (F, 'mean', ['$a', 0, True], {}), (F, 'prod', ['$p'], {}),
    (F, 'prod', ['$p', 1], {}), (F, 'std', ['$a'], {}), (F, 'std', ['$a', 1], {}), (F, 'var', ['$a'], {}),
    (F, 'var', ['$a', 0], {'unbiased': False}), (F, 'std_mean', ['$a'], {'dim': 1}), (F, 'var_mean', ['$a', 0], {}),
    (F, 'max', ['$a'], {}), (F, 'max', ['$a', 1], {}), (F, 'max', ['$a', 0, True], {}), (F, 'max', ['$a', '$b'], {}),
    (F, 'min', ['$a'], {}), (F, 'min', ['$a', 1], {}), (F, 'amax', ['$a', 1], {}), (F, 'amin', ['$a', 0], {}),
    (F, 'aminmax', ['$a'], {}), (F, 'argmax', ['$a'], {}), (F, 'argmax', ['$a', 1], {}), (F, 'argmin', ['$a', 0], {}),
    (F, 'median', ['$a'], {}), (F, 'median', ['$a', 1], {}), (F, 'mode', ['$i', 0], {}), (F, 'kthvalue', ['$a', 2, 1], {}),
    (F, 'logsumexp', ['$a', 1], {}), (F, 'norm', ['$a'], {}), (F, 'norm', ['$a', 1], {}),
    (F, 'all', ['$mask'], {}), (F, 'any', ['$mask', 1], {}), (F, 'count_nonzero', ['$i'], {}), (F, 'cumsum', ['$a', 1], {}),
    (F, 'cumprod', ['$p', 0], {}), (F, 'cummax', ['$a', 1], {}), (F, 'cummin', ['$a', 0], {}),
    (F, 'logcumsumexp', ['$a', 1], {}), (F, 'nansum', ['$a'], {}), (F, 'nanmean', ['$a'], {}),
    (F, 'sort', ['$a'], {}), (F, 'sort', ['$a', 0], {'descending': True}), (F, 'argsort', ['$a', 1], {}),
    (F, 'topk', ['$a', 2], {}), (F, 'topk', ['$a', 2, 0], {'largest': False}), (F, 'msort', ['$a'], {}),
    (F, 'unique_consecutive', ['$sorted'], {}), (F, 'unique', ['$i'], {}), (F, 'unique', ['$i'], {'return_counts': True, 'return_inverse': True}),
    (F, 'unique_consecutive', ['$j'], {'return_counts': True}), (F, 'tensordot', ['$b3', '$c3'], {'dims': [[2], [1]]}), (F, 'meshgrid', ['$v', '$w'], {'indexing': 'ij'}), (F, 'bincount', ['$idx'], {}), (F, 'histc', ['$a'], {'bins': 4}),
    (F, 'dist', ['$a', '$b'], {}), (F, 'cdist', ['$a', '$b'], {}),
    # linear algebra
    (F, 'matmul', ['$a', '$m'], {}), (F, 'matmul', ['$a', '$v'], {}), (F, 'mm', ['$a', '$m'], {}), (F, 'mv', ['$a', '$v'], {}),
    (F, 'bmm', ['$b3', '$c3'], {}), (F, 'dot', ['$v', '$v'], {}), (F, 'outer', ['$v', '$w'], {}),
    (F, 'addmm', ['$a', '$a', '$sq'], {'beta': 0.5, 'alpha': 2}),
    (F, 'einsum', ['ij,jk->ik', ['$a', '$m']], {}),
    (F, 'inverse', ['$sq'], {}), (F, 'det', ['$sq'], {}), (F, 'logdet', ['$sq'], {}), (F, 'trace', ['$sq'], {}),
    (F, 'tril', ['$a'], {}), (F, 'triu', ['$a', 1], {}), (F, 'diag', ['$v'], {}), (F, 'diag', ['$sq'], {}),
    (F, 'diagonal', ['$a'], {'offset': 1}), (F, 'diag_embed', ['$a'], {}), (F, 'kron', ['$w', '$v'], {}),
    (F, 'cross', ['$a', '$b'], {'dim': 0}), (F, 'tensordot', ['$a', '$m'], {'dims': 1}), (F, 'inner', ['$a', '$b'], {}),
    (F, 'cosine_similarity', ['$a', '$b'], {}), (F, 'pinverse', ['$a'], {}), (F, 'matrix_power', ['$sq', 3], {}),
    # torch.linalg, torch.fft, torch.special
    (F, 'linalg.norm', ['$a'], {}), (F, 'linalg.norm', ['$sq', 'fro'], {}), (F, 'linalg.vector_norm', ['$a', 3], {'dim': 1}),
    (F, 'linalg.matrix_norm', ['$sq'], {'ord': 1}), (F, 'linalg.det', ['$sq'], {}), (F, 'linalg.inv', ['$sq'], {}),
    (F, 'linalg.solve', ['$sq', '$m'], {}), (F, 'linalg.slogdet', ['$sq'], {}), (F, 'linalg.pinv', ['$a'], {}),
    (F, 'linalg.matrix_rank', ['$a'], {}), (F, 'linalg.cholesky', ['$sq'], {}), (F, 'linalg.eigvalsh', ['$sq'], {}),
    (F, 'linalg.svdvals', ['$a'], {}), (F, 'linalg.cross', ['$m', '$m2'], {}), (F, 'linalg.matrix_power', ['$sq', 2], {}),
    (F, 'linalg.multi_dot', [['$a', '$m', '$w']], {}), (F, 'linalg.vecdot', ['$a', '$b'], {}),
    (F, 'fft.fftfreq', [5], {}), (F, 'fft.rfftfreq', [6, 0.5], {}), (F, 'fft.fftshift', ['$a'], {}), (F, 'fft.ifftshift', ['$a', 1], {}),
    (F, 'fft.hfft', ['$v'], {}), (F, 'fft.irfft', ['$a'], {'n': 6}),
    (F, 'special.erfcx', ['$a'], {}), (F, 'special.ndtr', ['$a'], {}), (F, 'special.entr', ['$p'], {}), (F, 'special.xlog1py', ['$p', '$p'], {}),
    (F, 'special.i0e', ['$a'], {}), (F, 'special.log_ndtr', ['$a'], {}), (F, 'special.logsumexp', ['$a', 1], {}),
    # shapes and indexing
    (M, 'view', ['$a', -1], {}), (M, 'view', ['$a', 2, 6], {}), (M, 'view', ['$a', [6, 2]], {}), (F, 'reshape', ['$a', [4, 3]], {}),
    (M, 'reshape', ['$a', 2, -1], {}), (F, 'permute', ['$b3', [2, 0, 1]], {}), (M, 'permute', ['$b3', 1, 2, 0], {}),
    (F, 'transpose', ['$a', 0, 1], {}), (F, 't', ['$a'], {}), (F, 'squeeze', ['$w'], {}), (F, 'unsqueeze', ['$a', 1], {}),
    (F, 'flatten', ['$b3'], {}), (F, 'flatten', ['$b3', 1], {}), (F, 'cat', [['$a', '$b']], {}), (F, 'cat', [['$a', '$b'], 1], {}),
    (F, 'stack', [['$a', '$b']], {}), (F, 'stack', [['$a', '$b'], 2], {}), (F, 'hstack', [['$a', '$b']], {}),
    (F, 'vstack', [['$a', '$b']], {}), (F, 'split', ['$a', 2], {}), (F, 'split', ['$a', [1, 3], 1], {}),
    (F, 'chunk', ['$a', 2, 1], {}), (F, 'unbind', ['$a'], {}), (M, 'expand', ['$w', 2, 3], {}), (M, 'expand', ['$w', [2, 3]], {}),
    (M, 'repeat', ['$w', 2, 2], {}), (F, 'tile', ['$w', [2]], {}), (M, 'contiguous', ['$a'], {}), (F, 'narrow', ['$a', 1, 1, 2], {}),
    (F, 'index_select', ['$a', 1, '$idx'], {}), (F, 'gather', ['$a', 1, '$gidx'], {}), (F, 'take', ['$a', '$idx'], {}),
    (F, 'take_along_dim', ['$a', '$gidx', 1], {}), (F, 'scatter', ['$a', 1, '$gidx', '$b'], {}),
    (F, 'scatter', ['$a', 1, '$gidx', 0.5], {}), (F, 'scatter_add', ['$a', 1, '$gidx', '$b'], {}),
    (F, 'masked_fill', ['$a', '$mask', 0.0], {}), (F, 'masked_select', ['$a', '$mask'], {}), (F, 'nonzero', ['$mask'], {}),
    (F, 'flip', ['$a', [0]], {}), (F, 'fliplr', ['$a'], {}), (F, 'roll', ['$a', 1, 1], {}), (F, 'rot90', ['$a'], {}),
    (F, 'movedim', ['$b3', 0, 2], {}), (F, 'select', ['$a', 1, 2], {}), (F, 'repeat_interleave', ['$w', 2], {}),
    (F, 'broadcast_to', ['$w', [2, 3]], {}), (F, 'searchsorted', ['$sorted', '$v'], {}), (F, 'bucketize', ['$v', '$sorted'], {}),
    (F, 'diff', ['$a'], {}), (F, 'clone', ['$a'], {}), (M, 'new_zeros', ['$a', [2]], {}), (M, 'new_ones', ['$i', 2, 2], {}),
    (M, 'new_full', ['$a', [2], 3.5], {}), (M, 'view_as', ['$a', '$b'], {}), (M, 'expand_as', ['$v', '$a'], {}),
    (M, 'type_as', ['$i', '$a'], {}), (M, 'fill_', ['$a', 2.5], {}), (M, 'zero_', ['$a'], {}),
    (M, 'add_', ['$a', '$b'], {}), (M, 'mul_', ['$a', 3], {}), (M, 'clamp_', ['$a'], {'min': 0}), (M, 'relu_', ['$a'], {}),
    (M, 'masked_fill_', ['$a', '$mask', -1], {}), (M, 'copy_', ['$a', '$b'], {}), (M, 'unsqueeze_', ['$w', 0], {}),
    # nn functional ops that live in ATen
    (F, 'softmax', ['$logits', 1], {}), (F, 'log_softmax', ['$logits', 1], {}), (F, 'conv2d', ['$img', '$kern'], {'padding': 1}),
    (F, 'conv2d', ['$img', '$kern'], {'stride': 2}), (F, 'max_pool2d', ['$img', 2], {}), (F, 'avg_pool1d', ['$b3', 2], {}),
    (F, 'dropout', ['$a', 0.5, False], {}), (F, 'layer_norm', ['$a', [4]], {}),
    (F, 'group_norm', ['$img', 3], {}), (F, 'batch_norm', ['$img', None, None, None, None, True, 0.1, 1e-5, False], {}),
    (F, 'pixel_shuffle', ['$kern', 1], {}),
    (F, 'selu', ['$a'], {}), (F, 'celu', ['$a'], {}), (F, 'rrelu', ['$a'], {'training': False}),
    # nn.functional's own (not in torch's namespace): the scalar fast path's op (scripts/fast-ops.txt)
    (F, 'nn.functional.leaky_relu', ['$a', 0.2], {}), (F, 'nn.functional.leaky_relu', ['$a'], {'negative_slope': 0.1}),
    (F, 'nn.functional.leaky_relu', ['$d', 0.5], {}),
    (F, 'threshold', ['$a', 0.1, 20], {}), (F, 'pdist', ['$a'], {}), (F, 'pairwise_distance', ['$a', '$b'], {}),
    # dtype behaviour and conversions
    (F, 'add', ['$i', '$a'], {}), (F, 'mul', ['$d', 2], {}), (F, 'sum', ['$i'], {'dtype': torch.float64}),
    (M, 'to', ['$a', torch.float64], {}), (M, 'to', ['$i', torch.float32], {}), (M, 'double', ['$a'], {}),
    (M, 'long', ['$a'], {}), (M, 'int', ['$p'], {}), (M, 'bool', ['$i'], {}), (M, 'half', ['$a'], {}),
    (M, 'float', ['$mask'], {}), (M, 'bfloat16', ['$a'], {}),
]

if hasattr(torch.linalg, 'matrix_sqrth'):  # PyTorch 2.14's
    cases += [(F, 'linalg.matrix_sqrth', ['$sq'], {}), (F, 'linalg.polar', ['$sq'], {}), (F, 'linalg.polar', ['$m2'], {})]

def resolve(x):
    if isinstance(x, str) and x.startswith('$'):
        return inputs[x[1:]].clone()
    if isinstance(x, list):
        return [resolve(y) for y in x]
    return x

def spec(x):
    if isinstance(x, str) and x.startswith('$'):
        return {'$': x[1:]}
    if isinstance(x, list):
        return [spec(y) for y in x]
    if isinstance(x, torch.dtype):
        return {'dtype': str(x).replace('torch.', '')}
    return enc_num(x)

out_cases = []
for kind, name, args, kwargs in cases:
    rargs = resolve(args)
    rkw = {k: resolve(v) for k, v in kwargs.items()}
    fn = rargs[0] if kind == M else torch
    for part in name.split('.'):  # torch.linalg.norm: a namespace, then the function
        fn = getattr(fn, part)
    res = fn(*rargs, **rkw) if kind == F else fn(*rargs[1:], **rkw)
    out_cases.append({
        'kind': 'function' if kind == F else 'method', 'name': camel(name), 'pyName': name,
        'args': spec(args), 'kwargs': {camel(k): spec(v) for k, v in kwargs.items()},
        'result': enc(res),
        # in-place methods: the receiver's values afterwards
        'self': enc(rargs[0]) if kind == M and name.endswith('_') else None,
    })

json.dump({'torch': torch.__version__, 'inputs': {k: enc(v) for k, v in inputs.items()}, 'cases': out_cases},
          open(os.path.join(OUT, 'ops.json'), 'w'), indent=None, separators=(',', ':'))

# ---- printing: repr() of tensors built from known values -----------------------------------
def rep_case(label, t, **extra):
    return {'label': label, 'tensor': enc(t), 'requiresGrad': bool(t.requires_grad), 'repr': repr(t), **extra}

reprs = [
    rep_case('float matrix', inputs['a']),
    rep_case('ints', inputs['i']),
    rep_case('bools', inputs['mask']),
    rep_case('int-valued floats', torch.tensor([1.0, 2.0, -3.0])),
    rep_case('scientific', torch.tensor([1e-5, 2.0, 3e6])),
    rep_case('large ints as floats', torch.tensor([1.0, 1e9])),
    rep_case('scalar', torch.tensor(3.25)),
    rep_case('int scalar', torch.tensor(7)),
    rep_case('empty', torch.zeros(0)),
    rep_case('empty 2d', torch.zeros(0, 3)),
    rep_case('float64', inputs['d']),
    rep_case('int32', torch.tensor([1, 2, 3], dtype=torch.int32)),
    rep_case('uint8', torch.tensor([0, 255, 7], dtype=torch.uint8)),
    rep_case('inf nan', torch.tensor([float('inf'), float('-inf'), float('nan'), 1.5])),
    rep_case('negative', torch.tensor([-0.5, 0.25, -12.125])),
    rep_case('3d', inputs['b3']),
    rep_case('summarized 1d', torch.arange(2000, dtype=torch.float32) / 3),
    rep_case('summarized 2d', torch.arange(5000).reshape(50, 100)),
    rep_case('wide row', torch.arange(30, dtype=torch.float32) / 7),
    rep_case('requires grad', torch.tensor([1.0, 2.0], requires_grad=True)),
    rep_case('zeros', torch.zeros(2, 2)),
    rep_case('float16', torch.tensor([1.5, 2.25], dtype=torch.float16)),
    rep_case('small values', torch.tensor([0.001, 0.0002, 0.5])),
]
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
reprs.append({'label': 'grad_fn', 'op': 'mul2', 'tensor': enc(x), 'requiresGrad': True, 'repr': repr(x.mul(2))})
reprs.append({'label': 'grad_fn sum', 'op': 'sum', 'tensor': enc(x), 'requiresGrad': True, 'repr': repr(x.sum())})
# named tuples (torch.return_types structseqs)
reprs.append({'label': 'named tuple max', 'op': 'max1', 'tensor': enc(inputs['a']), 'requiresGrad': False, 'repr': repr(torch.max(inputs['a'], 1))})
reprs.append({'label': 'named tuple sort', 'op': 'sort', 'tensor': enc(inputs['a']), 'requiresGrad': False, 'repr': repr(inputs['a'].sort())})
json.dump(reprs, open(os.path.join(OUT, 'repr.json'), 'w'), indent=1)

# ---- autograd ----------------------------------------------------------------------------
x = inputs['a'].clone().requires_grad_(True)
w = inputs['m'].clone().requires_grad_(True)
loss = x.matmul(w).relu().sum()
loss.backward()
y = inputs['p'].clone().requires_grad_(True)
z = (y.pow(2) * y.sin()).mean()
(gy,) = torch.autograd.grad(z, y, create_graph=True)
(ggy,) = torch.autograd.grad(gy.sum(), y)
v = inputs['v'].clone().requires_grad_(True)
out = v.exp()
out.backward(torch.tensor([1.0, 0.5, -1.0, 2.0]))
autograd = {
    'matmulRelu': {'loss': loss.item(), 'gradX': enc(x.grad), 'gradW': enc(w.grad)},
    'secondOrder': {'z': z.item(), 'grad': enc(gy), 'gradGrad': enc(ggy)},
    'vectorJacobian': {'grad': enc(v.grad)},
}
json.dump(autograd, open(os.path.join(OUT, 'autograd.json'), 'w'), indent=1)

# ---- the random generator: same libtorch, same seed, same numbers --------------------------
torch.manual_seed(1234)
rng = {'randn': enc(torch.randn(5)), 'rand': enc(torch.rand(2, 3)), 'randint': enc(torch.randint(0, 10, (6,))),
       'randperm': enc(torch.randperm(7)), 'normal': enc(torch.randn(3, dtype=torch.float64))}
json.dump(rng, open(os.path.join(OUT, 'random.json'), 'w'), indent=1)
print(f'wrote {len(out_cases)} op cases, {len(reprs)} repr cases to {os.path.relpath(OUT)}')
