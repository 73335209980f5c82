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

// Everything tensor-like a result reaches: arrays, Maps, objects, and modules (which are functions).
function collect(root: unknown, into: Set<unknown>): void {
  const seen = new Set<unknown>();
  const todo = [root];
  while (todo.length) {
    const v = todo.pop();
    if (v === null || (typeof v !== 'object' && typeof v !== 'function') || seen.has(v)) continue;
    seen.add(v);
    if ((v as { _h?: unknown })._h !== undefined && typeof (v as Tensor).dispose === 'function') {
      into.add(v);
      continue;
    }
    if (v instanceof Map) for (const x of v.values()) todo.push(x);
    else for (const x of Object.values(v as object)) todo.push(x);
  }
}

/**
 * torch-node only: runs `fn` and then releases the native memory of every tensor made inside it, except the one it returns (and tensors passed to `keep`). Python needs no twin: CPython frees tensors when their last reference goes.
 *
 * ```ts
 * const loss = torch.tidy(() => criterion(model(x), y));
 * ```
 */
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
  // wrappers that share a native handle with a survivor (a Parameter made over a fresh tensor) share
  // its fate: disposing one would dispose the other
  const survivingHandles = new Set([...survivors].map((t) => (t as Tensor)._h));
  const outer = scopes[scopes.length - 1];
  for (const t of scope) {
    if (survivors.has(t) || kept.has(t) || survivingHandles.has(t._h)) outer?.push(t);
    else t.dispose();
  }
  return result;
}
