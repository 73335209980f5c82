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

/** Modules anywhere in obj (records and arrays) replaced by their saved form. */
export function modulesToRecords(obj: unknown): unknown {
  if (obj instanceof Module) {
    const name = (obj.constructor as { name: string }).name;
    if (REGISTRY.get(name) !== obj.constructor) throw notRegistered(name, 'torch.save');
    return { [MARK]: name, training: obj.training, state_dict: obj.stateDict() };
  }
  if (Array.isArray(obj)) return obj.map(modulesToRecords);
  if (obj && typeof obj === 'object' && Object.getPrototypeOf(obj) === Object.prototype) {
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, modulesToRecords(v)]));
  }
  return obj;
}

/** Saved modules anywhere in a loaded value rebuilt. */
export function recordsToModules(obj: unknown): unknown {
  if (Array.isArray(obj)) return obj.map(recordsToModules);
  if (obj && typeof obj === 'object' && Object.getPrototypeOf(obj) === Object.prototype) {
    const r = obj as Record<string, unknown>;
    if (typeof r[MARK] === 'string') {
      const cls = REGISTRY.get(r[MARK] as string);
      if (!cls) throw notRegistered(r[MARK] as string, 'torch.load');
      const m = new cls();
      m.loadStateDict(r.state_dict as never);
      return m.train(r.training !== false);
    }
    return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, recordsToModules(v)]));
  }
  return obj;
}
