// The package imports by its own name (self-reference through "exports") from TS run by tsx,
// from compiled JS (ESM and CommonJS), and the torchvision subpath resolves.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as torch from 'torch-node';
import { tempDir } from './temp-dir.js';

// the packed install compiles the addon in a fresh project: minutes on 2 cores, past the suite's 300 s
t.setTimeout(1_200_000);
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
  const { mkdirSync, writeFileSync, rmSync } = await import('node:fs');
  const dir = tempDir('torch-node-broken-');
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

t.test('npm pack, then the tarball installed offline into an empty project: it builds, keeps only the addon, and imports', { timeout: 900_000 }, async (t) => {
  const { readFileSync, readdirSync, writeFileSync, existsSync } = await import('node:fs');
  const { createHash } = await import('node:crypto');
  const dir = tempDir('torch-node-pack-');
  // npm 11 prints an array of packages, npm 12 an object keyed by name
  const json = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  const packed = Array.isArray(json) ? json[0] : Object.values(json)[0] as { files: { path: string }[]; filename: string };
  const files = (packed.files as { path: string }[]).map((f) => f.path);
  for (const f of ['LICENSE', 'CHANGELOG.md', 'README.md', 'dist/lib/index.js', 'dist/lib/index.d.ts', 'binding/addon.cc', 'CMakeLists.txt', 'scripts/build-native.mjs']) {
    t.ok(files.includes(f), `the tarball has ${f}`);
  }
  t.notOk(files.some((f) => f.startsWith('build/') || f.startsWith('test/')), 'and no build output or tests');
  const tgz = path.join(dir, packed.filename);
  // the project's lockfile: torch-node from the tarball, its dependencies as this repository locks
  // them, so that `npm ci --offline` takes everything from npm's cache
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const own = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const project = path.join(dir, 'project');
  (await import('node:fs')).mkdirSync(project);
  const packages: Record<string, unknown> = {
    '': { name: 'project', version: '1.0.0', dependencies: { 'torch-node': `file:${tgz}` } },
    'node_modules/torch-node': {
      version: own.version, resolved: `file:${tgz}`, integrity: `sha512-${createHash('sha512').update(readFileSync(tgz)).digest('base64')}`,
      license: own.license, hasInstallScript: true, dependencies: own.dependencies, engines: own.engines,
    },
  };
  for (const [k, v] of Object.entries(lock.packages as Record<string, { dev?: boolean }>)) if (k.startsWith('node_modules/') && !v.dev) packages[k] = v;
  // the approval `npm install-scripts approve torch-node` writes (npm 11.19 runs an unapproved install
  // script with a warning; npm 12 skips it): a tarball is approved by its spec, a registry package by name
  const allowScripts = { 'torch-node': true, [`file:${tgz}`]: true };
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'project', version: '1.0.0', type: 'module', dependencies: { 'torch-node': `file:${tgz}` }, allowScripts }));
  writeFileSync(path.join(project, 'package-lock.json'), JSON.stringify({ name: 'project', version: '1.0.0', lockfileVersion: 3, requires: true, packages }));
  const out = execFileSync('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TORCH_NODE_JOBS: '2' } });
  t.match(out, /added \d+ packages/, 'npm ci --offline installs it');
  const build = path.join(project, 'node_modules/torch-node/build');
  t.same(readdirSync(build).sort(), ['Release', 'torch-node-configure.json'], 'build/ keeps only the addon and the note of its libtorch');
  t.same(readdirSync(path.join(build, 'Release')), ['torch_node.node']);
  t.ok(existsSync(path.join(project, 'node_modules/torch-node/dist/lib/index.d.ts')), 'with its declarations');
  writeFileSync(path.join(project, 'main.js'), `import * as torch from 'torch-node';\n${example}`);
  t.equal(execFileSync(process.execPath, ['main.js'], { cwd: project, encoding: 'utf8' }).trim(), '[128,10] number', 'and a script importing it runs');
});
