// The base of every distribution (torch.distributions.Distribution): shapes, argument and sample
// validation with PyTorch's messages, sample() as rsample() without grad, and the helpers the
// distributions share (torch/distributions/utils.py).
import * as torch from '../index.js';
import { Tensor } from '../tensor.js';
import { bind, type Args } from '../bind.js';
import { pyFloat, sizeRepr } from '../nn/repr.js';
import type { Constraint } from './constraints.js';

let validateByDefault = true; // Python's default is __debug__: on unless `python -O`

export { sizeRepr };
/** Python's tuple repr: `()`, `(3,)`, `(2, 2)` */
export const tupleRepr = (shape: readonly number[]) => `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
/** What Python's f'{t}' prints: a 0-d tensor formats as its Python number, others as their repr. */
export function formatValue(t: Tensor): string {
  if (t.dim() !== 0) return String(t);
  const v = t.item();
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return t.dtype.isFloatingPoint ? pyFloat(v as number) : String(v);
}
const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((s, i) => s === b[i]);

/** Python's NotImplementedError: what a distribution does not define. */
export class NotImplementedError extends Error {
  override name = 'NotImplementedError';
}

/** The parameters as tensors of one broadcast shape (numbers become tensors of the tensors' dtype). */
export function broadcastAll(...values: (Tensor | number)[]): Tensor[] {
  const like = values.find((v): v is Tensor => v instanceof Tensor);
  for (const v of values) {
    if (!(v instanceof Tensor) && typeof v !== 'number') {
      throw new RangeError('Input arguments must all be instances of Number, torch.Tensor or objects implementing __torch_function__.');
    }
  }
  const tensors = values.map((v) => (v instanceof Tensor ? v : torch.tensor(v, like ? { dtype: like.dtype, device: like.device } : { dtype: torch.getDefaultDtype() })));
  return torch.broadcastTensors(...tensors);
}
export const isNumber = (v: unknown): v is number => typeof v === 'number';
/** an optional tensor argument that was passed (Python's `is not None`) */
export const given = (t: Tensor | null | undefined): t is Tensor => t !== null && t !== undefined;
export function standardNormal(shape: number[], like: Tensor): Tensor {
  return torch.empty(shape, { dtype: like.dtype, device: like.device }).normal_();
}
/** Which of probs and logits was given (exactly one must be), as Python's distributions check it. */
export function probsOrLogits<T>(a: { probs?: T | null; logits?: T | null }): ['probs' | 'logits', T] {
  const hasProbs = a.probs !== null && a.probs !== undefined, hasLogits = a.logits !== null && a.logits !== undefined;
  if (hasProbs === hasLogits) throw new RangeError('Either `probs` or `logits` must be specified, but not both.');
  return hasProbs ? ['probs', a.probs!] : ['logits', a.logits!];
}
/** Sums the rightmost `dim` dimensions. */
export function sumRightmost(value: Tensor, dim: number): Tensor {
  return dim === 0 ? value : value.reshape([...value.shape.slice(0, value.dim() - dim), -1]).sum(-1);
}
/** A relaxation's temperature as a tensor (Python takes a Tensor; a number becomes one of the default dtype). */
export function temperatureTensor(t: Tensor | number): Tensor {
  return t instanceof Tensor ? t : torch.tensor(t, { dtype: torch.getDefaultDtype() });
}
export function clampProbs(probs: Tensor): Tensor {
  const eps = torch.finfo(probs.dtype).eps;
  return probs.clamp(eps, 1 - eps);
}
export function probsToLogits(probs: Tensor, isBinary = false): Tensor {
  const clamped = clampProbs(probs);
  return isBinary ? clamped.log().sub(clamped.neg().log1p()) : clamped.log();
}
export function logitsToProbs(logits: Tensor, isBinary = false): Tensor {
  return isBinary ? logits.sigmoid() : torch.nn.functional.softmax(logits, -1);
}

/**
 * A probability distribution, as torch.distributions.Distribution: `batchShape` (independent,
 * differently parameterised distributions) and `eventShape` (one draw), sampling, densities and
 * moments. Parameters are checked against `argConstraints` unless `validateArgs` is false.
 */
export abstract class Distribution {
  /** whether rsample() gives reparameterised (differentiable) samples */
  get hasRsample(): boolean {
    return false;
  }
  /** whether enumerateSupport() lists the support */
  get hasEnumerateSupport(): boolean {
    return false;
  }
  protected _batchShape: number[];
  protected _eventShape: number[];
  protected _validateArgs: boolean;
  /** the tensor parameters set so far, by name (Python's __dict__: a lazily derived one joins on first use) */
  protected params: Record<string, Tensor> = {};

  /** Sets whether distributions check their parameters and the values they score (on by default). */
  static setDefaultValidateArgs(...args: Args<'distributions.Distribution.setDefaultValidateArgs'>): void {
    const { value } = bind('distributions.Distribution.setDefaultValidateArgs', args, { name: 'Distribution.setDefaultValidateArgs' });
    if (value !== true && value !== false) throw new RangeError(`Expected a boolean for value but received ${String(value)}`);
    validateByDefault = value;
  }

  /** @internal the subclasses' constructors set their parameters, then call init() */
  constructor() {
    this._batchShape = [];
    this._eventShape = [];
    this._validateArgs = validateByDefault;
  }

  /** Python's Distribution.__init__: shapes, then the parameters' check. */
  protected init(batchShape: readonly number[], eventShape: readonly number[] = [], validateArgs: boolean | null = null): void {
    this._batchShape = [...batchShape];
    this._eventShape = [...eventShape];
    if (validateArgs !== null && validateArgs !== undefined) this._validateArgs = validateArgs;
    if (!this._validateArgs) return;
    for (const [param, constraint] of Object.entries(this.argConstraints)) {
      const value = this.checkedParam(param);
      if (value === undefined) continue; // derived lazily from another parameter
      if (!constraint.check(value).all().item()) {
        throw new RangeError(
          `Expected parameter ${pythonName(param)} (Tensor of shape ${tupleRepr(value.shape)}) of distribution ${this} ` +
          `to satisfy the constraint ${constraint}, but found invalid values:\n${formatValue(value)}`,
        );
      }
    }
  }

  /**
   * The constructor of the distributions whose parameters broadcast together (Python's broadcast_all):
   * sets them (cast to the dtype of the parameter `typeAs` names, if any), with a scalar batch shape
   * when all were numbers, then checks them.
   */
  protected initBroadcast(named: Record<string, Tensor | number>, validateArgs: boolean | null | undefined, typeAs?: string): void {
    const names = Object.keys(named), values = Object.values(named);
    const tensors = broadcastAll(...values);
    const like = typeAs === undefined ? undefined : tensors[names.indexOf(typeAs)];
    tensors.forEach((t, i) => { this.params[names[i]!] = like ? t.typeAs(like) : t; });
    this.init(values.every(isNumber) ? [] : this.params[names[0]!]!.shape, [], validateArgs ?? null);
  }
  /** The parameter as given (undefined where it is computed from another one on first use). */
  protected givenParam(name: string): Tensor | undefined {
    return this.params[name];
  }
  /** The parameter the constructor's check reads: the one given (a lazily derived one is skipped, as in Python). */
  protected checkedParam(name: string): Tensor | undefined {
    return this.givenParam(name);
  }
  /** A parameter derived from another on first use (Python's lazy_property), computed with grad on. */
  protected lazyParam(name: string, compute: () => Tensor): Tensor {
    return (this.params[name] ??= torch.enableGrad(compute));
  }
  /** `probs` derived from the `logits` given, or the `probs` given (binary: sigmoid, else softmax). */
  protected lazyProbs(isBinary = false): Tensor {
    return this.lazyParam('probs', () => logitsToProbs(this.params.logits!, isBinary));
  }
  /** `logits` derived from the `probs` given, or the `logits` given. */
  protected lazyLogits(isBinary = false): Tensor {
    return this.lazyParam('logits', () => probsToLogits(this.params.probs!, isBinary));
  }

  /** the shape over which the parameters are batched */
  get batchShape(): number[] {
    return [...this._batchShape];
  }
  /** the shape of a single sample, without batching */
  get eventShape(): number[] {
    return [...this._eventShape];
  }
  /** the constraint each tensor parameter satisfies, by name */
  get argConstraints(): Record<string, Constraint> {
    return {};
  }
  /** the constraint the distribution's values satisfy */
  get support(): Constraint {
    throw new NotImplementedError(`${this.constructor.name} does not implement support`);
  }
  /** the distribution's mean */
  get mean(): Tensor {
    throw new NotImplementedError(`${this.constructor.name} does not implement mean`);
  }
  /** the distribution's mode */
  get mode(): Tensor {
    throw new NotImplementedError(`${this.constructor.name} does not implement mode`);
  }
  /** the distribution's variance */
  get variance(): Tensor {
    throw new NotImplementedError(`${this.constructor.name} does not implement variance`);
  }
  /** the distribution's standard deviation */
  get stddev(): Tensor {
    return this.variance.sqrt();
  }

  /**
   * A new distribution with the batch dimensions expanded to `batchShape` (the parameters are
   * expanded views; nothing is checked again).
   */
  expand(...args: Args<'distributions.Distribution.expand'>): this {
    const { batchShape } = bind('distributions.Distribution.expand', args, { name: `${this.constructor.name}.expand` });
    if (!Array.isArray(batchShape)) throw new TypeError(`Expected an array of integers for batch_shape but received ${String(batchShape)}`);
    const copy = Object.create(Object.getPrototypeOf(this)) as this;
    copy._eventShape = [...this._eventShape];
    copy._batchShape = [...batchShape];
    copy._validateArgs = this._validateArgs;
    copy.params = {};
    this.expandInto(copy, batchShape);
    return copy;
  }
  /** Sets `copy`'s parameters to this one's, expanded to batchShape. */
  protected abstract expandInto(copy: this, batchShape: number[]): void;

  /** A sample of shape sampleShape + batchShape + eventShape, drawn without recording grad. */
  sample(...args: Args<'distributions.Distribution.sample'>): Tensor {
    const { sampleShape } = bind('distributions.Distribution.sample', args, { name: `${this.constructor.name}.sample` });
    return torch.noGrad(() => this.draw(this.extendedShape(shapeArg(sampleShape))));
  }
  /** A reparameterised sample: differentiable with respect to the parameters. */
  rsample(...args: Args<'distributions.Distribution.rsample'>): Tensor {
    const { sampleShape } = bind('distributions.Distribution.rsample', args, { name: `${this.constructor.name}.rsample` });
    return this.rdraw(this.extendedShape(shapeArg(sampleShape)));
  }
  /** `n` samples: sample([n]) (deprecated in PyTorch). */
  sampleN(...args: Args<'distributions.Distribution.sampleN'>): Tensor {
    const { n } = bind('distributions.Distribution.sampleN', args, { name: `${this.constructor.name}.sampleN` });
    process.emitWarning('`sample_n(n)` will be deprecated. Use `sample((n,))` instead.', 'FutureWarning');
    return this.sample([n]);
  }
  /** what sample() draws; by default rsample's draw */
  protected draw(shape: number[]): Tensor {
    return this.rdraw(shape);
  }
  protected rdraw(_shape: number[]): Tensor {
    throw new NotImplementedError(`${this.constructor.name} does not implement rsample`);
  }

  /** The log of the density (or mass) at `value`. */
  logProb(...args: Args<'distributions.Distribution.logProb'>): Tensor {
    const { value } = bind('distributions.Distribution.logProb', args, { name: `${this.constructor.name}.logProb` });
    return this.computeLogProb(this.checked(value, 'log_prob'));
  }
  protected computeLogProb(_value: Tensor): Tensor {
    throw new NotImplementedError(`${this.constructor.name} does not implement log_prob`);
  }
  /** The cumulative distribution function at `value`. */
  cdf(...args: Args<'distributions.Distribution.cdf'>): Tensor {
    const { value } = bind('distributions.Distribution.cdf', args, { name: `${this.constructor.name}.cdf` });
    return this.computeCdf(this.checked(value, 'cdf'));
  }
  protected computeCdf(_value: Tensor): Tensor {
    throw new NotImplementedError(`${this.constructor.name} does not implement cdf`);
  }
  /** The inverse of cdf(), at probability `value`. */
  icdf(...args: Args<'distributions.Distribution.icdf'>): Tensor {
    const { value } = bind('distributions.Distribution.icdf', args, { name: `${this.constructor.name}.icdf` });
    return this.computeIcdf(this.asTensor(value, 'icdf'));
  }
  protected computeIcdf(_value: Tensor): Tensor {
    throw new NotImplementedError(`${this.constructor.name} does not implement icdf`);
  }
  /**
   * Every value of a discrete distribution's support along dimension 0: shape
   * (cardinality,) + batchShape + eventShape, or with the batch dimensions as 1 when `expand` is false.
   */
  enumerateSupport(...args: Args<'distributions.Distribution.enumerateSupport'>): Tensor {
    const { expand } = bind('distributions.Distribution.enumerateSupport', args, { name: `${this.constructor.name}.enumerateSupport` });
    return this.computeSupport(expand);
  }
  protected computeSupport(_expand: boolean): Tensor {
    throw new NotImplementedError(`${this.constructor.name} does not implement enumerate_support`);
  }
  /** The entropy, batched over batchShape. */
  entropy(): Tensor {
    throw new NotImplementedError(`${this.constructor.name} does not implement entropy`);
  }
  /** exp(entropy()) */
  perplexity(): Tensor {
    return this.entropy().exp();
  }

  /** sampleShape + batchShape + eventShape */
  protected extendedShape(sampleShape: readonly number[] = []): number[] {
    return [...sampleShape, ...this._batchShape, ...this._eventShape];
  }

  protected asTensor(value: unknown, method: string): Tensor {
    if (value instanceof Tensor) return value;
    if (typeof value === 'number') return torch.tensor(value, { dtype: this.paramDtype() });
    throw new RangeError(`The value argument to ${method} must be a Tensor`);
  }
  /** the parameters' dtype, for values given as numbers */
  protected paramDtype() {
    return torch.getDefaultDtype();
  }

  /** Python's _validate_sample: the value's shape against the distribution's, then its support. */
  protected checked(v: unknown, method: string): Tensor {
    if (!this._validateArgs) return this.asTensor(v, method);
    if (!(v instanceof Tensor)) throw new RangeError('The value argument to log_prob must be a Tensor');
    const value = v;
    const actual = value.shape;
    const eventStart = actual.length - this._eventShape.length;
    if (eventStart < 0 || !sameShape(actual.slice(eventStart), this._eventShape)) {
      throw new RangeError(`The right-most size of value must match event_shape: ${sizeRepr(actual)} vs ${sizeRepr(this._eventShape)}.`);
    }
    const expected = [...this._batchShape, ...this._eventShape];
    for (let i = 1; i <= Math.min(actual.length, expected.length); i++) {
      const a = actual[actual.length - i], e = expected[expected.length - i];
      if (a !== 1 && e !== 1 && a !== e) {
        throw new RangeError(`Value is not broadcastable with batch_shape+event_shape: ${sizeRepr(actual)} vs ${sizeRepr(expected)}.`);
      }
    }
    const support = this.support;
    if (!support.check(value).all().item()) {
      throw new RangeError(
        `Expected value argument (Tensor of shape ${tupleRepr(actual)}) to be within the support (${support}) ` +
        `of the distribution ${this}, but found invalid values:\n${formatValue(value)}`,
      );
    }
    return value;
  }

  /** `Normal(loc: 0.0, scale: 1.0)`: one-element parameters by value, others by size, as Python's repr. */
  toString(): string {
    const parts: string[] = [];
    for (const name of Object.keys(this.argConstraints)) {
      const v = this.givenParam(name);
      if (v) parts.push(`${pythonName(name)}: ${v.numel() === 1 ? formatValue(v) : sizeRepr(v.shape)}`);
    }
    return `${this.constructor.name}(${parts.join(', ')})`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** covarianceMatrix -> covariance_matrix, as Python names the parameter in its messages */
const pythonName = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function shapeArg(shape: unknown): number[] {
  if (typeof shape === 'number') return [shape];
  if (!Array.isArray(shape) || !shape.every((s) => Number.isInteger(s) && s >= 0)) {
    throw new TypeError(`Expected an array of non-negative integers for sample_shape but received ${String(shape)}`);
  }
  return shape as number[];
}

/**
 * A distribution of the exponential family (torch.distributions.ExponentialFamily): its entropy
 * and the KL divergence between two of one kind follow from the log normaliser's gradient (a
 * Bregman divergence), computed by autograd.
 */
export abstract class ExponentialFamily extends Distribution {
  /** @internal the natural parameters */
  abstract get naturalParams(): Tensor[];
  /** @internal the log normaliser as a function of the natural parameters */
  abstract logNormalizer(...naturalParams: Tensor[]): Tensor;
  /** @internal E[log h(x)], the carrier measure's mean */
  get meanCarrierMeasure(): number {
    throw new NotImplementedError(`${this.constructor.name} does not implement _mean_carrier_measure`);
  }
  override entropy(): Tensor {
    const carrier = -this.meanCarrierMeasure;
    return torch.enableGrad(() => {
      const nparams = this.naturalParams.map((p) => p.detach().requiresGrad_());
      const lgNormal = this.logNormalizer(...nparams);
      const gradients = torch.autograd.grad(lgNormal.sum(), nparams, null, { createGraph: true });
      let result = lgNormal.add(carrier);
      nparams.forEach((np, i) => { result = result.sub(np.mul(gradients[i]!).reshape([...this._batchShape, -1]).sum(-1)); });
      return result;
    });
  }
}
