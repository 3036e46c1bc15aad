import { ParameterError } from '../../errors.js';
import { createMethod } from '../../methods/registry.js';
import { createProblem } from '../../problems/registry.js';
import { train } from '../../run/train.js';
import { hessianEigenvalues } from '../../spectra/hessian-eigenvalues.js';
import { spectralDensity } from '../../spectra/spectral-density.js';
import { parseSpec } from '../../spec.js';
import { figureSpec, quant } from '../chart.js';
import type { FigureDef } from '../figure.js';
import { sig } from '../round.js';
import { methodColors, palette } from '../theme.js';
import { label, num } from './common.js';

/** Examples per data set, to cap the work (one Hessian-vector product costs about two gradients over all of them). */
const EXAMPLES: Record<string, number> = { chebyshev3: 20, iris: 150, digits: 1797 };

/**
 * The Hessian's spectral density of a network by stochastic Lanczos quadrature (PyHessian's density), at the seeded
 * initialisation or after full-batch training, on a log scale, with the top eigenvalues (Lanczos) marked.
 */
export const hessianDensityFigure: FigureDef = {
  name: 'hessian-density',
  title: 'Hessian spectral density of a network (stochastic Lanczos quadrature)',
  section: 'networks',
  caption: 'The eigenvalue density of the Hessian of a tanh network, estimated by stochastic Lanczos quadrature (Lin, Saad and Yang 2016; Ghorbani, Krishnan and Xiao 2019; the parameters of PyHessian): the Gauss quadrature nodes and weights of $m$ Lanczos steps from random Rademacher vectors, averaged over runs and broadened by Gaussians. The log scale shows what a linear one hides: a bulk of eigenvalues near zero, of both signs (the loss is not convex), and a few outliers, the top ones (dotted, by Lanczos to a residual below $10^{-6}$) setting $L$ and the edge of stability. Train first (`train=gd:alpha=0.2,steps=6000`) to see the outlier pushed to $2/\\alpha$.',
  params: [
    { name: 'data', kind: 'string', default: 'chebyshev3', choices: ['chebyshev3', 'iris', 'digits'], description: 'the examples: chebyshev3 (20-point regression toy, squared error), iris or digits (cross-entropy)' },
    { name: 'hidden', kind: 'integer', default: 100, min: 1, max: 400, description: 'hidden width of the tanh net (one hidden layer)' },
    { name: 'seed', kind: 'integer', default: 1, min: 0, max: 2 ** 31, description: 'seed of the initial weights' },
    { name: 'train', kind: 'string', default: 'none', description: 'none (the seeded initialisation), or a method spec trained full batch first, commas written as / (e.g. gd:alpha=0.2)' },
    { name: 'steps', kind: 'integer', default: 0, min: 0, max: 20000, description: 'training steps before the density (with train)' },
    { name: 'iter', kind: 'integer', default: 80, min: 2, max: 400, description: 'Lanczos steps per run (PyHessian\'s iter)' },
    { name: 'runs', kind: 'integer', default: 4, min: 1, max: 20, description: 'random start vectors (PyHessian\'s n_v)' },
    { name: 'sigma2', kind: 'number', default: 1e-5, min: 1e-9, max: 1, description: 'variance of the Gaussian broadening, times max(1, spread) (PyHessian\'s sigma_squared)' },
    { name: 'top', kind: 'integer', default: 3, min: 0, max: 10, description: 'top eigenvalues marked' },
  ],
  quick: { iter: 60, runs: 2 },
  build(params) {
    const data = String(params.data), hidden = num(params, 'hidden'), seed = num(params, 'seed'), steps = num(params, 'steps');
    const iter = num(params, 'iter'), runs = num(params, 'runs'), topK = num(params, 'top');
    const problem = createProblem(`mlp:data=${data},hidden=${hidden},act=tanh,seed=${seed}`);
    // Caps: about 10 s on a loaded 2-core machine; the unit is one gradient over all examples of the data set.
    const scale = (EXAMPLES[data] * problem.dim) / 3e4;
    const trainText = String(params.train);
    const trained = trainText !== 'none' && steps > 0;
    if (trainText !== 'none' && steps === 0) throw new ParameterError('hessian-density.steps', steps, 'at least 1 with train (or train=none)');
    const work = scale * ((trained ? steps : 0) + 2 * (runs * iter + 4 * topK + 60));
    if (work > 4e4) throw new ParameterError('hessian-density.work', Math.round(work), `at most 40000 gradient-equivalents of ${data} (fewer steps, runs, iter or hidden units)`);
    let w = problem.x0, where = 'at the seeded initialisation', color = palette[0];
    if (trained) {
      const spec = trainText.replaceAll('/', ',');
      const method = createMethod(parseSpec(spec, 'hessian-density.train'), problem, 'hessian-density.train');
      const r = train(problem, method, { steps, recordEvery: steps });
      if (r.status === 'diverged') throw new ParameterError('hessian-density.train', spec, `a method that does not diverge here (it diverged at step ${r.divergedAt})`);
      w = r.w;
      where = `after ${steps} full-batch steps of ${spec}`;
      color = methodColors[method.name] ?? color;
    }
    const rho = spectralDensity(problem, w, { steps: Math.min(iter, problem.dim), runs, sigma2: num(params, 'sigma2'), bins: 1200, seed: 0 });
    const peak = Math.max(...rho.density), floor = peak * 1e-7;
    const curve = Array.from(rho.grid, (t, j) => ({ t: sig(t, 5), density: sig(Math.max(rho.density[j], floor), 4) }));
    const tops = topK > 0 ? hessianEigenvalues(problem, w, { k: Math.min(topK, problem.dim), tol: 1e-6, maxSteps: Math.min(problem.dim, 200) }).values : [];
    const x = quant('t', 'eigenvalue', { domain: [sig(rho.grid[0], 5)!, sig(rho.grid[rho.grid.length - 1], 5)!] });
    const y = quant('density', 'density (log scale)', { log: true, domain: [floor, peak * 3] });
    const marks = tops.map((t, i) => ({ t: sig(t, 6), text: `λ${'₁₂₃₄₅₆₇₈₉'[i] ?? String(i + 1)} = ${label(t)}` }));
    return figureSpec('Hessian eigenvalue density: a bulk near zero and a few outliers', this.caption, {
      width: 440, height: 260,
      layer: [
        { data: { values: curve }, mark: { type: 'area', color, opacity: 0.25, clip: true }, encoding: { x, y, y2: { datum: floor } } },
        { data: { values: curve }, mark: { type: 'line', color, strokeWidth: 1.2, clip: true }, encoding: { x: { field: 't', type: 'quantitative' }, y: { field: 'density', type: 'quantitative' } } },
        ...(marks.length ? [
          { data: { values: marks }, mark: { type: 'rule', strokeDash: [2, 3], color: '#000000' }, encoding: { x: { field: 't', type: 'quantitative' } } },
          { data: { values: marks.slice(0, 1) }, mark: { type: 'text', align: 'right', dx: -4, dy: 0, baseline: 'top', fontSize: 11, y: 4 }, encoding: { x: { field: 't', type: 'quantitative' }, text: { field: 'text' } } },
        ] : []),
      ],
    }, `${data}, ${hidden} tanh units (${problem.dim} parameters), ${where}; ${runs} × ${Math.min(iter, problem.dim)} Lanczos steps`);
  },
};
