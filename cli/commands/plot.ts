// momentum-lab plot FIGURE[:k=v,...] [k=v ...] --out file.svg|png|json : regenerate one of the lecture's figures.
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { ParameterError } from '../../src/errors.js';
import { parseSpec } from '../../src/spec.js';
import { buildFigure, figures, findFigure } from '../../src/plot/index.js';
import { UsageError } from '../main.js';
import { json, parseFormat, table } from '../output.js';

interface PlotOptions { out?: string; list?: boolean; format?: string; scale: string; quick?: boolean }

function describeParams(name: string): string {
  return findFigure(name).params.map((p) => `${p.name}=${p.default ?? '?'}`).join(',');
}

function list(format: string | undefined): void {
  const f = parseFormat(format, ['table', 'json']);
  if (f === 'json') {
    process.stdout.write(json(figures.map((d) => ({ name: d.name, section: d.section, title: d.title, caption: d.caption, params: d.params, quick: d.quick ?? {} }))));
    return;
  }
  process.stdout.write(table(['figure', 'section', 'parameters (defaults)', 'title'], figures.map((d) => [d.name, d.section, describeParams(d.name) || '-', d.title])));
}

async function plot(figure: string | undefined, extra: string[], opts: PlotOptions): Promise<void> {
  if (opts.list) return list(opts.format);
  if (!figure) throw new UsageError('plot needs a FIGURE (see `momentum-lab plot --list`)');
  const format = parseFormat(opts.format, ['table', 'json']);
  const spec = parseSpec(figure, 'figure');
  for (const kv of extra) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new ParameterError('parameter', kv, 'key=value (e.g. beta=0.999)');
    const key = kv.slice(0, eq);
    if (key in spec.params) throw new ParameterError(`${spec.name}.${key}`, kv, 'each key at most once');
    spec.params[key] = kv.slice(eq + 1);
  }
  const scale = Number(opts.scale);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 8) throw new ParameterError('--scale', opts.scale, 'a number in (0, 8]');
  const ext = opts.out ? extname(opts.out).toLowerCase() : '.svg';
  if (!['.svg', '.png', '.json'].includes(ext)) throw new ParameterError('--out', opts.out, 'a file name ending in .svg, .png or .json (the Vega-Lite spec)');
  const t0 = performance.now();
  const vl = buildFigure(spec, { quick: opts.quick });
  // Loaded on demand: vega and resvg take a while to load, and other commands do not need them.
  const { renderPng, renderSvg } = await import('../render.js');
  let bytes: Uint8Array | string;
  if (ext === '.json') bytes = JSON.stringify(vl, null, 1) + '\n';
  else {
    const svg = await renderSvg(vl);
    bytes = ext === '.png' ? renderPng(svg, { scale }) : svg;
  }
  const ms = performance.now() - t0;
  if (!opts.out) { process.stdout.write(bytes); return; }
  writeFileSync(opts.out, bytes);
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
  if (format === 'json') process.stdout.write(json({ figure: spec.name, params: spec.params, out: opts.out, format: ext.slice(1), bytes: size, ms: Math.round(ms) }));
  else process.stdout.write(`wrote ${opts.out} (${spec.name}, ${size} bytes, ${Math.round(ms)} ms)\n`);
}

export function register(program: Command): void {
  program
    .command('plot')
    .description("regenerate one of the lecture's figures as SVG, PNG or a Vega-Lite spec (see --list)")
    .argument('[figure]', 'figure name, optionally with parameters: name:key=value,key=value')
    .argument('[params...]', 'more parameters as key=value')
    .option('--out <file>', 'output file: .svg, .png or .json (Vega-Lite spec); SVG on stdout when absent')
    .option('--list', 'list the figures with their parameters')
    .option('--scale <s>', 'PNG pixels per CSS pixel', '2')
    .option('--quick', 'reduced size (fewer steps / pixels), as in the tests')
    .option('--format <f>', 'table | json (summary printed after writing --out)')
    .action((figure: string | undefined, params: string[], opts: PlotOptions) => plot(figure, params, opts));
}
