// L-BFGS as torch.optim.LBFGS computes it: the two-loop recursion over the last historySize
// curvature pairs, on the parameters' flat gradient, with a fixed step or PyTorch's strong Wolfe
// line search (a port of torch/optim/lbfgs.py's _strong_wolfe and _cubic_interpolate).
// The scalars PyTorch keeps as float32 tensors (ys, ro, H_diag, al, the first step) are rounded to
// float32 here too, so trajectories match PyTorch's.
import { Tensor } from '../tensor.js';
import { aten } from '../aten.js';
import { noGrad, enableGrad } from '../autograd.js';
import { Optimizer } from './optimizer.js';
import { bind, type Args } from '../bind.js';

const f32 = Math.fround;
const num = (t: Tensor): number => t.item() as number;

/** The minimiser of the cubic through (x1, f1, g1) and (x2, f2, g2), clamped to bounds (default: between them). */
function cubicInterpolate(x1: number, f1: number, g1: number, x2: number, f2: number, g2: number, bounds?: [number, number]): number {
  const [lo, hi] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  // g1 and g2 are float32 tensors in PyTorch, so is what is computed from them
  const d1 = f32(g1 + g2 - (3 * (f1 - f2)) / (x1 - x2));
  const d2Square = f32(d1 * d1 - g1 * g2);
  if (d2Square >= 0) {
    const d2 = f32(Math.sqrt(d2Square));
    const minPos = x1 <= x2 ? f32(x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))) : f32(x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2)));
    return Math.min(Math.max(minPos, lo), hi);
  }
  return (lo + hi) / 2;
}

type Objective = (t: number) => [loss: number, flatGrad: Tensor];
/** A step length t satisfying the strong Wolfe conditions along d: [loss, flatGrad, t, evaluations]. */
function strongWolfe(obj: Objective, t: number, d: Tensor, f: number, g: Tensor, gtd: number, toleranceChange: number, maxLs: number, c1 = 1e-4, c2 = 0.9): [number, Tensor, number, number] {
  const dNorm = num(d.abs().max());
  g = g.clone();
  let [fNew, gNew] = obj(t);
  let evals = 1;
  let gtdNew = num(gNew.dot(d));
  let tPrev = 0, fPrev = f, gPrev = g, gtdPrev = gtd;
  let done = false, lsIter = 0;
  let bracket: number[] = [], bracketF: number[] = [], bracketG: Tensor[] = [], bracketGtd: number[] = [];
  while (lsIter < maxLs) {
    if (fNew > f + c1 * t * gtd || (lsIter > 1 && fNew >= fPrev)) {
      [bracket, bracketF, bracketG, bracketGtd] = [[tPrev, t], [fPrev, fNew], [gPrev, gNew.clone()], [gtdPrev, gtdNew]];
      break;
    }
    if (Math.abs(gtdNew) <= -c2 * gtd) {
      [bracket, bracketF, bracketG] = [[t], [fNew], [gNew]];
      done = true;
      break;
    }
    if (gtdNew >= 0) {
      [bracket, bracketF, bracketG, bracketGtd] = [[tPrev, t], [fPrev, fNew], [gPrev, gNew.clone()], [gtdPrev, gtdNew]];
      break;
    }
    const minStep = t + 0.01 * (t - tPrev), maxStep = t * 10;
    const tmp = t;
    t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, [minStep, maxStep]);
    [tPrev, fPrev, gPrev, gtdPrev] = [tmp, fNew, gNew.clone(), gtdNew];
    [fNew, gNew] = obj(t);
    evals++;
    gtdNew = num(gNew.dot(d));
    lsIter++;
  }
  if (lsIter === maxLs) [bracket, bracketF, bracketG] = [[0, t], [f, fNew], [g, gNew]];
  let insufProgress = false;
  let [low, high] = bracketF[0] <= bracketF[bracketF.length - 1] ? [0, 1] : [1, 0];
  while (!done && lsIter < maxLs) {
    if (Math.abs(bracket[1] - bracket[0]) * dNorm < toleranceChange) break;
    t = cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1]);
    const hi = Math.max(...bracket), lo = Math.min(...bracket), eps = 0.1 * (hi - lo);
    if (Math.min(hi - t, t - lo) < eps) {
      if (insufProgress || t >= hi || t <= lo) {
        t = Math.abs(t - hi) < Math.abs(t - lo) ? hi - eps : lo + eps;
        insufProgress = false;
      } else insufProgress = true;
    } else insufProgress = false;
    [fNew, gNew] = obj(t);
    evals++;
    gtdNew = num(gNew.dot(d));
    lsIter++;
    if (fNew > f + c1 * t * gtd || fNew >= bracketF[low]) {
      [bracket[high], bracketF[high], bracketG[high], bracketGtd[high]] = [t, fNew, gNew.clone(), gtdNew];
      [low, high] = bracketF[0] <= bracketF[1] ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(gtdNew) <= -c2 * gtd) done = true;
      else if (gtdNew * (bracket[high] - bracket[low]) >= 0) {
        [bracket[high], bracketF[high], bracketG[high], bracketGtd[high]] = [bracket[low], bracketF[low], bracketG[low], bracketGtd[low]];
      }
      [bracket[low], bracketF[low], bracketG[low], bracketGtd[low]] = [t, fNew, gNew.clone(), gtdNew];
    }
  }
  return [bracketF[low], bracketG[low], bracket[low], evals];
}

export class LBFGS extends Optimizer {
  private readonly params: Tensor[];
  constructor(...args: Args<'optim.LBFGS'>) {
    const a = bind('optim.LBFGS', args);
    if (a.lineSearchFn != null && a.lineSearchFn !== 'strong_wolfe') throw new RangeError("only 'strong_wolfe' is supported");
    const maxEval = a.maxEval ?? Math.floor((a.maxIter * 5) / 4);
    super(a.params, { lr: a.lr, maxIter: a.maxIter, maxEval, toleranceGrad: a.toleranceGrad, toleranceChange: a.toleranceChange,
      historySize: a.historySize, lineSearchFn: a.lineSearchFn ?? null, maximize: a.maximize });
    if (this.paramGroups.length !== 1) throw new RangeError("LBFGS doesn't support per-parameter options (parameter groups)");
    this.params = this.paramGroups[0].params;
  }
  private flatGrad(): Tensor {
    const g = this.paramGroups[0];
    return aten('cat')(this.params.map((p) => {
      const grad = p.grad ? p.grad.reshape(-1) : p.newZeros([p.numel()]);
      return g.maximize ? grad.neg() : grad;
    }), 0);
  }
  private addGrad(stepSize: number, update: Tensor): void {
    let offset = 0;
    for (const p of this.params) {
      const n = p.numel();
      p.add_(update.slice(0, offset, offset + n).viewAs(p), { alpha: stepSize });
      offset += n;
    }
  }
  /** L-BFGS needs the closure: it re-evaluates the loss (up to maxEval times a step). */
  step(closure?: () => Tensor): Tensor | undefined {
    if (!closure) throw new TypeError('LBFGS.step() requires a closure that recomputes the loss');
    const g = this.paramGroups[0] as Record<string, any>;
    const { lr, maxIter, maxEval, toleranceGrad, toleranceChange, historySize } = g;
    const st = this.state.get(this.params[0]) ?? {};
    this.state.set(this.params[0], st);
    st.funcEvals ??= 0;
    st.nIter ??= 0;
    const origLoss = enableGrad(closure);
    let loss = num(origLoss);
    let currentEvals = 1;
    st.funcEvals += 1;
    return noGrad(() => {
      let flatGrad = this.flatGrad();
      let optCond = num(flatGrad.abs().max()) <= toleranceGrad;
      if (optCond) return origLoss;
      let d: Tensor = st.d, t: number = st.t, prevFlatGrad: Tensor | undefined = st.prevFlatGrad, prevLoss: number = st.prevLoss;
      let oldDirs: Tensor[] = st.oldDirs, oldStps: Tensor[] = st.oldStps, ro: number[] = st.ro, Hdiag: number = st.Hdiag;
      let nIter = 0;
      while (nIter < maxIter) {
        nIter++;
        st.nIter++;
        if (st.nIter === 1) {
          d = flatGrad.neg();
          oldDirs = [];
          oldStps = [];
          ro = [];
          Hdiag = 1;
        } else {
          const y = flatGrad.sub(prevFlatGrad!);
          const s = d.mul(t);
          const ys = num(y.dot(s));
          if (ys > 1e-10) {
            if (oldDirs.length === historySize) {
              oldDirs.shift();
              oldStps.shift();
              ro.shift();
            }
            oldDirs.push(y);
            oldStps.push(s);
            ro.push(f32(1 / ys));
            Hdiag = f32(ys / num(y.dot(y)));
          }
          const al: number[] = [];
          const q = flatGrad.neg();
          for (let i = oldDirs.length - 1; i >= 0; i--) {
            al[i] = f32(num(oldStps[i].dot(q)) * ro[i]);
            q.add_(oldDirs[i], { alpha: -al[i] });
          }
          const r = q.mul(Hdiag);
          for (let i = 0; i < oldDirs.length; i++) {
            const be = f32(num(oldDirs[i].dot(r)) * ro[i]);
            r.add_(oldStps[i], { alpha: f32(al[i] - be) });
          }
          d = r;
        }
        if (!prevFlatGrad) prevFlatGrad = flatGrad.clone();
        else prevFlatGrad.copy_(flatGrad);
        prevLoss = loss;
        // the first step is scaled by the gradient (a float32 tensor in PyTorch); later ones are lr
        if (st.nIter === 1) {
          const inv = f32(1 / num(flatGrad.abs().sum()));
          t = inv < 1 ? f32(inv * f32(lr)) : lr; // a float32 tensor times lr, which the kernel casts to float32
        } else t = lr;
        const gtd = num(flatGrad.dot(d));
        if (gtd > -toleranceChange) break;
        let lsFuncEvals = 0;
        if (g.lineSearchFn === 'strong_wolfe') {
          const xInit = this.params.map((p) => p.clone());
          const objective: Objective = (step) => {
            this.addGrad(step, d);
            let l = num(enableGrad(closure));
            if (g.maximize) l = -l;
            const grad = this.flatGrad();
            this.params.forEach((p, i) => p.copy_(xInit[i]));
            return [l, grad];
          };
          [loss, flatGrad, t, lsFuncEvals] = strongWolfe(objective, t, d, loss, flatGrad, gtd, toleranceChange, maxEval - currentEvals);
          this.addGrad(t, d);
          optCond = num(flatGrad.abs().max()) <= toleranceGrad;
        } else {
          this.addGrad(t, d);
          if (nIter !== maxIter) {
            loss = num(enableGrad(closure));
            flatGrad = this.flatGrad();
            optCond = num(flatGrad.abs().max()) <= toleranceGrad;
            lsFuncEvals = 1;
          }
        }
        currentEvals += lsFuncEvals;
        st.funcEvals += lsFuncEvals;
        if (nIter === maxIter || currentEvals >= maxEval || optCond) break;
        if (num(d.mul(t).abs().max()) <= toleranceChange) break;
        if (Math.abs(loss - prevLoss) < toleranceChange) break;
      }
      Object.assign(st, { d, t, oldDirs, oldStps, ro, Hdiag, prevFlatGrad, prevLoss });
      return origLoss;
    });
  }
}
