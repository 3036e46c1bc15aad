import { closedFormTrajectory, directionMatrix, directionRate, linearMethod } from '../../theory/index.js';
import { figureSpec, quant, seriesColor } from '../chart.js';
import type { FigureDef } from '../figure.js';
import { sig } from '../round.js';
import { methodColors } from '../theme.js';
import { label, num } from './common.js';

/**
 * Heavy ball vs Nesterov per eigendirection (lecture slides 25-26): |w_k| from the closed-form 2x2 powers, in a
 * low-curvature and a high-curvature direction at the same (alpha, beta).
 */
export const hbVsNesterov: FigureDef = {
  name: 'hb-vs-nesterov',
  title: 'Heavy ball vs Nesterov per eigendirection',
  section: 'nesterov',
  caption: 'Distance $|w^{(k)}|$ to the optimum along a flat direction (left) and a steep one (right), heavy ball vs Nesterov (Sutskever form) at the same $\\alpha, \\beta$. In the steep direction Nesterov\'s eigenvalues have modulus $\\sqrt{\\beta(1-\\alpha h)}$ instead of $\\sqrt\\beta$: the high-frequency oscillation dies much faster. In the flat direction both share the slow rate, which sets the convergence rate on quadratics.',
  params: [
    { name: 'alpha', description: 'learning rate', default: 1, min: 0, minExclusive: true },
    { name: 'beta', description: 'momentum', default: 0.9, min: 0, max: 1, maxExclusive: true },
    { name: 'hlow', description: 'flat curvature', default: 0.01, min: 0, minExclusive: true },
    { name: 'hhigh', description: 'steep curvature', default: 0.8, min: 0, minExclusive: true },
    { name: 'steps', description: 'iterations', default: 150, kind: 'integer', min: 5, max: 100000 },
  ],
  build(params) {
    const alpha = num(params, 'alpha');
    const beta = num(params, 'beta');
    const steps = num(params, 'steps');
    const names = ['heavy ball', 'Nesterov'];
    const methods = [linearMethod('hb', { alpha, beta }), linearMethod('nag', { alpha, beta })];
    const panel = (h: number, which: string) => {
      const rows = [];
      for (const [i, m] of methods.entries()) {
        const { w } = closedFormTrajectory(directionMatrix(m, h), [1, 0], steps);
        for (let k = 0; k <= steps; k++) rows.push({ k, w: sig(Math.max(Math.abs(w[k]), 1e-300), 5), method: names[i] });
      }
      const rates = methods.map((m) => label(directionRate(m, h)));
      return {
        title: { text: `${which}: h = ${label(h)}  (|z|: HB ${rates[0]}, NAG ${rates[1]})`, fontSize: 13 },
        width: 300, height: 230,
        layer: [{
          data: { values: rows }, mark: { type: 'line', strokeWidth: 1.6, clip: true },
          encoding: { x: quant('k', 'iteration k', { domain: [0, steps] }), y: quant('w', 'distance |w⁽ᵏ⁾ − w*|', { log: true, domain: [1e-8, 2] }), color: seriesColor('method', 'method', names, [methodColors.hb, methodColors.nag]) },
        }],
      };
    };
    return figureSpec('Nesterov damps the high-frequency directions', this.caption, {
      hconcat: [panel(num(params, 'hlow'), 'flat'), panel(num(params, 'hhigh'), 'steep')],
    }, `α = ${alpha}, β = ${beta}`);
  },
};
