// torch.linalg: the ATen ops (generated) and the functions PyTorch 2.14 added in Python-visible form
// (matrix_sqrth, polar), composed from eigh and svd as PyTorch computes them.
import { Tensor, namedTuple } from './tensor.js';
import { TorchError, describe } from './errors.js';
import { bind, type Args } from './bind.js';
import { writeOut, SCALAR_TYPE } from './functions.js';
import * as generated from './generated/linalg.js';

export * from './generated/linalg.js';

function checkMatrices(fn: string, A: unknown, square: boolean): Tensor {
  if (!(A instanceof Tensor)) throw new TypeError(`Expected a Tensor for A but received ${describe(A)}`);
  if (A.dim() < 2) throw new TorchError(`linalg.${fn}: The input tensor A must have at least 2 dimensions.`);
  if (!A.isFloatingPoint() && !A.isComplex()) throw new TorchError(`linalg.${fn}: Expected a floating point or complex tensor as input. Got ${SCALAR_TYPE[A.dtype.name]}`);
  const [m, n] = A.shape.slice(-2);
  if (square && m !== n) throw new TorchError(`linalg.${fn}: A must be batches of square matrices, but they are ${m} by ${n} matrices`);
  if (!square && m < n) throw new TorchError(`linalg.${fn}: input must have at least as many rows as columns, but got ${m} by ${n} matrices`);
  return A;
}

/** The principal square root of a symmetric (Hermitian) positive-definite matrix: X with X X = A (lower triangle read). */
export function matrixSqrth(...args: Args<'linalg.matrixSqrth'>): Tensor {
  const A = checkMatrices('matrix_sqrth', bind('linalg.matrixSqrth', args).A, true);
  const [L, V] = generated.eigh(A);
  return V.mul(L.clamp({ min: 0 }).sqrt().unsqueeze(-2)).matmul(V.mH);
}

/** The polar decomposition A = U H (m ≥ n): U with orthonormal columns, H positive semi-definite. Returns [U, H], also by name. */
export function polar(...args: Args<'linalg.polar'>): [Tensor, Tensor] & { U: Tensor; H: Tensor } {
  const { A: a, out } = bind('linalg.polar', args);
  const A = checkMatrices('polar', a, false);
  const [W, S, Vh] = generated.svd(A, { fullMatrices: false });
  const U = W.matmul(Vh), H = Vh.mH.mul(S.unsqueeze(-2).to(Vh.dtype)).matmul(Vh);
  const result = namedTuple([U, H], ['U', 'H'], 'torch.return_types.linalg_polar') as [Tensor, Tensor] & { U: Tensor; H: Tensor };
  // writeOut keeps the names, each now on the caller's out tensor
  return out ? (writeOut('linalg.polar', result, out) as typeof result) : result;
}
