"""The Python side of bench/aoti.ts: requests per second through the same AOTInductor package,
sequential and with N requests in flight on a thread pool (AOTI releases the GIL while it runs).
    python3 bench/aoti_serve.py PACKAGE BATCH REQUESTS THREADS  -> JSON {"one": rps, "eight": rps}
"""
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import torch

path, batch, requests, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
torch.set_num_threads(threads)
model = torch._inductor.aoti_load_package(path)
x = torch.arange(batch * 3 * 224 * 224, dtype=torch.float32).mul(0.37).sin().reshape(batch, 3, 224, 224)
with torch.no_grad():
    model(x)
    t0 = time.perf_counter()
    for _ in range(requests):
        model(x)
    one = requests / (time.perf_counter() - t0)
    with ThreadPoolExecutor(8) as pool:
        t0 = time.perf_counter()
        list(pool.map(lambda _: model(x), range(requests)))
        eight = requests / (time.perf_counter() - t0)
print(json.dumps({'one': one, 'eight': eight}))
