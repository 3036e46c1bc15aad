"""Workload 6, numpy peer: eigenvalues of the same M random 2x2 matrices (numpy.linalg.eigvals on the stacked
(M, 2, 2) array: one call, LAPACK dgeev per matrix) and of the same 200x200 non-symmetric matrix, read from FILE
(written by bench/js/eigen.js). Usage: python3 eigen.py M N REPS FILE"""
import sys

import numpy as np

from common import emit, time_it

M, N, reps, path = int(float(sys.argv[1])), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
data = np.fromfile(path, dtype=np.float64)
small = data[: 4 * M].reshape(M, 2, 2)
big = data[4 * M:].reshape(N, N)
out = {}


def two():
    out["rho"] = np.abs(np.linalg.eigvals(small)).max(axis=1)


def nxn():
    out["ev"] = np.linalg.eigvals(big)


emit(impl="numpy-eigvals", case="2x2", times_ms=time_it(two, reps, warmup=1), count=M, rhoSum=float(out["rho"].sum()))
emit(impl="numpy-eigvals", case="nxn", times_ms=time_it(nxn, reps, warmup=1), n=N, values=[[float(z.real), float(z.imag)] for z in out["ev"]])
