// The rest of torch.nn's modules against PyTorch (scripts/make_nn_surface_fixtures.py): each is built
// from the TypeScript a port would write, loaded with PyTorch's initial state, and must give PyTorch's
// repr, output, input and parameter gradients, and state after the step. Modules the running
// libtorch's PyTorch lacked (RMSNorm before 2.4...) are checked against the newest fixture's values.
import t from 'tap';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as torch from 'torch-node';
import { fixture, fixturesDir, fromFixture, mismatch, type EncTensor } from './helpers.js';

const { nn } = torch;
const F = nn.functional;

interface Entry {
  name: string; python: string; ts: string; repr: string; train: boolean; initState: Record<string, EncTensor>;
  inputs?: EncTensor[]; inputGrad?: boolean[]; output?: EncTensor; inputGrads?: (EncTensor | null)[];
  paramGrads?: Record<string, EncTensor>; stateAfter?: Record<string, EncTensor>; backwardError?: string;
}
interface Table { torch: string; modules: Entry[]; absent: { name: string }[] }
const minor = (v: string) => v.split('.').slice(0, 2).join('.');
const newest = JSON.parse(readFileSync(path.join(fixturesDir, 'torch-2.14', 'nn_surface.json'), 'utf8')) as Table;
const nearest = fixture<Table>('nn_surface.json');
// a libtorch without its own fixture is held to the nearest PyTorch's: 1.13's for 1.x, the newest for 2.x
// (2.x gave channel_shuffle a derivative that 1.13 lacked)
const own = minor(nearest.torch) !== minor(torch.version.libtorch) && Number(torch.version.libtorch.split('.')[0]) >= 2 ? newest : nearest;
const sameVersion = minor(own.torch) === minor(torch.version.libtorch);

for (const latest of newest.modules) {
  const mine = own.modules.find((e) => e.name === latest.name);
  const e = mine ?? latest;
  t.test(`${e.name}: ${e.ts}`, async (t) => {
    torch.manualSeed(0);
    const m = new Function('nn', 'torch', 'F', `return ${e.ts}`)(nn, torch, F) as torch.nn.Module;
    // the printout is the running PyTorch's (reprs changed between releases)
    if (mine && sameVersion) t.equal(String(m), e.repr, 'repr');
    t.same(Object.keys(m.stateDict()), Object.keys(e.initState), "PyTorch's state-dict keys, in order");
    m.loadStateDict(Object.fromEntries(Object.entries(e.initState).map(([k, v]) => [k, fromFixture(v)])));
    if (!e.inputs) return;
    m.train(e.train);
    const inputs = e.inputs.map((x, i) => (e.inputGrad![i] ? fromFixture(x).requiresGrad_() : fromFixture(x)));
    const res = m(...inputs) as torch.Tensor | torch.Tensor[];
    let main = Array.isArray(res) ? res[0] : res;
    if (!main.isFloatingPoint()) main = main.float();
    const tol = /Transformer|Multihead/.test(e.name) ? 1e-4 : 1e-5;
    t.equal(mismatch(main, e.output, 1e-4, tol, 'output'), null, 'output');
    const weights = torch.arange(main.numel(), { dtype: torch.float32 }).reshape(main.shape).mul(0.11).cos();
    if (e.backwardError) {
      t.throws(() => main.mul(weights).sum().backward(), 'no derivative, as in PyTorch');
      return;
    }
    main.mul(weights).sum().backward();
    e.inputGrads!.forEach((g, i) => {
      if (g) t.equal(mismatch(inputs[i].grad, g, 1e-4, tol, `input ${i} grad`), null, `input ${i} gradient`);
    });
    const params = Object.fromEntries(m.namedParameters());
    for (const [k, g] of Object.entries(e.paramGrads!)) t.equal(mismatch(params[k]?.grad, g, 1e-4, tol, `${k}.grad`), null, `${k} gradient`);
    const after = m.stateDict();
    for (const [k, v] of Object.entries(e.stateAfter!)) t.equal(mismatch(after[k], v, 1e-4, tol, k), null, `${k} after`);
  });
}

t.test('the modules this PyTorch lacks are still there (torch-node follows the newest)', async (t) => {
  for (const { name } of own.absent) t.ok(name in nn || newest.modules.some((e) => e.name === name), name);
});

t.test("nn.init's remaining initialisers give PyTorch's numbers for the same seed", async (t) => {
  for (const e of (own as Table & { init: { name: string; ts: string; result: EncTensor }[] }).init) {
    torch.manualSeed(0);
    const got = new Function('nn', 'torch', `return ${e.ts}`)(nn, torch) as torch.Tensor;
    t.equal(mismatch(got, e.result, 1e-4, 1e-5, e.name), null, e.ts);
  }
  t.throws(() => nn.init.orthogonal_(torch.empty(3)), /2 or more dimensions/);
  t.throws(() => nn.init.dirac_(torch.empty(3, 3), 1), /3, 4, or 5 dimensions/);
});

t.test('packed sequences: pad, pack (unsorted), a bidirectional LSTM and a GRU on them, and back', async (t) => {
  const p = (own as Table & { packed: Record<string, any> }).packed;
  const { rnn } = nn.utils;
  const load = (m: torch.nn.Module, sd: Record<string, EncTensor>) => m.loadStateDict(Object.fromEntries(Object.entries(sd).map(([k, v]) => [k, fromFixture(v)])));
  const lstm = new nn.LSTM(3, 4, { batchFirst: true, bidirectional: true });
  const gru = new nn.GRU(3, 2);
  load(lstm, p.lstm);
  load(gru, p.gru);
  const seqs = (p.seqs as EncTensor[]).map((e) => fromFixture(e).requiresGrad_());
  const padded = rnn.padSequence(seqs, { batchFirst: true });
  t.equal(mismatch(padded, p.padded), null, 'padSequence');
  const packed = rnn.packPaddedSequence(padded, [5, 2, 4], { batchFirst: true, enforceSorted: false });
  t.equal(mismatch(packed.data, p.data), null, 'packed data');
  t.equal(mismatch(packed.batchSizes, p.batchSizes), null, 'batch sizes');
  t.equal(mismatch(packed.sortedIndices, p.sortedIndices), null, 'sorted indices');
  const [outP, [h, c]] = lstm(packed) as [torch.nn.utils.rnn.PackedSequence, [torch.Tensor, torch.Tensor]];
  t.ok(outP instanceof nn.utils.rnn.PackedSequence, 'a PackedSequence in, a PackedSequence out');
  const [unpacked, lens] = rnn.padPackedSequence(outP, { batchFirst: true, totalLength: 6 });
  t.equal(mismatch(unpacked, p.unpacked), null, 'LSTM output, unpacked');
  t.equal(mismatch(lens, p.lengths), null, 'lengths, in the caller order');
  t.equal(mismatch(h, p.h), null, 'h_n in the caller order');
  t.equal(mismatch(c, p.c), null, 'c_n');
  const sorted = [...seqs].sort((a, b) => b.size(0) - a.size(0));
  const [gOut, gH] = gru(rnn.packSequence(sorted), torch.full([1, 3, 2], 0.1)) as [torch.nn.utils.rnn.PackedSequence, torch.Tensor];
  const [gUnpacked, gLens] = rnn.padPackedSequence(gOut);
  t.equal(mismatch(gUnpacked, p.gruUnpacked), null, 'GRU on packSequence, with an initial state');
  t.equal(mismatch(gLens, p.gruLengths), null, 'GRU lengths');
  t.equal(mismatch(gH, p.gruH), null, 'GRU h_n');
  const weights = torch.arange(unpacked.numel(), { dtype: torch.float32 }).reshape(unpacked.shape).mul(0.13).sin();
  unpacked.mul(weights).sum().add(h.sum().mul(0.5)).add(c.sum().mul(0.25)).add(gUnpacked.sum()).backward();
  seqs.forEach((s, i) => t.equal(mismatch(s.grad, p.seqGrads[i]), null, `sequence ${i} gradient`));
  const lp = Object.fromEntries(lstm.namedParameters()), gp = Object.fromEntries(gru.namedParameters());
  for (const [k, g] of Object.entries(p.lstmGrads as Record<string, EncTensor>)) t.equal(mismatch(lp[k].grad, g), null, `lstm ${k} gradient`);
  for (const [k, g] of Object.entries(p.gruGrads as Record<string, EncTensor>)) t.equal(mismatch(gp[k].grad, g), null, `gru ${k} gradient`);
  t.throws(() => rnn.packPaddedSequence(padded, [2, 5, 4], { batchFirst: true }), /must be sorted in decreasing order/);
});

t.test("nn.functional's remaining functions give PyTorch's numbers (same seed for the random ones)", async (t) => {
  const fx = (own as Table & { functional: { ts: string; result: EncTensor }[] }).functional;
  const x4 = torch.arange(2 * 3 * 5 * 4, { dtype: torch.float32 }).reshape(2, 3, 5, 4).mul(0.37).sin().mul(1.5);
  const theta = torch.tensor([[[0.9, -0.2, 0.1], [0.3, 1.1, -0.2]], [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]]);
  for (const e of fx) {
    torch.manualSeed(0);
    const got = new Function('F', 'x4', 'theta', `return ${e.ts}`)(F, x4, theta) as torch.Tensor;
    t.equal(mismatch(got, e.result, 1e-4, 1e-5), null, e.ts);
  }
  t.throws(() => F.gridSample(x4, torch.zeros(2, 5, 4, 2), { mode: 'cubic' as never }), /expected mode to be 'bilinear', 'nearest' or 'bicubic'/);
});

t.test('spectralNorm / removeSpectralNorm as in PyTorch: same-seed u and v, power iteration in training only', async (t) => {
  const sn = (own as Table & { spectralNorm: Record<string, any> }).spectralNorm;
  const enc = (sd: Record<string, torch.Tensor>) => Object.fromEntries(Object.entries(sd));
  torch.manualSeed(3);
  const sl = nn.utils.spectralNorm(new nn.Linear(4, 3));
  const sc = nn.utils.spectralNorm(new nn.ConvTranspose2d(2, 3, 2), { nPowerIterations: 2 });
  for (const [m, want, what] of [[sl, sn.linearState0, 'Linear'], [sc, sn.convState0, 'ConvTranspose2d (dim 1)']] as const) {
    const sd = enc(m.stateDict());
    t.same(Object.keys(sd), Object.keys(want), `${what}: state-dict keys (weight_orig, weight_u, weight_v)`);
    for (const [k, v] of Object.entries(want as Record<string, EncTensor>)) t.equal(mismatch(sd[k], v), null, `${what} ${k} after the same seed`);
  }
  const xs = torch.arange(8, { dtype: torch.float32 }).reshape(2, 4).mul(0.37).sin().mul(1.5).requiresGrad_();
  const xt = torch.arange(18, { dtype: torch.float32 }).reshape(1, 2, 3, 3).mul(0.37).sin().mul(1.5);
  const outs: torch.Tensor[] = [];
  for (let i = 0; i < 3; i++) outs.push(sl(xs) as torch.Tensor, sc(xt) as torch.Tensor);
  sl.eval();
  outs.push(sl(xs) as torch.Tensor);
  outs.forEach((o, i) => t.equal(mismatch(o, sn.outs[i]), null, `forward ${i + 1}`));
  (sl(xs) as torch.Tensor).square().sum().backward();
  t.equal(mismatch(xs.grad, sn.xGrad), null, 'input gradient');
  t.equal(mismatch((sl as any).weight_orig.grad, sn.origGrad), null, 'weight_orig gradient (through σ)');
  for (const [k, v] of Object.entries(sn.linearState as Record<string, EncTensor>)) t.equal(mismatch(sl.stateDict()[k], v), null, `${k} after training steps`);
  nn.utils.removeSpectralNorm(sl);
  t.same(Object.keys(sl.stateDict()), sn.removedKeys, 'removeSpectralNorm: weight is a parameter again');
  t.equal(mismatch(sl.weight, sn.removedWeight), null, 'with the normalised values');
  t.throws(() => nn.utils.removeSpectralNorm(sl), /spectral_norm of 'weight' not found/);
  t.throws(() => nn.utils.spectralNorm(sc), /Cannot register two spectral_norm hooks on the same parameter weight/);
});

t.test('weightNorm / removeWeightNorm and fuseConvBnWeights as in PyTorch', async (t) => {
  const w = (own as Table & { weightNorm: Record<string, any> }).weightNorm;
  const load = (m: torch.nn.Module, sd: Record<string, EncTensor>) => m.loadStateDict(Object.fromEntries(Object.entries(sd).map(([k, v]) => [k, fromFixture(v)])));
  const wl = nn.utils.weightNorm(new nn.Linear(3, 4));
  const wc = nn.utils.weightNorm(new nn.Conv1d(2, 3, 2), { dim: null });
  t.same(Object.keys(wl.stateDict()), Object.keys(w.linearState), "state-dict keys: bias, weight_g, weight_v");
  load(wl, w.linearState);
  load(wc, w.convState);
  const xl = torch.arange(6, { dtype: torch.float32 }).reshape(2, 3).mul(0.37).sin().mul(1.5).requiresGrad_();
  const xc = torch.arange(10, { dtype: torch.float32 }).reshape(1, 2, 5).mul(0.37).sin().mul(1.5);
  const yl = wl(xl) as torch.Tensor, yc = wc(xc) as torch.Tensor;
  t.equal(mismatch(yl, w.linearOut), null, 'Linear output (weight recomputed from g and v)');
  t.equal(mismatch(yc, w.convOut), null, 'Conv1d output (dim None: one norm for the whole weight)');
  yl.sum().add(yc.mul(yc).sum()).backward();
  t.equal(mismatch(xl.grad, w.xGrad), null, 'input gradient');
  const params = { ...Object.fromEntries(wl.namedParameters()), ...Object.fromEntries([...wc.namedParameters()].map(([k, p]) => [`conv.${k}`, p])) };
  for (const [k, g] of Object.entries(w.grads as Record<string, EncTensor>)) t.equal(mismatch(params[k]?.grad, g), null, `${k} gradient`);
  nn.utils.removeWeightNorm(wl);
  t.same(Object.keys(wl.stateDict()), w.removedKeys, 'removeWeightNorm: weight is a parameter again');
  t.equal(mismatch(wl.weight, w.removedWeight), null, 'with the normalised values');
  t.throws(() => nn.utils.removeWeightNorm(wl), /weight_norm of 'weight' not found/);
  const [fw, fb] = nn.utils.fuseConvBnWeights(wc.weight.detach(), wc.bias!.detach(), torch.tensor([0.1, -0.2, 0.3]), torch.tensor([1.5, 0.5, 2.0]), 1e-5,
    torch.tensor([1.1, 0.9, 1.3]), torch.tensor([0.0, 0.2, -0.1]));
  t.equal(mismatch(fw, w.fused[0]), null, 'fused weight');
  t.equal(mismatch(fb, w.fused[1]), null, 'fused bias');
});

t.test('getTotalNorm, clipGradsWithNorm_ and fuseLinearBnWeights (PyTorch 2.6) as in PyTorch', async (t) => {
  const u = ((own as any).utils26 ?? (newest as any).utils26) as { total: EncTensor; clipped: EncTensor[]; fusedLinear: EncTensor[] };
  const fixed = (shape: number[]) => torch.arange(shape.reduce((a, b) => a * b, 1), { dtype: torch.float32 }).reshape(shape).mul(0.37).sin().mul(1.5);
  const ps = [torch.zeros([3, 4], { requiresGrad: true }), torch.zeros([5], { requiresGrad: true })];
  ps[0].grad = fixed([3, 4]);
  ps[1].grad = fixed([5]).mul(3);
  const total = nn.utils.getTotalNorm(ps.map((p) => p.grad!), 3.0);
  t.equal(mismatch(total, u.total), null, 'total norm of order 3');
  nn.utils.clipGradsWithNorm_(ps, 1.5, total);
  ps.forEach((p, i) => t.equal(mismatch(p.grad, u.clipped[i]), null, `clipped gradient ${i}`));
  const [w, b] = nn.utils.fuseLinearBnWeights(fixed([3, 4]), torch.tensor([0.1, 0.2, 0.3]), torch.tensor([0.1, -0.2, 0.3]), torch.tensor([1.5, 0.5, 2.0]), 1e-5,
    torch.tensor([1.1, 0.9, 1.3]), torch.tensor([0.0, 0.2, -0.1]));
  t.equal(mismatch(w, u.fusedLinear[0]), null, 'fused Linear weight');
  t.equal(mismatch(b, u.fusedLinear[1]), null, 'fused Linear bias');
});

t.test('fuseConvBnEval / fuseLinearBnEval: one module computing both, from the fixture-checked fused weights', async (t) => {
  torch.manualSeed(4);
  const conv = new nn.Conv2d(2, 3, 3, { padding: 1, bias: false }), bn = new nn.BatchNorm2d(3);
  bn.runningMean!.copy_(torch.tensor([0.1, -0.2, 0.3]));
  bn.runningVar!.copy_(torch.tensor([1.5, 0.5, 2.0]));
  t.throws(() => nn.utils.fuseConvBnEval(conv, bn), /Fusion only for eval!/);
  conv.eval();
  bn.eval();
  const x = torch.randn(2, 2, 5, 5);
  const fused = nn.utils.fuseConvBnEval(conv, bn);
  t.ok(fused instanceof nn.Conv2d && fused !== conv && fused.bias !== null, 'a new Conv2d with a bias');
  t.ok(fused(x).allclose(bn(conv(x)), 1e-5, 1e-5), 'equals conv then bn');
  const ct = new nn.ConvTranspose2d(3, 2, 2, { stride: 2 }).eval(), bn2 = new nn.BatchNorm2d(2).eval();
  t.ok(nn.utils.fuseConvBnEval(ct, bn2, true)(torch.randn(1, 3, 4, 4)).shape.join() === '1,2,8,8', 'transposed convolutions too (transpose = true)');
  const lin = new nn.Linear(4, 3).eval(), bn1 = new nn.BatchNorm1d(3).eval();
  bn1.runningMean!.copy_(torch.tensor([0.5, 0, -1]));
  const y = torch.randn(5, 4);
  t.ok(nn.utils.fuseLinearBnEval(lin, bn1)(y).allclose(bn1(lin(y)), 1e-5, 1e-5), 'Linear then BatchNorm1d');
  t.throws(() => nn.utils.fuseLinearBnEval(lin, new nn.BatchNorm1d(5).eval()), /linear.out_features must equal bn.num_features/);
});

t.test('F.multiHeadAttentionForward with the weights passed in gives PyTorch’s outputs and weights', async (t) => {
  const fixed = (shape: number[]) => torch.arange(shape.reduce((a, b) => a * b, 1), { dtype: torch.float32 }).reshape(shape).mul(0.37).sin().mul(1.5);
  const [E, H, L, S, N] = [6, 2, 3, 4, 2];
  const q = fixed([L, N, E]), k = fixed([S, N, E]).flip([0]), v = fixed([S, N, E]).mul(0.5);
  const wIn = fixed([3 * E, E]).mul(0.3), bIn = fixed([3 * E]).mul(0.1);
  const wOut = fixed([E, E]).mul(0.25).flip([1]), bOut = fixed([E]).mul(0.05);
  const biasK = fixed([1, 1, E]), biasV = fixed([1, 1, E]).neg();
  const kpm = torch.tensor([[false, false, false, true], [false, true, false, false]]);
  const stat = fixed([N * H, S, E / H]).mul(0.7);
  const runs: Record<string, () => [torch.Tensor, torch.Tensor | null]> = {
    packed: () => F.multiHeadAttentionForward(q, k, v, E, H, wIn, bIn, null, null, false, 0.0, wOut, bOut),
    separate_mask: () => F.multiHeadAttentionForward(q, k, v, E, H, null, bIn, biasK, biasV, true, 0.0, wOut, bOut, {
      keyPaddingMask: kpm, useSeparateProjWeight: true, qProjWeight: wIn.narrow(0, 0, E), kProjWeight: wIn.narrow(0, E, E),
      vProjWeight: wIn.narrow(0, 2 * E, E), averageAttnWeights: false,
    }),
    static_kv: () => F.multiHeadAttentionForward(q, k, v, E, H, wIn, null, null, null, false, 0.0, wOut, null, { staticK: stat, staticV: stat.flip([1]) }),
    no_weights: () => F.multiHeadAttentionForward(q, k, v, E, H, wIn, bIn, null, null, false, 0.0, wOut, bOut, { needWeights: false }),
  };
  const cases = (nearest as Table & { mha?: { name: string; out: EncTensor; weights: EncTensor | null }[] }).mha ?? [];
  t.ok(cases.length === 4, 'the fixture has the four calls');
  for (const c of cases) {
    const [out, w] = runs[c.name]();
    t.equal(mismatch(out, c.out, 1e-4, 1e-5), null, `${c.name}: output`);
    if (c.weights) t.equal(mismatch(w, c.weights, 1e-4, 1e-5), null, `${c.name}: weights`);
    else t.equal(w, null, `${c.name}: no weights`);
  }
  t.throws(() => F.multiHeadAttentionForward(q, k, v, 8, H, wIn, bIn, null, null, false, 0.0, wOut, bOut), /was expecting embedding dimension of 8, but got 6/);
  t.throws(() => F.multiHeadAttentionForward(q, k, v, E, H, null, bIn, null, null, false, 0.0, wOut, bOut), /in_proj_weight is None/);
});

t.test('convertConv2dWeightMemoryFormat / convertConv3dWeightMemoryFormat re-lay the weights as PyTorch does', async (t) => {
  const want = (newest as Table & { memoryFormat: Record<string, number[]> }).memoryFormat;
  const m = new nn.Sequential(new nn.Conv2d(3, 8, 3), new nn.ReLU(), new nn.Sequential(new nn.ConvTranspose2d(8, 4, 2)), new nn.Conv3d(2, 4, 3));
  const w0 = (m.get(0) as torch.nn.Conv2d).weight;
  t.equal(nn.utils.convertConv2dWeightMemoryFormat(m, torch.channelsLast), m, 'returns the module');
  t.equal((m.get(0) as torch.nn.Conv2d).weight, w0, 'the same Parameter, new layout');
  t.same(w0.stride(), want.conv2d);
  t.same(((m.get(2) as torch.nn.Sequential).get(0) as torch.nn.ConvTranspose2d).weight.stride(), want.convTranspose2d);
  t.same((m.get(3) as torch.nn.Conv3d).weight.stride(), want.conv3dUntouched, 'a Conv3d is left alone');
  nn.utils.convertConv3dWeightMemoryFormat({ module: m, memoryFormat: torch.channelsLast3d });
  t.same((m.get(3) as torch.nn.Conv3d).weight.stride(), want.conv3d);
  t.throws(() => nn.utils.convertConv2dWeightMemoryFormat(3 as never, torch.channelsLast), /Expected a Module for module but received 3/);
});

t.test('AdaptiveLogSoftmaxWithLoss: same-seed initialisation, outputs, loss, input gradient, logProb and predict as in PyTorch', async (t) => {
  const fixed = (shape: number[]) => torch.arange(shape.reduce((a, b) => a * b, 1), { dtype: torch.float32 }).reshape(shape).mul(0.37).sin().mul(1.5);
  const want = (nearest as Table & { adaptive: Record<string, any> }).adaptive;
  torch.manualSeed(0);
  const asm = new nn.AdaptiveLogSoftmaxWithLoss(8, 20, [4, 10, 15], { divValue: 2.0, headBias: true });
  t.equal(String(asm), want.repr);
  for (const [k, v] of Object.entries(asm.stateDict())) t.equal(mismatch(v, want.state[k]), null, `same-seed ${k}`);
  const x = fixed([6, 8]).requiresGrad_();
  const res = asm(x, torch.tensor([0n, 5n, 12n, 19n, 3n, 16n]));
  t.equal(res.output, res[0], 'named: output');
  t.equal(res.loss, res[1], 'named: loss');
  res.loss.backward();
  t.equal(mismatch(res.output, want.output), null, 'output');
  t.equal(mismatch(res.loss, want.loss), null, 'loss');
  t.equal(mismatch(x.grad, want.inputGrad), null, 'input gradient');
  const [o1, l1] = asm(fixed([8]), torch.tensor(11n));
  t.equal(mismatch(o1, want.single[0]), null, 'unbatched output');
  t.equal(mismatch(l1, want.single[1]), null, 'unbatched loss');
  t.equal(mismatch(asm.logProb(fixed([6, 8])), want.logProb), null, 'logProb');
  t.equal(mismatch(asm.predict(fixed([6, 8]).mul(3)), want.predict, 0, 0), null, 'predict');
  t.throws(() => asm(fixed([2, 8]), torch.tensor([0n, 20n])), /Target values should be in \[0, 19\], but values in range \[0, 20\] were found/);
  t.throws(() => asm(fixed([2, 8]), torch.tensor([0n])), /Input and target should have the same size in the batch dimension/);
  t.throws(() => new nn.AdaptiveLogSoftmaxWithLoss(8, 20, [10, 4]), /cutoffs should be a sequence of unique, positive integers sorted in an increasing order/);
  t.throws(() => new nn.AdaptiveLogSoftmaxWithLoss(8, 20, []), /cutoffs should be a sequence of length larger than 0/);
});

t.test('F.linearCrossEntropy and nn.LinearCrossEntropyLoss (PyTorch 2.14) give PyTorch’s losses and gradients', async (t) => {
  const fixed = (shape: number[]) => torch.arange(shape.reduce((a, b) => a * b, 1), { dtype: torch.float32 }).reshape(shape).mul(0.37).sin().mul(1.5);
  const want = (newest as Table & { linearCrossEntropy: Record<string, any> }).linearCrossEntropy;
  const x = fixed([5, 6]).requiresGrad_(), w = fixed([7, 6]).mul(0.4).requiresGrad_(), b = fixed([7]).mul(0.1);
  const loss = F.linearCrossEntropy(x, w, torch.tensor([0n, 3n, 6n, 2n, 3n]), { linearBias: b, labelSmoothing: 0.1 });
  loss.backward();
  t.equal(mismatch(loss, want.loss), null, 'loss');
  t.equal(mismatch(x.grad, want.inputGrad), null, 'input gradient');
  t.equal(mismatch(w.grad, want.weightGrad), null, 'weight gradient');
  const k = F.linearCrossEntropy(fixed([4, 6]), fixed([3, 2, 6]).mul(0.5), torch.tensor([[0n, 2n], [1n, 1n], [2n, 0n], [1n, 2n]]), { reduction: 'none', ignoreIndex: 2 });
  t.equal(mismatch(k, want.kdim), null, 'K-dimensional, no reduction, ignore_index');
  t.equal(mismatch(F.linearCrossEntropy(fixed([6]), fixed([4, 6]), torch.softmax(fixed([4]), 0), { reduction: 'sum' }), want.probabilities), null, 'class probabilities');
  torch.manualSeed(0);
  const m = new nn.LinearCrossEntropyLoss(6, 4, { outFeatures: [2], bias: true, weight: torch.tensor([1.0, 2.0, 0.5, 1.0]) });
  for (const [key, v] of Object.entries(m.stateDict())) t.equal(mismatch(v, want.moduleState[key]), null, `same-seed ${key}`);
  t.equal(mismatch(m(fixed([3, 6]), torch.tensor([[0n, 3n], [2n, 1n], [1n, 1n]])), want.moduleLoss), null, 'module loss');
  t.equal(String(m), want.repr);
  t.throws(() => F.linearCrossEntropy(fixed([2, 5]), fixed([3, 6]), torch.tensor([0n, 1n])), /expected equal input and linear_weight last dimensions \(in_features\), got 5 and 6/);
  t.throws(() => new nn.LinearCrossEntropyLoss(6, 4, { labelSmoothing: 2 }), /expected label_smoothing to be in range \[0, 1\], got 2/);
});
