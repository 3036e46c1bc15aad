// Export of a panel: each chart as SVG or PNG, its data as CSV, and the equivalent `momentum-lab` command line.
import { h } from './dom.js';
import type { Chart, Row } from './chart.js';

export interface ExportSource {
  /** Base file name, e.g. 'heavy-ball-2d'. */
  name: string;
  charts: () => { label: string; chart: Chart }[];
  /** Rows for CSV; defaults to the first data set of the first chart. */
  csv?: () => Row[];
  /** A title line with the parameters, drawn above PNG/SVG exports (e.g. 'Heavy ball 2-D: kappa = 25, alpha = 1.8, beta = 0.64'). */
  title?: () => string;
  /** The equivalent CLI command(s), one per line; build each with `sh` so every value is quoted for the shell. */
  cli: () => string;
}

/** Characters that never belong in an exported command: control (newline inside a value, escape), format, separators. */
const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/**
 * One word for a POSIX shell: always single-quoted, an embedded ' written '\'' (so `$`, backquotes, `;`, spaces and
 * globs are literal). Refuses control characters (a newline would end the command, whatever the quoting).
 *
 * @example
 * shellQuote("it's"); // returns 'it'\''s'
 */
export function shellQuote(word: unknown): string {
  const s = String(word);
  if (UNSAFE.test(s)) throw new Error(`a value holds a control character (${JSON.stringify(s.slice(0, 40))}): not exported`);
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A command line from a template: the literal text is the command's own, every interpolated value is one shell word
 * quoted by `shellQuote`, so no field can add a word or a command.
 *
 * @example
 * sh`momentum-lab dynamics lorenz --a ${10} --format json`; // returns "momentum-lab dynamics lorenz --a '10' --format json"
 */
export function sh(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, lit, i) => out + lit + (i < values.length ? shellQuote(values[i]) : ''), '');
}

/** The text shown and copied: the commands, or a shell comment saying why they could not be exported. */
export function cliText(cli: () => string): string {
  let text: string;
  try {
    text = cli();
  } catch (e) {
    return `# not exported: ${(e instanceof Error ? e.message : String(e)).replace(/[\r\n]+/g, ' ')}`;
  }
  // Lines are separate commands; anything else invisible or controlling the terminal is refused outright.
  if (text.split('\n').some((line) => UNSAFE.test(line))) return '# not exported: a value holds a control character';
  return text;
}

export function toCsv(rows: Row[]): string {
  if (!rows.length) return '';
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'number' ? String(v) : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

function download(filename: string, href: string): void {
  const a = h('a', { href, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
}

function blobUrl(text: string, type: string): string {
  const url = URL.createObjectURL(new Blob([text], { type }));
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return url;
}

/** The export menu (a disclosure: keyboard accessible without script). */
export function exportMenu(src: ExportSource): HTMLElement {
  const body = h('div', { class: 'export-body' });
  const details = h('details', { class: 'export' }, h('summary', { text: 'Export' }), body);
  // Close on a click elsewhere or on Escape (a disclosure left open would cover the charts below it).
  document.addEventListener('pointerdown', (e) => { if (details.open && !details.contains(e.target as Node)) details.open = false; });
  details.addEventListener('keydown', (e) => { if (e.key === 'Escape' && details.open) { details.open = false; details.querySelector('summary')?.focus(); } });
  details.addEventListener('toggle', () => {
    if (!details.open) return;
    body.replaceChildren();
    for (const { label, chart } of src.charts()) {
      const svg = h('button', { type: 'button', text: `${label} · SVG` });
      svg.addEventListener('click', async () => download(`${src.name}-${slug(label)}.svg`, blobUrl(await chart.svg(exportTitle(src, label)), 'image/svg+xml')));
      const png = h('button', { type: 'button', text: 'PNG' });
      png.addEventListener('click', async () => download(`${src.name}-${slug(label)}.png`, await chart.png(2, exportTitle(src, label))));
      body.append(h('div', { class: 'export-row' }, svg, png));
    }
    const csv = h('button', { type: 'button', text: 'Data · CSV' });
    csv.addEventListener('click', () => {
      const rows = src.csv ? src.csv() : allRows(src);
      download(`${src.name}.csv`, blobUrl(toCsv(rows), 'text/csv'));
    });
    body.append(h('div', { class: 'export-row' }, csv));
    const text = cliText(src.cli);
    const cmd = h('pre', { class: 'cli', 'data-cli': src.name, tabindex: 0 }, h('code', { text }));
    const copy = h('button', { type: 'button', text: 'Copy command' });
    copy.addEventListener('click', async () => {
      try {
        if (!navigator.clipboard) throw new Error('no clipboard');
        await navigator.clipboard.writeText(text);
        copy.textContent = 'Copied';
      } catch {
        // Select the command so Ctrl+C / the context menu can copy it.
        const range = document.createRange();
        range.selectNodeContents(cmd);
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
        copy.textContent = 'Copy failed: select the text';
      }
      setTimeout(() => { copy.textContent = 'Copy command'; }, 4000);
    });
    body.append(h('div', { class: 'export-cli' }, h('span', { class: 'small', text: 'Same computation on the command line:' }), cmd, copy));
  });
  return details;
}

/** The title line of an exported figure: the section's title with its parameters, then the chart's label. */
export function exportTitle(src: ExportSource, label: string): string {
  let t = '';
  try { t = src.title?.() ?? ''; } catch { t = ''; }
  return (t ? `${t} · ${label}` : label).replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, ' ');
}

/**
 * Every data set of every chart, for a section that gives no csv(): one table, a `dataset` column naming the chart
 * and data set when there is more than one (internal sets, named with a leading _, are left out).
 */
export function allRows(src: ExportSource): Row[] {
  const sets: { tag: string; rows: Row[] }[] = [];
  for (const { label, chart } of src.charts()) {
    for (const name of chart.dataNames()) if (!name.startsWith('_') && chart.rows(name).length) sets.push({ tag: `${slug(label)}/${name}`, rows: chart.rows(name) });
  }
  if (sets.length === 1) return sets[0].rows;
  return sets.flatMap(({ tag, rows }) => rows.map((r) => ({ dataset: tag, ...r })));
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
