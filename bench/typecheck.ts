// `npm run bench:typecheck`: what torch-node's declarations cost a user's `tsc`. Type-checks
// examples/fashion-mnist-cnn.ts (a training script: CNN, DataLoader, optimizer) as a consumer would, with
// `tsc --init`'s defaults (strict, skipLibCheck) and @types/node, against a project that imports
// only node:fs, and prints tsc's own timings (median of 5 alternating runs).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, copyFileSync, rmSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const runs = Number(process.argv[2] ?? 5);

function project(name: string, script: string, skipLibCheck: boolean): string {
  const dir = path.join(tmp, name);
  // what `npm install torch-node @types/node` puts there: the package, its dependencies, the types
  mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  symlinkSync(root, path.join(dir, 'node_modules/torch-node'));
  const deps = Object.keys(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).dependencies ?? {});
  for (const d of [...deps, '@types', 'undici-types']) {
    mkdirSync(path.dirname(path.join(dir, 'node_modules', d)), { recursive: true });
    symlinkSync(path.join(root, 'node_modules', d), path.join(dir, 'node_modules', d));
  }
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, skipLibCheck, types: ['node'] },
    files: ['main.ts'],
  }));
  writeFileSync(path.join(dir, 'main.ts'), script);
  return dir;
}

function timings(dir: string): Record<string, number> {
  const out = execFileSync(process.execPath, [tsc, '-p', dir, '--extendedDiagnostics'], { encoding: 'utf8' });
  const t: Record<string, number> = {};
  for (const m of out.matchAll(/^(Parse|Bind|Check|Total) time:\s+([\d.]+)s/gm)) t[m[1]] = Number(m[2]);
  return t;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const tmp = mkdtempSync(path.join(os.tmpdir(), 'torch-node-typecheck-'));
try {
  const script = 'examples/fashion-mnist-cnn.ts';
  const cases: [string, string][] = [];
  for (const skip of [true, false]) {
    const base = project(`base-${skip}`, "import { readFileSync } from 'node:fs';\nconsole.log(readFileSync('x'));\n", skip);
    const user = project(`user-${skip}`, '', skip);
    copyFileSync(path.join(root, script), path.join(user, 'main.ts'));
    symlinkSync(path.join(root, 'examples/lib'), path.join(user, 'lib')); // the example's helpers
    cases.push([`node:fs only, skipLibCheck ${skip}`, base], [`${path.basename(script)}, skipLibCheck ${skip}`, user]);
  }
  const results = new Map<string, Record<string, number>[]>();
  for (let i = 0; i < runs; i++) for (const [name, dir] of cases) results.set(name, [...(results.get(name) ?? []), timings(dir)]);
  console.log(`tsc ${createRequire(import.meta.url)('typescript/package.json').version}, median of ${runs} runs (seconds)`);
  console.log(`${script}: ${readFileSync(path.join(root, script), 'utf8').split('\n').length} lines`);
  console.log('project'.padEnd(46), 'parse  bind   check  total');
  const totals: Record<string, number> = {};
  for (const [name, rs] of results) {
    const m = (k: string) => median(rs.map((r) => r[k] ?? 0));
    totals[name] = m('Total');
    console.log(name.padEnd(46), [m('Parse'), m('Bind'), m('Check'), m('Total')].map((x) => x.toFixed(2).padEnd(6)).join(' '));
  }
  for (const skip of [true, false]) {
    const d = totals[`${path.basename(script)}, skipLibCheck ${skip}`] - totals[`node:fs only, skipLibCheck ${skip}`];
    console.log(`torch-node's share with skipLibCheck ${skip}: ${d.toFixed(2)} s`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
