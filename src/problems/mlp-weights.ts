import { ParameterError } from '../errors.js';
import { createRng } from '../linalg/index.js';

/** Weights as JSON in PyTorch's nn.Linear convention: W is out x in and y = W x + b, one entry per layer. */
export interface MlpWeightsJson {
  layers: { W: number[][]; b: number[] }[];
}

/** Initialisations: Glorot and Bengio's (2010) uniform, He et al.'s (2015) normal; biases 0. */
export const MLP_INITS = ['xavier', 'he'] as const;
export type MlpInit = (typeof MLP_INITS)[number];

/** Number of parameters of an MLP with layer sizes d_0, ..., d_L: sum_l d_l (d_{l-1} + 1). @example mlpParameterCount([64, 64, 10]); // returns 4810 */
export function mlpParameterCount(sizes: readonly number[]): number {
  let n = 0;
  for (let l = 1; l < sizes.length; l++) n += sizes[l] * (sizes[l - 1] + 1);
  return n;
}

/**
 * Seeded initial weights, flat (W_1, b_1, W_2, b_2, ...): 'xavier' draws W_l ~ U(-a, a) with a = sqrt(6 / (in + out))
 * (torch.nn.init.xavier_uniform_), 'he' draws W_l ~ N(0, 2 / in) (kaiming_normal_ with fan_in); b_l = 0.
 *
 * @example
 * mlpInitialWeights([2, 3, 1], 'xavier', 1).length; // returns 13, the 3x2 + 3 + 1x3 + 1 parameters
 */
export function mlpInitialWeights(sizes: readonly number[], init: MlpInit, seed: number): Float64Array {
  const w = new Float64Array(mlpParameterCount(sizes)), rng = createRng(seed);
  let off = 0;
  for (let l = 1; l < sizes.length; l++) {
    const fin = sizes[l - 1], fout = sizes[l], a = Math.sqrt(6 / (fin + fout)), sd = Math.sqrt(2 / fin);
    for (let j = 0; j < fin * fout; j++) w[off + j] = init === 'xavier' ? rng.uniform(-a, a) : sd * rng.normal();
    off += fin * fout + fout;
  }
  return w;
}

/**
 * The flat weights as JSON `{ "layers": [ { "W": [[...]], "b": [...] } ] }` (W out x in, as nn.Linear.weight).
 *
 * @example
 * mlpWeightsToJson([1, 1], Float64Array.of(2, 3)); // returns { layers: [{ W: [[2]], b: [3] }] }
 */
export function mlpWeightsToJson(sizes: readonly number[], w: Float64Array): MlpWeightsJson {
  const layers: MlpWeightsJson['layers'] = [];
  let off = 0;
  for (let l = 1; l < sizes.length; l++) {
    const fin = sizes[l - 1], fout = sizes[l];
    const W = Array.from({ length: fout }, (_, o) => Array.from(w.subarray(off + o * fin, off + (o + 1) * fin)));
    off += fin * fout;
    layers.push({ W, b: Array.from(w.subarray(off, off + fout)) });
    off += fout;
  }
  return { layers };
}

/**
 * Read weights JSON (parsed, or its text) for layer sizes d_0, ..., d_L into the flat vector, checking every shape and
 * value: a ParameterError names the field, e.g. `weights.layers[1].W[3][2]`.
 *
 * @example
 * mlpWeightsFromJson({ layers: [{ W: [[2]], b: [3] }] }, [1, 1]); // returns [2, 3]
 * mlpWeightsFromJson({ layers: [{ W: [[2, 1]], b: [3] }] }, [1, 1]); // throws "weights.layers[0].W[0] = [2, 1] is invalid: expected an array of 1 numbers (in = 1)"
 */
export function mlpWeightsFromJson(json: unknown, sizes: readonly number[], parameter = 'weights'): Float64Array {
  let data = json;
  if (typeof json === 'string') {
    try { data = JSON.parse(json); } catch { throw new ParameterError(parameter, json.slice(0, 40), 'JSON text { "layers": [ { "W": [[...]], "b": [...] } ] }'); }
  }
  const L = sizes.length - 1;
  if (typeof data !== 'object' || data === null || !Array.isArray((data as { layers?: unknown }).layers)) {
    throw new ParameterError(`${parameter}.layers`, typeof data === 'object' && data !== null ? (data as { layers?: unknown }).layers : data, `an array of ${L} layers { "W": [[...]], "b": [...] }`);
  }
  const layers = (data as { layers: unknown[] }).layers;
  if (layers.length !== L) throw new ParameterError(`${parameter}.layers`, `${layers.length} layers`, `${L} layers for sizes ${sizes.join('-')}`);
  const w = new Float64Array(mlpParameterCount(sizes));
  let off = 0;
  const numbers = (row: unknown, count: number, name: string, what: string): void => {
    if (!Array.isArray(row) || row.length !== count) throw new ParameterError(name, Array.isArray(row) ? row : typeof row, `an array of ${count} numbers (${what})`);
    for (let j = 0; j < count; j++) {
      const x = row[j];
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new ParameterError(`${name}[${j}]`, x, 'a finite number');
      w[off++] = x;
    }
  };
  for (let l = 1; l <= L; l++) {
    const layer = layers[l - 1] as { W?: unknown; b?: unknown } | null, name = `${parameter}.layers[${l - 1}]`;
    const fin = sizes[l - 1], fout = sizes[l];
    if (typeof layer !== 'object' || layer === null) throw new ParameterError(name, layer, 'an object { "W": [[...]], "b": [...] }');
    if (!Array.isArray(layer.W) || layer.W.length !== fout) {
      throw new ParameterError(`${name}.W`, Array.isArray(layer.W) ? `${layer.W.length} rows` : typeof layer.W, `${fout} rows of ${fin} numbers (out x in, as nn.Linear.weight)`);
    }
    for (let o = 0; o < fout; o++) numbers(layer.W[o], fin, `${name}.W[${o}]`, `in = ${fin}`);
    numbers(layer.b, fout, `${name}.b`, `out = ${fout}`);
  }
  return w;
}
