import { type BlockMatrix, type SdpProblem, entriesToBlocks, zeroBlocks } from './problem.js';
import { prepareSdpData } from './sdp-data.js';
import { applyA, applyAT } from './sdp-operators.js';
import { minEigenvalueBlocks } from './min-eigenvalue-blocks.js';

export interface CertificateCheck {
  /** λmin over the blocks of X (>= 0 for a valid primal point). */
  minEigX: number;
  /** λmin over the blocks of Z = Σ y_k A_k − C recomputed from y (>= 0 for a valid dual point). */
  minEigZ: number;
  /** ‖A(X) − b‖₂ / (1 + ‖b‖₂). */
  primalResidual: number;
  /** C•X and bᵀy recomputed. */
  primalObjective: number;
  dualObjective: number;
}

/**
 * Check a returned primal–dual pair independently of the solver's iterates: eigenvalues of X and of the LMI
 * Z(y) = Σ y_k A_k − C (recomputed from y alone), the primal residual and both objectives.
 *
 * @example
 * checkSdpCertificate(p, solveSdp(p)).minEigZ; // returns about −1e−9 or more for an optimal solution
 */
export function checkSdpCertificate(problem: SdpProblem, solution: { X: BlockMatrix; y: Float64Array }): CertificateCheck {
  const { blocks, b } = problem;
  const data = prepareSdpData(problem);
  const Z = applyAT(blocks, data, solution.y, zeroBlocks(blocks));
  const C = entriesToBlocks(blocks, problem.C);
  let pobj = 0;
  for (let i = 0; i < blocks.length; i++) {
    for (let t = 0; t < Z[i].length; t++) { Z[i][t] -= C[i][t]; pobj += C[i][t] * solution.X[i][t]; }
  }
  const Ax = applyA(blocks, data, solution.X, new Float64Array(b.length));
  let r = 0, nb = 0, dobj = 0;
  for (let k = 0; k < b.length; k++) { r += (Ax[k] - b[k]) ** 2; nb += b[k] * b[k]; dobj += b[k] * solution.y[k]; }
  return {
    minEigX: minEigenvalueBlocks(blocks, solution.X),
    minEigZ: minEigenvalueBlocks(blocks, Z),
    primalResidual: Math.sqrt(r) / (1 + Math.sqrt(nb)),
    primalObjective: pobj,
    dualObjective: dobj,
  };
}
