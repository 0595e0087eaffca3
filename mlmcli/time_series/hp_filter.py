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


# tsfilter.ado's default maxperiod() of tsfilter bw: 8 years in the tsset unit, otherwise 32
BUTTERWORTH_MAXPERIOD = {"yearly": 8.0, "monthly": 96.0, "weekly": 416.0, "daily": 2920.0, "halfyearly": 16.0}


class IllConditioned(ValueError):
    """The Butterworth system is numerically singular (large maxperiod() or order())."""


def butterworth_cycle(x: np.ndarray, maxperiod: float, order: int) -> np.ndarray:
    """The cycle of ``tsfilter bw`` ([TS] tsfilter bw, Pollock 2000): with D the (n-m) x n matrix of
    m-th differences, S the dispersion of (1+L)^m white noise (entries C(2m, m+|i-j|)) and
    lambda = tan(pi/maxperiod)^(-2m), c = lambda D' (S + lambda D D')^(-1) D x."""
    import warnings
    from math import comb

    from scipy.linalg import LinAlgWarning, solve

    top = float(np.max(np.abs(x))) if x.size else 0.0
    if np.isfinite(top) and top > 2.0 ** 480:  # linear in x: filtered as x / 2^j (exact), scaled back
        k = np.ldexp(1.0, min(int(np.frexp(top)[1]), 1023))
        with np.errstate(over="ignore", invalid="ignore"):
            out = butterworth_cycle(x / k, maxperiod, order) * k
        return np.where(np.abs(out) <= 8.988465674311579e307, out, np.nan)
    n, m = x.size, order
    with np.errstate(over="ignore", divide="ignore"):
        lam = np.tan(np.pi / maxperiod) ** (-2 * m)
    if not np.isfinite(lam):  # maxperiod() near 1e300: lambda past the largest double
        raise IllConditioned
    taps = np.array([(-1) ** (m - k) * comb(m, k) for k in range(m + 1)], float)
    d = np.zeros((n - m, n))
    for i in range(n - m):
        d[i, i: i + m + 1] = taps
    lag = np.abs(np.subtract.outer(np.arange(n - m), np.arange(n - m)))
    sigma = np.where(lag <= m, np.array([comb(2 * m, m + k) if k <= m else 0 for k in range(n)], float)[lag], 0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", LinAlgWarning)
        try:
            # scaled by the larger of 1 and lambda: lambda grows as tan(pi/maxperiod)^(-2m)
            scale = max(lam, 1.0)
            inner = solve(sigma / scale + (lam / scale) * (d @ d.T), d @ x, assume_a="pos")
        except (LinAlgWarning, np.linalg.LinAlgError, ValueError):
            raise IllConditioned from None
    return (lam / max(lam, 1.0)) * (d.T @ inner)
