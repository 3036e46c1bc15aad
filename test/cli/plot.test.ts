// CLI tests for `plot` and `report`: spawn the built CLI (npm test builds first) and check outputs and exit codes.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';

import { cli } from './spawn-cli.js';
const dir = mkdtempSync(join(tmpdir(), 'plot-cli-'));

describe('momentum-lab plot', () => {
  it('--list --format json lists every figure with its parameters and defaults', () => {
    const r = cli('plot', '--list', '--format', 'json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { name: string; params: { name: string; default: unknown }[] }[];
    expect(list.length).toBe(21); // the lecture's 17, the two noisy-quadratic figures and the two network figures
    const hb = list.find((f) => f.name === 'hb-eigendirections')!;
    expect(hb.params.find((p) => p.name === 'beta')!.default).toBe(0.9);
  });

  it('writes an SVG for FIGURE:k=v and extra k=v parameters, and a summary in JSON', () => {
    const out = join(dir, 'e.svg');
    const r = cli('plot', 'hb-eigendirections:beta=0.999', 'steps=200', '--out', out, '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ figure: 'hb-eigendirections', params: { beta: '0.999', steps: '200' }, format: 'svg' });
    const svg = readFileSync(out, 'utf8');
    expect(summary.bytes).toBe(Buffer.byteLength(svg));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('Heavy ball per eigendirection, β = 0.999');
    expect(svg).toContain('h = 0.001 (underdamped)');
  });

  it('writes a PNG at --scale times the SVG size, with the shipped font (text pixels present)', () => {
    const svgPath = join(dir, 's.svg');
    const pngPath = join(dir, 's.png');
    expect(cli('plot', 'logistic', '--out', svgPath).code).toBe(0);
    expect(cli('plot', 'logistic', '--out', pngPath, '--scale', '1.5').code).toBe(0);
    const svg = readFileSync(svgPath, 'utf8');
    const w = Number(/^<svg[^>]*\swidth="([\d.]+)"/.exec(svg)![1]);
    const img = PNG.sync.read(readFileSync(pngPath));
    expect(img.width).toBe(Math.round(1.5 * w));
    let dark = 0;
    for (let i = 0; i < img.width * 40; i++) if (img.data[4 * i] < 100) dark++;
    expect(dark).toBeGreaterThan(100); // the title's glyphs
  });

  it('writes the Vega-Lite spec with .json, with the theme and inline data', () => {
    const out = join(dir, 'spec.json');
    expect(cli('plot', 'spectral-radius', '--out', out).code).toBe(0);
    const spec = JSON.parse(readFileSync(out, 'utf8'));
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v5.json');
    expect(spec.config.font).toBe('DejaVu Sans, Verdana, sans-serif');
    expect(spec.hconcat).toHaveLength(2);
  });

  it('bad input exits 2 with one line naming the parameter', () => {
    const a = cli('plot', 'hb-eigendirections:beta=2', '--out', join(dir, 'x.svg'));
    expect(a.code).toBe(2);
    expect(a.stderr).toBe('momentum-lab: hb-eigendirections.beta = 2 is invalid: expected a finite number in [0, 1)\n');
    const b = cli('plot', 'nope');
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/^momentum-lab: figure = "nope" is invalid: expected one of linear-systems, /);
    const c = cli('plot', 'logistic', '--out', join(dir, 'x.gif'));
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/--out = ".*x\.gif" is invalid: expected a file name ending in \.svg, \.png or \.json/);
    const d = cli('plot', 'logistic', 'r');
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/parameter = "r" is invalid: expected key=value/);
  });
});

describe('momentum-lab report', () => {
  it('--only runs the selected checks, writes index.html and checks.json, exits 0 when they pass', () => {
    const out = join(dir, 'rep');
    const r = cli('report', '--out', out, '--only', 'erratum', '--format', 'json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ checks: 4, passed: 4, failed: [], figures: 0 });
    const j = JSON.parse(readFileSync(join(out, 'checks.json'), 'utf8'));
    const loss = j.checks.find((c: { id: string }) => c.id === 'erratum-worst-function-loss');
    expect(loss.predicted).toBeCloseTo(1 / 22, 12); // 1/(2(k+1)) at k = 10
    expect(loss.measured).toBeCloseTo(1 / 22, 9);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<!doctype html>');
  });
});
