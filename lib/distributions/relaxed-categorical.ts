// torch.distributions.RelaxedOneHotCategorical: the Concrete / Gumbel-softmax relaxation of a
// OneHotCategorical, reparameterisable, on the simplex; ExpRelaxedCategorical is its log.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { Distribution, broadcastAll, clampProbs, temperatureTensor } from './distribution.js';
import { Categorical } from './categorical.js';
import { TransformedDistribution } from './transformed-distribution.js';
import { ExpTransform } from './transforms.js';

/** The log of a RelaxedOneHotCategorical sample, at `temperature`, by `probs` or `logits` (not both). */
export class ExpRelaxedCategorical extends Distribution {
  override get hasRsample() { return true; }
  /** the relaxation's temperature */
  temperature: Tensor;
  private categorical: Categorical;
  constructor(...args: Args<'distributions.relaxedCategorical.ExpRelaxedCategorical'>) {
    super();
    const a = bind('distributions.relaxedCategorical.ExpRelaxedCategorical', args, { name: 'ExpRelaxedCategorical' });
    this.categorical = new Categorical(a.probs ?? null, a.logits ?? null);
    this.temperature = temperatureTensor(a.temperature);
    this.init(this.categorical.batchShape, this.categorical.paramShape.slice(-1), a.validateArgs);
  }
  get probs(): Tensor { return this.categorical.probs; }
  get logits(): Tensor { return this.categorical.logits; }
  get paramShape(): number[] { return this.categorical.paramShape; }
  override get argConstraints() { return { probs: constraints.simplex, logits: constraints.realVector }; }
  // plain properties in Python: both checked, neither in the repr
  protected override checkedParam(name: string) { return name === 'probs' ? this.probs : this.logits; }
  protected override givenParam() { return undefined; }
  override get support() { return constraints.realVector; }
  protected expandInto(copy: this, batchShape: number[]) {
    copy.temperature = this.temperature;
    copy.categorical = this.categorical.expand(batchShape);
  }
  protected override rdraw(shape: number[]) {
    const uniforms = clampProbs(torch.rand(shape, { dtype: this.logits.dtype, device: this.logits.device }));
    const gumbels = uniforms.log().neg().log().neg();
    const scores = this.logits.add(gumbels).div(this.temperature);
    return scores.sub(scores.logsumexp(-1, true));
  }
  protected override computeLogProb(value: Tensor) {
    const K = this.categorical.numEvents;
    const [logits, v] = broadcastAll(this.logits, value);
    const logScale = torch.fullLike(this.temperature, K).lgamma().sub(this.temperature.log().mul(-(K - 1)));
    const score = logits!.sub(v!.mul(this.temperature));
    return score.sub(score.logsumexp(-1, true)).sum(-1).add(logScale);
  }
}

/**
 * A RelaxedOneHotCategorical (Concrete, Gumbel-softmax) distribution on the simplex at
 * `temperature`, by `probs` or `logits`: differentiable samples that approach one-hot vectors as
 * the temperature falls.
 */
export class RelaxedOneHotCategorical extends TransformedDistribution {
  constructor(...args: Args<'distributions.RelaxedOneHotCategorical'>) {
    const a = bind('distributions.RelaxedOneHotCategorical', args, { name: 'RelaxedOneHotCategorical' });
    super(new ExpRelaxedCategorical(a.temperature, a.probs ?? null, a.logits ?? null, a.validateArgs), new ExpTransform(), a.validateArgs);
  }
  private get base() { return this.baseDist as ExpRelaxedCategorical; }
  get temperature(): Tensor { return this.base.temperature; }
  get probs(): Tensor { return this.base.probs; }
  get logits(): Tensor { return this.base.logits; }
  override get argConstraints() { return { probs: constraints.simplex, logits: constraints.realVector }; }
  protected override checkedParam(name: string) { return name === 'probs' ? this.probs : this.logits; }
  override get support() { return constraints.simplex; }
  override get hasRsample() { return true; }
}
