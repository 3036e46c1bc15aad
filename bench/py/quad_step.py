"""Workload 1, Python peers: one step of GD, heavy ball and Nesterov on J(w) = 1/2 sum_i h_i w_i^2 (w* = 0),
h_i = 1e-3 + i/n, w = 1, alpha = 0.5, beta = 0.9 (the same as bench/js/quadratic-step.js and bench/c/quad_step.c).

numpy idiomatic: the code one writes first (temporaries for every operation).
numpy out=:      in-place ufuncs into preallocated buffers (no allocation, but one pass per operation).
torch SGD:       torch.optim.SGD(momentum=beta, nesterov=...) with p.grad = h * p written by torch.mul(out=);
                 PyTorch's convention buf <- beta buf + g; p <- p - lr buf is heavy ball with v = -lr buf.
Usage: python3 quad_step.py N REPS [numpy|torch]
"""
import sys

from common import emit, time_it

n = int(float(sys.argv[1])) if len(sys.argv) > 1 else 10_000_000
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 10
which = sys.argv[3] if len(sys.argv) > 3 else "all"
alpha, beta = 0.5, 0.9


def run_numpy():
    import numpy as np
    h = 1e-3 + np.arange(n, dtype=np.float64) / n
    st = {}

    def reset():
        st["w"] = np.ones(n)
        st["v"] = np.zeros(n)

    # --- idiomatic numpy ---
    def gd():
        st["w"] = st["w"] - alpha * h * st["w"]

    def hb():
        st["v"] = beta * st["v"] - alpha * (h * st["w"])
        st["w"] = st["w"] + st["v"]

    def nag():
        y = st["w"] + beta * st["v"]
        st["v"] = beta * st["v"] - alpha * (h * y)
        st["w"] = st["w"] + st["v"]

    for name, fn in [("gd", gd), ("hb", hb), ("nag", nag)]:
        reset()
        emit(impl="numpy", method=name, times_ms=time_it(fn, reps), check=float(st["w"][n // 2]))

    # --- numpy with in-place out= ufuncs ---
    g = np.empty(n)

    def gd_out():
        w = st["w"]
        np.multiply(h, w, out=g)
        np.multiply(g, alpha, out=g)
        np.subtract(w, g, out=w)

    def hb_out():
        w, v = st["w"], st["v"]
        np.multiply(h, w, out=g)
        np.multiply(g, alpha, out=g)
        np.multiply(v, beta, out=v)
        np.subtract(v, g, out=v)
        np.add(w, v, out=w)

    def nag_out():
        w, v = st["w"], st["v"]
        np.multiply(v, beta, out=v)      # v <- beta v
        np.add(w, v, out=g)              # g <- y = w + beta v
        np.multiply(h, g, out=g)         # g <- h y
        np.multiply(g, alpha, out=g)
        np.subtract(v, g, out=v)         # v <- beta v - alpha h y
        np.add(w, v, out=w)

    for name, fn in [("gd", gd_out), ("hb", hb_out), ("nag", nag_out)]:
        reset()
        emit(impl="numpy-out", method=name, times_ms=time_it(fn, reps), check=float(st["w"][n // 2]))


def run_torch():
    import torch
    for threads in (1, 2):
        torch.set_num_threads(threads)
        h = 1e-3 + torch.arange(n, dtype=torch.float64) / n
        for name, momentum, nesterov in [("gd", 0.0, False), ("hb", beta, False), ("nag", beta, True)]:
            p = torch.nn.Parameter(torch.ones(n, dtype=torch.float64), requires_grad=True)
            p.grad = torch.empty_like(p)
            opt = torch.optim.SGD([p], lr=alpha, momentum=momentum, nesterov=nesterov)

            def step():
                with torch.no_grad():
                    torch.mul(h, p, out=p.grad)
                opt.step()

            emit(impl=f"torch-sgd-{threads}t", method=name, times_ms=time_it(step, reps), check=float(p.detach()[n // 2]))


if which in ("all", "numpy"):
    run_numpy()
if which in ("all", "torch"):
    run_torch()
