"""Rubin's rules: M complete-data estimates combined into one (Stata's ``mi estimate``).

With Q_m (k-vector) and U_m (k x k) the estimates and VCE of imputation m = 1..M
([MI] mi estimate, Methods and formulas; Rubin 1987):

    Qbar = (1/M) sum Q_m                        the MI estimate
    W    = (1/M) sum U_m                        within-imputation variance
    B    = 1/(M-1) sum (Q_m - Qbar)(Q_m - Qbar)' between-imputation variance
    T    = W + (1 + 1/M) B                      total variance (posted as e(V))

Per coefficient j: the relative increase in variance r_j = (1 + 1/M) B_jj / W_jj, the
large-sample degrees of freedom nu_L = (M - 1)(1 + 1/r_j)^2 (infinite when B_jj = 0), and,
when the complete-data analysis has nu_c residual degrees of freedom (e(df_r)), Barnard and
Rubin's (1999) small-sample degrees of freedom

    gamma_j = (1 + 1/M) B_jj / T_jj,  nu_obs = nu_c (nu_c + 1) / (nu_c + 3) (1 - gamma_j),
    nu_j = 1 / (1/nu_L + 1/nu_obs).

The fraction of missing information lambda_j = (r_j + 2/(nu_j + 3)) / (1 + r_j), and the
relative efficiency 1 / (1 + lambda_j / M).  Inference for coefficient j uses Student's t
with nu_j degrees of freedom (the normal when nu_j is infinite).

The model test under equal fractions of missing information (Li, Raghunathan and Rubin
1991) of the k coefficients q: rbar = (1 + 1/M) tr(B W^-1) / k, F = q' W^-1 q / (k (1 +
rbar)) on k and nu2 degrees of freedom, t = k (M - 1):
nu2 = 4 + (t - 4)(1 + (1 - 2/t)/rbar)^2 when t > 4, else t (1 + 1/k)(1 + 1/rbar)^2 / 2 (large
sample); with nu_c, Reiter's (2007) small-sample nu2 = 4 + 1/(1/(nu* - 4(1 + a)) + 1/(t - 4)
(a^2 (nu* - 2(1 + a))) / ((1 + a)^2 (nu* - 4(1 + a)))) with a = rbar t / (t - 2) and nu* =
nu_c (nu_c + 1)/(nu_c + 3) (t > 4; the large-sample nu2 otherwise).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Pooled:
    """The combined estimates of M imputations (every array over the k coefficients)."""

    M: int
    b: np.ndarray  # Qbar
    W: np.ndarray  # within
    B: np.ndarray  # between
    T: np.ndarray  # total
    df: np.ndarray  # nu_j (inf when B_jj = 0 in large samples)
    rvi: np.ndarray  # r_j
    fmi: np.ndarray  # lambda_j
    re: np.ndarray  # relative efficiency
    complete_df: float | None  # nu_c: None for the large-sample rules


def pool(estimates, variances, complete_df: float | None = None) -> Pooled:
    """Rubin's rules over lists of M coefficient vectors and M VCEs (module docstring).
    ``complete_df`` (e(df_r) of the complete-data fits) switches on the small-sample df."""
    Q = np.asarray([np.asarray(q, float).ravel() for q in estimates])
    U = np.asarray([np.asarray(u, float) for u in variances])
    M = Q.shape[0]
    if M < 2:
        raise ValueError("Rubin's rules need at least two imputations")
    qbar = Q.mean(axis=0)
    W = U.mean(axis=0)
    dev = Q - qbar
    with np.errstate(over="ignore", invalid="ignore"):  # coefficients near 1e150: Mata's products are missing
        B = dev.T @ dev / (M - 1)
        T = W + (1.0 + 1.0 / M) * B
    B, T = (np.where(np.isinf(m), np.nan, m) for m in (B, T))
    w, bb, t = np.diag(W), np.diag(B), np.diag(T)
    with np.errstate(divide="ignore", invalid="ignore"):
        rvi = np.where(w > 0, (1.0 + 1.0 / M) * bb / w, 0.0)
        df_large = np.where(rvi > 0, (M - 1) * (1.0 + 1.0 / rvi) ** 2, np.inf)
        if complete_df is not None and math.isfinite(complete_df):
            nu_c = float(complete_df)
            gamma = np.where(t > 0, (1.0 + 1.0 / M) * bb / t, 0.0)
            df_obs = nu_c * (nu_c + 1.0) / (nu_c + 3.0) * (1.0 - gamma)
            df = 1.0 / (1.0 / df_large + 1.0 / df_obs)
        else:
            df = df_large
        fmi = np.where(np.isfinite(df), (rvi + 2.0 / (df + 3.0)) / (1.0 + rvi), rvi / (1.0 + rvi))
    re = 1.0 / (1.0 + fmi / M)
    return Pooled(M, qbar, W, B, T, df, rvi, fmi, re, complete_df)


def header_summary(pooled: Pooled) -> dict:
    """The header of an mi estimate table over the estimable coefficients (T_jj > 0): average
    RVI, largest FMI and the smallest, average (inf when any is infinite) and largest df."""
    estimable = np.diag(pooled.T) > 0
    dfs = pooled.df[estimable]
    finite = dfs[np.isfinite(dfs)]
    return {"rvi_avg": float(pooled.rvi[estimable].mean()) if estimable.any() else 0.0,
            "fmi_max": float(pooled.fmi[estimable].max()) if estimable.any() else 0.0,
            "df_min": float(dfs.min()) if dfs.size else math.nan,
            "df_avg": float(finite.mean()) if finite.size == dfs.size and dfs.size else math.inf,
            "df_max": float(dfs.max()) if dfs.size else math.nan}


@dataclass(frozen=True)
class ModelTest:
    """The equal-FMI F test that the tested coefficients are all zero."""

    F: float
    df1: int
    df2: float
    p: float


def equal_fmi_test(pooled: Pooled, tested) -> ModelTest | None:
    """Li, Raghunathan and Rubin's F test of ``tested`` (indices into b) = 0 (module
    docstring); None when nothing is tested."""
    from mlmcli import distributions as stats

    idx = [int(i) for i in tested]
    k = len(idx)
    if k == 0:
        return None
    M = pooled.M
    W = pooled.W[np.ix_(idx, idx)]
    B = pooled.B[np.ix_(idx, idx)]
    q = pooled.b[idx]
    W_inv = np.linalg.pinv(W)
    rbar = (1.0 + 1.0 / M) * float(np.trace(B @ W_inv)) / k
    F = float(q @ W_inv @ q) / (k * (1.0 + rbar))
    t = k * (M - 1)
    if rbar <= 0:
        df2 = math.inf
    elif t > 4:
        df2 = 4.0 + (t - 4.0) * (1.0 + (1.0 - 2.0 / t) / rbar) ** 2
    else:
        df2 = t * (1.0 + 1.0 / k) * (1.0 + 1.0 / rbar) ** 2 / 2.0
    nu_c = pooled.complete_df
    if nu_c is not None and math.isfinite(nu_c) and t > 4 and rbar > 0:
        a = rbar * t / (t - 2.0)
        nu_star = nu_c * (nu_c + 1.0) / (nu_c + 3.0)
        denom = nu_star - 4.0 * (1.0 + a)
        if denom > 0:
            df2 = 4.0 + 1.0 / (1.0 / denom + (a * a * (nu_star - 2.0 * (1.0 + a)))
                               / ((t - 4.0) * (1.0 + a) ** 2 * denom))
    p = float(stats.f.sf(F, k, df2)) if math.isfinite(df2) else float(stats.chi2.sf(F * k, k))
    return ModelTest(F, k, df2, p)


def coefficient_inference(pooled: Pooled, level: float = 95.0):
    """Per coefficient: (se, t, p, ci_lo, ci_hi) with Student's t on nu_j degrees of freedom
    (the normal where nu_j is infinite); NaN where the total variance is zero."""
    from mlmcli import distributions as stats

    se = np.sqrt(np.maximum(np.diag(pooled.T), 0.0))
    prob = 0.5 + level / 200.0
    out = []
    for j, s in enumerate(se):
        b, nu = float(pooled.b[j]), float(pooled.df[j])
        if not (s > 0 and math.isfinite(s)):
            out.append((float(s) if s == 0 else math.nan, math.nan, math.nan, math.nan, math.nan))
            continue
        tval = b / s
        if math.isfinite(nu):
            p, crit = 2.0 * float(stats.t.sf(abs(tval), nu)), float(stats.t.ppf(prob, nu))
        else:
            p, crit = 2.0 * float(stats.norm.sf(abs(tval))), float(stats.norm.ppf(prob))
        out.append((float(s), tval, p, b - crit * s, b + crit * s))
    return out
