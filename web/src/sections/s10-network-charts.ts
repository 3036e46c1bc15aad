// Section 10's three charts (Vega-Lite): the loss against the step (log scale), the sharpness against the step with
// the method's threshold as a horizontal rule (the edge-of-stability picture), and the Hessian's spectral density at
// the current weights (log scale) with the threshold as a vertical rule. Axis ranges are signals set by the section.
// Every mark is clipped: a mark outside the plot would change the chart's bounds, and fit-x would resize it forever.

/** Colour of the threshold rule and its label (the method's colour is the curve's). */
export const RULE_COLOR = '#111827';

const size = (height: number) => ({ width: 'container', height, autosize: { type: 'fit-x', contains: 'padding', resize: true } });
const kAxis = { field: 'k', type: 'quantitative', title: 'step k', scale: { domain: { expr: '[0, kmax]' }, nice: false }, axis: { format: '~s' } };

export function sharpnessSpec(color: string): object {
  const y = { field: 'sharpness', type: 'quantitative', title: 'sharpness λ_max(∇²J(w_k))', scale: { domain: { expr: '[0, smax]' }, nice: false } };
  const ruleY = { field: 'h', type: 'quantitative', scale: { domain: { expr: '[0, smax]' }, nice: false }, title: null };
  return {
    ...size(320),
    params: [{ name: 'kmax', value: 1000 }, { name: 'smax', value: 12 }],
    layer: [
      { data: { name: 'rule' }, mark: { type: 'rule', strokeDash: [6, 4], strokeWidth: 1.6, color: RULE_COLOR, clip: true }, encoding: { y: ruleY } },
      { data: { name: 'rule' }, mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -3, color: RULE_COLOR, fontSize: 11, clip: true },
        encoding: { y: ruleY, x: { datum: 0, type: 'quantitative', scale: { domain: { expr: '[0, kmax]' }, nice: false } }, text: { field: 'label' } } },
      { data: { name: 'sharp' }, mark: { type: 'line', strokeWidth: 1.8, color, clip: true, point: { filled: true, size: 14, color } }, encoding: { x: kAxis, y } },
    ],
  };
}

export function lossSpec(color: string): object {
  return {
    ...size(250),
    params: [{ name: 'kmax', value: 1000 }],
    data: { name: 'loss' },
    mark: { type: 'line', strokeWidth: 1.5, color, clip: true },
    encoding: {
      x: kAxis,
      y: { field: 'loss', type: 'quantitative', title: 'loss J(w_k)  (log scale)', scale: { type: 'log' }, axis: { format: '.0e', labelOverlap: 'greedy' } },
    },
  };
}

export function densitySpec(color: string): object {
  const x = { field: 't', type: 'quantitative', title: 'Hessian eigenvalue', scale: { domain: { expr: '[xmin, xmax]' }, nice: false } };
  const y = { field: 'density', type: 'quantitative', title: 'density  (log scale)', scale: { type: 'log', domain: { expr: '[dmin, dmax]' }, nice: false }, axis: { format: '.0e', labelOverlap: 'greedy' } };
  return {
    ...size(250),
    params: [{ name: 'xmin', value: -1 }, { name: 'xmax', value: 12 }, { name: 'dmin', value: 1e-6 }, { name: 'dmax', value: 10 }],
    layer: [
      { data: { name: 'density' }, mark: { type: 'area', color, opacity: 0.18, clip: true }, encoding: { x, y, y2: { field: 'base' } } },
      { data: { name: 'density' }, mark: { type: 'line', strokeWidth: 1.3, color, clip: true }, encoding: { x, y } },
      { data: { name: 'rule' }, mark: { type: 'rule', strokeDash: [6, 4], strokeWidth: 1.6, color: RULE_COLOR, clip: true }, encoding: { x: { field: 'h', type: 'quantitative', scale: { domain: { expr: '[xmin, xmax]' }, nice: false }, title: null } } },
    ],
  };
}
