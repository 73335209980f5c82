// torch.random: the default generator's seeding and state (as on torch itself), and fork_rng, the
// context manager that restores the state on the way out, here a function run inside the fork as
// torch.noGrad runs one.
import { badArg } from './errors.js';
import { bind, type Args, type ArgsThen } from './bind.js';
import { getRngState, setRngState, seed, defaultGenerator } from './generator.js';

export { getRngState, setRngState, seed };
export { manualSeed, initialSeed } from './index.js';

/**
 * Runs `fn` and then restores the CPU generator's state, so draws inside do not move the stream
 * outside (Python's `with torch.random.fork_rng(devices=None, enabled=True):`). fork_rng's
 * arguments come first, bound as Python binds them (`forkRng({ enabled: false }, fn)`), and the
 * body last. torch-node forks the CPU generator only: a non-empty `devices` list is refused. A
 * promise fn returns is waited for before the restore.
 */
export function forkRng<T>(...args: ArgsThen<'random.forkRng', () => T>): T {
  const fn = args[args.length - 1] as () => T;
  if (typeof fn !== 'function') badArg('a function to run inside the fork, as the last argument', 'fn', fn);
  const { devices, enabled } = bind('random.forkRng', args.slice(0, -1) as Args<'random.forkRng'>);
  if (devices !== null && (!Array.isArray(devices) || devices.length > 0)) {
    throw new RangeError('forkRng: torch-node forks the CPU generator only; CUDA generators cannot be forked (pass devices: [] or leave it out)');
  }
  if (!enabled) return fn();
  const state = defaultGenerator.getState();
  let result: T;
  try {
    result = fn();
  } catch (e) {
    setRngState(state);
    throw e;
  }
  if (result instanceof Promise) return result.finally(() => setRngState(state)) as T;
  setRngState(state);
  return result;
}
