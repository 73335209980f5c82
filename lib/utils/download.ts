// Dataset, weights and hub downloads: each file fetched once into its folder, checked against its
// MD5 (or the SHA-256 prefix in its name), written to a temporary name and renamed, so a failed or
// corrupt download leaves nothing that a later run could take for a good copy. The transfer itself
// (proxy, retries, resume, progress bar) is scripts/download.mjs, which the install step shares.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Core from '../../scripts/download.mjs';

// lib/utils/download.ts and dist/lib/utils/download.js sit two or three levels below the package root
const here = path.dirname(fileURLToPath(import.meta.url));
const coreFile = [path.resolve(here, '../../scripts/download.mjs'), path.resolve(here, '../../../scripts/download.mjs')].find((f) => existsSync(f));
let core: Promise<typeof Core> | null = null;
const loadCore = () => (core ??= import(pathToFileURL(coreFile ?? 'scripts/download.mjs').href) as Promise<typeof Core>);

export function md5Of(file: string): string {
  return createHash('md5').update(readFileSync(file)).digest('hex');
}
function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/**
 * Downloads url to dir/filename unless a good copy is there. `expected` is the file's MD5 (datasets)
 * or, with algorithm 'sha256-prefix', the leading hex digits of its SHA-256 (torch.hub's check of
 * the hash in a weights file's name).
 */
export async function downloadFile(url: string, dir: string, filename: string, expected: string | null, algorithm: 'md5' | 'sha256-prefix' = 'md5', options: { progress?: boolean } = {}): Promise<string> {
  const target = path.join(dir, filename);
  const digest = algorithm === 'md5' ? md5Of : sha256Of;
  const good = (file: string) => expected === null || (algorithm === 'md5' ? digest(file) === expected : digest(file).startsWith(expected));
  if (existsSync(target) && good(target)) return target;
  await mkdir(dir, { recursive: true });
  const tmp = `${target}.${process.pid}.part`;
  try {
    const { downloadTo } = await loadCore();
    try {
      await downloadTo(url, tmp, { label: filename, progress: options.progress ?? false, log: (line) => process.stderr.write(`${line}\n`) });
    } catch (e) {
      throw new Error(`downloading ${url} failed: ${(e as Error).message}`, { cause: e });
    }
    if (!good(tmp)) {
      const name = algorithm === 'md5' ? 'MD5' : 'SHA-256';
      throw new Error(`downloading ${url} failed: ${name} of ${filename} is ${digest(tmp)}, expected ${algorithm === 'md5' ? expected : `${expected}…`} (corrupt or truncated file)`);
    }
    await rename(tmp, target);
    return target;
  } finally {
    await rm(tmp, { force: true });
  }
}
