"""Sun and Abraham's (2021) interaction-weighted (IW) event-study estimator as
eventstudyinteract.ado 0.1 (24jan2022, Liyang Sun) computes it, given the interacted
regression's estimates (``eventstudyinteract``: reghdfe of y on the cohort x relative-time
interactions).  C cohorts (the ado's ``levelsof cohort if control_cohort == 0``), R relative-time
indicators D (0 for the control cohort).

1. Cohort shares: on the rows of the sample outside the control cohort, each cohort's indicator
   regressed on D without a constant; the coefficients are ff_w (C x R), their residuals e_c.
2. Their variance, the ado's avar step: with S = (1/N) sum (e ⊗ d)(e ⊗ d)' (e the C residuals
   of a row, d its indicators; cohort-major order) and Sxx = D'D / N,
   Sigma_ff = (I_C ⊗ Sxx^-1) S (I_C ⊗ Sxx^-1) / N   (syminv: a dependent column's rows and
   columns are zero).
3. IW: b_iw[r] = sum_c ff_w[c, r] delta[c, r] (delta the C x R interaction estimates), and
   V_iw = W V W' + the share term delta[:, i]' Sigma_ff[(c, i), (c, j)] delta[:, j], W the
   R x (R C) weights matrix over the interactions (relative-time-major, as the regression has
   them), V their covariance block.

Engines never print.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class CohortShares:
    weights: np.ndarray      # ff_w, C x R
    vcv: np.ndarray          # Sigma_ff, (C R) x (C R), cohort-major


def symmetric_inverse(A: np.ndarray) -> np.ndarray:
    """Stata's syminv(): the inverse over the columns kept in order (a column dependent on the
    ones before it gets zero rows and columns)."""
    from mlmcli.collinear_columns import independent_columns

    keep = independent_columns(A)
    out = np.zeros_like(A, dtype=float)
    if keep.any():
        out[np.ix_(keep, keep)] = np.linalg.inv(A[np.ix_(keep, keep)])
    return out


def cohort_shares(D: np.ndarray, cohort_codes: np.ndarray, n_cohorts: int) -> CohortShares:
    """D: the relative-time indicators on the share rows (the sample outside the control
    cohort); cohort_codes: 0..C-1 per row, -1 for a row of no listed cohort."""
    N, R = D.shape
    XX = D.T @ D
    XXi = symmetric_inverse(XX)
    ind = (cohort_codes[:, None] == np.arange(n_cohorts)[None, :]).astype(float)   # N x C
    weights = (XXi @ (D.T @ ind)).T                                                # C x R
    resid = ind - D @ weights.T                                                    # N x C
    scores = (resid[:, :, None] * D[:, None, :]).reshape(N, n_cohorts * R)       # e ⊗ d
    S = scores.T @ scores / N
    Sxxi = symmetric_inverse(XX / N)
    K = np.kron(np.eye(n_cohorts), Sxxi)
    return CohortShares(weights=weights, vcv=K @ S @ K / N)


def interaction_weighted(shares: CohortShares, delta: np.ndarray, V_interactions: np.ndarray) -> tuple:
    """(b_iw (R,), V_iw (R x R)) from delta (C x R) and the interactions' covariance
    (R C x R C, relative-time-major)."""
    w = shares.weights
    C, R = w.shape
    b_iw = np.sum(w * delta, axis=0)
    W = np.zeros((R, R * C))
    for r in range(R):
        W[r, r * C:(r + 1) * C] = w[:, r]
    with np.errstate(all="ignore"):  # effects near the double range: products past it are missing
        V = W @ V_interactions @ W.T
        for i in range(R):
            for j in range(i + 1):
                idx_i = np.arange(C) * R + i
                idx_j = np.arange(C) * R + j
                V[i, j] += delta[:, i] @ shares.vcv[np.ix_(idx_i, idx_j)] @ delta[:, j]
    V = np.where(np.isfinite(V), V, np.nan)
    lower = np.tril(V)
    return b_iw, lower + np.tril(V, -1).T
