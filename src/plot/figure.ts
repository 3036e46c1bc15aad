import type { TopLevelSpec } from 'vega-lite';
import type { ParamInfo } from '../spec.js';

/** A figure: a Vega-Lite specification with its data inlined, ready to render (CLI, report) or embed (web). */
export type FigureSpec = TopLevelSpec;

/** Resolved figure parameters (defaults filled in, validated against `params`). */
export type FigureParams = Record<string, number | string | boolean | undefined>;

/**
 * A figure of the lecture: a name for the command line, its parameters with defaults and ranges, and a pure
 * function from parameters to a Vega-Lite spec computed with the library (no Node APIs, runs in the browser too).
 */
export interface FigureDef {
  /** Command-line name, e.g. 'hb-eigendirections'. */
  name: string;
  /** Title shown above the figure. */
  title: string;
  /** The lecture section it belongs to (an id of the report's sections). */
  section: string;
  /** One-paragraph caption: what is plotted and what to see in it. */
  caption: string;
  params: readonly ParamInfo[];
  /** Parameter overrides for a reduced-size build (tests, `report --quick`). */
  quick?: Readonly<Record<string, number | string | boolean>>;
  build(params: FigureParams): FigureSpec;
}
