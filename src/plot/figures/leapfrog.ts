import { closedFormTrajectory, directionMatrix, linearMethod, naiveEnergy, shadowEnergy } from '../../theory/index.js';
import { figureSpec, quant, seriesColor } from '../chart.js';
import type { FigureDef } from '../figure.js';
import { sig } from '../round.js';
import { methodColors } from '../theme.js';
import { label, num, positiveList } from './common.js';

/**
 * Heavy ball at beta = 1 as a leapfrog integrator (lecture slide 21): along the closed-form trajectory on a diagonal
 * quadratic, the naive energy J + ||v||^2/(2 alpha) oscillates while the shadow Hamiltonian stays constant.
 */
export const leapfrogFigure: FigureDef = {
  name: 'leapfrog',
  title: 'Heavy ball at β = 1: energy vs shadow Hamiltonian',
  section: 'leapfrog',
  caption: 'Heavy ball with $\\beta = 1$ on a quadratic with curvatures $h_j$, from $w = 1$, $v = 0$. The naive energy $\\mathcal{J} + \\|v\\|^2/(2\\alpha)$ is not conserved (it oscillates by $\\mathcal{O}(\\alpha h)$), but the shadow Hamiltonian $\\tilde{\\mathcal E} = \\mathcal{J} + \\|v\\|^2/(2\\alpha) - \\frac12 v^\\top\\nabla\\mathcal J$ of the leapfrog integrator is constant to rounding: that is why the spectral radius is exactly 1 at $\\beta = 1$.',
  params: [
    { name: 'alpha', description: 'learning rate', default: 1, min: 0, minExclusive: true },
    { name: 'h', aliases: ['hs'], description: 'curvatures separated by ; (alpha h < 4 for stability)', default: '0.02;0.15', kind: 'string' },
    { name: 'steps', description: 'iterations', default: 200, kind: 'integer', min: 2, max: 1000000 },
  ],
  build(params) {
    const alpha = num(params, 'alpha');
    const steps = num(params, 'steps');
    const hs = positiveList(params, 'h', 'leapfrog');
    const m = linearMethod('hb', { alpha, beta: 1 });
    const traj = hs.map((h) => closedFormTrajectory(directionMatrix(m, h), [1, 0], steps));
    const energies = (k: number) => {
      const v = traj.map((t) => t.v[k]);
      const grad = traj.map((t, j) => hs[j] * t.w[k]);
      const loss = traj.reduce((s, t, j) => s + 0.5 * hs[j] * t.w[k] ** 2, 0);
      return { naive: naiveEnergy(alpha, loss, v), shadow: shadowEnergy(alpha, loss, v, grad) };
    };
    const e0 = energies(0);
    const names = ['naive energy J + ‖v‖²/(2α)', 'shadow Hamiltonian'];
    const rows = [];
    for (let k = 0; k <= steps; k++) {
      const e = energies(k);
      rows.push({ k, E: sig(e.naive / e0.naive, 6), series: names[0] }, { k, E: sig(e.shadow / e0.shadow, 9), series: names[1] });
    }
    return figureSpec('Heavy ball at β = 1 conserves a shadow Hamiltonian', this.caption, {
      width: 460, height: 240,
      layer: [{
        data: { values: rows }, mark: { type: 'line', strokeWidth: 1.8 },
        encoding: { x: quant('k', 'iteration k', { domain: [0, steps] }), y: quant('E', 'energy / initial energy'), color: seriesColor('series', null, names, [methodColors.hb, methodColors.theory]) },
      }],
    }, `α = ${alpha}, h = ${hs.map(label).join(', ')}`);
  },
};
