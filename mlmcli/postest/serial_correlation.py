"""Tests for serial correlation of regress's residuals on tsset data ([R] regress
postestimation time series): pure numbers over the test's sample, rows in any order, the lags
taken by time value (``time_series_ops``) so that a gap gives a missing lag.

    Durbin-Watson   d = sum_t (e_t - e_{t-1})^2 / sum_t e_t^2, the numerator over the rows
                    whose lag is in the sample (dwstat.ado).
    Breusch-Godfrey e on e_{t-1} ... e_{t-p} and the model's regressors (its constant or not),
                    missing lags set to 0 unless ``nomiss0`` (then those rows are left out):
                    chi2 = N R2 on p df; ``small``: F = N R2 / p on (p, df_r) (bgodfrey.ado).
    Durbin's alternative  the same regression (``robust``: with the robust VCE) and the Wald F
                    of the lags: chi2 = p F on p df; ``small``: F on (p, df_r) (durbina.ado).
"""
from __future__ import annotations

import numpy as np

from mlmcli import distributions as stats
from mlmcli.collinear_columns import independent_candidates
from mlmcli.errors import StataError
from mlmcli.ols import fit_ols
from mlmcli.results.regress_diagnostics import SerialTestRow


def durbin_watson(e: np.ndarray, e_lag: np.ndarray) -> float:
    """d from the residuals and their first lag (NaN where the lag is not in the sample)."""
    known = ~np.isnan(e_lag)
    with np.errstate(over="ignore", invalid="ignore"):  # residuals near 1e307: sums past the largest double
        total = float(np.sum(e * e))
        top = float(np.sum((e[known] - e_lag[known]) ** 2))
    # a perfect fit (0/0) or a sum past the largest double: missing, as in dwatson.ado
    return top / total if 0 < total < np.inf and top < np.inf else float("nan")


def count_gaps(in_sample: np.ndarray, lag_in_sample: np.ndarray) -> int:
    """tsreport's gaps: sample rows whose previous period is not in the sample, but for the
    first sample row (both over the rows of the data)."""
    return max(int(np.sum(in_sample & ~lag_in_sample)) - 1, 0)


def _auxiliary(e, lags, X, constant, fill_zero, robust=False):
    """(fit, number of lag columns kept, the kept lags' positions in b) of e on lags and X."""
    L = np.where(np.isnan(lags), 0.0, lags) if fill_zero else lags
    rows = ~np.any(np.isnan(L), axis=1)
    C = np.column_stack([L[rows], X[rows]])
    keep = independent_candidates(C, constant)
    q = int(keep[:lags.shape[1]].sum())
    design = C[:, keep]
    if constant:
        design = np.column_stack([design, np.ones(design.shape[0])])
    if design.shape[0] <= design.shape[1]:  # nomiss0 on a sample with gaps: the auxiliary regress's errors
        raise StataError("no observations" if design.shape[0] == 0 else "insufficient observations",
                         2000 if design.shape[0] == 0 else 2001)
    fit = fit_ols(e[rows], design, constant=constant, vce="robust" if robust else "ols")
    return fit, q


def breusch_godfrey(e: np.ndarray, lags: np.ndarray, X: np.ndarray, constant: bool,
                    fill_zero: bool = True, small: bool = False) -> SerialTestRow:
    """The LM test of order ``lags.shape[1]`` (module docstring)."""
    p = lags.shape[1]
    fit, _ = _auxiliary(e, lags, X, constant, fill_zero)
    lm = fit.N * fit.r2
    if small:
        F = lm / p
        return SerialTestRow(p, float(F), p, float(fit.df_r), float(stats.f.sf(F, p, fit.df_r)))
    return SerialTestRow(p, float(lm), p, None, float(stats.chi2.sf(lm, p)))


def durbin_alternative(e: np.ndarray, lags: np.ndarray, X: np.ndarray, constant: bool,
                       fill_zero: bool = True, small: bool = False, robust: bool = False) -> SerialTestRow:
    """Durbin's alternative test of order ``lags.shape[1]`` (module docstring)."""
    p = lags.shape[1]
    fit, q = _auxiliary(e, lags, X, constant, fill_zero, robust=robust)
    b, V = fit.b[:q], fit.V[:q, :q]
    F = float(b @ np.linalg.solve(V, b) / q)
    if small:
        return SerialTestRow(p, F, q, float(fit.df_r), float(stats.f.sf(F, q, fit.df_r)))
    return SerialTestRow(p, F * q, q, None, float(stats.chi2.sf(F * q, q)))
