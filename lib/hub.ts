// torch.hub's cache of downloaded weights: the same folder PyTorch uses ($TORCH_HOME/hub, by
// default ~/.cache/torch/hub), so weights fetched by Python are not fetched again.
import { homedir } from 'node:os';
import path from 'node:path';
import { badArg } from './errors.js';
import { load, type MapLocation } from './serialization/index.js';
import { downloadFile } from './utils/download.js';

let hubDir: string | null = null;

import { bind, type Args } from './bind.js';
export function getDir(): string {
  if (hubDir) return hubDir;
  const torchHome = process.env.TORCH_HOME ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'torch');
  return path.join(torchHome, 'hub');
}
export function setDir(dir: string): void {
  if (typeof dir !== 'string') badArg('a folder path', 'd', dir);
  hubDir = dir;
}

/** torch.hub's HASH_REGEX: the hex digits after the last '-' of a file name are its SHA-256 prefix. */
export function hashPrefixOf(filename: string): string | null {
  return /-([a-f0-9]*)\./.exec(filename)?.[1] || null;
}

/** Downloads url into dst, checking the file name's hash prefix when checkHash is set. */
export async function downloadUrlToFile(...args: Args<'hub.downloadUrlToFile'>): Promise<void> {
  const { url, dst, hashPrefix, progress } = bind('hub.downloadUrlToFile', args, { name: 'torch.hub.downloadUrlToFile' });
  await downloadFile(url, path.dirname(dst), path.basename(dst), hashPrefix, 'sha256-prefix', { progress });
}

/** The keyword arguments of `hub.loadStateDictFromUrl`. */
export interface LoadFromUrlOptions {
  modelDir?: string | null;
  mapLocation?: MapLocation;
  progress?: boolean;
  checkHash?: boolean;
  fileName?: string | null;
}

/** The cached path of a URL's file: <modelDir or hub/checkpoints>/<fileName or the URL's file name>. */
export function cachedFile(url: string, options: { modelDir?: string | null; fileName?: string | null } = {}): string {
  const dir = options.modelDir ?? path.join(getDir(), 'checkpoints');
  return path.join(dir, options.fileName ?? path.basename(new URL(url).pathname));
}

/** torch.hub.load_state_dict_from_url: fetched once into the cache, then torch.load. Asynchronous in JS. */
export async function loadStateDictFromUrl(...args: Args<'hub.loadStateDictFromUrl'>): Promise<any> {
  const options = bind('hub.loadStateDictFromUrl', args, { name: 'torch.hub.loadStateDictFromUrl' });
  const url = options.url;
  if (typeof url !== 'string') badArg('a URL', 'url', url);
  const file = cachedFile(url, options);
  const prefix = options.checkHash ? hashPrefixOf(path.basename(file)) : null;
  await downloadFile(url, path.dirname(file), path.basename(file), prefix, 'sha256-prefix', { progress: options.progress });
  return load(file, { mapLocation: options.mapLocation, weightsOnly: options.weightsOnly });
}
