"""The Hodrick-Prescott filter of ``tsfilter hp`` ([TS] tsfilter hp): the trend tau minimises
sum (x_t - tau_t)^2 + lambda sum (tau_(t+1) - 2 tau_t + tau_(t-1))^2, so
(I + lambda K'K) tau = x with K the (n-2) x n second-difference matrix; the cycle is x - tau.
Solved as a symmetric banded (pentadiagonal) system."""
from __future__ import annotations

import numpy as np

# tsfilter.ado's default smooth() by the time unit of tsset (Ravn-Uhlig, 1600 per quarter; weekly
# is 1600*12^4 in the ado, not (52/4)^4)
DEFAULT_SMOOTH = {"yearly": 6.25, "monthly": 129600.0, "weekly": 1600.0 * 12 ** 4,
                  "daily": 1600.0 * (365.0 / 4) ** 4, "halfyearly": 100.0}


def default_smooth(unit: str) -> float:
    return DEFAULT_SMOOTH.get(unit, 1600.0)


def hp_trend(x: np.ndarray, smooth: float) -> np.ndarray:
    """The HP trend of a series without gaps or missing values (n >= 3)."""
    from scipy.linalg import solveh_banded

    n = x.size
    d = np.zeros((n - 2, n))
    rows = np.arange(n - 2)
    d[rows, rows], d[rows, rows + 1], d[rows, rows + 2] = 1.0, -2.0, 1.0
    a = np.eye(n) + smooth * (d.T @ d) if n <= 3 else None
    if a is not None:
        return np.linalg.solve(a, x)
    # upper banded form of I + lambda K'K: main diagonal and two superdiagonals
    main = np.full(n, 6.0)
    main[[0, -1]], main[[1, -2]] = 1.0, 5.0
    first = np.full(n - 1, -4.0)
    first[[0, -1]] = -2.0
    second = np.ones(n - 2)
    banded = np.zeros((3, n))
    banded[2] = 1.0 + smooth * main
    banded[1, 1:] = smooth * first
    banded[0, 2:] = smooth * second
    return solveh_banded(banded, x)
