// The one downloader torch-node has: libtorch at install time (scripts/download-libtorch.mjs),
// datasets, weights and hub files at run time (lib/utils/download.ts). Plain JavaScript so that the
// install step can use it before any TypeScript is built.
//
// - HTTP(S) proxies from the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, any case), through
//   undici's ProxyAgent (the agent Node's own fetch is built on; a CONNECT tunnel);
// - retries with backoff on network errors and on 408/429/5xx answers, resuming with a Range request
//   where the server allows it (206), starting over where it does not;
// - a progress bar (cli-progress) on a terminal, when asked;
// - errors that keep their cause.
import { createWriteStream } from 'node:fs';
import { stat, truncate } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';
import { ProxyAgent, fetch } from 'undici';
import cliProgress from 'cli-progress';

const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];
const env = (...names) => names.map((n) => process.env[n]).find((v) => v);
/** The proxy for url from the environment, as curl reads it: NO_PROXY hosts (or '*') go direct. */
function proxyFor(url) {
  const { protocol, hostname } = new URL(url);
  const proxy = protocol === 'https:' ? env('HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy') : env('HTTP_PROXY', 'http_proxy');
  if (!proxy) return null;
  const noProxy = (env('NO_PROXY', 'no_proxy') ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (noProxy.some((h) => h === '*' || host === h.replace(/^\./, '') || host.endsWith(h.startsWith('.') ? h : `.${h}`))) return null;
  return proxy;
}
const agents = new Map();
/** The proxy agent for url, or undefined (a direct connection). */
function dispatcher(url) {
  const proxy = proxyFor(url);
  if (!proxy) return undefined;
  if (!agents.has(proxy)) agents.set(proxy, new ProxyAgent(proxy));
  return agents.get(proxy);
}
/** Where the environment sends requests, for error messages. */
export function proxyNote(url) {
  const proxy = url ? proxyFor(url) : env(...PROXY_VARS);
  if (proxy) return `through the proxy ${proxy}`;
  return PROXY_VARS.some((v) => process.env[v]) ? 'directly (its host is in NO_PROXY)' : 'directly (no HTTPS_PROXY or HTTP_PROXY set)';
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const describe = (e) => {
  const cause = e?.cause;
  return `${e?.message ?? String(e)}${cause ? ` (${cause.code ?? ''}${cause.code ? ': ' : ''}${cause.message ?? cause})` : ''}`;
};

/**
 * Streams url into file (created or, when resuming, appended to). Returns the bytes written.
 * options: label (what the bar and messages call it), progress (true: a bar on a terminal), retries
 * (default 3, i.e. 4 attempts), retryDelayMs (first backoff, doubled each time; default 500), log.
 */
export async function downloadTo(url, file, options = {}) {
  const { label = url, progress = false, retries = 3, retryDelayMs = Number(process.env.TORCH_NODE_DOWNLOAD_RETRY_MS ?? 500), log = () => {} } = options;
  let received = 0;
  let lastError = null;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) {
      // what reached the disk, not what passed through: a destroyed write stream drops its queue
      received = await stat(file).then((st) => st.size, () => 0);
      log(`torch-node: ${label}: ${describe(lastError)}; retrying (${attempt} of ${retries})${received ? ` from byte ${received}` : ''}`);
      await sleep(retryDelayMs * 2 ** (attempt - 1));
    }
    let res;
    try {
      res = await fetch(url, { redirect: 'follow', dispatcher: dispatcher(url), headers: received ? { range: `bytes=${received}-` } : {} });
    } catch (e) {
      lastError = e;
      continue;
    }
    if (RETRYABLE_STATUS.has(res.status)) {
      lastError = new Error(`server answered HTTP ${res.status} ${res.statusText}`);
      await res.body?.cancel();
      continue;
    }
    if (!(res.ok || res.status === 206) || !res.body) {
      await res.body?.cancel();
      throw new Error(`server answered HTTP ${res.status} ${res.statusText}`);
    }
    const resumed = received > 0 && res.status === 206;
    if (!resumed && received > 0) {
      // the server ignored the Range request: start over
      await truncate(file, 0);
      received = 0;
    }
    const length = Number(res.headers.get('content-length')) || 0;
    const total = length ? received + length : 0;
    const bar = progress && process.stderr.isTTY && total
      ? new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total} MiB`, stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic)
      : null;
    const mib = (n) => Math.round(n / 2 ** 20 * 10) / 10;
    bar?.start(mib(total), mib(received));
    let lastLogged = -1;
    const count = new Transform({
      transform(chunk, _enc, cb) {
        received += chunk.length;
        if (bar) bar.update(mib(received));
        else if (progress && total) {
          const pct = Math.floor((received / total) * 100);
          if (pct >= lastLogged + 10) {
            lastLogged = pct;
            log(`torch-node: downloading ${label}: ${pct}% of ${mib(total)} MiB`);
          }
        }
        cb(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(res.body), count, createWriteStream(file, { flags: resumed ? 'a' : 'w' }));
    } catch (e) {
      lastError = new Error(`the connection closed after ${received}${total ? ` of ${total}` : ''} bytes`, { cause: e });
      continue;
    } finally {
      bar?.stop();
    }
    if (total && received !== total) {
      lastError = new Error(`the connection closed after ${received} of ${total} bytes`);
      continue;
    }
    return (await stat(file)).size;
  }
  throw new Error(`${describe(lastError)}, after ${retries + 1} attempts ${proxyNote(url)}`, { cause: lastError });
}
