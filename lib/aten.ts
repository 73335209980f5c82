// Direct calls into the generated op table by ATen name, for the hand-written layers of the
// facade (nn.functional, optim): aten('conv2d')(input, weight, { stride }) and so on.
import { native } from './native.js';
import { OP_BASE, wrap } from './tensor.js';
import { OP_GROUPS } from './generated/ops.js';

const ids = new Map(OP_GROUPS.map(([name], i) => [name, OP_BASE + i]));

const cache = new Map<string, (...args: unknown[]) => any>();

export function aten(name: string): (...args: unknown[]) => any {
  let fn = cache.get(name);
  if (!fn) {
    const id = ids.get(name);
    if (id === undefined) throw new Error(`ATen op ${name} is not in scripts/ops.txt`);
    fn = (...args: unknown[]) => wrap(native.op(id, ...args));
    cache.set(name, fn);
  }
  return fn;
}
