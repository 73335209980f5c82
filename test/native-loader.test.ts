// The native DataLoader path (binding/loader.cc): built-in datasets with built-in transforms are
// read, augmented and collated on C++ threads. Deterministic pipelines give exactly the JS
// transforms' tensors; random ones repeat for a seed whatever numWorkers is; `for await` leaves
// the event loop free.
import t from 'tap';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tar from 'tar';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';
import { fixture, fixturePath, tinyMnist } from './helpers.js';
import { tempDir } from './temp-dir.js';

const T = torchvision.transforms;
const { DataLoader } = torch.utils.data;

async function tinyCifar() {
  const ref = fixture('cifar_tiny.json');
  const root = tempDir('torch-node-native-cifar-');
  await tar.x({ file: fixturePath('cifar-10-tiny.tar.gz'), cwd: root });
  class TinyCIFAR10 extends torchvision.datasets.CIFAR10 {
    static readonly trainList = ref.trainList;
    static readonly testList = ref.testList;
    static readonly meta = ref.meta;
  }
  return { root, TinyCIFAR10 };
}

const jsBatches = (ds: torch.utils.data.Dataset<[torch.Tensor, number]>, batch: number) => {
  const out: torch.Tensor[] = [];
  for (let i = 0; i < ds.length; i += batch) {
    out.push(torch.stack(Array.from({ length: Math.min(batch, ds.length - i) }, (_, k) => ds.getItem(i + k)[0])));
  }
  return out;
};

t.test('deterministic pipelines equal the JS transforms exactly', async (t) => {
  const mnistRoot = tinyMnist();
  const { root, TinyCIFAR10 } = await tinyCifar();
  const pipelines: [string, () => torchvision.transforms.Compose][] = [
    ['ToTensor + Normalize', () => new T.Compose([new T.ToTensor(), new T.Normalize([0.5, 0.4, 0.3], [0.2, 0.3, 0.4])])],
    ['CenterCrop', () => new T.Compose([new T.CenterCrop(21), new T.ToTensor()])],
    ['flips with p = 1', () => new T.Compose([new T.RandomHorizontalFlip(1), new T.RandomVerticalFlip(1), new T.ToTensor()])],
    ['flips after ToTensor', () => new T.Compose([new T.ToTensor(), new T.RandomHorizontalFlip(1)])],
    ['constant padding', () => new T.Compose([new T.RandomCrop(38, { padding: 3, fill: 9 }), new T.ToTensor()])],
    ['edge padding', () => new T.Compose([new T.RandomCrop(38, { padding: 3, paddingMode: 'edge' }), new T.ToTensor()])],
    ['reflect padding', () => new T.Compose([new T.RandomCrop(38, { padding: 3, paddingMode: 'reflect' }), new T.ToTensor()])],
    ['symmetric padding', () => new T.Compose([new T.RandomCrop(38, { padding: 3, paddingMode: 'symmetric' }), new T.ToTensor()])],
  ];
  for (const [name, make] of pipelines) {
    const cifar = new TinyCIFAR10({ root, transform: make() });
    const native = [...new DataLoader(cifar, { batchSize: 4, numWorkers: 2 })].map(([x]) => x);
    const js = jsBatches(cifar, 4);
    t.ok(native.every((b, i) => b.equal(js[i])), `CIFAR ${name}`);
  }
  const mnist = new torchvision.datasets.MNIST({ root: mnistRoot, transform: new T.Compose([new T.RandomCrop(32, { padding: 2, paddingMode: 'reflect' }), new T.ToTensor(), new T.Normalize([0.1307], [0.3081])]) });
  const nat = [...new DataLoader(mnist, { batchSize: 16, numWorkers: 2 })];
  t.ok(nat.every(([x], i) => x.equal(jsBatches(mnist, 16)[i])), 'MNIST reflect padding + Normalize');
  t.same(nat[0][1].tolist(), mnist.targets.narrow(0, 0, 16).tolist(), 'targets');
  t.equal(nat[0][1].dtype, torch.int64);
});

t.test('random augmentation: repeatable for a seed whatever numWorkers is, and uniform', async (t) => {
  const mnist = new torchvision.datasets.MNIST({ root: tinyMnist(), transform: new T.Compose([new T.RandomHorizontalFlip(), new T.RandomCrop(28, { padding: 4 }), new T.ToTensor()]) });
  const run = (numWorkers: number, seed: number) => {
    torch.manualSeed(seed);
    return [...new DataLoader(mnist, { batchSize: 10, shuffle: true, numWorkers })].map(([x, y]) => [x, y] as const);
  };
  const a = run(0, 7), b = run(1, 7), c = run(3, 7), d = run(2, 8);
  t.ok(a.every(([x, y], i) => x.equal(b[i][0]) && x.equal(c[i][0]) && y.equal(c[i][1])), 'numWorkers 0, 1 and 3 give the same batches');
  t.notOk(a[0][0].equal(d[0][0]), 'another seed, other batches');
  torch.manualSeed(7);
  const twoEpochs = new DataLoader(mnist, { batchSize: 10, shuffle: true, numWorkers: 2 });
  const e1 = [...twoEpochs][0][0], e2 = [...twoEpochs][0][0];
  t.notOk(e1.equal(e2), 'each epoch draws new augmentation');
  // flip rate over 2000 draws of one image (the same index drawn again is augmented again)
  const one = new torchvision.datasets.MNIST({ root: tinyMnist(), transform: new T.Compose([new T.RandomHorizontalFlip(0.3), new T.ToTensor()]) });
  const plain = one.getItem(0)[0] as torch.Tensor;
  const flipped = plain.flip(-1);
  const idx = Array.from({ length: 40 }, () => Array(50).fill(0));
  let flips = 0, n = 0, neither = 0;
  for (const [x] of new DataLoader(one, { batchSampler: idx, numWorkers: 2 })) {
    for (const img of x) {
      n++;
      if (img.equal(flipped)) flips++;
      else if (!img.equal(plain)) neither++;
    }
  }
  t.equal(n, 2000);
  t.equal(neither, 0, 'every sample is the image or its mirror');
  t.ok(Math.abs(flips / n - 0.3) < 0.05, `RandomHorizontalFlip(0.3) flips ${((100 * flips) / n).toFixed(1)}% of samples`);
});

t.test('for await waits off the JS thread; errors surface as TorchError', async (t) => {
  const mnist = new torchvision.datasets.MNIST({ root: tinyMnist(), transform: new T.Compose([new T.RandomCrop(28, { padding: 4 }), new T.ToTensor()]) });
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  let n = 0;
  for (let e = 0; e < 20; e++) for await (const [x] of new DataLoader(mnist, { batchSize: 8, shuffle: true, numWorkers: 2 })) n += x.size(0);
  clearInterval(timer);
  t.equal(n, 20 * 64);
  t.ok(ticks > 10, `the event loop ran during loading (${ticks} timer ticks)`);
  const bad = new torchvision.datasets.MNIST({ root: tinyMnist(), transform: new T.Compose([new T.RandomCrop(40), new T.ToTensor()]) });
  t.throws(() => [...new DataLoader(bad, { batchSize: 8, numWorkers: 2 })], /Required crop size \(40, 40\) is larger than input image size \(28, 28\)/);
  await t.rejects(async () => { for await (const _ of new DataLoader(bad, { batchSize: 8, numWorkers: 1 })) void _; },
    { name: 'TorchError', op: 'DataLoader', message: /Required crop size/ }, 'async: rejected with the error the synchronous loop throws');
  // a JS transform anywhere keeps the JS path, with the same results as getItem
  const withLambda = new torchvision.datasets.MNIST({ root: tinyMnist(), transform: new T.Compose([new T.ToTensor(), new T.Lambda((x: torch.Tensor) => x.mul(2))]) });
  const [[x]] = [...new DataLoader(withLambda, { batchSize: 4, numWorkers: 2 })];
  t.ok(x.index(0).equal(withLambda.getItem(0)[0] as torch.Tensor), 'a JS transform in the pipeline keeps the JS path, with getItem’s results');
});
