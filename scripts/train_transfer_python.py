#!/usr/bin/python3
"""A checkpoint trained in Python for examples/transfer-learning.ts --evaluate: torchvision's
MobileNetV2 with a new head for the folder's classes, the backbone frozen, the head trained a few
steps; prints its validation accuracy (images read with torchvision.io, tensor transforms) as JSON.
    /usr/bin/python3 scripts/train_transfer_python.py ROOT SIZE OUT.pth
"""
import json
import sys

import torch
import torchvision
import torchvision.transforms as T

root, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
torch.manual_seed(0)
mean, std = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]
read = lambda p: torchvision.io.read_image(p, torchvision.io.ImageReadMode.RGB)
tf = T.Compose([T.Resize(round(size * 256 / 224), antialias=True), T.CenterCrop(size), T.ConvertImageDtype(torch.float32), T.Normalize(mean, std)])
train = torchvision.datasets.ImageFolder(root + '/train', transform=tf, loader=read)
val = torchvision.datasets.ImageFolder(root + '/val', transform=tf, loader=read)
model = torchvision.models.mobilenet_v2()
model.features.requires_grad_(False)
model.classifier = torch.nn.Sequential(torch.nn.Dropout(p=0.2), torch.nn.Linear(model.last_channel, len(train.classes)))
opt = torch.optim.Adam(model.classifier.parameters(), lr=0.01)
model.train()
for x, y in torch.utils.data.DataLoader(train, batch_size=8, shuffle=True):
    opt.zero_grad()
    torch.nn.functional.cross_entropy(model(x), y).backward()
    opt.step()
torch.save(model.state_dict(), out)
model.eval()
correct = total = 0
with torch.no_grad():
    for x, y in torch.utils.data.DataLoader(val, batch_size=8):
        correct += (model(x).argmax(1) == y).sum().item()
        total += len(y)
print(json.dumps({'accuracy': 100 * correct / total}))
