"""Grambsch and Therneau's test of proportional hazards from the Schoenfeld residuals, as
``estat phtest`` (stphtest.ado) computes it after stcox ([ST] stcox PH-assumption tests;
Grambsch and Therneau 1994, Biometrika 81: 515-526; the formula of survival::cox.zph before 3.0).

On the d failing records of e(sample), g the time function g(_t) (missing g drops a record from
its sums), gbar its mean, G = sum (g - gbar)^2, r the Schoenfeld residuals, s the scaled ones
(b + d V_model r) and V e(V) (the robust variance after a robust fit):
  covariate j   rho_j = corr(s_j, g);  chi2_j = (sum (g - gbar) s_j)^2 / (d V_jj G), 1 df
  global        u = sum (g - gbar) r;  chi2 = u' (d / G) V u, df = e(rank).
Time functions: analysis time _t (the default), log(_t), the rank of _t among the failures
(average ranks for ties), 1 - S(_t-) with S the Kaplan-Meier estimate on e(sample) (left
continuous), or a user's expression.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import chi2 as chi2_dist, rankdata


@dataclass(frozen=True)
class PhTestNumbers:
    rho: np.ndarray      # per covariate (nan where undefined)
    chi2: np.ndarray
    p: np.ndarray
    global_chi2: float
    global_df: int
    global_p: float


def _tail(value: float, df: int) -> float:
    return float(chi2_dist.sf(value, df)) if np.isfinite(value) and value >= 0 else float("nan")


def _correlation(a: np.ndarray, b: np.ndarray) -> float:
    ok = np.isfinite(a) & np.isfinite(b)
    if ok.sum() < 2:
        return float("nan")
    x, y = a[ok] - a[ok].mean(), b[ok] - b[ok].mean()
    denominator = np.sqrt((x @ x) * (y @ y))
    return float(x @ y / denominator) if denominator > 0 else float("nan")


def grambsch_therneau(g: np.ndarray, schoenfeld: np.ndarray, scaled: np.ndarray, V: np.ndarray,
                      failures: int, rank: int) -> PhTestNumbers:
    """The tests of the module docstring; g, schoenfeld and scaled on the failing records."""
    g = np.asarray(g, float)
    used = np.isfinite(g)
    centred = np.where(used, g - (g[used].mean() if used.any() else np.nan), 0.0)
    G = float(centred @ centred)
    V = np.asarray(V, float)
    p = V.shape[0]
    rho, chi2, pval = np.full(p, np.nan), np.full(p, np.nan), np.full(p, np.nan)
    for j in range(p):
        s = np.where(used, scaled[:, j], 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            value = float((centred @ s) ** 2 / (failures * V[j, j] * G))
        chi2[j] = value if np.isfinite(value) else np.nan
        pval[j] = _tail(chi2[j], 1)
        rho[j] = _correlation(scaled[:, j], np.where(used, g, np.nan))
    u = centred @ np.where(used[:, None], schoenfeld, 0.0)
    total = float(u @ (failures / G * V) @ u) if G > 0 else float("nan")
    return PhTestNumbers(rho, chi2, pval, total, int(rank), _tail(total, int(rank)))


def km_transform(t0: np.ndarray, t: np.ndarray, d: np.ndarray, w: np.ndarray) -> np.ndarray:
    """1 - S(t-) at each record's _t: the Kaplan-Meier estimate on these records just before the
    record's time (stphtest's km: sts generate's S at the previous distinct _t, 1 at the first)."""
    times = np.unique(t)
    fail_times = np.unique(t[d != 0])
    at_risk = np.array([w[(t0 < u) & (t >= u)].sum() for u in fail_times])
    deaths = np.array([w[(t == u) & (d != 0)].sum() for u in fail_times])
    with np.errstate(divide="ignore", invalid="ignore"):
        factors = np.where(at_risk > 0, 1 - deaths / at_risk, 1.0)
    surv_after = np.cumprod(factors)  # S at each failure time

    def S(u):
        k = np.searchsorted(fail_times, u, "right")
        return surv_after[k - 1] if k else 1.0
    previous = {u: (S(times[i - 1]) if i else 1.0) for i, u in enumerate(times)}
    return 1 - np.array([previous[u] for u in t])


def time_function(kind: str, t: np.ndarray, failing: np.ndarray, km: np.ndarray | None = None,
                  user: np.ndarray | None = None) -> np.ndarray:
    """g on the failing records: ``time`` | ``log`` | ``rank`` | ``km`` | ``user``."""
    tf = t[failing]
    if kind == "log":
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log(tf)
    if kind == "rank":
        return rankdata(tf)
    if kind == "km":
        return km[failing]
    if kind == "user":
        return np.asarray(user, float)[failing]
    return tf.astype(float)
