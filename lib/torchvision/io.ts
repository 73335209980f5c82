// torchvision.io: image files decoded natively (libjpeg-turbo, libpng) into C×H×W uint8 tensors.
import { readFileSync, writeFileSync } from 'node:fs';
import * as torch from '../index.js';
import { native } from '../native.js';
import { badArg } from '../errors.js';
import { decodeChecked } from './image.js';

/** torchvision's ImageReadMode. */
export const ImageReadMode = { UNCHANGED: 0, GRAY: 1, RGB: 2 } as const;
export type ImageReadMode = (typeof ImageReadMode)[keyof typeof ImageReadMode];

function modeArg(mode: unknown): number {
  if (mode !== 0 && mode !== 1 && mode !== 2) badArg('an ImageReadMode (UNCHANGED, GRAY or RGB)', 'mode', mode);
  return mode as number;
}

const chw = (hwc: torch.Tensor) => hwc.permute(2, 0, 1);

/** The bytes of a file as a 1-D uint8 tensor (torchvision.io.read_file). */
export function readFile(path: string): torch.Tensor {
  if (typeof path !== 'string') badArg('a file path', 'path', path);
  return torch.frombuffer(readFileSync(path), { dtype: torch.uint8 }).clone();
}

/** Decodes JPEG or PNG bytes (a Buffer, Uint8Array or 1-D uint8 tensor) into C×H×W uint8. */
export function decodeImage(input: Uint8Array | torch.Tensor, mode: ImageReadMode = ImageReadMode.UNCHANGED): torch.Tensor {
  let bytes: Uint8Array;
  if (input instanceof torch.Tensor) {
    if (input.dtype !== torch.uint8 || input.dim() !== 1) badArg('a 1-D uint8 tensor', 'input', input);
    bytes = input.contiguous().toTypedArray() as Uint8Array;
  } else if (input instanceof Uint8Array) bytes = input;
  else return badArg('a Uint8Array or Buffer', 'data', input);
  return chw(decodeChecked(() => native.decodeImage(bytes, modeArg(mode))));
}
export const decodeJpeg = decodeImage;
export const decodePng = decodeImage;

/** Reads and decodes an image file into C×H×W uint8 (torchvision.io.read_image). */
export function readImage(path: string, mode: ImageReadMode = ImageReadMode.UNCHANGED): torch.Tensor {
  if (typeof path !== 'string') badArg('a file path', 'path', path);
  return chw(decodeChecked(() => native.readImageFile(path, modeArg(mode))));
}

function hwcOf(input: torch.Tensor): torch.Tensor {
  if (!(input instanceof torch.Tensor) || input.dtype !== torch.uint8 || input.dim() !== 3) badArg('a C×H×W uint8 tensor', 'input', input);
  return input.permute(1, 2, 0).contiguous();
}

/** PNG bytes of a C×H×W uint8 image (1 to 4 channels), as a 1-D uint8 tensor. */
export function encodePng(input: torch.Tensor, compressionLevel = 6): torch.Tensor {
  if (!Number.isInteger(compressionLevel) || compressionLevel < 0 || compressionLevel > 9) throw new RangeError(`Compression level should be between 0 and 9, got ${compressionLevel}`);
  return torch.frombuffer(native.encodeImage(hwcOf(input), 'png', 0), { dtype: torch.uint8 }).clone();
}

/** JPEG bytes of a C×H×W uint8 image (1 or 3 channels), as a 1-D uint8 tensor. */
export function encodeJpeg(input: torch.Tensor, quality = 75): torch.Tensor {
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw new RangeError(`Image quality should be a positive number between 1 and 100, got ${quality}`);
  return torch.frombuffer(native.encodeImage(hwcOf(input), 'jpeg', quality), { dtype: torch.uint8 }).clone();
}

/** Writes a 1-D uint8 tensor to a file (torchvision.io.write_file). */
export function writeFile(filename: string, data: torch.Tensor): void {
  writeFileSync(filename, data.contiguous().toTypedArray() as Uint8Array);
}
export function writePng(input: torch.Tensor, filename: string, compressionLevel = 6): void {
  writeFile(filename, encodePng(input, compressionLevel));
}
export function writeJpeg(input: torch.Tensor, filename: string, quality = 75): void {
  writeFile(filename, encodeJpeg(input, quality));
}
