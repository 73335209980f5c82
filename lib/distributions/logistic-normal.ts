// torch.distributions.LogisticNormal: a Normal pushed onto the simplex by stick-breaking.
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import type { Independent } from './independent.js';
import { Normal } from './normal.js';
import { TransformedDistribution } from './transformed-distribution.js';
import { StickBreakingTransform } from './transforms.js';

/**
 * A logistic-normal distribution on the simplex: X ~ Normal(loc, scale) (its last dimension K)
 * through StickBreakingTransform, so one event has K + 1 entries that sum to 1.
 */
export class LogisticNormal extends TransformedDistribution {
  constructor(...args: Args<'distributions.LogisticNormal'>) {
    const a = bind('distributions.LogisticNormal', args, { name: 'LogisticNormal' });
    let base = new Normal(a.loc, a.scale, a.validateArgs);
    if (base.batchShape.length === 0) base = base.expand([1]);
    super(base, new StickBreakingTransform(), a.validateArgs);
  }
  private get normal() { return (this.baseDist as Independent<Normal>).baseDist; }
  get loc(): Tensor { return this.normal.loc; }
  get scale(): Tensor { return this.normal.scale; }
  override get argConstraints() { return { loc: constraints.real, scale: constraints.positive }; }
  // plain properties in Python: checked, not in the repr
  protected override checkedParam(name: string) { return name === 'loc' ? this.loc : this.scale; }
  override get support() { return constraints.simplex; }
  override get hasRsample() { return true; }
}
