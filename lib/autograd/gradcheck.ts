// torch.autograd.gradcheck / gradgradcheck: autograd's gradients against central finite differences,
// output by output and input by input, with PyTorch's tolerances and message.
import { Tensor } from '../tensor.js';
import { autograd, noGrad, enableGrad } from '../autograd.js';
import { aten } from '../aten.js';
import { randnLike } from '../creation.js';

export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
  /** false: return false instead of throwing on a mismatch */
  raiseException?: boolean;
}

const tensorsOf = (r: unknown): Tensor[] => (Array.isArray(r) ? r : [r]).filter((t): t is Tensor => t instanceof Tensor);
const asList = (inputs: unknown): unknown[] => (Array.isArray(inputs) ? inputs : [inputs]);

/** d(output o) / d(input x) by central differences: one column per element of x. */
function numerical(fn: (...a: unknown[]) => unknown, inputs: unknown[], x: Tensor, o: number, eps: number): Tensor {
  const flat = x.detach().reshape(-1);
  const columns: Tensor[] = [];
  for (let j = 0; j < flat.numel(); j++) {
    const cell = flat.index(j);
    const orig = cell.item() as number;
    // the function runs with grad enabled (gradgradcheck's computes gradients inside)
    const at = (v: number) => {
      noGrad(() => cell.fill_(v));
      return enableGrad(() => tensorsOf(fn(...inputs))[o]).detach().reshape(-1).double();
    };
    const plus = at(orig + eps), minus = at(orig - eps);
    noGrad(() => cell.fill_(orig));
    columns.push(plus.sub(minus).div(2 * eps));
  }
  return aten('stack')(columns, 1);
}
/** The same Jacobian from autograd: one row per element of output o. */
function analytical(out: Tensor, x: Tensor): Tensor {
  const flat = out.reshape(-1);
  const rows: Tensor[] = [];
  for (let k = 0; k < flat.numel(); k++) {
    const [g] = autograd.grad(flat.index(k), x, null, { retainGraph: true, allowUnused: true });
    rows.push((g ?? x.detach().mul(0)).reshape(-1).double());
  }
  return aten('stack')(rows, 0);
}

/** The first (output, input) pair whose Jacobians differ, as PyTorch words it; null when all agree. */
function mismatch(fn: (...a: any[]) => unknown, args: unknown[], o: GradcheckOptions): string | null {
  const { eps = 1e-6, atol = 1e-5, rtol = 1e-3 } = o;
  const outputs = enableGrad(() => tensorsOf(fn(...args)));
  const pairs: [number, number, Tensor][] = [];
  // every analytical Jacobian first: the finite differences then perturb the inputs in place
  for (let k = 0; k < outputs.length; k++) {
    args.forEach((x, i) => {
      if (x instanceof Tensor && x.requiresGrad) pairs.push([k, i, analytical(outputs[k], x)]);
    });
  }
  for (const [k, i, a] of pairs) {
    const n = numerical(fn, args, args[i] as Tensor, k, eps);
    if (!a.sub(n).abs().le(n.abs().mul(rtol).add(atol)).all().item()) {
      return `Jacobian mismatch for output ${k} with respect to input ${i},\nnumerical:${n}\nanalytical:${a}\n`;
    }
  }
  return null;
}
function verdict(message: string | null, o: GradcheckOptions): boolean {
  if (message === null) return true;
  if (o.raiseException === false) return false;
  throw new Error(message);
}

/** torch.autograd.gradcheck(fn, inputs): true, or an error naming the output and input whose gradients differ. */
export function gradcheck(fn: (...a: any[]) => unknown, inputs: unknown, options: GradcheckOptions = {}): boolean {
  return verdict(mismatch(fn, asList(inputs), options), options);
}

/** torch.autograd.gradgradcheck: gradcheck of the gradients themselves (second derivatives). */
export function gradgradcheck(fn: (...a: any[]) => unknown, inputs: unknown, gradOutputs?: Tensor | Tensor[] | null, options: GradcheckOptions = {}): boolean {
  const args = asList(inputs);
  const outs = enableGrad(() => tensorsOf(fn(...args)));
  const gos = gradOutputs == null ? outs.map((y) => randnLike(y).requiresGrad_()) : (asList(gradOutputs) as Tensor[]);
  const gradsOf = (...all: unknown[]) => {
    const ins = all.slice(0, args.length);
    const ys = tensorsOf(fn(...ins));
    const xs = ins.filter((x): x is Tensor => x instanceof Tensor && x.requiresGrad);
    return autograd.grad(ys, xs, all.slice(args.length) as Tensor[], { createGraph: true, allowUnused: true }).filter((t): t is Tensor => t !== null);
  };
  return verdict(mismatch(gradsOf, [...args, ...gos], options), options);
}
