// torch.cuda: devices, streams, events and the caching allocator's statistics (binding/cuda.cc).
// On a CPU build every call but isAvailable/deviceCount throws PyTorch's "Torch not compiled with
// CUDA enabled".
import { native } from './native.js';
import { badArg } from './errors.js';
import { Device, device as toDevice } from './types.js';

type DeviceArg = Device | string | number | null | undefined;
const cuda = native as unknown as {
  cudaStream(op: string, ...args: unknown[]): any;
  cudaEvent(op: string, ...args: unknown[]): any;
  cudaMemory(op: string, device?: number): any;
  cudaDevice(op: string, device?: number): any;
};

/** A device argument as a CUDA index (undefined: the current device). */
function index(d: DeviceArg, name = 'device'): number | undefined {
  if (d === undefined || d === null) return undefined;
  if (typeof d === 'number') {
    if (!Number.isInteger(d) || d < 0) badArg('a non-negative integer', name, d);
    return d;
  }
  const dev = d instanceof Device ? d : toDevice(d);
  if (dev.type !== 'cuda') throw new TypeError(`Expected a cuda device for ${name}, but got: ${dev.type}`);
  return dev.index ?? undefined;
}

import { bind, type Args } from './bind.js';
export const isAvailable = (): boolean => native.runtimeInfo().cudaAvailable;
export const deviceCount = (): number => native.runtimeInfo().cudaDeviceCount;
/** Waits for all kernels on all streams of a CUDA device to finish. */
export const synchronize = (device?: DeviceArg): void => native.cudaSynchronize(index(device));
/** Seeds the CUDA generators (libtorch seeds every device's with the CPU's: torch.manualSeed). */
export function manualSeed(...args: Args<'cuda.manualSeed'>): void {
  const { seed } = bind('cuda.manualSeed', args, { name: 'torch.cuda.manualSeed' });
  if (typeof seed !== 'bigint' && (typeof seed !== 'number' || !Number.isInteger(seed))) badArg('integer', 'seed', seed);
  native.manualSeed(BigInt.asUintN(64, BigInt(seed)));
}
export const manualSeedAll = manualSeed;

export const currentDevice = (): number => cuda.cudaDevice('current');
export const setDevice = (device: DeviceArg): void => cuda.cudaDevice('set', index(device));
/**
 * What `cuda.getDeviceProperties` returns: the GPU's name, memory in bytes, compute capability and multiprocessor count.
 */
export interface DeviceProperties { name: string; totalMemory: number; major: number; minor: number; multiProcessorCount: number }
export const getDeviceProperties = (device?: DeviceArg): DeviceProperties => cuda.cudaDevice('properties', index(device));
export const getDeviceName = (device?: DeviceArg): string => getDeviceProperties(device).name;
export const getDeviceCapability = (device?: DeviceArg): [number, number] => {
  const p = getDeviceProperties(device);
  return [p.major, p.minor];
};

/** The caching allocator's counters, under Python's memory_stats() keys ("allocated_bytes.all.current"...). */
export const memoryStats = (device?: DeviceArg): Record<string, number> => cuda.cudaMemory('stats', index(device));
export const memoryAllocated = (device?: DeviceArg): number => memoryStats(device)['allocated_bytes.all.current'];
export const maxMemoryAllocated = (device?: DeviceArg): number => memoryStats(device)['allocated_bytes.all.peak'];
export const memoryReserved = (device?: DeviceArg): number => memoryStats(device)['reserved_bytes.all.current'];
export const maxMemoryReserved = (device?: DeviceArg): number => memoryStats(device)['reserved_bytes.all.peak'];
export const resetPeakMemoryStats = (device?: DeviceArg): void => cuda.cudaMemory('resetPeak', index(device));
/** Releases the cached blocks nothing uses back to the driver. */
export const emptyCache = (): void => cuda.cudaMemory('emptyCache');

/** torch.cuda.Stream: an ordered queue of GPU work. */
export class Stream {
  /** @internal */ readonly _s: unknown;
  constructor(options: { device?: DeviceArg; priority?: number } = {}, /** @internal */ handle?: unknown) {
    if (typeof options !== 'object' || options === null) badArg('an options object', 'options', options);
    this._s = handle ?? cuda.cudaStream('new', index(options.device), (options.priority ?? 0) < 0);
  }
  get device(): Device {
    return toDevice('cuda', cuda.cudaStream('info', this._s).device);
  }
  get priority(): number {
    return cuda.cudaStream('info', this._s).priority;
  }
  /** Waits for all work queued on this stream. */
  synchronize(): void {
    cuda.cudaStream('synchronize', this._s);
  }
  /** Whether all work queued on this stream has finished. */
  query(): boolean {
    return cuda.cudaStream('query', this._s);
  }
  /** Later work on this stream waits for what `stream` has queued so far. */
  waitStream(stream: Stream): void {
    if (!(stream instanceof Stream)) badArg('a torch.cuda.Stream', 'stream', stream);
    cuda.cudaStream('wait', this._s, stream._s);
  }
  /** Later work on this stream waits for `event`. */
  waitEvent(event: Event): void {
    event.wait(this);
  }
  /** Records an event on this stream (a new one by default). */
  recordEvent(event: Event = new Event()): Event {
    event.record(this);
    return event;
  }
  toString(): string {
    const i = cuda.cudaStream('info', this._s);
    return `<torch.cuda.Stream device=cuda:${i.device} cuda_stream=0x${i.id.toString(16)}>`;
  }
}

/** torch.cuda.Event: a marker in a stream, for synchronisation and timing. */
export class Event {
  /** @internal */ readonly _e: unknown;
  constructor(options: { enableTiming?: boolean; blocking?: boolean; interprocess?: boolean } = {}) {
    if (options.interprocess) throw new Error('torch-node: interprocess CUDA events are not supported');
    this._e = cuda.cudaEvent('new', !!options.enableTiming, !!options.blocking);
  }
  record(stream?: Stream): void {
    cuda.cudaEvent('record', this._e, stream?._s);
  }
  wait(stream?: Stream): void {
    cuda.cudaEvent('wait', this._e, stream?._s);
  }
  synchronize(): void {
    cuda.cudaEvent('synchronize', this._e);
  }
  query(): boolean {
    return cuda.cudaEvent('query', this._e);
  }
  /** Milliseconds between this event and `end` (both recorded, with enableTiming). */
  elapsedTime(end: Event): number {
    if (!(end instanceof Event)) badArg('a torch.cuda.Event', 'endEvent', end);
    return cuda.cudaEvent('elapsed', this._e, end._e);
  }
}

export const currentStream = (device?: DeviceArg): Stream => new Stream({}, cuda.cudaStream('current', index(device)));
export const defaultStream = (device?: DeviceArg): Stream => new Stream({}, cuda.cudaStream('default', index(device)));
export const setStream = (stream: Stream): void => {
  if (!(stream instanceof Stream)) badArg('a torch.cuda.Stream', 'stream', stream);
  cuda.cudaStream('set', stream._s);
};
/** Python's `with torch.cuda.stream(s):` — fn's GPU work goes on `stream`, the previous one is restored. */
export function stream<T>(s: Stream | null, fn: () => T): T {
  if (s === null) return fn();
  const before = currentStream(s.device);
  setStream(s);
  try {
    return fn();
  } finally {
    setStream(before);
  }
}
