// The generated bad calls of test/fuzz.test.ts: every generated op and Tensor method with bad
// arguments (seeded, so a failure reproduces), the hand-written API with bad options, checkpoints
// whose pickle is mutated byte by byte, and mutated images. Each case must return or throw an Error;
// the worker (test/fuzz-worker.ts) runs them, test/fuzz.test.ts watches for crashes and hangs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';
import { TENSOR_METHODS, TORCH_FUNCTIONS } from '../lib/generated/ops.js';
import { fixturePath } from './helpers.js';
import { native } from '../lib/native.js';
import { tempDir } from './temp-dir.js';

export type Case = [label: string, run: () => unknown];

// a small seeded generator (mulberry32): the same cases every run
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Bad argument lists, made fresh for each call (some cases dispose or mutate what they get). */
const BAD_ARGS: [string, () => unknown[]][] = [
  ['no args', () => []],
  ['NaN', () => [NaN]],
  ['2**62', () => [2 ** 62]],
  ['-5', () => [-5]],
  ['a string', () => ['nope']],
  ['an object', () => [{ weird: true }]],
  ['a nested array', () => [[[1, 'a'], null]]],
  ['a disposed tensor', () => { const t = torch.ones(2); t.dispose(); return [t]; }],
  ['a forged handle', () => [{ _h: {}, dispose() {} }]],
  ['a bool tensor', () => [torch.tensor([true, false])]],
  ['a meta tensor', () => [torch.empty(3, { device: 'meta' })]],
  ['an empty tensor', () => [torch.empty(0)]],
  ['mismatched tensors', () => [torch.ones(2, 3), torch.ones(4, 5)]],
  ['a 0-d tensor and 9999', () => [torch.tensor(1.5), 9999]],
  ['30 ones', () => Array(30).fill(1)],
  ['huge size list', () => [Array(70).fill(2)]],
  ['Infinity and -Infinity', () => [Infinity, -Infinity]],
  ['a bigint 2n**70n', () => [2n ** 70n]],
  ['a dtype where a tensor goes', () => [torch.float32, torch.channelsLast]],
];

function opCases(): Case[] {
  const random = rng(1234);
  const cases: Case[] = [];
  const self = () => torch.randn(2, 3);
  for (const [name] of TORCH_FUNCTIONS) {
    for (let k = 0; k < 3; k++) {
      const [what, args] = BAD_ARGS[Math.floor(random() * BAD_ARGS.length)];
      cases.push([`torch.${name}(${what})`, () => (torch as any)[name](...args())]);
    }
  }
  for (const [name] of TENSOR_METHODS) {
    for (let k = 0; k < 3; k++) {
      const [what, args] = BAD_ARGS[Math.floor(random() * BAD_ARGS.length)];
      cases.push([`Tensor.${name}(${what})`, () => (self() as any)[name](...args())]);
    }
  }
  return cases;
}

// The hand-written API, where the crashes and silent results of the issue were found.
function apiCases(): Case[] {
  const { nn, optim } = torch;
  const T = torchvision.transforms;
  const net = () => new nn.Linear(2, 2);
  return [
    ['view with 26 sizes', () => torch.ones(1).view(...Array(26).fill(1))],
    ['permute of 30 dims', () => torch.ones(...Array(30).fill(1)).permute(...Array.from({ length: 30 }, (_, i) => 29 - i))],
    ['asStrided past the storage', () => (torch.ones(4) as any).asStrided([4], [1], 2n ** 62n - 2n ** 38n).sum().item()],
    ['asStrided 2**62', () => torch.ones(4).asStrided([4], [1], 2 ** 62).sum().item()],
    ['asStrided_ past the storage', () => torch.ones(4).asStrided_([4], [1], 3).sum().item()],
    ['asStrided negative stride', () => torch.ones(4).asStrided([2], [-1], 3).sum().item()],
    ['a ScriptModule handle as a tensor', () => torch.stack([{ _h: scriptHandle(), dispose() {} } as any, torch.ones(2)])],
    ['a forged tensor handle', () => torch.stack([{ _h: {}, dispose() {} } as any, torch.ones(2)])],
    ['a Generator as a tensor', () => torch.ones(2).add(new torch.Generator() as any)],
    ['uint8 300', () => torch.tensor([300], { dtype: torch.uint8 })],
    ['int32 2**31', () => torch.tensor([2 ** 31], { dtype: torch.int32 })],
    ['int64 beyond', () => torch.tensor([2n ** 64n - 1n])],
    ['grad of another shape', () => { const x = torch.zeros(3, { requiresGrad: true }); x.grad = torch.zeros(4); }],
    ['grad of another dtype', () => { const x = torch.zeros(3, { requiresGrad: true }); x.grad = torch.zeros(3, { dtype: torch.float64 }); }],
    ['BatchNorm1d on one sample', () => new nn.BatchNorm1d(2)(torch.ones(1, 2))],
    ['StepLR(opt, 0)', () => { const s = new optim.lrScheduler.StepLR(new optim.SGD(net().parameters(), { lr: 0.1 }), 0); s.step(); }],
    ['CosineAnnealingLR(opt, 0)', () => { const s = new optim.lrScheduler.CosineAnnealingLR(new optim.SGD(net().parameters(), { lr: 0.1 }), 0); s.step(); s.step(); }],
    ['sum with a memory format as dtype', () => torch.ones(2).sum({ dtype: torch.channelsLast as any })],
    ['grid_sampler mode 7', () => torch.gridSampler(torch.ones(1, 1, 2, 2), torch.zeros(1, 1, 1, 2), 7, 0, false)],
    ['printing a meta tensor', () => String(torch.empty(3, { device: 'meta' }))],
    ['Normalize([], []) on the native loader', () => nativeBatch(new T.Normalize([], []))],
    ['Normalize with 2 means on 3 channels', () => nativeBatch(new T.Normalize([0.5, 0.5], [0.2, 0.2]))],
    ['RandomCrop(2.5)', () => new T.RandomCrop(2.5)],
    ['RandomCrop(NaN)', () => new T.RandomCrop(NaN)],
    ['Linear(-1, 2)', () => new nn.Linear(-1, 2)],
    ['Conv2d(3, 8, 0)', () => new nn.Conv2d(3, 8, 0)],
    ['SGD without parameters', () => new optim.SGD([], { lr: 0.1 })],
    ['SGD lr NaN', () => new optim.SGD(net().parameters(), { lr: NaN })],
    ['DataLoader batch size 0', () => new torch.utils.data.DataLoader(new torch.utils.data.TensorDataset(torch.ones(4)), { batchSize: 0 })],
    ['torch.save of a function', () => torch.save({ f: () => 1 }, path.join(tempDir('tn-fuzz-'), 'x.pth'))],
    ['torch.load of a directory', () => torch.load(tmpdir())],
    ['tidy returning a module', () => torch.tidy(() => net())(torch.ones(2))],
    ['Sequential handing on its input', () => { const x = torch.ones(2); new nn.Sequential(new nn.Identity(), net())(x); return x.sum().item(); }],
    ['item of a meta tensor', () => torch.empty(1, { device: 'meta' }).item()],
    ['toTypedArray of a meta tensor', () => torch.empty(3, { device: 'meta' }).toTypedArray()],
    ['index with 2**62', () => torch.ones(3).index(2 ** 62)],
    ['new Tensor of a string', () => new torch.Tensor('abc' as any)],
    ['decode 16000×16000 PNG header', () => torchvision.io.decodeImage(bombPng())],
  ];
}

// the native handle a loaded TorchScript module keeps (under a symbol)
function scriptHandle(): unknown {
  const m = torch.jit.load(path.join(fixturePath('jit'), 'traced.pt')) as object;
  const key = Object.getOwnPropertySymbols(m).find((s) => typeof (m as Record<symbol, unknown>)[s] === 'object' && !((m as Record<symbol, unknown>)[s] instanceof Set));
  return (m as Record<symbol, unknown>)[key!];
}

let loaderRoot: string | undefined;
function nativeBatch(t: torchvision.transforms.Normalize): unknown {
  // three 4×4 RGB images in CIFAR's layout, through the native DataLoader
  loaderRoot ??= (() => {
    const root = tempDir('tn-fuzz-folder-');
    for (const c of ['a', 'b']) {
      const dir = path.join(root, c);
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'x.png'), torchvision.io.encodePng(torch.randint(0, 256, [3, 4, 4], { dtype: torch.uint8 })).toTypedArray() as Uint8Array);
    }
    return root;
  })();
  const T = torchvision.transforms;
  const ds = new torchvision.datasets.ImageFolder(loaderRoot, { transform: new T.Compose([new T.ToTensor(), t]) });
  return [...new torch.utils.data.DataLoader(ds, { batchSize: 2, numWorkers: 1 })];
}

function bombPng(): Buffer {
  const png = readFileSync(path.join(fixturePath('images'), 'grey.png'));
  const out = Buffer.from(png);
  out.writeUInt32BE(16000, 16); // IHDR width
  out.writeUInt32BE(16000, 20); // IHDR height
  out.writeUInt32BE(zlib.crc32(out.subarray(12, 29)), 29); // and the chunk's CRC, so the header is sound
  return out;
}

// Checkpoints whose pickle has 1-4 bytes changed, rewritten into a sound archive (so the pickle
// reader, not the zip's CRC check, meets the damage) and read back with torch.load.
function checkpointCases(n: number): Case[] {
  const random = rng(99);
  const dir = tempDir('tn-fuzz-ckpt-');
  const base = path.join(dir, 'base.pth');
  let records: [string, Buffer][] | undefined;
  return Array.from({ length: n }, (_, i): Case => [`mutated checkpoint ${i}`, () => {
    if (!records) {
      torch.save({ epoch: 3, w: torch.arange(6).view(2, 3), nested: [{ a: torch.ones(2) }, 'text', 1.5], p: new torch.nn.Parameter(torch.ones(2)) }, base);
      const archive = native.archiveOpen(base);
      records = native.archiveRecords(archive).filter((r) => r === 'data.pkl' || r.startsWith('data/')).map((r) => [r, native.archiveBytes(archive, r)]);
    }
    const pkl = Buffer.from(records.find(([r]) => r === 'data.pkl')![1]);
    for (let k = 1 + Math.floor(random() * 4); k > 0; k--) pkl[Math.floor(random() * pkl.length)] = Math.floor(random() * 256);
    const file = path.join(dir, `m${i}.pth`);
    native.archiveSave(file, records.map(([r, b]): [string, Buffer] => [r, r === 'data.pkl' ? pkl : b]));
    return torch.load(file);
  }]);
}

// JPEG and PNG bytes with 1-8 bytes changed, decoded.
function imageCases(n: number): Case[] {
  const random = rng(7);
  const sources = ['photo.jpg', 'photo.png', 'palette.png', 'grey.jpg'].map((f) => readFileSync(path.join(fixturePath('images'), f)));
  return Array.from({ length: n }, (_, i): Case => [`mutated image ${i}`, () => {
    const b = Buffer.from(sources[i % sources.length]);
    for (let k = 1 + Math.floor(random() * 8); k > 0; k--) b[Math.floor(random() * b.length)] = Math.floor(random() * 256);
    return torchvision.io.decodeImage(b, [0, 1, 2][i % 3] as torchvision.io.ImageReadMode);
  }]);
}

export function allCases(): Case[] {
  return [...apiCases(), ...opCases(), ...checkpointCases(300), ...imageCases(200)];
}
