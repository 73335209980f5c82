#!/usr/bin/python3
"""Reference values for torch.distributions (test/distributions.test.ts), made by PyTorch:
    /usr/bin/python3 scripts/make_distributions_fixtures.py
Writes test/fixtures/distributions.json (or torch-X.Y/distributions.json).
Each case: the Python expression, the same expression as a port writes it (D = torch.distributions),
and its result, or the exception it raises. Every distribution is asked for every property and
method it has (those PyTorch leaves unimplemented are left out); samples are drawn after
torch.manual_seed(0), and rgrad() gives the gradients of a reparameterised sample's sum.
"""
import json
import math
import os
import re
import sys

import torch
import torch.distributions as D

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_dir import fixtures_dir  # noqa: E402

T = torch.tensor
SCOPE = dict(
    torch=torch, D=D,
    loc=T([0., 1., -2.]), scale=T([1., .5, 2.]), x3=T([.3, 1.2, -1.]), q3=T([.1, .5, .9]),
    p3=T([.2, .5, .3]), P=T([[.1, .2, .7], [.5, .25, .25]]), L=T([[1., -1., .5], [0., 2., -3.]]), k2=T([2, 0]),
    pb=T([.1, .5, .9]), vb=T([1., 0., 1.]),
    low=T([0., -1., 2.]), high=T([1., 1., 5.]), xu=T([.5, 0., 4.]),
    rate=T([.5, 1., 3.]), xe=T([.1, 2., .7]), conc=T([.5, 1., 4.]), xp=T([0., 2., 5.]),
    mu=T([1., -1.]), cov=T([[2., .5], [.5, 1.]]), prec=T([[1., .2], [.2, .5]]), tril=T([[1.5, 0.], [-.5, .8]]),
    xm=T([[0., 0.], [1., -2.]]), mu2=T([[0., 1.], [2., -1.]]),
    onehot=T([[0., 0., 1.], [1., 0., 0.]]), scale23=T([[1., 2., .5], [.3, 1., 4.]]), loc23=T([[0., 1., 2.], [-1., 0., 1.]]),
)


def seeded(f):
    torch.manual_seed(0)
    return f()


def rgrad(f, *params):
    torch.manual_seed(0)
    ps = [p.detach().clone().requires_grad_() for p in params]
    f(*ps).backward()
    return [p.grad for p in ps]


SCOPE.update(seeded=seeded, rgrad=rgrad)

# (Python constructor, TypeScript constructor, a value in the support, a sample shape)
DISTS = [
    ('D.Normal(loc, scale)', 'new D.Normal(loc, scale)', 'x3'),
    ('D.Normal(0., 1.)', 'new D.Normal(0, 1)', 'x3'),
    ('D.Normal(loc=loc23, scale=2.)', 'new D.Normal({ loc: loc23, scale: 2 })', 'x3'),
    ('D.Bernoulli(pb)', 'new D.Bernoulli(pb)', 'vb'),
    ('D.Bernoulli(0.3)', 'new D.Bernoulli(0.3)', 'vb'),
    ('D.Bernoulli(logits=x3)', 'new D.Bernoulli({ logits: x3 })', 'vb'),
    ('D.Categorical(p3)', 'new D.Categorical(p3)', 'k2'),
    ('D.Categorical(probs=P)', 'new D.Categorical({ probs: P })', 'k2'),
    ('D.Categorical(logits=L)', 'new D.Categorical({ logits: L })', 'k2'),
    ('D.Categorical(P * 3)', 'new D.Categorical(P.mul(3))', 'k2'),
    ('D.OneHotCategorical(P)', 'new D.OneHotCategorical(P)', 'onehot'),
    ('D.OneHotCategorical(logits=L)', 'new D.OneHotCategorical({ logits: L })', 'onehot'),
    ('D.Uniform(low, high)', 'new D.Uniform(low, high)', 'xu'),
    ('D.Uniform(0., 2.)', 'new D.Uniform(0, 2)', 'xu.clamp(0, 1.5)'),
    ('D.Exponential(rate)', 'new D.Exponential(rate)', 'xe'),
    ('D.Laplace(loc, scale)', 'new D.Laplace(loc, scale)', 'x3'),
    ('D.Poisson(rate)', 'new D.Poisson(rate)', 'xp'),
    ('D.Gamma(conc, rate)', 'new D.Gamma(conc, rate)', 'xe'),
    ('D.Gamma(2., 0.5)', 'new D.Gamma(2, 0.5)', 'xe'),
    ('D.Independent(D.Normal(loc23, scale23), 1)', 'new D.Independent(new D.Normal(loc23, scale23), 1)', 'loc23.flip(0)'),
    ('D.Independent(D.Bernoulli(P), 2)', 'new D.Independent(new D.Bernoulli(P), 2)', 'onehot'),
    ('D.MultivariateNormal(mu, cov)', 'new D.MultivariateNormal(mu, cov)', 'xm'),
    ('D.MultivariateNormal(mu2, precision_matrix=prec)', 'new D.MultivariateNormal(mu2, { precisionMatrix: prec })', 'xm'),
    ('D.MultivariateNormal(mu, scale_tril=tril)', 'new D.MultivariateNormal(mu, { scaleTril: tril })', 'xm'),
]

# (Python, TypeScript) with `d` the distribution and `v` the value
PROPS = [
    ('d.batch_shape', 'd.batchShape'), ('d.event_shape', 'd.eventShape'), ('repr(d)', 'String(d)'),
    ('d.has_rsample', 'd.hasRsample'), ('d.has_enumerate_support', 'd.hasEnumerateSupport'), ('repr(d.support)', 'String(d.support)'),
    ('d.mean', 'd.mean'), ('d.mode', 'd.mode'), ('d.variance', 'd.variance'), ('d.stddev', 'd.stddev'),
    ('d.entropy()', 'd.entropy()'), ('d.perplexity()', 'd.perplexity()'),
    ('d.log_prob(v)', 'd.logProb(v)'), ('d.log_prob(value=v).exp()', 'd.logProb({ value: v }).exp()'),
    ('d.cdf(v)', 'd.cdf(v)'), ('d.icdf(q3)', 'd.icdf(q3)'),
    ('d.enumerate_support()', 'd.enumerateSupport()'), ('d.enumerate_support(False)', 'd.enumerateSupport(false)'),
    ('seeded(lambda: d.sample())', 'seeded(() => d.sample())'),
    ('seeded(lambda: d.sample((4,)))', 'seeded(() => d.sample([4]))'),
    ('seeded(lambda: d.sample([2, 3]).double().mean(0))', 'seeded(() => d.sample([2, 3]).double().mean(0))'),
    ('seeded(lambda: d.rsample((2,)))', 'seeded(() => d.rsample([2]))'),
    ('d.expand((5,) + d.batch_shape).batch_shape', 'd.expand([5, ...d.batchShape]).batchShape'),
    ('d.expand((5,) + d.batch_shape).log_prob(v)', 'd.expand([5, ...d.batchShape]).logProb(v)'),
    ('repr(d.expand((5,) + d.batch_shape))', 'String(d.expand([5, ...d.batchShape]))'),
    ('seeded(lambda: d.expand((2,) + d.batch_shape).sample())', 'seeded(() => d.expand([2, ...d.batchShape]).sample())'),
]

GRADS = [
    ('rgrad(lambda l, s: D.Normal(l, s).rsample((5,)).pow(2).sum(), loc, scale)', 'rgrad((l, s) => new D.Normal(l, s).rsample([5]).pow(2).sum(), loc, scale)'),
    ('rgrad(lambda l, s: D.Normal(l, s).log_prob(x3).sum(), loc, scale)', 'rgrad((l, s) => new D.Normal(l, s).logProb(x3).sum(), loc, scale)'),
    ('rgrad(lambda p: D.Categorical(logits=p).log_prob(k2).sum(), L)', 'rgrad((p) => new D.Categorical({ logits: p }).logProb(k2).sum(), L)'),
    ('rgrad(lambda p: D.Categorical(p).entropy().sum(), P)', 'rgrad((p) => new D.Categorical(p).entropy().sum(), P)'),
    ('rgrad(lambda p: D.Bernoulli(p).log_prob(vb).sum(), pb)', 'rgrad((p) => new D.Bernoulli(p).logProb(vb).sum(), pb)'),
    ('rgrad(lambda a, b: D.Uniform(a, b).rsample((3,)).sum(), low, high)', 'rgrad((a, b) => new D.Uniform(a, b).rsample([3]).sum(), low, high)'),
    ('rgrad(lambda r: D.Exponential(r).rsample((3,)).sum(), rate)', 'rgrad((r) => new D.Exponential(r).rsample([3]).sum(), rate)'),
    ('rgrad(lambda l, s: D.Laplace(l, s).rsample((3,)).sum(), loc, scale)', 'rgrad((l, s) => new D.Laplace(l, s).rsample([3]).sum(), loc, scale)'),
    ('rgrad(lambda c, r: D.Gamma(c, r).rsample((3,)).sum(), conc, rate)', 'rgrad((c, r) => new D.Gamma(c, r).rsample([3]).sum(), conc, rate)'),
    ('rgrad(lambda m, c: D.MultivariateNormal(m, c).rsample((3,)).sum(), mu, cov)', 'rgrad((m, c) => new D.MultivariateNormal(m, c).rsample([3]).sum(), mu, cov)'),
    ('rgrad(lambda m, c: D.MultivariateNormal(m, c).log_prob(xm).sum(), mu, cov)', 'rgrad((m, c) => new D.MultivariateNormal(m, c).logProb(xm).sum(), mu, cov)'),
    ('rgrad(lambda l, s: D.Normal(l, s).entropy().sum(), loc, scale)', 'rgrad((l, s) => new D.Normal(l, s).entropy().sum(), loc, scale)'),
]

KL = [
    ('D.kl_divergence(D.Normal(loc, scale), D.Normal(x3, rate))', 'D.klDivergence(new D.Normal(loc, scale), new D.Normal(x3, rate))'),
    ('D.kl_divergence(D.Categorical(P), D.Categorical(logits=L))', 'D.klDivergence(new D.Categorical(P), new D.Categorical({ logits: L }))'),
    ('D.kl_divergence(D.OneHotCategorical(P), D.OneHotCategorical(logits=L))', 'D.klDivergence(new D.OneHotCategorical(P), new D.OneHotCategorical({ logits: L }))'),
    ('D.kl_divergence(D.Bernoulli(pb), D.Bernoulli(q3))', 'D.klDivergence(new D.Bernoulli(pb), new D.Bernoulli(q3))'),
    ('D.kl_divergence(D.Uniform(low, high), D.Uniform(low - 1, high + 1))', 'D.klDivergence(new D.Uniform(low, high), new D.Uniform(low.sub(1), high.add(1)))'),
    ('D.kl_divergence(D.Uniform(low - 1, high), D.Uniform(low, high))', 'D.klDivergence(new D.Uniform(low.sub(1), high), new D.Uniform(low, high))'),
    ('D.kl_divergence(D.Exponential(rate), D.Exponential(conc))', 'D.klDivergence(new D.Exponential(rate), new D.Exponential(conc))'),
    ('D.kl_divergence(D.Laplace(loc, scale), D.Laplace(x3, rate))', 'D.klDivergence(new D.Laplace(loc, scale), new D.Laplace(x3, rate))'),
    ('D.kl_divergence(D.Poisson(rate), D.Poisson(conc))', 'D.klDivergence(new D.Poisson(rate), new D.Poisson(conc))'),
    ('D.kl_divergence(D.Gamma(conc, rate), D.Gamma(rate, conc))', 'D.klDivergence(new D.Gamma(conc, rate), new D.Gamma(rate, conc))'),
    ('D.kl_divergence(D.Independent(D.Normal(loc23, scale23), 1), D.Independent(D.Normal(loc23.flip(0), 1.), 1))',
     'D.klDivergence(new D.Independent(new D.Normal(loc23, scale23), 1), new D.Independent(new D.Normal(loc23.flip(0), 1), 1))'),
    ('D.kl_divergence(D.MultivariateNormal(mu, cov), D.MultivariateNormal(mu2, scale_tril=tril))',
     'D.klDivergence(new D.MultivariateNormal(mu, cov), new D.MultivariateNormal(mu2, { scaleTril: tril }))'),
    ('D.kl_divergence(p=D.Normal(0., 1.), q=D.Normal(1., 2.))', 'D.klDivergence({ p: new D.Normal(0, 1), q: new D.Normal(1, 2) })'),
    ('D.kl_divergence(D.Normal(0., 1.), D.Laplace(0., 1.))', 'D.klDivergence(new D.Normal(0, 1), new D.Laplace(0, 1))'),
]

ERRORS = [
    ('D.Normal(0., -1.)', 'new D.Normal(0, -1)'),
    ('D.Normal(loc, T([1., 0., 2.]))', 'new D.Normal(loc, torch.tensor([1, 0, 2]))'),
    ('D.Categorical()', 'new D.Categorical()'),
    ('D.Categorical(p3, logits=L)', 'new D.Categorical(p3, { logits: L })'),
    ('D.Categorical(T(0.5))', 'new D.Categorical(torch.tensor(0.5))'),
    ('D.Categorical(T([-.5, 1.5]))', 'new D.Categorical(torch.tensor([-0.5, 1.5]))'),
    ('D.Bernoulli(T([.5, 1.5]))', 'new D.Bernoulli(torch.tensor([0.5, 1.5]))'),
    ('D.Bernoulli(pb).log_prob(T([.5, 1., 0.]))', 'new D.Bernoulli(pb).logProb(torch.tensor([0.5, 1, 0]))'),
    ('D.Normal(loc, scale).log_prob(T([1., 2.]))', 'new D.Normal(loc, scale).logProb(torch.tensor([1, 2]))'),
    ('D.Categorical(P).log_prob(T([3, 0]))', 'new D.Categorical(P).logProb(torch.tensor([3n, 0n]))'),
    ('D.Exponential(rate).log_prob(T([-1., 0., 1.]))', 'new D.Exponential(rate).logProb(torch.tensor([-1, 0, 1]))'),
    ('D.Independent(D.Normal(loc, scale), 2)', 'new D.Independent(new D.Normal(loc, scale), 2)'),
    ('D.MultivariateNormal(mu)', 'new D.MultivariateNormal(mu)'),
    ('D.MultivariateNormal(mu, T([[1., 2.], [2., 1.]]))', 'new D.MultivariateNormal(mu, torch.tensor([[1, 2], [2, 1]]))'),
    ('D.Normal(loc, scale, validate_args=False).log_prob(T([1., 2., 3., 4.]).reshape(4, 1))',
     'new D.Normal(loc, scale, { validateArgs: false }).logProb(torch.tensor([1, 2, 3, 4]).reshape(4, 1))'),
    ('D.Normal(0., -1., validate_args=False).scale', 'new D.Normal(0, -1, { validateArgs: false }).scale'),
    ('D.Normal(0., 1., True, 3)', 'new D.Normal(0, 1, true, 3)'),
    ('D.Normal(0., 1., scal=2.)', 'new D.Normal(0, 1, { scal: 2 })'),
    ('D.Normal(0., 1.).sample((2,), 3)', 'new D.Normal(0, 1).sample([2], 3)'),
    ('D.kl_divergence(D.Bernoulli(pb), D.Normal(loc, scale))', 'D.klDivergence(new D.Bernoulli(pb), new D.Normal(loc, scale))'),
]


def num(x):
    return str(x) if isinstance(x, float) and not math.isfinite(x) else x  # 'nan', 'inf', '-inf'


def enc(v):
    if isinstance(v, torch.Tensor):
        v = v.detach()
        return {'shape': list(v.shape), 'dtype': str(v.dtype).replace('torch.', ''),
                'values': [num(x) for x in v.reshape(-1).tolist()]}
    if isinstance(v, (list, tuple)):  # torch.Size too
        return {'list': [enc(x) for x in v]}
    return num(v)


def run(py, ts, scope, unimplemented_is_absent=True):
    try:
        return {'py': py, 'ts': ts, 'result': enc(eval(py, dict(SCOPE, T=T), scope))}
    except NotImplementedError as e:
        if unimplemented_is_absent:
            return None
        return {'py': py, 'ts': ts, 'error': type(e).__name__, 'message': str(e)}
    except Exception as e:  # noqa: BLE001 - the test expects the same error
        return {'py': py, 'ts': ts, 'error': type(e).__name__, 'message': str(e)}


cases = []
for dpy, dts, value in DISTS:
    for ppy, pts in PROPS:
        ppy = re.sub(r'\bv\b', value, re.sub(r'\bd\b', f'({dpy})', ppy))
        pts = re.sub(r'\bv\b', value, re.sub(r'\bd\b', f'({dts})', pts))
        case = run(ppy, pts, {})
        if case is not None:
            cases.append(case)
for py, ts in GRADS + KL + ERRORS:
    case = run(py, ts, {}, unimplemented_is_absent=False)
    assert case is not None, py
    cases.append(case)

with open(os.path.join(fixtures_dir(), 'distributions.json'), 'w') as f:
    json.dump({'torch': torch.__version__, 'inputs': {k: enc(v) for k, v in SCOPE.items() if isinstance(v, torch.Tensor)}, 'cases': cases}, f, indent=0)
print(len(cases), 'cases;', sum('error' in c for c in cases), 'errors')
