// Releasing native memory at once: tidy() frees every tensor made inside it except those it
// returns (or keep()s), like TensorFlow.js's tf.tidy. GC frees the rest in any case.
import type { Tensor } from './tensor.js';

const scopes: Tensor[][] = [];

/** Called by the Tensor constructor: records the tensor in the innermost scope. */
export function track(t: Tensor): void {
  if (scopes.length) scopes[scopes.length - 1].push(t);
}

const kept = new WeakSet<Tensor>();

/** Exempts a tensor from the enclosing tidy() scopes. */
export function keep<T extends Tensor>(t: T): T {
  kept.add(t);
  return t;
}

function collect(v: unknown, into: Set<unknown>, seen = new Set<unknown>()): void {
  if (v === null || typeof v !== 'object' || seen.has(v)) return;
  seen.add(v);
  if ((v as { _h?: unknown })._h !== undefined && typeof (v as Tensor).dispose === 'function') {
    into.add(v);
    return;
  }
  if (v instanceof Map) for (const x of v.values()) collect(x, into, seen);
  else for (const x of Object.values(v)) collect(x, into, seen);
}

export function tidy<T>(fn: () => T): T {
  if (typeof fn !== 'function') throw new TypeError(`Expected a function for fn but received ${typeof fn}`);
  const scope: Tensor[] = [];
  scopes.push(scope);
  let result: T;
  let finished = false;
  try {
    result = fn();
    finished = true;
  } finally {
    scopes.pop();
    if (!finished) for (const t of scope) if (!kept.has(t)) t.dispose();
  }
  if (result instanceof Promise) {
    throw new TypeError('tidy(fn): fn returned a Promise; tidy scopes are synchronous. Use dispose() or `using` in async code.');
  }
  const survivors = new Set<unknown>();
  collect(result, survivors);
  const outer = scopes[scopes.length - 1];
  for (const t of scope) {
    if (survivors.has(t) || kept.has(t)) outer?.push(t);
    else t.dispose();
  }
  return result;
}
