// nn.Parameter: a leaf tensor that a Module registers as a parameter when assigned to it.
import { Tensor } from '../tensor.js';
import { badArg } from '../errors.js';
import { native } from '../native.js';

const DETACH = (t: Tensor) => t.detach();

export class Parameter extends Tensor {
  /** nn.Parameter(data, requiresGrad = true): shares data's storage, as in PyTorch. */
  constructor(data: Tensor, requiresGrad = true) {
    if (!(data instanceof Tensor)) badArg('Tensor', 'data', data);
    const leaf = DETACH(data);
    super(leaf._h);
    native.setRequiresGrad(this._h, requiresGrad);
  }
  toString(): string {
    return `Parameter containing:\n${super.toString()}`;
  }
}
