// Section 10's words: the formulas of the three thresholds and the paragraph on the edge of stability.

export const FORMULAS: string[] = [
  '\\lambda_{\\max}\\big(\\nabla^2\\mathcal J(\\mathbf w_k)\\big)\\ \\nearrow\\ h^\\star',
  'h^\\star = \\sup\\{h : \\rho(A + hBC) < 1 \\text{ on } (0, h)\\}',
  // Three thresholds as aligned lines (one line of three fractions ran past a phone's column).
  '\\begin{aligned} h^\\star_{\\text{GD}} &= \\frac{2}{\\alpha} & h^\\star_{\\text{HB}} &= \\frac{2(1+\\beta)}{\\alpha} \\\\ h^\\star_{\\text{NAG}} &= \\frac{2 + 2\\beta}{\\alpha\\,(1 + 2\\beta)} \\end{aligned}',
];

export const ideaText =
  'On a quadratic, a direction whose curvature $h$ is above the method\'s threshold $h^\\star$ diverges. A network is not a quadratic: ' +
  'trained full batch, its sharpness $\\lambda_{\\max}$ (the top eigenvalue of the Hessian) first rises ("progressive sharpening") ' +
  'and then stops at $h^\\star$ and hovers there while the loss keeps falling, unevenly: [[the edge of stability|s10.method=gd&s10.alpha=0.2&s10.run=1]] (Cohen et al. 2021). ' +
  'The threshold is the method\'s own, from its linear form (stabilityEdge): $2/\\alpha$ for GD, $2(1+\\beta)/\\alpha$ for heavy ball ' +
  '(the lecture\'s stability limit $\\alpha h < 2(1+\\beta)$), $(2+2\\beta)/(\\alpha(1+2\\beta))$ for Nesterov. ' +
  'The default network is Cohen et al.\'s toy: a 1-100-1 tanh MLP fitting 20 points of $4x^3 - 3x$ on $[-1, 1]$ with the mean squared error ' +
  '(301 parameters, seeded Xavier start), trained in a worker by the library\'s own method steps; the sharpness is Lanczos on exact ' +
  'Hessian-vector products, the density stochastic Lanczos quadrature as in PyHessian. ' +
  'Try (measured in Node over the default 6000 steps; the medians are of λ_max/h* over the second half): raise α to [[0.3|s10.method=gd&s10.alpha=0.3&s10.run=1]] or [[0.5|s10.method=gd&s10.alpha=0.5&s10.run=1]] ' +
  'and the sharpness settles at 2/α = 6.7 or 4 instead (1.02, 1.07); at α = 0.1 the line, 20, is not reached in 6000 steps (0.57). ' +
  '[[Heavy ball at α = 0.2, β = 0.9|s10.method=hb&s10.alpha=0.2&s10.beta=0.9&s10.run=1]] lifts the line to 2(1+β)/α = 19 and the sharpness follows (0.95); heavy ball at α = 0.3, β = 0.5 and ' +
  'Nesterov at α = 0.1357, β = 0.9 share GD\'s line 10 and hold it too (0.97, 0.94). [[Nesterov at α = 0.2, β = 0.9|s10.method=nag&s10.alpha=0.2&s10.beta=0.9&s10.run=1]] diverges by step 300 ' +
  'although its line, 6.8, is above the start\'s sharpness 2.9: the edge is where training can settle, not a promise that it will. ' +
  'In the density, the top eigenvalue sits on the dashed line, far from the bulk near 0.';
