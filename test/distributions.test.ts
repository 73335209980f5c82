// torch.distributions against PyTorch's (test/fixtures/distributions.json, made by
// scripts/make_distributions_fixtures.py): every property and method of each distribution, seeded
// samples, reparameterised gradients, KL divergences, and the errors with PyTorch's messages.
import t from 'tap';
import * as torch from 'torch-node';
import { fixture, fromFixture, mismatch } from './helpers.js';

const D = torch.distributions;
// Python's exception classes as torch-node throws them (docs/porting.md)
const ERROR_NAMES: Record<string, string> = { ValueError: 'RangeError', TypeError: 'TypeError', NotImplementedError: 'NotImplementedError', RuntimeError: 'TorchError' };

/**
 * Python's TypeError text as torch-node's binder words it (docs/porting.md): the callable without
 * `.__init__`, and positional counts without `self`.
 */
const bindersWording = (m: string) => m.replace('.__init__()', '()')
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
