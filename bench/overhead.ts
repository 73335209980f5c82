// Per-call cost of small ops and attribute reads through torch-node and through PyTorch (Python) on
// the same libtorch, in the same run, and their ratio (torch-node / PyTorch; goal: <= 1.0).
//   npm run bench:overhead                     microseconds per call, the two sides' blocks alternating
//     (bench/interleaved.ts; PYTHON=... picks another PyTorch)
//   npm run bench:overhead -- --instructions   instructions per call, counted by valgrind's callgrind
//     over N0 and N1 calls of each case in one process (the difference, so start-up and JIT warm-up
//     cancel), garbage collection included: a figure the machine's load does not move
//   npm run bench:overhead -- --cache-misses   as --instructions, with callgrind's cache simulation
//     (this machine's per-core L2 as its last level): the cache lines each call misses, on both sides
//   npm run bench:overhead -- --gc             where a tensor-making op's time goes: per call, the time
//     in V8's collections (which find the dropped results and run their finalizers) and the rest;
//     BENCH_BALLAST_MB=n keeps n MB more of small live objects, as a bigger program's heap would
// BENCH_ONLY=text in front of any of them keeps the cases whose name contains it (both sides).
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as torch from 'torch-node';
import { REPS } from './timing.js';
import { interleavedNsPerCall, PythonTimer } from './interleaved.js';
import { callgrindEventsPerCall, callgrindPerCall, countedNode, perCoreCacheOption, runInstructionSegments } from './callgrind.js';

const F = torch.nn.functional;
const a = torch.ones(1);
const b = torch.ones(1);
const m = torch.ones(4, 4);
const x = torch.ones(8, 16), w = torch.ones(32, 16), bias = torch.ones(32);
const p = new torch.nn.Parameter(torch.ones(4));
p.grad = torch.ones(4);
const allCases: Record<string, () => unknown> = {
  'add (1-element)': () => torch.add(a, b),
  'Tensor.add (1-element)': () => a.add(b),
  'mul (1-element)': () => a.mul(b),
  'relu (1-element)': () => torch.relu(a),
  'matmul 4x4': () => torch.matmul(m, m),
  'view(16) 4x4': () => m.view(16),
  'sum() 4x4': () => m.sum(),
  'F.linear 8x16 @ 16x32': () => F.linear(x, w, bias),
  'index m[1]': () => m.index(1),
  'item()': () => a.item(),
  'add_ in place (1-element)': () => a.add_(b),
  // a factory: its arguments bound by lib/bind.ts and its options by the schema (lib/creation.ts)
  'zeros(1, 128)': () => torch.zeros(1, 128),
  // hand-written functions: their arguments bound by lib/bind.ts (Python's own parser on the other side)
  'F.softmax(m, dim=1) 4x4': () => F.softmax(m, { dim: 1 }),
  'F.leaky_relu(a, 0.2) (1-element)': () => F.leakyRelu(a, 0.2),
  'F.relu(a) (1-element)': () => F.relu(a),
  // what the tutorials' loops also call: a list of tensors, keyword dtypes, a cast, a comparison
  'cat([m, m], 1) 4x4': () => torch.cat([m, m], 1),
  'zeros(2, dtype=float64)': () => torch.zeros(2, { dtype: torch.float64 }),
  'tensor([3], dtype=long)': () => torch.tensor([3], { dtype: torch.long }),
  'm.to(float64) 4x4': () => m.to(torch.float64),
  // the accuracy count of the classification tutorials: a named tuple (values, indices)
  'torch.max(m, 1) 4x4': () => torch.max(m, 1),
  'm.eq(m) 4x4': () => m.eq(m),
  'a.mul(0.5) (a number)': () => a.mul(0.5),
  'm.pow(2) 4x4': () => m.pow(2),
  'm.tolist() 4x4': () => m.tolist(),
  // attributes
  'p.grad': () => p.grad,
  'p.data': () => p.data,
  'shape': () => m.shape,
  'dtype': () => m.dtype,
  'requires_grad': () => p.requiresGrad,
  'is_leaf': () => p.isLeaf,
};

const only = process.env.BENCH_ONLY;
const cases = Object.fromEntries(Object.entries(allCases).filter(([name]) => !only || name.includes(only)));
if (!Object.keys(cases).length) throw new Error(`BENCH_ONLY=${only} names no case`);

const here = path.dirname(fileURLToPath(import.meta.url));
const python = process.env.PYTHON ?? '/usr/bin/python3';
const argv = process.argv.slice(2);

function table(unit: string, ours: Record<string, number>, theirs: Record<string, number>, digits: number): void {
  console.log(`${'op'.padEnd(34)}${`torch-node ${unit}`.padStart(16)}${`PyTorch ${unit}`.padStart(14)}${'ratio'.padStart(8)}`);
  for (const name of Object.keys(cases)) {
    const r = ours[name] / theirs[name];
    console.log(`${name.padEnd(34)}${ours[name].toFixed(digits).padStart(16)}${theirs[name].toFixed(digits).padStart(14)}${r.toFixed(2).padStart(8)}`);
  }
}

if (argv[0] === '--instructions-child') {
  // under callgrind: process.ppid (getppid) marks the segments, as os.getppid() does in overhead.py
  const [n0, n1] = [Number(argv[1]), Number(argv[2])];
  runInstructionSegments(Object.values(cases), Object.keys(cases).map(() => [n0, n1] as const));
} else if (argv[0] === '--instructions') {
  const [n0, n1] = [Number(process.env.BENCH_N0 ?? 2000), Number(process.env.BENCH_N1 ?? 22000)];
  const counts = Object.keys(cases).map(() => [n0, n1] as const);
  const byName = (ir: number[]) => Object.fromEntries(Object.keys(cases).map((name, i) => [name, ir[i]]));
  const ours = byName(callgrindPerCall(countedNode(fileURLToPath(import.meta.url), '--instructions-child', String(n0), String(n1)), counts));
  const theirs = byName(callgrindPerCall([python, path.join(here, 'overhead.py'), '--instructions', String(n0), String(n1)], counts));
  console.log(`instructions per call (callgrind; ${n1 - n0} calls beyond ${n0}, GC included); libtorch ${torch.version.libtorch}, ${python}, node ${process.version}`);
  table('instr', ours, theirs, 0);
} else if (argv[0] === '--cache-misses') {
  // Where time and instructions part: a result's memory, freed in a collection's burst long after
  // it was made, is cold when it is handed out again; CPython frees each result at once and reuses
  // the same warm block. The simulated misses show which side waits on memory.
  const [n0, n1] = [Number(process.env.BENCH_N0 ?? 2000), Number(process.env.BENCH_N1 ?? 12000)];
  const counts = Object.keys(cases).map(() => [n0, n1] as const);
  const sim = ['--cache-sim=yes', perCoreCacheOption()];
  const ours = callgrindEventsPerCall(countedNode(fileURLToPath(import.meta.url), '--instructions-child', String(n0), String(n1)), counts, sim);
  const theirs = callgrindEventsPerCall([python, path.join(here, 'overhead.py'), '--instructions', String(n0), String(n1)], counts, sim);
  console.log(`per call (callgrind ${sim.join(' ')}; ${n1 - n0} calls beyond ${n0}, GC included): instructions, L1 data misses, L2 misses (to the shared L3 or memory); libtorch ${torch.version.libtorch}, ${python}, node ${process.version}`);
  const cols = (e: Record<string, number>) => [e.Ir, e.D1mr + e.D1mw, e.DLmr + e.DLmw + e.ILmr];
  console.log(`${'op'.padEnd(34)}${'torch-node: instr'.padStart(18)}${'L1d miss'.padStart(9)}${'L2 miss'.padStart(9)}${'PyTorch: instr'.padStart(16)}${'L1d miss'.padStart(9)}${'L2 miss'.padStart(9)}`);
  Object.keys(cases).forEach((name, i) => {
    const [o, t] = [cols(ours[i]), cols(theirs[i])];
    console.log(`${name.padEnd(34)}${o[0].toFixed(0).padStart(18)}${o[1].toFixed(1).padStart(9)}${o[2].toFixed(1).padStart(9)}${t[0].toFixed(0).padStart(16)}${t[1].toFixed(1).padStart(9)}${t[2].toFixed(1).padStart(9)}`);
  });
} else if (argv[0] === '--gc') {
  // PyTorch frees each result when its last reference goes; Node's collector finds thousands at once
  // and runs their finalizers in one burst of frees (whose cost depends on glibc's malloc settings:
  // GLIBC_TUNABLES=glibc.malloc.mxfast=128 in front of the command restores the fastbins the addon
  // turns off). The collections' share, measured:
  const N = Number(process.env.BENCH_N ?? 1000000);
  // every full collection marks the whole live heap: a bigger one shows what marking costs
  const ballastMb = Number(process.env.BENCH_BALLAST_MB ?? 0);
  const ballast = Array.from({ length: Math.round((ballastMb * 1e6) / 64) }, (_, i) => ({ i, list: [i] }));
  console.log(`time per call over ${N} calls, and the part spent in V8's collections (perf_hooks 'gc' entries); ${ballast.length} small objects of ballast (BENCH_BALLAST_MB=${ballastMb}); node ${process.version}`);
  console.log(`${'op'.padEnd(34)}${'µs/call'.padStart(10)}${'in GC'.padStart(10)}${'GC share'.padStart(10)}${'calls/scavenge'.padStart(16)}`);
  for (const name of only ? Object.keys(cases) : ['Tensor.add (1-element)', 'matmul 4x4', 'F.linear 8x16 @ 16x32', 'add_ in place (1-element)']) {
    const fn = cases[name];
    for (let i = 0; i < N / 10; i++) fn();
    let gcMs = 0, scavenges = 0;
    const obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        gcMs += e.duration;
        if ((e as { detail?: { kind?: number } }).detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MINOR) scavenges++;
      }
    });
    obs.observe({ entryTypes: ['gc'] });
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) fn();
    const total = Number(process.hrtime.bigint() - t0) / 1e6;
    await new Promise((r) => setTimeout(r, 100)); // the observer is told asynchronously
    obs.disconnect();
    const per = (ms: number) => ((ms * 1000) / N).toFixed(3);
    console.log(`${name.padEnd(34)}${per(total).padStart(10)}${per(gcMs).padStart(10)}${`${((100 * gcMs) / total).toFixed(0)} %`.padStart(10)}${(scavenges ? Math.round(N / scavenges) : '-').toString().padStart(16)}`);
  }
  if (ballast.length) console.log(`(the ballast was live throughout: ${ballast.at(-1)!.i + 1} objects)`);
} else {
  const N = Number(process.env.BENCH_N ?? 200000);
  const py = await PythonTimer.start(python, path.join(here, 'overhead.py'));
  console.log(`per-call time, median of ${REPS} rounds of ${N} calls, each round one block of each side back to back; libtorch ${torch.version.libtorch}, PyTorch ${py.torch} (${python}), node ${process.version}`);
  console.log(`${'op'.padEnd(34)}${'torch-node µs'.padStart(16)}${'PyTorch µs'.padStart(14)}${'ratio'.padStart(8)}${'rounds'.padStart(13)}`);
  for (const [name, fn] of Object.entries(cases)) {
    const t = await interleavedNsPerCall(py, name, fn, N, REPS);
    console.log(`${name.padEnd(34)}${(t.ours / 1000).toFixed(3).padStart(16)}${(t.theirs / 1000).toFixed(3).padStart(14)}${(t.ours / t.theirs).toFixed(2).padStart(8)}${t.roundRange.padStart(13)}`);
  }
  py.close();
}
