// Build the report: render every section's figures, run every check, write index.html and checks.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFigure, findFigure } from '../../src/plot/index.js';
import { parseSpec } from '../../src/spec.js';
import { renderSvg } from '../render.js';
import type { Check, CheckResult } from './check.js';
import { allChecks } from './checks/index.js';
import { reportHtml, type CheckRecord, type RenderedFigure } from './html.js';
import { sections } from './sections.js';

export interface ReportOptions {
  out: string;
  quick?: boolean;
  /** Called after each unit of work (figure or check) with (done, total, label). */
  progress?: (done: number, total: number, label: string) => void;
  /** Run only the checks whose id contains this text (and no figures); for debugging. */
  only?: string;
  /** The checks to run (default: all of them); tests pass their own. */
  checks?: readonly Check[];
  /** Render the figures (default true). */
  figures?: boolean;
}

export interface ReportSummary {
  out: string;
  html: string;
  json: string;
  quick: boolean;
  checks: number;
  passed: number;
  failed: string[];
  figures: number;
  ms: number;
}

async function runCheck(check: Check, quick: boolean): Promise<CheckRecord> {
  const t0 = performance.now();
  let result: CheckResult;
  try {
    result = await check.run({ quick });
  } catch (err) {
    // A check that throws has failed: the message says why (e.g. a library function rejected its input).
    result = { predicted: '-', measured: 'error', tolerance: '-', pass: false, note: `threw: ${err instanceof Error ? err.message : String(err)}` };
  }
  return { check, result, ms: performance.now() - t0 };
}

/** Build the report into `out` (created if missing); resolves to a summary (failed check ids listed). */
export async function buildReport({ out, quick = false, progress, only, checks: given = allChecks, figures = true }: ReportOptions): Promise<ReportSummary> {
  const t0 = performance.now();
  const checks = only ? given.filter((c) => c.id.includes(only)) : given;
  const figureSpecs = only || !figures ? [] : sections.flatMap((s) => s.figures);
  const total = figureSpecs.length + checks.length;
  let done = 0;
  const tick = (label: string) => progress?.(++done, total, label);

  const figureTimes: Record<string, number> = {};
  const rendered = new Map<string, RenderedFigure>();
  let n = 0;
  for (const spec of figureSpecs) {
    const f0 = performance.now();
    const def = findFigure(parseSpec(spec, 'figure').name);
    const svg = await renderSvg(buildFigure(spec, { quick }), { idPrefix: `f${n++}` });
    rendered.set(spec, { spec, title: def.title, caption: def.caption, svg });
    figureTimes[spec] = Math.round(performance.now() - f0);
    tick(spec);
  }
  const records: CheckRecord[] = [];
  for (const check of checks) {
    records.push(await runCheck(check, quick));
    tick(check.id);
  }
  const model = {
    title: 'Momentum, reproduced: Lecture 9 as an executable document',
    quick,
    sections: sections.map((section) => ({
      section,
      figures: section.figures.filter((s) => rendered.has(s)).map((s) => rendered.get(s)!),
      checks: records.filter((r) => r.check.section === section.id && r.check.kind === 'claim'),
    })),
    errata: records.filter((r) => r.check.kind === 'erratum'),
    records,
  };
  mkdirSync(out, { recursive: true });
  const html = join(out, 'index.html');
  const json = join(out, 'checks.json');
  writeFileSync(html, reportHtml(model));
  const failed = records.filter((r) => !r.result.pass).map((r) => r.check.id);
  const ms = Math.round(performance.now() - t0);
  writeFileSync(json, JSON.stringify({
    quick, ms, summary: { checks: records.length, passed: records.length - failed.length, failed },
    checks: records.map(({ check, result, ms: t }) => ({ id: check.id, section: check.section, kind: check.kind, claim: check.claim, ...result, ms: Math.round(t * 10) / 10 })),
    figures: figureTimes,
  }, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 1) + '\n');
  return { out, html, json, quick, checks: records.length, passed: records.length - failed.length, failed, figures: rendered.size, ms };
}

/** The exit status of `momentum-lab report`: 1 if any check failed, else 0. */
export function reportExitStatus(summary: Pick<ReportSummary, 'failed'>): number {
  return summary.failed.length ? 1 : 0;
}
