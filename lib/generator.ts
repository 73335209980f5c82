// torch.Generator: an explicit random stream, as PyTorch's; ops that take a generator
// (randperm, rand, randn, normal_, ...) accept one in their options: { generator: g }.
import { inspect } from 'node:util';
import { native } from './native.js';
import { badArg } from './errors.js';
import { device as toDevice, type Device, type DeviceLike } from './types.js';

import { bind, type Args } from './bind.js';
/**
 * A pseudo-random number generator's state (Python's `torch.Generator`): pass it as `generator` to sampling functions for a reproducible stream.
 *
 * PyTorch: [torch.Generator](https://docs.pytorch.org/docs/stable/generated/torch.Generator.html)
 */
export class Generator {
  /** @internal the native handle, read by the op binder */
  readonly _gen: unknown;
  readonly device: Device;
  constructor(...args: Args<'torch.Generator'>) {
    this.device = toDevice(bind('torch.Generator', args, { name: 'Generator' }).device);
    this._gen = native.newGenerator(this.device._dev);
  }
  /** @internal wraps libtorch's default generator */
  static fromHandle(handle: unknown): Generator {
    const g = Object.create(Generator.prototype) as Generator;
    Object.assign(g, { _gen: handle, device: toDevice('cpu') });
    return g;
  }
  manualSeed(seed: number | bigint): this {
    if (typeof seed !== 'bigint' && !Number.isInteger(seed)) badArg('integer', 'seed', seed);
    // PyTorch takes any int and keeps its low 64 bits
    native.generatorCall(this._gen, 0, BigInt.asUintN(64, BigInt(seed)));
    return this;
  }
  initialSeed(): number {
    return native.generatorCall(this._gen, 1) as number;
  }
  /** A fresh non-deterministic seed, set and returned. */
  seed(): number {
    return native.generatorCall(this._gen, 2) as number;
  }
  [inspect.custom]() {
    return `<torch.Generator on ${this.device}>`;
  }
}

/** torch.default_generator: the stream torch.manualSeed seeds. */
export const defaultGenerator = Generator.fromHandle(native.defaultGenerator());
