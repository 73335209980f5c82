// torch-node's Python-level behaviour (printouts, defaults) follows the PyTorch release of the libtorch
// it runs on, as Python's torch.nn does for its own libtorch: a model prints on libtorch 2.14 what
// PyTorch 2.14 prints, and on 1.13 what 1.13 printed. Each use names the release that changed it.
import { native } from './native.js';

const { major, minor } = native.runtimeInfo();

/** Whether the libtorch this addon runs on is release major.minor or later. */
export function releaseAtLeast(wantMajor: number, wantMinor: number): boolean {
  return major > wantMajor || (major === wantMajor && minor >= wantMinor);
}
