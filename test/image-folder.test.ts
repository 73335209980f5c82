// ImageFolder / DatasetFolder / ImageNet against torchvision on the same folder, and the native
// DataLoader path over image files with the new transforms' native twins.
import t from 'tap';
import { copyFileSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';
import { fixture, fixturePath, mismatch, python, hasPythonTorchvision as hasTorchvision } from './helpers.js';
import { tempDir } from './temp-dir.js';

const T = torchvision.transforms;
const { DataLoader } = torch.utils.data;
const ref = fixture('image_ops.json');
const img = (f: string) => fixturePath('images', f);

/** root/<class>/... with the fixture images, a nested folder and a file that is not an image */
function makeFolder(): string {
  const root = tempDir('torch-node-folder-');
  const put = (rel: string, src: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    copyFileSync(img(src), path.join(root, rel));
  };
  put('dog/b.png', 'photo.png');
  put('dog/a.JPG', 'photo.jpg');
  put('dog/sub/c.png', 'palette.png');
  put('cat/z.jpeg', 'grey.jpg');
  put('cat/y.png', 'rgba.png');
  put('bird/x.png', 'grey.png');
  writeFileSync(path.join(root, 'cat', 'notes.txt'), 'not an image');
  writeFileSync(path.join(root, 'README'), 'a file beside the class folders');
  return root;
}


t.test('ImageFolder finds classes, files and targets as torchvision does', async (t) => {
  const root = makeFolder();
  const ds = new torchvision.datasets.ImageFolder(root);
  t.same(ds.classes, ['bird', 'cat', 'dog']);
  t.same(ds.classToIdx, { bird: 0, cat: 1, dog: 2 });
  t.same(ds.samples.map(([p, c]) => [path.relative(root, p), c]), [['bird/x.png', 0], ['cat/y.png', 1], ['cat/z.jpeg', 1], ['dog/a.JPG', 2], ['dog/b.png', 2], ['dog/sub/c.png', 2]]);
  t.same(ds.targets, [0, 1, 1, 2, 2, 2]);
  t.equal(ds.length, 6);
  t.equal(ds.imgs, ds.samples);
  const [image, target] = ds.getItem(4);
  t.ok(image instanceof torchvision.Image && image.mode === 'RGB', 'an RGB Image, as the PIL loader converts');
  t.equal(mismatch(image.data, ref.decoded['photo.png'].rgb, 0, 0), null, 'pixels equal PIL’s');
  t.equal(target, 2);
  const named = new torchvision.datasets.ImageFolder({ root, transform: new T.ToTensor(), targetTransform: (y: number) => y * 10 });
  const [x, y] = named.getItem(-1);
  t.same([x.shape, y], [[3, 13, 17], 20], 'options object with root; transforms applied; negative index');
  if (hasTorchvision) {
    const py = execFileSync(python, ['-c', `import json, sys, torchvision
ds = torchvision.datasets.ImageFolder(sys.argv[1])
print(json.dumps({'classes': ds.classes, 'samples': ds.samples}))`, root], { encoding: 'utf8' });
    const want = JSON.parse(py);
    t.same(ds.classes, want.classes, 'classes equal torchvision’s (run now)');
    t.same(ds.samples, want.samples, 'samples equal torchvision’s (run now)');
  }
});

t.test('DatasetFolder, ImageNet, and errors that name the file', async (t) => {
  const root = makeFolder();
  const ds = new torchvision.datasets.DatasetFolder(root, (p: string) => path.basename(p), { isValidFile: (p) => p.endsWith('.png') });
  t.same(ds.samples.map(([p]) => path.basename(p)), ['x.png', 'y.png', 'b.png', 'c.png']);
  t.same(ds.getItem(0), ['x.png', 0]);
  t.throws(() => new torchvision.datasets.DatasetFolder(root, (p: string) => p), /Both extensions and isValidFile cannot be None or not None at the same time/);
  t.throws(() => new torchvision.datasets.DatasetFolder(root, (p: string) => p, { extensions: '.gif' }), /Found no valid file for the classes bird, cat, dog\. Supported extensions are: \.gif/);
  t.throws(() => new torchvision.datasets.ImageFolder('/nonexistent/folder'), /No such file or directory: '\/nonexistent\/folder'/);
  t.throws(() => new torchvision.datasets.ImageFolder(path.join(root, 'bird')), /Couldn't find any class folder in/);
  writeFileSync(path.join(root, 'dog', 'broken.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));
  const withBroken = new torchvision.datasets.ImageFolder(root, { transform: new T.Compose([new T.Resize([8, 8]), new T.ToTensor()]) });
  const i = withBroken.samples.findIndex(([p]) => p.endsWith('broken.jpg'));
  t.throws(() => withBroken.getItem(i), /could not decode JPEG: .*broken\.jpg/, 'getItem names the broken file');
  t.throws(() => [...new DataLoader(withBroken, { batchSize: 2, numWorkers: 2 })], /broken\.jpg/, 'so does the native loader, without crashing');

  // ImageNet: train/ and val/ of wnid folders, names from Kaggle's mapping file
  const inet = tempDir('torch-node-imagenet-');
  for (const split of ['train', 'val']) {
    for (const wnid of ['n01440764', 'n01443537']) {
      mkdirSync(path.join(inet, split, wnid), { recursive: true });
      copyFileSync(img('photo.jpg'), path.join(inet, split, wnid, `${wnid}_1.JPEG`));
    }
  }
  writeFileSync(path.join(inet, 'LOC_synset_mapping.txt'), 'n01440764 tench, Tinca tinca\nn01443537 goldfish, Carassius auratus\n');
  const val = new torchvision.datasets.ImageNet({ root: inet, split: 'val' });
  t.same(val.wnids, ['n01440764', 'n01443537']);
  t.same(val.classes, [['tench', 'Tinca tinca'], ['goldfish', 'Carassius auratus']]);
  t.equal(val.classToIdx.goldfish, 1);
  t.equal(val.wnidToIdx.n01443537, 1);
  t.equal(val.length, 2);
  t.equal(new torchvision.datasets.ImageNet(inet).split, 'train');
  t.throws(() => new torchvision.datasets.ImageNet({ root: inet, split: 'test' as any }), /Unknown value 'test' for argument split\. Valid values are \{'train', 'val'\}/);
});

t.test('the native loader decodes and augments image files on its threads', async (t) => {
  const root = makeFolder();
  const load = (transform: any, numWorkers = 2, batchSize = 3) => {
    const ds = new torchvision.datasets.ImageFolder(root, { transform });
    return { ds, batches: [...new DataLoader(ds, { batchSize, numWorkers })] };
  };
  const jsStack = (ds: any, from: number, n: number) => torch.stack(Array.from({ length: n }, (_, k) => ds.getItem(from + k)[0]));
  // deterministic pipelines, and random ones whose ranges leave one choice: native twin == JS transform
  const pipelines: [string, () => any][] = [
    ['Resize + ToTensor', () => new T.Compose([new T.Resize([9, 11]), new T.ToTensor()])],
    ['Resize smaller edge + CenterCrop', () => new T.Compose([new T.Resize(10), new T.CenterCrop(10), new T.ToTensor()])],
    ['Resize nearest', () => new T.Compose([new T.Resize([20, 20], { interpolation: 'nearest' }), new T.ToTensor()])],
    ['Resize bicubic, lanczos', () => new T.Compose([new T.Resize([15, 9], { interpolation: 'bicubic' }), new T.Resize(7, { interpolation: 'lanczos' }), new T.ToTensor()])],
    ['RandomRotation bicubic', () => new T.Compose([new T.RandomRotation([-70, -70], { interpolation: 'bicubic', fill: [9, 99, 199] }), new T.ToTensor()])],
    ['RandomRotation([30, 30])', () => new T.Compose([new T.RandomRotation([30, 30], { fill: 40 }), new T.ToTensor()])],
    ['RandomRotation expand', () => new T.Compose([new T.RandomRotation([45, 45], { expand: true, interpolation: 'bilinear' }), new T.ToTensor()])],
    ['RandomAffine one choice', () => new T.Compose([new T.RandomAffine([12, 12], { scale: [1.2, 1.2], shear: [5, 5, -3, -3], interpolation: 'bilinear' }), new T.ToTensor()])],
    ['ColorJitter one choice', () => new T.Compose([new T.ToTensor(), new T.ColorJitter({ hue: [0.1, 0.1] })])],
    ['ColorJitter on uint8', () => new T.Compose([new T.ColorJitter({ brightness: [1.3, 1.3] }), new T.ToTensor()])],
    ['GaussianBlur one sigma', () => new T.Compose([new T.Resize([12, 12]), new T.GaussianBlur(5, 1.1), new T.ToTensor(), new T.Normalize([0.5, 0.5, 0.5], [0.2, 0.2, 0.2])])],
    ['RandomAdjustSharpness on the image (PIL)', () => new T.Compose([new T.RandomAdjustSharpness(2.5, 1), new T.ToTensor()])],
    ['RandomAdjustSharpness on the tensor, and never', () => new T.Compose([new T.ToTensor(), new T.RandomAdjustSharpness(0.3, { p: 1 }), new T.RandomAdjustSharpness(9, 0)])],
    ['RandomResizedCrop whole image', () => new T.Compose([new T.RandomResizedCrop(8, { scale: [1, 1], ratio: [17 / 13, 17 / 13] }), new T.ToTensor()])],
  ];
  for (const [name, make] of pipelines) {
    const { ds, batches } = load(make());
    const ok = batches.every(([x], b) => mismatch(x, { shape: x.shape, dtype: 'float32', values: jsStack(ds, 3 * b, x.size(0)).reshape(-1).tolist() }, 1e-6, 1e-6) === null);
    t.ok(ok, `${name}: native batches equal the JS transforms`);
  }
  const { batches } = load(new T.Compose([new T.Resize([16, 16]), new T.ToTensor()]));
  t.same(batches.map(([x, y]) => [x.shape, y.tolist()]), [[[3, 3, 16, 16], [0, 1, 1]], [[3, 3, 16, 16], [2, 2, 2]]]);
  torchvision.io.writePng(torch.zeros([3, 5, 6], { dtype: torch.uint8 }), path.join(root, 'dog', 'small.png'));
  t.throws(() => load(new T.ToTensor(), 2, 4), /stack expects each tensor to be equal size, but got \[3, 13, 17\] at entry 0 and \[3, 5, 6\] at entry \d/, 'images of different sizes need a resize or crop');

  // random pipelines: repeatable for a seed whatever numWorkers is
  const augment = () => new T.Compose([new T.RandomResizedCrop(12), new T.RandomHorizontalFlip(), new T.RandomAffine(15, { translate: [0.1, 0.1], scale: [0.9, 1.1], shear: 5 }),
    new T.ColorJitter(0.3, 0.3, 0.3, 0.05), new T.GaussianBlur(3), new T.RandomRotation(10), new T.ToTensor()]);
  const run = (numWorkers: number, seed: number) => {
    torch.manualSeed(seed);
    return [...new DataLoader(new torchvision.datasets.ImageFolder(root, { transform: augment() }), { batchSize: 2, shuffle: true, numWorkers })];
  };
  const a = run(0, 3), b = run(2, 3), c = run(2, 4);
  t.ok(a.every(([x, y], i) => x.equal(b[i][0]) && y.equal(b[i][1])), 'same seed, same batches with 0 and 2 workers');
  t.notOk(a[0][0].equal(c[0][0]), 'another seed, other augmentation');
});

t.test('random native twins draw their parameters in torchvision’s ranges', async (t) => {
  // RandomRotation of a small bright square: its centroid's angle about the centre is the drawn angle
  const root = tempDir('torch-node-dot-');
  mkdirSync(path.join(root, 'a'));
  const dot = torch.zeros([3, 33, 33], { dtype: torch.uint8 });
  dot.index('...', torch.slice(15, 18), torch.slice(27, 30)).fill_(255);
  torchvision.io.writePng(dot, path.join(root, 'a', 'dot.png'));
  const ds = new torchvision.datasets.ImageFolder(root, { transform: new T.Compose([new T.RandomRotation([-40, 40], { interpolation: 'nearest' }), new T.ToTensor()]) });
  const idx = Array.from({ length: 10 }, () => Array(20).fill(0));
  const angles: number[] = [];
  for (const [x] of new DataLoader(ds, { batchSampler: idx, numWorkers: 2 })) {
    for (const im of x) {
      const w = im.index(0);
      const total = w.sum().item() as number;
      const r = (w.sum(1).mul(torch.arange(33)).sum().item() as number) / total;
      const c = (w.sum(0).mul(torch.arange(33)).sum().item() as number) / total;
      angles.push((Math.atan2(16 - r, c - 16) * 180) / Math.PI);
    }
  }
  t.ok(angles.every((a) => a >= -42 && a <= 42), 'every angle inside [-40, 40] (±2° of pixel rounding)');
  const mean = angles.reduce((s, a) => s + a, 0) / angles.length;
  const spread = Math.sqrt(angles.reduce((s, a) => s + (a - mean) ** 2, 0) / angles.length);
  t.ok(Math.abs(mean) < 5, `mean angle near 0 (${mean.toFixed(2)})`);
  t.ok(Math.abs(spread - 80 / Math.sqrt(12)) < 4, `spread of a uniform over 80° (${spread.toFixed(2)} vs ${(80 / Math.sqrt(12)).toFixed(2)})`);
  t.ok(existsSync(root));
});
