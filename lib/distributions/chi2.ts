// torch.distributions.Chi2: the chi-squared distribution, Gamma(df / 2, 1 / 2).
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { Gamma } from './gamma.js';

/** A chi-squared distribution with `df` degrees of freedom. */
export class Chi2 extends Gamma {
  constructor(...args: Args<'distributions.Chi2'>) {
    const a = bind('distributions.Chi2', args, { name: 'Chi2' });
    super(typeof a.df === 'number' ? 0.5 * a.df : a.df.mul(0.5), 0.5, a.validateArgs);
  }
  /** the degrees of freedom */
  get df(): Tensor { return this.concentration.mul(2); }
  override get argConstraints(): Record<string, constraints.Constraint> { return { df: constraints.positive }; }
  // df is a plain property in Python: checked, but not in the repr (`Chi2()`)
  protected override checkedParam(name: string) { return name === 'df' ? this.df : undefined; }
}
