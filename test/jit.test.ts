// torch.jit: TorchScript modules exported from Python (test/fixtures/jit, made by
// scripts/make_jit_fixtures.py) run in torch-node with Python's outputs; save round-trips (and
// Python reads the file back); forwardAsync serves on worker threads.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';
import { fixturePath } from './helpers.js';
import { tempDir } from './temp-dir.js';

const dir = fixturePath('jit');
const io = torch.load(path.join(dir, 'io.pth'));

t.test('a scripted module: outputs, methods, train/eval, parameters and state dict as in Python', async (t) => {
  const m = torch.jit.load(path.join(dir, 'scripted.pt'));
  t.equal(String(m), 'RecursiveScriptModule(original_name=SmallNet)');
  m.eval();
  t.ok(torch.noGrad(() => m(io.x)).allclose(io.eval, 1e-5, 1e-6), 'eval() output');
  t.ok(m(io.x, 2.5).allclose(io.scaled, 1e-5, 1e-6), 'an optional float argument and control flow');
  const [feats, mean] = (m as any).features(io.x);
  t.ok(feats.allclose(io.features, 1e-5, 1e-6) && mean.allclose(io.featuresMean, 1e-5, 1e-6), 'an exported method returning a tuple');
  m.train();
  t.equal(m.training, true);
  t.ok(torch.noGrad(() => m(io.x)).allclose(io.train, 1e-5, 1e-6), 'train() output (batch statistics)');
  m.eval();
  const sd = m.stateDict();
  t.same(Object.keys(sd), Object.keys(io.state), 'state dict keys in PyTorch’s order');
  t.ok(Object.entries(io.state).every(([k, v]) => sd[k].equal(v as torch.Tensor)), 'state dict values');
  t.same([...m.namedParameters()].map(([n]) => n), ['conv.weight', 'conv.bias', 'bn.weight', 'bn.bias', 'fc.weight', 'fc.bias']);
  t.same([...m.namedChildren()].map(([n]) => n), ['conv', 'bn', 'fc']);
  t.throws(() => m('x' as any), /Expected (a )?Tensor for x but received 'x' of type string/);
  t.throws(() => m(torch.zeros([2, 5])), /Expected 3D \(unbatched\) or 4D \(batched\) input to conv2d, but got input of size: \[2, 5\]/);
  t.throws(() => (m as any).runMethod('nope'), /TorchScript module has no method 'nope'/);
});

t.test('fine-tuning: gradients reach the TorchScript parameters, and an optimizer updates them', async (t) => {
  const m = torch.jit.load(path.join(dir, 'scripted.pt'));
  m.train();
  const params = [...m.parameters()];
  const before = params.map((p) => p.clone());
  const opt = new torch.optim.SGD(params, { lr: 0.1 });
  for (let i = 0; i < 3; i++) {
    opt.zeroGrad();
    const loss = m(io.x).pow(2).mean();
    loss.backward();
    opt.step();
  }
  t.ok(params.every((p) => p.grad !== null), 'every parameter has a gradient');
  // (conv.bias feeds a BatchNorm in train mode: its gradient is zero, mathematically)
  t.ok(params.every((p, i) => i === 1 || !p.equal(before[i])), 'every other parameter moved');
  const again = [...m.parameters()];
  t.ok(again[0].equal(params[0]), 'the module sees the updated values');
});

t.test('torch.jit.save round-trips, and Python reads the file', async (t) => {
  const m = torch.jit.load(path.join(dir, 'traced.pt'));
  t.ok(m(io.v).allclose(io.traced, 1e-5, 1e-6), 'a traced Sequential');
  const out = path.join(tempDir('torch-node-jit-'), 'resaved.pt');
  noGradScale(m);
  torch.jit.save(m, out);
  const back = torch.jit.load(out);
  t.ok(back(io.v).allclose(m(io.v)), 'reloaded with the changed weights');
  try {
    const py = execFileSync('/usr/bin/python3', ['-c', `import sys, torch
m = torch.jit.load(sys.argv[1]); x = torch.load(sys.argv[2])['v']
print(float(m(x).sum()))`, out, path.join(dir, 'io.pth')], { encoding: 'utf8' });
    t.ok(Math.abs(Number(py) - (m(io.v).sum().item() as number)) < 1e-4, 'Python’s torch.jit.load gives the same output');
  } catch (e) {
    t.comment(`skipped: no PyTorch in /usr/bin/python3 (${(e as Error).message.split('\n')[0]})`);
  }
  t.throws(() => torch.jit.load('/nonexistent.pt'), /no such file/);
});

function noGradScale(m: torch.nn.Module) {
  torch.noGrad(() => { for (const p of m.parameters()) p.mul_(2); });
}

t.test('forwardAsync: many requests in flight, correct results, event loop free', async (t) => {
  const m = torch.jit.load(path.join(dir, 'scripted.pt'));
  m.eval();
  const inputs = Array.from({ length: 16 }, (_, i) => io.x.add(i));
  const want = inputs.map((x) => torch.noGrad(() => m(x)));
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  const got = await Promise.all(inputs.map((x) => m.forwardAsync(x)));
  clearInterval(timer);
  t.ok(got.every((g, i) => g.equal(want[i])), '16 concurrent calls each give their own result');
  t.equal(got[0].requiresGrad, false, 'run under noGrad');
  await t.rejects(m.forwardAsync(torch.zeros([1, 5])), /Expected 3D \(unbatched\) or 4D \(batched\) input to conv2d/, 'a libtorch error rejects the promise');
  // the rejection is the error forward() throws for the same input: a TorchError, same message and op
  let thrown: unknown;
  try {
    m.forward(torch.zeros([1, 5]));
  } catch (e) {
    thrown = e;
  }
  const rejected = await m.forwardAsync(torch.zeros([1, 5])).then(() => undefined, (e: unknown) => e);
  t.ok(rejected instanceof torch.TorchError, 'rejected with a TorchError');
  t.same([(rejected as Error).message, (rejected as torch.TorchError).op], [(thrown as Error).message, (thrown as torch.TorchError).op], 'as forward() throws it');
});

t.test('torch.jit.trace of a TS module: the same outputs, its state-dict names, saved for Python', async (t) => {
  torch.manualSeed(0);
  const net = torchvision.models.resnet18({ numClasses: 10 }).eval();
  const x = torch.randn([2, 3, 64, 64]);
  const want = torch.noGrad(() => net(x));
  const traced = torch.jit.trace(net, x);
  t.ok(traced(x).allclose(want, 1e-5, 1e-6), 'traced output');
  t.same(Object.keys(traced.stateDict()), Object.keys(net.stateDict()), 'parameters and buffers under their own names');
  torch.noGrad(() => (net as any).fc.bias.add_(1));
  t.ok(traced(x).allclose(want.add(1), 1e-5, 1e-5), 'the trace reads the live weights');
  const file = path.join(tempDir('torch-node-trace-'), 'resnet18.pt');
  traced.save(file);
  try {
    torch.save({ x }, file + '.x.pth');
    const py = execFileSync('/usr/bin/python3', ['-c', `import sys, torch
m = torch.jit.load(sys.argv[1]); x = torch.load(sys.argv[2])['x']
print(float(m(x).sum()))`, file, file + '.x.pth'], { encoding: 'utf8' });
    t.ok(Math.abs(Number(py) - (traced(x).sum().item() as number)) < 1e-3, 'Python runs the module traced in TS');
  } catch (e) {
    t.comment(`skipped: no PyTorch in /usr/bin/python3 (${(e as Error).message.split('\n')[0]})`);
  }
  const f = torch.jit.trace((a: torch.Tensor, b: torch.Tensor) => [a.mul(b), a.add(b)], [torch.ones(2), torch.full([2], 3.0)]);
  const [p, q] = f(torch.full([2], 2.0), torch.full([2], 5.0));
  t.same([p.tolist(), q.tolist()], [[10, 10], [7, 7]], 'a traced function of two tensors returning two');
});

t.test('nn modules serve with forwardAsync: 8 concurrent ResNet18 inferences while a timer keeps firing', async (t) => {
  torch.manualSeed(1);
  const net = torchvision.models.resnet18().eval();
  const inputs = Array.from({ length: 8 }, () => torch.randn([1, 3, 112, 112]));
  const want = inputs.map((x) => torch.noGrad(() => net(x)));
  await net.forwardAsync(inputs[0]); // the first call traces, on the JS thread
  let ticks = 0, longest = 0, last = Date.now();
  const timer = setInterval(() => {
    ticks++;
    longest = Math.max(longest, Date.now() - last);
    last = Date.now();
  }, 2);
  const started = Date.now();
  const got = await Promise.all(inputs.map((x) => net.forwardAsync(x)));
  const took = Date.now() - started;
  clearInterval(timer);
  t.ok(got.every((g, i) => g.allclose(want[i], 1e-5, 1e-5)), 'each request gets its own result');
  t.ok(ticks >= 3, `the timer fired ${ticks} times during ${took} ms of inference (longest gap ${longest} ms)`);
  t.equal(got[0].requiresGrad, false, 'under noGrad');
  net.train();
  const trainOut = await net.forwardAsync(inputs[0]);
  t.notOk(trainOut.allclose(want[0]), 'switching to train() traces again (batch statistics)');
});
