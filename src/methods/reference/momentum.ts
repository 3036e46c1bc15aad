// Plain-loop reference implementations of the momentum methods, written straight from their equations with number[]
// arrays and fresh arrays every step. The fast Float64Array methods are tested against these (DESIGN.md, house style 10).
import type { PlainOracle } from './oracle.js';

type P = Readonly<Record<string, number | string | boolean>>;
const n = (p: P, k: string): number => p[k] as number;

/** w <- w - alpha grad J(w). */
export function refGd(o: PlainOracle, w0: number[], steps: number, p: P): number[][] {
  let w = [...w0];
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    const g = o.grad(w);
    w = w.map((wi, i) => wi - n(p, 'alpha') * g[i]);
    out.push(w);
  }
  return out;
}

/** v <- beta v - alpha grad J(w); w <- w + v. */
export function refHb(o: PlainOracle, w0: number[], steps: number, p: P): number[][] {
  let w = [...w0];
  let v = w0.map(() => 0);
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    const g = o.grad(w);
    v = v.map((vi, i) => n(p, 'beta') * vi - n(p, 'alpha') * g[i]);
    w = w.map((wi, i) => wi + v[i]);
    out.push(w);
  }
  return out;
}

/** v <- beta v - alpha grad J(w + beta v); w <- w + v. */
export function refNag(o: PlainOracle, w0: number[], steps: number, p: P): number[][] {
  const alpha = n(p, 'alpha'), beta = n(p, 'beta');
  let w = [...w0];
  let v = w0.map(() => 0);
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    const g = o.grad(w.map((wi, i) => wi + beta * v[i]));
    v = v.map((vi, i) => beta * vi - alpha * g[i]);
    w = w.map((wi, i) => wi + v[i]);
    out.push(w);
  }
  return out;
}

/** y = w + tau_k (z - w); w+ = y - alpha_k g(y); z+ = z - gamma_k g(y) (+ q delta_k (y - z) for the strongly convex schedule). */
export function refNagAspremont(o: PlainOracle, w0: number[], steps: number, p: P): number[][] {
  let w = [...w0];
  let z = [...w0];
  let A = 0;
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    let tau = n(p, 'tau'), alpha = n(p, 'alpha'), gamma = n(p, 'gamma'), pull = 0;
    if (p.schedule === 'convex') {
      const a = (1 + Math.sqrt(4 * A + 1)) / 2;
      tau = a / (A + a); alpha = 1 / n(p, 'L'); gamma = a / n(p, 'L');
      A = A + a;
    } else if (p.schedule === 'strongly-convex') {
      const q = n(p, 'mu') / n(p, 'L');
      const Anext = (2 * A + 1 + Math.sqrt(4 * A + 4 * q * A * A + 1)) / (2 * (1 - q));
      tau = ((Anext - A) * (1 + q * A)) / (Anext + 2 * q * A * Anext - q * A * A);
      const delta = (Anext - A) / (1 + q * Anext);
      alpha = 1 / n(p, 'L'); gamma = delta / n(p, 'L'); pull = q * delta;
      A = Anext;
    }
    const y = w.map((wi, i) => wi + tau * (z[i] - wi));
    const g = o.grad(y);
    w = y.map((yi, i) => yi - alpha * g[i]);
    z = z.map((zi, i) => zi + pull * (y[i] - zi) - gamma * g[i]);
    out.push(w);
  }
  return out;
}

/** Chebyshev iteration in Saad's form (Alg. 12.1): x+ = x + d; r = -grad J(x+); rho+ = 1/(2 sigma - rho); d+ = rho+ rho d + (2 rho+/delta) r. */
export function refChebyshev(o: PlainOracle, w0: number[], steps: number, p: P): number[][] {
  const theta = (n(p, 'L') + n(p, 'mu')) / 2, delta = (n(p, 'L') - n(p, 'mu')) / 2, sigma = theta / delta;
  let rho = 1 / sigma;
  let x = [...w0];
  let d = o.grad(x).map((gi) => -gi / theta);
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    x = x.map((xi, i) => xi + d[i]);
    out.push(x);
    const r = o.grad(x).map((gi) => -gi);
    const rhoNext = 1 / (2 * sigma - rho);
    d = d.map((di, i) => rhoNext * rho * di + ((2 * rhoNext) / delta) * r[i]);
    rho = rhoNext;
  }
  return out;
}

/** v_j <- beta_j v_j - grad J(w); w <- w + (alpha/K) sum_j v_j. */
export function refAggmo(o: PlainOracle, w0: number[], steps: number, p: P): number[][] {
  const betas = String(p.betas).split(';').map(Number);
  let w = [...w0];
  let vs = betas.map(() => w0.map(() => 0));
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    const g = o.grad(w);
    vs = vs.map((v, j) => v.map((vi, i) => betas[j] * vi - g[i]));
    w = w.map((wi, i) => wi + (n(p, 'alpha') / betas.length) * vs.reduce((s, v) => s + v[i], 0));
    out.push(w);
  }
  return out;
}

/** m <- beta m + (1 - beta) g; w <- w - alpha ((1 - nu) g + nu m). */
export function refQhm(o: PlainOracle, w0: number[], steps: number, p: P): number[][] {
  const alpha = n(p, 'alpha'), beta = n(p, 'beta'), nu = n(p, 'nu');
  let w = [...w0];
  let m = w0.map(() => 0);
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    const g = o.grad(w);
    m = m.map((mi, i) => beta * mi + (1 - beta) * g[i]);
    w = w.map((wi, i) => wi - alpha * ((1 - nu) * g[i] + nu * m[i]));
    out.push(w);
  }
  return out;
}

/** Lecture's leapfrog: v(k+1/2) = v(k) - alpha/2 g(w(k)); w(k+1) = w(k) + v(k+1/2); v(k+1) = beta v(k+1/2) - alpha/2 g(w(k+1)). */
export function refLeapfrog(o: PlainOracle, w0: number[], steps: number, p: P): number[][] {
  const alpha = n(p, 'alpha'), beta = n(p, 'beta');
  let w = [...w0];
  let v = o.grad(w).map((gi) => -(alpha / 2) * gi);
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    const vHalf = v.map((vi, i) => vi - (alpha / 2) * o.grad(w)[i]);
    w = w.map((wi, i) => wi + vHalf[i]);
    const g = o.grad(w);
    v = vHalf.map((vi, i) => beta * vi - (alpha / 2) * g[i]);
    out.push(w);
  }
  return out;
}

/** w <- w - alpha P grad J(w), P = 1/diag(H(w0)) (Jacobi), identity, or a given list. */
export function refPgd(o: PlainOracle, w0: number[], steps: number, p: P): number[][] {
  const dim = w0.length;
  let P: number[];
  if (p.precond === 'identity') P = w0.map(() => 1);
  else if (p.precond === 'jacobi') {
    P = w0.map((_, i) => {
      const e = w0.map((__, j) => (j === i ? 1 : 0));
      const hii = o.hvp!(w0, e)[i];
      return hii > 0 ? 1 / hii : 1;
    });
  } else {
    const list = String(p.precond).split(';').map(Number);
    P = list.length === 1 ? Array.from({ length: dim }, () => list[0]) : list;
  }
  let w = [...w0];
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    const g = o.grad(w);
    w = w.map((wi, i) => wi - n(p, 'alpha') * P[i] * g[i]);
    out.push(w);
  }
  return out;
}

/** x+ = x + beta1 (x - x_prev) - alpha grad J(x + beta2 (x - x_prev)), from rest (x_prev = x_0); also tmm's coefficients. */
export function refTwoTerm(o: PlainOracle, w0: number[], steps: number, p: P): number[][] {
  const alpha = n(p, 'alpha'), b1 = n(p, 'beta1'), b2 = n(p, 'beta2');
  let x = [...w0], xp = [...w0];
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    const g = o.grad(x.map((xi, i) => xi + b2 * (xi - xp[i])));
    const next = x.map((xi, i) => xi + b1 * (xi - xp[i]) - alpha * g[i]);
    xp = x; x = next;
    out.push(x);
  }
  return out;
}
