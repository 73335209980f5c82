// Instructions per call, counted by valgrind's callgrind, for the benches' `--instructions` modes.
// The child process (Node or Python) marks its segments with getppid (callgrind dumps before each):
// for each case, a warm-up of n1 calls (long enough that V8 has finished optimizing the case's code;
// a shorter one let that compilation land in one measured segment or the other), then n0 calls, then
// n1 calls, each segment started after a full collection and the last one ended by one. The figure
// per case is the difference of the two measured segments over n1 - n0 calls, so start-up, JIT
// warm-up and fixed costs cancel and the garbage collector's share of the calls is included: a count
// the machine's load does not move.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Runs `cmd` under callgrind; `counts[i]` is case i's [n0, n1]; instructions per call for each case. */
export function callgrindPerCall(cmd: string[], counts: ReadonlyArray<readonly [number, number]>): number[] {
  return callgrindEventsPerCall(cmd, counts).map((events) => events.Ir);
}

/**
 * This machine's per-core cache (L2) as callgrind's `--LL` option: callgrind models two levels, and
 * with the shared last level (here hundreds of MiB, most of it other tenants') as its second nothing
 * misses. From sysfs, or, where a VM exposes no cache there, from glibc's reading of CPUID (getconf).
 */
export function perCoreCacheOption(): string {
  const dir = '/sys/devices/system/cpu/cpu0/cache/index2';
  if (existsSync(path.join(dir, 'size'))) {
    const read = (f: string) => readFileSync(path.join(dir, f), 'utf8').trim();
    const size = read('size'); // "2048K"
    const bytes = Number(size.replace(/[KM]$/, '')) * (size.endsWith('M') ? 1 << 20 : size.endsWith('K') ? 1 << 10 : 1);
    return `--LL=${bytes},${read('ways_of_associativity')},${read('coherency_line_size')}`;
  }
  const conf = (name: string) => Number(execFileSync('getconf', [name], { encoding: 'utf8' }).trim());
  const [bytes, ways, line] = [conf('LEVEL2_CACHE_SIZE'), conf('LEVEL2_CACHE_ASSOC'), conf('LEVEL2_CACHE_LINESIZE')];
  if (!(bytes > 0 && ways > 0 && line > 0)) throw new Error('--cache-misses: this machine reports no L2 cache (sysfs or getconf)');
  return `--LL=${bytes},${ways},${line}`;
}

/**
 * As callgrindPerCall, every event callgrind counted (Ir; with `valgrindArgs` such as --cache-sim=yes,
 * also Dr, Dw, I1mr, D1mr, D1mw, ILmr, DLmr, DLmw), per call.
 */
export function callgrindEventsPerCall(cmd: string[], counts: ReadonlyArray<readonly [number, number]>, valgrindArgs: string[] = []): Array<Record<string, number>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'torch-node-callgrind-'));
  try {
    const shim = path.join(dir, 'hwy-shim.so');
    execFileSync('cc', ['-shared', '-fPIC', '-O2', '-o', shim, path.join(here, 'callgrind-hwy-shim.c')]);
    // the main thread's instructions only (--separate-threads): tsx's module loader runs on a worker
    // thread of its own, and its work (~55 million instructions at some moment) landed in one case's
    // segment or another from run to run
    execFileSync('valgrind', ['--tool=callgrind', '--separate-threads=yes', '--dump-before=getppid', ...valgrindArgs, `--callgrind-out-file=${dir}/cg.out`, ...cmd],
      { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26, env: { ...process.env, LD_PRELOAD: shim } });
    // cg.out.1-01, cg.out.2-01, ...: the main thread's dump before each of its getppid calls; each
    // case's last three segments are its warm-up, its n0 calls and its n1 calls (start-up may call
    // getppid too: counted from the end)
    const dumpNumber = (f: string) => Number(/^cg\.out\.(\d+)-01$/.exec(f)![1]);
    const dumps = readdirSync(dir).filter((f) => /^cg\.out\.\d+-01$/.test(f)).sort((x, y) => dumpNumber(x) - dumpNumber(y));
    const totals = dumps.map((f) => {
      const text = readFileSync(path.join(dir, f), 'utf8');
      const names = /^events: (.*)$/m.exec(text)![1].split(' ');
      const summary = /^summary: (.*)$/m.exec(text);
      const values = summary ? summary[1].split(' ').map(Number) : [];
      // trailing zero counts are left out of the line; no line at all is no count
      return Object.fromEntries(names.map((name, i) => [name, summary ? values[i] ?? 0 : NaN]));
    }).slice(-3 * counts.length);
    return counts.map(([n0, n1], i) => {
      const [a, b] = [totals[3 * i + 1], totals[3 * i + 2]];
      return Object.fromEntries(Object.keys(b).map((name) => [name, (b[name] - a[name]) / (n1 - n0)]));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The command of a Node child to count: `script` (TypeScript, through tsx) with `args`. One thread:
 * V8's background compiler and GC helpers would otherwise land in whichever segment (so the
 * compiler's remaining work is counted in, on the main thread). A fixed heap growth: after each full
 * collection V8 sizes the old generation by the mutator's speed against the collector's, both in
 * wall time, and under callgrind's slowdown it measured them so (24 bytes/ms against 31,350) that it
 * grew the heap by its least factor, 1.1, and a full collection landed in one segment or the other
 * (F.linear: 54,061 instructions per call in one run, 49,400 with the growth fixed). 300 % is the
 * factor 4 it picks in an uncounted run of these loops (`--trace-gc-verbose`: "factor 4.0 based on
 * mu=0.970").
 */
export function countedNode(script: string, ...args: string[]): string[] {
  return [process.execPath, '--expose-gc', '--single-threaded', '--heap-growing-percent=300', '--import', 'tsx', script, ...args];
}

/** The Node child's side: runs each case's segments as callgrindPerCall expects (needs --expose-gc). */
export function runInstructionSegments(fns: ReadonlyArray<() => unknown>, counts: ReadonlyArray<readonly [number, number]>): void {
  const gc = (globalThis as { gc?: () => void }).gc!;
  fns.forEach((fn, i) => {
    const [n0, n1] = counts[i];
    const repeat = repeater();
    // the warm-up in ten invocations: the loop itself is optimized at an invocation's entry, not
    // inside a measured segment
    for (let w = 0; w < 10; w++) repeat(fn, Math.ceil(n1 / 10));
    for (const n of [n0, n1]) {
      gc();
      void process.ppid;
      repeat(fn, n);
    }
    gc();
    void process.ppid;
  });
}

// Each case's calls come from a loop of its own (a new function, so with its own type feedback and
// optimized code, never deoptimized by the next case's callee); with the loops written inline the
// first case counted them interpreted (~1,450 more instructions per call).
function repeater(): (fn: () => unknown, n: number) => void {
  return new Function('fn', 'n', 'for (let k = 0; k < n; k++) fn();') as (fn: () => unknown, n: number) => void;
}
