// Reads IDX files (the MNIST family's format), gzipped or not, into uint8 tensors.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as torch from 'torch-node';

export const fashionMnistDir = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';

export function readIdx(file: string, dir = fashionMnistDir): torch.Tensor {
  let buf = readFileSync(path.join(dir, file));
  if (buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
  const ndim = buf[3];
  const shape = Array.from({ length: ndim }, (_, i) => buf.readUInt32BE(4 + 4 * i));
  return torch.frombuffer(buf.subarray(4 + 4 * ndim), { dtype: torch.uint8 }).reshape(shape);
}
