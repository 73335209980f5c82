// torch.optim and the lr schedulers against PyTorch: each optimizer's parameter trajectory over
// 10 steps, its state-dict layout, and each scheduler's learning-rate sequence.
import t from 'tap';
import * as torch from 'torch-node';
import { fixture, fromFixture, mismatch } from './helpers.js';

const { optim } = torch;
const data = fixture('optim.json');
const sched = fixture('schedulers.json');

type P = torch.Tensor[];
const OPTIMS: Record<string, (p: P) => torch.optim.Optimizer> = {
  SGD: (p) => new optim.SGD(p, { lr: 0.1 }),
  SGDMomentum: (p) => new optim.SGD(p, { lr: 0.05, momentum: 0.9, weightDecay: 0.01 }),
  SGDNesterov: (p) => new optim.SGD(p, { lr: 0.05, momentum: 0.9, nesterov: true }),
  SGDDampening: (p) => new optim.SGD(p, { lr: 0.05, momentum: 0.9, dampening: 0.5 }),
  Adam: (p) => new optim.Adam(p, { lr: 0.05 }),
  AdamAmsgrad: (p) => new optim.Adam(p, { lr: 0.05, amsgrad: true, weightDecay: 0.1 }),
  AdamW: (p) => new optim.AdamW(p, { lr: 0.05 }),
  AdamWAmsgrad: (p) => new optim.AdamW(p, { lr: 0.05, amsgrad: true, betas: [0.8, 0.9] }),
  RMSprop: (p) => new optim.RMSprop(p, { lr: 0.01 }),
  RMSpropCentered: (p) => new optim.RMSprop(p, { lr: 0.01, momentum: 0.5, centered: true, weightDecay: 0.1 }),
  Adagrad: (p) => new optim.Adagrad(p, { lr: 0.1 }),
  AdagradDecay: (p) => new optim.Adagrad(p, { lr: 0.1, lrDecay: 0.01, initialAccumulatorValue: 0.1 }),
  SGDGroups: (p) => new optim.SGD([{ params: p.slice(0, 1) }, { params: p.slice(1), lr: 0.01 }], { lr: 0.1, momentum: 0.5 }),
};

t.test('every optimizer follows PyTorch for 10 steps', async (t) => {
  for (const c of data.optimizers) {
    const params = c.start.map((s: any) => fromFixture(s).requiresGrad_());
    const opt = OPTIMS[c.name](params);
    let worst: string | null = null;
    for (let step = 0; step < 10 && !worst; step++) {
      opt.zeroGrad();
      const loss = params[0].pow(2).mul(torch.tensor([1, 3])).sum()
        .add(params[1].sub(0.5).pow(2).sum())
        .add(params[0].sum().mul(params[1].sum()).mul(0.1));
      loss.backward();
      opt.step();
      params.forEach((p: torch.Tensor, i: number) => (worst ??= mismatch(p, c.trajectory[step][i], 1e-5, 1e-6, `step ${step + 1} param ${i}`)));
    }
    t.equal(worst, null, `${c.name}: ${c.python}`);
    const sd = opt.stateDict();
    const keys = Object.fromEntries(Object.entries(sd.state).map(([k, v]) => [k, Object.keys(v).sort()]));
    t.same(keys, c.stateKeys, `${c.name}: state-dict state keys`);
    t.same(sd.param_groups.map((g) => Object.keys(g).sort()), c.paramGroups.map((g: object) => Object.keys(g).sort()), `${c.name}: param_groups keys`);
    sd.param_groups.forEach((g, i) => t.same(g.params, c.paramGroups[i].params, `${c.name}: param ids`));
  }
});

t.test('optimizer state dicts round-trip, zeroGrad, closures, bad options', async (t) => {
  const p = torch.ones(2, { requiresGrad: true });
  const opt = new optim.Adam([p], { lr: 0.1 });
  p.sum().backward();
  opt.step();
  const sd = opt.stateDict();
  const q = torch.ones(2, { requiresGrad: true });
  const opt2 = new optim.Adam([q], { lr: 0.5 });
  opt2.loadStateDict(sd);
  t.equal(opt2.paramGroups[0].lr, 0.1, 'hyperparameters load');
  t.same(opt2.state.get(q)!.expAvg.tolist(), opt.state.get(p)!.expAvg.tolist(), 'state loads onto the new parameters');
  opt.zeroGrad();
  t.equal(p.grad, null, 'zeroGrad() sets gradients to None by default');
  p.sum().backward();
  opt.zeroGrad({ setToNone: false });
  t.same(p.grad!.tolist(), [0, 0], 'zeroGrad({ setToNone: false }) zeroes them');
  const loss = opt.step(() => {
    opt.zeroGrad();
    const l = p.pow(2).sum();
    l.backward();
    return l;
  });
  t.ok(loss instanceof torch.Tensor, 'step(closure) returns the loss');
  opt.addParamGroup({ params: [torch.zeros(1, { requiresGrad: true })], lr: 0.01 });
  t.equal(opt.paramGroups.length, 2);
  t.equal(opt.paramGroups[1].eps, 1e-8, 'a new group takes the defaults');
  t.throws(() => opt.addParamGroup({ params: [p] }), /more than one parameter group/);
  t.throws(() => new optim.SGD([p], { lr: -1 }), /Expected non-negative number for lr but received -1 of type number/);
  t.throws(() => new optim.SGD([], { lr: 0.1 }), /empty parameter list/);
  t.throws(() => new optim.SGD([p], { lr: 0.1, nesterov: true }), /Nesterov momentum requires a momentum and zero dampening/);
  t.throws(() => new optim.Adam([p], { betas: [1.5, 0.9] }), /Expected two numbers in \[0, 1\) for betas/);
  t.throws(() => new optim.SGD([p.mul(2)], { lr: 0.1 }), /can't optimize a non-leaf Tensor/);
  t.match(String(new optim.SGD([p], { lr: 0.1 })), /^SGD \(\nParameter Group 0\n    dampening: 0\n/);
});

const SCHEDS: Record<string, (o: torch.optim.Optimizer) => any> = {
  StepLR: (o) => new optim.lrScheduler.StepLR(o, 3, { gamma: 0.5 }),
  MultiStepLR: (o) => new optim.lrScheduler.MultiStepLR(o, [2, 5, 5, 9], { gamma: 0.3 }),
  ExponentialLR: (o) => new optim.lrScheduler.ExponentialLR(o, 0.9),
  CosineAnnealingLR: (o) => new optim.lrScheduler.CosineAnnealingLR(o, 5, { etaMin: 0.01 }),
  LinearLR: (o) => new optim.lrScheduler.LinearLR(o, { startFactor: 0.25, totalIters: 4 }),
  LambdaLR: (o) => new optim.lrScheduler.LambdaLR(o, (e) => 0.95 ** e),
  OneCycleLR: (o) => new optim.lrScheduler.OneCycleLR(o, 1.0, { totalSteps: 21 }),
  OneCycleLRLinear3: (o) => new optim.lrScheduler.OneCycleLR(o, 0.5, { totalSteps: 21, annealStrategy: 'linear', threePhase: true }),
  SequentialLR: (o) => new optim.lrScheduler.SequentialLR(o, [new optim.lrScheduler.LinearLR(o, { startFactor: 0.5, totalIters: 3 }), new optim.lrScheduler.ExponentialLR(o, 0.8)], [4]),
  ReduceLROnPlateau: (o) => new optim.lrScheduler.ReduceLROnPlateau(o, { patience: 2, factor: 0.5 }),
};

t.test('every lr scheduler gives PyTorch’s learning rates', async (t) => {
  for (const c of sched.schedulers) {
    const p = torch.zeros(1, { requiresGrad: true });
    const opt = new optim.SGD([p], { lr: 0.1, momentum: 0.9 });
    const s = SCHEDS[c.name](opt);
    const lrs = [opt.paramGroups[0].lr];
    const moms = [opt.paramGroups[0].momentum as number];
    for (let i = 0; i < 20; i++) {
      opt.step();
      if (c.name === 'ReduceLROnPlateau') s.step(sched.metrics[i]);
      else s.step();
      lrs.push(opt.paramGroups[0].lr);
      moms.push(opt.paramGroups[0].momentum as number);
    }
    const bad = lrs.findIndex((lr, i) => Math.abs(lr - c.lrs[i]) > 1e-9 * Math.max(1, Math.abs(c.lrs[i])));
    t.equal(bad, -1, `${c.name}: learning rates${bad >= 0 ? ` (step ${bad}: ${lrs[bad]} vs ${c.lrs[bad]})` : ''}`);
    const badM = moms.findIndex((m, i) => Math.abs(m - c.momentums[i]) > 1e-9);
    t.equal(badM, -1, `${c.name}: momentum`);
    t.same(s.getLastLr(), [lrs[20]], `${c.name}: getLastLr()`);
  }
});
