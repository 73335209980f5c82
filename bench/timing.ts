// The timing loop the benches share: a tenth of the calls to warm up, then the median of `reps`
// runs of `iters` calls, in nanoseconds per call (as the Python sides time theirs).
export const REPS = 5;

export function medianNsPerCall(fn: () => unknown, iters: number, reps = REPS): number {
  for (let i = 0; i < Math.max(1, Math.floor(iters / 10)); i++) fn();
  const runs: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iters; i++) fn();
    runs.push(Number(process.hrtime.bigint() - t0) / iters);
  }
  return runs.sort((x, y) => x - y)[reps >> 1];
}
