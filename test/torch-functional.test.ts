// torch/functional.py's variadic wrappers (lib/torch-functional.ts): einsum with its operands one by
// one, as one array or in the sublist format, broadcast_tensors, block_diag, cartesian_prod,
// chain_matmul and atleast_1d/2d/3d, against PyTorch run on the same inputs, and Python's errors.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import * as torch from 'torch-node';
import { message, python, pythonCan } from './helpers.js';

const values = (r: torch.Tensor | torch.Tensor[]) => (Array.isArray(r) ? r.map((x) => x.tolist()) : r.tolist());

// the same calls in both languages, on arange-made inputs
const A = 'torch.arange(6.0).view(2, 3)', B = 'torch.arange(12.0).view(3, 4)', Q = 'torch.arange(24.0).view(2, 3, 4)';
const a = torch.arange(6.0).view(2, 3), b = torch.arange(12.0).view(3, 4), q = torch.arange(24.0).view(2, 3, 4);
const calls: [string, string, () => torch.Tensor | torch.Tensor[]][] = [
  ['einsum, operands one by one', `torch.einsum('ij,jk->ik', ${A}, ${B})`, () => torch.einsum('ij,jk->ik', a, b)],
  ['einsum, one operand', `torch.einsum('bij->bj', ${Q})`, () => torch.einsum('bij->bj', q)],
  ['einsum, three operands', `torch.einsum('ij,jk,kl->il', ${A}, ${B}, torch.arange(8.0).view(4, 2))`, () => torch.einsum('ij,jk,kl->il', a, b, torch.arange(8.0).view(4, 2))],
  ['einsum, the old list interface', `torch.einsum('ij,jk->ik', [${A}, ${B}])`, () => torch.einsum('ij,jk->ik', [a, b])],
  ['einsum, the sublist format', `torch.einsum(${A}, [0, 1], ${B}, [1, 2], [0, 2])`, () => torch.einsum(a, [0, 1], b, [1, 2], [0, 2])],
  ['einsum, sublists without output', `torch.einsum(${A}, [0, 1], ${B}, [1, 27])`, () => torch.einsum(a, [0, 1], b, [1, 27])],
  ['einsum, sublists with an ellipsis', `torch.einsum(${Q}, [..., 1], [..., 1])`, () => torch.einsum(q, ['...', 1], ['...', 1])],
  ['broadcast_tensors', `torch.broadcast_tensors(${A}.view(2, 3, 1), torch.arange(4.0))`, () => torch.broadcastTensors(a.view(2, 3, 1), torch.arange(4.0))],
  ['block_diag', `torch.block_diag(${A}, torch.ones(1, 1), torch.arange(3.0))`, () => torch.blockDiag(a, torch.ones(1, 1), torch.arange(3.0))],
  ['cartesian_prod', `torch.cartesian_prod(torch.arange(3), torch.arange(2), torch.tensor([7]))`, () => torch.cartesianProd(torch.arange(3), torch.arange(2), torch.tensor([7n]))],
  ['cartesian_prod of one', `torch.cartesian_prod(torch.arange(3))`, () => torch.cartesianProd(torch.arange(3))],
  ['chain_matmul', `torch.chain_matmul(${A}, ${B}, torch.arange(8.0).view(4, 2))`, () => torch.chainMatmul(a, b, torch.arange(8.0).view(4, 2))],
  ['atleast_1d of one', `torch.atleast_1d(torch.tensor(1.5))`, () => torch.atleast1d(torch.tensor(1.5))],
  ['atleast_2d of several', `torch.atleast_2d(torch.tensor(1.5), torch.arange(3.0))`, () => torch.atleast2d(torch.tensor(1.5), torch.arange(3.0))],
  ['atleast_3d of a list', `torch.atleast_3d([torch.arange(3.0), ${A}])`, () => torch.atleast3d([torch.arange(3.0), a])],
];

t.test("libtorch's warnings are process warnings, as PyTorch's are Python warnings (once, as TORCH_WARN_ONCE)", async (t) => {
  const seen: Error[] = [];
  const listen = (w: Error) => seen.push(w);
  process.on('warning', listen);
  torch.chainMatmul(a, b);
  torch.chainMatmul(a, b);
  await new Promise((r) => setImmediate(r));
  process.off('warning', listen);
  const ours = seen.filter((w) => /chain_matmul is deprecated/.test(w.message));
  t.equal(ours.length, 1, 'warned once');
  t.equal(ours[0]?.name, 'UserWarning');
  t.match(ours[0]?.message, /^torch\.chain_matmul is deprecated and will be removed in a future PyTorch release\. Use torch\.linalg\.multi_dot instead/);
});

t.test('the same results as PyTorch', { skip: pythonCan('import torch') ? false : 'no PyTorch in /usr/bin/python3' }, async (t) => {
  const script = `import json, torch\nout = []\nfor r in [${calls.map((c) => c[1]).join(', ')}]:\n    out.append([x.tolist() for x in r] if isinstance(r, (list, tuple)) else r.tolist())\nprint(json.dumps(out))`;
  const want = JSON.parse(execFileSync(python, ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  calls.forEach(([what, , run], i) => t.same(values(run()), want[i], what));
});

t.test('tuples come back as arrays, a single tensor as a tensor', async (t) => {
  t.ok(torch.atleast1d(torch.tensor(2)) instanceof torch.Tensor, 'atleast1d(tensor) is a Tensor');
  t.ok(Array.isArray(torch.atleast1d(torch.tensor(2), torch.tensor(3))), 'of several, an array');
  t.same(torch.atleast1d(), [], "of none, Python's ()");
  t.same(torch.broadcastTensors(a, torch.ones(3)).length, 2);
  const out = torch.empty(2, 4);
  t.equal(torch.chainMatmul(a, b, { out }), out, 'chain_matmul writes out=');
  t.same(out.tolist(), a.matmul(b).tolist());
});

t.test("Python's errors", async (t) => {
  t.equal(message(() => torch.einsum('i')), 'RangeError: einsum(): must specify the equation string and at least one operand, or at least one operand and its subscripts list', "Python's ValueError");
  t.equal(message(() => torch.einsum(a, [0, 99])), 'RangeError: einsum(): subscript in subscript list is not within the valid range [0, 52)');
  t.match(message(() => torch.einsum('i,i->', torch.ones(2))), /^TorchError: einsum\(\): fewer operands were provided than specified in the equation/, "libtorch's own");
  t.match(message(() => torch.einsum('i', 3 as never)), /^TypeError: .*tensors/, 'a number is not an operand');
  t.match(message(() => torch.einsum('i', a, { path: [0] } as never)), /^TypeError: torch\.einsum\(\) got an unexpected keyword argument 'path'/);
  t.match(message(() => torch.blockDiag(a, { foo: 1 } as never)), /^TypeError: torch\.blockDiag\(\) got an unexpected keyword argument 'foo'/);
  t.match(message(() => torch.atleast2d(a, { foo: 1 } as never)), /^TypeError: torch\.atleast2d\(\) got an unexpected keyword argument 'foo'/);
  t.match(message(() => torch.broadcastTensors(a, torch.ones(4))), /^TorchError: .*must match/, 'shapes that do not broadcast');
});
