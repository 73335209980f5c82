// The Optimizer base: parameter groups, per-parameter state, zeroGrad, and state dicts in
// PyTorch's layout ({ state: { 0: {...} }, param_groups: [{ lr, ..., params: [0, 1] }] }), with
// PyTorch's snake_case keys so they move between Python and TS unchanged.
import { Tensor } from '../tensor.js';
import { snake, camel } from '../names.js';
import { badArg } from '../errors.js';
import { noGrad, enableGrad } from '../autograd.js';

import { bind, type Args, type MethodArgs } from '../bind.js';
/**
 * One parameter group as given to an optimizer: `params` plus any of the optimizer's options for this group.
 */
export type ParamGroupInput = { params: Iterable<Tensor> | Iterable<[string, Tensor]> } & Record<string, unknown>;
/**
 * One parameter group as the optimizer holds it: its parameters and every option with the defaults filled in (Python's `param_groups` entries).
 */
export interface ParamGroup extends Record<string, unknown> {
  params: Tensor[];
  lr: number;
}
/**
 * An optimizer's `stateDict()`: per-parameter `state` by index and the `param_groups`, in Python's layout (so PyTorch's checkpoints load).
 */
export interface OptimizerStateDict {
  state: Record<number, Record<string, Tensor | number | null>>;
  param_groups: (Record<string, unknown> & { params: number[] })[];
}


export abstract class Optimizer {
  defaults: Record<string, unknown>;
  /**
   * The parameter groups (Python's `param_groups`): change `lr` here to adjust the learning rate by hand.
   */
  paramGroups: ParamGroup[] = [];
  /** Per-parameter state, keyed by the parameter tensor. */
  state = new Map<Tensor, Record<string, any>>();

  /** params: tensors, [name, tensor] pairs (model.namedParameters()), or parameter groups. */
  constructor(params: Iterable<unknown>, defaults: Record<string, unknown>) {
    this.defaults = defaults;
    if (params instanceof Tensor || params == null || typeof (params as Iterable<unknown>)[Symbol.iterator] !== 'function') {
      throw new TypeError(`params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${params instanceof Tensor ? params.type() : typeof params}`);
    }
    const list = [...params];
    if (list.length === 0) throw new RangeError('optimizer got an empty parameter list');
    const groups = list[0] instanceof Tensor || Array.isArray(list[0]) ? [{ params: list }] : (list as ParamGroupInput[]);
    for (const g of groups) this.addParamGroup(g as ParamGroupInput & Record<string, unknown>);
  }

  addParamGroup(...args: MethodArgs<'optim.Optimizer.addParamGroup'>): void {
    const group = bind('optim.Optimizer.addParamGroup', args, { name: 'addParamGroup', objectParams: ['paramGroup'] }).paramGroup as ParamGroupInput;
    if (group === null || typeof group !== 'object' || !group.params) badArg('a parameter group ({ params, ...options })', 'paramGroup', group);
    let params = group.params instanceof Tensor ? [group.params] : [...(group.params as Iterable<unknown>)] as Tensor[];
    // named parameters: Python keeps the names in the group's param_names
    let paramNames: string[] | undefined;
    if (params.length && Array.isArray(params[0])) {
      const pairs = params as unknown as unknown[][];
      if (!pairs.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string')) {
        throw new TypeError('all optimizer params should be with/without names. Some param names are missing');
      }
      paramNames = pairs.map((e) => e[0] as string);
      params = pairs.map((e) => e[1] as Tensor);
    }
    params.forEach((p, i) => {
      if (!(p instanceof Tensor)) badArg('Tensor', `params[${i}]`, p);
      if (!p.isLeaf) throw new Error("can't optimize a non-leaf Tensor");
    });
    const seen = new Set(this.paramGroups.flatMap((g) => g.params));
    if (params.some((p) => seen.has(p))) throw new Error('some parameters appear in more than one parameter group');
    // keys of the group's own (a name, a tag) are kept with it, as Python keeps them
    this.paramGroups.push({ ...this.defaults, ...group, params, ...(paramNames ? { paramNames } : {}) } as ParamGroup);
  }

  /** zeroGrad(setToNone = true): PyTorch 2.x's default (1.13's was false). */
  zeroGrad(...args: MethodArgs<'optim.Optimizer.zeroGrad'>): void {
    const { setToNone } = bind('optim.Optimizer.zeroGrad', args, { name: 'zeroGrad' });
    for (const g of this.paramGroups) {
      for (const p of g.params) {
        if (setToNone) p.grad = null;
        else {
          const grad = p.grad;
          if (grad) noGrad(() => grad.detach().zero_());
        }
      }
    }
  }

  abstract step(closure?: () => Tensor): Tensor | undefined;

  /** step(closure): re-evaluates the loss with grad enabled, as PyTorch does. */
  protected runClosure(closure?: () => Tensor): Tensor | undefined {
    return closure ? enableGrad(closure) : undefined;
  }

  /** Parameters of a group that have a gradient, with their gradients. */
  protected withGrads(g: ParamGroup): [Tensor[], Tensor[]] {
    const params: Tensor[] = [], grads: Tensor[] = [];
    for (const p of g.params) {
      const grad = p.grad;
      if (grad) {
        params.push(p);
        grads.push(grad);
      }
    }
    return [params, grads];
  }

  stateDict(): OptimizerStateDict {
    let index = 0;
    const ids = new Map<Tensor, number>();
    const param_groups = this.paramGroups.map((g) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(g)) if (k !== 'params') out[snake(k)] = v;
      out.params = g.params.map((p) => {
        if (!ids.has(p)) ids.set(p, index++);
        return ids.get(p)!;
      });
      return out as Record<string, unknown> & { params: number[] };
    });
    const state: Record<number, Record<string, any>> = {};
    for (const [p, s] of this.state) {
      const id = ids.get(p);
      if (id !== undefined) state[id] = Object.fromEntries(Object.entries(s).map(([k, v]) => [snake(k), v]));
    }
    return { state, param_groups };
  }

  loadStateDict(...args: MethodArgs<'optim.Optimizer.loadStateDict'>): void {
    const sd = bind('optim.Optimizer.loadStateDict', args, { name: 'loadStateDict', objectParams: ['stateDict'] }).stateDict as unknown as OptimizerStateDict;
    if (!sd || typeof sd !== 'object' || !Array.isArray(sd.param_groups)) badArg('an optimizer state dict', 'stateDict', sd);
    if (sd.param_groups.length !== this.paramGroups.length) throw new RangeError('loaded state dict has a different number of parameter groups');
    const byId = new Map<number, Tensor>();
    sd.param_groups.forEach((g, i) => {
      const own = this.paramGroups[i];
      if (g.params.length !== own.params.length) throw new RangeError("loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
      g.params.forEach((id, j) => byId.set(id, own.params[j]));
      for (const [k, v] of Object.entries(g)) if (k !== 'params') (own as Record<string, unknown>)[camel(k)] = v;
    });
    this.state.clear();
    for (const [id, s] of Object.entries(sd.state ?? {})) {
      const p = byId.get(Number(id));
      if (!p) continue;
      // state moves to the parameter's device; floating state takes its dtype (step stays float32)
      const entry: Record<string, any> = {};
      for (const [k, v] of Object.entries(s)) {
        if (!(v instanceof Tensor)) {
          entry[camel(k)] = v;
          continue;
        }
        entry[camel(k)] = k === 'step' ? v.to('cpu') : v.to({ device: p.device, dtype: v.dtype.isFloatingPoint ? p.dtype : v.dtype });
      }
      this.state.set(p, entry);
    }
  }

  /** The optimizer and its parameter groups' options as Python's `repr(optimizer)` prints them. */
  toString(): string {
    const lines = [`${this.constructor.name} (`];
    this.paramGroups.forEach((g, i) => {
      lines.push(`Parameter Group ${i}`);
      for (const k of Object.keys(g).filter((k) => k !== 'params').sort()) lines.push(`    ${snake(k)}: ${String(g[k])}`);
    });
    lines.push(')');
    return lines.join('\n');
  }
}
