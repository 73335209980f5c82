#!/usr/bin/python3
"""The Python side of bench/cifar-loop.ts. With --make ROOT N, writes a CIFAR-10-format data set of
N random training images (the official pickled layout) and prints the MD5 lists as JSON; otherwise
times torchvision's loader and the tutorial loop over it and prints JSON."""
import hashlib
import json
import os
import pickle
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
import torchvision.transforms as transforms
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'scripts'))
from convnet_reference import ConvNet  # noqa: E402


def md5(p):
    return hashlib.md5(open(p, 'rb').read()).hexdigest()


if sys.argv[1] == '--make':
    root, n = sys.argv[2], int(sys.argv[3])
    base = os.path.join(root, 'cifar-10-batches-py')
    os.makedirs(base, exist_ok=True)
    rng = np.random.RandomState(0)
    per = n // 5
    for i in range(1, 6):
        batch = {'batch_label': f'batch {i}', 'labels': rng.randint(0, 10, per).tolist(),
                 'data': rng.randint(0, 256, (per, 3072)).astype(np.uint8), 'filenames': ['x.png'] * per}
        pickle.dump(batch, open(os.path.join(base, f'data_batch_{i}'), 'wb'), protocol=2)
    pickle.dump({'batch_label': 'test', 'labels': [0], 'data': np.zeros((1, 3072), np.uint8), 'filenames': ['x.png']},
                open(os.path.join(base, 'test_batch'), 'wb'), protocol=2)
    pickle.dump({'label_names': [str(i) for i in range(10)]}, open(os.path.join(base, 'batches.meta'), 'wb'), protocol=2)
    print(json.dumps({'trainList': [[f'data_batch_{i}', md5(os.path.join(base, f'data_batch_{i}'))] for i in range(1, 6)],
                      'testList': [['test_batch', md5(os.path.join(base, 'test_batch'))]],
                      'meta': {'filename': 'batches.meta', 'key': 'label_names', 'md5': md5(os.path.join(base, 'batches.meta'))}}))
    sys.exit(0)

root, workers, loop_batches, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
lists = json.load(open(os.path.join(root, 'lists.json')))
torch.set_num_threads(threads)


class Data(torchvision.datasets.CIFAR10):
    train_list, test_list, meta = lists['trainList'], lists['testList'], lists['meta']


transform = transforms.Compose([transforms.RandomHorizontalFlip(), transforms.RandomCrop(32, padding=4),
                                transforms.ToTensor(), transforms.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])
trainset = Data(root=root, train=True, transform=transform)
loader = torch.utils.data.DataLoader(trainset, batch_size=100, shuffle=True, num_workers=workers)
t = time.perf_counter()
n = 0
for inputs, labels in loader:
    n += inputs.size(0)
loader_ips = n / (time.perf_counter() - t)


net = ConvNet()
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(net.parameters(), lr=0.001, momentum=0.9)
t = time.perf_counter()
n = 0
for i, (inputs, labels) in enumerate(loader):
    if i == loop_batches:
        break
    optimizer.zero_grad()
    loss = criterion(net(inputs), labels)
    loss.backward()
    optimizer.step()
    n += inputs.size(0)
loop_ips = n / (time.perf_counter() - t)
print(json.dumps({'torch': torch.__version__, 'loader': loader_ips, 'loop': loop_ips}))
