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
const own = fixture<Table>('nn_surface.json');
const newest = JSON.parse(readFileSync(path.join(fixturesDir, 'torch-2.14', 'nn_surface.json'), 'utf8')) as Table;
const minor = (v: string) => v.split('.').slice(0, 2).join('.');
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
