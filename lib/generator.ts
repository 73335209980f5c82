// torch.Generator: an explicit random stream, as PyTorch's; ops that take a generator
// (randperm, rand, randn, normal_, ...) accept one in their options: { generator: g }.
import { inspect } from 'node:util';
import { native } from './native.js';
import { badArg, takesNoArguments } from './errors.js';
import { Tensor } from './tensor.js';
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
  /** The generator's state as a uint8 tensor (a copy), for setState to restore, as Python's `get_state()`. */
  getState(): Tensor {
    if (arguments.length) takesNoArguments('Generator.getState', arguments.length);
    return new Tensor(native.generatorCall(this._gen, 3) as never);
  }
  /** Restores a state getState returned (Python's `set_state(new_state)`, positional only); libtorch checks it. */
  setState(newState: Tensor): this {
    if (arguments.length !== 1) throw new TypeError(`setState() takes exactly one argument (${arguments.length} given)`);
    if (!(newState instanceof Tensor)) throw new TypeError(`expected a torch.ByteTensor, but got ${describeType(newState)}`);
    native.generatorCall(this._gen, 4, newState._h as never);
    return this;
  }
  [inspect.custom]() {
    return `<torch.Generator on ${this.device}>`;
  }
}

/** torch.default_generator: the stream torch.manualSeed seeds. */
export const defaultGenerator = Generator.fromHandle(native.defaultGenerator());

const describeType = (v: unknown) => (v === null ? 'None' : Array.isArray(v) ? 'list' : typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v);

/** torch.get_rng_state(): the default generator's state, as a uint8 tensor. */
export function getRngState(...args: Args<'torch.getRngState'>): Tensor {
  bind('torch.getRngState', args, { name: 'torch.getRngState' });
  return defaultGenerator.getState();
}
/** torch.set_rng_state(new_state): restores the default generator's state from getRngState(). */
export function setRngState(...args: Args<'torch.setRngState'>): void {
  const { newState } = bind('torch.setRngState', args, { name: 'torch.setRngState' });
  defaultGenerator.setState(newState);
}
/** torch.seed(): seeds the default generator non-deterministically and returns the seed. */
export function seed(...args: Args<'torch.seed'>): number {
  bind('torch.seed', args, { name: 'torch.seed' });
  return defaultGenerator.seed();
}
