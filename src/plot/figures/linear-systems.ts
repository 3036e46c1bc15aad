import { analyzeLinearSystem, odeLinearExact } from '../../dynamics/index.js';
import { fromRows } from '../../linalg/index.js';
import { figureSpec, quant } from '../chart.js';
import type { FigureDef } from '../figure.js';
import { sig } from '../round.js';
import { palette } from '../theme.js';
import { num } from './common.js';

/** The six textbook behaviours, as matrices A of the lecture's w' = -alpha A w (alpha = 1). */
export const linearExamples: { name: string; A: number[][]; tEnd: number }[] = [
  { name: 'distinct real eigenvalues', A: [[1, 0.4], [0, 3]], tEnd: 5 },
  { name: 'real, opposite signs', A: [[1, 0], [0, -1]], tEnd: 3 },
  { name: 'complex pair', A: [[0.3, 1], [-1, 0.3]], tEnd: 14 },
  { name: 'imaginary pair', A: [[0, 1], [-1, 0]], tEnd: 6.3 },
  { name: 'repeated, two eigenvectors', A: [[1, 0], [0, 1]], tEnd: 5 },
  { name: 'repeated, one eigenvector', A: [[1, 1], [0, 1]], tEnd: 8 },
];

/**
 * Behaviours of linear systems (lecture slide 5): phase portraits of w' = -A w for non-symmetric A, solved exactly
 * (matrix exponential), each titled with the library's classification.
 */
export const linearSystems: FigureDef = {
  name: 'linear-systems',
  title: 'Behaviours of linear systems',
  section: 'general-dynamics',
  caption: 'Trajectories of $\\dot{\\mathbf w} = -\\mathbf A\\mathbf w$ (exact solutions $e^{-t\\mathbf A}\\mathbf w_0$ from eight starts on a circle) for six matrices $\\mathbf A$; each panel names the eigenvalue structure and the classification computed by the library. Non-symmetric matrices add spirals, centres and degenerate nodes to the nodes and saddles of gradient descent.',
  params: [{ name: 'samples', description: 'points per trajectory', default: 160, kind: 'integer', min: 10, max: 100000 }],
  quick: { samples: 40 },
  build(params) {
    const samples = num(params, 'samples');
    const panels = linearExamples.map((ex, p) => {
      const A = fromRows(ex.A);
      const analysis = analyzeLinearSystem(A);
      const c = analysis.continuous!;
      const times = Array.from({ length: samples }, (_, i) => (ex.tEnd * i) / (samples - 1));
      const rows = [];
      for (let s = 0; s < 8; s++) {
        const th = (Math.PI * (2 * s + 1)) / 8;
        const sol = odeLinearExact(analysis.M, times, [1.8 * Math.cos(th), 1.8 * Math.sin(th)]);
        for (let i = 0; i < times.length; i++) {
          const x = sol.y[2 * i], y = sol.y[2 * i + 1];
          if (Math.abs(x) > 4 || Math.abs(y) > 4) break;
          rows.push({ x: sig(x, 5), y: sig(y, 5), i, traj: s });
        }
      }
      return {
        title: { text: [ex.name, `${c.stable ? 'stable ' : ''}${c.type}`], fontSize: 12.5 },
        width: 170, height: 170,
        layer: [
          { data: { values: rows }, mark: { type: 'line', strokeWidth: 1.4, clip: true, color: palette[p] }, encoding: { x: quant('x', 'w₁', { domain: [-2, 2] }), y: quant('y', 'w₂', { domain: [-2, 2] }), detail: { field: 'traj', type: 'nominal' }, order: { field: 'i', type: 'quantitative' } } },
          { data: { values: rows.filter((r) => r.i === 0) }, mark: { type: 'point', size: 22, filled: true, color: palette[p] }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } },
        ],
      };
    });
    return figureSpec('Behaviours of linear systems ẇ = −A w', this.caption, {
      vconcat: [{ hconcat: panels.slice(0, 3) }, { hconcat: panels.slice(3) }],
    }, 'dots: starting points; A is not symmetric in general');
  },
};
