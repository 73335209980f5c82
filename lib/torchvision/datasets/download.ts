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

/** Downloads url to dir/filename unless a copy with the right MD5 is there. */
export async function downloadFile(url: string, dir: string, filename: string, md5: string | null): Promise<string> {
  const target = path.join(dir, filename);
  if (existsSync(target) && (md5 === null || md5Of(target) === md5)) return target;
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
    const expected = Number(res.headers.get('content-length')) || 0;
    try {
      await pipeline(Readable.fromWeb(res.body as any), createWriteStream(tmp));
    } catch (e) {
      throw new Error(`downloading ${url} failed: the connection closed early (${(e as Error).message})`);
    }
    const got = md5Of(tmp);
    if (md5 !== null && got !== md5) {
      throw new Error(`downloading ${url} failed: MD5 of ${filename} is ${got}, expected ${md5}${expected ? '' : ''} (corrupt or truncated file)`);
    }
    await rename(tmp, target);
    return target;
  } finally {
    await rm(tmp, { force: true });
  }
}
