import type { Problem } from '../problems/problem.js';
import type { Optimizer, OptimizerState } from './optimizer.js';
import { type MethodDefinition, betaParam, checkValues, rateParam } from './definition.js';

/**
 * Leapfrog state: iterate w, full-step velocity v = v^(k), half-step velocity vHalf = v^(k-1/2), and g = grad J(w^(k))
 * (kept from the previous step, so each step costs one gradient).
 */
export interface LeapfrogState extends OptimizerState {
  v: Float64Array;
  vHalf: Float64Array;
  g: Float64Array;
}

/**
 * Heavy ball written as the leapfrog (Störmer–Verlet, kick-drift-kick) integrator, with damping beta on the second kick:
 *
 * v^(k+1/2) = v^(k) - (alpha/2) grad J(w^(k));  w^(k+1) = w^(k) + v^(k+1/2);  v^(k+1) = beta v^(k+1/2) - (alpha/2) grad J(w^(k+1))
 * (Lecture 9, slide "An aside"; Hairer, Lubich & Wanner, Geometric Numerical Integration). beta = 1 is the lecture's
 * undamped symplectic integrator. Map onto heavy ball hb(alpha, beta) started at rest: the iterates w^(k) are identical,
 * v^(k+1/2) = v_hb^(k+1), and v^(k) = beta v_hb^(k) - (alpha/2) grad J(w^(k)) (so v^(0) = -(alpha/2) grad J(w^(0))).
 * With beta = 1 on a quadratic, 1/2 ||v||^2 + alpha J(w) - (alpha^2/8) ||grad J(w)||^2 (the shadow Hamiltonian) is
 * conserved exactly.
 *
 * @example
 * // J = 1/2 w^2, w0 = 1, alpha = 1, beta = 1: v0 = -0.5, vHalf = -1, w1 = 0, v1 = -1; the shadow energy stays 1/2
 * const lf = leapfrogMomentum(1, { beta: 1 });
 */
export function leapfrogMomentum(alpha: number, { beta = 0.9 }: { beta?: number } = {}): Optimizer<LeapfrogState> {
  checkValues('leapfrog', params, { alpha, beta });
  const h = alpha / 2;
  return {
    name: 'leapfrog',
    params: { alpha, beta },
    // State (w, v, g = grad J(w)); the gradient is taken at y = w + v - h g (= w+): w+ = y, v+ = beta (v - h g) - h u, g+ = u.
    linear: {
      A: [[1, 1, -h], [0, beta, -beta * h], [0, 0, 0]], B: [0, -h, 1], C: [1, 1, -h], D: 0,
      state: ['w', 'v', 'g'], start: { w: [1, 0, 0], g: [0, -h, 1] },
    },
    init(problem: Problem, w0: Float64Array): LeapfrogState {
      const n = w0.length;
      const w = Float64Array.from(w0);
      const g = problem.grad(w, new Float64Array(n));
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = -h * g[i];
      return { k: 0, w, v, vHalf: new Float64Array(n), g };
    },
    step(state: LeapfrogState, problem: Problem): void {
      const { w, v, vHalf, g } = state;
      const n = w.length;
      for (let i = 0; i < n; i++) {
        const vh = v[i] - h * g[i];
        vHalf[i] = vh;
        w[i] += vh;
      }
      problem.grad(w, g);
      for (let i = 0; i < n; i++) v[i] = beta * vHalf[i] - h * g[i];
      state.k++;
    },
  };
}

const params = [rateParam(), betaParam(0.9, 'damping beta (1 = undamped); the w iterates equal hb(alpha, beta)', true)];

export const leapfrogMomentumDefinition: MethodDefinition = {
  name: 'leapfrog', description: 'heavy ball as the leapfrog (kick-drift-kick) integrator; beta = 1 is symplectic',
  equation: 'v+1/2 = v - (alpha/2) grad J(w); w <- w + v+1/2; v <- beta v+1/2 - (alpha/2) grad J(w)',
  params, linear: true,
  build: (p) => leapfrogMomentum(p.alpha as number, { beta: p.beta as number }),
};
