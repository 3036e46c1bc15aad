import { ParameterError } from '../errors.js';
import { isDecimal } from '../parse-number.js';
import { SDP_MAX_ENTRY } from './solve-sdp.js';
import type { SdpBlock, SdpEntry, SdpProblem } from './problem.js';

/**
 * Read an SDPA sparse file (.dat-s): comment lines starting with `"` or `*`, then m, the number of blocks, the
 * block sizes (negative = diagonal LP block), the m objective coefficients b, and entries `k block i j value`
 * (k = 0 for C, 1-based indices). Commas, braces and parentheses count as spaces, as in the SDPA manual.
 * Reference: Fujisawa, Kojima, Nakata, "SDPA User's Manual", sparse format; CSDP's `readprob`.
 *
 * @example
 * readSdpa('1\n1\n2\n1.0\n0 1 1 1 1.0\n1 1 1 1 1.0\n1 1 2 2 1.0\n').b; // returns Float64Array [1]
 */
export function readSdpa(text: string): SdpProblem {
  const tokens: { t: string; line: number }[] = [];
  const lines = text.split(/\r?\n/);
  let started = false;
  for (let ln = 0; ln < lines.length; ln++) {
    const raw = lines[ln];
    if (!started && /^\s*["*]/.test(raw)) continue;
    const body = raw.replace(/[,{}()]/g, ' ').trim();
    if (body === '') continue;
    started = true;
    for (const t of body.split(/\s+/)) tokens.push({ t, line: ln + 1 });
  }
  let pos = 0;
  const next = (what: string): { value: number; line: number } => {
    if (pos >= tokens.length) throw new ParameterError('SDPA file', 'end of file', `${what} (the file is truncated)`);
    const { t, line } = tokens[pos++];
    // SDPA (Fortran) numbers may write the exponent with d or D; otherwise decimal only, as every number we read.
    const text = t.replace(/[dD]/, 'e');
    const value = isDecimal(text) ? Number(text) : NaN;
    if (!Number.isFinite(value)) throw new ParameterError(`SDPA line ${line}`, t, `a finite decimal number for ${what}`);
    if (Math.abs(value) > SDP_MAX_ENTRY) throw new ParameterError(`SDPA line ${line}`, t, `a number in [-${SDP_MAX_ENTRY}, ${SDP_MAX_ENTRY}] for ${what}`);
    return { value, line };
  };
  const nextInt = (what: string, min: number, max = Infinity): number => {
    const { value, line } = next(what);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new ParameterError(`SDPA line ${line}`, value, `an integer in [${min}, ${max}] for ${what}`);
    }
    return value;
  };
  const m = nextInt('the number of constraints m', 1);
  const nb = nextInt('the number of blocks', 1);
  const blocks: SdpBlock[] = [];
  for (let k = 0; k < nb; k++) {
    const { value, line } = next(`the size of block ${k + 1}`);
    if (!Number.isInteger(value) || value === 0) throw new ParameterError(`SDPA line ${line}`, value, `a nonzero integer size for block ${k + 1}`);
    blocks.push(value > 0 ? { kind: 'sdp', n: value } : { kind: 'diag', n: -value });
  }
  const b = new Float64Array(m);
  for (let k = 0; k < m; k++) b[k] = next(`objective coefficient c${k + 1}`).value;
  const C: SdpEntry[] = [];
  const A: SdpEntry[][] = Array.from({ length: m }, () => []);
  while (pos < tokens.length) {
    const line = tokens[pos].line;
    const k = nextInt('a matrix number', 0, m);
    const blk = nextInt('a block number', 1, nb) - 1;
    const n = blocks[blk].n;
    let i = nextInt('a row index', 1, n) - 1;
    let j = nextInt('a column index', 1, n) - 1;
    const v = next('an entry value').value;
    if (i > j) [i, j] = [j, i];
    if (blocks[blk].kind === 'diag' && i !== j) throw new ParameterError(`SDPA line ${line}`, `${i + 1} ${j + 1}`, `i = j in diagonal block ${blk + 1}`);
    if (v !== 0) (k === 0 ? C : A[k - 1]).push({ block: blk, i, j, v });
  }
  return { blocks, b, C, A };
}

/**
 * Write a problem in SDPA sparse format (1-based indices, upper triangle, full double precision).
 *
 * @example
 * writeSdpa(readSdpa('1\n1\n-1\n2\n1 1 1 1 1\n')); // returns '1\n1\n-1\n2\n1 1 1 1 1\n'
 */
export function writeSdpa(problem: SdpProblem, comment?: string): string {
  const out: string[] = [];
  if (comment) for (const c of comment.split('\n')) out.push(`" ${c}`);
  out.push(String(problem.b.length), String(problem.blocks.length));
  out.push(problem.blocks.map((b) => (b.kind === 'sdp' ? b.n : -b.n)).join(' '));
  out.push(Array.from(problem.b, String).join(' '));
  const emit = (k: number, es: readonly SdpEntry[]) => {
    for (const e of es) if (e.v !== 0) out.push(`${k} ${e.block + 1} ${e.i + 1} ${e.j + 1} ${e.v}`);
  };
  emit(0, problem.C);
  problem.A.forEach((es, k) => emit(k + 1, es));
  return out.join('\n') + '\n';
}
