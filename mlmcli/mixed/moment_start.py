"""Starting values from one-way ANOVA moment estimates, for crossed random intercepts.

For each term k (G_k groups of sizes n_g, a random intercept) and e the least-squares
residuals of y on X (N rows), the one-way ANOVA of e on the term's groups gives

    MSB_k = sum_g n_g (ebar_g - ebar)^2 / (G_k - 1),   MSW_k = sum_g sum_i (e_i - ebar_g)^2 / (N - G_k),
    n0_k = (N - sum_g n_g^2 / N) / (G_k - 1),          tau2_k = max(MSB_k - MSW_k, 0) / n0_k,

and sigma2 = var(e) - sum_k tau2_k (at least 1e-3 var(e)).  The relative standard
deviation theta_k = sqrt(tau2_k / sigma2) (in the scaled metric of ``MixedModel.lambdas``:
a random intercept's column has unit root mean square, so no rescaling) starts the
optimizer near the optimum, instead of theta = 1 and a few trial scalings: on InstEval
(2,972 x 1,128 crossed levels) the start is within 3% of the ML estimate.  Each
term's estimate ignores the other terms (they inflate its MSW), so it is only a start.

Used only where it is cheap and plainly meaningful: every term a random intercept
(Z a column of ones), no weights, a crossed design (nested models start from theta = 1,
whose evaluations cost microseconds).
"""
from __future__ import annotations

import numpy as np

SMALLEST = 0.05  # a start on the zero bound would be a saddle of d (its gradient vanishes)


def moment_start(spec, model) -> np.ndarray | None:
    """theta from ANOVA moment estimates (module docstring), or None where not applicable."""
    if model.nested or spec.group_sums is not None or model.obs_w is not None:
        return None
    if any(w is not None for w in model.group_w) or spec.fweight is not None or spec.pweight is not None:
        return None
    if any(c.q != 1 or c.n_theta != 1 for c in model.covs):
        return None
    y = np.asarray(spec.y, float)
    N = len(y)
    if any(not np.all(np.asarray(t.Z, float) == 1.0) for t in spec.terms):
        return None
    X = model.X
    e = y - X @ np.linalg.lstsq(X, y, rcond=None)[0] if X.shape[1] else y - y.mean()
    ee = float(e @ e)
    total = ee / max(N - 1, 1)
    taus = []
    for t in spec.terms:
        G = t.n_groups
        if G < 2 or N <= G:
            return None
        n = np.bincount(t.group, minlength=G).astype(float)
        s = np.bincount(t.group, weights=e, minlength=G)
        between = float(np.sum(s * s / np.maximum(n, 1.0)))  # sum_g n_g ebar_g^2
        ssb = between - float(e.sum()) ** 2 / N
        msb, msw = ssb / (G - 1), (ee - between) / (N - G)
        n0 = (N - float(n @ n) / N) / (G - 1)
        taus.append(max(msb - msw, 0.0) / n0 if n0 > 0 else 0.0)
    sigma2 = max(total - sum(taus), 1e-3 * total)
    if not (np.isfinite(sigma2) and sigma2 > 0):
        return None
    theta = np.sqrt(np.array(taus) / sigma2)
    if not np.all(np.isfinite(theta)):
        return None
    return np.maximum(theta, SMALLEST)
