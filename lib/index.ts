/**
 * The torch namespace: `import * as torch from 'torch-node'`. Tensors, their operations, autograd,
 * `nn`, `optim`, `utils.data` and the rest of PyTorch's Python API, in TypeScript.
 *
 * @module torch
 */
import { native } from './native.js';
import { Tensor } from './tensor.js';
import { badArg } from './errors.js';
import { DType, dtypeFromEnum } from './types.js';

import { bind, type Args } from './bind.js';
export { Tensor, slice, GradFn, type Index, type Slice } from './tensor.js';
export { TypedStorage, UntypedStorage } from './storage.js';
export { TorchError } from './errors.js';
export { Generator, defaultGenerator, getRngState, setRngState, seed } from './generator.js';
export {
  DType, Device, device, MemoryFormat, Layout, type DeviceLike, type Scalar,
  uint8, int8, int16, int32, int64, float16, float32, float64, bool, bfloat16,
  half, float, double, short, int, long, contiguousFormat, preserveFormat, channelsLast, channelsLast3d, strided,
} from './types.js';
export {
  tensor, zeros, ones, full, empty, eye, arange, linspace, logspace, rand, randn, randint, randperm,
  zerosLike, onesLike, fullLike, emptyLike, randLike, randnLike, randintLike, frombuffer, fromBuffer,
  type TensorData, type FactoryOptionsInput,
} from './creation.js';
export { noGrad, enableGrad, setGradEnabled, isGradEnabled } from './autograd.js';
/**
 * torch.autograd: automatic differentiation (`backward`, `grad`, custom `Function`s, `functional.jacobian`, gradcheck).
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/autograd.html)
 */
export * as autograd from './autograd/index.js';
export { tidy, keep } from './scope.js';
export { setPrintoptions } from './format.js';
/**
 * torch.nn: layers, losses, containers and the `Module` base class; `nn.functional` holds the stateless forms.
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/nn.html)
 */
export * as nn from './nn/index.js';
/**
 * torch.optim: optimizers (SGD, Adam, AdamW, ...) and `lrScheduler`.
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/optim.html)
 */
export * as optim from './optim/index.js';
/**
 * torch.utils: `data` (Dataset, DataLoader) and `tensorboard` (SummaryWriter).
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/utils.html)
 */
export * as utils from './utils/index.js';
export { save, load, type MapLocation } from './serialization/index.js';
import { registerModule } from './serialization/index.js';
/** torch.serialization: registerModule, for saving whole modules of your own classes. */
export const serialization = { registerModule };
/**
 * torch.hub: loading weights and models from URLs into a local cache.
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/hub.html)
 */
export * as hub from './hub.js';
/**
 * torch.random: seeding and the default generator's state, and forkRng (Python's fork_rng).
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/random.html)
 */
export * as random from './random.js';
/**
 * torch.jit: loading, running and saving TorchScript modules.
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/jit.html)
 */
export * as jit from './jit.js';
/**
 * torch.distributed: process groups and collectives (gloo, NCCL) for multi-process training.
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/distributed.html)
 */
export * as distributed from './distributed.js';
/**
 * torch.accelerator: the current accelerator (CUDA or MPS) without naming it.
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/accelerator.html)
 */
export * as accelerator from './accelerator.js';
/**
 * torch._inductor under a public name: loading AOTInductor packages (`aotiLoadPackage`).
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/torch.compiler_aot_inductor.html)
 */
export * as inductor from './inductor.js';
/** torch._inductor: aotiLoadPackage (Python's aoti_load_package). */
export * as _inductor from './inductor.js';
/**
 * torch.backends: switches and availability of cuDNN, CUDA, MPS, oneDNN, MKL, OpenMP.
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/backends.html)
 */
export * as backends from './backends.js';
/**
 * torch.distributions: probability distributions (Normal, Categorical, Bernoulli, MultivariateNormal...)
 * with sampling, log-densities, entropy and KL divergence.
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/distributions.html)
 */
export * as distributions from './distributions/index.js';
/**
 * torch.linalg: linear algebra (norms, decompositions, solves, inverses).
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/linalg.html)
 */
export * as linalg from './linalg.js';
/**
 * torch.fft: discrete Fourier transforms.
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/fft.html)
 */
export * as fft from './generated/fft.js';
/**
 * torch.special: special functions (erf, gamma functions, Bessel functions, ...).
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/special.html)
 */
export * as special from './generated/special.js';
/**
 * torch.cuda: CUDA devices, memory, streams and synchronisation.
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/cuda.html)
 */
export * as cuda from './cuda.js';
export { finfo, iinfo, canCast, promoteTypes, resultType, FInfo, IInfo } from './dtype-info.js';
export {
  unique, uniqueConsecutive, tensordot, meshgrid, einsum, broadcastTensors, blockDiag, cartesianProd, chainMatmul,
  atleast1d, atleast2d, atleast3d, nonzero, norm, broadcastShapes, type UniqueOptions, type Subscripts,
} from './torch-functional.js';
import './tensor-apply.js';

const info = native.runtimeInfo();

/** torch.version: the libtorch this addon was built against, and its CUDA (null for a CPU build), as torch.version.cuda. */
export const version = { libtorch: info.version, torchNode: '0.1.0', cuda: (native as { cudaVersion?: string }).cudaVersion ?? null };
/** torch.config: which libtorch, which device types, how it was built. */
export const config = {
  libtorchVersion: info.version,
  deviceTypes: ['cpu', ...(info.cudaAvailable ? ['cuda'] : []), ...(info.mpsAvailable ? ['mps'] : [])],
  parallelInfo: info.parallelInfo,
  show: () => info.showConfig,
};

export function manualSeed(...args: Args<'torch.manualSeed'>): void {
  const { seed } = bind('torch.manualSeed', args, { name: 'torch.manualSeed' });
  if (typeof seed !== 'bigint' && (typeof seed !== 'number' || !Number.isInteger(seed))) badArg('integer', 'seed', seed);
  native.manualSeed(BigInt.asUintN(64, BigInt(seed)));
}
/** torch.set_default_dtype: the dtype of float tensors made without one (float32 or float64). */
export function setDefaultDtype(...args: Args<'torch.setDefaultDtype'>): void {
  const { d } = bind('torch.setDefaultDtype', args, { name: 'torch.setDefaultDtype' });
  if (!(d instanceof DType) || !d.isFloatingPoint) badArg('a floating point dtype', 'd', d);
  native.setDefaultDtype(d._enum);
}
export function getDefaultDtype(): DType {
  return dtypeFromEnum(native.getDefaultDtype());
}
export function initialSeed(): number {
  return native.initialSeed();
}
export function setNumThreads(...args: Args<'torch.setNumThreads'>): void {
  const n = bind('torch.setNumThreads', args, { name: 'torch.setNumThreads' }).object;
  if (!Number.isInteger(n) || n < 1) badArg('positive integer', 'n', n);
  native.setNumThreads(n);
}
export function getNumThreads(): number {
  return native.getNumThreads();
}


/** torch.is_floating_point(input): whether input's dtype is a floating point one. */
export function isFloatingPoint(...args: Args<'torch.isFloatingPoint'>): boolean {
  const { input } = bind('torch.isFloatingPoint', args, { name: 'torch.isFloatingPoint' });
  if (!(input instanceof Tensor)) badArg('Tensor', 'input', input);
  return input.isFloatingPoint();
}

/** torch.is_tensor */
export function isTensor(v: unknown): v is Tensor {
  return v instanceof Tensor;
}

export * from './generated/functions.js';

/** torch.split(tensor, splitSizeOrSections, dim = 0) */
export function split(...args: Args<'torch.split'>): Tensor[] {
  const { tensor, splitSizeOrSections, dim } = bind('torch.split', args, { name: 'torch.split' });
  if (!(tensor instanceof Tensor)) badArg('Tensor', 'tensor', tensor);
  return tensor.split(splitSizeOrSections, dim);
}
/** torch.chunk(input, chunks, dim = 0) */
export function chunk(...args: Args<'torch.chunk'>): Tensor[] {
  const { input, chunks, dim } = bind('torch.chunk', args, { name: 'torch.chunk' });
  if (!(input instanceof Tensor)) badArg('Tensor', 'input', input);
  return input.chunk(chunks, dim);
}
/** torch.numel(input) */
export function numel(...args: Args<'torch.numel'>): number {
  const { input } = bind('torch.numel', args, { name: 'torch.numel' });
  if (!(input instanceof Tensor)) badArg('Tensor', 'input', input);
  return input.numel();
}

/** torch.use_deterministic_algorithms(mode, { warnOnly }): ops without a deterministic kernel throw (or warn). */
export function useDeterministicAlgorithms(mode: boolean, options: { warnOnly?: boolean } = {}): void {
  if (typeof mode !== 'boolean') badArg('a boolean', 'mode', mode);
  const unknown = Object.keys(options).filter((k) => k !== 'warnOnly');
  if (unknown.length) throw new TypeError(`use_deterministic_algorithms() got an unexpected keyword argument '${unknown[0]}'`);
  native.backendFlag('deterministicAlgorithms', mode, !!options.warnOnly);
}
export function areDeterministicAlgorithmsEnabled(): boolean {
  return native.backendFlag('deterministicAlgorithms') as boolean;
}
export function isDeterministicAlgorithmsWarnOnlyEnabled(): boolean {
  return native.backendFlag('deterministicAlgorithmsWarnOnly') as boolean;
}
