// torch.autograd.gradcheck / gradgradcheck: autograd's gradients against central finite differences,
// output by output and input by input, with PyTorch's tolerances and message.
import { Tensor } from '../tensor.js';
import { autograd, noGrad, enableGrad } from '../autograd.js';
import { aten } from '../aten.js';
import { randnLike } from '../creation.js';
import { bind, type Args } from '../bind.js';

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
    const [g] = autograd.grad(flat.index(k), x, { retainGraph: true, allowUnused: true });
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

/**
 * The checks PyTorch's gradcheck can add that torch-node's does not run: asking for one is an error,
 * never a silent pass. (fastMode checks a random projection of what this checks in full, and
 * nondetTol/checkUndefinedGrad only loosen or extend the same comparison.)
 */
function unsupportedChecks(fn: string, flags: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(flags)) if (v) throw new RangeError(`${fn}: ${k}=true is not supported by torch-node (only the backward-mode Jacobian check runs)`);
}

/** torch.autograd.gradcheck(fn, inputs, { eps, atol, rtol, raiseException, ... }): true, or an error naming the output and input whose gradients differ. */
export function gradcheck(fn: (...a: any[]) => unknown, inputs: unknown, options?: GradcheckOptions & Partial<Omit<import('../generated/signatures.js').ParamTypes['autograd.gradcheck'], 'func' | 'inputs'>>): boolean;
export function gradcheck(...args: unknown[]): boolean {
  const a = bind('autograd.gradcheck', args as Args<'autograd.gradcheck'>);
  if (!a.checkBackwardAd && !a.checkForwardAd) throw new RangeError('Expected at least one of check_forward_ad or check_backward_ad to be True');
  unsupportedChecks('gradcheck', { checkGradDtypes: a.checkGradDtypes, checkBatchedGrad: a.checkBatchedGrad, checkBatchedForwardGrad: a.checkBatchedForwardGrad, checkForwardAd: a.checkForwardAd, masked: a.masked });
  if (typeof a.func !== 'function') throw new TypeError(`Expected a function for func but received ${typeof a.func}`);
  const o = { eps: a.eps, atol: a.atol, rtol: a.rtol, raiseException: a.raiseException };
  return verdict(mismatch(a.func as (...x: unknown[]) => unknown, asList(a.inputs), o), o);
}

/** torch.autograd.gradgradcheck: gradcheck of the gradients themselves (second derivatives). */
export function gradgradcheck(fn: (...a: any[]) => unknown, inputs: unknown, gradOutputs?: Tensor | Tensor[] | null, options?: GradcheckOptions & Partial<Omit<import('../generated/signatures.js').ParamTypes['autograd.gradgradcheck'], 'func' | 'inputs' | 'gradOutputs'>>): boolean;
export function gradgradcheck(...args: unknown[]): boolean {
  const a = bind('autograd.gradgradcheck', args as Args<'autograd.gradgradcheck'>) as Record<string, unknown> & { func: (...x: unknown[]) => unknown; inputs: unknown; gradOutputs: Tensor | Tensor[] | null };
  unsupportedChecks('gradgradcheck', { genNonContigGradOutputs: a.genNonContigGradOutputs, checkGradDtypes: a.checkGradDtypes, checkBatchedGrad: a.checkBatchedGrad, checkFwdOverRev: a.checkFwdOverRev, masked: a.masked });
  if (a.checkRevOverRev === false) throw new RangeError('gradgradcheck: checkRevOverRev=false leaves nothing to check in torch-node (forward-over-reverse is not supported)');
  const fn = a.func;
  if (typeof fn !== 'function') throw new TypeError(`Expected a function for func but received ${typeof fn}`);
  const o = { eps: a.eps as number, atol: a.atol as number, rtol: a.rtol as number, raiseException: a.raiseException as boolean };
  const inputsList = asList(a.inputs);
  const outs = enableGrad(() => tensorsOf(fn(...inputsList)));
  const gos = a.gradOutputs == null ? outs.map((y) => randnLike(y).requiresGrad_()) : (asList(a.gradOutputs) as Tensor[]);
  const gradsOf = (...all: unknown[]) => {
    const ins = all.slice(0, inputsList.length);
    const ys = tensorsOf(fn(...ins));
    const xs = ins.filter((x): x is Tensor => x instanceof Tensor && x.requiresGrad);
    return autograd.grad(ys, xs, all.slice(inputsList.length) as Tensor[], { createGraph: true, allowUnused: true }).filter((t): t is Tensor => t !== null);
  };
  return verdict(mismatch(gradsOf, [...inputsList, ...gos], o), o);
}
