"""The Python side of bench/interleaved.ts: times the named case when bench/interleaved.ts asks, so
that the two sides' blocks alternate in one run and the machine's load falls on both alike.

One JSON request per line on stdin, one JSON answer per line on stdout:
  {"warm": name, "iters": n}   runs the case n // 10 times (at least once), answers {}
  {"time": name, "iters": n}   runs it n times, answers {"ns": nanoseconds per call}
The first line written is {"torch": version}; end of input ends the server."""
import json
import sys
import time

import torch


def serve(cases):
    print(json.dumps({'torch': torch.__version__}), flush=True)
    for line in sys.stdin:
        req = json.loads(line)
        if 'warm' in req:
            fn = cases[req['warm']]
            for _ in range(max(1, req['iters'] // 10)):
                fn()
            answer = {}
        else:
            fn, n = cases[req['time']], req['iters']
            t = time.perf_counter_ns()
            for _ in range(n):
                fn()
            answer = {'ns': (time.perf_counter_ns() - t) / n}
        print(json.dumps(answer), flush=True)
