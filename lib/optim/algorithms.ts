// SGD, Adam, AdamW, RMSprop, Adagrad: options and state in TS, the update itself in one
// native call per parameter group (binding/optim.cc).
import { Tensor } from '../tensor.js';
import { native } from '../native.js';
import { badArg } from '../errors.js';
import { zerosLike, fullLike, tensor } from '../creation.js';
import { preserveFormat, float32 } from '../types.js';
import { Optimizer } from './optimizer.js';
import { releaseAtLeast } from '../release.js';
import { bind, type Args } from '../bind.js';
import { SIGNATURES, type ParamTypes } from '../generated/signatures.js';

type KeywordOptions<K extends keyof ParamTypes> = Omit<ParamTypes[K], 'params'>;
/** The keyword arguments of `optim.SGD`. */
export type SGDOptions = KeywordOptions<'optim.SGD'>;
/** The keyword arguments of `optim.Adam`. */
export type AdamOptions = KeywordOptions<'optim.Adam'>;
/** The keyword arguments of `optim.AdamW`. */
export type AdamWOptions = KeywordOptions<'optim.AdamW'>;
/** The keyword arguments of `optim.RMSprop`. */
export type RMSpropOptions = KeywordOptions<'optim.RMSprop'>;
/** The keyword arguments of `optim.Adagrad`. */
export type AdagradOptions = KeywordOptions<'optim.Adagrad'>;

const h = (ts: Tensor[]) => ts.map((t) => t._h);

function nonNegative(v: unknown, name: string): number {
  if (typeof v !== 'number' || !(v >= 0)) badArg('non-negative number', name, v);
  return v as number;
}
function betas(v: unknown): [number, number] {
  if (!Array.isArray(v) || v.length !== 2 || !v.every((b) => typeof b === 'number' && b >= 0 && b < 1)) badArg('two numbers in [0, 1)', 'betas', v);
  return v as [number, number];
}
const zeroState = (p: Tensor) => zerosLike(p, { memoryFormat: preserveFormat });

// The param-group keys each PyTorch release records (state dicts match Python's key for key). Keys
// seen in 2.6's groups and not 1.13's are given from 2.6, the oldest 2.x checked; Adam's
// decoupled_weight_decay came with 2.7's AdamW refactor.
const since26 = releaseAtLeast(2, 6);
const since27 = releaseAtLeast(2, 7);
const releaseKeys = {
  sgd: since26 ? { fused: null } : {},
  adam: { differentiable: false, fused: null, ...(since27 ? { decoupledWeightDecay: false } : {}) },
  adamW: since26 ? { differentiable: false, fused: null, ...(since27 ? { decoupledWeightDecay: true } : {}) } : {},
  rmsprop: since26 ? { capturable: false } : {},
  adagrad: since26 ? { differentiable: false, fused: null } : {},
};
// From 2.6 (at least), SGD without momentum keeps no state; 1.13 recorded momentum_buffer = None.
const sgdStateWithoutMomentum = !since26;
const stepTensor = () => tensor(0, { dtype: float32 });

type OptimizerKey = 'optim.SGD' | 'optim.Adam' | 'optim.AdamW' | 'optim.RMSprop' | 'optim.Adagrad';
/**
 * A group's defaults as this PyTorch release records them (`keys`, in Python's order, with the
 * bound values), plus any other parameter given a value of its own: it is honoured, not dropped.
 */
function groupDefaults(key: OptimizerKey, bound: Record<string, unknown>, keys: Record<string, unknown>): Record<string, unknown> {
  const fn = key.split('.')[1];
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(keys)) out[k] = k in bound ? bound[k] : keys[k];
  for (const [name, , kind, def] of SIGNATURES[key] as readonly (readonly [string, string, string, unknown?])[]) {
    if (name === 'params' || kind === 'varargs' || kind === 'varkw' || name in out) continue;
    if (bound[name] !== undefined && bound[name] !== def) out[name] = bound[name];
  }
  if (out.lr instanceof Tensor) throw new TypeError(`${fn}(): lr as a Tensor is not supported by torch-node yet; give a number`);
  if (out.differentiable === true) throw new TypeError(`${fn}(): differentiable=true is not supported by torch-node`);
  if (fn === 'SGD' || fn === 'Adagrad' || fn === 'RMSprop') nonNegative(out.lr, 'lr');
  return out;
}

export class SGD extends Optimizer {
  constructor(...args: Args<'optim.SGD'>) {
    const a = bind('optim.SGD', args);
    const o = groupDefaults('optim.SGD', a, { lr: 0.001, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false, foreach: null, differentiable: false, ...releaseKeys.sgd }) as
      { lr: number; momentum: number; dampening: number; weightDecay: number; nesterov: boolean };
    nonNegative(o.momentum, 'momentum');
    nonNegative(o.weightDecay, 'weightDecay');
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) throw new RangeError('Nesterov momentum requires a momentum and zero dampening');
    super(a.params, o);
  }
  step(closure?: () => Tensor): Tensor | undefined {
    const loss = this.runClosure(closure);
    for (const g of this.paramGroups) {
      const [params, grads] = this.withGrads(g);
      if (!params.length) continue;
      const bufs = params.map((p) => this.state.get(p)?.momentumBuffer?._h ?? null);
      const out = native.sgdStep(h(params), h(grads), bufs, g);
      // PyTorch records momentum_buffer for every stepped parameter (1.13 records None without momentum)
      params.forEach((p, i) => {
        if (out[i] !== null || sgdStateWithoutMomentum) this.state.set(p, { momentumBuffer: out[i] === null ? null : new Tensor(out[i]!) });
      });
    }
    return loss;
  }
}

class AdamBase extends Optimizer {
  private readonly decoupled: boolean;
  constructor(key: 'optim.Adam' | 'optim.AdamW', a: Record<string, unknown> & { params: unknown }, decoupled: boolean) {
    const extra = decoupled ? releaseKeys.adamW : releaseKeys.adam;
    const o = groupDefaults(key, a, { lr: 0.001, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false, foreach: null, capturable: false, ...extra }) as
      { lr: number; eps: number; weightDecay: number; betas: unknown };
    nonNegative(o.lr, 'lr');
    nonNegative(o.eps, 'eps');
    nonNegative(o.weightDecay, 'weightDecay');
    betas(o.betas);
    super(a.params as Iterable<Tensor>, o);
    this.decoupled = decoupled;
  }
  step(closure?: () => Tensor): Tensor | undefined {
    const loss = this.runClosure(closure);
    for (const g of this.paramGroups) {
      const [params, grads] = this.withGrads(g);
      if (!params.length) continue;
      const states = params.map((p) => {
        let s = this.state.get(p);
        if (!s) {
          s = { step: stepTensor(), expAvg: zeroState(p), expAvgSq: zeroState(p) };
          if (g.amsgrad) s.maxExpAvgSq = zeroState(p);
          this.state.set(p, s);
        }
        return s;
      });
      const [beta1, beta2] = g.betas as [number, number];
      native.adamStep(h(params), h(grads), states.map((s) => s.expAvg._h), states.map((s) => s.expAvgSq._h),
        g.amsgrad ? states.map((s) => s.maxExpAvgSq._h) : null, states.map((s) => s.step._h),
        { ...g, beta1, beta2, decoupled: this.decoupled || g.decoupledWeightDecay === true });
    }
    return loss;
  }
}
export class Adam extends AdamBase {
  constructor(...args: Args<'optim.Adam'>) {
    super('optim.Adam', bind('optim.Adam', args), false);
  }
}
export class AdamW extends AdamBase {
  constructor(...args: Args<'optim.AdamW'>) {
    super('optim.AdamW', bind('optim.AdamW', args), true);
  }
}

export class RMSprop extends Optimizer {
  constructor(...args: Args<'optim.RMSprop'>) {
    const a = bind('optim.RMSprop', args);
    const o = groupDefaults('optim.RMSprop', a, { lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false, foreach: null, differentiable: false, ...releaseKeys.rmsprop });
    for (const k of ['lr', 'alpha', 'eps', 'weightDecay', 'momentum'] as const) nonNegative(o[k], k);
    super(a.params, o);
  }
  step(closure?: () => Tensor): Tensor | undefined {
    const loss = this.runClosure(closure);
    for (const g of this.paramGroups) {
      const [params, grads] = this.withGrads(g);
      if (!params.length) continue;
      const states = params.map((p) => {
        let s = this.state.get(p);
        if (!s) {
          s = { step: stepTensor(), squareAvg: zeroState(p) };
          if ((g.momentum as number) > 0) s.momentumBuffer = zeroState(p);
          if (g.centered) s.gradAvg = zeroState(p);
          this.state.set(p, s);
        }
        return s;
      });
      native.rmspropStep(h(params), h(grads), states.map((s) => s.squareAvg._h), g.centered ? states.map((s) => s.gradAvg._h) : null,
        (g.momentum as number) > 0 ? states.map((s) => s.momentumBuffer._h) : null, states.map((s) => s.step._h), g);
    }
    return loss;
  }
}

export class Adagrad extends Optimizer {
  constructor(...args: Args<'optim.Adagrad'>) {
    const a = bind('optim.Adagrad', args);
    const o = groupDefaults('optim.Adagrad', a, { lr: 0.01, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, foreach: null, maximize: false, ...releaseKeys.adagrad });
    for (const k of ['lr', 'lrDecay', 'weightDecay', 'initialAccumulatorValue', 'eps'] as const) nonNegative(o[k], k);
    super(a.params, o);
    // PyTorch creates Adagrad's state eagerly, in the constructor.
    for (const g of this.paramGroups) {
      for (const p of g.params) this.state.set(p, { step: stepTensor(), sum: fullLike(p, g.initialAccumulatorValue as number, { memoryFormat: preserveFormat }) });
    }
  }
  step(closure?: () => Tensor): Tensor | undefined {
    const loss = this.runClosure(closure);
    for (const g of this.paramGroups) {
      const [params, grads] = this.withGrads(g);
      if (!params.length) continue;
      const states = params.map((p) => this.state.get(p)!);
      native.adagradStep(h(params), h(grads), states.map((s) => s.sum._h), states.map((s) => s.step._h), g);
    }
    return loss;
  }
}
