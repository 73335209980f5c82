// torchvision.transforms' perspective, elastic_transform and adjust_sharpness, functional and as the
// random transforms, on tensors and on Images, against torchvision (scripts/make_tv_warp_fixtures.py):
// an Image gets PIL's very pixels, a tensor torchvision's tensor kernels.
import t from 'tap';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';
import { fixture, mismatch, type EncTensor } from './helpers.js';

const fx = fixture('tv_warp.json');
const T = torchvision.transforms, TF = T.functional;
const tensorOf = (e: EncTensor) => torch.tensor(e.values as number[], { dtype: (torch as any)[e.dtype] }).view(e.shape);
const img = tensorOf(fx.img);
const imgf = img.float().div(255);
const pil = new torchvision.Image(img.permute(1, 2, 0).contiguous(), 'RGB');
const grey = new torchvision.Image(tensorOf(fx.grey).unsqueeze(2), 'L');
const tiny = img.narrow(1, 0, 2).narrow(2, 0, 2).clone();
const disp = tensorOf(fx.disp);
const P2T = new T.PILToTensor();
const env = { torch, T, TF, img, imgf, pil, grey, tiny, disp, P2T, SP: fx.SP, EP: fx.EP, OUT: fx.OUT };

t.test(`perspective, elasticTransform and adjustSharpness give torchvision ${fx.torchvision}'s pixels`, async (t) => {
  for (const c of fx.cases) {
    if (c.seed !== null) torch.manualSeed(c.seed);
    const r = new Function(...Object.keys(env), `return ${c.ts}`)(...Object.values(env));
    t.equal(mismatch(r, c.result, 1e-5, 1e-6), null, `${c.python}: ${c.ts}`);
  }
  for (const c of fx.reprs) t.equal(String(new Function('T', `return ${c.ts}`)(T)), c.repr, c.python);
});

t.test('their arguments are checked as torchvision checks them', async (t) => {
  const { SP, EP } = fx;
  t.throws(() => TF.perspective(img, SP.slice(0, 3), EP), { name: 'RangeError', message: 'Please provide exactly four corners, got 3 startpoints and 4 endpoints.' });
  t.throws(() => TF.perspective(img, SP, [[0, 0], [1, 0], [1, NaN], [0, 1]]), { name: 'TypeError', message: /four \[x, y\] points of finite numbers for endpoints/ });
  t.throws(() => TF.perspective(img, SP, EP, 'bicubic'), { name: 'RangeError', message: "Interpolation mode 'bicubic' is unsupported with Tensor input" });
  t.throws(() => TF.perspective(pil, SP, EP, 'box'), { name: 'RangeError', message: /Unknown resampling filter \(4\)/ });
  t.throws(() => TF.perspective(img, SP, EP, { fill: [1, 2] }), { name: 'RangeError', message: /cannot broadcast to match the number of channels of the image \(2 != 3\)/ });
  t.throws(() => TF.perspective(pil, SP, EP, { fill: [1, 2] }), { name: 'RangeError', message: /does not match the number of channels of the image \(2 != 3\)/ });
  // every corner on one point: the system has no solution, and libtorch says so
  t.throws(() => TF.perspective(img, SP, [[3, 3], [3, 3], [3, 3], [3, 3]]), { name: 'TorchError' });
  t.throws(() => TF.elasticTransform(img, disp.narrow(1, 0, 4)), { name: 'RangeError', message: 'Argument displacement shape should be (1, 16, 20, 2), but given torch.Size([1, 4, 20, 2])' });
  t.throws(() => TF.elasticTransform(img, [[0]] as never), { name: 'TypeError', message: 'Argument displacement should be a Tensor' });
  t.throws(() => TF.elasticTransform(img, disp, 'box'), { name: 'RangeError', message: /expected mode to be 'bilinear', 'nearest' or 'bicubic', but got: 'box'/ });
  t.throws(() => TF.adjustSharpness(img, -1), { name: 'RangeError', message: 'sharpness_factor (-1) is not non-negative.' });
  t.throws(() => TF.adjustSharpness(torch.zeros(4, 5, 5), 2), { name: 'TypeError', message: /permitted channel values are \[1, 3\], but found 4/ });
  t.throws(() => new T.RandomPerspective({ fill: 'x' as never }), { name: 'TypeError', message: 'Fill should be either a sequence or a number.' });
  t.throws(() => new T.RandomPerspective(0.5, 2), { name: 'TypeError', message: /probability between 0 and 1 for p/ });
  t.throws(() => new T.ElasticTransform([1, 2, 3] as never), { name: 'RangeError', message: 'If alpha is a sequence its length should be 2. Got 3' });
  t.throws(() => new T.ElasticTransform({ fill: 'x' as never }), { name: 'TypeError', message: /fill should be int or float or a list or tuple of them/ });
  t.throws(() => (T as any).RandomAdjustSharpness(), { name: 'TypeError' });
  t.throws(() => new (T as any).RandomAdjustSharpness(), { name: 'TypeError', message: /missing 1 required positional argument: 'sharpnessFactor'/ });
  t.throws(() => new (T as any).RandomPerspective(0.5, 0.5, 'bilinear', 0, 1), { name: 'TypeError', message: 'RandomPerspective() takes from 0 to 4 positional arguments but 5 were given' });
});

t.test('a degenerate warp leaves the fill, not garbage', async (t) => {
  // a crossed quadrilateral puts the line at infinity inside the image: there the mapped points are
  // infinite, and those pixels take the fill
  for (const mode of ['nearest', 'bilinear', 'bicubic'] as const) {
    const warped = TF.perspective(pil, fx.SP, [[0, 0], [19, 0], [0, 15], [19, 15]], mode, 42) as torchvision.Image;
    t.same(warped.data.shape, [16, 20, 3], `${mode}: an Image of the same size`);
    t.ok(warped.data.eq(42).any().item(), `${mode}: the fill where nothing maps`);
  }
  const elastic = TF.elasticTransform(img, torch.fullLike(disp, 10), 'bilinear', [5]) as torch.Tensor;
  t.ok(elastic.eq(5).all().item(), 'a field that moves every pixel out of the image gives the fill');
  const nan = TF.elasticTransform(imgf, torch.fullLike(disp, NaN), 'bilinear', [0.25]) as torch.Tensor;
  t.same(nan.shape, [3, 16, 20], 'a NaN field samples nothing, without crashing');
});
