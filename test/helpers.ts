// Shared by the tests: fixtures from scripts/make_fixtures.py, and comparisons against them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as torch from 'torch-node';
import { tempDir } from './temp-dir.js';

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
/** The fixtures PyTorch of the running libtorch's version made (scripts/fixture_dir.py), where there are. */
export const versionFixturesDir = path.join(fixturesDir, `torch-${torch.version.libtorch.split('.').slice(0, 2).join('.')}`);
/** A fixture file: this libtorch version's own where its PyTorch made one, else the base (1.13) one. */
export function fixturePath(...parts: string[]): string {
  const own = path.join(versionFixturesDir, ...parts);
  return existsSync(own) ? own : path.join(fixturesDir, ...parts);
}
export function fixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8'));
}

export interface EncTensor {
  shape: number[];
  dtype: string;
  values: (number | boolean | string)[];
}

const num = (v: number | boolean | string): number =>
  v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : Number(v);

/** Rebuilds a fixture tensor with its exact dtype, shape and values. */
export function fromFixture(e: EncTensor): torch.Tensor {
  const dtype = (torch as any)[e.dtype] as torch.DType;
  if (e.dtype === 'int64') return torch.tensor(e.values.map((v) => BigInt(v as number))).reshape(e.shape);
  if (e.dtype === 'bool') return torch.tensor(e.values as boolean[]).reshape(e.shape);
  return torch.tensor(e.values.map(num), { dtype }).reshape(e.shape);
}

/** Why `actual` differs from the fixture value, or null when it matches. */
export function mismatch(actual: unknown, expected: any, rtol = 1e-4, atol = 1e-5, where = 'result'): string | null {
  if (expected && typeof expected === 'object' && 'shape' in expected) {
    if (!(actual instanceof torch.Tensor)) return `${where}: expected a Tensor, got ${typeof actual}`;
    if (actual.dtype.name !== expected.dtype) return `${where}: dtype ${actual.dtype.name} != ${expected.dtype}`;
    if (JSON.stringify(actual.shape) !== JSON.stringify(expected.shape)) return `${where}: shape [${actual.shape}] != [${expected.shape}]`;
    const got = actual.detach().cpu().to(actual.dtype.isFloatingPoint ? torch.float64 : actual.dtype).reshape(-1).tolist() as (number | boolean)[];
    for (let i = 0; i < got.length; i++) {
      const a = Number(got[i]);
      const b = num(expected.values[i]);
      if (Number.isNaN(a) && Number.isNaN(b)) continue;
      if (a === b) continue;
      const tol = expected.dtype === 'float16' || expected.dtype === 'bfloat16' ? 1e-2 : rtol;
      if (!(Math.abs(a - b) <= atol + tol * Math.abs(b))) return `${where}[${i}]: ${a} != ${b}`;
    }
    return null;
  }
  if (expected && typeof expected === 'object' && 'list' in expected) {
    if (!Array.isArray(actual)) return `${where}: expected an array, got ${typeof actual}`;
    if (actual.length !== expected.list.length) return `${where}: length ${actual.length} != ${expected.list.length}`;
    for (let i = 0; i < actual.length; i++) {
      const m = mismatch(actual[i], expected.list[i], rtol, atol, `${where}[${i}]`);
      if (m) return m;
    }
    for (const [i, n] of (expected.names ?? []).entries()) {
      if ((actual as any)[n] !== actual[i]) return `${where}: named field .${n} is not element ${i}`;
    }
    return null;
  }
  if (expected && typeof expected === 'object' && 'dtype' in expected) {
    return actual instanceof torch.DType && actual.name === expected.dtype ? null : `${where}: ${String(actual)} != ${expected.dtype}`;
  }
  if (typeof expected === 'number') {
    return typeof actual === 'number' && Math.abs(actual - expected) <= atol + rtol * Math.abs(expected) ? null : `${where}: ${actual} != ${expected}`;
  }
  return actual === expected ? null : `${where}: ${String(actual)} != ${String(expected)}`;
}

/** Debian's PyTorch, for the tests that run Python beside torch-node (skipped without it). */
export const python = '/usr/bin/python3';
/** Whether that Python can run `code` (such as 'import torchvision'). */
export function pythonCan(code: string): boolean {
  try {
    execFileSync(python, ['-c', code], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
export const hasPythonTorch = pythonCan('import torch');
export const hasPythonTorchvision = pythonCan('import torchvision');

// 64 random 28×28 images as MNIST IDX files
export function tinyMnist(): string {
  const root = tempDir('torch-node-native-');
  torch.manualSeed(3);
  const images = torch.randint(0, 256, [64, 28, 28], { dtype: torch.uint8 });
  const labels = torch.randint(0, 10, [64], { dtype: torch.uint8 });
  const idx = (shape: number[], data: Uint8Array) => {
    const head = Buffer.alloc(4 + 4 * shape.length);
    head[2] = 8;
    head[3] = shape.length;
    shape.forEach((s, i) => head.writeUInt32BE(s, 4 + 4 * i));
    return Buffer.concat([head, Buffer.from(data)]);
  };
  writeFileSync(path.join(root, 'train-images-idx3-ubyte'), idx([64, 28, 28], images.toTypedArray() as Uint8Array));
  writeFileSync(path.join(root, 'train-labels-idx1-ubyte'), idx([64], labels.toTypedArray() as Uint8Array));
  return root;
}

/** What calling fn throws, as "ErrorClass: message" ('no error' if it returns): for comparing two paths' errors. */
export function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
  return 'no error';
}
