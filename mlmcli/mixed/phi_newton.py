"""Newton steps in Stata's metric phi for a mixed model with a residuals() structure
(``residual_fit.StructuredResidualModel``, ``model`` below) when no exact gradient is at hand:
the gradient and Hessian are central differences of ``model.loglik_phi``, each value computed
once.  ``panel_gls.newton_in_phi`` is the exact-gradient route of the panel GLS models.
"""
from __future__ import annotations

import numpy as np

from .optimizer import hessian
from .phi_hessian import phi_steps


def newton_in_phi_by_values(model, phi: np.ndarray, ll: float):
    """Newton steps on the (RE)ML log likelihood in Stata's metric from the optimiser's
    answer: in theta a correlation structure can leave the deviance flat or non-convex
    (e.g. an exponential rho near 0), while in phi the Hessian is the information matrix
    used for the standard errors.  Returns (phi, loglik, Hessian over the finite entries)."""
    finite = np.flatnonzero(np.isfinite(phi))
    seen: dict[bytes, float] = {}  # the gradient's points are the Hessian's f(z +- h e_i)

    def f(z):
        key = np.asarray(z, float).tobytes()
        if key not in seen:
            x = phi.copy()
            x[finite] = z
            seen[key] = model.loglik_phi(x)
        return seen[key]
    H, moved = None, False
    for _ in range(6):
        z = phi[finite]
        steps = phi_steps(z)
        H = hessian(f, z, steps, ll)
        g = np.array([(f(z + e) - f(z - e)) / (2 * h) for e, h in zip(np.diag(steps), steps)])
        try:
            np.linalg.cholesky(-H)
            step = np.linalg.solve(-H, g)
        except np.linalg.LinAlgError:
            break
        moved = False
        for t in (1.0, 0.5, 0.25):
            cand = f(z + t * step)
            if cand > ll + 1e-12 * max(1.0, abs(ll)):
                phi = phi.copy()
                phi[finite] = z + t * step
                ll, moved = cand, True
                break
        if not moved or np.all(np.abs(step) < 1e-8 * (1 + np.abs(z))):
            break
    if H is None or not moved:
        return phi, ll, H
    return phi, ll, hessian(f, phi[finite], phi_steps(phi[finite]), ll)
