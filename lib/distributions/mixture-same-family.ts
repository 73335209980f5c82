// torch.distributions.MixtureSameFamily: a mixture whose components are one distribution's batch,
// chosen by a Categorical (Gaussian mixture models).
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { Distribution, sizeRepr } from './distribution.js';
import { Categorical } from './categorical.js';

/**
 * A (batch of) mixture(s): `mixtureDistribution` (a Categorical over k components) picks one of the
 * k distributions along `componentDistribution`'s rightmost batch dimension.
 */
export class MixtureSameFamily extends Distribution {
  private mixture: Categorical;
  private component: Distribution;
  private numComponent: number;
  private eventNdims: number;
  constructor(...args: Args<'distributions.MixtureSameFamily'>) {
    super();
    const a = bind('distributions.MixtureSameFamily', args, { name: 'MixtureSameFamily' });
    if (!(a.mixtureDistribution instanceof Categorical)) {
      throw new RangeError(' The Mixture distribution needs to be an  instance of torch.distributions.Categorical');
    }
    if (!(a.componentDistribution instanceof Distribution)) {
      throw new RangeError('The Component distribution needs to be an instance of torch.distributions.Distribution');
    }
    this.mixture = a.mixtureDistribution;
    this.component = a.componentDistribution;
    const mdbs = this.mixture.batchShape, cdbs = this.component.batchShape.slice(0, -1);
    for (let i = 1; i <= Math.min(mdbs.length, cdbs.length); i++) {
      const s1 = mdbs[mdbs.length - i]!, s2 = cdbs[cdbs.length - i]!;
      if (s1 !== 1 && s2 !== 1 && s1 !== s2) {
        throw new RangeError(`\`mixture_distribution.batch_shape\` (${sizeRepr(mdbs)}) is not compatible with \`component_distribution.batch_shape\`(${sizeRepr(cdbs)})`);
      }
    }
    const km = this.mixture.logits.shape.at(-1)!, kc = this.component.batchShape.at(-1);
    if (kc === undefined) throw new RangeError('tuple index out of range'); // Python's batch_shape[-1] on ()
    if (km !== kc) throw new RangeError(`\`mixture_distribution component\` (${km}) does not equal \`component_distribution.batch_shape[-1]\` (${kc})`);
    this.numComponent = km;
    this.eventNdims = this.component.eventShape.length;
    this.init(cdbs, this.component.eventShape, a.validateArgs);
  }
  /** the Categorical that picks a component */
  get mixtureDistribution(): Categorical { return this.mixture; }
  /** the components, along the rightmost batch dimension */
  get componentDistribution(): Distribution { return this.component; }
  override get support() { return new constraints.MixtureSameFamilyConstraint(this.component.support); }
  protected expandInto(copy: this, batchShape: number[]) {
    copy.component = this.component.expand([...batchShape, this.numComponent]);
    copy.mixture = this.mixture.expand(batchShape);
    copy.numComponent = this.numComponent;
    copy.eventNdims = this.eventNdims;
    copy._eventShape = copy.component.eventShape;
  }
  override get mean() {
    const probs = this.padMixtureDimensions(this.mixture.probs);
    return probs.mul(this.component.mean).sum(-1 - this.eventNdims);
  }
  override get variance() {
    const probs = this.padMixtureDimensions(this.mixture.probs);
    const meanCondVar = probs.mul(this.component.variance).sum(-1 - this.eventNdims);
    const varCondMean = probs.mul(this.component.mean.sub(this.pad(this.mean)).pow(2)).sum(-1 - this.eventNdims);
    return meanCondVar.add(varCondMean);
  }
  // Python names the value `x` here (typed with the base's names too, which TypeScript's override
  // rule requires; the binder refuses `value` as Python does), and its cdf leaves the check to the components
  override logProb(...args: Args<'distributions.MixtureSameFamily.logProb'> | Args<'distributions.Distribution.logProb'>): Tensor {
    const { x } = bind('distributions.MixtureSameFamily.logProb', args as Args<'distributions.MixtureSameFamily.logProb'>, { name: 'MixtureSameFamily.logProb' });
    return this.computeLogProb(this.checked(x, 'log_prob'));
  }
  override cdf(...args: Args<'distributions.MixtureSameFamily.cdf'> | Args<'distributions.Distribution.cdf'>): Tensor {
    const { x } = bind('distributions.MixtureSameFamily.cdf', args as Args<'distributions.MixtureSameFamily.cdf'>, { name: 'MixtureSameFamily.cdf' });
    return this.computeCdf(this.asTensor(x, 'cdf'));
  }
  protected override computeCdf(x: Tensor) {
    return this.component.cdf(this.pad(x)).mul(this.mixture.probs).sum(-1);
  }
  protected override computeLogProb(x: Tensor) {
    const logProbX = this.component.logProb(this.pad(x)); // [S, B, k]
    const logMixProb = torch.logSoftmax(this.mixture.logits, -1); // [B, k]
    return torch.logsumexp(logProbX.add(logMixProb), -1); // [S, B]
  }
  protected override draw(shape: number[]) {
    const sampleShape = shape.slice(0, shape.length - this._batchShape.length - this._eventShape.length);
    const gatherDim = sampleShape.length + this._batchShape.length;
    const es = this._eventShape;
    const mixSample = this.mixture.sample(sampleShape);
    const mixShape = mixSample.shape;
    const compSamples = this.component.sample(sampleShape); // [n, B, k, E]
    const index = mixSample.reshape([...mixShape, ...es.map(() => 1), 1]).repeat([...mixShape.map(() => 1), 1, ...es]);
    return torch.gather(compSamples, gatherDim, index).squeeze(gatherDim);
  }
  private pad(x: Tensor) { return x.unsqueeze(-1 - this.eventNdims); }
  private padMixtureDimensions(x: Tensor) {
    const distBatchNdims = this._batchShape.length, catBatchNdims = this.mixture.batchShape.length;
    const padNdims = catBatchNdims === 1 ? 0 : distBatchNdims - catBatchNdims;
    const xs = x.shape;
    return x.reshape([...xs.slice(0, -1), ...Array<number>(padNdims).fill(1), xs.at(-1)!, ...Array<number>(this.eventNdims).fill(1)]);
  }
  override toString() { return `MixtureSameFamily(\n  ${this.mixture},\n  ${this.component})`; }
}
