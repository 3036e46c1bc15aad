import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, reportExitStatus, type ReportSummary } from '../../cli/report/build.js';
import { allChecks } from '../../cli/report/checks/index.js';
import type { Check } from '../../cli/report/check.js';
import { close } from '../../cli/report/check.js';
import { inline, prose } from '../../cli/report/math.js';
import { sections } from '../../cli/report/sections.js';
import { figures } from '../../src/plot/index.js';

// The report in quick mode is the regression test of the whole library: every claim of the lecture is re-checked.
let summary: ReportSummary;
let html: string;
let json: { summary: { checks: number; passed: number; failed: string[] }; checks: { id: string; kind: string; pass: boolean; predicted: unknown; measured: unknown; tolerance: string }[] };

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'report-'));
  summary = await buildReport({ out, quick: true });
  html = readFileSync(summary.html, 'utf8');
  json = JSON.parse(readFileSync(summary.json, 'utf8'));
}, 120_000);

describe('momentum-lab report --quick', () => {
  it('every check of the lecture passes (the list of failures is empty)', () => {
    expect(summary.failed).toEqual([]);
    expect(reportExitStatus(summary)).toBe(0);
    expect(json.summary.passed).toBe(json.summary.checks);
  });

  it('has at least 25 lecture claims and every erratum of DESIGN.md, each with numbers', () => {
    expect(json.checks.filter((c) => c.kind === 'claim').length).toBeGreaterThanOrEqual(25);
    const errata = json.checks.filter((c) => c.kind === 'erratum').map((c) => c.id);
    expect(errata).toEqual(['erratum-regimes-swapped', 'erratum-T-minus-sign', 'erratum-second-real-regime', 'erratum-worst-function-loss']);
    for (const c of json.checks) {
      expect(c.predicted, c.id).not.toBe('-');
      expect(c.tolerance, c.id).not.toBe('');
    }
    for (const id of errata) expect(html).toContain(`<strong>${id}</strong>`);
  });

  it('draws every figure of src/plot inline, with every section of the lecture', () => {
    const drawn = new Set(sections.flatMap((s) => s.figures.map((f) => f.split(':')[0])));
    expect([...drawn].sort()).toEqual(figures.map((f) => f.name).sort());
    expect(summary.figures).toBe(sections.reduce((n, s) => n + s.figures.length, 0));
    expect((html.match(/<figure>/g) ?? []).length).toBe(summary.figures);
    for (const s of sections) expect(html).toContain(`<section id="${s.id}">`);
  });

  it('is self-contained: no scripts, no external URLs, KaTeX CSS and fonts inlined', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/url\((?!data:|#)/);
    expect(html).toContain('font-family:KaTeX_Main');
    expect(html).toContain('data:font/woff2;base64,');
    expect(html).toContain('class="katex"');
    const text = html.replace(/data:[a-z/0-9+-]+;base64,[A-Za-z0-9+/=]+/g, 'data:');
    expect(text).not.toMatch(/katex-error|NaN|undefined/);
  });
});

describe('the report in headless Chromium', () => {
  it('loads with no failed request or console error, every figure laid out, KaTeX fonts in use', async () => {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const problems: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
      page.on('requestfailed', (r) => problems.push(`failed ${r.url().slice(0, 60)}`));
      await page.goto(`file://${summary.html}`);
      await page.evaluate(() => document.fonts.ready);
      const info = await page.evaluate(() => ({
        figures: [...document.querySelectorAll('figure .svg > svg')].map((svg) => svg.getBoundingClientRect().width),
        katex: document.querySelectorAll('.katex').length,
        katexFont: document.fonts.check('16px KaTeX_Main'),
        figureFont: document.fonts.check('12px "DejaVu Sans"'),
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      }));
      expect(problems).toEqual([]);
      expect(info.figures).toHaveLength(summary.figures);
      for (const w of info.figures) expect(w).toBeGreaterThan(300);
      expect(info.katex).toBeGreaterThan(200);
      expect(info.katexFont).toBe(true);
      expect(info.figureFont).toBe(true);
      expect(info.overflow).toBe(0);
    } finally {
      await browser.close();
    }
  });
});

describe('report building blocks', () => {
  it('a failing check is reported as failed, listed in the JSON and gives exit status 1', async () => {
    const failing: Check = { id: 'deliberately-wrong', section: 'heavy-ball', kind: 'claim', claim: '$1 + 1 = 3$', run: () => close(3, 1 + 1, { abs: 1e-12 }) };
    const throwing: Check = { id: 'throws', section: 'heavy-ball', kind: 'claim', claim: 'x', run: () => { throw new Error('boom'); } };
    const out = mkdtempSync(join(tmpdir(), 'report-fail-'));
    const s = await buildReport({ out, checks: [failing, throwing, allChecks[0]], figures: false });
    expect(s.failed).toEqual(['deliberately-wrong', 'throws']);
    expect(reportExitStatus(s)).toBe(1);
    const j = JSON.parse(readFileSync(s.json, 'utf8'));
    expect(j.checks[0]).toMatchObject({ id: 'deliberately-wrong', predicted: 3, measured: 2, pass: false });
    expect(j.checks[1].note).toBe('threw: boom');
    expect(readFileSync(s.html, 'utf8')).toContain('<span class="fail">FAIL</span>');
  });

  it('close() compares with max(abs, rel |predicted|)', () => {
    expect(close(100, 100.5, { rel: 0.01 }).pass).toBe(true);
    expect(close(100, 101.5, { rel: 0.01 }).pass).toBe(false);
    expect(close(0, 1e-13, { abs: 1e-12 }).pass).toBe(true);
    expect(close(1, NaN, { abs: 1 }).pass).toBe(false);
  });

  it('math: $...$ becomes KaTeX, text is escaped, lists and display math are recognised', () => {
    expect(inline('a < b and $\\beta$')).toMatch(/^a &lt; b and <span class="katex">/);
    expect(prose('- one\n- two')).toBe('<ul><li>one</li><li>two</li></ul>');
    expect(prose('$$x^2$$')).toMatch(/^<div class="display"><span class="katex-display">/);
    expect(() => inline('$\\frac{1}$')).toThrow();
  });
});
