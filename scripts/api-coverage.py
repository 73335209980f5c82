#!/usr/bin/python3
"""PyTorch's public names, per namespace, for `npm run api-coverage` (scripts/api-coverage.mjs).
Prints JSON: {"torch": version, "torchvision": version, "namespaces": {"torch.nn": [names...], ...}}.
Each list is what the installed PyTorch declares (its __all__, or its public classes and functions)."""
import inspect
import json

import torch
import torch.nn.functional as F
import torchvision


def public(mod, keep):
    return sorted(n for n in dir(mod) if not n.startswith('_') and keep(n, getattr(mod, n)))


def module_class(n, o):
    return inspect.isclass(o) and issubclass(o, torch.nn.Module)


def defined_in(*modules):
    return lambda n, o: callable(o) and getattr(o, '__module__', None) in modules


opt_classes = lambda n, o: inspect.isclass(o) and issubclass(o, torch.optim.Optimizer) and o is not torch.optim.Optimizer  # noqa: E731
sched = torch.optim.lr_scheduler
sched_base = getattr(sched, 'LRScheduler', getattr(sched, '_LRScheduler', None))
sched_classes = lambda n, o: inspect.isclass(o) and (issubclass(o, sched_base) or n == 'ReduceLROnPlateau') and n not in ('LRScheduler', '_LRScheduler')  # noqa: E731
namespaces = {
    'torch.nn': public(torch.nn, module_class),
    'torch.nn.functional': public(F, lambda n, o: callable(o) and not inspect.isclass(o) and getattr(o, '__module__', '') in ('torch.nn.functional', 'torch._C._nn', 'torch', None)
                                  and n not in ('Callable', 'Optional', 'List', 'Tuple', 'Union', 'has_torch_function', 'has_torch_function_unary',
                                                'has_torch_function_variadic', 'handle_torch_function', 'boolean_dispatch', 'assert_int_or_pair')),
    'torch.nn.init': public(torch.nn.init, defined_in('torch.nn.init')),
    'torch.nn.utils': public(torch.nn.utils, lambda n, o: callable(o) and not inspect.ismodule(o)),
    'torch.nn.utils.rnn': list(torch.nn.utils.rnn.__all__) if hasattr(torch.nn.utils.rnn, '__all__') else public(torch.nn.utils.rnn, defined_in('torch.nn.utils.rnn')),
    'torch.optim': public(torch.optim, opt_classes),
    'torch.optim.lr_scheduler': public(sched, sched_classes),
    'torch.linalg': public(torch.linalg, lambda n, o: callable(o)),
    'torch.fft': public(torch.fft, lambda n, o: callable(o)),
    'torch.special': public(torch.special, lambda n, o: callable(o)),
    'torch.autograd': sorted(torch.autograd.__all__),
    'torch.autograd.functional': public(torch.autograd.functional, defined_in('torch.autograd.functional')),
    'torch.distributions': sorted(torch.distributions.__all__),
    'torchvision.transforms': sorted(torchvision.transforms.transforms.__all__),
    'torchvision.utils': sorted(torchvision.utils.__all__),
    'torchvision.ops': sorted(torchvision.ops.__all__),
    'torchvision.io': sorted(n for n in torchvision.io.__all__),
    'torchvision.datasets': sorted(torchvision.datasets.__all__),
    'torchvision.models': sorted(torchvision.models.list_models()) if hasattr(torchvision.models, 'list_models') else public(torchvision.models, lambda n, o: inspect.isfunction(o)),
}
# private names some modules list in __all__ (torchvision.utils' _Image_fromarray) are not API
namespaces = {k: [n for n in v if not n.startswith('_')] for k, v in namespaces.items()}
print(json.dumps({'torch': torch.__version__, 'torchvision': torchvision.__version__, 'namespaces': namespaces}))
