// The one test of "an options object" every binding path shares (lib/bind.ts, the fast paths of
// lib/fast-ops.ts and lib/creation.ts), kept free of imports so that each can use it.

/**
 * Whether a value is an options object rather than a value: an object literal (or one made with
 * `Object.create(null)`). Arrays, Tensors, DTypes and every other class instance have another prototype.
 */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
