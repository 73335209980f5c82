// torch.distributions.Dirichlet: distributions over the simplex; reparameterised samples through
// ATen's _sample_dirichlet with PyTorch's implicit gradient (_dirichlet_grad), as torch's _Dirichlet does.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { aten } from '../aten.js';
import { bind, type Args } from '../bind.js';
import { Function as AutogradFunction, type FunctionCtx } from '../autograd/function.js';
import * as constraints from './constraints.js';
import { ExponentialFamily } from './distribution.js';

class DirichletSample extends AutogradFunction {
  static override forward(ctx: FunctionCtx, concentration: Tensor): Tensor {
    const x: Tensor = aten('_sample_dirichlet')(concentration, null);
    ctx.saveForBackward(x, concentration);
    return x;
  }
  static override backward(ctx: FunctionCtx, gradOutput: Tensor): Tensor {
    const [x, concentration] = ctx.savedTensors as [Tensor, Tensor];
    const total = concentration.sum(-1, true).expandAs(concentration);
    const grad: Tensor = aten('_dirichlet_grad')(x, concentration, total);
    return grad.mul(gradOutput.sub(x.mul(gradOutput).sum(-1, true)));
  }
}

/** A Dirichlet distribution with concentration `concentration` (the last dimension is the event). */
export class Dirichlet extends ExponentialFamily {
  override get hasRsample() { return true; }
  constructor(...args: Args<'distributions.Dirichlet'>) {
    super();
    const a = bind('distributions.Dirichlet', args, { name: 'Dirichlet' });
    if (a.concentration.dim() < 1) throw new RangeError('`concentration` parameter must be at least one-dimensional.');
    this.params.concentration = a.concentration;
    this.init(a.concentration.shape.slice(0, -1), a.concentration.shape.slice(-1), a.validateArgs);
  }
  get concentration(): Tensor { return this.params.concentration!; }
  override get argConstraints() { return { concentration: constraints.independent(constraints.positive, 1) }; }
  override get support() { return constraints.simplex; }
  override get mean() { return this.concentration.div(this.concentration.sum(-1, true)); }
  override get mode() {
    const concentrationm1 = this.concentration.sub(1).clamp(0);
    const mode = concentrationm1.div(concentrationm1.sum(-1, true));
    const mask = this.concentration.lt(1).all(-1);
    const oneHot = torch.nn.functional.oneHot(mode.index(mask).argmax(-1), concentrationm1.shape[concentrationm1.dim() - 1]!).to(mode);
    return mode.indexPut_([mask], oneHot);
  }
  override get variance() {
    const con0 = this.concentration.sum(-1, true);
    return this.concentration.mul(con0.sub(this.concentration)).div(con0.pow(2).mul(con0.add(1)));
  }
  protected expandInto(copy: this, batchShape: number[]) {
    copy.params.concentration = this.concentration.expand([...batchShape, ...this._eventShape]);
  }
  protected override rdraw(shape: number[]) {
    return DirichletSample.apply<Tensor>(this.concentration.expand(shape));
  }
  protected override computeLogProb(value: Tensor) {
    return torch.xlogy(this.concentration.sub(1), value).sum(-1).add(this.concentration.sum(-1).lgamma()).sub(this.concentration.lgamma().sum(-1));
  }
  override entropy() {
    const k = this.concentration.shape[this.concentration.dim() - 1]!;
    const a0 = this.concentration.sum(-1);
    return this.concentration.lgamma().sum(-1).sub(a0.lgamma()).sub(torch.sub(k, a0).mul(a0.digamma()))
      .sub(this.concentration.sub(1).mul(this.concentration.digamma()).sum(-1));
  }
  get naturalParams() { return [this.concentration]; }
  logNormalizer(x: Tensor) { return x.lgamma().sum(-1).sub(x.sum(-1).lgamma()); }
}
