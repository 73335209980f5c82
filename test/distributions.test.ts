// torch.distributions against PyTorch's (test/fixtures/distributions.json, made by
// scripts/make_distributions_fixtures.py): every property and method of each distribution, seeded
// samples, reparameterised gradients, KL divergences, and the errors with PyTorch's messages.
import t from 'tap';
import * as torch from 'torch-node';
import { fixture, fromFixture, mismatch } from './helpers.js';

const D = torch.distributions;
// Python's exception classes as torch-node throws them (docs/porting.md)
const ERROR_NAMES: Record<string, string> = { ValueError: 'RangeError', AssertionError: 'RangeError', TypeError: 'TypeError', NotImplementedError: 'NotImplementedError', RuntimeError: 'TorchError' };

/**
 * Python's TypeError text as torch-node's binder words it (docs/porting.md): the callable without
 * `.__init__`, the method camelCased, and positional counts without `self`.
 */
const bindersWording = (m: string) => m.replace('.__init__()', '()')
  .replace(/^(\w+)\.(\w+)\(\)/, (_, c: string, f: string) => `${c}.${f.replace(/_([a-z])/g, (__, l: string) => l.toUpperCase())}()`)
  .replace(/takes from (\d+) to (\d+) positional arguments but (\d+) were given/, (_, a, b, c) => `takes from ${a - 1} to ${b - 1} positional arguments but ${c - 1} were given`);

function seeded<R>(f: () => R): R {
  torch.manualSeed(0);
  return f();
}
function rgrad(f: (...p: torch.Tensor[]) => torch.Tensor, ...params: torch.Tensor[]): (torch.Tensor | null)[] {
  torch.manualSeed(0);
  const ps = params.map((p) => p.detach().clone().requiresGrad_());
  f(...ps).backward();
  return ps.map((p) => p.grad);
}

t.test('torch.distributions as PyTorch computes them (scripts/make_distributions_fixtures.py)', async (t) => {
  const fx = fixture('distributions.json');
  const scope: Record<string, unknown> = { torch, D, TR: D.transforms, seeded, rgrad };
  for (const [name, enc] of Object.entries(fx.inputs as Record<string, any>)) scope[name] = fromFixture(enc);
  const names = Object.keys(scope);
  let checked = 0;
  for (const c of fx.cases) {
    const run = () => new Function(...names, `return ${c.ts}`)(...names.map((n) => scope[n]));
    if (c.error) {
      let thrown: unknown;
      try { run(); } catch (e) { thrown = e; }
      const e = thrown as Error | undefined;
      t.equal(e?.name, ERROR_NAMES[c.error] ?? c.error, `${c.py} throws (${c.ts})`);
      if (c.error === 'TypeError') t.match(e?.message, bindersWording(c.message), `${c.py}: message`);
      else t.equal(e?.message, c.message, `${c.py}: message`);
      continue;
    }
    let r: unknown;
    try { r = run(); } catch (e) { t.fail(`${c.py}: ${c.ts} threw ${(e as Error).stack}`); continue; }
    if (typeof r === 'string' || typeof r === 'boolean') t.equal(r, c.result, `${c.py}: ${c.ts}`);
    else t.equal(mismatch(r, c.result), null, `${c.py}: ${c.ts}`);
    checked++;
  }
  t.ok(checked > 400, `${checked} values compared`);
});

t.test('distributions in the style of the tutorials: REINFORCE with Categorical, a VAE reparameterisation', async (t) => {
  // pytorch/examples reinforcement_learning/reinforce.py: select_action and the policy loss
  torch.manualSeed(0);
  const policy = new torch.nn.Linear(4, 2);
  const state = torch.randn(4);
  const probs = torch.nn.functional.softmax(policy(state.unsqueeze(0)), 1);
  const m = new D.Categorical(probs);
  const action = m.sample();
  t.equal(action.dtype, torch.int64);
  t.same(action.shape, [1]);
  const loss = m.logProb(action).neg().mul(1.5).sum();
  loss.backward();
  t.ok(policy.weight.grad, 'the policy gradient reaches the parameters');
  // rsample is differentiable, sample is not
  const mu = torch.zeros(3, { requiresGrad: true });
  const n = new D.Normal(mu, 1);
  t.equal(n.sample().requiresGrad, false);
  t.equal(n.rsample().requiresGrad, true);
  // validation can be turned off globally, as in Python
  D.Distribution.setDefaultValidateArgs(false);
  try {
    t.doesNotThrow(() => new D.Normal(0, -1));
  } finally {
    D.Distribution.setDefaultValidateArgs(true);
  }
  t.throws(() => new D.Normal(0, -1), RangeError);
  // PyTorch 1.13 words this 'Uniform is not defined when low>= high'; 2.x checks the constraint
  t.throws(() => new D.Uniform(1, 0), { name: 'RangeError', message: 'Expected parameter low (Tensor of shape ()) of distribution Uniform(low: 1.0, high: 0.0) to satisfy the constraint LessThan(upper_bound=0.0), but found invalid values:\n1.0' });
  t.throws(() => D.Distribution.setDefaultValidateArgs(1 as never), RangeError);
  t.throws(() => new D.Independent(torch.zeros(2) as never, 1), { name: 'TypeError', message: /for base_distribution/ });
  // PyTorch 1.13's PowerTransform.sign was +1 whatever the exponent; 2.x's is the exponent's sign
  t.same(new D.transforms.PowerTransform(torch.tensor([-2, 3])).sign.tolist(), [-1, 1]);
  // log_prob of a value just sampled through a cached tanh: inverted from the cache, not by atanh
  const squashed = new D.TransformedDistribution(new D.Normal(torch.zeros(2), 1), new D.transforms.TanhTransform({ cacheSize: 1 }));
  const squashedAction = squashed.rsample();
  t.ok(squashed.logProb(squashedAction).isfinite().all().item(), 'finite even where atanh(action) would overflow');
  // a KL pair registered by the user wins over the generic one
  class MyNormal extends D.Normal {}
  const custom = D.registerKl(MyNormal, D.Normal, () => torch.tensor(42));
  t.equal(D.klDivergence(new MyNormal(0, 1), new D.Normal(0, 1)).item(), 42);
  t.equal(typeof custom, 'function');
  t.equal(D.klDivergence(new D.Normal(0, 1), new MyNormal(0, 1)).item(), 0, 'a subclass of q dispatches to (Normal, Normal)');
});

t.test('the rest of the surface as the tutorials use it: a Gaussian mixture fitted by its log-likelihood, Gumbel-softmax, biject_to', async (t) => {
  // a 1-D GMM of two components, its parameters unconstrained through biject_to as Pyro-style code does
  torch.manualSeed(0);
  const data = torch.cat([torch.randn(200).sub(2), torch.randn(200).mul(0.5).add(3)]);
  const logits = torch.zeros(2, { requiresGrad: true });
  const locs = torch.tensor([-1, 1], { requiresGrad: true });
  const rawScales = torch.zeros(2, { requiresGrad: true });
  const toScale = D.bijectTo(D.constraints.positive);
  const opt = new torch.optim.Adam([logits, locs, rawScales], { lr: 0.05 });
  const nll = () => new D.MixtureSameFamily(new D.Categorical({ logits }), new D.Normal(locs, toScale(rawScales))).logProb(data).mean().neg();
  const first = nll().item() as number;
  for (let i = 0; i < 150; i++) {
    opt.zeroGrad();
    const loss = nll();
    loss.backward();
    opt.step();
  }
  const last = nll().item() as number;
  t.ok(last < first - 0.3, `the mixture's NLL falls (${first.toFixed(3)} -> ${last.toFixed(3)})`);
  const sorted = locs.detach().sort().values.tolist() as number[];
  t.ok(Math.abs(sorted[0]! + 2) < 0.4 && Math.abs(sorted[1]! - 3) < 0.4, `the components find the two clusters (${sorted})`);
  // Python's x, not value, names MixtureSameFamily.log_prob's argument
  const gmm = new D.MixtureSameFamily(new D.Categorical(torch.tensor([0.5, 0.5])), new D.Normal(torch.tensor([0, 1]), 1));
  t.throws(() => gmm.logProb({ value: torch.tensor(0) } as never), { name: 'TypeError', message: /unexpected keyword argument 'value'/ });

  // Gumbel-softmax: a differentiable relaxed one-hot sample, near one-hot at a low temperature
  const policyLogits = torch.tensor([1, 2, 0.5], { requiresGrad: true });
  const relaxed = new D.RelaxedOneHotCategorical(0.1, { logits: policyLogits });
  const y = relaxed.rsample();
  t.ok(Math.abs((y.sum().item() as number) - 1) < 1e-5, 'on the simplex');
  t.ok((y.max().item() as number) > 0.9, 'near one-hot at temperature 0.1');
  y.mul(torch.tensor([1, 2, 3])).sum().backward();
  t.ok(policyLogits.grad, 'the gradient reaches the logits');

  // the decorator forms, as ported: @register_kl(P, Q) and @biject_to.register(constraint)
  class Flat extends D.Uniform {}
  const klFn = D.registerKl(Flat, D.Normal)((p: InstanceType<typeof Flat>) => torch.zerosLike(p.low));
  t.equal(typeof klFn, 'function');
  t.equal(D.klDivergence(new Flat(0, 1), new D.Normal(0, 1)).item(), 0);
  t.throws(() => D.registerKl(torch.zeros as never, D.Normal), { name: 'TypeError', message: /type_p to be a Distribution subclass/ });
  const registry = new D.constraintRegistry.ConstraintRegistry();
  (registry.register(D.constraints.positive) as (f: () => InstanceType<typeof D.ExpTransform>) => unknown)(() => new D.ExpTransform());
  t.equal(String(registry.call(D.constraints.positive)), 'ExpTransform()');
  t.throws(() => registry.call(D.constraints.real), { name: 'NotImplementedError', message: 'Cannot transform _Real constraints' });
  t.throws(() => D.bijectTo.register(42 as never, () => new D.ExpTransform()), { name: 'TypeError', message: /Constraint subclass or instance/ });
  // constraints bind as Python's classes: by keyword, and refuse what Python refuses
  t.equal(String(D.constraints.interval({ lowerBound: 0, upperBound: 1 })), 'Interval(lower_bound=0.0, upper_bound=1.0)');
  t.throws(() => D.constraints.interval(0, 1, 2 as never), { name: 'TypeError', message: /interval\(\) takes 2 positional arguments but 3 were given/ });
  t.throws(() => D.constraints.greaterThan({ lower: 0 } as never), { name: 'TypeError', message: /unexpected keyword argument 'lower'/ });
});

t.test('hostile parameters an unchecked distribution holds do not hang its sampler', async (t) => {
  for (const k of [NaN, Infinity, -1]) {
    const m = new D.VonMises(0, k, { validateArgs: false });
    t.throws(() => m.sample(), { name: 'RangeError', message: /finite positive values for concentration/ }, `concentration ${k}`);
  }
  t.throws(() => new D.VonMises(0, NaN), { name: 'RangeError', message: /constraint GreaterThan/ }, 'checked by default');
});

t.test('Wishart and LKJCholesky samples: in their support, with the moments PyTorch documents', async (t) => {
  // PyTorch's Wishart.rsample redraws every good sample once and warns; torch-node redraws only
  // singular ones (docs/porting.md), so its samples are checked by their moments, not PyTorch's values
  torch.manualSeed(0);
  const cov = torch.tensor([[2, 0.5], [0.5, 1]], { dtype: torch.float64 });
  const w = new D.Wishart(torch.tensor(5, { dtype: torch.float64 }), cov);
  const warnings: string[] = [];
  const onWarning = (e: Error) => warnings.push(e.message);
  process.on('warning', onWarning);
  const samples = w.sample([4000]);
  await new Promise((r) => setImmediate(r));
  process.off('warning', onWarning);
  t.same(warnings.filter((m) => /Singular/.test(m)), [], 'no warning for samples that are positive definite');
  t.ok(D.constraints.positiveDefinite.check(samples).all().item(), 'every sample positive definite');
  const err = samples.mean(0).sub(w.mean).abs().max().item() as number;
  t.ok(err < 0.6, `the sample mean is df * cov (max error ${err.toFixed(3)}; its standard error is about 0.1)`);
  const wr = new D.Wishart(torch.tensor(5, { dtype: torch.float64 }), { scaleTril: torch.linalg.cholesky(cov).requiresGrad_() });
  t.ok(wr.rsample([2], 3).requiresGrad, 'rsample is reparameterised, with maxTryCorrection by position');

  const lkj = new D.LKJCholesky(4, 2);
  const L = lkj.sample([500]);
  t.ok(D.constraints.corrCholesky.check(L).all().item(), 'LKJ samples are Cholesky factors of correlation matrices');
  const corr = L.matmul(L.mT);
  const offDiagonal = corr.select(-2, 0).select(-1, 1);
  // the LKJ(eta) marginal of an off-diagonal entry is Beta(eta - 1 + d/2, same) on [-1, 1]: variance 1 / (2 eta + d - 1)
  const variance = offDiagonal.var().item() as number;
  t.ok(Math.abs(variance - 1 / 7) < 0.04, `the off-diagonal variance is 1/(2*eta + d - 1) (${variance.toFixed(3)})`);
});
