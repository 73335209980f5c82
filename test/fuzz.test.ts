// A fuzz of bad input (test/fuzz-cases.ts: bad arguments to every generated op and Tensor method, the
// hand-written API's known traps, mutated checkpoints and images). Each case must return or throw an
// Error: none may crash the process, hang, or throw a non-Error. Cases run in a child process; when
// one crashes it, the case is recorded and a new child goes on after it.
import t from 'tap';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allCases } from './fuzz-cases.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const labels = allCases().map(([label]) => label);
const HANG_MS = 20000;

interface Run { outcomes: Map<number, string>; crashed: { index: number; how: string }[] }

function runFrom(start: number, run: Run): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fuzz-worker.ts'), String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let current = -1, buffer = '', stderr = '', finished = false;
    let timer = setTimeout(() => child.kill('SIGKILL'), HANG_MS * 3);
    const rearm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => { run.crashed.push({ index: current, how: `hang (no progress for ${HANG_MS / 1000} s)` }); child.kill('SIGKILL'); }, HANG_MS);
    };
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
    child.stdout.on('data', (d) => {
      buffer += d;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const [tag, i, ...rest] = line.split(' ');
        if (tag === 'S') current = Number(i);
        if (tag === 'D') run.outcomes.set(Number(i), rest.join(' '));
        if (tag === 'END') finished = true;
        rearm();
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (finished && code === 0) return resolve(null);
      if (current >= 0 && !run.outcomes.has(current)) {
        if (!run.crashed.some((c) => c.index === current)) run.crashed.push({ index: current, how: `exit ${code ?? signal}: ${stderr.trim().split('\n').slice(-3).join(' | ')}` });
        return resolve(current + 1);
      }
      run.crashed.push({ index: current, how: `the worker stopped (exit ${code ?? signal}) outside a case: ${stderr.trim().split('\n').slice(-3).join(' | ')}` });
      resolve(null);
    });
  });
}

t.test(`${labels.length} bad calls: none crashes, hangs or throws a non-Error`, async (t) => {
  const run: Run = { outcomes: new Map(), crashed: [] };
  for (let next: number | null = 0; next !== null && next < labels.length;) next = await runFrom(next, run);
  const nonErrors = [...run.outcomes].filter(([, o]) => o.startsWith('non-Error'));
  const count = (what: string) => [...run.outcomes.values()].filter((o) => o === what).length;
  t.comment(`returned ${count('returned')}, TypeError ${count('TypeError')}, RangeError ${count('RangeError')}, TorchError ${count('TorchError')}, other errors ${run.outcomes.size - count('returned') - count('TypeError') - count('RangeError') - count('TorchError')}`);
  t.same(run.crashed.map((c) => `${labels[c.index] ?? c.index}: ${c.how}`), [], 'no case crashed or hung the process');
  t.same(nonErrors.map(([i, o]) => `${labels[i]}: ${o}`), [], 'every failure is an Error');
  t.equal(run.outcomes.size, labels.length - run.crashed.length, 'every case ran');
});
