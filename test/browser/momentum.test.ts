// Browser tests of the momentum story's first sections (s2 hero, s3 eigendirections, s4 spectral radius): the numbers
// on the page equal the library's (imported here) and the CLI's, the exports are the full-resolution data, the views
// are linked through the store, and the s2 drag and the s4 map click are timed (p95 frame work asserted <= 16 ms).
// Screenshots at 1440 and 390 px go to test/browser/screenshots/ (git-ignored).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { startExplorer, openPage, mountSection, screenshots, repo, p95, median, type Explorer } from './harness.js';
import {
  createProblem, createMethod, run, linearMethod, directionRegime, directionRate, logspace, closedFormTrajectory, directionMatrix,
  worstRateOverInterval, regimeThresholds, rateMap, linspace,
} from '../../src/index.js';

let ex: Explorer;
beforeAll(async () => { ex = await startExplorer(); }, 120_000);
afterAll(async () => { await ex?.close(); });

async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 60)))));
}

async function cellValue(page: Page, name: string): Promise<number> {
  const raw = await page.locator(`[data-readout="${name}"]`).first().getAttribute('data-value');
  if (raw === null) throw new Error(`read-out ${name} has no numeric value`);
  return Number(raw);
}

/** Download the panel's CSV export and parse it (header row, then numbers where they parse). */
async function exportCsv(page: Page, panel: string): Promise<Record<string, string | number>[]> {
  await page.locator(`#${panel} details.export summary`).click();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`#${panel} .export-body button`, { hasText: 'CSV' }).first().click()]);
  const text = readFileSync((await dl.path())!, 'utf8');
  await page.locator(`#${panel} details.export summary`).click();
  return parseCsv(text);
}

function parseCsv(text: string): Record<string, string | number>[] {
  const [head, ...lines] = text.trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v !== '' && Number.isFinite(Number(v)) ? Number(v) : v])));
}

async function cliText(page: Page, panel: string): Promise<string> {
  await page.locator(`#${panel} details.export summary`).click();
  const t = (await page.locator(`#${panel} [data-cli]`).textContent())!;
  await page.locator(`#${panel} details.export summary`).click();
  return t;
}

/** Run an exported command line with the built CLI of this worktree (bin/momentum-lab.js), the words as the shell would split them. */
function runCli(line: string): string {
  const words = [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]));
  expect(words[0]).toBe('momentum-lab');
  return execFileSync(process.execPath, [join(repo, 'bin/momentum-lab.js'), ...words.slice(1)], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

describe('s2: the hero', () => {
  it('default: GD zig-zags (the top eigen-coordinate changes sign), the loss chart stops at convergence, the CSV is every method x every step and the CLI reproduces it', async () => {
    const { page, errors } = await openPage(ex, '');
    await mountSection(page, 's2');
    await settle(page);
    const st = await page.evaluate(() => ({ ...(window.__explorer.store.state.s2 as Record<string, unknown>) }));
    expect(st.alpha).toBe(1.5);
    const rows = await exportCsv(page, 's2-panel');
    const steps = st.steps as number;
    expect(st.methods).toEqual(["gd", "hb"]);
    expect(rows.length).toBe(2 * (steps + 1));
    const gd = rows.filter((r) => r.method === 'gd');
    let flips = 0;
    for (let k = 1; k < 12; k++) if (Math.sign(gd[k].e1 as number) !== Math.sign(gd[k - 1].e1 as number)) flips++;
    expect(flips).toBe(11); // 1 - alpha L = -0.5: the steep coordinate flips sign every step
    // The exported commands reproduce the CSV's rows (loss and eigen-coordinates) for every method.
    const cli = await cliText(page, 's2-panel');
    const lines = cli.split('\n');
    expect(lines.length).toBe(2);
    for (const line of lines) {
      const m = /--method '(\w+):/.exec(line)![1];
      const out = parseCsv(runCli(line));
      const mine = rows.filter((r) => r.method === m);
      expect(out.length).toBe(mine.length);
      for (const k of [0, 1, 2, 10, 100, steps]) {
        // The page runs the rotated quadratic (dense Q), the CLI the diagonal one: equal up to rounding of size 1e-16 |w|.
        const J0 = mine[0].loss as number;
        expect(Math.abs((out[k].loss as number) - (mine[k].loss as number))).toBeLessThanOrEqual(1e-9 * (mine[k].loss as number) + 1e-15 * J0);
        for (const c of ['e0', 'e1']) expect(Math.abs((out[k][c] as number) - (mine[k][c] as number))).toBeLessThanOrEqual(1e-9 * Math.abs(mine[k][c] as number) + 1e-14);
      }
    }
    // The status line is computed from the state.
    const status = (await page.locator('#s2-panel .status').textContent())!;
    expect(status).toContain('α = 1.5');
    expect(status).toContain('β = 0.4');
    for (const w of [1440, 390]) {
      await page.setViewportSize({ width: w, height: w === 390 ? 844 : 900 });
      await settle(page);
      await page.locator('#s2-panel').screenshot({ path: join(screenshots, `momentum-s2-${w}.png`) });
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('divergence (alpha = 3.9) is drawn up to the step run() diverges at and marked there; a start outside the window grows it; the scrubber moves the ball', async () => {
    const { page, errors } = await openPage(ex, '?s2.alpha=3.9&s2.x0=-4&s2.y0=3');
    await mountSection(page, 's2');
    await settle(page);
    const spec = /--problem '([^']+)'/.exec(await cliText(page, 's2-panel'))![1];
    const status = (await page.locator('#s2-panel .status').textContent())!;
    for (const m of ['gd', 'hb']) {
      const res = run(createProblem(spec), createMethod(m === 'gd' ? 'gd:alpha=3.9' : 'hb:alpha=3.9,beta=0.4'), { steps: 1000, tol: 0 });
      expect(res.status).toBe('diverged');
      const label = m === 'gd' ? 'GD' : 'Heavy ball';
      expect(status).toContain(`${label} diverges at k = ${res.divergedAt}`);
      expect(await page.locator(`[data-readout="s2.loss.${m}"]`).textContent()).toBe(`diverged at k=${res.divergedAt}`);
    }
    // The CSV holds every step up to the divergent one, and the charts draw the marks (loss chart: rule and label).
    const rows = await exportCsv(page, 's2-panel');
    const gdDiv = run(createProblem(spec), createMethod('gd:alpha=3.9'), { steps: 1000, tol: 0 }).divergedAt!;
    expect(rows.filter((r) => r.method === 'gd').length).toBe(gdDiv + 1);
    // The window grew to hold the start (-4, 3): the start is drawn inside the contour plot.
    const st = await page.evaluate(() => ({ ...(window.__explorer.store.state.s2 as Record<string, number>) }));
    expect(st.x0).toBe(-4);
    await page.locator('#s2-panel').screenshot({ path: join(screenshots, 'momentum-s2-diverge-1440.png') });
    // Scrubber: k moves the ball (store k), and the readout follows.
    await page.locator('input[data-key="s2.k"]').fill('3');
    await settle(page);
    expect(await page.locator('[data-readout="s2.k"]').textContent()).toBe('k = 3');
    expect(await page.evaluate(() => (window.__explorer.store.state.s2 as { k: number }).k)).toBe(3);
    // Play runs k up to the charts' end (here past GD's divergence step) and stops there.
    await page.locator('[data-play="s2"]').click();
    await page.waitForFunction(() => document.querySelector('[data-play="s2"]')?.textContent === 'Play', undefined, { timeout: 20_000 });
    const kEnd = await page.evaluate(() => (window.__explorer.store.state.s2 as { k: number }).k);
    expect(kEnd).toBe(Number(await page.locator('input[data-key="s2.k"]').getAttribute('max')));
    expect(kEnd).toBeGreaterThan(gdDiv);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('the start moves with the arrow keys on the focused plot, and a drag ends in one history entry', async () => {
    const { page, errors } = await openPage(ex, '');
    await mountSection(page, 's2');
    await settle(page);
    const plot = page.locator('#s2-panel .plot.interactive');
    await plot.focus();
    const before = await page.evaluate(() => ({ ...(window.__explorer.store.state.s2 as { x0: number; y0: number }) }));
    const h0 = await page.evaluate(() => history.length);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    await settle(page);
    const after = await page.evaluate(() => ({ ...(window.__explorer.store.state.s2 as { x0: number; y0: number }) }));
    expect(after.x0).toBeCloseTo(before.x0 + 3.2 / 50, 3); // 1/50 of the window [-1.6, 1.6] per key
    expect(after.y0).toBeCloseTo(before.y0 + 3.2 / 50, 3);
    expect(await page.evaluate(() => history.length)).toBe(h0 + 2); // one entry per key released (store.commit)
    // A drag on the plot: one more entry when the pointer is released, however many moves it made.
    const box = (await page.locator('#s2-panel .plot.interactive canvas').first().boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.4);
    await page.mouse.down();
    for (let i = 1; i <= 5; i++) await page.mouse.move(box.x + box.width * (0.4 + 0.02 * i), box.y + box.height * 0.4);
    await page.mouse.up();
    await settle(page);
    expect(await page.evaluate(() => history.length)).toBe(h0 + 3);
    expect(page.url()).toContain('s2.x0=');
    const desc = await page.locator('#s2-panel .chart').evaluateAll((es) => es.map((e) => e.getAttribute('aria-label')));
    expect(new Set(desc).size).toBe(desc.length);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});

describe('s3: eigendirections', () => {
  it('regimes drawn with their own shapes (legend = regimes present), CSV = every direction x every step, reproduced by the CLI', async () => {
    const { page, errors } = await openPage(ex, '?s3.alpha=0.5&s3.beta=0.5&s3.kappa=1000&s3.dirs=5&s3.steps=200');
    await mountSection(page, 's3');
    await settle(page);
    const hs = logspace(1e-3, 1, 5);
    const lm = linearMethod('hb', { alpha: 0.5, beta: 0.5 });
    const regimes = Array.from(hs, (h) => directionRegime(lm, h));
    for (let j = 0; j < 5; j++) expect(await page.locator(`[data-readout="s3.regime.${j}"]`).textContent()).toBe(regimes[j]);
    const rows = await exportCsv(page, 's3-panel');
    expect(rows.length).toBe(5 * 201);
    // Closed form and the library's simulation in every row.
    for (let j = 0; j < 5; j++) {
      const th = closedFormTrajectory(directionMatrix(lm, hs[j]), [1, 0], 200);
      for (const k of [0, 1, 7, 200]) {
        const r = rows.find((x) => x.direction === j && x.k === k)!;
        expect(Math.abs((r.w_closed_form as number) - th.w[k])).toBeLessThanOrEqual(1e-12 + 1e-9 * Math.abs(th.w[k]));
        expect(r.regime).toBe(regimes[j]);
      }
    }
    // The exported run command prints the same w per direction.
    const cli = (await cliText(page, 's3-panel')).split('\n')[0];
    const out = parseCsv(runCli(cli));
    for (const k of [0, 1, 50, 200]) for (let j = 0; j < 5; j++) {
      const mine = rows.find((x) => x.direction === j && x.k === k)!.w as number;
      expect(Math.abs((out[k][`e${j}`] as number) - mine)).toBeLessThanOrEqual(1e-12 + 1e-9 * Math.abs(mine));
    }
    const present = [...new Set(regimes)];
    const svgLegend = await page.evaluate(async () => {
      const el = document.querySelector('#s3-panel .view:nth-child(3) .chart') as HTMLElement;
      return el.getAttribute('aria-label');
    });
    for (const r of present) expect(svgLegend).toContain(r);
    for (const w of [1440, 390]) {
      await page.setViewportSize({ width: w, height: w === 390 ? 844 : 900 });
      await settle(page);
      await page.locator('#s3-panel').screenshot({ path: join(screenshots, `momentum-s3-${w}.png`) });
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});

describe('s4: spectral radius and the rate map', () => {
  it('rho(h) on a log h axis, the third-branch link, the map click drives s2 and s3, the map CSV is the full grid, legends carry the drawn colours', async () => {
    const { page, errors } = await openPage(ex, '?s4.kappa=50&s4.n=64');
    for (const id of ['s2', 's3', 's4']) await mountSection(page, id);
    await settle(page);
    await page.waitForFunction(() => (document.querySelector('#s4-map .status')?.textContent ?? '').includes('rateMap()'));
    // Click the map at 60% across, 70% up the plot area: s4's point, and the same (alpha, beta) in s2 and s3.
    const plot = page.locator('#s4-map .plot.interactive');
    await plot.scrollIntoViewIfNeeded();
    const rect = await page.evaluate(() => {
      const r = document.querySelector('#s4-map .plot.interactive .chart-raster') as HTMLElement;
      const b = r.parentElement!.getBoundingClientRect();
      return { x: b.left + Number(r.dataset.x), y: b.top + Number(r.dataset.y), w: Number(r.dataset.w), h: Number(r.dataset.h) };
    });
    await page.mouse.click(rect.x + 0.6 * rect.w, rect.y + 0.3 * rect.h);
    await settle(page);
    const st = await page.evaluate(() => { const s = window.__explorer.store.state; return { s2: { ...s.s2 }, s3: { ...s.s3 }, s4: { ...s.s4 } } as Record<string, Record<string, number>>; });
    expect(st.s4.alpha).toBeCloseTo(0.6 * 4 * 1.08, 1);
    expect(st.s4.beta).toBeCloseTo(0.7, 1);
    expect(st.s2.alpha).toBe(st.s4.alpha);
    expect(st.s2.beta).toBe(st.s4.beta);
    expect(st.s2.kappa).toBe(50);
    expect(st.s3.alpha).toBe(st.s4.alpha);
    expect(st.s3.beta).toBe(st.s4.beta);
    const point = worstRateOverInterval(linearMethod('hb', { alpha: st.s4.alpha, beta: st.s4.beta }), 1 / 50, 1).rate;
    expect(await cellValue(page, 's4.rate.point')).toBeCloseTo(point, 12);
    // s2's heavy-ball rate read-out is the same worst rate (its spectrum is {1/50, 1}); s2 redraws when in view.
    await page.locator('#s2-panel').scrollIntoViewIfNeeded();
    await settle(page);
    expect(await cellValue(page, 's2.rate.hb')).toBeCloseTo(point, 12);
    await plot.scrollIntoViewIfNeeded();
    // Keyboard: the focused map moves the point by 1/100 of the alpha axis.
    await plot.focus();
    await page.keyboard.press('ArrowRight');
    await settle(page);
    const a2 = await page.evaluate(() => (window.__explorer.store.state.s4 as { alpha: number }).alpha);
    expect(a2).toBeCloseTo(st.s4.alpha + 0.01 * 4 * 1.08, 3);
    // The map CSV: the whole n x n grid, equal to the library's rateMap at the cell centres.
    const rows = await exportCsv(page, 's4-map');
    expect(rows.length).toBe(64 * 64);
    const a0 = 4 * 1.08 / 64 / 2, a1 = 4 * 1.08 - a0;
    const lib = rateMap('hb', linspace(a0, a1, 64), linspace(0.9999, 0, 64), { mu: 1 / 50, L: 1 });
    for (const i of [0, 100, 2000, 4095]) expect(Math.abs((rows[i].worst_rho as number) - lib.rho[i])).toBeLessThan(1e-6);
    // Legend swatches are the colours drawn: the curves' legend symbols use the curves' own stroke colours.
    await page.locator('#s4-map details.export summary').click();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#s4-map .export-body button', { hasText: 'SVG' }).first().click()]);
    const svg = readFileSync((await dl.path())!, 'utf8');
    writeFileSync(join(screenshots, 'momentum-s4-map.svg'), svg);
    await page.locator('#s4-map details.export summary').click();
    // Exactly one legend names the curves, and its symbols carry the curves' own colours and dashes.
    const legends = svg.split('<g class="mark-group role-legend"').slice(1).filter((g) => g.includes('>stability limit<'));
    expect(legends.length).toBe(1);
    const strokes = [...legends[0].matchAll(/stroke="(#[0-9a-fA-F]{3,6})"/g)].map((x) => x[1].toUpperCase());
    for (const c of ['#000000', '#BBBBBB', '#8C510A']) expect(strokes).toContain(c);
    expect(strokes).not.toContain('#888');
    expect(legends[0]).toContain('stroke-dasharray="6,3"');
    // rho(h): the third-branch state (beta = 0.25, alpha = 2.4) has U = 2.25/2.4 and divergence 2.5/2.4 on the log axis.
    await page.evaluate(() => window.__explorer.store.set('s4', { beta1: 0.25, alpha1: 2.4 }));
    await settle(page);
    const t = regimeThresholds(linearMethod('hb', { alpha: 2.4, beta: 0.25 }));
    expect(await cellValue(page, 's4.upper')).toBeCloseTo(t.upperReal!, 12);
    expect(t.upperReal!).toBeLessThan(1);
    expect(await cellValue(page, 's4.stability')).toBeCloseTo(2.5 / 2.4, 12);
    const rhoRows = await exportCsv(page, 's4-rho');
    expect(rhoRows.length).toBe(3 * 500);
    const hb = rhoRows.filter((r) => r.method === 'hb');
    expect(hb[0].h as number).toBeCloseTo(1e-4, 12);
    for (const i of [0, 250, 499]) expect(hb[i].rho as number).toBeCloseTo(directionRate(linearMethod('hb', { alpha: 2.4, beta: 0.25 }), hb[i].h as number), 12);
    // Hover rho(h) at 70% across its plot: s3.hl is that curvature, and s3 (drawn once in view) highlights the nearest direction.
    const rho = page.locator('#s4-rho .plot canvas').first();
    await rho.scrollIntoViewIfNeeded();
    const rb = (await rho.boundingBox())!;
    await page.mouse.move(rb.x + rb.width * 0.7, rb.y + rb.height * 0.5);
    await settle(page);
    const hl = await page.evaluate(() => (window.__explorer.store.state.s3 as { hl: number }).hl);
    expect(hl).toBeGreaterThan(1e-3);
    expect(hl).toBeLessThan(1);
    await page.locator('#s3-panel').scrollIntoViewIfNeeded();
    await settle(page);
    await settle(page);
    const shown = await page.locator('#s3-panel figure.view').first().getAttribute('data-highlight');
    const hs3 = Array.from(logspace(1 / 50, 1, 5));
    const nearest = hs3.reduce((b, x) => (Math.abs(Math.log(x / hl)) < Math.abs(Math.log(b / hl)) ? x : b));
    expect(Number(/^h = ([0-9.e-]+)/.exec(shown!)![1])).toBeCloseTo(nearest, 2);
    for (const w of [1440, 390]) {
      await page.setViewportSize({ width: w, height: w === 390 ? 844 : 900 });
      await settle(page);
      await page.locator('#s4-rho').screenshot({ path: join(screenshots, `momentum-s4-rho-${w}.png`) });
      await page.locator('#s4-map').screenshot({ path: join(screenshots, `momentum-s4-map-${w}.png`) });
      // No formula wider than its box at this width.
      const over = await page.evaluate(() => [...document.querySelectorAll('#s2 .math.display, #s3 .math.display, #s4 .math.display')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => `${e.closest('.panel')?.id}: ${e.scrollWidth} > ${e.clientWidth}`));
      console.log(`[momentum] ${w} px: formulas wider than their box: ${over.length ? over.join('; ') : 'none'}`);
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});

describe('frame work', () => {
  it('the s2 drag and the s4 map click: p95 main-thread work per frame <= 16 ms (printed with the load)', async () => {
    const { page, errors } = await openPage(ex, '?s4.n=64');
    for (const id of ['s2', 's3', 's4']) await mountSection(page, id);
    await settle(page);
    await page.waitForFunction(() => (document.querySelector('#s4-map .status')?.textContent ?? '').includes('rateMap()'));
    await page.evaluate(() => window.__explorer.clearPerf());
    // s2: drag the start across the contour plot, one move per frame.
    const plot = page.locator('#s2-panel .plot.interactive canvas').first();
    await plot.scrollIntoViewIfNeeded();
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await page.mouse.down();
    for (let i = 0; i < 40; i++) {
      await page.mouse.move(box.x + box.width * (0.3 + (0.4 * i) / 40), box.y + box.height * (0.3 + (0.3 * i) / 40));
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    }
    await page.mouse.up();
    await settle(page);
    // s4: click the map 30 times; each click's frame runs s4's curves and the linked s2 and s3 updates.
    const map = page.locator('#s4-map .plot.interactive');
    await map.scrollIntoViewIfNeeded();
    const mb = (await map.boundingBox())!;
    const perClick: number[] = [];
    for (let i = 0; i < 30; i++) {
      const before = await page.evaluate(() => window.__explorer.perf());
      await page.mouse.click(mb.x + mb.width * (0.25 + (0.4 * i) / 30), mb.y + mb.height * (0.3 + (0.3 * (i % 5)) / 5));
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 20)))));
      const after = await page.evaluate(() => window.__explorer.perf());
      let sum = 0;
      for (const k of ['s4.curves', 's2.update', 's3.update']) sum += (after[k] ?? []).slice((before[k] ?? []).length).reduce((a, b) => a + b, 0);
      perClick.push(sum);
    }
    const perf = await page.evaluate(() => window.__explorer.perf());
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    const drag = perf['s2.update'] ?? [], curves = perf['s4.curves'] ?? [];
    console.log(`[momentum perf] load ${load}; s2 drag: n=${drag.length} median ${median(drag).toFixed(1)} ms, p95 ${p95(drag).toFixed(1)} ms`);
    for (const k of ['s2.compute', 's2.draw', 's2.draw.space', 's2.draw.eigen', 's2.draw.loss']) console.log(`[momentum perf]   ${k}: median ${median(perf[k] ?? [0]).toFixed(1)} ms, p95 ${p95(perf[k] ?? [0]).toFixed(1)} ms`);
    console.log(`[momentum perf] s4 map click: s4 alone n=${curves.length} median ${median(curves).toFixed(1)} ms, p95 ${p95(curves).toFixed(1)} ms; with linked s2+s3 median ${median(perClick).toFixed(1)} ms, p95 ${p95(perClick).toFixed(1)} ms`);
    expect(drag.length).toBeGreaterThanOrEqual(20);
    expect(median(drag)).toBeLessThanOrEqual(16);
    expect(median(perClick)).toBeLessThanOrEqual(16);
    // The p95 is wall-clock and counts the time other processes hold the cores: asserted on an uncontended machine
    // (1-minute load <= cores); above that it is printed, with the load, and the medians carry the assertion.
    const cores = availableParallelism();
    if (Number(load.split(' ')[0]) <= cores) {
      expect(p95(drag)).toBeLessThanOrEqual(16);
      expect(p95(perClick)).toBeLessThanOrEqual(16);
    } else console.log(`[momentum perf] p95 not asserted: load ${load.split(' ')[0]} > ${cores} cores`);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});

