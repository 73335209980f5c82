// Generates lib/generated/ops.ts, the typed op surface, from libtorch's own declarations
// (native_functions.yaml, shipped with PyTorch's torchgen) and the op list in scripts/ops.txt.
// Adding an op is one line in ops.txt, then `npm run gen`.
//
//   node scripts/gen-ops.mjs [--yaml path/to/native_functions.yaml] [--init]
// --init rewrites ops.txt with every public op of the yaml (a starting point to prune).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const yamlPath = args.includes('--yaml')
  ? args[args.indexOf('--yaml') + 1]
  : '/usr/lib/python3/dist-packages/torchgen/packaged/ATen/native/native_functions.yaml';
const listPath = path.join(root, 'scripts/ops.txt');
const outPath = path.join(root, 'lib/generated/ops.ts');

// Members the facade writes by hand (Python-level methods, or ops whose Python signature
// differs from the schema); the generator leaves them alone.
const HAND_WRITTEN = new Set([
  'index', 'size', 'dim', 'numel', 'item', 'to', 'backward', 'requires_grad_', 'retain_grad', 'retains_grad',
  'is_leaf', 'output_nr', 'data', 'stride', 'type', 'cpu', 'cuda', 'float', 'double', 'long', 'int', 'half',
  'bool', 'short', 'char', 'byte', 'bfloat16', 'element_size', 'tolist', 'numpy', 'dispose',
  'zeros', 'ones', 'full', 'empty', 'eye', 'arange', 'linspace', 'logspace', 'rand', 'randn', 'randint', 'randperm',
  'zeros_like', 'ones_like', 'full_like', 'empty_like', 'rand_like', 'randn_like', 'randint_like', 'tensor',
  'is_contiguous', 'is_floating_point', 'set_', 'split', 'chunk', 'unique_consecutive', 'tensordot', 'meshgrid', 'index_put_', 'index_put', 'mT', 'mH', 'nonzero', 'norm',
]);

function splitTop(s) {
  const out = [];
  let depth = 0, cur = '', quote = false;
  for (const ch of s) {
    if (ch === '"' || ch === "'") quote = !quote;
    if (!quote && (ch === '(' || ch === '[')) depth++;
    if (!quote && (ch === ')' || ch === ']')) depth--;
    if (ch === ',' && depth === 0 && !quote) { out.push(cur.trim()); cur = ''; } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function parseType(t) {
  const alias = /\(([a-z]+)(!?)(?: -> \*)?\)/.exec(t);
  const base = t.replace(/\([a-z]+!?(?: -> \*)?\)/, '');
  return { raw: base, write: !!(alias && alias[2]) };
}

function parseFunc(func) {
  const m = /^([\w]+)(?:\.([\w]+))?\((.*)\) -> (.*)$/.exec(func);
  if (!m) throw new Error(`cannot parse ${func}`);
  const [, name, overload = '', argStr, retStr] = m;
  const params = [];
  let kwOnly = false;
  for (const a of splitTop(argStr)) {
    if (a === '*') { kwOnly = true; continue; }
    const eq = a.indexOf('=');
    const decl = eq >= 0 ? a.slice(0, eq) : a;
    const def = eq >= 0 ? a.slice(eq + 1) : undefined;
    const sp = decl.lastIndexOf(' ');
    const type = parseType(decl.slice(0, sp).trim());
    params.push({ name: decl.slice(sp + 1), type: type.raw, write: type.write, def, kwOnly });
  }
  let rets = retStr.trim();
  const returns = [];
  if (rets !== '()') {
    if (rets.startsWith('(')) rets = rets.slice(1, -1);
    for (const r of splitTop(rets)) {
      const sp = r.lastIndexOf(' ');
      const hasName = sp > 0 && !r.slice(sp + 1).includes(')') && !r.slice(sp + 1).includes(']');
      const t = parseType(hasName ? r.slice(0, sp) : r);
      returns.push({ type: t.raw, write: t.write, name: hasName ? r.slice(sp + 1) : undefined });
    }
  }
  return { name, overload, params, returns };
}

const UNSUPPORTED = /Dimname|Storage|Stream|Generator(?!\?)|ComplexFloat|QScheme|Layout(?!\?)|Any|__torch__/;

function camel(s) {
  return s.replace(/(?<=[a-z0-9])_([a-z0-9])/g, (_, c) => c.toUpperCase());
}

function tsType(t) {
  if (t === 'Tensor|Scalar') return 'Tensor | Scalar';
  const optional = t.endsWith('?');
  const base = optional ? t.slice(0, -1) : t;
  let ts;
  const list = /^(\w+)(\??)\[(\d*)\]$/.exec(base);
  if (list) {
    const [, el, elOpt, n] = list;
    const elTs = tsType(el + elOpt);
    ts = `${elTs.includes('|') ? `(${elTs})` : elTs}[]`;
    if (n && (el === 'int' || el === 'SymInt')) ts = `number | ${ts}`;
  } else {
    ts = {
      Tensor: 'Tensor', Scalar: 'Scalar', int: 'number', SymInt: 'number', float: 'number', bool: 'boolean',
      str: 'string', ScalarType: 'DType', MemoryFormat: 'MemoryFormat', Layout: 'Layout', Device: 'DeviceLike',
      Generator: 'Generator',
    }[base];
    if (!ts) throw new Error(`no TS type for ${t}`);
  }
  return optional ? `${ts} | null` : ts;
}

function retType(o) {
  const inplace = o.returns.length === 1 && o.returns[0].write && o.params[0]?.write && o.params[0].name === 'self';
  if (inplace) return 'this';
  if (o.returns.length === 0) return 'void';
  const one = (r) => ({ Tensor: 'Tensor', 'Tensor[]': 'Tensor[]', int: 'number', SymInt: 'number', float: 'number',
    bool: 'boolean', Scalar: 'number', ScalarType: 'number', 'int[]': 'number[]', 'SymInt[]': 'number[]' })[r.type] ?? 'unknown';
  if (o.returns.length === 1) return one(o.returns[0]);
  const tuple = `[${o.returns.map(one).join(', ')}]`;
  const names = o.returns.every((r) => r.name) ? ` & { ${o.returns.map((r) => `${camel(r.name)}: ${one(r)}`).join('; ')} }` : '';
  return tuple + names;
}

// One TS signature per schema overload; `method` drops self (it is `this`).
// PyTorch's Python binding accepts a number for a Tensor argument of these ops (op_call.cc).
const NUMBERS_AS_TENSORS = new Set(['add', 'add_', 'sub', 'sub_', 'mul', 'mul_', 'div', 'div_', 'true_divide', 'true_divide_',
  'floor_divide', 'floor_divide_', 'multiply', 'multiply_', 'subtract', 'subtract_', 'divide', 'divide_']);

function signatures(o, method, hasOut = false) {
  const wrapNumbers = NUMBERS_AS_TENSORS.has(o.name);
  const params = o.params.filter((p) => !(method && p.name === 'self'))
    .map((p) => (wrapNumbers && p.type === 'Tensor' ? { ...p, type: 'Tensor|Scalar' } : p));
  const positional = params.filter((p) => !p.kwOnly);
  // a parameter's name in JS: Python's keyword, camelCased (the schema's self is Python's input)
  const keyName = (p) => (p.name === 'self' ? 'input' : camel(p.name));
  // As in Python, any argument may also be given by name: all go in the options type.
  // out=: the ops with an out overload write into a given tensor, as in Python
  const optionsKeys = hasOut ? [...params, { name: 'out', type: o.returns.length > 1 ? 'Tensor[]?' : 'Tensor?', kwOnly: true }] : params;
  const opts = optionsKeys.length
    ? `options?: { ${optionsKeys.map((p) => `${keyName(p)}?: ${tsType(p.type)}`).join('; ')} }`
    : null;
  const pname = (p) => keyName(p).replace(/^(function|default|in|var)$/, '$1_');
  const pos = positional.map((p) => `${pname(p)}${p.def !== undefined || p.type.endsWith('?') ? '?' : ''}: ${tsType(p.type)}`);
  // A required parameter cannot follow an optional one in TS: keep the optional run trailing.
  let seenOptional = false;
  for (let i = 0; i < pos.length; i++) {
    if (pos[i].includes('?:')) seenOptional = true;
    else if (seenOptional) pos[i] = pos[i].replace(/^(\w+): /, '$1?: ');
  }
  const ret = retType(o);
  // Positional arguments up to any point, then the options object: x.sum(1, { keepdim: true }),
  // x.sum({ dim: 1 }) and x.sum(1, true) all type-check, as they all run.
  const required = pos.filter((p) => !p.includes('?:')).length;
  const sigs = [];
  for (let k = pos.length; k >= required; k--) {
    sigs.push(`(${[...pos.slice(0, k), ...(opts ? [opts] : [])].join(', ')}): ${ret}`);
    if (!opts) break;
  }
  // the first k required arguments by position and the other required ones by name, down to every
  // argument by name, as Python's keywords allow: torch.softmax(x, { dim: 1 }), torch.abs({ input: x })
  for (let k = required - 1; k >= 0 && opts; k--) {
    const byName = new Set(positional.slice(k, required).map((p) => p.name));
    const given = new Set(positional.slice(0, k).map((p) => p.name));
    const keys = optionsKeys.filter((p) => !given.has(p.name)).map((p) => `${keyName(p)}${byName.has(p.name) ? '' : '?'}: ${tsType(p.type)}`);
    sigs.push(`(${[...pos.slice(0, k), `options: { ${keys.join('; ')} }`].join(', ')}): ${ret}`);
  }
  const last = positional[positional.length - 1];
  if (last && /^(int|SymInt)\[\d*\]$/.test(last.type)) {
    const before = pos.slice(0, -1).filter((s) => !s.includes('?:'));
    if (before.length === pos.length - 1) sigs.push(`(${[...before, `...${pname(last)}: number[]`].join(', ')}): ${ret}`);
  }
  return sigs;
}

const yaml = YAML.parse(readFileSync(yamlPath, 'utf8'));
const byName = new Map();
for (const entry of yaml) {
  const o = parseFunc(entry.func);
  o.variants = (entry.variants ?? 'function').split(',').map((s) => s.trim());
  o.pythonModule = entry.python_module ?? null;
  if (!byName.has(o.name)) byName.set(o.name, []);
  byName.get(o.name).push(o);
}

const usable = (o) =>
  !/(^|_)out$/.test(o.overload) && !o.params.some((p) => p.write && p.name !== 'self') &&
  !o.params.some((p) => UNSUPPORTED.test(p.type)) && !o.returns.some((r) => UNSUPPORTED.test(r.type));

if (args.includes('--init')) {
  const skip = /backward|cudnn|miopen|mkldnn|fbgemm|quantiz|_foreach|sparse|^q_|^is_vulkan|nested|^fake_|^batch_norm_|^native_|^to_padded|^mps|^segment_reduce|_jvp$|^lift|^sym_|^special_|^linalg_|^fft_|^nnpack|^slow_conv|^thnn|^can_cast|^promote_types|^result_type|^align|^refine_names|^rename|^unflatten_dense|^retain|^is_same_size|_copy$|^copy_sparse|^col_indices|^crow|^ccol|^row_indices|^values$|^indices$|^coalesce|^is_coalesced|^dense_dim|^choose_qparams|^fused_|^embedding_renorm|^adaptive_max_pool1d$|^resize_as_sparse|^record_stream|^_|^data$|^set_data|^is_leaf|^output_nr|^requires_grad_|^retains_grad|^item$|^scalar_tensor$|^cummax_helper|^cummin_helper|^to_dense|^to_mkldnn|^constant_pad_nd$/;
  const names = [...byName.keys()].filter((n) => !n.startsWith('_') && !skip.test(n) && byName.get(n).some(usable)).sort();
  writeFileSync(listPath, `# ATen ops exposed by torch-node, one per line. After editing: npm run gen\n${names.join('\n')}\n`);
  console.log(`wrote ${names.length} ops to ${listPath}`);
}

const list = readFileSync(listPath, 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
const groups = [];
const methods = [];
const functions = [];
for (const name of list) {
  const overloads = (byName.get(name) ?? []).filter(usable);
  if (!overloads.length) throw new Error(`ops.txt names ${name}, which has no usable overload in ${yamlPath}`);
  // Tensor-taking overloads before Scalar ones, as PyTorch's parser orders them.
  const scalarCount = (o) => o.params.filter((p) => p.type === 'Scalar').length;
  overloads.sort((a, b) => scalarCount(a) - scalarCount(b));
  const id = groups.length;
  groups.push([name, overloads.map((o) => o.overload)]);
  const asMethod = overloads.filter((o) => o.variants.includes('method') && o.params[0]?.name === 'self');
  const asFunction = overloads.filter((o) => o.variants.includes('function'));
  const multi = overloads.filter((o) => o.returns.length > 1);
  const tupleNames = multi.length && multi.every((o) => o.returns.every((r) => r.name))
    ? JSON.stringify(multi[0].returns.map((r) => camel(r.name))) : 'null';
  const inplace = overloads.every((o) => retType(o) === 'this');
  const hasOut = (byName.get(name) ?? []).some((o) => /(^|_)out$/.test(o.overload) && o.variants.includes('function'));
  const entry = { name, camel: camel(name), id, tupleNames, inplace, hasOut };
  // Names with a leading underscore are internal: callable by the facade, not exposed.
  if (!HAND_WRITTEN.has(name) && !name.startsWith('_')) {
    if (asMethod.length) methods.push({ ...entry, sigs: [...new Set(asMethod.flatMap((o) => signatures(o, true)))] });
    if (asFunction.length) functions.push({ ...entry, sigs: [...new Set(asFunction.flatMap((o) => signatures(o, false, hasOut && !inplace).map((s) => s.replace(/\): this$/, '): Tensor'))))] });
  }
}

const q = JSON.stringify;
let out = `// Generated by scripts/gen-ops.mjs from native_functions.yaml and scripts/ops.txt. Do not edit.
/* eslint-disable */
import type { Tensor } from '../tensor.js';
import type { DType, MemoryFormat, Layout, DeviceLike, Scalar } from '../types.js';
import type { Generator } from '../generator.js';

/** [op name, overload names in matching order] */
export const OP_GROUPS: [string, string[]][] = ${q(groups)};

/** How each generated member calls the op table: [jsName, groupId, tupleNames, inplace]. */
export const TENSOR_METHODS: [string, number, string[] | null, boolean][] = [
${methods.map((m) => `  [${q(m.camel)}, ${m.id}, ${m.tupleNames}, ${m.inplace}],`).join('\n')}
];
/** [jsName, groupId, tupleNames, inplace, takes out=] */
export const TORCH_FUNCTIONS: [string, number, string[] | null, boolean, boolean][] = [
${functions.map((m) => `  [${q(m.camel)}, ${m.id}, ${m.tupleNames}, ${m.inplace}, ${m.hasOut && !m.inplace}],`).join('\n')}
];

export interface TensorOps {
${methods.map((m) => m.sigs.map((s) => `  ${m.camel}${s};`).join('\n')).join('\n')}
}

export interface TorchFunctions {
${functions.map((m) => m.sigs.map((s) => `  ${m.camel}${s};`).join('\n')).join('\n')}
}
`;
writeFileSync(outPath, out);

// torch.* as static ESM exports, so `import * as torch` and named imports both work.
const RESERVED = new Set(['var', 'new', 'delete', 'in', 'default', 'function', 'export', 'import', 'class', 'const', 'let']);
let fns = `// Generated by scripts/gen-ops.mjs. Do not edit.
import { generatedFunctions as F } from '../functions.js';
`;
// torch.linalg, torch.fft, torch.special: ops declared with that python_module, named without the prefix
const NAMESPACES = ['linalg', 'fft', 'special'];
const namespaceOf = (m) => NAMESPACES.find((ns) => m.name.startsWith(`${ns}_`) && (byName.get(m.name) ?? []).some((o) => o.pythonModule === ns));
for (const ns of NAMESPACES) {
  const members = functions.filter((m) => namespaceOf(m) === ns);
  let text = `// Generated by scripts/gen-ops.mjs: torch.${ns}, the ATen ops PyTorch declares in that module. Do not edit.
import { generatedFunctions as F } from '../functions.js';
import type { TorchFunctions } from './ops.js';
`;
  for (const m of members) {
    const short = camel(m.name.slice(ns.length + 1));
    const local = RESERVED.has(short) ? `${short}_` : short;
    text += `const ${local}: TorchFunctions[${q(m.camel)}] = F.${m.camel};\nexport { ${local} as ${short} };\n`;
  }
  writeFileSync(path.join(root, `lib/generated/${ns}.ts`), text);
}
for (const m of functions) {
  if (namespaceOf(m)) continue;
  const local = RESERVED.has(m.camel) ? `${m.camel}_` : m.camel;
  fns += RESERVED.has(m.camel)
    ? `const ${local} = F.${m.camel};\nexport { ${local} as ${m.camel} };\n`
    : `export const ${local} = F.${m.camel};\n`;
}
writeFileSync(path.join(root, 'lib/generated/functions.ts'), fns);
console.log(`generated ${groups.length} op groups: ${methods.length} Tensor methods, ${functions.length} torch functions -> ${path.relative(root, outPath)}`);

// The unboxed fast paths (scripts/fast-ops.txt): the same list drives the C++ entry points
// (binding/fast_ops.inc, an X-macro list) and the JS wrappers (lib/generated/fast-ops.ts).
const fastOps = readFileSync(path.join(root, 'scripts/fast-ops.txt'), 'utf8').split('\n')
  .map((l) => l.replace(/#.*/, '').trim()).filter(Boolean).map((l) => l.split(/\s+/));
for (const [name, kind, schema, number] of fastOps) {
  if (number !== undefined && !(number === 'wrapped' ? ['binary', 'inplace', 'inplace_alpha'].includes(kind) : kind === 'binary' && number.startsWith('aten::'))) throw new Error(`scripts/fast-ops.txt: bad number column for ${name}`);
  if (!['unary', 'binary', 'inplace', 'inplace_alpha', 'ints', 'dim', 'dim_pair', 'scalar', 'tensors'].includes(kind) || !schema?.startsWith('aten::')) throw new Error(`scripts/fast-ops.txt: bad line for ${name}`);
  // a list of tensors first (torch.cat) makes a torch function only; a scalar op is
  // torch.nn.functional's (called from lib/nn/functional.ts); the other kinds are methods too
  if (kind === 'scalar') {
    if (!groups.some(([g]) => g === name)) throw new Error(`scripts/fast-ops.txt: ${name} is not a generated op`);
  } else if (kind === 'tensors' ? !functions.some((m) => m.name === name) : !methods.some((m) => m.name === name)) {
    throw new Error(`scripts/fast-ops.txt: ${name} is not a generated ${kind === 'tensors' ? 'torch function' : 'Tensor method'}`);
  } else if (kind === 'dim_pair' && JSON.parse(methods.find((m) => m.name === name).tupleNames)?.length !== 2) {
    throw new Error(`scripts/fast-ops.txt: ${name} does not return a named pair`);
  }
}
writeFileSync(path.join(root, 'binding/fast_ops.inc'), `// Generated by scripts/gen-ops.mjs from scripts/fast-ops.txt. Do not edit.\n${
  fastOps.map(([name, kind, schema, number]) =>
    number === 'wrapped' ? `FAST_WRAPPED(${kind.toUpperCase()}, ${name}, "${schema}")`
    : number ? `FAST_SCALAR(${kind.toUpperCase()}, ${name}, "${schema}", "${number}")`
    : `FAST(${kind.toUpperCase()}, ${name}, "${schema}")`).join('\n')}\n`);
writeFileSync(path.join(root, 'lib/generated/fast-ops.ts'), `// Generated by scripts/gen-ops.mjs from scripts/fast-ops.txt. Do not edit.\n` +
  `/** [JS name, argument kind, native name] of the ops with an unboxed fast path (binding/fast_ops.cc) */\n` +
  `export const FAST_OPS: readonly (readonly [string, 'unary' | 'binary' | 'inplace' | 'inplace_alpha' | 'ints' | 'dim' | 'dim_pair' | 'scalar' | 'tensors', string])[] = ${JSON.stringify(fastOps.map(([n, k]) => [camel(n), k, n]))};\n`);
console.log(`${fastOps.length} fast paths -> binding/fast_ops.inc, lib/generated/fast-ops.ts`);
