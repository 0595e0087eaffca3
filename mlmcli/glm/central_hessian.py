"""The Hessian of a log likelihood as the central differences of its analytic gradient (ml's
d1/e1 methods): the step 1e-5 relative to each parameter (absolute below 1), symmetrized."""
from __future__ import annotations

import numpy as np


def hessian_from_gradient(gradient, theta, steps=None) -> np.ndarray:
    """``steps``: the step of each parameter, when not the default 1e-5 max(1, |theta_i|)."""
    theta = np.asarray(theta, float)
    k = len(theta)
    H = np.zeros((k, k))
    for i in range(k):
        h = 1e-5 * max(1.0, abs(theta[i])) if steps is None else steps[i]
        up, dn = theta.copy(), theta.copy()
        up[i] += h
        dn[i] -= h
        H[:, i] = (gradient(up) - gradient(dn)) / (2 * h)
    return (H + H.T) / 2


def hessian_from_gradients(gradients, theta) -> np.ndarray:
    """``hessian_from_gradient`` with ``gradients(points) -> [gradient at each]`` evaluating the
    2k shifted points in one call (the same points, the same columns)."""
    theta = np.asarray(theta, float)
    k = len(theta)
    points, steps = [], []
    for i in range(k):
        h = 1e-5 * max(1.0, abs(theta[i]))
        up, dn = theta.copy(), theta.copy()
        up[i] += h
        dn[i] -= h
        points += [up, dn]
        steps.append(h)
    values = gradients(points)
    H = np.zeros((k, k))
    for i in range(k):
        H[:, i] = (values[2 * i] - values[2 * i + 1]) / (2 * steps[i])
    return (H + H.T) / 2
