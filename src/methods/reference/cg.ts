// Plain-loop references for linear and nonlinear CG (Nocedal & Wright, Numerical Optimization, Alg. 5.2 and section 5.2),
// written with N&W's sign convention r = grad J(x) = Hx - b, p0 = -r0.
import { dotPlain as dot, type PlainOracle } from './oracle.js';

type P = Readonly<Record<string, number | string | boolean>>;

/** Linear CG: a = r.r / p.Hp; x += a p; r += a Hp; beta = r+.r+ / r.r; p = -r+ + beta p. */
export function refCg(o: PlainOracle, w0: number[], steps: number): number[][] {
  const Hv = (x: number[], v: number[]): number[] => (o.hvp ? o.hvp(x, v) : o.grad(x.map((xi, i) => xi + v[i])).map((gi, i) => gi - o.grad(x)[i]));
  let x = [...w0];
  let r = o.grad(x);
  let p = r.map((ri) => -ri);
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    const rr = dot(r, r);
    const Hp = rr > 0 ? Hv(x, p) : p.map(() => 0);
    const pHp = dot(p, Hp);
    if (rr > 0 && pHp > 0) {
      const a = rr / pHp;
      x = x.map((xi, i) => xi + a * p[i]);
      const rNext = r.map((ri, i) => ri + a * Hp[i]);
      const beta = dot(rNext, rNext) / rr;
      p = p.map((pi, i) => -rNext[i] + beta * pi);
      r = rNext;
    }
    out.push(x);
  }
  return out;
}

/**
 * The secant line search of secantLineSearch, written plainly: secant steps on phi'(a) = g(x + a d).d inside the
 * sign-change bracket, bisection when they leave it, doubling while no bracket is known.
 */
function refSecant(o: PlainOracle, x: number[], d: number[], slope0: number, a1: number, sigma: number, maxIter: number): number {
  let a0 = 0, s0 = slope0, lo = 0, hi = Infinity, a = a1;
  for (let it = 0; it < maxIter; it++) {
    const s = dot(o.grad(x.map((xi, i) => xi + a * d[i])), d);
    if (!Number.isFinite(s) || Math.abs(s) <= sigma * Math.abs(slope0) || it === maxIter - 1) return a;
    if (s < 0) lo = a; else hi = a;
    let next = s > s0 ? a - (s * (a - a0)) / (s - s0) : NaN;
    if (!(next > lo && next < hi)) next = hi === Infinity ? 2 * a : (lo + hi) / 2;
    a0 = a; s0 = s; a = next;
  }
  return a;
}

/** Nonlinear CG: x+ = x + a d; beta_FR = g+.g+/g.g, beta_PR = max(0, g+.(g+ - g)/g.g); d+ = -g+ + beta d. */
export function refNlcg(o: PlainOracle, w0: number[], steps: number, p: P): number[][] {
  let x = [...w0];
  let g = o.grad(x);
  let d = g.map((gi) => -gi);
  let aPrev = 1 / Math.max(1, Math.sqrt(dot(g, g)));
  const out: number[][] = [];
  for (let k = 1; k <= steps; k++) {
    if (dot(g, g) > 0) {
      let slope = dot(g, d);
      if (!(slope < 0)) { d = g.map((gi) => -gi); slope = -dot(g, g); }
      const dHd = p.linesearch === 'exact' && o.hvp ? dot(d, o.hvp(x, d)) : NaN;
      const a = dHd > 0 ? -slope / dHd : refSecant(o, x, d, slope, aPrev, p.sigma as number, p.maxls as number);
      aPrev = a;
      x = x.map((xi, i) => xi + a * d[i]);
      const gNext = o.grad(x);
      const gg = dot(g, g);
      let beta = p.variant === 'fr' ? dot(gNext, gNext) / gg : Math.max(0, dot(gNext, gNext.map((gi, i) => gi - g[i])) / gg);
      if ((p.restart as number) > 0 && k % (p.restart as number) === 0) beta = 0;
      d = d.map((di, i) => -gNext[i] + beta * di);
      g = gNext;
    }
    out.push(x);
  }
  return out;
}
