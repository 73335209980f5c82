// Microseconds per call for small ops through torch-node and through PyTorch (Python) on the
// same libtorch, in the same run, and their ratio (torch-node / PyTorch; goal: <= 1.0).
//   npm run bench:overhead            (PYTHON=/path/to/python3 to pick another PyTorch)
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as torch from 'torch-node';

const N = Number(process.env.BENCH_N ?? 200000);
const REPS = 5;
const a = torch.ones(1);
const b = torch.ones(1);
const m = torch.ones(4, 4);
const cases: Record<string, () => unknown> = {
  'add (1-element)': () => torch.add(a, b),
  'Tensor.add (1-element)': () => a.add(b),
  'relu (1-element)': () => torch.relu(a),
  'matmul 4x4': () => torch.matmul(m, m),
  'add_ in place (1-element)': () => a.add_(b),
  // hand-written functions: their arguments bound by lib/bind.ts (Python's own parser on the other side)
  'F.softmax(m, dim=1) 4x4': () => torch.nn.functional.softmax(m, { dim: 1 }),
  'F.leaky_relu(a, 0.2) (1-element)': () => torch.nn.functional.leakyRelu(a, 0.2),
};

function median(fn: () => unknown): number {
  for (let i = 0; i < N / 10; i++) fn();
  const runs: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) fn();
    runs.push(Number(process.hrtime.bigint() - t0) / N / 1000);
  }
  return runs.sort((x, y) => x - y)[REPS >> 1];
}

const ours: Record<string, number> = {};
for (const [name, fn] of Object.entries(cases)) ours[name] = median(fn);

const here = path.dirname(fileURLToPath(import.meta.url));
const python = process.env.PYTHON ?? '/usr/bin/python3';
const py = JSON.parse(execFileSync(python, [path.join(here, 'overhead.py'), String(N)], { encoding: 'utf8' }));

console.log(`per-op overhead, median of ${REPS} runs of ${N} calls; libtorch ${torch.version.libtorch}, PyTorch ${py.torch} (${python}), node ${process.version}`);
console.log(`${'op'.padEnd(28)}${'torch-node µs'.padStart(15)}${'PyTorch µs'.padStart(12)}${'ratio'.padStart(8)}`);
for (const name of Object.keys(cases)) {
  const r = ours[name] / py.us[name];
  console.log(`${name.padEnd(28)}${ours[name].toFixed(3).padStart(15)}${py.us[name].toFixed(3).padStart(12)}${r.toFixed(2).padStart(8)}`);
}
