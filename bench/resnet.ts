// torchvision's ResNet50 (torch-node's port of it): one SGD train step on a batch of 8 224×224
// images, and inference (eval, noGrad) on the same batch, in images per second through torch-node
// and through PyTorch (Python, torchvision) on the same libtorch, in the same run, with the same
// thread count; ratio = torch-node / PyTorch (goal: >= 1.0 for both). Also forwardAsync throughput
// (the serving path: a traced module on libuv worker threads).
//   npm run bench:resnet         (BENCH_THREADS, BENCH_STEPS, BENCH_RUNS, BENCH_SIZE, BENCH_BATCH,
//                                 BENCH_DEVICE=cuda, PYTHON to change; BENCH_JSON=file appends a JSON line)
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';

const threads = Number(process.env.BENCH_THREADS ?? cpus().length);
const batch = Number(process.env.BENCH_BATCH ?? 8);
const size = Number(process.env.BENCH_SIZE ?? 224);
const steps = Number(process.env.BENCH_STEPS ?? 3);
const runsN = Number(process.env.BENCH_RUNS ?? 3);
const device = process.env.BENCH_DEVICE ?? 'cpu';
// on a GPU, each timed run ends when the device has finished its work
const sync = device.startsWith('cuda') ? () => torch.cuda.synchronize() : () => {};
torch.setNumThreads(threads);
torch.manualSeed(0);
const net = torchvision.models.resnet50().to(device);
const criterion = new torch.nn.CrossEntropyLoss();
const optimizer = new torch.optim.SGD(net.parameters(), { lr: 0.001, momentum: 0.9 });
const inputs = torch.randn([batch, 3, size, size]).to(device);
const labels = torch.randint(0, 1000, [batch]).to(device);

function trainStep() {
  optimizer.zeroGrad();
  criterion(net(inputs), labels).backward();
  optimizer.step();
}
const infer = () => torch.noGrad(() => void net(inputs));

function measure(fn: () => void): number {
  fn();
  sync();
  const runs: number[] = [];
  for (let r = 0; r < runsN; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < steps; i++) fn();
    sync();
    runs.push((batch * steps) / (Number(process.hrtime.bigint() - t0) / 1e9));
  }
  return runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)];
}

async function main() {
  net.train();
  const train = measure(trainStep);
  net.eval();
  const inference = measure(infer);
  await net.forwardAsync(inputs); // trace once
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < steps; i++) await net.forwardAsync(inputs);
  sync();
  const asyncRate = (batch * steps) / (Number(process.hrtime.bigint() - t0) / 1e9);

  const python = process.env.PYTHON ?? '/usr/bin/python3';
  const here = path.dirname(fileURLToPath(import.meta.url));
  const py = JSON.parse(execFileSync(python, [path.join(here, 'resnet.py'), String(threads), String(batch), String(size), String(steps), String(runsN), device], { encoding: 'utf8' }));
  console.log(`ResNet50, batch ${batch} of ${size}×${size}, ${device}, ${threads} threads, median of ${runsN} runs of ${steps} steps; libtorch ${torch.version.libtorch}, PyTorch ${py.torch}`);
  console.log(`train step: torch-node ${train.toFixed(2)} images/s, PyTorch ${py.train.toFixed(2)} images/s, ratio ${(train / py.train).toFixed(2)}`);
  console.log(`inference:  torch-node ${inference.toFixed(2)} images/s, PyTorch ${py.inference.toFixed(2)} images/s, ratio ${(inference / py.inference).toFixed(2)}`);
  console.log(`forwardAsync (traced, on a worker thread): ${asyncRate.toFixed(2)} images/s`);
  if (process.env.BENCH_JSON) {
    appendFileSync(process.env.BENCH_JSON, JSON.stringify({ bench: 'resnet50', device, batch, size, threads, libtorch: torch.version.libtorch, pytorch: py.torch,
      train: { torchNode: train, python: py.train, ratio: train / py.train }, inference: { torchNode: inference, python: py.inference, ratio: inference / py.inference }, forwardAsync: asyncRate }) + '\n');
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
