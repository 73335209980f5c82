// torch.distributed over c10d's Gloo: 2 and 3 workers started by `torch-node run` on loopback,
// every collective against the values it must give; a dying worker; a Node and a Python worker
// in one process group.
import t from 'tap';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as torch from 'torch-node';
import { ConvNet } from '../examples/lib/convnet.js';
import { python, pythonCan } from './helpers.js';
import { tempDir } from './temp-dir.js';

if (!torch.distributed.isAvailable()) {
  t.plan(0, 'torch-node was built without gloo’s headers (apt-get install libgloo-dev, then rebuild)');
  process.exit(0);
}

const hasTorch = pythonCan('import torch.distributed as d; assert d.is_available()');
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
      const evens = ranks.filter((i) => i % 2 === 0);
      if (r.rank % 2 === 0) t.same(r.groupSum, [evens.reduce((s, i) => s + i, 0), 42, evens.indexOf(r.rank), evens.length], 'newGroup: allReduce, broadcast, getRank/getWorldSize of the group');
      else t.equal(r.nonMember, true, 'newGroup on a rank outside it: NON_GROUP_MEMBER');
      t.match(r.reduceScatter, /does not support reduce_scatter|ok/, 'reduceScatter: done, or Gloo’s own refusal as an error');
    }
  });
}

t.test('DDP on 2 processes gives the weights of one process on the combined batch', async (t) => {
  const dir = tempDir('torch-node-ddp-');
  const outFile = path.join(dir, 'ddp.pth');
  const { status, results, stderr } = launch(2, 'ddp', await freePort(), { DDP_OUT: outFile });
  t.equal(status, 0, stderr);
  t.same(results[0].keys, ['module.conv1.weight', 'module.conv1.bias'], 'state dict keys under module., as PyTorch');
  t.not(results[0].noSyncGradSum, results[1].noSyncGradSum, 'noSync leaves each rank its own gradients');
  // one process, the whole batch, rank 0's initial weights
  torch.manualSeed(100);
  const net = new ConvNet();
  const optimizer = new torch.optim.SGD(net.parameters(), { lr: 0.05, momentum: 0.9 });
  const criterion = new torch.nn.CrossEntropyLoss();
  torch.manualSeed(1);
  const x = torch.randn([12, 3, 32, 32]), y = torch.randint(0, 10, [12]);
  for (let step = 0; step < 3; step++) {
    optimizer.zeroGrad();
    criterion(net(x), y).backward();
    optimizer.step();
  }
  const ddp = torch.load(outFile) as Record<string, torch.Tensor>;
  const worst = Object.entries(net.stateDict()).reduce((m, [k, v]) => Math.max(m, v.sub(ddp[k]).abs().max().item() as number), 0);
  t.ok(worst < 1e-5, `every weight within 1e-5 (max |diff| ${worst.toExponential(2)})`);
});

t.test('collectives that differ between ranks are an error on every rank, not an abort', async (t) => {
  const { status, results, stderr } = launch(2, 'mismatch', await freePort());
  t.equal(status, 0, stderr.split('\n').filter((l) => /terminate|Abort|error/i.test(l)).join('\n'));
  t.equal(results.length, 2, 'both workers survive and report');
  for (const r of results) {
    for (const k of ['size', 'dtype', 'gather']) t.match(r[k], /^TorchError: Detected mismatch between collectives on ranks/, `rank ${r.rank}: ${k}`);
    t.match(r.size, r.rank === 0 ? /TensorShape=\[4\]/ : /TensorShape=\[5\]/);
    t.same(r.after, [2, 2], 'the group goes on working');
  }
});

t.test('DistributedSampler: disjoint equal shares, reshuffled by setEpoch, as PyTorch', async (t) => {
  const { DistributedSampler } = torch.utils.data;
  const ds = { length: 10 };
  const shares = [0, 1, 2].map((rank) => new DistributedSampler(ds, { numReplicas: 3, rank, seed: 5 }));
  const epoch0 = shares.map((s) => [...s]);
  t.same(epoch0.map((l) => l.length), [4, 4, 4], 'padded to equal shares');
  t.same([...new Set(epoch0.flat())].sort((a, b) => a - b), [...Array(10).keys()], 'every index served');
  shares.forEach((s) => s.setEpoch(1));
  t.notSame(shares.map((s) => [...s]), epoch0, 'another epoch, another order');
  t.same([...new DistributedSampler(ds, { numReplicas: 3, rank: 1, shuffle: false, dropLast: true })], [1, 4, 7]);
  t.throws(() => new DistributedSampler(ds, { numReplicas: 2, rank: 2 }), /Invalid rank 2, rank should be in the interval \[0, 1\]/);
  if (hasTorch) {
    const py = execFileSync(python, ['-c', `from torch.utils.data import DistributedSampler
s = DistributedSampler(range(10), num_replicas=3, rank=2, seed=5); s.set_epoch(3); print(list(s))`], { encoding: 'utf8' });
    const mine = new DistributedSampler(ds, { numReplicas: 3, rank: 2, seed: 5 });
    mine.setEpoch(3);
    t.same([...mine], JSON.parse(py), 'the indices PyTorch’s sampler gives');
  }
});

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

t.test('a torch-node worker and a Python worker share one process group', { skip: hasTorch ? false : 'needs PyTorch in /usr/bin/python3' }, async (t) => {
  const port = await freePort();
  const py = spawn(python, ['-c', `import torch, torch.distributed as dist
dist.init_process_group('gloo', init_method='tcp://127.0.0.1:${port}', rank=1, world_size=2)
t = torch.tensor([10.0, 20.0]); dist.all_reduce(t)
b = torch.zeros(3); dist.broadcast(b, 0)
print(t.tolist(), b.tolist()); dist.destroy_process_group()`],
  // Python's rendezvous asks for a libuv store unless USE_LIBUV=0, and Debian's PyTorch 2.x has no libuv;
  // its client talks to torch-node's store either way (libuv where this libtorch has it). torch-node
  // checks collectives across ranks as Python does under TORCH_DISTRIBUTED_DEBUG=DETAIL, so Python runs so.
  { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, USE_LIBUV: '0', TORCH_DISTRIBUTED_DEBUG: 'DETAIL' } });
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
