// Temporary folders for the tests: all under one folder per test process, removed when it exits, so a
// suite run leaves nothing behind in the system's temporary directory (it once filled /tmp).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let root: string | undefined;

/** A new empty folder, named after `prefix`, removed with the others when the process exits. */
export function tempDir(prefix: string): string {
  if (!root) {
    const dir = mkdtempSync(path.join(tmpdir(), 'torch-node-test-'));
    root = dir;
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return mkdtempSync(path.join(root, prefix));
}
