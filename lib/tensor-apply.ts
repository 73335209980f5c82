// Tensor.apply_ and Tensor.map_: a JS function applied to each element of a CPU tensor, in place.
// As in PyTorch they are for convenience, not speed: the elements go through JS one by one.
import { Tensor } from './tensor.js';
import { TorchError, badArg } from './errors.js';
import { bind, type Args } from './bind.js';
import { noGrad } from './autograd.js';
import { tensor as makeTensor } from './creation.js';
import { bool as boolDType } from './types.js';

declare module './tensor.js' {
  interface Tensor {
    /** Tensor.apply_(callable): replaces each element by callable(element), in place (CPU tensors only); returns this. */
    apply_(...args: Args<'Tensor.apply_'>): this;
    /** Tensor.map_(other, callable): replaces each element by callable(element, other's element), `other` broadcast to this shape. */
    map_(...args: Args<'Tensor.map_'>): this;
  }
}

function elements(t: Tensor): (number | boolean)[] {
  return t.dim() === 0 ? [t.item()] : (t.tolist() as unknown[]).flat(Infinity) as (number | boolean)[];
}

/** the checks PyTorch's apply_ and map_ make of `self` before calling back */
function checkSelf(self: Tensor, name: string, callable: unknown): void {
  if (typeof callable !== 'function') badArg('a function', 'callable', callable);
  if (self.device.type !== 'cpu') throw new TypeError(`${name} is only implemented on CPU tensors`);
  if (self.requiresGrad) throw new TorchError(`Can't call ${name}() on Variable that requires grad. Use var.detach().${name}() instead.`);
  // JS has no complex number to hand the callable
  if (self.dtype.isComplex) throw new TypeError(`${name} takes a real or bool tensor, not ${self.dtype}`);
}

/** Writes JS values into `self` as PyTorch stores a Python scalar: integers truncated, checked. */
function store(self: Tensor, name: string, values: unknown[]): void {
  const dtype = self.dtype;
  const converted = values.map((v) => {
    if (typeof v !== 'number' && typeof v !== 'boolean') badArg('a number or a boolean returned by callable', name, v);
    if (dtype === boolDType) return Boolean(v);
    if (dtype.isFloatingPoint) return Number(v);
    if (!Number.isFinite(Number(v))) throw new TorchError(`value cannot be converted to type ${dtype.toString().replace('torch.', '')} without overflow`);
    return Math.trunc(Number(v));
  });
  noGrad(() => self.copy_(makeTensor(converted, { dtype }).view(self.shape)));
}

Tensor.prototype.apply_ = function (this: Tensor, ...args: Args<'Tensor.apply_'>) {
  const { callable } = bind('Tensor.apply_', args, { name: 'apply_' });
  checkSelf(this, 'apply_', callable);
  store(this, 'apply_', elements(this).map((v) => callable(v as number)));
  return this;
} as Tensor['apply_'];

Tensor.prototype.map_ = function (this: Tensor, ...args: Args<'Tensor.map_'>) {
  const { other, callable } = bind('Tensor.map_', args, { name: 'map_' });
  if (!(other instanceof Tensor)) badArg('a Tensor', 'other', other);
  checkSelf(this, 'map_', callable);
  if (other.dtype !== this.dtype) throw new TypeError(`map_: expected ${this.type()} for 'other' (got ${other.type()})`);
  if (other.requiresGrad) throw new TorchError("Can't call map_() on Variable that requires grad. Use var.detach().map_() instead.");
  const mine = elements(this), theirs = elements(other.expandAs(this));
  store(this, 'map_', mine.map((v, i) => callable(v as number, theirs[i] as number)));
  return this;
} as Tensor['map_'];
