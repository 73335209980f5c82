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
export { MixtureSameFamily } from './mixture-same-family.js';
export { RelaxedBernoulli } from './relaxed-bernoulli.js';
export { RelaxedOneHotCategorical } from './relaxed-categorical.js';
export { ContinuousBernoulli } from './continuous-bernoulli.js';
export { FisherSnedecor } from './fisher-snedecor.js';
export { Kumaraswamy } from './kumaraswamy.js';
export { LogisticNormal } from './logistic-normal.js';
export { VonMises } from './von-mises.js';
export { LowRankMultivariateNormal } from './low-rank-multivariate-normal.js';
export { InverseGamma } from './inverse-gamma.js';
export { GeneralizedPareto } from './generalized-pareto.js';
export { LKJCholesky } from './lkj-cholesky.js';
export { Wishart } from './wishart.js';
export { bijectTo, transformTo } from './constraint-registry.js';
/** torch.distributions.constraint_registry: biject_to, transform_to and their ConstraintRegistry class. */
export * as constraintRegistry from './constraint-registry.js';
/** torch.distributions.relaxed_bernoulli: RelaxedBernoulli and its logit, LogitRelaxedBernoulli. */
export * as relaxedBernoulli from './relaxed-bernoulli.js';
/** torch.distributions.relaxed_categorical: RelaxedOneHotCategorical and its log, ExpRelaxedCategorical. */
export * as relaxedCategorical from './relaxed-categorical.js';
/** Invertible maps for TransformedDistribution (torch.distributions.transforms). */
export * as transforms from './transforms.js';
// re-exported here too, as torch.distributions re-exports its transforms
export {
  Transform, ComposeTransform, IndependentTransform, ExpTransform, PowerTransform, SigmoidTransform, SoftplusTransform,
  TanhTransform, AbsTransform, AffineTransform, SoftmaxTransform, StickBreakingTransform, ReshapeTransform, CatTransform,
  StackTransform, CumulativeDistributionTransform, LowerCholeskyTransform, PositiveDefiniteTransform, CorrCholeskyTransform, identityTransform,
} from './transforms.js';
export { klDivergence, registerKl } from './kl.js';
/** torch.distributions.kl: klDivergence and registerKl. */
export * as kl from './kl.js';
