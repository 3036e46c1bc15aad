import { certifyMethod, certifyRate, quadraticRateBound } from '../../certify/index.js';
import { figureSpec, quant, seriesColor } from '../chart.js';
import type { FigureDef } from '../figure.js';
import { sig } from '../round.js';
import { methodColors, palette } from '../theme.js';
import { num } from './common.js';

const iqcMethods = [
  { key: 'gd', spec: 'gd:tune=optimal', name: 'GD, α = 2/(L+μ)', color: methodColors.gd },
  { key: 'hb', spec: 'hb:tune=polyak', name: 'heavy ball, Polyak', color: methodColors.hb },
  { key: 'nag', spec: 'nag:tune=standard', name: 'Nesterov, standard', color: methodColors.nag },
  { key: 'tmm', spec: 'tmm', name: 'triple momentum', color: palette[3] },
];

/** Certified (IQC) and quadratic rates of the built-in methods over a log-spaced range of kappa (L = 1). */
export function iqcRateCurves(kappas: readonly number[]): { method: string; kappa: number; certified: number | null; quadratic: number }[] {
  const out = [];
  for (const kappa of kappas) {
    const mu = 1 / kappa;
    for (const m of iqcMethods) {
      const method = certifyMethod(m.spec, mu, 1);
      const cert = certifyRate(method.stateSpace, mu, 1, { iqc: 'weighted', tolerance: 1e-5 });
      out.push({ method: m.key, kappa, certified: cert.rate, quadratic: quadraticRateBound(method.stateSpace, mu, 1) });
    }
  }
  return out;
}

/**
 * IQC rate curves (lecture slide 31, after Lessard, Recht and Packard 2016, Fig. 3-5): the smallest rho certified over
 * all mu-strongly convex, L-smooth functions by the weighted off-by-one IQC, against the rate on quadratics.
 */
export const iqcRates: FigureDef = {
  name: 'iqc-rates',
  title: 'Certified convergence rates (IQC)',
  section: 'certification',
  caption: 'Worst-case rate $\\rho$ over all $\\mu$-strongly convex $L$-smooth functions certified by the IQC analysis of Lessard, Recht and Packard (an SDP per $\\rho$, bisection; solid with markers), against each method\'s rate on quadratics (dashed). Gradient descent and triple momentum are certified at their quadratic rates (their dashed lines hide under the solid ones); Nesterov\'s certified rate lies a little above its quadratic rate $1 - 1/\\sqrt\\kappa$ (which coincides with triple momentum\'s curve) and stays accelerated; heavy ball with Polyak\'s tuning has the best quadratic rate but no certificate beyond small $\\kappa$ (its curve stops): on general functions it can fail, as the counterexample shows.',
  params: [
    { name: 'n', description: 'number of kappas', default: 16, kind: 'integer', min: 2, max: 100 },
    { name: 'kmax', description: 'largest kappa', default: 1000, min: 1.5, max: 1e6 },
  ],
  quick: { n: 4, kmax: 100 },
  build(params) {
    const n = num(params, 'n');
    const kmax = num(params, 'kmax');
    const kmin = 1.5;
    const kappas = Array.from({ length: n }, (_, i) => Number((kmin * (kmax / kmin) ** (i / (n - 1))).toPrecision(4)));
    const curves = iqcRateCurves(kappas);
    const names = iqcMethods.map((m) => m.name);
    const nameOf = Object.fromEntries(iqcMethods.map((m) => [m.key, m.name]));
    const rows = curves.map((c) => ({ kappa: c.kappa, certified: c.certified === null ? null : sig(c.certified, 6), quadratic: sig(c.quadratic, 6), series: nameOf[c.method] }));
    const color = seriesColor('series', 'method', names, iqcMethods.map((m) => m.color));
    const x = quant('kappa', 'condition number κ = L/μ', { log: true, domain: [kmin, kmax] });
    return figureSpec('Certified worst-case rates over smooth strongly convex functions', this.caption, {
      width: 440, height: 280,
      layer: [
        { data: { values: rows }, mark: { type: 'line', strokeDash: [5, 3], strokeWidth: 1.3 }, encoding: { x, y: quant('quadratic', 'rate ρ', { domain: [0, 1] }), color } },
        { data: { values: rows.filter((r) => r.certified !== null) }, mark: { type: 'line', strokeWidth: 2, point: { size: 30, filled: true } }, encoding: { x: { field: 'kappa', type: 'quantitative' }, y: { field: 'certified', type: 'quantitative' }, color: { field: 'series', type: 'nominal' } } },
      ],
    }, 'solid: certified by the weighted off-by-one IQC; dashed: rate on quadratics');
  },
};
