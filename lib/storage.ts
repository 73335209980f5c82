// torch.TypedStorage and torch.UntypedStorage as x.storage() and x.untypedStorage() return them: all
// the memory under a tensor (the whole base of a view), held as a 1-D tensor that shares it, with
// PyTorch's methods and printout.
import { inspect } from 'node:util';
import type { Tensor } from './tensor.js';
import { uint8, type DType, type Device } from './types.js';
import { pyFloat } from './nn/repr.js';

abstract class Storage {
  /** @internal the storage's elements, a 1-D tensor over all of its memory */
  constructor(protected readonly elements: Tensor) {}
  /** The number of elements (bytes, for an untyped storage), as `len(storage)` / `storage.size()`. */
  size(): number {
    return this.elements.numel();
  }
  /** `len(storage)` */
  get length(): number {
    return this.size();
  }
  /** Bytes of memory. */
  nbytes(): number {
    return this.elements.nbytes;
  }
  /** Address of the memory: equal for tensors that share it, as `x.untyped_storage().data_ptr()`. */
  dataPtr(): bigint {
    return this.elements.dataPtr();
  }
  get device(): Device {
    return this.elements.device;
  }
  /** Bytes per element. */
  elementSize(): number {
    return this.elements.elementSize();
  }
  /** Every element, as numbers (booleans for bool). */
  tolist(): (number | boolean)[] {
    return this.elements.tolist() as (number | boolean)[];
  }
  protected abstract info(): string;
  toString(): string {
    const float = this.elements.dtype.isFloatingPoint;
    const item = (v: number | boolean) => (typeof v === 'boolean' ? (v ? 'True' : 'False') : float ? pyFloat(v) : String(v));
    return ` ${this.tolist().map(item).join('\n ')}\n${this.info()}`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

/** The bytes under a tensor (x.untypedStorage()). */
export class UntypedStorage extends Storage {
  protected info(): string {
    return `[torch.storage.UntypedStorage(device=${this.device}) of size ${this.size()}]`;
  }
}

/** The elements under a tensor, of its dtype (x.storage(); deprecated in PyTorch 2.x for UntypedStorage). */
export class TypedStorage extends Storage {
  get dtype(): DType {
    return this.elements.dtype;
  }
  /** The same memory as bytes. */
  untyped(): UntypedStorage {
    return new UntypedStorage(this.elements.view(uint8));
  }
  protected info(): string {
    return `[torch.storage.TypedStorage(dtype=${this.dtype}, device=${this.device}) of size ${this.size()}]`;
  }
}
