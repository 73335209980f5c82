// `npm pack` / `npm publish` entry: compiles lib/ to dist/lib with the TypeScript this repository
// locks, so the tarball ships JavaScript and declarations. Uses the installed compiler when there is
// one, else fetches the locked version once with npx (a clean clone with no node_modules packs too).
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
if (tsc) {
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
} else {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const version = lock.packages?.['node_modules/typescript']?.version;
  if (!version) throw new Error('prepack: TypeScript is neither installed nor in package-lock.json');
  console.error(`prepack: compiling with typescript@${version} from npx (dev dependencies are not installed)`);
  execFileSync('npx', ['--yes', '--package', `typescript@${version}`, 'tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
}
