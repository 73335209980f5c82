// `npm install` entry: finds libtorch (scripts/find-libtorch.mjs) and builds the addon with
// cmake-js. Incremental: an unchanged tree builds in seconds, one touched file recompiles alone.
// Installed as a dependency (inside node_modules), it says what it is doing on the terminal (npm
// hides install scripts' output) and keeps only the addon: the precompiled header and objects
// (over 300 MB) are deleted once the addon is linked.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { existsSync, openSync, readFileSync, readdirSync, rmSync, writeSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findLibtorch } from './find-libtorch.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const asDependency = root.split(path.sep).includes('node_modules');

// npm 11 swallows an install script's stdout and stderr unless it fails: tell the person waiting on
// the terminal itself, when there is one
let tty = null;
try {
  if (asDependency && !process.stderr.isTTY) tty = openSync('/dev/tty', 'w');
} catch {
  tty = null;
}
const say = (line) => {
  console.error(line);
  if (tty !== null) {
    try {
      writeSync(tty, `${line}\n`);
    } catch {
      // the terminal went away; stderr still has it
    }
  }
};

/** Everything in build/ but the linked addon and the configure stamp that names its libtorch. */
function keepOnlyAddon() {
  const build = path.join(root, 'build');
  for (const entry of readdirSync(build)) {
    if (entry === 'torch-node-configure.json') continue;
    if (entry === 'Release' || entry === 'Debug') {
      for (const f of readdirSync(path.join(build, entry))) if (f !== 'torch_node.node') rmSync(path.join(build, entry, f), { recursive: true, force: true });
      continue;
    }
    rmSync(path.join(build, entry), { recursive: true, force: true });
  }
}

/**
 * The running Node's own headers (include/node beside its bin/, where Node's tarballs and Debian's
 * nodejs put them), when they are this Node's (their NODE_MODULE_VERSION is process.versions.modules):
 * the addon then makes tensor handles with V8 directly (binding/tensor_handle.cc says why), and the
 * JS side uses them only under that same ABI. '' otherwise, or with TORCH_NODE_V8_HANDLES=0.
 */
function nodeV8Headers() {
  if (process.env.TORCH_NODE_V8_HANDLES === '0') return '';
  const dir = path.resolve(path.dirname(process.execPath), '..', 'include', 'node');
  try {
    const version = readFileSync(path.join(dir, 'node_version.h'), 'utf8').match(/#define NODE_MODULE_VERSION (\d+)/);
    return version && version[1] === process.versions.modules && existsSync(path.join(dir, 'v8.h')) ? dir : '';
  } catch {
    return '';
  }
}

try {
  const torch = await findLibtorch();
  const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
  const jobs = process.env.TORCH_NODE_JOBS || String(Math.min(2, cpus().length) || 1);
  const v8Include = nodeV8Headers();
  const defines = [`--CDCMAKE_PREFIX_PATH=${torch.cmakeDir}`, `--CDTorch_DIR=${torch.cmakeDir}`,
    `--CDTORCH_NODE_SANITIZE=${process.env.TORCH_NODE_SANITIZE || 'OFF'}`,
    `--CDTORCH_NODE_V8_INCLUDE=${v8Include}`,
    ...(process.env.TORCH_NODE_DEBUG ? ['--debug'] : [])];
  // cmake-js only configures a fresh build folder; reconfigure when the inputs change
  // (another libtorch, other headers), else just build what changed.
  const stamp = path.join(root, 'build', 'torch-node-configure.json');
  const previous = existsSync(stamp) ? readFileSync(stamp, 'utf8') : '';
  const current = JSON.stringify(defines);
  const cmakeJsRun = (command) =>
    execFileSync(process.execPath, [cmakeJs, command, '--directory', root, '--parallel', jobs, ...defines], { stdio: 'inherit', cwd: root });
  const started = Date.now();
  say(`torch-node: compiling its native addon against the libtorch in ${torch.cmakeDir} (found by ${torch.source}) with ${jobs} job(s); this takes a minute or two`);
  if (previous !== current) {
    cmakeJsRun('configure');
    writeFileSync(stamp, current);
  }
  cmakeJsRun('build');
  if (asDependency) keepOnlyAddon();
  say(`torch-node: addon built in ${Math.round((Date.now() - started) / 1000)} s`);
} catch (e) {
  say(`\ntorch-node: the native addon was not built.\n${e.message}`);
  process.exit(1);
}
