// momentum-lab sdp FILE.dat-s [--tol T] [--format table|json]: solve an SDPA sparse file with the built-in solver.
import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { ParameterError } from '../../src/errors.js';
import { checkSdpCertificate, readSdpa, solveSdp } from '../../src/certify/index.js';
import { csv, fmt, json, parseFormat } from '../output.js';
import { parseNumberOption } from '../run-util.js';
import { oneLineErrors } from '../contract-util.js';
import { UsageError } from '../main.js';

const EXAMPLES = `
Examples:
  momentum-lab sdp problem.dat-s
  momentum-lab sdp problem.dat-s --tol 1e-10 --format json`;

export function register(program: Command): void {
  oneLineErrors(program
    .command('sdp')
    .description('solve an SDP in SDPA sparse format (max C•X s.t. A_k•X = b_k, X ⪰ 0, as CSDP): objective values, status, timings')
    .argument('<file>', 'SDPA sparse file (.dat-s)')
    .option('--tol <t>', 'relative gap and infeasibility tolerance (default 1e-8)')
    .addOption(new Option('--tolerance <t>', 'old name of --tol').hideHelp())
    .option('--format <format>', 'table | json | csv', 'table')
    .addHelpText('after', EXAMPLES)
    .action((file: string, flags: { tol?: string; tolerance?: string; format: string }) => {
      const format = parseFormat(flags.format);
      // --tolerance is the old name of --tol (hidden from --help, still accepted).
      if (flags.tol !== undefined && flags.tolerance !== undefined) throw new UsageError('sdp takes --tol once (--tolerance is its old name)');
      const tolerance = flags.tol !== undefined
        ? parseNumberOption('--tol', flags.tol, { min: 1e-14, max: 1e-2 })!
        : parseNumberOption('--tolerance', flags.tolerance ?? '1e-8', { min: 1e-14, max: 1e-2 })!;
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        throw new ParameterError('FILE', file, `a readable SDPA file (${(err as Error).message.split('\n')[0]})`);
      }
      const t0 = performance.now();
      const problem = readSdpa(text);
      // The dense interior-point solver is O(n^3) per iteration: a 500 x 500 block takes ~12 s. Larger files are for CSDP.
      const order = problem.blocks.reduce((s, b) => s + (b.kind === 'sdp' ? b.n : 0), 0);
      const lp = problem.blocks.reduce((s, b) => s + (b.kind === 'diag' ? b.n : 0), 0);
      if (order > 500) throw new ParameterError('FILE', file, `semidefinite blocks of total size <= 500 (here ${order}; a 500 x 500 block takes ~12 s, use csdp for more)`);
      if (lp > 1e5 || problem.b.length > 1000) throw new ParameterError('FILE', file, `at most 1000 constraints and 1e5 diagonal (LP) entries (here ${problem.b.length} and ${lp})`);
      const t1 = performance.now();
      const r = solveSdp(problem, { tolerance });
      const t2 = performance.now();
      const check = checkSdpCertificate(problem, r);
      const out = {
        file, status: r.status, primalObjective: r.primalObjective, dualObjective: r.dualObjective,
        relativeGap: r.relativeGap, primalInfeasibility: r.primalInfeasibility, dualInfeasibility: r.dualInfeasibility,
        minEigX: check.minEigX, minEigZ: check.minEigZ, iterations: r.iterations, message: r.message,
        constraints: problem.b.length, blocks: problem.blocks.map((b) => (b.kind === 'sdp' ? b.n : -b.n)),
        readMs: t1 - t0, solveMs: t2 - t1,
      };
      if (format === 'json') { process.stdout.write(json(out)); return; }
      if (format === 'csv') {
        const { blocks, ...flat } = out;
        process.stdout.write(csv(Object.fromEntries(Object.entries({ ...flat, blocks: blocks.join(' ') }).map(([k, v]) => [k, [v]]))));
        return;
      }
      const rows: [string, string][] = [
        ['file', file], ['status', `${r.status} (${r.message})`],
        ['primal objective', fmt(r.primalObjective, 10)], ['dual objective', fmt(r.dualObjective, 10)],
        ['relative gap', fmt(r.relativeGap, 3)], ['primal infeasibility', fmt(r.primalInfeasibility, 3)],
        ['dual infeasibility', fmt(r.dualInfeasibility, 3)], ['min eig X', fmt(check.minEigX, 3)], ['min eig Z(y)', fmt(check.minEigZ, 3)],
        ['iterations', String(r.iterations)], ['size', `m = ${out.constraints}, blocks ${out.blocks.join(' ')}`],
        ['read ms', fmt(out.readMs, 3)], ['solve ms', fmt(out.solveMs, 4)],
      ];
      process.stdout.write(rows.map(([k, v]) => `${k.padEnd(21)} ${v}`).join('\n') + '\n');
    }));
}
