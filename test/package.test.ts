// The package imports by its own name (self-reference through "exports") from TS run by tsx,
// from compiled JS (ESM and CommonJS), and the torchvision subpath resolves.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as torch from 'torch-node';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (args: string[]) => execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' }).trim();
const example = `const x = torch.randn([64, 128], { requiresGrad: true });
const w = torch.randn([128, 10], { requiresGrad: true });
const loss = x.matmul(w).relu().sum();
loss.backward();
console.log(JSON.stringify(w.grad.shape), typeof loss.item());`;

t.test('compiled ESM: import by package name', async (t) => {
  const out = run(['--input-type=module', '-e', `import * as torch from 'torch-node';\n${example}`]);
  t.equal(out, '[128,10] number');
});

t.test('CommonJS: require by package name', async (t) => {
  const out = run(['-e', `const torch = require('torch-node');\n${example}`]);
  t.equal(out, '[128,10] number');
});

t.test('TypeScript through tsx', async (t) => {
  const out = run(['--import', 'tsx', 'examples/quickstart.ts']);
  t.match(out, /^\[ 128, 10 \] -?\d+(\.\d+)?$/);
});

t.test('the torchvision subpath resolves', async (t) => {
  const out = run(['--input-type=module', '-e', `import * as tv from 'torch-node/torchvision'; console.log(typeof tv.version);`]);
  t.equal(out, 'string');
});

t.test('torch.version and torch.config describe the libtorch in use', async (t) => {
  const out = JSON.parse(run(['--input-type=module', '-e', `import * as torch from 'torch-node'; console.log(JSON.stringify({ v: torch.version, c: torch.config.deviceTypes, cuda: torch.cuda.isAvailable() }))`]));
  t.match(out.v.libtorch, /^\d+\.\d+\.\d+/);
  t.ok(out.c.includes('cpu'));
  t.equal(typeof out.cuda, 'boolean');
});

t.test('torch.accelerator reports the accelerator this build runs on, or none', async (t) => {
  const a = torch.accelerator;
  if (torch.cuda.isAvailable()) {
    t.ok(a.isAvailable());
    t.equal(String(a.currentAccelerator()), "device(type='cuda')");
    t.equal(a.deviceCount(), torch.cuda.deviceCount());
    t.equal(a.currentDeviceIndex(), 0);
  } else {
    // a CPU build: a ported `torch.accelerator.currentAccelerator()?.type ?? 'cpu'` stays on the CPU
    t.equal(a.isAvailable(), false);
    t.equal(a.currentAccelerator(), null, 'None, as Python');
    t.equal(a.deviceCount(), 0);
    t.throws(() => a.synchronize(), /no accelerator is available/);
  }
});
