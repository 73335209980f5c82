// torchvision.io: image files decoded natively (libjpeg-turbo, libpng) into C×H×W uint8 tensors.
import { readFileSync } from 'node:fs';
import * as torch from '../index.js';
import { native } from '../native.js';
import { badArg } from '../errors.js';

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
  return chw(new torch.Tensor(native.decodeImage(bytes, modeArg(mode))));
}
export const decodeJpeg = decodeImage;
export const decodePng = decodeImage;

/** Reads and decodes an image file into C×H×W uint8 (torchvision.io.read_image). */
export function readImage(path: string, mode: ImageReadMode = ImageReadMode.UNCHANGED): torch.Tensor {
  if (typeof path !== 'string') badArg('a file path', 'path', path);
  return chw(new torch.Tensor(native.readImageFile(path, modeArg(mode))));
}
