#!/usr/bin/python3
"""Writes lib/generated/signatures.ts: the parameters of every Python callable torch-node mirrors by
hand (scripts/signatures.txt), read from the installed torch and torchvision with inspect.signature
(or, for builtins, the signature line of their docstring), in Python's order, with Python's kinds
and defaults, camelCased. lib/bind.ts binds arguments with it as Python does; the TypeScript
parameter types come from the annotations (and OVERRIDES where Python has none).

    npm run gen:signatures    # with Debian unstable's PyTorch (scripts/libtorch-root.sh sid --signatures):
                              # the newest API, which every libtorch torch-node builds against is given
    /usr/bin/python3 scripts/gen-signatures.py    # with the PyTorch at hand (an older API)
"""
import importlib
import inspect
import json
import math
import os
import re
import sys
import typing

import torch
import torchvision

from model_list import model_names

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'lib', 'generated', 'signatures.ts')


def camel(s):
    return re.sub(r'(?<=[A-Za-z0-9])_([a-z])', lambda m: m.group(1).upper(), s)  # as lib/names.ts camel(): resnext50_32x4d keeps its _3


def js_key(qual):
    """torch.nn.Conv2d -> nn.Conv2d; torch.optim.lr_scheduler.StepLR -> optim.lrScheduler.StepLR."""
    parts = qual.split('.')
    if parts[0] == 'torch':
        parts = parts[1:] or ['torch']
        if len(parts) == 1:
            parts = ['torch', parts[0]]
    return '.'.join(camel(p) for p in parts)


def resolve(qual):
    if any(qual == p or qual.startswith(p + '.') for p in SOURCE_ONLY):
        return from_source(qual)
    parts = qual.split('.')
    # the longest importable prefix, but an attribute of a package wins over its same-named submodule
    # (torchvision.ops.roi_align is the function that torchvision/ops/__init__.py exports)
    parent = '.'.join(parts[:-1])
    if parent:
        try:
            obj = getattr(importlib.import_module(parent), parts[-1], None)
            if obj is not None and not inspect.ismodule(obj):
                return obj
        except ImportError:
            pass
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module('.'.join(parts[:i]))
        except ImportError:
            continue
        try:
            for p in parts[i:]:
                obj = getattr(obj, p)
        except AttributeError:
            return from_source(qual)
        return obj
    raise ImportError(qual)


# Modules that cannot be imported without an optional package, read from their source instead:
# torch.utils.tensorboard needs tensorboard installed, which Debian does not package.
SOURCE_ONLY = {'torch.utils.tensorboard.SummaryWriter': ('utils/tensorboard/writer.py', 'SummaryWriter')}


def from_source(qual):
    """A stand-in with the signature and docstring written in the module's source."""
    import ast
    for prefix, (rel, cls) in SOURCE_ONLY.items():
        if qual != prefix and not qual.startswith(prefix + '.'):
            continue
        tree = ast.parse(open(os.path.join(os.path.dirname(torch.__file__), rel)).read())
        found = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls)
        for name in qual[len(prefix):].split('.')[1:]:
            found = next(n for n in found.body if isinstance(n, ast.FunctionDef) and n.name == name)
        fn = next(n for n in found.body if isinstance(n, ast.FunctionDef) and n.name == '__init__') if isinstance(found, ast.ClassDef) else found
        for a in fn.args.args + fn.args.kwonlyargs:
            a.annotation = None
        namespace = {}
        exec(f'def stand_in({ast.unparse(fn.args)}): pass', {}, namespace)
        doc = ast.get_docstring(found) or ''
        namespace['stand_in'].__doc__ = doc
        if isinstance(found, ast.ClassDef):
            return type(found.name, (), {'__init__': namespace['stand_in'], '__doc__': doc})
        return namespace['stand_in']
    raise ImportError(qual)


# Classes whose __init__ takes *args, **kwargs, with the signature that really applies.
DELEGATES = {
    'torch.unique': ('torch.functional._unique_impl', []),
    'torch.unique_consecutive': ('torch.functional._unique_consecutive_impl', []),
    # boolean_dispatch wrappers (*args, **kwargs): the variant that takes every parameter
    'torch.nn.functional.max_pool1d': ('torch.nn.functional.max_pool1d_with_indices', []),
    'torch.nn.functional.max_pool2d': ('torch.nn.functional.max_pool2d_with_indices', []),
    'torch.nn.functional.adaptive_max_pool2d': ('torch.nn.functional.adaptive_max_pool2d_with_indices', []),
    'torch.nn.functional.max_pool3d': ('torch.nn.functional.max_pool3d_with_indices', []),
    'torch.nn.functional.adaptive_max_pool1d': ('torch.nn.functional.adaptive_max_pool1d_with_indices', []),
    'torch.nn.functional.adaptive_max_pool3d': ('torch.nn.functional.adaptive_max_pool3d_with_indices', []),
    'torch.nn.functional.fractional_max_pool2d': ('torch.nn.functional.fractional_max_pool2d_with_indices', []),
    'torch.nn.functional.fractional_max_pool3d': ('torch.nn.functional.fractional_max_pool3d_with_indices', []),
    'torch.nn.LSTM': ('torch.nn.RNNBase', ['mode']),
    'torch.nn.GRU': ('torch.nn.RNNBase', ['mode']),
}


# Tensor.float() and its kin: one dtype each, the same memory_format parameter
TENSOR_CASTS = ['float', 'double', 'half', 'bfloat16', 'long', 'int', 'short', 'char', 'byte', 'bool']

# Builtins whose docstring gives several overloads at once (arange(start=0, end, step=1)): the one
# signature that covers them, as torch-node binds them (end None: the one number is the end).
SIGNATURE_TEXT = {
    'torch.nn.functional.scaled_dot_product_attention': 'query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, *, scale=None, enable_gqa=False',
    'torch.Generator': "device='cpu'",
    # fork_rng's _caller and _devices_kw are its own internals; device_type names the accelerator whose
    # generators a devices list forks, and torch-node forks the CPU generator only
    'torch.random.fork_rng': 'devices=None, enabled=True',
    # Python's register_kl(type_p, type_q) is a decorator; torch-node also takes the function third
    'torch.distributions.kl.register_kl': 'type_p, type_q, fn=None',
    # the docstring reads stride(dim); dim is optional, as in size(dim=None)
    'torch.Tensor.stride': 'dim=None',
    # the docstrings show memory_format as positional; PyTorch's parser takes it by keyword only
    'torch.Tensor.is_contiguous': '*, memory_format=torch.contiguous_format',
    'torch.Tensor.cpu': '*, memory_format=torch.preserve_format',
    'torch.Tensor.cuda': 'device=None, non_blocking=False, *, memory_format=torch.preserve_format',
    **{f'torch.Tensor.{cast}': '*, memory_format=torch.preserve_format' for cast in TENSOR_CASTS},
    # PyTorch's parser: nonzero(*, bool as_tuple=False); where(Tensor condition, Tensor other);
    # type(PyObject* dtype=None, bool non_blocking=False, *, MemoryFormat? memory_format=None); the
    # docstrings leave out as_tuple, name where's other y, and is_same_size has none
    'torch.Tensor.nonzero': '*, as_tuple=False',
    # classes whose constructors PyTorch's parser reads: finfo(ScalarType type), finfo(), iinfo(ScalarType type)
    'torch.finfo': 'type=None',
    'torch.iinfo': 'type',
    'torch.Tensor.where': 'condition, other',
    'torch.Tensor.type': 'dtype=None, non_blocking=False, *, memory_format=None',
    'torch.Tensor.is_same_size': 'other',
    # PyTorch's parser: apply_(PyObject* callable); map_(Tensor other, PyObject* callable) (its docstring says tensor)
    'torch.Tensor.apply_': 'callable',
    'torch.Tensor.map_': 'other, callable',
    # torch.nn.utils.weight_norm is also the name of its submodule, which the resolver finds first
    'torch.nn.utils.weight_norm': "module, name='weight', dim=0",
    # RNN.__init__(*args, **kwargs) parses its arguments by hand; this is its documented signature
    'torch.nn.RNN': "input_size, hidden_size, num_layers=1, nonlinearity='tanh', bias=True, batch_first=False, dropout=0.0, bidirectional=False, device=None, dtype=None",
    'torch.arange': 'start, end=None, step=1, *, out=None, dtype=None, layout=None, device=None, requires_grad=False',
    'torch.randint': 'low, high=None, size=None, *, generator=None, out=None, dtype=None, layout=None, device=None, requires_grad=False, pin_memory=False',
    'torch.randint_like': 'input, low, high=None, *, generator=None, dtype=None, layout=None, device=None, requires_grad=False, memory_format=None',
}


def doc_signature(qual, obj):
    """A builtin's signature from its docstring's first line: conv2d(input, weight, bias=None, ...) -> Tensor."""
    if qual in SIGNATURE_TEXT:
        text = SIGNATURE_TEXT[qual]
    else:
        doc = (obj.__doc__ or '').strip().replace('\\*', '*')
        m = re.match(r'^[\w.]+\((.*?)\)\s*(->|$)', doc.split('\n')[0])
        if not m:
            raise ValueError(f'no signature line in the docstring of {obj}')
        text = m.group(1)
        if re.search(r'\*\w', text):
            text = re.sub(r',\s*\*\s*,', ',', text)  # *size, *, dtype=None: the varargs already make the rest keyword-only
    ns = {}
    names = {'inf': math.inf, 'torch': torch, 'Tensor': torch.Tensor, **{k: getattr(typing, k) for k in typing.__all__}}
    exec('def f(' + text + '): pass', names, ns)  # noqa: S102 (PyTorch's own docstrings)
    return inspect.signature(ns['f'])


# torch-node's own keyword-only additions to a Python signature (listed in docs/porting.md).
EXTRA_KEYWORDS = {
    'torchvision.transforms.RandomAffine': [('fill_mode', 'constant')],
    'torchvision.transforms.RandomRotation': [('fill_mode', 'constant')],
    'torchvision.transforms.functional.rotate': [('fill_mode', 'constant')],
    'torchvision.transforms.functional.affine': [('fill_mode', 'constant')],
}


def signature(qual):
    sig = python_signature(qual)
    extra = [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=d) for n, d in EXTRA_KEYWORDS.get(qual, [])]
    if not extra:
        return sig
    params = list(sig.parameters.values())
    at = next((i for i, p in enumerate(params) if p.kind == inspect.Parameter.VAR_KEYWORD), len(params))
    return sig.replace(parameters=params[:at] + extra + params[at:])


def python_signature(qual):
    obj = resolve(qual)
    if qual in DELEGATES:
        target, drop = DELEGATES[qual]
        target = resolve(target)
        sig = inspect.signature(target.__init__ if inspect.isclass(target) else target)
        params = [p for n, p in sig.parameters.items() if n != 'self' and n not in drop]
        return sig.replace(parameters=params)
    if qual in SIGNATURE_TEXT:
        return doc_signature(qual, obj)
    if qual == 'torch.nn.Parameter':
        return inspect.signature(obj.__new__).replace(parameters=list(inspect.signature(obj.__new__).parameters.values())[1:])
    if inspect.isclass(obj):
        if obj.__init__ is torch.nn.Module.__init__:
            return inspect.Signature([])  # Module.__init__(*args, **kwargs) refuses both when called for a subclass
        if issubclass(obj, tuple) and hasattr(obj, '_fields'):
            return inspect.signature(obj)  # a NamedTuple: its fields, through __new__ (tuple's __init__ takes anything)
        sig = inspect.signature(obj.__init__)
        return sig.replace(parameters=[p for n, p in sig.parameters.items() if n != 'self'])
    if qual in SIGNATURE_TEXT:
        return doc_signature(qual, obj)
    try:
        sig = inspect.signature(obj)
    except (ValueError, TypeError):
        return doc_signature(qual, obj)
    params = list(sig.parameters.values())
    if params and params[0].name == 'self':  # a method: `this` is the object it is called on
        sig = sig.replace(parameters=params[1:])
    # Module.state_dict(*args, ...): the positional form is deprecated and refused here
    return sig.replace(parameters=[p for p in sig.parameters.values() if not (qual == 'torch.nn.Module.state_dict' and p.kind == p.VAR_POSITIONAL)])


KINDS = {
    inspect.Parameter.POSITIONAL_ONLY: 'posonly',
    inspect.Parameter.POSITIONAL_OR_KEYWORD: 'pos',
    inspect.Parameter.VAR_POSITIONAL: 'varargs',
    inspect.Parameter.KEYWORD_ONLY: 'kwonly',
    inspect.Parameter.VAR_KEYWORD: 'varkw',
}


def default_of(p):
    """JSON for a plain default; {"$": repr} for one JS cannot hold (the implementation supplies it)."""
    d = p.default
    if d is inspect.Parameter.empty:
        return None, False
    if d is None or isinstance(d, (bool, int, str)):
        return d, True
    if isinstance(d, float):
        if math.isinf(d):
            return {'$': 'inf' if d > 0 else '-inf'}, True
        if math.isnan(d):
            return {'$': 'nan'}, True
        return d, True
    if isinstance(d, tuple) and all(isinstance(x, (int, float, bool, str)) for x in d):
        return list(d), True
    text = re.sub(r" at 0x[0-9a-f]+| from '[^']*'", '', repr(d))  # the same on every machine
    return {'$': text[:80]}, True


# ---- TypeScript types from the annotations ----------------------------------------------------------

SIMPLE = {
    'int': 'number', 'float': 'number', 'bool': 'boolean', 'str': 'string', 'None': 'null', 'NoneType': 'null',
    'Tensor': 'Tensor', 'torch.Tensor': 'Tensor', 'Parameter': 'Tensor', 'torch.nn.parameter.Parameter': 'Tensor',
    '_size_1_t': 'number | [number]', '_size_2_t': 'number | [number, number]', '_size_3_t': 'number | [number, number, number]',
    '_size_any_t': 'number | number[]', '_ratio_2_t': 'number | [number, number]', '_ratio_any_t': 'number | number[]',
    '_dtype': 'DType', 'torch.dtype': 'DType', 'dtype': 'DType', '_device': 'DeviceLike', 'torch.device': 'DeviceLike',
    'device': 'DeviceLike', 'Optimizer': 'Optimizer', 'torch.optim.optimizer.Optimizer': 'Optimizer',
    'Module': 'Module', 'torch.nn.modules.module.Module': 'Module', 'Generator': 'Generator', 'torch._C.Generator': 'Generator',
    'Any': 'unknown', 'object': 'unknown', 'Callable': '((...args: any[]) => any)', 'collections.abc.Callable': '((...args: any[]) => any)',
    '_shape_t': 'number | number[]', 'TransformerEncoderLayer': 'Module', 'TransformerDecoderLayer': 'Module',
    'Number': 'number', '_Number': 'number', '_size': 'number[]', 'torch.Size': 'number[]', 'Size': 'number[]',
    'Distribution': 'Distribution', 'torch.distributions.distribution.Distribution': 'Distribution', 'D': 'Distribution',
    'pathlib.Path': 'string', 'os.PathLike': 'string', 'Path': 'string', 'torch.memory_format': 'MemoryFormat', '_M': 'Module',
}
# parameters with no annotation: by name
BY_NAME = {
    'device': 'DeviceLike | null', 'dtype': 'DType | null', 'generator': 'Generator | null', 'transform': '((x: any) => any) | null',
    'target_transform': '((x: any) => any) | null', 'input': 'Tensor', 'img': 'Input', 'input1': 'Tensor', 'input2': 'Tensor', 'weight': 'Tensor',
    'target': 'Tensor', 'tensor': 'Tensor', 'bias': 'Tensor | null', 'stride': 'number | number[]', 'padding': 'number | number[]',
    'dilation': 'number | number[]', 'output_padding': 'number | number[]', 'kernel_size': 'number | number[]',
    'output_size': 'number | number[]', 'groups': 'number', 'out': 'Tensor | null', 'layout': 'Layout | null',
    'memory_format': 'MemoryFormat | null', 'requires_grad': 'boolean', 'pin_memory': 'boolean',
    'size_average': 'boolean | null', 'reduce': 'boolean | null', 'embed_dim': 'number', 'num_heads': 'number', 'kdim': 'number | null',
    'vdim': 'number | null', 'encoder_layer': 'Module', 'decoder_layer': 'Module', 'custom_encoder': 'Module | null',
    'custom_decoder': 'Module | null', 'random_samples': 'Tensor | null', 'normalized_shape': 'number | number[]',
    'x1': 'Tensor', 'x2': 'Tensor', 'query': 'Tensor', 'key': 'Tensor', 'value': 'Tensor', 'attn_mask': 'Tensor | null',
    'A': 'Tensor', 'upscale_factor': 'number', 'downscale_factor': 'number', 'scale': 'number | null', 'input_size': 'number', 'hidden_size': 'number', 'output_ratio': 'number | number[] | null',
}
# torchvision.ops parameters that take a module class or factory
LAYER_FACTORIES = {'norm_layer', 'activation_layer', 'activation', 'scale_activation', 'se_layer', 'conv_block', 'block_constructor'}
# names whose type is the same everywhere, whatever the annotation says (softmax's dtype: int)
ALWAYS = {'dtype': 'DType | null', 'device': 'DeviceLike | null', 'generator': 'Generator | null'}


def split_top(s, sep):
    out, depth, cur = [], 0, ''
    for ch in s:
        if ch in '[(':
            depth += 1
        elif ch in '])':
            depth -= 1
        if ch == sep and depth == 0:
            out.append(cur.strip())
            cur = ''
        else:
            cur += ch
    out.append(cur.strip())
    return out


def array_of(t):
    return f'({t})[]' if '|' in t or '=>' in t else f'{t}[]'


def ts_type(ann):
    """A Python annotation (as text) as a TypeScript type; 'unknown' where there is no counterpart."""
    a = ann.strip().strip("'\"")
    a = re.sub(r'\btyping\.', '', a)
    if a in SIMPLE:
        return SIMPLE[a]
    parts = split_top(a, '|')
    if len(parts) > 1:
        types = list(dict.fromkeys(ts_type(p) for p in parts))
        return 'unknown' if 'unknown' in types else ' | '.join(types)
    m = re.match(r'^(\w[\w.]*)\[(.*)\]$', a)
    if m:
        head, inner = m.group(1).split('.')[-1], m.group(2)
        args = split_top(inner, ',')
        if head == 'Optional':
            return ts_type(args[0]) + ' | null'
        if head == 'Union':
            types = list(dict.fromkeys(ts_type(x) for x in args))
            return 'unknown' if 'unknown' in types else ' | '.join(types)
        if head == 'Literal':
            return ' | '.join(x.strip() for x in args)
        if head in ('list', 'List', 'Sequence', 'Iterable', 'Iterator', 'Collection'):
            return f'Iterable<{ts_type(args[0])}>' if head in ('Iterable', 'Iterator') else array_of(ts_type(args[0]))
        if head in ('tuple', 'Tuple'):
            if len(args) == 2 and args[1] == '...':
                return array_of(ts_type(args[0]))
            return '[' + ', '.join(ts_type(x) for x in args) + ']'
        if head in ('dict', 'Dict', 'Mapping', 'OrderedDict'):
            return f'Record<string, {ts_type(args[1]) if len(args) > 1 else "unknown"}>'
        if head == 'Callable':
            return '((...args: any[]) => any)'
        if head in ('Dataset', 'Sampler'):
            return head
        if head == 'type':
            return 'unknown'
    last = a.split('.')[-1]
    if last in SIMPLE:
        return SIMPLE[last]
    if re.match(r'^\w+_Weights$', last):
        return f'Weights | string'
    if last in ('Dataset', 'Sampler', 'Module', 'Optimizer', 'Tensor', 'Generator'):
        return last
    return 'unknown'


def param_type(qual, p, default, has_default):
    override = OVERRIDES.get(qual, {}).get(p.name)
    if override:
        return override
    if p.name in ALWAYS and not (p.name == 'dtype' and not has_default):
        return ALWAYS[p.name]
    if p.name in LAYER_FACTORIES and qual.startswith(('torchvision.ops.', 'torchvision.models.')):
        # torchvision passes a class (nn.BatchNorm2d) or any callable that makes a module
        return 'LayerFactory' + (' | null' if 'None' in str(p.annotation) or 'Optional' in str(p.annotation) else '')
    if p.name == 'extra_blocks' and qual.startswith('torchvision.ops.'):
        return 'ExtraFPNBlock | null'
    if p.name == 'img' and qual.startswith('torchvision.transforms.functional.'):
        return 'Input'  # an Image or a tensor, as torchvision's functional transforms take
    if p.annotation in (None, type(None)) and p.name in BY_NAME:  # BroadcastingList2[int] reads as None
        t = BY_NAME[p.name]
    elif p.annotation is not inspect.Parameter.empty:
        ann = p.annotation if isinstance(p.annotation, str) else inspect.formatannotation(p.annotation)
        t = ts_type(ann)
    elif has_default and isinstance(default, (bool, str)):
        t = 'boolean' if isinstance(default, bool) else 'string'
    elif p.name.lstrip('_') in BY_NAME:
        t = BY_NAME[p.name.lstrip('_')]
    elif has_default and default is not None and not isinstance(default, dict):
        t = {bool: 'boolean', int: 'number', float: 'number', str: 'string', list: 'number[]'}.get(type(default), 'unknown')
    else:
        t = 'unknown'
    if has_default and default is None and 'null' not in t and t != 'unknown':
        t += ' | null'
    return t


# Callables that declare **kwargs and ignore them: without the entry, bind() refuses an unknown keyword
# where Python would drop it silently (docs/porting.md)
IGNORED_KWARGS = {
    'torchvision.models.MobileNetV3',
    'torchvision.models.ConvNeXt',
    'torchvision.models.regnet.BlockParams.from_init_params',
}


# Where Python's annotations are missing or wider than what torch-node takes.
SCALAR = 'number | boolean | bigint'
OVERRIDES = {
    # torchvision.models' classes: their settings and blocks are torch-node's classes, their layer
    # parameters LayerFactory (a module class or a function that returns a module, as torchvision's)
    'torchvision.models.ResNet': {'block': 'ResNetBlock', 'norm_layer': 'LayerFactory | null'},
    'torchvision.models.resnet.BasicBlock': {'norm_layer': 'LayerFactory | null'},
    'torchvision.models.resnet.Bottleneck': {'norm_layer': 'LayerFactory | null'},
    'torchvision.models.efficientnet.MBConvConfig': {'block': 'LayerFactory | null'},
    'torchvision.models.Inception3': {'inception_blocks': 'LayerFactory[] | null'},
    'torchvision.models.GoogLeNet': {'blocks': 'LayerFactory[] | null'},
    'torchvision.models.MobileNetV2': {'block': 'LayerFactory | null', 'norm_layer': 'LayerFactory | null'},
    'torchvision.models.MobileNetV3': {'inverted_residual_setting': 'InvertedResidualConfig[]', 'block': 'LayerFactory | null',
                                       'norm_layer': 'LayerFactory | null'},
    'torchvision.models.EfficientNet': {'inverted_residual_setting': '(MBConvConfig | FusedMBConvConfig)[]', 'norm_layer': 'LayerFactory | null'},
    'torchvision.models.efficientnet.FusedMBConvConfig': {'block': 'LayerFactory | null'},
    'torchvision.models.ShuffleNetV2': {'inverted_residual': 'LayerFactory'},
    'torchvision.models.ConvNeXt': {'block_setting': 'CNBlockConfig[]', 'block': 'LayerFactory | null', 'norm_layer': 'LayerFactory | null'},
    'torchvision.models.convnext.CNBlock': {'dim': 'number', 'norm_layer': 'LayerFactory | null'},
    'torchvision.models.VisionTransformer': {'norm_layer': 'LayerFactory', 'conv_stem_configs': 'ConvStemConfig[] | null'},
    'torchvision.models.vision_transformer.ConvStemConfig': {'norm_layer': 'LayerFactory', 'activation_layer': 'LayerFactory'},
    'torchvision.models.vision_transformer.EncoderBlock': {'norm_layer': 'LayerFactory'},
    'torchvision.models.vision_transformer.Encoder': {'norm_layer': 'LayerFactory'},
    'torchvision.models.vision_transformer.interpolate_embeddings': {'model_state': 'Record<string, Tensor>',
                                                                     'interpolation_mode': "'nearest' | 'linear' | 'bilinear' | 'bicubic' | 'trilinear' | 'area' | 'nearest-exact'"},
    'torchvision.models.mobilenetv3.InvertedResidualConfig': {'activation': 'string'},  # 'HS' or 'RE', not a layer
    'torchvision.models.mobilenetv3.InvertedResidual': {'cnf': 'InvertedResidualConfig'},
    'torchvision.models.efficientnet.MBConv': {'cnf': 'MBConvConfig'},
    'torchvision.models.efficientnet.FusedMBConv': {'cnf': 'FusedMBConvConfig'},
    'torchvision.models.RegNet': {'block_params': 'BlockParams', **{n: 'LayerFactory | null' for n in ('stem_type', 'block_type', 'norm_layer', 'activation')}},
    'torch.tensor': {'data': 'TensorData'},
    'torch.Tensor.backward': {'gradient': 'Tensor | null', 'retain_graph': 'boolean | null', 'create_graph': 'boolean', 'inputs': 'Tensor | Tensor[] | null'},
    'torch.Tensor.size': {'dim': 'number | null'},
    'torch.Tensor.stride': {'dim': 'number | null'},
    'torch.Tensor.is_contiguous': {'memory_format': 'MemoryFormat'},
    'torch.Tensor.cpu': {'memory_format': 'MemoryFormat'},
    'torch.Tensor.cuda': {'device': 'DeviceLike | number | null', 'non_blocking': 'boolean', 'memory_format': 'MemoryFormat'},
    **{f'torch.Tensor.{cast}': {'memory_format': 'MemoryFormat'} for cast in TENSOR_CASTS},
    'torch.Tensor.requires_grad_': {'requires_grad': 'boolean'},
    'torch.Tensor.where': {'condition': 'Tensor', 'other': 'Tensor | number | boolean'},
    'torch.Tensor.type': {'dtype': 'DType | string | null', 'non_blocking': 'boolean', 'memory_format': 'MemoryFormat | null'},
    'torch.Tensor.is_same_size': {'other': 'Tensor'},
    'torch.set_rng_state': {'new_state': 'Tensor'},
    # a bool tensor's elements reach the callable as booleans
    'torch.Tensor.apply_': {'callable': '(x: number) => number | boolean'},
    'torch.Tensor.map_': {'other': 'Tensor', 'callable': '(a: number, b: number) => number | boolean'},
    'torch.autograd.grad': {'outputs': 'Tensor | Tensor[]', 'inputs': 'Tensor | Tensor[]', 'grad_outputs': 'Tensor | (Tensor | null)[] | null'},
    'torch.autograd.backward': {'tensors': 'Tensor | Tensor[]', 'grad_tensors': 'Tensor | (Tensor | null)[] | null', 'inputs': 'Tensor | Tensor[] | null'},
    'torch.distributions.TransformedDistribution': {'base_distribution': 'Distribution', 'transforms': 'Transform | Transform[]'},
    'torch.distributions.transforms.ComposeTransform': {'parts': 'Transform[]'},
    'torch.distributions.transforms.IndependentTransform': {'base_transform': 'Transform', 'reinterpreted_batch_ndims': 'number'},
    'torch.distributions.transforms.Transform.forward_shape': {'shape': 'number[]'},
    'torch.distributions.transforms.Transform.inverse_shape': {'shape': 'number[]'},
    'torch.distributions.transforms.Transform.log_abs_det_jacobian': {'x': 'Tensor', 'y': 'Tensor'},
    'torch.distributions.transforms.Transform.with_cache': {'cache_size': 'number'},
    'torch.distributions.transforms.PowerTransform': {'exponent': 'Tensor | number'},
    'torch.distributions.Independent': {'base_distribution': 'Distribution', 'reinterpreted_batch_ndims': 'number'},
    'torch.distributions.Distribution.expand': {'batch_shape': 'number[]', '_instance': 'null'},
    'torch.distributions.Distribution.log_prob': {'value': 'Tensor | number'},
    'torch.distributions.Distribution.cdf': {'value': 'Tensor | number'},
    'torch.distributions.Distribution.icdf': {'value': 'Tensor | number'},
    'torch.distributions.MixtureSameFamily': {'mixture_distribution': 'Distribution', 'component_distribution': 'Distribution'},
    'torch.distributions.MixtureSameFamily.log_prob': {'x': 'Tensor'},
    'torch.distributions.MixtureSameFamily.cdf': {'x': 'Tensor'},
    'torch.distributions.LowRankMultivariateNormal': {'loc': 'Tensor', 'cov_factor': 'Tensor', 'cov_diag': 'Tensor'},
    'torch.distributions.GeneralizedPareto': {'loc': 'Tensor | number', 'scale': 'Tensor | number', 'concentration': 'Tensor | number', 'validate_args': 'boolean | null'},
    'torch.distributions.GeneralizedPareto.log_cdf': {'value': 'Tensor | number'},
    'torch.distributions.GeneralizedPareto.log_survival_function': {'value': 'Tensor | number'},
    'torch.distributions.transforms.ReshapeTransform': {'in_shape': 'number[]', 'out_shape': 'number[]'},
    'torch.distributions.transforms.CatTransform': {'tseq': 'Transform[]', 'dim': 'number', 'lengths': 'number[] | null'},
    'torch.distributions.transforms.StackTransform': {'tseq': 'Transform[]', 'dim': 'number'},
    'torch.distributions.transforms.CumulativeDistributionTransform': {'distribution': 'Distribution'},
    'torch.distributions.biject_to': {'constraint': 'Constraint'},
    'torch.distributions.LKJCholesky': {'dim': 'number', 'concentration': 'Tensor | number'},
    'torch.distributions.Wishart': {'df': 'Tensor | number', 'covariance_matrix': 'Tensor | null', 'precision_matrix': 'Tensor | null', 'scale_tril': 'Tensor | null'},
    'torch.distributions.Wishart.rsample': {'sample_shape': 'number[] | number', 'max_try_correction': 'number | null'},
    'torch.distributions.constraints.cat': {'cseq': 'Constraint[]', 'dim': 'number', 'lengths': 'number[] | null'},
    'torch.distributions.constraints.stack': {'cseq': 'Constraint[]', 'dim': 'number'},
    'torch.random.fork_rng': {'devices': 'number[] | null', 'enabled': 'boolean'},
    'torch.distributions.kl.register_kl': {'type_p': 'unknown', 'type_q': 'unknown', 'fn': 'unknown'},
    'torch.distributions.constraint_registry.ConstraintRegistry.register': {'constraint': 'unknown', 'factory': '((constraint: Constraint) => Transform) | null'},
    'torch.distributions.transform_to': {'constraint': 'Constraint'},
    **{f'torch.distributions.{d}': {'temperature': 'Tensor | number'} for d in (
        'RelaxedBernoulli', 'relaxed_bernoulli.LogitRelaxedBernoulli', 'RelaxedOneHotCategorical', 'relaxed_categorical.ExpRelaxedCategorical')},
    'torch.distributions.ContinuousBernoulli': {'lims': '[number, number]'},
    'torch.distributions.VonMises': {'loc': 'Tensor | number', 'concentration': 'Tensor | number'},
    **{f'torch.distributions.constraints.{c}': {'lower_bound': 'Tensor | number', 'upper_bound': 'Tensor | number'} for c in (
        'greater_than', 'greater_than_eq', 'less_than', 'interval', 'half_open_interval', 'integer_interval')},
    'torch.distributions.constraints.multinomial': {'upper_bound': 'number'},
    'torch.distributions.constraints.independent': {'base_constraint': 'Constraint', 'reinterpreted_batch_ndims': 'number'},
    'torch.finfo': {'type': 'DType | null'},
    'torch.iinfo': {'type': 'DType'},
    'torch.can_cast': {'from_': 'DType', 'to': 'DType'},
    'torch.promote_types': {'type1': 'DType', 'type2': 'DType'},
    'torch.result_type': {'tensor1': 'Tensor | number | boolean', 'tensor2': 'Tensor | number | boolean'},
    **{q: {'p': "number | 'fro' | 'nuc' | null", 'dim': 'number | number[] | null', 'keepdim': 'boolean'} for q in ('torch.norm', 'torch.Tensor.norm')},
    'torch.Tensor.split': {'split_size': 'number | number[]', 'dim': 'number'},
    'torch.Tensor.chunk': {'chunks': 'number', 'dim': 'number'},
    'torch.Tensor.index_put_': {'indices': 'Index', 'values': 'Tensor | number | boolean', 'accumulate': 'boolean'},
    'torch.Tensor.index_put': {'indices': 'Index', 'values': 'Tensor | number | boolean', 'accumulate': 'boolean'},
    'torch.Tensor.new_tensor': {'data': 'TensorData', 'dtype': 'DType | null', 'device': 'DeviceLike | null', 'requires_grad': 'boolean'},
    'torch.nn.Parameter': {'data': 'Tensor | null', 'requires_grad': 'boolean'},
    'torch.Generator': {'device': 'DeviceLike'},
    'torch.nn.Module.state_dict': {'destination': 'Record<string, Tensor> | null', 'prefix': 'string', 'keep_vars': 'boolean'},
    'torch.nn.Module.load_state_dict': {'state_dict': 'Record<string, Tensor> | Map<string, Tensor>'},
    'torch.nn.Module.register_parameter': {'param': 'Tensor | null'},
    'torch.nn.Module.add_module': {'module': 'Module | null'},
    'torch.nn.Module.register_module': {'module': 'Module | null'},
    'torch.nn.Module.apply': {'fn': '(m: Module) => void'},
    'torch.nn.Module.cuda': {'device': 'number | DeviceLike | null'},
    'torch.optim.Optimizer.add_param_group': {'param_group': 'Record<string, unknown> & { params: unknown }'},
    'torch.optim.Optimizer.load_state_dict': {'state_dict': 'OptimizerStateDict | Record<string, unknown>'},
    'torch.distributed.init_process_group': {'backend': "'gloo' | 'nccl' | null", 'timeout': 'number | null', 'store': 'unknown', 'pg_options': 'unknown', 'device_id': 'DeviceLike | number | null'},
    'torch.distributed.new_group': {'ranks': 'number[] | null', 'timeout': 'number | null', 'backend': "'gloo' | 'nccl' | null", 'pg_options': 'unknown', 'device_id': 'DeviceLike | null'},
    'torch.distributed.all_reduce': {'op': 'ReduceOp', 'group': 'ProcessGroup | null'},
    'torch.distributed.broadcast': {'group': 'ProcessGroup | null'},
    'torch.distributed.reduce': {'op': 'ReduceOp', 'group': 'ProcessGroup | null'},
    'torch.distributed.all_gather': {'group': 'ProcessGroup | null'},
    'torch.distributed.gather': {'group': 'ProcessGroup | null'},
    'torch.distributed.scatter': {'group': 'ProcessGroup | null'},
    'torch.distributed.reduce_scatter': {'op': 'ReduceOp', 'group': 'ProcessGroup | null'},
    'torch.distributed.barrier': {'group': 'ProcessGroup | null', 'timeout': 'number | null'},
    'torch.jit.load': {'f': 'string', 'map_location': 'DeviceLike | null', '_extra_files': 'Record<string, string> | null'},
    'torch.jit.save': {'m': 'Module', 'f': 'string', '_extra_files': 'Record<string, string> | null'},
    'torch.jit.trace': {'func': 'Module | ((...inputs: Tensor[]) => any)', 'example_inputs': 'Tensor | Tensor[] | null', 'optimize': 'unknown',
                        'check_inputs': 'unknown', 'check_tolerance': 'number', '_module_class': 'unknown', '_compilation_unit': 'unknown',
                        'example_kwarg_inputs': 'Record<string, Tensor> | null'},
    'torch.hub.load_state_dict_from_url': {'map_location': 'MapLocation | null'},
    'torch.cuda.manual_seed': {'seed': 'number | bigint'},
    'torch.linalg.polar': {'out': '[Tensor, Tensor] | null'},
    # annotated int, but torchvision passes each through _pair
    'torchvision.ops.DeformConv2d': {'kernel_size': 'number | [number, number]', 'stride': 'number | [number, number]',
                                     'padding': 'number | [number, number]', 'dilation': 'number | [number, number]'},
    'torchvision.ops.deform_conv2d': {'stride': 'number | [number, number]', 'padding': 'number | [number, number]', 'dilation': 'number | [number, number]'},
    'torch.full': {'size': 'number[]', 'fill_value': SCALAR},
    'torch.eye': {'n': 'number', 'm': 'number | null'},
    'torch.arange': {'start': 'number', 'end': 'number | null', 'step': 'number'},
    'torch.linspace': {'start': 'number', 'end': 'number', 'steps': 'number'},
    'torch.logspace': {'start': 'number', 'end': 'number', 'steps': 'number', 'base': 'number'},
    'torch.randint': {'low': 'number', 'high': 'number | number[] | null', 'size': 'number[] | null'},
    'torch.randperm': {'n': 'number'},
    'torch.zeros_like': {'input': 'Tensor'}, 'torch.ones_like': {'input': 'Tensor'}, 'torch.empty_like': {'input': 'Tensor'},
    'torch.rand_like': {'input': 'Tensor'}, 'torch.randn_like': {'input': 'Tensor'},
    'torch.full_like': {'input': 'Tensor', 'fill_value': SCALAR},
    'torch.randint_like': {'input': 'Tensor', 'low': 'number', 'high': 'number | null'},
    'torch.frombuffer': {'buffer': 'ArrayBuffer | ArrayBufferView', 'dtype': 'DType | string'},
    'torch.manual_seed': {'seed': 'number | bigint'},
    'torch.set_num_threads': {'object': 'number'},
    'torch.tensordot': {'a': 'Tensor', 'b': 'Tensor', 'dims': 'number | number[] | number[][]'},
    'torch.set_printoptions': {'precision': 'number | null', 'threshold': 'number | null', 'edgeitems': 'number | null', 'linewidth': 'number | null',
                               'profile': "'default' | 'short' | 'full' | null", 'sci_mode': 'boolean | null'},
    'torch.save': {'obj': 'unknown', 'f': 'string', 'pickle_module': 'unknown', 'pickle_protocol': 'number'},
    'torch.load': {'f': 'string', 'map_location': 'MapLocation | null', 'pickle_module': 'unknown'},
    'torch.meshgrid': {'indexing': "'ij' | 'xy' | null"},
    'torch.unique': {'input': 'Tensor', 'dim': 'number | null'},
    'torch.unique_consecutive': {'input': 'Tensor', 'dim': 'number | null'},
    'torch.nn.functional.interpolate': {'size': 'number | number[] | null', 'scale_factor': 'number | number[] | null',
                                        'mode': "'nearest' | 'linear' | 'bilinear' | 'bicubic' | 'trilinear' | 'area' | 'nearest-exact'"},
    'torch.nn.functional.conv1d': {'padding': 'number | number[] | string'},
    'torch.nn.functional.conv2d': {'padding': 'number | number[] | string'},
    'torch.nn.functional.conv3d': {'padding': 'number | number[] | string'},
    'torch.nn.functional.gelu': {'approximate': "'none' | 'tanh'"},
    'torch.nn.GELU': {'approximate': "'none' | 'tanh'"},
    'torch.nn.LayerNorm': {'normalized_shape': 'number | number[]'},
    'torch.nn.functional.kl_div': {'reduction': "'mean' | 'sum' | 'none' | 'batchmean'"},
    'torch.nn.ParameterDict': {'parameters': 'Record<string, Tensor> | null'},
    'torch.nn.Unflatten': {'dim': 'number', 'unflattened_size': 'number[]'},
    'torch.nn.Conv1d': {'padding': "number | [number] | 'same' | 'valid'"},
    'torch.nn.Conv2d': {'padding': "number | [number, number] | 'same' | 'valid'"},
    'torch.nn.Conv3d': {'padding': "number | [number, number, number] | 'same' | 'valid'"},
    'torchvision.transforms.RandomCrop': {'size': 'number | number[]', 'padding': 'number | number[] | null', 'fill': 'number',
                                          'padding_mode': "'constant' | 'edge' | 'reflect' | 'symmetric'"},
    'torchvision.transforms.CenterCrop': {'size': 'number | number[]'},
    **{q: {'padding': 'number | number[]', 'fill': 'number', 'padding_mode': "'constant' | 'edge' | 'reflect' | 'symmetric'"}
       for q in ('torchvision.transforms.Pad', 'torchvision.transforms.functional.pad')},
    'torchvision.transforms.functional.center_crop': {'output_size': 'number | number[]'},
    'torchvision.transforms.functional.normalize': {'tensor': 'Tensor', 'mean': 'number[]', 'std': 'number[]', 'inplace': 'boolean'},
    'torchvision.transforms.functional.to_tensor': {'pic': 'Input'},
    'torchvision.transforms.RandomAffine': {'fill_mode': "'constant' | 'nearest'", 'degrees': 'number | [number, number]',
                                            'translate': '[number, number] | null', 'scale': '[number, number] | null',
                                            'shear': 'number | number[] | null', 'fill': 'number | number[]', 'center': '[number, number] | null',
                                            'interpolation': 'InterpolationMode'},
    'torchvision.transforms.RandomRotation': {'fill_mode': "'constant' | 'nearest'", 'degrees': 'number | [number, number]',
                                              'fill': 'number | number[]', 'center': '[number, number] | null', 'interpolation': 'InterpolationMode'},
    'torchvision.transforms.Resize': {'size': 'number | number[]', 'interpolation': 'InterpolationMode', 'max_size': 'number | null'},
    'torchvision.transforms.RandomResizedCrop': {'size': 'number | number[]', 'interpolation': 'InterpolationMode',
                                                 'scale': '[number, number]', 'ratio': '[number, number]'},
    'torchvision.transforms.GaussianBlur': {'kernel_size': 'number | [number, number]', 'sigma': 'number | [number, number]'},
    'torchvision.transforms.RandomErasing': {'scale': '[number, number]', 'ratio': '[number, number]', 'value': "number | number[] | 'random'"},
    'torchvision.transforms.Grayscale': {'num_output_channels': '1 | 3'},
    'torchvision.transforms.functional.resize': {'size': 'number | number[]', 'interpolation': 'InterpolationMode', 'max_size': 'number | null'},
    'torchvision.transforms.functional.resized_crop': {'size': 'number | number[]', 'interpolation': 'InterpolationMode'},
    'torchvision.transforms.functional.rotate': {'interpolation': 'InterpolationMode', 'fill': 'number | number[] | null',
                                                 'center': '[number, number] | null', 'fill_mode': "'constant' | 'nearest'"},
    'torchvision.transforms.functional.affine': {'interpolation': 'InterpolationMode', 'fill': 'number | number[] | null', 'translate': '[number, number]',
                                                 'shear': 'number | [number, number]', 'center': '[number, number] | null', 'fill_mode': "'constant' | 'nearest'"},
    'torchvision.transforms.functional.gaussian_blur': {'kernel_size': 'number | [number, number]', 'sigma': 'number | [number, number] | null'},
    'torchvision.io.read_image': {'mode': 'ImageReadMode'},
    'torchvision.io.decode_image': {'input': 'Tensor | Uint8Array | string', 'mode': 'ImageReadMode'},
    'torchvision.io.decode_jpeg': {'input': 'Tensor | Uint8Array', 'mode': 'ImageReadMode', 'device': 'DeviceLike'},
    'torchvision.io.decode_png': {'input': 'Tensor | Uint8Array', 'mode': 'ImageReadMode'},
    'torchvision.transforms.Normalize': {'mean': 'number[]', 'std': 'number[]'},
    'torchvision.transforms.Compose': {'transforms': '((x: any) => any)[]'},
    'torchvision.transforms.Lambda': {'lambd': '(x: any) => any'},
    'torchvision.transforms.RandomApply': {'transforms': '((x: any) => any)[]'},
    'torchvision.transforms.RandomChoice': {'transforms': '((x: any) => any)[]', 'p': 'number[] | null'},
    'torchvision.transforms.RandomOrder': {'transforms': '((x: any) => any)[]'},
    'torchvision.transforms.ToPILImage': {'mode': "'L' | 'RGB' | null"},
    'torchvision.transforms.LinearTransformation': {'transformation_matrix': 'Tensor', 'mean_vector': 'Tensor'},
    'torchvision.transforms.FiveCrop': {'size': 'number | number[]'},
    'torchvision.transforms.TenCrop': {'size': 'number | number[]', 'vertical_flip': 'boolean'},
    'torchvision.transforms.RandomPosterize': {'bits': 'number', 'p': 'number'},
    'torchvision.transforms.RandomSolarize': {'threshold': 'number', 'p': 'number'},
    'torchvision.transforms.RandomPerspective': {'distortion_scale': 'number', 'p': 'number', 'interpolation': 'InterpolationMode',
                                                 'fill': 'number | number[]'},
    'torchvision.transforms.ElasticTransform': {'alpha': 'number | [number, number]', 'sigma': 'number | [number, number]',
                                                'interpolation': 'InterpolationMode', 'fill': 'number | number[]'},
    'torchvision.transforms.RandomAdjustSharpness': {'sharpness_factor': 'number', 'p': 'number'},
    'torchvision.transforms.functional.perspective': {'startpoints': 'number[][]', 'endpoints': 'number[][]',
                                                      'interpolation': 'InterpolationMode', 'fill': 'number | number[] | null'},
    'torchvision.transforms.functional.elastic_transform': {'displacement': 'Tensor', 'interpolation': 'InterpolationMode',
                                                            'fill': 'number | number[] | null'},
}


def main():
    names = [line.split('#')[0].strip() for line in open(os.path.join(HERE, 'signatures.txt'))]
    # 'PREFIX{models.txt}' stands for PREFIX + each name in scripts/models.txt, the one list of models
    names = [m for n in names if n for m in ([n.replace('{models.txt}', b) for b in model_names()] if '{models.txt}' in n else [n])]
    table, problems = {}, []
    for qual in names:
        try:
            sig = signature(qual)
        except Exception as e:  # noqa: BLE001
            problems.append(f'{qual}: {e}')
            continue
        params = []
        for p in sig.parameters.values():
            if p.kind == p.VAR_KEYWORD and qual in IGNORED_KWARGS:
                continue
            default, has_default = default_of(p)
            entry = {'name': camel(p.name.lstrip('_')) if p.name != '_weight' else '_weight', 'py': p.name, 'kind': KINDS[p.kind],
                     'type': param_type(qual, p, default, has_default)}
            if has_default:
                entry['default'] = default
            params.append(entry)
        table[js_key(qual)] = {'python': qual, 'params': params}
    if problems:
        sys.exit('gen-signatures: could not read\n  ' + '\n  '.join(problems))
    write(table)
    print(f'wrote {len(table)} signatures (torch {torch.__version__}, torchvision {torchvision.__version__}) to {os.path.relpath(OUT)}')


RESERVED = set('break case catch class const continue debugger default delete do else enum export extends false finally for '
               'function if import in instanceof new null return super switch this throw true try typeof var void while with'.split())


def label(name):
    # a tuple element's label must not be a reserved word (torch.nn.functional.gaussian_nll_loss's var)
    return name + '_' if name in RESERVED else name


def args_alternatives(params):
    fields = [p for p in params if p['kind'] not in ('varargs', 'varkw')]
    positional = [p for p in fields if p['kind'] in ('pos', 'posonly')]
    optional = lambda p: 'default' in p  # noqa: E731
    alts = []
    for k in range(len(positional) + 1):
        used = {p['name'] for p in positional[:k]}
        # a positional element has the property's type; an optional property's includes undefined
        elems = [f'{label(p["name"])}: {p["type"]}{" | undefined" if optional(p) else ""}' for p in positional[:k]]
        rest = [p for p in fields if p['name'] not in used]
        obj = '{ ' + '; '.join(f'{p["name"]}{"?" if optional(p) else ""}: {p["type"]}' for p in rest) + ' }' if rest else '{}'
        tail = 'options?' if all(optional(p) for p in rest) else 'options'
        alts.append('[' + ', '.join(elems + [f'{tail}: {obj}']) + ']')
    return ' | '.join(alts)


def write(table):
    lines = [
        '// Generated by scripts/gen-signatures.py from the installed torch and torchvision. Do not edit.',
        f'// torch {torch.__version__}, torchvision {torchvision.__version__}',
        '/* eslint-disable */',
        "import type { Tensor, Index } from '../tensor.js';",
        "import type { DType, DeviceLike, Layout, MemoryFormat } from '../types.js';",
        "import type { TensorData } from '../creation.js';",
        "import type { MapLocation } from '../serialization/index.js';",
        "import type { ReduceOp, ProcessGroup } from '../distributed.js';",
        "import type { Generator } from '../generator.js';",
        "import type { Module } from '../nn/module.js';",
        "import type { Optimizer, OptimizerStateDict } from '../optim/optimizer.js';",
        "import type { Distribution } from '../distributions/distribution.js';",
        "import type { Transform } from '../distributions/transforms.js';",
        "import type { Constraint } from '../distributions/constraints.js';",
        "import type { Dataset, Sampler, Weights, InterpolationMode, ImageReadMode, Input, LayerFactory, ExtraFPNBlock, ResNetBlock, InvertedResidualConfig, MBConvConfig, BlockParams, CNBlockConfig, FusedMBConvConfig, ConvStemConfig } from './signature-types.js';",
        '',
        '/** [camelCase name, Python name, kind, default (absent: required; {$: repr}: the implementation\'s)] */',
        'export type ParamSpec = readonly [name: string, python: string, kind: \'pos\' | \'posonly\' | \'kwonly\' | \'varargs\' | \'varkw\', defaultValue?: unknown];',
        '',
        'export const SIGNATURES = {',
    ]
    for key, s in table.items():
        ps = ', '.join(
            json.dumps([p['name'], p['py'], p['kind']] + ([p['default']] if 'default' in p else [])) for p in s['params'])
        lines.append(f'  {json.dumps(key)}: [{ps}],')
    lines.append('} as const satisfies Record<string, readonly ParamSpec[]>;')
    lines.append('')
    lines.append('/** Each callable\'s parameters as TypeScript types (from the annotations). */')
    lines.append('export interface ParamTypes {')
    for key, s in table.items():
        fields = '; '.join(f'{p["name"]}{"?" if "default" in p or p["kind"] in ("varargs", "varkw") else ""}: {p["type"]}'
                           for p in s['params'] if p['kind'] not in ('varargs', 'varkw'))
        lines.append(f'  {json.dumps(key)}: {{ {fields} }};')
    lines.append('}')
    lines.append('')
    lines.append('/** Each callable\'s positional parameters, in order. */')
    lines.append('export interface Positional {')
    for key, s in table.items():
        names = [p['name'] for p in s['params'] if p['kind'] in ('pos', 'posonly')]
        lines.append(f'  {json.dumps(key)}: [{", ".join(json.dumps(n) for n in names)}];')
    lines.append('}')
    lines.append('')
    lines.append('/**')
    lines.append(' * Each callable\'s arguments as Python binds them (bind.ts\'s Args): the first k positional')
    lines.append(' * parameters by position, then one options object with the rest by name. Written out here, not')
    lines.append(' * computed by a recursive type at each use, so that tsc reads it instead of working it out.')
    lines.append(' */')
    lines.append('export interface ArgsTable {')
    for key, s in table.items():
        lines.append(f'  {json.dumps(key)}: {args_alternatives(s["params"])};')
    lines.append('}')
    with open(OUT, 'w') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
