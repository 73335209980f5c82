// Forward + backward + SGD step of the CIFAR-10 tutorial ConvNet on a batch of 100 images:
// images per second through torch-node and through PyTorch (Python) on the same libtorch, in
// the same run, with the same thread count; ratio = torch-node / PyTorch (goal: >= 1.0).
//   npm run bench:cifar-step         (BENCH_THREADS, BENCH_STEPS, BENCH_BATCH, BENCH_DEVICE=cuda, PYTHON to change)
// BENCH_JSON=file appends the figures as one JSON line (scripts/gpu-check.sh collects them).
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as torch from 'torch-node';
import { ConvNet } from '../examples/lib/convnet.js';

const threads = Number(process.env.BENCH_THREADS ?? torch.getNumThreads());
const batch = Number(process.env.BENCH_BATCH ?? 100);
const steps = Number(process.env.BENCH_STEPS ?? 10);
const device = process.env.BENCH_DEVICE ?? 'cpu';
// on a GPU, each timed run ends when the device has finished its work
const sync = device.startsWith('cuda') ? () => torch.cuda.synchronize() : () => {};
torch.setNumThreads(threads);
torch.manualSeed(0);
const net = new ConvNet().to(device);
const criterion = new torch.nn.CrossEntropyLoss();
const optimizer = new torch.optim.SGD(net.parameters(), { lr: 0.001, momentum: 0.9 });
const inputs = torch.randn(batch, 3, 32, 32).to(device);
const labels = torch.randint(0, 10, [batch]).to(device);

function step() {
  optimizer.zeroGrad();
  const loss = criterion(net(inputs), labels);
  loss.backward();
  optimizer.step();
}
for (let i = 0; i < 3; i++) step();
sync();
const runs: number[] = [];
for (let r = 0; r < 5; r++) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < steps; i++) step();
  sync();
  runs.push((batch * steps) / (Number(process.hrtime.bigint() - t0) / 1e9));
}
const ours = runs.sort((a, b) => a - b)[2];

const python = process.env.PYTHON ?? '/usr/bin/python3';
const here = path.dirname(fileURLToPath(import.meta.url));
const py = JSON.parse(execFileSync(python, [path.join(here, 'cifar_step.py'), String(threads), String(batch), String(steps), device], { encoding: 'utf8' }));
console.log(`CIFAR-10 ConvNet train step (batch ${batch}, ${device}, ${threads} threads, median of 5 runs of ${steps} steps); libtorch ${torch.version.libtorch}, PyTorch ${py.torch}`);
console.log(`torch-node ${ours.toFixed(1)} images/s, PyTorch ${py.imagesPerSecond.toFixed(1)} images/s, ratio ${(ours / py.imagesPerSecond).toFixed(2)}`);
if (process.env.BENCH_JSON) {
  appendFileSync(process.env.BENCH_JSON, JSON.stringify({ bench: 'cifar-step', device, batch, threads, libtorch: torch.version.libtorch, pytorch: py.torch, torchNode: ours, python: py.imagesPerSecond, ratio: ours / py.imagesPerSecond }) + '\n');
}
