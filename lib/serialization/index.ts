// torch.save / torch.load in PyTorch's zip format: a zip of <name>/data.pkl (a pickle whose
// tensors refer to storages by key) and <name>/data/<key> (raw little-endian bytes).
import { writeFileSync, renameSync, rmSync, existsSync } from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { Tensor } from '../tensor.js';
import { native } from '../native.js';
import { badArg } from '../errors.js';
import { Parameter } from '../nn/parameter.js';
import { DType, device as toDevice, type DeviceLike, float32, float64, float16, bfloat16, int64, int32, int16, int8, uint8, bool } from '../types.js';
import { noGrad } from '../autograd.js';
import { unpickle, Pickler, PyDict, PyGlobal, PyTuple } from './pickle.js';

const STORAGE_DTYPES: Record<string, DType> = {
  FloatStorage: float32, DoubleStorage: float64, HalfStorage: float16, BFloat16Storage: bfloat16, LongStorage: int64,
  IntStorage: int32, ShortStorage: int16, CharStorage: int8, ByteStorage: uint8, BoolStorage: bool, UntypedStorage: uint8,
};
const STORAGE_NAMES = new Map(Object.entries(STORAGE_DTYPES).filter(([n]) => n !== 'UntypedStorage').map(([n, d]) => [d, n]));

export type MapLocation = DeviceLike | ((storage: Tensor, location: string) => Tensor) | null;

/** JS value for a Python dict: a plain object (PyTorch's state dicts and records). */
function toJs(v: unknown): unknown {
  if (v instanceof PyDict) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v) out[String(k)] = toJs(x);
    return out;
  }
  if (Array.isArray(v) && !(v instanceof Tensor)) return Array.from(v, toJs);
  return v;
}

function readZip(file: string): { zip: AdmZip; prefix: string } {
  let zip: AdmZip;
  try {
    zip = new AdmZip(file);
  } catch (e) {
    throw new Error(`torch.load: ${file} is not a PyTorch file (not a zip archive: ${(e as Error).message}). Files from torch.save in PyTorch >= 1.6 are zip archives; re-save older ones with a recent PyTorch.`);
  }
  const pkl = zip.getEntries().find((e) => e.entryName.endsWith('/data.pkl') || e.entryName === 'data.pkl');
  if (!pkl) throw new Error(`torch.load: ${file} holds no data.pkl: not a file written by torch.save`);
  return { zip, prefix: pkl.entryName.slice(0, -'data.pkl'.length) };
}

/** torch.load(path, { mapLocation }): tensors, state dicts, nested records and arrays. */
export function load(file: string, options: { mapLocation?: MapLocation; weightsOnly?: boolean } = {}): any {
  if (typeof file !== 'string') badArg('a file path', 'f', file);
  if (!existsSync(file)) throw new Error(`torch.load: no such file: ${file}`);
  const { zip, prefix } = readZip(file);
  const storages = new Map<string, Tensor>();
  const read = (name: string): Buffer => {
    const e = zip.getEntry(prefix + name);
    if (!e) throw new Error(`torch.load: ${file} is missing the record ${prefix + name} (truncated or damaged file)`);
    const data = e.getData();
    if (data.length !== e.header.size) throw new Error(`torch.load: record ${prefix + name} of ${file} is damaged`);
    return data;
  };
  const mapLocation = options.mapLocation ?? null;
  const place = (t: Tensor, location: string): Tensor => {
    if (typeof mapLocation === 'function') return mapLocation(t, location);
    const target = mapLocation !== null ? toDevice(mapLocation) : toDevice(location);
    return target.type === 'cpu' ? t : t.to(target);
  };
  const reducers = {
    persistentLoad(pid: unknown): unknown {
      const [kind, type, key, location, numel] = pid as [string, PyGlobal, string, string, number];
      if (kind !== 'storage') throw new Error(`torch.load: unknown persistent id ${String(kind)}`);
      const cached = storages.get(key);
      if (cached) return cached;
      const dtype = STORAGE_DTYPES[type.name];
      if (!dtype) throw new Error(`torch.load: unsupported storage type ${type.qualified}`);
      const bytes = read(`data/${key}`);
      if (bytes.length !== numel * dtype.itemsize) throw new Error(`torch.load: storage ${key} of ${file} has ${bytes.length} bytes, expected ${numel * dtype.itemsize} (truncated file?)`);
      const t = place(new Tensor(native.fromData(bytes, dtype._enum, [numel])), location);
      storages.set(key, t);
      return t;
    },
    call(fn: PyGlobal, args: unknown[]): unknown {
      switch (fn.qualified) {
        case 'collections.OrderedDict':
          return new PyDict(args.length ? (args[0] as Iterable<[unknown, unknown]>) : undefined);
        case 'torch._utils._rebuild_tensor_v2': {
          const [storage, offset, size, stride, requiresGrad] = args as [Tensor, number, number[], number[], boolean];
          const t = noGrad(() => storage.asStrided([...size], [...stride], offset));
          return requiresGrad ? t.requiresGrad_(true) : t;
        }
        case 'torch._utils._rebuild_parameter':
        case 'torch._utils._rebuild_parameter_with_state': {
          const [data, requiresGrad] = args as [Tensor, boolean];
          return new Parameter(data, requiresGrad);
        }
        case 'torch.device':
          return toDevice(args.length === 2 ? `${args[0]}:${args[1]}` : String(args[0]));
        case 'builtins.set': case 'builtins.frozenset':
          return [...(args[0] as unknown[] ?? [])];
        default:
          throw new Error(`torch.load: ${file} refers to ${fn.qualified}, which torch-node does not load (only tensors, numbers, strings and containers are)`);
      }
    },
  };
  let result: unknown;
  try {
    result = unpickle(read('data.pkl'), reducers);
  } catch (e) {
    if ((e as Error).message.startsWith('torch.load')) throw e;
    throw new Error(`torch.load: could not read ${file}: ${(e as Error).message}`);
  }
  return toJs(result);
}

/**
 * torch.save(obj, path): tensors, state dicts, and nested records/arrays of them, in PyTorch's
 * zip format (Python's torch.load reads it). Written to a temporary file and renamed, so a
 * failed save never replaces a good file. Each tensor is stored contiguous, in its own storage.
 */
export function save(obj: unknown, file: string): void {
  if (typeof file !== 'string') badArg('a file path', 'f', file);
  const archive = 'archive';
  const records: [string, Buffer][] = [];
  let key = 0;
  const w = new Pickler();
  const writeValue = (v: unknown): boolean => {
    if (!(v instanceof Tensor)) return false;
    const isParam = v instanceof Parameter;
    const t = v.detach();
    const storageName = STORAGE_NAMES.get(t.dtype);
    if (!storageName) throw new TypeError(`torch.save: cannot store dtype ${t.dtype}`);
    const contiguous = t.cpu().contiguous();
    const k = String(key++);
    records.push([`data/${k}`, Buffer.from(native.toArrayBuffer(contiguous._h))]);
    const shape = t.shape;
    const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
    if (isParam) {
      w.global('torch._utils', '_rebuild_parameter');
      w.op(0x28);
    }
    w.global('torch._utils', '_rebuild_tensor_v2');
    w.op(0x28);
    // persistent id: ('storage', torch.<Type>Storage, key, location, numel)
    w.op(0x28);
    w.str('storage');
    w.global('torch', storageName);
    w.str(k);
    w.str(String(t.device));
    w.int(t.numel());
    w.op(0x74);
    w.op(0x51);
    w.int(0);
    w.value(PyTuple.from(shape), () => false);
    w.value(PyTuple.from(strides), () => false);
    w.op(t.requiresGrad && !isParam ? 0x88 : 0x89);
    w.global('collections', 'OrderedDict');
    w.op(0x29);
    w.op(0x52);
    w.op(0x74);
    w.op(0x52);
    if (isParam) {
      w.op(v.requiresGrad ? 0x88 : 0x89);
      w.global('collections', 'OrderedDict');
      w.op(0x29);
      w.op(0x52);
      w.op(0x74);
      w.op(0x52);
    }
    return true;
  };
  w.op(0x80);
  w.op(2);
  w.value(obj, writeValue);
  const pkl = w.finish();
  const zip = new AdmZip();
  const add = (name: string, data: Buffer) => {
    zip.addFile(`${archive}/${name}`, data);
    zip.getEntry(`${archive}/${name}`)!.header.method = 0; // stored, as PyTorch writes
  };
  add('data.pkl', pkl);
  for (const [name, data] of records) add(name, data);
  add('version', Buffer.from('3\n'));
  add('byteorder', Buffer.from('little'));
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, zip.toBuffer());
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
