// momentum-lab dynamics lorenz|vanderpol|linear|hopf|logistic|bifurcation|mandelbrot|julia: the lecture's
// "what else can happen" systems. JSON output is a summary object with the data beside it under `data`.
import type { Command } from 'commander';
import { didYouMean } from '../../src/suggest.js';
import { ParameterError } from '../../src/errors.js';
import {
  analyzeLinearSystem, colorizeEscape, hopfField, julia, largestLyapunovFlow, limitCycle, linearSystemMatrices,
  logisticBifurcation, logisticCobweb, logisticLyapunov, logisticOrbit, logisticPeriod, lorenzField, lorenzJvp,
  mandelbrot, odeDopri5, odeLinearExact, parseMatrix, phasePortrait, rasterizeBifurcation, vanDerPolField,
  type EscapeTimeImage, type VectorField,
} from '../../src/dynamics/index.js';
import { eigenvalues, matrixPower, toRows } from '../../src/linalg/index.js';
import { csv, fmt, json, parseFormat } from '../output.js';
import { type Opts, alias, checkPngPath, emit, kv, num, out, vec, writePng } from '../dynamics-util.js';
import { UsageError } from '../main.js';
import { checkWork, oneLineErrors } from '../contract-util.js';

/** Sample a DOPRI5 trajectory at `samples` evenly spaced times as columns t, <names...>. */
function trajectory(f: VectorField, y0: number[], t1: number, samples: number, names: string[], tol: number) {
  const tEval = Float64Array.from({ length: samples }, (_, k) => (t1 * k) / (samples - 1));
  const r = odeDopri5(f, [0, t1], y0, { rtol: tol, atol: tol, tEval });
  const cols: Record<string, Float64Array> = { t: r.t };
  names.forEach((name, i) => { cols[name] = Float64Array.from({ length: r.t.length }, (_, k) => r.y[k * y0.length + i]); });
  return { cols, r };
}

function lorenz(o: Opts): void {
  const format = parseFormat(o.format);
  // Beyond |a|, |b|, |c| ~ 1e3 the system is so stiff that DOPRI5 crawls and the RK4 tangent flow blows up.
  const P = { min: -1e3, max: 1e3 };
  const a = alias(o, 'a', 'sigma', 10, P), b = alias(o, 'b', 'rho', 28, P), c = alias(o, 'c', 'beta', 8 / 3, P);
  const y0 = vec(o, 'x0', '--x0', [1, 1, 1]);
  const t1 = num(o, 't1', '--t1', 50, { min: 0, minExclusive: true, max: 1e5 });
  const samples = num(o, 'samples', '--samples', 2001, { min: 2, max: 1e6, integer: true });
  const tol = num(o, 'tol', '--tol', 1e-9, { min: 1e-14, max: 1 });
  const T = num(o, 'lyapunovTime', '--lyapunov-time', 1000, { min: 10, max: 1e5 }); // 1e5: about 12 s
  const f = lorenzField(a, b, c);
  const { cols, r } = trajectory(f, y0, t1, samples, ['x', 'y', 'z'], tol);
  // The exponent's fixed-step RK4 tangent flow can overflow on stiff parameters: a result to report, not a crash.
  let exponent: number | null = null, lyapunovMessage = 'converged';
  try {
    exponent = largestLyapunovFlow(f, lorenzJvp(a, b, c), y0, { time: T }).exponent;
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    const at = /at t = ([-\d.e+]+)/.exec(err.message);
    lyapunovMessage = `the RK4 tangent flow (dt 0.01) overflowed${at ? ` at t = ${fmt(Number(at[1]))}` : ''}`;
  }
  const summary = { lyapunov: exponent, lyapunovMessage, a, b, c, x0: y0, t1, status: r.status, stats: r.stats };
  emit(format, summary, cols, [['a (sigma)', a], ['b (rho)', b], ['c (beta)', c], ['largest Lyapunov exponent', exponent ?? `none (${lyapunovMessage})`],
    [`DOPRI5 steps / rejected / nfev to t=${t1}`, `${r.stats.steps} / ${r.stats.rejected} / ${r.stats.nfev}`], ['status', r.status]]);
}

function cycle(o: Opts, kind: 'vanderpol' | 'hopf'): void {
  const format = parseFormat(o.format);
  const mu = num(o, 'mu', '--mu', 1, kind === 'vanderpol' ? { min: 0, max: 1e3 } : { min: -1e3, max: 1e3 });
  const omega = kind === 'hopf' ? num(o, 'omega', '--omega', 1, { min: -1e3, max: 1e3 }) : 0;
  const f = kind === 'vanderpol' ? vanDerPolField(mu) : hopfField(mu, omega);
  const y0 = vec(o, 'x0', '--x0', kind === 'vanderpol' ? [2, 0] : [0.1, 0]);
  const t1 = num(o, 't1', '--t1', 30, { min: 0, minExclusive: true, max: 1e5 });
  const samples = num(o, 'samples', '--samples', 1001, { min: 2, max: 1e6, integer: true });
  const lc = limitCycle(f, y0, { transient: kind === 'vanderpol' ? 50 + 10 * mu : 50 });
  const { cols } = trajectory(f, y0, t1, samples, ['x', 'y'], 1e-10);
  const params = kind === 'vanderpol' ? { mu } : { mu, omega };
  const summary = { period: lc.period, amplitude: lc.amplitude, converged: lc.converged, ...params, x0: y0, message: lc.message };
  emit(format, summary, cols, [...Object.entries(params).map(([k, v]) => [k, v] as [string, number]),
    ['period', lc.period], ['amplitude', lc.amplitude], ['limit cycle', lc.message]]);
}

function linear(o: Opts): void {
  const format = parseFormat(o.format);
  if (o.matrix === undefined) throw new UsageError('dynamics linear needs --matrix, a square matrix written "a,b;c,d"');
  const A = parseMatrix(o.matrix);
  if (A.rows !== A.cols) throw new ParameterError('--matrix', o.matrix, `a square matrix (got ${A.rows}x${A.cols})`);
  // Entries up to 1e100 keep (alpha a)^2 finite in the eigenvalue formulas (alpha <= 1e6).
  if (!A.data.every((x) => Math.abs(x) <= 1e100)) throw new ParameterError('--matrix', o.matrix, 'entries in [-1e100, 1e100]');
  if (A.rows > 50) throw new ParameterError('--matrix', `${A.rows}x${A.cols}`, 'a square matrix of size at most 50x50');
  const alpha = num(o, 'alpha', '--alpha', 1, { min: 0, minExclusive: true, max: 1e6 });
  const convention = o.convention ?? 'lecture';
  if (convention !== 'lecture' && convention !== 'plain') throw new ParameterError('--convention', convention, 'lecture | plain');
  const n = A.rows;
  const w0 = vec(o, 'w0', '--w0', Array.from({ length: n }, (_, i) => (i === 0 ? 1 : 0)));
  const t1 = num(o, 't1', '--t1', 10, { min: 0, minExclusive: true, max: 1e4 });
  const steps = num(o, 'steps', '--steps', 50, { min: 1, max: 1e5, integer: true });
  const an = analyzeLinearSystem(A, { alpha, convention });
  const { M, B } = linearSystemMatrices(A, { alpha, convention });
  // Asymptotic stability for n != 2 (no portrait type): max Re lambda(M) < 0, spectral radius of B < 1.
  const stableC = Math.max(...eigenvalues(M).map((z) => z.re)) < 0;
  const stableD = Math.max(...eigenvalues(B).map((z) => Math.hypot(z.re, z.im))) < 1;
  const continuous = an.continuous ?? { type: null, stable: stableC };
  const discrete = an.discrete ?? { type: null, stable: stableD };
  const times = Float64Array.from({ length: 101 }, (_, k) => (t1 * k) / 100);
  const exact = odeLinearExact(M, times, w0);
  const data: Record<string, Float64Array> = { t: times };
  for (let i = 0; i < n; i++) data[`w${i}`] = Float64Array.from({ length: times.length }, (_, k) => exact.y[k * n + i]);
  const disc: Record<string, Float64Array> = { k: Float64Array.from({ length: steps + 1 }, (_, k) => k) };
  for (let i = 0; i < n; i++) disc[`w${i}`] = new Float64Array(steps + 1);
  for (let k = 0; k <= steps; k++) {
    const P = matrixPower(B, k);
    for (let i = 0; i < n; i++) { let s = 0; for (let j = 0; j < n; j++) s += P.data[i * n + j] * w0[j]; disc[`w${i}`][k] = s; }
  }
  // Divergence is a result: cut the trajectories at the first non-finite state and report where.
  const firstBad = (cols: Record<string, Float64Array>, key: string): number | null => {
    const m = cols[key].length;
    for (let k = 0; k < m; k++) for (let i = 0; i < n; i++) if (!Number.isFinite(cols[`w${i}`][k])) return k;
    return null;
  };
  const badC = firstBad(data, 't'), badD = firstBad(disc, 'k');
  const diverged = { continuous: badC === null ? null : times[badC], discrete: badD };
  for (const [cols, bad] of [[data, badC], [disc, badD]] as const) {
    if (bad !== null) for (const key of Object.keys(cols)) cols[key] = cols[key].slice(0, bad);
  }
  const system = convention === 'lecture' ? { continuous: "w' = -alpha A w", discrete: 'w_{k+1} = (I - alpha A) w_k' } : { continuous: "w' = A w", discrete: 'w_{k+1} = A w_k' };
  const summary = {
    eigenvalues: an.eigenvalues, continuous, discrete, convention, alpha, system, diverged,
    systemMatrices: { continuous: toRows(M), discrete: toRows(B) },
    jordan: an.jordan.map((j) => ({ value: j.value, algebraic: j.algebraic, geometric: j.geometric, blocks: j.blocks })),
  };
  if (format === 'json') {
    // For 2x2 systems, phase-portrait data of w' = M w: field grid, nullclines, trajectories from 8 points on the unit circle.
    const portrait = n === 2 ? phasePortrait((_t, w, o2) => { o2[0] = M.data[0] * w[0] + M.data[1] * w[1]; o2[1] = M.data[2] * w[0] + M.data[3] * w[1]; }, {
      starts: Array.from({ length: 8 }, (_, k) => [Math.cos((k * Math.PI) / 4), Math.sin((k * Math.PI) / 4)] as [number, number]),
      tspan: [0, t1], samples: 101, contourGrid: 41, grid: 11,
    }) : null;
    out(json({ ...summary, data: { continuous: data, discrete: disc, portrait } }));
    return;
  }
  if (format === 'csv') { out(csv(data)); return; }
  const cz = (z: { re: number; im: number }) => (z.im === 0 ? fmt(z.re) : `${fmt(z.re)} ${z.im < 0 ? '-' : '+'} ${fmt(Math.abs(z.im))}i`);
  const kind = (c: { type: string | null; stable: boolean }) => `${c.type ?? '(n != 2: no portrait type)'}, ${c.stable ? 'asymptotically stable' : 'not asymptotically stable'}`;
  out(kv([
    ['eigenvalues of A', an.eigenvalues.map(cz).join(', ')],
    ['Jordan blocks', an.jordan.map((j) => `${cz(j.value)}: [${j.blocks.join(', ')}]${j.geometric < j.algebraic ? ' (defective)' : ''}`).join('; ')],
    [`continuous ${system.continuous}`, kind(continuous)],
    [`discrete ${system.discrete}`, kind(discrete)],
    ['alpha', alpha],
  ]));
}

function logistic(o: Opts): void {
  const format = parseFormat(o.format);
  if (o.r === undefined) throw new UsageError('dynamics logistic needs --r, a number in [0, 4]');
  const r = num(o, 'r', '--r', 3.5, { min: 0, max: 4 });
  const x0 = num(o, 'x0', '--x0', 0.3, { min: 0, max: 1 });
  const n = num(o, 'n', '--n', 100, { min: 1, max: 1e6, integer: true });
  const p = logisticPeriod(r, { x0 });
  const lyap = logisticLyapunov(r, { x0 });
  const orbit = logisticOrbit(r, x0, n);
  const summary = { period: p.period, lyapunov: Number.isFinite(lyap) ? lyap : null, superstable: lyap === -Infinity, r, x0,
    cycle: p.period === null ? null : Array.from(p.cycle), multiplier: p.multiplier };
  const data = { k: Float64Array.from({ length: n + 1 }, (_, k) => k), x: orbit };
  if (format === 'json') { out(json({ ...summary, data: { ...data, cobweb: logisticCobweb(r, x0, Math.min(n, 200)) } })); return; }
  emit(format, summary, data, [['r', r], ['period', p.period === null ? 'none (chaotic or undecided)' : p.period],
    ['Lyapunov exponent', lyap === -Infinity ? 'none: superstable (the cycle passes through x = 1/2, ln|f\'| = -inf)' : lyap],
    ['cycle', p.period === null ? '-' : Array.from(p.cycle).map((v) => fmt(v)).join(', ')]]);
}

function bifurcation(o: Opts): void {
  const format = parseFormat(o.format);
  if (o.out !== undefined) checkPngPath(o.out);
  const rMin = num(o, 'rMin', '--r-min', 2.5, { min: 0, max: 4 });
  const rMax = num(o, 'rMax', '--r-max', 4, { min: rMin, max: 4 });
  // Without --out the width only sets the default --nr (400); it is checked either way.
  const imgWidth = num(o, 'width', '--width', o.out === undefined ? 400 : 1200, { min: 1, max: 16384, integer: true });
  const nr = num(o, 'nr', '--nr', imgWidth, { min: 1, max: 1e5, integer: true });
  const keep = num(o, 'keep', '--keep', 100, { min: 1, max: 1e4, integer: true });
  const transient = num(o, 'transient', '--transient', 1000, { min: 0, max: 1e7, integer: true });
  checkWork('--nr x --keep', nr * keep, 1e7, `points of the diagram, here ${nr} x ${keep}`);
  checkWork('--nr x (--transient + --keep)', nr * (transient + keep), 2e9, `iterations, here ${nr} x ${transient + keep}; 2e9 is a few seconds`);
  const d = logisticBifurcation(rMin, rMax, nr, { transient, keep });
  const summary: Record<string, unknown> = { rMin, rMax, nr, keep, transient, points: d.r.length };
  const height = num(o, 'height', '--height', 800, { min: 1, max: 16384, integer: true });
  if (o.out !== undefined) {
    writePng(o.out, imgWidth, height, rasterizeBifurcation(d, imgWidth, height, rMin, rMax));
    summary.out = o.out;
  }
  emit(format, summary, { r: d.r, x: d.x }, [['r range', `[${rMin}, ${rMax}]`], ['values of r', nr], ['points', d.r.length], ['image', o.out ?? '-']]);
}

function escape(o: Opts, kind: 'mandelbrot' | 'julia'): void {
  const format = parseFormat(o.format);
  if (o.out !== undefined) checkPngPath(o.out);
  const width = num(o, 'width', '--width', 512, { min: 1, max: 16384, integer: true });
  const height = num(o, 'height', '--height', width, { min: 1, max: 16384, integer: true });
  const maxIter = num(o, 'maxIter', '--max-iter', 1000, { min: 1, max: 1e7, integer: true });
  const def = kind === 'mandelbrot' ? [-2, 0.5, -1.25, 1.25] : [-1.6, 1.6, -1.6, 1.6];
  const W = { min: -1e6, max: 1e6 };
  const xMin = num(o, 'xMin', '--x-min', def[0], W), yMin = num(o, 'yMin', '--y-min', def[2], W);
  const view = {
    xMin, xMax: num(o, 'xMax', '--x-max', Math.max(def[1], xMin + 1), { ...W, min: xMin, minExclusive: true }),
    yMin, yMax: num(o, 'yMax', '--y-max', Math.max(def[3], yMin + 1), { ...W, min: yMin, minExclusive: true }),
  };
  // 2048 x 2048 pixels at 1000 iterations take about 3.3 s when every pixel runs to the end: 2e10 is about 16 s.
  checkWork('--width x --height x --max-iter', width * height * maxIter, 2e10, `here ${width} x ${height} x ${maxIter}; 2e10 is about 16 s`);
  if (format === 'csv') checkWork('--width x --height', width * height, 4194304, 'CSV rows, one per pixel (2048 x 2048); use --out FILE.png for larger images');
  const c = kind === 'julia' ? vec(o, 'c', '--c', [-0.8, 0.156]) : null;
  const t0 = performance.now();
  const img: EscapeTimeImage = c ? julia(c[0], c[1], { width, height, maxIter, ...view }) : mandelbrot({ width, height, maxIter, ...view });
  const ms = performance.now() - t0;
  const pixelArea = ((view.xMax - view.xMin) * (view.yMax - view.yMin)) / (width * height);
  const areaEstimate = img.inside * pixelArea;
  const summary: Record<string, unknown> = { areaEstimate, inside: img.inside, width, height, maxIter, ...view, ...(c ? { c: { re: c[0], im: c[1] } } : {}), ms: Math.round(ms) };
  if (o.out !== undefined) { writePng(o.out, width, height, colorizeEscape(img)); summary.out = o.out; }
  if (format === 'csv') {
    const N = width * height;
    const x = new Float64Array(N), y = new Float64Array(N);
    for (let i = 0; i < N; i++) { x[i] = view.xMin + ((i % width) + 0.5) * ((view.xMax - view.xMin) / width); y[i] = view.yMax - (Math.floor(i / width) + 0.5) * ((view.yMax - view.yMin) / height); }
    out(csv({ x, y, iterations: img.iterations, smooth: Array.from(img.smooth, (v, i) => (img.iterations[i] >= maxIter ? null : v)) })); // inside: empty cell
    return;
  }
  emit(format, summary, null, [['area estimate (pixel count)', areaEstimate], ['pixels inside', img.inside], ['size', `${width}x${height}`],
    ['max iterations', maxIter], ['window', `[${view.xMin}, ${view.xMax}] x [${view.yMin}, ${view.yMax}]`], ['render ms', Math.round(ms)], ['image', o.out ?? '-']]);
}

const FORMAT = ['--format <f>', 'table | json | csv', 'table'] as const;

/** An "Examples:" block for the end of --help (each line a command after `momentum-lab `). */
function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  momentum-lab ${l}`).join('\n')}`;
}

/** The examples at the end of each system's --help. */
const SYSTEM_EXAMPLES: Record<string, string[]> = {
  lorenz: ['dynamics lorenz', 'dynamics lorenz --rho 14 --t1 100 --format json', 'dynamics lorenz --samples 2000 --format csv > lorenz.csv'],
  vanderpol: ['dynamics vanderpol --mu 1', 'dynamics vanderpol --mu 5 --format json'],
  hopf: ['dynamics hopf --mu 0.5', 'dynamics hopf --mu -0.5 --format json'],
  linear: ['dynamics linear --matrix "0,1;-1,0"', 'dynamics linear --matrix "2,1;0,2" --alpha 0.5 --format json'],
  logistic: ['dynamics logistic --r 3.5', 'dynamics logistic --r 3.9 --format json'],
  bifurcation: ['dynamics bifurcation --format csv > bifurcation.csv', 'dynamics bifurcation --out bifurcation.png'],
  mandelbrot: ['dynamics mandelbrot --width 256 --max-iter 500', 'dynamics mandelbrot --x-min -0.8 --x-max -0.7 --y-min 0.05 --y-max 0.15 --out zoom.png'],
  julia: ['dynamics julia --width 256', 'dynamics julia --out julia.png --format json'],
};

export function register(program: Command): void {
  const dyn = program.command('dynamics')
    .description('dynamical systems of the lecture: linear systems, limit cycles, Lorenz, logistic map, Mandelbrot/Julia sets')
    .addHelpText('after', `\nEvery system takes --format table | json | csv (table by default) and --help, e.g. \`momentum-lab dynamics lorenz --help\`.\n${examples(['dynamics lorenz --t1 50', 'dynamics linear --matrix "0,1;-1,0" --format json', 'dynamics mandelbrot --out mandelbrot.png'])}`)
    // Without a system: one line and exit 2 (commander would print the whole help and succeed).
    .action((_opts: unknown, cmd: Command) => {
      const systems = dyn.commands.map((c) => c.name()).join(' | ');
      if (cmd.args.length > 0) throw new ParameterError('dynamics SYSTEM', cmd.args[0], `${systems}${didYouMean(cmd.args[0], dyn.commands.map((c) => c.name()))}`);
      throw new UsageError(`dynamics needs a system: ${systems} (see \`momentum-lab dynamics --help\`)`);
    });
  dyn.command('lorenz').description("Lorenz x' = a(y - x), y' = x(b - z) - y, z' = xy - cz: trajectory (DOPRI5) and largest Lyapunov exponent")
    .option('--a <n>', 'a (= sigma)').option('--b <n>', 'b (= rho)').option('--c <n>', 'c (= beta)')
    .option('--sigma <n>', 'alias of --a (default 10)').option('--rho <n>', 'alias of --b (default 28)').option('--beta <n>', 'alias of --c (default 8/3)')
    .option('--x0 <v>', 'initial point "x,y,z"', '1,1,1').option('--t1 <t>', 'end time').option('--samples <n>', 'output samples')
    .option('--tol <x>', 'rtol = atol of DOPRI5 (default 1e-9)').option('--lyapunov-time <T>', 'averaging time of Benettin\'s method (default 1000)')
    .option(...FORMAT).action((o: Opts) => lorenz(o));
  dyn.command('vanderpol').description("Van der Pol x' = y, y' = mu (1 - x^2) y - x: limit cycle period and amplitude, trajectory")
    .option('--mu <n>', 'mu >= 0 (default 1)').option('--x0 <v>', 'initial point "x,y"').option('--t1 <t>', 'end time (default 30)')
    .option('--samples <n>', 'output samples').option(...FORMAT).action((o: Opts) => cycle(o, 'vanderpol'));
  dyn.command('hopf').description("Hopf normal form r' = mu r - r^3, theta' = omega: limit cycle r = sqrt(mu) for mu > 0")
    .option('--mu <n>', 'mu (default 1)').option('--omega <n>', 'omega (default 1)').option('--x0 <v>', 'initial point "x,y"')
    .option('--t1 <t>', 'end time (default 30)').option('--samples <n>', 'output samples').option(...FORMAT).action((o: Opts) => cycle(o, 'hopf'));
  dyn.command('linear').description("linear systems w' = -alpha A w and w_k = (I - alpha A)^k w_0: eigenvalues, Jordan blocks, classification")
    .option('--matrix <rows>', 'A written "a,b;c,d"').option('--alpha <x>', 'step / time scale alpha > 0 (default 1)')
    .option('--convention <c>', "lecture (w' = -alpha A w) | plain (w' = A w, w_{k+1} = A w_k)", 'lecture')
    .option('--w0 <v>', 'initial state').option('--t1 <t>', 'end time of the continuous trajectory (default 10)')
    .option('--steps <k>', 'discrete steps (default 50)').option(...FORMAT).action((o: Opts) => linear(o));
  dyn.command('logistic').description('logistic map x <- r x (1 - x): period of the attractor, Lyapunov exponent, orbit and cobweb')
    .option('--r <r>', 'r in [0, 4]').option('--x0 <x>', 'x0 in [0, 1] (default 0.3)').option('--n <n>', 'orbit length (default 100)')
    .option(...FORMAT).action((o: Opts) => logistic(o));
  dyn.command('bifurcation').description('bifurcation diagram of the logistic map (data, or a PNG with --out)')
    .option('--r-min <r>', 'default 2.5').option('--r-max <r>', 'default 4').option('--nr <n>', 'values of r (default 400, or the PNG width)')
    .option('--keep <n>', 'iterates kept per r (default 100)').option('--transient <n>', 'iterates discarded (default 1000)')
    .option('--out <file.png>', 'write a PNG').option('--width <px>', 'PNG width (default 1200)').option('--height <px>', 'PNG height (default 800)')
    .option(...FORMAT).action((o: Opts) => bifurcation(o));
  for (const kind of ['mandelbrot', 'julia'] as const) {
    const cmd = dyn.command(kind).description(kind === 'mandelbrot'
      ? 'Mandelbrot set of z <- z^2 + c: escape-time image (PNG with --out), area estimate by pixel counting'
      : 'filled Julia set of z <- z^2 + c for a fixed c: escape-time image (PNG with --out)');
    if (kind === 'julia') cmd.option('--c <re,im>', 'the parameter c (default -0.8,0.156)');
    cmd.option('--width <px>', 'default 512').option('--height <px>', 'default = width').option('--max-iter <n>', 'default 1000')
      .option('--x-min <x>').option('--x-max <x>').option('--y-min <y>').option('--y-max <y>')
      .option('--out <file.png>', 'write a PNG').option(...FORMAT).action((o: Opts) => escape(o, kind));
  }
  // Set after the systems are defined: subcommands copy this setting at creation, and they must reject extra arguments.
  dyn.allowExcessArguments(true);
  oneLineErrors(dyn);
  for (const c of dyn.commands) c.addHelpText('after', examples(SYSTEM_EXAMPLES[c.name()] ?? []));
}
