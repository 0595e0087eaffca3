"""The Breusch-Pagan LM statistic of cross-sectional independence in a fixed-effects panel
model (Greene 2000, p. 601) that ``xttest2`` (Baum's SSC command, xttest2.ado 1.0.5) computes.

The residuals are laid out one column per panel, one row per time value; only the time values
at which every panel has a residual are used (``mat accum ..., dev noc`` drops the others).
With C the matrix of cross products of the columns' deviations from their means on those rows
and R = corr(C): LM = (trace(R R') - N) * T_min / 2 on N (N - 1) / 2 degrees of freedom, N
the model's panels and T_min its smallest panel (e(N_g), e(g_min) -- not the rows used).  No
complete row is "too few common observations" (r(2000)); |det C| < 1e-37 is a singular
matrix (r(131)) -- always so when the panels outnumber the complete time values.

Also xtcsd's CD and Friedman statistics of residuals and xtcdf's CD of variables (pairs with
fewer than 3 common time values set aside)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError


@dataclass(frozen=True)
class CrossSectionLM:
    panels: tuple[float, ...]   # the panel ids, sorted (the columns of corr)
    corr: np.ndarray            # N x N
    lm: float
    df: int
    p: float
    n_complete: int             # time values used


def breusch_pagan_lm(resid, panel, time, n_groups: int, g_min: int) -> CrossSectionLM:
    from scipy import stats

    resid, panel, time = (np.asarray(a, float) for a in (resid, panel, time))
    ids, col = np.unique(panel, return_inverse=True)
    times, row = np.unique(time, return_inverse=True)
    wide = np.full((len(times), len(ids)), np.nan)
    wide[row, col] = resid
    complete = wide[~np.isnan(wide).any(axis=1)]
    if complete.shape[0] == 0:
        raise StataError("\nError: too few common observations across panel.", 2000)
    dev = complete - complete.mean(axis=0)
    cross = dev.T @ dev
    if abs(np.linalg.det(cross)) < 1.0e-37:
        raise StataError("\nCorrelation matrix of residuals is singular.", 131)
    sd = np.sqrt(np.diag(cross))
    corr = cross / np.outer(sd, sd)
    df = n_groups * (n_groups - 1) // 2
    lm = float((np.trace(corr @ corr.T) - n_groups) * g_min / 2)
    return CrossSectionLM(tuple(ids), corr, lm, df, float(stats.chi2.sf(lm, df)), complete.shape[0])


@dataclass(frozen=True)
class CrossSectionCD:
    """xtcsd's statistics (De Hoyos and Sarafidis's SSC command, xtcsd.ado 1.1.1)."""

    statistic: float            # Pesaran's CD or Friedman's R_ave statistic
    p: float
    mean_abs: float             # average |rho_ij| over the pairs i < j (option abs)


def _wide(resid, panel, time) -> np.ndarray:
    """Residuals laid out one column per panel, one row per time value (NaN where absent)."""
    resid, panel, time = (np.asarray(a, float) for a in (resid, panel, time))
    _, col = np.unique(panel, return_inverse=True)
    _, row = np.unique(time, return_inverse=True)
    wide = np.full((row.max() + 1, col.max() + 1), np.nan)
    wide[row, col] = resid
    return wide


def _mean_off_diagonal(m: np.ndarray) -> float:
    n = m.shape[0]
    return float((m.sum() - np.trace(m)) / 2 * 2 / (n * (n - 1)))


def pesaran_cd(resid, panel, time) -> CrossSectionCD:
    """CD = sqrt(2 / (N (N-1))) * sum_{i<j} sqrt(T_ij) rho_ij, rho_ij the correlation of panels i
    and j over their T_ij common time values (Pesaran 2004; xtcsd's unbalanced form), two-sided
    normal p-value.  A pair with no or only two common time values is xtcsd's error 2001."""
    from scipy import stats

    wide = _wide(resid, panel, time)
    n = wide.shape[1]
    rho = np.ones((n, n))
    weighted = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            both = ~np.isnan(wide[:, i]) & ~np.isnan(wide[:, j])
            t = int(both.sum())
            if t in (0, 2):
                raise StataError("Error: The panel is highly unbalanced.\nNot enough common observations "
                                 "across panel to perform Pesaran's test.", 2001)
            with np.errstate(all="ignore"):
                rho[i, j] = np.corrcoef(wide[both, i], wide[both, j])[0, 1] if t > 1 else np.nan
            weighted[i, j] = rho[i, j] * np.sqrt(t)
    cd = float(np.sqrt(2 / (n * (n - 1))) * (weighted.sum() - np.trace(weighted)) / 2)
    return CrossSectionCD(cd, float(2 * stats.norm.sf(abs(cd))), _mean_off_diagonal(np.abs(rho)))


def friedman_ave(resid, panel, time, g_min: int) -> CrossSectionCD:
    """Friedman's statistic as xtcsd computes it: over the time values at which every panel has
    a residual, R_ave = the mean Spearman correlation of the pairs i < j and
    FR = (T - 1)((N - 1) R_ave + 1), T = e(g_min), referred to chi-squared with N - 1 df."""
    from scipy import stats

    wide = _wide(resid, panel, time)
    complete = wide[~np.isnan(wide).any(axis=1)]
    n = wide.shape[1]
    if complete.shape[0] < 2:
        raise StataError("no observations", 2000)
    ranks = np.apply_along_axis(stats.rankdata, 0, complete)
    with np.errstate(all="ignore"):
        spearman = np.corrcoef(ranks, rowvar=False)
        pearson = np.corrcoef(complete, rowvar=False)
    fr = float((g_min - 1) * ((n - 1) * _mean_off_diagonal(spearman) + 1))
    return CrossSectionCD(fr, float(stats.chi2.sf(fr, n - 1)), _mean_off_diagonal(np.abs(pearson)))


@dataclass(frozen=True)
class PairwiseCD:
    """xtcdf's statistics of one variable (Wursten's SSC command, xtcdf.ado 1.0.0)."""

    cd: float                   # Pesaran's CD over the pairs with 3 or more common time values
    p: float                    # two-sided normal p-value
    mean_t: float               # the mean number of common time values of the pairs used
    mean_rho: float             # the mean correlation, the skipped pairs counted as 0
    mean_abs_rho: float         # the mean absolute correlation, likewise
    skipped: int                # pairs with fewer than 3 common time values


def _mean_of_nonmissing(values) -> float:
    """Mata's mean() over the nonmissing values: missing when there are none (every pair's
    correlation missing, e.g. a constant variable), not numpy's empty-slice warning."""
    kept = values[~np.isnan(values)]
    return float(kept.mean()) if kept.size else float("nan")


def xtcdf_statistics(values, panel, time) -> PairwiseCD:
    """xtcdf's calcCD(): the variable laid out one column per panel over the time values; for
    each pair i < j its T_ij common nonmissing time values and, when T_ij >= 3, the correlation
    rho_ij (a panel constant over them gives no correlation, missing); a pair with T_ij < 3 counts
    with rho = 0 and T = 0.  CD = sum sqrt(T_ij) rho_ij / sqrt(pairs used), the mean T over the
    pairs used, the means of rho and |rho| over all pairs (missing correlations left out, as
    Mata's mean())."""
    from scipy import stats

    wide = _wide(values, panel, time)
    n = wide.shape[1]
    rhos, ts = [], []
    present = ~np.isnan(wide)
    for i in range(n):
        for j in range(i + 1, n):
            both = present[:, i] & present[:, j]
            t = int(both.sum())
            if t < 3:
                rhos.append(0.0)
                ts.append(0)
                continue
            a, b = wide[both, i], wide[both, j]
            da, db = a - a.mean(), b - b.mean()
            with np.errstate(all="ignore"):
                rho = float(np.sum(da * db) / np.sqrt(np.sum(da * da) * np.sum(db * db)))
            rhos.append(rho if np.isfinite(rho) else np.nan)
            ts.append(t)
    rho_v, t_v = np.asarray(rhos, float), np.asarray(ts, float)
    skipped = int(np.sum(t_v == 0))
    used = len(rhos) - skipped
    with np.errstate(all="ignore"):
        cd = float(np.sqrt(1.0 / used) * np.sum(np.sqrt(t_v) * rho_v)) if used else float("nan")
        mean_rho = _mean_of_nonmissing(rho_v)
        mean_abs = _mean_of_nonmissing(np.abs(rho_v))
    p = float(2 * stats.norm.sf(abs(cd))) if np.isfinite(cd) else float("nan")
    mean_t = float(t_v[t_v != 0].mean()) if used else float("nan")
    return PairwiseCD(cd, p, mean_t, mean_rho, mean_abs, skipped)
