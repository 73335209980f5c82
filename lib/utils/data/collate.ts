// defaultCollate: samples to a batch as PyTorch's default_collate does: tensors are stacked,
// numbers become a tensor (integers int64, other numbers float64, as Python ints and floats),
// arrays and records are collated field by field, strings stay lists.
import { Tensor } from '../../tensor.js';
import { tensor } from '../../creation.js';
import { stack } from '../../generated/functions.js';
import { int64, float64, bool } from '../../types.js';

export function defaultCollate(batch: unknown[]): any {
  const elem = batch[0];
  if (elem instanceof Tensor) return stack(batch as Tensor[], 0);
  if (typeof elem === 'number') {
    const nums = batch as number[];
    return tensor(nums, { dtype: nums.every(Number.isInteger) ? int64 : float64 });
  }
  if (typeof elem === 'bigint') return tensor(batch as bigint[]);
  if (typeof elem === 'boolean') return tensor(batch as boolean[], { dtype: bool });
  if (typeof elem === 'string') return batch;
  if (Array.isArray(elem)) {
    const n = elem.length;
    if (!batch.every((b) => Array.isArray(b) && b.length === n)) throw new RangeError('each element in list of batch should be of equal size');
    return Array.from({ length: n }, (_, i) => defaultCollate(batch.map((b) => (b as unknown[])[i])));
  }
  if (elem instanceof Map) return new Map([...elem.keys()].map((k) => [k, defaultCollate(batch.map((b) => (b as Map<unknown, unknown>).get(k)))]));
  if (elem && typeof elem === 'object') {
    return Object.fromEntries(Object.keys(elem).map((k) => [k, defaultCollate(batch.map((b) => (b as Record<string, unknown>)[k]))]));
  }
  throw new TypeError(`defaultCollate: batch must contain tensors, numbers, booleans, strings, arrays or records; found ${elem === null ? 'null' : typeof elem}`);
}

/** default_convert: what the loader applies to each sample when batching is off (batchSize null). */
export function defaultConvert(sample: unknown): unknown {
  return sample;
}
