// torch.distributions.Poisson: counts of events at the given rate.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { ExponentialFamily, broadcastAll } from './distribution.js';

/** A Poisson distribution with rate `rate`. */
export class Poisson extends ExponentialFamily {
  constructor(...args: Args<'distributions.Poisson'>) {
    super();
    const a = bind('distributions.Poisson', args, { name: 'Poisson' });
    this.initBroadcast({ rate: a.rate as Tensor | number }, a.validateArgs);
  }
  get rate(): Tensor { return this.params.rate!; }
  override get argConstraints() { return { rate: constraints.nonnegative }; }
  override get support() { return constraints.nonnegativeInteger; }
  override get mean() { return this.rate; }
  override get mode() { return this.rate.floor(); }
  override get variance() { return this.rate; }
  protected expandInto(copy: this, batchShape: number[]) {
    copy.params.rate = this.rate.expand(batchShape);
  }
  protected override draw(shape: number[]) { return torch.poisson(this.rate.expand(shape)); }
  protected override computeLogProb(value: Tensor) {
    const [rate, v] = broadcastAll(this.rate, value);
    return torch.xlogy(v!, rate!).sub(rate!).sub(v!.add(1).lgamma());
  }
  get naturalParams() { return [this.rate.log()]; }
  logNormalizer(x: Tensor) { return x.exp(); }
}
