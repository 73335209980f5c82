// torch.distributions: parameterisable probability distributions with sampling, densities,
// moments, entropy and KL divergence, ported from PyTorch's Python (reinforcement learning's
// policy gradients, VAEs, Bayesian layers).
export { Distribution, ExponentialFamily, NotImplementedError } from './distribution.js';
/** The regions parameters and values must lie in (torch.distributions.constraints). */
export * as constraints from './constraints.js';
export { Bernoulli } from './bernoulli.js';
export { Categorical } from './categorical.js';
export { OneHotCategorical } from './one-hot-categorical.js';
export { Normal } from './normal.js';
export { Uniform } from './uniform.js';
export { Exponential } from './exponential.js';
export { Laplace } from './laplace.js';
export { Poisson } from './poisson.js';
export { Gamma } from './gamma.js';
export { Independent } from './independent.js';
export { MultivariateNormal } from './multivariate-normal.js';
export { klDivergence, registerKl } from './kl.js';
/** torch.distributions.kl: klDivergence and registerKl. */
export * as kl from './kl.js';
