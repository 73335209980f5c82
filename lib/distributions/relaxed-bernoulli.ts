// torch.distributions.RelaxedBernoulli: the Concrete / Gumbel-sigmoid relaxation of a Bernoulli,
// reparameterisable, on (0, 1); LogitRelaxedBernoulli is its logit.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { Distribution, broadcastAll, clampProbs, probsOrLogits, temperatureTensor } from './distribution.js';
import { TransformedDistribution } from './transformed-distribution.js';
import { SigmoidTransform } from './transforms.js';

/** The logit of a RelaxedBernoulli sample, at `temperature`, by `probs` or `logits` (not both). */
export class LogitRelaxedBernoulli extends Distribution {
  /** the relaxation's temperature */
  temperature: Tensor;
  constructor(...args: Args<'distributions.relaxedBernoulli.LogitRelaxedBernoulli'>) {
    super();
    const a = bind('distributions.relaxedBernoulli.LogitRelaxedBernoulli', args, { name: 'LogitRelaxedBernoulli' });
    this.temperature = temperatureTensor(a.temperature);
    const [name, given] = probsOrLogits(a);
    this.initBroadcast({ [name]: given as Tensor | number }, a.validateArgs);
  }
  /** the probability of the 1 the relaxation approaches */
  get probs(): Tensor { return this.lazyProbs(true); }
  /** its log-odds */
  get logits(): Tensor { return this.lazyLogits(true); }
  get param(): Tensor { return this.params.probs ?? this.params.logits!; }
  get paramShape(): number[] { return this.param.shape; }
  override get argConstraints() { return { probs: constraints.unitInterval, logits: constraints.real }; }
  override get support() { return constraints.real; }
  protected expandInto(copy: this, batchShape: number[]) {
    copy.temperature = this.temperature;
    for (const name of ['probs', 'logits']) if (this.params[name]) copy.params[name] = this.params[name]!.expand(batchShape);
  }
  protected override rdraw(shape: number[]) {
    const probs = clampProbs(this.probs.expand(shape));
    const uniforms = clampProbs(torch.rand(shape, { dtype: probs.dtype, device: probs.device }));
    return uniforms.log().sub(uniforms.neg().log1p()).add(probs.log()).sub(probs.neg().log1p()).div(this.temperature);
  }
  protected override computeLogProb(value: Tensor) {
    const [logits, v] = broadcastAll(this.logits, value);
    const diff = logits!.sub(v!.mul(this.temperature));
    return this.temperature.log().add(diff).sub(diff.exp().log1p().mul(2));
  }
}

/**
 * A RelaxedBernoulli (Concrete) distribution on (0, 1) at `temperature`, by `probs` or `logits`:
 * differentiable samples that approach Bernoulli ones as the temperature falls.
 */
export class RelaxedBernoulli extends TransformedDistribution {
  constructor(...args: Args<'distributions.RelaxedBernoulli'>) {
    const a = bind('distributions.RelaxedBernoulli', args, { name: 'RelaxedBernoulli' });
    super(new LogitRelaxedBernoulli(a.temperature, a.probs ?? null, a.logits ?? null), new SigmoidTransform(), a.validateArgs);
  }
  private get base() { return this.baseDist as LogitRelaxedBernoulli; }
  get temperature(): Tensor { return this.base.temperature; }
  get probs(): Tensor { return this.base.probs; }
  get logits(): Tensor { return this.base.logits; }
  override get argConstraints() { return { probs: constraints.unitInterval, logits: constraints.real }; }
  // plain properties in Python: both checked, neither in the repr
  protected override checkedParam(name: string) { return name === 'probs' ? this.probs : this.logits; }
  override get support() { return constraints.unitInterval; }
  override get hasRsample() { return true; }
}
