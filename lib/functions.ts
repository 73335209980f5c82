// The runtime behind the generated torch.* functions (lib/generated/functions.ts).
import { native } from './native.js';
import { wrap, OP_BASE } from './tensor.js';
import { TORCH_FUNCTIONS, type TorchFunctions } from './generated/ops.js';

const table: Record<string, Function> = {};
for (const [name, id, tupleNames, inplace] of TORCH_FUNCTIONS) {
  const gid = OP_BASE + id;
  const fn = inplace
    ? (...a: unknown[]) => { native.op(gid, ...a); return a[0]; }
    : (...a: unknown[]) => wrap(native.op(gid, ...a), tupleNames);
  Object.defineProperty(fn, 'name', { value: name });
  table[name] = fn;
}
export const generatedFunctions = table as unknown as TorchFunctions;
