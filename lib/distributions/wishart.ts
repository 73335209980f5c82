// torch.distributions.Wishart: the distribution of scatter matrices, sampled by the Bartlett
// decomposition; an exponential family.
import * as torch from '../index.js';
import { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { ExponentialFamily, formatValue, given } from './distribution.js';
import { Chi2 } from './chi2.js';
import { precisionToScaleTril } from './multivariate-normal.js';

const LOG_2 = Math.log(2);

/** the multivariate digamma function of order p */
function mvdigamma(x: Tensor, p: number): Tensor {
  if (!x.gt((p - 1) / 2).all().item()) throw new RangeError('Wrong domain for multivariate digamma function.');
  return x.unsqueeze(-1).sub(torch.arange(p, { dtype: x.dtype, device: x.device }).div(2).expand([...x.shape, -1])).digamma().sum(-1);
}

/**
 * A Wishart distribution with `df` degrees of freedom and a scale given by exactly one of
 * `covarianceMatrix`, `precisionMatrix` or `scaleTril` (p × p, with optional batch dimensions).
 */
export class Wishart extends ExponentialFamily {
  override get hasRsample() { return true; }
  /** the degrees of freedom, over the batch */
  df: Tensor;
  /** @internal the scale's Cholesky factor as given or computed, before broadcasting */
  unbroadcastedScaleTril: Tensor;
  private chi2: Chi2;
  private batchDims: number[];
  constructor(...args: Args<'distributions.Wishart'>) {
    super();
    const a = bind('distributions.Wishart', args, { name: 'Wishart' });
    const givenCount = [a.covarianceMatrix, a.precisionMatrix, a.scaleTril].filter(given).length;
    if (givenCount !== 1) throw new RangeError('Exactly one of covariance_matrix or precision_matrix or scale_tril may be specified.');
    const param = [a.covarianceMatrix, a.precisionMatrix, a.scaleTril].find(given)!;
    if (param.dim() < 2) throw new RangeError('scale_tril must be at least two-dimensional, with optional leading batch dimensions');
    let batchShape: number[];
    if (typeof a.df === 'number') {
      batchShape = param.shape.slice(0, -2);
      this.df = torch.tensor(a.df, { dtype: param.dtype, device: param.device });
    } else {
      batchShape = torch.broadcastShapes(param.shape.slice(0, -2), a.df.shape);
      this.df = a.df.expand(batchShape);
    }
    const eventShape = param.shape.slice(-2);
    const p = eventShape[1]!;
    if (this.df.le(p - 1).any().item()) {
      throw new RangeError(`Value of df=${typeof a.df === 'number' ? a.df : formatValue(a.df)} expected to be greater than ndim - 1 = ${p - 1}.`);
    }
    const name = given(a.scaleTril) ? 'scaleTril' : given(a.covarianceMatrix) ? 'covarianceMatrix' : 'precisionMatrix';
    this.params[name] = param.expand([...batchShape, -1, -1]);
    if (this.df.lt(p).any().item()) {
      process.emitWarning('Low df values detected. Singular samples are highly likely to occur for ndim - 1 < df < ndim.', 'UserWarning');
    }
    this._eventShape = eventShape; // argConstraints reads it before init() sets it
    this.init(batchShape, eventShape, a.validateArgs);
    this.batchDims = batchShape.map((_, i) => -(i + 1));
    this.unbroadcastedScaleTril = given(a.scaleTril) ? a.scaleTril
      : given(a.covarianceMatrix) ? torch.linalg.cholesky(a.covarianceMatrix) : precisionToScaleTril(a.precisionMatrix!);
    this.chi2 = this.makeChi2(batchShape);
  }
  private makeChi2(batchShape: number[]) {
    const p = this._eventShape[1]!;
    const offsets = torch.arange(p, { dtype: this.unbroadcastedScaleTril.dtype, device: this.unbroadcastedScaleTril.device }).expand([...batchShape, -1]);
    return new Chi2(this.df.unsqueeze(-1).sub(offsets));
  }
  override get argConstraints(): Record<string, constraints.Constraint> {
    return {
      covarianceMatrix: constraints.positiveDefinite,
      precisionMatrix: constraints.positiveDefinite,
      scaleTril: constraints.lowerCholesky,
      df: constraints.greaterThan(this._eventShape[1]! - 1),
    };
  }
  // df is a plain attribute in Python: checked, and in the repr
  protected override checkedParam(name: string) { return name === 'df' ? this.df : this.givenParam(name); }
  protected override givenParam(name: string) { return name === 'df' ? this.df : this.params[name]; }
  override get support() { return constraints.positiveDefinite; }
  private get matrixShape() { return [...this._batchShape, ...this._eventShape]; }
  get scaleTril(): Tensor { return this.lazyParam('scaleTril', () => this.unbroadcastedScaleTril.expand(this.matrixShape)); }
  get covarianceMatrix(): Tensor {
    return this.lazyParam('covarianceMatrix', () => this.unbroadcastedScaleTril.matmul(this.unbroadcastedScaleTril.transpose(-2, -1)).expand(this.matrixShape));
  }
  get precisionMatrix(): Tensor {
    return this.lazyParam('precisionMatrix', () => {
      const identity = torch.eye(this._eventShape[1]!, { device: this.unbroadcastedScaleTril.device, dtype: this.unbroadcastedScaleTril.dtype });
      return torch.choleskySolve(identity, this.unbroadcastedScaleTril).expand(this.matrixShape);
    });
  }
  protected expandInto(copy: this, batchShape: number[]) {
    const covShape = [...batchShape, ...this._eventShape];
    copy.unbroadcastedScaleTril = this.unbroadcastedScaleTril.expand(covShape);
    copy.df = this.df.expand(batchShape);
    copy.batchDims = batchShape.map((_, i) => -(i + 1));
    for (const name of ['covarianceMatrix', 'scaleTril', 'precisionMatrix']) if (this.params[name]) copy.params[name] = this.params[name]!.expand(covShape);
    copy.chi2 = copy.makeChi2(batchShape);
  }
  private dfAsMatrix() { return this.df.view([...this._batchShape, 1, 1]); }
  override get mean() { return this.dfAsMatrix().mul(this.covarianceMatrix); }
  override get mode() {
    const factor = this.df.sub(this.covarianceMatrix.shape.at(-1)! + 1);
    return factor.maskedFill(factor.le(0), NaN).view([...this._batchShape, 1, 1]).mul(this.covarianceMatrix);
  }
  override get variance() {
    const V = this.covarianceMatrix;
    const diagV = V.diagonal(0, -2, -1);
    return this.dfAsMatrix().mul(V.pow(2).add(torch.einsum('...i,...j->...ij', diagV, diagV)));
  }
  private bartlett(sampleShape: number[]): Tensor {
    const p = this._eventShape[1]!;
    const root = this.chi2.rsample(sampleShape).sqrt();
    const noise = root.clamp(torch.finfo(root.dtype).eps).diagEmbed(0, -2, -1);
    const [i, j] = torch.trilIndices(p, p, -1).unbind();
    const offDiagonal = torch.randn([...sampleShape, ...this._batchShape, (p * (p - 1)) / 2], { dtype: noise.dtype, device: noise.device });
    const filled = noise.indexPut(['...', i!, j!] as never, offDiagonal);
    const chol = this.unbroadcastedScaleTril.matmul(filled);
    return chol.matmul(chol.transpose(-2, -1));
  }
  /**
   * A reparameterised sample by the Bartlett decomposition; a sample that is not positive definite
   * (singular, as it may be for df near p - 1) is drawn again, up to `maxTryCorrection` times.
   */
  override rsample(...args: Args<'distributions.Wishart.rsample'>): Tensor {
    const { sampleShape, maxTryCorrection } = bind('distributions.Wishart.rsample', args, { name: 'Wishart.rsample' });
    const shape = typeof sampleShape === 'number' ? [sampleShape] : [...sampleShape];
    return this.drawCorrected(shape, maxTryCorrection ?? 10);
  }
  protected override rdraw(shape: number[]) { return this.drawCorrected(shape.slice(0, shape.length - this._batchShape.length - 2), 10); }
  private drawCorrected(sampleShape: number[], tries: number): Tensor {
    let sample = this.bartlett(sampleShape);
    // PyTorch 2.14 takes support.check(sample) for "singular", so it redraws every good sample once
    // and warns; here only the samples that are not positive definite are drawn again (docs/porting.md)
    const singular = () => {
      let s = this.support.check(sample).logicalNot();
      if (this._batchShape.length > 0) s = s.amax(this.batchDims);
      return s;
    };
    let isSingular = singular();
    if (!isSingular.any().item()) return sample;
    process.emitWarning('Singular sample detected.', 'UserWarning');
    for (let k = 0; k < tries && isSingular.any().item(); k++) {
      const fresh = this.bartlett(sampleShape);
      const mask = isSingular.view([...isSingular.shape, ...Array<number>(sample.dim() - isSingular.dim()).fill(1)]);
      sample = torch.where(mask, fresh, sample);
      isSingular = singular();
    }
    return sample;
  }
  protected override computeLogProb(value: Tensor) {
    const nu = this.df, p = this._eventShape[1]!;
    const logDetScale = this.unbroadcastedScaleTril.diagonal(0, -2, -1).log().sum(-1);
    return nu.neg().mul(logDetScale.add(p * LOG_2 / 2))
      .sub(torch.mvlgamma(nu.div(2), p))
      .add(nu.sub(p + 1).div(2).mul(torch.linalg.slogdet(value).logabsdet))
      .sub(torch.choleskySolve(value, this.unbroadcastedScaleTril).diagonal(0, -2, -1).sum(-1).div(2));
  }
  override entropy() {
    const nu = this.df, p = this._eventShape[1]!;
    const logDetScale = this.unbroadcastedScaleTril.diagonal(0, -2, -1).log().sum(-1);
    return logDetScale.add(p * LOG_2 / 2).mul(p + 1)
      .add(torch.mvlgamma(nu.div(2), p))
      .sub(nu.sub(p + 1).div(2).mul(mvdigamma(nu.div(2), p)))
      .add(nu.mul(p / 2));
  }
  get naturalParams() { return [this.precisionMatrix.div(2).neg(), this.df.sub(this._eventShape[1]! + 1).div(2)]; }
  logNormalizer(x: Tensor, y: Tensor) {
    const p = this._eventShape[1]!;
    return y.add((p + 1) / 2).mul(torch.linalg.slogdet(x.mul(-2)).logabsdet.neg().add(LOG_2 * p)).add(torch.mvlgamma(y.add((p + 1) / 2), p));
  }
}
