"""xttobit's likelihood without a maximum: the uncensored depvar fitted exactly within the
panels (a depvar constant within panels, or y - x b so for some b).  With u_i taking each panel's
level, sigma_e -> 0 sends the density of each panel of two or more observations, and so ln L,
to +inf: Newton-Raphson climbs for ever (Stata's ml runs its c(maxiter) = 16,000 iterations and
reports ``convergence not achieved``).  mlm runs at most ``UNBOUNDED_ITERATE`` of them there by
default (as xtnbreg's own optimiser stops at 300), and ends the same way; a typed iterate(#) or
``set maxiter`` below it is kept.
"""
from __future__ import annotations

import numpy as np

UNBOUNDED_ITERATE = 30
EXACT = 1e-12  # within residual sum of squares below this share of the within sum of squares


def within_fit_exact(data, constant: bool) -> bool:
    """Whether the uncensored observations are fitted exactly within panels (module docstring),
    in a panel with two or more of them.  Censored observations are left out of the judgement:
    those consistent with the panel's level keep ln L unbounded, others bound it (then the fit
    converges within the cap anyway, a converging fit taking a few dozen iterations at most)."""
    from mlmcli.panel.tobit_random_effects import UNCENSORED

    rows = np.asarray(data.kind) == UNCENSORED
    if not np.any(rows):
        return False
    codes = np.unique(np.asarray(data.codes)[rows], return_inverse=True)[1].ravel()
    sizes = np.bincount(codes).astype(float)
    if not np.any(sizes >= 2):
        return False

    def within(v):
        sums = np.zeros((len(sizes),) + v.shape[1:])
        np.add.at(sums, codes, v)
        return v - (sums / sizes.reshape((-1,) + (1,) * (v.ndim - 1)))[codes]

    y = within((np.asarray(data.y, float) - np.asarray(data.offset, float))[rows])
    X = within(np.asarray(data.X, float)[rows])
    with np.errstate(over="ignore"):
        total = float(y @ y)
    if not np.isfinite(total):  # an offset near 1e300: no judgement here, the fit's own checks decide
        return False
    if total == 0.0:
        return True
    if X.shape[1]:
        y = y - X @ np.linalg.lstsq(X, y, rcond=None)[0]
    return float(y @ y) <= EXACT * total
