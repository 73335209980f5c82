// Direct calls into the generated op table by ATen name, for the hand-written layers of the
// facade (nn.functional, optim): aten('conv2d')(input, weight, { stride }) and so on.
import { native } from './native.js';
import { opId, toHandles, wrap } from './tensor.js';

const cache = new Map<string, (...args: unknown[]) => any>();

export function aten(name: string): (...args: unknown[]) => any {
  let fn = cache.get(name);
  if (!fn) {
    const id = opId(name);
    // in-place ops (trailing '_') return nothing through the dispatcher: the result is their first
    // argument, which is what PyTorch's functions return
    fn = name.endsWith('_') && !name.startsWith('_')
      ? (...args: unknown[]) => {
        const self = args[0];
        const r = native.op(id, ...toHandles(args));
        return r === undefined || r === null ? self : wrap(r);
      }
      : (...args: unknown[]) => wrap(native.op(id, ...toHandles(args)));
    cache.set(name, fn);
  }
  return fn;
}
