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
import torch.distributions.transforms as TR

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_dir import fixtures_dir  # noqa: E402

T = torch.tensor
SCOPE = dict(
    torch=torch, D=D, TR=TR,
    loc=T([0., 1., -2.]), scale=T([1., .5, 2.]), x3=T([.3, 1.2, -1.]), q3=T([.1, .5, .9]),
    p3=T([.2, .5, .3]), P=T([[.1, .2, .7], [.5, .25, .25]]), L=T([[1., -1., .5], [0., 2., -3.]]), k2=T([2, 0]),
    pb=T([.1, .5, .9]), vb=T([1., 0., 1.]),
    low=T([0., -1., 2.]), high=T([1., 1., 5.]), xu=T([.5, 0., 4.]),
    rate=T([.5, 1., 3.]), xe=T([.1, 2., .7]), conc=T([.5, 1., 4.]), xp=T([0., 2., 5.]),
    mu=T([1., -1.]), cov=T([[2., .5], [.5, 1.]]), prec=T([[1., .2], [.2, .5]]), tril=T([[1.5, 0.], [-.5, .8]]),
    xm=T([[0., 0.], [1., -2.]]), counts5=T([[1., 1., 3.], [5., 0., 0.]]), counts4=T([[1., 0., 3.], [0., 4., 0.]]), mu2=T([[0., 1.], [2., -1.]]),
    onehot=T([[0., 0., 1.], [1., 0., 0.]]), p4=T([.1, .2, .3, .4]), W1=T([[1.], [.5]]), W22=T([[[1., 0.], [.5, .3]], [[.2, .1], [-1., .4]]]),
    corr3=TR.CorrCholeskyTransform()(T([.3, -.5, .8])), corr2=TR.CorrCholeskyTransform()(T([.4])),
    loc232=torch.arange(12.).reshape(2, 3, 2) / 4 - 1, scale232=torch.arange(1., 13.).reshape(2, 3, 2) / 6, scale23=T([[1., 2., .5], [.3, 1., 4.]]), loc23=T([[0., 1., 2.], [-1., 0., 1.]]),
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
    ('D.OneHotCategoricalStraightThrough(P)', 'new D.OneHotCategoricalStraightThrough(P)', 'onehot'),
    ('D.Chi2(conc)', 'new D.Chi2(conc)', 'xe'),
    ('D.Chi2(3.)', 'new D.Chi2(3)', 'xe'),
    ('D.StudentT(T([.5, 1.5, 4.]), loc, scale)', 'new D.StudentT(torch.tensor([0.5, 1.5, 4]), loc, scale)', 'x3'),
    ('D.StudentT(3.)', 'new D.StudentT(3)', 'x3'),
    ('D.Beta(conc, rate)', 'new D.Beta(conc, rate)', 'q3'),
    ('D.Beta(2., 3.)', 'new D.Beta(2, 3)', 'q3'),
    ('D.Dirichlet(P * 4)', 'new D.Dirichlet(P.mul(4))', 'P'),
    ('D.Dirichlet(T([[.5, .5, .8], [2., 1., 3.]]))', 'new D.Dirichlet(torch.tensor([[0.5, 0.5, 0.8], [2, 1, 3]]))', 'P'),
    ('D.Cauchy(loc, scale)', 'new D.Cauchy(loc, scale)', 'x3'),
    ('D.Geometric(pb)', 'new D.Geometric(pb)', 'xp'),
    ('D.Geometric(logits=x3)', 'new D.Geometric({ logits: x3 })', 'xp'),
    ('D.Binomial(10, pb)', 'new D.Binomial(10, pb)', 'xp'),
    ('D.Binomial(T([5., 10., 10.]), logits=x3)', 'new D.Binomial(torch.tensor([5, 10, 10]), { logits: x3 })', 'xp'),
    ('D.LogNormal(loc, scale)', 'new D.LogNormal(loc, scale)', 'xe'),
    ('D.HalfNormal(scale)', 'new D.HalfNormal(scale)', 'xe'),
    ('D.HalfCauchy(2.)', 'new D.HalfCauchy(2)', 'xe'),
    ('D.Gumbel(loc, scale)', 'new D.Gumbel(loc, scale)', 'x3'),
    ('D.Gumbel(1., 2.)', 'new D.Gumbel(1, 2)', 'x3'),
    ('D.TransformedDistribution(D.Normal(loc, scale), [TR.TanhTransform(cache_size=1)])',
     'new D.TransformedDistribution(new D.Normal(loc, scale), [new TR.TanhTransform({ cacheSize: 1 })])', 'q3'),
    ('D.TransformedDistribution(D.Uniform(low, high), TR.AffineTransform(1., -2.))', 'new D.TransformedDistribution(new D.Uniform(low, high), new TR.AffineTransform(1, -2))', 'xu.mul(-2).add(1)'),
    ('D.TransformedDistribution(D.Normal(loc23, 1.), TR.SigmoidTransform())', 'new D.TransformedDistribution(new D.Normal(loc23, 1), new TR.SigmoidTransform())', 'P'),
    ('D.TransformedDistribution(D.Exponential(rate), [TR.ExpTransform(), TR.PowerTransform(2.)])',
     'new D.TransformedDistribution(new D.Exponential(rate), [new TR.ExpTransform(), new TR.PowerTransform(2)])', 'xe.add(1)'),
    ('D.TransformedDistribution(D.Normal(loc23, scale23), TR.AffineTransform(loc, 2., event_dim=1))',
     'new D.TransformedDistribution(new D.Normal(loc23, scale23), new TR.AffineTransform(loc, 2, { eventDim: 1 }))', 'loc23'),
    ('D.TransformedDistribution(D.Normal(0., 1.), TR.AffineTransform(loc23, 3.))', 'new D.TransformedDistribution(new D.Normal(0, 1), new TR.AffineTransform(loc23, 3))', 'loc23'),
    ('D.Pareto(scale, rate.add(2))', 'new D.Pareto(scale, rate.add(2))', 'xp.add(2)'),
    ('D.Pareto(1., 3.)', 'new D.Pareto(1, 3)', 'xp.add(1)'),
    ('D.Weibull(scale, conc)', 'new D.Weibull(scale, conc)', 'xe'),
    ('D.Multinomial(5, P)', 'new D.Multinomial(5, P)', 'counts5'),
    ('D.Multinomial(4, logits=L)', 'new D.Multinomial(4, { logits: L })', 'counts4'),
    ('D.NegativeBinomial(T([3., 5., .5]), pb)', 'new D.NegativeBinomial(torch.tensor([3, 5, 0.5]), pb)', 'xp'),
    ('D.NegativeBinomial(2., logits=x3)', 'new D.NegativeBinomial(2, { logits: x3 })', 'xp'),
    ('D.MultivariateNormal(mu, cov)', 'new D.MultivariateNormal(mu, cov)', 'xm'),
    ('D.MultivariateNormal(mu2, precision_matrix=prec)', 'new D.MultivariateNormal(mu2, { precisionMatrix: prec })', 'xm'),
    ('D.MultivariateNormal(mu, scale_tril=tril)', 'new D.MultivariateNormal(mu, { scaleTril: tril })', 'xm'),
    ('D.MixtureSameFamily(D.Categorical(p3), D.Normal(loc, scale))', 'new D.MixtureSameFamily(new D.Categorical(p3), new D.Normal(loc, scale))', 'x3'),
    ('D.MixtureSameFamily(D.Categorical(P), D.Independent(D.Normal(loc232, scale232), 1))',
     'new D.MixtureSameFamily(new D.Categorical(P), new D.Independent(new D.Normal(loc232, scale232), 1))', 'xm'),
    ('D.MixtureSameFamily(mixture_distribution=D.Categorical(logits=x3), component_distribution=D.Gamma(conc, rate))',
     'new D.MixtureSameFamily({ mixtureDistribution: new D.Categorical({ logits: x3 }), componentDistribution: new D.Gamma(conc, rate) })', 'xe'),
    ('D.RelaxedBernoulli(T(0.5), pb)', 'new D.RelaxedBernoulli(torch.tensor(0.5), pb)', 'q3'),
    ('D.RelaxedBernoulli(T([.5, 1., 2.]), logits=x3)', 'new D.RelaxedBernoulli(torch.tensor([0.5, 1, 2]), { logits: x3 })', 'q3'),
    ('D.relaxed_bernoulli.LogitRelaxedBernoulli(T(0.7), pb)', 'new D.relaxedBernoulli.LogitRelaxedBernoulli(torch.tensor(0.7), pb)', 'x3'),
    ('D.RelaxedOneHotCategorical(T(0.5), P)', 'new D.RelaxedOneHotCategorical(torch.tensor(0.5), P)', 'P'),
    ('D.RelaxedOneHotCategorical(T(2.), logits=L)', 'new D.RelaxedOneHotCategorical(torch.tensor(2), { logits: L })', 'P'),
    ('D.relaxed_categorical.ExpRelaxedCategorical(T(0.5), P)', 'new D.relaxedCategorical.ExpRelaxedCategorical(torch.tensor(0.5), P)', 'P.log()'),
    ('D.ContinuousBernoulli(pb)', 'new D.ContinuousBernoulli(pb)', 'q3'),
    ('D.ContinuousBernoulli(logits=x3)', 'new D.ContinuousBernoulli({ logits: x3 })', 'q3'),
    ('D.ContinuousBernoulli(T([.1, .4995, .8]))', 'new D.ContinuousBernoulli(torch.tensor([0.1, 0.4995, 0.8]))', 'q3'),
    ('D.ContinuousBernoulli(0.3, lims=(0.2, 0.4))', 'new D.ContinuousBernoulli(0.3, { lims: [0.2, 0.4] })', 'q3'),
    ('D.FisherSnedecor(conc, rate + 2)', 'new D.FisherSnedecor(conc, rate.add(2))', 'xe'),
    ('D.FisherSnedecor(3., 5.)', 'new D.FisherSnedecor(3, 5)', 'xe'),
    ('D.Kumaraswamy(conc, rate)', 'new D.Kumaraswamy(conc, rate)', 'q3'),
    ('D.Kumaraswamy(2., 3.)', 'new D.Kumaraswamy(2, 3)', 'q3'),
    ('D.LogisticNormal(loc, scale)', 'new D.LogisticNormal(loc, scale)', 'p4'),
    ('D.LogisticNormal(loc23, scale23)', 'new D.LogisticNormal(loc23, scale23)', 'p4'),
    ('D.VonMises(loc, conc)', 'new D.VonMises(loc, conc)', 'x3'),
    ('D.VonMises(1., 2.)', 'new D.VonMises(1, 2)', 'x3'),
    ('D.LowRankMultivariateNormal(mu, W1, T([1., 2.]))', 'new D.LowRankMultivariateNormal(mu, W1, torch.tensor([1, 2]))', 'xm'),
    ('D.LowRankMultivariateNormal(mu2, cov_factor=W22, cov_diag=T([.5, 1.]))', 'new D.LowRankMultivariateNormal(mu2, { covFactor: W22, covDiag: torch.tensor([0.5, 1]) })', 'xm'),
    ('D.LKJCholesky(3, 0.5)', 'new D.LKJCholesky(3, 0.5)', 'corr3'),
    ('D.LKJCholesky(2, concentration=T([1., 2., .5]))', 'new D.LKJCholesky(2, { concentration: torch.tensor([1, 2, 0.5]) })', 'corr2'),
    ('D.Wishart(T(4.), cov)', 'new D.Wishart(torch.tensor(4), cov)', 'cov'),
    ('D.Wishart(df=T([3., 5.]), scale_tril=tril)', 'new D.Wishart({ df: torch.tensor([3, 5]), scaleTril: tril })', 'cov'),
    ('D.Wishart(3., precision_matrix=prec)', 'new D.Wishart(3, { precisionMatrix: prec })', 'cov'),
] + ([
    ('D.InverseGamma(conc, rate)', 'new D.InverseGamma(conc, rate)', 'xe'),
    ('D.InverseGamma(3., 2.)', 'new D.InverseGamma(3, 2)', 'xe'),
    ('D.GeneralizedPareto(loc, scale, T([.2, 0., -.3]))', 'new D.GeneralizedPareto(loc, scale, torch.tensor([0.2, 0, -0.3]))', 'xe.add(loc)'),
    ('D.GeneralizedPareto(0., 1., 0.5)', 'new D.GeneralizedPareto(0, 1, 0.5)', 'xe'),
] if hasattr(D, 'InverseGamma') else [])  # PyTorch 2.x's
# (distribution, property) cases torch-node does not copy (docs/porting.md): PyTorch's Wishart.rsample
# takes every positive-definite draw for a singular one, draws again and warns; torch-node redraws only
# singular ones, so its seeded samples are its own (test/distributions.test.ts checks their moments)
NOT_COPIED = [('Wishart', 'sample')]
# (distribution, property) cases where PyTorch 1.13 differs and torch-node follows 2.x (docs/porting.md)
SINCE_2 = [
    ('VonMises', 'sample'),  # 2.x samples in double precision
    ('MixtureSameFamily', 'support'),  # 2.x's MixtureSameFamilyConstraint
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

# (Python, TypeScript) transforms; each is asked for its repr, value, inverse and log-Jacobian at x3
TRANSFORMS = [
    ('TR.ExpTransform()', 'new TR.ExpTransform()'), ('TR.SigmoidTransform()', 'new TR.SigmoidTransform()'),
    ('TR.TanhTransform()', 'new TR.TanhTransform()'), ('TR.SoftplusTransform()', 'new TR.SoftplusTransform()'),
    ('TR.AbsTransform()', 'new TR.AbsTransform()'), ('TR.AffineTransform(loc, scale)', 'new TR.AffineTransform(loc, scale)'),
    ('TR.AffineTransform(1., -2., event_dim=1)', 'new TR.AffineTransform(1, -2, 1)'), ('TR.PowerTransform(T(3.))', 'new TR.PowerTransform(torch.tensor(3))'),
    ('TR.SoftmaxTransform()', 'new TR.SoftmaxTransform()'), ('TR.ExpTransform().inv', 'new TR.ExpTransform().inv'),
    ('TR.ComposeTransform([TR.AffineTransform(0., 2.), TR.TanhTransform()])', 'new TR.ComposeTransform([new TR.AffineTransform(0, 2), new TR.TanhTransform()])'),
    ('TR.ComposeTransform([TR.ExpTransform(), TR.AffineTransform(1., -1.)]).inv', 'new TR.ComposeTransform([new TR.ExpTransform(), new TR.AffineTransform(1, -1)]).inv'),
    ('TR.IndependentTransform(TR.ExpTransform(), 1)', 'new TR.IndependentTransform(new TR.ExpTransform(), 1)'),
    ('TR.identity_transform', 'TR.identityTransform'),
    ('TR.StickBreakingTransform()', 'new TR.StickBreakingTransform()'), ('TR.StickBreakingTransform().inv', 'new TR.StickBreakingTransform().inv'),
    ('TR.ReshapeTransform((3,), (3, 1))', 'new TR.ReshapeTransform([3], [3, 1])'),
    ('TR.CatTransform([TR.ExpTransform(), TR.AffineTransform(1., 2.)], 0, [2, 1])', 'new TR.CatTransform([new TR.ExpTransform(), new TR.AffineTransform(1, 2)], 0, [2, 1])'),
    ('TR.StackTransform([TR.ExpTransform(), TR.SigmoidTransform(), TR.TanhTransform()])', 'new TR.StackTransform([new TR.ExpTransform(), new TR.SigmoidTransform(), new TR.TanhTransform()])'),
    ('TR.CumulativeDistributionTransform(D.Normal(0., 1.))', 'new TR.CumulativeDistributionTransform(new D.Normal(0, 1))'),
    ('TR.CorrCholeskyTransform()', 'new TR.CorrCholeskyTransform()'),
]
TPROPS = [
    ('repr(t)', 'String(t)'), ('repr(t.domain)', 'String(t.domain)'), ('repr(t.codomain)', 'String(t.codomain)'), ('t.bijective', 't.bijective'),
    ('t(x3)', 't(x3)'),
    ('t.inv(t(x3))', 't.inv(t(x3))'), ('t.log_abs_det_jacobian(x3, t(x3))', 't.logAbsDetJacobian(x3, t(x3))'),
    ('t.forward_shape(torch.Size([2, 3]))', 't.forwardShape([2, 3])'), ('t.sign', 't.sign'),
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
    ('rgrad(lambda a, b: D.Beta(a, b).rsample((3,)).sum(), conc, rate)', 'rgrad((a, b) => new D.Beta(a, b).rsample([3]).sum(), conc, rate)'),
    ('rgrad(lambda c: D.Dirichlet(c).rsample((2,)).mul(T([1., 2., 3.])).sum(), P * 4)', 'rgrad((c) => new D.Dirichlet(c).rsample([2]).mul(torch.tensor([1, 2, 3])).sum(), P.mul(4))'),
    ('rgrad(lambda d, l: D.StudentT(d, l).rsample((3,)).sum(), conc, loc)', 'rgrad((d, l) => new D.StudentT(d, l).rsample([3]).sum(), conc, loc)'),
    ('rgrad(lambda p: D.OneHotCategoricalStraightThrough(p).rsample((3,)).mul(T([1., 2., 3.])).sum(), P)', 'rgrad((p) => new D.OneHotCategoricalStraightThrough(p).rsample([3]).mul(torch.tensor([1, 2, 3])).sum(), P)'),
    ('rgrad(lambda p: D.Binomial(10, p).log_prob(xp).sum(), pb)', 'rgrad((p) => new D.Binomial(10, p).logProb(xp).sum(), pb)'),
    ('rgrad(lambda l, s: D.TransformedDistribution(D.Normal(l, s), TR.TanhTransform(cache_size=1)).rsample((2,)).sum(), loc, scale)',
     'rgrad((l, s) => new D.TransformedDistribution(new D.Normal(l, s), new TR.TanhTransform({ cacheSize: 1 })).rsample([2]).sum(), loc, scale)'),
    ('rgrad(lambda l, s: D.LogNormal(l, s).log_prob(xe).sum(), loc, scale)', 'rgrad((l, s) => new D.LogNormal(l, s).logProb(xe).sum(), loc, scale)'),
    ('rgrad(lambda l, s: D.Normal(l, s).entropy().sum(), loc, scale)', 'rgrad((l, s) => new D.Normal(l, s).entropy().sum(), loc, scale)'),
    ('rgrad(lambda l: D.RelaxedBernoulli(T(0.5), logits=l).rsample((3,)).sum(), x3)', 'rgrad((l) => new D.RelaxedBernoulli(torch.tensor(0.5), { logits: l }).rsample([3]).sum(), x3)'),
    ('rgrad(lambda l: D.RelaxedOneHotCategorical(T(0.5), logits=l).rsample((3,)).mul(T([1., 2., 3.])).sum(), L)',
     'rgrad((l) => new D.RelaxedOneHotCategorical(torch.tensor(0.5), { logits: l }).rsample([3]).mul(torch.tensor([1, 2, 3])).sum(), L)'),
    ('rgrad(lambda p: D.ContinuousBernoulli(p).rsample((3,)).sum(), pb)', 'rgrad((p) => new D.ContinuousBernoulli(p).rsample([3]).sum(), pb)'),
    ('rgrad(lambda l: D.ContinuousBernoulli(logits=l).log_prob(q3).sum(), x3)', 'rgrad((l) => new D.ContinuousBernoulli({ logits: l }).logProb(q3).sum(), x3)'),
    ('rgrad(lambda a, b: D.Kumaraswamy(a, b).rsample((3,)).sum(), conc, rate)', 'rgrad((a, b) => new D.Kumaraswamy(a, b).rsample([3]).sum(), conc, rate)'),
    ('rgrad(lambda l, s: D.LogisticNormal(l, s).rsample((2,)).mul(p4).sum(), loc, scale)', 'rgrad((l, s) => new D.LogisticNormal(l, s).rsample([2]).mul(p4).sum(), loc, scale)'),
    ('rgrad(lambda a, b: D.FisherSnedecor(a, b).rsample((3,)).sum(), conc, rate + 2)', 'rgrad((a, b) => new D.FisherSnedecor(a, b).rsample([3]).sum(), conc, rate.add(2))'),
    ('rgrad(lambda m, w: D.LowRankMultivariateNormal(m, w, T([1., 2.])).rsample((3,)).sum(), mu, W1)', 'rgrad((m, w) => new D.LowRankMultivariateNormal(m, w, torch.tensor([1, 2])).rsample([3]).sum(), mu, W1)'),
    ('rgrad(lambda m, w: D.LowRankMultivariateNormal(m, w, T([1., 2.])).log_prob(xm).sum(), mu, W1)', 'rgrad((m, w) => new D.LowRankMultivariateNormal(m, w, torch.tensor([1, 2])).logProb(xm).sum(), mu, W1)'),
    ('rgrad(lambda m, l: D.MixtureSameFamily(D.Categorical(logits=m), D.Normal(l, 1.)).log_prob(x3).sum(), x3, loc)',
     'rgrad((m, l) => new D.MixtureSameFamily(new D.Categorical({ logits: m }), new D.Normal(l, 1)).logProb(x3).sum(), x3, loc)'),
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
    ('D.kl_divergence(D.Beta(conc, rate), D.Beta(rate, conc))', 'D.klDivergence(new D.Beta(conc, rate), new D.Beta(rate, conc))'),
    ('D.kl_divergence(D.Dirichlet(P * 4), D.Dirichlet(P + 1))', 'D.klDivergence(new D.Dirichlet(P.mul(4)), new D.Dirichlet(P.add(1)))'),
    ('D.kl_divergence(D.Binomial(10, pb), D.Binomial(10, q3))', 'D.klDivergence(new D.Binomial(10, pb), new D.Binomial(10, q3))'),
    ('D.kl_divergence(D.Geometric(pb), D.Geometric(q3))', 'D.klDivergence(new D.Geometric(pb), new D.Geometric(q3))'),
    ('D.kl_divergence(D.Chi2(conc), D.Gamma(rate, conc))', 'D.klDivergence(new D.Chi2(conc), new D.Gamma(rate, conc))'),
    ('D.kl_divergence(D.LogNormal(loc, scale), D.LogNormal(x3, rate))', 'D.klDivergence(new D.LogNormal(loc, scale), new D.LogNormal(x3, rate))'),
    ('D.kl_divergence(D.HalfNormal(scale), D.HalfNormal(rate))', 'D.klDivergence(new D.HalfNormal(scale), new D.HalfNormal(rate))'),
    ('D.kl_divergence(D.Gumbel(loc, scale), D.Gumbel(x3, rate))', 'D.klDivergence(new D.Gumbel(loc, scale), new D.Gumbel(x3, rate))'),
    ('D.kl_divergence(D.Pareto(scale, conc), D.Pareto(rate, conc.flip(0)))', 'D.klDivergence(new D.Pareto(scale, conc), new D.Pareto(rate, conc.flip(0)))'),
    ('D.kl_divergence(p=D.Normal(0., 1.), q=D.Normal(1., 2.))', 'D.klDivergence({ p: new D.Normal(0, 1), q: new D.Normal(1, 2) })'),
    ('D.kl_divergence(D.Normal(0., 1.), D.Laplace(0., 1.))', 'D.klDivergence(new D.Normal(0, 1), new D.Laplace(0, 1))'),
    ('D.kl_divergence(D.ContinuousBernoulli(pb), D.ContinuousBernoulli(logits=x3))', 'D.klDivergence(new D.ContinuousBernoulli(pb), new D.ContinuousBernoulli({ logits: x3 }))'),
    ('D.kl_divergence(D.Beta(conc, rate), D.ContinuousBernoulli(pb))', 'D.klDivergence(new D.Beta(conc, rate), new D.ContinuousBernoulli(pb))'),
    ('D.kl_divergence(D.ContinuousBernoulli(pb), D.Normal(loc, scale))', 'D.klDivergence(new D.ContinuousBernoulli(pb), new D.Normal(loc, scale))'),
    ('D.kl_divergence(D.ContinuousBernoulli(pb), D.Exponential(rate))', 'D.klDivergence(new D.ContinuousBernoulli(pb), new D.Exponential(rate))'),
    ('D.kl_divergence(D.ContinuousBernoulli(pb), D.Uniform(low, high))', 'D.klDivergence(new D.ContinuousBernoulli(pb), new D.Uniform(low, high))'),
    ('D.kl_divergence(D.ContinuousBernoulli(pb), D.Uniform(-1., 2.))', 'D.klDivergence(new D.ContinuousBernoulli(pb), new D.Uniform(-1, 2))'),
    ('D.kl_divergence(D.Uniform(q3 * 0.5, q3 * 0.5 + .2), D.ContinuousBernoulli(pb))', 'D.klDivergence(new D.Uniform(q3.mul(0.5), q3.mul(0.5).add(0.2)), new D.ContinuousBernoulli(pb))'),
    ('D.kl_divergence(D.Normal(loc, scale), D.ContinuousBernoulli(pb))', 'D.klDivergence(new D.Normal(loc, scale), new D.ContinuousBernoulli(pb))'),
    ('D.kl_divergence(D.ContinuousBernoulli(pb), D.Pareto(1., 2.))', 'D.klDivergence(new D.ContinuousBernoulli(pb), new D.Pareto(1, 2))'),
    ('D.kl_divergence(D.LowRankMultivariateNormal(mu, W1, T([1., 2.])), D.LowRankMultivariateNormal(mu2, W22, T([.5, 1.])))',
     'D.klDivergence(new D.LowRankMultivariateNormal(mu, W1, torch.tensor([1, 2])), new D.LowRankMultivariateNormal(mu2, W22, torch.tensor([0.5, 1])))'),
    ('D.kl_divergence(D.MultivariateNormal(mu, cov), D.LowRankMultivariateNormal(mu2, W22, T([.5, 1.])))',
     'D.klDivergence(new D.MultivariateNormal(mu, cov), new D.LowRankMultivariateNormal(mu2, W22, torch.tensor([0.5, 1])))'),
    ('D.kl_divergence(D.LowRankMultivariateNormal(mu2, W22, T([.5, 1.])), D.MultivariateNormal(mu, scale_tril=tril))',
     'D.klDivergence(new D.LowRankMultivariateNormal(mu2, W22, torch.tensor([0.5, 1])), new D.MultivariateNormal(mu, { scaleTril: tril }))'),
]

# constraints built by keyword, as Python's classes are
CONSTRAINTS = [
    ('repr(D.constraints.interval(lower_bound=0., upper_bound=2.))', 'String(D.constraints.interval({ lowerBound: 0, upperBound: 2 }))'),
    ('D.constraints.interval(0., upper_bound=2.).check(x3)', 'D.constraints.interval(0, { upperBound: 2 }).check(x3)'),
    ('repr(D.constraints.greater_than(lower_bound=1.))', 'String(D.constraints.greaterThan({ lowerBound: 1 }))'),
    ('D.constraints.integer_interval(0, 3).check(xp)', 'D.constraints.integerInterval(0, 3).check(xp)'),
    ('D.constraints.independent(D.constraints.positive, reinterpreted_batch_ndims=1).check(L)',
     'D.constraints.independent(D.constraints.positive, { reinterpretedBatchNdims: 1 }).check(L)'),
    ('repr(D.constraints.independent(base_constraint=D.constraints.real, reinterpreted_batch_ndims=2))',
     'String(D.constraints.independent({ baseConstraint: D.constraints.real, reinterpretedBatchNdims: 2 }))'),
    ('D.constraints.multinomial(upper_bound=5).check(counts5)', 'D.constraints.multinomial({ upperBound: 5 }).check(counts5)'),
    ('D.constraints.half_open_interval(0., 1.).check(T([0., 1., .5]))', 'D.constraints.halfOpenInterval(0, 1).check(torch.tensor([0, 1, 0.5]))'),
    ('D.constraints.less_than(upper_bound=T([0., 1., 5.])).check(x3)', 'D.constraints.lessThan({ upperBound: torch.tensor([0, 1, 5]) }).check(x3)'),
    ('D.constraints.cat([D.constraints.positive, D.constraints.real], 0, [2, 1]).check(x3)', 'D.constraints.cat([D.constraints.positive, D.constraints.real], 0, [2, 1]).check(x3)'),
    ('D.constraints.stack([D.constraints.positive, D.constraints.real, D.constraints.unit_interval], dim=-1).check(loc23)',
     'D.constraints.stack([D.constraints.positive, D.constraints.real, D.constraints.unitInterval], { dim: -1 }).check(loc23)'),
    ('D.constraints.corr_cholesky.check(TR.CorrCholeskyTransform()(x3))', 'D.constraints.corrCholesky.check(new TR.CorrCholeskyTransform()(x3))'),
    ('D.constraints.positive_semidefinite.check(cov)', 'D.constraints.positiveSemidefinite.check(cov)'),
    ('D.constraints.square.check(L)', 'D.constraints.square.check(L)'),
]

# biject_to / transform_to, the transforms on matrices, and the methods only some distributions have
MISC = [
    ('repr(D.biject_to(D.constraints.positive))', 'String(D.bijectTo(D.constraints.positive))'),
    ('repr(D.transform_to(D.constraints.simplex))', 'String(D.transformTo(D.constraints.simplex))'),
    ('repr(D.biject_to(D.constraints.simplex))', 'String(D.bijectTo(D.constraints.simplex))'),
    ('repr(D.biject_to(D.constraints.unit_interval))', 'String(D.bijectTo(D.constraints.unitInterval))'),
    ('repr(D.biject_to(D.constraints.real_vector))', 'String(D.bijectTo(D.constraints.realVector))'),
    ('D.biject_to(D.constraints.interval(low, high))(x3)', 'D.bijectTo(D.constraints.interval(low, high))(x3)'),
    ('D.biject_to(D.constraints.interval(-1., 3.))(x3)', 'D.bijectTo(D.constraints.interval(-1, 3))(x3)'),
    ('D.biject_to(D.constraints.greater_than(2.))(x3)', 'D.bijectTo(D.constraints.greaterThan(2))(x3)'),
    ('D.biject_to(D.constraints.less_than(2.))(x3)', 'D.bijectTo(D.constraints.lessThan(2))(x3)'),
    ('D.transform_to(D.constraints.real_vector)(x3)', 'D.transformTo(D.constraints.realVector)(x3)'),
    ('D.biject_to(D.constraints.simplex)(x3)', 'D.bijectTo(D.constraints.simplex)(x3)'),
    ('D.biject_to(constraint=D.constraints.positive).inv(xe)', 'D.bijectTo({ constraint: D.constraints.positive }).inv(xe)'),
    ('D.transform_to(D.constraints.lower_cholesky)(cov)', 'D.transformTo(D.constraints.lowerCholesky)(cov)'),
    ('D.biject_to(D.constraints.cat([D.constraints.positive, D.constraints.real], 0, [2, 1]))(x3)', 'D.bijectTo(D.constraints.cat([D.constraints.positive, D.constraints.real], 0, [2, 1]))(x3)'),
    ('D.biject_to(D.constraints.stack([D.constraints.positive, D.constraints.real, D.constraints.unit_interval]))(x3)',
     'D.bijectTo(D.constraints.stack([D.constraints.positive, D.constraints.real, D.constraints.unitInterval]))(x3)'),
    ('D.biject_to(D.constraints.corr_cholesky)(x3)', 'D.bijectTo(D.constraints.corrCholesky)(x3)'),
    ('D.biject_to(D.Gamma(conc, rate).support)(x3)', 'D.bijectTo(new D.Gamma(conc, rate).support)(x3)'),
    ('D.biject_to(D.Uniform(low, high).support).log_abs_det_jacobian(x3, D.biject_to(D.Uniform(low, high).support)(x3))',
     'D.bijectTo(new D.Uniform(low, high).support).logAbsDetJacobian(x3, D.bijectTo(new D.Uniform(low, high).support)(x3))'),
    ('TR.LowerCholeskyTransform()(cov)', 'new TR.LowerCholeskyTransform()(cov)'),
    ('TR.LowerCholeskyTransform().inv(tril)', 'new TR.LowerCholeskyTransform().inv(tril)'),
    ('TR.ReshapeTransform((2, 2), (4,))(cov)', 'new TR.ReshapeTransform([2, 2], [4])(cov)'),
    ('TR.ReshapeTransform((2, 2), (4,)).log_abs_det_jacobian(W22, W22)', 'new TR.ReshapeTransform([2, 2], [4]).logAbsDetJacobian(W22, W22)'),
    ('TR.ReshapeTransform((2, 2), (4,)).inverse_shape((5, 4))', 'new TR.ReshapeTransform([2, 2], [4]).inverseShape([5, 4])'),
    ('TR.CorrCholeskyTransform().inverse_shape((2, 3, 3))', 'new TR.CorrCholeskyTransform().inverseShape([2, 3, 3])'),
    ('TR.CatTransform([TR.ExpTransform(), TR.IndependentTransform(TR.AffineTransform(0., 2.), 1)], dim=-1, lengths=[1, 2]).log_abs_det_jacobian(loc23, loc23)',
     'new TR.CatTransform([new TR.ExpTransform(), new TR.IndependentTransform(new TR.AffineTransform(0, 2), 1)], { dim: -1, lengths: [1, 2] }).logAbsDetJacobian(loc23, loc23)'),
    ('D.LowRankMultivariateNormal(mu, W1, T([1., 2.])).covariance_matrix', 'new D.LowRankMultivariateNormal(mu, W1, torch.tensor([1, 2])).covarianceMatrix'),
    ('D.LowRankMultivariateNormal(mu2, W22, T([.5, 1.])).precision_matrix', 'new D.LowRankMultivariateNormal(mu2, W22, torch.tensor([0.5, 1])).precisionMatrix'),
    ('D.LowRankMultivariateNormal(mu2, W22, T([.5, 1.])).scale_tril', 'new D.LowRankMultivariateNormal(mu2, W22, torch.tensor([0.5, 1])).scaleTril'),
    ('D.MixtureSameFamily(D.Categorical(p3), D.Normal(loc, scale)).mixture_distribution.probs', 'new D.MixtureSameFamily(new D.Categorical(p3), new D.Normal(loc, scale)).mixtureDistribution.probs'),
    ('repr(D.MixtureSameFamily(D.Categorical(p3), D.Normal(loc, scale)).component_distribution)', 'String(new D.MixtureSameFamily(new D.Categorical(p3), new D.Normal(loc, scale)).componentDistribution)'),
    ('D.MixtureSameFamily(D.Categorical(p3), D.Normal(loc, scale)).log_prob(x=x3)', 'new D.MixtureSameFamily(new D.Categorical(p3), new D.Normal(loc, scale)).logProb({ x: x3 })'),
    ('D.RelaxedBernoulli(T(0.5), pb).temperature', 'new D.RelaxedBernoulli(torch.tensor(0.5), pb).temperature'),
    ('D.Wishart(df=T([3., 5.]), scale_tril=tril).covariance_matrix', 'new D.Wishart({ df: torch.tensor([3, 5]), scaleTril: tril }).covarianceMatrix'),
    ('D.Wishart(3., cov).precision_matrix', 'new D.Wishart(3, cov).precisionMatrix'),
    ('D.Wishart(3., precision_matrix=prec).scale_tril', 'new D.Wishart(3, { precisionMatrix: prec }).scaleTril'),
    ('rgrad(lambda c: D.LKJCholesky(3, c).log_prob(corr3), T(0.5))', 'rgrad((c) => new D.LKJCholesky(3, c).logProb(corr3), torch.tensor(0.5))'),
    ('rgrad(lambda c: D.Wishart(T(4.), c).log_prob(cov).sum(), cov)', 'rgrad((c) => new D.Wishart(torch.tensor(4), c).logProb(cov).sum(), cov)'),
] + ([
    ('D.GeneralizedPareto(loc, scale, T([.2, 0., -.3])).log_cdf(xe.add(loc))', 'new D.GeneralizedPareto(loc, scale, torch.tensor([0.2, 0, -0.3])).logCdf(xe.add(loc))'),
    ('D.GeneralizedPareto(loc, scale, T([.2, 0., -.3])).log_survival_function(value=xe.add(loc))',
     'new D.GeneralizedPareto(loc, scale, torch.tensor([0.2, 0, -0.3])).logSurvivalFunction({ value: xe.add(loc) })'),
    ('repr(D.GeneralizedPareto(loc, scale, T([.2, 0., -.3])).support)', 'String(new D.GeneralizedPareto(loc, scale, torch.tensor([0.2, 0, -0.3])).support)'),
] if hasattr(D, 'GeneralizedPareto') else [])

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
    ('D.Geometric(T([0., .5]))', 'new D.Geometric(torch.tensor([0, 0.5]))'),
    ('D.Dirichlet(T(1.))', 'new D.Dirichlet(torch.tensor(1))'),
    ('D.Beta(-1., 1.)', 'new D.Beta(-1, 1)'),
    ('D.Chi2(-1.)', 'new D.Chi2(-1)'),
    ('D.Binomial(T([2.5, 3.]), T([.5, .5]))', 'new D.Binomial(torch.tensor([2.5, 3]), torch.tensor([0.5, 0.5]))'),
    ('D.Binomial(T([3., 5.]), T([.5, .5])).entropy()', 'new D.Binomial(torch.tensor([3, 5]), torch.tensor([0.5, 0.5])).entropy()'),
    ('D.Binomial(T([3., 5.]), T([.5, .5])).log_prob(T([4., 1.]))', 'new D.Binomial(torch.tensor([3, 5]), torch.tensor([0.5, 0.5])).logProb(torch.tensor([4, 1]))'),
    ('D.StudentT(-1.)', 'new D.StudentT(-1)'),
    ('D.HalfNormal(-1.)', 'new D.HalfNormal(-1)'),
    ('D.Gumbel(0., T([1., -1.]))', 'new D.Gumbel(0, torch.tensor([1, -1]))'),
    ('D.LogNormal(0., 1.).log_prob(T([-1.]))', 'new D.LogNormal(0, 1).logProb(torch.tensor([-1]))'),
    ('TR.AbsTransform().inv.log_abs_det_jacobian(x3, x3)', 'new TR.AbsTransform().inv.logAbsDetJacobian(x3, x3)'),
    ('TR.ExpTransform(cache_size=2)', 'new TR.ExpTransform(2)'),
    ('D.TransformedDistribution(D.Normal(0., 1.), 3)', 'new D.TransformedDistribution(new D.Normal(0, 1), 3)'),
    ('D.Multinomial(T(3), P)', 'new D.Multinomial(torch.tensor(3), P)'),
    ('D.Multinomial(2, P).log_prob(T([[1., 1., 1.], [2., 0., 0.]]))', 'new D.Multinomial(2, P).logProb(torch.tensor([[1, 1, 1], [2, 0, 0]]))'),
    ('D.Pareto(1., -1.)', 'new D.Pareto(1, -1)'),
    ('D.NegativeBinomial(2., T([.5, 1.]))', 'new D.NegativeBinomial(2, torch.tensor([0.5, 1]))'),
    ('D.Normal(0., 1., True, 3)', 'new D.Normal(0, 1, true, 3)'),
    ('D.Normal(0., 1., scal=2.)', 'new D.Normal(0, 1, { scal: 2 })'),
    ('D.Normal(0., 1.).sample((2,), 3)', 'new D.Normal(0, 1).sample([2], 3)'),
    ('D.kl_divergence(D.Bernoulli(pb), D.Normal(loc, scale))', 'D.klDivergence(new D.Bernoulli(pb), new D.Normal(loc, scale))'),
    ('D.MixtureSameFamily(D.Categorical(T([.5, .5])), D.Normal(loc, scale))', 'new D.MixtureSameFamily(new D.Categorical(torch.tensor([0.5, 0.5])), new D.Normal(loc, scale))'),
    ('D.MixtureSameFamily(D.Categorical(P), D.Normal(loc232, scale232))', 'new D.MixtureSameFamily(new D.Categorical(P), new D.Normal(loc232, scale232))'),
    ('D.MixtureSameFamily(D.Categorical(p3), D.Normal(loc, scale)).log_prob(T([[1., 2.]]))', 'new D.MixtureSameFamily(new D.Categorical(p3), new D.Normal(loc, scale)).logProb(torch.tensor([[1, 2]]))'),
    ('D.RelaxedBernoulli(T(.5))', 'new D.RelaxedBernoulli(torch.tensor(0.5))'),
    ('D.RelaxedBernoulli(T(.5), T([.5, 1.5]))', 'new D.RelaxedBernoulli(torch.tensor(0.5), torch.tensor([0.5, 1.5]))'),
    ('D.RelaxedOneHotCategorical(T(.5), T([-.5, 1.5]))', 'new D.RelaxedOneHotCategorical(torch.tensor(0.5), torch.tensor([-0.5, 1.5]))'),
    ('D.RelaxedBernoulli(T(.5), pb).log_prob(T([.5, 1.5, .5]))', 'new D.RelaxedBernoulli(torch.tensor(0.5), pb).logProb(torch.tensor([0.5, 1.5, 0.5]))'),
    ('D.ContinuousBernoulli(T([.5, 1.5]), validate_args=True)', 'new D.ContinuousBernoulli(torch.tensor([0.5, 1.5]), { validateArgs: true })'),
    ('D.ContinuousBernoulli(pb).log_prob(T([.5, 1.5, .5]))', 'new D.ContinuousBernoulli(pb).logProb(torch.tensor([0.5, 1.5, 0.5]))'),
    ('D.FisherSnedecor(-1., 2.)', 'new D.FisherSnedecor(-1, 2)'),
    ('D.Kumaraswamy(1., -2.)', 'new D.Kumaraswamy(1, -2)'),
    ('D.LogisticNormal(loc, -scale)', 'new D.LogisticNormal(loc, scale.neg())'),
    ('D.LogisticNormal(loc, scale).log_prob(T([.5, .6, 0., -.1]))', 'new D.LogisticNormal(loc, scale).logProb(torch.tensor([0.5, 0.6, 0, -0.1]))'),
    ('D.VonMises(0., -1.)', 'new D.VonMises(0, -1)'),
    ('TR.StickBreakingTransform().forward_shape([])', 'new TR.StickBreakingTransform().forwardShape([])'),
    ('D.biject_to(D.constraints.lower_cholesky)', 'D.bijectTo(D.constraints.lowerCholesky)'),
    ('D.transform_to(D.constraints.boolean)', 'D.transformTo(D.constraints.boolean)'),
    ('D.LowRankMultivariateNormal(mu, W1.t(), T([1., 2.]))', 'new D.LowRankMultivariateNormal(mu, W1.t(), torch.tensor([1, 2]))'),
    ('D.LowRankMultivariateNormal(mu, W1, T([1., 2., 3.]))', 'new D.LowRankMultivariateNormal(mu, W1, torch.tensor([1, 2, 3]))'),
    ('D.LowRankMultivariateNormal(mu, W1, T([1., -2.]))', 'new D.LowRankMultivariateNormal(mu, W1, torch.tensor([1, -2]))'),
    ('D.LowRankMultivariateNormal(T(1.), W1, T([1., 2.]))', 'new D.LowRankMultivariateNormal(torch.tensor(1), W1, torch.tensor([1, 2]))'),
    ('TR.ReshapeTransform((2, 2), (3,))', 'new TR.ReshapeTransform([2, 2], [3])'),
    ('TR.ReshapeTransform((2, 2), (4,)).forward_shape((2, 3))', 'new TR.ReshapeTransform([2, 2], [4]).forwardShape([2, 3])'),
    ('D.LKJCholesky(1)', 'new D.LKJCholesky(1)'),
    ('D.LKJCholesky(3, -1.)', 'new D.LKJCholesky(3, -1)'),
    ('D.Wishart(T(1.), cov)', 'new D.Wishart(torch.tensor(1), cov)'),
    ('D.Wishart(3., cov, scale_tril=tril)', 'new D.Wishart(3, cov, { scaleTril: tril })'),
    ('D.Wishart(T(4.), T([[1., 2.], [2., 1.]]))', 'new D.Wishart(torch.tensor(4), torch.tensor([[1, 2], [2, 1]]))'),
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
        if any(dpy.startswith(f'D.{d}(') and prop in ppy for d, prop in NOT_COPIED):
            continue
        if torch.__version__ < '2' and any(dpy.startswith(f'D.{d}(') and prop in ppy for d, prop in SINCE_2):
            continue
        ppy = re.sub(r'\bv\b', value, re.sub(r'\bd\b', f'({dpy})', ppy))
        pts = re.sub(r'\bv\b', value, re.sub(r'\bd\b', f'({dts})', pts))
        case = run(ppy, pts, {})
        if case is not None:
            cases.append(case)
for tpy, tts in TRANSFORMS:
    for ppy, pts in TPROPS:
        if ppy == 't.sign' and 'PowerTransform' in tpy:
            continue  # PyTorch 1.13 says +1 whatever the exponent, fixed in 2.x (test/distributions.test.ts)
        case = run(re.sub(r'\bt\b', f'({tpy})', ppy), re.sub(r'\bt\b', f'({tts})', pts), {})
        if case is not None:
            cases.append(case)
# where PyTorch 1.13 differs and torch-node follows 2.x: a transform 1.13 lacks, and messages 2.x fixed
SINCE_2_CASES = [
    ('D.transform_to(D.constraints.positive_definite)(cov)', 'D.transformTo(D.constraints.positiveDefinite)(cov)'),
    ('TR.PositiveDefiniteTransform()(cov)', 'new TR.PositiveDefiniteTransform()(cov)'),
    ('TR.PositiveDefiniteTransform().inv(cov)', 'new TR.PositiveDefiniteTransform().inv(cov)'),
    ('D.MixtureSameFamily(D.Normal(0., 1.), D.Normal(loc, scale))', 'new D.MixtureSameFamily(new D.Normal(0, 1), new D.Normal(loc, scale))'),
    ('D.MixtureSameFamily(D.Categorical(p3), D.Gamma(conc, rate)).log_prob(T([-1., 1.]))', 'new D.MixtureSameFamily(new D.Categorical(p3), new D.Gamma(conc, rate)).logProb(torch.tensor([-1, 1]))'),
    ('TR.CorrCholeskyTransform().forward_shape((4,))', 'new TR.CorrCholeskyTransform().forwardShape([4])'),
]
for py, ts in GRADS + KL + CONSTRAINTS + MISC + ERRORS + (SINCE_2_CASES if torch.__version__ >= '2' else []):
    case = run(py, ts, {}, unimplemented_is_absent=False)
    assert case is not None, py
    cases.append(case)

with open(os.path.join(fixtures_dir(), 'distributions.json'), 'w') as f:
    json.dump({'torch': torch.__version__, 'inputs': {k: enc(v) for k, v in SCOPE.items() if isinstance(v, torch.Tensor)}, 'cases': cases}, f, indent=0)
print(len(cases), 'cases;', sum('error' in c for c in cases), 'errors')
