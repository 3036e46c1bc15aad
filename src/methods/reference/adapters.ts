// Plain references of the library optimizers, transcribed from their sources:
// torch/optim/sgd.py (_single_tensor_sgd), optax/_src/transform.py (trace) + alias.py (sgd), keras/src/optimizers/sgd.py,
// tfjs-core/src/methods/momentum_optimizer.ts.
import type { PlainOracle } from './oracle.js';

type P = Readonly<Record<string, number | string | boolean>>;

/** torch.optim.SGD: d_p = g + wd p; buf = d_p (first) or momentum buf + (1 - dampening) d_p; d_p = d_p + momentum buf or buf; p -= lr d_p. */
export function refTorchSgd(o: PlainOracle, w0: number[], steps: number, h: P): number[][] {
  const lr = h.lr as number, momentum = h.momentum as number, dampening = h.dampening as number, wd = h.weight_decay as number;
  let p = [...w0];
  let buf: number[] | null = null;
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    let d_p = o.grad(p);
    if (wd !== 0) d_p = d_p.map((gi, i) => gi + wd * p[i]);
    if (momentum !== 0) {
      const prev: number[] | null = buf;
      const b: number[] = prev === null ? [...d_p] : prev.map((bi, i) => momentum * bi + (1 - dampening) * d_p[i]);
      buf = b;
      d_p = h.nesterov ? d_p.map((gi, i) => gi + momentum * b[i]) : b;
    }
    p = p.map((pi, i) => pi + -lr * d_p[i]);
    out.push(p);
  }
  return out;
}

/** optax.sgd = chain(trace(decay=momentum, nesterov), scale_by_learning_rate(lr)), each an (init, update) pair. */
export function refOptaxSgd(o: PlainOracle, w0: number[], steps: number, h: P): number[][] {
  const decay = h.momentum as number, lr = h.learning_rate as number;
  const trace = {
    init: (params: number[]) => params.map(() => 0),
    update: (updates: number[], t: number[]): [number[], number[]] => {
      const f = (g: number, ti: number): number => g + decay * ti;
      const newTrace = updates.map((g, i) => f(g, t[i]));
      return [h.nesterov ? updates.map((g, i) => f(g, newTrace[i])) : newTrace, newTrace];
    },
  };
  const scaleByLearningRate = (updates: number[]): number[] => updates.map((u) => -lr * u);
  let params = [...w0];
  let state = trace.init(params);
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    const [traced, newState] = trace.update(o.grad(params), state);
    state = newState;
    const updates = scaleByLearningRate(traced);
    params = params.map((pi, i) => pi + updates[i]); // optax.apply_updates
    out.push(params);
  }
  return out;
}

/** keras.optimizers.SGD: m = -g lr + m momentum; w += m, or (nesterov) w += -g lr + m momentum. */
export function refKerasSgd(o: PlainOracle, w0: number[], steps: number, h: P): number[][] {
  const lr = h.learning_rate as number, momentum = h.momentum as number;
  let w = [...w0];
  let m = w0.map(() => 0);
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    const g = o.grad(w);
    if (momentum !== 0) {
      m = m.map((mi, i) => -g[i] * lr + mi * momentum);
      w = h.nesterov ? w.map((wi, i) => wi + (-g[i] * lr + m[i] * momentum)) : w.map((wi, i) => wi + m[i]);
    } else {
      w = w.map((wi, i) => wi + -g[i] * lr);
    }
    out.push(w);
  }
  return out;
}

/** tf.js MomentumOptimizer: newAccumulation = m accumulation + g; value = c (g + newAccumulation m or newAccumulation) + value, c = -lr. */
export function refTfjsMomentum(o: PlainOracle, w0: number[], steps: number, h: P): number[][] {
  const m = h.momentum as number, c = -(h.learningRate as number);
  let value = [...w0];
  let accumulation = w0.map(() => 0);
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    const gradient = o.grad(value);
    const newAccumulation = accumulation.map((a, i) => m * a + gradient[i]);
    value = h.useNesterov ? value.map((x, i) => c * (gradient[i] + newAccumulation[i] * m) + x) : value.map((x, i) => c * newAccumulation[i] + x);
    accumulation = newAccumulation;
    out.push(value);
  }
  return out;
}
