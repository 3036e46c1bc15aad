import { ParameterError } from '../errors.js';
import type { ParamInfo, Spec } from '../spec.js';
import { resolveParams } from '../spec.js';
import { MLP_ACTIVATIONS, type MlpActivation } from './mlp-activation.js';
import { MLP_DATASETS, MLP_DATASET_SIZES, mlpDataset } from './mlp-data.js';
import { MLP_LOSSES, type MlpLoss } from './mlp-network.js';
import { MLP_INITS, type MlpInit } from './mlp-weights.js';
import { MLP_MAX_HIDDEN_LAYERS, MLP_MAX_PARAMETERS, MLP_MAX_WIDTH, type MlpProblem, mlp } from './mlp.js';

export const mlpParams: ParamInfo[] = [
  { name: 'data', kind: 'string', default: 'chebyshev3', choices: [...MLP_DATASETS], description: 'digits (8x8, 1797 x 64, 10 classes), iris (150 x 4, 3 classes) or chebyshev3 (20 points of 4x^3 - 3x on [-1, 1])' },
  { name: 'hidden', kind: 'string', default: '100', description: `hidden widths separated by ; (e.g. 64;64): at most ${MLP_MAX_HIDDEN_LAYERS} layers of 1..${MLP_MAX_WIDTH}, at most ${MLP_MAX_PARAMETERS} parameters` },
  { name: 'act', kind: 'string', default: 'tanh', choices: [...MLP_ACTIVATIONS], description: 'activation of the hidden layers (the output layer is linear)' },
  { name: 'loss', kind: 'string', choices: [...MLP_LOSSES], description: 'xent (softmax cross-entropy) or mse (1/2 mean ||f - y||^2); default xent for digits and iris, mse for chebyshev3' },
  { name: 'lambda', kind: 'number', default: 0, min: 0, max: 1e6, description: 'L2 weight on every parameter: J = mean loss + lambda/2 ||theta||^2' },
  { name: 'init', kind: 'string', choices: [...MLP_INITS], description: 'xavier (uniform, Glorot 2010) or he (normal, He 2015), biases 0; default he for relu, else xavier' },
  { name: 'seed', kind: 'integer', default: 1, min: 0, max: 2 ** 32 - 1, description: 'seed of the initial weights' },
  { name: 'n', kind: 'integer', min: 1, max: MLP_DATASET_SIZES.chebyshev3, description: 'examples: the first n (default all: 1797 digits, 150 iris; chebyshev3: n points, default 20)' },
];

/**
 * The `mlp` problem from its spec, e.g. `mlp:data=digits,hidden=64;64,act=tanh,loss=xent`; errors name `mlp.key`.
 *
 * @example
 * createMlp(parseSpec('mlp:data=chebyshev3,hidden=100,act=tanh,loss=mse')).dim; // returns 301
 */
export function createMlp(spec: Spec): MlpProblem {
  const p = resolveParams(spec, mlpParams), prefix = spec.name;
  const data = p.data as string, hiddenText = String(p.hidden);
  const parts = hiddenText.split(';').map((s) => s.trim());
  if (parts.length > MLP_MAX_HIDDEN_LAYERS || !parts.every((s) => /^[0-9]+$/.test(s))) {
    throw new ParameterError(`${prefix}.hidden`, hiddenText, `at most ${MLP_MAX_HIDDEN_LAYERS} integer widths in [1, ${MLP_MAX_WIDTH}] separated by ; (e.g. 64;64)`);
  }
  const hidden = parts.map(Number);
  const n = p.n as number | undefined, max = MLP_DATASET_SIZES[data as keyof typeof MLP_DATASET_SIZES];
  if (n !== undefined && n > max) throw new ParameterError(`${prefix}.n`, n, `an integer in [1, ${max}] (examples of ${data})`);
  try {
    return mlp(mlpDataset(data, n), {
      hidden, activation: p.act as MlpActivation, loss: p.loss as MlpLoss | undefined, lambda: p.lambda as number,
      init: p.init as MlpInit | undefined, seed: p.seed as number, name: spec.name,
    });
  } catch (err) {
    // The factory names its options (loss, hidden[0], n); on a spec they are mlp.loss, mlp.hidden, mlp.n.
    if (err instanceof ParameterError) {
      const key = err.parameter.replace(/\[\d+\]$/, '');
      throw new ParameterError(`${prefix}.${key}`, key === 'hidden' ? hiddenText : err.value, err.allowed);
    }
    throw err;
  }
}
