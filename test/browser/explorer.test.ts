// End-to-end tests of the explorer in Debian's chromium: every section loads without console errors, the numbers
// on the page equal the library's (imported here), the URL round-trips, a malformed URL falls back to defaults with
// a notice, sliders work from the keyboard, the layout holds from 360 px to 4K, and frame times are measured (printed,
// not asserted). Screenshots go to test/browser/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { request } from 'node:http';
import { PNG } from 'pngjs';
import { startExplorer, openPage, mountSection, screenshots, repo, p95, median, type Explorer } from './harness.js';
import {
  createProblem, createMethod, run, linearMethod, worstRateOverInterval, directionRate, directionRegime, regimeThresholds, logspace,
  rateMapCurves, analyzeLinearSystem, fromRows, limitCycle, vanDerPolField, logisticLyapunov, energyDecay, krylovMinimumLoss,
  certifyMethod, certifyRate, linearMethodNames, linearFormOf, formWorstRate, twoTermStateSpace, tuningRule, rateMapOf,
  nqmSetup, nqmBins, nqmStepsToTarget, nqmSteadyStateRisk, nqmBatchCurve, nqmCriticalBatch, nqmLowerBound,
} from '../../src/index.js';

const SECTIONS = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10'];
/** The page's reading order: momentum first, general dynamics (s1) last, as its own chapter. */
const READING = ['s2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's1'];

let ex: Explorer;
beforeAll(async () => { ex = await startExplorer(); });
afterAll(async () => { await ex?.close(); });

async function cellValue(page: Page, name: string): Promise<number> {
  const raw = await page.locator(`[data-readout="${name}"]`).first().getAttribute('data-value');
  if (raw === null) throw new Error(`read-out ${name} has no numeric value`);
  return Number(raw);
}

/** Equal to a relative 1e-9: the page runs in Chromium's V8, the test in Node's, and their Math.exp/sin may differ in the last bit. */
function expectNear(shown: number, expected: number, rel = 1e-9): void {
  expect(Math.abs(shown - expected)).toBeLessThanOrEqual(rel * Math.max(Math.abs(expected), 1e-300));
}

async function cellText(page: Page, name: string): Promise<string> {
  return (await page.locator(`[data-readout="${name}"]`).first().textContent()) ?? '';
}

/** Set a slider's typed-in number box and commit with Enter (the keyboard path). */
async function typeValue(page: Page, key: string, value: number): Promise<void> {
  const box = page.locator(`[data-key-num="${key}"]`).first();
  await box.fill(String(value));
  await box.press('Enter');
}

/** Screenshot of the rate-map panel of section 4. */
async function plotShot(page: Page, name: string): Promise<void> {
  await page.locator('#s4-map').screenshot({ path: join(screenshots, `${name}.png`) });
}

/** Wait until section 9's steps read-out `name` is for the current state (the worker's search has answered). */
async function s9Steps(page: Page, name: string): Promise<number> {
  const hdl = await page.waitForFunction((n) => {
    const st = window.__explorer.store.state.s9 as { method: string; alpha: number; beta: number; b: number; target: number };
    const spec = st.method === 'gd' ? `gd:alpha=${st.alpha}` : `${st.method}:alpha=${st.alpha},beta=${st.beta}`;
    const cell = document.querySelector(`[data-readout="${n}"]`) as HTMLElement | null;
    return cell && cell.dataset.for === `${spec}|${2 ** st.b}|${st.target}` ? (cell.dataset.value ?? cell.textContent) : null;
  }, name, { timeout: 30_000 });
  const v = await hdl.jsonValue();
  return v !== null && /^[0-9.e+-]+$/.test(String(v)) ? Number(v) : NaN;
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
}

describe('explorer in chromium', () => {
  it('loads every section without console errors and saves screenshots', async () => {
    const { page, errors } = await openPage(ex);
    await page.screenshot({ path: join(screenshots, 'top.png') });
    const present = await page.evaluate(() => [...document.querySelectorAll('.lecture-section')].map((s) => s.id));
    expect(present).toEqual(READING);
    expect([...present].sort()).toEqual([...SECTIONS].sort());
    // Element screenshots: keep the sticky header and sticky figures out of the way.
    await page.addStyleTag({ content: '.site-head, .panel-main { position: static !important; } .panel-side { max-height: none !important; }' });
    for (const id of SECTIONS) {
      await mountSection(page, id);
      await settle(page);
      await page.locator(`#${id}`).screenshot({ path: join(screenshots, `${id}.png`) });
    }
    expect(await page.evaluate(() => [...window.__explorer.ready].sort())).toEqual([...SECTIONS].sort());
    // Every chart drew something: no canvas left at 0 x 0.
    const sizes = await page.evaluate(() => [...document.querySelectorAll('.chart canvas')].map((c) => (c as HTMLCanvasElement).width * (c as HTMLCanvasElement).height));
    expect(sizes.length).toBeGreaterThanOrEqual(25);
    expect(sizes.filter((a) => a === 0)).toEqual([]);
    // Every panel has a formula typeset by KaTeX and an export menu with a momentum-lab command.
    const panels = await page.locator('.panel').count();
    expect(panels).toBeGreaterThanOrEqual(8);
    expect(await page.locator('.panel .formulas .katex').count()).toBeGreaterThanOrEqual(panels);
    expect(await page.locator('.panel details.export').count()).toBe(panels);

    // Default read-outs of sections 1 and 5-8 equal the library's numbers.
    const A = analyzeLinearSystem(fromRows([[0.3, 1], [-1, 0.3]]), { alpha: 0.3 });
    expect(await cellText(page, 's1.type.continuous')).toBe(A.continuous!.type);
    expect(await cellText(page, 's1.type.discrete')).toBe(A.discrete!.type);
    expect(await cellText(page, 's1.stable.discrete')).toBe(A.discrete!.stable ? 'yes' : 'no');
    const vdp = limitCycle(vanDerPolField(1), [2, 0.5], { transient: 40, maxTime: 200, tol: 1e-6 });
    expectNear(await cellValue(page, 's1.period'), vdp.period!);
    expect(vdp.period!).toBeCloseTo(6.6633, 3);
    expect(await cellText(page, 's1.logisticPeriod')).toBe('4');
    expectNear(await cellValue(page, 's1.lyapunov'), logisticLyapunov(3.5, { iterations: 100000 }));
    expectNear(await cellValue(page, 's5.rate.1'), energyDecay(1, 0.1).fittedRate);
    expect(await cellValue(page, 's5.dev.shadow')).toBeLessThan(1e-12);
    expect(await cellValue(page, 's5.dev.naive')).toBeGreaterThan(0.1);
    const q = createProblem('quadratic:dim=100,kappa=1000,x0=1');
    const hb6 = run(q, createMethod('hb:alpha=1,beta=0.9', q), { steps: 300, tol: 0 }).finalLoss!;
    expectNear(await cellValue(page, 's6.loss.hb'), hb6);
    const nag6 = await cellValue(page, 's6.loss.nag');
    expect(Math.abs(await cellValue(page, 's6.loss.nag-aspremont') - nag6) / nag6).toBeLessThan(1e-9);
    expect(await cellValue(page, 's7.w.loss.bound')).toBeCloseTo(krylovMinimumLoss(20, 100), 15);
    expect(krylovMinimumLoss(20, 100)).toBeCloseTo(1 / 42, 15);
    expect(Math.abs(await cellValue(page, 's7.w.loss.cg') - 1 / 42) * 42).toBeLessThan(1e-9);
    for (const m of ['gd', 'hb', 'nag', 'cg']) expect(await cellValue(page, `s7.w.support.${m}`)).toBeLessThanOrEqual(20);
    const gdSlope = await cellValue(page, 's7.slope.gd');
    expect(gdSlope).toBeGreaterThan(0.9);
    expect(gdSlope).toBeLessThan(1.1);
    const gd8 = certifyMethod('gd:tune=optimal', 0.01, 1);
    expectNear(await cellValue(page, 's8.cert.gd'), certifyRate(gd8.stateSpace, 0.01, 1, { iqc: 'weighted' }).rate!, 1e-7);
    expect(await cellText(page, 's8.cert.hb')).toBe('none < 1');
    expect(await cellText(page, 's8.cx.status.hb')).toBe('no convergence');

    // The Mandelbrot view zooms where it is clicked (a new worker render) and shows the orbit under the cursor.
    const mandel = page.locator('#s1-mandelbrot .plot canvas:not(.chart-raster)');
    await mandel.scrollIntoViewIfNeeded();
    const mb = (await mandel.boundingBox())!;
    await page.mouse.move(mb.x + mb.width * 0.6, mb.y + mb.height * 0.5);
    await page.waitForFunction(() => (document.querySelector('[data-readout="s1.c"]')?.textContent ?? '').includes('i'));
    const renders = await page.evaluate(() => (window.__explorer.perf()['s1.mandelbrot'] ?? []).length);
    await page.mouse.click(mb.x + mb.width * 0.6, mb.y + mb.height * 0.5);
    await page.waitForFunction((n) => (window.__explorer.perf()['s1.mandelbrot'] ?? []).length > n, renders);
    expect(await page.evaluate(() => window.__explorer.store.state.s1.zoom)).toBe(4);

    expect(errors).toEqual([]);
    await page.close();
  });

  it('section 2 shows the same final losses and rates as the library and as its exported CLI command', async () => {
    const { page, errors } = await openPage(ex, '?s2.kappa=10&s2.alpha=0.5&s2.beta=0.7&s2.steps=60&s2.theta=20&s2.x0=-1&s2.y0=0.5');
    await mountSection(page, 's2');
    await settle(page);
    // The CLI line in the export menu names the problem; the library's run() on it must give the same losses.
    await page.locator('#s2-panel details.export summary').click();
    const cli = (await page.locator('#s2-panel [data-cli]').textContent())!;
    const spec = /--problem '?([^' ]+)'?/.exec(cli)![1];
    for (const m of ['gd', 'hb', 'nag']) {
      const method = createMethod(m === 'gd' ? 'gd:alpha=0.5' : `${m}:alpha=0.5,beta=0.7`);
      const res = run(createProblem(spec), method, { steps: 60, tol: 0 });
      const shown = await cellValue(page, `s2.loss.${m}`);
      expect(Math.abs(shown - res.finalLoss!) / res.finalLoss!).toBeLessThan(1e-9);
      const rate = worstRateOverInterval(linearMethod(m as 'gd', { alpha: 0.5, beta: 0.7 }), 0.1, 1).rate;
      expect(await cellValue(page, `s2.rate.${m}`)).toBeCloseTo(rate, 12);
    }
    // The heavy-ball command line from the export menu, run by the real CLI, prints the same final loss.
    const hbLine = cli.split('\n').find((l) => l.includes("--method 'hb:"))!;
    const out = execSync(`${hbLine.replace(/^momentum-lab /, `${JSON.stringify(process.execPath)} ${join(repo, 'bin/momentum-lab.js')} `).replace('--format csv', '--format json')}`, { shell: '/bin/bash', encoding: 'utf8' });
    expectNear(JSON.parse(out).finalLoss, await cellValue(page, 's2.loss.hb'));

    // Drag the start point on the contour plot: the start follows the pointer (right = larger w1, up = larger w2),
    // and the runs are recomputed from it.
    const plot = page.locator('#s2-panel .plot.interactive canvas').first();
    const lossBefore = await cellValue(page, 's2.loss.hb');
    const dragTo = async (fx: number, fy: number) => {
      await plot.scrollIntoViewIfNeeded();
      const box = (await plot.boundingBox())!;
      await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * fx + 1, box.y + box.height * fy + 1, { steps: 2 });
      await page.mouse.up();
      await settle(page);
      return page.evaluate(() => ({ ...(window.__explorer.store.state.s2 as { x0: number; y0: number }) }));
    };
    const a = await dragTo(0.5, 0.5);
    const b = await dragTo(0.7, 0.3);
    expect(b.x0).toBeGreaterThan(a.x0 + 0.3);
    expect(b.y0).toBeGreaterThan(a.y0 + 0.3);
    for (const q of [a, b]) for (const v of [q.x0, q.y0]) expect(Math.abs(v)).toBeLessThanOrEqual(1.6);
    expect(await cellValue(page, 's2.loss.hb')).not.toBe(lossBefore);
    // The tuning buttons are the library's heavy-ball tuning rules (kappa = 10: mu = 0.1, L = 1).
    for (const rule of ['polyak', 'lecture']) {
      await page.locator(`#s2-panel [data-tune="${rule}"]`).click();
      const tuned = tuningRule('hb', rule).params(0.1, 1);
      const st = await page.evaluate(() => ({ ...(window.__explorer.store.state.s2 as { alpha: number; beta: number }) }));
      expect(st.alpha).toBe(+tuned.alpha.toPrecision(6));
      expect(st.beta).toBe(+tuned.beta.toPrecision(6));
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('section 3 labels each direction with the library regime and |z|; simulation matches R^k', async () => {
    const { page, errors } = await openPage(ex, '?s3.beta=0.999&s3.alpha=0.002&s3.dirs=4&s3.kappa=100&s3.steps=200');
    await mountSection(page, 's3');
    await settle(page);
    const m = linearMethod('hb', { alpha: 0.002, beta: 0.999 });
    const hs = logspace(0.01, 1, 4);
    for (let j = 0; j < 4; j++) {
      expect(await cellText(page, `s3.regime.${j}`)).toBe(directionRegime(m, hs[j]));
      expect(await cellValue(page, `s3.rate.${j}`)).toBeCloseTo(directionRate(m, hs[j]), 12);
      expect(await cellValue(page, `s3.err.${j}`)).toBeLessThan(1e-9);
    }
    expect(await cellText(page, `s3.regime.0`)).toBe('underdamped');
    // Move beta with the keyboard: the lecture's overdamped preset, then check again.
    await typeValue(page, 's3.beta', 0.9);
    await settle(page);
    const m9 = linearMethod('hb', { alpha: 0.002, beta: 0.9 });
    for (let j = 0; j < 4; j++) expect(await cellText(page, `s3.regime.${j}`)).toBe(directionRegime(m9, hs[j]));
    expect(await cellText(page, `s3.regime.3`)).toBe('overdamped');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('section 4 shows the library thresholds, worst rate and optimum', async () => {
    const { page, errors } = await openPage(ex, '?s4.kappa=50&s4.alpha=1.5&s4.beta=0.6&s4.beta1=0.64&s4.alpha1=0.8');
    await mountSection(page, 's4');
    await settle(page);
    const t = regimeThresholds(linearMethod('hb', { alpha: 0.8, beta: 0.64 }));
    expect(await cellValue(page, 's4.T')).toBeCloseTo(t.T!, 12);
    expect(await cellValue(page, 's4.stability')).toBeCloseTo(t.stability!, 12);
    const point = worstRateOverInterval(linearMethod('hb', { alpha: 1.5, beta: 0.6 }), 1 / 50, 1).rate;
    expect(await cellValue(page, 's4.rate.point')).toBeCloseTo(point, 12);
    // Export: the SVG of a chart downloads, and the CLI line names the same method and parameters.
    await page.locator('#s4-rho details.export summary').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#s4-rho .export-body button', { hasText: 'SVG' }).first().click()]);
    const svgPath = join(screenshots, 'export-rho.svg');
    await download.saveAs(svgPath);
    const svg = readFileSync(svgPath, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('spectral radius');
    expect(await page.locator('#s4-rho [data-cli]').textContent()).toContain("--method 'hb:alpha=0.8,beta=0.64'");
    const opt = rateMapCurves('hb', [0.5], { mu: 1 / 50, L: 1 }).optimal;
    expect(await cellValue(page, 's4.alpha.optimal')).toBeCloseTo(opt.alpha, 12);
    expect(await cellValue(page, 's4.rate.optimal')).toBeCloseTo(opt.rate, 12);

    // The rate map is drawn under the chart for speed; its exports must still hold the raster and match the screen.
    await page.waitForFunction(() => (document.querySelector('#s4-map .status')?.textContent ?? '').includes('rateMap()'));
    await page.locator('#s4-map details.export summary').click();
    const saveExport = async (button: string, nth: number, file: string) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#s4-map .export-body button', { hasText: button }).nth(nth).click()]);
      const path = join(screenshots, file);
      await dl.saveAs(path);
      return path;
    };
    const mapSvg = readFileSync(await saveExport('SVG', 0, 'export-ratemap.svg'), 'utf8');
    expect(mapSvg).toMatch(/<image[^>]+href="data:image\/png;base64,/);
    // PNG (drawn at 2x): sample a 12 x 12 grid inside the raster and compare with the screen pixel there.
    const mapPng = PNG.sync.read(readFileSync(await saveExport('PNG', 0, 'export-ratemap.png')));
    const plot = page.locator('#s4-map .plot.interactive');
    await page.locator('#s4-map details.export summary').click(); // close the menu before the screenshot
    const screen = PNG.sync.read(await plot.screenshot());
    const rect = await plot.evaluate((el) => {
      const d = (el.querySelector('canvas.chart-raster') as HTMLElement).dataset;
      return { x: Number(d.x), y: Number(d.y), w: Number(d.w), h: Number(d.h) };
    });
    expect(rect.w).toBeGreaterThan(100);
    let same = 0, total = 0;
    for (let i = 0; i < 12; i++) for (let j = 0; j < 12; j++) {
      const x = Math.round(rect.x + 4 + ((rect.w - 8) * (i + 0.5)) / 12), y = Math.round(rect.y + 4 + ((rect.h - 8) * (j + 0.5)) / 12);
      // The export has its title line (24 CSS px, web/src/ui/chart.ts TITLE_H) above the chart.
      const a = 4 * (y * screen.width + x), b = 4 * ((2 * (y + 24) + 1) * mapPng.width + 2 * x + 1);
      const over = (c: number) => Math.round((mapPng.data[b + c] * mapPng.data[b + 3] + 255 * (255 - mapPng.data[b + 3])) / 255);
      total++;
      if ([0, 1, 2].every((c) => Math.abs(screen.data[a + c] - over(c)) <= 6)) same++;
    }
    expect(same / total).toBeGreaterThan(0.9);
    // CSV: one row per grid point with the worker's rate, equal (to float32) to the library's worst rate there.
    await page.locator('#s4-map details.export summary').click();
    const csv = readFileSync(await saveExport('CSV', 0, 'export-ratemap.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('alpha,beta,worst_rho');
    expect(csv.length).toBe(256 * 256 + 1);
    for (const line of [csv[1], csv[1000], csv[40000], csv[65536]]) {
      const [alpha, beta, rho] = line.split(',').map(Number);
      expect(Math.abs(rho - worstRateOverInterval(linearMethod('hb', { alpha, beta }), 1 / 50, 1).rate)).toBeLessThan(1e-6 * Math.max(1, rho));
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the method pickers list every linear method; section 4 draws a picked one with the generic form analysis', async () => {
    const { page, errors } = await openPage(ex, '?s4.pick=qhm:alpha=0.5,nu=0.5');
    await mountSection(page, 's4');
    await settle(page);
    const options = await page.locator('select[data-key="s4.pick.method"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(['', ...linearMethodNames()]);
    // The inputs are generated from the method's ParamInfo: qhm has alpha, beta, nu.
    expect(await page.locator('[data-picker="s4.pick"] [data-param]').evaluateAll((es) => es.map((e) => (e as HTMLElement).dataset.param))).toEqual(['s4.pick.alpha', 's4.pick.beta', 's4.pick.nu']);
    const { form } = linearFormOf('qhm:alpha=0.5,nu=0.5', { mu: 1e-4, L: 1 });
    expect(await cellValue(page, 's4.pick.rate')).toBeCloseTo(formWorstRate(form, 1e-4, 1).rate, 12);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('section 4 maps any linear method over two of its parameters: qhm over (beta, nu), rateMapOf in the worker', async () => {
    const { page, errors } = await openPage(ex, '?s4.kappa=50&s4.n=64');
    await mountSection(page, 's4');
    await settle(page);
    const status = () => page.locator('#s4-map .status').textContent().then((t) => t ?? '');
    expect(await page.locator('select[data-key="s4.method"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(linearMethodNames());
    await page.locator('select[data-key="s4.method"]').selectOption('qhm');
    await page.waitForFunction(() => (document.querySelector('#s4-map .status')?.textContent ?? '').includes('rateMapOf()'));
    // qhm's numeric parameters are the axis choices; the default axes are its learning rate and its momentum.
    expect(await page.locator('select[data-key="s4.xkey"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['alpha', 'beta', 'nu']);
    expect(await status()).toContain('over (alpha, beta)');
    await page.locator('select[data-key="s4.xkey"]').selectOption('beta');
    await page.locator('select[data-key="s4.ykey"]').selectOption('nu');
    await page.waitForFunction(() => (document.querySelector('#s4-map .status')?.textContent ?? '').includes('over (beta, nu)'));
    await settle(page);
    expect(await status()).toContain('64×64 grid');
    // One cell of the worker's map (the CSV export) against rateMapOf in Node, to float32.
    await page.locator('#s4-map details.export summary').click();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#s4-map .export-body button', { hasText: 'CSV' }).first().click()]);
    const path = join(screenshots, 'export-ratemap-qhm.csv');
    await dl.saveAs(path);
    await page.locator('#s4-map details.export summary').click();
    const csv = readFileSync(path, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('beta,nu,worst_rho');
    expect(csv.length).toBe(64 * 64 + 1);
    for (const line of [csv[1], csv[1 + 64 * 31 + 47], csv[64 * 64]]) {
      const [beta, nu, rho] = line.split(',').map(Number);
      const node = rateMapOf('qhm', { key: 'beta', values: [beta] }, { key: 'nu', values: [nu] }, { mu: 1 / 50, L: 1 }).rho[0];
      expect(Math.abs(rho - node)).toBeLessThan(1e-6 * Math.max(1, node));
    }
    // The best cell (the diamond's read-out) is the library's rate there.
    const bx = await cellValue(page, 's4.alpha.optimal'), by = await cellValue(page, 's4.beta.optimal');
    const bestNode = rateMapOf('qhm', { key: 'beta', values: [bx] }, { key: 'nu', values: [by] }, { mu: 1 / 50, L: 1 }).rho[0];
    expect(Math.abs((await cellValue(page, 's4.rate.optimal')) - bestNode)).toBeLessThan(1e-6);
    // The CLI line renders the same map.
    expect(await page.locator('#s4-map [data-cli]').textContent()).toContain("momentum-lab plot rate-map 'method=qhm' 'x=beta' 'y=nu' 'kappa=50' 'n=64'");
    const perf = await page.evaluate(() => window.__explorer.perf());
    console.log(`[explorer perf] rateMapOf 64x64 qhm (beta, nu) in the worker: ${(perf['s4.ratemapof.qhm.64'] ?? []).map((x) => x.toFixed(1)).join(', ')} ms`);
    await plotShot(page, 's4-map-qhm-1440');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('section 8 certifies any method by spec or a typed (A, B, C, D), with inline errors and the same CLI command', async () => {
    const spec = 'qhm:alpha=0.7,beta=0.5,nu=0.7';
    const { page, errors } = await openPage(ex, `?s8.spec=${spec}`);
    await mountSection(page, 's8');
    const runs = () => page.evaluate(() => (window.__explorer.perf()['s8.certify'] ?? []).length);
    const certified = (ss: Parameters<typeof certifyRate>[0]) => certifyRate(ss, 0.01, 1, { iqc: 'weighted' }).rate;
    const userCell = async (expected: number | null) => {
      if (expected === null) expect(await cellText(page, 's8.cert.user')).toBe('none < 1');
      else expectNear(await cellValue(page, 's8.cert.user'), expected, 1e-7);
    };
    await userCell(certified(certifyMethod(spec, 0.01, 1).stateSpace));
    expect(await page.locator('select[data-key="s8.spec.method"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(linearMethodNames());
    await page.locator('#s8-certify details.export summary').click();
    const cli = (await page.locator('#s8-certify [data-cli]').textContent())!;
    for (const m of ['gd:tune=optimal', 'hb:tune=polyak', 'nag:tune=standard', 'tmm', spec]) expect(cli).toContain(`momentum-lab certify --method '${m}' --mu '0.01' --L '1'`);
    await page.locator('#s8-certify details.export summary').click();
    // An invalid spec: the library's error inline, naming the parameter; the state keeps the last valid spec.
    const box = page.locator('[data-key="s8.spec"]');
    await box.fill('qhm:beta=1.5');
    await box.press('Enter');
    expect(await page.locator('[data-error="s8.spec"]').textContent()).toContain('qhm.beta = 1.5 is invalid');
    expect(await page.evaluate(() => window.__explorer.store.state.s8.spec)).toBe(spec);
    // A typed linear form: a wrong shape is refused inline, a right one is certified like the library does.
    const before = await runs();
    await page.locator('[data-key="s8.user"] label', { hasText: 'linear form' }).click();
    await page.waitForFunction((n) => (window.__explorer.perf()['s8.certify'] ?? []).length > n, before);
    await userCell(certified(twoTermStateSpace(0.5, 0.5, 0.3)));
    const b = page.locator('[data-key="s8.B"]');
    await b.fill('-0.5');
    await b.press('Enter');
    expect(await page.locator('[data-error="s8.ss"]').textContent()).toContain('state-space.B');
    const n2 = await runs();
    await b.fill('[-0.4, 0]');
    await b.press('Enter');
    await page.waitForFunction((n) => (window.__explorer.perf()['s8.certify'] ?? []).length > n, n2);
    expect(await page.locator('[data-error="s8.ss"]').textContent()).toBe('');
    await userCell(certified(twoTermStateSpace(0.4, 0.5, 0.3)));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('section 9 (noise) shows the library NQM: steps, noise floor (x 1/4 for 4x the batch), tuned curves, effective learning rate', async () => {
    const { page, errors } = await openPage(ex, '?s9.method=hb&s9.b=8&s9.alpha=0.05&s9.beta=0.9&s9.target=0.01&s9.K=5000&s9.eq=1', { width: 1440, height: 900 });
    await page.addStyleTag({ content: '.site-head { position: static !important; }' });
    await mountSection(page, 's9');
    await settle(page);
    const setup = nqmSetup({ dim: 1000 }), bins = nqmBins(setup, { ratio: 0.05 });
    expect(bins.h.length).toBe(91);
    const spec = 'hb:alpha=0.05,beta=0.9', eff = 0.05 / (1 - 0.9);
    // Steps to target and the noise floor at B = 2^8, on the same 91 bins; SGD at alpha / (1 - beta) next to it.
    const steps = nqmStepsToTarget(spec, bins, 256, 0.01).steps!;
    expect(steps).toBe(3014);
    expect(await s9Steps(page, 's9.steps.m')).toBe(steps);
    const sgdSteps = nqmStepsToTarget(`gd:alpha=${eff}`, bins, 256, 0.01).steps!;
    expect(await s9Steps(page, 's9.steps.sgd')).toBe(sgdSteps);
    expect(Math.abs(sgdSteps - steps) / steps).toBeLessThan(0.02); // 3053 vs 3014: the effective learning rate
    const floor = nqmSteadyStateRisk(spec, bins, 256).risk!;
    expectNear(await cellValue(page, 's9.floor.m'), floor);
    expect(Number(await page.locator('[data-readout="s9.batchline"]').getAttribute('data-eff'))).toBe(eff);
    expect(nqmLowerBound(bins, 256, 0.01).notebook).toBeCloseTo(1000 / (2 * 0.01 * 256), 9);
    expect(await cellText(page, 's9.batchline')).toContain('lower bound on the steps D/(2 J_target B) = 195.3.');
    // The exact sum over all 1000 directions (worker) against the bins.
    const exact = nqmStepsToTarget(spec, setup, 256, 0.01).steps!;
    expect(await s9Steps(page, 's9.exact')).toBe(exact);
    expect(Math.abs(exact - steps) / exact).toBeLessThan(0.01);
    // The tuned curves from the workers equal nqmBatchCurve in Node (same bins, batch sizes 2^0..2^16).
    await page.waitForFunction(() => (document.querySelector('#s9-batch .status')?.textContent ?? '').startsWith('Tuned curves'), null, { timeout: 60_000 });
    const perf0 = await page.evaluate(() => window.__explorer.perf());
    const batches = Array.from({ length: 17 }, (_, i) => 2 ** i);
    const gd = nqmBatchCurve('gd', bins, batches, 0.01);
    expect(await cellValue(page, 's9.tuned.steps.gd')).toBe(gd[8].steps);
    expectNear(await cellValue(page, 's9.tuned.alpha.gd'), gd[8].alpha!);
    expectNear(await cellValue(page, 's9.tuned.crit.gd'), nqmCriticalBatch(gd).interpolated!);
    // Four times the batch: the noise floor divides by exactly 4, the steps follow the library.
    await typeValue(page, 's9.b', 10);
    await settle(page);
    expectNear(await cellValue(page, 's9.floor.m'), floor / 4, 1e-12);
    expect(await s9Steps(page, 's9.steps.m')).toBe(nqmStepsToTarget(spec, bins, 1024, 0.01).steps);
    await page.locator('#s9').screenshot({ path: join(screenshots, 's9-noise-1440.png') });
    // Tuned heavy ball at B = 2^14: alpha / (1 - beta) far above SGD's limit 2, which never reaches the target.
    await typeValue(page, 's9.b', 14);
    await settle(page);
    const hb = nqmBatchCurve('hb', bins, batches, 0.01)[14];
    expect(await cellValue(page, 's9.tuned.steps.hb')).toBe(hb.steps);
    await page.locator('[data-tune="hb"]').click();
    await settle(page);
    const tunedState = await page.evaluate(() => ({ ...(window.__explorer.store.state.s9 as { alpha: number; beta: number }) }));
    expectNear(tunedState.alpha, hb.alpha!, 1e-12); // the grids' 10^x may differ in the last bit between Chromium and Node
    expectNear(tunedState.beta, hb.beta!, 1e-12);
    expect(await s9Steps(page, 's9.steps.m')).toBe(hb.steps);
    expect(hb.effectiveLearningRate!).toBeGreaterThan(2);
    await s9Steps(page, 's9.steps.sgd');
    expect(await cellText(page, 's9.steps.sgd')).toBe('never (unstable)');
    await page.locator('#s9').screenshot({ path: join(screenshots, 's9-noise-tuned-1440.png') });
    // Interaction latency of the loss chart (main thread: exact expectations + redraw), printed.
    await page.evaluate(() => window.__explorer.clearPerf());
    const slider = page.locator('input[type=range][data-key="s9.alpha"]');
    await slider.scrollIntoViewIfNeeded();
    const box = (await slider.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 0; i < 25; i++) {
      await page.mouse.move(box.x + box.width * (0.5 + (0.25 * i) / 25), box.y + box.height / 2);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    }
    await page.mouse.up();
    await settle(page);
    const perf = await page.evaluate(() => window.__explorer.perf());
    const loss = perf['s9.loss'] ?? [];
    console.log(`[explorer perf] s9 alpha drag (exact loss on 91 bins x 161 steps, x2 with SGD, + steps to target + redraw): n=${loss.length} median ${median(loss).toFixed(1)} ms, p95 ${p95(loss).toFixed(1)} ms (of which the library: median ${median(perf['s9.loss.compute'] ?? [0]).toFixed(1)} ms, p95 ${p95(perf['s9.loss.compute'] ?? [0]).toFixed(1)} ms); ` +
      `worker: steps at B ${median(perf['s9.steps.worker'] ?? [0]).toFixed(0)} ms, exact sum ${median(perf['s9.exact.worker'] ?? [0]).toFixed(0)} ms, sample (1000 directions x 6000 steps) ${median(perf0['s9.sample.worker'] ?? [0]).toFixed(0)} ms, fixed curves ${median(perf['s9.fixed.worker'] ?? [0]).toFixed(0)} ms, tuned curves gd/hb/nag ${['gd', 'hb', 'nag'].map((m) => (perf0[`s9.curve.worker.${m}`] ?? [0])[0].toFixed(0)).join('/')} ms`);
    expect(loss.length).toBeGreaterThanOrEqual(5);
    expect(errors).toEqual([]);
    await page.close();
    // The phone width: no horizontal overflow, screenshot.
    const phone = await openPage(ex, '?s9.b=10', { width: 390, height: 844 });
    await mountSection(phone.page, 's9');
    await settle(phone.page);
    const wide = await phone.page.evaluate(() => [...document.querySelectorAll('#s9 *')].filter((e) => e instanceof HTMLElement && !e.closest('.katex-mathml') && e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((e) => `${e.tagName.toLowerCase()}.${(e as HTMLElement).className} ${Math.round(e.getBoundingClientRect().right)}`).slice(0, 12));
    expect(wide).toEqual([]);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await phone.page.addStyleTag({ content: '.site-head { position: static !important; }' });
    await phone.page.locator('#s9').screenshot({ path: join(screenshots, 's9-noise-390.png') });
    expect(phone.errors).toEqual([]);
    await phone.page.close();
  }, 120_000);

  it('section 9 shows no number where there is none: unstable SGD, a floor above the target, too small a learning rate', async () => {
    const bins = nqmBins(nqmSetup({ dim: 1000 }), { ratio: 0.05 });
    const odd = await openPage(ex, '?s9.method=gd&s9.alpha=3&s9.b=4');
    await mountSection(odd.page, 's9');
    expect(await s9Steps(odd.page, 's9.steps.m')).toBeNaN();
    expect(await cellText(odd.page, 's9.steps.m')).toBe('never (unstable)');
    expect(await cellText(odd.page, 's9.floor.m')).toBe('unstable');
    expect(nqmSteadyStateRisk('gd:alpha=3', bins, 16).status).toBe('unstable');
    await typeValue(odd.page, 's9.alpha', 1e-8);
    await s9Steps(odd.page, 's9.steps.m');
    expect(await cellText(odd.page, 's9.steps.m')).toBe('over 10⁹');
    await odd.page.locator('[data-key="s9.method"] label', { hasText: 'Heavy ball' }).click();
    await typeValue(odd.page, 's9.alpha', 0.5);
    await typeValue(odd.page, 's9.b', 0);
    await s9Steps(odd.page, 's9.steps.m');
    expect(await cellText(odd.page, 's9.steps.m')).toBe('never (floor ≥ target)');
    expectNear(await cellValue(odd.page, 's9.floor.m'), nqmSteadyStateRisk('hb:alpha=0.5,beta=0.9', bins, 1).risk!);
    expect(odd.errors).toEqual([]);
    await odd.page.close();
  }, 120_000);

  it('the URL round-trips: slider moves write the URL, and loading it restores the state', async () => {
    const { page, errors } = await openPage(ex);
    await mountSection(page, 's2');
    const slider = page.locator('input[type=range][data-key="s2.beta"]');
    await slider.focus();
    for (let i = 0; i < 5; i++) await slider.press('ArrowRight');
    await typeValue(page, 's2.kappa', 42);
    await page.locator('[data-key="s2.problem"] label', { hasText: 'Rosenbrock' }).click();
    await page.evaluate(() => window.__explorer.store.writeUrl());
    const url = page.url();
    expect(url).toContain('s2.kappa=42');
    expect(url).toContain('s2.problem=rosenbrock');
    const state = await page.evaluate(() => JSON.stringify(window.__explorer.store.state));
    expect(JSON.parse(state).s2.beta).toBeCloseTo(0.4 + 5 * 0.001, 10); // the default 0.4 plus five arrow-key steps of 0.001
    const { page: page2, errors: errors2 } = await openPage(ex, url.slice(ex.url.length));
    expect(await page2.evaluate(() => JSON.stringify(window.__explorer.store.state))).toBe(state);
    expect(await page2.locator('#notice').isHidden()).toBe(true);
    expect([...errors, ...errors2]).toEqual([]);
    await page.close(); await page2.close();
  });

  it('a malformed URL falls back to defaults with a visible notice naming each bad parameter', async () => {
    const { page, errors } = await openPage(ex, '?s2.kappa=banana&s4.beta=7&nope=1&s2.alpha=0.3');
    const notice = page.locator('#notice');
    await notice.waitFor({ state: 'visible' });
    const text = (await notice.textContent())!;
    expect(text).toContain('s2.kappa="banana" is not a number in [1, 1000]; using the default 25');
    expect(text).toContain('s4.beta="7"');
    expect(text).toContain('unknown parameter "nope"');
    const s = await page.evaluate(() => window.__explorer.store.state);
    expect(s.s2.kappa).toBe(25);
    expect(s.s2.alpha).toBe(0.3);
    expect(s.s4.beta).toBe(0.9999); // out of range: clamped to the end of s4.beta's range [0, 0.9999] (3c61fc0)
    await page.screenshot({ path: join(screenshots, 'malformed-url.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('holds its layout from 360 px to 4K', async () => {
    for (const [w, hgt, name] of [[360, 780, 'phone-360'], [3840, 2160, '4k']] as const) {
      const { page, errors } = await openPage(ex, '', { width: w, height: hgt });
      for (const id of w === 360 ? SECTIONS : ['s2']) await mountSection(page, id);
      await settle(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.locator('#s2').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(screenshots, `${name}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('measures slider-drag frame times and the 256x256 rate map (printed, not asserted)', async () => {
    const { page, errors } = await openPage(ex, '?s2.steps=1000&s3.steps=1000');
    for (const id of ['s2', 's3', 's4']) await mountSection(page, id);
    await settle(page);
    await page.evaluate(() => window.__explorer.clearPerf());
    for (const key of ['s2.beta', 's3.beta']) {
      const slider = page.locator(`input[type=range][data-key="${key}"]`);
      await slider.scrollIntoViewIfNeeded();
      const box = (await slider.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
      await page.mouse.down();
      for (let i = 0; i < 30; i++) {
        await page.mouse.move(box.x + box.width * (0.3 + (0.4 * i) / 30), box.y + box.height / 2);
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      }
      await page.mouse.up();
    }
    // Rate maps: change kappa five times at n = 256, each computed in the worker and drawn.
    for (const kappa of [20, 40, 80, 160, 320]) {
      await typeValue(page, 's4.kappa', kappa);
      await page.waitForFunction((k) => (window.__explorer.perf()['s4.ratemap256'] ?? []).length >= k, [20, 40, 80, 160, 320].indexOf(kappa) + 1);
    }
    const perf = await page.evaluate(() => window.__explorer.perf());
    const s2 = perf['s2.update'] ?? [], s3 = perf['s3.update'] ?? [], maps = perf['s4.ratemap256'] ?? [], work = perf['s4.ratemap.worker'] ?? [];
    console.log(`[explorer perf] s2 drag (3 methods x 1000 steps, 3 charts): n=${s2.length} median ${median(s2).toFixed(1)} ms, p95 ${p95(s2).toFixed(1)} ms`);
    console.log(`[explorer perf] s3 drag (5 directions x 1000 steps + closed form, 3 charts): n=${s3.length} median ${median(s3).toFixed(1)} ms, p95 ${p95(s3).toFixed(1)} ms`);
    console.log(`[explorer perf] 256x256 rate map: worker compute median ${median(work).toFixed(1)} ms; compute+transfer+paint+redraw median ${median(maps).toFixed(1)} ms (n=${maps.length})`);
    expect(s2.length).toBeGreaterThanOrEqual(10);
    expect(s3.length).toBeGreaterThanOrEqual(10);
    expect(maps.length).toBe(5);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the static server serves only its own files', async () => {
    const get = (path: string) => new Promise<number>((ok, fail) => {
      const u = new URL(ex.url);
      const req = request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => { res.resume(); ok(res.statusCode!); });
      req.on('error', fail);
      req.end();
    });
    expect(await get('/')).toBe(200);
    expect(await get('/../package.json')).not.toBe(200);
    expect(await get('/%2e%2e/package.json')).not.toBe(200);
    expect(await get('/..%2f..%2fetc/passwd')).not.toBe(200);
    expect(await get('/nonexistent.js')).toBe(404);
  });
});
