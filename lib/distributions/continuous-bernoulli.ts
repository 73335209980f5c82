// torch.distributions.ContinuousBernoulli: the normalised Bernoulli likelihood on [0, 1] (Loaiza-
// Ganem & Cunningham 2019), the right likelihood for a VAE on pixel intensities.
import * as torch from '../index.js';
import type { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import * as constraints from './constraints.js';
import { ExponentialFamily, broadcastAll, clampProbs, probsOrLogits } from './distribution.js';

/**
 * A continuous Bernoulli distribution on [0, 1], by `probs` or `logits` (not both); within `lims`
 * of 0.5 its moments and normaliser use Taylor expansions, where the closed forms are unstable.
 */
export class ContinuousBernoulli extends ExponentialFamily {
  override get hasRsample() { return true; }
  private lims: [number, number];
  constructor(...args: Args<'distributions.ContinuousBernoulli'>) {
    super();
    const a = bind('distributions.ContinuousBernoulli', args, { name: 'ContinuousBernoulli' });
    const [name, given] = probsOrLogits(a);
    const lims = a.lims;
    if (!Array.isArray(lims) || lims.length !== 2 || !lims.every((l) => typeof l === 'number')) {
      throw new TypeError(`Expected a pair of numbers for lims but received ${String(lims)}`);
    }
    this.lims = [lims[0]!, lims[1]!];
    const [param] = broadcastAll(given as Tensor | number);
    if (name === 'probs') {
      // Python checks probs itself when validate_args is given, then clamps them away from 0 and 1
      if (a.validateArgs !== null && a.validateArgs !== undefined && !constraints.unitInterval.check(param!).all().item()) {
        throw new RangeError('The parameter probs has invalid values');
      }
      this.params.probs = clampProbs(param!);
    } else this.params.logits = param!;
    this.init(typeof given === 'number' ? [] : param!.shape, [], a.validateArgs);
  }
  get probs(): Tensor { return this.lazyParam('probs', () => clampProbs(torch.sigmoid(this.params.logits!))); }
  get logits(): Tensor { return this.lazyLogits(true); }
  get param(): Tensor { return this.params.probs ?? this.params.logits!; }
  get paramShape(): number[] { return this.param.shape; }
  override get argConstraints() { return { probs: constraints.unitInterval, logits: constraints.real }; }
  override get support() { return constraints.unitInterval; }
  protected expandInto(copy: this, batchShape: number[]) {
    copy.lims = this.lims;
    for (const name of ['probs', 'logits']) if (this.params[name]) copy.params[name] = this.params[name]!.expand(batchShape);
  }
  private outsideUnstableRegion() { return this.probs.le(this.lims[0]).logicalOr(this.probs.gt(this.lims[1])); }
  private cutProbs() { return torch.where(this.outsideUnstableRegion(), this.probs, torch.onesLike(this.probs).mul(this.lims[0])); }
  /** @internal the log normaliser as a function of probs */
  contBernLogNorm() {
    const cut = this.cutProbs();
    const cutBelowHalf = torch.where(cut.le(0.5), cut, torch.zerosLike(cut));
    const cutAboveHalf = torch.where(cut.ge(0.5), cut, torch.onesLike(cut));
    const logNorm = cut.neg().log1p().sub(cut.log()).abs().log()
      .sub(torch.where(cut.le(0.5), cutBelowHalf.mul(-2).log1p(), cutAboveHalf.mul(2).sub(1).log()));
    const x = this.probs.sub(0.5).pow(2);
    const taylor = x.mul(104 / 45).add(4 / 3).mul(x).add(Math.log(2));
    return torch.where(this.outsideUnstableRegion(), logNorm, taylor);
  }
  override get mean() {
    const cut = this.cutProbs();
    const mus = cut.div(cut.mul(2).sub(1)).add(cut.neg().log1p().sub(cut.log()).reciprocal());
    const x = this.probs.sub(0.5);
    const taylor = x.pow(2).mul(16 / 45).add(1 / 3).mul(x).add(0.5);
    return torch.where(this.outsideUnstableRegion(), mus, taylor);
  }
  override get variance() {
    const cut = this.cutProbs();
    const vars = cut.mul(cut.sub(1)).div(torch.sub(1, cut.mul(2)).pow(2)).add(cut.neg().log1p().sub(cut.log()).pow(2).reciprocal());
    const x = this.probs.sub(0.5).pow(2);
    const taylor = torch.sub(1 / 12, torch.sub(1 / 15, x.mul(128 / 945)).mul(x));
    return torch.where(this.outsideUnstableRegion(), vars, taylor);
  }
  protected override rdraw(shape: number[]) {
    const u = torch.rand(shape, { dtype: this.probs.dtype, device: this.probs.device });
    return this.computeIcdf(u);
  }
  protected override computeLogProb(value: Tensor) {
    const [logits, v] = broadcastAll(this.logits, value);
    return torch.nn.functional.binaryCrossEntropyWithLogits(logits!, v!, { reduction: 'none' }).neg().add(this.contBernLogNorm());
  }
  protected override computeCdf(value: Tensor) {
    const cut = this.cutProbs();
    const cdfs = torch.pow(cut, value).mul(torch.pow(torch.sub(1, cut), torch.sub(1, value))).add(cut).sub(1).div(cut.mul(2).sub(1));
    const unbounded = torch.where(this.outsideUnstableRegion(), cdfs, value);
    return torch.where(value.le(0), torch.zerosLike(value), torch.where(value.ge(1), torch.onesLike(value), unbounded));
  }
  protected override computeIcdf(value: Tensor) {
    const cut = this.cutProbs();
    return torch.where(
      this.outsideUnstableRegion(),
      cut.neg().add(value.mul(cut.mul(2).sub(1))).log1p().sub(cut.neg().log1p()).div(cut.log().sub(cut.neg().log1p())),
      value,
    );
  }
  override entropy() {
    const logProbs0 = this.probs.neg().log1p(), logProbs1 = this.probs.log();
    return this.mean.mul(logProbs0.sub(logProbs1)).sub(this.contBernLogNorm()).sub(logProbs0);
  }
  get naturalParams() { return [this.logits]; }
  logNormalizer(x: Tensor) {
    const outside = x.le(this.lims[0] - 0.5).logicalOr(x.gt(this.lims[1] - 0.5));
    const cutNat = torch.where(outside, x, torch.onesLike(x).mul(this.lims[0] - 0.5));
    const logNorm = cutNat.exp().sub(1).abs().log().sub(cutNat.abs().log());
    const taylor = x.mul(0.5).add(x.pow(2).div(24)).sub(x.pow(4).div(2880));
    return torch.where(outside, logNorm, taylor);
  }
  override get meanCarrierMeasure() { return 0; }
}
