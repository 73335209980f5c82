// Finds the libtorch to build against, in tch-rs's order, and says which one it used:
//   1. LIBTORCH=/path/to/libtorch                 (an unpacked libtorch folder)
//   2. LIBTORCH_USE_PYTORCH=1                     (the libtorch inside python's torch package)
//   3. a system install                           (Debian/Ubuntu: apt-get install libtorch-dev)
//   4. the official archive for this platform, downloaded once into a cache folder and verified
//      (TORCH_NODE_CUDA=cu128 picks a CUDA variant; TORCH_NODE_NO_DOWNLOAD=1 turns this off).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { downloadLibtorch } from './download-libtorch.mjs';

/** The official libtorch release the download fallback fetches. */
export const LIBTORCH_VERSION = '2.11.0';
/** The CUDA variants PyTorch publishes for that release (download.pytorch.org/libtorch/<variant>/). */
export const LIBTORCH_CUDA_VARIANTS = ['cu126', 'cu128', 'cu130'];

/**
 * The official archive for a platform and architecture (Node's process.platform / process.arch), or
 * an Error saying plainly that PyTorch publishes none for it. Linux x86-64 has CPU and CUDA builds,
 * macOS arm64 a CPU build; there is no official libtorch for Linux aarch64 (nor Intel macOS since 2.3).
 */
export function libtorchArchive({ platform = process.platform, arch = process.arch, variant = 'cpu', version = LIBTORCH_VERSION } = {}) {
  const base = 'https://download.pytorch.org/libtorch';
  const elsewhere = 'Install PyTorch with pip and build with LIBTORCH_USE_PYTORCH=1, install your distribution\'s libtorch-dev, or point LIBTORCH (or TORCH_NODE_LIBTORCH_URL) at a libtorch built for it.';
  if (variant !== 'cpu' && !LIBTORCH_CUDA_VARIANTS.includes(variant)) {
    return new Error(`PyTorch publishes no libtorch ${version} for TORCH_NODE_CUDA=${variant} (there are: cpu, ${LIBTORCH_CUDA_VARIANTS.join(', ')}).`);
  }
  if (platform === 'linux' && arch === 'x64') {
    return { url: `${base}/${variant}/libtorch-shared-with-deps-${version}%2B${variant}.zip`, name: `libtorch-${version}-${variant}` };
  }
  if (platform === 'darwin' && arch === 'arm64') {
    if (variant !== 'cpu') return new Error(`PyTorch publishes no CUDA libtorch for macOS (TORCH_NODE_CUDA=${variant}); the macOS build is CPU (and MPS) only.`);
    return { url: `${base}/cpu/libtorch-macos-arm64-${version}.zip`, name: `libtorch-${version}-macos-arm64` };
  }
  if (platform === 'win32') return new Error(`torch-node does not build on Windows (its build and runtime are Linux's and macOS's). Use WSL2, where the Linux x86-64 archive applies.`);
  const os = { linux: 'Linux', darwin: 'macOS' }[platform] ?? platform;
  const cpu = { x64: 'x86-64', arm64: 'aarch64' }[arch] ?? arch;
  const why = platform === 'darwin' && arch === 'x64' ? ' (PyTorch stopped publishing it after 2.2)' : '';
  return new Error(`PyTorch publishes no libtorch archive for ${os} ${cpu}${why}: only for Linux x86-64 and macOS arm64. ${elsewhere}`);
}

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

// Printed when an install fails: npm has rolled the package back by then, so the fix is to install
// again (npm rebuild would find nothing to rebuild).
export const HOW_TO_FIX = [
  'torch-node needs libtorch. Any one of these fixes it:',
  '  sudo apt-get install -y libtorch-dev && npm install torch-node   # Debian 12 / Ubuntu 23.04+',
  '  LIBTORCH=/path/to/libtorch npm install torch-node                # an unpacked official libtorch zip',
  '  LIBTORCH_USE_PYTORCH=1 npm install torch-node                    # the libtorch inside `pip install torch`',
  '(In a clone of torch-node itself: the same variables with npm run build:native.)',
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
    let torchDir, prefixPath;
    try {
      [torchDir, prefixPath] = execFileSync(python, ['-c', 'import os, torch, torch.utils; print(os.path.dirname(torch.__file__)); print(torch.utils.cmake_prefix_path)'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }).trim().split('\n');
    } catch (e) {
      throw new Error(`LIBTORCH_USE_PYTORCH=1 but \`${python} -c "import torch"\` failed: ${String(e.stderr || e.message).trim()}\n${HOW_TO_FIX}`);
    }
    // pip's torch carries libtorch's CMake files (torch.utils.cmake_prefix_path); a distribution's
    // python3-torch links its libraries to the system libtorch, whose -dev package has them.
    let cmakeDir = cmakeDirOf(torchDir) ?? [prefixPath && path.join(prefixPath, 'Torch')].find((d) => d && existsSync(path.join(d, 'TorchConfig.cmake')));
    const libtorch = path.join(torchDir, 'lib', 'libtorch.so');
    if (!cmakeDir && existsSync(libtorch)) {
      const systemLib = path.dirname(realpathSync(libtorch));
      const candidate = path.join(systemLib, 'cmake', 'Torch');
      if (systemLib !== path.join(torchDir, 'lib') && existsSync(path.join(candidate, 'TorchConfig.cmake'))) cmakeDir = candidate;
      else if (systemLib !== path.join(torchDir, 'lib')) {
        throw new Error(`LIBTORCH_USE_PYTORCH=1: the torch package at ${torchDir} is a distribution build whose libraries are the system libtorch in ${systemLib}, without its CMake files: install its development package (Debian/Ubuntu: apt-get install libtorch-dev).\n${HOW_TO_FIX}`);
      }
    }
    if (!cmakeDir) throw new Error(`LIBTORCH_USE_PYTORCH=1: the torch package at ${torchDir} has no share/cmake/Torch (a distribution build without libtorch's CMake files).\n${HOW_TO_FIX}`);
    log(`torch-node: using the libtorch inside PyTorch at ${torchDir} (${cmakeDir})`);
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
  let url = env.TORCH_NODE_LIBTORCH_URL;
  let name = `libtorch-custom-${createHash('sha256').update(url ?? '').digest('hex').slice(0, 12)}`;
  if (!url) {
    const archive = libtorchArchive({ variant });
    if (archive instanceof Error) throw new Error(`No libtorch found, and none can be downloaded: ${archive.message}\n${HOW_TO_FIX}`);
    ({ url, name } = archive);
  }
  const target = path.join(defaultCacheDir(env), name);
  let prefix;
  try {
    prefix = await downloadLibtorch({ url, target, sha256: env.TORCH_NODE_LIBTORCH_SHA256, log });
  } catch (e) {
    throw new Error(`No libtorch found, and downloading ${url} failed: ${e.message}. Set TORCH_NODE_LIBTORCH_URL to a copy this machine can reach, or HTTPS_PROXY to the proxy it must use.\n${HOW_TO_FIX}`, { cause: e });
  }
  const cmakeDir = cmakeDirOf(prefix);
  if (!cmakeDir) throw new Error(`The archive from ${url} holds no libtorch (no share/cmake/Torch).\n${HOW_TO_FIX}`);
  log(`torch-node: using the downloaded libtorch in ${prefix}`);
  return { source: 'download', cmakeDir, prefix };
}
