// Tensor printing, ported from PyTorch's torch/_tensor_str.py so that toString() and
// console.log show what Python's repr() shows (precision 4, threshold 1000, edgeitems 3,
// linewidth 80; integer mode, scientific mode, summarisation with '...').
import type { Tensor } from './tensor.js';
import { native } from './native.js';
import { bind, type Args } from './bind.js';

export const printOptions = { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sciMode: null as boolean | null };

/** torch.setPrintoptions(precision, threshold, edgeitems, linewidth, profile, sciMode), each by position or name */
export function setPrintoptions(...args: Args<'torch.setPrintoptions'>) {
  const opts = bind('torch.setPrintoptions', args, { name: 'torch.setPrintoptions' });
  if (opts.profile === 'default') Object.assign(printOptions, { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 });
  if (opts.profile === 'short') Object.assign(printOptions, { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 });
  if (opts.profile === 'full') Object.assign(printOptions, { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 });
  for (const k of ['precision', 'threshold', 'edgeitems', 'linewidth'] as const) {
    if (opts[k] != null) (printOptions as any)[k] = opts[k];
  }
  // as Python's: sci_mode is set on every call (None, the automatic choice, unless given)
  printOptions.sciMode = opts.sciMode ?? null;
}

// Python's float formatting: exponents have at least two digits, inf/nan are lower case.
function special(v: number): string | null {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return null;
}
// JS rounds an exact tie up (0.03125.toFixed(4) is '0.0313'); Python's format rounds it to even
// ('0.0312'). Ties are exact: the value's own digits (toPrecision(100) is exact) end in a 5 right
// after the last digit kept.
function significantDigits(a: number): string {
  return a.toPrecision(100).replace(/e.*$/, '').replace('.', '').replace(/^0+/, '');
}
function isTieToOddUp(a: number, keep: number): boolean {
  const d = significantDigits(a);
  return /^50*$/.test(d.slice(keep)) && Number(d[keep - 1] ?? '0') % 2 === 0;
}
function fmtE(v: number, p: number): string {
  const x = special(v);
  if (x) return x;
  let s = v.toExponential(p);
  if (v !== 0 && isTieToOddUp(Math.abs(v), p + 1)) {
    const [, exp] = Math.abs(v).toExponential(20).split('e');
    const d = significantDigits(Math.abs(v)).slice(0, p + 1);
    s = `${v < 0 ? '-' : ''}${d[0]}${p > 0 ? `.${d.slice(1)}` : ''}e${exp}`;
  }
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}
function fmtF(v: number, p: number): string {
  const x = special(v);
  if (x) return x;
  let s = v.toFixed(p);
  const a = Math.abs(v);
  if (a < 1e21 && a !== 0) {
    const exact = a.toFixed(100);
    const [int, frac] = exact.split('.');
    const kept = (int === '0' ? '' : int) + frac.slice(0, p);
    const rest = frac.slice(p);
    if (/^50*$/.test(rest) && Number(kept[kept.length - 1] ?? '0') % 2 === 0) s = `${v < 0 ? '-' : ''}${int}${p > 0 ? `.${frac.slice(0, p)}` : ''}`;
  }
  return (Object.is(v, -0) ? '-' : '') + s;
}

class Formatter {
  floating: boolean;
  intMode = true;
  sciMode = false;
  maxWidth = 1;

  constructor(values: number[], floating: boolean, isBool: boolean) {
    this.floating = floating;
    const p = printOptions.precision;
    if (!floating) {
      for (const v of values) this.maxWidth = Math.max(this.maxWidth, pyStr(v, isBool).length);
      return;
    }
    const nz = values.filter((v) => Number.isFinite(v) && v !== 0);
    if (nz.length === 0) return;
    const abs = nz.map(Math.abs);
    const min = Math.min(...abs);
    const max = Math.max(...abs);
    for (const v of nz) if (v !== Math.ceil(v)) { this.intMode = false; break; }
    if (this.intMode) {
      if (max / min > 1000 || max > 1e8) {
        this.sciMode = true;
        for (const v of nz) this.maxWidth = Math.max(this.maxWidth, fmtE(v, p).length);
      } else {
        for (const v of nz) this.maxWidth = Math.max(this.maxWidth, fmtF(v, 0).length + 1);
      }
    } else if (max / min > 1000 || max > 1e8 || min < 1e-4) {
      this.sciMode = true;
      for (const v of nz) this.maxWidth = Math.max(this.maxWidth, fmtE(v, p).length);
    } else {
      for (const v of nz) this.maxWidth = Math.max(this.maxWidth, fmtF(v, p).length);
    }
    if (printOptions.sciMode !== null) this.sciMode = printOptions.sciMode;
  }

  format(v: number, isBool: boolean): string {
    const p = printOptions.precision;
    let s: string;
    if (this.floating) {
      if (this.sciMode) s = fmtE(v, p);
      else if (this.intMode) {
        s = fmtF(v, 0);
        if (Number.isFinite(v)) s += '.';
      } else s = fmtF(v, p);
    } else s = pyStr(v, isBool);
    return ' '.repeat(Math.max(0, this.maxWidth - s.length)) + s;
  }
}

function pyStr(v: number, isBool: boolean): string {
  if (isBool) return v ? 'True' : 'False';
  return String(v);
}

/** Nested JS view of a tensor's values as doubles, computed once. */
interface Data {
  shape: number[];
  values: number[];
}

function readData(t: Tensor): Data {
  const src = t.dtype.isFloatingPoint ? t.detach().double() : t.detach().cpu();
  const arr = src.cpu().toTypedArray();
  const values = Array.from(arr as ArrayLike<number | bigint>, (x) => Number(x));
  return { shape: t.shape, values };
}

// Indices (flat offsets into data) of the elements that a summarised print shows.
function shownOffsets(shape: number[], summarize: boolean): number[] {
  const e = printOptions.edgeitems;
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const out: number[] = [];
  const walk = (d: number, base: number) => {
    if (d === shape.length) { out.push(base); return; }
    const n = shape[d];
    const idx = summarize && n > 2 * e ? [...range(0, e), ...range(n - e, n)] : range(0, n);
    for (const i of idx) walk(d + 1, base + i * strides[d]);
  };
  walk(0, 0);
  return out;
}
function range(a: number, b: number): number[] {
  return Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);
}

function body(data: Data, offset: number, dim: number, indent: number, summarize: boolean, f: Formatter, isBool: boolean): string {
  const { shape, values } = data;
  const e = printOptions.edgeitems;
  const rest = shape.slice(dim);
  if (rest.length === 0) return f.format(values[offset], isBool);
  const n = rest[0];
  const stride = rest.slice(1).reduce((a, b) => a * b, 1);
  const cut = summarize && n > 2 * e;
  if (rest.length === 1) {
    const elementLength = f.maxWidth + 2;
    const perLine = Math.max(1, Math.floor((printOptions.linewidth - indent) / elementLength));
    const items = cut
      ? [...range(0, e).map((i) => f.format(values[offset + i], isBool)), ' ...', ...range(n - e, n).map((i) => f.format(values[offset + i], isBool))]
      : range(0, n).map((i) => f.format(values[offset + i], isBool));
    const lines: string[] = [];
    for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
    return '[' + lines.join(',\n' + ' '.repeat(indent + 1)) + ']';
  }
  const sub = (i: number) => body(data, offset + i * stride, dim + 1, indent + 1, summarize, f, isBool);
  const slices = cut ? [...range(0, e).map(sub), '...', ...range(n - e, n).map(sub)] : range(0, n).map(sub);
  return '[' + slices.join(',' + '\n'.repeat(rest.length - 1) + ' '.repeat(indent + 1)) + ']';
}

export function formatTensor(t: Tensor): string {
  const prefix = 'tensor(';
  const indent = prefix.length;
  const suffixes: string[] = [];
  const dev = t.device;
  if (dev.type !== 'cpu') suffixes.push(`device='${dev}'`);
  const dtype = t.dtype;
  const defaultFloat = native.getDefaultDtype() === dtype._enum;
  const defaultDtype = defaultFloat || dtype.name === 'int64' || dtype.name === 'bool';
  let text: string;
  const numel = t.numel();
  if (dev.type === 'meta') {
    // a meta tensor has no data: Python prints its size instead
    suffixes.push(`size=(${t.shape.join(', ')}${t.dim() === 1 ? ',' : ''})`);
    if (!defaultFloat) suffixes.push(`dtype=${dtype}`);
    text = '...';
  } else if (numel === 0) {
    if (t.dim() !== 1) suffixes.push(`size=(${t.shape.join(', ')}${t.dim() === 1 ? ',' : ''})`);
    if (!defaultFloat) suffixes.push(`dtype=${dtype}`);
    text = '[]';
  } else {
    if (!defaultDtype) suffixes.push(`dtype=${dtype}`);
    const summarize = numel > printOptions.threshold;
    const data = readData(t);
    const shown = shownOffsets(data.shape, summarize).map((o) => data.values[o]);
    const isBool = dtype.name === 'bool';
    const f = new Formatter(shown, dtype.isFloatingPoint, isBool);
    text = body(data, 0, 0, indent, summarize, f, isBool);
  }
  const gradFn = t.gradFn;
  if (gradFn) suffixes.push(`grad_fn=<${gradFn.name().split('::').pop()}>`);
  else if (t.requiresGrad) suffixes.push('requires_grad=True');

  const parts = [prefix + text];
  let lastLineLen = parts[0].length - parts[0].lastIndexOf('\n') + 1;
  for (const s of suffixes) {
    if (lastLineLen + s.length + 2 > printOptions.linewidth) {
      parts.push(',\n' + ' '.repeat(indent) + s);
      lastLineLen = indent + s.length;
    } else {
      parts.push(', ' + s);
      lastLineLen += s.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}
