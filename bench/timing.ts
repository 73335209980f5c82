// The timing block the benches share, and how many rounds of it they take the median of.
export const REPS = 5;

/** One block: `iters` calls of fn, nanoseconds per call. */
export function nsPerCall(fn: () => unknown, iters: number): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iters; i++) fn();
  return Number(process.hrtime.bigint() - t0) / iters;
}
