// Autograd against gradients PyTorch computed for the same inputs (test/fixtures/autograd.json).
import t from 'tap';
import * as torch from 'torch-node';
import { execFileSync } from 'node:child_process';
import { fixture, fromFixture, mismatch, python, hasPythonTorch } from './helpers.js';

const ops = fixture('ops.json');
const ref = fixture('autograd.json');
const input = (name: string) => fromFixture(ops.inputs[name]);

t.test('the README example: matmul, relu, sum, backward', async (t) => {
  const x = input('a').requiresGrad_();
  const w = input('m').requiresGrad_();
  const loss = x.matmul(w).relu().sum();
  loss.backward();
  t.ok(Math.abs(loss.item() - ref.matmulRelu.loss) < 1e-5, 'loss');
  t.equal(mismatch(x.grad, ref.matmulRelu.gradX), null, 'x.grad');
  t.equal(mismatch(w.grad, ref.matmulRelu.gradW), null, 'w.grad');
  t.same(w.grad!.shape, [4, 3]);
  t.equal(loss.gradFn!.name(), 'SumBackward0');
  t.equal(x.isLeaf, true);
  t.equal(loss.isLeaf, false);
  t.equal(x.gradFn, null);
});

t.test('walking the graph: gradFn.nextFunctions and AccumulateGrad.variable (scripts/make_autograd_graph_fixtures.py)', async (t) => {
  const fx = fixture('autograd_graph.json');
  type Node = { name: string; type: string; next: [Node | null, number][]; variable?: string };
  for (const g of fx.graphs) {
    const w = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5]], { requiresGrad: true });
    const b = torch.tensor([0.1, -0.2], { requiresGrad: true });
    const x = torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 0.0]]);
    const target = torch.tensor([[0.0, 1.0], [1.0, 0.0]]);
    const r = new Function('torch', 'F', 'w', 'b', 'x', 'target', `return ${g.ts}`)(torch, torch.nn.functional, w, b, x, target) as torch.Tensor;
    const leaves: Record<string, torch.Tensor> = { w, b };
    const check = (fn: torch.GradFn | null, want: Node | null, at: string): void => {
      if (want === null) return void t.equal(fn, null, `${g.label}: ${at} is None`);
      if (!fn) return void t.fail(`${g.label}: ${at} is null, PyTorch's is ${want.name}`);
      t.equal(fn.name(), want.name, `${g.label}: ${at}.name()`);
      t.match(String(fn), new RegExp(`^<${want.type} object at 0x[0-9a-f]+>$`), `${g.label}: ${at} prints as in Python`);
      t.equal(fn.variable === undefined ? undefined : fn.variable.dataPtr(), want.variable && leaves[want.variable].dataPtr(), `${g.label}: ${at}.variable`);
      const next = fn.nextFunctions;
      t.equal(next.length, want.next.length, `${g.label}: ${at}.nextFunctions.length`);
      next.forEach(([f, nr], i) => {
        t.equal(nr, want.next[i][1], `${g.label}: ${at}.nextFunctions[${i}][1]`);
        check(f, want.next[i][0], `${at}.nextFunctions[${i}][0]`);
      });
    };
    check(r.gradFn, g.gradFn, 'gradFn');
  }
  // a node keeps the graph it reaches: walking it after the tensors are gone still works
  const leaf = torch.ones(2, { requiresGrad: true });
  const fn = leaf.mul(2).exp().sum().gradFn!;
  globalThis.gc?.();
  t.equal(fn.nextFunctions[0][0]!.nextFunctions[0][0]!.nextFunctions[0][0]!.variable!.dataPtr(), leaf.dataPtr(), 'down to the leaf');
  // one object per node, as `is` in Python: a walk of a graph that reuses a tensor (b + b) meets
  // each node once when it keeps the ones it has seen in a Set (torchviz's make_dot does)
  const a = torch.ones(2, { requiresGrad: true });
  const m = a.mul(2);
  const out = m.add(m).sum();
  t.equal(out.gradFn, out.gradFn, 'y.gradFn === y.gradFn');
  t.equal(out.gradFn!.nextFunctions[0][0]!.nextFunctions[0][0], m.gradFn, 'reached through nextFunctions, the same object');
  const seen = new Set<torch.GradFn>();
  const stack = [out.gradFn];
  while (stack.length) {
    const node = stack.pop();
    if (!node || seen.has(node)) continue;
    seen.add(node);
    for (const [next] of node.nextFunctions) stack.push(next);
  }
  t.same([...seen].map((n) => n.name()), ['SumBackward0', 'AddBackward0', 'MulBackward0', 'torch::autograd::AccumulateGrad'], 'each node once');
});

t.test('higher order gradients with autograd.grad', async (t) => {
  const y = input('p').requiresGrad_(true);
  const z = y.pow(2).mul(y.sin()).mean();
  const [gy] = torch.autograd.grad(z, y, null, { createGraph: true });
  t.equal(mismatch(gy, ref.secondOrder.grad), null, 'first derivative');
  const [ggy] = torch.autograd.grad(gy!.sum(), y);
  t.equal(mismatch(ggy, ref.secondOrder.gradGrad), null, 'second derivative');
  // Python's calling convention: create_graph by keyword right after inputs (a WGAN-GP gradient
  // penalty's torch.autograd.grad(outputs=..., inputs=..., grad_outputs=..., create_graph=True, retain_graph=True))
  const z2 = y.pow(2).mul(y.sin()).mean();
  const [g2] = torch.autograd.grad(z2, [y], { createGraph: true, retainGraph: true });
  t.equal(g2!.requiresGrad, true, 'createGraph given by keyword is honoured');
  t.equal(mismatch(torch.autograd.grad(g2!.sum(), y)[0], ref.secondOrder.gradGrad), null);
  const [g3] = torch.autograd.grad({ outputs: y.pow(2).mul(y.sin()).mean(), inputs: y, gradOutputs: torch.tensor(1), createGraph: true });
  t.equal(g3!.requiresGrad, true, 'every parameter by keyword');
  const unused = torch.zeros(2, { requiresGrad: true });
  t.throws(() => torch.autograd.grad(y.sum(), [y, unused]), { name: 'TorchError', message: /appears to not have been used in the graph/ });
  const [, none] = torch.autograd.grad(y.sum(), [y, unused], { allowUnused: true });
  t.equal(none, null, 'allowUnused gives null for an unused input');
  const [, zeros] = torch.autograd.grad(y.sum(), [y, unused], { materializeGrads: true });
  t.same(zeros!.tolist(), [0, 0], 'materializeGrads gives zeros instead');
  t.throws(() => torch.autograd.grad(y.sum(), y, { materializeGrads: true, allowUnused: false }), { name: 'RangeError', message: /Expected allow_unused to be True/ });
  t.throws(() => torch.autograd.grad(y.sum(), y, { creatGraph: true } as never), { name: 'TypeError', message: "grad() got an unexpected keyword argument 'creatGraph'. Did you mean 'createGraph'?" });
  t.throws(() => torch.autograd.grad(y.sum(), y, { isGradsBatched: true }), { name: 'TypeError', message: /isGradsBatched=true is not supported/ });
  // autograd.backward binds the same way: inputs restricts the accumulation
  const a = torch.ones(2, { requiresGrad: true }), b = torch.ones(2, { requiresGrad: true });
  torch.autograd.backward(a.mul(b).sum(), { inputs: [a] });
  t.same([a.grad!.tolist(), b.grad], [[1, 1], null]);
  t.throws(() => torch.autograd.backward(a.sum(), { inputs: [] }), { name: 'TorchError', message: "'inputs' argument to backward() cannot be empty." });
});

t.test('backward with a gradient (vector-Jacobian product)', async (t) => {
  const v = input('v').requiresGrad_();
  v.exp().backward(torch.tensor([1, 0.5, -1, 2]));
  t.equal(mismatch(v.grad, ref.vectorJacobian.grad), null);
});

t.test('grad accumulation, zeroing, retainGrad, detach', async (t) => {
  const w = torch.ones(3, { requiresGrad: true });
  w.mul(2).sum().backward();
  w.mul(2).sum().backward();
  t.same(w.grad!.tolist(), [4, 4, 4], 'gradients accumulate');
  w.grad = null;
  t.equal(w.grad, null, 'grad can be reset to null');
  w.mul(3).sum().backward();
  t.same(w.grad!.tolist(), [3, 3, 3]);
  w.grad!.zero_();
  t.same(w.grad!.tolist(), [0, 0, 0], 'grad.zero_() zeroes the stored gradient');
  const h = w.mul(2);
  h.retainGrad();
  t.equal(h.retainsGrad, true);
  h.sum().backward();
  t.same(h.grad!.tolist(), [1, 1, 1], 'retained non-leaf gradient');
  const d = w.detach();
  t.equal(d.requiresGrad, false);
  t.equal(w.data.requiresGrad, false);
  t.throws(() => h.sum().backward(), /Trying to backward through the graph a second time/);
  const k = w.mul(2);
  k.sum().backward(null, { retainGraph: true });
  k.sum().backward();
  t.pass('retainGraph allows a second backward');
  t.throws(() => torch.ones(2).sum().backward(), /element 0 of tensors does not require grad and does not have a grad_fn/);
  t.throws(() => w.mul(2).requiresGrad_(false), /you can only change requires_grad flags of leaf variables/);
  const x = torch.zeros(2);
  x.requiresGrad = true;
  t.equal(x.requiresGrad, true, 'requiresGrad setter');
});

t.test('x.data: one alias while nothing else holds it, a new one otherwise', async (t) => {
  const p = new torch.nn.Parameter(torch.ones(3));
  p.grad = torch.ones(3);
  const d = p.data;
  t.equal(p.data, d, 'the same alias again while only its wrapper holds it');
  p.data.add_(p.grad, { alpha: -0.5 });
  t.same(p.tolist(), [0.5, 0.5, 0.5], 'an in-place update through x.data reaches x');
  t.equal(p.data, d, 'still the same after an in-place update');
  const view = d.view(-1);
  t.not(p.data, d, 'a view that keeps it as its base: a new alias');
  view.dispose();
  const e = p.data;
  e.requiresGrad_(true);
  t.not(p.data, e, 'an alias that now requires grad is not given out again');
  t.equal(p.data.requiresGrad, false);
  p.data = torch.zeros(3);
  t.same(p.data.tolist(), [0, 0, 0], 'after x.data = y, the new data');
  const f = p.data;
  f.dispose();
  t.not(p.data, f, 'a disposed alias is replaced');
  t.same(p.data.tolist(), [0, 0, 0]);
  // disposing x leaves an alias the caller holds usable (Python: d = x.data; del x; d still works)
  const r = torch.ones(2);
  const rd = r.data;
  r.dispose();
  t.same(rd.tolist(), [1, 1], 'the alias outlives the disposed tensor');
});

// The same program run by PyTorch itself: an in-place update through a later x.data does not trip
// autograd's version check on a graph that saved an earlier alias (each alias has its own counter).
const SAVED_ALIAS_PY = `
import json, torch
q = torch.nn.Parameter(torch.ones(3))
w = torch.ones(3, requires_grad=True)
a = q.data
y = (w * a).sum()
q.data.add_(1)
y.backward()
print(json.dumps(w.grad.tolist()))
`;
t.test('x.data saved by a graph, then x updated through x.data: as PyTorch does', { skip: hasPythonTorch ? false : `no PyTorch at ${python} (apt-get install python3-torch)` }, async (t) => {
  const expected = JSON.parse(execFileSync(python, ['-c', SAVED_ALIAS_PY], { encoding: 'utf8' }));
  const q = new torch.nn.Parameter(torch.ones(3));
  const w = torch.ones(3, { requiresGrad: true });
  const a = q.data;
  const y = w.mul(a).sum();
  q.data.add_(1);
  y.backward();
  t.same(w.grad!.tolist(), expected, "PyTorch's gradient, no version error: the saved alias is not reused");
});

t.test('noGrad, enableGrad, setGradEnabled', async (t) => {
  const w = torch.ones(2, { requiresGrad: true });
  const y = torch.noGrad(() => w.mul(2));
  t.equal(y.requiresGrad, false, 'no graph inside noGrad');
  t.equal(torch.isGradEnabled(), true, 'grad mode restored afterwards');
  const z = torch.noGrad(() => torch.enableGrad(() => w.mul(2)));
  t.equal(z.requiresGrad, true, 'enableGrad inside noGrad');
  t.throws(() => torch.noGrad(() => { throw new Error('boom'); }), /boom/);
  t.equal(torch.isGradEnabled(), true, 'grad mode restored after a throw');
  const p = torch.noGrad(async () => {
    await new Promise((r) => setTimeout(r, 1));
    return torch.isGradEnabled();
  });
  t.equal(await p, false, 'an async function keeps noGrad until it settles');
  t.equal(torch.isGradEnabled(), true);
  torch.setGradEnabled(false);
  t.equal(w.mul(2).requiresGrad, false);
  torch.setGradEnabled(true);
  t.equal(w.mul(2).requiresGrad, true);
});

t.test('in-place updates of leaves under noGrad, as an optimizer step does', async (t) => {
  const w = torch.tensor([1, 2], { requiresGrad: true });
  w.pow(2).sum().backward();
  torch.noGrad(() => w.sub_(w.grad!.mul(0.5)));
  t.same(w.tolist(), [0, 0]);
  t.equal(w.requiresGrad, true);
  t.throws(() => w.add_(1), /a leaf Variable that requires grad is being used in an in-place operation/);
});
