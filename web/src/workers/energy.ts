// Section 5's energy curves for one (mu, s): the continuous heavy ball's E(t)/E(0) per curvature (exact solution), the
// discrete method's E_k/E_0 at alpha = s^2, beta = 1 - mu s, and the library's fitted decay rates. Pure: it runs in
// the heavy worker (the page only thins and draws).
import { continuousHeavyBallDirection, oscillatorEnergy, energyDecay, diagonalQuadratic, heavyBall, linspace } from '../lib.js';

export const ENERGY_HS = [0.25, 1, 4, 16];

export interface EnergyCurves {
  T: number;
  ts: Float64Array;
  /** Per curvature (ENERGY_HS order): E(t_i)/E(0) (continuous) and E_k/E_0 (discrete, k = 0..K). */
  continuous: Float64Array[];
  discrete: Float64Array[];
  rate: number[];
  dev: number[];
}

export function energyCurves(mu: number, s: number): EnergyCurves {
  const T = 26 / mu;
  const ts = linspace(0, T, 600);
  const K = Math.min(20000, Math.round(T / s));
  const out: EnergyCurves = { T, ts, continuous: [], discrete: [], rate: [], dev: [] };
  for (const h of ENERGY_HS) {
    const E0 = oscillatorEnergy([h], [1], [0]);
    const ys = new Float64Array(ts.length);
    for (let i = 0; i < ts.length; i++) {
      const { w, v } = continuousHeavyBallDirection(h, mu, 1, 0, ts[i]);
      ys[i] = Math.max(oscillatorEnergy([h], [w], [v]) / E0, 1e-30);
    }
    const d = energyDecay(h, mu);
    // Discrete heavy ball on the 1-D quadratic with curvature h; the velocity v_k / s is the continuous one's.
    const problem = diagonalQuadratic(Float64Array.of(h), { x0: Float64Array.of(1) });
    const opt = heavyBall(s * s, { beta: 1 - mu * s });
    const state = opt.init(problem, problem.x0);
    const Ek = new Float64Array(K + 1);
    Ek[0] = 1;
    for (let k = 1; k <= K; k++) {
      opt.step(state, problem);
      Ek[k] = Math.max(oscillatorEnergy([h], [state.w[0]], [state.v![0] / s]) / E0, 1e-30);
    }
    out.continuous.push(ys);
    out.discrete.push(Ek);
    out.rate.push(d.fittedRate);
    out.dev.push(d.maxDeviation);
  }
  return out;
}
