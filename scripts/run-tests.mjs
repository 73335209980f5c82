// `npm test`: compiles the facade, runs the tap suite, and ends with the plain summary line
// ("N passed, N failed, N skipped") that CI reads. The exit code is tap's.
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
// the declarations' doc comments from PyTorch's docstrings (test/docs.test.ts checks them)
execFileSync(process.execPath, [path.join(root, 'scripts/add-docs.mjs')], { cwd: root, stdio: 'inherit' });
// The typed API is part of the contract: tests, examples and benches must type-check against it.
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.check.json'], { cwd: root, stdio: 'inherit' });

const tapBin = path.join(path.dirname(require.resolve('tap/package.json')), 'dist/esm/run.mjs');
const tap = spawn(process.execPath, [tapBin, ...process.argv.slice(2)], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
let tail = '';
// test files that failed as a whole (a crash, an out-of-memory abort) count even when none of their
// assertions did, so the summary line never reads "0 failed" for a failed run
const failedFiles = new Set();
let pending = '';
tap.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  tail = (tail + chunk.toString()).slice(-4000);
  const lines = (pending + chunk.toString()).split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    const m = /^not ok \d+ - (test\/\S+)/.exec(line);
    if (m) failedFiles.add(m[1]);
  }
});
tap.on('close', (code) => {
  const m = /# \{ total: (\d+), pass: (\d+)(?:, fail: (\d+))?(?:, skip: (\d+))?/.exec(tail);
  if (m) {
    const [, , pass, fail = '0', skip = '0'] = m;
    const failed = Math.max(Number(fail), failedFiles.size);
    if (failedFiles.size) console.log(`\nfailed test files: ${[...failedFiles].join(', ')}`);
    console.log(`\n${pass} passed, ${failed} failed, ${skip} skipped`);
  }
  process.exit(code ?? 1);
});
