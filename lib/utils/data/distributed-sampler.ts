// torch.utils.data.DistributedSampler: each rank a disjoint share of the (shuffled) indices, the
// shuffle seeded by seed + epoch (setEpoch), padded or cut to an equal share, as PyTorch does.
import { randperm } from '../../creation.js';
import { Generator } from '../../generator.js';
import { badArg } from '../../errors.js';
import * as dist from '../../distributed.js';
import { Sampler } from './sampler.js';
import { bind, type ArgsWith } from '../../bind.js';

/** The keyword arguments of `DistributedSampler`. */
export interface DistributedSamplerOptions {
  numReplicas?: number | null;
  rank?: number | null;
  shuffle?: boolean;
  seed?: number;
  dropLast?: boolean;
}

export class DistributedSampler extends Sampler<number> {
  readonly numReplicas: number;
  readonly rank: number;
  readonly shuffle: boolean;
  readonly seed: number;
  readonly dropLast: boolean;
  readonly numSamples: number;
  readonly totalSize: number;
  epoch = 0;
  readonly dataset: { length: number };
  constructor(...args: ArgsWith<'utils.data.DistributedSampler', { dataset: { length: number } }>) {
    super();
    const options = bind('utils.data.DistributedSampler', args);
    this.dataset = options.dataset as { length: number };
    this.numReplicas = options.numReplicas ?? dist.getWorldSize();
    this.rank = options.rank ?? dist.getRank();
    if (!Number.isInteger(this.rank) || this.rank >= this.numReplicas || this.rank < 0) {
      throw new RangeError(`Invalid rank ${this.rank}, rank should be in the interval [0, ${this.numReplicas - 1}]`);
    }
    this.shuffle = options.shuffle ?? true;
    this.seed = options.seed ?? 0;
    this.dropLast = options.dropLast ?? false;
    if (!Number.isInteger(this.seed)) badArg('an integer', 'seed', this.seed);
    const n = this.dataset.length;
    this.numSamples = this.dropLast && n % this.numReplicas !== 0 ? Math.ceil((n - this.numReplicas) / this.numReplicas) : Math.ceil(n / this.numReplicas);
    this.totalSize = this.numSamples * this.numReplicas;
  }
  *[Symbol.iterator]() {
    const n = this.dataset.length;
    let indices = this.shuffle
      ? (randperm(n, { generator: new Generator().manualSeed(this.seed + this.epoch) }).tolist() as number[])
      : Array.from({ length: n }, (_, i) => i);
    if (!this.dropLast) {
      const padding = this.totalSize - indices.length;
      if (padding <= indices.length) indices = indices.concat(indices.slice(0, padding));
      else indices = indices.concat(Array.from({ length: Math.ceil(padding / indices.length) }, () => indices).flat().slice(0, padding));
    } else indices = indices.slice(0, this.totalSize);
    for (let i = this.rank; i < this.totalSize; i += this.numReplicas) yield indices[i];
  }
  get length(): number {
    return this.numSamples;
  }
  /** A different shuffle each epoch, the same on every rank. */
  setEpoch(epoch: number): void {
    this.epoch = epoch;
  }
}
