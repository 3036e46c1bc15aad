"""Workload 8, PyTorch peer: gradient, Hessian-vector product and Lanczos steps of the same 64-128-128-10 tanh MLP
(softmax cross-entropy, mean over the examples, float64) on the same digits and weights as bench/js/mlp.js, which
writes them to DIR/mlp-input.f64 (X, labels, the flat weights in nn.Linear order, v, the Lanczos start; shapes in
DIR/mlp-input.json). Gradient by autograd; H v by double backward (torch.autograd.grad with create_graph=True, then the
gradient of g . v); Lanczos with full reorthogonalisation (two classical Gram-Schmidt passes, as momentum-lab's), its
H q either with the gradient's graph kept across the steps (PyHessian's way: one forward and backward, then one
second backward per step) or a fresh double backward per step (momentum-lab's work). Results go to
DIR/mlp-torch-<T>t.f64 (gradient, H v, Ritz values of the kept-graph run) for the cross-check.
Run with OMP_NUM_THREADS = OPENBLAS_NUM_THREADS = T (torch.set_num_threads does not reach OpenBLAS).
Usage: python3 mlp_torch.py DIR THREADS REPS_GRAD REPS_HVP REPS_LANCZOS FRESH(0|1)"""
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

from common import emit

path, T = sys.argv[1], int(sys.argv[2])
reps_grad, reps_hvp, reps_lanczos, fresh = (int(x) for x in sys.argv[3:7])
torch.set_num_threads(T)
torch.set_default_dtype(torch.float64)
meta = json.load(open(os.path.join(path, "mlp-input.json")))
N, sizes, n, steps = meta["count"], meta["sizes"], meta["dim"], meta["steps"]
raw = np.fromfile(os.path.join(path, "mlp-input.f64"), dtype=np.float64)
X = torch.from_numpy(raw[: N * sizes[0]].reshape(N, sizes[0]).copy())
y = torch.from_numpy(raw[N * sizes[0]: N * sizes[0] + N].astype(np.int64))
off = N * sizes[0] + N
w = torch.from_numpy(raw[off: off + n].copy())
v = torch.from_numpy(raw[off + n: off + 2 * n].copy())
start = torch.from_numpy(raw[off + 2 * n: off + 3 * n].copy())

params, o = [], 0
for fin, fout in zip(sizes[:-1], sizes[1:]):
    params.append(w[o: o + fout * fin].reshape(fout, fin).clone().requires_grad_(True))
    o += fout * fin
    params.append(w[o: o + fout].clone().requires_grad_(True))
    o += fout
assert o == n
L = len(params) // 2


def loss():
    a = X
    for l in range(L):
        a = F.linear(a, params[2 * l], params[2 * l + 1])  # y = W x + b, W out x in
        if l < L - 1:
            a = torch.tanh(a)
    return F.cross_entropy(a, y)  # mean over the examples


def flat(ts):
    return torch.cat([t.reshape(-1) for t in ts])


def grad():
    return flat(torch.autograd.grad(loss(), params))


def hvp_of(gflat, q, keep):
    return flat(torch.autograd.grad(gflat @ q, params, retain_graph=keep)).detach()


def hvp(q):
    g = flat(torch.autograd.grad(loss(), params, create_graph=True))
    return hvp_of(g, q, False)


def orthonormalise(r, Q, count):
    for _ in range(2):
        if count:
            r = r - Q[:count].T @ (Q[:count] @ r)
    nrm = torch.linalg.norm(r)
    return r / nrm, nrm.item()


def lanczos(keep_graph):
    Q = torch.empty(steps, n)
    alpha, beta = np.zeros(steps), np.zeros(steps)
    r, _ = orthonormalise(start.clone(), Q, 0)
    g = flat(torch.autograd.grad(loss(), params, create_graph=True)) if keep_graph else None
    for j in range(steps):
        Q[j] = r
        r = hvp_of(g, Q[j], True) if keep_graph else hvp(Q[j])
        alpha[j] = (Q[j] @ r).item()
        r, beta[j] = orthonormalise(r, Q, j + 1)
    T_ = np.diag(alpha) + np.diag(beta[:-1], 1) + np.diag(beta[:-1], -1)
    return np.linalg.eigvalsh(T_)


def timed(fn, reps, warmup):
    for _ in range(warmup):
        fn()
    wall, cpu, out = [], [], None
    for _ in range(reps):
        c0, t0 = time.process_time_ns(), time.perf_counter_ns()
        out = fn()
        t1, c1 = time.perf_counter_ns(), time.process_time_ns()
        wall.append((t1 - t0) / 1e6)
        cpu.append((c1 - c0) / 1e6)
    return dict(times_ms=wall, cpu_ms=cpu), out


impl = f"torch-{T}t"
with torch.no_grad():
    J = loss().item()
t, g = timed(grad, reps_grad, 3)
emit(impl=impl, op="grad", loss=J, **t)
t, hv = timed(lambda: hvp(v), reps_hvp, 2)
emit(impl=impl, op="hvp", **t)
t, ritz = timed(lambda: lanczos(True), reps_lanczos, 0)
emit(impl=impl, op="lanczos", ritzTop=float(ritz[-1]), **t)
if fresh:
    t, ritz_fresh = timed(lambda: lanczos(False), reps_lanczos, 0)
    emit(impl=impl, op="lanczos-fresh", ritzTop=float(ritz_fresh[-1]),
         ritzMaxDiffVsKept=float(np.abs(ritz_fresh - ritz).max()), **t)
# The bound: one matrix product Z = A W^T on a 256-row chunk (momentum-lab's shape) and on all N rows, and tanh.
gen = torch.Generator().manual_seed(3)
W_ = torch.randn(128, 128, generator=gen)
for rows in (256, N):
    A_ = torch.randn(rows, 128, generator=gen)
    t, _ = timed(lambda: [torch.mm(A_, W_.T) for _ in range(20)], 7, 3)
    emit(impl=impl, op="kernel-mm", shape=[rows, 128, 128], calls=20, **t)
x_ = torch.randn(N * 256, generator=gen)
t, _ = timed(lambda: torch.tanh(x_), 7, 3)
emit(impl=impl, op="kernel-tanh", count=N * 256, **t)
np.concatenate([g.detach().numpy(), hv.numpy(), ritz]).tofile(os.path.join(path, f"mlp-torch-{T}t.f64"))
