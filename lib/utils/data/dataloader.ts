// DataLoader with PyTorch's options and rules. Datasets and transforms written in TS run on the
// JS thread (whatever numWorkers says); `for await` yields to the event loop between batches.
import { z } from 'zod';
import { Tensor } from '../../tensor.js';
import { Generator } from '../../generator.js';
import { parseOptions } from '../../options.js';
import { native } from '../../native.js';
import { Dataset, IterableDataset } from './dataset.js';
import { Sampler, SequentialSampler, RandomSampler, BatchSampler, drawSeed } from './sampler.js';
import { defaultCollate, defaultConvert } from './collate.js';
import { bind, type ArgsWith } from '../../bind.js';

const iterableOf = z.custom<Iterable<unknown>>((v) => v != null && typeof (v as any)[Symbol.iterator] === 'function', 'an iterable sampler');
const optionsSchema = z.object({
  batchSize: z.number().int().positive().nullable().optional(),
  shuffle: z.boolean().optional(),
  sampler: iterableOf.optional(),
  batchSampler: iterableOf.optional(),
  numWorkers: z.number().int().optional(),
  collateFn: z.function().optional(),
  pinMemory: z.boolean().optional(),
  dropLast: z.boolean().optional(),
  timeout: z.number().optional(),
  workerInitFn: z.function().optional(),
  prefetchFactor: z.number().int().positive().nullable().optional(),
  persistentWorkers: z.boolean().optional(),
  generator: z.custom<Generator>((v) => v instanceof Generator, 'a torch.Generator').optional(),
  // kept as given: torch-node's workers are threads, not processes, and batches always come in order
  multiprocessingContext: z.unknown().optional(),
  pinMemoryDevice: z.string().optional(),
  inOrder: z.boolean().optional(),
}).strict();

/**
 * What default_collate makes of a batch of T: tensors and numbers stacked into one tensor, tuples,
 * arrays and records collated field by field, strings gathered into a list.
 */
export type Collated<T> = 0 extends 1 & T ? any
  : T extends Tensor ? Tensor
  : T extends number | bigint | boolean ? Tensor
  : T extends string ? string[]
  : T extends readonly unknown[] ? { -readonly [K in keyof T]: Collated<T[K]> }
  : T extends Record<string, unknown> ? { [K in keyof T]: Collated<T[K]> }
  : unknown;

/** The keyword arguments of `DataLoader`. */
export interface DataLoaderOptions<T, B = Collated<T>> {
  batchSize?: number | null;
  shuffle?: boolean | null;
  sampler?: Iterable<number> | null;
  batchSampler?: Iterable<number[]> | null;
  numWorkers?: number;
  collateFn?: ((batch: T[]) => B) | null;
  pinMemory?: boolean;
  dropLast?: boolean;
  timeout?: number;
  workerInitFn?: ((workerId: number) => void) | null;
  multiprocessingContext?: unknown;
  generator?: Generator | null;
  prefetchFactor?: number | null;
  persistentWorkers?: boolean;
  pinMemoryDevice?: string;
  inOrder?: boolean;
}

type AnyDataset<T> = Dataset<T> | IterableDataset<T>;
/** DataLoader's parameters as Python's, typed by the dataset's items. */
export type DataLoaderArgs<T, B = Collated<T>, D extends AnyDataset<T> = AnyDataset<T>> = ArgsWith<'utils.data.DataLoader', { dataset: D & AnyDataset<T> } & DataLoaderOptions<T, B>>;

/** What a built-in dataset offers the native loader: pixels in a tensor, or image files to decode. */
type NativeSource = { images?: Tensor; files?: string[]; targets: Tensor; transform: unknown };
type NativePlan = { images?: Tensor; files?: string[]; targets: Tensor; ops: object[] };

/** Batches of B (default_collate's Collated<T> unless a collateFn says otherwise) from a dataset D of items T. */
export class DataLoader<T = unknown, B = Collated<T>, D extends AnyDataset<T> = AnyDataset<T>> implements Iterable<B>, AsyncIterable<B> {
  readonly dataset: D;
  readonly batchSize: number | null;
  readonly dropLast: boolean;
  readonly numWorkers: number;
  readonly pinMemory: boolean;
  readonly timeout: number;
  readonly prefetchFactor: number | null;
  readonly persistentWorkers: boolean;
  readonly generator: Generator | undefined;
  readonly sampler: Iterable<number> | null;
  readonly batchSampler: Iterable<number[]> | null;
  readonly collateFn: (batch: T[]) => B;
  readonly workerInitFn: ((workerId: number) => void) | undefined;

  readonly multiprocessingContext: unknown;
  readonly pinMemoryDevice: string;
  readonly inOrder: boolean;

  constructor(...args: DataLoaderArgs<T, B, D>) {
    const { dataset, ...given } = bind('utils.data.DataLoader', args as never) as unknown as { dataset: D } & Record<string, unknown>;
    // None is each option's default (batchSize excepted: None there turns batching off)
    const options = Object.fromEntries(Object.entries(given).filter(([k, v]) => v !== undefined && (v !== null || k === 'batchSize')));
    const o = parseOptions(optionsSchema, options, 'DataLoader options') as DataLoaderOptions<T, B>;
    const isIterable = dataset instanceof IterableDataset || (!(dataset instanceof Dataset) && typeof (dataset as any)?.[Symbol.iterator] === 'function' && typeof (dataset as any)?.getItem !== 'function');
    if (!isIterable && typeof (dataset as any)?.getItem !== 'function') {
      throw new TypeError('Expected a Dataset (with getItem and length) or an IterableDataset for dataset');
    }
    const numWorkers = o.numWorkers ?? 0;
    if (numWorkers < 0) throw new RangeError('num_workers option should be non-negative; use numWorkers: 0 to disable multiprocessing.');
    if ((o.timeout ?? 0) < 0) throw new RangeError('timeout option should be non-negative');
    if (numWorkers === 0 && o.prefetchFactor != null) {
      throw new RangeError('prefetchFactor option could only be specified in multiprocessing. Let numWorkers > 0 to enable multiprocessing, otherwise set prefetchFactor to null.');
    }
    if (o.persistentWorkers && numWorkers === 0) throw new RangeError('persistentWorkers option needs numWorkers > 0');
    if (isIterable) {
      if (o.shuffle) throw new RangeError(`DataLoader with IterableDataset: expected unspecified shuffle option, but got shuffle=${o.shuffle}`);
      if (o.sampler) throw new RangeError('DataLoader with IterableDataset: expected unspecified sampler option');
      if (o.batchSampler) throw new RangeError('DataLoader with IterableDataset: expected unspecified batchSampler option');
    }
    const batchSize = o.batchSize === undefined ? 1 : o.batchSize;
    const dropLast = o.dropLast ?? false;
    if (o.sampler && o.shuffle) throw new RangeError('sampler option is mutually exclusive with shuffle');
    if (o.batchSampler && (batchSize !== 1 || o.shuffle || o.sampler || dropLast)) {
      throw new RangeError('batchSampler option is mutually exclusive with batchSize, shuffle, sampler, and dropLast');
    }
    if (batchSize === null && dropLast) throw new RangeError('batchSize: null disables auto-batching and is mutually exclusive with dropLast');

    this.dataset = dataset;
    this.multiprocessingContext = o.multiprocessingContext ?? null;
    this.pinMemoryDevice = o.pinMemoryDevice ?? '';
    this.inOrder = o.inOrder ?? true;
    this.numWorkers = numWorkers;
    this.prefetchFactor = o.prefetchFactor ?? (numWorkers > 0 ? 2 : null);
    this.pinMemory = o.pinMemory ?? false;
    this.timeout = o.timeout ?? 0;
    this.persistentWorkers = o.persistentWorkers ?? false;
    this.generator = o.generator ?? undefined;
    this.workerInitFn = o.workerInitFn ?? undefined;
    let sampler: Iterable<number> | null = o.sampler ?? null;
    if (!isIterable && !sampler) {
      const sized = dataset as Dataset<T>;
      sampler = o.shuffle ? new RandomSampler(sized, { generator: o.generator }) : new SequentialSampler(sized);
    }
    this.sampler = sampler;
    this.batchSize = o.batchSampler ? null : batchSize;
    this.dropLast = o.batchSampler ? false : dropLast;
    this.batchSampler = o.batchSampler ?? (batchSize !== null && sampler ? new BatchSampler(sampler, batchSize, dropLast) : null);
    this.collateFn = (o.collateFn ?? (batchSize !== null || o.batchSampler ? defaultCollate : defaultConvert)) as (batch: T[]) => B;
  }

  /** Number of batches (samples when batchSize is null). */
  get length(): number {
    if (this.batchSampler) return (this.batchSampler as unknown as Sampler<number[]>).length ?? [...this.batchSampler].length;
    if (this.sampler) return (this.sampler as Sampler).length ?? [...this.sampler].length;
    const n = (this.dataset as { length?: number }).length;
    if (n === undefined) throw new TypeError('this IterableDataset has no length');
    return this.batchSize === null ? n : this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  private pin(batch: B): B {
    if (!this.pinMemory || !native.runtimeInfo().cudaAvailable) return batch;
    const walk = (v: unknown): unknown =>
      v instanceof Tensor ? (v as any).pinMemory() : Array.isArray(v) ? v.map(walk) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)])) : v;
    return walk(batch) as B;
  }

  /**
   * The native plan, when the dataset is a built-in one (pixels in a tensor) and every transform
   * has a native twin, ending in ToTensor (and Normalize): then reading, augmenting and collating
   * run on C++ threads (binding/loader.cc) and JS receives finished batches.
   */
  private nativePlan(): NativePlan | null {
    const src = (this.dataset as { _nativeSource?: () => NativeSource | null })._nativeSource?.();
    if (!src || !this.batchSampler || this.collateFn !== (defaultCollate as unknown)) return null;
    const t = src.transform as { _native?: () => { kind: string }[] | null } | undefined;
    const ops = t ? (typeof t._native === 'function' ? t._native() : null) : null;
    if (!ops) return null;
    const toTensor = ops.findIndex((o) => o.kind === 'toTensor');
    if (toTensor < 0 || ops.filter((o) => o.kind === 'toTensor').length > 1) return null;
    if (ops.slice(0, toTensor).some((o) => o.kind === 'normalize')) return null;
    return { images: src.images, files: src.files, targets: src.targets, ops };
  }

  private startNative(plan: NativePlan): unknown {
    // One seed per epoch from the loader's stream, as PyTorch's base seed: each sample's
    // augmentation draws from (seed, index), whatever numWorkers is.
    const seed = BigInt.asUintN(64, drawSeed(this.generator));
    const batches = [...this.batchSampler!].map((b) => [...b]);
    // pinned batches are made in page-locked memory on the loader's threads, as PyTorch's pin-memory thread does
    return native.loaderStart({ images: plan.images, files: plan.files, targets: plan.targets, ops: plan.ops, batches, seed,
      numWorkers: this.numWorkers, prefetch: this.prefetchFactor ?? 2, pinMemory: this.pinMemory && native.runtimeInfo().cudaAvailable });
  }

  *[Symbol.iterator](): Iterator<B> {
    const plan = this.nativePlan();
    if (plan) {
      const run = this.startNative(plan);
      for (let r = native.loaderNext(run); r !== null; r = native.loaderNext(run)) yield [new Tensor(r[0]), new Tensor(r[1])] as B;
      return;
    }
    // PyTorch draws the workers' base seed from the loader's stream at every new iterator;
    // drawing it here too keeps shuffles identical to PyTorch's for the same seed.
    drawSeed(this.generator);
    const ds = this.dataset;
    if (this.batchSampler) {
      for (const indices of this.batchSampler) yield this.pin(this.collateFn(indices.map((i) => (ds as Dataset<T>).getItem(i))));
    } else if (this.sampler) {
      for (const i of this.sampler) yield this.pin((this.collateFn as unknown as (x: T) => B)((ds as Dataset<T>).getItem(i)));
    } else {
      const it = (ds as IterableDataset<T>)[Symbol.iterator]();
      if (this.batchSize === null) {
        for (let r = it.next(); !r.done; r = it.next()) yield this.pin((this.collateFn as unknown as (x: T) => B)(r.value));
        return;
      }
      let batch: T[] = [];
      for (let r = it.next(); !r.done; r = it.next()) {
        batch.push(r.value);
        if (batch.length === this.batchSize) {
          yield this.pin(this.collateFn(batch));
          batch = [];
        }
      }
      if (batch.length && !this.dropLast) yield this.pin(this.collateFn(batch));
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<B> {
    const plan = this.nativePlan();
    if (plan) {
      // batches are awaited off the JS thread: the event loop keeps running
      const run = this.startNative(plan);
      for (let r = await native.loaderNextAsync(run); r !== null; r = await native.loaderNextAsync(run)) {
        yield [new Tensor(r[0]), new Tensor(r[1])] as B;
      }
      return;
    }
    for (const batch of this) {
      yield batch;
      await new Promise<void>((resolve) => setImmediate(resolve)); // let timers and I/O run
    }
  }
}
