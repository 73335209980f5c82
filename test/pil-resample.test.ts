// On an Image, Resize, RandomResizedCrop, rotate and affine give PIL's pixels, as torchvision's PIL
// path does (test/fixtures/pil_resample.json, made by scripts/make_pil_fixtures.py with Pillow). The
// native DataLoader runs the same kernels (test/image-folder.test.ts checks it against these).
import t from 'tap';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';
import { fixture } from './helpers.js';

const T = torchvision.transforms;
const F = T.functional;
const ref = fixture('pil_resample.json');
const image = (e: { shape: number[]; values: number[] }) => new torchvision.Image(torch.tensor(e.values, { dtype: torch.uint8 }).reshape(e.shape));
const IMAGES: Record<string, torchvision.Image> = { rgb: image(ref.images.rgb), grey: image(ref.images.grey) };

type Img = torchvision.Image;
const CASES: Record<string, (img: Img) => unknown> = {
  resize_bilinear: (img) => F.resize(img, [8, 9]),
  resize_bilinear_grey: (img) => F.resize(img, [11, 14]),
  resize_up: (img) => F.resize(img, [40, 47]),
  resize_one_axis: (img) => F.resize(img, [23, 12]),
  resize_rows_reduced_most: (img) => F.resize(img, [9, 28], { interpolation: 'bicubic' }),
  resize_nearest: (img) => F.resize(img, [7, 40], { interpolation: 'nearest' }),
  resize_nearest_down: (img) => F.resize(img, [9, 13], { interpolation: 'nearest' }),
  resize_bicubic: (img) => F.resize(img, [9, 8], { interpolation: 'bicubic' }),
  resize_bicubic_up: (img) => F.resize(img, [30, 50], { interpolation: 'bicubic' }),
  resize_lanczos: (img) => F.resize(img, [12, 15], { interpolation: 'lanczos' }),
  resize_box: (img) => F.resize(img, [10, 10], { interpolation: 'box' }),
  resize_hamming: (img) => F.resize(img, [17, 19], { interpolation: 'hamming' }),
  resize_smaller_edge: (img) => F.resize(img, 7),
  resize_max_size: (img) => F.resize(img, 7, { maxSize: 9 }),
  resize_same: (img) => F.resize(img, [23, 31]),
  resized_crop: (img) => F.resizedCrop(img, 2, 3, 9, 11, [10, 12]),
  rotate_nearest: (img) => F.rotate(img, 30.0),
  rotate_negative: (img) => F.rotate(img, -100.0),
  rotate_bilinear: (img) => F.rotate(img, -20.0, { interpolation: 'bilinear' }),
  rotate_bicubic: (img) => F.rotate(img, 33.0, { interpolation: 'bicubic' }),
  rotate_expand: (img) => F.rotate(img, 45.0, { expand: true }),
  rotate_expand_bilinear: (img) => F.rotate(img, 110.0, { interpolation: 'bilinear', expand: true }),
  rotate_center_fill: (img) => F.rotate(img, 60.0, { center: [3, 4], fill: [10, 200, 30] }),
  rotate_90: (img) => F.rotate(img, 90.0),
  rotate_90_expand: (img) => F.rotate(img, 90.0, { expand: true }),
  rotate_180: (img) => F.rotate(img, 180.0),
  rotate_270_expand: (img) => F.rotate(img, -90.0, { expand: true }),
  rotate_360: (img) => F.rotate(img, 360.0),
  affine_nearest: (img) => F.affine(img, 20.0, [2, -1], 1.1, [10.0, 5.0]),
  affine_scale_only: (img) => F.affine(img, 0.0, [3, 2], 0.7, [0.0, 0.0]),
  affine_bilinear_fill: (img) => F.affine(img, -35.0, [-3, 2], 0.8, [0.0, 0.0], { interpolation: 'bilinear', fill: [255, 0, 128] }),
  affine_bicubic: (img) => F.affine(img, 12.0, [0, 0], 1.2, [-8.0, 4.0], { interpolation: 'bicubic' }),
  affine_center: (img) => F.affine(img, 50.0, [1, 0], 1.0, [0.0, 0.0], { center: [5, 6], fill: 99 }),
  RandomResizedCrop: (img) => new T.RandomResizedCrop(12)(img),
  RandomResizedCropBicubic: (img) => new T.RandomResizedCrop([9, 14], { scale: [0.3, 0.6], interpolation: 'bicubic' })(img),
  RandomRotation: (img) => new T.RandomRotation(30, { interpolation: 'bilinear' })(img),
  RandomRotationExpand: (img) => new T.RandomRotation([10, 80], { expand: true, fill: 7 })(img),
  RandomAffine: (img) => new T.RandomAffine(20, { translate: [0.1, 0.2], scale: [0.8, 1.2], shear: 10 })(img),
  Resize: (img) => new T.Resize(16)(img),
};

function differs(out: unknown, want: { shape: number[]; values: number[] }): string | null {
  if (!(out instanceof torchvision.Image)) return 'not an Image';
  // PIL's 'L' array is H×W; an Image holds H×W×1
  const shape = out.mode === 'L' ? out.data.shape.slice(0, 2) : out.data.shape;
  if (JSON.stringify(shape) !== JSON.stringify(want.shape)) return `shape [${shape}] != [${want.shape}]`;
  const got = out.data.reshape(-1).tolist() as number[];
  const bad = got.reduce((n, v, i) => n + (v !== want.values[i] ? 1 : 0), 0);
  return bad === 0 ? null : `${bad} of ${got.length} values differ from PIL's`;
}

t.test(`resize, resized crop, rotate and affine on an Image give PIL's pixels (Pillow ${ref.pillow})`, async (t) => {
  for (const c of ref.cases) {
    const run = CASES[c.name];
    if (!run) { t.fail(`no TS case for ${c.name}`); continue; }
    if (c.seed !== null) torch.manualSeed(c.seed);
    c.outputs.forEach((o: any, i: number) => {
      t.equal(differs(run(IMAGES[c.image]), o), null, `${c.name}${c.seed !== null ? ` (draw ${i + 1} after manualSeed(${c.seed}))` : ''}: ${c.python}`);
    });
  }
  t.ok(ref.tensorKernelMismatch > 0.05, `the tensor kernel alone would differ in ${(ref.tensorKernelMismatch * 100).toFixed(1)} % of a resize's values`);
});

t.test('PIL-only filters and options are refused where PIL or torchvision refuse them', async (t) => {
  const grey = IMAGES.grey;
  t.throws(() => F.rotate(grey, 10, { interpolation: 'lanczos' }), /Unknown resampling filter \(1\)/);
  t.throws(() => F.resize(grey.data.permute(2, 0, 1), [4, 4], { interpolation: 'box' }), /Interpolation mode 'box' is unsupported with Tensor input/);
  t.throws(() => F.rotate(IMAGES.rgb, 10, { fill: [1, 2] }), /The number of elements in 'fill' does not match the number of channels of the image \(2 != 3\)/);
  t.ok(F.rotate(grey, 10, { interpolation: 'bicubic' }) instanceof torchvision.Image, 'bicubic rotation is PIL\'s on an Image');
});
