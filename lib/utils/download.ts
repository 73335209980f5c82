// Dataset downloads: each file fetched once into the dataset's raw folder, checked against its
// MD5, written to a temporary name and renamed, so a failed or corrupt download leaves nothing
// that a later run could take for a good copy.
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

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
export async function downloadFile(url: string, dir: string, filename: string, expected: string | null, algorithm: 'md5' | 'sha256-prefix' = 'md5'): Promise<string> {
  const target = path.join(dir, filename);
  const digest = algorithm === 'md5' ? md5Of : sha256Of;
  const good = (file: string) => expected === null || (algorithm === 'md5' ? digest(file) === expected : digest(file).startsWith(expected));
  if (existsSync(target) && good(target)) return target;
  await mkdir(dir, { recursive: true });
  const tmp = `${target}.${process.pid}.part`;
  try {
    let res: Response;
    try {
      res = await fetch(url, { redirect: 'follow' });
    } catch (e) {
      const cause = (e as { cause?: Error }).cause;
      throw new Error(`downloading ${url} failed: ${(e as Error).message}${cause ? ` (${cause.message})` : ''}`);
    }
    if (!res.ok || !res.body) throw new Error(`downloading ${url} failed: server answered HTTP ${res.status} ${res.statusText}`);
    try {
      await pipeline(Readable.fromWeb(res.body as any), createWriteStream(tmp));
    } catch (e) {
      throw new Error(`downloading ${url} failed: the connection closed early (${(e as Error).message})`);
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
