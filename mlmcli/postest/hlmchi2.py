"""HLM's chi-square test that a random-effect variance is zero (``estat hlmchi2``).

Raudenbush & Bryk (2002, Hierarchical Linear Models, 2nd ed., eq. 3.103):
for random coefficient q with level-2 model beta_qj = gamma_q0 +
sum_s gamma_qs W_sj + u_qj, using only the J' groups whose data allow a
separate OLS fit,

    chi2_q = sum_j (betahat_qj - gammahat_q0 - sum_s gammahat_qs W_sj)^2 / Vhat_qqj,

with betahat_j the group's OLS estimate, Vhat_j = sigmahat^2 (Z_j'Z_j)^-1 and
df = J' - S_q - 1 (S_q level-2 predictors of coefficient q).  Under H0:
tau_qq = 0, chi2_q ~ chi2(df).

In the mixed-model form y = X b + Z u, the bracket is the OLS regression of
group j's fixed-part residual y_j - X_j bhat on Z_j (level-1 covariates with
fixed slopes enter at their estimated values, as HLM does).  S_q counts the
columns of X equal to z_q times a variable constant within groups (the
cross-level interactions; for the intercept, the level-2 variables).
"""
from __future__ import annotations

import numpy as np
from scipy.stats import chi2 as chi2_dist

from mlmcli.results.multilevel_statistics import HLMChi2Result, HLMChi2Row


def level2_predictor_count(X: np.ndarray, z: np.ndarray, group: np.ndarray, tol: float = 1e-9) -> int:
    """Number of X columns of the form z * w with w constant within groups and not constant overall."""
    nz = np.abs(z) > tol
    count = 0
    for c in np.asarray(X, dtype=float).T:
        if np.any(np.abs(c[~nz]) > tol) or not np.any(nz):
            continue
        ratio = c[nz] / z[nz]
        g = group[nz]
        scale = max(1.0, float(np.max(np.abs(ratio))))
        lo = np.full(g.max() + 1, np.inf)
        hi = np.full(g.max() + 1, -np.inf)
        np.minimum.at(lo, g, ratio)
        np.maximum.at(hi, g, ratio)
        present = np.isfinite(lo)
        if np.all(hi[present] - lo[present] <= tol * scale) and np.ptp(ratio) > tol * scale:
            count += 1
    return count


def hlm_chi2(y: np.ndarray, X: np.ndarray, beta: np.ndarray, Z: np.ndarray, group: np.ndarray,
             n_groups: int, sigma2: float, variances, coef_names, levelvar: str) -> HLMChi2Result:
    """chi2_q = sum_j d_qj^2 / (sigma^2 [(Z_j'Z_j)^-1]_qq), d_j = OLS of (y_j - X_j b) on Z_j."""
    y = np.asarray(y, dtype=float)
    X = np.asarray(X, dtype=float).reshape(len(y), -1)
    Z = np.asarray(Z, dtype=float).reshape(len(y), -1)
    q = Z.shape[1]
    r = y - X @ np.asarray(beta, dtype=float)
    ZtZ = np.zeros((n_groups, q, q))
    Ztr = np.zeros((n_groups, q))
    np.add.at(ZtZ, group, Z[:, :, None] * Z[:, None, :])
    np.add.at(Ztr, group, Z * r[:, None])
    counts = np.bincount(group, minlength=n_groups)
    stat = np.zeros(q)
    used = 0
    for j in range(n_groups):
        # a separate OLS fit needs more observations than coefficients
        if counts[j] < q or np.linalg.matrix_rank(ZtZ[j]) < q:
            continue
        inv = np.linalg.inv(ZtZ[j])
        d = inv @ Ztr[j]
        stat += d ** 2 / (sigma2 * np.diag(inv))
        used += 1
    rows = []
    for k in range(q):
        s_q = level2_predictor_count(X, Z[:, k], group)
        df = used - s_q - 1
        p = float(chi2_dist.sf(stat[k], df)) if df > 0 else float("nan")
        rows.append(HLMChi2Row(coef_names[k], float(variances[k]), int(df), float(stat[k]), p, s_q))
    return HLMChi2Result(levelvar, n_groups, used, tuple(rows))
