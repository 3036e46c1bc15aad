// momentum-lab plot FIGURE[:k=v,...] [k=v ...] --out file.svg|png|json : regenerate one of the lecture's figures.
import { extname } from 'node:path';
import type { Command } from 'commander';
import { ParameterError } from '../../src/errors.js';
import { parseSpec } from '../../src/spec.js';
import { parseDecimal } from '../../src/parse-number.js';
import { buildFigure, figures, findFigure } from '../../src/plot/index.js';
import { UsageError } from '../main.js';
import { csv, json, parseFormat } from '../output.js';
import { namedBlock } from '../run-util.js';
import { checkOutputFile, checkWork, oneLineErrors, writeOutputFile } from '../contract-util.js';

interface PlotOptions { out?: string; list?: boolean; format?: string; scale: string; quick?: boolean }

/**
 * Figures that run optimizers, with their work (coordinate updates) and a cap of about 10 s, so that no parameter choice
 * runs for minutes without a word. Measured: nesterov-worst dim = steps = 1e4 takes 4.3 s; convergence-vs-kappa
 * kmax = 1e5 with dim = 1000 takes 32 s (gradient descent needs ~30 kmax steps).
 */
const WORK: Record<string, { what: string; cap: number; work: (p: (k: string) => number) => number }> = {
  'nesterov-worst': { what: 'dim x steps', cap: 2e8, work: (p) => p('dim') * Math.min(p('steps'), p('dim') - 1) },
  'convergence-vs-kappa': { what: 'kmax x dim', cap: 2e7, work: (p) => p('kmax') * p('dim') },
};

function checkFigureWork(name: string, params: Record<string, string>): void {
  if (!Object.hasOwn(WORK, name)) return;
  const w = WORK[name];
  const defaults = Object.fromEntries(findFigure(name).params.map((p) => [p.name, Number(p.default)]));
  const work = w.work((k) => (params[k] !== undefined ? Number(params[k]) : defaults[k]));
  if (Number.isFinite(work)) checkWork(`${name}.${w.what}`, work, w.cap, 'about 10 s of runs'); // else: buildFigure names the bad value
}

function describeParams(name: string): string {
  return findFigure(name).params.map((p) => `${p.name}=${p.default ?? '?'}`).join(',');
}

function list(format: string | undefined): void {
  const f = parseFormat(format);
  if (f === 'json') {
    process.stdout.write(json(figures.map((d) => ({ name: d.name, section: d.section, title: d.title, caption: d.caption, params: d.params, quick: d.quick ?? {} }))));
    return;
  }
  const rows = figures.map((d) => [d.name, d.section, describeParams(d.name) || '-', d.title]);
  if (f === 'csv') {
    process.stdout.write(csv({ figure: rows.map((r) => r[0]), section: rows.map((r) => r[1]), params: rows.map((r) => r[2]), title: rows.map((r) => r[3]) }));
    return;
  }
  // One block per figure (a four-column table was 230 columns wide): name, title and section, then its parameters as
  // they are typed after the name (`plot mandelbrot width=400 maxIter=200`), wrapped to LISTING_WIDTH.
  const width = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(figures.map((d) => namedBlock(d.name, width, [`${d.title} (section ${d.section})`, d.params.map((p) => `${p.name}=${p.default ?? '?'}`).join(' ') || '(no parameters)'])).join('\n') + '\n');
  process.stdout.write('\n`momentum-lab plot FIGURE --out FILE.svg|png|json` draws one; parameters go after the name\n(k=v ...) or in it (FIGURE:k=v,...).\n');
}

async function plot(figure: string | undefined, extra: string[], opts: PlotOptions): Promise<void> {
  if (opts.list) return list(opts.format);
  if (!figure) throw new UsageError('plot needs a FIGURE (see `momentum-lab plot --list`)');
  const format = parseFormat(opts.format);
  // Without --out the figure itself goes to stdout: SVG, or with --format json its Vega-Lite spec.
  if (opts.out === undefined && format === 'csv') throw new ParameterError('--format', opts.format, 'table | json without --out (csv is the one-line summary after --out FILE)');
  const spec = parseSpec(figure, 'figure');
  for (const kv of extra) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new ParameterError('parameter', kv, 'key=value (e.g. beta=0.999)');
    const key = kv.slice(0, eq);
    if (Object.hasOwn(spec.params, key)) throw new ParameterError(`${spec.name}.${key}`, kv, 'each key at most once');
    spec.params[key] = kv.slice(eq + 1);
  }
  // Below 1/16 a figure's few hundred CSS pixels round to an empty image; above 8 a PNG passes 100 MB.
  const scale = parseDecimal('--scale', opts.scale, { min: 0.0625, max: 8 });
  if (opts.out !== undefined) checkOutputFile('--out', opts.out);
  const ext = opts.out !== undefined ? extname(opts.out).toLowerCase() : format === 'json' ? '.json' : '.svg';
  if (!['.svg', '.png', '.json'].includes(ext)) throw new ParameterError('--out', opts.out, 'a file name ending in .svg, .png or .json (the Vega-Lite spec)');
  const t0 = performance.now();
  checkFigureWork(spec.name, spec.params);
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
  if (opts.out === undefined) { process.stdout.write(bytes); return; }
  writeOutputFile('--out', opts.out, bytes);
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
  const summary = { figure: spec.name, params: JSON.stringify(spec.params), out: opts.out, format: ext.slice(1), bytes: size, ms: Math.round(ms) };
  if (format === 'json') process.stdout.write(json({ ...summary, params: spec.params }));
  else if (format === 'csv') process.stdout.write(csv(Object.fromEntries(Object.entries(summary).map(([k, v]) => [k, [v]]))));
  else process.stdout.write(`wrote ${opts.out} (${spec.name}, ${size} bytes, ${Math.round(ms)} ms)\n`);
}

const EXAMPLES = `
Examples:
  momentum-lab plot --list
  momentum-lab plot spectral-radius --out spectral-radius.svg
  momentum-lab plot mandelbrot width=400 --quick --out mandelbrot.png`;

export function register(program: Command): void {
  oneLineErrors(program
    .command('plot')
    .description("regenerate one of the lecture's figures as SVG, PNG or a Vega-Lite spec (see --list)")
    .argument('[figure]', 'figure name, optionally with parameters: name:key=value,key=value')
    .argument('[params...]', 'more parameters as key=value')
    .option('--out <file>', 'output file: .svg, .png or .json (Vega-Lite spec); SVG on stdout when absent')
    .option('--list', 'list the figures with their parameters')
    .option('--scale <s>', 'PNG pixels per CSS pixel, in [0.0625, 8]', '2')
    .option('--quick', 'reduced size (fewer steps / pixels), as in the tests')
    .option('--format <f>', 'table | json | csv: the summary printed after writing --out; without --out, json prints the Vega-Lite spec')
    .addHelpText('after', EXAMPLES)
    .action((figure: string | undefined, params: string[], opts: PlotOptions) => plot(figure, params, opts)));
}
