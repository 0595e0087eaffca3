"""The Hessian of a log likelihood as the central differences of its analytic gradient (ml's
d1/e1 methods): the step 1e-5 relative to each parameter (absolute below 1), symmetrized."""
from __future__ import annotations

import numpy as np


def hessian_from_gradient(gradient, theta) -> np.ndarray:
    theta = np.asarray(theta, float)
    k = len(theta)
    H = np.zeros((k, k))
    for i in range(k):
        h = 1e-5 * max(1.0, abs(theta[i]))
        up, dn = theta.copy(), theta.copy()
        up[i] += h
        dn[i] -= h
        H[:, i] = (gradient(up) - gradient(dn)) / (2 * h)
    return (H + H.T) / 2
