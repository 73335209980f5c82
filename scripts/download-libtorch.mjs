// Downloads a libtorch zip once into a cache folder: streamed to a temporary file, verified
// (HTTP status, length, SHA-256 when known, every entry's CRC-32), extracted into a
// temporary folder and renamed into place, so an interrupted or bad download leaves nothing
// that a later run could mistake for a good copy.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { downloadTo } from './download.mjs';

const COMPLETE_MARK = '.torch-node-complete';

async function sha256Of(file) {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

function openZip(file) {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => (err ? reject(err) : resolve(zip))),
  );
}

async function extractZip(file, dest) {
  const zip = await openZip(file);
  await new Promise((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (entry) => {
      const out = path.resolve(dest, entry.fileName);
      if (!out.startsWith(path.resolve(dest) + path.sep)) return reject(new Error(`unsafe path in archive: ${entry.fileName}`));
      if (entry.fileName.endsWith('/')) {
        mkdir(out, { recursive: true }).then(() => zip.readEntry(), reject);
        return;
      }
      zip.openReadStream(entry, async (err, stream) => {
        if (err) return reject(err);
        try {
          await mkdir(path.dirname(out), { recursive: true });
          let crc = 0;
          const check = new Transform({
            transform(chunk, _e, cb) {
              crc = zlib.crc32(chunk, crc);
              cb(null, chunk);
            },
          });
          await pipeline(stream, check, createWriteStream(out, { mode: (entry.externalFileAttributes >>> 16) & 0o777 || 0o644 }));
          if (crc >>> 0 !== entry.crc32 >>> 0) throw new Error(`CRC-32 mismatch for ${entry.fileName}: the archive is corrupt`);
          zip.readEntry();
        } catch (e) {
          reject(e);
        }
      });
    });
    zip.readEntry();
  }).finally(() => zip.close());
}

/** Returns the libtorch folder (the one holding include/, lib/, share/). */
export async function downloadLibtorch({ url, target, sha256, log = () => {} }) {
  const prefix = path.join(target, 'libtorch');
  if (existsSync(path.join(target, COMPLETE_MARK))) {
    const mark = JSON.parse(await readFile(path.join(target, COMPLETE_MARK), 'utf8'));
    if (mark.url === url) {
      log(`torch-node: libtorch already downloaded in ${target}`);
      return prefix;
    }
  }
  await mkdir(path.dirname(target), { recursive: true });
  const stamp = `${process.pid}-${Date.now()}`;
  const zipFile = `${target}.${stamp}.zip.part`;
  const staging = `${target}.${stamp}.extracting`;
  try {
    log(`torch-node: downloading ${url}`);
    await downloadTo(url, zipFile, { label: 'libtorch', progress: true, log });
    const digest = await sha256Of(zipFile);
    if (sha256 && digest !== sha256.toLowerCase()) throw new Error(`SHA-256 mismatch: expected ${sha256}, got ${digest}`);
    await extractZip(zipFile, staging);
    if (!existsSync(path.join(staging, 'libtorch'))) throw new Error('the archive has no libtorch/ folder');
    await writeFile(path.join(staging, COMPLETE_MARK), JSON.stringify({ url, sha256: digest }));
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
    return prefix;
  } finally {
    await rm(zipFile, { force: true });
    await rm(staging, { recursive: true, force: true });
  }
}
