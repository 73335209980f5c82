// torch.nn.parallel.DistributedDataParallel over torch.distributed's Gloo group, on c10d's own Reducer
// (binding/distributed.cc) driven as Python's DDP drives it: parameters and buffers start from rank
// 0's; during backward each bucket of gradients is all-reduced as soon as it is complete, overlapping
// the rest of backward, and the averaged gradients are in .grad when backward returns.
import { Module } from './module.js';
import { Tensor } from '../tensor.js';
import { isGradEnabled, noGrad } from '../autograd.js';
import { native } from '../native.js';
import { badArg } from '../errors.js';
import * as dist from '../distributed.js';
import { bind, rejectUnsupported, type ArgsWith } from '../bind.js';
import type { DeviceString } from '../types.js';

/** The keyword arguments of `nn.parallel.DistributedDataParallel`. */
export interface DistributedDataParallelOptions {
  deviceIds?: (number | string)[] | null;
  outputDevice?: number | string | null;
  broadcastBuffers?: boolean | null;
  /** false: the ranks keep their own initial parameters (no broadcast from rank 0) */
  initSync?: boolean;
  /** bucket size for the gradient all-reduce, in MiB (default 25, as PyTorch) */
  bucketCapMb?: number | null;
  /** parameters that get no gradient in an iteration are reduced as zeros instead of failing */
  findUnusedParameters?: boolean;
}
/** DistributedDataParallel(module, deviceIds, outputDevice, dim, broadcastBuffers, initSync, processGroup, bucketCapMb, ...) */
export type DistributedDataParallelArgs = ArgsWith<'nn.parallel.DistributedDataParallel', { module: Module } & DistributedDataParallelOptions>;

const BROADCAST_BUCKET_BYTES = 250 * 1024 * 1024; // DDP's broadcast_bucket_size

/** The tensors inside a forward's output (arrays, objects), as DDP's _find_tensors. */
function findTensors(x: unknown, out: Tensor[] = [], seen = new Set<unknown>()): Tensor[] {
  if (x instanceof Tensor) out.push(x);
  else if (x && typeof x === 'object' && !seen.has(x)) {
    seen.add(x);
    for (const v of Array.isArray(x) ? x : x instanceof Map ? x.values() : Object.values(x)) findTensors(v, out, seen);
  }
  return out;
}

export class DistributedDataParallel extends Module<unknown[], any> {
  module: Module;
  declare readonly broadcastBuffers: boolean;
  declare readonly findUnusedParameters: boolean;
  declare private readonly reducer: unknown;
  declare requireBackwardGradSync: boolean;
  declare private requireForwardParamSync: boolean;

  constructor(...args: DistributedDataParallelArgs) {
    super();
    const options = bind('nn.parallel.DistributedDataParallel', args, { name: 'DistributedDataParallel' }) as DistributedDataParallelOptions & Record<string, unknown>;
    const module = options.module as Module;
    if (!(module instanceof Module)) badArg('a Module', 'module', module);
    rejectUnsupported('nn.parallel.DistributedDataParallel', options, ['processGroup', 'gradientAsBucketView', 'staticGraph', 'delayAllReduceNamedParams',
      'paramToHookAllReduce', 'mixedPrecision', 'deviceMesh', 'skipAllReduceUnusedParams', 'bucketCapMbList', 'batchedGradCopy', 'forwardSyncBuffers'], 'DistributedDataParallel');
    if ((options.dim as number) !== 0) throw new TypeError('DistributedDataParallel(): dim is only used to scatter inputs over several devices of one process, which torch-node does not do');
    if (!dist.isInitialized()) throw new Error('Default process group has not been initialized, please make sure to call initProcessGroup.');
    const capMb = options.bucketCapMb;
    if (capMb !== undefined && capMb !== null && !(capMb > 0)) badArg('a positive number of MiB', 'bucketCapMb', capMb);
    this.module = module;
    // device_ids: one accelerator device, the module's own; the inputs go there in forward (Python's _to_kwargs)
    const devices = [...new Set([...module.parameters()].map((p) => String(p.device)))];
    const deviceIds = options.deviceIds ?? null;
    if ((deviceIds !== null || options.outputDevice != null) && (devices.length !== 1 || devices[0] === 'cpu' || (deviceIds !== null && deviceIds.length !== 1))) {
      throw new RangeError(`DistributedDataParallel device_ids and output_device arguments only work with single-device GPU modules, but got device_ids ${JSON.stringify(deviceIds)}, output_device ${options.outputDevice ?? 'None'}, and module parameters {${devices.join(', ')}}.`);
    }
    Object.defineProperty(this, 'inputDevice', { value: deviceIds === null ? null : devices[0], enumerable: false });
    const hidden = (k: string, v: unknown) => Object.defineProperty(this, k, { value: v, writable: true, enumerable: false });
    hidden('broadcastBuffers', options.broadcastBuffers ?? true);
    hidden('findUnusedParameters', options.findUnusedParameters ?? false);
    hidden('requireBackwardGradSync', true);
    hidden('requireForwardParamSync', true);
    const params = [...module.parameters()].filter((p) => p.requiresGrad);
    // c10d checks first that every rank has the same parameters; then all start from rank 0's
    const reducer = native.ddpReducer(params, capMb == null ? null : Math.floor(capMb * 1024 * 1024), this.findUnusedParameters);
    const states = [...module.parameters(), ...module.buffers()];
    if (options.initSync !== false) noGrad(() => native.broadcastCoalesced(states.map((t) => t.detach()), BROADCAST_BUCKET_BYTES, 0));
    hidden('reducer', reducer);
  }

  forward(...inputs: unknown[]): any {
    const grad = isGradEnabled();
    const sync = grad && this.requireBackwardGradSync;
    if (grad) native.ddpPrepareForward(this.reducer, sync);
    if (this.requireForwardParamSync && this.broadcastBuffers) {
      const buffers = [...this.module.buffers()];
      if (buffers.length) noGrad(() => native.broadcastCoalesced(buffers, BROADCAST_BUCKET_BYTES, 0));
    }
    const device = (this as unknown as { inputDevice: DeviceString | null }).inputDevice;
    const moved = device === null ? inputs : inputs.map((x) => (x instanceof Tensor && String(x.device) !== device ? x.to(device) : x));
    const out = this.module(...moved);
    this.requireForwardParamSync = sync;
    if (sync) native.ddpPrepareForBackward(this.reducer, this.findUnusedParameters ? findTensors(out) : []);
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
