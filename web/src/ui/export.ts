// Export of a panel: each chart as SVG or PNG, its data as CSV, and the equivalent `momentum-lab` command line.
import { h } from './dom.js';
import type { Chart, Row } from './chart.js';

export interface ExportSource {
  /** Base file name, e.g. 'heavy-ball-2d'. */
  name: string;
  charts: () => { label: string; chart: Chart }[];
  /** Rows for CSV; defaults to the first data set of the first chart. */
  csv?: () => Row[];
  /** The equivalent CLI command(s). */
  cli: () => string;
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
      svg.addEventListener('click', async () => download(`${src.name}-${slug(label)}.svg`, blobUrl(await chart.svg(), 'image/svg+xml')));
      const png = h('button', { type: 'button', text: 'PNG' });
      png.addEventListener('click', async () => download(`${src.name}-${slug(label)}.png`, await chart.png(2)));
      body.append(h('div', { class: 'export-row' }, svg, png));
    }
    const csv = h('button', { type: 'button', text: 'Data · CSV' });
    csv.addEventListener('click', () => {
      const first = src.charts()[0]?.chart;
      const rows = src.csv ? src.csv() : first ? first.rows(first.dataNames()[0]) : [];
      download(`${src.name}.csv`, blobUrl(toCsv(rows), 'text/csv'));
    });
    body.append(h('div', { class: 'export-row' }, csv));
    const cmd = h('pre', { class: 'cli', 'data-cli': src.name, tabindex: 0 }, h('code', { text: src.cli() }));
    const copy = h('button', { type: 'button', text: 'Copy command' });
    copy.addEventListener('click', () => void navigator.clipboard?.writeText(src.cli()).catch(() => undefined));
    body.append(h('div', { class: 'export-cli' }, h('span', { class: 'small', text: 'Same computation on the command line:' }), cmd, copy));
  });
  return details;
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
