// torch.distributions.kl_divergence: KL(p || q) by the most specific registered pair of types, as
// PyTorch's registry dispatches (register_kl); the closed forms are PyTorch's (torch/distributions/kl.py).
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import { badArg } from '../errors.js';
import { Distribution, ExponentialFamily, NotImplementedError, sumRightmost } from './distribution.js';
import { Bernoulli } from './bernoulli.js';
import { Categorical } from './categorical.js';
import { OneHotCategorical } from './one-hot-categorical.js';
import { Normal } from './normal.js';
import { Uniform } from './uniform.js';
import { Exponential } from './exponential.js';
import { Laplace } from './laplace.js';
import { Poisson } from './poisson.js';
import { Gamma } from './gamma.js';
import { Beta } from './beta.js';
import { Dirichlet } from './dirichlet.js';
import { Binomial } from './binomial.js';
import { Geometric } from './geometric.js';
import { TransformedDistribution, HalfNormal, Gumbel, Pareto } from './transformed-distribution.js';
import { Independent } from './independent.js';
import { MultivariateNormal, batchMahalanobis } from './multivariate-normal.js';
import { ContinuousBernoulli } from './continuous-bernoulli.js';
import { LowRankMultivariateNormal, lowRankLogdet, lowRankMahalanobis } from './low-rank-multivariate-normal.js';

type Ctor = { prototype: Distribution; readonly name: string };
type KlFn = (p: any, q: any) => Tensor;
const registry = new Map<Ctor, Map<Ctor, KlFn>>();
const memo = new Map<Ctor, Map<Ctor, KlFn | null>>();

type KlType<T> = { prototype: T; readonly name: string };
/**
 * Registers `fn(p, q)` as KL(p || q) for p of typeP and q of typeQ (and their subclasses, unless
 * more specific ones are registered). As Python's decorator `@register_kl(P, Q)`:
 * `registerKl(P, Q)(fn)`; or in one call, `registerKl(P, Q, fn)`. Returns `fn`.
 */
export function registerKl<P extends Distribution, Q extends Distribution>(typeP: KlType<P>, typeQ: KlType<Q>): <F extends (p: P, q: Q) => Tensor>(fn: F) => F;
export function registerKl<P extends Distribution, Q extends Distribution, F extends (p: P, q: Q) => Tensor>(typeP: KlType<P>, typeQ: KlType<Q>, fn: F): F;
export function registerKl(...args: unknown[]): unknown {
  const { typeP, typeQ, fn } = bind('distributions.kl.registerKl', args as Args<'distributions.kl.registerKl'>) as { typeP: Ctor; typeQ: Ctor; fn: unknown };
  const isDistributionClass = (t: unknown) => typeof t === 'function' && (t === Distribution || (t as Ctor).prototype instanceof Distribution);
  if (!isDistributionClass(typeP)) throw new TypeError(`Expected type_p to be a Distribution subclass but got ${(typeP as Ctor)?.name ?? String(typeP)}`);
  if (!isDistributionClass(typeQ)) throw new TypeError(`Expected type_q to be a Distribution subclass but got ${(typeQ as Ctor)?.name ?? String(typeQ)}`);
  const register = (fn: unknown) => {
    if (typeof fn !== 'function') throw new TypeError(`Expected a function (p, q) => Tensor for fn but received ${String(fn)} of type ${typeof fn}`);
    if (!registry.has(typeP)) registry.set(typeP, new Map());
    registry.get(typeP)!.set(typeQ, fn as KlFn);
    memo.clear();
    return fn;
  };
  return fn === null || fn === undefined ? register : register(fn);
}

const isSub = (a: Ctor, b: Ctor) => a === b || b.prototype.isPrototypeOf(a.prototype);
/** Python's _Match ordering: the lexicographically most specific pair (p's type first). */
function mostSpecific(pairs: [Ctor, Ctor][]): [Ctor, Ctor] {
  return pairs.reduce((best, m) => {
    const le = (x: [Ctor, Ctor], y: [Ctor, Ctor]) => {
      for (let i = 0; i < 2; i++) {
        if (!isSub(x[i]!, y[i]!)) return false;
        if (x[i] !== y[i]) break;
      }
      return true;
    };
    return le(m, best) ? m : best;
  });
}
function dispatch(typeP: Ctor, typeQ: Ctor): KlFn | null {
  const matches: [Ctor, Ctor][] = [];
  for (const [p, qs] of registry) for (const q of qs.keys()) if (isSub(typeP, p) && isSub(typeQ, q)) matches.push([p, q]);
  if (matches.length === 0) return null;
  const [leftP, leftQ] = mostSpecific(matches);
  const [rightQ, rightP] = mostSpecific(matches.map(([p, q]) => [q, p]));
  const left = registry.get(leftP)!.get(leftQ)!, right = registry.get(rightP)!.get(rightQ)!;
  if (left !== right) {
    process.emitWarning(`Ambiguous kl_divergence(${typeP.name}, ${typeQ.name}). Please register_kl(${leftP.name}, ${rightQ.name})`, 'RuntimeWarning');
  }
  return left;
}

/** The Kullback-Leibler divergence KL(p || q), batched over the distributions' batch shape. */
export function klDivergence(...args: Args<'distributions.klDivergence'>): Tensor {
  const { p, q } = bind('distributions.klDivergence', args, { name: 'klDivergence' });
  if (!(p instanceof Distribution)) badArg('Distribution', 'p', p);
  if (!(q instanceof Distribution)) badArg('Distribution', 'q', q);
  const typeP = p.constructor as Ctor, typeQ = q.constructor as Ctor;
  if (!memo.has(typeP)) memo.set(typeP, new Map());
  let fn = memo.get(typeP)!.get(typeQ);
  if (fn === undefined) memo.get(typeP)!.set(typeQ, (fn = dispatch(typeP, typeQ)));
  if (fn === null) throw new NotImplementedError(`No KL(p || q) is implemented for p type ${typeP.name} and q type ${typeQ.name}`);
  return fn(p, q);
}

const infiniteLike = (t: Tensor) => torch.fullLike(t, Infinity);

registerKl(Bernoulli, Bernoulli, (p, q) => {
  const sp = torch.nn.functional.softplus;
  const t1 = p.probs.mul(sp(q.logits.neg()).sub(sp(p.logits.neg())));
  t1.maskedFill_(q.probs.eq(0), Infinity).maskedFill_(p.probs.eq(0), 0);
  const t2 = torch.sub(1, p.probs).mul(sp(q.logits).sub(sp(p.logits)));
  t2.maskedFill_(q.probs.eq(1), Infinity).maskedFill_(p.probs.eq(1), 0);
  return t1.add(t2);
});
registerKl(Beta, Beta, (p, q) => {
  const sumP = p.concentration1.add(p.concentration0);
  const sumQ = q.concentration1.add(q.concentration0);
  const t1 = q.concentration1.lgamma().add(q.concentration0.lgamma()).add(sumP.lgamma());
  const t2 = p.concentration1.lgamma().add(p.concentration0.lgamma()).add(sumQ.lgamma());
  const t3 = p.concentration1.sub(q.concentration1).mul(p.concentration1.digamma());
  const t4 = p.concentration0.sub(q.concentration0).mul(p.concentration0.digamma());
  const t5 = sumQ.sub(sumP).mul(sumP.digamma());
  return t1.sub(t2).add(t3).add(t4).add(t5);
});
registerKl(Binomial, Binomial, (p, q) => {
  if (p.totalCount.lt(q.totalCount).any().item()) {
    throw new NotImplementedError('KL between Binomials where q.total_count > p.total_count is not implemented');
  }
  const kl = p.totalCount.mul(p.probs.mul(p.logits.sub(q.logits)).add(p.probs.neg().log1p()).sub(q.probs.neg().log1p()));
  return kl.maskedFill_(p.totalCount.gt(q.totalCount), Infinity);
});
registerKl(Dirichlet, Dirichlet, (p, q) => {
  const sumP = p.concentration.sum(-1);
  const sumQ = q.concentration.sum(-1);
  const t1 = sumP.lgamma().sub(sumQ.lgamma());
  const t2 = p.concentration.lgamma().sub(q.concentration.lgamma()).sum(-1);
  const t3 = p.concentration.sub(q.concentration);
  const t4 = p.concentration.digamma().sub(sumP.digamma().unsqueeze(-1));
  return t1.sub(t2).add(t3.mul(t4).sum(-1));
});
registerKl(Geometric, Geometric, (p, q) => p.entropy().neg().sub(q.probs.neg().log1p().div(p.probs)).sub(q.logits));
function klCategorical(p: Categorical, q: Categorical): Tensor {
  const t = p.probs.mul(p.logits.sub(q.logits));
  t.maskedFill_(q.probs.eq(0).expandAs(t), Infinity).maskedFill_(p.probs.eq(0).expandAs(t), 0);
  return t.sum(-1);
}
registerKl(Categorical, Categorical, klCategorical);
registerKl(OneHotCategorical, OneHotCategorical, (p, q) => klCategorical(p.categorical, q.categorical));
registerKl(Exponential, Exponential, (p, q) => {
  const rateRatio = q.rate.div(p.rate);
  return rateRatio.log().neg().add(rateRatio).sub(1);
});
registerKl(ExponentialFamily, ExponentialFamily, (p, q) => {
  if (p.constructor !== q.constructor) {
    throw new NotImplementedError('The cross KL-divergence between different exponential families cannot                             be computed using Bregman divergences');
  }
  return torch.enableGrad(() => {
    const pParams = p.naturalParams.map((t) => t.detach().requiresGrad_());
    const qParams = q.naturalParams;
    const lgNormal = p.logNormalizer(...pParams);
    const gradients = torch.autograd.grad(lgNormal.sum(), pParams, null, { createGraph: true });
    let result = q.logNormalizer(...qParams).sub(lgNormal);
    pParams.forEach((pnp, i) => { result = result.sub(sumRightmost(qParams[i]!.sub(pnp).mul(gradients[i]!), q.eventShape.length)); });
    return result;
  });
});
registerKl(Gamma, Gamma, (p, q) => {
  const t1 = q.concentration.mul(p.rate.div(q.rate).log());
  const t2 = q.concentration.lgamma().sub(p.concentration.lgamma());
  const t3 = p.concentration.sub(q.concentration).mul(p.concentration.digamma());
  const t4 = q.rate.sub(p.rate).mul(p.concentration.div(p.rate));
  return t1.add(t2).add(t3).add(t4);
});
registerKl(Laplace, Laplace, (p, q) => {
  const scaleRatio = p.scale.div(q.scale);
  const locAbsDiff = p.loc.sub(q.loc).abs();
  return scaleRatio.log().neg().add(locAbsDiff.div(q.scale)).add(scaleRatio.mul(locAbsDiff.neg().div(p.scale).exp())).sub(1);
});
registerKl(MultivariateNormal, MultivariateNormal, (p, q) => {
  if (p.eventShape.join() !== q.eventShape.join()) {
    throw new RangeError('KL-divergence between two Multivariate Normals with                          different event shapes cannot be computed');
  }
  const halfTerm1 = q.unbroadcastedScaleTril.diagonal(0, -2, -1).log().sum(-1).sub(p.unbroadcastedScaleTril.diagonal(0, -2, -1).log().sum(-1));
  const combined = torch.broadcastShapes(q.unbroadcastedScaleTril.shape.slice(0, -2), p.unbroadcastedScaleTril.shape.slice(0, -2));
  const n = p.eventShape[0]!;
  const qTril = q.unbroadcastedScaleTril.expand([...combined, n, n]);
  const pTril = p.unbroadcastedScaleTril.expand([...combined, n, n]);
  const term2 = batchTraceXXT(torch.linalg.solveTriangular(qTril, pTril, { upper: false }));
  const term3 = batchMahalanobis(q.unbroadcastedScaleTril, q.loc.sub(p.loc));
  return halfTerm1.add(term2.add(term3).sub(n).mul(0.5));
});
function klNormal(p: Normal, q: Normal): Tensor {
  const varRatio = p.scale.div(q.scale).pow(2);
  const t1 = p.loc.sub(q.loc).div(q.scale).pow(2);
  return varRatio.add(t1).sub(1).sub(varRatio.log()).mul(0.5);
}
registerKl(Normal, Normal, klNormal);
registerKl(HalfNormal, HalfNormal, (p, q) => klNormal(p.baseDist as Normal, q.baseDist as Normal));
registerKl(Gumbel, Gumbel, (p, q) => {
  const euler = 0.5772156649015329;
  const ct1 = p.scale.div(q.scale), ct2 = q.loc.div(q.scale), ct3 = p.loc.div(q.scale);
  const t1 = ct1.log().neg().sub(ct2).add(ct3);
  const t2 = ct1.mul(euler);
  const t3 = ct2.add(ct1.add(1).lgamma()).sub(ct3).exp();
  return t1.add(t2).add(t3).sub(1 + euler);
});
registerKl(TransformedDistribution, TransformedDistribution, (p, q) => {
  const same = p.transforms.length === q.transforms.length && p.transforms.every((t, i) => t.equals(q.transforms[i]!));
  if (!same || p.eventShape.join() !== q.eventShape.join()) throw new NotImplementedError();
  return klDivergence(p.baseDist, q.baseDist);
});
registerKl(Pareto, Pareto, (p, q) => {
  const scaleRatio = p.scale.div(q.scale);
  const alphaRatio = q.alpha.div(p.alpha);
  const result = q.alpha.mul(scaleRatio.log()).sub(alphaRatio.log()).add(alphaRatio).sub(1);
  return result.maskedFill_(p.scale.lt(q.scale), Infinity);
});
registerKl(Poisson, Poisson, (p, q) => p.rate.mul(p.rate.log().sub(q.rate.log())).sub(p.rate.sub(q.rate)));
registerKl(Uniform, Uniform, (p, q) => {
  const result = q.high.sub(q.low).div(p.high.sub(p.low)).log();
  return result.maskedFill_(q.low.gt(p.low).logicalOr(q.high.lt(p.high)), Infinity);
});
registerKl(Bernoulli, Poisson, (p, q) => p.entropy().neg().sub(p.probs.mul(q.rate.log())).add(q.rate));
registerKl(Exponential, Uniform, (p) => infiniteLike(p.rate));
registerKl(Exponential, Gamma, (p, q) => {
  const euler = 0.5772156649015329;
  const ratio = q.rate.div(p.rate);
  return q.concentration.neg().mul(ratio.log()).add(ratio).add(q.concentration.lgamma()).add(q.concentration.mul(euler)).sub(1 + euler);
});
registerKl(Exponential, Normal, (p, q) => {
  const varNormal = q.scale.pow(2);
  const rateSqr = p.rate.pow(2);
  const t1 = rateSqr.mul(varNormal).mul(2 * Math.PI).log().mul(0.5);
  return t1.sub(1).add(rateSqr.reciprocal().sub(q.loc.div(p.rate)).add(q.loc.pow(2).mul(0.5)).div(varNormal));
});
registerKl(Gamma, Uniform, (p) => infiniteLike(p.concentration));
registerKl(Gamma, Exponential, (p, q) => p.entropy().neg().sub(q.rate.log()).add(q.rate.mul(p.concentration).div(p.rate)));
registerKl(Gamma, Normal, (p, q) => {
  const varNormal = q.scale.pow(2);
  const betaSqr = p.rate.pow(2);
  const t1 = betaSqr.mul(varNormal).mul(2 * Math.PI).log().mul(0.5).sub(p.concentration).sub(p.concentration.lgamma());
  const t2 = p.concentration.pow(2).add(p.concentration).mul(0.5).div(betaSqr);
  const t3 = q.loc.mul(p.concentration).div(p.rate);
  const t4 = q.loc.pow(2).mul(0.5);
  return t1.add(p.concentration.sub(1).mul(p.concentration.digamma())).add(t2.sub(t3).add(t4).div(varNormal));
});
for (const Q of [Exponential, Gamma, Uniform] as const) registerKl(Laplace, Q as Ctor, (p: Laplace) => infiniteLike(p.loc));
registerKl(Laplace, Normal, (p, q) => {
  const varNormal = q.scale.pow(2);
  const scaleSqrVarRatio = p.scale.pow(2).div(varNormal);
  const t1 = scaleSqrVarRatio.mul(2 / Math.PI).log().mul(0.5);
  const t234 = p.loc.pow(2).mul(0.5).sub(p.loc.mul(q.loc)).add(q.loc.pow(2).mul(0.5));
  return t1.neg().add(scaleSqrVarRatio).add(t234.div(varNormal)).sub(1);
});
for (const Q of [Exponential, Gamma, Uniform] as const) registerKl(Normal, Q as Ctor, (p: Normal) => infiniteLike(p.loc));
registerKl(Normal, Laplace, (p, q) => {
  const locDiff = p.loc.sub(q.loc);
  const scaleRatio = p.scale.div(q.scale);
  const locDiffScaleRatio = locDiff.div(p.scale);
  const t1 = scaleRatio.log();
  const t2 = p.scale.mul(Math.sqrt(2 / Math.PI)).mul(locDiffScaleRatio.pow(2).mul(-0.5).exp());
  const t3 = locDiff.mul(locDiffScaleRatio.mul(Math.sqrt(0.5)).erf());
  return t1.neg().add(t2.add(t3).div(q.scale)).sub(0.5 * (1 + Math.log(0.5 * Math.PI)));
});
registerKl(Poisson, Bernoulli, (p) => infiniteLike(p.rate));
registerKl(Uniform, Exponential, (p, q) => {
  const result = q.rate.mul(p.high.add(p.low)).div(2).sub(p.high.sub(p.low).mul(q.rate).log());
  return result.maskedFill_(p.low.lt(0), Infinity);
});
registerKl(Uniform, Gamma, (p, q) => {
  const xLogX = (t: Tensor) => torch.special.xlogy(t, t);
  const common = p.high.sub(p.low);
  const t1 = common.log();
  const t2 = q.concentration.lgamma().sub(q.concentration.mul(q.rate.log()));
  const t3 = torch.sub(1, q.concentration).mul(xLogX(p.high).sub(xLogX(p.low)).sub(common)).div(common);
  const t4 = q.rate.mul(p.high.add(p.low)).div(2);
  return t1.neg().add(t2).add(t3).add(t4).maskedFill_(p.low.lt(0), Infinity);
});
registerKl(Uniform, Normal, (p, q) => {
  const common = p.high.sub(p.low);
  const t1 = q.scale.mul(Math.sqrt(Math.PI * 2)).div(common).log();
  const t2 = common.pow(2).div(12);
  const t3 = p.high.add(p.low).sub(q.loc.mul(2)).div(2).pow(2);
  return t1.add(t2.add(t3).mul(0.5).div(q.scale.pow(2)));
});
registerKl(Independent, Independent, (p, q) => {
  if (p.reinterpretedBatchNdims !== q.reinterpretedBatchNdims) throw new NotImplementedError();
  return sumRightmost(klDivergence(p.baseDist, q.baseDist), p.reinterpretedBatchNdims);
});

// ContinuousBernoulli's pairs: closed forms, and infinite where q has no mass over p's support
registerKl(ContinuousBernoulli, ContinuousBernoulli, (p, q) => {
  const t1 = p.mean.mul(p.logits.sub(q.logits));
  const t2 = p.contBernLogNorm().add(p.probs.neg().log1p());
  const t3 = q.contBernLogNorm().neg().sub(q.probs.neg().log1p());
  return t1.add(t2).add(t3);
});
/** KL(p || q) for q ContinuousBernoulli, from p's entropy and mean */
const klToContinuousBernoulli = (p: Distribution, q: ContinuousBernoulli) =>
  p.entropy().neg().sub(p.mean.mul(q.logits)).sub(q.probs.neg().log1p()).sub(q.contBernLogNorm());
registerKl(Beta, ContinuousBernoulli, klToContinuousBernoulli);
registerKl(ContinuousBernoulli, Pareto, (p) => infiniteLike(p.probs));
registerKl(ContinuousBernoulli, Exponential, (p, q) => p.entropy().neg().sub(q.rate.log()).add(q.rate.mul(p.mean)));
registerKl(ContinuousBernoulli, Normal, (p, q) => {
  const t1 = p.entropy().neg();
  const t2 = q.loc.div(q.scale).square().add(Math.log(2 * Math.PI)).mul(0.5).add(q.scale.log());
  const t3 = p.variance.add(p.mean.square()).sub(q.loc.mul(2).mul(p.mean)).div(q.scale.square().mul(2));
  return t1.add(t2).add(t3);
});
registerKl(ContinuousBernoulli, Uniform, (p, q) => {
  const result = p.entropy().neg().add(q.high.sub(q.low).log());
  return torch.where(q.low.ge(0).logicalOr(q.high.le(1)), torch.onesLike(result).mul(Infinity), result);
});
registerKl(Exponential, ContinuousBernoulli, (p) => infiniteLike(p.rate));
registerKl(Gamma, ContinuousBernoulli, (p) => infiniteLike(p.concentration));
for (const P of [Gumbel, Laplace, Normal] as const) registerKl(P as Ctor, ContinuousBernoulli, (p) => infiniteLike((p as Gumbel | Laplace | Normal).loc));
registerKl(Pareto, ContinuousBernoulli, (p) => infiniteLike(p.scale));
registerKl(Uniform, ContinuousBernoulli, (p, q) => {
  const result = klToContinuousBernoulli(p, q);
  return torch.where(p.high.ge(1).logicalOr(p.low.le(0)), torch.onesLike(result).mul(Infinity), result);
});

// the low-rank multivariate normal's pairs, through the Woodbury identity
/** trace(X Xᵀ) over the trailing two dimensions */
function batchTraceXXT(bmat: Tensor): Tensor {
  const n = bmat.shape.at(-1)!, m = bmat.shape.at(-2)!;
  return bmat.reshape([-1, m * n]).pow(2).sum(-1).reshape(bmat.shape.slice(0, -2));
}
const sameEvent = (p: Distribution, q: Distribution, what: string) => {
  if (p.eventShape.join() !== q.eventShape.join()) {
    throw new RangeError(`KL-divergence between two ${what} with                          different event shapes cannot be computed`);
  }
};
/** A = L_q⁻¹ Wqᵀ Dq⁻¹, the Woodbury factor of q's precision */
const woodburyA = (q: LowRankMultivariateNormal) =>
  torch.linalg.solveTriangular(q.capacitanceTril, q.unbroadcastedCovFactor.mT.div(q.unbroadcastedCovDiag.unsqueeze(-2)), { upper: false });
registerKl(LowRankMultivariateNormal, LowRankMultivariateNormal, (p, q) => {
  sameEvent(p, q, 'Low Rank Multivariate Normals');
  const term1 = lowRankLogdet(q.unbroadcastedCovFactor, q.unbroadcastedCovDiag, q.capacitanceTril)
    .sub(lowRankLogdet(p.unbroadcastedCovFactor, p.unbroadcastedCovDiag, p.capacitanceTril));
  const term3 = lowRankMahalanobis(q.unbroadcastedCovFactor, q.unbroadcastedCovDiag, q.loc.sub(p.loc), q.capacitanceTril);
  const A = woodburyA(q);
  const term21 = p.unbroadcastedCovDiag.div(q.unbroadcastedCovDiag).sum(-1);
  const term22 = batchTraceXXT(p.unbroadcastedCovFactor.mul(q.unbroadcastedCovDiag.rsqrt().unsqueeze(-1)));
  const term23 = batchTraceXXT(A.mul(p.unbroadcastedCovDiag.sqrt().unsqueeze(-2)));
  const term24 = batchTraceXXT(A.matmul(p.unbroadcastedCovFactor));
  const term2 = term21.add(term22).sub(term23).sub(term24);
  return term1.add(term2).add(term3).sub(p.eventShape[0]!).mul(0.5);
});
registerKl(MultivariateNormal, LowRankMultivariateNormal, (p, q) => {
  sameEvent(p, q, '(Low Rank) Multivariate Normals');
  const term1 = lowRankLogdet(q.unbroadcastedCovFactor, q.unbroadcastedCovDiag, q.capacitanceTril)
    .sub(p.unbroadcastedScaleTril.diagonal(0, -2, -1).log().sum(-1).mul(2));
  const term3 = lowRankMahalanobis(q.unbroadcastedCovFactor, q.unbroadcastedCovDiag, q.loc.sub(p.loc), q.capacitanceTril);
  const A = woodburyA(q);
  const term21 = batchTraceXXT(p.unbroadcastedScaleTril.mul(q.unbroadcastedCovDiag.rsqrt().unsqueeze(-1)));
  const term22 = batchTraceXXT(A.matmul(p.unbroadcastedScaleTril));
  return term1.add(term21.sub(term22)).add(term3).sub(p.eventShape[0]!).mul(0.5);
});
registerKl(LowRankMultivariateNormal, MultivariateNormal, (p, q) => {
  sameEvent(p, q, '(Low Rank) Multivariate Normals');
  const term1 = q.unbroadcastedScaleTril.diagonal(0, -2, -1).log().sum(-1).mul(2)
    .sub(lowRankLogdet(p.unbroadcastedCovFactor, p.unbroadcastedCovDiag, p.capacitanceTril));
  const term3 = batchMahalanobis(q.unbroadcastedScaleTril, q.loc.sub(p.loc));
  const combined = torch.broadcastShapes(q.unbroadcastedScaleTril.shape.slice(0, -2), p.unbroadcastedCovFactor.shape.slice(0, -2));
  const n = p.eventShape[0]!;
  const qScaleTril = q.unbroadcastedScaleTril.expand([...combined, n, n]);
  const pCovFactor = p.unbroadcastedCovFactor.expand([...combined, n, p.covFactor.shape.at(-1)!]);
  const pCovDiag = torch.diagEmbed(p.unbroadcastedCovDiag.sqrt()).expand([...combined, n, n]);
  const term21 = batchTraceXXT(torch.linalg.solveTriangular(qScaleTril, pCovFactor, { upper: false }));
  const term22 = batchTraceXXT(torch.linalg.solveTriangular(qScaleTril, pCovDiag, { upper: false }));
  return term1.add(term21.add(term22)).add(term3).sub(n).mul(0.5);
});
