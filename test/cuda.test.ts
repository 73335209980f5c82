// CUDA on a real GPU: tensors, ops and autograd against the CPU's results, synchronize, streams and
// events, the caching allocator's statistics, pinned batches from the native DataLoader copied
// without blocking, a GPU state dict loaded on the CPU, the CPU/GPU mix error, and the NCCL group.
// Written with node:test so scripts/gpu-check.sh runs it on a machine with no dev dependencies; tap
// runs it here too, where a CPU build checks that every CUDA call says it was not compiled in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import * as torch from 'torch-node';
import { tinyMnist } from './helpers.js';
import { tempDir } from './temp-dir.js';

const gpu = torch.cuda.isAvailable();
const noGpu = gpu ? false : 'no CUDA device (a CPU build, or no GPU on this machine)';
const { nn } = torch;

test('a build without CUDA says so on every torch.cuda call', { skip: gpu ? 'this build has a GPU' : false }, () => {
  const built = torch.version.cuda !== null;
  for (const call of [() => torch.cuda.memoryAllocated(), () => torch.cuda.currentStream(), () => new torch.cuda.Event(), () => torch.cuda.getDeviceName()]) {
    assert.throws(call, built ? /CUDA|cuda/ : /Torch not compiled with CUDA enabled/);
  }
  assert.equal(torch.distributed.isNcclAvailable() && !built, false);
  assert.throws(() => torch.ones(2).cuda(), /CUDA|cuda/);
});

test('tensors move to the GPU and back', { skip: noGpu }, () => {
  const x = torch.arange(6, { dtype: torch.float32 }).view(2, 3);
  const g = x.cuda();
  assert.equal(String(g.device), "device(type='cuda', index=0)");
  assert.equal(x.to('cuda').device.type, 'cuda');
  assert.deepEqual(g.mul(2).cpu().tolist(), [[0, 2, 4], [6, 8, 10]]);
  assert.match(String(g), /device='cuda:0'/);
});

test('ops and autograd on the GPU give the CPU results', { skip: noGpu }, () => {
  torch.manualSeed(0);
  const cpuNet = new nn.Sequential(new nn.Conv2d(3, 8, 3, { padding: 1 }), new nn.BatchNorm2d(8), new nn.ReLU(), new nn.Flatten(), new nn.Linear(8 * 8 * 8, 10));
  const gpuNet = new nn.Sequential(new nn.Conv2d(3, 8, 3, { padding: 1 }), new nn.BatchNorm2d(8), new nn.ReLU(), new nn.Flatten(), new nn.Linear(8 * 8 * 8, 10));
  gpuNet.loadStateDict(cpuNet.stateDict());
  gpuNet.cuda();
  const x = torch.randn(4, 3, 8, 8), y = torch.randint(0, 10, [4]);
  const lossCpu = new nn.CrossEntropyLoss()(cpuNet(x), y);
  const lossGpu = new nn.CrossEntropyLoss()(gpuNet(x.cuda()), y.cuda());
  lossCpu.backward();
  lossGpu.backward();
  assert.ok(Math.abs(lossCpu.item() - lossGpu.item()) < 1e-4, `loss ${lossCpu.item()} vs ${lossGpu.item()}`);
  const gc = (cpuNet.get(0) as torch.nn.Conv2d).weight.grad!, gg = (gpuNet.get(0) as torch.nn.Conv2d).weight.grad!.cpu();
  assert.ok(gc.sub(gg).abs().max().item() < 1e-3, 'conv weight gradients agree');
  const opt = new torch.optim.SGD(gpuNet.parameters(), { lr: 0.1, momentum: 0.9 });
  opt.step();
  torch.cuda.synchronize();
  assert.equal((gpuNet.get(4) as torch.nn.Linear).weight.device.type, 'cuda', 'the optimizer updates in place on the GPU');
});

test('streams, events and synchronize', { skip: noGpu }, () => {
  const s = new torch.cuda.Stream();
  const start = new torch.cuda.Event({ enableTiming: true }), end = new torch.cuda.Event({ enableTiming: true });
  const a = torch.randn(1024, 1024, { device: 'cuda' });
  s.waitStream(torch.cuda.currentStream());
  const b = torch.cuda.stream(s, () => {
    start.record(s);
    const r = a.matmul(a);
    end.record(s);
    return r;
  });
  s.synchronize();
  assert.ok(s.query(), 'the stream is idle after synchronize');
  assert.ok(end.query());
  assert.ok(start.elapsedTime(end) >= 0, 'events time the work');
  torch.cuda.synchronize();
  assert.equal(b.shape.join(), '1024,1024');
  assert.match(String(s), /torch\.cuda\.Stream device=cuda:0/);
  assert.ok(torch.cuda.getDeviceName().length > 0);
  assert.equal(torch.cuda.getDeviceCapability().length, 2);
});

test("the caching allocator's statistics", { skip: noGpu }, () => {
  torch.cuda.synchronize();
  const before = torch.cuda.memoryAllocated();
  const t = torch.empty([16, 1024, 1024], { device: 'cuda' }); // 64 MiB
  assert.ok(torch.cuda.memoryAllocated() - before >= 64 * 2 ** 20, 'allocation counted');
  assert.ok(torch.cuda.maxMemoryAllocated() >= torch.cuda.memoryAllocated());
  assert.ok(torch.cuda.memoryReserved() >= torch.cuda.memoryAllocated());
  t.dispose();
  assert.ok(torch.cuda.memoryAllocated() - before < 64 * 2 ** 20, 'dispose() frees at once');
  torch.cuda.emptyCache();
  torch.cuda.resetPeakMemoryStats();
  assert.ok(torch.cuda.maxMemoryAllocated() < 64 * 2 ** 20 + before, 'peak reset');
  assert.ok('num_ooms' in torch.cuda.memoryStats());
});

test('pinned batches from the native DataLoader, copied without blocking', { skip: noGpu }, async () => {
  const { datasets, transforms } = await import('torch-node/torchvision');
  const ds = new datasets.MNIST({ root: tinyMnist(), transform: new transforms.Compose([new transforms.ToTensor(), new transforms.Normalize([0.5], [0.5])]) });
  const loader = new torch.utils.data.DataLoader(ds, { batchSize: 16, numWorkers: 2, pinMemory: true });
  let n = 0;
  for await (const [x, y] of loader) {
    assert.ok(x.isPinned() && y.isPinned(), 'the batch is made in page-locked memory on the loader threads');
    const gx = x.to({ device: 'cuda', nonBlocking: true });
    torch.cuda.synchronize();
    assert.ok(gx.cpu().equal(x));
    n += x.size(0);
  }
  assert.equal(n, 64);
});

test('a state dict saved from the GPU loads on the CPU', { skip: noGpu }, () => {
  const net = new nn.Linear(4, 2).cuda();
  const file = path.join(tempDir('torch-node-cuda-'), 'gpu.pth');
  torch.save(net.stateDict(), file);
  const back = torch.load(file, { mapLocation: 'cpu' }) as Record<string, torch.Tensor>;
  assert.equal(back.weight.device.type, 'cpu');
  assert.ok(back.weight.equal(net.weight.cpu()));
  const onGpu = torch.load(file) as Record<string, torch.Tensor>;
  assert.equal(onGpu.weight.device.type, 'cuda', 'without mapLocation it returns to the GPU, as in PyTorch');
});

test('mixing CPU and GPU tensors is an error naming both devices', { skip: noGpu }, () => {
  assert.throws(() => torch.ones(2).add(torch.ones(2, { device: 'cuda' })), (e: Error) => e instanceof torch.TorchError && /cuda:0/.test(e.message) && /cpu/.test(e.message));
});

test('an NCCL process group of one', { skip: noGpu || (torch.distributed.isNcclAvailable() ? false : 'built without NCCL') }, () => {
  const file = path.join(tempDir('torch-node-nccl-'), 'store');
  torch.distributed.initProcessGroup('nccl', { initMethod: `file://${file}`, rank: 0, worldSize: 1 });
  assert.equal(torch.distributed.getBackend(), 'nccl');
  const t = torch.ones(4, { device: 'cuda' });
  torch.distributed.allReduce(t);
  torch.cuda.synchronize();
  assert.deepEqual(t.cpu().tolist(), [1, 1, 1, 1]);
  torch.distributed.destroyProcessGroup();
});
