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

t.test('an addon whose libtorch is gone: the import error names the libtorch it was built against and the fix', async (t) => {
  const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(path.join(tmpdir(), 'torch-node-broken-'));
  // a shared object that needs a library that is not there, where the addon would be
  writeFileSync(path.join(dir, 'dep.c'), 'void dep(void) {}');
  writeFileSync(path.join(dir, 'addon.c'), 'void dep(void); void use(void) { dep(); }');
  execFileSync('cc', ['-shared', '-fPIC', '-o', path.join(dir, 'libgonelibtorch.so'), path.join(dir, 'dep.c')]);
  mkdirSync(path.join(dir, 'build/Release'), { recursive: true });
  const addon = path.join(dir, 'build/Release/torch_node.node');
  execFileSync('cc', ['-shared', '-fPIC', '-o', addon, path.join(dir, 'addon.c'), `-L${dir}`, '-lgonelibtorch']);
  rmSync(path.join(dir, 'libgonelibtorch.so'));
  writeFileSync(path.join(dir, 'build/torch-node-configure.json'), JSON.stringify(['--CDTorch_DIR=/opt/libtorch/share/cmake/Torch']));
  let message = '';
  try {
    execFileSync(process.execPath, ['--input-type=module', '-e', "import 'torch-node'"], { cwd: root, env: { ...process.env, TORCH_NODE_ADDON: addon }, stdio: 'pipe' });
  } catch (e) {
    message = String((e as { stderr: Buffer }).stderr);
  }
  t.match(message, /its native addon \(.*torch_node\.node\) cannot load: libgonelibtorch\.so: cannot open shared object file/);
  t.match(message, /built against the libtorch whose CMake files are in \/opt\/libtorch\/share\/cmake\/Torch/);
  t.match(message, /LIBTORCH=\/path\/to\/libtorch npm rebuild torch-node/);
});
