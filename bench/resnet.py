#!/usr/bin/python3
"""The Python side of bench/resnet.ts: torchvision's ResNet50, one SGD train step and inference."""
import json
import sys
import time

import torch
import torch.nn as nn
import torchvision

threads, batch, size, steps, runs_n = (int(a) for a in sys.argv[1:6])
device = sys.argv[6] if len(sys.argv) > 6 else 'cpu'
sync = torch.cuda.synchronize if device.startswith('cuda') else (lambda: None)
torch.set_num_threads(threads)
torch.manual_seed(0)
net = torchvision.models.resnet50().to(device)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(net.parameters(), lr=0.001, momentum=0.9)
inputs, labels = torch.randn(batch, 3, size, size).to(device), torch.randint(0, 1000, (batch,)).to(device)


def train_step():
    optimizer.zero_grad()
    criterion(net(inputs), labels).backward()
    optimizer.step()


def infer():
    with torch.no_grad():
        net(inputs)


def measure(fn):
    fn()
    sync()
    out = []
    for _ in range(runs_n):
        t = time.perf_counter()
        for _ in range(steps):
            fn()
        sync()
        out.append(batch * steps / (time.perf_counter() - t))
    return sorted(out)[len(out) // 2]


net.train()
train = measure(train_step)
net.eval()
inference = measure(infer)
print(json.dumps({'torch': torch.__version__, 'train': train, 'inference': inference}))
