// A check: one sentence of the lecture (or one erratum) turned into numbers — what the theory predicts, what the
// library measures, the tolerance, and the verdict. The report runs every check and fails (exit 1) if any fails.

/** What a check returns. Numbers are kept as numbers so the JSON file has them all. */
export interface CheckResult {
  predicted: number | string;
  measured: number | string;
  /** How predicted and measured are compared, e.g. 'rel 1e-9', 'abs 0.02', 'measured <= predicted'. */
  tolerance: string;
  pass: boolean;
  /** Every other number the check computed (JSON output). */
  numbers?: Record<string, number | string | boolean | null | (number | null)[]>;
  /** One sentence for the reader: what the numbers show. */
  note?: string;
}

/** Build options every check sees. */
export interface CheckContext {
  /** Reduced sizes (tests); predictions and tolerances stay the same. */
  quick: boolean;
}

export interface Check {
  /** Stable id, e.g. 'hb-underdamped-modulus'. */
  id: string;
  /** The report section it belongs to. */
  section: string;
  /** 'claim' for the lecture's sentences, 'erratum' for the places where the lecture's text is wrong. */
  kind: 'claim' | 'erratum';
  /** The claim in words, with TeX between $...$ (rendered by KaTeX in the report). */
  claim: string;
  run(ctx: CheckContext): CheckResult | Promise<CheckResult>;
}

/**
 * Compare a measured number with a prediction: |measured - predicted| <= max(abs, rel |predicted|).
 *
 * @example
 * close(0.9, 0.9000001, { rel: 1e-6 }).pass; // returns true
 */
export function close(
  predicted: number, measured: number, { rel = 0, abs = 0 }: { rel?: number; abs?: number },
  extra: Pick<CheckResult, 'numbers' | 'note'> = {},
): CheckResult {
  const err = Math.abs(measured - predicted);
  const pass = Number.isFinite(measured) && err <= Math.max(abs, rel * Math.abs(predicted));
  const tolerance = [rel ? `rel ${rel}` : '', abs ? `abs ${abs}` : ''].filter(Boolean).join(' or ') || 'exact';
  return { predicted, measured, tolerance, pass, ...extra, numbers: { error: err, relativeError: predicted !== 0 ? err / Math.abs(predicted) : null, ...extra.numbers } };
}

/**
 * An inequality check: measured <= bound (or >= with `atLeast`).
 *
 * @example
 * bounded(1.0, 0.5).pass; // returns true (0.5 <= 1)
 */
export function bounded(
  bound: number, measured: number, { atLeast = false, slack = 0 }: { atLeast?: boolean; slack?: number } = {},
  extra: Pick<CheckResult, 'numbers' | 'note'> = {},
): CheckResult {
  const pass = Number.isFinite(measured) && (atLeast ? measured >= bound - slack : measured <= bound + slack);
  const op = atLeast ? '>=' : '<=';
  return { predicted: bound, measured, tolerance: `measured ${op} predicted${slack ? ` (slack ${slack})` : ''}`, pass, ...extra };
}

/**
 * A check of a discrete outcome (a regime name, a period, a status).
 *
 * @example
 * same('underdamped', 'underdamped').pass; // returns true
 */
export function same(predicted: string | number, measured: string | number, extra: Pick<CheckResult, 'numbers' | 'note'> = {}): CheckResult {
  return { predicted, measured, tolerance: 'equal', pass: predicted === measured, ...extra };
}
