// The unboxed fast paths (scripts/fast-ops.txt, binding/fast_ops.cc) give what the generic path
// gives: the same values, gradients, errors and coercions; calls they do not take fall through.
import tap, { type Test } from 'tap';

const t = tap;
import * as torch from 'torch-node';
import { FAST_OPS } from '../lib/generated/fast-ops.js';
import { message } from './helpers.js';

const F = torch.nn.functional;
const same = (t: Test, x: torch.Tensor, y: torch.Tensor, what: string) => {
  t.same(x.shape, y.shape, `${what}: shape`);
  t.equal(x.dtype, y.dtype, `${what}: dtype`);
  t.same(x.tolist(), y.tolist(), `${what}: values`);
};

/** Two named tuples (x.max(1)): the same type, fields and tensors. */
const samePair = (t: Test, x: any, y: any, what: string) => {
  t.equal(String(x.constructor.name), String(y.constructor.name), `${what}: the named tuple's type`);
  t.same([x.length, Object.keys(x)], [2, ['0', '1']], `${what}: an array of two`);
  same(t, x[0], y[0], `${what} [0]`);
  same(t, x[1], y[1], `${what} [1]`);
  t.equal(x.values, x[0], `${what}: values by name`);
  t.equal(x.indices, x[1], `${what}: indices by name`);
};

t.test('each listed op: fast call = generic call (forced through the binder with an options object)', async (t) => {
  torch.manualSeed(0);
  const a = torch.randn(3, 4), b = torch.randn(3, 4), sq = torch.randn(4, 4);
  const otherKey = (name: string) => (name === 'mm' ? 'mat2' : name === 'pow' ? 'exponent' : 'other');
  for (const [name, kind] of FAST_OPS) {
    if (kind === 'inplace' || kind === 'inplace_alpha' || kind === 'tensors' || kind === 'scalar') continue; // below, with their own cases
    // pow: a positive base, whose powers are numbers (NaN is not equal to itself)
    const x = name === 'mm' || name === 'matmul' ? sq : name === 'pow' ? a.abs() : a;
    const fast = (x as any)[name].bind(x);
    if (kind === 'unary') same(t, fast(), (x as any)[name]({}), name);
    else if (kind === 'binary') same(t, fast(name === 'mm' || name === 'matmul' ? sq : b), (x as any)[name]({ [otherKey(name)]: name === 'mm' || name === 'matmul' ? sq : b }), name);
    else if (kind === 'dim') {
      same(t, fast(1), (x as any)[name](1, {}), name);
      same(t, fast({ dim: -1 }), (x as any)[name](-1, {}), `${name} { dim }`);
    } else if (kind === 'dim_pair') {
      samePair(t, fast(1), (x as any)[name](1, {}), name);
      samePair(t, fast({ dim: 0 }), (x as any)[name](0, {}), `${name} { dim }`);
    } else if (name === 'permute') same(t, fast(1, 0), (x as any)[name]([1, 0]), name);
    else same(t, fast(2, 6), (x as any)[name]([2, 6]), name);
    if (kind !== 'ints') {
      const fn = (torch as any)[name];
      if (kind === 'unary') same(t, fn(x), fn({ input: x }), `torch.${name}`);
      else if (kind === 'dim') same(t, fn(x, { dim: 0 }), fn({ input: x, dim: 0 }), `torch.${name}`);
      else if (kind === 'dim_pair') samePair(t, fn(x, 1), fn({ input: x, dim: 1 }), `torch.${name}`);
      else same(t, fn(x, name === 'mm' || name === 'matmul' ? sq : b), fn(x, { [otherKey(name)]: name === 'mm' || name === 'matmul' ? sq : b }), `torch.${name}`);
    }
  }
});

t.test('mixed dtypes promote; numbers and keywords take the generic path', async (t) => {
  const i = torch.tensor([1n, 2n]), f = torch.tensor([0.5, 0.25]);
  t.equal(i.add(f).dtype, torch.float32);
  t.same(i.add(f).tolist(), [1.5, 2.25]);
  t.same(f.add(2).tolist(), [2.5, 2.25]);
  t.same(f.add(f, { alpha: 2 }).tolist(), [1.5, 0.75]);
  t.same(torch.add(f, 1).tolist(), [1.5, 1.25]);
  const out = torch.empty(2);
  t.equal(torch.add(f, f, { out }), out, 'out= still written');
});

t.test('errors are the generic path\'s', async (t) => {
  const a = torch.ones(2, 3), b = torch.ones(4, 5);
  t.match(message(() => a.add(b)), /^TorchError: The size of tensor a \(3\) must match the size of tensor b \(5\) at non-singleton dimension 1 \(in aten::add\.Tensor\)/);
  t.match(message(() => a.matmul(b)), /^TorchError: .*\(in aten::matmul\)/);
  t.match(message(() => a.view(7)), /^TorchError: shape '\[7\]' is invalid for input of size 6 \(in aten::view\)/);
  const d = torch.ones(2);
  d.dispose();
  t.equal(message(() => d.add(d)), message(() => d.add(d, { alpha: 1 })), 'a disposed tensor: the same error');
  t.match(message(() => a.view(1.5, 4)), /^TypeError: view\(\): .*1\.5/, 'a non-integer size: the binder\'s error');
  t.match(message(() => a.add('x' as never)), /^TypeError/);
});

t.test('x.max(dim) and the other dim_pair ops: errors, keepdim and other overloads through the binder, autograd', async (t) => {
  const m = torch.tensor([[1, 5, 2], [7, 3, 4]]);
  t.match(message(() => m.max(5)), /^TorchError: Dimension out of range \(expected to be in range of \[-2, 1\], but got 5\) \(in aten::max\.dim\)/);
  t.equal(message(() => m.max(5)), message(() => m.max(5, {})), 'the binder path\'s error');
  t.match(message(() => torch.min(m, 1.5)), /^TypeError: min\(\)/, 'a non-integer dim: the binder\'s error');
  t.same(m.max(1, true).values.shape, [2, 1], 'keepdim: the binder path');
  t.same(m.max().tolist(), 7, 'max(): a tensor');
  t.same(m.max(torch.full([2, 3], 4)).tolist(), [[4, 5, 4], [7, 4, 4]], 'max(other): the elementwise overload');
  t.same(m.sort(1, true).values.tolist(), [[5, 2, 1], [7, 4, 3]], 'sort(dim, descending)');
  const w = torch.tensor([[1, 5], [7, 3]], { requiresGrad: true });
  w.max(1).values.sum().backward();
  t.same(w.grad!.tolist(), [[0, 1], [1, 0]], 'the gradient flows to the maxima');
  // the native side writes both results into one array the JS side reuses: each tuple its own tensors
  const a = m.max(1), b = torch.min(m, 1), c = m.sort(0);
  t.same([a.values.tolist(), a.indices.tolist()], [[5, 7], [1, 0]], 'an earlier tuple keeps its own tensors');
  t.same([b.values.tolist(), b.indices.tolist()], [[1, 3], [0, 1]]);
  t.same(c.values.tolist(), [[1, 3, 2], [7, 5, 4]]);
  t.not(a.values, b.values);
});

t.test('autograd flows through the fast paths', async (t) => {
  const w = torch.tensor([[1, 2], [3, 4]], { requiresGrad: true });
  const x = torch.tensor([[1, 0], [0, 1]]);
  const y = w.matmul(x).mul(w).relu().sum();
  y.backward();
  t.same(w.grad!.tolist(), [[2, 4], [6, 8]]);
  t.equal(y.gradFn!.name(), 'SumBackward0');
});

// Ops whose inputs have no autograd record run below autograd's layers, except views and in-place
// ops: a graph that saved a tensor must still see it changed through a view of it, and a view of a
// tensor that later requires grad must still be one (PyTorch's errors, from the same checks).
t.test('below autograd only where autograd has nothing to do: views and in-place ops keep its bookkeeping', async (t) => {
  const F = torch.nn.functional;
  const w = torch.ones(4, 4, { requiresGrad: true });
  const views: [string, (m: torch.Tensor) => torch.Tensor][] = [
    ['view', (m) => m.view(16)], ['t', (m) => m.t()], ['unsqueeze', (m) => m.unsqueeze(0)],
    ['detach', (m) => m.detach()], ['permute', (m) => m.permute(1, 0)], ['m[1]', (m) => m.index(1)],
  ];
  for (const [name, view] of views) {
    const m = torch.ones(4, 4);
    const y = w.mul(m).sum();  // saves m
    view(m).add_(1);
    t.throws(() => y.backward(), /modified by an inplace operation/, `${name}: the change through the view is seen`);
  }
  const m = torch.ones(4, 4);
  const before = m.add(m).mul(2).matmul(m).sum(0);  // all below autograd: no record on anything
  t.equal(before.gradFn, null);
  t.equal(before.requiresGrad, false);
  const v = m.view(16);
  m.requiresGrad_();
  t.equal(m.mul(2).gradFn!.name(), 'MulBackward0', 'once it requires grad, its ops are recorded');
  t.throws(() => v.mul_(2), /a view of a leaf Variable that requires grad is being used in an in-place operation/);
  const x = torch.ones(2, 4);
  const out = F.linear(x, m.t().detach(), torch.zeros(4));
  t.same(out.tolist(), [[4, 4, 4, 4], [4, 4, 4, 4]]);
  t.equal(F.linear(x, w).gradFn!.name(), 'MmBackward0', 'a weight that requires grad: recorded');
});

t.test('x.index(i) (Python\'s x[i]): a select, and Python\'s out-of-range error', async (t) => {
  const m = torch.arange(12).view(3, 4);
  t.same(m.index(1).tolist(), [4, 5, 6, 7]);
  t.same(m.index(-1).tolist(), [8, 9, 10, 11]);
  t.match(message(() => m.index(3)), /index 3 is out of bounds for dimension 0 with size 3/);
  t.match(message(() => torch.tensor(5).index(0)), /invalid index of a 0-dim tensor/);
  t.same(m.index(1.0).tolist(), [4, 5, 6, 7]);
});

t.test('F.linear: with and without bias, and every other call through the binder', async (t) => {
  torch.manualSeed(1);
  const x = torch.randn(5, 3), w = torch.randn(2, 3), b = torch.randn(2);
  const ref = x.matmul(w.t()).add(b);
  t.ok(F.linear(x, w, b).allclose(ref));
  t.ok(F.linear(x, w).allclose(x.matmul(w.t())));
  t.ok(F.linear(x, w, null).allclose(x.matmul(w.t())));
  t.ok(F.linear(x, { weight: w, bias: b } as never).allclose(ref));
  t.match(message(() => F.linear(x, w, 3 as never)), /^TypeError/);
  const lin = new torch.nn.Linear(3, 2);
  t.same(lin(x).shape, [5, 2]);
});

t.test('F.softmax and F.logSoftmax with a tensor and a dim: the fast path; anything else the binder', async (t) => {
  torch.manualSeed(2);
  const x = torch.randn(3, 5, { requiresGrad: true });
  same(t, F.softmax(x, { dim: 1 }), F.softmax(x, { dim: 1, dtype: null }), 'F.softmax(x, { dim })');
  same(t, F.logSoftmax(x, 0), F.logSoftmax(x, { dim: 0, dtype: null }), 'F.logSoftmax(x, 0)');
  same(t, new torch.nn.LogSoftmax({ dim: 1 })(x), x.logSoftmax(1, {}), 'nn.LogSoftmax');
  t.equal(F.softmax(x, { dim: 1, dtype: torch.float64 }).dtype, torch.float64, 'dtype still honoured');
  t.same(F.softmax(x).shape, [3, 5], 'the implicit dim still chosen from the rank');
  F.logSoftmax(x, 1).index(0).index(2).backward();
  t.equal(x.grad!.shape.join(), '3,5', 'gradients flow');
  t.match(message(() => F.softmax(x, { dim: 2 })), /^TorchError: Dimension out of range \(expected to be in range of \[-2, 1\], but got 2\) \(in aten::softmax\.int\)/);
  t.match(message(() => F.softmax(x, 1.5)), /^TypeError: softmax\(\): Expected int for dim but received 1\.5/);
  t.match(message(() => F.softmax(x, { dim: 1, bogus: 1 } as never)), /^TypeError: softmax\(\) got an unexpected keyword argument 'bogus'/);
  t.match(message(() => x.unsqueeze(7)), /^TorchError: Dimension out of range .*\(in aten::unsqueeze\)/);
  const d = torch.ones(2);
  d.dispose();
  t.match(message(() => F.softmax(d, 0)), /^TypeError: softmax\(\): Tensor passed as input has been disposed/);
});

// PyTorch's values for F.leaky_relu are in test/fixtures/ops.json (scripts/make_fixtures.py), replayed by ops.test.ts
t.test('F.leakyRelu(x, slope): the scalar fast path = the binder path', async (t) => {
  const x = torch.tensor([-2, -0.5, 0, 1.5], { requiresGrad: true });
  same(t, F.leakyRelu(x, 0.2), F.leakyRelu(x, { negativeSlope: 0.2, inplace: false }), 'by position = by name');
  same(t, F.leakyRelu(x), F.leakyRelu({ input: x }), 'the default slope');
  same(t, new torch.nn.LeakyReLU(0.1)(x), F.leakyRelu(x, { negativeSlope: 0.1 }), 'nn.LeakyReLU');
  t.equal(F.leakyRelu(x, 2).dtype, torch.float32, 'an integral slope');
  F.leakyRelu(x, 0.2).sum().backward();
  t.same((x.grad!.tolist() as number[]).map((v) => Math.round(v * 1e6) / 1e6), [0.2, 0.2, 0.2, 1], 'the gradient (at 0, PyTorch\'s slope)');
  const y = torch.tensor([-1, 1]);
  t.equal(F.leakyRelu(y, 0.5, true), y, 'inplace: the input itself');
  t.same(y.tolist(), [-0.5, 1]);
  t.match(message(() => F.leakyRelu(torch.tensor([1n]), 0.2)), /^TorchError: "leaky_relu_cpu" not implemented for 'Long'/, 'libtorch\'s error for a long tensor');
  t.match(message(() => F.leakyRelu(x, '0.2' as never)), /^TypeError: leaky_relu\(\): Expected/, 'a string slope: the binder\'s error');
  const d = torch.ones(2);
  d.dispose();
  t.match(message(() => F.leakyRelu(d, 0.2)), /disposed/);
});

t.test('p.grad is one object while the grad is the same tensor, as in Python', async (t) => {
  const p = new torch.nn.Parameter(torch.ones(3));
  t.equal(p.grad, null);
  p.sum().backward();
  const g = p.grad!;
  t.equal(p.grad, g, 'p.grad === p.grad');
  p.grad = torch.zeros(3);
  t.not(p.grad, g, 'a new grad: a new object');
  t.same(p.grad!.tolist(), [0, 0, 0]);
  const h = p.grad!;
  h.dispose();
  t.equal(p.grad!.isDisposed, false, 'disposing the returned wrapper does not take the grad away');
  t.same(p.grad!.tolist(), [0, 0, 0]);
  const kept = torch.tidy(() => p.grad!.add(1));
  t.same(kept.tolist(), [1, 1, 1]);
  t.equal(p.grad!.isDisposed, false, 'a grad first read inside tidy is read afresh after it');
  p.grad = null;
  t.equal(p.grad, null);
});

t.test('shape for every rank', async (t) => {
  t.same(torch.tensor(3).shape, []);
  t.same(torch.ones(5).shape, [5]);
  t.same(torch.ones(1, 2, 1, 3, 1, 2, 1, 1, 2, 1).shape, [1, 2, 1, 3, 1, 2, 1, 1, 2, 1]);
  t.same(torch.empty(0, 4).shape, [0, 4]);
  const d = torch.ones(2);
  d.dispose();
  t.throws(() => d.shape, /disposed/);
});

t.test('in place: x.add_(y), the manual SGD update with { alpha }, and what falls through', async (t) => {
  const x = torch.tensor([1, 2, 3]), y = torch.tensor([1, 1, 1]);
  t.equal(x.add_(y), x, 'returns the tensor itself');
  t.same(x.tolist(), [2, 3, 4]);
  t.equal(x.add_(y, { alpha: -0.5 }), x);
  t.same(x.tolist(), [1.5, 2.5, 3.5]);
  t.same(x.sub_(y, { alpha: 2 }).tolist(), [-0.5, 0.5, 1.5]);
  t.same(x.mul_(y.mul(2)).tolist(), [-1, 1, 3]);
  t.same(x.div_(y.mul(2)).tolist(), [-0.5, 0.5, 1.5]);
  const i = torch.tensor([1n, 2n]);
  t.same(i.add_(torch.tensor([1n, 1n]), { alpha: 2 }).tolist(), [3, 4], 'an integral alpha on an integer tensor');
  t.match(message(() => i.add_(torch.tensor([1n, 1n]), { alpha: 0.5 })), /For integral input tensors, argument alpha must not be a floating point number/);
  t.same(x.add_(1).tolist(), [0.5, 1.5, 2.5], 'a number: the generic path');
  t.match(message(() => x.add_(y, { alpha: 1, beta: 2 } as never)), /^TypeError: .*beta/, 'an unknown keyword still named');
  t.same(x.clone().add_(y, Object.assign(Object.create(null), { alpha: 2 })).tolist(), [2.5, 3.5, 4.5], 'null-prototype options, as bind() takes them');
  t.same(torch.softmax(y, Object.assign(Object.create(null), { dim: 0 })).tolist(), torch.softmax(y, { dim: 0 }).tolist(), 'and a null-prototype { dim }');
  class Alpha { alpha = 2; }
  t.match(message(() => x.add_(y, new Alpha() as never)), /^TypeError: add_\(\)/, 'a class instance is a value: the binder\'s TypeError');
  const leaf = torch.ones(2, { requiresGrad: true });
  t.match(message(() => leaf.add_(torch.ones(2))), /a leaf Variable that requires grad is being used in an in-place operation/);
  t.match(message(() => torch.ones(2).add_(torch.ones(3))), /\(in aten::add_\.Tensor\)/);
  const p = new torch.nn.Parameter(torch.ones(2));
  p.grad = torch.tensor([1, 2]);
  for (const q of [p]) q.data.add_(q.grad!, { alpha: -0.1 });
  t.ok(p.allclose(torch.tensor([0.9, 0.8])), 'p.data.add_(p.grad, { alpha: -lr }) updates the parameter');
});

t.test('size-only factories: the fast path gives what the binder path gives', async (t) => {
  for (const name of ['zeros', 'ones', 'empty', 'rand', 'randn'] as const) {
    const f = torch[name] as (...a: unknown[]) => torch.Tensor;
    torch.manualSeed(1);
    const fast = f(2, 3);
    torch.manualSeed(1);
    const generic = f([2, 3], { dtype: null }); // a list and an option: the binder's path
    t.same(fast.shape, [2, 3], `${name}: shape`);
    t.equal(fast.dtype, generic.dtype, `${name}: dtype`);
    t.equal(fast.requiresGrad, false, `${name}: requiresGrad`);
    if (name !== 'empty') t.same(fast.tolist(), generic.tolist(), `${name}: values (the same generator stream)`);
  }
  t.same(torch.zeros(0).shape, [0], 'a zero size');
  t.same(torch.ones(1, 1, 1, 1, 1, 1, 1, 1).shape, [1, 1, 1, 1, 1, 1, 1, 1], 'eight sizes');
  t.same(torch.ones(1, 1, 1, 1, 1, 1, 1, 1, 1).shape, [1, 1, 1, 1, 1, 1, 1, 1, 1], 'nine: the binder path');
  torch.setDefaultDtype(torch.float64);
  try {
    t.equal(torch.zeros(2).dtype, torch.float64, 'the default dtype is followed');
  } finally {
    torch.setDefaultDtype(torch.float32);
  }
  t.equal(message(() => torch.zeros(2, -5)), message(() => torch.zeros([2, -5])), 'a negative size: the binder path\'s error');
  t.match(message(() => torch.zeros(2, -5)), /Expected non-negative integer for size\[1\] of torch\.zeros but received -5/);
  t.match(message(() => torch.zeros(1.5)), /Expected non-negative integer for size\[0\]/);
  const kept = torch.tidy(() => {
    const inner = torch.zeros(3);
    return [inner, torch.ones(2)] as const;
  });
  t.same(kept[0].tolist(), [0, 0, 0], 'tidy keeps what it returns');
  let dropped!: torch.Tensor;
  torch.tidy(() => void (dropped = torch.zeros(3)));
  t.throws(() => dropped.tolist(), 'and frees what it made');
});

t.test('generated ops: options are a plain object literal (as bind() decides), Tensors cross as handles', async (t) => {
  const a = torch.tensor([1, 2]);
  t.same(a.add(a, { alpha: 2 }).tolist(), [3, 6]);
  t.same(a.add(a, Object.assign(Object.create(null), { alpha: 3 })).tolist(), [4, 8], 'a null-prototype object is options too');
  class Options { alpha = 2; }
  t.match(message(() => a.add(a, new Options() as never)), /^TypeError: add\(\)/, 'a class instance is a value, not options');
  t.same(torch.cat([a, a]).tolist(), [1, 2, 1, 2], 'a tensor list');
  t.same(torch.stack([a, a], { dim: 1 }).tolist(), [[1, 1], [2, 2]]);
  t.same(torch.where(a.gt(1), a, torch.zeros(2, { dtype: torch.int64 })).tolist(), [0, 2]);
  const d = torch.ones(2);
  d.dispose();
  t.match(message(() => torch.cat([a, d])), /disposed/, 'a disposed tensor in a list');
  t.match(message(() => torch.cat([a, 3 as never])), /^TypeError: cat\(\)/);
  const b = torch.tensor([1, 2]);
  t.equal(torch.relu_(b), b, 'an in-place function returns its tensor, not its handle');
  t.equal(torch.nn.functional.relu(b, { inplace: true }), b);
});

t.test('torch.cat and torch.stack with a list of tensors and a dim: the fast path = the binder path', async (t) => {
  torch.manualSeed(2);
  const a = torch.randn(2, 3), b = torch.randn(2, 3), i = torch.tensor([[1n, 2n, 3n]]);
  for (const name of ['cat', 'stack'] as const) {
    const f = torch[name] as (...a: unknown[]) => torch.Tensor;
    same(t, f([a, b]), f({ tensors: [a, b] }), `${name}: default dim`);
    same(t, f([a, b], 1), f({ tensors: [a, b], dim: 1 }), `${name}: dim 1`);
    same(t, f([a, b], { dim: -1 }), f({ tensors: [a, b], dim: -1 }), `${name}: { dim: -1 }`);
    same(t, f([a]), f({ tensors: [a] }), `${name}: one tensor`);
    const eight = Array.from({ length: 8 }, (_, k) => (k % 2 ? a : b));
    same(t, f(eight, 0), f({ tensors: eight, dim: 0 }), `${name}: eight tensors`);
    const nine = [...eight, a];
    t.same(f(nine).shape, name === 'cat' ? [18, 3] : [9, 2, 3], `${name}: nine tensors take the binder path`);
    t.equal(message(() => f([a, b], 5)), message(() => f({ tensors: [a, b], dim: 5 })), `${name}: a dim out of range`);
  }
  t.equal(torch.cat([a, i]).dtype, torch.float32, 'mixed dtypes promote');
  t.same(torch.cat([i, i], 1).tolist(), [[1, 2, 3, 1, 2, 3]]);
  t.match(message(() => torch.cat([a, torch.ones(3, 3)], 1)), /^TorchError: Sizes of tensors must match except in dimension 1.*\(in aten::cat\)/);
  t.match(message(() => torch.cat([a, b], 1.5)), /^TypeError: cat\(\)/, 'a fractional dim: the binder\'s error');
  t.match(message(() => torch.cat([])), /non-empty list of Tensors/);
  t.match(message(() => torch.cat([a, { _h: 5 } as never])), /^TypeError: cat\(\)/, 'a look-alike object: the binder\'s error');
  const out = torch.empty(4, 3);
  t.equal(torch.cat([a, b], { dim: 0, out }), out, 'out= takes the binder path and is written');
  t.same(out.tolist(), torch.cat([a, b]).tolist());
  const x = torch.ones(2, { requiresGrad: true });
  torch.stack([x, x.mul(x)]).sum().backward();
  t.same(x.grad!.tolist(), [3, 3], 'gradients flow through the fast path');
});

t.test('x.T: the reversed permute, as in Python', async (t) => {
  const m = torch.arange(6).view(2, 3);
  t.same(m.T.tolist(), [[0, 3], [1, 4], [2, 5]]);
  t.same(torch.arange(3).T.tolist(), [0, 1, 2]);
  t.same(torch.tensor(5).T.shape, []);
  t.same(torch.zeros(2, 3, 4).T.shape, [4, 3, 2]);
  t.equal(torch.ones(2, 3, { requiresGrad: true }).T.gradFn!.name(), 'PermuteBackward0', 'Python\'s node');
});

t.test('factories with a dtype option: the fast path = the binder path', async (t) => {
  for (const name of ['zeros', 'ones', 'rand', 'randn'] as const) {
    const f = torch[name] as (...a: unknown[]) => torch.Tensor;
    torch.manualSeed(3);
    const fast = f(2, 3, { dtype: torch.float64 });
    torch.manualSeed(3);
    const generic = f({ size: [2, 3], dtype: torch.float64 });
    same(t, fast, generic, `${name} { dtype }`);
    torch.manualSeed(4);
    const listed = f([2, 3], { dtype: torch.float64, requiresGrad: true });
    torch.manualSeed(4);
    same(t, listed, f({ size: [2, 3], dtype: torch.float64, requiresGrad: true }), `${name} [sizes] { dtype, requiresGrad }`);
    t.equal(f(2, { dtype: torch.float64, requiresGrad: true }).requiresGrad, true, `${name}: requiresGrad kept`);
  }
  t.same(torch.empty(4, { dtype: torch.int32 }).shape, [4]);
  t.equal(torch.empty(4, { dtype: torch.int32 }).dtype, torch.int32);
  t.same(torch.zeros(2, { dtype: torch.int64, device: torch.device('cpu') }).tolist(), [0, 0], 'a Device');
  t.same(torch.zeros([], { dtype: torch.int64 }).shape, [], 'no sizes: a 0-d tensor');
  t.same(torch.ones(2, { dtype: torch.bool }).tolist(), [true, true]);
  t.equal(message(() => torch.rand(2, { dtype: torch.int64 })), message(() => torch.rand({ size: [2], dtype: torch.int64 })), 'rand with an integer dtype');
  t.match(message(() => torch.zeros(2, { dtype: torch.int64, requiresGrad: true })), /Only Tensors of floating point/);
  t.match(message(() => torch.zeros(2, { dtype: torch.int64, bogus: 1 } as never)), /^TypeError: .*bogus/, 'an unknown option: the schema\'s error');
  t.match(message(() => torch.zeros(-1, { dtype: torch.int64 })), /Expected non-negative integer for size\[0\]/);
  t.same(torch.zeros(2, { dtype: 'float64' as never }).dtype, torch.float64, 'a dtype by name: the schema path');
});

t.test('torch.tensor of a flat array of numbers: the quick path = the general path', async (t) => {
  const dtypes = [undefined, torch.float32, torch.float64, torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool, torch.float16, torch.bfloat16];
  for (const dtype of dtypes) {
    const data = [3, 0, -1.5, 2];
    if (dtype === torch.uint8) data[2] = 1;
    const quick = dtype ? torch.tensor(data, { dtype }) : torch.tensor(data);
    const general = torch.tensor({ data, dtype: dtype ?? null });
    same(t, quick, general, `tensor(${dtype?.name ?? 'default'})`);
  }
  torch.setDefaultDtype(torch.float64);
  try {
    t.equal(torch.tensor([1, 2]).dtype, torch.float64, 'the default dtype is followed');
  } finally {
    torch.setDefaultDtype(torch.float32);
  }
  t.equal(torch.tensor([1.5], { requiresGrad: true }).requiresGrad, true);
  t.same(torch.tensor([1], { dtype: torch.int64, device: torch.device('cpu') }).tolist(), [1]);
  t.equal(message(() => torch.tensor([300], { dtype: torch.uint8 })), message(() => torch.tensor({ data: [300], dtype: torch.uint8 })), 'overflow');
  t.equal(message(() => torch.tensor([NaN], { dtype: torch.int64 })), message(() => torch.tensor({ data: [NaN], dtype: torch.int64 })), 'NaN to an integer');
  t.match(message(() => torch.tensor([1], { dtype: torch.int64, requiresGrad: true })), /Only Tensors of floating point/);
  t.same(torch.tensor([1, true as never]).tolist(), [1, 1], 'mixed elements: the general path');
  t.same(torch.tensor([]).shape, [0]);
});

t.test('x.to(dtype): the fast path = the binder path', async (t) => {
  const x = torch.tensor([1.5, -2.25, 3]);
  for (const dtype of [torch.float64, torch.int64, torch.int32, torch.uint8, torch.bool, torch.float16, torch.float32]) {
    same(t, x.to(dtype), x.to({ dtype }), `to(${dtype.name})`);
  }
  same(t, x.long(), x.to({ dtype: torch.int64 }), 'long()');
  const g = torch.ones(2, { requiresGrad: true });
  g.to(torch.float64).sum().backward();
  t.same(g.grad!.tolist(), [1, 1], 'gradients flow back through the cast');
  const d = torch.ones(2);
  d.dispose();
  t.match(message(() => d.to(torch.float64)), /disposed/);
});

t.test('a number as a binary op\'s other operand: the fast path = the binder path', async (t) => {
  const f = torch.tensor([1.5, -2, 3]), i = torch.tensor([1n, -2n, 3n]), b = torch.tensor([true, false, true]);
  const numbers = [2, 2.5, -0, 0.1, NaN, Infinity, 2 ** 53, 1e300];
  for (const name of ['add', 'sub', 'mul', 'div', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'pow']) {
    const key = name === 'pow' ? 'exponent' : 'other';
    for (const x of [f, i]) {
      for (const n of numbers) {
        const fast = message(() => (x as any)[name](n).tolist());
        const generic = message(() => (x as any)[name]({ [key]: n }).tolist());
        if (fast === 'no error') same(t, (x as any)[name](n), (x as any)[name]({ [key]: n }), `${x.dtype.name}.${name}(${n})`);
        else t.equal(fast, generic, `${x.dtype.name}.${name}(${n}): the same error`);
      }
    }
    same(t, (torch as any)[name](f, 2), (torch as any)[name](f, { [key]: 2 }), `torch.${name}(x, 2)`);
  }
  t.equal(message(() => b.sub(1)), message(() => b.sub({ other: 1 })), 'a bool tensor minus a number: libtorch\'s error');
  t.match(message(() => b.sub(1)), /^TorchError: Subtraction, the `-` operator, with a bool tensor is not supported.*\(in aten::sub\.Tensor\)/);
  const y = torch.ones(2, { requiresGrad: true });
  t.equal(y.mul(2).gradFn!.name(), 'MulBackward0', 'a wrapped number: mul.Tensor\'s node, as in Python');
  t.equal(y.add(1).gradFn!.name(), 'AddBackward0');
  t.equal(y.pow(2).gradFn!.name(), 'PowBackward0', 'x.pow(2): pow.Tensor_Scalar\'s node, as in Python');
  t.equal(y.pow(y).gradFn!.name(), 'PowBackward1');
  y.mul(3).sum().backward();
  t.same(y.grad!.tolist(), [3, 3]);
  t.match(message(() => f.maximum(2 as never)), /^TypeError: maximum\(\)/, 'no number overload: the binder\'s error');
  t.same(f.add(true as never).tolist(), [2.5, -1, 4], 'a boolean: the binder path');
});

t.test('a number as an in-place op\'s other operand: the fast path = the binder path', async (t) => {
  for (const name of ['add_', 'sub_', 'mul_', 'div_']) {
    for (const n of [2, 0.5, -0, NaN]) {
      const x = torch.tensor([1.5, -2, 3]), y = torch.tensor([1.5, -2, 3]);
      t.equal((x as any)[name](n), x, `${name}(${n}) returns its tensor`);
      (y as any)[name]({ other: n });
      same(t, x, y, `${name}(${n})`);
    }
  }
  const i = torch.tensor([1n, 2n]);
  t.equal(message(() => i.mul_(0.5)), message(() => i.clone().mul_({ other: 0.5 })), 'an integer tensor times a float: libtorch\'s error');
  t.match(message(() => i.mul_(0.5)), /^TorchError: result type Float can't be cast to the desired output type Long \(in aten::mul_\.Tensor\)/);
  const x = torch.tensor([1, 2]);
  t.same(x.add_(1, { alpha: 3 }).tolist(), [4, 5], 'with alpha');
  const p = torch.ones(2, { requiresGrad: true });
  t.match(message(() => p.mul_(2)), /a leaf Variable that requires grad is being used in an in-place operation/);
});

t.test('x.to() with nothing to change returns x itself, as PyTorch does', async (t) => {
  const x = torch.ones(2);
  t.equal(x.to(torch.float32), x, 'to(its own dtype): the fast path');
  t.equal(x.float(), x);
  t.equal(x.to({ dtype: torch.float32 }), x, 'the binder path');
  t.equal(x.cpu(), x);
  t.equal(x.to('cpu', torch.float32), x);
  t.equal(x.to(x), x, 'to(other) of the same dtype and device');
  t.not(x.to(torch.float32, { copy: true }), x, 'copy: a new tensor');
  t.not(x.to(torch.float64), x);
  const formatted = x.to({ memoryFormat: torch.contiguousFormat });
  t.same(formatted.tolist(), [1, 1], 'an explicit memory format takes the op (docs/porting.md)');
  const kept = torch.tidy(() => x.to(torch.float32));
  t.same(kept.tolist(), [1, 1], 'tidy does not free a tensor made outside it that to() handed back');
});

t.test('the leading arguments by position, the other required ones by name (typed and run)', async (t) => {
  torch.manualSeed(5);
  const x = torch.randn(3, 4);
  same(t, torch.softmax(x, { dim: 1 }), torch.softmax(x, 1), 'torch.softmax(x, { dim })');
  same(t, torch.max(x, { dim: 1 }).indices, torch.max(x, 1).indices, 'torch.max(x, { dim }).indices');
  same(t, torch.transpose(x, 0, { dim1: 1 }), torch.transpose(x, 0, 1), 'torch.transpose(x, 0, { dim1 })');
  same(t, torch.add(x, { other: x, alpha: 2 }), torch.add(x, x, { alpha: 2 }), 'torch.add(x, { other, alpha })');
  t.match(message(() => torch.softmax(x, { input: x, dim: 1 } as never)), /^TypeError: softmax\(\).*input/, 'input twice: Python\'s TypeError');
});
