// `npm pack` / `npm publish` entry: compiles lib/ to dist/lib with the TypeScript this repository
// locks, so the tarball ships JavaScript and declarations. Uses the installed compiler when there is
// one, else fetches the locked version once with npx (a clean clone with no node_modules packs too).
// Then the declarations get their doc comments (scripts/add-docs.mjs), which need the same compiler.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
let tsc = null;
try {
  tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
} catch {
  // no dev dependencies installed
}
const addDocs = path.join(root, 'scripts/add-docs.mjs');
if (tsc) {
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  // its report to stderr: `npm pack --json` prints the tarball's manifest on stdout
  execFileSync(process.execPath, [addDocs], { cwd: root, stdio: ['ignore', 2, 'inherit'] });
} else {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const version = lock.packages?.['node_modules/typescript']?.version;
  if (!version) throw new Error('prepack: TypeScript is neither installed nor in package-lock.json');
  console.error(`prepack: compiling with typescript@${version} from npx (dev dependencies are not installed)`);
  const npx = (cmd) => execFileSync('npx', ['--yes', '--package', `typescript@${version}`, '-c', cmd], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] }).toString();
  npx('tsc -p tsconfig.json');
  // npx puts the package's bin on PATH but not the package on Node's module path: find it from tsc
  const tscPath = npx('node -p "require(\'fs\').realpathSync(require(\'child_process\').execSync(\'command -v tsc\', { shell: \'/bin/sh\' }).toString().trim())"').trim();
  execFileSync(process.execPath, [addDocs], {
    cwd: root, stdio: ['ignore', 2, 'inherit'], env: { ...process.env, TORCH_NODE_TYPESCRIPT: path.join(path.dirname(tscPath), '../lib/typescript.js') },
  });
}
