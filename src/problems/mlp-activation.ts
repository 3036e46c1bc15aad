/** The activations of an MLP's hidden layers (the output layer is linear). */
export const MLP_ACTIVATIONS = ['tanh', 'relu', 'softplus', 'identity'] as const;
export type MlpActivation = (typeof MLP_ACTIVATIONS)[number];

/**
 * a <- sigma(z) in place over z[start, end), and where `level` >= 1 also d1 <- sigma'(z), d2 <- sigma''(z) (the first and
 * second derivatives the gradient and the R-operator need): tanh' = 1 - t^2, tanh'' = -2 t (1 - t^2); relu' = [z > 0]
 * (0 at z = 0, as PyTorch), relu'' = 0; softplus(z) = log(1 + e^z) with softplus' = s = 1/(1 + e^-z), softplus'' = s (1 - s)
 * (exact for every z, without PyTorch's linear branch above z = 20); identity' = 1, identity'' = 0.
 *
 * @example
 * const z = Float64Array.of(0, 1), d1 = new Float64Array(2), d2 = new Float64Array(2);
 * activate('softplus', z, d1, d2, 0, 2, 1); // z = [0.6931..., 1.3132...], d1 = [0.5, 0.7310...], d2 = [0.25, 0.1966...]
 */
export function activate(act: MlpActivation, z: Float64Array, d1: Float64Array, d2: Float64Array, start: number, end: number, level: number): void {
  switch (act) {
    case 'tanh':
      for (let i = start; i < end; i++) {
        const t = Math.tanh(z[i]);
        z[i] = t;
        if (level > 0) { const s = 1 - t * t; d1[i] = s; d2[i] = -2 * t * s; }
      }
      return;
    case 'relu':
      for (let i = start; i < end; i++) {
        const pos = z[i] > 0;
        if (!pos) z[i] = 0;
        if (level > 0) { d1[i] = pos ? 1 : 0; d2[i] = 0; }
      }
      return;
    case 'softplus':
      for (let i = start; i < end; i++) {
        const x = z[i];
        z[i] = Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
        if (level > 0) {
          const e = Math.exp(-Math.abs(x)), s = x >= 0 ? 1 / (1 + e) : e / (1 + e);
          d1[i] = s; d2[i] = s * (1 - s);
        }
      }
      return;
    case 'identity':
      if (level > 0) for (let i = start; i < end; i++) { d1[i] = 1; d2[i] = 0; }
      return;
  }
}
