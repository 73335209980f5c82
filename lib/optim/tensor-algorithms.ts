// Adadelta, Adamax, ASGD, NAdam, RAdam, Rprop, Adafactor and Muon: PyTorch's single-tensor update rules, written with
// tensor ops (each op one native call), under noGrad. Group keys are PyTorch 2.14's, in its order.
import { Tensor } from '../tensor.js';
import { badArg } from '../errors.js';
import { zerosLike, fullLike, tensor } from '../creation.js';
import { preserveFormat, float32, float64, bfloat16 } from '../types.js';
import { noGrad } from '../autograd.js';
import { aten } from '../aten.js';
import { Optimizer } from './optimizer.js';
import { bind, type Args } from '../bind.js';

const zeroState = (p: Tensor) => zerosLike(p, { memoryFormat: preserveFormat });
const scalar = (v: number) => tensor(v, { dtype: float32 });

/** The group's values under PyTorch's keys, refusing what torch-node does not run. */
function group(fn: string, a: Record<string, unknown>, keys: string[], nonNegative: string[]): Record<string, unknown> {
  for (const k of ['differentiable', 'capturable'] as const) if (a[k] === true) throw new TypeError(`${fn}(): ${k}=true is not supported by torch-node`);
  if (a.lr instanceof Tensor) throw new TypeError(`${fn}(): lr as a Tensor is not supported by torch-node yet; give a number`);
  for (const k of nonNegative) {
    const v = a[k];
    if (typeof v !== 'number' || !(v >= 0)) throw new RangeError(`Invalid ${k === 'lr' ? 'learning rate' : k === 'weightDecay' ? 'weight_decay value' : `${k} value`}: ${String(v)}`);
  }
  return Object.fromEntries(keys.map((k) => [k, a[k] ?? null]));
}
function pair(v: unknown, name: string, check: (x: number) => boolean): [number, number] {
  if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === 'number' && check(x))) badArg('two numbers', name, v);
  return v as [number, number];
}

/** One step over every parameter with a gradient: `update(param, grad, state, group)` under noGrad. */
abstract class ElementwiseOptimizer extends Optimizer {
  protected abstract update(p: Tensor, grad: Tensor, state: Record<string, any>, g: Record<string, any>): void;
  protected abstract initState(p: Tensor, g: Record<string, any>): Record<string, any>;
  step(closure?: () => Tensor): Tensor | undefined {
    const loss = this.runClosure(closure);
    noGrad(() => {
      for (const g of this.paramGroups) {
        const [params, grads] = this.withGrads(g);
        params.forEach((p, i) => {
          let s = this.state.get(p);
          if (!s) this.state.set(p, (s = this.initState(p, g)));
          this.update(p, g.maximize ? grads[i].neg() : grads[i], s, g);
        });
      }
    });
    return loss;
  }
}
const stepCount = (s: Record<string, any>): number => {
  (s.step as Tensor).add_(1);
  return (s.step as Tensor).item() as number;
};
/** NAdam/RAdam's weight decay: decoupled (shrinks the parameter) or L2 (added to the gradient). */
function adamWeightDecay(p: Tensor, grad: Tensor, g: Record<string, any>): Tensor {
  if (g.weightDecay === 0) return grad;
  if (!g.decoupledWeightDecay) return grad.add(p, { alpha: g.weightDecay });
  p.mul_(1 - g.lr * g.weightDecay);
  return grad;
}
const withDecay = (grad: Tensor, p: Tensor, wd: number) => (wd !== 0 ? grad.add(p, { alpha: wd }) : grad);

export class Adadelta extends ElementwiseOptimizer {
  constructor(...args: Args<'optim.Adadelta'>) {
    const a = bind('optim.Adadelta', args);
    super(a.params, group('Adadelta', a, ['lr', 'rho', 'eps', 'weightDecay', 'maximize', 'capturable', 'foreach', 'differentiable'], ['lr', 'eps', 'weightDecay']));
    if (!(a.rho >= 0 && a.rho <= 1)) throw new RangeError(`Invalid rho value: ${a.rho}`);
  }
  protected initState(p: Tensor) { return { step: scalar(0), squareAvg: zeroState(p), accDelta: zeroState(p) }; }
  protected update(p: Tensor, grad: Tensor, s: Record<string, any>, g: Record<string, any>): void {
    stepCount(s);
    grad = withDecay(grad, p, g.weightDecay);
    s.squareAvg.mul_(g.rho).addcmul_(grad, grad, { value: 1 - g.rho });
    const std = s.squareAvg.add(g.eps).sqrt_();
    const delta = s.accDelta.add(g.eps).sqrt_().div_(std).mul_(grad);
    s.accDelta.mul_(g.rho).addcmul_(delta, delta, { value: 1 - g.rho });
    p.add_(delta, { alpha: -g.lr });
  }
}

export class Adamax extends ElementwiseOptimizer {
  constructor(...args: Args<'optim.Adamax'>) {
    const a = bind('optim.Adamax', args);
    pair(a.betas, 'betas', (b) => b >= 0 && b < 1);
    super(a.params, group('Adamax', a, ['lr', 'betas', 'eps', 'weightDecay', 'foreach', 'maximize', 'differentiable', 'capturable'], ['lr', 'eps', 'weightDecay']));
  }
  protected initState(p: Tensor) { return { step: scalar(0), expAvg: zeroState(p), expInf: zeroState(p) }; }
  protected update(p: Tensor, grad: Tensor, s: Record<string, any>, g: Record<string, any>): void {
    const step = stepCount(s);
    const [beta1, beta2] = g.betas;
    grad = withDecay(grad, p, g.weightDecay);
    s.expAvg.lerp_(grad, 1 - beta1);
    const norm = aten('cat')([s.expInf.mul_(beta2).unsqueeze(0), grad.abs().add_(g.eps).unsqueeze_(0)], 0);
    s.expInf.copy_(aten('amax')(norm, [0], false));
    p.addcdiv_(s.expAvg, s.expInf, { value: -g.lr / (1 - beta1 ** step) });
  }
}

export class ASGD extends ElementwiseOptimizer {
  constructor(...args: Args<'optim.ASGD'>) {
    const a = bind('optim.ASGD', args);
    super(a.params, group('ASGD', a, ['lr', 'lambd', 'alpha', 't0', 'weightDecay', 'foreach', 'maximize', 'differentiable', 'capturable'], ['lr', 'weightDecay']));
  }
  protected initState(p: Tensor, g: Record<string, any>) { return { step: scalar(0), eta: scalar(g.lr), mu: scalar(1), ax: zeroState(p) }; }
  protected update(p: Tensor, grad: Tensor, s: Record<string, any>, g: Record<string, any>): void {
    const step = stepCount(s);
    grad = withDecay(grad, p, g.weightDecay);
    const eta = s.eta.item() as number;
    p.mul_(1 - g.lambd * eta);
    p.add_(grad, { alpha: -eta });
    if ((s.mu.item() as number) !== 1) s.ax.add_(p.sub(s.ax).mul_(s.mu));
    else s.ax.copy_(p);
    s.eta.fill_(g.lr / (1 + g.lambd * g.lr * step) ** g.alpha);
    s.mu.fill_(1 / Math.max(1, step - g.t0));
  }
}

export class NAdam extends ElementwiseOptimizer {
  constructor(...args: Args<'optim.NAdam'>) {
    const a = bind('optim.NAdam', args);
    pair(a.betas, 'betas', (b) => b >= 0 && b < 1);
    super(a.params, group('NAdam', a, ['lr', 'betas', 'eps', 'weightDecay', 'momentumDecay', 'decoupledWeightDecay', 'maximize', 'foreach', 'capturable', 'differentiable'],
      ['lr', 'eps', 'weightDecay', 'momentumDecay']));
  }
  protected initState(p: Tensor) { return { step: scalar(0), muProduct: scalar(1), expAvg: zeroState(p), expAvgSq: zeroState(p) }; }
  protected update(p: Tensor, grad: Tensor, s: Record<string, any>, g: Record<string, any>): void {
    const step = stepCount(s);
    const [beta1, beta2] = g.betas, lr = g.lr;
    grad = adamWeightDecay(p, grad, g);
    const mu = beta1 * (1 - 0.5 * 0.96 ** (step * g.momentumDecay));
    const muNext = beta1 * (1 - 0.5 * 0.96 ** ((step + 1) * g.momentumDecay));
    s.muProduct.mul_(mu);
    const muProduct = s.muProduct.item() as number;
    s.expAvg.lerp_(grad, 1 - beta1);
    s.expAvgSq.mul_(beta2).addcmul_(grad, grad, { value: 1 - beta2 });
    const denom = s.expAvgSq.div(1 - beta2 ** step).sqrt().add_(g.eps);
    p.addcdiv_(grad, denom, { value: (-lr * (1 - mu)) / (1 - muProduct) });
    p.addcdiv_(s.expAvg, denom, { value: (-lr * muNext) / (1 - muProduct * muNext) });
  }
}

export class RAdam extends ElementwiseOptimizer {
  constructor(...args: Args<'optim.RAdam'>) {
    const a = bind('optim.RAdam', args);
    pair(a.betas, 'betas', (b) => b >= 0 && b < 1);
    super(a.params, group('RAdam', a, ['lr', 'betas', 'eps', 'weightDecay', 'maximize', 'foreach', 'capturable', 'decoupledWeightDecay', 'differentiable'], ['lr', 'eps', 'weightDecay']));
  }
  protected initState(p: Tensor) { return { step: scalar(0), expAvg: zeroState(p), expAvgSq: zeroState(p) }; }
  protected update(p: Tensor, grad: Tensor, s: Record<string, any>, g: Record<string, any>): void {
    const step = stepCount(s);
    const [beta1, beta2] = g.betas, lr = g.lr;
    grad = adamWeightDecay(p, grad, g);
    s.expAvg.lerp_(grad, 1 - beta1);
    s.expAvgSq.mul_(beta2).addcmul_(grad, grad, { value: 1 - beta2 });
    const bc1 = 1 - beta1 ** step, bc2 = 1 - beta2 ** step;
    const corrected = s.expAvg.div(bc1);
    const rhoInf = 2 / (1 - beta2) - 1;
    const rhoT = rhoInf - (2 * step * beta2 ** step) / bc2;
    if (rhoT > 5) {
      const rect = Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
      const adaptive = s.expAvgSq.sqrt().add_(g.eps).reciprocal().mul(Math.sqrt(bc2));
      p.add_(corrected.mul(lr).mul(adaptive).mul(rect), { alpha: -1 });
    } else p.add_(corrected.mul(lr), { alpha: -1 });
  }
}

export class Rprop extends ElementwiseOptimizer {
  constructor(...args: Args<'optim.Rprop'>) {
    const a = bind('optim.Rprop', args);
    const [etaminus, etaplus] = pair(a.etas, 'etas', (x) => x > 0);
    if (!(etaminus < 1 && 1 < etaplus)) throw new RangeError(`Invalid eta values: ${etaminus}, ${etaplus}`);
    pair(a.stepSizes, 'stepSizes', (x) => x >= 0);
    super(a.params, group('Rprop', a, ['lr', 'etas', 'stepSizes', 'foreach', 'maximize', 'differentiable', 'capturable'], ['lr']));
  }
  protected initState(p: Tensor, g: Record<string, any>) {
    return { step: scalar(0), prev: zeroState(p), stepSize: fullLike(p, g.lr, { memoryFormat: preserveFormat }) };
  }
  protected update(p: Tensor, grad: Tensor, s: Record<string, any>, g: Record<string, any>): void {
    stepCount(s);
    const [etaminus, etaplus] = g.etas, [minStep, maxStep] = g.stepSizes;
    const product = grad.mul(s.prev);
    // the sign of grad * prev picks the factor: grow, shrink, or keep
    const factor = aten('where')(product.gt(0), etaplus, aten('where')(product.lt(0), etaminus, 1)) as Tensor;
    s.stepSize.mul_(factor).clamp_(minStep, maxStep);
    grad = aten('where')(factor.eq(etaminus), 0, grad) as Tensor;
    p.addcmul_(grad.sign(), s.stepSize, { value: -1 });
    s.prev.copy_(grad);
  }
}

function atLeast(v: unknown, min: number, message: string): void {
  if (typeof v !== 'number' || !(v >= min)) throw new RangeError(`${message} but is: ${String(v)}`);
}
/** float32's or float64's machine epsilon (torch.finfo(dtype).eps). */
const machineEps = (t: Tensor) => (t.dtype === float64 ? 2.220446049250313e-16 : t.dtype === float32 ? 1.1920928955078125e-7 : t.dtype === bfloat16 ? 0.0078125 : 0.0009765625);

/** Adafactor (Shazeer & Stern): factored second moments for matrices, relative step sizes. PyTorch 2.5's. */
export class Adafactor extends ElementwiseOptimizer {
  constructor(...args: Args<'optim.Adafactor'>) {
    const a = bind('optim.Adafactor', args);
    if (a.lr instanceof Tensor) throw new TypeError('Adafactor(): lr as a Tensor is not supported by torch-node yet; give a number');
    atLeast(a.lr, 0, 'Learning rate should be >= 0');
    if (typeof a.beta2Decay !== 'number' || !(a.beta2Decay <= 0)) throw new RangeError(`beta2_decay should be <= 0 but is: ${String(a.beta2Decay)}`);
    const eps = a.eps ?? [null, 1e-3]; // PyTorch's default (None, 1e-3)
    if (!Array.isArray(eps) || eps.length !== 2) badArg('[eps1 or null, eps2]', 'eps', eps);
    if (eps[0] !== null) atLeast(eps[0], 0, 'epsilon1 should be >= 0');
    atLeast(eps[1], 0, 'epsilon2 should be >= 0');
    atLeast(a.d, 1, 'Clipping threshold d should be >= 1');
    atLeast(a.weightDecay, 0, 'weight_decay should be >= 0');
    super(a.params, group('Adafactor', { ...a, eps }, ['lr', 'beta2Decay', 'eps', 'd', 'weightDecay', 'foreach', 'maximize'], []));
  }
  protected initState(p: Tensor) {
    if (p.dim() > 1) {
      const row = [...p.shape], col = [...p.shape];
      row[row.length - 1] = 1;
      col[col.length - 2] = 1;
      return { step: scalar(0), rowVar: p.newZeros(row), colVar: p.newZeros(col) };
    }
    return { step: scalar(0), variance: zeroState(p) };
  }
  protected update(p: Tensor, grad: Tensor, s: Record<string, any>, g: Record<string, any>): void {
    if (p.isComplex()) throw new TypeError('Adafactor does not support complex parameters');
    const step = stepCount(s);
    const eps1: number = g.eps[0] ?? machineEps(p), eps2: number = g.eps[1];
    const oneMinusBeta2 = step ** g.beta2Decay;
    const rho = Math.min(g.lr, 1 / step ** 0.5);
    const alpha = Math.max(eps2, (p.norm(2).item() as number) / Math.sqrt(p.numel())) * rho;
    if (g.weightDecay !== 0) p.mul_(1 - g.lr * g.weightDecay);
    let estimate: Tensor;
    if (grad.dim() > 1) {
      const meanSquare = (dim: number) => aten('linalg_vector_norm')(grad, 2, [dim], true).square_().div_(grad.size(dim));
      s.rowVar.lerp_(meanSquare(-1), oneMinusBeta2);
      s.colVar.lerp_(meanSquare(-2), oneMinusBeta2);
      estimate = s.rowVar.matmul(s.colVar);
      estimate.div_(s.rowVar.mean([-2], true).clamp_({ min: eps1 }));
    } else {
      s.variance.lerp_(grad.mul(grad), oneMinusBeta2);
      estimate = s.variance.clone();
    }
    const update = estimate.clamp_({ min: eps1 * eps1 }).rsqrt_().mul_(grad);
    const denom = Math.max(1.0, (update.norm(2).item() as number) / (Math.sqrt(update.numel()) * g.d));
    p.add_(update, { alpha: -alpha / denom });
  }
}

/** Muon's Newton–Schulz orthogonalisation of a 2-D update, in bfloat16 as PyTorch runs it. */
function zeropowerViaNewtonSchulz(grad: Tensor, [a, b, c]: number[], steps: number, eps: number): Tensor {
  if (steps >= 100) throw new RangeError('Number of steps must be less than 100 for computational efficiency');
  let x = grad.to(bfloat16);
  const tall = grad.size(0) > grad.size(1);
  if (tall) x = x.T;
  x.div_(x.norm().clamp({ min: eps }));
  for (let i = 0; i < steps; i++) {
    const gram = x.matmul(x.T);
    const gramUpdate = aten('addmm')(gram, gram, gram, { beta: b, alpha: c }) as Tensor;
    x = aten('addmm')(x, gramUpdate, x, { beta: a }) as Tensor;
  }
  return tall ? x.T : x;
}
function adjustedLr(lr: number, fn: string | null, [A, B]: number[]): number {
  const ratio = fn === null || fn === 'original' ? Math.sqrt(Math.max(1, A / B)) : fn === 'match_rms_adamw' ? 0.2 * Math.sqrt(Math.max(A, B)) : fn === 'spectral_unclamped' ? Math.sqrt(A / B) : 1.0;
  return lr * ratio;
}

/** Muon (Keller Jordan): momentum, then the update orthogonalised by Newton–Schulz; 2-D parameters only. PyTorch 2.9's. */
export class Muon extends ElementwiseOptimizer {
  constructor(...args: Args<'optim.Muon'>) {
    const a = bind('optim.Muon', args);
    if ((a.lr as unknown) instanceof Tensor) throw new TypeError('Muon(): lr as a Tensor is not supported by torch-node yet; give a number');
    atLeast(a.lr, 0, 'Learning rate should be >= 0');
    atLeast(a.momentum, 0, 'momentum should be >= 0');
    atLeast(a.weightDecay, 0, 'weight decay should be >= 0');
    if (a.adjustLrFn !== null && !['original', 'match_rms_adamw', 'spectral_unclamped'].includes(a.adjustLrFn)) throw new RangeError(`Adjust learning rate function ${a.adjustLrFn} is not supported`);
    if (!Array.isArray(a.nsCoefficients) || a.nsCoefficients.length !== 3) throw new RangeError('Coefficients must be a tuple of exactly 3 values');
    super(a.params, group('Muon', a, ['lr', 'weightDecay', 'momentum', 'nesterov', 'nsCoefficients', 'eps', 'nsSteps', 'adjustLrFn'], []));
    for (const g of this.paramGroups) {
      for (const p of g.params as Tensor[]) {
        if (p.dim() !== 2) throw new RangeError(`Muon only supports 2D parameters whereas we found a parameter with size: torch.Size([${p.shape.join(', ')}])`);
      }
    }
  }
  protected initState(p: Tensor) { return { momentumBuffer: zeroState(p) }; }
  protected update(p: Tensor, grad: Tensor, s: Record<string, any>, g: Record<string, any>): void {
    if (p.isComplex()) throw new TypeError('Muon does not support complex parameters');
    s.momentumBuffer.lerp_(grad, 1 - g.momentum);
    let update: Tensor = g.nesterov ? grad.lerp(s.momentumBuffer, g.momentum) : s.momentumBuffer;
    update = zeropowerViaNewtonSchulz(update, g.nsCoefficients, g.nsSteps, g.eps);
    const lr = adjustedLr(g.lr, g.adjustLrFn, p.shape);
    p.mul_(1 - g.lr * g.weightDecay);
    p.add_(update, { alpha: -lr });
  }
}
