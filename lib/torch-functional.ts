// Functions that PyTorch writes in Python (torch/functional.py) or by hand in its bindings on top of
// ATen ops, ported so their signatures and return shapes match: unique, uniqueConsecutive, tensordot,
// meshgrid, norm, broadcastShapes, nonzero (as_tuple), Tensor.where, and the variadic wrappers
// (einsum, broadcastTensors, blockDiag, cartesianProd, chainMatmul, atleast1d/2d/3d).
import { native } from './native.js';
import { badArg, TorchError, describe } from './errors.js';
import { Tensor, opId, wrap } from './tensor.js';
import { bind, type Args } from './bind.js';
import { writeOut, generatedFunctions as aten } from './functions.js';
import { vectorNorm, matrixNorm } from './generated/linalg.js';
import type { DType } from './types.js';

const UNIQUE2 = opId('_unique2');
const UNIQUE_DIM = opId('unique_dim');
const UNIQUE_CONSECUTIVE = opId('unique_consecutive');
const TENSORDOT = opId('tensordot');
const MESHGRID = opId('meshgrid');
const NONZERO = opId('nonzero');
const NONZERO_NUMPY = opId('nonzero_numpy');

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

/**
 * torch.nonzero(input, *, out=None, as_tuple=False): the indices of the non-zero elements, one row
 * each; with `asTuple: true` one index tensor per dimension (`x.index(torch.nonzero(m, { asTuple: true }))`
 * is `x.index(m)`), as PyTorch's parser gives them.
 */
export function nonzero(input: Tensor, options?: { out?: Tensor | null; asTuple?: false }): Tensor;
export function nonzero(input: Tensor, options: { asTuple: true }): Tensor[];
export function nonzero(options: { input: Tensor; out?: Tensor | null; asTuple?: false }): Tensor;
export function nonzero(options: { input: Tensor; asTuple: true }): Tensor[];
export function nonzero(...args: Args<'torch.nonzero'>): Tensor | Tensor[];
export function nonzero(...args: Args<'torch.nonzero'>): Tensor | Tensor[] {
  const { input, out, asTuple } = bind('torch.nonzero', args, { name: 'torch.nonzero' });
  checkTensor(input, 'input');
  if (asTuple === true && out != null) throw new TorchError('nonzero does not support the out kwarg when as_tuple is True');
  const r = nonzeroOf(input, asTuple);
  return out == null ? r : writeOut('nonzero', r, out) as Tensor;
}

function nonzeroOf(input: Tensor, asTuple: unknown): Tensor | Tensor[] {
  if (typeof asTuple !== 'boolean') badArg('boolean', 'asTuple', asTuple);
  return wrap(native.op(asTuple ? NONZERO_NUMPY : NONZERO, input));
}

/**
 * torch.norm(input, p='fro', dim=None, keepdim=False, out=None, dtype=None): PyTorch's Python
 * function over torch.linalg: 'fro' (over at most two dims) and numbers are vector norms, 'nuc' a
 * matrix norm. Deprecated in PyTorch in favour of torch.linalg.vectorNorm/matrixNorm.
 */
export function norm(...args: Args<'torch.norm'>): Tensor {
  const { input, p, dim, keepdim, out, dtype } = bind('torch.norm', args, { name: 'torch.norm' });
  checkTensor(input, 'input');
  return normOf(input, p, dim, keepdim, dtype, out);
}

function normOf(input: Tensor, p: unknown, dim: unknown, keepdim: boolean, dtype: unknown, out?: Tensor | null): Tensor {
  if (p !== null && typeof p !== 'number' && p !== 'fro' && p !== 'nuc') badArg("a number, 'fro', 'nuc' or null", 'p', p);
  if (dim !== null && typeof dim !== 'number' && !Array.isArray(dim)) badArg('an integer, a list of integers or null', 'dim', dim);
  const dims = typeof dim === 'number' ? [dim] : dim;
  const options = { dtype: dtype as DType | null };
  const r = p === 'fro' && (dims === null || dims.length <= 2) ? vectorNorm(input, 2, dims, keepdim, options)
    : typeof p === 'string' ? matrixNorm(input, p, dims ?? input.shape.map((_, i) => i), keepdim, options)
    : vectorNorm(input, p ?? 2, dims, keepdim, options);
  return out == null ? r : writeOut('norm', r, out) as Tensor;
}

/**
 * torch.broadcast_shapes(*shapes): the shape tensors of these shapes broadcast to, as
 * `torch.broadcastTensors(...)[0].shape` without making them (a number is a 1-d shape).
 */
export function broadcastShapes(...shapes: (number | number[])[]): number[] {
  const given = shapes.filter((s) => s != null).map((s) => (typeof s === 'number' ? [s] : s));
  for (const s of given) {
    if (!Array.isArray(s)) throw new TorchError(`Input shapes should be of type ints, a tuple of ints, or a list of ints, got ${describe(s)}`);
    for (const n of s) if (!Number.isInteger(n)) badArg('integers', 'shapes', s);
  }
  const common = new Array<number>(Math.max(0, ...given.map((s) => s.length))).fill(1);
  given.forEach((s, arg) => {
    for (let i = -1; i >= -s.length; i--) {
      const n = s[s.length + i], at = common.length + i;
      if (n === common[at]) continue;
      if (common[at] === 1) {
        if (n < 0) throw new RangeError('Attempting to broadcast a dimension with negative length!');
        common[at] = n;
      }
      if (n !== 1 && n !== common[at]) {
        throw new TorchError(`Attempting to broadcast a dimension of length ${n} at ${i}! Mismatching argument at index ${arg} had [${s.join(', ')}]; but expected shape should be broadcastable to [${common.join(', ')}]`);
      }
    }
  });
  return common;
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
  const tensors = spread(a.tensors) as Tensor[];
  tensors.forEach((t, i) => checkTensor(t, `tensors[${i}]`));
  if (a.indexing == null) {
    process.emitWarning('torch.meshgrid: in an upcoming release, it will be required to pass the indexing argument.', 'UserWarning');
  }
  const indexing = a.indexing ?? 'ij';
  if (indexing !== 'ij' && indexing !== 'xy') badArg("'ij' or 'xy'", 'indexing', indexing);
  return wrap(native.op(MESHGRID, tensors, { indexing }));
}

/** A variadic parameter's values: given one by one, as one array, or by name (`{ tensors: [...] }`). */
function spread(values: unknown): unknown[] {
  const list = values as unknown[];
  return list.length === 1 && Array.isArray(list[0]) ? list[0] : list;
}

/** A subscript list of einsum's sublist format: integers in [0, 52), and '...' for Python's Ellipsis. */
export type Subscripts = (number | '...')[];

/**
 * torch.einsum(equation, ...operands), as Python's: the operands as separate arguments (or, the old
 * interface, one array), or the sublist format einsum(op1, [0, 1], op2, [1, 2], [0, 2]).
 */
export function einsum(equation: string, ...operands: Tensor[]): Tensor;
export function einsum(equation: string, operands: Tensor[]): Tensor;
export function einsum(...sublistFormat: (Tensor | Subscripts)[]): Tensor;
export function einsum(...given: unknown[]): Tensor {
  const args = spread(bind('torch.einsum', given, { name: 'torch.einsum' }).args);
  if (args.length < 2) throw new RangeError('einsum(): must specify the equation string and at least one operand, or at least one operand and its subscripts list');
  let equation: unknown, operands: unknown[];
  if (args[0] instanceof Tensor) {
    const subscripts = (list: unknown, name: string) => {
      if (!Array.isArray(list)) badArg('a subscript list', name, list);
      return list.map((n) => {
        if (n === '...') return '...';
        if (!Number.isInteger(n)) badArg("an integer or '...'", `${name} subscript`, n);
        if (n >= 0 && n < 26) return String.fromCharCode(65 + n);
        if (n >= 26 && n < 52) return String.fromCharCode(97 + n - 26);
        throw new RangeError('einsum(): subscript in subscript list is not within the valid range [0, 52)');
      }).join('');
    };
    // operand, subscripts, operand, subscripts, ..., and the output's subscripts when the count is odd
    const hasOutput = args.length % 2 === 1;
    const pairs = hasOutput ? args.slice(0, -1) : args;
    operands = pairs.filter((_, i) => i % 2 === 0);
    equation = pairs.filter((_, i) => i % 2 === 1).map((l, i) => subscripts(l, `subscripts[${i}]`)).join(',');
    if (hasOutput) equation += '->' + subscripts(args[args.length - 1], 'output subscripts');
  } else {
    [equation, ...operands] = args;
  }
  return aten.einsum(equation as string, spread(operands) as Tensor[]);
}

/** torch.broadcast_tensors(*tensors) */
export function broadcastTensors(...tensors: Tensor[]): Tensor[] {
  return aten.broadcastTensors(spread(bind('torch.broadcastTensors', tensors, { name: 'torch.broadcastTensors' }).tensors) as Tensor[]);
}

/** torch.block_diag(*tensors) */
export function blockDiag(...tensors: Tensor[]): Tensor {
  return aten.blockDiag(spread(bind('torch.blockDiag', tensors, { name: 'torch.blockDiag' }).tensors) as Tensor[]);
}

/** torch.cartesian_prod(*tensors) */
export function cartesianProd(...tensors: Tensor[]): Tensor {
  return aten.cartesianProd(spread(bind('torch.cartesianProd', tensors, { name: 'torch.cartesianProd' }).tensors) as Tensor[]);
}

/** torch.chain_matmul(*matrices, out=None) (deprecated in PyTorch for torch.linalg.multi_dot) */
export function chainMatmul(...matrices: Tensor[]): Tensor;
export function chainMatmul(...args: [...matrices: Tensor[], options: { out?: Tensor | null }]): Tensor;
export function chainMatmul(...given: unknown[]): Tensor {
  const a = bind('torch.chainMatmul', given, { name: 'torch.chainMatmul' });
  const matrices = spread(a.matrices) as Tensor[];
  return a.out == null ? aten.chainMatmul(matrices) : aten.chainMatmul(matrices, { out: a.out });
}

/** torch.atleast_1d(tensor) is a Tensor; several tensors, or one array of them, an array. */
function atleast(dims: 1 | 2 | 3, given: unknown[]): Tensor | Tensor[] {
  // Python's signature is block_diag's, (*tensors); the table has it under that name (its own keys,
  // torch.atleast_1d..., would not name the exported atleast1d...)
  const tensors = spread(bind('torch.blockDiag', given, { name: `torch.atleast${dims}d` }).tensors);
  const op = dims === 1 ? aten.atleast1d : dims === 2 ? aten.atleast2d : aten.atleast3d;
  return (op as (t: unknown) => Tensor | Tensor[])(tensors.length === 1 ? tensors[0] : tensors);
}
export function atleast1d(tensor: Tensor): Tensor;
export function atleast1d(...tensors: Tensor[] | [Tensor[]]): Tensor[];
export function atleast1d(...given: unknown[]): Tensor | Tensor[] {
  return atleast(1, given);
}
export function atleast2d(tensor: Tensor): Tensor;
export function atleast2d(...tensors: Tensor[] | [Tensor[]]): Tensor[];
export function atleast2d(...given: unknown[]): Tensor | Tensor[] {
  return atleast(2, given);
}
export function atleast3d(tensor: Tensor): Tensor;
export function atleast3d(...tensors: Tensor[] | [Tensor[]]): Tensor[];
export function atleast3d(...given: unknown[]): Tensor | Tensor[] {
  return atleast(3, given);
}

type Rest<T> = T extends [unknown, ...infer R] ? R : T extends [{ input: unknown } & infer O] ? [options?: Omit<O, 'input'>] : never;
declare module './tensor.js' {
  interface Tensor {
    /** Tensor.unique(sorted = true, returnInverse = false, returnCounts = false, dim = null) */
    unique(...args: Rest<Args<'torch.unique'>>): Tensor | Tensor[];
    uniqueConsecutive(...args: Rest<Args<'torch.uniqueConsecutive'>>): Tensor | Tensor[];
    /** Tensor.nonzero(*, as_tuple=False): torch.nonzero(this, ...). */
    nonzero(options?: { asTuple?: false }): Tensor;
    nonzero(options: { asTuple: true }): Tensor[];
    nonzero(...args: Args<'Tensor.nonzero'>): Tensor | Tensor[];
    /** Tensor.norm(p='fro', dim=None, keepdim=False, dtype=None): torch.norm(this, ...). */
    norm(...args: Args<'Tensor.norm'>): Tensor;
    /** Tensor.where(condition, other): torch.where(condition, this, other). */
    where(...args: Args<'Tensor.where'>): Tensor;
  }
}
Tensor.prototype.unique = function (this: Tensor, ...args: unknown[]) {
  return unique(...([this, ...args] as Args<'torch.unique'>));
};
Tensor.prototype.uniqueConsecutive = function (this: Tensor, ...args: unknown[]) {
  return uniqueConsecutive(...([this, ...args] as Args<'torch.uniqueConsecutive'>));
};
Tensor.prototype.nonzero = function (this: Tensor, ...args: Args<'Tensor.nonzero'>) {
  return nonzeroOf(this, args.length === 0 ? false : bind('Tensor.nonzero', args, { name: 'nonzero' }).asTuple);
} as Tensor['nonzero'];
Tensor.prototype.where = function (this: Tensor, ...args: Args<'Tensor.where'>) {
  const { condition, other } = bind('Tensor.where', args, { name: 'where' });
  checkTensor(condition, 'condition');
  return aten.where(condition, this, other as Tensor);
};
Tensor.prototype.norm = function (this: Tensor, ...args: Args<'Tensor.norm'>) {
  const { p, dim, keepdim, dtype } = bind('Tensor.norm', args, { name: 'norm' });
  return normOf(this, p, dim, keepdim, dtype);
};
