// torch.distributions.LowRankMultivariateNormal: a multivariate normal whose covariance is
// low-rank plus diagonal (W Wᵀ + D), scored through the Woodbury identity and the
// matrix-determinant lemma in O(n m²) rather than O(n³).
import * as torch from '../index.js';
import { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import { badArg } from '../errors.js';
import * as constraints from './constraints.js';
import { Distribution, sizeRepr, standardNormal } from './distribution.js';
import { batchMahalanobis, batchMv } from './multivariate-normal.js';

/** the Cholesky factor of I + Wᵀ D⁻¹ W (the capacitance) */
function capacitanceTril(W: Tensor, D: Tensor): Tensor {
  const m = W.shape.at(-1)!;
  const K = torch.matmul(W.mT.div(D.unsqueeze(-2)), W);
  return torch.linalg.cholesky(K.add(torch.eye(m, { dtype: K.dtype, device: K.device })));
}
/** log det(W Wᵀ + D), by the matrix-determinant lemma */
export function lowRankLogdet(W: Tensor, D: Tensor, capTril: Tensor): Tensor {
  return capTril.diagonal(0, -2, -1).log().sum(-1).mul(2).add(D.log().sum(-1));
}
/** xᵀ (W Wᵀ + D)⁻¹ x, by the Woodbury identity */
export function lowRankMahalanobis(W: Tensor, D: Tensor, x: Tensor, capTril: Tensor): Tensor {
  const WtDinvX = batchMv(W.mT.div(D.unsqueeze(-2)), x);
  return x.pow(2).div(D).sum(-1).sub(batchMahalanobis(capTril, WtDinvX));
}

/**
 * A multivariate normal with mean `loc` and covariance `covFactor @ covFactor.mT + diag(covDiag)`:
 * `covFactor` is n × m (m, the rank, usually much less than n), `covDiag` positive.
 */
export class LowRankMultivariateNormal extends Distribution {
  override get hasRsample() { return true; }
  /** @internal the parameters as given, before broadcasting */
  unbroadcastedCovFactor: Tensor;
  /** @internal */
  unbroadcastedCovDiag: Tensor;
  /** @internal */
  capacitanceTril: Tensor;
  constructor(...args: Args<'distributions.LowRankMultivariateNormal'>) {
    super();
    const a = bind('distributions.LowRankMultivariateNormal', args, { name: 'LowRankMultivariateNormal' });
    for (const [name, v] of [['loc', a.loc], ['cov_factor', a.covFactor], ['cov_diag', a.covDiag]] as const) {
      if (!(v instanceof Tensor)) badArg('Tensor', name, v);
    }
    const { loc, covFactor, covDiag } = a;
    if (loc.dim() < 1) throw new RangeError('loc must be at least one-dimensional.');
    const n = loc.shape.at(-1)!;
    if (covFactor.dim() < 2) throw new RangeError('cov_factor must be at least two-dimensional, with optional leading batch dimensions');
    if (covFactor.shape.at(-2) !== n) throw new RangeError(`cov_factor must be a batch of matrices with shape ${n} x m`);
    if (covDiag.dim() < 1 || covDiag.shape.at(-1) !== n) throw new RangeError(`cov_diag must be a batch of vectors with shape ${sizeRepr([n])}`);
    let broadcast: Tensor[];
    try {
      broadcast = torch.broadcastTensors(loc.unsqueeze(-1), covFactor, covDiag.unsqueeze(-1));
    } catch {
      throw new RangeError(`Incompatible batch shapes: loc ${sizeRepr(loc.shape)}, cov_factor ${sizeRepr(covFactor.shape)}, cov_diag ${sizeRepr(covDiag.shape)}`);
    }
    this.params.loc = broadcast[0]!.select(-1, 0);
    this.params.covFactor = broadcast[1]!;
    this.params.covDiag = broadcast[2]!.select(-1, 0);
    this.unbroadcastedCovFactor = covFactor;
    this.unbroadcastedCovDiag = covDiag;
    this.capacitanceTril = capacitanceTril(covFactor, covDiag);
    this.init(this.loc.shape.slice(0, -1), [n], a.validateArgs);
  }
  get loc(): Tensor { return this.params.loc!; }
  get covFactor(): Tensor { return this.params.covFactor!; }
  get covDiag(): Tensor { return this.params.covDiag!; }
  override get argConstraints() {
    return { loc: constraints.realVector, covFactor: constraints.independent(constraints.real, 2), covDiag: constraints.independent(constraints.positive, 1) };
  }
  override get support() { return constraints.realVector; }
  private get matrixShape() { return [...this._batchShape, ...this._eventShape, ...this._eventShape]; }
  protected expandInto(copy: this, batchShape: number[]) {
    const locShape = [...batchShape, ...this._eventShape];
    copy.params.loc = this.loc.expand(locShape);
    copy.params.covDiag = this.covDiag.expand(locShape);
    copy.params.covFactor = this.covFactor.expand([...locShape, this.covFactor.shape.at(-1)!]);
    copy.unbroadcastedCovFactor = this.unbroadcastedCovFactor;
    copy.unbroadcastedCovDiag = this.unbroadcastedCovDiag;
    copy.capacitanceTril = this.capacitanceTril;
  }
  override get mean() { return this.loc; }
  override get mode() { return this.loc; }
  override get variance() {
    return this.lazyParam('variance', () => this.unbroadcastedCovFactor.pow(2).sum(-1).add(this.unbroadcastedCovDiag).expand([...this._batchShape, ...this._eventShape]));
  }
  /** the lower Cholesky factor of the covariance */
  get scaleTril(): Tensor {
    return this.lazyParam('scaleTril', () => {
      const n = this._eventShape[0]!;
      const sqrtD = this.unbroadcastedCovDiag.sqrt().unsqueeze(-1);
      const DinvsqrtW = this.unbroadcastedCovFactor.div(sqrtD);
      const K = torch.matmul(DinvsqrtW, DinvsqrtW.mT).add(torch.eye(n, { dtype: sqrtD.dtype, device: sqrtD.device }));
      return sqrtD.mul(torch.linalg.cholesky(K)).expand(this.matrixShape);
    });
  }
  /** the covariance, W Wᵀ + D */
  get covarianceMatrix(): Tensor {
    return this.lazyParam('covarianceMatrix', () =>
      torch.matmul(this.unbroadcastedCovFactor, this.unbroadcastedCovFactor.mT).add(torch.diagEmbed(this.unbroadcastedCovDiag)).expand(this.matrixShape));
  }
  /** the inverse of the covariance, by the Woodbury identity */
  get precisionMatrix(): Tensor {
    return this.lazyParam('precisionMatrix', () => {
      const WtDinv = this.unbroadcastedCovFactor.mT.div(this.unbroadcastedCovDiag.unsqueeze(-2));
      const A = torch.linalg.solveTriangular(this.capacitanceTril, WtDinv, { upper: false });
      return torch.diagEmbed(this.unbroadcastedCovDiag.reciprocal()).sub(torch.matmul(A.mT, A)).expand(this.matrixShape);
    });
  }
  protected override rdraw(shape: number[]) {
    const wShape = [...shape.slice(0, -1), this.covFactor.shape.at(-1)!];
    const epsW = standardNormal(wShape, this.loc);
    const epsD = standardNormal(shape, this.loc);
    return this.loc.add(batchMv(this.unbroadcastedCovFactor, epsW)).add(this.unbroadcastedCovDiag.sqrt().mul(epsD));
  }
  protected override computeLogProb(value: Tensor) {
    const M = lowRankMahalanobis(this.unbroadcastedCovFactor, this.unbroadcastedCovDiag, value.sub(this.loc), this.capacitanceTril);
    const logDet = lowRankLogdet(this.unbroadcastedCovFactor, this.unbroadcastedCovDiag, this.capacitanceTril);
    return logDet.add(this._eventShape[0]! * Math.log(2 * Math.PI)).add(M).mul(-0.5);
  }
  override entropy() {
    const logDet = lowRankLogdet(this.unbroadcastedCovFactor, this.unbroadcastedCovDiag, this.capacitanceTril);
    const H = logDet.add(this._eventShape[0]! * (1 + Math.log(2 * Math.PI))).mul(0.5);
    return this._batchShape.length === 0 ? H : H.expand(this._batchShape);
  }
}
