"""Workload 4, numpy peer: the brute-force Mandelbrot escape-time image of momentum-lab's mandelbrot() (window
[-2, 0.5] x [-1.25, 1.25], pixel centres, bailout |z|^2 > 2^16, maxIter), vectorised the usual fast way: real and
imaginary parts as float64 arrays, iterating only the points that have not escaped yet (compacted each iteration).
Usage: python3 mandelbrot.py W MAXITER REPS"""
import sys

import numpy as np

from common import emit, time_it

W = int(sys.argv[1]) if len(sys.argv) > 1 else 2048
max_iter = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 1
out = {}


def render():
    dx, dy = 2.5 / W, 2.5 / W
    px = -2 + (np.arange(W) + 0.5) * dx
    py = 1.25 - (np.arange(W) + 0.5) * dy
    cr = np.tile(px, W)
    ci = np.repeat(py, W)
    counts = np.full(W * W, max_iter, dtype=np.uint32)
    idx = np.arange(W * W)
    x = np.zeros(W * W)
    y = np.zeros(W * W)
    x2 = np.zeros(W * W)
    y2 = np.zeros(W * W)
    smooth = np.full(W * W, -1.0, dtype=np.float32)
    for n in range(1, max_iter + 1):
        y = 2 * x * y + ci
        x = x2 - y2 + cr
        x2 = x * x
        y2 = y * y
        esc = x2 + y2 > 65536.0
        if esc.any():
            e = idx[esc]
            counts[e] = n
            smooth[e] = n + 1 - np.log(0.5 * np.log(x2[esc] + y2[esc])) / np.log(2)
            keep = ~esc
            idx, x, y, x2, y2, cr, ci = idx[keep], x[keep], y[keep], x2[keep], y2[keep], cr[keep], ci[keep]
    out["counts"] = counts


times = time_it(render, reps, warmup=0)
c = out["counts"]
emit(impl="numpy", times_ms=times, inside=int((c == max_iter).sum()), iterSum=int(c.astype(np.int64).sum()))
