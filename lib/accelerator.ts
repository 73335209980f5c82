// torch.accelerator: the device-agnostic view of the accelerator this build runs on (CUDA, MPS...),
// as PyTorch 2.6+ has it, so `torch.accelerator.currentAccelerator()` in a ported tutorial picks the
// GPU where there is one and leaves the code on the CPU where there is none.
import { native } from './native.js';
import { badArg } from './errors.js';
import { Device, device } from './types.js';

function current(): string | undefined {
  return native.runtimeInfo().accelerator;
}

/** Whether an accelerator is available (torch.accelerator.is_available()). */
export function isAvailable(): boolean {
  return current() !== undefined;
}

/** The accelerator's device, or null where there is none (Python's None). */
export function currentAccelerator(checkAvailable = false): Device | null {
  if (typeof checkAvailable !== 'boolean') badArg('a boolean', 'checkAvailable', checkAvailable);
  const type = current();
  return type === undefined ? null : device(type);
}

/** How many devices of the accelerator's kind there are (0 without one). */
export function deviceCount(): number {
  const info = native.runtimeInfo();
  if (info.accelerator === 'cuda') return info.cudaDeviceCount;
  return info.accelerator === undefined ? 0 : 1;
}

/** The index of the current accelerator device. */
export function currentDeviceIndex(): number {
  if (!isAvailable()) throw new Error('torch.accelerator: no accelerator is available in this build');
  return 0;
}

/** Waits for all work queued on the accelerator device (the current one by default). */
export function synchronize(dev?: Device | string | number | null): void {
  const type = current();
  if (type === undefined) throw new Error('torch.accelerator: no accelerator is available in this build');
  const index = dev === undefined || dev === null ? undefined : typeof dev === 'number' ? dev : device(dev as string).index ?? undefined;
  if (type === 'cuda') native.cudaSynchronize(index);
}
