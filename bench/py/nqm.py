"""Workload nqm, numpy peer: a port of the notebook gd-zhang/noisy-quadratic-model `nqm.ipynb` (Zhang et al., NeurIPS
2019, "Which Algorithmic Choices Matter at Which Batch Sizes?"), its functions kept as written there:

- SGD: `simulate_kstep_dynamics` (closed form s_k = s* + beta^k (s_0 - s*), beta = (1 - alpha h)^2,
  s* = alpha^2 sigma^2 / (1 - beta + 1e-8)), `time_to_loss` (binary search for k on [0, 10^9]), `optimal_ttl`
  (alpha on logspace(-5, 0.5, 100)).
- Momentum: `simulate_momentum_dynamics` (the 3x3 linear system on (E x^2, E v^2, E xv) per direction, eqn. (21) of
  the paper, solved in closed form by np.linalg.eig / inv of every direction's matrix at every call), `time_to_loss_wm`
  (binary search for k on [0, 10^7]), `optimal_ttl_wm` (alpha on logspace(-8, 1, 100) x beta = 1 - logspace(-5, 0, 20)).

Changes from the notebook: numpy instead of autograd.numpy (no gradients are taken here), np.inf for np.infty, the
preconditioner argument dropped (prec=None everywhere); the paper's setup on its 10^4 directions h_i = 1/i, sigma_i^2 =
h_i / B, s_0 = 1, C = 0.01, without the notebook's 100-bin quantisation (counts=None, which the notebook's functions
accept), so that both sides solve the same model. Note: `time_to_loss` returns `low`, the last step of its bracket
with loss >= C; the first step with loss < C is low + 1 (the harness compares that with momentum-lab's steps). The
1e-8 the notebook adds to 1 - beta in s* lowers s* slightly; mode `sgd` also reports, untimed, the steps at the chosen
rate with eps = 0 (the exact closed form), to tell that apart from any other disagreement.

A full momentum curve as written costs 20 batch sizes x 2000 grid points x 24 bisection steps, each an eig of 10^4 3x3
matrices (~25 ms): hours. Mode `hb` therefore runs `time_to_loss_wm` on given grid points only (the harness picks them
and scales the per-point time by the grid size; the work per point does not depend on the point: always the same
number of bisection steps on arrays of the same size); `time_to_loss_wm_hoisted` is the same search with the
eigendecomposition computed once per grid point instead of once per bisection step (same e, v: the same results).

Usage:
  python3 nqm.py hb-curve B1,B2,...      the notebook's optimal_ttl_wm (full grid) per batch size: hours, not run by
                                         the harness
  python3 nqm.py fixture                 the reference values of test/bench/nqm-notebook-port.json
  python3 nqm.py grid                    the notebook's momentum grid (numpy's doubles), for the harness
  python3 nqm.py sgd B1,B2,... REPS      the notebook's optimal_ttl at every batch size (full grid), REPS timed curves
  python3 nqm.py hb REPS < points.json   [[B, i, j, k], ...] (alpha = alphas[i], beta = betas[j] of the notebook's
                                         momentum grid): time_to_loss_wm, as written and hoisted, per point; and
                                         (untimed) the loss / C of this model at momentum-lab's steps k and k - 1
"""
import json
import math
import sys
import time
import warnings

import numpy as np

from common import emit

NDIM = 10000
C = 0.01
h = 1.0 / np.arange(1, NDIM + 1)
s_init = np.ones(NDIM)
warnings.filterwarnings('ignore')  # as the notebook does (beta**k overflows for unstable learning rates)


# ---- the notebook's functions (prec=None) ----

def loss(h, s, counts=None):
    if counts is None:
        counts = np.ones_like(h)
    return 0.5 * np.sum(h * s * counts)


def simulate_kstep_dynamics(h, sigma_sq, s_init, lrate, k, eps=1e-8):
    """Simulate k steps of SGD as described above (eps: the notebook's 1e-8 in s*'s denominator)."""
    h = np.array(h)
    sigma_sq = np.array(sigma_sq)
    s_init = np.array(s_init)
    prec = np.ones_like(h)
    beta = (1 - lrate * prec * h) ** 2
    s_star = (prec * lrate) ** 2 * sigma_sq / (1 - beta + eps)
    return s_star + beta ** k * (s_init - s_star)


def time_to_loss(h, sigma_sq, s_init, lrate, C, counts=None, eps=1e-8):
    """Determine the time it takes to reach loss C using a given fixed learning rate. Uses binary search."""
    high = 1000000000
    low = 0
    while low < high - 1:
        mid = int(math.floor((low + high) / 2))
        s = simulate_kstep_dynamics(h, sigma_sq, s_init, lrate, mid, eps=eps)
        L = loss(h, s, counts)
        if L < C:
            high = mid
        else:
            low = mid
    return max(low, 1)


def optimal_ttl(h, sigma_sq, s_init, C, counts=None):
    """Do a grid search over (fixed) learning rates to find the shortest time it takes to reach loss C."""
    lrates = np.logspace(-5, 0.5, 100)
    best = np.inf
    best_lrate = 0.0
    for lrate in lrates:
        ttl = time_to_loss(h, sigma_sq, s_init, lrate, C, counts=counts)
        if ttl < best:
            best = ttl
            best_lrate = lrate
    return best, best_lrate


def momentum_system(h, sigma_sq, s_init, lrate, momentum):
    """The notebook's transition matrix (eqn. (21)), start and noise vectors, per direction."""
    ndim = h.size
    init_p = np.zeros((ndim, 3))
    init_p[:, 0] = np.array(s_init)
    prec = np.ones_like(h)
    x = lrate * prec * h
    noise = np.ones((ndim, 3)) * np.tile(np.expand_dims((prec * lrate) ** 2 * sigma_sq, axis=1), (1, 3))
    trans_mat = np.zeros((ndim, 3, 3))
    trans_mat[:, :, 1] = momentum ** 2
    trans_mat[:, 0, 0] = (1 - x) ** 2
    trans_mat[:, 1, 0] = x ** 2
    trans_mat[:, 2, 0] = - (1 - x) * x
    trans_mat[:, 0, 2] = 2 * (1 - x) * momentum
    trans_mat[:, 1, 2] = -2 * x * momentum
    trans_mat[:, 2, 2] = (1 - 2 * x) * momentum
    return trans_mat, init_p, noise


def eigen_parts(trans_mat, init_p, noise):
    e, v = np.linalg.eig(trans_mat)
    v_inv = np.linalg.inv(v)
    trans_init_p = np.squeeze(np.matmul(v_inv, np.expand_dims(init_p, axis=2)))
    trans_noise = np.squeeze(np.matmul(v_inv, np.expand_dims(noise, axis=2)))
    p_star = trans_noise / (1 - e)
    return e, v, trans_init_p, p_star


def k_step(e, v, trans_init_p, p_star, k):
    trans_final_p = e ** k * (trans_init_p - p_star) + p_star
    final_p = np.squeeze(np.matmul(v, np.expand_dims(trans_final_p, axis=2)))
    return final_p[:, 0].real


def simulate_momentum_dynamics(h, sigma_sq, s_init, lrate, k, momentum=0.0):
    """Simulate k steps of SGD with momentum (the notebook's function: system, eigendecomposition, k steps)."""
    h = np.array(h)
    sigma_sq = np.array(sigma_sq)
    return k_step(*eigen_parts(*momentum_system(h, sigma_sq, s_init, lrate, momentum)), k)


def time_to_loss_wm(h, sigma_sq, s_init, lrate, momentum, C, counts=None):
    """Determine the time it takes to reach loss C using a given fixed learning rate and momentum value. Uses binary search."""
    high = 10000000
    low = 0
    while low < high - 1:
        mid = int(math.floor((low + high) / 2))
        s = simulate_momentum_dynamics(h, sigma_sq, s_init, lrate, mid, momentum=momentum)
        L = loss(h, s, counts)
        if L < C:
            high = mid
        else:
            low = mid
    return low


def time_to_loss_wm_hoisted(h, sigma_sq, s_init, lrate, momentum, C, counts=None):
    """time_to_loss_wm with the eigendecomposition computed once (it does not depend on k)."""
    parts = eigen_parts(*momentum_system(h, sigma_sq, s_init, lrate, momentum))
    high = 10000000
    low = 0
    while low < high - 1:
        mid = int(math.floor((low + high) / 2))
        L = loss(h, k_step(*parts, mid), counts)
        if L < C:
            high = mid
        else:
            low = mid
    return low


def optimal_ttl_wm(h, sigma_sq, s_init, C, counts=None, momentum=None):
    """Do a grid search over (fixed) learning rates and momentum coefficients to find the shortest time it takes to reach loss C."""
    lrates = np.logspace(-8, 1, 100)
    if momentum is None:
        momentums = 1 - np.logspace(-5, 0, 20)
    else:
        momentums = [momentum]
    best = np.inf
    best_lrate = 0.0
    best_momentum = 0.0
    for lrate in lrates:
        for momentum in momentums:
            ttl = time_to_loss_wm(h, sigma_sq, s_init, lrate, momentum, C, counts=counts)
            if ttl < best:
                best = ttl
                best_lrate = lrate
                best_momentum = momentum
    return best, best_lrate, best_momentum


def momentum_grid():
    return np.logspace(-8, 1, 100), 1 - np.logspace(-5, 0, 20)


# ---- the harness's modes ----

def timed(fn):
    t0 = time.perf_counter_ns()
    out = fn()
    return out, (time.perf_counter_ns() - t0) / 1e6


def mode_sgd(batches, reps):
    times, curve = [], None
    for _ in range(reps):
        def one():
            return [optimal_ttl(h, h / bs, s_init, C) for bs in batches]
        curve, ms = timed(one)
        times.append(ms)
    # Diagnostic, not timed: the same search at the chosen rate without the 1e-8 in s* (the exact closed form).
    emit(impl="numpy-sgd", times_ms=times, batches=batches,
         curve=[dict(batch=bs, ttl=int(t), alpha=float(a), ttlExactStar=int(time_to_loss(h, h / bs, s_init, a, C, eps=0.0)))
                for bs, (t, a) in zip(batches, curve)])


def mode_hb(reps, points):
    alphas, betas = momentum_grid()
    grid_alphas, grid_betas = alphas.tolist(), betas.tolist()
    for bs, ia, ib, k_ml in points:
        lrate, momentum = grid_alphas[ia], grid_betas[ib]
        sigma_sq = h / bs
        t_nb, t_ho = [], []
        for _ in range(reps):
            ttl, ms = timed(lambda: time_to_loss_wm(h, sigma_sq, s_init, lrate, momentum, C))
            t_nb.append(ms)
            ttl2, ms2 = timed(lambda: time_to_loss_wm_hoisted(h, sigma_sq, s_init, lrate, momentum, C))
            t_ho.append(ms2)
        # Untimed: the notebook's loss / C at momentum-lab's steps k and at k - 1 (is k a crossing of this model?).
        parts = eigen_parts(*momentum_system(h, sigma_sq, s_init, lrate, momentum))
        at = [float(loss(h, k_step(*parts, k)) / C) if k is not None and k >= 0 else None for k in (k_ml, None if k_ml is None else k_ml - 1)]
        emit(impl="numpy-hb-point", batch=bs, alpha=lrate, beta=momentum, ia=ia, ib=ib,
             ttl=int(ttl), ttlHoisted=int(ttl2), times_ms=t_nb, hoisted_ms=t_ho, lossAtMl=at[0], lossBeforeMl=at[1])


def mode_fixture():
    """Reference values for test/bench/nqm-notebook-port.test.ts: the port's steps at a few grid points."""
    sgd_alphas = np.logspace(-5, 0.5, 100)
    alphas, betas = momentum_grid()
    sgd = [dict(batch=bs, i=i, alpha=float(sgd_alphas[i]), ttl=int(time_to_loss(h, h / bs, s_init, sgd_alphas[i], C)),
                ttlExactStar=int(time_to_loss(h, h / bs, s_init, sgd_alphas[i], C, eps=0.0)))
           for bs, i in [(4, 56), (64, 78), (2097152, 95)]]
    hb = []
    for bs, i, j, ks in [(4, 13, 0, []), (512, 59, 8, []), (2097152, 94, 13, [212, 213])]:
        ttl = time_to_loss_wm_hoisted(h, h / bs, s_init, alphas[i], betas[j], C)
        parts = eigen_parts(*momentum_system(h, h / bs, s_init, alphas[i], betas[j]))
        hb.append(dict(batch=bs, i=i, j=j, alpha=float(alphas[i]), beta=float(betas[j]), ttl=int(ttl),
                       lossOverC={str(k): float(loss(h, k_step(*parts, k)) / C) for k in ks + [ttl, ttl + 1]}))
    print(json.dumps(dict(generator="python3 bench/py/nqm.py fixture", numpy=np.__version__, target=C, sgd=sgd, hb=hb), indent=1))


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "sgd":
        mode_sgd([int(b) for b in sys.argv[2].split(",")], int(sys.argv[3]))
    elif mode == "hb-curve":
        # The full momentum search as written (hours on 10^4 directions): not run by the harness.
        for bs in [int(b) for b in sys.argv[2].split(",")]:
            (ttl, a, b), ms = timed(lambda: optimal_ttl_wm(h, h / bs, s_init, C))
            emit(impl="numpy-hb-curve", batch=bs, ttl=int(ttl), alpha=float(a), beta=float(b), times_ms=[ms])
    elif mode == "fixture":
        mode_fixture()
    elif mode == "grid":
        a, b = momentum_grid()
        emit(impl="numpy-grid", alphas=a.tolist(), betas=b.tolist())
    elif mode == "hb":
        mode_hb(int(sys.argv[2]), json.load(sys.stdin))
    else:
        raise SystemExit(f"nqm.py: unknown mode {mode} (sgd | hb | hb-curve | fixture | grid)")
