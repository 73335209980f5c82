// torch.distributions.LKJCholesky: the LKJ distribution over correlation matrices, as their lower
// Cholesky factors, sampled by the onion method (Lewandowski, Kurowicka & Joe 2009).
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { Distribution, broadcastAll } from './distribution.js';
import { Beta } from './beta.js';

/**
 * An LKJ distribution over the lower Cholesky factors of `dim` × `dim` correlation matrices, with
 * `concentration` (1: uniform over correlation matrices; larger: nearer the identity).
 */
export class LKJCholesky extends Distribution {
  /** the matrices' size */
  dim: number;
  private beta: Beta;
  constructor(...args: Args<'distributions.LKJCholesky'>) {
    super();
    const a = bind('distributions.LKJCholesky', args, { name: 'LKJCholesky' });
    if (!Number.isInteger(a.dim) || a.dim < 2) throw new RangeError(`Expected dim to be an integer greater than or equal to 2. Found dim=${a.dim}.`);
    this.dim = a.dim;
    const [concentration] = broadcastAll(a.concentration);
    this.params.concentration = concentration!;
    const marginalConc = concentration!.add(0.5 * (this.dim - 2));
    let offset = torch.arange(this.dim - 1, { dtype: concentration!.dtype, device: concentration!.device });
    offset = torch.cat([offset.newZeros([1]), offset]);
    this.beta = new Beta(offset.add(0.5), marginalConc.unsqueeze(-1).sub(offset.mul(0.5)));
    this.init(concentration!.shape, [this.dim, this.dim], a.validateArgs);
  }
  get concentration(): Tensor { return this.params.concentration!; }
  override get argConstraints() { return { concentration: constraints.positive }; }
  override get support() { return constraints.corrCholesky; }
  protected expandInto(copy: this, batchShape: number[]) {
    copy.dim = this.dim;
    copy.params.concentration = this.concentration.expand(batchShape);
    copy.beta = this.beta.expand([...batchShape, this.dim]);
  }
  protected override draw(shape: number[]) {
    const sampleShape = shape.slice(0, shape.length - this._batchShape.length - 2);
    const y = this.beta.sample(sampleShape).unsqueeze(-1);
    const uNormal = torch.randn(shape, { dtype: y.dtype, device: y.device }).tril(-1);
    const uHypersphere = uNormal.div(uNormal.norm(2, -1, true));
    uHypersphere.select(-2, 0).fill_(0); // the first row: 0 / 0 above
    const w = y.sqrt().mul(uHypersphere);
    const diagElems = torch.sub(1, w.pow(2).sum(-1)).clamp(torch.finfo(w.dtype).tiny).sqrt();
    return w.add(torch.diagEmbed(diagElems));
  }
  protected override computeLogProb(value: Tensor) {
    const diagElems = value.diagonal(0, -1, -2).narrow(-1, 1, this.dim - 1);
    const order = this.concentration.sub(1).unsqueeze(-1).mul(2).add(this.dim)
      .sub(torch.arange(2, this.dim + 1, { device: this.concentration.device }));
    const unnormalizedLogPdf = order.mul(diagElems.log()).sum(-1);
    const dm1 = this.dim - 1;
    const alpha = this.concentration.add(0.5 * dm1);
    const denominator = alpha.lgamma().mul(dm1);
    const numerator = torch.mvlgamma(alpha.sub(0.5), dm1);
    const normalizeTerm = numerator.add(0.5 * dm1 * Math.log(Math.PI)).sub(denominator);
    return unnormalizedLogPdf.sub(normalizeTerm);
  }
}
