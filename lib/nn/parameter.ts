// nn.Parameter: a leaf tensor that a Module registers as a parameter when assigned to it.
import { Tensor } from '../tensor.js';
import { badArg } from '../errors.js';
import { native } from '../native.js';
import { empty } from '../creation.js';
import { bind, type Args } from '../bind.js';

const DETACH = (t: Tensor) => t.detach();

export class Parameter extends Tensor {
  /** nn.Parameter(data, requiresGrad = true): shares data's storage, as in PyTorch (no data: an empty one). */
  constructor(...args: Args<'nn.Parameter'>) {
    const a = bind('nn.Parameter', args, { name: 'Parameter' });
    const data = a.data ?? empty(0);
    const requiresGrad = a.requiresGrad;
    if (!(data instanceof Tensor)) badArg('Tensor', 'data', data);
    if (typeof requiresGrad !== 'boolean') badArg('a boolean', 'requiresGrad', requiresGrad);
    const leaf = DETACH(data);
    super(leaf._h);
    native.setRequiresGrad(this._h, requiresGrad);
  }
  toString(): string {
    return `Parameter containing:\n${super.toString()}`;
  }
}
