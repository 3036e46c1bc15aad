"""Shared helpers for the Python peers: per-repetition timing and one JSON line per measurement."""
import json
import time


def time_it(fn, reps, warmup=2):
    """Per-call times in ms of fn(), after `warmup` untimed calls."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(reps):
        t0 = time.perf_counter_ns()
        fn()
        out.append((time.perf_counter_ns() - t0) / 1e6)
    return out


def emit(**row):
    """Print one measurement as a JSON line (the harness reads these)."""
    print(json.dumps(row), flush=True)
