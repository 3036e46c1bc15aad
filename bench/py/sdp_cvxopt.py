"""Workload 5, CVXOPT peer: solve SDPA-format problems (written by momentum-lab's writeSdpa) with cvxopt.solvers.sdp.
SDPA/CSDP form: primal max C.X s.t. A_i.X = b_i, X psd; dual min b'y s.t. sum y_i A_i - C psd.
CVXOPT form: min c'x s.t. G x + s = h, s in the cone; we pass x = y, c = b, G_i = -A_i, h = -C, so CVXOPT's primal is
the SDPA dual (its objective is b'y). Diagonal (negative-size) blocks become the linear cone.
Usage: python3 sdp_cvxopt.py LISTFILE   (one SDPA path per line) -> one JSON line per problem."""
import sys
import time

from cvxopt import matrix, solvers

from common import emit

solvers.options.update({"show_progress": False, "abstol": 1e-10, "reltol": 1e-9, "feastol": 1e-9, "maxiters": 200})


def read_sdpa(path):
    toks = []
    with open(path) as f:
        for line in f:
            s = line.strip()
            if not s or s[0] in '"*':
                continue
            toks.extend(s.replace(",", " ").replace("{", " ").replace("}", " ").replace("(", " ").replace(")", " ").split())
    m = int(toks[0])
    nb = int(toks[1])
    sizes = [int(float(x)) for x in toks[2:2 + nb]]
    b = [float(x) for x in toks[2 + nb:2 + nb + m]]
    rest = toks[2 + nb + m:]
    entries = [(int(rest[k]), int(rest[k + 1]), int(rest[k + 2]), int(rest[k + 3]), float(rest[k + 4])) for k in range(0, len(rest) - 4, 5)]
    return m, sizes, b, entries


def to_cvxopt(m, sizes, b, entries):
    nl = sum(-s for s in sizes if s < 0)
    loff, k = {}, 0
    for bi, s in enumerate(sizes):
        if s < 0:
            loff[bi] = k
            k += -s
    Gl = matrix(0.0, (nl, m)) if nl else None
    hl = matrix(0.0, (nl, 1)) if nl else None
    Gs = {bi: matrix(0.0, (s * s, m)) for bi, s in enumerate(sizes) if s > 0}
    hs = {bi: matrix(0.0, (s, s)) for bi, s in enumerate(sizes) if s > 0}
    for mat, blk, i, j, v in entries:
        bi = blk - 1
        s = sizes[bi]
        if s < 0:
            r = loff[bi] + i - 1
            if mat == 0:
                hl[r] = -v
            else:
                Gl[r, mat - 1] = -v
        else:
            for (p, q) in {(i - 1, j - 1), (j - 1, i - 1)}:
                if mat == 0:
                    hs[bi][p, q] = -v
                else:
                    Gs[bi][q * s + p, mat - 1] = -v
    keys = sorted(Gs)
    return matrix(b), Gl, hl, [Gs[k] for k in keys], [hs[k] for k in keys]


paths = [p.strip() for p in open(sys.argv[1]) if p.strip()]
for path in paths:
    m, sizes, b, entries = read_sdpa(path)
    c, Gl, hl, Gs, hs = to_cvxopt(m, sizes, b, entries)
    t0 = time.perf_counter_ns()
    try:
        r = solvers.sdp(c, Gl=Gl, hl=hl, Gs=Gs, hs=hs)
        ms = (time.perf_counter_ns() - t0) / 1e6
        y = list(r["x"]) if r["x"] is not None else None
        emit(file=path, ms=ms, status=r["status"], dualObjective=r["primal objective"], primalObjective=r["dual objective"],
             iterations=r["iterations"], gap=r["relative gap"], primalInfeasibility=r["dual infeasibility"],
             dualInfeasibility=r["primal infeasibility"], yLast=y[-1] if y else None)
    except Exception as e:  # noqa: BLE001 - a failed solve is a result, reported as such
        emit(file=path, ms=(time.perf_counter_ns() - t0) / 1e6, status=f"error: {e}")
