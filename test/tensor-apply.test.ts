// Tensor.apply_ and Tensor.map_: each expectation is what PyTorch 1.13 and 2.14 print for the same
// Python call, given beside it.
import t from 'tap';
import * as torch from 'torch-node';

t.test('apply_ and map_ replace each element in place, as PyTorch stores a Python scalar', async (t) => {
  const y = torch.arange(4);
  t.equal(y.apply_((v) => v * 2.7), y, 'returns self'); // torch.arange(4).apply_(lambda v: v * 2.7)
  t.same(y.tolist(), [0, 2, 5, 8], 'an integer tensor truncates the results');
  const z = torch.zeros(2, 3); // z.map_(torch.tensor([1., 2., 3.]), lambda a, b: a + b * 10)
  t.same(z.map_(torch.tensor([1, 2, 3]), (a, b) => a + b * 10).tolist(), [[10, 20, 30], [10, 20, 30]], 'other broadcast to self');
  t.same(torch.tensor([true, false]).apply_((v) => !v).tolist(), [false, true], 'a bool tensor');
  const m = torch.arange(6, { dtype: torch.float32 }).view(2, 3);
  m.select(1, 1).apply_((v) => -v); // m[:, 1].apply_(lambda v: -v)
  t.same(m.tolist(), [[0, -1, 2], [3, -4, 5]], 'a view writes through to its base');
  t.same(torch.tensor(2.5).apply_((v) => v * 2).item(), 5, 'a 0-dim tensor');
  t.same(torch.ones(2).apply_(() => true).tolist(), [1, 1], 'a boolean into a float tensor is 1');
  t.same(torch.ones(2).apply_({ callable: (v) => v + 1 }).tolist(), [2, 2], 'callable by keyword');
});

t.test('apply_ and map_ refuse what PyTorch refuses, with its messages', async (t) => {
  t.throws(() => torch.ones(2, { requiresGrad: true }).apply_((v) => v), { name: 'TorchError', message: "Can't call apply_() on Variable that requires grad. Use var.detach().apply_() instead." });
  t.throws(() => torch.zeros(3).map_(torch.ones(3, { requiresGrad: true }), (a) => a), { name: 'TorchError', message: /Can't call map_\(\) on Variable that requires grad/ });
  t.throws(() => torch.zeros(2, 3).map_(torch.tensor([1, 2, 3], { dtype: torch.int64 }), (a) => a), { name: 'TypeError', message: "map_: expected torch.FloatTensor for 'other' (got torch.LongTensor)" });
  t.throws(() => torch.zeros(2, 3).map_(torch.ones(4), (a) => a), { name: 'TorchError', message: /The expanded size of the tensor \(3\) must match the existing size \(4\)/ });
  t.throws(() => torch.ones(2).apply_(5 as never), { name: 'TypeError', message: 'Expected a function for callable but received 5 of type number' });
  t.throws(() => torch.ones(2).apply_((() => 'x') as never), { name: 'TypeError', message: /returned by callable for apply_ but received 'x'/ });
  t.throws(() => torch.ones(2, { dtype: torch.int32 }).apply_(() => NaN), { name: 'TorchError', message: 'value cannot be converted to type int32 without overflow' });
  t.throws(() => (torch.ones(2) as any).apply_((v: number) => v, 1), { name: 'TypeError', message: 'apply_() takes 1 positional argument but 2 were given' });
  const x = torch.arange(3);
  t.throws(() => x.apply_(() => { throw new RangeError('from the callable'); }), { name: 'RangeError', message: 'from the callable' });
  t.same(x.tolist(), [0, 1, 2], 'a callable that throws leaves the tensor as it was');
});
