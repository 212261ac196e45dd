// The static server of the first-paint benchmark: one folder on loopback, as a CDN would serve
// it. Both peers (our dist/ and Hugo's output) go through this same code, so neither gets a
// better server. Node built-ins only.
//
//   node serve.mjs DIR PORT
//
// - gzip (level 9, compressed once and kept in memory, as a CDN's edge cache would) when the
//   client accepts it and the type is text-like or wasm;
// - a folder URL answers with its index.html; a folder without its slash is redirected;
// - a missing file answers 404 with the folder's 404.html when there is one;
// - content types for what either site holds, application/wasm and text/markdown included.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.wasm', '.json', '.md', '.xml', '.txt', '.svg']);

const [dirArg, portArg] = process.argv.slice(2);
if (!dirArg || !portArg) {
  console.error('usage: node serve.mjs DIR PORT');
  process.exit(2);
}
const root = resolve(dirArg);
const port = Number(portArg);

/** path -> { raw, gzip } for files already read: the edge cache. */
const cache = new Map();

async function load(path, ext) {
  let entry = cache.get(path);
  if (!entry) {
    const raw = await readFile(path);
    const gzip = COMPRESSIBLE.has(ext) ? gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }) : null;
    entry = { raw, gzip };
    cache.set(path, entry);
  }
  return entry;
}

async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function isDir(path) {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function send(req, res, path, status) {
  const ext = extname(path).toLowerCase();
  const { raw, gzip } = await load(path, ext);
  const acceptsGzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  const headers = {
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Cache-Control': 'no-cache',
  };
  let body = raw;
  if (gzip) {
    headers.Vary = 'Accept-Encoding';
    if (acceptsGzip) {
      headers['Content-Encoding'] = 'gzip';
      body = gzip;
    }
  }
  headers['Content-Length'] = body.length;
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

const server = createServer(async (req, res) => {
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url, 'http://localhost');
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const path = normalize(join(root, pathname));
    if (path !== root && !path.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (pathname.endsWith('/')) {
      const index = join(path, 'index.html');
      if (await isFile(index)) return await send(req, res, index, 200);
    } else if (await isFile(path)) {
      return await send(req, res, path, 200);
    } else if (await isDir(path) && await isFile(join(path, 'index.html'))) {
      res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    const notFound = join(root, '404.html');
    if (await isFile(notFound)) return await send(req, res, notFound, 404);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
  } catch (error) {
    console.error(error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  }
});

server.listen(port, '127.0.0.1', () => {
  console.log(`serving ${root} on http://127.0.0.1:${port}/`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
