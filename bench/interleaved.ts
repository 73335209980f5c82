// Time per call through torch-node and through PyTorch (Python) with the two sides' blocks alternating
// in one run: a Python child (bench/timing_server.py) times a block when asked, between the Node
// side's blocks of the same case. On a shared machine whose load changes within seconds, timing all of
// one side and then all of the other compared the two under different loads (PyTorch's own a.add(b)
// took 1.15 µs in one run and 2.05 in the next); alternating puts each pair of blocks under the same.
// The order within a round alternates too, so neither side always runs first.
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { nsPerCall } from './timing.js';

export interface Interleaved {
  /** medians over the rounds, in nanoseconds per call */
  ours: number;
  theirs: number;
  /** the lowest and highest of the rounds' ratios (ours / theirs, blocks run back to back), as 'min-max' */
  roundRange: string;
}

/** A Python child serving `script --serve`'s cases by name; `torch` is its PyTorch version. */
export class PythonTimer {
  private readonly child;
  private readonly lines;
  torch = '';

  private constructor(python: string, script: string) {
    this.child = spawn(python, [script, '--serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.lines = readline.createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  static async start(python: string, script: string): Promise<PythonTimer> {
    const timer = new PythonTimer(python, script);
    timer.torch = (await timer.next()).torch as string;
    return timer;
  }

  private async next(): Promise<Record<string, unknown>> {
    const { value, done } = await this.lines.next();
    if (done) throw new Error('the Python timing server exited (its error is above)');
    return JSON.parse(value);
  }

  async warm(name: string, iters: number): Promise<void> {
    this.child.stdin.write(`${JSON.stringify({ warm: name, iters })}\n`);
    await this.next();
  }

  async time(name: string, iters: number): Promise<number> {
    this.child.stdin.write(`${JSON.stringify({ time: name, iters })}\n`);
    return (await this.next()).ns as number;
  }

  close(): void {
    this.child.stdin.end();
  }
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];

/** Warms both sides up (a tenth of `iters` calls each), then `rounds` rounds of one block each. */
export async function interleavedNsPerCall(py: PythonTimer, name: string, fn: () => unknown, iters: number, rounds: number): Promise<Interleaved> {
  for (let i = 0; i < Math.max(1, Math.floor(iters / 10)); i++) fn();
  await py.warm(name, iters);
  const ours: number[] = [], theirs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      ours.push(nsPerCall(fn, iters));
      theirs.push(await py.time(name, iters));
    } else {
      theirs.push(await py.time(name, iters));
      ours.push(nsPerCall(fn, iters));
    }
  }
  const ratios = ours.map((o, i) => o / theirs[i]);
  return { ours: median(ours), theirs: median(theirs), roundRange: `${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}` };
}
