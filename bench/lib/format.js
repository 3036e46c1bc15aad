// Number formatting and tables for the console and for BENCHMARKS.md.

/** A time in ms with 3 significant digits (µs below 0.1 ms, s from 1 s). @example fmtMs(9.1234) // returns '9.12 ms' */
export function fmtMs(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 0.1) return `${(ms * 1e3).toPrecision(3)} µs`;
  if (ms >= 999.5) return `${(ms / 1e3).toPrecision(3)} s`;
  return `${ms.toPrecision(3)} ms`;
}

/** A ratio with 2-3 significant digits and an x. @example fmtRatio(0.4567) // returns '0.457x' */
export function fmtRatio(r) {
  if (r === null || r === undefined || !Number.isFinite(r)) return '—';
  return `${r >= 100 ? r.toFixed(0) : r.toPrecision(3)}x`;
}

/** A number with `digits` significant digits, or an em dash. */
export function fmtNum(x, digits = 3) {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return Math.abs(x) >= 1e6 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(digits - 1) : String(Number(x.toPrecision(digits)));
}

/** "median (q1–q3)" for a summary from stats.summarize. */
export function fmtSpread(s) {
  return `${fmtMs(s.median)} (${fmtMs(s.q1)}–${fmtMs(s.q3)})`;
}

/** A table as padded plain text for the terminal. */
export function textTable({ header, rows }) {
  const all = [header, ...rows].map((r) => r.map(String));
  const w = header.map((_, j) => Math.max(...all.map((r) => (r[j] ?? '').length)));
  const line = (r) => r.map((c, j) => (j === 0 ? c.padEnd(w[j]) : c.padStart(w[j]))).join('  ');
  return [line(all[0]), w.map((x) => '-'.repeat(x)).join('  '), ...all.slice(1).map(line)].join('\n');
}

/** A table as GitHub markdown. */
export function markdownTable({ header, rows }) {
  const esc = (c) => String(c).replace(/\|/g, '\\|');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `| ${header.map((_, j) => (j === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}
