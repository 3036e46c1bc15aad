import type { Problem } from '../problems/problem.js';
import { type CountingProblem, type OracleCounts, countingProblem } from './counting-problem.js';

/**
 * A counting wrapper lent to one run at a time, with its counts; `release` hands it back (the next borrower finds the
 * counts at zero). `counts` is `counted.counts`, read once: the wrapper inherits from its problem, so its hidden class
 * differs from problem to problem, and a property read on it in run's optimised code would deoptimise run whenever a
 * sweep moves on to a new problem object (measured: one deoptimisation per run when each bench repetition builds its
 * problem anew).
 */
export interface CountingLease {
  readonly counted: CountingProblem;
  readonly counts: OracleCounts;
  release(): void;
}

interface Entry extends CountingLease {
  busy: boolean;
  /** The oracles the wrapper was built around (it binds valueAndGrad, excessAndGrad, hvp and registers grad). */
  readonly grad: Problem['grad'];
  readonly valueAndGrad: Problem['valueAndGrad'];
  readonly excessAndGrad: Problem['excessAndGrad'];
  readonly hvp: Problem['hvp'];
}

const entries = new WeakMap<Problem, Entry>();

function makeEntry(problem: Problem): Entry {
  const counted = countingProblem(problem);
  const entry: Entry = {
    counted,
    counts: counted.counts,
    busy: false,
    release() { entry.busy = false; },
    grad: problem.grad,
    valueAndGrad: problem.valueAndGrad,
    excessAndGrad: problem.excessAndGrad,
    hvp: problem.hvp,
  };
  return entry;
}

/**
 * `countingProblem(problem)` with its counts at zero, reused from run to run of the same problem: building the wrapper
 * (Object.create, five property definitions, bound oracles) took ~2 us, half of run's setup in a sweep of 10^4 short runs. A run nested inside another on the same problem
 * (say from onProgress) gets a fresh wrapper, and so does a problem whose oracles were replaced since.
 *
 * @example
 * const lease = borrowCountingProblem(p); lease.counted.grad(p.x0, g); lease.counted.calls(); // returns 1
 * lease.release();
 */
export function borrowCountingProblem(problem: Problem): CountingLease {
  let entry = entries.get(problem);
  if (entry !== undefined && entry.busy) return makeEntry(problem);
  if (entry === undefined || entry.grad !== problem.grad || entry.valueAndGrad !== problem.valueAndGrad
    || entry.excessAndGrad !== problem.excessAndGrad || entry.hvp !== problem.hvp) {
    entry = makeEntry(problem);
    entries.set(problem, entry);
  }
  entry.counted.reset();
  entry.busy = true;
  return entry;
}
