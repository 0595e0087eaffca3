"""The Baxter-King band-pass filter of ``tsfilter bk`` ([TS] tsfilter bk): the ideal band-pass
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
