// The lecture, section by section (CSC 2541 Lecture 9, "Momentum", R. Grosse): prose with the lecture's equations
// (corrected where DESIGN.md lists an erratum), the figures to regenerate, and — through each check's `section` — the
// claims to test.

export interface Section {
  id: string;
  title: string;
  /** Prose with $TeX$ (see math.ts: paragraphs, "- " lists, $$display$$). */
  text: string;
  /** Figure specs (`name:key=value`) drawn in this section, in order. */
  figures: string[];
}

export const sections: Section[] = [
  {
    id: 'gradient-descent',
    title: 'Gradient descent as a dynamical system',
    text: `
So far the course analysed one recurrence, gradient descent $\\mathbf{w}^{(k)} = \\mathbf{w}^{(k-1)} - \\alpha \\nabla \\mathcal{J}(\\mathbf{w}^{(k-1)})$.
On a quadratic with symmetric Hessian $\\mathbf{H}$ it is linear and solved in closed form, in discrete and in continuous time:

$$\\mathbf{w}^{(k)} = (\\mathbf{I} - \\alpha \\mathbf{H})^k \\mathbf{w}^{(0)}, \\qquad \\dot{\\mathbf{w}} = -\\alpha \\mathbf{H}\\mathbf{w} \\;\\Rightarrow\\; \\mathbf{w}(t) = \\exp(-\\alpha t \\mathbf{H})\\,\\mathbf{w}(0).$$

Each eigendirection $h_j$ of $\\mathbf{H}$ contracts by $|1 - \\alpha h_j|$ per step, so gradient descent converges when $0 < \\alpha < 2/h_{\\max}$.`,
    figures: [],
  },
  {
    id: 'general-dynamics',
    title: 'More general dynamics: linear systems',
    text: `
Beyond gradients, consider $\\mathbf{w}^{(k)} = \\mathbf{w}^{(k-1)} - \\alpha \\mathbf{f}(\\mathbf{w}^{(k-1)})$ and $\\dot{\\mathbf{w}} = -\\alpha \\mathbf{f}(\\mathbf{w})$ for a vector field $\\mathbf{f}$ that need not be the gradient of anything.
In the linear case $\\mathbf{f}(\\mathbf{w}) = \\mathbf{A}\\mathbf{w}$ with $\\mathbf{A}$ not symmetric, $\\mathbf{w}^{(k)} = (\\mathbf{I} - \\alpha\\mathbf{A})^k\\mathbf{w}^{(0)}$ and $\\mathbf{w}(t) = \\exp(-\\alpha t\\mathbf{A})\\mathbf{w}(0)$,
and $\\mathbf{A}$ can have complex or repeated eigenvalues: besides nodes and saddles we now see spirals, centres, stars and degenerate nodes.`,
    figures: ['linear-systems'],
  },
  {
    id: 'nonlinear-dynamics',
    title: 'Nonlinear dynamics: limit cycles, strange attractors, chaotic maps',
    text: `
In two dimensions or more a nonlinear system can settle on a **limit cycle** (Van der Pol's oscillator below). In three dimensions or more it can be **chaotic**, like the Lorenz system
$\\dot x = a(y - x),\\; \\dot y = x(b - z) - y,\\; \\dot z = xy - cz$ with $(a, b, c) = (10, 28, 8/3)$.
For discrete maps chaos comes even more easily: the logistic map $f(x) = r x (1 - x)$ (the lecture's $r = 3.5$ settles on a period-4 orbit; period doubling leads to chaos near $r \\approx 3.57$), and $f_c(z) = z^2 + c$, whose bounded orbits form the Mandelbrot set.`,
    figures: ['limit-cycle', 'lorenz', 'logistic', 'bifurcation', 'mandelbrot'],
  },
  {
    id: 'heavy-ball',
    title: 'Heavy ball momentum',
    text: `
Polyak's heavy ball (1964):

$$\\mathbf{v}^{(k+1)} \\leftarrow \\beta \\mathbf{v}^{(k)} - \\alpha \\nabla\\mathcal{J}(\\mathbf{w}^{(k)}), \\qquad \\mathbf{w}^{(k+1)} \\leftarrow \\mathbf{w}^{(k)} + \\mathbf{v}^{(k+1)}.$$

$\\alpha$ is the learning rate and $\\beta$ a damping (viscosity) parameter slightly below 1; $\\beta = 0$ is gradient descent. Its continuous-time limit is a ball rolling on the surface $\\mathcal{J}$ with friction $\\mu$:
$\\dot{\\mathbf{v}} = -\\mu \\mathbf{v} - \\nabla\\mathcal{J}(\\mathbf{w}),\\; \\dot{\\mathbf{w}} = \\mathbf{v}$. In high-curvature directions successive gradients cancel and momentum damps the oscillation; in low-curvature directions they add up and the ball picks up speed.`,
    figures: [],
  },
  {
    id: 'hb-quadratics',
    title: 'Heavy ball on quadratics: overdamped and underdamped directions',
    text: `
On a convex quadratic the fixed point is $\\nabla\\mathcal{J}(\\mathbf{w}) = \\mathbf{0},\\ \\mathbf{v} = \\mathbf{0}$; the method is rotation invariant, so we may take $\\mathbf{H}$ diagonal and each coordinate evolves on its own with the $2\\times 2$ iteration matrix
$\\begin{pmatrix} 1 - \\alpha h & \\beta \\\\ -\\alpha h & \\beta \\end{pmatrix}$ acting on $(w, v)$.
There is a critical curvature

$$T = \\frac{(1 - \\sqrt{\\beta})^2}{\\alpha}$$

(the lecture prints $\\alpha^{-1}(1\\ \\sqrt\\beta)^2$, without the minus sign). Directions with $0 < h < T$ approach 0 monotonically (**overdamped: real eigenvalues**) and directions with $T < h$ oscillate (**underdamped: complex eigenvalues** of modulus $\\sqrt\\beta$); the lecture's slide has these two swapped.
With $\\beta = 0.9$ (and a small learning rate) every direction below is overdamped; with $\\beta = 0.999$ every one is underdamped.`,
    figures: ['hb-eigendirections:beta=0.9', 'hb-eigendirections:beta=0.999', 'phase-space'],
  },
  {
    id: 'overdamped',
    title: 'The overdamped case: the effective learning rate',
    text: `
On a plane (constant gradient $\\mathbf{g}$) the velocity reaches the terminal value $-\\frac{\\alpha}{1-\\beta}\\mathbf{g}$: heavy ball resembles gradient descent with the **effective learning rate** $\\tilde\\alpha = \\alpha/(1-\\beta)$.
For small $\\alpha h$ (the highly overdamped case) the spectral radius $\\frac12(\\gamma + \\sqrt{\\gamma^2 - 4\\beta})$ with $\\gamma = 1 + \\beta - \\alpha h$ is close to $1 - \\tilde\\alpha h$, the rate of gradient descent with learning rate $\\tilde\\alpha$.`,
    figures: [],
  },
  {
    id: 'underdamped',
    title: 'The underdamped case: energy',
    text: `
Take the continuous dynamics and the energy $\\mathcal{E} = \\mathcal{J}(\\mathbf{w}) + \\frac12\\|\\mathbf{v}\\|^2$ (potential plus kinetic). It is a Lyapunov function:

$$\\dot{\\mathcal{E}} = \\dot{\\mathbf{w}}^\\top\\nabla\\mathcal{J}(\\mathbf{w}) + \\dot{\\mathbf{v}}^\\top\\mathbf{v} = -\\mu\\|\\mathbf{v}\\|^2.$$

Without damping a direction of curvature $h$ is a harmonic oscillator $w(t) = A\\cos\\omega t$, $\\omega = \\sqrt h$, with energy $\\frac12 h A^2$. With small damping the energy dissipated, averaged over a period, is $-\\frac12\\mu h A^2 = -\\mu\\mathcal{E}$: $\\mathcal{E}(t) \\approx \\mathcal{E}(0) e^{-\\mu t}$, a decay with time scale $1/\\mu$ that does not depend on $h$ (to first order in $\\mu/\\sqrt h$; the checks below give the measured spread).`,
    figures: ['energy-decay'],
  },
  {
    id: 'spectral-radius',
    title: 'The spectral radius and how to choose β',
    text: `
The homework's spectral radius of heavy ball on a direction of curvature $h$:

$$\\rho(h) = \\begin{cases} \\frac12\\left(\\gamma + \\sqrt{\\gamma^2 - 4\\beta}\\right) & h \\le T \\\\ \\sqrt\\beta & T < h \\le (1+\\sqrt\\beta)^2/\\alpha \\\\ \\frac12\\left(|\\gamma| + \\sqrt{\\gamma^2 - 4\\beta}\\right) & \\alpha h > (1+\\sqrt\\beta)^2 \\end{cases}, \\qquad \\gamma = 1 + \\beta - \\alpha h.$$

The lecture stops at the second line; beyond $\\alpha h = (1+\\sqrt\\beta)^2$ the eigenvalues are real and negative again, and the iteration diverges once $\\alpha h \\ge 2(1+\\beta)$.
With $\\alpha = 1/h_{\\max}$, the best $\\beta$ makes the flattest direction critically damped, $T = h_{\\min}$:

$$\\beta = \\left(1 - \\frac{1}{\\sqrt\\kappa}\\right)^2, \\qquad -\\log\\rho = -\\tfrac12\\log\\beta \\approx \\frac{1}{\\sqrt\\kappa},$$

against $1/\\kappa$ for gradient descent.`,
    figures: ['spectral-radius', 'rate-map'],
  },
  {
    id: 'leapfrog',
    title: 'An aside: heavy ball is a leapfrog integrator',
    text: `
Why does the continuous analysis predict the discrete method? At $\\beta = 1$ the spectral radius is exactly 1, yet the discrete method does not conserve the energy $\\mathcal{E}$.
Shifting the start of the update by half a step writes heavy ball as a leapfrog (symplectic) integrator:

$$\\mathbf{v}^{(k+\\frac12)} = \\mathbf{v}^{(k)} - \\tfrac{\\alpha}{2}\\nabla\\mathcal{J}(\\mathbf{w}^{(k)}),\\quad \\mathbf{w}^{(k+1)} = \\mathbf{w}^{(k)} + \\mathbf{v}^{(k+\\frac12)},\\quad \\mathbf{v}^{(k+1)} = \\mathbf{v}^{(k+\\frac12)} - \\tfrac{\\alpha}{2}\\nabla\\mathcal{J}(\\mathbf{w}^{(k+1)}).$$

Symplectic integrators conserve a nearby **shadow Hamiltonian**; for quadratics exactly (Hairer, Lubich and Wanner, "Geometric numerical integration"). Here, in each direction, $\\tilde{\\mathcal{E}} = \\frac12 p^2 + \\frac12 h\\left(1 - \\frac{\\alpha h}{4}\\right) w^2$ with $p = (v^{(k)} - \\frac{\\alpha}{2} h w^{(k)})/\\sqrt\\alpha$ the leapfrog's full-step velocity in the time units of the continuous dynamics ($\\alpha = s^2$), and $v^{(k)} = w^{(k)} - w^{(k-1)}$ heavy ball's; equivalently $\\tilde{\\mathcal E} = \\mathcal J + \\|\\mathbf v\\|^2/(2\\alpha) - \\frac12\\mathbf v^\\top\\nabla\\mathcal J$.`,
    figures: ['leapfrog'],
  },
  {
    id: 'nesterov',
    title: 'Nesterov accelerated gradient',
    text: `
Nesterov (1983), as in d'Aspremont et al.: $\\mathbf{y}^{(k)} = \\mathbf{w}^{(k)} + \\tau_k(\\mathbf{z}^{(k)} - \\mathbf{w}^{(k)})$, $\\mathbf{w}^{(k+1)} = \\mathbf{y}^{(k)} - \\alpha_k\\nabla\\mathcal{J}(\\mathbf{y}^{(k)})$, $\\mathbf{z}^{(k+1)} = \\mathbf{z}^{(k)} - \\gamma_k\\nabla\\mathcal{J}(\\mathbf{y}^{(k)})$;
Sutskever et al. (2013) wrote it like heavy ball with the gradient taken at the extrapolated point:

$$\\mathbf{v}^{(k+1)} = \\beta\\mathbf{v}^{(k)} - \\alpha\\nabla\\mathcal{J}(\\mathbf{w}^{(k)} + \\beta\\mathbf{v}^{(k)}), \\qquad \\mathbf{w}^{(k+1)} = \\mathbf{w}^{(k)} + \\mathbf{v}^{(k+1)}.$$

Polyak invented heavy ball in 1964 and discussed the physics; Nesterov (his student) proved in 1983 that his variant achieves the optimal rate, without the physics; "Chebyshev acceleration" predated both by about a decade; Sutskever et al. (2013) popularised Nesterov's method in machine learning. "Accelerated" means faster convergence, not the physical acceleration of the ball.

The extrapolation damps the high-frequency directions: their eigenvalues have modulus $\\sqrt{\\beta(1-\\alpha h)} < \\sqrt\\beta$. The slow directions, which set the rate on quadratics, behave as under heavy ball.`,
    figures: ['hb-vs-nesterov'],
  },
  {
    id: 'speed-limits',
    title: 'How fast can we go? Condition number and the oracle model',
    text: `
With $\\kappa = h_{\\max}/h_{\\min}$, gradient descent needs $\\mathcal{O}(\\kappa)$ iterations to reach a given loss, conjugate gradient and tuned heavy ball $\\mathcal{O}(\\sqrt\\kappa)$.
In the oracle model each iteration queries $\\mathcal{J}$ and $\\nabla\\mathcal{J}$ at one point, so iterate $k$ lies in the Krylov subspace $\\mathcal{K}_k$.
Nesterov's worst function in the world,

$$\\mathcal{J}(\\mathbf{w}) = \\tfrac12(1 - w_1)^2 + \\sum_{j=1}^{D-1}\\tfrac12(w_{j+1} - w_j)^2, \\qquad \\mathbf{w}^{(0)} = \\mathbf{0},\\ \\mathbf{w}^\\star = \\mathbf{1},$$

has a tridiagonal Hessian: information diffuses one coordinate per step, and the smallest loss reachable in $k$ steps is exactly $\\frac{1}{2(k+1)}$ (the lecture says $1/k$, which is the right order but not the value).`,
    figures: ['convergence-vs-kappa', 'nesterov-worst'],
  },
  {
    id: 'certification',
    title: 'Beyond quadratics: certified rates and the heavy-ball counterexample',
    text: `
Heavy ball achieves the optimal rate on quadratics but not on all smooth strongly convex functions. Lessard, Recht and Packard (2016) certify worst-case rates of first-order methods by small semidefinite programs (integral quadratic constraints), and exhibit a strongly convex function (with $\\mu = 1$, $L = 25$) on which heavy ball with its quadratic tuning cycles forever instead of converging. Nesterov's method keeps an accelerated rate over the whole class.`,
    figures: ['iqc-rates', 'counterexample'],
  },
  {
    id: 'noise',
    title: 'Noise: stochastic gradients, the noisy quadratic model and batch size',
    text: `
With mini-batch gradients $\\nabla\\mathcal J(\\mathbf w) + \\boldsymbol\\varepsilon$, $\\varepsilon_i \\sim N(0, c_i/B)$, on the quadratic $\\mathcal J(\\mathbf w) = \\frac12\\sum_i h_i w_i^2$ (the noisy quadratic model of Zhang et al. 2019, $h_i = c_i = 1/i$, $10^4$ directions), the mean and second moment of every linear method's state evolve linearly, so the expected loss after $k$ steps, its steady state and the exact steps to a target are computed in closed form per direction.
At small batch the noise dominates and heavy ball with $(\\alpha, \\beta)$ behaves as SGD with the effective learning rate $\\alpha/(1-\\beta)$; at large batch the curvature dominates and momentum needs an order of magnitude fewer steps. Steps scale perfectly ($\\propto 1/B$) up to a critical batch size. Tuning searches the notebook's grids on 138 bins of close curvature; the reported steps are exact on the $10^4$ directions.`,
    figures: ['nqm-batch-size', 'nqm-loss'],
  },
  {
    id: 'networks',
    title: 'Beyond the lecture: a real network',
    text: `
The lecture's quantities can be measured on a network. Its Hessian-vector products are exact (Pearlmutter's R-operator), so Lanczos gives the top and bottom eigenvalues of the Hessian (the curvature $L$ and, where it is positive, $\\mu$) and stochastic Lanczos quadrature its whole spectral density (Ghorbani, Krishnan and Xiao 2019).
Full-batch training does not stay in the region where the quadratic theory holds: the sharpness $\\lambda_{\\max}(\\nabla^2\\mathcal J)$ rises until it reaches the method's own stability threshold, read off its linear form ($2/\\alpha$ for gradient descent, $2(1+\\beta)/\\alpha$ for heavy ball, $(2+2\\beta)/(\\alpha(1+2\\beta))$ for Nesterov), and hovers there, the **edge of stability** of Cohen et al. (2021).
The checks below test that on Cohen et al.'s regression toy ($20$ points of $4x^3 - 3x$, a tanh network with $100$ hidden units, $301$ parameters), test the lecture's guess that Nesterov's damping of the high frequencies "is helpful for non-quadratics" (heavy ball and Nesterov at the same effective learning rate $\\alpha/(1-\\beta)$), and tune heavy ball from the measured spectrum with the lecture's rule. The numbers are measurements, stated whatever they show.`,
    figures: ['sharpness', 'hessian-density'],
  },
];
