"""Workload 2, numpy and PyTorch peers, vectorised over the runs (one array operation per step for all runs at once:
the idiomatic way; a Python loop per run would be ~100x slower). Same sweep as bench/js/many-runs.js: heavy ball
on h = (0.01, 1) from w0 = (1, 1), (alpha, beta) on an NA x NB grid, STEPS steps, loss after every step; and the
256 x 256 rate map of heavy ball over [0.01, 1] from the closed-form roots of z^2 - (1 + beta - alpha h) z + beta.
Usage: python3 many_runs.py NA NB STEPS REPS"""
import sys

import numpy as np

from common import emit, time_it

NA, NB, K, reps = (int(x) for x in sys.argv[1:5])
R = NA * NB
alphas = np.linspace(0.05, 1.5, NA)
betas = np.linspace(0, 0.95, NB)
A = np.tile(alphas, NB)[:, None]          # run r = i * NA + j has alpha_j, beta_i
B = np.repeat(betas, NA)[:, None]
H = np.array([[0.01, 1.0]])
out = {}


def summary(loss):
    return dict(meanLog10FinalLoss=float(np.log10(loss[:, -1]).mean()), loss0Final=float(loss[0, -1]))


def sweep_numpy():
    W = np.ones((R, 2))
    V = np.zeros((R, 2))
    G = np.empty((R, 2))
    loss = np.empty((R, K))
    AH, tmp = A * H, np.empty((R, 2))
    for k in range(K):
        np.multiply(AH, W, out=G)          # alpha h w
        np.multiply(B, V, out=V)
        np.subtract(V, G, out=V)           # v <- beta v - alpha h w
        np.add(W, V, out=W)
        np.multiply(W, W, out=tmp)
        loss[:, k] = 0.5 * (tmp @ H[0])
    out["loss"] = loss


emit(impl="numpy", times_ms=time_it(sweep_numpy, reps, warmup=0), runs=R, steps=K, **summary(out["loss"]))

try:
    import torch
    torch.set_num_threads(1)
    tA, tB, tH = torch.from_numpy(A), torch.from_numpy(B), torch.from_numpy(H)

    def sweep_torch():
        W = torch.ones((R, 2), dtype=torch.float64)
        V = torch.zeros((R, 2), dtype=torch.float64)
        loss = torch.empty((R, K), dtype=torch.float64)
        AH = tA * tH
        for k in range(K):
            V.mul_(tB).sub_(AH * W)
            W.add_(V)
            loss[:, k] = 0.5 * (W * W) @ tH[0]
        out["loss"] = loss.numpy()

    emit(impl="torch-1t", times_ms=time_it(sweep_torch, reps, warmup=0), runs=R, steps=K, **summary(out["loss"]))
except ImportError:
    pass

N = 256
ra = np.linspace(0.01, 4, N)
rb = np.linspace(0, 0.99, N)


def rate_map():
    a = ra[None, :, None]
    b = rb[:, None, None]
    h = np.array([0.01, 1.0])[None, None, :]
    t = 1 + b - a * h                                  # z^2 - t z + b = 0
    d = (t * t - 4 * b).astype(complex)
    s = np.sqrt(d)
    r = np.maximum(np.abs((t + s) / 2), np.abs((t - s) / 2))
    out["rho"] = r.max(axis=2)                         # worst over h in {mu, L}: heavy ball's rate is worst at an end


emit(impl="numpy-ratemap", times_ms=time_it(rate_map, reps), n=N, rho=out["rho"].ravel().tolist())
