import { ParameterError } from '../errors.js';
import type { ParamInfo } from '../spec.js';
import type { Problem } from '../problems/problem.js';
import type { Optimizer } from './optimizer.js';
import { gradientDescent } from './gradient-descent.js';
import { heavyBall } from './heavy-ball.js';
import { nesterov } from './nesterov.js';
import { nesterovAspremont } from './nesterov-aspremont.js';
import { conjugateGradient } from './conjugate-gradient.js';
import { nonlinearCG } from './nonlinear-cg.js';
import { chebyshevIteration } from './chebyshev-iteration.js';
import { aggregatedMomentum } from './aggregated-momentum.js';
import { quasiHyperbolicMomentum } from './quasi-hyperbolic-momentum.js';
import { leapfrogMomentum } from './leapfrog-momentum.js';
import { preconditionedGD } from './preconditioned-gd.js';
import { torchSGD } from './torch-sgd.js';
import { optaxSGD } from './optax-sgd.js';
import { kerasSGD } from './keras-sgd.js';
import { tfjsMomentum } from './tfjs-momentum.js';
import { tuneGradientDescent, tuneHeavyBall, tuneNesterov } from './tuning.js';
import { betaParam, defaultRate, parseNumberList, rateParam, requireMuL } from './method-params.js';

/** Resolved spec values (resolveParams' output). */
export type Values = Record<string, number | string | boolean | undefined>;

/** One entry of the method table: what `methods()` lists and how `createMethod` builds it. */
export interface MethodEntry {
  name: string;
  description: string;
  equation: string;
  params: ParamInfo[];
  /** `given` holds the keys the spec set explicitly (they override tuning rules). */
  build(values: Values, problem: Problem | undefined, given: Readonly<Record<string, string>>): Optimizer;
}

const num = (v: Values[string]): number | undefined => (typeof v === 'number' ? v : undefined);
const tuneParam = (choices: string[], text: string): ParamInfo => ({ name: 'tune', kind: 'string', default: 'none', choices: ['none', ...choices], description: `tuning rule from the problem's mu, L: ${text}; explicit values override it` });
const muParam: ParamInfo = { name: 'mu', description: "smallest curvature (> 0); default the problem's mu", min: 0, minExclusive: true };
const LParam: ParamInfo = { name: 'L', description: "largest curvature (> 0); default the problem's L", min: 0, minExclusive: true };
const nesterovParam: ParamInfo = { name: 'nesterov', kind: 'boolean', default: false, description: 'Nesterov momentum' };

/** The tuned (alpha, beta) of a `tune=` rule, or {} for 'none'. */
function tuned(method: string, values: Values, problem: Problem | undefined): { alpha?: number; beta?: number } {
  const rule = values.tune as string;
  if (rule === 'none') return {};
  const { mu, L } = requireMuL(method, problem, undefined, undefined, ['tune', rule]);
  if (method === 'gd') return tuneGradientDescent(rule as 'standard' | 'optimal', mu, L);
  if (method === 'hb') return tuneHeavyBall(rule as 'lecture' | 'polyak', mu, L);
  return tuneNesterov(rule as 'standard' | 'optimal', mu, L);
}

export const METHODS: readonly MethodEntry[] = [
  {
    name: 'gd', description: 'gradient descent', equation: 'w <- w - alpha grad J(w)',
    params: [rateParam(), tuneParam(['standard', 'optimal'], 'standard alpha = 1/L, optimal alpha = 2/(L + mu)')],
    build: (p, problem) => gradientDescent(num(p.alpha) ?? tuned('gd', p, problem).alpha ?? defaultRate(problem)),
  },
  {
    name: 'hb', description: "Polyak's heavy ball (lecture form)", equation: 'v <- beta v - alpha grad J(w); w <- w + v',
    params: [rateParam(), betaParam(0.9, 'momentum beta in [0, 1) (tune sets it unless given)'),
      tuneParam(['lecture', 'polyak'], 'lecture alpha = 1/L, beta = (1 - 1/sqrt kappa)^2; polyak alpha = 4/(sqrt L + sqrt mu)^2, beta = ((sqrt kappa - 1)/(sqrt kappa + 1))^2')],
    build: (p, problem, given) => {
      const t = tuned('hb', p, problem);
      return heavyBall(num(p.alpha) ?? t.alpha ?? defaultRate(problem), { beta: ('beta' in given ? num(p.beta) : t.beta) ?? (p.beta as number) });
    },
  },
  {
    name: 'nag', description: "Nesterov's accelerated gradient (Sutskever form)", equation: 'v <- beta v - alpha grad J(w + beta v); w <- w + v',
    params: [rateParam(), betaParam(0.9, 'momentum beta in [0, 1) (tune sets it unless given)'),
      tuneParam(['standard', 'optimal'], 'standard alpha = 1/L, beta = (sqrt kappa - 1)/(sqrt kappa + 1); optimal (quadratics) alpha = 4/(3L + mu), beta = (sqrt(3 kappa + 1) - 2)/(sqrt(3 kappa + 1) + 2)')],
    build: (p, problem, given) => {
      const t = tuned('nag', p, problem);
      return nesterov(num(p.alpha) ?? t.alpha ?? defaultRate(problem), { beta: ('beta' in given ? num(p.beta) : t.beta) ?? (p.beta as number) });
    },
  },
  {
    name: 'nag-aspremont', description: "Nesterov's method in d'Aspremont's form with Nesterov's schedules or constant parameters",
    equation: 'y = w + tau_k (z - w); w+ = y - alpha_k grad J(y); z+ = z - gamma_k grad J(y)',
    params: [
      { name: 'schedule', kind: 'string', default: 'convex', choices: ['convex', 'strongly-convex', 'constant'], description: "Nesterov's convex schedule (A_k), the strongly convex one, or constant alpha, tau, gamma" },
      LParam, { ...muParam, description: "strong convexity (> 0, < L) for schedule=strongly-convex; default the problem's mu" },
      { ...rateParam(), description: 'constant schedule: alpha (> 0); default 1/L' },
      { name: 'tau', description: 'constant schedule: tau in (0, 1]; default 2 sqrt q/(1 + sqrt q), q = mu/L (= nag with beta = 1 - tau)', min: 0, max: 1, minExclusive: true },
      { name: 'gamma', description: 'constant schedule: gamma (> 0); default alpha/tau', min: 0, minExclusive: true },
    ],
    build: (p, problem) => buildAspremont(p, problem),
  },
  {
    name: 'cg', description: 'linear conjugate gradient (quadratics; H p by hvp or gradient differences)',
    equation: 'a = r.r / p.Hp; w <- w + a p; r <- r - a Hp; p <- r + (r+.r+ / r.r) p', params: [],
    build: () => conjugateGradient(),
  },
  {
    name: 'nlcg', description: 'nonlinear conjugate gradient (Fletcher–Reeves or Polak–Ribière+) with a line search',
    equation: 'w <- w + a d (line search); d <- -g+ + beta d, beta_FR = |g+|^2/|g|^2, beta_PR = max(0, g+.(g+ - g)/|g|^2)',
    params: [
      { name: 'variant', kind: 'string', default: 'pr', choices: ['fr', 'pr'], description: 'Fletcher–Reeves or Polak–Ribière (clipped at 0)' },
      { name: 'linesearch', kind: 'string', default: 'auto', choices: ['auto', 'exact', 'secant'], description: 'exact (one hvp: exact on quadratics), secant (gradients only); auto = exact on quadratics with hvp, else secant' },
      { name: 'restart', kind: 'integer', default: 0, min: 0, description: 'restart d = -g every this many steps (0 = never)' },
      { name: 'sigma', default: 0.1, min: 0, max: 1, minExclusive: true, maxExclusive: true, description: 'secant search stops when |phi\'(a)| <= sigma |phi\'(0)|' },
      { name: 'maxls', kind: 'integer', default: 20, min: 1, description: 'gradient evaluations per secant search' },
    ],
    build: (p, problem) => {
      const auto = problem?.hvp !== undefined && problem.spectrum !== undefined ? 'exact' : 'secant';
      const lineSearch = p.linesearch === 'auto' ? auto : (p.linesearch as 'exact' | 'secant');
      return nonlinearCG(p.variant as 'fr' | 'pr', { lineSearch, restart: p.restart as number, sigma: p.sigma as number, maxLineSearch: p.maxls as number });
    },
  },
  {
    name: 'chebyshev', description: 'Chebyshev semi-iterative acceleration on [mu, L]',
    equation: 'v <- beta_k v - alpha_k grad J(w); w <- w + v; rho_k = 1/(2 sigma - rho_(k-1)), beta_k = rho_k rho_(k-1), alpha_k = 2 rho_k/delta',
    params: [muParam, LParam],
    build: (p, problem) => {
      const { mu, L } = requireMuL('chebyshev', problem, num(p.mu), num(p.L));
      return chebyshevIteration(mu, L);
    },
  },
  {
    name: 'aggmo', description: 'aggregated momentum (Lucas et al. 2019)', equation: 'v_j <- beta_j v_j - grad J(w); w <- w + (alpha/K) sum_j v_j',
    params: [rateParam(), { name: 'betas', kind: 'string', default: '0;0.9;0.99', description: "';'-separated damping betas, each in [0, 1)" }],
    build: (p, problem) => aggregatedMomentum(num(p.alpha) ?? defaultRate(problem), parseNumberList('aggmo.betas', p.betas as string, (b) => b >= 0 && b < 1, 'numbers in [0, 1), e.g. 0;0.9;0.99')),
  },
  {
    name: 'qhm', description: 'quasi-hyperbolic momentum (Ma & Yarats 2019)', equation: 'm <- beta m + (1 - beta) g; w <- w - alpha ((1 - nu) g + nu m)',
    params: [rateParam(), betaParam(0.999, 'momentum averaging beta in [0, 1)'), { name: 'nu', default: 0.7, min: 0, max: 1, description: 'immediate discount nu in [0, 1]' }],
    build: (p, problem) => quasiHyperbolicMomentum(num(p.alpha) ?? defaultRate(problem), { beta: p.beta as number, nu: p.nu as number }),
  },
  {
    name: 'leapfrog', description: 'heavy ball as the leapfrog (kick-drift-kick) integrator; beta = 1 is symplectic',
    equation: 'v+1/2 = v - (alpha/2) grad J(w); w <- w + v+1/2; v <- beta v+1/2 - (alpha/2) grad J(w)',
    params: [rateParam(), betaParam(0.9, 'damping beta in [0, 1] (1 = undamped); the w iterates equal hb(alpha, beta)', true)],
    build: (p, problem) => leapfrogMomentum(num(p.alpha) ?? defaultRate(problem), { beta: p.beta as number }),
  },
  {
    name: 'pgd', description: 'gradient descent with a diagonal preconditioner', equation: 'w <- w - alpha P grad J(w)',
    params: [{ name: 'alpha', default: 1, min: 0, minExclusive: true, description: 'step (> 0); 1 makes Jacobi exact on diagonal quadratics' },
      { name: 'precond', kind: 'string', description: "jacobi (1/diag H at w0, via hvp), identity, or a ';'-separated list of positive numbers; default jacobi when the problem has hvp" }],
    build: (p, problem) => {
      const text = (p.precond as string | undefined) ?? (problem?.hvp ? 'jacobi' : 'identity');
      const P = text === 'jacobi' || text === 'identity' ? text : Float64Array.from(parseNumberList('pgd.precond', text, (x) => x > 0, 'numbers > 0, or jacobi | identity'));
      return preconditionedGD(p.alpha as number, P);
    },
  },
  {
    name: 'torch-sgd', description: 'adapter: torch.optim.SGD', equation: 'buf <- momentum buf + (1 - dampening) g (first step buf = g); g <- g + momentum buf if nesterov else buf; p <- p - lr g',
    params: [rateParam('lr'), { name: 'momentum', default: 0, min: 0, description: 'momentum (>= 0)' },
      { name: 'dampening', default: 0, min: 0, max: 1, description: 'dampening in [0, 1]' }, nesterovParam,
      { name: 'weight_decay', default: 0, min: 0, description: 'L2 penalty (>= 0)' }],
    build: (p, problem) => {
      if (p.nesterov && (!((p.momentum as number) > 0) || p.dampening !== 0)) {
        throw new ParameterError('torch-sgd.nesterov', true, 'nesterov=false unless momentum > 0 and dampening = 0 (as PyTorch requires)');
      }
      return torchSGD(num(p.lr) ?? defaultRate(problem), { momentum: p.momentum as number, dampening: p.dampening as number, nesterov: p.nesterov as boolean, weight_decay: p.weight_decay as number });
    },
  },
  {
    name: 'optax-sgd', description: 'adapter: optax.sgd (trace then scale by -learning_rate)', equation: 't <- g + momentum t; u = g + momentum t if nesterov else t; w <- w - learning_rate u',
    params: [rateParam('learning_rate'), { name: 'momentum', default: 0, min: 0, description: 'trace decay (>= 0; 0 = optax momentum=None)' }, nesterovParam],
    build: (p, problem) => optaxSGD(num(p.learning_rate) ?? defaultRate(problem), { momentum: p.momentum as number, nesterov: p.nesterov as boolean }),
  },
  {
    name: 'keras-sgd', description: 'adapter: keras.optimizers.SGD (Keras 3)', equation: 'velocity <- momentum velocity - learning_rate g; w <- w + velocity (nesterov: w <- w + momentum velocity - learning_rate g)',
    params: [rateParam('learning_rate'), { name: 'momentum', default: 0, min: 0, max: 1, description: 'momentum in [0, 1] (as Keras checks)' }, nesterovParam],
    build: (p, problem) => kerasSGD(num(p.learning_rate) ?? defaultRate(problem), { momentum: p.momentum as number, nesterov: p.nesterov as boolean }),
  },
  {
    name: 'tfjs-momentum', description: 'adapter: tf.train.momentum (tf.js MomentumOptimizer)', equation: 'accumulation <- momentum accumulation + g; w <- w - learningRate (useNesterov ? g + momentum accumulation : accumulation)',
    params: [rateParam('learningRate'), { name: 'momentum', default: 0.9, min: 0, description: 'momentum (>= 0; tf.js requires it, default here 0.9)' },
      { name: 'useNesterov', kind: 'boolean', default: false, description: 'Nesterov momentum' }],
    build: (p, problem) => tfjsMomentum(num(p.learningRate) ?? defaultRate(problem), p.momentum as number, p.useNesterov as boolean),
  },
];

function buildAspremont(p: Values, problem: Problem | undefined): Optimizer {
  const schedule = p.schedule as 'convex' | 'strongly-convex' | 'constant';
  if (schedule !== 'constant') {
    for (const key of ['alpha', 'tau', 'gamma']) {
      if (p[key] !== undefined) throw new ParameterError(`nag-aspremont.${key}`, p[key], `no value unless schedule=constant (schedule=${schedule} sets it)`);
    }
  }
  if (schedule === 'convex') {
    const L = num(p.L) ?? problem?.L;
    if (L === undefined) throw new ParameterError('nag-aspremont.L', undefined, 'a number > 0 (the problem does not know L)');
    if (p.mu !== undefined) throw new ParameterError('nag-aspremont.mu', p.mu, 'no value unless schedule=strongly-convex or constant');
    return nesterovAspremont({ kind: 'convex', L });
  }
  if (schedule === 'strongly-convex') {
    const { mu, L } = requireMuL('nag-aspremont', problem, num(p.mu), num(p.L));
    return nesterovAspremont({ kind: 'strongly-convex', mu, L });
  }
  const alpha = num(p.alpha) ?? defaultRate(problem);
  let tau = num(p.tau);
  if (tau === undefined) {
    const { mu, L } = requireMuL('nag-aspremont', problem, num(p.mu), num(p.L), ['tau', 'default']);
    const sq = Math.sqrt(mu / L);
    tau = (2 * sq) / (1 + sq);
  }
  return nesterovAspremont({ kind: 'constant', alpha, tau, gamma: num(p.gamma) ?? alpha / tau });
}
