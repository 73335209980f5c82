// L-BFGS as torch.optim.LBFGS computes it (without a line search; strong_wolfe is refused): the
// two-loop recursion over the last historySize curvature pairs, on the parameters' flat gradient.
// The scalars PyTorch keeps as float32 tensors (ys, ro, H_diag, al, the first step) are rounded to
// float32 here too, so trajectories match PyTorch's.
import { Tensor } from '../tensor.js';
import { aten } from '../aten.js';
import { noGrad, enableGrad } from '../autograd.js';
import { Optimizer } from './optimizer.js';
import { bind, type Args } from '../bind.js';

const f32 = Math.fround;
const num = (t: Tensor): number => t.item() as number;

export class LBFGS extends Optimizer {
  private readonly params: Tensor[];
  constructor(...args: Args<'optim.LBFGS'>) {
    const a = bind('optim.LBFGS', args);
    if (a.lineSearchFn != null) throw new TypeError(`LBFGS(): lineSearchFn='${String(a.lineSearchFn)}' is not supported by torch-node yet`);
    const maxEval = a.maxEval ?? Math.floor((a.maxIter * 5) / 4);
    super(a.params, { lr: a.lr, maxIter: a.maxIter, maxEval, toleranceGrad: a.toleranceGrad, toleranceChange: a.toleranceChange,
      historySize: a.historySize, lineSearchFn: null, maximize: a.maximize });
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
          t = inv < 1 ? f32(inv * lr) : lr;
        } else t = lr;
        const gtd = num(flatGrad.dot(d));
        if (gtd > -toleranceChange) break;
        let lsFuncEvals = 0;
        this.addGrad(t, d);
        if (nIter !== maxIter) {
          loss = num(enableGrad(closure));
          flatGrad = this.flatGrad();
          optCond = num(flatGrad.abs().max()) <= toleranceGrad;
          lsFuncEvals = 1;
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
