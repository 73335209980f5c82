// Native memory is visible to V8 and releasable at once: a long synchronous loop that drops
// its tensors stays flat without any manual disposal.
import t from 'tap';
import * as torch from 'torch-node';

t.test('20,000 dropped 1 MB tensors, no disposal, no await: RSS stays bounded', async (t) => {
  const MB = 2 ** 20;
  const start = process.memoryUsage().rss;
  let peak = start;
  for (let i = 0; i < 20000; i++) {
    const x = torch.empty(262144); // 1 MB of float32
    x.fill_(1);
    if (i % 500 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  t.comment(`RSS at start ${(start / MB).toFixed(0)} MB, peak ${(peak / MB).toFixed(0)} MB (20 GB allocated in total)`);
  t.ok(peak - start < 1500 * MB, 'RSS grows by less than 1.5 GB');
});

t.test('each wrapper reports its storage to V8 as external memory', async (t) => {
  const x = torch.empty(1000, { dtype: torch.float64 });
  t.equal(x._externalBytes, 8000, 'a new tensor reports its storage');
  t.equal(x.view(10, 100)._externalBytes, 0, 'a view shares its base storage and reports nothing');
  x.dispose();
  t.equal(x.isDisposed, true);
  t.equal(x._externalBytes, 0, 'dispose() un-reports it');
  t.equal(String(x), 'tensor(<disposed>)');
  t.throws(() => x.sum(), /has been disposed/);
  x.dispose();
  t.pass('a second dispose() is harmless');
});

t.test('dispose() frees memory at once; a shared storage lives while another wrapper holds it', async (t) => {
  const x = torch.ones(4);
  const v = x.view(2, 2);
  x.dispose();
  t.same(v.sum().item(), 4, 'the view still holds the storage');
});

t.test('using declarations dispose at the end of the block', async (t) => {
  let outer: torch.Tensor;
  {
    using x = torch.ones(3);
    outer = x;
    t.equal(x.isDisposed, false);
  }
  t.equal(outer.isDisposed, true);
});

t.test('tidy frees what it made except what it returns', async (t) => {
  let inner: torch.Tensor[] = [];
  const kept = torch.ones(1);
  const result = torch.tidy(() => {
    const a = torch.ones(2);
    const b = a.mul(2);
    inner = [a, b];
    torch.keep(torch.zeros(1));
    return { out: b.add(1), list: [b] };
  });
  t.equal(inner[0].isDisposed, true, 'intermediates are disposed');
  t.equal(inner[1].isDisposed, false, 'returned tensors survive (inside objects and arrays)');
  t.same(result.out.tolist(), [3, 3]);
  t.equal(kept.isDisposed, false, 'tensors made before the scope are untouched');
  const nested = torch.tidy(() => torch.tidy(() => torch.ones(1).add(1)));
  t.same(nested.tolist(), [2], 'a result passes through nested scopes');
  let made: torch.Tensor | undefined;
  t.throws(() => torch.tidy(() => { made = torch.ones(1); throw new Error('inside'); }), /inside/);
  t.equal(made!.isDisposed, true, 'a throwing scope still frees its tensors');
});

t.test('a training-style loop keeps a flat profile', async (t) => {
  const w = torch.randn(256, 256, { requiresGrad: true });
  const rss: number[] = [];
  for (let step = 0; step < 3000; step++) {
    const x = torch.randn(64, 256);
    const loss = x.matmul(w).relu().mean();
    loss.backward();
    torch.noGrad(() => w.sub_(w.grad!.mul(0.01)));
    w.grad = null;
    if (step % 500 === 0) rss.push(process.memoryUsage().rss);
  }
  const growth = rss[rss.length - 1] - rss[1];
  t.comment(`RSS samples (MB): ${rss.map((r) => (r / 2 ** 20).toFixed(0)).join(' ')}`);
  t.ok(growth < 200 * 2 ** 20, 'RSS grows less than 200 MB after warm-up');
});

// binding/cpu_allocator.cc: small CPU blocks are cached per 64-byte size class
t.test('small CPU tensors: 64-byte aligned blocks, reused once released, never shared while alive', async (t) => {
  for (const n of [1, 3, 16, 17, 100, 1024]) {
    const x = torch.empty(n);
    t.equal(x.dataPtr() % 64n, 0n, `${n} float32: 64-byte aligned`);
  }
  const x = torch.ones(5);
  const block = x.dataPtr();
  x.dispose();
  const y = torch.zeros(6); // 20 and 24 bytes: the same 64-byte class
  t.equal(y.dataPtr(), block, 'the block dispose() released serves the next tensor of its size class');
  t.same(y.tolist(), [0, 0, 0, 0, 0, 0], 'with its own values');
  const live = Array.from({ length: 2000 }, (_, i) => torch.full([3], i));
  t.equal(new Set(live.map((v) => v.dataPtr())).size, 2000, '2,000 live tensors hold 2,000 distinct blocks');
  t.ok(live.every((v, i) => v.sum().item() === 3 * i), 'each keeps its own values');
  for (const v of live) v.dispose();
  const big = torch.empty(2048); // 8 KiB: past the cached sizes, libtorch's own allocator
  t.equal(big.dataPtr() % 64n, 0n, 'larger blocks keep libtorch alignment');
});

// small results dropped by the hundred thousand, and small views that hold a large storage
t.test('dropped small results: a long loop stays flat, and so does one over views of large tensors', async (t) => {
  const MB = 2 ** 20;
  const a = torch.ones(1), b = torch.ones(1), m = torch.ones(4, 4);
  const rss: number[] = [];
  for (let i = 0; i < 300000; i++) {
    a.add(b);
    m.index(1);
    if (i % 50000 === 0) rss.push(process.memoryUsage().rss);
  }
  t.comment(`RSS samples (MB): ${rss.map((r) => (r / MB).toFixed(0)).join(' ')}`);
  t.ok(rss[rss.length - 1] - rss[1] < 100 * MB, '600,000 small results: RSS grows less than 100 MB after warm-up');
  // a view is small, its storage is not: dropped in a loop, they must not pile up
  const start = process.memoryUsage().rss;
  let peak = start;
  for (let i = 0; i < 400; i++) {
    torch.empty(4 * MB).fill_(1).index(0);
    if (i % 50 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  t.comment(`views of 16 MB tensors: RSS at start ${(start / MB).toFixed(0)} MB, peak ${(peak / MB).toFixed(0)} MB (6.4 GB allocated)`);
  t.ok(peak - start < 1500 * MB, 'RSS grows by less than 1.5 GB');
});

// The main thread's tensor handles are V8's own where the addon was built against this Node's headers
// (binding/tensor_handle.cc); the tests above then ran on them, the worker below on Node-API's.
const { native } = await import('../lib/native.js');
const builtForThisNode = native.v8HandlesAbi === Number(process.versions.modules);
t.test('tensor handles made with V8 directly, on the main thread', { skip: builtForThisNode ? false : `the addon has no V8 handles for this Node (built for ABI ${native.v8HandlesAbi}, running ${process.versions.modules}): Node-API's are used` }, async (t) => {
  t.type(native.useV8Handles, 'function');
  const x = torch.ones(3);
  const views = [x.index(0), x.view(3, 1), x.add(1)];
  t.same(views.map((v) => v.tolist()), [1, [[1], [1], [1]], [2, 2, 2]], 'made, read and passed back as arguments');
  x.dispose();
  t.throws(() => x.add(1), /disposed/, 'dispose() releases at once');
  t.same(views[1].tolist(), [[1], [1], [1]], 'a view keeps the storage alive');
  t.throws(() => torch.add({ _h: {} } as never, views[2]), TypeError, 'an object posing as a tensor is refused');
  t.throws(() => torch.add({ _h: (new torch.Generator() as unknown as { _gen: unknown })._gen } as never, views[2]), TypeError, "another kind of handle is refused");
});

t.test('small results a collection finds are released one for each new result, the rest at the next turn of the event loop', { skip: builtForThisNode ? false : 'Node-API handles: released in the collection' }, async (t) => {
  const v8 = await import('node:v8');
  const vm = await import('node:vm');
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const waiting = native.collectedAwaitingRelease!;
  const a = torch.ones(4);
  await new Promise((r) => setImmediate(r));
  const before = waiting();
  for (let i = 0; i < 1000; i++) a.add(i);
  gc();
  const found = waiting() - before;
  t.ok(found >= 1000, `the collection left its small results to be released later (${found})`);
  for (let i = 0; i < 10; i++) a.mul(2);
  t.equal(waiting(), before + found - 10, 'each new result released one of them');
  await new Promise((r) => setImmediate(r));
  t.equal(waiting(), 0, 'the next turn of the event loop released the rest');

  // views carry an autograd record in grad mode; one whose base reaches no graph may wait too
  const m = torch.ones(4, 4);
  for (let i = 0; i < 100; i++) m.index(1);
  gc();
  t.ok(waiting() >= 100, `views of a tensor that needs no grad wait too (${waiting()})`);
  await new Promise((r) => setImmediate(r));

  // released in the collection itself: a large storage, and anything that reaches an autograd graph
  gc();  // the ten above
  await new Promise((r) => setImmediate(r));
  const w = torch.ones(4, { requiresGrad: true });
  const y = w.mul(2);
  for (let i = 0; i < 100; i++) {
    torch.ones(2048);  // 8 KiB
    w.mul(i);
    torch.noGrad(() => y.view(2, 2));  // requires no grad, but its base holds y's graph
  }
  gc();
  t.equal(waiting(), 0, 'large results, results with an autograd graph and views of one are not held');
});

t.test("TORCH_NODE_V8_HANDLES=0: the main thread on Node-API's handles", async (t) => {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `
    import * as torch from 'torch-node';
    const a = torch.ones(3);
    let s = 0;
    for (let i = 0; i < 100000; i++) s += a.add(i).index(0).item();
    const x = torch.ones(2); x.dispose();
    console.log(s, torch.max(torch.tensor([[1, 5], [7, 3]]), 1).indices.tolist(), x.isDisposed);`],
    { env: { ...process.env, TORCH_NODE_V8_HANDLES: '0' }, encoding: 'utf8' });
  t.equal(r.status, 0, r.stderr);
  t.match(r.stdout, /^5000050000 \[ 1, 0 \] true/, 'ops, results and disposal work on Node-API\'s handles');
});

t.test('a worker thread that makes and drops small results exits cleanly, three times over', async (t) => {
  const { Worker } = await import('node:worker_threads');
  const { createRequire } = await import('node:module');
  const { pathToFileURL } = await import('node:url');
  const entry = pathToFileURL(createRequire(import.meta.url).resolve('torch-node')).href;
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    import(workerData).then((torch) => {
      const a = torch.ones(3);
      let s = 0;
      for (let i = 0; i < 100000; i++) s += a.add(i).shape[0];
      parentPort.postMessage(s);
    });`;
  for (let round = 0; round < 3; round++) {
    const worker = new Worker(code, { eval: true, workerData: entry });
    const message = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    t.equal(message, 300000, `round ${round + 1}: the worker computed`);
    t.equal(await new Promise((resolve) => worker.once('exit', resolve)), 0, `round ${round + 1}: and exited with 0`);
  }
  t.same(torch.ones(2).add(1).tolist(), [2, 2], 'the main thread carries on');
});
