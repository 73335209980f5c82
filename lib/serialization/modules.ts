// Whole modules in torch.save / torch.load. Python pickles a model by reference to its class and
// rebuilds it from its attributes; TS has no importable class path, so a class is registered by
// name (torch.serialization.registerModule(Net)), saved as its name, its state dict and its mode,
// and rebuilt on load by `new Net()` and loadStateDict. An unregistered class is refused by name.
import { Module } from '../nn/module.js';
import { badArg } from '../errors.js';

const MARK = '__torch_node_module__';
const REGISTRY = new Map<string, new () => Module>();

/** Registers a Module class for whole-module torch.save / torch.load (the name defaults to the class name). */
export function registerModule(cls: new () => Module, name: string = cls?.name): void {
  if (typeof cls !== 'function' || !(cls.prototype instanceof Module)) badArg('a Module class', 'cls', cls);
  if (typeof name !== 'string' || !name) badArg('a class name', 'name', name);
  const known = REGISTRY.get(name);
  if (known && known !== cls) throw new RangeError(`registerModule: another class is already registered as '${name}'`);
  REGISTRY.set(name, cls);
}

const notRegistered = (name: string, what: string) =>
  new TypeError(`${what}: the module class '${name}' is not registered. Call torch.serialization.registerModule(${name}) first (torch-node rebuilds a saved module with new ${name}() and its state dict), or save model.stateDict(), as PyTorch recommends.`);

/**
 * obj with every value `replace` maps (anything it returns undefined for is walked into) rebuilt, each
 * distinct record or array visited once: shared structure stays shared (a pickle can share one list
 * 2^60 ways), and a value with nothing to replace is returned as it is.
 */
function mapShared(obj: unknown, replace: (v: unknown) => unknown): unknown {
  const done = new Map<object, unknown>();
  const walk = (v: unknown): unknown => {
    const r = replace(v);
    if (r !== undefined) return r;
    if (!v || typeof v !== 'object') return v;
    const isArray = Array.isArray(v);
    if (!isArray && Object.getPrototypeOf(v) !== Object.prototype) return v;
    if (done.has(v)) return done.get(v);
    done.set(v, v);  // a cycle back to v sees v itself
    const entries = isArray ? (v as unknown[]).map((x, i) => [i, x] as const) : Object.entries(v as object);
    let changed = false;
    const mapped = entries.map(([k, x]) => {
      const y = walk(x);
      if (y !== x) changed = true;
      return [k, y] as const;
    });
    const out = !changed ? v : isArray ? mapped.map(([, y]) => y) : Object.fromEntries(mapped);
    done.set(v, out);
    return out;
  };
  return walk(obj);
}

/** Modules anywhere in obj (records and arrays) replaced by their saved form. */
export function modulesToRecords(obj: unknown): unknown {
  return mapShared(obj, (v) => {
    if (!(v instanceof Module)) return undefined;
    const name = (v.constructor as { name: string }).name;
    if (REGISTRY.get(name) !== v.constructor) throw notRegistered(name, 'torch.save');
    return { [MARK]: name, training: v.training, state_dict: v.stateDict() };
  });
}

/** Saved modules anywhere in a loaded value rebuilt. */
export function recordsToModules(obj: unknown): unknown {
  return mapShared(obj, (v) => {
    if (!v || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return undefined;
    const r = v as Record<string, unknown>;
    if (typeof r[MARK] !== 'string') return undefined;
    const cls = REGISTRY.get(r[MARK] as string);
    if (!cls) throw notRegistered(r[MARK] as string, 'torch.load');
    const m = new cls();
    m.loadStateDict(r.state_dict as never);
    return m.train(r.training !== false);
  });
}
