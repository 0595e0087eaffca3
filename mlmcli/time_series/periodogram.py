"""The sample periodogram and spectral distribution as pergram.ado 1.3.2 and cumsp.ado 1.3.1
(Stata 16 tree) compute them, for a dense series x_1..x_n in time order.

    X_k   = sum_t (x_t - xbar) exp(-2 pi i (k - 1)(t - 1)/n)    (the unnormalized DFT, k = 1..n)
    raw_k = |X_k|^2                                             (pergram's generate())
    pg_k  = ln(raw_k / sum_t (x_t - xbar)^2), clipped to [-6, 6] (ln 0: missing)
    omega_k = (k - 1)/n
    F_k   = sum_{j<=k} raw_j / sum_{omega_j <= .5} raw_j        (cumsp)

raw_k / sum (x - xbar)^2 = I(omega_k) / s^2 with I = |X|^2/n and s^2 = sum (x - xbar)^2/n: the
log-standardized periodogram of [TS] pergram.  Stata's own fft normalization is not documented;
this one is what makes the ado's fixed -6..6 scale centre on 0 for white noise (decided without
a published value to check against).
"""
from __future__ import annotations

import numpy as np


def periodogram(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(omega, raw, pg) of the series ``x`` (no missing values)."""
    n = x.size
    xm = x - x.mean()
    raw = np.abs(np.fft.fft(xm)) ** 2
    r0 = float(xm @ xm)
    with np.errstate(divide="ignore", invalid="ignore"):
        pg = np.log(raw / r0) if r0 else np.full(n, np.nan)
    pg = np.where(np.isfinite(pg), np.clip(pg, -6, 6), np.nan)
    return np.arange(n) / n, raw, pg


def spectral_distribution(raw: np.ndarray, omega: np.ndarray) -> np.ndarray:
    """cumsp's F_k: the running sum of the raw periodogram over the frequencies up to .5's total."""
    total = float(raw[omega <= .5].sum())
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.cumsum(raw) / total if total else np.full(raw.size, np.nan)
