// torch.nn against PyTorch (test/fixtures/nn.json from scripts/make_nn_fixtures.py): each layer
// starts from the same numbers for the same seed, gives the same output and gradients, and
// prints the same repr.
import t from 'tap';
import * as torch from 'torch-node';
import { fixture, fromFixture, mismatch } from './helpers.js';

const { nn } = torch;
const F = torch.nn.functional;
const data = fixture('nn.json');

const LAYERS: Record<string, () => torch.nn.Module> = {
  Linear: () => new nn.Linear(4, 3),
  LinearNoBias: () => new nn.Linear(4, 3, { bias: false }),
  Bilinear: () => new nn.Bilinear(3, 4, 2),
  Conv1d: () => new nn.Conv1d(2, 3, 3, { stride: 2, padding: 1 }),
  Conv2d: () => new nn.Conv2d(3, 4, 3, { padding: 1 }),
  Conv2dStrideGroups: () => new nn.Conv2d(4, 6, [3, 2], { stride: 2, groups: 2, bias: false }),
  Conv2dReflect: () => new nn.Conv2d(2, 2, 3, { padding: 1, paddingMode: 'reflect' }),
  Conv3d: () => new nn.Conv3d(2, 2, 2),
  ConvTranspose2d: () => new nn.ConvTranspose2d(3, 2, 3, { stride: 2, padding: 1, outputPadding: 1 }),
  MaxPool1d: () => new nn.MaxPool1d(2),
  MaxPool2d: () => new nn.MaxPool2d(2, 2),
  MaxPool2dPad: () => new nn.MaxPool2d(3, { stride: 2, padding: 1, ceilMode: true }),
  AvgPool2d: () => new nn.AvgPool2d(2),
  AdaptiveAvgPool2d: () => new nn.AdaptiveAvgPool2d([1, 1]),
  AdaptiveMaxPool2d: () => new nn.AdaptiveMaxPool2d(2),
  BatchNorm1d: () => new nn.BatchNorm1d(4),
  BatchNorm2d: () => new nn.BatchNorm2d(3),
  BatchNorm2dEval: () => new nn.BatchNorm2d(3),
  LayerNorm: () => new nn.LayerNorm(4),
  GroupNorm: () => new nn.GroupNorm(2, 4),
  InstanceNorm2d: () => new nn.InstanceNorm2d(3, { affine: true }),
  Dropout: () => new nn.Dropout(0.5),
  Embedding: () => new nn.Embedding(10, 3, { paddingIdx: 0 }),
  LSTM: () => new nn.LSTM(4, 3, { numLayers: 2 }),
  GRUBidirectional: () => new nn.GRU(4, 3, { batchFirst: true, bidirectional: true }),
  Flatten: () => new nn.Flatten(),
  Unflatten: () => new nn.Unflatten(1, [2, 6]),
  Identity: () => new nn.Identity(),
  ReLU: () => new nn.ReLU(), ReLU6: () => new nn.ReLU6(), LeakyReLU: () => new nn.LeakyReLU(0.2), ELU: () => new nn.ELU(),
  GELU: () => new nn.GELU(), GELUTanh: () => new nn.GELU({ approximate: 'tanh' }), SiLU: () => new nn.SiLU(),
  Mish: () => new nn.Mish(), Sigmoid: () => new nn.Sigmoid(), Tanh: () => new nn.Tanh(),
  Softmax: () => new nn.Softmax({ dim: 1 }), LogSoftmax: () => new nn.LogSoftmax({ dim: 1 }), Hardswish: () => new nn.Hardswish(),
  Sequential: () => new nn.Sequential(new nn.Linear(4, 5), new nn.ReLU(), new nn.Linear(5, 2)),
};

t.test('every layer matches PyTorch: init, output, gradients, state, repr', async (t) => {
  for (const c of data.layers) {
    const make = LAYERS[c.name];
    if (!make) { t.fail(`no TS constructor for ${c.name}`); continue; }
    torch.manualSeed(0);
    const m = make();
    const init = m.stateDict();
    t.same(Object.keys(init), Object.keys(c.initState), `${c.name}: state-dict keys`);
    for (const [k, v] of Object.entries(c.initState)) t.equal(mismatch(init[k], v, 1e-5, 1e-6, k), null, `${c.name}: initial ${k} equals PyTorch's for seed 0`);
    t.equal(String(m), c.repr, `${c.name}: repr`);
    m.train(c.train);
    const inputs = c.inputs.map((x: any, i: number) => {
      const tx = fromFixture(x);
      return c.inputGrads[i] ? tx.requiresGrad_() : tx;
    });
    let out = m(...inputs);
    if (Array.isArray(out)) out = out[0];
    t.equal(mismatch(out, c.output, 1e-4, 1e-5), null, `${c.name}: output`);
    const weights = torch.arange(out.numel(), { dtype: torch.float32 }).reshape(out.shape).mul(0.11).cos();
    out.mul(weights).sum().backward();
    c.inputGrads.forEach((g: any, i: number) => g && t.equal(mismatch(inputs[i].grad, g, 1e-4, 1e-5), null, `${c.name}: input gradient`));
    const params = Object.fromEntries(m.namedParameters());
    for (const [k, g] of Object.entries(c.paramGrads)) t.equal(mismatch(params[k].grad, g, 1e-4, 1e-5), null, `${c.name}: ${k}.grad`);
    const after = m.stateDict();
    for (const [k, v] of Object.entries(c.stateAfter)) t.equal(mismatch(after[k], v, 1e-4, 1e-5), null, `${c.name}: ${k} after the step (running statistics)`);
  }
});

t.test('functional losses and helpers match PyTorch', async (t) => {
  const logits = torch.arange(20, { dtype: torch.float32 }).reshape(4, 5).mul(0.37).sin().mul(1.5);
  const target = torch.tensor([1n, 0n, 4n, 2n]);
  const probs = logits.sigmoid();
  const regTarget = logits.cos();
  const y = logits.cos().gt(0).float();
  const L = data.losses;
  const close = (a: torch.Tensor, b: number, label: string) => t.ok(Math.abs(a.item() - b) < 1e-5 * Math.max(1, Math.abs(b)), `${label}: ${a.item()} vs ${b}`);
  close(F.crossEntropy(logits, target), L.crossEntropy, 'crossEntropy');
  close(F.crossEntropy(logits, target, { reduction: 'sum' }), L.crossEntropySum, 'crossEntropy sum');
  close(F.crossEntropy(logits, target, { weight: torch.tensor([1, 2, 3, 4, 5]) }), L.crossEntropyWeighted, 'crossEntropy weight');
  close(F.crossEntropy(logits, torch.tensor([1n, -100n, 4n, 2n])), L.crossEntropyIgnore, 'crossEntropy ignoreIndex');
  close(F.crossEntropy(logits, target, { labelSmoothing: 0.1 }), L.crossEntropySmoothing, 'crossEntropy labelSmoothing');
  close(F.crossEntropy(logits, regTarget.softmax(1)), L.crossEntropyProbs, 'crossEntropy with class probabilities');
  close(new nn.CrossEntropyLoss()(logits, target), L.crossEntropy, 'nn.CrossEntropyLoss');
  close(F.nllLoss(F.logSoftmax(logits, 1), target), L.nllLoss, 'nllLoss');
  close(new nn.NLLLoss()(F.logSoftmax(logits, 1), target), L.nllLoss, 'nn.NLLLoss');
  close(F.mseLoss(logits, regTarget), L.mseLoss, 'mseLoss');
  close(new nn.MSELoss()(logits, regTarget), L.mseLoss, 'nn.MSELoss');
  close(F.l1Loss(logits, regTarget), L.l1Loss, 'l1Loss');
  close(new nn.L1Loss()(logits, regTarget), L.l1Loss, 'nn.L1Loss');
  close(F.smoothL1Loss(logits, regTarget, { beta: 0.5 }), L.smoothL1Loss, 'smoothL1Loss');
  close(new nn.SmoothL1Loss({ beta: 0.5 })(logits, regTarget), L.smoothL1Loss, 'nn.SmoothL1Loss');
  close(F.huberLoss(logits, regTarget, { delta: 0.5 }), L.huberLoss, 'huberLoss');
  close(new nn.HuberLoss({ delta: 0.5 })(logits, regTarget), L.huberLoss, 'nn.HuberLoss');
  close(F.binaryCrossEntropy(probs, y), L.bceLoss, 'binaryCrossEntropy');
  close(new nn.BCELoss()(probs, y), L.bceLoss, 'nn.BCELoss');
  close(F.binaryCrossEntropyWithLogits(logits, y, { posWeight: torch.full([5], 2.0, { dtype: torch.float32 }) }), L.bceWithLogitsLoss, 'bceWithLogits');
  close(new nn.BCEWithLogitsLoss({ posWeight: torch.full([5], 2, { dtype: torch.float32 }) })(logits, y), L.bceWithLogitsLoss, 'nn.BCEWithLogitsLoss');
  close(F.klDiv(F.logSoftmax(logits, 1), regTarget.softmax(1), { reduction: 'batchmean' }), L.klDivLoss, 'klDiv batchmean');
  close(new nn.KLDivLoss({ reduction: 'batchmean' })(F.logSoftmax(logits, 1), regTarget.softmax(1)), L.klDivLoss, 'nn.KLDivLoss');
  t.equal(mismatch(F.mseLoss(logits, regTarget, { reduction: 'none' }), L.mseNone), null, "reduction 'none'");
  const f = data.functional;
  const fixedInput = (shape: number[]) => torch.arange(shape.reduce((a, b) => a * b, 1), { dtype: torch.float32 }).reshape(shape).mul(0.37).sin().mul(1.5);
  t.equal(mismatch(F.softmax(logits, 1), f.softmax), null, 'softmax');
  t.equal(mismatch(F.logSoftmax(logits, 0), f.logSoftmax), null, 'logSoftmax');
  t.equal(mismatch(F.pad(fixedInput([1, 2, 3]), [1, 2]), f.pad), null, 'pad');
  t.equal(mismatch(F.pad(fixedInput([1, 2, 4]), [2, 1], { mode: 'reflect' }), f.padReflect), null, 'pad reflect');
  t.equal(mismatch(F.interpolate(fixedInput([1, 1, 2, 3]), { scaleFactor: 2 }), f.interpolateNearest), null, 'interpolate nearest');
  t.equal(mismatch(F.interpolate(fixedInput([1, 1, 2, 3]), { size: [4, 5], mode: 'bilinear', alignCorners: false }), f.interpolateBilinear), null, 'interpolate bilinear');
  t.equal(mismatch(F.oneHot(torch.tensor([0n, 2n, 1n]), 4), f.oneHot), null, 'oneHot');
  t.equal(mismatch(F.normalize(logits), f.normalize), null, 'normalize');
  t.equal(mismatch(F.dropout(logits, 0.5, false), f.dropoutEval), null, 'dropout when not training');
  const d = F.dropout(torch.ones(1000), { p: 0.5 });
  t.ok(d.eq(0).sum().item() > 350 && d.eq(0).sum().item() < 650, 'dropout in training zeroes about half');
  t.ok(d.max().item() === 2, 'and scales the rest by 1/(1-p)');
});

t.test('Module mechanics', async (t) => {
  class Net extends nn.Module {
    features = new nn.Sequential(new nn.Conv2d(1, 2, 3), new nn.BatchNorm2d(2), new nn.ReLU());
    head = new nn.Linear(2, 3);
    scale = new nn.Parameter(torch.ones(1));
    constructor() {
      super();
      this.registerBuffer('steps', torch.zeros(1));
    }
    forward(x: torch.Tensor) {
      return this.head(this.features(x).mean([2, 3])).mul(this.scale);
    }
  }
  const net = new Net();
  t.equal(typeof net, 'function', 'modules are callable');
  t.same(net(torch.randn(2, 1, 5, 5)).shape, [2, 3], 'model(x) runs forward');
  t.same([...net.namedParameters()].map(([k]) => k), ['scale', 'features.0.weight', 'features.0.bias', 'features.1.weight', 'features.1.bias', 'head.weight', 'head.bias'], 'own parameters first, as named_parameters()');
  t.same(Object.keys(net.stateDict()), ['scale', 'steps', 'features.0.weight', 'features.0.bias', 'features.1.weight', 'features.1.bias', 'features.1.running_mean', 'features.1.running_var', 'features.1.num_batches_tracked', 'head.weight', 'head.bias'],
    "state-dict keys as PyTorch names them (the module's own entries first)");
  t.same([...net.namedModules()].map(([k]) => k), ['', 'features', 'features.0', 'features.1', 'features.2', 'head']);
  t.same([...net.namedChildren()].map(([k]) => k), ['features', 'head']);
  t.same([...net.namedBuffers()].map(([k]) => k), ['steps', 'features.1.running_mean', 'features.1.running_var', 'features.1.num_batches_tracked']);
  t.equal([...net.children()].length, 2);
  t.equal([...net.modules()].length, 6);
  net.eval();
  t.equal(net.features.get(1).training, false, 'eval() reaches every submodule');
  net.train();
  t.equal(net.training, true);
  net.head = new nn.Linear(2, 5);
  t.same(net(torch.randn(1, 1, 5, 5)).shape, [1, 5], 'assigning a new head replaces it');
  t.equal([...net.namedParameters()].filter(([k]) => k === 'head.weight').length, 1);
  net.requiresGrad_(false);
  t.ok([...net.parameters()].every((p) => !p.requiresGrad), 'requiresGrad_(false) freezes');
  net.head.requiresGrad_(true);
  t.equal([...net.parameters()].filter((p) => p.requiresGrad).length, 2);
  const seen: string[] = [];
  net.apply((m) => seen.push(m.constructor.name));
  t.same(seen, ['Conv2d', 'BatchNorm2d', 'ReLU', 'Sequential', 'Linear', 'Net'], 'apply visits children first');
  const sd = net.stateDict();
  const other = new Net();
  other.head = new nn.Linear(2, 5);
  other.loadStateDict(sd);
  t.equal(mismatch(other.head.weight, { shape: [5, 2], dtype: 'float32', values: sd['head.weight'].reshape(-1).tolist() }), null, 'loadStateDict copies values');
  t.throws(() => new Net().loadStateDict(sd), /size mismatch for head.weight: copying a param with shape torch.Size\(\[5, 2\]\) from checkpoint, the shape in current model is torch.Size\(\[3, 2\]\)/);
  const partial = { ...sd };
  delete partial['head.bias'];
  t.throws(() => other.loadStateDict({ ...partial, extra: torch.ones(1) }), /Missing key\(s\) in state_dict: "head.bias"[\s\S]*Unexpected key\(s\) in state_dict: "extra"/);
  const r = other.loadStateDict(partial, { strict: false });
  t.same(r.missingKeys, ['head.bias']);
  const w = net.head.weight;
  net.to(torch.float64);
  t.equal(net.head.weight, w, 'to() keeps the Parameter objects');
  t.equal(w.dtype, torch.float64);
  t.equal((net as any).steps.dtype, torch.float64, 'and converts buffers');
  t.equal(net.features.get(1).stateDict().num_batches_tracked.dtype, torch.int64, 'integer buffers keep their dtype');
  net.zeroGrad();
  t.match(String(new nn.ModuleList([new nn.ReLU(), new nn.Tanh()])), /ModuleList\(\n  \(0\): ReLU\(\)\n  \(1\): Tanh\(\)\n\)/);
  const md = new nn.ModuleDict({ a: new nn.ReLU() });
  t.same(md.keys(), ['a']);
  const pl = new nn.ParameterList([new nn.Parameter(torch.ones(2))]);
  t.equal([...pl.parameters()].length, 1);
  const seq = new nn.Sequential({ conv: new nn.Conv2d(1, 1, 1), act: new nn.ReLU() });
  t.same(Object.keys(seq.stateDict()), ['conv.weight', 'conv.bias'], 'Sequential from a record keeps the names');
  t.equal(seq.length, 2);
  t.throws(() => new nn.Linear(0, 3), /Expected positive integer for inFeatures but received 0 of type number/);
  t.throws(() => new nn.Conv2d(3, 4, 3, { padding: 'wide' as any }), /padding/);
  t.throws(() => F.relu('x' as any), /Expected Tensor for input but received 'x' of type string/);
  t.throws(() => F.crossEntropy(torch.ones(2, 3), torch.ones(2, 3), { reduction: 'avg' as any }), /Expected 'none', 'mean' or 'sum' for reduction but received "avg"/);
  t.throws(() => new nn.Module()(torch.ones(1)), /missing the required "forward" function/);
  const p = new nn.Parameter(torch.ones(2));
  t.ok(p instanceof torch.Tensor && p.requiresGrad && p.isLeaf, 'Parameter is a leaf tensor that requires grad');
  t.match(String(p), /^Parameter containing:\ntensor\(\[1\., 1\.\], requires_grad=True\)$/);
});

t.test('init and utils', async (t) => {
  const w = torch.empty(300, 200);
  nn.init.kaimingUniform_(w, { mode: 'fan_in', nonlinearity: 'relu' });
  const bound = Math.sqrt(6 / 200);
  t.ok(w.abs().max().item() <= bound + 1e-6, 'kaimingUniform_ bound');
  nn.init.kaimingNormal_(w);
  t.ok(Math.abs(w.std().item() - Math.sqrt(2 / 200)) < 0.01, 'kaimingNormal_ std');
  nn.init.xavierUniform_(w);
  t.ok(w.abs().max().item() <= Math.sqrt(6 / 500) + 1e-6, 'xavierUniform_ bound');
  nn.init.xavierNormal_(w);
  t.ok(Math.abs(w.std().item() - Math.sqrt(2 / 500)) < 0.01, 'xavierNormal_ std');
  nn.init.truncNormal_(w, 0, 1, -0.5, 0.5);
  t.ok(w.abs().max().item() <= 0.5, 'truncNormal_ stays in [a, b]');
  nn.init.constant_(w, 3);
  t.equal(w.mean().item(), 3);
  nn.init.zeros_(w);
  nn.init.ones_(w);
  t.equal(w.sum().item(), 60000);
  nn.init.normal_(w, 1, 0.5);
  nn.init.uniform_(w, -1, 1);
  t.ok(w.abs().max().item() <= 1);
  t.equal(nn.init.calculateGain('relu'), Math.sqrt(2));
  const p1 = new nn.Parameter(torch.ones(3)), p2 = new nn.Parameter(torch.ones(4));
  p1.grad = torch.full([3], 3, { dtype: torch.float32 });
  p2.grad = torch.full([4], 4, { dtype: torch.float32 });
  const total = nn.utils.clipGradNorm_([p1, p2], 1);
  t.ok(Math.abs(total.item() - Math.sqrt(27 + 64)) < 1e-4, 'clipGradNorm_ returns the total norm');
  const after = Math.sqrt(p1.grad!.pow(2).sum().item() + p2.grad!.pow(2).sum().item());
  t.ok(Math.abs(after - 1) < 1e-4, 'and scales gradients to maxNorm');
  nn.utils.clipGradValue_([p1, p2], 0.1);
  t.ok(p2.grad!.max().item() <= 0.1 + 1e-7);
  const v = nn.utils.parametersToVector([p1, p2]);
  t.same(v.shape, [7]);
  nn.utils.vectorToParameters(torch.arange(7, { dtype: torch.float32 }), [p1, p2]);
  t.same(p2.tolist(), [3, 4, 5, 6]);
});
