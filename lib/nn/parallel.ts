// torch.nn.parallel.DistributedDataParallel over torch.distributed's Gloo group. Parameters and
// buffers start from rank 0's; during backward, each bucket of gradients (bucketCapMb, the first
// 1 MiB, in reverse registration order, as PyTorch's DDP) is all-reduced as soon as it is complete,
// overlapping the rest of backward (binding/distributed.cc, DdpReducer); when backward returns,
// the averaged gradients are written back.
import { Module } from './module.js';
import { queueBackwardCallback } from '../tensor.js';
import { isGradEnabled, noGrad } from '../autograd.js';
import { native } from '../native.js';
import { badArg } from '../errors.js';
import * as dist from '../distributed.js';

export interface DistributedDataParallelOptions {
  deviceIds?: (number | string)[] | null;
  outputDevice?: number | string | null;
  broadcastBuffers?: boolean;
  /** bucket size for the gradient all-reduce, in MiB (default 25, as PyTorch) */
  bucketCapMb?: number;
  /** parameters that get no gradient in an iteration are reduced as zeros instead of failing */
  findUnusedParameters?: boolean;
}

const BROADCAST_BUCKET_BYTES = 250 * 1024 * 1024; // DDP's broadcast_bucket_size
const FIRST_BUCKET_BYTES = 1024 * 1024; // dist._DEFAULT_FIRST_BUCKET_BYTES

export class DistributedDataParallel extends Module {
  module: Module;
  declare readonly broadcastBuffers: boolean;
  declare readonly findUnusedParameters: boolean;
  declare private readonly reducer: unknown;
  declare requireBackwardGradSync: boolean;
  declare private pending: boolean;

  constructor(module: Module, options: DistributedDataParallelOptions = {}) {
    super();
    if (!(module instanceof Module)) badArg('a Module', 'module', module);
    if (!dist.isInitialized()) throw new Error('Default process group has not been initialized, please make sure to call initProcessGroup.');
    const capMb = options.bucketCapMb ?? 25;
    if (!(capMb > 0)) badArg('a positive number of MiB', 'bucketCapMb', capMb);
    this.module = module;
    const hidden = (k: string, v: unknown) => Object.defineProperty(this, k, { value: v, writable: true, enumerable: false });
    hidden('broadcastBuffers', options.broadcastBuffers ?? true);
    hidden('findUnusedParameters', options.findUnusedParameters ?? false);
    hidden('requireBackwardGradSync', true);
    hidden('pending', false);
    // every rank starts from rank 0's parameters and buffers
    const states = [...module.parameters(), ...module.buffers()];
    noGrad(() => native.broadcastCoalesced(states.map((t) => t.detach()), BROADCAST_BUCKET_BYTES, 0));
    // buckets of parameter indices in reverse order of registration, the first 1 MiB, then up to
    // bucketCapMb each, as DDP
    const params = [...module.parameters()].filter((p) => p.requiresGrad);
    const buckets: number[][] = [];
    let current: number[] = [], bytes = 0;
    for (let i = params.length - 1; i >= 0; i--) {
      current.push(i);
      bytes += params[i].numel() * params[i].dtype.itemsize;
      if (bytes >= (buckets.length === 0 ? FIRST_BUCKET_BYTES : capMb * 1024 * 1024)) {
        buckets.push(current);
        current = [];
        bytes = 0;
      }
    }
    if (current.length) buckets.push(current);
    hidden('reducer', native.ddpReducer(params, buckets, this.findUnusedParameters));
  }

  forward(...inputs: unknown[]): any {
    if (this.broadcastBuffers && this.requireBackwardGradSync) {
      const buffers = [...this.module.buffers()];
      if (buffers.length) noGrad(() => native.broadcastCoalesced(buffers, BROADCAST_BUCKET_BYTES, 0));
    }
    const sync = isGradEnabled() && this.requireBackwardGradSync;
    if (sync) native.ddpPrepare(this.reducer);
    const out = this.module(...inputs);
    if (sync && !this.pending) {
      this.pending = true;
      queueBackwardCallback(() => {
        this.pending = false;
        native.ddpFinalize(this.reducer);
      });
    }
    return out;
  }

  /** Runs fn without gradient synchronisation: gradients accumulate locally (no_sync). */
  noSync<T>(fn: () => T): T {
    const before = this.requireBackwardGradSync;
    this.requireBackwardGradSync = false;
    try {
      return fn();
    } finally {
      this.requireBackwardGradSync = before;
    }
  }
}
