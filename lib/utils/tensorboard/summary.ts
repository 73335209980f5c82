// The Summary messages torch.utils.tensorboard.summary builds (scalar, histogram, image, text,
// hparams), computed as it computes them (numpy's histogram, convert_to_HWC, make_grid, the uint8
// scale), as plain objects for the protobuf encoder.
import { Tensor } from '../../tensor.js';
import { native } from '../../native.js';
import { badArg, describe } from '../../errors.js';
import { cat, stack } from '../../generated/functions.js';
import { zeros } from '../../creation.js';
import * as dt from '../../types.js';

export type Value = Record<string, unknown>;

const asNumbers = (v: unknown, name: string): Float64Array => {
  if (v instanceof Tensor) return Float64Array.from(v.detach().cpu().to({ dtype: dt.float64 }).reshape(-1).toTypedArray() as Float64Array);
  if (typeof v === 'number') return Float64Array.of(v);
  if (Array.isArray(v) && v.flat(Infinity).every((x) => typeof x === 'number')) return Float64Array.from(v.flat(Infinity) as number[]);
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Float64Array.from(v as unknown as ArrayLike<number>);
  return badArg('a Tensor, a number or an array of numbers', name, v);
};

/** make_np(scalar) then float(): a one-element value. */
export function scalarOf(v: unknown, name = 'scalarValue'): number {
  const a = asNumbers(typeof v === 'bigint' ? Number(v) : v, name);
  if (a.length !== 1) throw new RangeError(`scalar should be 0D (${name} has ${a.length} elements)`);
  return a[0];
}

export function scalar(tag: string, value: number, newStyle = false, doublePrecision = false): Value {
  if (!newStyle) return { tag, simpleValue: value };
  return {
    tag,
    tensor: doublePrecision ? { dtype: 2, doubleVal: [value], tensorShape: {} } : { dtype: 1, floatVal: [value], tensorShape: {} },
    metadata: { pluginData: { pluginName: 'scalars' } },
  };
}

// ---- histograms: numpy.histogram and tensorboard's make_histogram
let defaultBins: Float64Array | null = null;
/** SummaryWriter.default_bins: ±1e-12 growing by 1.1 up to 1e20, and 0. */
function tensorflowBins(): Float64Array {
  if (defaultBins) return defaultBins;
  const pos: number[] = [];
  for (let v = 1e-12; v < 1e20; v *= 1.1) pos.push(v);
  defaultBins = Float64Array.from([...pos.map((v) => -v).reverse(), 0, ...pos]);
  return defaultBins;
}

/** np.histogram(values, edges) for given, increasing edges: [e_i, e_i+1), the last bin closed. */
function countIn(values: Float64Array, edges: Float64Array): Float64Array {
  const n = edges.length - 1;
  const counts = new Float64Array(n);
  for (const v of values) {
    if (!(v >= edges[0] && v <= edges[n])) continue;
    let lo = 0, hi = n + 1;  // the first edge greater than v
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    counts[Math.min(lo - 1, n - 1)]++;
  }
  return counts;
}

/** np.histogram(values, bins=n): n equal bins over [min, max], indexed as numpy indexes them. */
function uniform(values: Float64Array, n: number, min: number, max: number): [Float64Array, Float64Array] {
  let first = min, last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const edges = new Float64Array(n + 1);
  const step = (last - first) / n;
  for (let i = 0; i <= n; i++) edges[i] = first + i * step;  // np.linspace
  edges[n] = last;
  const counts = new Float64Array(n);
  const norm = n / (last - first);
  for (const v of values) {
    if (!(v >= first && v <= last)) continue;
    let i = Math.trunc((v - first) * norm);
    if (i === n) i -= 1;
    if (v < edges[i]) i -= 1;
    if (v >= edges[i + 1] && i !== n - 1) i += 1;
    counts[i]++;
  }
  return [counts, edges];
}

export function histogram(tag: string, values: unknown, bins: unknown = 'tensorflow', maxBins: number | null = null): Value {
  const v = asNumbers(values, 'values');
  if (v.length === 0) throw new RangeError('The input has no element.');
  if (maxBins !== null && !(Number.isInteger(maxBins) && maxBins > 0)) badArg('a positive integer or null', 'maxBins', maxBins);
  let min = Infinity, max = -Infinity, sum = 0, sumSquares = 0;
  for (const x of v) {
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  // numpy's pairwise sums for sum and dot are within rounding of these; the reader test allows it
  for (const x of v) {
    sum += x;
    sumSquares += x * x;
  }
  let counts: Float64Array, limits: Float64Array;
  if (bins === 'tensorflow') {
    limits = tensorflowBins();
    counts = countIn(v, limits);
  } else if (Number.isInteger(bins) && (bins as number) > 0) {
    [counts, limits] = uniform(v, bins as number, min, max);
  } else if ((Array.isArray(bins) || bins instanceof Tensor) && asNumbers(bins, 'bins').length > 1) {
    limits = asNumbers(bins, 'bins');
    counts = countIn(v, limits);
  } else {
    return badArg("'tensorflow', a positive number of bins or a list of bin edges", 'bins', bins);
  }
  if (maxBins !== null && counts.length > maxBins) {
    const sub = Math.floor(counts.length / maxBins);
    const padded = counts.length % sub ? counts.length + (sub - (counts.length % sub)) : counts.length;
    const merged = new Float64Array(padded / sub);
    counts.forEach((c, i) => (merged[Math.floor(i / sub)] += c));
    const newLimits = new Float64Array(merged.length + 1);
    for (let i = 0; i < merged.length; i++) newLimits[i] = limits[i * sub];
    newLimits[merged.length] = limits[limits.length - 1];
    counts = merged;
    limits = newLimits;
  }
  // trim the empty bins at both ends, keeping one empty bin on the left
  let first = 0;
  while (first < counts.length && counts[first] === 0) first++;
  let last = counts.length - 1;
  while (last > 0 && counts[last] === 0) last--;
  const start = first, end = last + 1;
  const bucket = start > 0 ? Array.from(counts.subarray(start - 1, end)) : [0, ...counts.subarray(0, end)];
  const bucketLimit = Array.from(limits.subarray(start, end + 1));
  return { tag, histo: { min, max, num: v.length, sum, sumSquares, bucketLimit, bucket } };
}

// ---- images: convert_to_HWC, make_grid, the uint8 scale, PNG
/** tensorboard's make_grid: up to 8 images a row, no padding, grey made RGB. */
function grid(nchw: Tensor, ncols = 8): Tensor {
  let i = nchw;
  if (i.size(1) === 1) i = cat([i, i, i], 1);
  if (i.dim() !== 4 || i.size(1) !== 3) throw new RangeError(`images must be N×3×H×W or N×1×H×W, got [${nchw.shape}]`);
  const [n, , h, w] = i.shape;
  const cols = Math.min(n, ncols), rows = Math.ceil(n / cols);
  const canvas = zeros([3, h * rows, w * cols], { dtype: i.dtype });
  for (let k = 0; k < n; k++) canvas.narrow(1, Math.floor(k / cols) * h, h).narrow(2, (k % cols) * w, w).copy_(i.index(k));
  return canvas;
}

function toHWC(t: Tensor, format: string): Tensor {
  const f = format.toUpperCase();
  if (new Set(f).size !== f.length || t.dim() !== f.length) throw new RangeError(`dataformats '${format}' does not match a tensor of shape [${t.shape}]`);
  const order = (chars: string) => [...chars].map((c) => {
    const k = f.indexOf(c);
    if (k < 0) throw new RangeError(`dataformats '${format}' has no ${c}`);
    return k;
  });
  if (f.length === 4) return grid(t.permute(...order('NCHW'))).permute(1, 2, 0);
  if (f.length === 3) {
    const hwc = t.permute(...order('HWC'));
    return hwc.size(2) === 1 ? cat([hwc, hwc, hwc], 2) : hwc;
  }
  if (f.length === 2) return stack([t.permute(...order('HW'))].flatMap((x) => [x, x, x]), 2);
  throw new RangeError(`dataformats must have 2, 3 or 4 letters, got '${format}'`);
}

export function image(tag: string, img: unknown, dataformats: string): Value {
  if (!(img instanceof Tensor)) badArg('a Tensor', 'imgTensor', img);
  if (typeof dataformats !== 'string') badArg("a string such as 'CHW'", 'dataformats', dataformats);
  const hwc = toHWC(img.detach().cpu(), dataformats);
  const scale = hwc.dtype === dt.uint8 ? 1 : 255;
  const u8 = hwc.to({ dtype: dt.float32 }).mul(scale).clamp(0, 255).to({ dtype: dt.uint8 });
  const [height, width, channels] = u8.shape;
  const png = native.encodeImage(u8.contiguous(), 'png', 0);
  return { tag, image: { height, width, colorspace: channels, encodedImageString: png } };
}

export function text(tag: string, value: unknown): Value {
  if (typeof value !== 'string') badArg('a string', 'textString', value);
  return {
    tag,
    metadata: { pluginData: { pluginName: 'text', content: new Uint8Array(0) } },
    tensor: { dtype: 7, stringVal: [Buffer.from(value, 'utf8')], tensorShape: { dim: [{ size: 1 }] } },
  };
}

// ---- hparams: torch.utils.tensorboard.summary.hparams
type HParamValue = number | string | boolean | Tensor;
export function hparams(hparamDict: Record<string, HParamValue | null>, metricDict: Record<string, unknown>, domains: Record<string, unknown[]> = {}) {
  const isRecord = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Tensor);
  if (!isRecord(hparamDict)) throw new TypeError('parameter: hparam_dict should be a dictionary, nothing logged.');
  if (!isRecord(metricDict)) throw new TypeError('parameter: metric_dict should be a dictionary, nothing logged.');
  if (!isRecord(domains)) throw new TypeError('parameter: hparam_domain_discrete should be a dictionary, nothing logged.');
  for (const [k, v] of Object.entries(domains)) {
    if (!(k in hparamDict) || !Array.isArray(v) || !v.every((d) => typeof d === typeof hparamDict[k])) {
      throw new TypeError(`parameter: hparam_domain_discrete[${k}] should be a list of same type as hparam_dict[${k}].`);
    }
  }
  const hparamsMap: Record<string, Value> = {};
  const infos: Value[] = [];
  for (const [k, v] of Object.entries(hparamDict)) {
    if (v === null || v === undefined) continue;
    const domain = (kind: string) => (k in domains ? { domainDiscrete: { values: domains[k].map((d) => ({ [kind]: typeof d === 'boolean' ? Number(d) : d })) } } : {});
    // Python tests int/float before bool, and True is an int there: booleans are recorded as 1/0
    if (typeof v === 'number' || typeof v === 'boolean') {
      hparamsMap[k] = { numberValue: Number(v) };
      infos.push({ name: k, type: 3, ...domain('numberValue') });
    } else if (typeof v === 'string') {
      hparamsMap[k] = { stringValue: v };
      infos.push({ name: k, type: 1, ...domain('stringValue') });
    } else if (v instanceof Tensor) {
      hparamsMap[k] = { numberValue: v.reshape(-1).index(0).item() as number };
      infos.push({ name: k, type: 3 });
    } else {
      throw new RangeError(`value should be one of int, float, str, bool, or torch.Tensor (hparam_dict[${k}] is ${describe(v)})`);
    }
  }
  return {
    experiment: { hparamInfos: infos, metricInfos: Object.keys(metricDict).map((tag) => ({ name: { tag } })) },
    sessionStartInfo: { hparams: hparamsMap },
    sessionEndInfo: { status: 1 },
  };
}
