// SGD, Adam, AdamW, RMSprop, Adagrad: options and state in TS, the update itself in one
// native call per parameter group (binding/optim.cc).
import { Tensor } from '../tensor.js';
import { native } from '../native.js';
import { badArg } from '../errors.js';
import { zerosLike, fullLike, tensor } from '../creation.js';
import { preserveFormat, float32 } from '../types.js';
import { Optimizer, type ParamGroupInput } from './optimizer.js';
import { releaseAtLeast } from '../release.js';

type Params = Iterable<Tensor> | Iterable<ParamGroupInput>;
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

export interface SGDOptions { lr?: number; momentum?: number; dampening?: number; weightDecay?: number; nesterov?: boolean; maximize?: boolean }
export class SGD extends Optimizer {
  constructor(params: Params, options: SGDOptions = {}) {
    const o = { lr: 0.001, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false, foreach: null, differentiable: false, ...releaseKeys.sgd, ...options };
    nonNegative(o.lr, 'lr');
    nonNegative(o.momentum, 'momentum');
    nonNegative(o.weightDecay, 'weightDecay');
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) throw new RangeError('Nesterov momentum requires a momentum and zero dampening');
    super(params, o);
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

export interface AdamOptions { lr?: number; betas?: [number, number]; eps?: number; weightDecay?: number; amsgrad?: boolean; maximize?: boolean }
class AdamBase extends Optimizer {
  private readonly decoupled: boolean;
  constructor(params: Params, options: AdamOptions, weightDecay: number, decoupled: boolean) {
    const extra = decoupled ? releaseKeys.adamW : releaseKeys.adam;
    const o = { lr: 0.001, betas: [0.9, 0.999], eps: 1e-8, weightDecay, amsgrad: false, maximize: false, foreach: null, capturable: false, ...extra, ...options };
    nonNegative(o.lr, 'lr');
    nonNegative(o.eps, 'eps');
    nonNegative(o.weightDecay, 'weightDecay');
    betas(o.betas);
    super(params, o);
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
  constructor(params: Params, options: AdamOptions = {}) {
    super(params, options, 0, false);
  }
}
export class AdamW extends AdamBase {
  constructor(params: Params, options: AdamOptions = {}) {
    super(params, options, 0.01, true);
  }
}

export interface RMSpropOptions { lr?: number; alpha?: number; eps?: number; weightDecay?: number; momentum?: number; centered?: boolean; maximize?: boolean }
export class RMSprop extends Optimizer {
  constructor(params: Params, options: RMSpropOptions = {}) {
    const o = { lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false, foreach: null, differentiable: false, ...releaseKeys.rmsprop, ...options };
    for (const k of ['lr', 'alpha', 'eps', 'weightDecay', 'momentum'] as const) nonNegative(o[k], k);
    super(params, o);
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

export interface AdagradOptions { lr?: number; lrDecay?: number; weightDecay?: number; initialAccumulatorValue?: number; eps?: number; maximize?: boolean }
export class Adagrad extends Optimizer {
  constructor(params: Params, options: AdagradOptions = {}) {
    const o = { lr: 0.01, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, foreach: null, maximize: false, ...releaseKeys.adagrad, ...options };
    for (const k of ['lr', 'lrDecay', 'weightDecay', 'initialAccumulatorValue', 'eps'] as const) nonNegative(o[k], k);
    super(params, o);
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
