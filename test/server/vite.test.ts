// Vite's dev server (`vite web`) and preview server (`vite preview web`) with the explorer's config send the same
// security headers as `npm start` (one definition: scripts/security-headers.js) on the page, on modules and on 404s,
// and bind to 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';
import { SECURITY_HEADERS } from '../../scripts/security-headers.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const configFile = join(repo, 'web/vite.config.ts');

interface StartModule { SECURITY_HEADERS: Record<string, string> }

function expectHeaders(res: Response, what: string): void {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(k), `${what}: ${k}`).toBe(v);
}

function baseOf(server: { httpServer: unknown }): string {
  const addr = (server.httpServer as { address(): AddressInfo }).address();
  expect(addr.address).toBe('127.0.0.1');
  return `http://127.0.0.1:${addr.port}`;
}

it('scripts/start.js serves the shared definition', async () => {
  const mod = (await import(join(repo, 'scripts/start.js'))) as StartModule;
  expect(mod.SECURITY_HEADERS).toBe(SECURITY_HEADERS);
  expect(Object.keys(SECURITY_HEADERS)).toEqual(expect.arrayContaining(['Content-Security-Policy', 'X-Frame-Options', 'X-Content-Type-Options', 'Referrer-Policy']));
});

describe('vite dev server (vite web)', () => {
  let server: ViteDevServer;
  let base: string;
  beforeAll(async () => {
    server = await createServer({ configFile, server: { port: 0, strictPort: false, hmr: false, watch: null }, logLevel: 'silent' });
    await server.listen();
    base = baseOf(server);
  }, 60_000);
  afterAll(async () => { await server?.close(); });

  it.each(['/', '/index.html', '/src/main.ts', '/@vite/client', '/no-such-file.js', '/..%2f..%2fetc/passwd'])('%s has the security headers', async (path) => {
    const res = await fetch(`${base}${path}`);
    await res.arrayBuffer();
    expectHeaders(res, `${path} (${res.status})`);
  }, 60_000);
});

describe.skipIf(!existsSync(join(repo, 'dist-web/index.html')))('vite preview server (vite preview web)', () => {
  let server: PreviewServer;
  let base: string;
  beforeAll(async () => {
    server = await preview({ configFile, preview: { port: 0, strictPort: false }, logLevel: 'silent' });
    base = baseOf(server);
  }, 60_000);
  afterAll(async () => { await new Promise<void>((ok) => server.httpServer.close(() => ok())); });

  it.each(['/', '/index.html', '/no-such-file.js'])('%s has the security headers', async (path) => {
    const res = await fetch(`${base}${path}`);
    await res.arrayBuffer();
    expectHeaders(res, `${path} (${res.status})`);
  });
});
