// The rest of torch.optim against PyTorch (scripts/make_optim_surface_fixtures.py): each optimizer,
// built from the TypeScript a port writes, minimises the same least-squares problem from the same
// start and must follow PyTorch's trajectory step by step (the loss and every parameter).
import t from 'tap';
import * as torch from 'torch-node';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fixture, fixturesDir } from './helpers.js';

const { optim } = torch;
interface Case { name: string; python: string; ts: string; losses: number[]; steps: number[][][] }
const fx = fixture<{ torch: string; A: number[][]; B: number[]; start: number[][]; cases: Case[] }>('optim_surface.json');
const A = torch.tensor(fx.A), B = torch.tensor(fx.B);
// PyTorch 1.13's NAdam multiplied mu into mu_product_next twice (fixed in 2.x): torch-node follows the fix
const newest = JSON.parse(readFileSync(path.join(fixturesDir, 'torch-2.14', 'optim_surface.json'), 'utf8')) as typeof fx;
const cases = fx.torch.startsWith('1.') ? fx.cases.map((c) => (c.name === 'NAdam' ? newest.cases.find((n) => n.name === 'NAdam')! : c)) : fx.cases;

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-5 + 1e-4 * Math.abs(b);
for (const c of cases) {
  t.test(`${c.name}: ${c.ts}`, async (t) => {
    const params = fx.start.map((v) => torch.tensor(v, { requiresGrad: true }));
    const opt = new Function('optim', 'params', `return ${c.ts}`)(optim, params) as torch.optim.Optimizer;
    const closure = () => {
      opt.zeroGrad();
      const [w, b] = params;
      const loss = A.matmul(w).add(b).sub(B).pow(2).mean();
      loss.backward();
      return loss;
    };
    for (let i = 0; i < c.steps.length; i++) {
      const loss = (opt.step(closure) as torch.Tensor).item() as number;
      t.ok(close(loss, c.losses[i]), `step ${i + 1}: loss ${loss} vs PyTorch's ${c.losses[i]}`);
      const got = params.map((p) => p.detach().tolist() as number[]);
      const same = got.every((v, j) => v.every((x, k) => close(x, c.steps[i][j][k])));
      t.ok(same, `step ${i + 1}: parameters ${JSON.stringify(got)} vs PyTorch's ${JSON.stringify(c.steps[i])}`);
    }
  });
}

t.test('LBFGS needs a closure, and a line search other than strong_wolfe is refused', async (t) => {
  const p = torch.zeros(2, { requiresGrad: true });
  t.throws(() => new optim.LBFGS([p]).step(), /requires a closure/);
  t.throws(() => new optim.LBFGS([p], { lineSearchFn: 'backtracking' }), /only 'strong_wolfe' is supported/);
});

t.test("the remaining lr schedulers give PyTorch's learning rates and momentums", async (t) => {
  const all = fx as typeof fx & { schedulers: { name: string; ts: string; lrs: number[]; momentums: number[] }[] };
  for (const c of all.schedulers) {
    const p = torch.zeros(1, { requiresGrad: true });
    const opt = new optim.SGD([p], { lr: 0.1, momentum: 0.9 });
    const s = new Function('optim', 'opt', `return ${c.ts}`)(optim, opt) as { step(): void; getLastLr(): number[] };
    const lrs = [opt.paramGroups[0].lr], moms = [opt.paramGroups[0].momentum as number];
    for (let i = 0; i < 20; i++) {
      opt.step();
      s.step();
      lrs.push(opt.paramGroups[0].lr);
      moms.push(opt.paramGroups[0].momentum as number);
    }
    const bad = lrs.findIndex((lr, i) => Math.abs(lr - c.lrs[i]) > 1e-9 * Math.max(1, Math.abs(c.lrs[i])));
    t.equal(bad, -1, `${c.ts}: learning rates${bad >= 0 ? ` (step ${bad}: ${lrs[bad]} vs ${c.lrs[bad]})` : ''}`);
    const badM = moms.findIndex((m, i) => Math.abs(m - c.momentums[i]) > 1e-9);
    t.equal(badM, -1, `${c.name}: momentum${badM >= 0 ? ` (step ${badM}: ${moms[badM]} vs ${c.momentums[badM]})` : ''}`);
    t.same(s.getLastLr(), [lrs[20]], `${c.name}: getLastLr()`);
  }
});

// the optimizers for matrices, written as a port writes them; trajectories from PyTorch 2.14 (they
// are not in earlier PyTorch), on every libtorch
const matrixFx = newest as typeof newest & { X: number[][]; Y: number[][]; matrixStart: number[][][]; matrixCases: (Case & { stateKeys: string[]; groupKeys: string[] })[] };
const MATRIX: Record<string, (params: torch.Tensor[]) => torch.optim.Optimizer> = {
  Adafactor: (params) => new optim.Adafactor(params, { lr: 0.05 }),
  AdafactorDecay: (params) => new optim.Adafactor(params, { lr: 0.02, beta2Decay: -0.5, eps: [1e-20, 0.01], d: 1.5, weightDecay: 0.1, maximize: false }),
  Muon: (params) => new optim.Muon([params[0]], { lr: 0.05 }),
  MuonPlain: (params) => new optim.Muon([params[0]], 0.02, 0.0, 0.8, false, { nsSteps: 3, adjustLrFn: 'match_rms_adamw' }),
};
for (const c of matrixFx.matrixCases) {
  t.test(`${c.name}: ${c.python}`, async (t) => {
    const X = torch.tensor(matrixFx.X), Y = torch.tensor(matrixFx.Y);
    const params = matrixFx.matrixStart.map((v) => torch.tensor(v, { requiresGrad: true }));
    const opt = MATRIX[c.name](params);
    // Muon orthogonalises in bfloat16: libtorch 2.14 (the fixture's) rounds as PyTorch 2.14 does;
    // older libtorch's bfloat16 matmul kernels round differently, and the steps drift by up to 0.05
    const own = torch.version.libtorch.startsWith('2.14');
    const tol = c.name.startsWith('Muon') && !own ? (a: number, b: number) => Math.abs(a - b) <= 5e-2 : close;
    for (let i = 0; i < c.steps.length; i++) {
      opt.zeroGrad();
      const [W, b] = params;
      const loss = X.matmul(W).add(b).sub(Y).pow(2).mean();
      loss.backward();
      opt.step();
      t.ok(tol(loss.item() as number, c.losses[i]), `step ${i + 1}: loss ${loss.item()} vs PyTorch's ${c.losses[i]}`);
      const got = params.map((p) => p.detach().reshape(-1).tolist() as number[]);
      const want = c.steps[i].map((v) => (v as unknown as number[] | number[][]).flat());
      t.ok(got.every((v, j) => v.every((x, k) => tol(x, want[j][k]))), `step ${i + 1}: parameters ${JSON.stringify(got)} vs PyTorch's ${JSON.stringify(want)}`);
    }
    const sd = opt.stateDict();
    t.same(Object.keys(sd.param_groups[0]).filter((k) => k !== 'params'), c.groupKeys, 'param group keys as PyTorch');
    t.same(Object.keys(sd.state[0]).sort(), c.stateKeys, 'state keys as PyTorch');
  });
}
t.test('Adafactor and Muon refuse what PyTorch refuses', async (t) => {
  const w = torch.zeros([2, 2], { requiresGrad: true });
  t.throws(() => new optim.Adafactor([w], { d: 0.5 }), /Clipping threshold d should be >= 1 but is: 0.5/);
  t.throws(() => new optim.Adafactor([w], { beta2Decay: 0.1 }), /beta2_decay should be <= 0 but is: 0.1/);
  t.throws(() => new optim.Muon([torch.zeros([3], { requiresGrad: true })]), /Muon only supports 2D parameters whereas we found a parameter with size: torch.Size\(\[3\]\)/);
  t.throws(() => new optim.Muon([w], { adjustLrFn: 'other' }), /Adjust learning rate function other is not supported/);
});
