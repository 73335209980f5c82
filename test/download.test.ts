// The one downloader (scripts/download.mjs) against servers this test starts on the loopback
// interface: retries on 5xx, resume by Range after a dropped connection, servers that ignore Range,
// errors that keep their cause, an HTTP proxy taken from the environment, and torch.hub on top.
import t from 'tap';
import http from 'node:http';
import net from 'node:net';
import { readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as torch from 'torch-node';
import { downloadTo } from '../scripts/download.mjs';
import { tempDir } from './temp-dir.js';

process.env.TORCH_NODE_DOWNLOAD_RETRY_MS = '1';
const body = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7) % 251));
const tmp = tempDir('torch-node-download-');
let n = 0;
const fresh = () => path.join(tmp, `f${n++}`);

async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse, hit: number) => void): Promise<{ url: string; hits: http.IncomingMessage[]; close: () => void }> {
  const hits: http.IncomingMessage[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req);
    handler(req, res, hits.length);
  });
  // closed when the test ends, even one that failed half-way
  t.teardown(() => { server.closeAllConnections(); server.close(); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return { url: `http://127.0.0.1:${port}/data.bin`, hits, close: () => server.close() };
}
const send = (res: http.ServerResponse, from = 0, status = 200) => {
  res.writeHead(status, { 'content-length': body.length - from, ...(status === 206 ? { 'content-range': `bytes ${from}-${body.length - 1}/${body.length}` } : {}) });
  res.end(body.subarray(from));
};

t.test('a 503 is retried and the file arrives whole', async (t) => {
  const s = await serve((_req, res, hit) => (hit < 3 ? (res.writeHead(503), res.end()) : send(res)));
  const lines: string[] = [];
  const file = fresh();
  await downloadTo(s.url, file, { log: (l) => lines.push(l) });
  t.same(readFileSync(file), body);
  t.equal(s.hits.length, 3);
  t.match(lines[0], /HTTP 503 Service Unavailable; retrying \(1 of 3\)/);
  s.close();
});

t.test('a dropped connection resumes with a Range request where the server allows it', async (t) => {
  const s = await serve((req, res, hit) => {
    if (hit === 1) {
      // part of the body, time for it to reach the client's disk, then the connection drops
      res.writeHead(200, { 'content-length': body.length });
      res.write(body.subarray(0, 40_000), () => setTimeout(() => res.destroy(), 200));
      return;
    }
    const m = /bytes=(\d+)-/.exec(req.headers.range ?? '');
    send(res, m ? Number(m[1]) : 0, m ? 206 : 200);
  });
  const file = fresh();
  await downloadTo(s.url, file);
  t.same(readFileSync(file), body, 'the resumed file equals the original');
  t.match(s.hits[1].headers.range ?? '', /^bytes=[1-9]\d*-$/, 'the second request asked for the rest');
  s.close();
});

t.test('a server that ignores Range sends the whole file again, and the download starts over', async (t) => {
  const s = await serve((_req, res, hit) => {
    if (hit === 1) {
      res.writeHead(200, { 'content-length': body.length });
      res.write(body.subarray(0, 30_000), () => res.destroy());
    } else send(res);
  });
  const file = fresh();
  await downloadTo(s.url, file);
  t.same(readFileSync(file), body);
  s.close();
});

t.test('a 404 is not retried; an unreachable host fails with its cause and where it connected', async (t) => {
  const s = await serve((_req, res) => (res.writeHead(404), res.end()));
  await t.rejects(downloadTo(s.url, fresh()), /server answered HTTP 404 Not Found/);
  t.equal(s.hits.length, 1);
  s.close();
  const closed = await new Promise<number>((r) => { const srv = net.createServer().listen(0, '127.0.0.1', () => { const p = (srv.address() as net.AddressInfo).port; srv.close(() => r(p)); }); });
  await t.rejects(downloadTo(`http://127.0.0.1:${closed}/x`, fresh(), { retries: 1 }), /fetch failed \(ECONNREFUSED: .*\), after 2 attempts directly \(no HTTPS_PROXY or HTTP_PROXY set\)/);
});

t.test('HTTP_PROXY from the environment carries the request', async (t) => {
  const origin = await serve((_req, res) => send(res));
  const seen: string[] = [];
  // a tunnelling proxy: undici asks it to CONNECT to the origin, then talks HTTP through the tunnel
  const proxy = http.createServer((_req, res) => (res.writeHead(405), res.end()));
  proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    seen.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const up = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    up.on('error', () => client.destroy());
    client.on('error', () => up.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  process.env.HTTP_PROXY = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
  try {
    const file = fresh();
    await downloadTo(origin.url, file);
    t.same(readFileSync(file), body);
    t.same(seen, [new URL(origin.url).host], 'the proxy was asked for a tunnel to the origin');
    process.env.NO_PROXY = '127.0.0.1';
    const direct = fresh();
    await downloadTo(origin.url, direct);
    t.same(seen.length, 1, 'a NO_PROXY host goes direct');
  } finally {
    delete process.env.HTTP_PROXY;
    delete process.env.NO_PROXY;
    proxy.closeAllConnections();
    proxy.close();
    origin.close();
  }
});

t.test('torch.hub.downloadUrlToFile uses it, checks the hash prefix and leaves no partial file', async (t) => {
  const s = await serve((_req, res, hit) => (hit === 1 ? (res.writeHead(502), res.end()) : send(res)));
  const dst = path.join(tmp, 'weights-0123abcd.pth');
  await t.rejects(torch.hub.downloadUrlToFile(s.url, dst, '0123abcd', false), /SHA-256 of weights-0123abcd.pth is [0-9a-f]+, expected 0123abcd…/);
  t.notOk(existsSync(dst), 'nothing left under the final name');
  await torch.hub.downloadUrlToFile(s.url, dst, null, { progress: false });
  t.same(readFileSync(dst), body);
  s.close();
});
