// Serving an AOTInductor package (ResNet18, compiled by scripts/make_aoti_packages.py with the
// python3-torch matching this libtorch): requests per second of forwardAsync with 1 and 8 requests
// in flight, against the same package run from Python (sequential, and 8 threads) in the same run.
// Needs libtorch 2.6+ and its python3-torch (the Debian sid root: npm run test:libtorch -- sid
// "npx tsx bench/aoti.ts").   BENCH_REQUESTS, BENCH_BATCH, BENCH_THREADS to change.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as torch from 'torch-node';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requests = Number(process.env.BENCH_REQUESTS ?? 40);
// batch 2: torch.export specialises sizes 0 and 1, so a dynamic batch starts at 2
const batch = Number(process.env.BENCH_BATCH ?? 2);
const threads = Number(process.env.BENCH_THREADS ?? cpus().length);
if (!torch.inductor.isAvailable()) {
  console.log(`aoti: libtorch ${torch.version.libtorch} has no AOTInductor loader (needs 2.6+); nothing to measure`);
  process.exit(0);
}
torch.setNumThreads(threads);
const dir = path.join(tmpdir(), 'torch-node-aoti-bench');
if (!existsSync(path.join(dir, 'resnet18.pt2'))) execFileSync('/usr/bin/python3', [path.join(root, 'scripts/make_aoti_packages.py'), dir, 'resnet18'], { stdio: 'inherit' });
const pkg = path.join(dir, 'resnet18.pt2');
const model = await torch.inductor.loadPackage(pkg);
const x = torch.arange(batch * 3 * 224 * 224, { dtype: torch.float32 }).mul(0.37).sin().reshape(batch, 3, 224, 224);
await model.forwardAsync(x);

async function rps(inFlight: number): Promise<number> {
  const t0 = process.hrtime.bigint();
  let next = 0;
  const lane = async () => {
    while (next < requests) {
      next++;
      await model.forwardAsync(x);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return requests / (Number(process.hrtime.bigint() - t0) / 1e9);
}
const one = await rps(1);
const eight = await rps(8);
const py = JSON.parse(execFileSync(process.env.PYTHON ?? '/usr/bin/python3', [path.join(root, 'bench/aoti_serve.py'), pkg, String(batch), String(requests), String(threads)], { encoding: 'utf8' }).trim().split('\n').pop()!);
const fmt = (v: number) => v.toFixed(1);
console.log(`AOTInductor ResNet18 (batch ${batch}, ${requests} requests, ${threads} threads, libtorch ${torch.version.libtorch})`);
console.log(`  1 in flight: torch-node forwardAsync ${fmt(one)} req/s, Python ${fmt(py.one)} req/s, ratio ${(one / py.one).toFixed(2)}`);
console.log(`  8 in flight: torch-node forwardAsync ${fmt(eight)} req/s, Python (8 threads) ${fmt(py.eight)} req/s, ratio ${(eight / py.eight).toFixed(2)}`);
