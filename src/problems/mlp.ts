import { ParameterError } from '../errors.js';
import { MLP_ACTIVATIONS, type MlpActivation } from './mlp-activation.js';
import { MLP_LOSSES, type MlpData, type MlpLoss, mlpKernel } from './mlp-network.js';
import { MLP_INITS, type MlpInit, type MlpWeightsJson, mlpInitialWeights, mlpParameterCount, mlpWeightsFromJson, mlpWeightsToJson } from './mlp-weights.js';
import type { FiniteSum, Problem } from './problem.js';

/** Caps of an MLP: parameters, width of a layer, hidden layers, and examples x parameters (the work of one gradient). */
export const MLP_MAX_PARAMETERS = 1_000_000;
export const MLP_MAX_WIDTH = 4096;
export const MLP_MAX_HIDDEN_LAYERS = 16;
export const MLP_MAX_WORK = 1e9;

/** Options of `mlp`. */
export interface MlpOptions {
  /** Widths of the hidden layers (default [100]). */
  hidden?: readonly number[];
  activation?: MlpActivation;
  /** 'xent' (softmax cross-entropy; needs labels) or 'mse' (1/2 mean ||f - y||^2); default xent for labelled data. */
  loss?: MlpLoss;
  /** L2 weight on every parameter (biases too, as PyTorch's weight_decay): J = mean loss + lambda/2 ||theta||^2. */
  lambda?: number;
  /** Initialisation (default 'he' for relu, else 'xavier') and its seed (default 1). */
  init?: MlpInit;
  seed?: number;
  /** Start point (default: the seeded initialisation). */
  x0?: Float64Array;
  name?: string;
  label?: string;
  /** Products and tanh in WebAssembly SIMD where available (default true); false: the TypeScript reference loops. */
  simd?: boolean;
}

/** An MLP as a Problem over its flat parameters, with its architecture, exact hvp, finite sum and weight I/O. */
export interface MlpProblem extends Problem {
  /** Layer sizes d_0 (inputs), hidden widths, d_L (outputs). */
  readonly sizes: readonly number[];
  readonly activation: MlpActivation;
  readonly loss: MlpLoss;
  readonly lambda: number;
  readonly data: MlpData;
  readonly finiteSum: FiniteSum;
  hvp(w: Float64Array, v: Float64Array, out: Float64Array): Float64Array;
  /** H_S v over the examples S only (the mini-batch Hessian), plus lambda v. */
  batchHvp(w: Float64Array, indices: Uint32Array, v: Float64Array, out: Float64Array): Float64Array;
  /** Mini-batch loss over the examples S, plus lambda/2 ||w||^2. */
  batchValue(w: Float64Array, indices: Uint32Array): number;
  /** Fraction of examples classified right (argmax of the outputs), for labelled data; undefined otherwise. */
  accuracy(w: Float64Array): number | undefined;
  toJson(w: Float64Array): MlpWeightsJson;
  /** Flat weights from JSON (parsed or text), shape-checked against `sizes`; errors name the field. */
  fromJson(json: unknown): Float64Array;
}

/**
 * A multilayer perceptron f = W_L s(... s(W_1 x + b_1)) + b_L trained on `data` as a Problem over one flat Float64Array
 * theta = (W_1, b_1, ..., W_L, b_L), W_l out x in row-major (PyTorch's nn.Linear parameter order): J(theta) =
 * 1/N sum_i l(f(x_i), y_i) + lambda/2 ||theta||^2, with the exact gradient (reverse mode) and Hessian-vector product
 * (Pearlmutter's R-operator, see mlpKernel), and a finite sum for `stochasticProblem` mini-batches.
 *
 * @example
 * const p = mlp(mlpDataset('chebyshev3'), { hidden: [100], activation: 'tanh', loss: 'mse' });
 * p.dim; // returns 301 (100 + 100 + 100 + 1)
 */
export function mlp(data: MlpData, options: MlpOptions = {}): MlpProblem {
  const { hidden = [100], activation = 'tanh', lambda = 0, seed = 1 } = options;
  const loss = options.loss ?? (data.labels ? 'xent' : 'mse');
  const init = options.init ?? (activation === 'relu' ? 'he' : 'xavier');
  if (!MLP_ACTIVATIONS.includes(activation)) throw new ParameterError('act', activation, MLP_ACTIVATIONS.join(' | '));
  if (!MLP_LOSSES.includes(loss)) throw new ParameterError('loss', loss, MLP_LOSSES.join(' | '));
  if (!MLP_INITS.includes(init)) throw new ParameterError('init', init, MLP_INITS.join(' | '));
  checkData(data);
  if (loss === 'xent' && !data.labels) throw new ParameterError('loss', loss, 'mse: the data has no class labels');
  if (loss === 'mse' && !data.Y) throw new ParameterError('loss', loss, 'xent: the data has no targets');
  if (!(Number.isFinite(lambda) && lambda >= 0)) throw new ParameterError('lambda', lambda, 'a finite number >= 0');
  if (hidden.length > MLP_MAX_HIDDEN_LAYERS) throw new ParameterError('hidden', hidden.join(';'), `at most ${MLP_MAX_HIDDEN_LAYERS} hidden layers`);
  hidden.forEach((h, i) => {
    if (!(Number.isInteger(h) && h >= 1 && h <= MLP_MAX_WIDTH)) throw new ParameterError(`hidden[${i}]`, h, `an integer in [1, ${MLP_MAX_WIDTH}]`);
  });
  const sizes = [data.inputs, ...hidden, data.outputs], dim = mlpParameterCount(sizes);
  if (dim > MLP_MAX_PARAMETERS) throw new ParameterError('hidden', hidden.join(';'), `widths giving at most ${MLP_MAX_PARAMETERS} parameters (here ${dim} for sizes ${sizes.join('-')})`);
  if (dim * data.count > MLP_MAX_WORK) throw new ParameterError('n', data.count, `at most ${Math.floor(MLP_MAX_WORK / dim)} examples for ${dim} parameters (examples x parameters <= ${MLP_MAX_WORK})`);
  const x0 = options.x0 ?? mlpInitialWeights(sizes, init, seed);
  if (x0.length !== dim) throw new ParameterError('x0', `${x0.length} values`, `${dim} parameters for sizes ${sizes.join('-')}`);

  const k = mlpKernel(sizes, activation, loss, lambda, data, { simd: options.simd });
  const what = `${sizes.join('-')} ${activation} MLP, ${loss === 'xent' ? 'softmax cross-entropy' : 'squared error'}, ${data.count} examples, ${dim} parameters${lambda > 0 ? `, lambda=${lambda}` : ''}`;
  return {
    name: options.name ?? 'mlp',
    label: options.label ?? what,
    dim,
    x0,
    sizes,
    activation,
    loss,
    lambda,
    data,
    value: (w) => k.value(w, null),
    grad: (w, out) => { k.valueAndGrad(w, out, null); return out; },
    valueAndGrad: (w, out) => k.valueAndGrad(w, out, null),
    hvp: (w, v, out) => k.hvp(w, v, out, null),
    batchHvp: (w, S, v, out) => k.hvp(w, v, out, S),
    batchValue: (w, S) => k.value(w, S),
    finiteSum: { count: data.count, batchGrad: (w, S, out) => { k.valueAndGrad(w, out, S); return out; } },
    accuracy: (w) => (data.labels ? k.accuracy(w, null) : undefined),
    toJson: (w) => mlpWeightsToJson(sizes, w),
    fromJson: (json) => mlpWeightsFromJson(json, sizes),
  };
}

/** The data's shapes and values at the boundary: X count x inputs finite, labels in [0, classes), Y count x outputs finite. */
function checkData({ X, count, inputs, outputs, labels, classes, Y }: MlpData): void {
  if (!(Number.isInteger(count) && count >= 1)) throw new ParameterError('data.count', count, 'an integer >= 1');
  if (!(Number.isInteger(inputs) && inputs >= 1 && inputs <= MLP_MAX_WIDTH)) throw new ParameterError('data.inputs', inputs, `an integer in [1, ${MLP_MAX_WIDTH}]`);
  if (!(Number.isInteger(outputs) && outputs >= 1 && outputs <= MLP_MAX_WIDTH)) throw new ParameterError('data.outputs', outputs, `an integer in [1, ${MLP_MAX_WIDTH}]`);
  if (X.length !== count * inputs) throw new ParameterError('data.X', `${X.length} values`, `count x inputs = ${count * inputs} values`);
  for (let i = 0; i < X.length; i++) if (!Number.isFinite(X[i])) throw new ParameterError(`data.X[${i}]`, X[i], 'a finite number');
  if (labels !== undefined) {
    if (labels.length !== count) throw new ParameterError('data.labels', `${labels.length} values`, `${count} labels`);
    const k = classes ?? outputs;
    if (k !== outputs) throw new ParameterError('data.classes', k, `the number of outputs, ${outputs}`);
    for (let i = 0; i < count; i++) if (!(labels[i] >= 0 && labels[i] < k)) throw new ParameterError(`data.labels[${i}]`, labels[i], `a class in [0, ${k})`);
  }
  if (Y !== undefined) {
    if (Y.length !== count * outputs) throw new ParameterError('data.Y', `${Y.length} values`, `count x outputs = ${count * outputs} values`);
    for (let i = 0; i < Y.length; i++) if (!Number.isFinite(Y[i])) throw new ParameterError(`data.Y[${i}]`, Y[i], 'a finite number');
  }
}
