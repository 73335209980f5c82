#!/usr/bin/python3
"""Reference values for the rest of torch.nn's modules (test/nn-surface.test.ts), made by PyTorch:
    /usr/bin/python3 scripts/make_nn_surface_fixtures.py
For each module: the call as Python writes it and as a port writes it in TypeScript (scripts/pyts.py),
the initial state for seed 0, the repr, the output on fixed inputs, the gradients of a weighted sum
of it with respect to the inputs and parameters, and the state after (running statistics).
Writes test/fixtures/nn_surface.json (or torch-X.Y/nn_surface.json for another PyTorch).
"""
import json
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F  # noqa: F401 (the table's sources use it)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_dir import fixtures_dir  # noqa: E402
from pyts import to_ts  # noqa: E402


def num(x):
    # JSON has no NaN or infinity: the tests' fromFixture reads these strings
    return 'nan' if math.isnan(x) else ('inf' if x > 0 else '-inf') if math.isinf(x) else float(x)


def enc(t):
    t = t.detach()
    return {'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', ''),
            'values': [num(x) if t.is_floating_point() else int(x) for x in t.reshape(-1).tolist()]}


def fixed_input(shape):
    n = 1
    for s in shape:
        n *= s
    return (torch.arange(n, dtype=torch.float32).reshape(shape) * 0.37).sin() * 1.5


# (name, constructor source, inputs: a shape (a float input that gets a gradient) or a Python
# expression (used as it is), train mode)
L = 'torch.tensor([1, 0, 4, 2])'
MODULES = [
    # activations
    ('CELU', 'nn.CELU(0.5)', [[3, 4]], True),
    ('GLU', 'nn.GLU(dim=1)', [[3, 4]], True),
    ('Hardshrink', 'nn.Hardshrink(0.3)', [[3, 4]], True),
    ('Hardsigmoid', 'nn.Hardsigmoid()', [[3, 4]], True),
    ('Hardtanh', 'nn.Hardtanh(-0.5, 0.8)', [[3, 4]], True),
    ('LogSigmoid', 'nn.LogSigmoid()', [[3, 4]], True),
    ('PReLU', 'nn.PReLU(num_parameters=3, init=0.2)', [[2, 3, 4]], True),
    ('RReLUEval', 'nn.RReLU(0.1, 0.3)', [[3, 4]], False),
    ('SELU', 'nn.SELU()', [[3, 4]], True),
    ('Softmax2d', 'nn.Softmax2d()', [[2, 3, 2, 2]], True),
    ('Softmin', 'nn.Softmin(dim=1)', [[3, 4]], True),
    ('Softplus', 'nn.Softplus(beta=2.0, threshold=1.0)', [[3, 4]], True),
    ('Softshrink', 'nn.Softshrink(0.4)', [[3, 4]], True),
    ('Softsign', 'nn.Softsign()', [[3, 4]], True),
    ('Tanhshrink', 'nn.Tanhshrink()', [[3, 4]], True),
    ('Threshold', 'nn.Threshold(0.1, 20.0)', [[3, 4]], True),
    ('LeakyReLUInplace', 'nn.LeakyReLU(0.1)', [[3, 4]], True),
    # losses
    ('CosineEmbeddingLoss', 'nn.CosineEmbeddingLoss(margin=0.2)', [[4, 5], [4, 5], 'torch.tensor([1, -1, 1, -1])'], True),
    ('CTCLoss', 'nn.CTCLoss(blank=0)', ['torch.randn(6, 2, 4, generator=torch.Generator().manual_seed(1)).log_softmax(2).requires_grad_()',
                                        'torch.tensor([[1, 2, 2], [1, 3, 0]])', 'torch.tensor([6, 5])', 'torch.tensor([3, 2])'], True),
    ('GaussianNLLLoss', 'nn.GaussianNLLLoss(eps=1e-3)', [[4, 3], 'torch.linspace(-1, 1, 12).reshape(4, 3)', 'torch.linspace(0.5, 2, 12).reshape(4, 3)'], True),
    ('HingeEmbeddingLoss', 'nn.HingeEmbeddingLoss(margin=0.5)', [[4, 5], 'torch.tensor([1, -1, 1, -1, 1]).repeat(4, 1)'], True),
    ('MarginRankingLoss', 'nn.MarginRankingLoss(margin=0.1)', [[6], [6], 'torch.tensor([1, -1, 1, 1, -1, -1])'], True),
    ('MultiLabelMarginLoss', 'nn.MultiLabelMarginLoss()', [[2, 4], 'torch.tensor([[3, 0, -1, 1], [1, 2, 3, -1]])'], True),
    ('MultiLabelSoftMarginLoss', 'nn.MultiLabelSoftMarginLoss()', [[3, 4], 'torch.tensor([[1, 0, 1, 0], [0, 0, 1, 1], [1, 1, 0, 0]])'], True),
    ('MultiMarginLoss', 'nn.MultiMarginLoss(p=2, margin=0.5)', [[4, 5], L], True),
    ('PoissonNLLLoss', 'nn.PoissonNLLLoss(log_input=True, full=True)', [[4, 5], 'torch.arange(20.0).reshape(4, 5) % 4'], True),
    ('SoftMarginLoss', 'nn.SoftMarginLoss()', [[4, 5], 'torch.tensor([1, -1, 1, -1, 1]).repeat(4, 1)'], True),
    ('TripletMarginLoss', 'nn.TripletMarginLoss(margin=0.5, p=1, swap=True)', [[4, 5], [4, 5], [4, 5]], True),
    ('TripletMarginWithDistanceLoss', 'nn.TripletMarginWithDistanceLoss(margin=0.3)', [[4, 5], [4, 5], [4, 5]], True),
    ('NLLLossNone', "nn.NLLLoss(reduction='none')", ['torch.randn(4, 5, generator=torch.Generator().manual_seed(2)).log_softmax(1).requires_grad_()', L], True),
    # pooling, padding, resampling, shuffles, folds, distances
    ('AvgPool1d', 'nn.AvgPool1d(3, stride=2, padding=1)', [[2, 3, 8]], True),
    ('AvgPool3d', 'nn.AvgPool3d(2, stride=1)', [[1, 2, 3, 3, 3]], True),
    ('MaxPool3d', 'nn.MaxPool3d(2, stride=1, padding=1)', [[1, 2, 3, 3, 3]], True),
    ('AdaptiveAvgPool1d', 'nn.AdaptiveAvgPool1d(3)', [[2, 3, 7]], True),
    ('AdaptiveAvgPool3d', 'nn.AdaptiveAvgPool3d((2, 1, 2))', [[1, 2, 3, 4, 5]], True),
    ('AdaptiveMaxPool1d', 'nn.AdaptiveMaxPool1d(3)', [[2, 3, 7]], True),
    ('AdaptiveMaxPool3d', 'nn.AdaptiveMaxPool3d(2)', [[1, 2, 3, 4, 5]], True),
    ('LPPool1d', 'nn.LPPool1d(2, 3, stride=2)', [[2, 3, 8]], True),
    ('LPPool2d', 'nn.LPPool2d(3, 2)', [[1, 2, 4, 4]], True),
    ('MaxUnpool2d', 'nn.MaxUnpool2d(2)', ['F.max_pool2d(torch.arange(32.0).reshape(1, 2, 4, 4).sin(), 2, return_indices=True)[0].requires_grad_()',
                                         'F.max_pool2d(torch.arange(32.0).reshape(1, 2, 4, 4).sin(), 2, return_indices=True)[1]'], True),
    ('MaxUnpool1d', 'nn.MaxUnpool1d(2)', ['F.max_pool1d(torch.arange(16.0).reshape(1, 2, 8).sin(), 2, return_indices=True)[0].requires_grad_()',
                                         'F.max_pool1d(torch.arange(16.0).reshape(1, 2, 8).sin(), 2, return_indices=True)[1]'], True),
    ('ReflectionPad1d', 'nn.ReflectionPad1d((2, 1))', [[1, 2, 5]], True),
    ('ReflectionPad2d', 'nn.ReflectionPad2d(2)', [[1, 2, 4, 4]], True),
    ('ReflectionPad3d', 'nn.ReflectionPad3d(1)', [[1, 1, 3, 3, 3]], True),
    ('ReplicationPad1d', 'nn.ReplicationPad1d(3)', [[1, 2, 4]], True),
    ('ReplicationPad2d', 'nn.ReplicationPad2d((1, 0, 2, 1))', [[1, 2, 3, 3]], True),
    ('ReplicationPad3d', 'nn.ReplicationPad3d(1)', [[1, 1, 2, 2, 2]], True),
    ('ZeroPad1d', 'nn.ZeroPad1d((1, 2))', [[1, 2, 4]], True),
    ('ZeroPad2d', 'nn.ZeroPad2d((1, 1, 2, 0))', [[1, 2, 3, 3]], True),
    ('ZeroPad3d', 'nn.ZeroPad3d(1)', [[1, 1, 2, 2, 2]], True),
    ('ConstantPad1d', 'nn.ConstantPad1d(2, 3.5)', [[1, 2, 4]], True),
    ('ConstantPad2d', 'nn.ConstantPad2d((1, 2, 0, 1), -1.0)', [[1, 2, 3, 3]], True),
    ('ConstantPad3d', 'nn.ConstantPad3d(1, 0.5)', [[1, 1, 2, 2, 2]], True),
    # convolutions that pad by another mode first: 'same' splits d*(k-1), the odd one on the right
    ('Conv2dSameReflect', "nn.Conv2d(3, 3, 3, groups=3, padding='same', padding_mode='reflect')", [[2, 3, 4, 4]], True),
    ('Conv1dSameCircular', "nn.Conv1d(2, 2, 4, padding='same', padding_mode='circular')", [[1, 2, 6]], True),
    ('Conv2dValidReplicate', "nn.Conv2d(2, 2, 2, padding='valid', padding_mode='replicate')", [[1, 2, 3, 3]], True),
    ('CircularPad1d', 'nn.CircularPad1d(2)', [[1, 2, 4]], True),
    ('CircularPad2d', 'nn.CircularPad2d((1, 0, 1, 2))', [[1, 2, 3, 3]], True),
    ('CircularPad3d', 'nn.CircularPad3d(1)', [[1, 1, 2, 2, 2]], True),
    ('Upsample', "nn.Upsample(scale_factor=2, mode='nearest')", [[1, 2, 3, 3]], True),
    ('UpsampleBilinear', "nn.Upsample(size=(5, 4), mode='bilinear', align_corners=True)", [[1, 2, 3, 3]], True),
    ('UpsamplingNearest2d', 'nn.UpsamplingNearest2d(scale_factor=2)', [[1, 2, 2, 3]], True),
    ('UpsamplingBilinear2d', 'nn.UpsamplingBilinear2d(size=(4, 5))', [[1, 2, 2, 3]], True),
    ('PixelShuffle', 'nn.PixelShuffle(2)', [[1, 8, 2, 3]], True),
    ('PixelUnshuffle', 'nn.PixelUnshuffle(2)', [[1, 2, 4, 6]], True),
    ('ChannelShuffle', 'nn.ChannelShuffle(2)', [[1, 4, 2, 2]], True),
    ('Fold', 'nn.Fold(output_size=(4, 5), kernel_size=(2, 2))', [[1, 12, 12]], True),
    ('Unfold', 'nn.Unfold(kernel_size=(2, 3), dilation=1, padding=1, stride=2)', [[1, 3, 4, 5]], True),
    ('CosineSimilarity', 'nn.CosineSimilarity(dim=1, eps=1e-6)', [[4, 5], [4, 5]], True),
    ('PairwiseDistance', 'nn.PairwiseDistance(p=1.5, keepdim=True)', [[4, 5], [4, 5]], True),
    # normalisation
    ('BatchNorm3d', 'nn.BatchNorm3d(2)', [[2, 2, 2, 2, 2]], True),
    ('InstanceNorm1d', 'nn.InstanceNorm1d(3, affine=True, track_running_stats=True)', [[2, 3, 5]], True),
    ('InstanceNorm3d', 'nn.InstanceNorm3d(2)', [[2, 2, 2, 3, 3]], True),
    ('LocalResponseNorm', 'nn.LocalResponseNorm(3, alpha=1e-2, beta=0.75, k=2.0)', [[2, 5, 3, 3]], True),
    ('RMSNorm', 'nn.RMSNorm([4], eps=1e-5)', [[3, 4]], True),
    # dropout in eval mode (the identity), as train mode draws differently per kernel
    ('AlphaDropout', 'nn.AlphaDropout(0.2)', [[3, 4]], False),
    ('FeatureAlphaDropout', 'nn.FeatureAlphaDropout(0.2)', [[2, 3, 4]], False),
    ('Dropout1d', 'nn.Dropout1d(0.3)', [[2, 3, 4]], False),
    ('Dropout3d', 'nn.Dropout3d(0.3)', [[1, 2, 2, 2, 2]], False),
    # embeddings
    ('EmbeddingBag', "nn.EmbeddingBag(10, 3, mode='mean')", ['torch.tensor([1, 2, 4, 5, 4, 3, 2, 9])', 'torch.tensor([0, 4])'], True),
    ('EmbeddingBagMax', "nn.EmbeddingBag(10, 3, mode='max')", ['torch.tensor([[1, 2, 4], [4, 3, 9]])'], True),
    # recurrent
    ('RNN', "nn.RNN(4, 3, num_layers=2, nonlinearity='relu')", [[5, 2, 4]], True),
    ('RNNBidirectional', 'nn.RNN(4, 3, batch_first=True, bidirectional=True)', [[2, 5, 4]], True),
    ('RNNCell', 'nn.RNNCell(4, 3)', [[2, 4], [2, 3]], True),
    ('LSTMCell', 'nn.LSTMCell(4, 3)', [[2, 4]], True),
    ('GRUCell', 'nn.GRUCell(4, 3, bias=False)', [[2, 4], [2, 3]], True),
    ('LSTMProj', 'nn.LSTM(4, 5, proj_size=2)', [[3, 2, 4]], True),
    # attention and transformers (dropout 0: deterministic)
    ('MultiheadAttention', 'nn.MultiheadAttention(8, 2)', [[3, 2, 8], [4, 2, 8], [4, 2, 8]], True),
    ('MultiheadAttentionBatchFirst', 'nn.MultiheadAttention(6, 3, kdim=4, vdim=5, batch_first=True)', [[2, 3, 6], [2, 4, 4], [2, 4, 5]], True),
    ('TransformerEncoderLayer', 'nn.TransformerEncoderLayer(d_model=8, nhead=2, dim_feedforward=16, dropout=0.0)', [[3, 2, 8]], True),
    ('TransformerEncoderLayerNormFirst', "nn.TransformerEncoderLayer(8, 2, 16, 0.0, 'gelu', batch_first=True, norm_first=True)", [[2, 3, 8]], True),
    ('TransformerDecoderLayer', 'nn.TransformerDecoderLayer(d_model=8, nhead=2, dim_feedforward=16, dropout=0.0)', [[3, 2, 8], [4, 2, 8]], True),
    ('TransformerEncoder', 'nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, 16, 0.0), num_layers=2, enable_nested_tensor=False)', [[3, 2, 8]], True),
    ('TransformerDecoder', 'nn.TransformerDecoder(nn.TransformerDecoderLayer(8, 2, 16, 0.0), num_layers=2)', [[3, 2, 8], [4, 2, 8]], True),
    ('Transformer', 'nn.Transformer(d_model=8, nhead=2, num_encoder_layers=1, num_decoder_layers=1, dim_feedforward=16, dropout=0.0)', [[4, 2, 8], [3, 2, 8]], True),
    # containers
    ('ParameterDict', "nn.ParameterDict({'a': nn.Parameter(torch.ones(2)), 'b': nn.Parameter(torch.zeros(3))})", None, True),
]


def evaluate(spec):
    if isinstance(spec, list):
        return fixed_input(spec).requires_grad_()
    return eval(spec)


out = {'torch': torch.__version__, 'modules': [], 'absent': []}
for name, src, inputs_spec, train in MODULES:
    torch.manual_seed(0)
    try:
        m = eval(src)
    except (AttributeError, TypeError) as e:  # a module (or a keyword) this PyTorch does not have yet
        out['absent'].append({'name': name, 'why': str(e)})
        continue
    entry = {'name': name, 'python': src, 'ts': to_ts(src), 'repr': repr(m), 'train': train,
             'initState': {k: enc(v) for k, v in m.state_dict().items()}}
    if inputs_spec is not None:
        m.train(train)
        inputs = [evaluate(s) for s in inputs_spec]
        res = m(*inputs)
        main = res[0] if isinstance(res, tuple) else res
        if not main.is_floating_point():
            main = main.float()
        weights = (torch.arange(main.numel(), dtype=torch.float32).reshape(main.shape) * 0.11).cos()
        try:
            (main * weights).sum().backward()
        except RuntimeError as e:  # an op without a derivative in this PyTorch: the test expects the same error
            entry['backwardError'] = str(e).split('\n')[0]
        entry.update({
            'inputs': [enc(x) for x in inputs],
            'inputGrad': [x.requires_grad for x in inputs],
            'output': enc(main),
            'inputGrads': [enc(x.grad) if x.grad is not None else None for x in inputs],
            'paramGrads': {k: enc(p.grad) for k, p in m.named_parameters() if p.grad is not None},
            'stateAfter': {k: enc(v) for k, v in m.state_dict().items()},
        })
    out['modules'].append(entry)

# nn.init's remaining initialisers, after torch.manual_seed(0): the same numbers for the same seed
INITS = [
    ('orthogonal_', 'nn.init.orthogonal_(torch.empty(4, 6), gain=2.0)'),
    ('orthogonalTall', 'nn.init.orthogonal_(torch.empty(6, 2, 2))'),
    ('eye_', 'nn.init.eye_(torch.empty(3, 5))'),
    ('dirac_', 'nn.init.dirac_(torch.empty(4, 2, 3, 3), groups=2)'),
    ('sparse_', 'nn.init.sparse_(torch.empty(5, 3), sparsity=0.4, std=0.5)'),
]
out['init'] = []
for name, src in INITS:
    torch.manual_seed(0)
    out['init'].append({'name': name, 'python': src, 'ts': to_ts(src), 'result': enc(eval(src))})

# nn.functional's remaining functions, after torch.manual_seed(0), on fixed inputs
x4 = fixed_input([2, 3, 5, 4])
theta = torch.tensor([[[0.9, -0.2, 0.1], [0.3, 1.1, -0.2]], [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]])
FUNCTIONAL = [
    'F.affine_grid(theta, [2, 3, 5, 4], align_corners=False)',
    'F.grid_sample(x4, F.affine_grid(theta, [2, 3, 5, 4], align_corners=False), align_corners=False)',
    "F.grid_sample(x4, F.affine_grid(theta, [2, 3, 6, 3], align_corners=True), mode='nearest', padding_mode='border', align_corners=True)",
    "F.grid_sample(x4, F.affine_grid(theta, [2, 3, 4, 4], align_corners=False), mode='bicubic', padding_mode='reflection', align_corners=False)",
    'F.pdist(x4[0, 0], p=1.5)',
    'F.gumbel_softmax(x4[0, 0], tau=0.5)',
    'F.gumbel_softmax(x4[0, 0], hard=True, dim=0)',
    'F.relu_(x4.clone())',
    'F.elu_(x4.clone(), 0.5)',
    'F.hardtanh_(x4.clone(), -0.3, 0.4)',
]
out['functional'] = []
for src in FUNCTIONAL:
    torch.manual_seed(0)
    out['functional'].append({'python': src, 'ts': to_ts(src), 'result': enc(eval(src))})

# F.multi_head_attention_forward with the weights passed in: packed and separate projections,
# bias_k/bias_v with a key padding mask, static keys and values, and per-head weights
E, H, L, S, N = 6, 2, 3, 4, 2
mq, mk, mv = fixed_input([L, N, E]), fixed_input([S, N, E]).flip(0), fixed_input([S, N, E]).mul(0.5)
w_in, b_in = fixed_input([3 * E, E]).mul(0.3), fixed_input([3 * E]).mul(0.1)
w_out, b_out = fixed_input([E, E]).mul(0.25).flip(1), fixed_input([E]).mul(0.05)
bias_k, bias_v = fixed_input([1, 1, E]), fixed_input([1, 1, E]).neg()
kpm = torch.tensor([[False, False, False, True], [False, True, False, False]])
static = fixed_input([N * H, S, E // H]).mul(0.7)
MHA = [
    ('packed', lambda: F.multi_head_attention_forward(mq, mk, mv, E, H, w_in, b_in, None, None, False, 0.0, w_out, b_out)),
    ('separate_mask', lambda: F.multi_head_attention_forward(mq, mk, mv, E, H, None, b_in, bias_k, bias_v, True, 0.0, w_out, b_out,
                                                           key_padding_mask=kpm, use_separate_proj_weight=True, q_proj_weight=w_in[:E],
                                                           k_proj_weight=w_in[E:2 * E], v_proj_weight=w_in[2 * E:], average_attn_weights=False)),
    ('static_kv', lambda: F.multi_head_attention_forward(mq, mk, mv, E, H, w_in, None, None, None, False, 0.0, w_out, None,
                                                       static_k=static, static_v=static.flip(1))),
    ('no_weights', lambda: F.multi_head_attention_forward(mq, mk, mv, E, H, w_in, b_in, None, None, False, 0.0, w_out, b_out, need_weights=False)),
]
out['mha'] = []
for name, run in MHA:
    o, w = run()
    out['mha'].append({'name': name, 'out': enc(o), 'weights': None if w is None else enc(w)})

# convert_conv2d/3d_weight_memory_format: the weights' strides after the conversion
cm = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU(), nn.Sequential(nn.ConvTranspose2d(8, 4, 2)), nn.Conv3d(2, 4, 3))
nn.utils.convert_conv2d_weight_memory_format(cm, torch.channels_last)
out['memoryFormat'] = {'conv2d': list(cm[0].weight.stride()), 'convTranspose2d': list(cm[2][0].weight.stride()), 'conv3dUntouched': list(cm[3].weight.stride())}
if hasattr(nn.utils, 'convert_conv3d_weight_memory_format'):
    nn.utils.convert_conv3d_weight_memory_format(cm, torch.channels_last_3d)
    out['memoryFormat']['conv3d'] = list(cm[3].weight.stride())

# AdaptiveLogSoftmaxWithLoss: same-seed initialisation, forward (batched and not) with the input's
# gradient, log_prob and predict
torch.manual_seed(0)
asm = nn.AdaptiveLogSoftmaxWithLoss(8, 20, [4, 10, 15], div_value=2.0, head_bias=True)
ax = fixed_input([6, 8]).requires_grad_()
at = torch.tensor([0, 5, 12, 19, 3, 16])
ao, al = asm(ax, at)
al.backward()
o1, l1 = asm(fixed_input([8]), torch.tensor(11))
out['adaptive'] = {'state': {k: enc(v) for k, v in asm.state_dict().items()}, 'output': enc(ao), 'loss': enc(al), 'inputGrad': enc(ax.grad),
                   'single': [enc(o1), enc(l1)], 'logProb': enc(asm.log_prob(fixed_input([6, 8]))),
                   'predict': enc(asm.predict(fixed_input([6, 8]).mul(3))), 'repr': repr(asm)}

# linear_cross_entropy / LinearCrossEntropyLoss (PyTorch 2.14): the reference path's loss and gradients
if hasattr(F, 'linear_cross_entropy'):
    lx, lw, lb = fixed_input([5, 6]).requires_grad_(), fixed_input([7, 6]).mul(0.4).requires_grad_(), fixed_input([7]).mul(0.1)
    lt = torch.tensor([0, 3, 6, 2, 3])
    l1 = F.linear_cross_entropy(lx, lw, lt, linear_bias=lb, label_smoothing=0.1)
    l1.backward()
    lk = F.linear_cross_entropy(fixed_input([4, 6]), fixed_input([3, 2, 6]).mul(0.5), torch.tensor([[0, 2], [1, 1], [2, 0], [1, 2]]), reduction='none', ignore_index=2)
    lp = F.linear_cross_entropy(fixed_input([6]), fixed_input([4, 6]), torch.softmax(fixed_input([4]), 0), reduction='sum')
    torch.manual_seed(0)
    lce = nn.LinearCrossEntropyLoss(6, 4, out_features=(2,), bias=True, weight=torch.tensor([1.0, 2.0, 0.5, 1.0]))
    lm = lce(fixed_input([3, 6]), torch.tensor([[0, 3], [2, 1], [1, 1]]))
    out['linearCrossEntropy'] = {'loss': enc(l1), 'inputGrad': enc(lx.grad), 'weightGrad': enc(lw.grad), 'kdim': enc(lk), 'probabilities': enc(lp),
                                 'moduleState': {k: enc(v) for k, v in lce.state_dict().items()}, 'moduleLoss': enc(lm), 'repr': repr(lce)}

# weight norm on a Linear (dim 0) and a Conv1d (dim None), and conv+bn fusion
torch.manual_seed(0)
wl = nn.utils.weight_norm(nn.Linear(3, 4))
wc = nn.utils.weight_norm(nn.Conv1d(2, 3, 2), dim=None)
xl, xc = fixed_input([2, 3]).requires_grad_(), fixed_input([1, 2, 5])
yl, yc = wl(xl), wc(xc)
(yl.sum() + (yc * yc).sum()).backward()
wn = {'linearState': {k: enc(v) for k, v in wl.state_dict().items()}, 'convState': {k: enc(v) for k, v in wc.state_dict().items()},
      'linearOut': enc(yl), 'convOut': enc(yc), 'xGrad': enc(xl.grad),
      'grads': {k: enc(p.grad) for k, p in list(wl.named_parameters()) + [('conv.' + k, p) for k, p in wc.named_parameters()]}}
nn.utils.remove_weight_norm(wl)
wn['removedKeys'] = list(wl.state_dict().keys())
wn['removedWeight'] = enc(wl.weight)
bn_rm, bn_rv = torch.tensor([0.1, -0.2, 0.3]), torch.tensor([1.5, 0.5, 2.0])
fw, fb = nn.utils.fuse_conv_bn_weights(wc.weight.detach(), wc.bias.detach(), bn_rm, bn_rv, 1e-5, torch.tensor([1.1, 0.9, 1.3]), torch.tensor([0.0, 0.2, -0.1]))
wn['fused'] = [enc(fw), enc(fb)]
out['weightNorm'] = wn
# spectral norm (the hook form): same-seed u and v, three training steps of power iteration, eval,
# the state dict, and removal
torch.manual_seed(3)
sl = nn.utils.spectral_norm(nn.Linear(4, 3))
sc = nn.utils.spectral_norm(nn.ConvTranspose2d(2, 3, 2), n_power_iterations=2)
sn = {'linearState0': {k: enc(v) for k, v in sl.state_dict().items()}, 'convState0': {k: enc(v) for k, v in sc.state_dict().items()}}
xs, xt = fixed_input([2, 4]).requires_grad_(), fixed_input([1, 2, 3, 3])
outs = []
for _ in range(3):
    outs.append(enc(sl(xs)))
    outs.append(enc(sc(xt)))
sl.eval()
outs.append(enc(sl(xs)))
ys = sl(xs)
ys.square().sum().backward()
sn['outs'] = outs
sn['xGrad'] = enc(xs.grad)
sn['origGrad'] = enc(sl.weight_orig.grad)
sn['linearState'] = {k: enc(v) for k, v in sl.state_dict().items()}
nn.utils.remove_spectral_norm(sl)
sn['removedKeys'] = list(sl.state_dict().keys())
sn['removedWeight'] = enc(sl.weight)
out['spectralNorm'] = sn
# utilities PyTorch 2.6 added: the total norm, clipping by a given norm, Linear+BatchNorm fusion
if hasattr(nn.utils, 'get_total_norm'):
    gs = [fixed_input([3, 4]), fixed_input([5]) * 3]
    ps = [torch.zeros(3, 4, requires_grad=True), torch.zeros(5, requires_grad=True)]
    for p_, g_ in zip(ps, gs):
        p_.grad = g_.clone()
    total = nn.utils.get_total_norm([p_.grad for p_ in ps], 3.0)
    nn.utils.clip_grads_with_norm_(ps, 1.5, total)
    lw, lb = nn.utils.fuse_linear_bn_weights(fixed_input([3, 4]), torch.tensor([0.1, 0.2, 0.3]), bn_rm, bn_rv, 1e-5, torch.tensor([1.1, 0.9, 1.3]), torch.tensor([0.0, 0.2, -0.1]))
    out['utils26'] = {'total': enc(total), 'clipped': [enc(p_.grad) for p_ in ps], 'fusedLinear': [enc(lw), enc(lb)]}

# packed sequences through a bidirectional LSTM and a GRU, and back
from torch.nn.utils.rnn import pad_sequence, pack_padded_sequence, pad_packed_sequence, pack_sequence  # noqa: E402
torch.manual_seed(0)
lstm = nn.LSTM(3, 4, batch_first=True, bidirectional=True)
gru = nn.GRU(3, 2)
seqs = [fixed_input([5, 3]).requires_grad_(), (fixed_input([2, 3]) * 0.5).requires_grad_(), (fixed_input([4, 3]) * -1).requires_grad_()]
padded = pad_sequence(seqs, batch_first=True)
packed = pack_padded_sequence(padded, [5, 2, 4], batch_first=True, enforce_sorted=False)
out_p, (h, c) = lstm(packed)
unpacked, lens = pad_packed_sequence(out_p, batch_first=True, total_length=6)
sorted_seqs = sorted(seqs, key=lambda t: -t.size(0))
g_out, g_h = gru(pack_sequence(sorted_seqs), torch.full((1, 3, 2), 0.1))
g_unpacked, g_lens = pad_packed_sequence(g_out)
weights = (torch.arange(unpacked.numel(), dtype=torch.float32).reshape(unpacked.shape) * 0.13).sin()
(unpacked * weights).sum().add(h.sum() * 0.5).add(c.sum() * 0.25).add(g_unpacked.sum()).backward()
out['packed'] = {
    'lstm': {k: enc(v) for k, v in lstm.state_dict().items()}, 'gru': {k: enc(v) for k, v in gru.state_dict().items()},
    'seqs': [enc(x) for x in seqs], 'padded': enc(padded), 'data': enc(packed.data), 'batchSizes': enc(packed.batch_sizes),
    'sortedIndices': enc(packed.sorted_indices), 'unpacked': enc(unpacked), 'lengths': enc(lens), 'h': enc(h), 'c': enc(c),
    'gruUnpacked': enc(g_unpacked), 'gruLengths': enc(g_lens), 'gruH': enc(g_h),
    'seqGrads': [enc(x.grad) for x in seqs], 'lstmGrads': {k: enc(p.grad) for k, p in lstm.named_parameters()},
    'gruGrads': {k: enc(p.grad) for k, p in gru.named_parameters()},
}

with open(os.path.join(fixtures_dir(), 'nn_surface.json'), 'w') as f:
    json.dump(out, f, allow_nan=False)
print(f"wrote nn_surface.json: {len(out['modules'])} modules; absent from this PyTorch: {[a['name'] for a in out['absent']]}")
