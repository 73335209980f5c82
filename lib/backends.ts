// torch.backends: what this build of libtorch has, and the switches PyTorch programs set
// (cudnn.benchmark, cudnn.deterministic), which go to libtorch's global context.
import { native } from './native.js';
import { badArg } from './errors.js';

const flag = (name: string) => native.backendFlag(name) as boolean;
const setFlag = (name: string, v: unknown) => {
  if (typeof v !== 'boolean') badArg('a boolean', name, v);
  native.backendFlag(name, v);
};

/**
 * torch.backends.cudnn: cuDNN's switches (`enabled`, `benchmark`, `deterministic`, `allowTf32`), set on libtorch's global context.
 */
export const cudnn = {
  /** Whether cuDNN is used where it can be (default true). */
  get enabled(): boolean { return flag('cudnn.enabled'); },
  set enabled(v: boolean) { setFlag('cudnn.enabled', v); },
  /** Let cuDNN time its algorithms and keep the fastest for each input shape. */
  get benchmark(): boolean { return flag('cudnn.benchmark'); },
  set benchmark(v: boolean) { setFlag('cudnn.benchmark', v); },
  /** Only deterministic cuDNN algorithms. */
  get deterministic(): boolean { return flag('cudnn.deterministic'); },
  set deterministic(v: boolean) { setFlag('cudnn.deterministic', v); },
  /** TF32 in cuDNN convolutions on Ampere and newer. */
  get allowTf32(): boolean { return flag('cudnn.allowTf32'); },
  set allowTf32(v: boolean) { setFlag('cudnn.allowTf32', v); },
  isAvailable: (): boolean => flag('cudnn.available'),
  /** cuDNN's version as a number (8902 for 8.9.2), null without cuDNN. */
  version: (): number | null => native.backendFlag('cudnn.version') as number | null,
};
/** torch.backends.cuda: CUDA matmul settings (`matmul.allowTf32`) and whether the build has CUDA. */
export const cuda = {
  isBuilt: (): boolean => flag('cuda.built'),
};
/** torch.backends.mps: whether Apple's Metal backend is built and available. */
export const mps = {
  isAvailable: (): boolean => flag('mps.available'),
  isBuilt: (): boolean => flag('mps.available'),
};
/** torch.backends.mkldnn: whether oneDNN (MKL-DNN) is built in. */
export const mkldnn = { isAvailable: (): boolean => flag('mkldnn.available') };
/** torch.backends.mkl: whether Intel MKL is built in. */
export const mkl = { isAvailable: (): boolean => flag('mkl.available') };
/** torch.backends.openmp: whether OpenMP is built in. */
export const openmp = { isAvailable: (): boolean => flag('openmp.available') };
