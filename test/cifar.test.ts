// CIFAR10 in torchvision's format: a tiny archive in the official layout (made by
// scripts/make_vision_fixtures.py with pickle and numpy, as the real one is), downloaded from a
// loopback server, MD5-checked, extracted, and read to the same pixels, targets and transformed
// tensors as torchvision's CIFAR10 for the same seed.
import t from 'tap';
import http from 'node:http';
import { readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';
import { fixture, fixturePath, mismatch } from './helpers.js';
import { tempDir } from './temp-dir.js';

const T = torchvision.transforms;
const ref = fixture('cifar_tiny.json');
const archive = readFileSync(fixturePath('cifar-10-tiny.tar.gz'));

t.test('CIFAR10: download, verify, extract, read', async (t) => {
  const hits: Record<string, number> = {};
  const server = http.createServer((req, res) => {
    hits[req.url!] = (hits[req.url!] ?? 0) + 1;
    if (req.url === '/good.tar.gz') res.end(archive);
    else if (req.url === '/corrupt.tar.gz') res.end(Buffer.concat([archive.subarray(0, 1000), Buffer.alloc(10, 7), archive.subarray(1010)]));
    else if (req.url === '/truncated.tar.gz') {
      res.writeHead(200, { 'content-length': archive.length });
      res.write(archive.subarray(0, 2000));
      setTimeout(() => res.destroy(), 10);
    } else { res.writeHead(500, 'Internal Server Error'); res.end(); }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.teardown(() => server.close());
  const base = `http://127.0.0.1:${(server.address() as any).port}`;
  const tiny = (file: string) => class TinyCIFAR10 extends torchvision.datasets.CIFAR10 {
    static readonly url = `${base}/${file}`;
    static readonly filename = 'cifar-10-tiny.tar.gz';
    static readonly tgzMd5 = ref.archiveMd5;
    static readonly trainList = ref.trainList;
    static readonly testList = ref.testList;
    static readonly meta = ref.meta;
  };
  const root = tempDir('torch-node-cifar-');
  const Good = tiny('good.tar.gz');
  const test = await Good.create({ root, train: false, download: true });
  t.same(test.targets, ref.testTargets);
  t.same(test.classes, ref.classes);
  t.equal(test.classToIdx.cat, 3);
  t.same((test.getItem(0)[0] as torchvision.Image).data.reshape(-1).tolist(), ref.testPixels0, 'HWC pixels as torchvision gives them');
  t.ok(readdirSync(root).every((f) => !f.startsWith('.extracting')), 'no staging folder left');
  await Good.create({ root, download: true });
  t.equal(hits['/good.tar.gz'], 1, 'a verified copy is not fetched again');

  const transform = new T.Compose([new T.RandomHorizontalFlip(), new T.RandomCrop(32, { padding: 4 }), new T.ToTensor(), new T.Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5])]);
  const train = new Good({ root, train: true, transform });
  t.equal(train.length, 10);
  t.same(train.targets, ref.trainTargets);
  torch.manualSeed(21);
  ref.transformed.forEach((r: any, i: number) => {
    const [x, y] = train.getItem(i);
    t.equal(mismatch(x, r.image, 1e-6, 1e-6), null, `item ${i}: the tutorial's augmentation gives torchvision's tensor for seed 21`);
    t.equal(y, r.target);
  });
  const loader = new torch.utils.data.DataLoader(train, { batchSize: 4, shuffle: true });
  const [inputs, labels] = [...loader][0];
  t.same(inputs.shape, [4, 3, 32, 32]);
  t.same(labels.shape, [4]);

  for (const [file, message] of [['corrupt.tar.gz', /MD5 of cifar-10-tiny.tar.gz is/], ['truncated.tar.gz', /connection closed after \d+ of \d+ bytes.*after 4 attempts|MD5/], ['missing.tar.gz', /HTTP 500/]] as const) {
    const r = tempDir('torch-node-cifar-');
    await t.rejects(tiny(file).create({ root: r, download: true }), message, `${file}: a clear error`);
    t.same(readdirSync(r), [], `${file}: nothing left behind`);
  }
  const damaged = tempDir('torch-node-cifar-');
  await Good.create({ root: damaged, download: true });
  writeFileSync(path.join(damaged, 'cifar-10-batches-py', 'data_batch_3'), 'garbage');
  t.throws(() => new Good({ root: damaged }), /Dataset not found or corrupted \(data_batch_3 in .*cifar-10-batches-py\)/);
  t.throws(() => new torchvision.datasets.CIFAR10({ root: tempDir('x-') }), /Dataset not found or corrupted/);
  t.ok(existsSync(path.join(damaged, 'cifar-10-tiny.tar.gz')));
});
