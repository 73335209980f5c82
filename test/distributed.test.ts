// torch.distributed over c10d's Gloo: 2 and 3 workers started by `torch-node run` on loopback,
// every collective against the values it must give; a dying worker; a Node and a Python worker
// in one process group.
import t from 'tap';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as torch from 'torch-node';

if (!torch.distributed.isAvailable()) {
  t.plan(0, 'torch-node was built without gloo’s headers (apt-get install libgloo-dev, then rebuild)');
  process.exit(0);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const launcher = path.join(root, 'bin', 'torch-node.mjs');
const worker = path.join(root, 'test', 'dist-worker.ts');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function launch(nproc: number, mode: string, port: number, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [launcher, 'run', '--nproc-per-node', String(nproc), '--master-port', String(port), worker, mode],
    { cwd: root, encoding: 'utf8', timeout: 120000, env: { ...process.env, ...env } });
  const results = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).sort((a, b) => a.rank - b.rank);
  return { status: r.status, results, stderr: r.stderr };
}

for (const n of [2, 3]) {
  t.test(`${n} workers: every collective gives the expected values`, async (t) => {
    const { status, results, stderr } = launch(n, 'collectives', await freePort());
    t.equal(status, 0, stderr);
    t.equal(results.length, n, 'every worker reports');
    const ranks = [...Array(n).keys()];
    for (const r of results) {
      t.same([r.worldSize, r.localRank], [n, r.rank], `rank ${r.rank}: WORLD_SIZE and LOCAL_RANK from the launcher`);
      t.same(r.sum, [ranks.reduce((s, i) => s + i + 1, 0), 2 * n], `rank ${r.rank}: allReduce SUM`);
      t.same(r.max, [(n - 1) * 1.5], 'allReduce MAX');
      t.same(r.prod, [ranks.reduce((p, i) => p * (i + 2), 1)], 'allReduce PRODUCT');
      t.same(r.broadcast, [7, 8], 'broadcast from rank 1');
      t.same(r.allGather, ranks.map((i) => [i, i * 10]), 'allGather');
      // only dst receives the result; other ranks' tensors are scratch space, as PyTorch documents
      if (r.rank === 0) t.same(r.reduce, [ranks.reduce((s, i) => s + i + 1, 0)], 'reduce to rank 0');
      t.same(r.gather, r.rank === 0 ? ranks.map((i) => [i * 100]) : null, 'gather to rank 0');
      t.same(r.scatter, [r.rank + 0.5, r.rank + 0.5], 'scatter from rank 0');
      t.same(r.async, [1, 1, 1].map(() => ranks.reduce((s, i) => s + i + 1, 0)), 'asyncOp work handles');
      t.equal(r.completed, true);
      t.match(r.reduceScatter, /does not support reduce_scatter|ok/, 'reduceScatter: done, or Gloo’s own refusal as an error');
    }
  });
}

t.test('a worker that dies makes the others fail instead of hanging, and the launcher stops them all', async (t) => {
  const started = Date.now();
  const { status, results, stderr } = launch(3, 'die', await freePort(), { DIST_TIMEOUT: '5000' });
  t.not(status, 0, 'the launcher exits with a failure');
  t.match(stderr, /torch-node run: worker RANK 2 \(pid \d+\) exited with code 3; stopping the other workers/);
  for (const r of results) t.ok(r.error, `rank ${r.rank} failed: ${String(r.error).slice(0, 120)}`);
  t.ok(Date.now() - started < 60000, `no hang (${Date.now() - started} ms)`);
});

t.test('the launcher checks its arguments', async (t) => {
  const r = spawnSync(process.execPath, [launcher, 'run', '--nproc-per-node', '0', worker], { encoding: 'utf8' });
  t.equal(r.status, 2);
  t.match(r.stderr, /Expected a positive integer for --nproc-per-node but received '0'/);
  t.match(spawnSync(process.execPath, [launcher, 'fly'], { encoding: 'utf8' }).stderr, /unknown command 'fly'/);
});

const python = '/usr/bin/python3';
const hasTorch = spawnSync(python, ['-c', 'import torch.distributed as d; assert d.is_available()']).status === 0;
t.test('a torch-node worker and a Python worker share one process group', { skip: hasTorch ? false : 'needs PyTorch in /usr/bin/python3' }, async (t) => {
  const port = await freePort();
  const py = spawn(python, ['-c', `import torch, torch.distributed as dist
dist.init_process_group('gloo', init_method='tcp://127.0.0.1:${port}', rank=1, world_size=2)
t = torch.tensor([10.0, 20.0]); dist.all_reduce(t)
b = torch.zeros(3); dist.broadcast(b, 0)
print(t.tolist(), b.tolist()); dist.destroy_process_group()`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let pyOut = '';
  py.stdout.on('data', (d) => (pyOut += d));
  const done = new Promise<number>((r) => py.on('exit', (c) => r(c ?? 1)));
  const node = execFileSync(process.execPath, ['--input-type=module', '-e', `import * as torch from 'torch-node';
const dist = torch.distributed;
dist.initProcessGroup('gloo', { initMethod: 'tcp://127.0.0.1:${port}', rank: 0, worldSize: 2, timeout: 30000 });
const t = torch.tensor([1.0, 2.0]); dist.allReduce(t);
const b = torch.tensor([4.0, 5.0, 6.0]); dist.broadcast(b, 0);
console.log(JSON.stringify(t.tolist())); dist.destroyProcessGroup();`], { cwd: root, encoding: 'utf8', timeout: 60000 });
  t.equal(await done, 0, 'Python exits cleanly');
  t.same(JSON.parse(node.trim()), [11, 22], 'torch-node sees the sum');
  t.equal(pyOut.trim(), '[11.0, 22.0] [4.0, 5.0, 6.0]', 'Python sees the same sum and torch-node’s broadcast');
});

t.test('initProcessGroup errors as PyTorch words them', async (t) => {
  const run = (code: string, env: Record<string, string> = {}) => spawnSync(process.execPath, ['--input-type=module', '-e', `import * as torch from 'torch-node';\n${code}`],
    { cwd: root, encoding: 'utf8', env: { ...process.env, MASTER_ADDR: '', RANK: '', WORLD_SIZE: '', MASTER_PORT: '', ...env } });
  t.match(run(`torch.distributed.initProcessGroup('gloo')`, { MASTER_ADDR: '' }).stderr, /environment variable (RANK|MASTER_ADDR) expected, but not set|must be a non-negative integer/);
  t.match(run(`torch.distributed.initProcessGroup('nccl', { initMethod: 'tcp://127.0.0.1:1', rank: 0, worldSize: 1 })`).stderr, /doesn't have NCCL built in/);
  t.match(run(`torch.distributed.getRank()`).stderr, /Default process group has not been initialized/);
  t.match(run(`torch.distributed.initProcessGroup('gloo', { initMethod: 'tcp://127.0.0.1:1', rank: 3, worldSize: 2 })`).stderr, /rank 3 is out of range for world size 2/);
});
