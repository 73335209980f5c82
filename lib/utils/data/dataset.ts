// torch.utils.data datasets: Dataset (getItem + length, subclassable), IterableDataset,
// TensorDataset, Subset, ConcatDataset, randomSplit.
import { Tensor } from '../../tensor.js';
import { badArg } from '../../errors.js';
import { randperm } from '../../creation.js';
import { bind, type Args, type ArgsWith } from '../../bind.js';

/** A map-style dataset: subclasses implement getItem(index) and length. */
export abstract class Dataset<T = unknown> {
  abstract getItem(index: number): T;
  abstract get length(): number;
}

/** An iterable-style dataset: subclasses implement [Symbol.iterator]. */
export abstract class IterableDataset<T = unknown> {
  abstract [Symbol.iterator](): Iterator<T>;
}

export class TensorDataset extends Dataset<Tensor[]> {
  readonly tensors: Tensor[];
  constructor(...args: Tensor[]) {
    super();
    let tensors = bind('utils.data.TensorDataset', args).tensors as Tensor[];
    if (tensors.length === 1 && Array.isArray(tensors[0])) tensors = tensors[0]; // tensors= by name: the list
    if (!tensors.length) throw new TypeError('TensorDataset needs at least one tensor');
    tensors.forEach((t, i) => t instanceof Tensor || badArg('Tensor', `tensors[${i}]`, t));
    const n = tensors[0].size(0);
    if (!tensors.every((t) => t.size(0) === n)) throw new RangeError('Size mismatch between tensors');
    this.tensors = tensors;
  }
  getItem(index: number): Tensor[] {
    return this.tensors.map((t) => t.index(index));
  }
  get length(): number {
    return this.tensors[0].size(0);
  }
}

export class Subset<T = unknown> extends Dataset<T> {
  readonly dataset: Dataset<T>;
  readonly indices: number[];
  constructor(...args: ArgsWith<'utils.data.Subset', { dataset: Dataset<T> }>) {
    super();
    const a = bind('utils.data.Subset', args);
    if (!(a.dataset && typeof (a.dataset as Dataset<T>).getItem === 'function')) badArg('a Dataset', 'dataset', a.dataset);
    this.dataset = a.dataset as Dataset<T>;
    this.indices = [...a.indices];
  }
  getItem(index: number): T {
    const i = this.indices[index < 0 ? this.indices.length + index : index];
    if (i === undefined) throw new RangeError(`index ${index} is out of range for a Subset of length ${this.indices.length}`);
    return this.dataset.getItem(i);
  }
  get length(): number {
    return this.indices.length;
  }
}

export class ConcatDataset<T = unknown> extends Dataset<T> {
  readonly cumulativeSizes: number[];
  readonly datasets: Dataset<T>[];
  constructor(...args: ArgsWith<'utils.data.ConcatDataset', { datasets: Iterable<Dataset<T>> }>) {
    super();
    const datasets = this.datasets = [...bind('utils.data.ConcatDataset', args).datasets] as Dataset<T>[];
    if (!datasets.length) throw new RangeError('datasets should not be an empty iterable');
    let total = 0;
    this.cumulativeSizes = datasets.map((d) => (total += d.length));
  }
  get length(): number {
    return this.cumulativeSizes[this.cumulativeSizes.length - 1];
  }
  getItem(index: number): T {
    if (index < 0) {
      if (-index > this.length) throw new RangeError('absolute value of index should not exceed dataset length');
      index += this.length;
    }
    const d = this.cumulativeSizes.findIndex((c) => index < c);
    if (d < 0) throw new RangeError(`index ${index} is out of range for a ConcatDataset of length ${this.length}`);
    return this.datasets[d].getItem(d === 0 ? index : index - this.cumulativeSizes[d - 1]);
  }
}

/**
 * randomSplit(dataset, lengths, generator?): lengths as counts, or fractions summing to 1. The
 * same seed gives the same split as PyTorch (the same randperm on the same generator).
 */
export function randomSplit<T>(...args: ArgsWith<'utils.data.randomSplit', { dataset: Dataset<T> }>): Subset<T>[] {
  const { dataset, lengths, generator } = bind('utils.data.randomSplit', args) as { dataset: Dataset<T>; lengths: number[]; generator?: import('../../generator.js').Generator | null };
  const n = dataset.length;
  let sizes = [...lengths];
  const sum = sizes.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) < 1e-9 && sum <= 1) {
    sizes = sizes.map((f, i) => {
      if (f < 0 || f > 1) throw new RangeError(`Fraction at index ${i} is not between 0 and 1`);
      return Math.floor(n * f);
    });
    const remainder = n - sizes.reduce((a, b) => a + b, 0);
    for (let i = 0; i < remainder; i++) sizes[i % sizes.length] += 1;
  }
  if (sizes.reduce((a, b) => a + b, 0) !== n) throw new RangeError('Sum of input lengths does not equal the length of the input dataset!');
  const indices: number[] = randperm(n, generator ? { generator } : undefined).tolist();
  let offset = 0;
  return sizes.map((len) => new Subset<T>(dataset, indices.slice(offset, (offset += len))));
}
