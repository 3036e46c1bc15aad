// momentum-lab certify --method SPEC --mu M --L L [--iqc sector|off-by-one|weighted] [--pep N --measure M --initial M]
//   [--state-space file.json] [--format table|json]: certified worst-case rates over S(mu, L) (IQC) or PEP bounds.
import type { Command } from 'commander';
import { ParameterError, checkNumber } from '../../src/errors.js';
import {
  type IqcKind, type PepMeasure, type StateSpace, PEP_MEASURES, certifyMethod, certifyRate, checkStateSpace, pep,
} from '../../src/certify/index.js';
import { parseDecimal } from '../../src/parse-number.js';
import { csv, fmt, json, parseFormat } from '../output.js';
import { oneLineErrors, readJsonFile } from '../contract-util.js';
import { UsageError } from '../main.js';

interface CertifyFlags {
  method?: string; mu?: string; L?: string; iqc: string; pep?: string; measure: string; initial: string;
  stateSpace?: string; format: string;
}

const IQCS: readonly IqcKind[] = ['sector', 'off-by-one', 'weighted'];

/** Read {A, B, C, D} from JSON; B may be a column ([[b1], [b2]]), C a row ([[c1, c2]]), D a number or [[d]]. */
function readStateSpace(file: string): StateSpace {
  const data = readJsonFile('--state-space', file, 'a readable JSON file {A, B, C, D}') as Record<string, unknown>;
  if (typeof data !== 'object' || data === null) throw new ParameterError('--state-space', file, 'a JSON object {A, B, C, D}');
  const flat = (v: unknown): unknown => (Array.isArray(v) && v.every((r) => Array.isArray(r) && r.length === 1) ? v.map((r) => (r as unknown[])[0]) : Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) ? v[0] : v);
  const D = Array.isArray(data.D) ? (flat(flat(data.D)) as unknown[])[0] : data.D ?? 0;
  const ss = checkStateSpace({ A: data.A as number[][], B: flat(data.B) as number[], C: flat(data.C) as number[], D: D as number }, `--state-space ${file}`);
  // Entries up to 1e12 (with L <= 1e12) keep the closed loop A + h B C and the SDP data finite.
  const entry = { min: -1e12, max: 1e12 };
  ss.A.forEach((row, i) => row.forEach((v, j) => checkNumber(`--state-space ${file}: A[${i}][${j}]`, v, entry)));
  ss.B.forEach((v, i) => checkNumber(`--state-space ${file}: B[${i}]`, v, entry));
  ss.C.forEach((v, i) => checkNumber(`--state-space ${file}: C[${i}]`, v, entry));
  checkNumber(`--state-space ${file}: D`, ss.D, entry);
  return ss;
}

/** One CSV row with a header from a flat record (null as an empty cell). */
const csvRow = (o: Record<string, string | number | boolean | null>): string =>
  csv(Object.fromEntries(Object.entries(o).map(([k, v]) => [k, [typeof v === 'boolean' ? String(v) : v]])));

const num = (name: string, raw: string | undefined): number => {
  if (raw === undefined) throw new UsageError(`certify needs ${name} (${name === '--mu' ? 'the strong convexity mu' : name === '--L' ? 'the smoothness L' : 'a number'})`);
  return parseDecimal(name, raw);
};

/**
 * Run a certification; an SDP entry the solver refuses (|entry| > 1e30, built from the state space and L) is named as
 * the user's input (--state-space or --method with --L), not as the solver's internal problem.A[k].
 */
function sdpInput<T>(solve: () => T, flags: CertifyFlags): T {
  try {
    return solve();
  } catch (err) {
    if (!(err instanceof ParameterError) || !err.parameter.startsWith('problem.')) throw err;
    const [flag, value] = flags.stateSpace !== undefined ? ['--state-space', flags.stateSpace] : ['--method', flags.method];
    throw new ParameterError(flag, value, `a method whose SDP data with --L ${flags.L} stay within 1e30 in magnitude (scale the state space or L down)`);
  }
}

const EXAMPLES = `
Examples:
  momentum-lab certify --method hb:tune=polyak --mu 1 --L 25
  momentum-lab certify --method qhm:alpha=0.7,beta=0.5,nu=0.7 --mu 0.1 --L 1 --format json
  momentum-lab certify --method gd:alpha=0.25 --mu 1 --L 4 --pep 1 --measure distance --initial distance`;

export function register(program: Command): void {
  oneLineErrors(program
    .command('certify')
    .description('certified worst-case rate over L-smooth mu-strongly convex functions (IQC, Lessard-Recht-Packard) or a PEP bound')
    .option('--method <spec>', 'any linear method by the spec of run, e.g. hb:tune=polyak, qhm:alpha=0.7,beta=0.5,nu=0.7, torch-sgd:lr=0.5,momentum=0.9,dampening=0.1, tmm (defaults as in `methods NAME`; tune= uses --mu/--L)')
    .option('--mu <mu>', 'strong convexity mu, below L (> 0 for IQC, >= 0 for PEP)')
    .option('--L <L>', 'smoothness L, in (mu, 1e12] with L/mu <= 1e12')
    .option('--iqc <kind>', 'sector | off-by-one | weighted', 'weighted')
    .option('--pep <N>', 'performance estimation of N steps instead of the IQC rate')
    .option('--measure <name>', `PEP measure at x_N: ${PEP_MEASURES.join(' | ')}`, 'distance')
    .option('--initial <name>', `PEP initial condition at x_0 (<= 1): ${PEP_MEASURES.join(' | ')}`, 'distance')
    .option('--state-space <file>', 'JSON {A, B, C, D} of a user algorithm (u = grad f(y)), instead of --method')
    .option('--format <format>', 'table | json | csv', 'table')
    .addHelpText('after', EXAMPLES)
    .action((flags: CertifyFlags) => {
      const format = parseFormat(flags.format);
      const L = checkNumber('--L', num('--L', flags.L), { min: 0, minExclusive: true, max: 1e12 });
      const isPep = flags.pep !== undefined;
      // mu < L for both (PEP's interpolation conditions divide by 1 - mu/L); IQC needs mu > 0, PEP allows mu = 0.
      const mu = checkNumber('--mu', num('--mu', flags.mu), { min: 0, minExclusive: !isPep, max: L, maxExclusive: true });
      // Past kappa = 1e12 the rates 1 - O(1/kappa) round to 1 and the SDPs lose their accuracy (as for tune).
      if (mu > 0 && !(L / mu <= 1e12)) throw new ParameterError('--L', flags.L, `a number with kappa = L/mu <= 1e12 (here ${fmt(L / mu)})`);
      if (!IQCS.includes(flags.iqc as IqcKind)) throw new ParameterError('--iqc', flags.iqc, IQCS.join(' | '));
      let method: string, ss: StateSpace;
      if (flags.stateSpace !== undefined) {
        ss = readStateSpace(flags.stateSpace);
        // The LMI is (n + 2) x (n + 2) with ~n^2 unknowns: 40 states take about 3 s, 50 about 7 s.
        if (ss.A.length > 50) throw new ParameterError(`--state-space ${flags.stateSpace}`, `${ss.A.length} states`, 'a state dimension of at most 50');
        method = flags.method ?? `state-space:${flags.stateSpace}`;
      } else {
        if (flags.method === undefined) throw new UsageError('certify needs --method SPEC, a linear method, e.g. hb:tune=polyak (or --state-space FILE)');
        ss = certifyMethod(flags.method, mu, L).stateSpace;
        method = flags.method;
      }
      if (isPep) {
        const N = checkNumber('--pep', num('--pep', flags.pep), { min: 1, max: 100, integer: true });
        // The PEP's SDP has about N x (state dimension) rows and columns and its solve time grows like N^4 to N^6
        // (measured: tmm N = 15 takes 4.8 s, N = 20 takes 27 s and stalls; gd N = 20 takes 4.9 s).
        const n = ss.A.length;
        if (N * n > 24) throw new ParameterError('--pep', flags.pep, `an integer N with N x (state dimension ${n}) <= 24, i.e. N <= ${Math.floor(24 / n)} for this method`);
        for (const [name, v] of [['--measure', flags.measure], ['--initial', flags.initial]] as const) {
          if (!PEP_MEASURES.includes(v as PepMeasure)) throw new ParameterError(name, v, PEP_MEASURES.join(' | '));
        }
        const r = sdpInput(() => pep(ss, mu, L, N, { measure: flags.measure as PepMeasure, initial: flags.initial as PepMeasure }), flags);
        // status: the SDP's (optimal | unbounded | infeasible | unknown); worstCase is null unless it is optimal.
        const out = { method, N, worstCase: r.worstCase, status: r.worstCase === null ? r.status : 'optimal', measure: r.measure, initial: r.initial };
        if (format === 'json') { process.stdout.write(json(out)); return; }
        if (format === 'csv') { process.stdout.write(csvRow(out)); return; }
        const value = r.worstCase === null ? `none (SDP status ${r.status}${r.status === 'unbounded' ? ': the measure is not bounded by the initial condition' : ''})` : fmt(r.worstCase, 10);
        process.stdout.write(`method      ${method}\nN           ${N}\nmeasure     ${r.measure} at x_N\ninitial     ${r.initial} at x_0 <= 1\nworst case  ${value}\nsolve ms    ${fmt(r.solveMs, 4)}\n`);
        return;
      }
      const r = sdpInput(() => certifyRate(ss, mu, L, { iqc: flags.iqc as IqcKind }), flags);
      const out = { method, mu, L, iqc: flags.iqc, rate: r.rate, certified: r.certified, bisectionSteps: r.bisectionSteps, solveMs: r.solveMs };
      if (format === 'json') { process.stdout.write(json(out)); return; }
      if (format === 'csv') { process.stdout.write(csvRow(out)); return; }
      const onQuadratics = Number.isFinite(r.lowerBound) ? fmt(r.lowerBound) : 'unbounded: 1 - h D = 0 at h = mu or L';
      const rate = r.rate === null ? `none below 1 certified (rate on quadratics ${onQuadratics})` : fmt(r.rate, 8);
      process.stdout.write(`method          ${method}\nmu, L           ${mu}, ${L} (kappa ${fmt(L / mu)})\niqc             ${flags.iqc}\ncertified rate  ${rate}\nbisection steps ${r.bisectionSteps}\nsolve ms        ${fmt(r.solveMs, 4)}\n`);
    }));
}
