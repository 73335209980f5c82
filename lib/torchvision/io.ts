// torchvision.io: image files decoded natively (libjpeg-turbo, libpng) into C×H×W uint8 tensors.
import { readFileSync, writeFileSync } from 'node:fs';
import * as torch from '../index.js';
import { native } from '../native.js';
import { badArg } from '../errors.js';
import { decodeChecked } from './image.js';
import { bind, type Args } from '../bind.js';

/** torchvision's ImageReadMode. */
export const ImageReadMode = { UNCHANGED: 0, GRAY: 1, RGB: 2 } as const;
export type ImageReadMode = (typeof ImageReadMode)[keyof typeof ImageReadMode];

function modeArg(mode: unknown): number {
  if (mode !== 0 && mode !== 1 && mode !== 2) badArg('an ImageReadMode (UNCHANGED, GRAY or RGB)', 'mode', mode);
  return mode as number;
}

const chw = (hwc: torch.Tensor) => hwc.permute(2, 0, 1);

function noExifOrientation(fn: string, apply: unknown): void {
  if (apply) throw new TypeError(`${fn}(): applyExifOrientation is not supported by torch-node yet`);
}

/** The bytes of a file as a 1-D uint8 tensor (torchvision.io.read_file). */
export function readFile(...args: Args<'torchvision.io.readFile'>): torch.Tensor {
  const { path } = bind('torchvision.io.readFile', args);
  if (typeof path !== 'string') badArg('a file path', 'path', path);
  return torch.frombuffer(readFileSync(path), { dtype: torch.uint8 }).clone();
}

function decode(fn: string, input: unknown, mode: unknown): torch.Tensor {
  let bytes: Uint8Array;
  if (typeof input === 'string' && fn === 'decodeImage') return chw(decodeChecked(() => native.readImageFile(input, modeArg(mode ?? ImageReadMode.UNCHANGED))));
  if (input instanceof torch.Tensor) {
    if (input.dtype !== torch.uint8 || input.dim() !== 1) badArg('a 1-D uint8 tensor', 'input', input);
    bytes = input.contiguous().toTypedArray() as Uint8Array;
  } else if (input instanceof Uint8Array) bytes = input;
  else return badArg(fn === 'decodeImage' ? 'a 1-D uint8 tensor, a Uint8Array, a Buffer or a file path' : 'a 1-D uint8 tensor, a Uint8Array or a Buffer', 'input', input);
  return chw(decodeChecked(() => native.decodeImage(bytes, modeArg(mode ?? ImageReadMode.UNCHANGED))));
}
/** Decodes JPEG or PNG bytes (a 1-D uint8 tensor, Buffer or Uint8Array; or a file path) into C×H×W uint8. */
export function decodeImage(...args: Args<'torchvision.io.decodeImage'>): torch.Tensor {
  const a = bind('torchvision.io.decodeImage', args);
  noExifOrientation('decodeImage', a.applyExifOrientation);
  return decode('decodeImage', a.input, a.mode);
}
export function decodeJpeg(...args: Args<'torchvision.io.decodeJpeg'>): torch.Tensor {
  const a = bind('torchvision.io.decodeJpeg', args);
  noExifOrientation('decodeJpeg', a.applyExifOrientation);
  if (String(a.device) !== 'cpu') throw new TypeError(`decodeJpeg(): decoding on ${String(a.device)} is not supported by torch-node; decode on the CPU and move the tensor`);
  return decode('decodeJpeg', a.input, a.mode);
}
export function decodePng(...args: Args<'torchvision.io.decodePng'>): torch.Tensor {
  const a = bind('torchvision.io.decodePng', args);
  noExifOrientation('decodePng', a.applyExifOrientation);
  return decode('decodePng', a.input, a.mode);
}

/** Reads and decodes an image file into C×H×W uint8 (torchvision.io.read_image). */
export function readImage(...args: Args<'torchvision.io.readImage'>): torch.Tensor {
  const { path, mode, applyExifOrientation } = bind('torchvision.io.readImage', args);
  if (typeof path !== 'string') badArg('a file path', 'path', path);
  noExifOrientation('readImage', applyExifOrientation);
  return chw(decodeChecked(() => native.readImageFile(path, modeArg(mode ?? ImageReadMode.UNCHANGED))));
}

function hwcOf(input: torch.Tensor): torch.Tensor {
  if (!(input instanceof torch.Tensor) || input.dtype !== torch.uint8 || input.dim() !== 3) badArg('a C×H×W uint8 tensor', 'input', input);
  return input.permute(1, 2, 0).contiguous();
}

/** PNG bytes of a C×H×W uint8 image (1 to 4 channels), as a 1-D uint8 tensor. */
export function encodePng(...args: Args<'torchvision.io.encodePng'>): torch.Tensor {
  const { input, compressionLevel } = bind('torchvision.io.encodePng', args);
  if (!Number.isInteger(compressionLevel) || compressionLevel < 0 || compressionLevel > 9) throw new RangeError(`Compression level should be between 0 and 9, got ${compressionLevel}`);
  return torch.frombuffer(native.encodeImage(hwcOf(input), 'png', 0), { dtype: torch.uint8 }).clone();
}

/** JPEG bytes of a C×H×W uint8 image (1 or 3 channels), as a 1-D uint8 tensor. */
export function encodeJpeg(...args: Args<'torchvision.io.encodeJpeg'>): torch.Tensor {
  const { input, quality } = bind('torchvision.io.encodeJpeg', args);
  if (!(input instanceof torch.Tensor)) badArg('a C×H×W uint8 tensor', 'input', input);
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw new RangeError(`Image quality should be a positive number between 1 and 100, got ${quality}`);
  return torch.frombuffer(native.encodeImage(hwcOf(input), 'jpeg', quality), { dtype: torch.uint8 }).clone();
}

/** Writes a 1-D uint8 tensor to a file (torchvision.io.write_file). */
export function writeFile(...args: Args<'torchvision.io.writeFile'>): void {
  const { filename, data } = bind('torchvision.io.writeFile', args);
  if (!(data instanceof torch.Tensor) || data.dtype !== torch.uint8 || data.dim() !== 1) badArg('a 1-D uint8 tensor', 'data', data);
  writeFileSync(filename, data.contiguous().toTypedArray() as Uint8Array);
}
export function writePng(...args: Args<'torchvision.io.writePng'>): void {
  const { input, filename, compressionLevel } = bind('torchvision.io.writePng', args);
  writeFile(filename, encodePng(input, compressionLevel));
}
export function writeJpeg(...args: Args<'torchvision.io.writeJpeg'>): void {
  const { input, filename, quality } = bind('torchvision.io.writeJpeg', args);
  writeFile(filename, encodeJpeg(input, quality));
}
