// Rate-map latency over 20 kappa changes typed into section 4 (more samples than the browser test's 5), with s2-s4
// mounted as in that test. Not a test: run `node test/browser/ratemap-latency.mjs` after `npm run build:web`
// (or a browser test run, which builds dist-web/). Prints the medians of s4.ratemap256 and s4.ratemap.worker.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const server = spawn(process.execPath, [join(repo, 'scripts/start.js'), '--no-build', '--port', '0'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
const url = await new Promise((ok) => { let out = ''; server.stdout.on('data', (b) => { out += b; const m = /http:\/\/\S+/.exec(out); if (m) ok(m[0]); }); });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await page.goto(`${url}?s2.steps=1000&s3.steps=1000`);
  await page.waitForFunction(() => window.__explorer !== undefined);
  for (const id of ['s2', 's3', 's4']) await page.evaluate((s) => window.__explorer.mount(s), id);
  await page.waitForTimeout(500);
  await page.evaluate(() => window.__explorer.clearPerf());
  const kappas = [20, 40, 80, 160, 320, 25, 50, 100, 200, 400, 30, 60, 120, 240, 480, 35, 70, 140, 280, 560];
  for (let i = 0; i < kappas.length; i++) {
    const box = page.locator('[data-key-num="s4.kappa"]').first();
    await box.fill(String(kappas[i]));
    await box.press('Enter');
    await page.waitForFunction((k) => (window.__explorer.perf()['s4.ratemap256'] ?? []).length >= k, i + 1);
  }
  const perf = await page.evaluate(() => window.__explorer.perf());
  const med = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
  console.log(`256x256 rate map over ${perf['s4.ratemap256'].length} updates: total median ${med(perf['s4.ratemap256']).toFixed(1)} ms, worker median ${med(perf['s4.ratemap.worker']).toFixed(1)} ms`);
} finally {
  await browser.close();
  server.kill();
}
