#!/usr/bin/python3
"""The Python side of bench/ddp.ts: the same worker with torch.distributed and DDP (env:// rendezvous)."""
import json
import os
import sys
import time

import torch
import torch.distributed as dist
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'scripts'))
from convnet_reference import ConvNet  # noqa: E402

steps, reps = int(os.environ.get('BENCH_STEPS', 20)), int(os.environ.get('BENCH_REPS', 5))
dist.init_process_group('gloo')
torch.set_num_threads(1)
rank, n = dist.get_rank(), dist.get_world_size()
torch.manual_seed(0)
net = ConvNet()
model = torch.nn.parallel.DistributedDataParallel(net) if n > 1 else net
optimizer = torch.optim.SGD(model.parameters(), lr=0.001, momentum=0.9)
criterion = torch.nn.CrossEntropyLoss()
x, y = torch.randn(100, 3, 32, 32), torch.randint(0, 10, (100,))


def step():
    optimizer.zero_grad()
    criterion(model(x), y).backward()
    optimizer.step()


for _ in range(3):
    step()
dist.barrier()
t = time.perf_counter()
for _ in range(steps):
    step()
dist.barrier()
loop = time.perf_counter() - t
grad = torch.ones(25557032)
dist.all_reduce(grad)
t = time.perf_counter()
for _ in range(reps):
    dist.all_reduce(grad)
ar = (time.perf_counter() - t) / reps
if rank == 0:
    print(json.dumps({'imagesPerSecond': 100 * steps * n / loop, 'allReduceSeconds': ar}))
dist.destroy_process_group()
