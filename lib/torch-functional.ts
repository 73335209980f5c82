// Functions that PyTorch writes in Python (torch/functional.py) on top of ATen ops, ported so
// their signatures and return shapes match: unique, uniqueConsecutive, tensordot, meshgrid.
import { native } from './native.js';
import { badArg } from './errors.js';
import { Tensor, opId, wrap } from './tensor.js';
import { bind, type Args } from './bind.js';
import { writeOut } from './functions.js';

const UNIQUE2 = opId('_unique2');
const UNIQUE_DIM = opId('unique_dim');
const UNIQUE_CONSECUTIVE = opId('unique_consecutive');
const TENSORDOT = opId('tensordot');
const MESHGRID = opId('meshgrid');

/** The keyword arguments of `torch.unique`. */
export interface UniqueOptions {
  sorted?: boolean;
  returnInverse?: boolean;
  returnCounts?: boolean;
  dim?: number | null;
}

function pick(all: Tensor[], inverse?: boolean, counts?: boolean): Tensor | Tensor[] {
  if (!inverse && !counts) return all[0];
  const out = [all[0]];
  if (inverse) out.push(all[1]);
  if (counts) out.push(all[2]);
  return out;
}

function checkTensor(v: unknown, name: string): asserts v is Tensor {
  if (!(v instanceof Tensor)) badArg('Tensor', name, v);
}

/** torch.unique(input, sorted = true, returnInverse = false, returnCounts = false, dim = null) */
export function unique(...args: Args<'torch.unique'>): Tensor | Tensor[] {
  const { input, sorted, returnInverse, returnCounts, dim } = bind('torch.unique', args, { name: 'torch.unique' });
  checkTensor(input, 'input');
  const r = dim == null
    ? wrap(native.op(UNIQUE2, input, sorted, returnInverse, returnCounts))
    : wrap(native.op(UNIQUE_DIM, input, dim, sorted, returnInverse, returnCounts));
  return pick(r, returnInverse, returnCounts);
}

/** torch.unique_consecutive(input, returnInverse = false, returnCounts = false, dim = null) */
export function uniqueConsecutive(...args: Args<'torch.uniqueConsecutive'>): Tensor | Tensor[] {
  const { input, returnInverse, returnCounts, dim } = bind('torch.uniqueConsecutive', args, { name: 'torch.uniqueConsecutive' });
  checkTensor(input, 'input');
  return pick(wrap(native.op(UNIQUE_CONSECUTIVE, input, returnInverse, returnCounts, dim ?? null)), returnInverse, returnCounts);
}

/** torch.tensordot(a, b, dims = 2): dims is a count, or [dimsA, dimsB]. */
export function tensordot(...args: Args<'torch.tensordot'>): Tensor {
  const { a, b, dims, out } = bind('torch.tensordot', args, { name: 'torch.tensordot' });
  checkTensor(a, 'a');
  checkTensor(b, 'b');
  let da: number[], db: number[];
  if (typeof dims === 'number') {
    if (!Number.isInteger(dims) || dims < 0) badArg('non-negative integer', 'dims', dims);
    da = Array.from({ length: dims }, (_, i) => a.dim() - (dims as number) + i);
    db = Array.from({ length: dims }, (_, i) => i);
  } else if (Array.isArray(dims) && dims.length === 2) {
    [da, db] = dims.map((d) => (Array.isArray(d) ? d : [d])) as [number[], number[]];
  } else return badArg('an integer or a pair of dimension lists', 'dims', dims);
  const r = wrap(native.op(TENSORDOT, a, b, da, db));
  return out ? writeOut('tensordot', r, out) as Tensor : r;
}

/** torch.meshgrid(...tensors, { indexing }) */
export function meshgrid(...args: (Tensor | Tensor[] | { indexing?: 'ij' | 'xy' | null })[]): Tensor[] {
  const a = bind('torch.meshgrid', args, { name: 'torch.meshgrid' });
  const given = a.tensors as unknown[];
  const tensors = (given.length === 1 && Array.isArray(given[0]) ? given[0] : given) as Tensor[];
  tensors.forEach((t, i) => checkTensor(t, `tensors[${i}]`));
  if (a.indexing == null) {
    process.emitWarning('torch.meshgrid: in an upcoming release, it will be required to pass the indexing argument.', 'UserWarning');
  }
  const indexing = a.indexing ?? 'ij';
  if (indexing !== 'ij' && indexing !== 'xy') badArg("'ij' or 'xy'", 'indexing', indexing);
  return wrap(native.op(MESHGRID, tensors, { indexing }));
}

type Rest<T> = T extends [unknown, ...infer R] ? R : T extends [{ input: unknown } & infer O] ? [options?: Omit<O, 'input'>] : never;
declare module './tensor.js' {
  interface Tensor {
    /** Tensor.unique(sorted = true, returnInverse = false, returnCounts = false, dim = null) */
    unique(...args: Rest<Args<'torch.unique'>>): Tensor | Tensor[];
    uniqueConsecutive(...args: Rest<Args<'torch.uniqueConsecutive'>>): Tensor | Tensor[];
  }
}
Tensor.prototype.unique = function (this: Tensor, ...args: unknown[]) {
  return unique(...([this, ...args] as Args<'torch.unique'>));
};
Tensor.prototype.uniqueConsecutive = function (this: Tensor, ...args: unknown[]) {
  return uniqueConsecutive(...([this, ...args] as Args<'torch.uniqueConsecutive'>));
};
