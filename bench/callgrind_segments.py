"""The Python child's side of bench/callgrind.ts: each case's segments, marked with os.getppid()
(callgrind dumps before each): a warm-up of n1 calls, then n0 and n1 calls, each segment started
after a full collection and the last one ended by one."""
import gc
import os


def run_segments(fns, counts):
    for fn, (n0, n1) in zip(fns, counts):
        for _ in range(n1):
            fn()
        for n in (n0, n1):
            gc.collect()
            os.getppid()
            for _ in range(n):
                fn()
        gc.collect()
        os.getppid()
