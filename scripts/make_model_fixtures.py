#!/usr/bin/python3
"""torchvision.models reference data.
    /usr/bin/python3 scripts/make_model_fixtures.py
        -> test/fixtures/models.json: every model's state_dict keys, shapes and parameter count
    /usr/bin/python3 scripts/make_model_fixtures.py --weights NAME DIR
        -> DIR/NAME.pth (seeded random weights, BatchNorm statistics moved off their defaults),
           DIR/NAME-io.pth ({'input', 'eval', 'train'}: outputs in eval() and in train() mode);
           run by the tests at test time, so no large weights are committed
"""
import json
import os
import sys

import torch
import torchvision

from fixture_dir import fixtures_dir
from model_list import model_names

MODELS = model_names()  # scripts/models.txt


def build(name, **kw):
    if name in ('inception_v3', 'googlenet'):
        kw.setdefault('init_weights', True)  # its default, said out loud to quiet the FutureWarning
    if 'conv_stem_configs' in kw:  # JSON's lists, as ConvStemConfig(out_channels, kernel_size, stride)
        from torchvision.models.vision_transformer import ConvStemConfig
        kw = {**kw, 'conv_stem_configs': [ConvStemConfig(*c) for c in kw['conv_stem_configs']]}
    return getattr(torchvision.models, name)(**kw)


if len(sys.argv) > 1 and sys.argv[1] == '--weights':
    name, out = sys.argv[2], sys.argv[3]
    torch.manual_seed(0)
    # a ViT takes one image size, 224 unless told: 64 here, as the other models' inputs
    model = build(name, num_classes=10, **({'image_size': 64} if name.startswith('vit') else {}))
    with torch.no_grad():
        for m in model.modules():  # BatchNorm statistics and affine parameters off their defaults
            if isinstance(m, torch.nn.BatchNorm2d):
                m.running_mean.uniform_(-0.1, 0.1)
                m.running_var.uniform_(0.5, 1.5)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.1, 0.1)
    torch.save(model.state_dict(), os.path.join(out, f'{name}.pth'))
    x = torch.randn(2, 3, 299, 299) if name == 'inception_v3' else torch.randn(2, 3, 64, 64)  # Inception's train() needs 299×299
    model.eval()
    with torch.no_grad():
        ev = model(x)
    model.train()
    with torch.no_grad():
        tr = model(x)
    if isinstance(tr, tuple):  # Inception's InceptionOutputs
        tr = tr.logits
    io = {'input': x, 'eval': ev, 'train': tr}
    if name.startswith('vit'):  # its position embeddings resized for 96×96 images, as fine-tuning at another size does
        from torchvision.models.vision_transformer import interpolate_embeddings
        io['pos_embedding_96'] = interpolate_embeddings(96, model.patch_size, model.state_dict())['encoder.pos_embedding']
    torch.save(io, os.path.join(out, f'{name}-io.pth'))
    sys.exit(0)

# builders' own options, under NAME@WHAT
VARIANTS = {'mobilenet_v3_large@reduced': {'width_mult': 0.75, 'reduced_tail': True, 'dilated': True},
            'mobilenet_v3_small@dropout': {'dropout': 0.5, 'num_classes': 10},
            'vit_b_32@pre_logits': {'image_size': 64, 'representation_size': 128, 'num_classes': 10},
            'vit_b_16@conv_stem': {'image_size': 64, 'num_classes': 10, 'conv_stem_configs': [[64, 3, 2], [128, 3, 2], [128, 3, 2], [256, 3, 2]]}}
out = {}
for key in MODELS + list(VARIANTS):
    name = key.split('@')[0]
    kw = VARIANTS.get(key, {'num_classes': 10} if name.startswith('vgg') else {})
    m = build(name, **kw)
    sd = m.state_dict()
    out[key] = {'kwargs': kw, 'keys': list(sd.keys()), 'shapes': [list(v.shape) for v in sd.values()],
                 'parameters': sum(p.numel() for p in m.parameters()), 'repr': repr(m) if name in ('resnet18', 'mobilenet_v2', 'efficientnet_b0', 'alexnet', 'squeezenet1_1', 'mobilenet_v3_small', 'shufflenet_v2_x0_5', 'efficientnet_b5', 'googlenet', 'regnet_y_400mf', 'convnext_tiny', 'vit_b_32') else None}
path = os.path.join(fixtures_dir(), 'models.json')
json.dump(out, open(path, 'w'), separators=(',', ':'))
print(f'wrote {len(out)} models to {path}')
