// The report page: one self-contained HTML file (inline CSS, KaTeX fonts and the figure font as data URLs, SVG
// figures inline, no scripts), readable on a laptop and printable.
import { readFileSync } from 'node:fs';
import { fmt } from '../output.js';
import { fontFiles } from '../render.js';
import type { Check, CheckResult } from './check.js';
import { escapeHtml, inline, katexCss, prose } from './math.js';
import type { Section } from './sections.js';

export interface RenderedFigure { spec: string; title: string; caption: string; svg: string }
export interface CheckRecord { check: Check; result: CheckResult; ms: number }
export interface ReportModel {
  title: string;
  quick: boolean;
  sections: { section: Section; figures: RenderedFigure[]; checks: CheckRecord[] }[];
  errata: CheckRecord[];
  records: CheckRecord[];
}

function show(v: number | string): string {
  return typeof v === 'number' ? fmt(v, 6) : escapeHtml(v);
}

function cls(v: number | string): string {
  return typeof v === 'number' ? 'num' : 'txt';
}

function verdict(r: CheckResult): string {
  return r.pass ? '<span class="pass">pass</span>' : '<span class="fail">FAIL</span>';
}

function checkRows(records: CheckRecord[]): string {
  return records.map(({ check, result }) => `<tr id="check-${check.id}" class="${result.pass ? 'ok' : 'bad'}">
<td class="id">${escapeHtml(check.id)}</td><td>${inline(check.claim)}${result.note ? `<div class="note">${inline(result.note)}</div>` : ''}</td>
<td class="${cls(result.predicted)}">${show(result.predicted)}</td><td class="${cls(result.measured)}">${show(result.measured)}</td><td class="tol">${escapeHtml(result.tolerance)}</td><td>${verdict(result)}</td></tr>`).join('\n');
}

function checkTable(records: CheckRecord[]): string {
  if (!records.length) return '';
  return `<table class="checks"><thead><tr><th>check</th><th>claim</th><th>predicted</th><th>measured</th><th>tolerance</th><th>verdict</th></tr></thead>
<tbody>${checkRows(records)}</tbody></table>`;
}

/** Show figures 1.2x their CSS size (legible axis labels on a wide page), never wider than the column. */
function scaled(svg: string): string {
  const m = /^<svg[^>]*\swidth="([\d.]+)"/.exec(svg);
  const width = m ? Number(m[1]) * 1.2 : 0;
  return width ? svg.replace(/^<svg/, `<svg style="width:min(100%,${Math.round(width)}px)"`) : svg;
}

function figure(f: RenderedFigure): string {
  return `<figure><div class="svg" role="img" aria-label="${escapeHtml(f.title)}">${scaled(f.svg)}</div>
<figcaption><code>momentum-lab plot ${escapeHtml(f.spec)}</code> — ${inline(f.caption)}</figcaption></figure>`;
}

const css = `
@font-face{font-family:"DejaVu Sans";src:url(data:font/ttf;base64,FONT) format("truetype")}
body{font:16px/1.55 "DejaVu Sans",Verdana,sans-serif;color:#1d1d1f;max-width:1060px;margin:0 auto;padding:24px 28px 80px}
h1{font-size:28px;margin:0 0 4px}h2{font-size:21px;margin:44px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
p,li{max-width:860px}.display{margin:10px 0;overflow-x:auto}
.summary{display:flex;gap:18px;flex-wrap:wrap;margin:14px 0 8px}.summary div{background:#f4f5f7;border-radius:6px;padding:8px 14px}
.summary b{font-size:22px;display:block}
nav ol{columns:2;font-size:14px}
figure{margin:18px 0;padding:0}figure .svg{overflow:hidden}figure svg{max-width:100%;height:auto}
figcaption{font-size:13.5px;color:#444;max-width:900px}figcaption code{font-size:12px;background:#f1f1f1;padding:1px 4px;border-radius:3px}
table.checks{border-collapse:collapse;width:100%;font-size:13.5px;margin:14px 0}
table.checks th{text-align:left;background:#f4f5f7;padding:5px 6px;border-bottom:1px solid #ccc}
table.checks td{padding:5px 6px;border-bottom:1px solid #e8e8e8;vertical-align:top}
td.num{font-family:"DejaVu Sans Mono",monospace;font-size:12.5px;white-space:nowrap}td.txt{font-size:12.5px;min-width:8em;max-width:14em}td.id{font-size:12px;color:#555}
td.tol{font-size:12px;color:#555}.note{font-size:12.5px;color:#555;margin-top:2px}
.pass{color:#0a7d32;font-weight:bold}.fail{color:#fff;background:#c0271b;padding:1px 5px;border-radius:3px;font-weight:bold}
tr.bad td{background:#fff3f2}.erratum{border-left:4px solid #d98e04;padding:2px 14px;margin:12px 0;background:#fffaf0}
footer{margin-top:48px;font-size:13px;color:#666}
@media print{body{max-width:none}h2{break-after:avoid}figure,tr{break-inside:avoid}}
`;

/** The whole page. */
export function reportHtml(m: ReportModel): string {
  const passed = m.records.filter((r) => r.result.pass).length;
  const failed = m.records.length - passed;
  const font = readFileSync(fontFiles[0]).toString('base64');
  const toc = m.sections.map(({ section }) => `<li><a href="#${section.id}">${inline(section.title)}</a></li>`).join('') +
    '<li><a href="#errata">Errata in the lecture text</a></li><li><a href="#claims">All claims</a></li>';
  const body = m.sections.map(({ section, figures, checks }) => `<section id="${section.id}"><h2>${inline(section.title)}</h2>
${prose(section.text)}
${figures.map(figure).join('\n')}
${checkTable(checks)}</section>`).join('\n');
  const errata = m.errata.map(({ check, result }) => `<div class="erratum"><p><strong>${escapeHtml(check.id)}</strong> — ${inline(check.claim)}</p>
<p>Evidence: predicted ${show(result.predicted)}, measured ${show(result.measured)} (${escapeHtml(result.tolerance)}) ${verdict(result)}${result.note ? ` — ${inline(result.note)}` : ''}</p></div>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(m.title)}</title>
<style>${katexCss()}</style><style>${css.replace('FONT', font)}</style></head>
<body><header><h1>${escapeHtml(m.title)}</h1>
<p>CSC 2541 Lecture 9 (Momentum, R. Grosse) as an executable document: every figure below is regenerated by momentum-lab,
every claim is a check with the numbers that test it, and the errata show where the lecture's text is wrong.${m.quick ? ' <strong>Quick build</strong> (reduced sizes).' : ''}</p>
<div class="summary"><div><b>${m.records.length}</b>checks</div><div><b class="pass">${passed}</b>passed</div><div><b class="${failed ? 'fail' : 'pass'}">${failed}</b>failed</div>
<div><b>${m.sections.reduce((n, s) => n + s.figures.length, 0)}</b>figures</div><div><b>${m.errata.length}</b>errata</div></div>
<nav><ol>${toc}</ol></nav></header>
${body}
<section id="errata"><h2>Errata in the lecture text</h2>
<p>Places where the slides' text is wrong; the library implements the correct statement, and each is checked numerically.</p>
${errata}</section>
<section id="claims"><h2>All claims</h2>${checkTable(m.records)}</section>
<footer>Generated by <code>momentum-lab report</code>. Numbers of every check are in <code>checks.json</code> beside this file.</footer>
</body></html>
`;
}
