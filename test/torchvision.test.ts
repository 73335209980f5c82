// torchvision.transforms against torchvision on the same image and seeds
// (test/fixtures/transforms.json), and the MNIST-family datasets, downloads included
// (against a loopback server serving files this test makes).
import t from 'tap';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';
import { fixture, mismatch } from './helpers.js';
import { tempDir } from './temp-dir.js';

const T = torchvision.transforms;
const ref = fixture('transforms.json');
const pixels = torch.tensor(new Uint8Array(ref.pixels)).reshape(ref.height, ref.width, 3);
const rgb = new torchvision.Image(pixels, 'RGB');
const grey = new torchvision.Image(pixels.index('...', 0).contiguous(), 'L');
const dim = new torchvision.Image(pixels.div(3, { roundingMode: 'floor' }).add(60), 'RGB');
const IMAGES: Record<string, torchvision.Image> = { rgb, grey, dim };
const stackCrops = (crops: torch.Tensor[]) => torch.stack(crops);
const pilCrops = (crops: torchvision.Image[]) => torch.stack(crops.map((c) => new T.PILToTensor()(c)));

const CASES: Record<string, () => (x: any) => torch.Tensor> = {
  ToTensor: () => new T.ToTensor(),
  ToTensorGrey: () => new T.ToTensor(),
  PILToTensor: () => new T.PILToTensor(),
  Normalize: () => new T.Compose([new T.ToTensor(), new T.Normalize([0.5, 0.4, 0.3], [0.2, 0.25, 0.3])]),
  CenterCrop: () => new T.Compose([new T.CenterCrop(5), new T.ToTensor()]),
  CenterCropRect: () => new T.Compose([new T.CenterCrop([7, 4]), new T.ToTensor()]),
  CenterCropLarger: () => new T.Compose([new T.CenterCrop(14), new T.PILToTensor()]),
  RandomCrop: () => new T.Compose([new T.RandomCrop(8), new T.ToTensor()]),
  RandomCropPad: () => new T.Compose([new T.RandomCrop(10, { padding: 4 }), new T.ToTensor()]),
  RandomCropPadFill: () => new T.Compose([new T.RandomCrop(12, { padding: [1, 2], fill: 7 }), new T.PILToTensor()]),
  RandomCropEdge: () => new T.Compose([new T.RandomCrop(11, { padding: 3, paddingMode: 'edge' }), new T.PILToTensor()]),
  RandomCropReflect: () => new T.Compose([new T.RandomCrop(11, { padding: 3, paddingMode: 'reflect' }), new T.PILToTensor()]),
  RandomCropSymmetric: () => new T.Compose([new T.RandomCrop(11, { padding: 3, paddingMode: 'symmetric' }), new T.PILToTensor()]),
  RandomCropPadIfNeeded: () => new T.Compose([new T.RandomCrop([12, 14], { padIfNeeded: true }), new T.PILToTensor()]),
  HorizontalFlip: () => new T.Compose([new T.RandomHorizontalFlip(1.0), new T.ToTensor()]),
  VerticalFlip: () => new T.Compose([new T.RandomVerticalFlip(1.0), new T.ToTensor()]),
  RandomFlipSeeded: () => new T.Compose([new T.RandomHorizontalFlip(), new T.RandomVerticalFlip(), new T.PILToTensor()]),
  TensorFlipAfterToTensor: () => new T.Compose([new T.ToTensor(), new T.RandomHorizontalFlip(1.0)]),
  ConvertImageDtype: () => new T.Compose([new T.PILToTensor(), new T.ConvertImageDtype(torch.float32)]),
  Grayscale: () => new T.Compose([new T.Grayscale(), new T.PILToTensor()]),
  Grayscale3: () => new T.Compose([new T.Grayscale(3), new T.PILToTensor()]),
  GrayscaleTensor: () => new T.Compose([new T.ToTensor(), new T.Grayscale()]),
  GrayscaleTensorUint8: () => new T.Compose([new T.PILToTensor(), new T.Grayscale()]),
  RandomGrayscale: () => new T.Compose([new T.RandomGrayscale(0.5), new T.PILToTensor()]),
  RandomErasing: () => new T.Compose([new T.ToTensor(), new T.RandomErasing({ p: 1.0 })]),
  RandomErasingRandom: () => new T.Compose([new T.ToTensor(), new T.RandomErasing({ p: 0.7, scale: [0.1, 0.4], value: 'random' })]),
  RandomErasingValues: () => new T.Compose([new T.ToTensor(), new T.RandomErasing({ p: 1.0, ratio: [0.5, 2.0], value: [0.1, 0.2, 0.3] })]),
  Invert: () => new T.Compose([new T.RandomInvert(1.0), new T.PILToTensor()]),
  InvertTensor: () => new T.Compose([new T.ToTensor(), new T.RandomInvert({ p: 1.0 })]),
  Posterize: () => new T.Compose([new T.RandomPosterize(3, { p: 1.0 }), new T.PILToTensor()]),
  PosterizeTensor: () => new T.Compose([new T.PILToTensor(), new T.RandomPosterize({ bits: 2, p: 1.0 })]),
  Solarize: () => new T.Compose([new T.RandomSolarize(128, 1.0), new T.PILToTensor()]),
  SolarizeTensor: () => new T.Compose([new T.ToTensor(), new T.RandomSolarize(0.4, { p: 1.0 })]),
  Autocontrast: () => new T.Compose([new T.RandomAutocontrast(1.0), new T.PILToTensor()]),
  AutocontrastTensor: () => new T.Compose([new T.ToTensor(), new T.RandomAutocontrast(1.0)]),
  AutocontrastUint8: () => new T.Compose([new T.PILToTensor(), new T.RandomAutocontrast(1.0)]),
  Equalize: () => new T.Compose([new T.RandomEqualize(1.0), new T.PILToTensor()]),
  EqualizeTensor: () => new T.Compose([new T.PILToTensor(), new T.RandomEqualize(1.0)]),
  EqualizeGrey: () => new T.Compose([new T.RandomEqualize(1.0), new T.PILToTensor()]),
  RandomToneSeeded: () => new T.Compose([new T.RandomInvert(), new T.RandomSolarize(100), new T.RandomAutocontrast(), new T.RandomEqualize(), new T.RandomPosterize(4), new T.PILToTensor()]),
  FiveCrop: () => new T.Compose([new T.FiveCrop(4), new T.Lambda(pilCrops)]),
  TenCrop: () => new T.Compose([new T.TenCrop([4, 6], { verticalFlip: true }), new T.Lambda(pilCrops)]),
  TenCropTensor: () => new T.Compose([new T.ToTensor(), new T.TenCrop(5), new T.Lambda(stackCrops)]),
  ToPILImage: () => new T.Compose([new T.ToTensor(), new T.ToPILImage(), new T.PILToTensor()]),
  ToPILImageGrey: () => new T.Compose([new T.PILToTensor(), new T.ToPILImage({ mode: 'L' }), new T.RandomInvert(1.0), new T.PILToTensor()]),
  LinearTransformation: () => new T.Compose([new T.CenterCrop(2), new T.ToTensor(), new T.LinearTransformation(
    torch.eye(12).mul(0.5).add(torch.arange(144, { dtype: torch.float32 }).reshape(12, 12).mul(0.01).div(144)), torch.linspace(0, 1, 12))]),
  CifarTutorial: () => new T.Compose([new T.RandomHorizontalFlip(), new T.RandomCrop(10, { padding: 4 }), new T.ToTensor(), new T.Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5])]),
};

t.test('transforms give torchvision’s pixels for the same image and seed', async (t) => {
  for (const c of ref.cases) {
    const make = CASES[c.name];
    if (!make) { t.fail(`no TS case for ${c.name}`); continue; }
    if (c.seed !== null) torch.manualSeed(c.seed);
    const tr = make();
    const img = IMAGES[c.image]!;
    c.outputs.forEach((o: any, i: number) => t.equal(mismatch(tr(img), o, 1e-6, 1e-6), null, `${c.name}${c.seed !== null ? ` (draw ${i + 1} after manualSeed(${c.seed}))` : ''}: ${c.python}`));
  }
});

t.test('transform errors and reprs', async (t) => {
  for (const [repr, ts] of ref.reprs) t.equal(String(new Function('T', 'torch', `return ${ts}`)(T, torch)), repr, ts);
  t.throws(() => new T.LinearTransformation(torch.zeros(2, 3), torch.zeros(2)), { name: 'RangeError', message: 'transformation_matrix should be square. Got (2, 3) rectangular matrix.' });
  t.throws(() => new T.LinearTransformation(torch.eye(4), torch.zeros(4))(torch.zeros(3, 2, 2)), { name: 'RangeError', message: /incompatible shape.\[3 x 2 x 2\] != 4/ });
  t.throws(() => new T.ToPILImage()(torch.zeros(5, 2, 2)), { name: 'RangeError', message: 'pic should not have > 4 channels. Got 5 channels.' });
  t.throws(() => T.functional.posterize(torch.zeros(3, 2, 2), 2), { name: 'TypeError', message: 'Only torch.uint8 image tensors are supported, but found torch.float32' });
  t.throws(() => T.functional.posterize(rgb, 9), { name: 'RangeError', message: /between 0 and 8/ });
  t.throws(() => T.functional.solarize(torch.zeros(3, 2, 2), 2), { name: 'TypeError', message: 'Threshold should be less than bound of img.' });
  t.throws(() => T.functional.invert(torch.zeros(4, 2, 2)), { name: 'TypeError', message: /permitted channel values are \[1, 3\], but found 4/ });
  t.throws(() => new T.FiveCrop(11)(rgb), /Requested crop size \(11, 11\) is bigger than input size \(10, 12\)/);
  torch.manualSeed(0);
  const order = new T.RandomOrder([(s: string) => s + 'a', (s: string) => s + 'b', (s: string) => s + 'c']);
  const orders = new Set(Array.from({ length: 60 }, () => order('')));
  t.equal(orders.size, 6, 'RandomOrder draws every order of three transforms');
  t.throws(() => new T.RandomCrop(20)(rgb), /Required crop size \(20, 20\) is larger than input image size \(10, 12\)/);
  t.throws(() => new T.Normalize([0.5], [0]), /division by zero/);
  t.throws(() => new T.Normalize([0.5], [0.5])(rgb as any), /Expected a float Tensor \(apply ToTensor first\)/);
  t.throws(() => new T.RandomCrop(5, { paddingMode: 'wrap' as any }), /paddingMode/);
  t.equal(String(new T.Compose([new T.ToTensor(), new T.Normalize([0.5], [0.5])])), 'Compose(\n    ToTensor()\n    Normalize(mean=[0.5], std=[0.5])\n)');
  t.same(new T.Lambda((x: torch.Tensor) => x.mul(2))(torch.ones(1)).tolist(), [2]);
  torch.manualSeed(0);
  const outs = Array.from({ length: 200 }, () => new T.RandomApply([new T.Lambda(() => 1)], 0.3)(0));
  const hits = outs.filter((x) => x === 1).length;
  t.ok(hits > 35 && hits < 85, `RandomApply(p=0.3) applies about 30% of the time (${hits}/200)`);
  const choice = new T.RandomChoice([() => 'a', () => 'b']);
  const picks = new Set(Array.from({ length: 50 }, () => choice(0)));
  t.same([...picks].sort(), ['a', 'b'], 'RandomChoice picks among its transforms');
});

const debianDir = '/usr/share/datasets/fashion-mnist';
t.test('FashionMNIST from Debian’s files, through the DataLoader', { skip: existsSync(debianDir) ? false : `no ${debianDir} (apt-get install dataset-fashion-mnist)` }, async (t) => {
  const ds = new torchvision.datasets.FashionMNIST({ root: debianDir, train: false, transform: new T.ToTensor() });
  t.equal(ds.length, 10000);
  t.equal(ds.classes[9], 'Ankle boot');
  t.equal(ds.classToIdx.Trouser, 1);
  const [x, y] = ds.getItem(0);
  t.same(x.shape, [1, 28, 28]);
  t.equal(y, 9, 'the first test image is an ankle boot');
  t.ok(x.min().item() >= 0 && x.max().item() <= 1);
  const loader = new torch.utils.data.DataLoader(ds, { batchSize: 64 });
  const [xb, yb] = [...loader][0];
  t.same(xb.shape, [64, 1, 28, 28]);
  t.equal(yb.dtype, torch.int64);
  t.equal(loader.length, 157);
});

function idx(shape: number[], data: Uint8Array): Buffer {
  const head = Buffer.alloc(4 + 4 * shape.length);
  head[2] = 8;
  head[3] = shape.length;
  shape.forEach((s, i) => head.writeUInt32BE(s, 4 + 4 * i));
  return Buffer.concat([head, Buffer.from(data)]);
}

t.test('download: MD5-checked, fetched once, nothing half-written', async (t) => {
  const files: Record<string, Buffer> = {
    'train-images-idx3-ubyte.gz': gzipSync(idx([3, 2, 2], new Uint8Array(12).map((_, i) => i * 20))),
    'train-labels-idx1-ubyte.gz': gzipSync(idx([3], new Uint8Array([1, 2, 3]))),
    't10k-images-idx3-ubyte.gz': gzipSync(idx([1, 2, 2], new Uint8Array([9, 9, 9, 9]))),
    't10k-labels-idx1-ubyte.gz': gzipSync(idx([1], new Uint8Array([7]))),
  };
  const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
  const hits: Record<string, number> = {};
  const server = http.createServer((req, res) => {
    const name = req.url!.split('/').pop()!;
    hits[req.url!] = (hits[req.url!] ?? 0) + 1;
    if (req.url!.startsWith('/good/') && files[name]) res.end(files[name]);
    else if (req.url!.startsWith('/corrupt/') && files[name]) res.end(Buffer.concat([files[name], Buffer.from('x')]));
    else if (req.url!.startsWith('/truncated/') && files[name]) {
      res.writeHead(200, { 'content-length': files[name].length });
      res.write(files[name].subarray(0, 5));
      setTimeout(() => res.destroy(), 10);
    } else { res.writeHead(503, 'Service Unavailable'); res.end(); }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.teardown(() => server.close());
  const base = `http://127.0.0.1:${(server.address() as any).port}`;
  const resources = Object.entries(files).map(([k, v]) => [k, md5(v)] as [string, string]);
  const make = (prefix: string) => class TinyMNIST extends torchvision.datasets.MNIST {
    static readonly mirrors = [`${base}/${prefix}/`];
    static readonly resources = resources;
  };
  const root = tempDir('torch-node-mnist-');
  const Good = make('good');
  const ds = await Good.create({ root, download: true });
  t.equal(ds.length, 3);
  t.same(ds.targets.tolist(), [1, 2, 3]);
  t.same((ds.getItem(1)[0] as torchvision.Image).data.reshape(-1).tolist(), [80, 100, 120, 140]);
  t.same(readdirSync(path.join(root, 'TinyMNIST', 'raw')).sort(), Object.keys(files).sort(), "torchvision's layout: <root>/<Name>/raw");
  const test = await Good.create({ root, train: false, download: true });
  t.same(test.targets.tolist(), [7]);
  t.equal(hits['/good/train-images-idx3-ubyte.gz'], 1, 'an existing good copy is not fetched again');
  for (const [prefix, message] of [['corrupt', /MD5 of train-images-idx3-ubyte.gz is [0-9a-f]{32}, expected/], ['truncated', /connection closed after \d+ of \d+ bytes.*after 4 attempts|MD5/], ['down', /server answered HTTP 503 Service Unavailable/]] as const) {
    const r = tempDir('torch-node-mnist-');
    await t.rejects(make(prefix).create({ root: r, download: true }), message, `${prefix}: a clear error`);
    const raw = path.join(r, 'TinyMNIST', 'raw');
    t.same(existsSync(raw) ? readdirSync(raw) : [], [], `${prefix}: nothing half-written left behind`);
  }
  const broken = tempDir('torch-node-mnist-');
  mkdirSync(path.join(broken, 'MNIST', 'raw'), { recursive: true });
  writeFileSync(path.join(broken, 'MNIST', 'raw', 'train-images-idx3-ubyte'), idx([5, 2, 2], new Uint8Array(7)));
  writeFileSync(path.join(broken, 'MNIST', 'raw', 'train-labels-idx1-ubyte'), idx([5], new Uint8Array(5)));
  t.throws(() => new torchvision.datasets.MNIST({ root: broken }), /train-images-idx3-ubyte is truncated: 7 of 20 bytes/, 'a corrupt file is named');
  t.throws(() => new torchvision.datasets.MNIST({ root: tempDir('x-') }), /train-images-idx3-ubyte\[\.gz\] not found/);
});

t.test('transforms.functional pad, centerCrop, normalize, toTensor and transforms.Pad (scripts/make_tv_functional_fixtures.py)', async (t) => {
  const fx = fixture('tv_functional.json');
  const T = torchvision.transforms, TF = T.functional;
  const img = torch.tensor(fx.img.values, { dtype: torch.uint8 }).view(fx.img.shape);
  const imgf = img.float().div(255);
  for (const c of fx.cases) {
    const r = new Function('T', 'TF', 'img', 'imgf', `return ${c.ts}`)(T, TF, img, imgf);
    t.equal(mismatch(r, c.result, 1e-6, 1e-6), null, `${c.python}: ${c.ts}`);
  }
  for (const c of fx.reprs) t.equal(String(new Function('T', `return ${c.ts}`)(T)), c.repr, c.python);
  t.throws(() => TF.pad(img, [1, 2, 3]), { name: 'TypeError', message: 'Expected an integer or 1, 2 or 4 integers for padding but received an array' });
  t.throws(() => TF.pad(img, 1, { paddingMode: 'wrap' as never }), { name: 'TypeError', message: /for paddingMode but received 'wrap'/ });
  t.throws(() => new T.Pad(1, { fill: [1, 2] as never }), { name: 'TypeError', message: /Expected a number for fill/ });
  t.throws(() => TF.normalize(img as never, [0.5], [0.5]), { name: 'TypeError', message: /Expected a float Tensor \(apply ToTensor first\) for tensor/ });
  t.throws(() => (TF as any).pad(img, 1, 0, 'constant', 1), { name: 'TypeError', message: 'pad() takes from 2 to 4 positional arguments but 5 were given' });
  // an Image pads through its C×H×W tensor and stays an Image
  const pic = new torchvision.Image(img.permute(1, 2, 0).contiguous(), 'RGB');
  const padded = TF.pad(pic, [1, 2]) as torchvision.Image;
  t.ok(padded instanceof torchvision.Image);
  t.same([padded.height, padded.width], [9, 8]);
});
