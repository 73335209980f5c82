// Makes a small ImageNet-layout folder (<out>/train/<wnid>/*.JPEG, <out>/val/<wnid>/*.JPEG and
// LOC_synset_mapping.txt) so that examples/imagenet-resnet50.ts and examples/transfer-learning.ts
// run offline.
//   npx tsx scripts/make-imagenet-folder.ts [out=./data/imagenet-mini] [--classes 10] [--train 40] [--val 10] [--size 160]
//   npx tsx scripts/make-imagenet-folder.ts out --photos DIR   (one class per photo found under DIR,
//     its images random crops, flips and colour changes of the photo)
// Synthetic classes are shapes (disc, square, bar, ring, cross, ...) in a class colour on noise, at
// random places and sizes: easy enough to learn in a few epochs, hard enough to need a ConvNet.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { classes: { type: 'string', default: '10' }, train: { type: 'string', default: '40' }, val: { type: 'string', default: '10' },
    size: { type: 'string', default: '160' }, photos: { type: 'string' }, seed: { type: 'string', default: '0' } },
});
const out = positionals[0] ?? './data/imagenet-mini';
const perClass = { train: Number(values.train), val: Number(values.val) };
const size = Number(values.size);
torch.manualSeed(Number(values.seed));
const T = torchvision.transforms;

const SHAPES = ['disc', 'square', 'hbar', 'vbar', 'ring', 'cross', 'diagonal', 'triangle', 'dots', 'frame'];
const rand = (lo: number, hi: number) => lo + (hi - lo) * (torch.rand(1).item() as number);

/** One synthetic image of class k: a shape with a class colour at a random place and scale. */
function synthetic(k: number): torch.Tensor {
  const ys = torch.arange(size).view(-1, 1).expand(size, size).float();
  const xs = torch.arange(size).view(1, -1).expand(size, size).float();
  const r = rand(0.15, 0.3) * size, cy = rand(r, size - r), cx = rand(r, size - r);
  const dy = ys.sub(cy), dx = xs.sub(cx), d = dy.pow(2).add(dx.pow(2)).sqrt();
  const shape = SHAPES[k % SHAPES.length];
  const mask = {
    disc: () => d.lt(r),
    square: () => dy.abs().lt(r).logicalAnd(dx.abs().lt(r)),
    hbar: () => dy.abs().lt(r / 3).logicalAnd(dx.abs().lt(r * 1.5)),
    vbar: () => dx.abs().lt(r / 3).logicalAnd(dy.abs().lt(r * 1.5)),
    ring: () => d.lt(r).logicalAnd(d.gt(r * 0.6)),
    cross: () => dy.abs().lt(r / 4).logicalOr(dx.abs().lt(r / 4)).logicalAnd(d.lt(r * 1.2)),
    diagonal: () => dy.sub(dx).abs().lt(r / 3).logicalAnd(d.lt(r * 1.3)),
    triangle: () => dy.gt(-r).logicalAnd(dy.lt(r)).logicalAnd(dx.abs().lt(dy.add(r).div(2))),
    dots: () => xs.remainder(r / 1.5).lt(r / 4).logicalAnd(ys.remainder(r / 1.5).lt(r / 4)).logicalAnd(d.lt(r * 1.3)),
    frame: () => dy.abs().lt(r).logicalAnd(dx.abs().lt(r)).logicalAnd(dy.abs().gt(r * 0.7).logicalOr(dx.abs().gt(r * 0.7))),
  }[shape as 'disc']();
  const hue = (k * 0.61803) % 1;
  const colour = torch.tensor([0, 1 / 3, 2 / 3]).add(hue).mul(2 * Math.PI).cos().mul(0.4).add(0.55).view(3, 1, 1);
  const background = torch.rand([3, 1, 1]).mul(0.5);
  const img = background.expand(3, size, size).add(torch.randn([3, size, size]).mul(0.08));
  return torch.where(mask.unsqueeze(0), colour.expand(3, size, size), img).clamp(0, 1).mul(255).to(torch.uint8);
}

function findPhotos(dir: string): string[] {
  const outList: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(jpe?g|png)$/i.test(n)) outList.push(p);
    }
  };
  walk(dir);
  return outList.sort();
}

const photos = values.photos ? findPhotos(values.photos) : null;
const classes = photos ? photos.length : Number(values.classes);
if (photos && !photos.length) throw new Error(`no JPEG or PNG photos under ${values.photos}`);
const variation = new T.Compose([new T.RandomResizedCrop(size, { scale: [0.3, 1] }), new T.RandomHorizontalFlip(), new T.ColorJitter(0.3, 0.3, 0.3, 0.05)]);

rmSync(out, { recursive: true, force: true });
const mapping: string[] = [];
for (let k = 0; k < classes; k++) {
  const wnid = `n${String(k).padStart(8, '0')}`;
  mapping.push(`${wnid} ${photos ? path.basename(photos[k]).replace(/\.\w+$/, '') : SHAPES[k % SHAPES.length]}, class ${k}`);
  const source = photos ? torchvision.io.readImage(photos[k], torchvision.io.ImageReadMode.RGB) : null;
  for (const split of ['train', 'val'] as const) {
    const dir = path.join(out, split, wnid);
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < perClass[split]; i++) {
      const img = torch.tidy(() => (source ? (variation(source) as torch.Tensor) : synthetic(k)));
      torchvision.io.writeJpeg(img, path.join(dir, `${wnid}_${i}.JPEG`), 90);
    }
  }
}
writeFileSync(path.join(out, 'LOC_synset_mapping.txt'), mapping.join('\n') + '\n');
console.log(`wrote ${classes} classes × (${perClass.train} train + ${perClass.val} val) ${size}×${size} JPEGs to ${out}`);
