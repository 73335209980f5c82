// torch.nn.utils: gradient clipping and flattening parameters, as in PyTorch.
import { Tensor } from '../tensor.js';
import { noGrad } from '../autograd.js';
import { stack, cat } from '../generated/functions.js';
import { tensor } from '../creation.js';
import { bind, type Args } from '../bind.js';

const list = (p: Tensor | Iterable<Tensor>): Tensor[] => (p instanceof Tensor ? [p] : [...p]);

/** clipGradNorm_(parameters, maxNorm, normType = 2): scales gradients in place; returns the total norm. */
export function clipGradNorm_(...args: Args<'nn.utils.clipGradNorm_'>): Tensor {
  const { parameters, maxNorm, normType, errorIfNonfinite } = bind('nn.utils.clipGradNorm_', args);
  const grads = list(parameters).map((p) => p.grad).filter((g): g is Tensor => g !== null);
  if (!grads.length) return tensor(0);
  return noGrad(() => {
    const total = normType === Infinity
      ? stack(grads.map((g) => g.detach().abs().max())).max()
      : stack(grads.map((g) => g.detach().norm(normType))).norm(normType);
    if (errorIfNonfinite && !Number.isFinite(total.item())) {
      throw new RangeError(`The total norm of order ${normType} for gradients from \`parameters\` is non-finite, so it cannot be clipped.`);
    }
    const coef = total.add(1e-6).reciprocal().mul(maxNorm).clamp(undefined as any, 1.0);
    for (const g of grads) g.mul_(coef);
    return total;
  });
}

/** clipGradValue_(parameters, clipValue): clamps gradients in place to [-clipValue, clipValue]. */
export function clipGradValue_(...args: Args<'nn.utils.clipGradValue_'>): void {
  const { parameters, clipValue } = bind('nn.utils.clipGradValue_', args);
  noGrad(() => {
    for (const p of list(parameters)) p.grad?.clamp_(-clipValue, clipValue);
  });
}

export function parametersToVector(...args: Args<'nn.utils.parametersToVector'>): Tensor {
  const { parameters } = bind('nn.utils.parametersToVector', args);
  return cat(list(parameters).map((p) => p.view(-1)));
}

export function vectorToParameters(...args: Args<'nn.utils.vectorToParameters'>): void {
  const { vec, parameters } = bind('nn.utils.vectorToParameters', args);
  let offset = 0;
  noGrad(() => {
    for (const p of list(parameters)) {
      const n = p.numel();
      p.copy_(vec.narrow(0, offset, n).viewAs(p));
      offset += n;
    }
  });
}
export * as rnn from './rnn-utils.js';
