// The explorer as an article (issue 15), in Debian's chromium: the first momentum figure is above the fold at
// 1440x900; a method has one colour in every chart and in the header legend (the palette of src/plot/theme.ts); no
// text or formula overflows its panel at 1440 and 390 px; Back/Forward restore the state; every panel anchor scrolls
// to its panel; state links set what they name; no chart is named "Vega visualization". Screenshots of every section
// at both widths go to test/browser/screenshots/article-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { startExplorer, openPage, mountSection, screenshots, type Explorer } from './harness.js';
import { methodColors } from '../../src/plot/theme.js';

const READING = ['s2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's1'];

let ex: Explorer;
beforeAll(async () => { ex = await startExplorer(); });
afterAll(async () => { await ex?.close(); });

async function settle(page: Page, ms = 50): Promise<void> {
  await page.evaluate((t) => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, t)))), ms);
}

async function mountAll(page: Page): Promise<void> {
  for (const id of READING) await mountSection(page, id);
  await settle(page, 300);
}

/** Every chart's colour scales on the page, as label -> colour pairs (domain[i] -> range[i]). */
async function colourPairs(page: Page): Promise<{ chart: string; label: string; color: string }[]> {
  return page.evaluate(() => {
    const out: { chart: string; label: string; color: string }[] = [];
    for (const c of window.__explorer.charts()) {
      for (const name of c.scaleNames) {
        const sc = c.view.scale(name) as unknown as { domain?: () => unknown[]; range?: () => unknown[]; type?: string } | undefined;
        if (!sc?.domain || !sc.range) continue;
        const dom = sc.domain(), ran = sc.range();
        if (!Array.isArray(ran) || !ran.length || !ran.every((r) => typeof r === 'string' && /^#|^rgb/.test(r))) continue;
        if (!['ordinal', 'point', 'band'].includes(String(sc.type))) continue;
        dom.forEach((d, i) => out.push({ chart: c.name, label: String(d), color: String(ran[i % ran.length]).toLowerCase() }));
      }
    }
    return out;
  });
}

/** Panels whose content is wider than the panel, and formula boxes that scroll without the fade cue. */
async function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    const scrolls = (el: Element) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
    for (const p of document.querySelectorAll<HTMLElement>('.panel')) {
      if (p.scrollWidth > p.clientWidth + 1) bad.push(`${p.id}: scrollWidth ${p.scrollWidth} > clientWidth ${p.clientWidth}`);
      const right = p.getBoundingClientRect().right;
      for (const e of p.querySelectorAll<HTMLElement>('p, span, output, label, td, th, h3, .katex, .math, code, pre, button, select, input, canvas, svg')) {
        // Inside a scroll box (formula boxes, tables), the box is what must fit.
        let a = e.parentElement, inner = false;
        while (a && a !== p) { if (scrolls(a)) { inner = true; break; } a = a.parentElement; }
        if (inner || e.closest('.export-body, .sr-only, [hidden]')) continue;
        const r = e.getBoundingClientRect();
        if (r.width > 0 && r.right > right + 1) bad.push(`${p.id}: <${e.tagName.toLowerCase()} class="${e.className}"> "${(e.textContent ?? '').slice(0, 30)}" ends ${Math.round(r.right - right)} px past the panel`);
      }
      for (const f of p.querySelectorAll<HTMLElement>('.formulas .math.display')) {
        if (f.scrollWidth > f.clientWidth + 1 && f.scrollLeft + f.clientWidth < f.scrollWidth - 2 && !f.classList.contains('clipped')) {
          bad.push(`${p.id}: a formula scrolls with no visible cue`);
        }
      }
    }
    return bad;
  });
}

describe('the explorer as an article', () => {
  it('opens on momentum: the first momentum figure is above the fold at 1440x900, the intro says where to start', async () => {
    const { page, errors } = await openPage(ex, '', { width: 1440, height: 900 });
    await page.waitForFunction(() => window.__explorer.ready.has('s2'), null, { timeout: 30_000 });
    await settle(page, 200);
    const fig = await page.evaluate(() => {
      const plot = document.querySelector('#s2 .view .plot')!.getBoundingClientRect();
      return { top: plot.top, visible: Math.min(plot.bottom, innerHeight) - Math.max(plot.top, 0), height: plot.height };
    });
    console.log(`[article] s2's first figure: top ${fig.top.toFixed(0)} px, ${fig.visible.toFixed(0)} of ${fig.height.toFixed(0)} px visible at 1440x900`);
    expect(fig.top).toBeLessThan(900);
    expect(fig.visible / fig.height).toBeGreaterThan(0.6);
    expect(await page.locator('.intro').textContent()).toContain('drag the start point or the β slider in the figure below');
    // Order and numbers: momentum first, general dynamics last under its own chapter heading.
    const order = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.lecture-section')].map((s) => [s.id, s.querySelector('h2 .num')!.textContent]));
    expect(order).toEqual(READING.map((id, i) => [id, String(i + 1)]));
    expect(await page.locator('h2.chapter + #s1').count()).toBe(1);
    expect(await page.locator('h2.chapter').last().textContent()).toContain('general dynamics');
    await page.screenshot({ path: join(screenshots, 'article-top-1440.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('one method, one colour: every chart and the header legend use the palette table', async () => {
    const { page, errors } = await openPage(ex, '', { width: 1440, height: 900 });
    await mountAll(page);
    const labels = await page.evaluate(() => window.__explorer.methodLabels);
    // A series label names a method if it is the method's label or starts with it ("Heavy ball (Polyak)",
    // "GD (α = 1/L)", "heavy ball tuned"); "d'Aspremont" names Nesterov's other form, "SGD" is gd.
    const byLength = Object.entries(labels).filter(([k]) => k in methodColors).sort((a, b) => b[1].length - a[1].length);
    const methodOf = (label: string): string | undefined => {
      const l = label.toLowerCase();
      if (l.includes("d'aspremont")) return 'nag-aspremont';
      if (/^sgd\b/.test(l)) return 'gd'; // "SGD tuned", "SGD at α/(1−β)": SGD is GD (here with the effective rate as its step)
      return byLength.find(([, m]) => l === m.toLowerCase() || l.startsWith(`${m.toLowerCase()} `) || l.startsWith(`${m.toLowerCase()},`))?.[0];
    };
    const keyOf = { has: (l: string) => methodOf(l) !== undefined, get: (l: string) => methodOf(l) };
    // The header legend and the CSS variables come from the same table.
    const legend = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.legend-row [data-method]')].map((e) => ({
      key: e.dataset.method!, swatch: getComputedStyle(e, '::before').backgroundColor, css: getComputedStyle(document.documentElement).getPropertyValue(`--${e.dataset.method}`).trim(),
    })));
    expect(legend.map((l) => l.key)).toEqual(expect.arrayContaining(['gd', 'hb', 'nag', 'cg']));
    const rgb = (hex: string) => `rgb(${parseInt(hex.slice(1, 3), 16)}, ${parseInt(hex.slice(3, 5), 16)}, ${parseInt(hex.slice(5, 7), 16)})`;
    for (const l of legend) {
      expect(l.swatch).toBe(rgb(methodColors[l.key]));
      expect(l.css.toLowerCase()).toBe(methodColors[l.key].toLowerCase());
    }
    // The table: every method key of the registry, all colours distinct.
    const keys = ['gd', 'hb', 'nag', 'cg', 'chebyshev', 'aggmo', 'qhm', 'nag-aspremont', 'tmm', 'two-term', 'leapfrog', 'torch-sgd', 'optax-sgd', 'keras-sgd', 'tfjs-momentum'];
    for (const k of keys) expect(methodColors[k], k).toMatch(/^#[0-9A-F]{6}$/i);
    expect(new Set(keys.map((k) => methodColors[k].toLowerCase())).size).toBe(keys.length);
    const pairs = await colourPairs(page);
    expect(pairs.length).toBeGreaterThan(20);
    // Every colour problem at once (sections owned by other branches may still have some; see the report).
    const problems: string[] = [];
    // A method label drawn in any chart has its table colour.
    for (const p of pairs) if (keyOf.has(p.label) && p.color !== methodColors[keyOf.get(p.label)!].toLowerCase()) problems.push(`${p.chart}: "${p.label}" in ${p.color}, the table says ${methodColors[keyOf.get(p.label)!]}`);
    // The same label never has two colours across charts.
    const seen = new Map<string, Set<string>>();
    for (const p of pairs) (seen.get(p.label) ?? seen.set(p.label, new Set()).get(p.label)!).add(p.color);
    for (const [l, cs] of seen) if (cs.size > 1) problems.push(`"${l}" has ${cs.size} colours: ${[...cs].join(' ')}`);
    // A non-method series never wears a method's colour (SERIES_COLORS).
    const methodHues = new Map(Object.entries(methodColors).filter(([k]) => k !== 'theory' && k !== 'bound').map(([k, c]) => [c.toLowerCase(), k]));
    for (const p of pairs) if (!keyOf.has(p.label) && methodHues.has(p.color)) problems.push(`${p.chart}: "${p.label}" (not a method) in ${methodHues.get(p.color)}'s ${p.color}`);
    expect([...new Set(problems)]).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('names every chart (never "Vega visualization") and gives it a text alternative', async () => {
    const { page, errors } = await openPage(ex, '', { width: 1440, height: 900 });
    await mountAll(page);
    await settle(page, 500);
    const charts = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.chart')].map((c) => ({
      name: c.getAttribute('aria-label') ?? '', summary: c.getAttribute('aria-describedby') ? document.getElementById(c.getAttribute('aria-describedby')!)?.textContent ?? '' : '',
    })));
    expect(charts.length).toBeGreaterThanOrEqual(25);
    expect(charts.filter((c) => !c.name || /vega visualization/i.test(c.name))).toEqual([]);
    expect(charts.filter((c) => !c.summary.startsWith(c.name))).toEqual([]);
    const anyVega = await page.evaluate(() => [...document.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label')!).filter((l) => /vega visualization/i.test(l)));
    expect(anyVega).toEqual([]);
    // Distinct names (section owners give each chart its own description).
    const dup = charts.map((c) => c.name).filter((n, i, all) => all.indexOf(n) !== i);
    console.log(`[article] ${charts.length} charts, ${new Set(charts.map((c) => c.name)).size} distinct names; repeated: ${JSON.stringify([...new Set(dup)])}`);
    // Interactive plots are focusable.
    expect(await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.plot.interactive')].filter((e) => e.tabIndex < 0).length)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  // Known and open (issue 15): these panels' figure columns are taller than the viewport (s10 stacks three charts, s9's
  // loss chart sits under its read-outs), so no sticky layout keeps their first figure beside the last control yet.
  const NOT_YET_STICKY = ['s9-loss', 's10-network'];
  for (const [w, hgt] of [[1440, 900], [390, 844]] as const) {
    it(`no text or formula overflows its panel at ${w} px; screenshots of every section`, async () => {
      const { page, errors } = await openPage(ex, '', { width: w, height: hgt });
      await mountAll(page);
      const bad = await overflows(page);
      expect(bad).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
      // The TOC: every section reachable (a row that fits or scrolls with a cue; a menu on phones).
      const toc = await page.evaluate(() => {
        const row = document.querySelector<HTMLElement>('.toc-row')!, menu = document.querySelector<HTMLDetailsElement>('.toc-menu')!;
        const rowShown = getComputedStyle(row).display !== 'none';
        return { rowShown, menuShown: getComputedStyle(menu).display !== 'none', overflowing: row.scrollWidth > row.clientWidth, cue: row.classList.contains('more-right') || row.classList.contains('more-left'), links: (rowShown ? row : menu).querySelectorAll('a[data-nav]').length };
      });
      expect(toc.links).toBe(10);
      if (w <= 900) expect(toc).toMatchObject({ rowShown: false, menuShown: true });
      else expect(!toc.overflowing || toc.cue).toBe(true);
      if (w <= 900) {
        await page.locator('.toc-menu summary').click();
        await page.locator('.toc-menu a[data-nav="s7"]').click();
        await page.waitForFunction(() => Math.abs(document.getElementById('s7')!.getBoundingClientRect().top) < 120);
        expect(await page.evaluate(() => document.querySelector<HTMLDetailsElement>('.toc-menu')!.open)).toBe(false);
      }
      // The figure stays in view while the controls scroll: at the last control of each panel, its first figure is on screen.
      const panels = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.panel')].map((p) => p.id));
      const hidden: string[] = [];
      for (const id of panels) {
        const vis = await page.evaluate(async (pid) => {
          const shown = [...document.querySelectorAll<HTMLElement>(`#${pid} .controls .control`)].filter((c) => c.offsetParent !== null && c.getBoundingClientRect().height > 0);
          const last = shown.at(-1);
          if (!last) return null;
          last.scrollIntoView({ block: 'nearest', behavior: 'instant' });
          await new Promise((r) => setTimeout(r, 250)); // charts that resize on scroll-in settle first
          last.scrollIntoView({ block: 'nearest', behavior: 'instant' });
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const plot = document.querySelector(`#${pid} .plot`)!.getBoundingClientRect();
          return Math.min(plot.bottom, innerHeight) - Math.max(plot.top, document.querySelector('.site-head')!.getBoundingClientRect().bottom);
        }, id);
        if (vis === null || NOT_YET_STICKY.includes(id)) continue;
        if (vis < 80) hidden.push(`${id}: ${Math.round(vis)} px of its first figure in view`);
      }
      expect(hidden).toEqual([]);
      for (const id of READING) {
        await page.locator(`#${id}`).scrollIntoViewIfNeeded();
        await page.evaluate((sid) => document.getElementById(sid)!.scrollIntoView({ block: 'start', behavior: 'instant' }), id);
        await settle(page, 150);
        await page.screenshot({ path: join(screenshots, `article-${id}-${w}.png`) });
      }
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('Back and Forward restore the state (one history entry per gesture)', async () => {
    const { page, errors } = await openPage(ex, '', { width: 1440, height: 900 });
    await page.waitForFunction(() => window.__explorer.ready.has('s2'), null, { timeout: 30_000 });
    const beta = () => page.evaluate(() => (window.__explorer.store.state.s2 as { beta: number }).beta);
    const b0 = await beta();
    // A slider dragged with the mouse: many input events, one change on release (the end of the gesture).
    const slider = page.locator('input[type=range][data-key="s2.beta"]');
    await slider.scrollIntoViewIfNeeded();
    const bb = (await slider.boundingBox())!;
    await page.mouse.move(bb.x + bb.width * 0.6, bb.y + bb.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) {
      await page.mouse.move(bb.x + bb.width * (0.6 - 0.03 * i), bb.y + bb.height / 2);
      await page.waitForTimeout(40); // past the store's 150 ms URL debounce, several times
    }
    await page.mouse.up();
    const b1 = await beta();
    expect(b1).toBeLessThan(b0);
    await page.waitForFunction(() => location.search.includes('s2.beta='));
    // A typed value: a second entry.
    const box = page.locator('[data-key-num="s2.kappa"]');
    await box.fill('40');
    await box.press('Enter');
    await page.waitForFunction(() => location.search.includes('s2.kappa=40'));
    const state = () => page.evaluate(() => ({ ...(window.__explorer.store.state.s2 as { beta: number; kappa: number }) }));
    await page.goBack();
    await page.waitForFunction(() => !location.search.includes('s2.kappa=40'));
    expect(await state()).toMatchObject({ kappa: 25, beta: b1 });
    expect(Number(await box.inputValue())).toBe(25);
    await page.goBack();
    await page.waitForFunction(() => !location.search.includes('s2.beta='));
    // Back to the page as loaded: one entry per key press would have needed five more.
    expect(await state()).toMatchObject({ kappa: 25, beta: b0 });
    await page.goForward();
    await page.goForward();
    await page.waitForFunction(() => location.search.includes('s2.kappa=40'));
    expect(await state()).toMatchObject({ kappa: 40, beta: b1 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('every panel anchor scrolls to its panel, on load and on hashchange', async () => {
    const { page, errors } = await openPage(ex, '', { width: 1440, height: 900 });
    await mountAll(page);
    const panels = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.panel')].map((p) => p.id));
    expect(panels.length).toBeGreaterThanOrEqual(15);
    const off: string[] = [];
    for (const id of panels) {
      await page.evaluate((pid) => { location.hash = pid; }, id);
      await settle(page, 200);
      // At the end of the page the last panel cannot reach the top.
      const { top, atEnd } = await page.evaluate((pid) => ({ top: document.getElementById(pid)!.getBoundingClientRect().top, atEnd: scrollY >= document.documentElement.scrollHeight - innerHeight - 1 }), id);
      if (top < 0 || (top > 120 && !atEnd)) off.push(`${id}: top ${Math.round(top)} px`);
    }
    expect(off).toEqual([]);
    await page.close();
    // A fresh load with a deep anchor: the section mounts (sections above it mount lazily), the panel ends in view.
    for (const id of ['s4-map', 's8-counter', 's1-lorenz']) {
      const p2 = await openPage(ex, `#${id}`, { width: 1440, height: 900 });
      await p2.page.waitForFunction((pid) => document.getElementById(pid) !== null, id, { timeout: 30_000 });
      // The anchor's section first renders (s8 certifies in a worker), then the page scrolls and settles.
      await p2.page.waitForFunction((sid) => window.__explorer.ready.has(sid), id.split('-')[0], { timeout: 60_000 });
      await p2.page.waitForTimeout(2500);
      const top = await p2.page.evaluate((pid) => document.getElementById(pid)!.getBoundingClientRect().top, id);
      expect(top, id).toBeGreaterThanOrEqual(0);
      expect(top, id).toBeLessThan(120);
      expect(p2.errors).toEqual([]);
      await p2.page.close();
    }
    expect(errors).toEqual([]);
  }, 240_000);

  it('state links set what they name (one history entry), and a bad one shows a notice', async () => {
    const { page, errors } = await openPage(ex, '', { width: 1440, height: 900 });
    await page.waitForFunction(() => window.__explorer.ready.has('s2'), null, { timeout: 30_000 });
    const links = await page.evaluate(() => [...document.querySelectorAll<HTMLAnchorElement>('.intro a.state-link')].map((a) => ({ set: a.dataset.set, href: a.getAttribute('href'), invalid: a.classList.contains('invalid') })));
    expect(links.length).toBeGreaterThanOrEqual(3);
    expect(links.filter((l) => l.invalid)).toEqual([]);
    const beta0 = await page.evaluate(() => (window.__explorer.store.state.s2 as { beta: number }).beta);
    await page.locator('.intro a.state-link[data-set="s2.beta=0"]').click();
    await page.waitForFunction(() => (window.__explorer.store.state.s2 as { beta: number }).beta === 0);
    await page.waitForFunction(() => location.search.includes('s2.beta=0') && location.hash === '#s2-panel');
    const top = await page.evaluate(() => document.getElementById('s2-panel')!.getBoundingClientRect().top);
    expect(top).toBeLessThan(200);
    await page.goBack();
    await page.waitForFunction((b0) => (window.__explorer.store.state.s2 as { beta: number }).beta === b0, beta0);
    // The Lessard link mounts section 8 and sets x0.
    await page.locator('.intro a.state-link[data-set="s8.x0=0.5"]').click();
    await page.waitForFunction(() => (window.__explorer.store.state.s8 as { x0: number }).x0 === 0.5, null, { timeout: 30_000 });
    // An invalid link (as a section could write it) shows a notice and sets only the valid keys.
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.className = 'state-link';
      a.dataset.set = 's2.beta=2&s2.nope=1&s2.alpha=0.5';
      a.href = '#s2-panel';
      a.id = 'bad-link';
      a.textContent = 'bad';
      document.querySelector('#s2-panel .idea')!.append(a);
    });
    await page.locator('#bad-link').click();
    await page.waitForFunction(() => !document.getElementById('notice')!.hidden);
    const notice = (await page.locator('#notice').textContent())!;
    expect(notice).toContain('s2.beta="2" is outside [0, 0.999]');
    expect(notice).toContain('unknown parameter "s2.nope"');
    expect(await page.evaluate(() => ({ ...(window.__explorer.store.state.s2 as { alpha: number; beta: number }) }))).toMatchObject({ alpha: 0.5, beta: 0.999 });
    expect(errors).toEqual([]);
    await page.close();
  });
});
