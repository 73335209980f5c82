// Direct calls into the generated op table by ATen name, for the hand-written layers of the
// facade (nn.functional, optim): aten('conv2d')(input, weight, { stride }) and so on.
import { native } from './native.js';
import { opId, wrap } from './tensor.js';

const cache = new Map<string, (...args: unknown[]) => any>();

export function aten(name: string): (...args: unknown[]) => any {
  let fn = cache.get(name);
  if (!fn) {
    const id = opId(name);
    fn = (...args: unknown[]) => wrap(native.op(id, ...args));
    cache.set(name, fn);
  }
  return fn;
}
