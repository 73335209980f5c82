// The CIFAR-10 tutorial's data path and loop, through torch-node and through PyTorch/torchvision
// (same numWorkers, same thread count) in the same run, over a CIFAR-10-format data set the bench
// writes: (a) the loader alone (read + flip + padded crop + ToTensor + Normalize + collate) and
// (b) the whole tutorial loop, in images per second; and the longest event-loop stall during
// `for await` (goals: (a) ratio >= 5, (b) ratio >= 1.0).
//   npm run bench:cifar-loop        (BENCH_IMAGES, BENCH_WORKERS, BENCH_LOOP_BATCHES, PYTHON)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';
import { ConvNet } from '../examples/lib/convnet.js';

const images = Number(process.env.BENCH_IMAGES ?? 20000);
const workers = Number(process.env.BENCH_WORKERS ?? 2);
const loopBatches = Number(process.env.BENCH_LOOP_BATCHES ?? 20);
const threads = torch.getNumThreads();
const python = process.env.PYTHON ?? '/usr/bin/python3';
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(tmpdir(), `torch-node-bench-cifar-${images}`);
if (!existsSync(path.join(root, 'lists.json'))) {
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'lists.json'), execFileSync(python, [path.join(here, 'cifar_loop.py'), '--make', root, String(images)], { encoding: 'utf8' }));
}
const lists = JSON.parse(readFileSync(path.join(root, 'lists.json'), 'utf8'));
class Data extends torchvision.datasets.CIFAR10 {
  static readonly trainList = lists.trainList;
  static readonly testList = lists.testList;
  static readonly meta = lists.meta;
}
const T = torchvision.transforms;
const transform = new T.Compose([new T.RandomHorizontalFlip(), new T.RandomCrop(32, { padding: 4 }), new T.ToTensor(), new T.Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5])]);
const trainset = new Data({ root, train: true, transform });
const loader = new torch.utils.data.DataLoader(trainset, { batchSize: 100, shuffle: true, numWorkers: workers });

const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
let t0 = performance.now();
let n = 0;
for await (const [inputs] of loader) n += inputs.size(0);
const loaderIps = n / ((performance.now() - t0) / 1000);
delay.disable();
const stallMs = delay.max / 1e6;

const net = new ConvNet();
const criterion = new torch.nn.CrossEntropyLoss();
const optimizer = new torch.optim.SGD(net.parameters(), { lr: 0.001, momentum: 0.9 });
t0 = performance.now();
n = 0;
let i = 0;
for await (const [inputs, labels] of loader) {
  if (i++ === loopBatches) break;
  optimizer.zeroGrad();
  const loss = criterion(net(inputs), labels);
  loss.backward();
  optimizer.step();
  n += inputs.size(0);
}
const loopIps = n / ((performance.now() - t0) / 1000);

const py = JSON.parse(execFileSync(python, [path.join(here, 'cifar_loop.py'), root, String(workers), String(loopBatches), String(threads)], { encoding: 'utf8' }));
console.log(`CIFAR-10 tutorial data path, ${images} images, numWorkers ${workers}, ${threads} compute thread(s); libtorch ${torch.version.libtorch}, PyTorch ${py.torch}`);
console.log(`(a) loader alone: torch-node ${loaderIps.toFixed(0)} images/s, PyTorch ${py.loader.toFixed(0)} images/s, ratio ${(loaderIps / py.loader).toFixed(2)}`);
console.log(`(b) whole loop (${loopBatches} batches of 100): torch-node ${loopIps.toFixed(1)} images/s, PyTorch ${py.loop.toFixed(1)} images/s, ratio ${(loopIps / py.loop).toFixed(2)}`);
console.log(`longest event-loop stall during for await over the loader: ${stallMs.toFixed(1)} ms`);
