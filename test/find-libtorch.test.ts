// scripts/find-libtorch.mjs: the search order, the messages, and the download path, which is
// exercised against a loopback HTTP server serving archives this test makes.
import t from 'tap';
import http from 'node:http';
import { mkdirSync, writeFileSync, existsSync, readdirSync, chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import yazl from 'yazl';
// @ts-ignore: plain JS build script
import { findLibtorch, HOW_TO_FIX, libtorchArchive, LIBTORCH_VERSION } from '../scripts/find-libtorch.mjs';
import { python, hasPythonTorch } from './helpers.js';
import { tempDir } from './temp-dir.js';

const quiet = () => {};
const tmp = () => tempDir('torch-node-find-');

function fakeLibtorch(root: string) {
  mkdirSync(path.join(root, 'share/cmake/Torch'), { recursive: true });
  writeFileSync(path.join(root, 'share/cmake/Torch/TorchConfig.cmake'), '# fake\n');
  return root;
}

function makeZip(files: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const [name, body] of Object.entries(files)) zip.addBuffer(Buffer.from(body), name, { compress: false });
    zip.end();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

const noSystem = { TORCH_NODE_SYSTEM_CMAKE_DIRS: '' };

t.test('LIBTORCH comes first', async (t) => {
  const dir = fakeLibtorch(tmp());
  const r = await findLibtorch({ env: { LIBTORCH: dir, LIBTORCH_USE_PYTORCH: '1' }, log: quiet });
  t.equal(r.source, 'LIBTORCH');
  t.equal(r.cmakeDir, path.join(dir, 'share/cmake/Torch'));
  await t.rejects(findLibtorch({ env: { LIBTORCH: '/nonexistent' }, log: quiet }), /LIBTORCH=\/nonexistent holds no share\/cmake\/Torch\/TorchConfig.cmake.[\s\S]*apt-get install -y libtorch-dev/);
});

t.test('LIBTORCH_USE_PYTORCH=1 uses the libtorch inside the python torch package', async (t) => {
  const torchDir = fakeLibtorch(tmp());
  const python = path.join(tmp(), 'python');
  writeFileSync(python, `#!/bin/sh\necho ${torchDir}\necho ${torchDir}/share/cmake\n`);
  chmodSync(python, 0o755);
  const r = await findLibtorch({ env: { LIBTORCH_USE_PYTORCH: '1', PYTHON: python }, log: quiet });
  t.equal(r.source, 'LIBTORCH_USE_PYTORCH');
  t.equal(r.prefix, torchDir);
  await t.rejects(findLibtorch({ env: { LIBTORCH_USE_PYTORCH: '1', PYTHON: '/nonexistent/python3' }, log: quiet }), /import torch"` failed/);
  const bare = tmp();
  const python2 = path.join(tmp(), 'python');
  writeFileSync(python2, `#!/bin/sh\necho ${bare}\necho ${bare}/share/cmake\n`);
  chmodSync(python2, 0o755);
  await t.rejects(findLibtorch({ env: { LIBTORCH_USE_PYTORCH: '1', PYTHON: python2 }, log: quiet }), /has no share\/cmake\/Torch/);
});

t.test("LIBTORCH_USE_PYTORCH=1 with this machine's PyTorch builds against that PyTorch's libtorch", { skip: hasPythonTorch ? false : 'needs PyTorch in /usr/bin/python3' }, async (t) => {
  // pip's torch carries share/cmake/Torch; Debian's python3-torch links to the system libtorch instead,
  // whose CMake files come with libtorch-dev: either way the one PyTorch runs on is found
  const r = await findLibtorch({ env: { LIBTORCH_USE_PYTORCH: '1', PYTHON: python }, log: quiet });
  t.equal(r.source, 'LIBTORCH_USE_PYTORCH');
  t.ok(existsSync(path.join(r.cmakeDir, 'TorchConfig.cmake')), r.cmakeDir);
  const { execFileSync } = await import('node:child_process');
  const pyVersion = execFileSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' }).trim();
  const cmakeVersion = /PACKAGE_VERSION "([\d.]+)"/.exec(readFileSync(path.join(r.cmakeDir, 'TorchConfigVersion.cmake'), 'utf8'))?.[1];
  t.equal(cmakeVersion?.split('.').slice(0, 2).join('.'), pyVersion.split('.').slice(0, 2).join('.'), `the CMake files are PyTorch ${pyVersion}'s`);
});

t.test('the download picks the archive for the platform, or says plainly that none exists', async (t) => {
  const url = (platform: string, arch: string, variant = 'cpu') => {
    const a = libtorchArchive({ platform, arch, variant });
    return a instanceof Error ? a : a.url;
  };
  t.equal(url('linux', 'x64'), `https://download.pytorch.org/libtorch/cpu/libtorch-shared-with-deps-${LIBTORCH_VERSION}%2Bcpu.zip`);
  t.equal(url('linux', 'x64', 'cu128'), `https://download.pytorch.org/libtorch/cu128/libtorch-shared-with-deps-${LIBTORCH_VERSION}%2Bcu128.zip`);
  t.equal(url('darwin', 'arm64'), `https://download.pytorch.org/libtorch/cpu/libtorch-macos-arm64-${LIBTORCH_VERSION}.zip`);
  t.match(String(url('linux', 'arm64')), /no libtorch archive for Linux aarch64: only for Linux x86-64 and macOS arm64\. Install PyTorch with pip and build with LIBTORCH_USE_PYTORCH=1/);
  t.match(String(url('darwin', 'x64')), /macOS x86-64 \(PyTorch stopped publishing it after 2\.2\)/);
  t.match(String(url('darwin', 'arm64', 'cu128')), /no CUDA libtorch for macOS/);
  t.match(String(url('linux', 'x64', 'cu99')), /no libtorch [\d.]+ for TORCH_NODE_CUDA=cu99 \(there are: cpu, cu/);
  t.match(String(url('win32', 'x64')), /does not build on Windows/);
  t.ok(Number(LIBTORCH_VERSION.split('.')[0]) >= 2 && Number(LIBTORCH_VERSION.split('.')[1]) >= 10, `a current release (${LIBTORCH_VERSION})`);
});

t.test('a system install is found', async (t) => {
  const dir = path.join(fakeLibtorch(tmp()), 'share/cmake/Torch');
  const r = await findLibtorch({ env: { TORCH_NODE_SYSTEM_CMAKE_DIRS: dir }, log: quiet });
  t.equal(r.source, 'system');
  t.equal(r.cmakeDir, dir);
  if (existsSync('/usr/lib/x86_64-linux-gnu/cmake/Torch/TorchConfig.cmake')) {
    const d = await findLibtorch({ env: {}, log: quiet });
    t.equal(d.source, 'system', "Debian's libtorch-dev is found by default");
  }
});

t.test('nothing found and downloads off: the message says how to fix it', async (t) => {
  await t.rejects(findLibtorch({ env: { ...noSystem, TORCH_NODE_NO_DOWNLOAD: '1' }, log: quiet }), { message: /sudo apt-get install -y libtorch-dev/ });
  t.match(HOW_TO_FIX, /LIBTORCH=\/path\/to\/libtorch npm install torch-node/);
  t.match(HOW_TO_FIX, /LIBTORCH_USE_PYTORCH=1 npm install torch-node/);
});

t.test('the download path, against a loopback server', async (t) => {
  const good = await makeZip({ 'libtorch/share/cmake/Torch/TorchConfig.cmake': '# fake\n', 'libtorch/lib/libtorch.so': 'not really' });
  const goodSha = createHash('sha256').update(good).digest('hex');
  const notLibtorch = await makeZip({ 'something/else.txt': 'hi' });
  const corrupt = Buffer.from(good);
  // flip a byte inside the stored TorchConfig.cmake body: the CRC-32 check must catch it
  const at = corrupt.indexOf(Buffer.from('# fake'));
  corrupt[at] ^= 0xff;
  const hits: Record<string, number> = {};
  const server = http.createServer((req, res) => {
    hits[req.url!] = (hits[req.url!] ?? 0) + 1;
    if (req.url === '/good.zip') { res.writeHead(200, { 'content-length': good.length }); res.end(good); }
    else if (req.url === '/corrupt.zip') { res.writeHead(200, { 'content-length': corrupt.length }); res.end(corrupt); }
    else if (req.url === '/notlibtorch.zip') { res.end(notLibtorch); }
    else if (req.url === '/truncated.zip') {
      res.writeHead(200, { 'content-length': good.length });
      res.write(good.subarray(0, 100));
      setTimeout(() => res.destroy(), 20);
    } else { res.writeHead(500, 'Internal Server Error'); res.end('nope'); }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.teardown(() => server.close());
  const base = `http://127.0.0.1:${(server.address() as any).port}`;
  const cache = tmp();
  const env = (file: string, extra = {}) => ({ ...noSystem, TORCH_NODE_CACHE: cache, TORCH_NODE_LIBTORCH_URL: `${base}/${file}`, ...extra });
  const leftovers = () => readdirSync(cache).filter((f) => f.includes('.part') || f.includes('.extracting'));

  const r = await findLibtorch({ env: env('good.zip', { TORCH_NODE_LIBTORCH_SHA256: goodSha }), log: quiet });
  t.equal(r.source, 'download');
  t.ok(existsSync(path.join(r.cmakeDir, 'TorchConfig.cmake')), 'extracted into the cache');
  const again = await findLibtorch({ env: env('good.zip'), log: quiet });
  t.equal(again.prefix, r.prefix);
  t.equal(hits['/good.zip'], 1, 'a good copy is not fetched again');

  const fresh = () => ({ TORCH_NODE_CACHE: tmp() });
  await t.rejects(findLibtorch({ env: { ...env('good.zip', { TORCH_NODE_LIBTORCH_SHA256: '0'.repeat(64) }), ...fresh() }, log: quiet }), /SHA-256 mismatch/);
  await t.rejects(findLibtorch({ env: { ...env('missing.zip'), ...fresh() }, log: quiet }), /server answered HTTP 500 Internal Server Error[\s\S]*apt-get install -y libtorch-dev/);
  await t.rejects(findLibtorch({ env: { ...env('truncated.zip'), ...fresh() }, log: quiet }), /the connection closed after 100 of \d+ bytes \(terminated\), after 4 attempts directly .*Set TORCH_NODE_LIBTORCH_URL to a copy this machine can reach, or HTTPS_PROXY/);
  await t.rejects(findLibtorch({ env: { ...env('corrupt.zip'), ...fresh() }, log: quiet }), /CRC-32 mismatch|corrupt|invalid/i);
  await t.rejects(findLibtorch({ env: { ...env('notlibtorch.zip'), ...fresh() }, log: quiet }), /no libtorch\/ folder/);
  // the failures above used their own caches; the shared one holds only the good copy
  const c2 = tmp();
  await t.rejects(findLibtorch({ env: { ...env('corrupt.zip'), TORCH_NODE_CACHE: c2 }, log: quiet }));
  t.same(readdirSync(c2), [], 'a failed download leaves nothing behind');
  t.same(leftovers(), []);
});
