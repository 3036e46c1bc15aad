// momentum-lab report --out DIR [--quick]: the lecture as an executable HTML document plus checks.json;
// exit status 1 if any check fails.
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { json, parseFormat } from '../output.js';

interface ReportCliOptions { out: string; quick?: boolean; format?: string; only?: string }

export function register(program: Command): void {
  program
    .command('report')
    .description('build the lecture as a self-contained HTML report with every figure and every claim checked (exit 1 if a check fails)')
    .option('--out <dir>', 'output directory (index.html, checks.json)', 'report-out')
    .option('--quick', 'reduced sizes (as in the tests)')
    .option('--only <text>', 'run only the checks whose id contains TEXT (no figures)')
    .option('--format <f>', 'table | json (summary on stdout)')
    .action(async (opts: ReportCliOptions) => {
      const format = parseFormat(opts.format, ['table', 'json']);
      // Loaded on demand (vega, resvg, KaTeX): other commands start faster.
      const { buildReport, reportExitStatus } = await import('../report/build.js');
      const bar = process.stderr.isTTY && format === 'table'
        ? new SingleBar({ format: 'report [{bar}] {value}/{total} {label}', hideCursor: true, clearOnComplete: true, stream: process.stderr }, Presets.shades_classic)
        : undefined;
      let started = false;
      const summary = await buildReport({
        out: opts.out, quick: Boolean(opts.quick), only: opts.only,
        progress: (done, total, label) => {
          if (!bar) return;
          if (!started) { bar.start(total, 0, { label }); started = true; }
          bar.update(done, { label });
        },
      });
      bar?.stop();
      if (format === 'json') process.stdout.write(json(summary));
      else {
        process.stdout.write(`report: ${summary.html} (${summary.figures} figures, ${summary.checks} checks, ${summary.passed} passed, ${summary.failed.length} failed, ${(summary.ms / 1000).toFixed(1)} s)\n`);
        if (summary.failed.length) process.stdout.write(`failed: ${summary.failed.join(', ')}\n`);
      }
      const status = reportExitStatus(summary);
      if (status) process.exitCode = status;
    });
}
