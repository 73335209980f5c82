// Replays every op case of test/fixtures/ops.json (made by PyTorch, scripts/make_fixtures.py)
// through torch-node, the way a ported script calls it: the same names in camelCase,
// positional arguments positional, keyword arguments in one trailing options object.
import t from 'tap';
import * as torch from 'torch-node';
import { fixture, fromFixture, mismatch } from './helpers.js';

const data = fixture('ops.json');

function resolve(x: any): any {
  if (Array.isArray(x)) return x.map(resolve);
  if (x && typeof x === 'object' && '$' in x) return fromFixture(data.inputs[x.$]);
  if (x && typeof x === 'object' && 'dtype' in x) return (torch as any)[x.dtype];
  if (x === 'nan') return NaN;
  return x;
}

t.test(`${data.cases.length} op cases match PyTorch ${data.torch}`, async (t) => {
  for (const c of data.cases) {
    const label = `${c.kind === 'method' ? 'Tensor.' : 'torch.'}${c.name}(${JSON.stringify(c.args).slice(0, 60)}${Object.keys(c.kwargs).length ? ', ' + JSON.stringify(c.kwargs) : ''})`;
    const args = resolve(c.args);
    const kwargs = Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [k, resolve(v)]));
    const extra = Object.keys(kwargs).length ? [kwargs] : [];
    let result: unknown;
    try {
      if (c.kind === 'function') {
        // torch.linalg.norm and the like: a namespace, then the function
        const fn = c.name.split('.').reduce((o: any, part: string) => o?.[part], torch);
        if (typeof fn !== 'function') { t.fail(`${label}: torch.${c.name} is missing`); continue; }
        result = fn(...args, ...extra);
      } else {
        const self = args[0];
        const fn = self[c.name];
        if (typeof fn !== 'function') { t.fail(`${label}: Tensor.${c.name} is missing`); continue; }
        result = fn.call(self, ...args.slice(1), ...extra);
        if (c.name.endsWith('_')) {
          t.equal(result, self, `${label} returns the same Tensor object`);
          const m = mismatch(self, c.self, 1e-4, 1e-5, 'self');
          t.equal(m, null, `${label} updates self`);
          continue;
        }
      }
    } catch (e) {
      t.fail(`${label} threw ${(e as Error).message}`);
      continue;
    }
    t.equal(mismatch(result, c.result), null, label);
  }
});
