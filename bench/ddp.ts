// DDP scaling on this machine: the CIFAR-10 ConvNet train loop (batch 100 per process, one thread
// each) on 1 and 2 processes, images per second over all processes; and the time of one all-reduce
// of a 25,557,032-float gradient (ResNet50's) between 2 processes, as bandwidth. The same through
// Python's torch.distributed + DDP on the same libtorch, in the same run.
//   npm run bench:ddp        (BENCH_STEPS, BENCH_REPS, PYTHON to change)
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const python = process.env.PYTHON ?? '/usr/bin/python3';

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const port = (s.address() as { port: number }).port;
    s.close(() => resolve(port));
  });
});

/** Starts n workers (RANK etc. set as torchrun / torch-node run do) and returns rank 0's JSON. */
async function run(cmd: string, args: string[], n: number): Promise<{ imagesPerSecond: number; allReduceSeconds: number }> {
  const port = await freePort();
  const outs = await Promise.all(Array.from({ length: n }, (_, rank) => new Promise<string>((resolve, reject) => {
    const env = { ...process.env, RANK: String(rank), LOCAL_RANK: String(rank), WORLD_SIZE: String(n), MASTER_ADDR: '127.0.0.1', MASTER_PORT: String(port), OMP_NUM_THREADS: '1' };
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} worker ${rank} exited with ${code}`))));
  })));
  return JSON.parse(outs[0].trim().split('\n').pop()!);
}

async function main() {
  const ts = (n: number) => run(process.execPath, ['--import', 'tsx', path.join(here, 'ddp-worker.ts')], n);
  const py = (n: number) => run(python, [path.join(here, 'ddp_worker.py')], n);
  const [t1, t2, p1, p2] = [await ts(1), await ts(2), await py(1), await py(2)];
  const gb = (25557032 * 4) / 1e9;
  console.log('CIFAR-10 ConvNet train loop, batch 100 per process, 1 thread per process (images/s over all processes):');
  console.log(`  torch-node: 1 process ${t1.imagesPerSecond.toFixed(1)}, 2 processes ${t2.imagesPerSecond.toFixed(1)} (scaling ${(t2.imagesPerSecond / t1.imagesPerSecond).toFixed(2)})`);
  console.log(`  PyTorch:    1 process ${p1.imagesPerSecond.toFixed(1)}, 2 processes ${p2.imagesPerSecond.toFixed(1)} (scaling ${(p2.imagesPerSecond / p1.imagesPerSecond).toFixed(2)})`);
  console.log(`  ratio torch-node / PyTorch on 2 processes: ${(t2.imagesPerSecond / p2.imagesPerSecond).toFixed(2)}`);
  console.log(`all-reduce of 25,557,032 float32 (102 MB) between 2 processes: torch-node ${(t2.allReduceSeconds * 1000).toFixed(1)} ms (${(gb / t2.allReduceSeconds).toFixed(2)} GB/s), ` +
    `PyTorch ${(p2.allReduceSeconds * 1000).toFixed(1)} ms (${(gb / p2.allReduceSeconds).toFixed(2)} GB/s), ratio ${(p2.allReduceSeconds / t2.allReduceSeconds).toFixed(2)}`);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
