// Functions that PyTorch writes in Python (torch/functional.py) on top of ATen ops, ported so
// their signatures and return shapes match: unique, uniqueConsecutive, tensordot, meshgrid.
import { native } from './native.js';
import { badArg } from './errors.js';
import { Tensor, opId, wrap } from './tensor.js';

const UNIQUE2 = opId('_unique2');
const UNIQUE_DIM = opId('unique_dim');
const UNIQUE_CONSECUTIVE = opId('unique_consecutive');
const TENSORDOT = opId('tensordot');
const MESHGRID = opId('meshgrid');

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

/** torch.unique(input, { sorted, returnInverse, returnCounts, dim }) */
export function unique(input: Tensor, options: UniqueOptions = {}): Tensor | Tensor[] {
  checkTensor(input, 'input');
  const { sorted = true, returnInverse = false, returnCounts = false, dim = null } = options;
  const r = dim == null
    ? wrap(native.op(UNIQUE2, input, sorted, returnInverse, returnCounts))
    : wrap(native.op(UNIQUE_DIM, input, dim, sorted, returnInverse, returnCounts));
  return pick(r, returnInverse, returnCounts);
}

/** torch.unique_consecutive(input, { returnInverse, returnCounts, dim }) */
export function uniqueConsecutive(input: Tensor, options: Omit<UniqueOptions, 'sorted'> = {}): Tensor | Tensor[] {
  checkTensor(input, 'input');
  const { returnInverse = false, returnCounts = false, dim = null } = options;
  return pick(wrap(native.op(UNIQUE_CONSECUTIVE, input, returnInverse, returnCounts, dim)), returnInverse, returnCounts);
}

/** torch.tensordot(a, b, dims = 2): dims is a count, or [dimsA, dimsB]. */
export function tensordot(a: Tensor, b: Tensor, dims: number | [number[], number[]] | { dims?: number | [number[], number[]] } = 2): Tensor {
  checkTensor(a, 'a');
  checkTensor(b, 'b');
  if (typeof dims === 'object' && !Array.isArray(dims)) dims = dims.dims ?? 2;
  let da: number[], db: number[];
  if (typeof dims === 'number') {
    if (!Number.isInteger(dims) || dims < 0) badArg('non-negative integer', 'dims', dims);
    da = Array.from({ length: dims }, (_, i) => a.dim() - dims + i);
    db = Array.from({ length: dims }, (_, i) => i);
  } else if (Array.isArray(dims) && dims.length === 2) {
    [da, db] = dims.map((d) => (Array.isArray(d) ? d : [d])) as [number[], number[]];
  } else return badArg('an integer or a pair of dimension lists', 'dims', dims);
  return wrap(native.op(TENSORDOT, a, b, da, db));
}

/** torch.meshgrid(...tensors, { indexing }) */
export function meshgrid(...args: (Tensor | Tensor[] | { indexing?: 'ij' | 'xy' })[]): Tensor[] {
  let opts: { indexing?: 'ij' | 'xy' } = {};
  if (args.length && !(args[args.length - 1] instanceof Tensor) && !Array.isArray(args[args.length - 1])) {
    opts = args.pop() as { indexing?: 'ij' | 'xy' };
  }
  const tensors = (args.length === 1 && Array.isArray(args[0]) ? args[0] : args) as Tensor[];
  tensors.forEach((t, i) => checkTensor(t, `tensors[${i}]`));
  const indexing = opts.indexing ?? 'ij';
  if (indexing !== 'ij' && indexing !== 'xy') badArg("'ij' or 'xy'", 'indexing', indexing);
  return wrap(native.op(MESHGRID, tensors, { indexing }));
}

declare module './tensor.js' {
  interface Tensor {
    unique(options?: UniqueOptions): Tensor | Tensor[];
    uniqueConsecutive(options?: Omit<UniqueOptions, 'sorted'>): Tensor | Tensor[];
  }
}
Tensor.prototype.unique = function (this: Tensor, options?: UniqueOptions) {
  return unique(this, options);
};
Tensor.prototype.uniqueConsecutive = function (this: Tensor, options?: Omit<UniqueOptions, 'sorted'>) {
  return uniqueConsecutive(this, options);
};
