// Checks of "more general dynamics": non-symmetric linear systems, their classification and exact solutions.
import { analyzeLinearSystem, odeLinearExact } from '../../../src/dynamics/index.js';
import { fromRows, jordanStructure } from '../../../src/linalg/index.js';
import { linearExamples } from '../../../src/plot/index.js';
import { close, same, type Check } from '../check.js';

export const generalDynamicsChecks: Check[] = [
  {
    id: 'linear-behaviours',
    section: 'general-dynamics',
    kind: 'claim',
    claim: 'Non-symmetric $\\mathbf A$ give more behaviours than gradient descent: the six matrices of the figure are classified (from trace and determinant of $-\\mathbf A$) as node, saddle, spiral, centre, star and degenerate node.',
    run() {
      const expected = 'node saddle spiral center star degenerate-node';
      const got = linearExamples.map((ex) => analyzeLinearSystem(fromRows(ex.A)).continuous!.type).join(' ');
      return same(expected, got);
    },
  },
  {
    id: 'jordan-block-exp',
    section: 'general-dynamics',
    kind: 'claim',
    claim: 'A repeated eigenvalue with one eigenvector (a Jordan block) gives $t e^{-t}$ terms: for $\\mathbf A = \\begin{pmatrix}1&1\\\\0&1\\end{pmatrix}$, $e^{-t\\mathbf A} = e^{-t}\\begin{pmatrix}1&-t\\\\0&1\\end{pmatrix}$, and the library finds one eigenvector.',
    run() {
      const A = fromRows([[1, 1], [0, 1]]);
      const t = 3;
      const sol = odeLinearExact(fromRows([[-1, -1], [0, -1]]), [0, t], [0, 1]);
      const predicted = -t * Math.exp(-t); // first component of e^{-tA} (0, 1)
      const jordan = jordanStructure(A);
      const r = close(predicted, sol.yEnd[0], { rel: 1e-13 });
      const oneEigenvector = jordan.length === 1 && jordan[0].algebraic === 2 && jordan[0].geometric === 1;
      return { ...r, pass: r.pass && oneEigenvector, numbers: { ...r.numbers, algebraic: jordan[0]?.algebraic ?? null, geometric: jordan[0]?.geometric ?? null }, note: `$w_1(3)$ from $(0, 1)$; Jordan structure: algebraic multiplicity ${jordan[0]?.algebraic}, geometric ${jordan[0]?.geometric}` };
    },
  },
  {
    id: 'discrete-vs-continuous',
    section: 'general-dynamics',
    kind: 'claim',
    claim: 'Discrete and continuous time can disagree: for $\\mathbf A = \\begin{pmatrix}0&1\\\\-1&0\\end{pmatrix}$, $\\alpha = 1$, the flow is a centre but $(\\mathbf I - \\alpha\\mathbf A)^k$ spirals out with radius $|1 \\pm i| = \\sqrt2$ per step.',
    run() {
      const a = analyzeLinearSystem(fromRows([[0, 1], [-1, 0]]), { alpha: 1 });
      const got = `${a.continuous!.type}/${a.discrete!.type}${a.discrete!.stable ? '' : ' (unstable)'}`;
      return same('center/spiral (unstable)', got, { numbers: { eigenvalueModulusOfB: Math.SQRT2 } });
    },
  },
];
