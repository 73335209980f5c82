// Finds the libtorch to build against, in tch-rs's order, and says which one it used:
//   1. LIBTORCH=/path/to/libtorch                 (an unpacked libtorch folder)
//   2. LIBTORCH_USE_PYTORCH=1                     (the libtorch inside python's torch package)
//   3. a system install                           (Debian/Ubuntu: apt-get install libtorch-dev)
//   4. the official archive, downloaded once into a cache folder and verified
//      (TORCH_NODE_CUDA=cu121 picks a CUDA variant; TORCH_NODE_NO_DOWNLOAD=1 turns this off).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { downloadLibtorch } from './download-libtorch.mjs';

export const LIBTORCH_VERSION = '2.5.1';

const SYSTEM_CMAKE_DIRS = [
  '/usr/lib/x86_64-linux-gnu/cmake/Torch',
  '/usr/lib/aarch64-linux-gnu/cmake/Torch',
  '/usr/lib/cmake/Torch',
  '/usr/share/cmake/Torch',
  '/usr/local/lib/cmake/Torch',
  '/usr/local/share/cmake/Torch',
  '/usr/local/libtorch/share/cmake/Torch',
  '/opt/libtorch/share/cmake/Torch',
];

export const HOW_TO_FIX = [
  'torch-node needs libtorch. Any one of these fixes it:',
  '  sudo apt-get install -y libtorch-dev            # Debian 12 / Ubuntu 23.04+',
  '  LIBTORCH=/path/to/libtorch npm rebuild torch-node   # an unpacked official libtorch zip',
  '  LIBTORCH_USE_PYTORCH=1 npm rebuild torch-node       # the libtorch inside `pip install torch`',
].join('\n');

function cmakeDirOf(prefix) {
  return [path.join(prefix, 'share/cmake/Torch'), path.join(prefix, 'lib/cmake/Torch')].find((d) =>
    existsSync(path.join(d, 'TorchConfig.cmake')),
  );
}

export function defaultCacheDir(env = process.env) {
  if (env.TORCH_NODE_CACHE) return env.TORCH_NODE_CACHE;
  const base = env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(base, 'torch-node');
}

/** Resolves { source, cmakeDir, prefix } or throws an Error whose message says how to fix it. */
export async function findLibtorch({ env = process.env, log = (m) => console.error(m) } = {}) {
  if (env.LIBTORCH) {
    const cmakeDir = cmakeDirOf(env.LIBTORCH);
    if (!cmakeDir) throw new Error(`LIBTORCH=${env.LIBTORCH} holds no share/cmake/Torch/TorchConfig.cmake.\n${HOW_TO_FIX}`);
    log(`torch-node: using libtorch from LIBTORCH=${env.LIBTORCH}`);
    return { source: 'LIBTORCH', cmakeDir, prefix: env.LIBTORCH };
  }
  if (env.LIBTORCH_USE_PYTORCH === '1' || env.LIBTORCH_USE_PYTORCH === 'true') {
    const python = env.PYTHON || 'python3';
    let torchDir;
    try {
      torchDir = execFileSync(python, ['-c', 'import os, torch; print(os.path.dirname(torch.__file__))'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }).trim();
    } catch (e) {
      throw new Error(`LIBTORCH_USE_PYTORCH=1 but \`${python} -c "import torch"\` failed: ${String(e.stderr || e.message).trim()}\n${HOW_TO_FIX}`);
    }
    const cmakeDir = cmakeDirOf(torchDir);
    if (!cmakeDir) throw new Error(`LIBTORCH_USE_PYTORCH=1: the torch package at ${torchDir} has no share/cmake/Torch (a distribution build without libtorch's CMake files).\n${HOW_TO_FIX}`);
    log(`torch-node: using the libtorch inside PyTorch at ${torchDir}`);
    return { source: 'LIBTORCH_USE_PYTORCH', cmakeDir, prefix: torchDir };
  }
  const systemDirs = env.TORCH_NODE_SYSTEM_CMAKE_DIRS !== undefined
    ? env.TORCH_NODE_SYSTEM_CMAKE_DIRS.split(path.delimiter).filter(Boolean)
    : SYSTEM_CMAKE_DIRS;
  const system = systemDirs.find((d) => existsSync(path.join(d, 'TorchConfig.cmake')));
  if (system) {
    log(`torch-node: using the system libtorch (${system})`);
    return { source: 'system', cmakeDir: system, prefix: path.resolve(system, '../../../..') };
  }
  if (env.TORCH_NODE_NO_DOWNLOAD === '1') throw new Error(`No libtorch found and TORCH_NODE_NO_DOWNLOAD=1.\n${HOW_TO_FIX}`);
  const variant = env.TORCH_NODE_CUDA || 'cpu';
  const url =
    env.TORCH_NODE_LIBTORCH_URL ||
    `https://download.pytorch.org/libtorch/${variant}/libtorch-cxx11-abi-shared-with-deps-${LIBTORCH_VERSION}%2B${variant}.zip`;
  const target = path.join(defaultCacheDir(env), `libtorch-${LIBTORCH_VERSION}-${variant}`);
  let prefix;
  try {
    prefix = await downloadLibtorch({ url, target, sha256: env.TORCH_NODE_LIBTORCH_SHA256, log });
  } catch (e) {
    throw new Error(`No libtorch found, and downloading ${url} failed: ${e.message}\n${HOW_TO_FIX}`);
  }
  const cmakeDir = cmakeDirOf(prefix);
  if (!cmakeDir) throw new Error(`The archive from ${url} holds no libtorch (no share/cmake/Torch).\n${HOW_TO_FIX}`);
  log(`torch-node: using the downloaded libtorch in ${prefix}`);
  return { source: 'download', cmakeDir, prefix };
}
