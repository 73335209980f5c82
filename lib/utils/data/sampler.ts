// Samplers, with PyTorch's draws from the random streams, so shuffles repeat PyTorch's orders.
import { Tensor } from '../../tensor.js';
import { badArg } from '../../errors.js';
import { empty, randperm, randint, tensor } from '../../creation.js';
import { Generator } from '../../generator.js';
import { int64, float64 } from '../../types.js';
import { bind, type ArgsWith } from '../../bind.js';

export abstract class Sampler<T = number> implements Iterable<T> {
  abstract [Symbol.iterator](): Iterator<T>;
  abstract get length(): number;
}

type Sized = { length: number };

/** A seed drawn from `generator` (or the global stream), as PyTorch's int64 random_(). */
export function drawSeed(generator?: Generator | null): bigint {
  const t = empty([], { dtype: int64 });
  (t as any).random_(generator ? { generator } : undefined);
  return (t.toTypedArray() as BigInt64Array)[0]; // exact: the seed uses all 63 bits
}

export class SequentialSampler extends Sampler<number> {
  readonly dataSource: Sized;
  constructor(...args: ArgsWith<'utils.data.SequentialSampler', { dataSource: Sized }>) {
    super();
    this.dataSource = bind('utils.data.SequentialSampler', args).dataSource as Sized;
  }
  *[Symbol.iterator]() {
    for (let i = 0; i < this.dataSource.length; i++) yield i;
  }
  get length() {
    return this.dataSource.length;
  }
}

export class RandomSampler extends Sampler<number> {
  readonly replacement: boolean;
  private readonly _numSamples?: number;
  readonly generator: Generator | null;
  readonly dataSource: Sized;
  constructor(...args: ArgsWith<'utils.data.RandomSampler', { dataSource: Sized }>) {
    super();
    const options = bind('utils.data.RandomSampler', args);
    this.dataSource = options.dataSource as Sized;
    this.replacement = options.replacement;
    this._numSamples = options.numSamples ?? undefined;
    this.generator = options.generator ?? null;
    if (typeof this.replacement !== 'boolean') badArg('a boolean', 'replacement', this.replacement);
    if (this._numSamples !== undefined && (!Number.isInteger(this._numSamples) || this._numSamples <= 0)) badArg('positive integer', 'numSamples', this._numSamples);
  }
  get numSamples(): number {
    return this._numSamples ?? this.dataSource.length;
  }
  get length() {
    return this.numSamples;
  }
  *[Symbol.iterator]() {
    const n = this.dataSource.length;
    const generator = this.generator ?? new Generator().manualSeed(drawSeed());
    const total = this.numSamples;
    if (this.replacement) {
      for (let i = 0; i < Math.floor(total / 32); i++) yield* randint(n, [32], { generator }).tolist() as number[];
      yield* randint(n, [total % 32], { generator }).tolist() as number[];
    } else {
      for (let i = 0; i < Math.floor(total / n); i++) yield* randperm(n, { generator }).tolist() as number[];
      yield* (randperm(n, { generator }).tolist() as number[]).slice(0, total % n);
    }
  }
}

export class SubsetRandomSampler extends Sampler<number> {
  readonly indices: number[];
  readonly generator: Generator | null;
  constructor(...args: ArgsWith<'utils.data.SubsetRandomSampler', { indices: Iterable<number> }>) {
    super();
    const a = bind('utils.data.SubsetRandomSampler', args);
    this.indices = [...a.indices];
    this.generator = a.generator ?? null;
  }
  *[Symbol.iterator]() {
    for (const i of randperm(this.indices.length, this.generator ? { generator: this.generator } : undefined).tolist() as number[]) yield this.indices[i];
  }
  get length() {
    return this.indices.length;
  }
}

export class WeightedRandomSampler extends Sampler<number> {
  readonly weights: Tensor;
  readonly numSamples: number;
  readonly replacement: boolean;
  readonly generator: Generator | null;
  constructor(...args: ArgsWith<'utils.data.WeightedRandomSampler', { weights: number[] | Tensor }>) {
    super();
    const { weights, numSamples, replacement, generator } = bind('utils.data.WeightedRandomSampler', args);
    if (!Number.isInteger(numSamples) || numSamples <= 0) badArg('positive integer', 'numSamples', numSamples);
    if (typeof replacement !== 'boolean') badArg('a boolean', 'replacement', replacement);
    this.weights = weights instanceof Tensor ? weights.to(float64) : tensor(weights, { dtype: float64 });
    this.numSamples = numSamples;
    this.replacement = replacement;
    this.generator = generator ?? null;
  }
  *[Symbol.iterator]() {
    const g = this.generator;
    yield* (this.weights as any).multinomial(this.numSamples, this.replacement, g ? { generator: g } : undefined).tolist() as number[];
  }
  get length() {
    return this.numSamples;
  }
}

export class BatchSampler extends Sampler<number[]> {
  readonly sampler: Iterable<number> & Partial<Sized>;
  readonly batchSize: number;
  readonly dropLast: boolean;
  constructor(...args: ArgsWith<'utils.data.BatchSampler', { sampler: Iterable<number> }>) {
    super();
    const { sampler, batchSize, dropLast } = bind('utils.data.BatchSampler', args);
    this.sampler = sampler;
    this.batchSize = batchSize;
    this.dropLast = dropLast;
    if (!Number.isInteger(batchSize) || batchSize <= 0) badArg('positive integer', 'batchSize', batchSize);
    if (typeof dropLast !== 'boolean') badArg('a boolean', 'dropLast', dropLast);
  }
  *[Symbol.iterator]() {
    let batch: number[] = [];
    for (const i of this.sampler) {
      batch.push(i);
      if (batch.length === this.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length && !this.dropLast) yield batch;
  }
  get length() {
    const n = this.sampler.length ?? [...this.sampler].length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }
}
