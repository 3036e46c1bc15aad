#!/usr/bin/env node
// `npm start`: build the explorer (Vite, root web/) into dist-web/, then serve dist-web/ on 127.0.0.1 and print the URL.
// Usage: node scripts/start.js [--port 5173] [--host 127.0.0.1] [--no-build]
// The server is a tiny static file server: it serves only regular files under dist-web/ (no directory listing, no dot
// files, no path traversal: every request path is decoded, normalised, resolved through symbolic links and checked to
// stay inside the root), works offline, binds to the loopback interface unless --host says otherwise (and then answers
// only requests addressed to a loopback name, against DNS rebinding), and sends the security headers on every response.
// A request whose URL is over Node's 16 kB header limit is redirected to the page without its query, with a notice flag
// (`?notice=url-too-long`): the explorer then loads with its defaults and says why.
import { createServer } from 'node:http';
import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SECURITY_HEADERS } from './security-headers.js';

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

/** Sent on every response, errors included (one definition, shared with Vite's dev and preview servers). */
export { SECURITY_HEADERS };

/** The explorer's notice flag for a URL the server would not take (the page shows its defaults and says why). */
export const TOO_LONG_TARGET = '/?notice=url-too-long';

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

/**
 * Map a request URL to a file path under `root`, or null if it is malformed, holds a NUL or a dot-file segment, or
 * would leave the root (`..`, encoded dots and slashes are decoded first). Symbolic links are checked by `serve`.
 */
export function resolveRequest(root, url) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname.split('/').some((seg) => seg.startsWith('.'))) return null;
  if (pathname.endsWith('/')) pathname += 'index.html';
  const file = resolve(root, '.' + pathname);
  if (file !== root && !file.startsWith(root + sep)) return null;
  return file;
}

/** True for a Host header naming the loopback interface (any port), e.g. `127.0.0.1:5173`, `localhost`, `[::1]:80`. */
export function isLoopbackHost(hostHeader) {
  if (typeof hostHeader !== 'string') return false;
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:]+)(?::\d{1,5})?$/.exec(hostHeader);
  if (!m) return false;
  const name = m[1].toLowerCase();
  return name === 'localhost' || name === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(name);
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function plain(res, status, text, extra = {}) {
  const body = Buffer.from(text);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

/** A raw response for a request Node could not parse (no `res` exists then), with the security headers. */
function rawResponse(status, reason, headers, body = '') {
  const lines = [`HTTP/1.1 ${status} ${reason}`];
  for (const [k, v] of Object.entries({ ...SECURITY_HEADERS, 'Cache-Control': 'no-store', ...headers, 'Content-Length': Buffer.byteLength(body), Connection: 'close' })) lines.push(`${k}: ${v}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/**
 * Answer a request Node refused before it reached the handler. Headers over the 16 kB limit because of a long request
 * line (the URL) are redirected to the page without its query and with the notice flag; other header overflows get
 * 431, malformed requests 400, each with the security headers.
 */
function onClientError(err, socket) {
  if (!socket.writable || socket.answered) { socket.destroy(); return; }
  socket.answered = true;
  let out;
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    const raw = err.rawPacket ? err.rawPacket.toString('latin1') : '';
    const eol = raw.indexOf('\r\n');
    const longUrl = /^(GET|HEAD) \//.test(raw) && (eol < 0 || eol > 8192);
    out = longUrl
      ? rawResponse(303, 'See Other', { Location: TOO_LONG_TARGET, 'Content-Type': 'text/plain; charset=utf-8' }, 'URL over 16 kB: see /?notice=url-too-long\n')
      : rawResponse(431, 'Request Header Fields Too Large', { 'Content-Type': 'text/plain; charset=utf-8' }, 'request headers over 16 kB\n');
  } else {
    out = rawResponse(400, 'Bad Request', { 'Content-Type': 'text/plain; charset=utf-8' }, 'bad request\n');
  }
  socket.end(out);
  socket.destroySoon?.();
}

/** Serve `root` over HTTP; resolves with the listening server once bound. */
export function serve(root, { port = 5173, host = '127.0.0.1' } = {}) {
  const checkHost = LOOPBACK.has(host) || /^127\./.test(host);
  let realRoot = null;
  const server = createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      plain(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    if (checkHost && !isLoopbackHost(req.headers.host)) {
      plain(res, 421, 'misdirected request: this server answers only loopback host names\n');
      return;
    }
    const file = resolveRequest(root, req.url ?? '/');
    if (!file) {
      plain(res, 400, 'bad request\n');
      return;
    }
    try {
      // Follow symbolic links and serve only what still lies inside the (real) root.
      realRoot ??= await realpath(root);
      const real = await realpath(file);
      if (real !== realRoot && !real.startsWith(realRoot + sep)) throw new Error('outside the root');
      const info = await stat(real);
      if (!info.isFile()) throw new Error('not a file');
      const body = await readFile(real);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      plain(res, 404, 'not found\n');
    }
  });
  server.on('clientError', onClientError);
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
  if (!LOOPBACK.has(opts.host) && !/^127\./.test(opts.host)) process.stderr.write(`momentum-lab start: warning: --host ${opts.host} is not loopback; the explorer is reachable from other machines\n`);
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
