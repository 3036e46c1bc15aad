// The explorer's static server (scripts/start.js), over real sockets without a browser: the security headers are on
// every response (200, 303, 400, 404, 405, 421, 431), requests cannot leave the served root (.., encoded dots and
// slashes, NUL, dot files, symbolic links), a URL over 16 kB is redirected to the page without its query with the
// notice flag, and the server binds to 127.0.0.1 by default.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect, type AddressInfo, type Server } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';

interface StartModule {
  serve(root: string, opts?: { port?: number; host?: string }): Promise<Server>;
  parseArgs(argv: string[]): { port: number; host: string; build: boolean };
  resolveRequest(root: string, url: string): string | null;
  isLoopbackHost(host: string | undefined): boolean;
  SECURITY_HEADERS: Record<string, string>;
  TOO_LONG_TARGET: string;
}

const EXPECTED_HEADERS = ['content-security-policy', 'x-frame-options', 'x-content-type-options', 'referrer-policy'];

let mod: StartModule;
let server: Server;
let port: number;
let base: string;
let root: string;

/** Send raw bytes and return the status code and the headers of the answer (lower-case names). */
function raw(request: string | Buffer): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((ok, fail) => {
    const sock = connect(port, '127.0.0.1');
    let data = '';
    sock.on('data', (b) => { data += b.toString('latin1'); });
    sock.on('error', (e) => (data ? undefined : fail(e)));
    sock.on('close', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const l of lines) { const i = l.indexOf(':'); headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim(); }
      ok({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    sock.write(request); // no half-close: the server answers, then closes (Connection: close)
  });
}

const get = (path: string, extra = '') => raw(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n${extra}\r\n`);

beforeAll(async () => {
  mod = (await import('../../scripts/start.js' as string)) as StartModule;
  base = mkdtempSync(join(tmpdir(), 'momentum-serve-'));
  root = join(base, 'site');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>ok</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(root, '.secret'), 'dot file');
  writeFileSync(join(base, 'outside.txt'), 'outside the root');
  symlinkSync(join(base, 'outside.txt'), join(root, 'link.txt'));
  symlinkSync(base, join(root, 'up'));
  server = await mod.serve(root, { port: 0 });
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((ok) => server?.close(ok));
  rmSync(base, { recursive: true, force: true });
});

describe('security headers', () => {
  it('every response carries CSP, X-Frame-Options, X-Content-Type-Options and Referrer-Policy', async () => {
    const cases: [string, () => ReturnType<typeof raw>, number][] = [
      ['index', () => get('/'), 200],
      ['asset', () => get('/assets/app.js'), 200],
      ['traversal', () => get('/%2e%2e%2foutside.txt'), 400],
      ['missing', () => get('/nope.html'), 404],
      ['POST', () => raw(`POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`), 405],
      ['foreign host (DNS rebinding)', () => raw('GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n'), 421],
      ['header over 16 kB', () => get('/', `X-Big: ${'b'.repeat(20_000)}\r\n`), 431],
      ['URL over 16 kB', () => get(`/?s1.a=${'1'.repeat(20_000)}`), 303],
      ['malformed request line', () => raw('GARBAGE\r\n\r\n'), 400],
    ];
    for (const [name, send, status] of cases) {
      const res = await send();
      expect(res.status, name).toBe(status);
      for (const h of EXPECTED_HEADERS) expect(res.headers[h], `${name}: ${h}`).toBe(mod.SECURITY_HEADERS[Object.keys(mod.SECURITY_HEADERS).find((k) => k.toLowerCase() === h)!]);
    }
  });

  it('the policy allows only same-origin scripts (plus WebAssembly compilation), no framing, no plugins', () => {
    const csp = mod.SECURITY_HEADERS['Content-Security-Policy'];
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toMatch(/'unsafe-eval'/); // Vega runs its expressions in vega-interpreter
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(mod.SECURITY_HEADERS['X-Frame-Options']).toBe('DENY');
    expect(mod.SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
    expect(mod.SECURITY_HEADERS['Referrer-Policy']).toBe('no-referrer');
  });
});

describe('a URL over 16 kB', () => {
  it('is redirected (303) to the page without its query, with the notice flag; 15 kB URLs are served as usual', async () => {
    for (const n of [17_000, 70_000, 300_000]) {
      const res = await get(`/?s2.kappa=${'9'.repeat(n)}`);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/?notice=url-too-long');
      expect(mod.TOO_LONG_TARGET).toBe('/?notice=url-too-long');
    }
    const ok = await get(`/?s2.kappa=${'9'.repeat(15_000)}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('<title>ok</title>');
  });
});

describe('only its own files', () => {
  it('refuses .., encoded dots and slashes, backslashes, NUL and dot files (400) and never returns a file outside the root', async () => {
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/%2E%2E%2Foutside.txt', '/assets/..%2f..%2foutside.txt', '/..%5coutside.txt', '/index.html%00.js', '/.secret', '/%2esecret', '/assets/%2e%2e/.secret']) {
      const res = await get(path);
      expect([400, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain('outside the root');
      expect(res.body, path).not.toContain('dot file');
    }
    expect(mod.resolveRequest(root, '/%2e%2e%2foutside.txt')).toBeNull();
    expect(mod.resolveRequest(root, '/a%00b')).toBeNull();
    expect(mod.resolveRequest(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
  });

  it('does not follow symbolic links out of the root (404)', async () => {
    for (const path of ['/link.txt', '/up/outside.txt', '/up/']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('outside the root');
    }
  });

  it('answers only loopback Host names when bound to loopback', () => {
    for (const h of ['127.0.0.1', '127.0.0.1:5173', 'localhost:80', '[::1]:5173', 'LOCALHOST']) expect(mod.isLoopbackHost(h), h).toBe(true);
    for (const h of [undefined, '', 'evil.example', '127.0.0.1.evil.example', '10.0.0.1:5173', 'localhost.evil:1']) expect(mod.isLoopbackHost(h), String(h)).toBe(false);
  });
});

describe('binding', () => {
  it('binds 127.0.0.1 by default (npm start and serve()), and other interfaces refuse the connection', async () => {
    expect(mod.parseArgs([]).host).toBe('127.0.0.1');
    expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
    const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      const refused = await new Promise<string>((ok) => {
        const sock = connect(port, external.address);
        sock.on('connect', () => { sock.destroy(); ok('connected'); });
        sock.on('error', (e: NodeJS.ErrnoException) => ok(e.code ?? 'error'));
      });
      expect(refused).toBe('ECONNREFUSED');
    }
  });
});
