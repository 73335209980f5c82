// torchvision's tensor kernels (resize, rotate, affine, colour, blur) and the random transforms
// built on them, against torchvision on the same image and seeds (test/fixtures/image_ops.json,
// made by scripts/make_image_ops_fixtures.py); and JPEG/PNG decoding against PIL's pixels.
import t from 'tap';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';
import { fixture, fixturePath, fromFixture, mismatch } from './helpers.js';

const T = torchvision.transforms;
const F = T.functional;
const ref = fixture('image_ops.json');
const u8 = fromFixture(ref.u8);
const f32 = u8.float().div(255);

type Img = torch.Tensor | torchvision.Image;
const CASES: Record<string, (img: torch.Tensor) => Img> = {
  resize_bilinear_aa: (img) => F.resize(img, [8, 9], { antialias: true }),
  resize_bilinear: (img) => F.resize(img, [8, 9], { antialias: false }),
  resize_up: (img) => F.resize(img, [20, 25], { antialias: true }),
  resize_nearest: (img) => F.resize(img, [7, 30], { interpolation: 'nearest' }),
  resize_bicubic: (img) => F.resize(img, [9, 8], { interpolation: 'bicubic', antialias: true }),
  resize_smaller_edge: (img) => F.resize(img, 7, { antialias: true }),
  resize_max_size: (img) => F.resize(img, 7, { maxSize: 8, antialias: true }),
  resize_float: (img) => F.resize(img, [6, 11], { antialias: true }),
  rotate_nearest: (img) => F.rotate(img, 30.0),
  rotate_bilinear: (img) => F.rotate(img, -20.0, { interpolation: 'bilinear' }),
  rotate_expand: (img) => F.rotate(img, 45.0, { expand: true }),
  rotate_center_fill: (img) => F.rotate(img, 60.0, { center: [3, 4], fill: [10.0, 200.0, 30.0] }),
  rotate_float_fill: (img) => F.rotate(img, 15.0, { interpolation: 'bilinear', fill: [0.5] }),
  affine_nearest: (img) => F.affine(img, 20.0, [2, -1], 1.1, [10.0, 5.0]),
  affine_bilinear_fill: (img) => F.affine(img, -35.0, [-3, 2], 0.8, [0.0, 0.0], { interpolation: 'bilinear', fill: [255.0, 0.0, 128.0] }),
  affine_float: (img) => F.affine(img, 10.0, [1, 1], 1.3, [-8.0, 0.0], { interpolation: 'bilinear' }),
  brightness: (img) => F.adjustBrightness(img, 1.3),
  contrast: (img) => F.adjustContrast(img, 0.6),
  saturation: (img) => F.adjustSaturation(img, 1.7),
  hue: (img) => F.adjustHue(img, 0.2),
  hue_float: (img) => F.adjustHue(img, -0.35),
  contrast_float: (img) => F.adjustContrast(img, 1.5),
  blur: (img) => F.gaussianBlur(img, [5, 5], [1.2, 1.2]),
  blur_rect_float: (img) => F.gaussianBlur(img, [3, 5], [0.8, 1.5]),
  blur_default_sigma: (img) => F.gaussianBlur(img, [3, 3]),
  RandomResizedCrop: (img) => new T.RandomResizedCrop(8, { antialias: true })(img),
  RandomResizedCropScale: (img) => new T.RandomResizedCrop([6, 10], { scale: [0.3, 0.6], ratio: [0.5, 2.0], antialias: true })(img),
  RandomRotation: (img) => new T.RandomRotation(30)(img),
  RandomRotationExpand: (img) => new T.RandomRotation([10, 80], { expand: true, fill: 7 })(img),
  RandomAffine: (img) => new T.RandomAffine(20, { translate: [0.1, 0.2], scale: [0.8, 1.2], shear: 10 })(img),
  RandomAffineShear4: (img) => new T.RandomAffine([-5, 5], { shear: [-5, 5, -10, 10], interpolation: 'bilinear', fill: 0.25 })(img),
  ColorJitter: (img) => new T.ColorJitter({ brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 })(img),
  ColorJitterFloat: (img) => new T.ColorJitter({ brightness: [0.5, 1.5], hue: 0.3 })(img),
  GaussianBlur: (img) => new T.GaussianBlur(5, { sigma: [0.1, 2.0] })(img),
  Resize: (img) => new T.Resize(9, { antialias: true })(img),
  Pipeline: (img) => new T.Compose([new T.RandomResizedCrop(10, { antialias: true }), new T.RandomHorizontalFlip(), new T.ColorJitter(0.2, 0.2, 0.2),
    new T.ConvertImageDtype(torch.float32), new T.Normalize([0.5, 0.5, 0.5], [0.25, 0.25, 0.25])])(img),
};

t.test('image kernels and random transforms give torchvision’s tensors for the same seed', async (t) => {
  for (const c of ref.cases) {
    const run = CASES[c.name];
    if (!run) { t.fail(`no TS case for ${c.name}`); continue; }
    if (c.seed !== null) torch.manualSeed(c.seed);
    c.outputs.forEach((o: any, i: number) => {
      const out = run(c.input === 'u8' ? u8 : f32);
      t.equal(mismatch(out, o, 1e-5, 1e-5), null, `${c.name}${c.seed !== null ? ` (draw ${i + 1} after manualSeed(${c.seed}))` : ''}: ${c.python}`);
    });
  }
});

t.test('an Image goes through the same colour and blur kernels as its uint8 tensor', async (t) => {
  // (resize, rotate and affine on an Image are PIL's: test/pil-resample.test.ts)
  const img = new torchvision.Image(u8.permute(1, 2, 0).contiguous());
  for (const name of ['hue', 'blur']) {
    const c = ref.cases.find((x: any) => x.name === name);
    const out = CASES[name](img as any) as torchvision.Image;
    t.ok(out instanceof torchvision.Image, `${name} keeps an Image an Image`);
    t.equal(mismatch(out.data.permute(2, 0, 1).contiguous(), c.outputs[0], 0, 0), null, `${name} on an Image`);
  }
  // a batch of images is transformed image by image, as torchvision's tensor kernels do
  const batch = torch.stack([u8, u8.flip(-1)]);
  const out = F.rotate(batch, 30) as torch.Tensor;
  t.same(out.shape, [2, 3, 13, 17]);
  t.ok(out.index(0).equal(F.rotate(u8, 30) as torch.Tensor), 'batched rotate equals per-image rotate');
});

t.test('transform arguments are checked before any native call, with torchvision’s messages', async (t) => {
  t.throws(() => new T.Resize(-3), /Expected a positive integer or \[height, width\] for size but received -3 of type number/);
  t.throws(() => new T.Resize(8, { interpolation: 'area' as any }), /Expected 'nearest', 'bilinear', 'bicubic', 'box', 'hamming' or 'lanczos' for interpolation/);
  t.throws(() => F.resize(u8, [4, 4], { maxSize: 10 }), /maxSize should only be passed if size specifies the length of the smaller edge/);
  t.throws(() => F.resize(u8, 7, { maxSize: 7 }), /max_size = 7 must be strictly greater than the requested size/);
  t.throws(() => new T.RandomRotation(-5), /If degrees is a single number, it must be positive/);
  t.throws(() => new T.RandomAffine(0, { translate: [0.5, 1.5] }), /translation values should be between 0 and 1/);
  t.throws(() => new T.RandomAffine(0, { scale: [0, 1] }), /scale values should be positive/);
  t.throws(() => new T.RandomAffine(0, { shear: [1, 2, 3] }), /Expected a number or a list of 2 or 4 numbers for shear/);
  t.throws(() => new T.ColorJitter({ hue: 0.7 }), /hue values should be between \(-0.5, 0.5\)/);
  t.throws(() => new T.ColorJitter(-1), /If brightness is a single number, it must be non negative/);
  t.throws(() => new T.GaussianBlur(4), /Kernel size value should be an odd and positive number/);
  t.throws(() => new T.GaussianBlur(3, -1), /If sigma is a single number, it must be positive/);
  t.throws(() => F.adjustHue(u8, 0.9), /hue_factor \(0.9\d*\) is not in \[-0.5, 0.5\]/);
  t.throws(() => F.adjustBrightness(u8, -1), /brightness_factor \(-1\.0*\) is not non-negative/);
  t.throws(() => F.rotate(u8, 10, { fill: [1, 2] }), /The number of elements in 'fill' does not match the number of channels of the image \(2 != 3\)/);
  t.throws(() => F.rotate(u8, 10, { interpolation: 'bicubic' }), /'bicubic' is unsupported/);
  t.throws(() => F.rotate(torch.zeros(4), 10), /Expected a C×H×W or N×C×H×W Tensor for img/);
  t.equal(String(new T.Resize([32, 32])), 'Resize(size=[32, 32], interpolation=bilinear, max_size=None, antialias=True)');
  t.equal(String(new T.RandomRotation(15)), 'RandomRotation(degrees=[-15, 15], interpolation=nearest, expand=False, fill=0)');
  t.equal(String(new T.GaussianBlur(3)), 'GaussianBlur(kernel_size=(3, 3), sigma=(0.1, 2))');
  t.equal(new T.RandomHorizontalFlip({ p: 0.25 }).p, 0.25, 'p as a keyword');
});

t.test('Keras fill_mode nearest (the fillMode extension) repeats edge pixels instead of filling', async (t) => {
  const img = torch.arange(1, 26, { dtype: torch.float32 }).reshape(1, 5, 5);
  const shifted = F.affine(img, 0, [2, 0], 1, 0, { fillMode: 'nearest' }) as torch.Tensor;
  t.same(shifted.index(0, 0).tolist(), [1, 1, 1, 2, 3], 'left edge repeated');
  const filled = F.affine(img, 0, [2, 0], 1, 0, { fill: 0 }) as torch.Tensor;
  t.same(filled.index(0, 0).tolist(), [0, 0, 1, 2, 3], 'constant fill');
});

t.test('JPEG and PNG decode to PIL’s pixels', async (t) => {
  const io = torchvision.io;
  for (const [file, want] of Object.entries<any>(ref.decoded)) {
    const p = fixturePath('images', file);
    const rgb = io.readImage(p, io.ImageReadMode.RGB);
    t.equal(mismatch(rgb.permute(1, 2, 0).contiguous(), want.rgb, 0, 0), null, `${file} as RGB`);
    if (!file.endsWith('.jpg') || file === 'grey.jpg') {
      t.equal(mismatch(io.readImage(p, io.ImageReadMode.GRAY).index(0).contiguous(), want.grey, 0, 0), null, `${file} as grey`);
    }
    const decoded = io.decodeImage(readFileSync(p), io.ImageReadMode.RGB);
    t.ok(decoded.equal(rgb), `${file}: decodeImage on the bytes equals readImage`);
  }
  t.same(io.readImage(fixturePath('images', 'rgba.png')).shape, [4, 13, 17], 'UNCHANGED keeps the alpha channel');
  t.same(io.readImage(fixturePath('images', 'grey.jpg')).shape, [1, 13, 17], 'UNCHANGED keeps a grey JPEG grey');
  const bytes = readFileSync(fixturePath('images', 'photo.jpg'));
  t.throws(() => io.decodeImage(bytes.subarray(0, bytes.length / 2)), /could not decode JPEG/, 'a truncated JPEG is an error');
  t.throws(() => io.decodeImage(Buffer.from('GIF89a....')), /unsupported image format/);
  t.throws(() => io.readImage('/nonexistent/x.png'), /cannot read image file \/nonexistent\/x.png/);
  const png = readFileSync(fixturePath('images', 'photo.png'));
  t.throws(() => io.decodeImage(png.subarray(0, 60)), /could not decode PNG/, 'a truncated PNG is an error');
  t.throws(() => io.decodeImage(5 as any), /Expected a 1-D uint8 tensor, a Uint8Array, a Buffer or a file path for input/);
  t.throws(() => io.decodeImage('/nonexistent/x.png'), /cannot read image file \/nonexistent\/x.png/, 'torchvision 0.27 decode_image reads a path too');
});
