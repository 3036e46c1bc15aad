// Browser-test harness: build the explorer once (reusing dist-web/ when it is newer than every source file), serve
// it with the real `npm start` server (scripts/start.js --no-build --port 0), and drive Debian's chromium.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page, type ConsoleMessage } from 'playwright-core';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const screenshots = join(repo, 'test/browser/screenshots');

function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) t = Math.max(t, newest(p));
    else t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/** Build dist-web unless it is fresh. */
export function ensureBuilt(): void {
  const index = join(repo, 'dist-web/index.html');
  const sources = Math.max(newest(join(repo, 'web')), newest(join(repo, 'src')), statSync(join(repo, 'package-lock.json')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs > sources) return;
  execFileSync(process.execPath, [join(repo, 'node_modules/vite/bin/vite.js'), 'build', 'web', '--logLevel', 'warn'], { cwd: repo, stdio: 'inherit' });
}

export interface Explorer {
  url: string;
  browser: Browser;
  server: ChildProcess;
  close(): Promise<void>;
}

/** Start the static server on a free port and launch chromium. */
export async function startExplorer(): Promise<Explorer> {
  ensureBuilt();
  mkdirSync(screenshots, { recursive: true });
  const server = spawn(process.execPath, [join(repo, 'scripts/start.js'), '--no-build', '--port', '0'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not start: ${out}`)), 15_000);
    server.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /http:\/\/\S+/.exec(out);
      if (m) { clearTimeout(timer); ok(m[0]); }
    });
    server.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
    server.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited ${code}: ${out}`)); });
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    url, browser, server,
    async close() {
      await browser.close();
      server.kill('SIGTERM');
    },
  };
}

/** Open a page, collecting console errors and page errors. */
export async function openPage(ex: Explorer, query = '', { width = 1440, height = 1000 } = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await ex.browser.newPage({ viewport: { width, height } });
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${ex.url}${query}`);
  await page.waitForFunction(() => window.__explorer !== undefined);
  return { page, errors };
}

/** Mount a section (as scrolling to it would) and wait until its first render is done. */
export async function mountSection(page: Page, id: string): Promise<void> {
  await page.evaluate((sid) => window.__explorer.mount(sid), id);
  const failed = await page.evaluate((sid) => window.__explorer.failed.get(sid) ?? null, id);
  if (failed) throw new Error(`section ${id} failed: ${failed}`);
}

export function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
