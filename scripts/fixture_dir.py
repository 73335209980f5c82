"""Where the fixture makers write, by the version of the PyTorch that runs them.

PyTorch 1.13 (Debian 12's, this repository's first target) writes test/fixtures/; any other version
writes test/fixtures/torch-MAJOR.MINOR/, beside it. A test run against libtorch MAJOR.MINOR reads that
version's folder and falls back to test/fixtures/ for what it lacks (test/helpers.ts, fixturePath), so
where a later PyTorch legitimately computes something else, the test compares with what that PyTorch
computed, and every fixture records the version that made it ("torch").
"""
import json
import os

import torch

BASE = '1.13'
ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures'))
VERSION = '.'.join(torch.__version__.split('+')[0].split('.')[:2])


def fixtures_dir(*sub):
    top = ROOT if VERSION == BASE else os.path.join(ROOT, f'torch-{VERSION}')
    d = os.path.join(top, *sub)
    os.makedirs(d, exist_ok=True)
    made_by = {'torch': torch.__version__}
    try:
        import torchvision
        made_by['torchvision'] = torchvision.__version__
    except ImportError:
        pass
    with open(os.path.join(top, 'made-by.json'), 'w') as f:
        json.dump(made_by, f, indent=1)
        f.write('\n')
    return d
