"""The band-pass filters of ``tsfilter bk`` and ``tsfilter cf``.

The Baxter-King filter of ``tsfilter bk`` ([TS] tsfilter bk): the ideal band-pass
weights b_0 = 2/pl - 2/ph, b_j = (sin(2 pi j/pl) - sin(2 pi j/ph)) / (pi j), truncated at lag K
and shifted by a common amount so that b_0 + 2 sum b_j = 0 (the filter removes a unit root); the
cycle at t is sum_(j=-K..K) B_|j| x_(t-j), missing for the first and last K periods."""
from __future__ import annotations

import numpy as np


def bk_weights(minperiod: float, maxperiod: float, order: int) -> np.ndarray:
    """B_0 .. B_K."""
    j = np.arange(1, order + 1)
    b = np.concatenate([[2 / minperiod - 2 / maxperiod],
                        (np.sin(2 * np.pi * j / minperiod) - np.sin(2 * np.pi * j / maxperiod)) / (np.pi * j)])
    return b - (b[0] + 2 * b[1:].sum()) / (2 * order + 1)


def bk_cycle(x: np.ndarray, weights: np.ndarray) -> np.ndarray:
    order = weights.size - 1
    full = np.concatenate([weights[::-1], weights[1:]])
    out = np.full(x.size, np.nan)
    if x.size >= 2 * order + 1:
        out[order: x.size - order] = np.convolve(x, full, mode="valid")
    return out


def cf_cycle(x: np.ndarray, minperiod: float, maxperiod: float, drift: bool) -> np.ndarray:
    """Christiano-Fitzgerald's asymmetric filter for a random walk (with ``drift`` the series'
    drift, (x_T - x_1)/(T - 1) a period, is removed first): c_t = B_0 x_t + sum of B_j over the
    values inside the sample but the two ends, whose weights B~ make each row sum to zero."""
    n = x.size
    t = np.arange(n)
    if drift:
        x = x - t * (x[-1] - x[0]) / (n - 1)
    a, b = 2 * np.pi / maxperiod, 2 * np.pi / minperiod
    j = np.arange(1, n)
    weights = np.concatenate([[(b - a) / np.pi], (np.sin(j * b) - np.sin(j * a)) / (np.pi * j)])
    out = np.empty(n)
    for i in range(n):
        row = weights[np.abs(t - i)].copy()
        if n > 1:
            if i == 0:
                row[-1] = -(weights[0] / 2 + weights[1:n - 1].sum())
                row[0] = -(row[1:].sum())
            elif i == n - 1:
                row[0] = -(weights[0] / 2 + weights[1:n - 1].sum())
                row[-1] = -(row[:-1].sum())
            else:
                row[-1] = -(weights[0] / 2 + weights[1:n - 1 - i].sum())
                row[0] = -(weights[0] / 2 + weights[1:i].sum())
        out[i] = row @ x
    return out
