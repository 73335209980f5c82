// Tensor creation, reading back, conversion, indexing and printing, against PyTorch's behaviour.
import t from 'tap';
import { inspect } from 'node:util';
import * as torch from 'torch-node';
import { fixture, fromFixture, mismatch } from './helpers.js';

t.test('torch.tensor infers dtype and shape', async (t) => {
  t.equal(torch.tensor([1, 2, 3]).dtype, torch.float32, 'JS numbers make float32 (the default dtype)');
  t.equal(torch.tensor([1n, 2n]).dtype, torch.int64, 'bigints make int64');
  t.equal(torch.tensor([true, false]).dtype, torch.bool, 'booleans make bool');
  t.equal(torch.tensor(new Int32Array([1, 2])).dtype, torch.int32, 'a typed array keeps its type');
  t.equal(torch.tensor(new Float64Array([1])).dtype, torch.float64);
  t.equal(torch.tensor(new Uint8Array([1])).dtype, torch.uint8);
  t.equal(torch.tensor(new BigInt64Array([1n])).dtype, torch.int64);
  t.equal(torch.tensor([1, 2], { dtype: torch.int64 }).dtype, torch.int64);
  t.equal(torch.tensor([1.5], { dtype: 'float64' }).dtype, torch.float64, 'dtype by name');
  t.same(torch.tensor([[1, 2, 3], [4, 5, 6]]).shape, [2, 3]);
  t.same(torch.tensor(5).shape, [], 'a scalar makes a 0-dim tensor');
  t.same(torch.tensor([]).shape, [0]);
  t.same(torch.tensor([[1.5, 2], [3, 4]]).tolist(), [[1.5, 2], [3, 4]]);
  t.same(torch.tensor([1.7, -2.2], { dtype: torch.int32 }).tolist(), [1, -2], 'truncates toward zero as PyTorch does');
  t.same(torch.tensor([true, false]).tolist(), [true, false]);
  t.throws(() => torch.tensor([[1, 2], [3]]), /expected sequence of length 2 at dim 1 \(got 1\)/);
  t.throws(() => torch.tensor(['a'] as any), /Expected number, boolean or bigint for tensor data but received 'a' of type string/);
  const x = torch.tensor([1, 2], { requiresGrad: true });
  t.equal(x.requiresGrad, true);
  const copy = torch.tensor(x);
  t.equal(copy.requiresGrad, false, 'torch.tensor(t) copies and detaches');
  copy.add_(1);
  t.same(x.tolist(), [1, 2]);
});

// Data of up to 512 bytes goes through the buffer the addon shares with JS (lib/scratch.ts), larger
// data straight from its own array; either way the tensor holds exactly the source's elements.
t.test('torch.tensor copies typed arrays of every kind and size exactly', async (t) => {
  const kinds: Array<[new (n: number) => ArrayLike<number | bigint> & { [i: number]: number | bigint }, torch.DType, (i: number) => number | bigint]> = [
    [Float32Array, torch.float32, (i) => i / 4 - 3], [Float64Array, torch.float64, (i) => i / 3 - 7],
    [Int8Array, torch.int8, (i) => (i % 200) - 100], [Uint8Array, torch.uint8, (i) => (i * 7) % 256],
    [Int16Array, torch.int16, (i) => i * 97 - 20000], [Int32Array, torch.int32, (i) => i * 65537 - 1e6],
    [BigInt64Array, torch.int64, (i) => BigInt(i) * 4294967311n - 9n],
  ];
  for (const [Kind, dtype, value] of kinds) {
    for (const n of [0, 1, 3, 8, 9, 64, 65, 128, 129, 513]) {
      const src = new Kind(n);
      for (let i = 0; i < n; i++) src[i] = value(i);
      const x = torch.tensor(src as never);
      t.equal(x.dtype, dtype);
      t.same(x.shape, [n]);
      t.same(Array.from(x.toTypedArray() as ArrayLike<number | bigint>), Array.from(src), `${Kind.name} of ${n}`);
    }
  }
  const b = Buffer.from([1, 2, 250]);
  t.same(torch.tensor(b).tolist(), [1, 2, 250], 'a Buffer (a Uint8Array subclass)');
  t.same(torch.tensor(b.subarray(1)).tolist(), [2, 250], 'a view into a larger buffer');
  const clamped = new Uint8ClampedArray([0, 255, 7]);
  t.same(torch.tensor(clamped).tolist(), [0, 255, 7], 'a Uint8ClampedArray');
  // the same buffer carries tensor.shape out: interleaved, neither disturbs the other
  const m = torch.ones(2, 3, 4);
  const y = torch.tensor([[1, 2], [3, 4]], { dtype: torch.float64 });
  t.same(m.shape, [2, 3, 4]);
  t.same(y.tolist(), [[1, 2], [3, 4]]);
  t.same(torch.tensor([5], { dtype: torch.long }).add(m.shape.length).tolist(), [8]);
  t.same(torch.arange(10).index([1, 3, 9]).tolist(), [1, 3, 9], 'an index list');
  t.same(torch.frombuffer(new Float32Array([1.5, 2.5]).buffer, { dtype: torch.float32 }).tolist(), [1.5, 2.5]);
});

// Reading back goes through the same buffer for up to 512 bytes (lib/scratch.ts readSmall).
t.test('tolist() and toTypedArray() read small and large tensors, each result its own copy', async (t) => {
  for (const n of [1, 3, 16, 64, 127, 128, 129, 1000]) {
    const x = torch.arange(n, { dtype: torch.float32 }).div(4);
    const expected = Array.from({ length: n }, (_, i) => i / 4);
    t.same(x.tolist(), expected, `float32 of ${n}`);
    const a = x.toTypedArray(), b = x.toTypedArray();
    a[0] = 99;
    t.equal(b[0], 0, `${n}: two reads are two arrays`);
    t.same(Array.from(x.toTypedArray() as Float32Array), expected, `${n}: writing to a result leaves the tensor as it was`);
  }
  const m = torch.arange(12, { dtype: torch.int64 }).reshape(3, 4);
  t.same(m.t().tolist(), [[0, 4, 8], [1, 5, 9], [2, 6, 10], [3, 7, 11]], 'a transposed (non-contiguous) view in logical order');
  t.same(m.index(torch.slice(null, null, 2)).tolist(), [[0, 1, 2, 3], [8, 9, 10, 11]], 'a strided view');
  t.same(torch.tensor([true, false, true]).tolist(), [true, false, true]);
  t.same(torch.tensor([1.5, -2], { dtype: torch.float16 }).tolist(), [1.5, -2], 'float16 through float32');
  t.same(torch.tensor([1.5, -2], { dtype: torch.bfloat16 }).toTypedArray() instanceof Float32Array, true);
  t.equal(torch.tensor(2.5).tolist(), 2.5, 'a 0-dim tensor gives its number');
  t.same(torch.zeros(0, 3).tolist(), [], 'no elements');
  const y = torch.tensor([[1, 2], [3, 4]]);
  const rows = y.tolist<number[][]>();
  t.same([rows, y.shape, torch.tensor([7]).tolist(), rows], [[[1, 2], [3, 4]], [2, 2], [7], [[1, 2], [3, 4]]], 'a list survives later reads');
  const shared = torch.tensor([1, 2, 3]).toTypedArray({ share: true });
  t.same(Array.from(shared as Float32Array), [1, 2, 3], '{ share: true } still shares');
  t.throws(() => torch.tensor([1]).toTypedArray({ shared: true } as never), { name: 'TypeError', message: "toTypedArray() got an unexpected keyword argument 'shared'. Did you mean 'share'?" });
});

t.test('factories', async (t) => {
  t.same(torch.zeros(2, 3).shape, [2, 3], 'varargs sizes');
  t.same(torch.zeros([2, 3]).shape, [2, 3], 'a size array');
  t.equal(torch.ones(2, { dtype: torch.float64 }).dtype, torch.float64);
  t.same(torch.full([2], 7).tolist(), [7, 7]);
  t.equal(torch.full([2], 7).dtype, torch.int64, 'an integer fill gives int64, as in PyTorch 1.13+');
  t.equal(torch.full([2], 0.5).dtype, torch.float32);
  t.same(torch.eye(2).tolist(), [[1, 0], [0, 1]]);
  t.same(torch.eye(2, 3).shape, [2, 3]);
  t.same(torch.arange(5).tolist(), [0, 1, 2, 3, 4]);
  t.equal(torch.arange(5).dtype, torch.int64, 'integer arguments give int64');
  t.equal(torch.arange(0, 1, 0.25).dtype, torch.float32);
  t.same(torch.arange(0, 1, 0.25).tolist(), [0, 0.25, 0.5, 0.75]);
  t.same(torch.arange(1, 4).tolist(), [1, 2, 3]);
  t.same(torch.linspace(0, 1, 5).tolist(), [0, 0.25, 0.5, 0.75, 1]);
  t.same(torch.empty(3, 2).shape, [3, 2]);
  t.same(torch.rand(4).shape, [4]);
  const r = torch.randint(3, 7, [100]);
  t.equal(r.dtype, torch.int64);
  t.ok(r.min().item() >= 3 && r.max().item() < 7);
  t.same(torch.randint(5, [2, 2]).shape, [2, 2]);
  t.same(torch.randperm(5).sort().values.tolist(), [0, 1, 2, 3, 4]);
  const a = torch.ones(2, 3, { dtype: torch.float64 });
  t.equal(torch.zerosLike(a).dtype, torch.float64);
  t.same(torch.onesLike(a, { dtype: torch.int32 }).tolist(), [[1, 1, 1], [1, 1, 1]]);
  t.same(torch.fullLike(a, 2).tolist(), [[2, 2, 2], [2, 2, 2]]);
  t.same(torch.randnLike(a).shape, [2, 3]);
  t.equal(torch.zeros(2, { requiresGrad: true }).requiresGrad, true);
  const buf = new Float32Array([1.5, 2.5, 3.5]);
  t.same(torch.frombuffer(buf.buffer, { dtype: torch.float32 }).tolist(), [1.5, 2.5, 3.5]);
  t.same(torch.fromBuffer(Buffer.from([1, 0, 0, 0, 2, 0, 0, 0]), { dtype: torch.int32 }).tolist(), [1, 2]);
  t.same(torch.frombuffer(buf, { dtype: torch.float32, count: 1, offset: 4 }).tolist(), [2.5]);
});

t.test('random numbers equal PyTorch for the same seed', async (t) => {
  const rng = fixture('random.json');
  torch.manualSeed(1234);
  t.equal(mismatch(torch.randn(5), rng.randn, 1e-6, 1e-7), null, 'randn');
  t.equal(mismatch(torch.rand(2, 3), rng.rand, 1e-6, 1e-7), null, 'rand');
  t.equal(mismatch(torch.randint(0, 10, [6]), rng.randint), null, 'randint');
  t.equal(mismatch(torch.randperm(7), rng.randperm), null, 'randperm');
  t.equal(mismatch(torch.randn(3, { dtype: torch.float64 }), rng.normal, 1e-12, 1e-12), null, 'randn float64');
  t.equal(torch.initialSeed(), 1234);
});

t.test('reading back', async (t) => {
  const x = torch.tensor([[1, 2], [3, 4]]);
  t.equal(x.item === undefined, false);
  t.equal(torch.tensor([2.5]).item(), 2.5);
  t.equal(torch.tensor(true).item(), true);
  t.equal(torch.tensor(7n).item(), 7);
  t.throws(() => x.item(), /a Tensor with 4 elements cannot be converted to Scalar/);
  t.equal(x.numel(), 4);
  t.equal(x.dim(), 2);
  t.equal(x.ndim, 2);
  t.same(x.size(), [2, 2]);
  t.equal(x.size(-1), 2);
  t.throws(() => x.size(2), RangeError);
  t.same(x.stride(), [2, 1]);
  const copy = x.toTypedArray();
  t.ok(copy instanceof Float32Array);
  copy[0] = -1;
  t.not(x.index(0, 0).item(), -1, 'toTypedArray() copies');
  const ta = x.toTypedArray({ share: true });
  ta[0] = 100;
  t.equal(x.index(0, 0).item(), 100, 'toTypedArray({ share: true }) shares the memory of a contiguous CPU tensor, as numpy()');
  const tt = x.t().toTypedArray();
  t.same(Array.from(tt as Float32Array), [100, 3, 2, 4], 'a non-contiguous tensor is copied in logical order');
  t.ok(torch.tensor([1n]).toTypedArray() instanceof BigInt64Array);
  t.ok(torch.tensor([1], { dtype: torch.float16 }).toTypedArray() instanceof Float32Array, 'float16 reads back as Float32Array');
  t.same(torch.tensor([1.5], { dtype: torch.bfloat16 }).tolist(), [1.5]);
  t.equal(torch.tensor(3.5).tolist(), 3.5);
});

t.test('dtype and device conversion', async (t) => {
  const x = torch.tensor([1.5, -2.5]);
  t.equal(x.to(torch.float64).dtype, torch.float64);
  t.equal(x.to('float64').dtype, torch.float64);
  t.equal(x.double().dtype, torch.float64);
  t.same(x.long().tolist(), [1, -2]);
  t.equal(x.int().dtype, torch.int32);
  t.equal(x.half().dtype, torch.float16);
  t.equal(x.bool().dtype, torch.bool);
  t.equal(x.to({ dtype: torch.int32 }).dtype, torch.int32);
  t.equal(x.to(torch.tensor([1n])).dtype, torch.int64, 'to(other) takes its dtype');
  t.equal(x.to('cpu').device, torch.device('cpu'));
  t.equal(x.to('cpu', torch.int32).dtype, torch.int32, 'to(device, dtype)');
  t.equal(x.to('cpu', { dtype: torch.int32 }).dtype, torch.int32);
  t.equal(x.to(torch.float64, false, true).dtype, torch.float64, 'to(dtype, nonBlocking, copy)');
  t.equal(x.to(null as never).dtype, torch.float32, 'to(None): unchanged');
  // Python's three overloads, picked by the first argument: each with its own keywords
  const err = (f: () => unknown) => t.throws(f, TypeError);
  err(() => x.to({ dtype: torch.float64, bogus: 1 } as never));
  t.throws(() => x.to({ bogus: 1 } as never), /to\(\) got an unexpected keyword argument 'bogus'/);
  t.throws(() => x.to(torch.float64, { device: 'cpu' } as never), /unexpected keyword argument 'device'/, 'to(dtype) has no device');
  t.throws(() => x.to(torch.tensor([1n]), { dtype: torch.float64 }), /unexpected keyword argument 'dtype'/, 'to(other) has no dtype');
  t.throws(() => x.to(torch.float64, { dtype: torch.int32 }), /multiple values for argument 'dtype'/);
  t.throws(() => x.to('cpu', torch.float64, false, true, true as never), /at most 4 positional arguments \(5 given\)/);
  t.throws(() => x.to(torch.float64, torch.int32 as never), /Expected boolean for nonBlocking but received/, 'a second dtype is not silently taken');
  t.throws(() => x.to({ copy: 1 } as never), /Expected boolean for copy but received 1 of type number/);
  t.throws(() => x.to({ memoryFormat: 'channels_last' } as never), /Expected a torch memory format for memoryFormat/);
  t.equal(x.cpu().device.type, 'cpu');
  t.equal(x.device, torch.device('cpu'), 'devices are interned');
  t.equal(String(torch.device('cuda:1')), 'cuda:1');
  t.equal(torch.device('cuda', 1).index, 1);
  t.equal(inspect(torch.device('cpu')), 'cpu', "console.log(device) prints Python's str(device)");
  t.equal(inspect({ d: torch.device('cpu') }), "{ d: device(type='cpu') }", 'and its repr inside a container');
  t.equal(String(torch.float32), 'torch.float32');
  t.equal(x.type(), 'torch.FloatTensor');
  t.throws(() => torch.device('gpu'), /Expected a device string such as 'cpu' or 'cuda:0' for device but received 'gpu' of type string/);
  if (!torch.cuda.isAvailable()) {
    t.throws(() => x.cuda(), torch.TorchError, 'cuda() without CUDA throws a TorchError');
    t.comment('CUDA tests skipped: no CUDA device in this libtorch build');
  } else {
    const g = x.cuda();
    t.equal(g.device.type, 'cuda');
    t.same(g.cpu().tolist(), [1.5, -2.5]);
  }
  t.equal(torch.cuda.deviceCount() >= 0, true);
});

t.test('indexing as Python subscripts', async (t) => {
  const x = torch.arange(24).reshape(2, 3, 4);
  t.same(x.index(1, 2).tolist(), [20, 21, 22, 23], 'x[1, 2]');
  t.same(x.index(-1, -1, -1).item(), 23, 'negative indices');
  t.same(x.index(0, torch.slice(1, 3)).shape, [2, 4], 'x[0, 1:3]');
  t.same(x.index(0, '1:3').shape, [2, 4], "x[0, '1:3'] slice text");
  t.same(x.index('...', 0).shape, [2, 3], 'x[..., 0]');
  t.same(x.index(null).shape, [1, 2, 3, 4], 'x[None]');
  t.same(x.index(0, 0, torch.slice(null, null, 2)).tolist(), [0, 2], 'x[0, 0, ::2]');
  t.same(x.index(torch.tensor([1n, 0n])).shape, [2, 3, 4], 'index tensor');
  t.same(x.index([1, 0]).index(0, 0, 0).item(), 12, 'x[[1, 0]]');
  const m = torch.tensor([[1, -2], [-3, 4]]);
  t.same(m.index(m.gt(0)).tolist(), [1, 4], 'boolean mask');
  m.indexPut_(m.lt(0), 0);
  t.same(m.tolist(), [[1, 0], [0, 4]], 'x[mask] = 0');
  m.indexPut_([0, torch.slice()], torch.tensor([7, 8]));
  t.same(m.tolist(), [[7, 8], [0, 4]], 'x[0, :] = tensor');
  t.throws(() => x.index(5), /index 5 is out of bounds for dimension 0 with size 2/);
  t.throws(() => x.index(1.5), /Expected an integer for index 0 but received 1.5 of type number/);
});

t.test('list subscripts as PyTorch reads them (scripts/make_indexing_fixtures.py)', async (t) => {
  const fx = fixture('indexing.json');
  const x = fromFixture(fx.x);
  const run = (ts: string, y?: torch.Tensor) => new Function('x', 'y', 'slice', 'Ellipsis', `return ${ts}`)(x, y, torch.slice, '...');
  for (const c of fx.get) t.equal(mismatch(run(c.ts), c.result, 0, 0), null, `${c.python}: ${c.ts}`);
  for (const c of fx.set) {
    const y = x.clone();
    t.equal(run(c.ts, y), y, `${c.ts} returns the tensor`);
    t.equal(mismatch(y, c.result, 0, 0), null, `${c.python}: ${c.ts}`);
  }
  t.equal(mismatch(x, fx.x, 0, 0), null, 'the subscripted tensor is unchanged');
  // PyTorch truncates floats in a list subscript to int64; a JS number that is not an integer is refused
  t.throws(() => x.index([0.5, 1]), { name: 'TypeError', message: 'Expected a list of integers or booleans for index but received an array' });
  t.throws(() => x.index([[0, 1], [1]], 0), { name: 'TypeError', message: /Expected a list of one shape \(not ragged\) for index/ });
  t.throws(() => x.indexPut_(['a', 0], 1), { name: 'TypeError', message: /Expected an index/ });
  t.same(x.index([1n, 0n]).shape, [2, 3, 4], 'bigints in a list');
  const z = x.clone();
  z.index(1, 2, 3).fill_(-5);
  t.equal(z.index(1, 2, 3).item(), -5, 'y[1, 2, 3] = -5 as y.index(1, 2, 3).fill_(-5): basic subscripts give views');
});

t.test('index_put_ with accumulate, new_tensor, index_copy and the older names (scripts/make_indexing_fixtures.py)', async (t) => {
  const fx = fixture('indexing.json');
  const x = fromFixture(fx.x);
  const [i, j, k, v, w] = [fx.i, fx.j, fx.k, fx.v, fx.w].map(fromFixture);
  for (const c of fx.methods) {
    const y = x.clone();
    const r = new Function('torch', 'x', 'y', 'i', 'j', 'k', 'v', 'w', `return ${c.ts}`)(torch, x, y, i, j, k, v, w);
    // exact but for a float's last bits (the nuclear norm's SVD differs by an ulp between PyTorch versions)
    t.equal(mismatch(r, c.result, 1e-6, 0), null, `${c.python}: ${c.ts}`);
    t.equal(mismatch(y, c.y, 0, 0), null, `${c.python}: the tensor after`);
  }
  t.throws(() => x.clone().indexPut_([i], v, true, 1), { name: 'TypeError', message: 'indexPut_() takes from 2 to 3 positional arguments but 4 were given' });
  t.throws(() => x.clone().indexPut_([i], v, { acumulate: true } as never), { name: 'TypeError', message: /unexpected keyword argument 'acumulate'/ });
  t.throws(() => x.clone().indexPut_([0, i], v, true), { name: 'TypeError', message: 'Expected a Tensor or null for index 0 with accumulate: true' });
  t.throws(() => x.newTensor([1], { layout: 'sparse' as never }), { name: 'TypeError', message: /for layout/ });
  // the methods written by hand bind as PyTorch's do: an extra positional, a misspelt keyword or a
  // memory format given by position (keyword-only in PyTorch) is a TypeError, where each was dropped before
  t.throws(() => (x as any).size(0, 1), { name: 'TypeError', message: 'size() takes from 0 to 1 positional arguments but 2 were given' });
  t.throws(() => x.split(1, 0, 3), { name: 'TypeError', message: 'split() takes from 1 to 2 positional arguments but 3 were given' });
  t.throws(() => x.chunk(2, { dm: 1 } as never), { name: 'TypeError', message: /unexpected keyword argument 'dm'/ });
  t.throws(() => (x as any).isContiguous(torch.channelsLast), { name: 'TypeError', message: 'isContiguous() takes 0 positional arguments but 1 was given' });
  t.throws(() => (x as any).float(torch.contiguousFormat), { name: 'TypeError', message: 'float() takes 0 positional arguments but 1 was given' });
  t.throws(() => (x as any).cpu(torch.contiguousFormat), { name: 'TypeError', message: 'cpu() takes 0 positional arguments but 1 was given' });
  t.throws(() => x.requiresGrad_(true, 1 as never), { name: 'TypeError', message: 'requiresGrad_() takes from 0 to 1 positional arguments but 2 were given' });
  // Python's TypeError for an argument to a method that takes none, where an extra one was dropped before
  for (const name of ['dim', 'numel', 'item', 'tolist', 'storageOffset', 'elementSize', 'isFloatingPoint', 'dataPtr', 'nelement', 'ndimension', 'getDevice'] as const) {
    t.throws(() => (x as any)[name](1), { name: 'TypeError', message: `Tensor.${name}() takes no arguments (1 given)` }, `${name}(1)`);
  }
});

t.test('nonzero(asTuple), Tensor.where, Tensor.type, x.H, x.layout, numpy names: as PyTorch\'s parser binds them', async (t) => {
  const x = torch.arange(6).reshape(2, 3);
  t.same(x.where(x.gt(2), -1).tolist(), [[-1, -1, -1], [3, 4, 5]], 'a number for other (PyTorch 2.x)');
  t.throws(() => (x as any).where(x.gt(2)), { name: 'TypeError', message: /where\(\) missing 1 required positional argument/ });
  t.throws(() => x.where(1 as never, 0), { name: 'TypeError', message: 'Expected Tensor for condition but received 1 of type number' });
  t.throws(() => (x as any).nonzero(true), { name: 'TypeError', message: 'nonzero() takes 0 positional arguments but 1 was given' });
  t.throws(() => x.nonzero({ asTuple: 1 } as never), { name: 'TypeError', message: 'Expected boolean for asTuple but received 1 of type number' });
  t.throws(() => torch.nonzero(x, { asTuple: true, out: torch.empty(0) } as never), { name: 'TorchError', message: 'nonzero does not support the out kwarg when as_tuple is True' });
  const out = torch.empty(0, { dtype: torch.long });
  t.equal(torch.nonzero(x.gt(3), { out }), out, 'out=');
  t.same(out.tolist(), [[1, 1], [1, 2]]);
  t.same(torch.nonzero(torch.tensor(5), { asTuple: true }).map((i) => i.tolist()), [[0]], 'a 0-d tensor as 1-d, as PyTorch does');
  t.equal(x.type(torch.int64), x, 'type() to its own dtype is the tensor');
  t.throws(() => x.type('torch.NopeTensor'), { name: 'TypeError', message: /for dtype/ });
  t.throws(() => x.type(torch.float32, 1 as never), { name: 'TypeError', message: 'Expected boolean for nonBlocking but received 1 of type number' });
  t.throws(() => (x as any).type(torch.float32, false, 1), { name: 'TypeError', message: 'type() takes from 0 to 2 positional arguments but 3 were given' });
  t.equal(x.type({ dtype: torch.float64, memoryFormat: torch.contiguousFormat }).dtype, torch.float64);
  t.equal(x.layout, torch.strided);
  t.throws(() => x.index(0).H, { name: 'TorchError', message: /tensor.H is only supported on matrices \(2-D tensors\). Got 1-D tensor./ });
  t.throws(() => (x as any).isSameSize(x, 1), { name: 'TypeError', message: 'isSameSize() takes 1 positional argument but 2 were given' });
  t.throws(() => x.isSameSize([2, 3] as never), { name: 'TypeError', message: 'Expected Tensor for other but received an array' });
  // x.to(memory_format) aliases where PyTorch's to_will_alias does: same dtype and device, and the
  // format preserve_format or the one the strides suggest
  const m = x.float().t();
  t.equal(m.to({ memoryFormat: torch.contiguousFormat }), m, 'a transposed matrix: its strides suggest contiguous_format');
  t.equal(m.to({ memoryFormat: torch.preserveFormat }), m);
  t.equal(m.float({ memoryFormat: torch.preserveFormat }), m);
  const cl = torch.ones(1, 2, 3, 4).contiguous({ memoryFormat: torch.channelsLast });
  t.equal(cl.to({ memoryFormat: torch.channelsLast }), cl);
  t.not(cl.to({ memoryFormat: torch.contiguousFormat }), cl);
  const n1h1 = torch.ones(1, 2, 1, 1);
  t.not(n1h1.to({ memoryFormat: torch.channelsLast }), n1h1, 'N1H1 strides read as contiguous_format, as c10 reads them');
  t.same(torch.ones(2, 1, 1, 1).to({ memoryFormat: torch.channelsLast }).stride(), [1, 1, 1, 1]);
  t.throws(() => x.float().norm('l2' as never), { name: 'TypeError', message: "Expected a number, 'fro', 'nuc' or null for p but received 'l2' of type string" });
  t.throws(() => torch.norm(x.float().view(1, 2, 3), { dim: [0, 1, 2] }), { name: 'TorchError', message: /dim must be a 2-tuple/ }, "'fro' over three dims: matrix_norm's error, as in PyTorch");
  t.throws(() => (x as any).norm(2, 1, false, null, 1), { name: 'TypeError', message: 'norm() takes from 0 to 4 positional arguments but 5 were given' });
  // numpy's names: an unknown name is still refused
  t.same(x.sum({ axis: 1, keepdims: true } as never).tolist(), [[3], [12]]);
  t.throws(() => x.sum({ axes: 1 } as never), { name: 'TypeError', message: /Unexpected option in \{ axes \}/ });
});

t.test('dtypes as values: finfo and iinfo print as in Python; promotion errors (scripts/make_indexing_fixtures.py)', async (t) => {
  const fx = fixture('indexing.json');
  for (const c of fx.reprs) t.equal(String(new Function('torch', `return ${c.ts}`)(torch)), c.repr, c.python);
  t.throws(() => torch.finfo(torch.int32), { name: 'TypeError', message: "torch.finfo() requires a floating point input type. Use torch.iinfo to handle 'torch.finfo'" });
  t.throws(() => torch.iinfo(torch.bool), { name: 'TypeError', message: 'torch.bool is not supported by torch.iinfo' });
  t.throws(() => torch.iinfo('int32' as never), { name: 'TypeError', message: "Expected a dtype for type but received 'int32' of type string" });
  t.throws(() => torch.promoteTypes(torch.int32, 1 as never), { name: 'TypeError', message: 'Expected a dtype for type2 but received 1 of type number' });
  t.throws(() => torch.resultType(torch.ones(1), 'a' as never), { name: 'TypeError', message: "Expected a Tensor, a number or a boolean for tensor2 but received 'a' of type string" });
  t.equal(torch.resultType(1, 2.5), torch.float32, 'two numbers: the default float dtype where one is not integral');
  t.equal(torch.resultType(true, false), torch.bool);
  t.throws(() => torch.broadcastShapes([3], [4]), { name: 'TorchError', message: 'Attempting to broadcast a dimension of length 4 at -1! Mismatching argument at index 1 had [4]; but expected shape should be broadcastable to [3]' });
  t.throws(() => torch.broadcastShapes([2], { dim: 1 } as never), { name: 'TorchError', message: /Input shapes should be of type ints, a tuple of ints, or a list of ints/ });
  t.throws(() => torch.broadcastShapes([1.5]), { name: 'TypeError', message: /Expected integers for shapes/ });
  t.same(torch.broadcastShapes(), [], 'no shapes: the 0-d shape');
});

t.test('generated ops: overloads, varargs, named tuples, in-place', async (t) => {
  const a = torch.tensor([[1, 5, 2], [7, 0, 1]]);
  const [values, indices] = torch.max(a, 1);
  t.same(values.tolist(), [5, 7]);
  t.same(indices.tolist(), [1, 0]);
  const r = a.max(1);
  t.equal(r.values, r[0], 'named tuple fields are the array elements');
  t.same(r.indices.tolist(), [1, 0]);
  t.equal(a.max().item(), 7, 'the no-dim overload');
  t.same(torch.max(a, torch.ones(2, 3).mul(3)).tolist(), [[3, 5, 3], [7, 3, 3]], 'the elementwise overload');
  const s = torch.sort(torch.tensor([3, 1, 2]), { descending: true });
  t.same(s.values.tolist(), [3, 2, 1]);
  t.same(torch.topk(torch.tensor([3, 1, 2]), 2).indices.tolist(), [0, 2]);
  t.same(a.sum(1, true).shape, [2, 1], 'positional keepdim');
  t.same(a.sum({ dim: 1, keepdim: true }).shape, [2, 1], 'keyword arguments in an options object');
  t.same(a.view(-1).shape, [6]);
  t.same(a.view(3, 2).shape, [3, 2]);
  t.same(a.permute(1, 0).shape, [3, 2]);
  const b = torch.zeros(2);
  t.equal(b.add_(1), b, 'in-place ops return the same object');
  t.equal(b.mul_(3).add_(1, { alpha: 2 }), b);
  t.same(b.tolist(), [5, 5]);
  t.equal(torch.relu_(b), b, 'torch.relu_ returns its argument');
  const parts = torch.split(torch.arange(5), 2);
  t.same(parts.map((p) => p.tolist()), [[0, 1], [2, 3], [4]]);
  t.same(torch.chunk(torch.arange(6), 3).length, 3);
  t.same(torch.cat([torch.ones(1), torch.zeros(1)]).tolist(), [1, 0]);
  t.same(torch.tensor([1, 2]).mul(2).tolist(), [2, 4]);
  t.same(torch.tensor([1n, 2n]).add(1).dtype, torch.int64, 'int tensor + int keeps int64');
  t.same(torch.where(torch.tensor([true, false]), torch.ones(2), torch.zeros(2)).tolist(), [1, 0]);
  t.ok(torch.isTensor(a));
  t.equal(torch.numel(a), 6);
  const u = torch.unique(torch.tensor([3n, 1n, 3n, 2n]), { returnCounts: true }) as torch.Tensor[];
  t.same(u[0].tolist(), [1, 2, 3]);
  t.same(u[1].tolist(), [1, 1, 2]);
});

t.test('printing matches repr() in PyTorch', async (t) => {
  const cases = fixture('repr.json');
  for (const c of cases) {
    let x = fromFixture(c.tensor);
    if (c.requiresGrad) x.requiresGrad_(true);
    if (c.op === 'mul2') x = x.mul(2);
    if (c.op === 'sum') x = x.sum();
    // named tuples print as torch.return_types.max(...): String() and util.inspect
    const shown: unknown = c.op === 'max1' ? torch.max(x, 1) : c.op === 'sort' ? x.sort() : x;
    t.equal(String(shown), c.repr, c.label);
    if (shown !== x) t.equal(inspect(shown), c.repr, `${c.label}: util.inspect`);
  }
  t.equal(inspect(torch.tensor([1, 2])), 'tensor([1., 2.])', 'util.inspect / console.log print the repr');
  t.equal(`${torch.zeros(1)}`, 'tensor([0.])');
});

t.test('Python attributes: T, mT, nbytes, itemsize, iteration, default dtype', async (t) => {
  const x = torch.arange(6).reshape(2, 3);
  t.same(x.T.shape, [3, 2]);
  t.same(torch.zeros(4, 2, 3).mT.shape, [4, 3, 2]);
  t.equal(x.nbytes, 48);
  t.equal(x.itemsize, 8);
  t.same([...x].map((row) => row.tolist()), [[0, 1, 2], [3, 4, 5]], 'for..of iterates over dim 0');
  t.equal(torch.getDefaultDtype(), torch.float32);
  torch.setDefaultDtype(torch.float64);
  try {
    t.equal(torch.tensor([1.5]).dtype, torch.float64, 'numbers follow the default dtype');
    t.equal(torch.zeros(1).dtype, torch.float64, 'factories follow it');
    t.equal(String(torch.tensor([1.5])), 'tensor([1.5000])', 'no dtype suffix for the default');
    t.equal(String(torch.tensor([1.5], { dtype: torch.float32 })), 'tensor([1.5000], dtype=torch.float32)');
  } finally {
    torch.setDefaultDtype(torch.float32);
  }
  t.throws(() => torch.setDefaultDtype(torch.int64), /Expected a floating point dtype for d/);
});
