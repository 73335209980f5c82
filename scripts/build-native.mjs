// `npm install` entry: finds libtorch (scripts/find-libtorch.mjs) and builds the addon with
// cmake-js. Incremental: an unchanged tree builds in seconds, one touched file recompiles alone.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findLibtorch } from './find-libtorch.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

try {
  const torch = await findLibtorch();
  const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
  const jobs = process.env.TORCH_NODE_JOBS || String(Math.min(2, cpus().length) || 1);
  const defines = [`--CDCMAKE_PREFIX_PATH=${torch.cmakeDir}`, `--CDTorch_DIR=${torch.cmakeDir}`,
    `--CDTORCH_NODE_SANITIZE=${process.env.TORCH_NODE_SANITIZE || 'OFF'}`,
    ...(process.env.TORCH_NODE_DEBUG ? ['--debug'] : [])];
  // cmake-js only configures a fresh build folder; reconfigure when the inputs change
  // (another libtorch, other headers), else just build what changed.
  const stamp = path.join(root, 'build', 'torch-node-configure.json');
  const previous = existsSync(stamp) ? readFileSync(stamp, 'utf8') : '';
  const current = JSON.stringify(defines);
  const cmakeJsRun = (command) =>
    execFileSync(process.execPath, [cmakeJs, command, '--directory', root, '--parallel', jobs, ...defines], { stdio: 'inherit', cwd: root });
  if (previous !== current) {
    cmakeJsRun('configure');
    writeFileSync(stamp, current);
  }
  cmakeJsRun('build');
} catch (e) {
  console.error(`\n${e.message}`);
  process.exit(1);
}
