// TFRecord framing, as TensorFlow's record_writer writes it: each record is its length (uint64,
// little-endian), the masked CRC-32C of those 8 bytes, the data, and the masked CRC-32C of the
// data. Records go to a file stream whose writes run on libuv's threads, off the training thread.
import { createWriteStream, type WriteStream } from 'node:fs';

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32C (Castagnoli), the checksum TFRecord uses. */
export function crc32c(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC32C_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** TensorFlow's masked CRC: rotated right by 15 bits plus a constant, so CRCs of CRCs stay strong. */
export function maskedCrc32c(data: Uint8Array): number {
  const crc = crc32c(data);
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

/** One framed record. */
export function frame(data: Uint8Array): Buffer {
  const out = Buffer.alloc(8 + 4 + data.length + 4);
  out.writeBigUInt64LE(BigInt(data.length), 0);
  out.writeUInt32LE(maskedCrc32c(out.subarray(0, 8)), 8);
  out.set(data, 12);
  out.writeUInt32LE(maskedCrc32c(data), 12 + data.length);
  return out;
}

/** Appends framed records to a file; write() queues, flush() and close() resolve once on disk. */
export class RecordWriter {
  private readonly stream: WriteStream;
  private failure: Error | null = null;
  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { flags: 'a' });
    this.stream.on('error', (e) => {
      this.failure = e;
    });
  }
  write(data: Uint8Array): void {
    if (this.failure) throw this.failure;
    this.stream.write(frame(data));
  }
  /** Resolves when everything written so far has reached the file. */
  flush(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.stream.write('', (e) => (e ? reject(e) : resolve())));
  }
  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.stream.closed) return resolve();
      this.stream.end((e?: Error | null) => (e ?? this.failure ? reject(e ?? this.failure) : resolve()));
    });
  }
}
