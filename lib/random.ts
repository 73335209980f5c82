// torch.random: the default generator's seeding and state (as on torch itself), and fork_rng, the
// context manager that restores the state on the way out, here a function run inside the fork as
// torch.noGrad runs one.
import { badArg } from './errors.js';
import { isPlainObject } from './plain-object.js';
import { getRngState, setRngState, seed, defaultGenerator } from './generator.js';

export { getRngState, setRngState, seed };
export { manualSeed, initialSeed } from './index.js';

/** The options of `torch.random.forkRng`: Python's fork_rng(devices=None, enabled=True). */
export interface ForkRngOptions {
  /** CUDA devices whose generators to fork too: torch-node forks the CPU generator only, and refuses a non-empty list */
  devices?: number[] | null;
  /** false runs fn without forking */
  enabled?: boolean;
}

/**
 * Runs `fn` and then restores the CPU generator's state, so draws inside do not move the stream
 * outside (Python's `with torch.random.fork_rng():`). A promise fn returns is waited for before the
 * restore.
 */
export function forkRng<T>(fn: () => T): T;
export function forkRng<T>(options: ForkRngOptions, fn: () => T): T;
export function forkRng<T>(...args: [() => T] | [ForkRngOptions, () => T]): T {
  const [options, fn] = args.length === 1 ? [{}, args[0]] : args;
  if (!isPlainObject(options)) badArg('an options object { devices, enabled }', 'options', options);
  for (const k of Object.keys(options)) if (k !== 'devices' && k !== 'enabled') throw new TypeError(`forkRng() got an unexpected keyword argument '${k}'`);
  if (typeof fn !== 'function') badArg('a function to run inside the fork', 'fn', fn);
  const { devices = null, enabled = true } = options as ForkRngOptions;
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
