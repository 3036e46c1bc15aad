// The Vega-Lite config shared by every chart: typography (text at 12-13 px), grid and axis style (matching style.css).
import { palette } from '../lib.js';

export const FONT = 'system-ui, -apple-system, "Segoe UI", "Helvetica Neue", "Liberation Sans", Arial, sans-serif';

export const vegaConfig = {
  font: FONT,
  background: null,
  padding: 4,
  view: { stroke: '#d1d5db', strokeWidth: 1 },
  axis: {
    labelFont: FONT,
    titleFont: FONT,
    labelFontSize: 12,
    titleFontSize: 13,
    titleFontWeight: 500,
    labelColor: '#374151',
    titleColor: '#111827',
    gridColor: '#eef0f3',
    domainColor: '#9ca3af',
    tickColor: '#9ca3af',
    labelFlush: true,
  },
  legend: { labelFont: FONT, titleFont: FONT, labelFontSize: 12, titleFontSize: 12, symbolStrokeWidth: 2.5, labelLimit: 220 },
  title: { font: FONT, fontSize: 13, fontWeight: 600, anchor: 'start', color: '#111827', subtitleColor: '#6b7280' },
  header: { labelFont: FONT, titleFont: FONT },
  line: { strokeWidth: 1.8 },
  point: { filled: true },
  range: { category: [...palette] }, // the CLI figures' categorical palette (src/plot/theme.ts)
};
