#!/usr/bin/python3
"""The Python side of bench/cifar-step.ts: forward + backward + SGD step of the tutorial ConvNet."""
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

threads, batch, steps = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
torch.set_num_threads(threads)


class ConvNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        self.fc1 = nn.Linear(64 * 8 * 8, 512)
        self.fc2 = nn.Linear(512, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = x.view(-1, 64 * 8 * 8)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


torch.manual_seed(0)
net = ConvNet()
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(net.parameters(), lr=0.001, momentum=0.9)
inputs, labels = torch.randn(batch, 3, 32, 32), torch.randint(0, 10, (batch,))


def step():
    optimizer.zero_grad()
    loss = criterion(net(inputs), labels)
    loss.backward()
    optimizer.step()


for _ in range(3):
    step()
runs = []
for _ in range(5):
    t = time.perf_counter()
    for _ in range(steps):
        step()
    runs.append(batch * steps / (time.perf_counter() - t))
runs.sort()
print(json.dumps({'torch': torch.__version__, 'imagesPerSecond': runs[2]}))
