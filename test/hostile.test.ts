// The hostile-input reproducers, each with the answer PyTorch gives: what crashed the process, hung
// it or gave a silently wrong result now throws a clear error, or gives the right result.
// (test/fuzz.test.ts runs thousands of generated bad calls for crashes and hangs.)
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';
import { native } from '../lib/native.js';
import { fixturePath, python, hasPythonTorch } from './helpers.js';
import { Pickler, PyTuple } from '../lib/serialization/pickle.js';
import { tempDir } from './temp-dir.js';

const { nn, optim } = torch;
const tmp = () => tempDir('torch-node-hostile-');

t.test('views of many dimensions, as PyTorch allows them', async (t) => {
  t.equal(torch.ones(1).view(...Array(24).fill(1)).dim(), 24);
  t.equal(torch.ones(1).view(...Array(25).fill(1)).shape.join(), Array(25).fill(1).join(), 'every size is read, none from past the arguments');
  const x = torch.arange(26).view(...Array(25).fill(1), 26);
  t.same(x.permute(...Array.from({ length: 26 }, (_, i) => 25 - i)).shape, [26, ...Array(25).fill(1)]);
});

t.test('a view is checked against its storage, whatever the offset', async (t) => {
  const x = torch.ones(4);
  for (const offset of [2n ** 62n - 2n ** 38n, 2 ** 62, 2 ** 62 - 4, 3]) {
    t.throws(() => (x as any).asStrided([4], [1], offset), /out of bounds for storage of size 16/, `offset ${offset}`);
  }
  t.throws(() => x.clone().asStrided_([4], [1], 1), /requiring a storage size of 20 are out of bounds/);
  t.throws(() => x.asStrided([2], [-1], 3), /Negative strides are not supported/);
  t.same(torch.arange(6).asStrided([2, 2], [3, 1], 1).tolist(), [[1, 2], [4, 5]], 'a view inside its storage is fine');
});

t.test('a handle is only accepted as what it is', async (t) => {
  const script = torch.jit.load(path.join(fixturePath('jit'), 'traced.pt')) as object;
  const key = Object.getOwnPropertySymbols(script).find((s) => typeof (script as Record<symbol, unknown>)[s] === 'object' && !((script as Record<symbol, unknown>)[s] instanceof Set))!;
  const forged = { _h: (script as Record<symbol, unknown>)[key], dispose() {} };
  t.throws(() => torch.stack([forged as any, torch.ones(2)]), TypeError);
  t.throws(() => torch.ones(2).matmul({ _h: new torch.Generator(), dispose() {} } as any), TypeError);
  // tensor handles are recognized by their box's mark, the others by a type tag: both directions
  t.throws(() => torch.ones(2).matmul({ _h: new torch.Generator()._gen, dispose() {} } as any), TypeError);
  t.throws(() => torch.ones(2).matmul({ _h: forged._h, dispose() {} } as any), TypeError);
  t.throws(() => torch.Generator.fromHandle(torch.ones(2)._h).initialSeed(), TypeError);
});

t.test('numbers that do not fit the dtype are refused, as PyTorch refuses them', async (t) => {
  t.throws(() => torch.tensor([300], { dtype: torch.uint8 }), /value cannot be converted to type uint8 without overflow/);
  t.throws(() => torch.tensor([2 ** 31], { dtype: torch.int32 }), /value cannot be converted to type int32 without overflow/);
  t.throws(() => torch.tensor([NaN], { dtype: torch.int64 }), /value cannot be converted to type int64 without overflow/);
  t.throws(() => torch.tensor([2n ** 64n - 1n]), /Overflow when unpacking long/);
  t.same(torch.tensor([-1], { dtype: torch.uint8 }).tolist(), [255], 'a negative value wraps into uint8, as in PyTorch');
  t.same(torch.tensor([1.9], { dtype: torch.int64 }).tolist(), [1], 'and a float truncates');
});

t.test('gradients must fit their tensor', async (t) => {
  const x = torch.zeros(3, { requiresGrad: true });
  t.throws(() => (x.grad = torch.zeros(4)), /assigned grad has data of a different size/);
  t.throws(() => (x.grad = torch.zeros(3, { dtype: torch.float64 })), /assigned grad has data of a different type/);
  const p = new nn.Parameter(torch.ones(3));
  const sgd = new optim.SGD([p], { lr: 0.1 });
  t.throws(() => ((p as any).grad = torch.ones(1)), /different size/, 'a wrong-shaped grad never reaches the optimizer');
  p.grad = torch.ones(3);
  sgd.step();
  t.same(p.tolist<number[]>().map((v: number) => Math.round(v * 10) / 10), [0.9, 0.9, 0.9]);
});

t.test("Python's errors for training statistics and schedules", async (t) => {
  t.throws(() => new nn.BatchNorm1d(2)(torch.ones(1, 2)), { name: 'RangeError', message: 'Expected more than 1 value per channel when training, got input size torch.Size([1, 2])' });
  const bn = new nn.BatchNorm1d(2);
  bn.eval();
  t.same(bn(torch.ones(1, 2)).shape, [1, 2], 'eval mode takes one sample');
  const opt = () => new optim.SGD(new nn.Linear(1, 1).parameters(), { lr: 0.1 });
  const step = new optim.lrScheduler.StepLR(opt(), 0);
  t.throws(() => step.step(), /integer modulo by zero/, 'StepLR(opt, 0) fails at its first step, as Python does');
  const cos = new optim.lrScheduler.CosineAnnealingLR(opt(), 0);
  t.throws(() => { cos.step(); cos.step(); }, /modulo by zero/, 'CosineAnnealingLR(opt, 0) never produces NaN');
});

t.test('a memory format is not a dtype, and enum arguments are checked', async (t) => {
  t.throws(() => torch.ones(2).sum({ dtype: torch.channelsLast as any }), /Expected Optional\[ScalarType\] for dtype/);
  t.throws(() => torch.gridSampler(torch.ones(1, 1, 2, 2), torch.zeros(1, 1, 1, 2), 7, 0, false), /expected interpolation_mode to be 0 \(bilinear\), 1 \(nearest\) or 2 \(bicubic\), but got: 7/);
});

t.test('printing a meta tensor, as Python prints it', async (t) => {
  t.equal(String(torch.empty(3, { device: 'meta' })), "tensor(..., device='meta', size=(3,))");
  t.equal(String(torch.empty([2, 3], { device: 'meta', dtype: torch.int64 })), "tensor(..., device='meta', size=(2, 3), dtype=torch.int64)");
});

t.test('clear errors where they were unclear', async (t) => {
  const d = torch.ones(2);
  d.dispose();
  t.throws(() => torch.ones(2).add(d), /add\(\): Tensor passed as other has been disposed/);
  t.equal(String(new torch.Tensor([1, 2, 3])), 'tensor([1., 2., 3.])', "new torch.Tensor(data): Python's legacy constructor");
  t.same(new torch.Tensor(2, 3).shape, [2, 3]);
  t.equal(String(new torch.Tensor()), 'tensor([])');
});

t.test('transforms on the native loader check their arguments against the images', async (t) => {
  const T = torchvision.transforms;
  const root = tmp();
  for (const c of ['a', 'b']) {
    const dir = path.join(root, c);
    (await import('node:fs')).mkdirSync(dir);
    writeFileSync(path.join(dir, 'x.png'), torchvision.io.encodePng(torch.randint(0, 256, [3, 4, 4], { dtype: torch.uint8 })).toTypedArray() as Uint8Array);
  }
  const batches = (tf: torchvision.transforms.Normalize) =>
    [...new torch.utils.data.DataLoader(new torchvision.datasets.ImageFolder(root, { transform: new T.Compose([new T.ToTensor(), tf]) }), { batchSize: 2, numWorkers: 1 })];
  t.throws(() => batches(new T.Normalize([], [])), /size of tensor a \(3\) must match the size of tensor b \(0\)/);
  t.throws(() => batches(new T.Normalize([0.5, 0.5], [0.2, 0.2])), /size of tensor a \(3\) must match the size of tensor b \(2\)/);
  t.equal(batches(new T.Normalize([0.5], [0.2]))[0][0].size(1), 3, 'one value for every channel is fine');
  t.same(new T.RandomCrop(2.5).size, [2, 2], "a number size is int(size), as torchvision's _setup_size");
  t.throws(() => new T.RandomCrop([2.5, 3]), TypeError);
});

t.test('TorchScript int arguments must be integers that fit', { skip: hasPythonTorch ? false : `no PyTorch at ${python}` }, async (t) => {
  const dir = tmp();
  const file = path.join(dir, 'int.pt');
  // torch.jit.script reads the source, so the module is a file
  writeFileSync(path.join(dir, 'make.py'), `import torch
class M(torch.nn.Module):
    def forward(self, x: torch.Tensor, n: int) -> torch.Tensor:
        return x * n
torch.jit.script(M()).save(${JSON.stringify(file)})
`);
  spawnSync(python, [path.join(dir, 'make.py')], { stdio: 'inherit' });
  const m = torch.jit.load(file);
  t.same(m(torch.ones(2), 3).tolist(), [3, 3]);
  t.same(m(torch.ones(2), 3n).tolist(), [3, 3], 'a bigint that fits');
  for (const bad of [2.7, NaN, Infinity, 2n ** 70n, 2 ** 63]) t.throws(() => m(torch.ones(2), bad), /Expected an int/, String(bad));
});

// ---- checkpoints: the pickle reader's limits ------------------------------------------------------

function archive(pkl: Buffer, extra: [string, Buffer][] = []): string {
  const file = path.join(tmp(), 'x.pth');
  native.archiveSave(file, [['data.pkl', pkl], ...extra]);
  return file;
}

t.test('torch.load refuses damaged and hostile pickles, and never blows up a shared structure', async (t) => {
  // 60 levels of [L, L] through the memo: 2^60 leaves if copied, 61 lists shared
  const bomb = [0x80, 0x02, 0x5d, 0x71, 0x00, 0x30];
  for (let i = 1; i <= 60; i++) bomb.push(0x28, 0x68, i - 1, 0x68, i - 1, 0x6c, 0x71, i, 0x30);
  bomb.push(0x68, 60, 0x2e);
  const start = Date.now();
  const r = torch.load(archive(Buffer.from(bomb)));
  t.ok(Date.now() - start < 2000, 'loads at once');
  t.equal(r[0], r[1], 'shared references stay shared');
  t.throws(() => torch.load(archive(Buffer.from('\x80\x02ctorch._utils\n_rebuild', 'latin1'))), /data ended inside GLOBAL/);
  t.throws(() => torch.load(archive(Buffer.from('.'))), /stack underflow/);
  t.throws(() => torch.load(archive(Buffer.from([0x80, 0x02, 0x68, 0x05, 0x2e]))), /memo slot 5 was never set/);
  t.throws(() => torch.load(archive(Buffer.from([0x80, 0x02, ...Array(3000).fill(0x5d), ...Array(2999).fill(0x61), 0x2e]))), /nests deeper than 1000 levels/);
  t.throws(() => torch.load(archive(Buffer.from([0x80, 0x02, 0x58, 0xff, 0xff, 0xff, 0xff, 0x2e]))), /data ended inside BINUNICODE/);
  t.throws(() => torch.load(archive(Buffer.from([0x80, 0x02, 0x4e, 0x4e, 0x2e]))), /1 values left on the stack at STOP/);
  // a tensor whose size reaches past its storage, and a storage shorter than the pickle claims
  const storage = Buffer.from(new Float32Array([1, 1, 1, 1]).buffer);
  t.throws(() => torch.load(archive(tensorPickle({ numel: 4, offset: 0, size: [4096], stride: [1] }), [['data/0', storage]])), /out of bounds for storage of size 16/);
  t.throws(() => torch.load(archive(tensorPickle({ numel: 4, offset: 2 ** 40, size: [4], stride: [1] }), [['data/0', storage]])), /out of bounds for storage of size 16/);
  t.throws(() => torch.load(archive(tensorPickle({ numel: 4096, offset: 0, size: [4], stride: [1] }), [['data/0', storage]])), /storage data\/0 has 16 bytes, but the pickle says 4096 elements/);
  t.throws(() => torch.load(archive(tensorPickle({ numel: 4, offset: -1, size: [4], stride: [1] }), [['data/0', storage]])), /a malformed tensor/);
  t.same(torch.load(archive(tensorPickle({ numel: 4, offset: 1, size: [3], stride: [1] }), [['data/0', storage]])).tolist(), [1, 1, 1], 'a sound one loads');
});

/** The pickle torch.save writes for one float32 tensor, with the given (possibly hostile) numbers. */
function tensorPickle(o: { numel: number; offset: number; size: number[]; stride: number[] }): Buffer {
  const w = new Pickler();
  w.op(0x80);
  w.op(2);
  w.global('torch._utils', '_rebuild_tensor_v2');
  w.op(0x28);
  w.op(0x28);
  w.str('storage');
  w.global('torch', 'FloatStorage');
  w.str('0');
  w.str('cpu');
  w.int(o.numel);
  w.op(0x74);
  w.op(0x51);
  w.int(o.offset);
  w.value(PyTuple.from(o.size), () => false);
  w.value(PyTuple.from(o.stride), () => false);
  w.op(0x89);
  w.global('collections', 'OrderedDict');
  w.op(0x29);
  w.op(0x52);
  w.op(0x74);
  w.op(0x52);
  return w.finish();
}

t.test('torch.load refuses a cut or foreign archive with the reason', async (t) => {
  const good = path.join(tmp(), 'good.pth');
  torch.save({ w: torch.ones(3) }, good);
  const bytes = readFileSync(good);
  const cut = path.join(tmp(), 'cut.pth');
  writeFileSync(cut, bytes.subarray(0, bytes.length - 10)); // inside the end-of-central-directory record
  t.throws(() => torch.load(cut), /is not a PyTorch file \(not a zip archive: PytorchStreamReader failed reading zip archive/);
  t.throws(() => torch.load(tmpdir()), /torch\.load/);
});

// ---- images ------------------------------------------------------------------------------------

function pngHeader(w: number, h: number): Buffer {
  const png = Buffer.from(readFileSync(path.join(fixturePath('images'), 'grey.png')));
  png.writeUInt32BE(w, 16);
  png.writeUInt32BE(h, 20);
  png.writeUInt32BE(zlib.crc32(png.subarray(12, 29)), 29);
  return png;
}

t.test("decoding refuses images above PIL's pixel limit before allocating, and the limit is settable", async (t) => {
  const Image = torchvision.Image;
  t.equal(Image.MAX_IMAGE_PIXELS, 89478485, "PIL's default");
  t.throws(() => torchvision.io.decodeImage(pngHeader(16000, 16000)), {
    name: 'DecompressionBombError', message: 'Image size (256000000 pixels) exceeds limit of 178956970 pixels, could be decompression bomb DOS attack.',
  });
  Image.MAX_IMAGE_PIXELS = 100;
  try {
    t.throws(() => torchvision.io.decodeImage(pngHeader(20, 20)), /Image size \(400 pixels\) exceeds limit of 200 pixels/);
    const file = path.join(tmp(), 'big.png');
    writeFileSync(file, pngHeader(20, 20));
    t.throws(() => torchvision.io.readImage(file), torchvision.DecompressionBombError, 'readImage too');
    t.throws(() => torchvision.datasets.defaultLoader(file), torchvision.DecompressionBombError, "and ImageFolder's loader");
  } finally {
    Image.MAX_IMAGE_PIXELS = 89478485;
  }
  t.throws(() => { Image.MAX_IMAGE_PIXELS = -3; }, TypeError);
});

// ---- lifetimes -------------------------------------------------------------------------------------

t.test('eager freeing never frees what the caller holds; tidy keeps what its result reaches', async (t) => {
  const x = torch.ones(2);
  const out = new nn.Sequential(new nn.Identity(), new nn.Linear(2, 2))(x);
  t.equal(x.sum().item(), 2, "Identity's input (the caller's x) survives the Sequential");
  t.same(out.shape, [2]);
  torch.manualSeed(0);
  const m = torch.tidy(() => new nn.Linear(2, 2));
  t.same(m(torch.ones(2)).shape, [2], 'a module made inside tidy keeps its parameters');
  const kept = torch.tidy(() => ({ list: [torch.ones(1)], map: new Map([['a', torch.zeros(1)]]) }));
  t.equal(kept.list[0].item() + kept.map.get('a')!.item(), 1, 'and tensors in arrays and Maps');
});

t.test('toTypedArray of fresh tensors in a loop keeps memory flat', async (t) => {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `
    import * as torch from 'torch-node';
    const rss = () => process.memoryUsage().rss / 2 ** 20;
    for (let i = 0; i < 300; i++) torch.ones(256 * 1024).toTypedArray();
    const before = rss();
    for (let i = 0; i < 3000; i++) torch.ones(256 * 1024).toTypedArray();
    console.log(JSON.stringify({ before, after: rss() }));`], { encoding: 'utf8' });
  const { before, after } = JSON.parse(r.stdout);
  t.ok(after - before < 1000, `3,000 MB of arrays made and dropped: RSS ${before.toFixed(0)} → ${after.toFixed(0)} MB`);
});
