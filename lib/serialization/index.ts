// torch.save / torch.load in PyTorch's zip format: an archive of <name>/data.pkl (a pickle whose
// tensors refer to storages by key) and <name>/data/<key> (raw little-endian bytes), read and written
// by libtorch's own container code (binding/serialization.cc); the pickle is read here, with limits.
import { renameSync, rmSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Tensor } from '../tensor.js';
import { native, type Handle } from '../native.js';
import { badArg } from '../errors.js';
import { Parameter } from '../nn/parameter.js';
import { DType, device as toDevice, type DeviceLike, float32, float64, float16, bfloat16, int64, int32, int16, int8, uint8, bool } from '../types.js';
import { noGrad } from '../autograd.js';
import { unpickle, toPlain, Pickler, PyDict, PyGlobal, PyTuple } from './pickle.js';
import { bind, unexpectedKeyword, type Args } from '../bind.js';
import { modulesToRecords, recordsToModules } from './modules.js';
export { registerModule } from './modules.js';

const STORAGE_DTYPES: Record<string, DType> = {
  FloatStorage: float32, DoubleStorage: float64, HalfStorage: float16, BFloat16Storage: bfloat16, LongStorage: int64,
  IntStorage: int32, ShortStorage: int16, CharStorage: int8, ByteStorage: uint8, BoolStorage: bool, UntypedStorage: uint8,
};
const STORAGE_NAMES = new Map(Object.entries(STORAGE_DTYPES).filter(([n]) => n !== 'UntypedStorage').map(([n, d]) => [d, n]));

/**
 * Where `torch.load` puts tensors: a device, a function `(storage, location) => tensor`, or null for where they were saved.
 */
export type MapLocation = DeviceLike | ((storage: Tensor, location: string) => Tensor) | null;

const isIndex = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isShape = (v: unknown): v is number[] => Array.isArray(v) && v.every(isIndex);

function openArchive(file: string): unknown {
  try {
    return native.archiveOpen(file);
  } catch (e) {
    const why = (e as Error).message;
    if (/central directory|zip archive|file too small|not a ZIP/i.test(why)) {
      throw new Error(`torch.load: ${file} is not a PyTorch file (not a zip archive: ${why}). Files from torch.save in PyTorch >= 1.6 are zip archives; re-save older ones with a recent PyTorch.`);
    }
    throw new Error(`torch.load: could not read ${file}: ${why}`);
  }
}

/**
 * torch.load(f, mapLocation = null, pickleModule = null, { weightsOnly, mmap }): tensors, state
 * dicts, nested records and arrays. Only data is ever read (never code), whatever weightsOnly says.
 */
export function load(...args: Args<'torch.load'>): any {
  const options = bind('torch.load', args, { name: 'torch.load' });
  const file = options.f;
  if (options.pickleModule != null) throw new TypeError('torch.load(): pickleModule is not supported by torch-node (it reads pickles itself)');
  // pickle.load's own keywords: encoding and errors (for Python 2 pickles), which torch-node does not read
  for (const k of Object.keys(options.pickleLoadArgs)) {
    if (k === 'encoding' || k === 'errors') throw new TypeError(`torch.load(): ${k} (for Python 2 pickles) is not supported by torch-node`);
    unexpectedKeyword('torch.load', k, ['f', 'mapLocation', 'pickleModule', 'weightsOnly', 'mmap']);
  }
  if (typeof file !== 'string') badArg('a file path', 'f', file);
  if (!existsSync(file)) throw new Error(`torch.load: no such file: ${file}`);
  const archive = openArchive(file);
  if (!(native.archiveRecords(archive) as string[]).includes('data.pkl')) throw new Error(`torch.load: ${file} holds no data.pkl: not a file written by torch.save`);
  const storages = new Map<string, Tensor>();
  const read = (name: string): Buffer => {
    try {
      return native.archiveBytes(archive, name);
    } catch (e) {
      throw new Error(`torch.load: ${file}: ${(e as Error).message}`);
    }
  };
  const mapLocation = options.mapLocation ?? null;
  const place = (t: Tensor, location: string): Tensor => {
    if (typeof mapLocation === 'function') return mapLocation(t, location);
    const target = mapLocation !== null ? toDevice(mapLocation) : toDevice(location);
    return target.type === 'cpu' ? t : t.to(target);
  };
  const reducers = {
    persistentLoad(pid: unknown): unknown {
      if (!Array.isArray(pid) || pid.length !== 5) throw new Error(`torch.load: ${file}: a malformed storage reference`);
      const [kind, type, key, location, numel] = pid as [string, PyGlobal, string, string, number];
      if (kind !== 'storage') throw new Error(`torch.load: unknown persistent id ${String(kind)}`);
      if (!(type instanceof PyGlobal) || typeof key !== 'string' || typeof location !== 'string' || !isIndex(numel)) {
        throw new Error(`torch.load: ${file}: a malformed storage reference`);
      }
      const cached = storages.get(key);
      if (cached) return cached;
      const dtype = STORAGE_DTYPES[type.name];
      if (!dtype) throw new Error(`torch.load: unsupported storage type ${type.qualified}`);
      let t: Tensor;
      try {
        t = new Tensor(native.archiveStorage(archive, `data/${key}`, dtype._enum, numel));
      } catch (e) {
        throw new Error(`torch.load: ${file}: ${(e as Error).message}`);
      }
      t = place(t, location);
      storages.set(key, t);
      return t;
    },
    call(fn: PyGlobal, args: unknown[]): unknown {
      switch (fn.qualified) {
        case 'collections.OrderedDict':
          return new PyDict(args.length ? (args[0] as Iterable<[unknown, unknown]>) : undefined);
        case 'torch._utils._rebuild_tensor_v2': {
          const [storage, offset, size, stride, requiresGrad] = args as [Tensor, number, number[], number[], boolean];
          if (!(storage instanceof Tensor) || !isIndex(offset) || !isShape(size) || !isShape(stride) || size.length !== stride.length) {
            throw new Error(`torch.load: ${file}: a malformed tensor (storage, offset, size or stride)`);
          }
          // the view is checked against its storage's bounds natively (sizes × strides + offset)
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
  try {
    return recordsToModules(toPlain(unpickle(read('data.pkl'), reducers)));
  } catch (e) {
    if ((e as Error).message.startsWith('torch.load')) throw e;
    throw new Error(`torch.load: could not read ${file}: ${(e as Error).message}`);
  }
}

/**
 * torch.save(obj, path): tensors, state dicts, and nested records/arrays of them, in PyTorch's
 * zip format (Python's torch.load reads it). Written to a temporary file and renamed, so a
 * failed save never replaces a good file. Each tensor is stored contiguous, in its own storage.
 */
export function save(...args: Args<'torch.save'>): void {
  const { obj, f: file, pickleModule, pickleProtocol, useNewZipfileSerialization, disableByteorderRecord } = bind('torch.save', args, { name: 'torch.save' });
  if (pickleModule !== undefined) throw new TypeError('torch.save(): pickleModule is not supported by torch-node (it writes pickles itself)');
  if (!Number.isInteger(pickleProtocol) || pickleProtocol < 2 || pickleProtocol > 5) badArg('a pickle protocol from 2 to 5', 'pickleProtocol', pickleProtocol);
  if (useNewZipfileSerialization === false) throw new TypeError('torch.save(): the legacy (pre-1.6) format is not written by torch-node; every PyTorch since 1.6 reads the zip format');
  if (typeof file !== 'string') badArg('a file path', 'f', file);
  const records: [string, Buffer | Tensor][] = [];
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
    records.push([`data/${k}`, contiguous]);
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
  // PROTO n: the opcodes written are protocol 2's, which every later protocol reads
  w.op(0x80);
  w.op(pickleProtocol);
  w.value(modulesToRecords(obj), writeValue);
  const pkl = w.finish();
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    // the order PyTorch writes: the pickle, the byte order, then the storages (the writer adds version)
    const entries: [string, Buffer | Handle][] = [['data.pkl', pkl], ...(disableByteorderRecord ? [] : [['byteorder', Buffer.from('little')] as [string, Buffer]])];
    for (const [n, d] of records) entries.push([n, d instanceof Tensor ? d._h : d]);
    native.archiveSave(tmp, entries);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
