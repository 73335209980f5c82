// torch.save / torch.load in PyTorch's zip format, both directions: a file saved by Python's
// torch.save loads here (committed fixture), and a file saved here loads in Python.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { writeFileSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import * as torch from 'torch-node';
import { fixture, fixturePath, mismatch, python, hasPythonTorch } from './helpers.js';
import { tempDir } from './temp-dir.js';

const { nn, optim } = torch;
const tmp = () => tempDir('torch-node-save-');

t.test('a checkpoint saved by Python loads', async (t) => {
  const ref = fixture('python_saved.json');
  const ck = torch.load(fixturePath('python_saved.pth'));
  t.equal(ck.epoch, 7);
  t.equal(ck.note, 'saved by PyTorch');
  t.same(ck.values, [1.5, 2, true, null]);
  t.equal(ck.half.dtype, torch.float16);
  t.same(ck.half.tolist(), [1.5, -2.25]);
  t.same(ck.view.tolist(), [1, 5, 9], 'a strided view keeps its offset and strides');
  for (const [k, v] of Object.entries(ref.model)) t.equal(mismatch(ck.model[k], v, 0, 0), null, `model ${k}`);
  t.equal(mismatch(ck.optimizer.state[0].momentum_buffer, ref.momentum0, 0, 0), null, 'optimizer state');
  t.equal(ck.optimizer.param_groups[0].lr, 0.01);
  torch.manualSeed(5);
  const small = new nn.Sequential(new nn.Conv2d(1, 2, 3), new nn.BatchNorm2d(2), new nn.Flatten(), new nn.Linear(2 * 4 * 4, 3));
  small.loadStateDict(ck.model);
  const sgd = new optim.SGD(small.parameters(), { lr: 0.5, momentum: 0.9 });
  sgd.loadStateDict(ck.optimizer);
  t.equal(sgd.paramGroups[0].lr, 0.01, 'an optimizer resumes from a Python state dict');
  t.ok(sgd.state.get(small.get(0).stateDict({ keepVars: true }).weight), 'with its momentum buffers attached to the right parameters');
});

t.test('save and load round trip', async (t) => {
  const dir = tmp();
  const file = path.join(dir, 'ckpt.pth');
  const net = new nn.Sequential(new nn.Linear(3, 4), new nn.BatchNorm1d(4));
  const opt = new optim.Adam(net.parameters(), { lr: 0.01 });
  net(torch.randn(5, 3)).sum().backward();
  opt.step();
  const obj = {
    model: net.stateDict(), optimizer: opt.stateDict(), epoch: 3, name: 'run-1', lrs: [0.1, 0.01], flag: false, none: null,
    big: 2n ** 40n, i64: torch.tensor([1n, -2n]), b: torch.tensor([true, false]), h: torch.tensor([0.5], { dtype: torch.bfloat16 }),
    nested: { list: [torch.ones(2), { deep: torch.zeros(1) }] }, transposed: torch.arange(6).view(2, 3).t(),
  };
  torch.save(obj, file);
  t.same(readdirSync(dir), ['ckpt.pth'], 'no temporary file left behind');
  const back = torch.load(file);
  t.same(Object.keys(back), Object.keys(obj));
  for (const [k, v] of Object.entries(obj.model)) t.same(back.model[k].tolist(), v.tolist(), `model ${k}`);
  t.equal(back.epoch, 3);
  t.equal(back.name, 'run-1');
  t.same(back.lrs, [0.1, 0.01]);
  t.equal(back.flag, false);
  t.equal(back.none, null);
  t.equal(back.big, 2 ** 40);
  t.equal(back.i64.dtype, torch.int64);
  t.same(back.b.tolist(), [true, false]);
  t.equal(back.h.dtype, torch.bfloat16);
  t.same(back.nested.list[1].deep.tolist(), [0]);
  t.same(back.transposed.tolist(), [[0, 3], [1, 4], [2, 5]]);
  const net2 = new nn.Sequential(new nn.Linear(3, 4), new nn.BatchNorm1d(4));
  net2.loadStateDict(back.model);
  const opt2 = new optim.Adam(net2.parameters());
  opt2.loadStateDict(back.optimizer);
  t.equal(opt2.paramGroups[0].lr, 0.01);
  t.same(back.optimizer.state[0].step.tolist(), 1);
  const p = new nn.Parameter(torch.ones(2));
  torch.save(p, file);
  const lp = torch.load(file);
  t.ok(lp instanceof nn.Parameter && lp.requiresGrad, 'a Parameter loads as a Parameter');
  t.equal(torch.load(file, { mapLocation: 'cpu' }).device.type, 'cpu', 'mapLocation');
  t.equal(torch.load(file, { mapLocation: (s: torch.Tensor) => s.double() }).dtype, torch.float64, 'mapLocation as a function');
});

t.test('bad files give clear errors and a failed save keeps the old file', async (t) => {
  const dir = tmp();
  const good = path.join(dir, 'good.pth');
  torch.save({ w: torch.ones(3) }, good);
  const before = readFileSync(good);
  t.throws(() => torch.save({ f: () => 1 }, good), /torch.save cannot store a value of type Function/);
  t.same(readFileSync(good), before, 'the good file is untouched');
  t.same(readdirSync(dir), ['good.pth'], 'and no temporary file remains');
  const foreign = path.join(dir, 'foreign.pth');
  writeFileSync(foreign, 'not a zip at all');
  t.throws(() => torch.load(foreign), /is not a PyTorch file/);
  const truncated = path.join(dir, 'truncated.pth');
  writeFileSync(truncated, before.subarray(0, Math.floor(before.length / 2)));
  t.throws(() => torch.load(truncated), /torch.load/);
  t.throws(() => torch.load(path.join(dir, 'missing.pth')), /no such file/);
  t.throws(() => torch.save({}, 5 as any), /Expected a file path for f/);
});


t.test('a file saved here loads in Python', { skip: hasPythonTorch ? false : `no PyTorch at ${python} (apt-get install python3-torch)` }, async (t) => {
  const file = path.join(tmp(), 'from_ts.pth');
  torch.manualSeed(0);
  const net = new nn.Sequential(new nn.Conv2d(1, 2, 3), new nn.BatchNorm2d(2), new nn.Flatten(), new nn.Linear(8, 3));
  const opt = new optim.SGD(net.parameters(), { lr: 0.1, momentum: 0.9 });
  net(torch.randn(2, 1, 4, 4)).sum().backward();
  opt.step();
  torch.save({ model: net.stateDict(), optimizer: opt.stateDict(), epoch: 2, x: torch.arange(6).view(2, 3).t() }, file);
  const out = execFileSync(python, ['-c', `
import torch, json
ck = torch.load(${JSON.stringify(file)})
net = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3), torch.nn.BatchNorm2d(2), torch.nn.Flatten(), torch.nn.Linear(8, 3))
net.load_state_dict(ck['model'])
opt = torch.optim.SGD(net.parameters(), lr=0.5, momentum=0.9)
opt.load_state_dict(ck['optimizer'])
print(json.dumps({'epoch': ck['epoch'], 'x': ck['x'].tolist(), 'lr': opt.param_groups[0]['lr'], 'w': net[3].bias.tolist(), 'nbt': int(net[1].num_batches_tracked)}))
`], { encoding: 'utf8' });
  const r = JSON.parse(out);
  t.equal(r.epoch, 2);
  t.same(r.x, [[0, 3], [1, 4], [2, 5]]);
  t.equal(r.lr, 0.1);
  t.ok(r.w.every((v: number, i: number) => Math.abs(v - net.get(3).stateDict().bias.tolist<number[]>()[i]) < 1e-7), 'values arrive intact');
  t.equal(r.nbt, 1);
  t.ok(existsSync(file));
});

t.test("PyTorch's torch.load(f, weights_only=True) reads every kind of checkpoint torch-node writes", { skip: hasPythonTorch ? false : `no PyTorch at ${python} (apt-get install python3-torch)` }, async (t) => {
  const dir = tmp();
  torch.manualSeed(1);
  const net = new nn.Sequential(new nn.Linear(3, 4), new nn.BatchNorm1d(4), new nn.Linear(4, 2));
  const adam = new optim.Adam(net.parameters(), { lr: 0.01 });
  const sched = new optim.lrScheduler.StepLR(adam, 2, { gamma: 0.5 });
  for (let i = 0; i < 3; i++) {
    adam.zeroGrad();
    net(torch.randn(5, 3)).sum().backward();
    adam.step();
    sched.step();
  }
  const files = {
    state: path.join(dir, 'state.pth'), optimizer: path.join(dir, 'optim.pth'), checkpoint: path.join(dir, 'ckpt.pth'),
  };
  torch.save(net.stateDict(), files.state);
  torch.save(adam.stateDict(), files.optimizer);
  torch.save({ epoch: 3, model: net.stateDict(), optimizer: adam.stateDict(), scheduler: sched.stateDict(), best: 0.25, tag: 'run', ids: torch.tensor([1n, 2n]), half: torch.ones(2, { dtype: torch.bfloat16 }) }, files.checkpoint);
  const out = execFileSync(python, ['-c', `
import json, sys, torch
files = json.loads(sys.argv[1])
# 2.x's default; 1.13's weights-only reader cannot read floats at all (not even its own), so 1.13 loads as it does by default
safe = {'weights_only': True} if int(torch.__version__.split('.')[0]) >= 2 else {}
net = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.BatchNorm1d(4), torch.nn.Linear(4, 2))
net.load_state_dict(torch.load(files['state'], **safe))
adam = torch.optim.Adam(net.parameters(), lr=0.5)
adam.load_state_dict(torch.load(files['optimizer'], **safe))
ck = torch.load(files['checkpoint'], **safe)
net.load_state_dict(ck['model'])
adam2 = torch.optim.Adam(net.parameters(), lr=0.5)
adam2.load_state_dict(ck['optimizer'])
sched = torch.optim.lr_scheduler.StepLR(adam2, 7, gamma=0.9)
sched.load_state_dict(ck['scheduler'])
before = [sched.step_size, sched.gamma, sched.last_epoch, sched.get_last_lr()]
adam2.step(); sched.step()
print(json.dumps({'torch': torch.__version__, 'safe': bool(safe), 'epoch': ck['epoch'], 'best': ck['best'], 'tag': ck['tag'], 'ids': ck['ids'].tolist(), 'half': str(ck['half'].dtype),
  'lr': adam.param_groups[0]['lr'], 'step': float(adam.state_dict()['state'][0]['step']), 'bias': net[2].bias.tolist(),
  'sched': before[:3], 'lastLr': before[3], 'nextLr': sched.get_last_lr()}))
`, JSON.stringify(files)], { encoding: 'utf8' });
  const r = JSON.parse(out);
  t.comment(`read by PyTorch ${r.torch}${r.safe ? ' with weights_only=True' : ''}`);
  t.same([r.epoch, r.best, r.tag, r.ids, r.half], [3, 0.25, 'run', [1, 2], 'torch.bfloat16']);
  t.equal(r.lr, 0.005, "the optimizer's learning rate after 3 scheduler steps");
  t.equal(r.step, 3, "Adam's step count");
  t.ok(r.bias.every((v: number, i: number) => Math.abs(v - (net.get(2).stateDict().bias.tolist() as number[])[i]) < 1e-7), 'weights intact');
  t.same(r.sched, [2, 0.5, 3], "Python's StepLR takes torch-node's step size, gamma and epoch");
  t.same(r.lastLr, [0.005]);
  t.same(r.nextLr, [0.0025], 'and schedules on from there as torch-node would');
  // and the reverse: Python's scheduler state loads into torch-node's
  const s2 = new optim.lrScheduler.StepLR(new optim.SGD(net.parameters(), { lr: 1 }), 9);
  s2.loadStateDict(torch.load(files.checkpoint).scheduler);
  t.same([s2.stepSize, s2.lastEpoch, s2.getLastLr()], [2, 3, [0.005]]);
});

t.test('whole modules: torch.save(model) / torch.load for registered classes, refused by name otherwise', async (t) => {
  class WholeNet extends torch.nn.Module {
    declare fc1: torch.nn.Linear;
    declare fc2: torch.nn.Linear;
    constructor() {
      super();
      this.fc1 = new torch.nn.Linear(4, 3);
      this.fc2 = new torch.nn.Linear(3, 2);
    }
    forward(x: torch.Tensor) {
      return this.fc2(this.fc1(x).relu());
    }
  }
  const dir = tempDir('torch-node-whole-');
  const file = path.join(dir, 'net.pt');
  const net = new WholeNet().eval();
  t.throws(() => torch.save(net, file), { name: 'TypeError', message: /module class 'WholeNet' is not registered. Call torch.serialization.registerModule\(WholeNet\)/ });
  t.notOk(existsSync(file), 'nothing written');
  torch.serialization.registerModule(WholeNet);
  torch.save({ model: net, epoch: 3 }, file);
  const back = torch.load(file) as { model: WholeNet; epoch: number };
  t.equal(back.epoch, 3);
  t.ok(back.model instanceof WholeNet, 'the same class');
  t.equal(back.model.training, false, 'and mode');
  const x = torch.randn(2, 4);
  t.ok(torch.equal(back.model(x), net(x)), 'and weights');
  torch.save({ __torch_node_module__: 'NotRegisteredNet', training: true, state_dict: {} }, file);
  t.throws(() => torch.load(file), { name: 'TypeError', message: /torch.load: the module class 'NotRegisteredNet' is not registered/ });
  t.throws(() => torch.serialization.registerModule(class extends torch.nn.Module {}, 'WholeNet'), /another class is already registered as 'WholeNet'/);
});
