// Reads the pickles that torchvision's CIFAR batches are: dicts of numpy arrays and lists,
// written by Python 2. Only numpy's array reconstruction and byte strings are understood.
import { readFileSync } from 'node:fs';
import { unpickle, PyDict, PyGlobal } from '../../serialization/pickle.js';

export class NdArray {
  shape: number[] = [];
  dtype = '';
  data: Buffer = Buffer.alloc(0);
  setState(state: unknown): void {
    // (version, shape, dtype, is_fortran, rawdata)
    const [, shape, dtype, , raw] = state as [number, number[], NumpyDType, boolean, Buffer | string];
    this.shape = [...shape];
    this.dtype = dtype.descr;
    this.data = typeof raw === 'string' ? Buffer.from(raw, 'latin1') : raw;
  }
}
class NumpyDType {
  constructor(readonly descr: string) {}
  setState(): void {}
}

/** A Python dict with string keys, as a JS object of numbers, strings, arrays and NdArrays. */
export function loadNumpyPickle(file: string): Record<string, any> {
  const toJs = (v: unknown): unknown => {
    if (v instanceof PyDict) return Object.fromEntries([...v].map(([k, x]) => [String(k), toJs(x)]));
    if (Array.isArray(v)) return v.map(toJs);
    return v;
  };
  const result = unpickle(readFileSync(file), {
    call(fn: PyGlobal, args: unknown[]) {
      switch (fn.qualified) {
        case 'numpy.core.multiarray._reconstruct':
        case 'numpy._core.multiarray._reconstruct':
          return new NdArray();
        case 'numpy.dtype':
          return new NumpyDType(String(args[0]));
        case '_codecs.encode':
          return Buffer.from(String(args[0]), (args[1] as BufferEncoding) ?? 'latin1');
        default:
          throw new Error(`${file}: unsupported pickle global ${fn.qualified}`);
      }
    },
    persistentLoad() {
      throw new Error(`${file}: unexpected persistent id`);
    },
  });
  return toJs(result) as Record<string, any>;
}
