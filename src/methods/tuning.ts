// Tuning rules from curvature bounds mu <= h <= L (kappa = L/mu), with the rule names of src/theory's tuneMethod
// (which also predicts their rates; optimizers may not import theory, so the few formulas are repeated here and
// test/methods/tuning.test.ts checks that both agree).

/**
 * Gradient descent's step: 'standard' alpha = 1/L; 'optimal' alpha = 2/(L + mu), the rate-optimal constant step
 * (rate (kappa - 1)/(kappa + 1)).
 *
 * @example
 * tuneGradientDescent('optimal', 0.01, 1); // returns { alpha: 1.9801980198019802 }
 */
export function tuneGradientDescent(rule: 'standard' | 'optimal', mu: number, L: number): { alpha: number } {
  return { alpha: rule === 'standard' ? 1 / L : 2 / (L + mu) };
}

/**
 * Heavy ball's (alpha, beta): 'lecture' alpha = 1/L, beta = (1 - 1/sqrt(kappa))^2 (the smallest curvature critically
 * damped, Lecture 9 slide 19); 'polyak' alpha = 4/(sqrt L + sqrt mu)^2, beta = ((sqrt kappa - 1)/(sqrt kappa + 1))^2
 * (Polyak 1964: the rate-optimal pair on quadratics, rate (sqrt kappa - 1)/(sqrt kappa + 1)).
 *
 * @example
 * tuneHeavyBall('polyak', 0.01, 1); // returns { alpha: 3.305785123966942, beta: 0.6694214876033059 }
 */
export function tuneHeavyBall(rule: 'lecture' | 'polyak', mu: number, L: number): { alpha: number; beta: number } {
  const sqrtKappa = Math.sqrt(L / mu);
  if (rule === 'lecture') return { alpha: 1 / L, beta: (1 - 1 / sqrtKappa) ** 2 };
  return { alpha: 4 / (Math.sqrt(L) + Math.sqrt(mu)) ** 2, beta: ((sqrtKappa - 1) / (sqrtKappa + 1)) ** 2 };
}

/**
 * Nesterov's momentum (Sutskever form): 'standard' alpha = 1/L, beta = (sqrt kappa - 1)/(sqrt kappa + 1)
 * (Nesterov, Introductory Lectures, (2.2.22)); 'optimal' (for quadratics) alpha = 4/(3L + mu),
 * beta = (sqrt(3 kappa + 1) - 2)/(sqrt(3 kappa + 1) + 2) (Lessard, Recht & Packard 2016, Prop. 12).
 *
 * @example
 * tuneNesterov('standard', 0.01, 1); // returns { alpha: 1, beta: 0.8181818181818182 }
 */
export function tuneNesterov(rule: 'standard' | 'optimal', mu: number, L: number): { alpha: number; beta: number } {
  const kappa = L / mu;
  if (rule === 'standard') {
    const sqrtKappa = Math.sqrt(kappa);
    return { alpha: 1 / L, beta: (sqrtKappa - 1) / (sqrtKappa + 1) };
  }
  const q = Math.sqrt(3 * kappa + 1);
  return { alpha: 4 / (3 * L + mu), beta: (q - 2) / (q + 2) };
}
