// Bad input never crashes the process: libtorch errors become TorchError with libtorch's
// message and the op's name; wrong JS arguments are rejected with a TypeError (or RangeError)
// naming the argument, before libtorch is called.
import t from 'tap';
import * as torch from 'torch-node';

const a = torch.ones(2, 3);
const b = torch.ones(4, 5);
const i = torch.tensor([1n, 2n]);

type Case = [label: string, fn: () => unknown, kind: 'torch' | 'type' | 'range', message: RegExp];
const cases: Case[] = [
  // libtorch errors -> TorchError
  ['shape mismatch in add', () => a.add(b), 'torch', /The size of tensor a \(3\) must match the size of tensor b \(5\) at non-singleton dimension 1 \(in aten::add\.Tensor\)/],
  ['matmul shapes', () => a.matmul(a), 'torch', /mat1 and mat2 shapes cannot be multiplied \(2x3 and 2x3\)/],
  ['mm shapes', () => torch.mm(a, b), 'torch', /mat1 and mat2 shapes cannot be multiplied/],
  ['view of wrong size', () => a.view(4, 2), 'torch', /shape '\[4, 2\]' is invalid for input of size 6/],
  ['reshape of wrong size', () => a.reshape(7), 'torch', /shape '\[7\]' is invalid for input of size 6/],
  ['dim out of range', () => a.sum(5), 'torch', /Dimension out of range \(expected to be in range of \[-2, 1\], but got 5\)/],
  ['transpose dim', () => a.transpose(0, 3), 'torch', /Dimension out of range/],
  ['index out of range', () => a.index(9), 'torch', /index 9 is out of bounds for dimension 0 with size 2/],
  ['indexSelect out of range', () => a.indexSelect(1, torch.tensor([7n])), 'torch', /INDICES element is out of DATA bounds, id=7 axis_dim=3 \(in aten::index_select\)/],
  ['gather with float index', () => a.gather(1, torch.ones(2, 3)), 'torch', /gather\(\): Expected dtype int(32\/int)?64 for index/],
  ['cat of mismatched tensors', () => torch.cat([a, b]), 'torch', /Sizes of tensors must match except in dimension 0/],
  ['stack of mismatched tensors', () => torch.stack([a, b]), 'torch', /stack expects each tensor to be equal size/],
  ['wrong dtype for bitwise op', () => a.bitwiseAnd(a), 'torch', /"bitwise_and_cpu" not implemented for 'Float'/],
  ['integer tensor mean', () => i.mean(), 'torch', /mean\(\): could not infer output dtype/],
  ['expand to smaller', () => a.expand(1, 3), 'torch', /The expanded size of the tensor \(1\) must match the existing size \(2\)/],
  ['permute of wrong length', () => a.permute(0), 'torch', /number of dimensions in the tensor input does not match the length of the desired ordering of dimensions/],
  ['squeeze of bad dim', () => a.squeeze(4), 'torch', /Dimension out of range/],
  ['item of many elements', () => a.item(), 'torch', /a Tensor with 6 elements cannot be converted to Scalar/],
  ['backward of non-scalar', () => torch.ones(2, { requiresGrad: true }).mul(2).backward(), 'torch', /grad can be implicitly created only for scalar outputs/],
  ['backward without grad', () => a.sum().backward(), 'torch', /does not require grad/],
  ['inverse of a singular matrix', () => torch.zeros(2, 2).inverse(), 'torch', /singular/],
  ['device mismatch or no CUDA', () => a.to('cuda'), 'torch', /CUDA|cuda/],
  ['narrow past the end', () => a.narrow(1, 2, 5), 'torch', /start \(2\) \+ length \(5\) exceeds dimension size \(3\)/],
  ['split of zero', () => a.split(0), 'torch', /split_size|split expects split_size be non-negative|chunk/],
  ['conv2d on a 2-D input', () => torch.conv2d(a, torch.ones(1, 1, 3, 3)), 'torch', /Expected 3D \(unbatched\) or 4D \(batched\) input to conv2d/],
  ['in-place on a leaf that requires grad', () => torch.ones(2, { requiresGrad: true }).add_(1), 'torch', /a leaf Variable that requires grad is being used in an in-place operation/],
  ['nonzero-size view of mismatched index_put', () => torch.zeros(3).indexPut_([torch.tensor([0n, 1n])], torch.ones(3)), 'torch', /shape mismatch/],
  // wrong JS arguments -> TypeError / RangeError naming the argument
  ['string where a tensor goes', () => a.add('x' as any), 'type', /add\(\): Expected .* for other but received 'x' of type string/],
  ['object as other', () => torch.mm(a, {} as any), 'type', /mm\(\): (Expected Tensor for mat2 but received an object|Missing required argument mat2)/],
  ['missing argument', () => (torch.mm as any)(a), 'type', /mm\(\): Missing required argument mat2/],
  ['too many arguments', () => (a.relu as any)(1, 2), 'type', /relu\(\): Takes 1 positional arguments but 3 were given/],
  ['unknown option', () => a.sum({ dims: 1 } as any), 'type', /Unexpected option in \{ dims \}/],
  ['non-integer dim', () => a.sum(1.5), 'type', /Expected .* for dim but received 1.5 of type number/],
  ['boolean where an int goes', () => a.transpose(true as any, 1), 'type', /Expected int for dim0 but received true of type boolean/],
  ['NaN size', () => torch.zeros(NaN), 'type', /Expected non-negative integer for size\[0\] of torch\.zeros but received NaN of type number/],
  ['negative size', () => torch.ones(2, -5), 'type', /Expected non-negative integer for size\[1\] of torch\.ones but received -5 of type number/],
  ['fractional size', () => torch.randn(2.5), 'type', /Expected non-negative integer for size\[0\] of torch\.randn but received 2.5 of type number/],
  ['string size', () => torch.empty('3' as any), 'type', /Expected non-negative integer for size\[0\] of torch\.empty but received '3' of type string/],
  ['unknown dtype', () => torch.zeros(2, { dtype: 'float128' as any }), 'type', /Expected a dtype .* for dtype but received 'float128' of type string/],
  ['bad requiresGrad', () => torch.ones(2, { requiresGrad: 'yes' as any }), 'type', /Expected boolean for requiresGrad but received 'yes' of type string/],
  // None and False skip the options' schema only where it accepts them (lib/creation.ts isValidDefault)
  ['null requiresGrad', () => torch.zeros(2, { requiresGrad: null as any }), 'type', /Expected boolean for requiresGrad but received null/],
  ['false dtype', () => torch.zeros(2, { dtype: false as any }), 'type', /for dtype but received false of type boolean/],
  ['false dtype after a default call', () => (torch.zeros(2, { dtype: null, requiresGrad: false }), torch.zeros(2, { dtype: false as any })), 'type', /for dtype but received false of type boolean/],
  ['frombuffer null dtype', () => torch.frombuffer(new Float32Array(2).buffer, { dtype: null as any }), 'type', /for dtype but received null/],
  ['unknown factory option', () => torch.ones(2, { dtyp: torch.float32 } as any), 'type', /torch\.ones\(\) got an unexpected keyword argument 'dtyp'\. Did you mean 'dtype'\?/],
  ['bad device string', () => torch.zeros(2, { device: 'gpu:0' as never }), 'type', /Expected a device .* for device but received 'gpu:0' of type string/],
  ['bad device for to()', () => a.to('tpu' as never), 'type', /Expected a device string such as 'cpu' or 'cuda:0' for device but received 'tpu' of type string/],
  ['non-array tensor data', () => torch.tensor([{}] as any), 'type', /Expected number, boolean or bigint for tensor data but received an object/],
  ['empty options as tensor data', () => torch.tensor({} as any), 'type', /torch\.tensor\(\) missing 1 required positional argument: 'data'/],
  ['ragged tensor data', () => torch.tensor([[1], [2, 3]]), 'type', /expected sequence of length 1 at dim 1 \(got 2\)/],
  ['string tensor data', () => torch.tensor(['1'] as any), 'type', /received '1' of type string/],
  ['bad options type', () => torch.tensor([1], 5 as any), 'type', /torch\.tensor\(\) takes 1 positional argument but 2 were given/],
  ['arange step zero', () => torch.arange(0, 1, 0), 'range', /step must be nonzero/],
  ['arange string', () => torch.arange('5' as any), 'type', /Expected number for end but received '5' of type string/],
  ['linspace steps', () => torch.linspace(0, 1, -1), 'type', /Expected non-negative integer for steps but received -1 of type number/],
  ['randint without size', () => (torch.randint as any)(5), 'type', /Expected an array of sizes for size but received null/],
  ['eye negative', () => torch.eye(-2), 'type', /Expected non-negative integer for n but received -2 of type number/],
  ['manualSeed float', () => torch.manualSeed(1.5), 'type', /Expected integer for seed but received 1.5 of type number/],
  ['setNumThreads zero', () => torch.setNumThreads(0), 'type', /Expected positive integer for n but received 0 of type number/],
  ['size dim out of range', () => a.size(7), 'range', /Dimension out of range \(expected to be in range of \[-2, 1\], but got 7\)/],
  ['requiresGrad setter', () => { (a as any).requiresGrad = 1; }, 'type', /Expected a boolean for requiresGrad but received 1 of type number/],
  ['grad setter', () => { (a as any).grad = 3; }, 'type', /Expected a Tensor or null for grad but received 3 of type number/],
  ['backward gradient type', () => a.sum().backward(5 as any), 'type', /Expected a Tensor for gradient but received 5 of type number/],
  ['bad index', () => a.index({} as any, 'x' as any), 'type', /index/],
  ['index float', () => a.index(0.5), 'type', /Expected an integer for index 0 but received 0.5 of type number/],
  ['noGrad without a function', () => torch.noGrad(5 as any), 'type', /Expected a function for fn but received 5 of type number/],
  ['frombuffer without dtype', () => torch.frombuffer(new ArrayBuffer(8), {} as any), 'type', /torch\.frombuffer\(\) missing 1 required keyword-only argument: 'dtype'/],
  ['frombuffer size', () => torch.frombuffer(new ArrayBuffer(6), { dtype: torch.float32 }), 'range', /must be a multiple of element size/],
  ['disposed tensor', () => { const d = torch.ones(2); d.dispose(); return d.add(1); }, 'type', /has been disposed/],
  ['tidy of an async function', () => torch.tidy((async () => 1) as any), 'type', /fn returned a Promise/],
];

t.test(`${cases.length} bad calls throw the right error and leave the process healthy`, async (t) => {
  t.ok(cases.length >= 50);
  for (const [label, fn, kind, message] of cases) {
    let err: unknown;
    try {
      fn();
    } catch (e) {
      err = e;
    }
    if (!(err instanceof Error)) {
      t.fail(`${label}: did not throw`);
      continue;
    }
    const cls = kind === 'torch' ? torch.TorchError : kind === 'type' ? TypeError : RangeError;
    t.ok(err instanceof cls, `${label}: throws ${cls.name} (got ${err.constructor.name}: ${err.message.split('\n')[0]})`);
    t.match(err.message, message, `${label}: message`);
  }
  // still healthy: real work after all of that
  const x = torch.randn(64, 128, { requiresGrad: true });
  const loss = x.matmul(torch.randn(128, 10)).relu().sum();
  loss.backward();
  t.same(x.grad!.shape, [64, 128], 'the process computes normally afterwards');
});

t.test('TorchError carries the op name and the full libtorch message', async (t) => {
  try {
    a.add(b);
    t.fail('did not throw');
  } catch (e) {
    const err = e as torch.TorchError;
    t.ok(err instanceof Error);
    t.equal(err.name, 'TorchError');
    t.equal(err.op, 'aten::add.Tensor');
    t.match(err.libtorchMessage, /must match the size of tensor b/);
    t.notMatch(err.message, /\n/, 'message is one line');
  }
});
