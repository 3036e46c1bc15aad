import { ParameterError } from '../../errors.js';
import { createMethod } from '../../methods/registry.js';
import { createProblem } from '../../problems/registry.js';
import { train } from '../../run/train.js';
import { hessianEigenvalues } from '../../spectra/hessian-eigenvalues.js';
import { parseSpec } from '../../spec.js';
import { stabilityEdge } from '../../theory/stability-edge.js';
import { figureSpec, quant } from '../chart.js';
import type { FigureDef } from '../figure.js';
import { sig } from '../round.js';
import { methodColors, palette } from '../theme.js';
import { label, num } from './common.js';

/** The figure's problem: Cohen et al.'s regression toy (20 points of 4x^3 - 3x), a tanh net, from a seeded start. */
export function sharpnessToy(hidden: number, seed: number): string {
  return `mlp:data=chebyshev3,hidden=${hidden},act=tanh,loss=mse,seed=${seed}`;
}

/** The figure's method specs: `a;b;c`, each with its commas written as '/' (inside `sharpness:...` a ',' ends the value). */
export function sharpnessMethods(raw: string): string[] {
  const specs = raw.split(';').map((s) => s.trim().replaceAll('/', ','));
  if (specs.length > 4 || specs.some((s) => s === '')) throw new ParameterError('sharpness.methods', raw, 'one to four method specs separated by ; (commas inside a spec written as /)');
  for (const s of specs) parseSpec(s, 'sharpness.methods');
  return specs;
}

/**
 * Sharpness (top Hessian eigenvalue, Lanczos on exact Hessian-vector products) against the step for full-batch training
 * on the Chebyshev toy, one panel per method with its own edge of stability from its linear form (Cohen et al. 2021),
 * and the training loss of all of them below.
 */
export const sharpnessFigure: FigureDef = {
  name: 'sharpness',
  title: 'The edge of stability: sharpness against each method\'s threshold',
  section: 'networks',
  caption: 'Full-batch training of a tanh network with one hidden layer on the 20-point regression toy of Cohen et al. (2021), $y = 4x^3 - 3x$, from a seeded start. Each panel shows the sharpness (the top eigenvalue of the Hessian, by Lanczos on exact Hessian-vector products) of one method, and its edge of stability (dashed) from its linear form: $2/\\alpha$ for gradient descent, $2(1+\\beta)/\\alpha$ for heavy ball, $(2+2\\beta)/(\\alpha(1+2\\beta))$ for Nesterov. The sharpness rises (progressive sharpening) until it reaches the line, and then hovers there while the loss keeps falling, non-monotonically; on a quadratic the method would diverge instead. The defaults put all three lines at 10.',
  params: [
    { name: 'methods', kind: 'string', default: 'gd:alpha=0.2;hb:alpha=0.3/beta=0.5;nag:alpha=0.1357/beta=0.9', description: 'one to four method specs separated by ;, commas inside a spec written as / (e.g. gd:alpha=0.2;hb:alpha=0.3/beta=0.5)' },
    { name: 'steps', description: 'full-batch steps', default: 6000, kind: 'integer', min: 100, max: 20000 },
    { name: 'sharpnessEvery', aliases: ['every'], description: 'measure the sharpness every this many steps', default: 25, kind: 'integer', min: 5, max: 10000 },
    { name: 'hidden', description: 'hidden width of the tanh net', default: 100, kind: 'integer', min: 1, max: 400 },
    { name: 'seed', description: 'seed of the initial weights', default: 1, kind: 'integer', min: 0, max: 2 ** 31 },
  ],
  quick: { steps: 3000, sharpnessEvery: 50 },
  build(params) {
    const steps = num(params, 'steps'), every = num(params, 'sharpnessEvery'), hidden = num(params, 'hidden'), seed = num(params, 'seed');
    const specs = sharpnessMethods(String(params.methods));
    // Caps: about 10 s on a loaded 2-core machine (the toy's gradient costs ~0.1 ms per 100 hidden units).
    const work = specs.length * steps * Math.max(1, hidden / 100);
    if (work > 6e4) throw new ParameterError('sharpness.steps x methods x hidden/100', work, 'at most 60000');
    if (specs.length * (steps / every) > 2400) throw new ParameterError('sharpness.sharpnessEvery', every, `at least ${Math.ceil((specs.length * steps) / 2400)} (at most 2400 Lanczos runs)`);
    const rows: { k: number; s: number; method: string }[] = [], losses: { k: number; loss: number; method: string }[] = [];
    const lines: { name: string; color: string; edge: number | null; status: string }[] = [];
    for (const [i, spec] of specs.entries()) {
      const p = createProblem(sharpnessToy(hidden, seed)), m = createMethod(spec, p, 'sharpness.methods');
      const edge = m.linear !== undefined && m.linear.D === 0 ? stabilityEdge(m.linear).h : null;
      const r = train(p, m, { steps, recordEvery: every, sharpnessEvery: every, sharpness: (w) => hessianEigenvalues(p, w, { tol: 1e-6 }).values[0] });
      const name = spec;
      r.trace.k.forEach((k, j) => {
        const s = r.trace.sharpness[j], loss = r.trace.loss[j];
        if (s !== null) rows.push({ k, s: sig(s, 4)!, method: name });
        if (loss !== null && loss > 0) losses.push({ k, loss: sig(loss, 4)!, method: name });
      });
      // The method's own colour; a second run of the same method takes the next palette colour not yet used.
      const own = methodColors[m.name], used = new Set(lines.map((l) => l.color));
      const color = own !== undefined && !used.has(own) ? own : palette.find((c) => !used.has(c) && !Object.values(methodColors).includes(c)) ?? palette[i];
      lines.push({ name, color, edge, status: r.status === 'diverged' ? `diverged at step ${r.divergedAt}` : `final loss ${label(r.trace.loss[r.trace.loss.length - 1]!)}` });
    }
    const top = 1.15 * Math.max(...rows.map((r) => r.s), ...lines.map((l) => l.edge ?? 0));
    const x = quant('k', 'step k', { domain: [0, steps] });
    const panels = lines.map((l) => ({
      title: { text: `${l.name}: threshold ${l.edge === null ? 'none (not a linear method)' : label(l.edge)}, ${l.status}`, fontSize: 13 },
      width: 440, height: 110,
      layer: [
        { data: { values: rows.filter((r) => r.method === l.name) }, mark: { type: 'line', strokeWidth: 1.4, color: l.color, clip: true }, encoding: { x, y: quant('s', 'sharpness', { domain: [0, top] }) } },
        ...(l.edge === null ? [] : [{ data: { values: [{ s: sig(l.edge, 6) }] }, mark: { type: 'rule', strokeDash: [6, 4], strokeWidth: 1.5, color: l.color }, encoding: { y: { field: 's', type: 'quantitative' } } }]),
      ],
    }));
    const lossValues = losses.map((r) => r.loss);
    // A diverging run's losses are clipped at 10 times the largest starting loss (its panel title says where it diverged).
    const start = Math.max(...losses.filter((r) => r.k === 0).map((r) => r.loss));
    const lo = Math.max(Math.min(...lossValues), 1e-12) / 1.5, hi = Math.min(Math.max(...lossValues) * 1.5, 10 * start);
    const lossPanel = {
      title: { text: 'training loss (full batch)', fontSize: 13 },
      width: 440, height: 150,
      layer: [{
        data: { values: losses }, mark: { type: 'line', strokeWidth: 1.2, clip: true },
        encoding: { x, y: quant('loss', 'loss', { log: true, domain: [lo, hi] }), color: { field: 'method', type: 'nominal', title: null, scale: { domain: lines.map((l) => l.name), range: lines.map((l) => l.color) }, sort: lines.map((l) => l.name), legend: { orient: 'bottom', direction: 'vertical' } } },
      }],
    };
    return figureSpec('Sharpness rises to each method\'s edge of stability and stays there', this.caption, {
      vconcat: [...panels, lossPanel], resolve: { scale: { color: 'independent' } },
    }, `${sharpnessToy(hidden, seed)}, ${steps} full-batch steps, sharpness every ${every}`);
  },
};
