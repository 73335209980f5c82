// Sequential, ModuleList, ModuleDict, ParameterList. Children are properties named '0', '1',
// ... (or by key), so state-dict keys read 'features.0.weight' as in PyTorch.
import { Module, isPure } from '../module.js';
import { Tensor } from '../../tensor.js';
import { Parameter } from '../parameter.js';
import { badArg } from '../../errors.js';
import { bind, type Args } from '../../bind.js';
import { releaseAtLeast } from '../../release.js';

const collapsesRepeats = releaseAtLeast(2, 0);

function checkModule(m: unknown, where: string): Module {
  if (!(m instanceof Module)) badArg('a Module', where, m);
  return m as Module;
}

/** Children kept under '0', '1', ...: shared by Sequential and ModuleList. */
abstract class IndexedModules<In extends unknown[] = any[], Out = any> extends Module<In, Out> {
  get length(): number {
    return [...this.children()].length;
  }
  /** list.get(-1) as list[-1] */
  get(index: number): Module {
    const list = [...this.children()];
    const m = list[index < 0 ? list.length + index : index];
    if (!m) throw new RangeError(`index ${index} is out of range`);
    return m;
  }
  append(module: Module): this {
    this.addModule(String(this.length), checkModule(module, 'module'));
    return this;
  }
  [Symbol.iterator](): IterableIterator<Module> {
    return this.children();
  }
}

export class Sequential extends IndexedModules<[input: any], any> {
  /** new Sequential(a, b, c) or new Sequential({ conv: a, relu: b }) (an ordered record). */
  constructor(...modules: (Module | Record<string, Module>)[]) {
    super();
    if (modules.length === 1 && !(modules[0] instanceof Module) && typeof modules[0] === 'object') {
      for (const [name, m] of Object.entries(modules[0])) this.addModule(name, checkModule(m, `Sequential[${name}]`));
    } else modules.forEach((m, i) => this.addModule(String(i), checkModule(m, `Sequential[${i}]`)));
  }
  forward(input: any): any {
    const callers = input; // the caller's own input: never freed here, even when a layer hands it on (Identity)
    let producer: Module | null = null;
    for (const m of this.children()) {
      const out = m(input);
      // an intermediate between two of torch-node's own layers is referenced nowhere else
      if (producer && isPure(producer) && isPure(m) && out !== input && input !== callers && out instanceof Tensor && input instanceof Tensor) input.dispose();
      input = out;
      producer = m;
    }
    return input;
  }
}

export class ModuleList extends IndexedModules {
  constructor(...args: Args<'nn.ModuleList'>) {
    super();
    for (const m of bind('nn.ModuleList', args).modules ?? []) this.append(m);
  }
  extend(modules: Iterable<Module>): this {
    for (const m of modules) this.append(m);
    return this;
  }
  forward(): never {
    throw new Error('ModuleList is not callable: iterate over it in your forward');
  }
  /** PyTorch 2 prints a run of identical children once: (0-5): 6 x Layer(...). */
  toString(): string {
    if (!collapsesRepeats) return super.toString();
    const reprs = [...this.children()].map(String);
    if (!reprs.length) return 'ModuleList()';
    const lines: string[] = [];
    for (let start = 0; start < reprs.length;) {
      let end = start;
      while (end + 1 < reprs.length && reprs[end + 1] === reprs[start]) end++;
      const head = start === end ? `(${start}): ` : `(${start}-${end}): ${end - start + 1} x `;
      lines.push(`${head}${reprs[start]}`.split('\n').join('\n  '));
      start = end + 1;
    }
    return `ModuleList(\n  ${lines.join('\n  ')}\n)`;
  }
}

export class ModuleDict extends Module {
  /** new ModuleDict({ conv: a, relu: b }): a plain object in the first place is the modules. */
  constructor(...args: Args<'nn.ModuleDict'>) {
    super();
    const { modules } = bind('nn.ModuleDict', args, { objectParams: ['modules'] });
    for (const [k, m] of Object.entries(modules ?? {})) this.addModule(k, checkModule(m, k));
  }
  get(key: string): Module | undefined {
    const v = (this as any)[key];
    return v instanceof Module ? v : undefined;
  }
  set(key: string, module: Module): void {
    this.addModule(key, checkModule(module, key));
  }
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  keys(): string[] {
    return [...this.namedChildren()].map(([k]) => k);
  }
  values(): Module[] {
    return [...this.children()];
  }
  items(): [string, Module][] {
    return [...this.namedChildren()];
  }
  get length(): number {
    return this.keys().length;
  }
  forward(): never {
    throw new Error('ModuleDict is not callable');
  }
}

export class ParameterList extends Module {
  constructor(...args: Args<'nn.ParameterList'>) {
    super();
    for (const p of bind('nn.ParameterList', args).values ?? []) this.append(p as Tensor);
  }
  get length(): number {
    return [...this.parameters(false)].length;
  }
  get(index: number): Parameter {
    const list = [...this.parameters(false)];
    const p = list[index < 0 ? list.length + index : index];
    if (!p) throw new RangeError(`index ${index} is out of range`);
    return p;
  }
  /** A plain tensor becomes a Parameter, as in Python. */
  append(p: Tensor): this {
    if (!(p instanceof Tensor)) badArg('a Parameter or Tensor', 'value', p);
    this.registerParameter(String(this.length), p instanceof Parameter ? p : new Parameter(p));
    return this;
  }
  [Symbol.iterator](): IterableIterator<Parameter> {
    return this.parameters(false);
  }
  extraRepr(): string {
    return [...this.namedParameters('', false)].map(([k, p]) => `(${k}): Parameter containing: [${p.type()} of size ${p.shape.join('x')}]`).join('\n');
  }
}

export class ParameterDict extends Module {
  /** new ParameterDict({ a: p, b: q }): a plain tensor becomes a Parameter, as in Python. */
  constructor(...args: Args<'nn.ParameterDict'>) {
    super();
    const { parameters } = bind('nn.ParameterDict', args, { objectParams: ['parameters'] });
    for (const [k, p] of Object.entries(parameters ?? {})) this.set(k, p);
  }
  get(key: string): Parameter | undefined {
    return [...this.namedParameters('', false)].find(([k]) => k === key)?.[1];
  }
  set(key: string, p: Tensor): void {
    if (!(p instanceof Tensor)) badArg('a Parameter or Tensor', key, p);
    this.registerParameter(key, p instanceof Parameter ? p : new Parameter(p));
  }
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  keys(): string[] {
    return [...this.namedParameters('', false)].map(([k]) => k);
  }
  values(): Parameter[] {
    return [...this.parameters(false)];
  }
  items(): [string, Parameter][] {
    return [...this.namedParameters('', false)];
  }
  get length(): number {
    return this.keys().length;
  }
  forward(): never {
    throw new Error('ParameterDict is not callable');
  }
  extraRepr(): string {
    return this.items().map(([k, p]) => `  (${k}): Parameter containing: [${p.type()} of size ${p.shape.join('x')}]`).join('\n');
  }
}
