// Custom autograd Functions, tensor and module hooks, gradcheck and the functional API, against
// PyTorch (scripts/make_autograd_fixtures.py).
import t from 'tap';
import * as torch from 'torch-node';
import { fixture } from './helpers.js';

const { nn } = torch;
const py = fixture('autograd_function.json');
const close = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) ? Array.isArray(b) && a.length === b.length && a.every((x, i) => close(x, b[i])) : a === b || Math.abs((a as number) - (b as number)) <= 1e-5 + 1e-5 * Math.abs(b as number);

t.test('a Function with a non-tensor argument, saved tensors, ctx fields and needsInputGrad', async (t) => {
  let needs: boolean[] = [];
  class ScaledExp extends torch.autograd.Function {
    static forward(ctx: torch.autograd.FunctionCtx, x: torch.Tensor, k: number, y: torch.Tensor) {
      const r = x.exp().mul(k).add(y);
      ctx.saveForBackward(r, y);
      ctx.k = k;
      return r;
    }
    static backward(ctx: torch.autograd.FunctionCtx, g: torch.Tensor) {
      const [r, y] = ctx.savedTensors;
      needs = [...ctx.needsInputGrad];
      return [g.mul(r.sub(y)), null, ctx.needsInputGrad[2] ? g : null];
    }
  }
  const x = torch.tensor([0.5, -1.0, 2.0], { requiresGrad: true });
  const r = ScaledExp.apply<torch.Tensor>(x, 3.0, torch.tensor([1.0, 2.0, 3.0]));
  t.match(String(r.gradFn), new RegExp(`^<${py.scaled_exp.grad_fn} object at 0x[0-9a-f]+>$`), "the node is named as PyTorch's");
  r.mul(torch.tensor([1.0, 2.0, 3.0])).sum().backward();
  t.ok(close(r.tolist(), py.scaled_exp.out), 'output');
  t.ok(close(x.grad!.tolist(), py.scaled_exp.grad), 'gradient');
  t.same(needs, py.needs_input_grad, 'needsInputGrad, one flag per argument');
  t.ok(torch.autograd.gradcheck((v: torch.Tensor) => ScaledExp.apply(v, 2, torch.zeros(3, { dtype: torch.float64 })), [torch.rand(3, { dtype: torch.float64, requiresGrad: true })]),
    'gradcheck passes');
});

t.test('markDirty: an in-place Function returns its input, rebased onto the new node', async (t) => {
  class Clamp01 extends torch.autograd.Function {
    static forward(ctx: torch.autograd.FunctionCtx, x: torch.Tensor) {
      ctx.saveForBackward(x.clone());
      ctx.markDirty(x);
      return x.clamp_(0, 1);
    }
    static backward = torch.autograd.function.onceDifferentiable((ctx: torch.autograd.FunctionCtx, g: torch.Tensor) => {
      const [x] = ctx.savedTensors;
      return g.mul(x.ge(0).logicalAnd(x.le(1)).to(g.dtype));
    });
  }
  const a = torch.tensor([-0.5, 0.3, 1.7, 0.9], { requiresGrad: true });
  const b = a.mul(2);
  const c = Clamp01.apply<torch.Tensor>(b);
  t.equal(c === b, py.clamp_dirty.same_object, 'the same tensor object, as in PyTorch');
  c.mul(torch.tensor([1.0, 2.0, 3.0, 4.0])).sum().backward();
  t.ok(close(c.tolist(), py.clamp_dirty.out), 'output');
  t.ok(close(a.grad!.tolist(), py.clamp_dirty.grad), 'gradient through the dirtied tensor');
  t.throws(() => Clamp01.apply(torch.ones(2, { requiresGrad: true })), /leaf Variable that requires grad/, 'a leaf that requires grad cannot be dirtied');
});

t.test('errors in backward: a JS error thrown there reaches the caller; a wrong gradient count is named', async (t) => {
  class Bad extends torch.autograd.Function {
    static forward(_ctx: torch.autograd.FunctionCtx, x: torch.Tensor) { return x.mul(2); }
    static backward(): torch.Tensor { throw new RangeError('boom'); }
  }
  t.throws(() => Bad.apply<torch.Tensor>(torch.ones(2, { requiresGrad: true })).sum().backward(), { name: 'RangeError', message: 'boom' });
  class Short extends torch.autograd.Function {
    static forward(_ctx: torch.autograd.FunctionCtx, x: torch.Tensor, k: number) { return x.mul(k); }
    static backward(_ctx: torch.autograd.FunctionCtx, g: torch.Tensor) { return g; }
  }
  t.throws(() => Short.apply<torch.Tensor>(torch.ones(2, { requiresGrad: true }), 3).sum().backward(),
    /function ShortBackward returned an incorrect number of gradients \(expected 2, got 1\)/);
  const noGrad = torch.noGrad(() => Short.apply<torch.Tensor>(torch.ones(2, { requiresGrad: true }), 3));
  t.equal(noGrad.requiresGrad, false, 'under noGrad nothing is recorded');
});

t.test('Tensor.registerHook: hooks see the gradient and may replace it; remove() unregisters', async (t) => {
  const x = torch.tensor([0.5, -1.0, 2.0], { requiresGrad: true });
  const u = x.mul(x);
  const seen: number[][] = [];
  u.registerHook((g) => void seen.push(g.tolist() as number[]));
  const h = u.registerHook((g) => g.mul(10));
  u.sum().backward({ retainGraph: true });
  t.same(seen, py.tensor_hook.seen);
  t.ok(close(x.grad!.tolist(), py.tensor_hook.grad), 'the replaced gradient flows on');
  h.remove();
  x.grad = null;
  u.sum().backward();
  t.ok(close(x.grad!.tolist(), [1, -2, 4]), 'after remove() the gradient is untouched');
  t.throws(() => torch.ones(2).registerHook((g) => g), /doesn't require gradient/);
});

t.test('module hooks: forward pre-hook, forward hook and full backward hook as in PyTorch', async (t) => {
  const mh = py.module_hooks;
  const lin = new nn.Linear(3, 2);
  lin.loadStateDict(Object.fromEntries(Object.entries(mh.state as Record<string, number[]>).map(([k, v]) => [k, torch.tensor(v)])));
  const calls: { gin: (number[][] | null)[]; gout: number[][][] }[] = [];
  lin.registerForwardPreHook((_m, args) => [(args[0] as torch.Tensor).mul(2)]);
  const fh = lin.registerForwardHook((_m, _args, output) => output.add(1));
  lin.registerFullBackwardHook((_m, gin, gout) => {
    calls.push({ gin: gin.map((g) => (g ? g.tolist() as number[][] : null)), gout: gout.map((g) => g!.tolist() as number[][]) });
    return gin.map((g) => (g ? g.div(2) : null));
  });
  const x = torch.tensor([[1.0, -1.0, 0.5], [0.2, 0.3, -0.4]], { requiresGrad: true });
  const y = lin(x) as torch.Tensor;
  y.mul(torch.tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward();
  t.ok(close(y.tolist(), mh.out), 'output through both forward hooks');
  t.ok(close(calls.map((c) => [c.gin, c.gout]), mh.calls.map((c: { gin: unknown; gout: unknown }) => [c.gin, c.gout])), 'the backward hook saw grad_input and grad_output');
  t.ok(close(x.grad!.tolist(), mh.x_grad), "the hook's returned grad_input is used");
  t.ok(close(lin.weight.grad!.tolist(), mh.weight_grad), 'parameter gradients');
  fh.remove();
  t.throws(() => lin.registerForwardHook(() => undefined, { withKwargs: true } as never), /withKwargs/);
});

t.test('autograd.functional: jacobian and hessian', async (t) => {
  const v = torch.tensor([1.0, 2.0, -1.0]);
  const j = torch.autograd.functional.jacobian((x: torch.Tensor) => torch.stack([x.index(0).mul(x.index(1)), x.exp().sum(), x.index(2).pow(2)]), v);
  t.ok(close(j.tolist(), py.jacobian), 'jacobian');
  const hs = torch.autograd.functional.hessian((x: torch.Tensor) => x.pow(3).sum().add(x.index(0).mul(x.index(1))), v);
  t.ok(close(hs.tolist(), py.hessian), 'hessian');
  const pair = torch.autograd.functional.jacobian((p: torch.Tensor, q: torch.Tensor) => p.mul(q.sum()), [v, torch.tensor([2.0, 3.0])]) as torch.Tensor[];
  t.ok(close(pair.map((x) => x.tolist()), py.jacobian_pair), 'one Jacobian per input');
});

t.test('gradcheck finds a wrong backward', async (t) => {
  class WrongGrad extends torch.autograd.Function {
    static forward(_ctx: torch.autograd.FunctionCtx, x: torch.Tensor) { return x.pow(2); }
    static backward(_ctx: torch.autograd.FunctionCtx, g: torch.Tensor) { return g; }
  }
  const x = torch.rand(3, { dtype: torch.float64, requiresGrad: true });
  t.throws(() => torch.autograd.gradcheck((v: torch.Tensor) => WrongGrad.apply(v), [x]), /Jacobian mismatch for output 0 with respect to input 0/);
  t.equal(torch.autograd.gradcheck((v: torch.Tensor) => WrongGrad.apply(v), [x], { raiseException: false }), false);
  t.ok(torch.autograd.gradgradcheck((v: torch.Tensor) => v.pow(3).sin(), [x]), 'gradgradcheck on built-in ops');
});

t.test('anomaly detection: a backward that returns NaN throws, naming the function, as PyTorch', async (t) => {
  const x = torch.tensor([-1.0, 4.0], { requiresGrad: true });
  t.throws(() => torch.autograd.detectAnomaly(() => x.sqrt().sum().backward()), /Function 'SqrtBackward0' returned nan values in its 0th output\./);
  t.equal(torch.autograd.isAnomalyEnabled(), false, 'the mode is restored after the block');
  t.throws(() => torch.autograd.detectAnomaly({ checkNaN: false } as never, () => 1), { name: 'TypeError', message: "detectAnomaly() got an unexpected keyword argument 'checkNaN'. Did you mean 'checkNan'?" }, 'a misspelt option is not dropped');
  x.sqrt().sum().backward();
  t.ok(Number.isNaN((x.grad!.tolist() as number[])[0]), 'without it, NaN flows on silently, as in PyTorch');
  torch.autograd.setDetectAnomaly(true, false);
  t.same([torch.autograd.isAnomalyEnabled(), torch.autograd.isAnomalyCheckNanEnabled()], [true, false], 'set_detect_anomaly(True, check_nan=False)');
  x.grad = null;
  x.sqrt().sum().backward();
  torch.autograd.setDetectAnomaly(false);
  t.equal(torch.autograd.isAnomalyEnabled(), false);
});
