"""Sosa-Escudero and Bera's tests for the one-way error-component model with first-order serial
correlation, y_it = X_it b + u_i + v_it, v_it = lambda v_i,t-1 + e_it (``xttest1`` after
``xtreg, re``; xttest1.ado of 10/8/2006, the unbalanced-panel version of STB-61 sg164).

With e the pooled OLS residuals on the estimation rows, N = e(N) rows in n = e(N_g) panels of
sizes T_i (a = sum T_i^2):

    A = 1 - sum_i (sum_t e_it)^2 / sum e^2          B = sum_t e_it e_i,t-1 / sum_{t>first} e_it^2
    LM(Var(u)=0)   = N^2 A^2 / (2 (a - N))           LM(lambda=0) = N^2 B^2 / (N - n)
    ALM(Var(u)=0)  = N^2 (A + 2B)^2 / (2 (a - 3N + 2n))
    ALM(lambda=0)  = LM(lambda=0) - LM(Var(u)=0) + ALM(Var(u)=0)
    LM(joint)      = LM(Var(u)=0) + ALM(lambda=0)
    one-sided:  -sqrt(N^2 / (2 (a - N))) A,   -sqrt(N^2 / (2 (a - 3N + 2n))) (A + 2B)

As the ado reads the data: e_i,t-1 is the residual of the same panel at t - delta (L.e: missing
when that row is out of the sample), and the "first" row whose e^2 leaves the denominator of B is
each panel's first row in memory, in the sample or not.  Engines never print.
"""
from __future__ import annotations

import numpy as np

from mlmcli.results.panel import ErrorComponentStatistics


def panel_gaps(panel: np.ndarray, time: np.ndarray, delta: float, rows: np.ndarray) -> bool:
    """True when a row of ``rows`` lies strictly inside its panel's time range (over all rows)
    and no row of the panel is at t - delta (the ado's ``panel has gaps`` check)."""
    seen = set(zip(panel.tolist(), time.tolist()))
    ok = ~np.isnan(time)
    first, last = {}, {}
    for p, t in zip(panel[ok].tolist(), time[ok].tolist()):
        first[p] = min(first.get(p, t), t)
        last[p] = max(last.get(p, t), t)
    for i in np.flatnonzero(rows & ok):
        p, t = panel[i], time[i]
        if first[p] < t < last[p] and (p, t - delta) not in seen:
            return True
    return False


def error_component_tests(resid: np.ndarray, panel: np.ndarray, time: np.ndarray, delta: float,
                          sample: np.ndarray, n_obs: int, n_groups: int) -> ErrorComponentStatistics:
    """The statistics from the pooled OLS residuals ``resid`` (NaN off the sample), over all rows
    of the data with their panel and time (rows in any order)."""
    with np.errstate(all="ignore"):  # residuals near the double range: sums past it are missing
        stats = _statistics(resid, panel, time, delta, sample, n_obs, n_groups)
    return ErrorComponentStatistics(**{k: (float(v) if np.isfinite(v) else np.nan) for k, v in stats.items()})


def _statistics(resid, panel, time, delta, sample, n_obs, n_groups) -> dict:
    order = np.lexsort((time, panel))
    e, p, t, s = resid[order], panel[order], time[order], sample[order]
    e0 = np.where(np.isnan(e), 0.0, e)
    starts = np.r_[True, p[1:] != p[:-1]]
    panel_index = np.cumsum(starts) - 1
    sums = np.bincount(panel_index, weights=e0)
    ss = float(np.sum(e0 * e0))
    A = 1.0 - float(np.sum(sums ** 2)) / ss
    # L.e: the residual of the row at t - delta in the same panel (rows sorted, so the previous row)
    prev_ok = ~starts & np.r_[False, np.isclose(t[1:] - t[:-1], delta)]
    lag = np.where(prev_ok, np.r_[np.nan, e[:-1]], np.nan)
    cross = np.nansum(e * lag)
    ss_after_first = float(np.sum(np.where(starts, 0.0, e0 * e0)))
    B = float(cross) / ss_after_first
    sizes = np.bincount(panel_index, weights=s.astype(float))
    a = float(np.sum(sizes ** 2))
    m, nn = float(n_obs), float(n_groups)
    lm_re = 0.5 * m * m * A * A / (a - m)
    lm_sc = m * m * B * B / (m - nn)
    alm_re = m * m * (A + 2 * B) ** 2 / (2 * (a - 3 * m + 2 * nn))
    alm_sc = lm_sc - lm_re + alm_re
    return dict(
        lm_re=lm_re, alm_re=alm_re, lm_sc=lm_sc, alm_sc=alm_sc, lm_joint=lm_re + alm_sc,
        lm_re_one=-np.sqrt(0.5 * m * m / (a - m)) * A,
        alm_re_one=-np.sqrt(m * m / (2 * (a - 3 * m + 2 * nn))) * (A + 2 * B))


def p_values(s: ErrorComponentStatistics) -> dict:
    """Each statistic's p-value as the ado computes it: chiprob(1, .), chiprob(2, .) for the
    joint test, 1 - normprob(.) for the one-sided ones."""
    from mlmcli import distributions as dist

    out = {name: float(dist.chi2.sf(getattr(s, name), 1)) for name in ("lm_re", "alm_re", "lm_sc", "alm_sc")}
    out["lm_joint"] = float(dist.chi2.sf(s.lm_joint, 2))
    out["lm_re_one"] = float(dist.norm.sf(s.lm_re_one))
    out["alm_re_one"] = float(dist.norm.sf(s.alm_re_one))
    return out
