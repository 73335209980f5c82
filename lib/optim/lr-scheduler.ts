// torch.optim.lr_scheduler, with PyTorch's recurrences (get_lr) and closed forms, so the
// learning-rate sequences are the same numbers.
import { Optimizer, type ParamGroup } from './optimizer.js';
import { badArg } from '../errors.js';
import { snake, camel } from '../names.js';
import { bind, type Args } from '../bind.js';

// Python's `%` by zero is a ZeroDivisionError where JS's gives NaN: a schedule never goes on with NaN.
function modulus(m: number): number {
  if (m === 0) throw new RangeError('integer modulo by zero');
  return m;
}

/** One value for every parameter group: a number for all of them, or a list of one each (OneCycleLR, CyclicLR). */
function valuePerGroup(optimizer: Optimizer, v: number | number[], name: string): number[] {
  if (!Array.isArray(v)) return optimizer.paramGroups.map(() => v);
  if (v.length !== optimizer.paramGroups.length) throw new RangeError(`expected ${optimizer.paramGroups.length} values for ${name}, got ${v.length}`);
  return [...v];
}

// Python keeps these as private attributes (`self._step_count`), and its state_dict has them so.
const PRIVATE_STATE: Record<string, string> = { stepCount: '_step_count', lastLr: '_last_lr' };
const PRIVATE_NAMES = Object.fromEntries(Object.entries(PRIVATE_STATE).map(([k, v]) => [v, k]));

export abstract class LRScheduler {
  lastEpoch: number;
  baseLrs: number[];
  protected lastLr: number[] = [];
  protected stepCount = 0;

  constructor(readonly optimizer: Optimizer, lastEpoch: number) {
    if (!(optimizer instanceof Optimizer)) badArg('an Optimizer', 'optimizer', optimizer);
    if (lastEpoch === -1) for (const g of optimizer.paramGroups) g.initialLr ??= g.lr;
    this.baseLrs = optimizer.paramGroups.map((g) => g.initialLr as number);
    this.lastEpoch = lastEpoch;
  }
  /** Subclasses call this at the end of their constructor, as PyTorch's _initial_step. */
  protected initialStep(): void {
    this.stepCount = 0;
    this.step();
  }
  protected abstract getLr(): number[];
  protected closedFormLr?(): number[];
  protected get groups(): ParamGroup[] {
    return this.optimizer.paramGroups;
  }

  step(epoch?: number): void {
    this.stepCount++;
    let values: number[];
    if (epoch === undefined) {
      this.lastEpoch++;
      values = this.getLr();
    } else {
      this.lastEpoch = epoch;
      values = this.closedFormLr ? this.closedFormLr() : this.getLr();
    }
    this.groups.forEach((g, i) => (g.lr = values[i]));
    this.lastLr = this.groups.map((g) => g.lr);
  }
  getLastLr(): number[] {
    return [...this.lastLr];
  }
  /**
   * The scheduler's state under PyTorch's names (`last_epoch`, `base_lrs`, `_step_count`, `gamma`...),
   * so Python's `load_state_dict` reads what torch-node saves, and the reverse.
   */
  stateDict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) {
      if (k === 'optimizer' || typeof v === 'function') continue;
      out[PRIVATE_STATE[k] ?? snake(k)] = v;
    }
    return out;
  }
  loadStateDict(sd: Record<string, unknown>): void {
    const self = this as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(sd)) {
      const name = PRIVATE_NAMES[k] ?? camel(k);
      if (Object.hasOwn(self, name) && name !== 'optimizer') self[name] = v;
    }
  }
}

export class StepLR extends LRScheduler {
  stepSize: number;
  gamma: number;
  constructor(...args: Args<'optim.lrScheduler.StepLR'>) {
    const a = bind('optim.lrScheduler.StepLR', args);
    super(a.optimizer, a.lastEpoch);
    this.stepSize = a.stepSize;
    this.gamma = a.gamma;
    this.initialStep();
  }
  protected getLr(): number[] {
    if (this.lastEpoch === 0) return this.groups.map((g) => g.lr);
    if (this.lastEpoch % modulus(this.stepSize) !== 0) return this.groups.map((g) => g.lr);
    return this.groups.map((g) => g.lr * this.gamma);
  }
  protected closedFormLr(): number[] {
    return this.baseLrs.map((b) => b * this.gamma ** Math.floor(this.lastEpoch / this.stepSize));
  }
}

export class MultiStepLR extends LRScheduler {
  milestones: number[];
  gamma: number;
  constructor(...args: Args<'optim.lrScheduler.MultiStepLR'>) {
    const a = bind('optim.lrScheduler.MultiStepLR', args);
    super(a.optimizer, a.lastEpoch);
    this.milestones = [...a.milestones];
    this.gamma = a.gamma;
    this.initialStep();
  }
  protected getLr(): number[] {
    const hits = this.milestones.filter((m) => m === this.lastEpoch).length;
    if (!hits) return this.groups.map((g) => g.lr);
    return this.groups.map((g) => g.lr * this.gamma ** hits);
  }
  protected closedFormLr(): number[] {
    const passed = [...this.milestones].sort((a, b) => a - b).filter((m) => m <= this.lastEpoch).length;
    return this.baseLrs.map((b) => b * this.gamma ** passed);
  }
}

export class ExponentialLR extends LRScheduler {
  gamma: number;
  constructor(...args: Args<'optim.lrScheduler.ExponentialLR'>) {
    const a = bind('optim.lrScheduler.ExponentialLR', args);
    super(a.optimizer, a.lastEpoch);
    this.gamma = a.gamma;
    this.initialStep();
  }
  protected getLr(): number[] {
    if (this.lastEpoch === 0) return this.groups.map((g) => g.lr);
    return this.groups.map((g) => g.lr * this.gamma);
  }
  protected closedFormLr(): number[] {
    return this.baseLrs.map((b) => b * this.gamma ** this.lastEpoch);
  }
}

export class CosineAnnealingLR extends LRScheduler {
  TMax: number;
  etaMin: number;
  constructor(...args: Args<'optim.lrScheduler.CosineAnnealingLR'>) {
    const a = bind('optim.lrScheduler.CosineAnnealingLR', args);
    super(a.optimizer, a.lastEpoch);
    this.TMax = a.TMax;
    this.etaMin = a.etaMin;
    this.initialStep();
  }
  protected getLr(): number[] {
    const { lastEpoch: e, TMax: T, etaMin } = this;
    if (e === 0) return this.groups.map((g) => g.lr);
    if (this.stepCount === 1 && e > 0) return this.baseLrs.map((b) => etaMin + ((b - etaMin) * (1 + Math.cos((e * Math.PI) / T))) / 2);
    if ((((e - 1 - T) % modulus(2 * T)) + 2 * T) % (2 * T) === 0) {
      return this.groups.map((g, i) => g.lr + ((this.baseLrs[i] - etaMin) * (1 - Math.cos(Math.PI / T))) / 2);
    }
    return this.groups.map((g) => ((1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T))) * (g.lr - etaMin) + etaMin);
  }
  protected closedFormLr(): number[] {
    return this.baseLrs.map((b) => this.etaMin + ((b - this.etaMin) * (1 + Math.cos((Math.PI * this.lastEpoch) / this.TMax))) / 2);
  }
}

export class LinearLR extends LRScheduler {
  startFactor: number;
  endFactor: number;
  totalIters: number;
  constructor(...args: Args<'optim.lrScheduler.LinearLR'>) {
    const a = bind('optim.lrScheduler.LinearLR', args);
    if (a.startFactor > 1 || a.startFactor <= 0) throw new RangeError('Starting multiplicative factor expected to be greater than 0 and less or equal to 1.');
    if (a.endFactor > 1 || a.endFactor < 0) throw new RangeError('Ending multiplicative factor expected to be between 0 and 1.');
    super(a.optimizer, a.lastEpoch);
    this.startFactor = a.startFactor;
    this.endFactor = a.endFactor;
    this.totalIters = a.totalIters;
    this.initialStep();
  }
  protected getLr(): number[] {
    const { startFactor: s, endFactor: f, totalIters: n, lastEpoch: e } = this;
    if (e === 0) return this.groups.map((g) => g.lr * s);
    if (e > n) return this.groups.map((g) => g.lr);
    return this.groups.map((g) => g.lr * (1 + (f - s) / (n * s + (e - 1) * (f - s))));
  }
  protected closedFormLr(): number[] {
    const { startFactor: s, endFactor: f, totalIters: n, lastEpoch: e } = this;
    return this.baseLrs.map((b) => b * (s + ((f - s) * Math.min(n, e)) / n));
  }
}

export class LambdaLR extends LRScheduler {
  private readonly lambdas: ((epoch: number) => number)[];
  constructor(...args: Args<'optim.lrScheduler.LambdaLR'>) {
    const a = bind('optim.lrScheduler.LambdaLR', args);
    const { optimizer, lrLambda } = a;
    super(optimizer, a.lastEpoch);
    this.lambdas = Array.isArray(lrLambda) ? lrLambda : optimizer.paramGroups.map(() => lrLambda);
    if (this.lambdas.length !== optimizer.paramGroups.length) throw new RangeError(`Expected ${optimizer.paramGroups.length} lr_lambdas, but got ${this.lambdas.length}`);
    this.initialStep();
  }
  protected getLr(): number[] {
    return this.baseLrs.map((b, i) => b * this.lambdas[i](this.lastEpoch));
  }
}

export class OneCycleLR extends LRScheduler {
  readonly totalSteps: number;
  private readonly phases: { endStep: number; startLr: string; endLr: string; startMomentum: string; endMomentum: string }[];
  private readonly cycleMomentum: boolean;
  private readonly useBeta1: boolean;
  private readonly anneal: (start: number, end: number, pct: number) => number;

  constructor(...args: Args<'optim.lrScheduler.OneCycleLR'>) {
    const o = bind('optim.lrScheduler.OneCycleLR', args);
    const { optimizer, maxLr } = o;
    const perGroup = (v: number | number[], name: string) => valuePerGroup(optimizer, v, name);
    const total = o.totalSteps ?? (o.epochs && o.stepsPerEpoch ? o.epochs * o.stepsPerEpoch : undefined);
    if (!total || total <= 0 || !Number.isInteger(total)) throw new RangeError('You must define either totalSteps OR (epochs AND stepsPerEpoch) as positive integers');
    const pctStart = o.pctStart ?? 0.3;
    if (!(pctStart >= 0 && pctStart <= 1)) throw new RangeError(`Expected float between 0 and 1 pct_start, but got ${pctStart}`);
    const maxLrs = perGroup(maxLr, 'max_lr');
    const divFactor = o.divFactor ?? 25, finalDivFactor = o.finalDivFactor ?? 1e4;
    const cycle = o.cycleMomentum ?? true;
    const useBeta1 = 'betas' in optimizer.defaults;
    if (o.lastEpoch === undefined || o.lastEpoch === -1) {
      const maxMs = perGroup(o.maxMomentum, 'max_momentum'), baseMs = perGroup(o.baseMomentum, 'base_momentum');
      if (cycle && !('momentum' in optimizer.defaults) && !useBeta1) throw new RangeError('optimizer must support momentum or beta1 with `cycle_momentum` option enabled');
      optimizer.paramGroups.forEach((g, i) => {
        g.initialLr = maxLrs[i] / divFactor;
        g.maxLr = maxLrs[i];
        g.minLr = (g.initialLr as number) / finalDivFactor;
        if (cycle) {
          const maxM = maxMs[i], baseM = baseMs[i];
          if (useBeta1) g.betas = [maxM, (g.betas as number[])[1]];
          else g.momentum = maxM;
          g.maxMomentum = maxM;
          g.baseMomentum = baseM;
        }
      });
    }
    super(optimizer, o.lastEpoch);
    this.totalSteps = total;
    this.cycleMomentum = cycle;
    this.useBeta1 = useBeta1;
    this.phases = o.threePhase
      ? [
          { endStep: pctStart * total - 1, startLr: 'initialLr', endLr: 'maxLr', startMomentum: 'maxMomentum', endMomentum: 'baseMomentum' },
          { endStep: 2 * pctStart * total - 2, startLr: 'maxLr', endLr: 'initialLr', startMomentum: 'baseMomentum', endMomentum: 'maxMomentum' },
          { endStep: total - 1, startLr: 'initialLr', endLr: 'minLr', startMomentum: 'maxMomentum', endMomentum: 'maxMomentum' },
        ]
      : [
          { endStep: pctStart * total - 1, startLr: 'initialLr', endLr: 'maxLr', startMomentum: 'maxMomentum', endMomentum: 'baseMomentum' },
          { endStep: total - 1, startLr: 'maxLr', endLr: 'minLr', startMomentum: 'baseMomentum', endMomentum: 'maxMomentum' },
        ];
    if (o.annealStrategy !== 'cos' && o.annealStrategy !== 'linear') throw new RangeError(`anneal_strategy must be one of 'cos' or 'linear', instead got ${o.annealStrategy}`);
    this.anneal = o.annealStrategy === 'cos'
      ? (start, end, pct) => end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1)
      : (start, end, pct) => (end - start) * pct + start;
    this.initialStep();
  }
  protected getLr(): number[] {
    const step = this.lastEpoch;
    if (step > this.totalSteps) throw new RangeError(`Tried to step ${step} times. The specified number of total steps is ${this.totalSteps}`);
    return this.groups.map((g) => {
      let start = 0, lr = 0, momentum = 0;
      for (let i = 0; i < this.phases.length; i++) {
        const p = this.phases[i];
        if (step <= p.endStep || i === this.phases.length - 1) {
          const pct = (step - start) / (p.endStep - start);
          lr = this.anneal(g[p.startLr] as number, g[p.endLr] as number, pct);
          if (this.cycleMomentum) momentum = this.anneal(g[p.startMomentum] as number, g[p.endMomentum] as number, pct);
          break;
        }
        start = p.endStep;
      }
      if (this.cycleMomentum) {
        if (this.useBeta1) g.betas = [momentum, (g.betas as number[])[1]];
        else g.momentum = momentum;
      }
      return lr;
    });
  }
}

export class ReduceLROnPlateau {
  readonly mode: 'min' | 'max';
  readonly factor: number;
  readonly patience: number;
  readonly threshold: number;
  readonly thresholdMode: 'rel' | 'abs';
  readonly cooldown: number;
  readonly minLrs: number[];
  readonly eps: number;
  best: number;
  numBadEpochs = 0;
  cooldownCounter = 0;
  lastEpoch = 0;
  private lastLr: number[];

  readonly optimizer: Optimizer;
  constructor(...args: Args<'optim.lrScheduler.ReduceLROnPlateau'>) {
    const o = bind('optim.lrScheduler.ReduceLROnPlateau', args);
    const optimizer = this.optimizer = o.optimizer;
    if (!(optimizer instanceof Optimizer)) badArg('an Optimizer', 'optimizer', optimizer);
    if (o.mode !== 'min' && o.mode !== 'max') throw new RangeError(`mode ${o.mode} is unknown!`);
    if (o.thresholdMode !== 'rel' && o.thresholdMode !== 'abs') throw new RangeError(`threshold mode ${o.thresholdMode} is unknown!`);
    if (Array.isArray(o.minLr) && o.minLr.length !== optimizer.paramGroups.length) throw new RangeError(`expected ${optimizer.paramGroups.length} min_lrs, got ${o.minLr.length}`);
    this.mode = o.mode ?? 'min';
    this.factor = o.factor ?? 0.1;
    if (this.factor >= 1) throw new RangeError('Factor should be < 1.0.');
    this.patience = o.patience ?? 10;
    this.threshold = o.threshold ?? 1e-4;
    this.thresholdMode = o.thresholdMode ?? 'rel';
    this.cooldown = o.cooldown ?? 0;
    this.minLrs = Array.isArray(o.minLr) ? o.minLr : optimizer.paramGroups.map(() => (o.minLr as number) ?? 0);
    this.eps = o.eps ?? 1e-8;
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.lastLr = optimizer.paramGroups.map((g) => g.lr);
  }
  private isBetter(a: number): boolean {
    const { mode, thresholdMode: tm, threshold: t, best } = this;
    if (mode === 'min' && tm === 'rel') return a < best * (1 - t);
    if (mode === 'min') return a < best - t;
    if (tm === 'rel') return a > best * (t + 1);
    return a > best + t;
  }
  step(metrics: number): void {
    const current = Number(metrics);
    this.lastEpoch++;
    if (this.isBetter(current)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else this.numBadEpochs++;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.patience) {
      this.optimizer.paramGroups.forEach((g, i) => {
        const newLr = Math.max(g.lr * this.factor, this.minLrs[i]);
        if (g.lr - newLr > this.eps) g.lr = newLr;
      });
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }
  getLastLr(): number[] {
    return [...this.lastLr];
  }
}

export class SequentialLR extends LRScheduler {
  private readonly schedulers: LRScheduler[];
  private readonly milestones: number[];
  constructor(...args: Args<'optim.lrScheduler.SequentialLR'>) {
    const a = bind('optim.lrScheduler.SequentialLR', args);
    const { optimizer, schedulers, milestones } = a as typeof a & { schedulers: LRScheduler[] };
    const options = a;
    super(optimizer, a.lastEpoch);
    this.schedulers = schedulers;
    this.milestones = milestones;
    if (schedulers.length !== milestones.length + 1) throw new RangeError(`Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got ${schedulers.length} and ${milestones.length}`);
    this.lastEpoch = (options.lastEpoch ?? -1) + 1;
    for (const g of optimizer.paramGroups) g.lr = g.initialLr as number;
    for (const s of schedulers) s.lastEpoch -= 1;
    (schedulers[0] as any).initialStep();
    this.lastLr = schedulers[0].getLastLr();
  }
  protected getLr(): number[] {
    return this.groups.map((g) => g.lr);
  }
  step(): void {
    this.lastEpoch++;
    let idx = 0;
    while (idx < this.milestones.length && this.milestones[idx] <= this.lastEpoch) idx++;
    const s = this.schedulers[idx];
    if (idx > 0 && this.milestones[idx - 1] === this.lastEpoch) s.step(0);
    else s.step();
    this.lastLr = s.getLastLr();
  }
}

/** The lr of each group times lrLambda(epoch), every step after the first. */
export class MultiplicativeLR extends LRScheduler {
  private readonly lambdas: ((epoch: number) => number)[];
  constructor(...args: Args<'optim.lrScheduler.MultiplicativeLR'>) {
    const a = bind('optim.lrScheduler.MultiplicativeLR', args);
    super(a.optimizer, a.lastEpoch);
    const l = a.lrLambda;
    this.lambdas = Array.isArray(l) ? l : a.optimizer.paramGroups.map(() => l);
    if (this.lambdas.length !== a.optimizer.paramGroups.length) throw new RangeError(`Expected ${a.optimizer.paramGroups.length} lr_lambdas, but got ${this.lambdas.length}`);
    this.initialStep();
  }
  protected getLr(): number[] {
    if (this.lastEpoch > 0) return this.groups.map((g, i) => g.lr * this.lambdas[i](this.lastEpoch));
    return this.groups.map((g) => g.lr);
  }
}

/** lr × factor until totalIters, then the base lr. */
export class ConstantLR extends LRScheduler {
  factor: number;
  totalIters: number;
  constructor(...args: Args<'optim.lrScheduler.ConstantLR'>) {
    const a = bind('optim.lrScheduler.ConstantLR', args);
    if (a.factor > 1 || a.factor < 0) throw new RangeError('Constant multiplicative factor expected to be between 0 and 1.');
    super(a.optimizer, a.lastEpoch);
    this.factor = a.factor;
    this.totalIters = a.totalIters;
    this.initialStep();
  }
  protected getLr(): number[] {
    if (this.lastEpoch === 0) return this.groups.map((g) => g.lr * this.factor);
    if (this.lastEpoch !== this.totalIters) return this.groups.map((g) => g.lr);
    return this.groups.map((g) => g.lr * (1 / this.factor));
  }
  protected closedFormLr(): number[] {
    return this.baseLrs.map((b) => b * (this.factor + (this.lastEpoch >= this.totalIters ? 1 : 0) * (1 - this.factor)));
  }
}

/** A polynomial decay to zero over totalIters steps. */
export class PolynomialLR extends LRScheduler {
  totalIters: number;
  power: number;
  constructor(...args: Args<'optim.lrScheduler.PolynomialLR'>) {
    const a = bind('optim.lrScheduler.PolynomialLR', args);
    super(a.optimizer, a.lastEpoch);
    this.totalIters = a.totalIters;
    this.power = a.power;
    this.initialStep();
  }
  protected getLr(): number[] {
    if (this.lastEpoch === 0 || this.lastEpoch > this.totalIters) return this.groups.map((g) => g.lr);
    const decay = ((1 - this.lastEpoch / this.totalIters) / (1 - (this.lastEpoch - 1) / this.totalIters)) ** this.power;
    return this.groups.map((g) => g.lr * decay);
  }
  protected closedFormLr(): number[] {
    return this.baseLrs.map((b) => b * (1 - Math.min(this.totalIters, this.lastEpoch) / this.totalIters) ** this.power);
  }
}

/** Cosine annealing restarted every T_i steps (T_0, then times TMult). */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  T_0: number;
  T_i: number;
  T_mult: number;
  etaMin: number;
  T_cur: number;
  constructor(...args: Args<'optim.lrScheduler.CosineAnnealingWarmRestarts'>) {
    const a = bind('optim.lrScheduler.CosineAnnealingWarmRestarts', args);
    if (!Number.isInteger(a.T_0) || a.T_0 <= 0) throw new RangeError(`Expected positive integer T_0, but got ${a.T_0}`);
    if (!Number.isInteger(a.TMult) || a.TMult < 1) throw new RangeError(`Expected integer T_mult >= 1, but got ${a.TMult}`);
    super(a.optimizer, a.lastEpoch);
    this.T_0 = a.T_0;
    this.T_i = a.T_0;
    this.T_mult = a.TMult;
    this.etaMin = a.etaMin;
    this.T_cur = a.lastEpoch;
    this.initialStep();
  }
  protected getLr(): number[] {
    return this.baseLrs.map((b) => this.etaMin + ((b - this.etaMin) * (1 + Math.cos((Math.PI * this.T_cur) / this.T_i))) / 2);
  }
  /** step() or step(epoch), which may be fractional (epoch + i / iters), as in PyTorch. */
  step(epoch?: number): void {
    this.stepCount++;
    if (epoch === undefined && this.lastEpoch < 0) epoch = 0;
    if (epoch === undefined) {
      epoch = this.lastEpoch + 1;
      this.T_cur += 1;
      if (this.T_cur >= this.T_i) {
        this.T_cur -= this.T_i;
        this.T_i *= this.T_mult;
      }
    } else {
      if (epoch < 0) throw new RangeError(`Expected non-negative epoch, but got ${epoch}`);
      if (epoch >= this.T_0) {
        if (this.T_mult === 1) this.T_cur = epoch % this.T_0;
        else {
          const n = Math.trunc(Math.log((epoch / this.T_0) * (this.T_mult - 1) + 1) / Math.log(this.T_mult));
          this.T_cur = epoch - (this.T_0 * (this.T_mult ** n - 1)) / (this.T_mult - 1);
          this.T_i = this.T_0 * this.T_mult ** n;
        }
      } else {
        this.T_i = this.T_0;
        this.T_cur = epoch;
      }
    }
    this.lastEpoch = Math.floor(epoch);
    const values = this.getLr();
    this.groups.forEach((g, i) => (g.lr = values[i]));
    this.lastLr = this.groups.map((g) => g.lr);
  }
}

/** The cyclical learning rate (and momentum) policy: triangular, triangular2, exp_range or a scaleFn. */
export class CyclicLR extends LRScheduler {
  maxLrs: number[];
  totalSize: number;
  stepRatio: number;
  mode: string;
  gamma: number;
  scaleMode: 'cycle' | 'iterations';
  cycleMomentum: boolean;
  baseMomentums: number[] = [];
  maxMomentums: number[] = [];
  private readonly scaleFn: (x: number) => number;
  private readonly useBeta1: boolean;
  constructor(...args: Args<'optim.lrScheduler.CyclicLR'>) {
    const a = bind('optim.lrScheduler.CyclicLR', args);
    const { optimizer } = a;
    const perGroup = (v: number | number[], name: string) => valuePerGroup(optimizer, v, name);
    const baseLrs = perGroup(a.baseLr, 'base_lr');
    if (a.lastEpoch === -1) optimizer.paramGroups.forEach((g, i) => (g.lr = baseLrs[i]));
    if (!['triangular', 'triangular2', 'exp_range'].includes(a.mode) && a.scaleFn == null) throw new RangeError('mode is invalid and scale_fn is None');
    const up = a.stepSizeUp, down = a.stepSizeDown ?? up;
    const useBeta1 = 'betas' in optimizer.defaults;
    const baseMs = perGroup(a.baseMomentum, 'base_momentum'), maxMs = perGroup(a.maxMomentum, 'max_momentum');
    if (a.cycleMomentum) {
      if (!('momentum' in optimizer.defaults) && !useBeta1) throw new RangeError('optimizer must support momentum or beta1 with `cycle_momentum` option enabled');
      if (a.lastEpoch === -1) {
        optimizer.paramGroups.forEach((g, i) => {
          if (useBeta1) g.betas = [maxMs[i], (g.betas as number[])[1]];
          else g.momentum = maxMs[i];
          g.maxMomentum = maxMs[i];
          g.baseMomentum = baseMs[i];
        });
      }
    }
    super(optimizer, a.lastEpoch);
    this.baseLrs = baseLrs;
    this.maxLrs = perGroup(a.maxLr, 'max_lr');
    this.totalSize = up + down;
    this.stepRatio = up / this.totalSize;
    this.mode = a.mode;
    this.gamma = a.gamma;
    this.cycleMomentum = a.cycleMomentum;
    this.useBeta1 = useBeta1;
    if (a.cycleMomentum) {
      this.baseMomentums = baseMs;
      this.maxMomentums = maxMs;
    }
    const custom = a.scaleFn ?? null;
    const gamma = a.gamma;
    this.scaleFn = custom ?? (a.mode === 'triangular' ? () => 1 : a.mode === 'triangular2' ? (x: number) => 1 / 2 ** (x - 1) : (x: number) => gamma ** x);
    this.scaleMode = custom ? a.scaleMode : a.mode === 'exp_range' ? 'iterations' : 'cycle';
    this.initialStep();
  }
  protected getLr(): number[] {
    const cycle = Math.floor(1 + this.lastEpoch / this.totalSize);
    const x = 1 + this.lastEpoch / this.totalSize - cycle;
    const scale = x <= this.stepRatio ? x / this.stepRatio : (x - 1) / (this.stepRatio - 1);
    const factor = this.scaleFn(this.scaleMode === 'cycle' ? cycle : this.lastEpoch);
    const lrs = this.baseLrs.map((b, i) => b + (this.maxLrs[i] - b) * scale * factor);
    if (this.cycleMomentum) {
      this.groups.forEach((g, i) => {
        const m = this.maxMomentums[i] - (this.maxMomentums[i] - this.baseMomentums[i]) * scale * factor;
        if (this.useBeta1) g.betas = [m, (g.betas as number[])[1]];
        else g.momentum = m;
      });
    }
    return lrs;
  }
}

/** Steps every scheduler of the chain at each step (their factors multiply). */
export class ChainedScheduler {
  readonly optimizer: Optimizer;
  private readonly schedulers: LRScheduler[];
  private lastLr: number[];
  constructor(...args: Args<'optim.lrScheduler.ChainedScheduler'>) {
    const a = bind('optim.lrScheduler.ChainedScheduler', args);
    const schedulers = a.schedulers as LRScheduler[];
    if (!Array.isArray(schedulers) || schedulers.length < 1) throw new RangeError(`ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.`);
    this.optimizer = a.optimizer ?? schedulers[0].optimizer;
    schedulers.forEach((s, i) => {
      if (!(s instanceof LRScheduler)) badArg('a list of lr schedulers', `schedulers[${i}]`, s);
      if (s.optimizer !== this.optimizer) {
        throw new RangeError(`ChainedScheduler expects all schedulers to belong to the same optimizer, but got scheduler ${s.constructor.name} at index ${i} has ${s.optimizer}, which is different from ${this.optimizer.constructor.name}.`);
      }
    });
    this.schedulers = schedulers;
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }
  step(): void {
    for (const s of this.schedulers) s.step();
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }
  getLastLr(): number[] {
    return [...this.lastLr];
  }
}
