// torch.distributions: parameterisable probability distributions with sampling, densities,
// moments, entropy and KL divergence, ported from PyTorch's Python (reinforcement learning's
// policy gradients, VAEs, Bayesian layers).
export { Distribution, ExponentialFamily, NotImplementedError } from './distribution.js';
/** The regions parameters and values must lie in (torch.distributions.constraints). */
export * as constraints from './constraints.js';
export { Bernoulli } from './bernoulli.js';
export { Categorical } from './categorical.js';
export { OneHotCategorical, OneHotCategoricalStraightThrough } from './one-hot-categorical.js';
export { Normal } from './normal.js';
export { Uniform } from './uniform.js';
export { Exponential } from './exponential.js';
export { Laplace } from './laplace.js';
export { Poisson } from './poisson.js';
export { Gamma } from './gamma.js';
export { Chi2 } from './chi2.js';
export { StudentT } from './student-t.js';
export { Beta } from './beta.js';
export { Dirichlet } from './dirichlet.js';
export { Cauchy } from './cauchy.js';
export { Geometric } from './geometric.js';
export { Binomial } from './binomial.js';
export { Independent } from './independent.js';
export { MultivariateNormal } from './multivariate-normal.js';
export { TransformedDistribution, LogNormal, HalfNormal, HalfCauchy, Gumbel, Pareto, Weibull } from './transformed-distribution.js';
export { Multinomial } from './multinomial.js';
export { NegativeBinomial } from './negative-binomial.js';
/** Invertible maps for TransformedDistribution (torch.distributions.transforms). */
export * as transforms from './transforms.js';
// re-exported here too, as torch.distributions re-exports its transforms
export {
  Transform, ComposeTransform, IndependentTransform, ExpTransform, PowerTransform, SigmoidTransform, SoftplusTransform,
  TanhTransform, AbsTransform, AffineTransform, SoftmaxTransform, identityTransform,
} from './transforms.js';
export { klDivergence, registerKl } from './kl.js';
/** torch.distributions.kl: klDivergence and registerKl. */
export * as kl from './kl.js';
