// torch.distributions.Beta: a Dirichlet over two outcomes, as PyTorch builds it.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { ExponentialFamily, broadcastAll } from './distribution.js';
import { Dirichlet } from './dirichlet.js';

/** A beta distribution with shape parameters `concentration1` (alpha) and `concentration0` (beta). */
export class Beta extends ExponentialFamily {
  override get hasRsample() { return true; }
  /** @internal */
  dirichlet: Dirichlet;
  constructor(...args: Args<'distributions.Beta'>) {
    super();
    const a = bind('distributions.Beta', args, { name: 'Beta' });
    const both = typeof a.concentration1 === 'number' && typeof a.concentration0 === 'number'
      ? torch.tensor([a.concentration1, a.concentration0], { dtype: torch.getDefaultDtype() })
      : torch.stack(broadcastAll(a.concentration1, a.concentration0), -1);
    this.dirichlet = new Dirichlet(both, a.validateArgs);
    this.init(this.dirichlet.batchShape, [], a.validateArgs);
  }
  get concentration1(): Tensor { return this.dirichlet.concentration.select(-1, 0); }
  get concentration0(): Tensor { return this.dirichlet.concentration.select(-1, 1); }
  override get argConstraints() { return { concentration1: constraints.positive, concentration0: constraints.positive }; }
  // plain properties in Python: checked, but not in the repr (`Beta()`)
  protected override givenParam() { return undefined; }
  protected override checkedParam(name: string) { return name === 'concentration1' ? this.concentration1 : this.concentration0; }
  override get support() { return constraints.unitInterval; }
  override get mean() { return this.concentration1.div(this.concentration1.add(this.concentration0)); }
  override get mode() { return this.dirichlet.mode.select(-1, 0); }
  override get variance() {
    const total = this.concentration1.add(this.concentration0);
    return this.concentration1.mul(this.concentration0).div(total.pow(2).mul(total.add(1)));
  }
  protected expandInto(copy: this, batchShape: number[]) {
    copy.dirichlet = this.dirichlet.expand(batchShape);
  }
  protected override rdraw(shape: number[]) {
    return this.dirichlet.rsample(shape.slice(0, shape.length - this._batchShape.length)).select(-1, 0);
  }
  protected override computeLogProb(value: Tensor) {
    return this.dirichlet.logProb(torch.stack([value, torch.sub(1, value)], -1));
  }
  override entropy() { return this.dirichlet.entropy(); }
  get naturalParams() { return [this.concentration1, this.concentration0]; }
  logNormalizer(x: Tensor, y: Tensor) { return x.lgamma().add(y.lgamma()).sub(x.add(y).lgamma()); }
}
