// momentum-lab report --out DIR [--quick]: the lecture as an executable HTML document plus checks.json;
// exit status 1 if any check fails.
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { ParameterError } from '../../src/errors.js';
import { oneLineErrors, prepareOutputDirectory } from '../contract-util.js';
import { csv, json, parseFormat } from '../output.js';

interface ReportCliOptions { out: string; quick?: boolean; format?: string; only?: string }

const EXAMPLES = `
Examples:
  momentum-lab report
  momentum-lab report --out report-out --quick
  momentum-lab report --only hb --format json`;

export function register(program: Command): void {
  oneLineErrors(program
    .command('report')
    .description('build the lecture as a self-contained HTML report with every figure and every claim checked (exit 1 if a check fails)')
    .option('--out <dir>', 'output directory (index.html, checks.json)', 'report-out')
    .option('--quick', 'reduced sizes (as in the tests)')
    .option('--only <text>', 'run only the checks whose id contains TEXT (no figures)')
    .option('--format <f>', 'table | json | csv (summary on stdout)')
    .addHelpText('after', EXAMPLES)
    .action(async (opts: ReportCliOptions) => {
      const format = parseFormat(opts.format);
      if (opts.out.trim() === '') throw new ParameterError('--out', opts.out, 'a directory path (not empty)');
      // Loaded on demand (vega, resvg, KaTeX): other commands start faster.
      const { buildReport, reportExitStatus } = await import('../report/build.js');
      if (opts.only !== undefined) {
        // A typo in --only would otherwise build an empty report and succeed.
        const { allChecks } = await import('../report/checks/index.js');
        const ids = allChecks.map((c) => c.id);
        if (opts.only === '' || !ids.some((id) => id.includes(opts.only!))) {
          throw new ParameterError('--only', opts.only, `text contained in a check id, e.g. ${ids.slice(0, 3).join(', ')} (${ids.length} checks)`);
        }
      }
      prepareOutputDirectory('--out', opts.out);
      const bar = process.stderr.isTTY && format === 'table'
        ? new SingleBar({ format: 'report [{bar}] {value}/{total} {label}', hideCursor: true, clearOnComplete: true, stream: process.stderr }, Presets.shades_classic)
        : undefined;
      let started = false;
      let summary: Awaited<ReturnType<typeof buildReport>>;
      try {
        summary = await buildReport({
          out: opts.out, quick: Boolean(opts.quick), only: opts.only,
          progress: (done, total, label) => {
            if (!bar) return;
            if (!started) { bar.start(total, 0, { label }); started = true; }
            bar.update(done, { label });
          },
        });
      } catch (err) {
        bar?.stop();
        // A directory that cannot be created or written is bad input, not a crash.
        const e = err as NodeJS.ErrnoException;
        if (typeof e.code === 'string' && typeof e.syscall === 'string') throw new ParameterError('--out', opts.out, `a writable directory (${e.message.split('\n')[0]})`);
        throw err;
      }
      bar?.stop();
      if (format === 'json') process.stdout.write(json(summary));
      else if (format === 'csv') {
        const { failed, ...rest } = summary;
        process.stdout.write(csv(Object.fromEntries(Object.entries({ ...rest, failed: failed.join(' ') }).map(([k, v]) => [k, [typeof v === 'boolean' ? String(v) : v]]))));
      } else {
        process.stdout.write(`report: ${summary.html} (${summary.figures} figures, ${summary.checks} checks, ${summary.passed} passed, ${summary.failed.length} failed, ${(summary.ms / 1000).toFixed(1)} s)\n`);
        if (summary.failed.length) process.stdout.write(`failed: ${summary.failed.join(', ')}\n`);
      }
      const status = reportExitStatus(summary);
      if (status) process.exitCode = status;
    }));
}
