// One argument binder, with Python's semantics, for every hand-written callable (as Python's own
// python_arg_parser is one): any parameter by position in Python's order, or by its camelCase name
// in one trailing options object, or both mixed as Python allows; Python's defaults; Python's
// TypeErrors for too many positional arguments, an unknown keyword (with the nearest valid name), a
// parameter given twice, or a missing one. The parameters come from PyTorch itself
// (lib/generated/signatures.ts, made by scripts/gen-signatures.py).
import { SIGNATURES, type ParamTypes, type ParamSpec, type ArgsTable, type Positional } from './generated/signatures.js';
import { isPlainObject } from './plain-object.js';

export type Signed = keyof typeof SIGNATURES & keyof ParamTypes;

// ---- types: every way Python lets the parameters be passed --------------------------------------

type Spec<K extends Signed> = (typeof SIGNATURES)[K];
type RequiredKeys<T> = { [P in keyof T]-?: {} extends Pick<T, P> ? never : P }[keyof T];
/** The options object once `Used` went by position: the rest by name, the required ones required. */
type Options<T, Used extends PropertyKey> = { [P in Exclude<keyof T, Used> as P extends RequiredKeys<T> ? P : never]: T[P] } &
  { [P in Exclude<keyof T, Used> as P extends RequiredKeys<T> ? never : P]?: T[P] };
type OptionsTail<T, Used extends PropertyKey> = [Exclude<RequiredKeys<T>, Used>] extends [never]
  ? [options?: Options<T, Used>]
  : [options: Options<T, Used>];
type Prefixes<T, Names extends readonly unknown[], Done extends unknown[] = [], Used extends PropertyKey = never> =
  | [...Done, ...OptionsTail<T, Used>]
  | (Names extends readonly [infer H extends keyof T, ...infer R] ? Prefixes<T, R, [...Done, T[H]], Used | H> : never);

/**
 * The argument lists a mirrored callable accepts: `Args<'nn.Conv2d'>`. Written out by the generator
 * (ArgsTable: the first k positional parameters, then an options object with the rest), which tsc
 * reads at once where Prefixes would be worked out again at every declaration that uses it.
 */
export type Args<K extends Signed> = ArgsTable[K];
type WithOrWithoutLast<A> = A extends unknown[] ? A | (Required<A> extends [...infer Head, unknown] ? Head : never) : never;
/** Args<K>, then one more argument after Python's (forkRng's body): the options object given or not. */
export type ArgsThen<K extends Signed, Last> = [...WithOrWithoutLast<Required<ArgsTable[K]>>, Last];
/**
 * Args<K> for a method a subclass may override (Module.train, Optimizer.zeroGrad): computed, whose
 * options object TypeScript relates loosely enough that an override with Python's plain signature
 * (`train(mode = true)`) stays assignable to the base method.
 */
export type MethodArgs<K extends Signed> = Prefixes<ParamTypes[K], Positional[K]>;
/** Args<K> with some parameters' types replaced (`{ dataset: Dataset<T> }` for a generic class). */
export type ArgsWith<K extends Signed, O> = Prefixes<Omit<ParamTypes[K], keyof O> & O, Positional[K]>;
/** What bind() returns: every parameter, defaults filled in where Python's are plain values. */
type VarNames<S, Kind extends string> = S extends readonly (infer E)[] ? (E extends readonly [infer N extends string, string, Kind, ...unknown[]] ? N : never) : never;
export type Bound<K extends Signed> = { [P in keyof ParamTypes[K]]-?: ParamTypes[K][P] }
  & { [N in VarNames<Spec<K>, 'varargs'>]: unknown[] } & { [N in VarNames<Spec<K>, 'varkw'>]: Record<string, unknown> };

// ---- run time ----------------------------------------------------------------------------------

function decodeDefault(d: unknown): unknown {
  if (d && typeof d === 'object' && '$' in d) {
    const r = (d as { $: string }).$;
    return r === 'inf' ? Infinity : r === '-inf' ? -Infinity : r === 'nan' ? NaN : undefined; // others: the implementation's own
  }
  return Array.isArray(d) ? [...d] : d;
}
const isRequired = (p: ParamSpec) => p.length < 4 || (p[3] && typeof p[3] === 'object' && (p[3] as { $?: string }).$ === '<required parameter>');

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}
/** The nearest valid name to a wrong one (a typo, or Python's snake_case spelling). */
function nearest(wrong: string, names: string[]): string | undefined {
  const camel = wrong.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  if (names.includes(camel)) return camel;
  let best: string | undefined, bestD = Infinity;
  for (const n of names) {
    const dist = editDistance(wrong.toLowerCase(), n.toLowerCase());
    if (dist < bestD) [best, bestD] = [n, dist];
  }
  return bestD <= Math.max(2, Math.floor(wrong.length / 3)) ? best : undefined;
}

/**
 * Parameters torch-node takes but cannot honour (yet): given anything but Python's default, they
 * throw, naming the parameter, instead of being dropped.
 */
export function rejectUnsupported(key: Signed, bound: Record<string, unknown>, names: readonly string[], fn = key.split('.').pop()!): void {
  const spec = SIGNATURES[key] as readonly ParamSpec[];
  for (const name of names) {
    const p = spec.find((q) => q[0] === name);
    const v = bound[name];
    if (v === undefined || v === null || (p && p.length > 3 && v === p[3])) continue;
    throw new TypeError(`${fn}(): ${name}=${typeof v === 'string' ? `'${v}'` : String(v)} is not supported by torch-node`);
  }
}

/** Python's TypeError for a keyword the callable does not take, with the nearest valid name. */
export function unexpectedKeyword(fn: string, key: string, names: string[]): never {
  const hint = nearest(key, names);
  throw new TypeError(`${fn}() got an unexpected keyword argument '${key}'${hint ? `. Did you mean '${hint}'?` : ''}`);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const quoteList = (names: string[]) =>
  names.length === 1 ? `'${names[0]}'` : `${names.slice(0, -1).map((n) => `'${n}'`).join(', ')} and '${names[names.length - 1]}'`;

export interface BindOptions {
  /** the callable's name in messages (default: the last part of the key) */
  name?: string;
  /** parameters that take a plain object as a value: a trailing object in their place is theirs */
  objectParams?: readonly string[];
}

/** A signature prepared once for binding: who goes by position, who is required, the defaults. */
interface Compiled {
  name: string;
  spec: readonly ParamSpec[];
  positional: readonly ParamSpec[];
  kinds: Map<string, ParamSpec[2]>;
  varargs?: string;
  varkw?: string;
  required: readonly ParamSpec[];
  /** [name, value, copy]: plain defaults (arrays copied per call, as each call gets its own) */
  defaults: readonly [string, unknown, boolean][];
  /** the same binding written out for this signature (compileFast); undefined from it: bind()'s loop decides */
  fast?: (args: readonly unknown[]) => Record<string, unknown> | undefined;
}
const COMPILED = new Map<string, Compiled>();
function compile(key: string): Compiled {
  const spec = SIGNATURES[key as Signed] as readonly ParamSpec[];
  const named = spec.filter((p) => p[2] !== 'varargs' && p[2] !== 'varkw');
  const c: Compiled = {
    name: key.split('.').pop()!,
    spec,
    positional: spec.filter((p) => p[2] === 'pos' || p[2] === 'posonly'),
    kinds: new Map(named.map((p) => [p[0], p[2]])),
    varargs: spec.find((p) => p[2] === 'varargs')?.[0],
    varkw: spec.find((p) => p[2] === 'varkw')?.[0],
    required: named.filter(isRequired),
    defaults: named.filter((p) => p.length > 3 && !isRequired(p)).map((p) => {
      const d = decodeDefault(p[3]);
      return [p[0], d, Array.isArray(d)] as [string, unknown, boolean];
    }),
  };
  c.fast = compileFast(c);
  COMPILED.set(key, c);
  return c;
}

/**
 * bind() written out for one signature: its property stores and tests name fixed keys, which V8 runs
 * as a few inline checks, where the one generic loop's stores by computed key go through its
 * megamorphic path (most of a small functional call's binding cost). It returns exactly what bind()
 * would, or undefined for any call bind() must refuse (too many arguments, an unknown keyword, one
 * given twice, a required one missing), which bind() then makes again to throw Python's error. None
 * for signatures with *args or **kwargs, or where code generation is disallowed.
 */
function compileFast(c: Compiled): Compiled['fast'] {
  if (c.varargs !== undefined || c.varkw !== undefined) return undefined;
  const key = (name: string) => JSON.stringify(name);
  const lines = [
    'let n = args.length;',
    'while (n > 0 && args[n - 1] === undefined) n--;',
    'const kwargs = n > 0 && isPlainObject(args[n - 1]) ? args[--n] : undefined;',
    `if (n > ${c.positional.length}) return undefined;`,
    'const out = {};',
    'let v;',
    ...c.positional.map((p, i) => `if (n > ${i} && (v = args[${i}]) !== undefined) out[${key(p[0])}] = v;`),
    'if (kwargs !== undefined) {',
    '  for (const k in kwargs) {',
    '    if ((v = kwargs[k]) === undefined) continue;',
    '    switch (k) {',
    ...[...c.kinds].filter(([, kind]) => kind !== 'posonly').map(([name]) => `      case ${key(name)}: if (${key(name)} in out) return undefined; out[${key(name)}] = v; break;`),
    '      default: return undefined;',
    '    }',
    '  }',
    '}',
    ...c.required.map((p) => `if (!(${key(p[0])} in out)) return undefined;`),
    ...c.defaults.map(([name, , copy], i) => `if (!(${key(name)} in out)) out[${key(name)}] = ${copy ? `[...defaults[${i}]]` : `defaults[${i}]`};`),
    'return out;',
  ];
  try {
    return new Function('isPlainObject', 'defaults', `return function bindSignature(args) {\n${lines.join('\n')}\n};`)(
      isPlainObject, c.defaults.map((d) => d[1])) as Compiled['fast'];
  } catch {
    return undefined; // node --disallow-code-generation-from-strings: the generic path only
  }
}

/**
 * Binds `args` to the parameters of the Python callable `key` as Python binds them, and returns
 * every parameter by its camelCase name (undefined where the implementation supplies the default).
 */
export function bind<K extends Signed>(key: K, args: readonly unknown[], options?: BindOptions): Bound<K> {
  const c = COMPILED.get(key) ?? compile(key);
  // a trailing plain object may be a parameter's value (objectParams): bind() tells
  const bound = options?.objectParams ? undefined : c.fast?.(args);
  if (bound !== undefined) return bound as Bound<K>;
  const fn = options?.name ?? c.name;
  const positional = c.positional;
  let given = args.length;
  while (given > 0 && args[given - 1] === undefined) given--;
  let kwargs: Record<string, unknown> | undefined;
  if (given > 0 && isPlainObject(args[given - 1])) {
    // a plain object where a parameter takes one (ModuleDict's modules) is that value, unless a key
    // is one of the callable's parameter names: then it is the options (ModuleDict({ modules: {...} }))
    const slot = positional[given - 1];
    const last = args[given - 1] as Record<string, unknown>;
    const belongsToSlot = slot && options?.objectParams?.includes(slot[0]) && !Object.keys(last).some((k) => c.kinds.has(k));
    if (!belongsToSlot) kwargs = args[--given] as Record<string, unknown>;
  }
  const out: Record<string, unknown> = {};
  const max = positional.length;
  if (given > max && c.varargs === undefined) {
    const min = positional.filter(isRequired).length;
    const takes = min === max ? `${max}` : `from ${min} to ${max}`;
    throw new TypeError(`${fn}() takes ${takes} positional argument${max === 1 && min === max ? '' : 's'} but ${given} ${given === 1 ? 'was' : 'were'} given`);
  }
  const n = given < max ? given : max;
  for (let i = 0; i < n; i++) if (args[i] !== undefined) out[positional[i][0]] = args[i];
  if (c.varargs !== undefined) out[c.varargs] = args.slice(max, given);
  let extra: Record<string, unknown> | undefined;
  if (kwargs) {
    for (const k in kwargs) {
      const v = kwargs[k];
      if (v === undefined) continue;
      // *size may be named too (zeros(size=(2, 3))), as PyTorch's own parser allows
      if (k === c.varargs) {
        if (given > max) throw new TypeError(`${fn}() got multiple values for argument '${k}'`);
        out[k] = [v];
        continue;
      }
      const kind = c.kinds.get(k);
      if (kind === undefined) {
        if (c.varkw === undefined) unexpectedKeyword(fn, k, [...c.kinds.keys()]);
        (extra ??= {})[k] = v;
        continue;
      }
      if (kind === 'posonly') throw new TypeError(`${fn}() got some positional-only arguments passed as keyword arguments: '${k}'`);
      if (k in out) throw new TypeError(`${fn}() got multiple values for argument '${k}'`);
      out[k] = v;
    }
  }
  if (c.varkw !== undefined) out[c.varkw] = extra ?? {};
  for (const p of c.required) {
    if (p[0] in out) continue;
    const missing = c.required.filter((q) => !(q[0] in out));
    const kwOnly = missing.every((q) => q[2] === 'kwonly');
    throw new TypeError(`${fn}() missing ${plural(missing.length, `required ${kwOnly ? 'keyword-only' : 'positional'} argument`)}: ${quoteList(missing.map((q) => q[0]))}`);
  }
  for (const [name, value, copy] of c.defaults) if (!(name in out)) out[name] = copy ? [...(value as unknown[])] : value;
  return out as Bound<K>;
}
