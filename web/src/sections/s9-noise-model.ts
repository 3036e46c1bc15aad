// Section 9's model and state: the noisy quadratic model at a size the page can recompute per frame (D = 1000
// directions h_i = c_i = 1/i, grouped into curvature bins for the exact expectations), the method spec of a state, and
// the state fields.
import { METHOD_COLORS } from '../ui/colors.js';
import { num, choice, flag } from '../state/fields.js';
import { nqmSetup, nqmBins, type NqmSetup } from '../lib.js';

/** Directions of the model (the paper's is 10^4) and the bin ratio of nqmBins (a bin spans at most 5% in h). */
export const DIM = 1000;
export const RATIO = 0.05;
/** Batch sizes of the curves: B = 2^0 .. 2^BMAX (the slider moves over the same powers of two). */
export const BMAX = 16;
export const BATCHES = Array.from({ length: BMAX + 1 }, (_, i) => 2 ** i);
/** Most steps of the sampled run (D x steps coordinate updates in the worker). */
export const SAMPLE_MAX = 20000;

export const shape = {
  method: choice(['gd', 'hb', 'nag'] as const, 'hb'),
  /** log2 of the batch size. */
  b: num(0, BMAX, 8, { int: true }),
  alpha: num(1e-8, 10, 0.05),
  beta: num(0, 0.99999, 0.9),
  target: num(1e-4, 1, 0.01),
  /** Steps shown in the loss chart. */
  K: num(100, 1e6, 1e4),
  /** Fit the steps shown to twice the steps to target (when it is reached). */
  fit: flag(true),
  /** Compare with SGD at the effective learning rate alpha / (1 - beta). */
  eq: flag(true),
  seed: num(0, 1e6, 1, { int: true }),
};
export type S9 = { method: 'gd' | 'hb' | 'nag'; b: number; alpha: number; beta: number; target: number; K: number; fit: boolean; eq: boolean; seed: number };

/** The colour of SGD at the effective learning rate alpha / (1 - beta), in both charts: SGD is GD, so GD's colour (dashed). */
export const SGD_EFF_COLOR = METHOD_COLORS.gd;

export const NAMES: Record<S9['method'], string> = { gd: 'SGD', hb: 'Heavy ball', nag: 'Nesterov' };

let cached: { setup: NqmSetup; bins: NqmSetup } | null = null;
/** The full model and its bins (computed once). */
export function model(): { setup: NqmSetup; bins: NqmSetup } {
  cached ??= (() => { const setup = nqmSetup({ dim: DIM }); return { setup, bins: nqmBins(setup, { ratio: RATIO }) }; })();
  return cached;
}

export const batchOf = (s: S9): number => 2 ** s.b;
/** alpha / (1 - beta) (alpha for SGD). */
export const effectiveRate = (s: S9): number => (s.method === 'gd' ? s.alpha : s.alpha / (1 - s.beta));
/** The library spec of the state's method ('gd' is SGD: the same recurrence on noisy gradients). */
export function specOf(s: S9): string {
  return s.method === 'gd' ? `gd:alpha=${s.alpha}` : `${s.method}:alpha=${s.alpha},beta=${s.beta}`;
}
/** The spec of SGD at the state's effective learning rate. */
export const sgdEffSpec = (s: S9): string => `gd:alpha=${effectiveRate(s)}`;
/** The steps shown when fitted to `steps` to target: 2 steps with two significant digits, in [100, 10^6]. */
export const fittedK = (steps: number): number => Math.min(1e6, Math.max(100, Number((2 * steps).toPrecision(2))));
/** The steps shown, an integer. */
export const stepsOf = (s: S9): number => Math.max(1, Math.round(s.K));

/** Show a step count in full (1,234,567; fmt would switch to 1.2346e6) in the read-out `name` under `root`. */
export function showSteps(root: HTMLElement, name: string, v: number | string): void {
  const el = root.querySelector<HTMLElement>(`[data-readout="${name}"]`);
  if (!el) return;
  el.textContent = typeof v === 'number' ? v.toLocaleString('en-US') : v;
  if (typeof v === 'number') el.dataset.value = String(v);
  else delete el.dataset.value;
}
