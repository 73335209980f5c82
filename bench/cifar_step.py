#!/usr/bin/python3
"""The Python side of bench/cifar-step.ts: forward + backward + SGD step of the tutorial ConvNet."""
import json
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'scripts'))
from convnet_reference import ConvNet  # noqa: E402

threads, batch, steps = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
device = sys.argv[4] if len(sys.argv) > 4 else 'cpu'
sync = torch.cuda.synchronize if device.startswith('cuda') else (lambda: None)
torch.set_num_threads(threads)


torch.manual_seed(0)
net = ConvNet().to(device)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(net.parameters(), lr=0.001, momentum=0.9)
inputs, labels = torch.randn(batch, 3, 32, 32).to(device), torch.randint(0, 10, (batch,)).to(device)


def step():
    optimizer.zero_grad()
    loss = criterion(net(inputs), labels)
    loss.backward()
    optimizer.step()


for _ in range(3):
    step()
sync()
runs = []
for _ in range(5):
    t = time.perf_counter()
    for _ in range(steps):
        step()
    sync()
    runs.append(batch * steps / (time.perf_counter() - t))
runs.sort()
print(json.dumps({'torch': torch.__version__, 'imagesPerSecond': runs[2]}))
