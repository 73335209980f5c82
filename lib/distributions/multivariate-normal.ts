// torch.distributions.MultivariateNormal: a Gaussian over vectors, by covariance, precision or the
// covariance's lower Cholesky factor; everything is computed from that factor, as PyTorch does.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { Distribution, given, standardNormal } from './distribution.js';


/** bmat @ bvec over batches */
export const batchMv = (bmat: Tensor, bvec: Tensor) => torch.matmul(bmat, bvec.unsqueeze(-1)).squeeze(-1);

/** The squared Mahalanobis distance x^T (L L^T)^-1 x, for L and x batched independently (PyTorch's _batch_mahalanobis). */
export function batchMahalanobis(bL: Tensor, bx: Tensor): Tensor {
  const n = bx.shape[bx.dim() - 1]!;
  const bxBatchShape = bx.shape.slice(0, -1);
  const bxBatchDims = bxBatchShape.length;
  const bLBatchDims = bL.dim() - 2;
  const outerBatchDims = bxBatchDims - bLBatchDims;
  const oldBatchDims = outerBatchDims + bLBatchDims;
  const newBatchDims = outerBatchDims + 2 * bLBatchDims;
  const bxNewShape = bx.shape.slice(0, outerBatchDims);
  const lBatch = bL.shape.slice(0, -2), xBatch = bx.shape.slice(outerBatchDims, -1);
  lBatch.forEach((sL, i) => bxNewShape.push(Math.floor(xBatch[i]! / sL), sL));
  bxNewShape.push(n);
  let x = bx.reshape(bxNewShape);
  const range = (a: number, b: number, step = 1) => Array.from({ length: Math.max(0, Math.ceil((b - a) / step)) }, (_, i) => a + i * step);
  const permuteDims = [...range(0, outerBatchDims), ...range(outerBatchDims, newBatchDims, 2), ...range(outerBatchDims + 1, newBatchDims, 2), newBatchDims];
  x = x.permute(permuteDims);
  const flatL = bL.reshape([-1, n, n]);
  const flatX = x.reshape([-1, flatL.shape[0]!, n]);
  const flatXSwap = flatX.permute(1, 2, 0);
  const mSwap = torch.linalg.solveTriangular(flatL, flatXSwap, { upper: false }).pow(2).sum(-2);
  const permuted = mSwap.t().reshape(x.shape.slice(0, -1));
  const permuteInvDims = range(0, outerBatchDims);
  for (let i = 0; i < bLBatchDims; i++) permuteInvDims.push(outerBatchDims + i, oldBatchDims + i);
  return permuted.permute(permuteInvDims).reshape(bxBatchShape);
}

/** The Cholesky factor of P⁻¹, without inverting P (PyTorch's _precision_to_scale_tril). */
export function precisionToScaleTril(P: Tensor): Tensor {
  const Lf = torch.linalg.cholesky(P.flip([-2, -1]));
  const LInv = Lf.flip([-2, -1]).transpose(-2, -1);
  const Id = torch.eye(P.shape[P.dim() - 1]!, { dtype: P.dtype, device: P.device });
  return torch.linalg.solveTriangular(LInv, Id, { upper: false });
}

/**
 * A multivariate normal distribution with mean `loc`, given by exactly one of `covarianceMatrix`,
 * `precisionMatrix` or `scaleTril` (the covariance's lower-triangular Cholesky factor).
 */
export class MultivariateNormal extends Distribution {
  override get hasRsample() { return true; }
  /** @internal the Cholesky factor before broadcasting to the batch shape */
  unbroadcastedScaleTril: Tensor;
  constructor(...args: Args<'distributions.MultivariateNormal'>) {
    super();
    const a = bind('distributions.MultivariateNormal', args, { name: 'MultivariateNormal' });
    const loc = a.loc;
    if (loc.dim() < 1) throw new RangeError('loc must be at least one-dimensional.');
    if (Number(given(a.covarianceMatrix)) + Number(given(a.scaleTril)) + Number(given(a.precisionMatrix)) !== 1) {
      throw new RangeError('Exactly one of covariance_matrix or precision_matrix or scale_tril may be specified.');
    }
    let batchShape: number[];
    const matrix = (m: Tensor, name: string, what: string) => {
      if (m.dim() < 2) throw new RangeError(`${what} must be at least two-dimensional, with optional leading batch dimensions`);
      batchShape = torch.broadcastShapes(m.shape.slice(0, -2), loc.shape.slice(0, -1));
      this.params[name] = m.expand([...batchShape, -1, -1]);
    };
    if (given(a.scaleTril)) matrix(a.scaleTril, 'scaleTril', 'scale_tril matrix');
    else if (given(a.covarianceMatrix)) matrix(a.covarianceMatrix, 'covarianceMatrix', 'covariance_matrix');
    else matrix(a.precisionMatrix!, 'precisionMatrix', 'precision_matrix');
    this.params.loc = loc.expand([...batchShape!, -1]);
    // PyTorch sets the factor after the check, which a non-positive-definite matrix fails first
    this.unbroadcastedScaleTril = undefined as unknown as Tensor;
    this.init(batchShape!, this.loc.shape.slice(-1), a.validateArgs);
    this.unbroadcastedScaleTril = given(a.scaleTril) ? a.scaleTril
      : given(a.covarianceMatrix) ? torch.linalg.cholesky(a.covarianceMatrix) : precisionToScaleTril(a.precisionMatrix!);
  }
  get loc(): Tensor { return this.params.loc!; }
  private get matrixShape() { return [...this._batchShape, ...this._eventShape, ...this._eventShape]; }
  /** the covariance's lower Cholesky factor */
  get scaleTril(): Tensor { return this.lazyParam('scaleTril', () => this.unbroadcastedScaleTril.expand(this.matrixShape)); }
  get covarianceMatrix(): Tensor {
    return this.lazyParam('covarianceMatrix', () => torch.matmul(this.unbroadcastedScaleTril, this.unbroadcastedScaleTril.mT).expand(this.matrixShape));
  }
  get precisionMatrix(): Tensor {
    return this.lazyParam('precisionMatrix', () => torch.choleskyInverse(this.unbroadcastedScaleTril).expand(this.matrixShape));
  }
  override get argConstraints() {
    return { loc: constraints.realVector, covarianceMatrix: constraints.positiveDefinite, precisionMatrix: constraints.positiveDefinite, scaleTril: constraints.lowerCholesky };
  }
  override get support() { return constraints.realVector; }
  override get mean() { return this.loc; }
  override get mode() { return this.loc; }
  override get variance() { return this.unbroadcastedScaleTril.pow(2).sum(-1).expand([...this._batchShape, ...this._eventShape]); }
  protected expandInto(copy: this, batchShape: number[]) {
    const matrixShape = [...batchShape, ...this._eventShape, ...this._eventShape];
    copy.params.loc = this.loc.expand([...batchShape, ...this._eventShape]);
    copy.unbroadcastedScaleTril = this.unbroadcastedScaleTril;
    for (const name of ['covarianceMatrix', 'scaleTril', 'precisionMatrix']) if (this.params[name]) copy.params[name] = this.params[name]!.expand(matrixShape);
  }
  protected override rdraw(shape: number[]) {
    return this.loc.add(batchMv(this.unbroadcastedScaleTril, standardNormal(shape, this.loc)));
  }
  private halfLogDet() { return this.unbroadcastedScaleTril.diagonal(0, -2, -1).log().sum(-1); }
  protected override computeLogProb(value: Tensor) {
    const M = batchMahalanobis(this.unbroadcastedScaleTril, value.sub(this.loc));
    return M.add(this._eventShape[0]! * Math.log(2 * Math.PI)).mul(-0.5).sub(this.halfLogDet());
  }
  override entropy() {
    const H = this.halfLogDet().add(0.5 * this._eventShape[0]! * (1 + Math.log(2 * Math.PI)));
    return this._batchShape.length === 0 ? H : H.expand(this._batchShape);
  }
}
