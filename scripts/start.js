#!/usr/bin/env node
// `npm start`: build the explorer (Vite, root web/) into dist-web/, then serve dist-web/ on 127.0.0.1 and print the URL.
// Usage: node scripts/start.js [--port 5173] [--host 127.0.0.1] [--no-build]
// The server is a tiny static file server: it serves only files under dist-web/ (no directory listing, no path
// traversal: every request path is decoded, normalised and checked to stay inside the root), works offline, and
// binds to the loopback interface unless --host says otherwise. `--port 0` picks a free port.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const webRoot = join(repo, 'web');
const outDir = join(repo, 'dist-web');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Parse `--port N`, `--host H`, `--no-build`; exits with status 2 and one line naming the bad flag. */
export function parseArgs(argv) {
  const opts = { port: 5173, host: '127.0.0.1', build: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--port') {
      const raw = value();
      const port = Number(raw);
      if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port: got ${JSON.stringify(raw)}, allowed an integer in [0, 65535]`);
      opts.port = port;
    } else if (flag === '--host') {
      const host = value();
      if (!host) usage('--host: missing value, allowed a host name or IP address such as 127.0.0.1');
      opts.host = host;
    } else if (flag === '--no-build') {
      opts.build = false;
    } else if (flag === '--help' || flag === '-h') {
      process.stdout.write('Usage: npm start -- [--port 5173] [--host 127.0.0.1] [--no-build]\n');
      process.exit(0);
    } else {
      usage(`unknown option ${JSON.stringify(a)}, allowed --port N, --host H, --no-build`);
    }
  }
  return opts;
}

function usage(message) {
  process.stderr.write(`momentum-lab start: ${message}\n`);
  process.exit(2);
}

/** Build web/ into dist-web/ with Vite's JavaScript API (same as `vite build web`). */
export async function buildSite({ quiet = false } = {}) {
  const { build } = await import('vite');
  await build({ root: webRoot, logLevel: quiet ? 'warn' : 'info' });
}

/** Map a request URL to a file under `root`, or null if it would leave the root or is malformed. */
export function resolveRequest(root, url) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  if (pathname.endsWith('/')) pathname += 'index.html';
  const file = resolve(root, '.' + pathname);
  if (file !== root && !file.startsWith(root + sep)) return null;
  return file;
}

/** Serve `root` over HTTP; resolves with the listening server once bound. */
export function serve(root, { port = 5173, host = '127.0.0.1' } = {}) {
  const server = createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = resolveRequest(root, req.url ?? '/');
    if (!file) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad request\n');
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.build) await buildSite();
  try {
    await stat(join(outDir, 'index.html'));
  } catch {
    usage(`${outDir}/index.html is missing: run without --no-build`);
  }
  let server;
  try {
    server = await serve(outDir, opts);
  } catch (err) {
    usage(`cannot listen on ${opts.host}:${opts.port} (${err.code ?? err.message}); try --port 0 for a free port`);
  }
  const { port } = server.address();
  const shown = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  process.stdout.write(`momentum-lab explorer: http://${shown}:${port}/\n`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    process.stderr.write(`momentum-lab start: ${err?.stack ?? err}\n`);
    process.exit(1);
  });
}
