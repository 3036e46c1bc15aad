"""Workload 3, SciPy peers: Lorenz (10, 28, 8/3) from (1, 1, 1) over [0, 100] with solve_ivp RK45 (Dormand-Prince
5(4), the same pair as momentum-lab's odeDopri5) and DOP853, rtol = atol = TOL; every accepted step is kept (the default).
Also Hairer's own Fortran DOPRI5 (dopri5.f, shipped in SciPy as scipy.integrate.ode "dopri5"; SciPy passes beta = 0,
which dopri5.f reads as its default 0.04): the code odeDopri5 transcribes, end point only, nfev counted around f.
Usage: python3 lorenz.py TOL REPS"""
import sys

from common import emit, time_it

tol = float(sys.argv[1]) if len(sys.argv) > 1 else 1e-9
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 3

from scipy.integrate import ode, solve_ivp  # noqa: E402


def lorenz(t, u):
    x, y, z = u
    return [10.0 * (y - x), x * (28.0 - z) - y, x * y - (8.0 / 3.0) * z]


for method in ("RK45", "DOP853"):
    out = {}

    def solve():
        out["r"] = solve_ivp(lorenz, (0.0, 100.0), [1.0, 1.0, 1.0], method=method, rtol=tol, atol=tol)

    times = time_it(solve, reps, warmup=1)
    r = out["r"]
    emit(impl=f"scipy-{method}", times_ms=times, nfev=int(r.nfev), steps=int(len(r.t) - 1), yEnd=[float(v) for v in r.y[:, -1]],
         status=int(r.status))


count = [0]


def lorenz_counted(t, u):
    count[0] += 1
    return lorenz(t, u)


def solve_hairer():
    count[0] = 0
    r = ode(lorenz_counted).set_integrator("dopri5", rtol=tol, atol=tol, nsteps=10 ** 7)
    r.set_initial_value([1.0, 1.0, 1.0], 0.0)
    out["y"] = r.integrate(100.0)
    out["ok"] = r.successful()


out = {}
times = time_it(solve_hairer, reps, warmup=1)
emit(impl="hairer-dopri5f", times_ms=times, nfev=count[0], steps=None, yEnd=[float(v) for v in out["y"]],
     status=0 if out["ok"] else -1)
