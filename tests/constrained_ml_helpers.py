"""A likelihood maximised by scipy with its finite-difference Hessian: the independent check of
the constrained ML fits (tests/test_ml_constraints_single_level.py, tests/test_tobit_constraints.py)."""
from __future__ import annotations

import numpy as np
from scipy import optimize


def maximum_likelihood(f, start):
    """(argmax of f, the inverse of minus f's central-difference Hessian there, f there)."""
    res = optimize.minimize(lambda t: -f(t), start, method="BFGS", options={"gtol": 1e-10, "maxiter": 5000})
    t, k, h = res.x, len(res.x), 1e-4
    H = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            ei, ej = np.eye(k)[i] * h, np.eye(k)[j] * h
            H[i, j] = (f(t + ei + ej) - f(t + ei - ej) - f(t - ei + ej) + f(t - ei - ej)) / (4 * h * h)
    return t, np.linalg.inv(-H), f(t)
