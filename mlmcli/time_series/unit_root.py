"""The Dickey-Fuller distribution's critical values and p-values as dfuller.ado (1.3.0) and
pperron.ado (1.0.10) of the Stata 16 tree compute them.

Critical values: Fuller (1976, table 8.5.2) for the t statistic Z(t) and (Fuller's table 8.5.1)
for the normalised bias Z(rho), at T = 25, 50, 100, 250, 500 and infinity, interpolated
linearly in T between the tabulated sizes (the first column up to 25, the last past 500).
Rows: 1%, 5%, 10%.  Cases: 1 no constant, 2 constant, 4 constant and trend (3, dfuller's drift,
uses Student's t on the regression's df).

p-values: MacKinnon's (1994) approximation, Phi(g0 + g1 tau + g2 tau^2 + g3 tau^3) with the
coefficients of his table for one variable, 0 below the table's minimum and 1 above its maximum.
"""
from __future__ import annotations

import numpy as np

from mlmcli.distributions import norm
from mlmcli.distributions import t as t_dist

_SIZES = (25, 50, 100, 250, 500)
ZT = {1: ((-2.66, -2.62, -2.60, -2.58, -2.58, -2.58), (-1.95, -1.95, -1.95, -1.95, -1.95, -1.95),
          (-1.60, -1.61, -1.61, -1.62, -1.62, -1.62)),
      2: ((-3.75, -3.58, -3.51, -3.46, -3.44, -3.43), (-3.00, -2.93, -2.89, -2.88, -2.87, -2.86),
          (-2.63, -2.60, -2.58, -2.57, -2.57, -2.57)),
      4: ((-4.38, -4.15, -4.04, -3.99, -3.98, -3.96), (-3.60, -3.50, -3.45, -3.43, -3.42, -3.41),
          (-3.24, -3.18, -3.15, -3.13, -3.13, -3.12))}
ZRHO = {1: ((-11.9, -12.9, -13.3, -13.6, -13.7, -13.8), (-7.3, -7.7, -7.9, -8.0, -8.0, -8.1),
            (-5.3, -5.5, -5.6, -5.7, -5.7, -5.7)),
        2: ((-17.2, -18.9, -19.8, -20.3, -20.5, -20.7), (-12.5, -13.3, -13.7, -14.0, -14.0, -14.1),
            (-10.2, -10.7, -11.0, -11.2, -11.2, -11.3)),
        4: ((-22.5, -25.7, -27.4, -28.4, -28.9, -29.5), (-17.9, -19.8, -20.7, -21.3, -21.5, -21.8),
            (-15.6, -16.8, -17.5, -18.0, -18.1, -18.3))}
# (tau threshold, (min, max, g0..g3) above it, (min, max, g0..g3) at or below it)
_MACKINNON = {"c": (-1.61, (-9999, 2.74, 1.7339, 0.93202, -0.12745, -0.010368),
                    (-18.83, np.nan, 2.1659, 1.4412, 0.038269, 0.0)),
              "ct": (-2.89, (-9999, 0.70, 2.5261, 0.61654, -0.37956, -0.060285),
                     (-16.18, np.nan, 3.2512, 1.6047, 0.049588, 0.0))}


def interpolated(table, n: float) -> tuple[float, float, float]:
    """The 1%, 5%, 10% values of ``table`` at sample size n."""
    out = []
    for row in table:
        if n <= _SIZES[0]:
            out.append(row[0])
            continue
        if n > _SIZES[-1]:
            out.append(row[-1])
            continue
        j = next(i for i in range(1, len(_SIZES)) if n <= _SIZES[i])
        lo, hi = _SIZES[j - 1], _SIZES[j]
        out.append(row[j - 1] + (n - lo) / (hi - lo) * (row[j] - row[j - 1]))
    return tuple(out)


def dickey_fuller_critical(case: int, n: float, df_r: float | None = None) -> tuple[float, float, float]:
    """Z(t)'s critical values; case 3 (drift): Student's t quantiles on df_r."""
    if case == 3:
        return tuple(float(t_dist.ppf(q, df_r)) for q in (0.01, 0.05, 0.10))
    return interpolated(ZT[case], n)


def mackinnon_p(tau: float, kind: str) -> float:
    """MacKinnon's approximate p-value of tau; kind "c" (constant) or "ct" (constant and trend)."""
    threshold, above, below = _MACKINNON[kind]
    lo, hi, g0, g1, g2, g3 = above if tau > threshold else below
    if tau < lo:
        return 0.0
    if not np.isnan(hi) and tau > hi:
        return 1.0
    return float(norm.cdf(g0 + g1 * tau + g2 * tau ** 2 + g3 * tau ** 3))


# dfgls.ado (1.1.1): Elliott, Rothenberg and Stock (1996, table 1c) for the detrended case at
# T = 50, 100, 200, infinity (linear between the first three, the last past 200) ...
_ERS_TAU = ((-3.77, -3.58, -3.46, -3.48), (-3.19, -3.03, -2.93, -2.89), (-2.89, -2.74, -2.64, -2.57))
# ... and Cheung and Lai's (1995, table 1) response surfaces for the 10% and 5% values at lag p:
# a0 + a1/T + a2/T^2 + a3 (p/T) + a4 (p/T)^2 + a5 (p/T)^3 (demeaned: cols 1-2, detrended: cols 3-4)
_CHEUNG_LAI = {"mu": ((-1.624, -19.888, 155.231, 0.709, 5.480, -16.055),
                      (-1.948, -17.839, 104.086, 0.802, 5.558, -18.332)),
               "tau": ((-2.550, -20.166, 155.215, 1.133, 9.808, -20.313),
                       (-2.838, -20.328, 124.191, 1.267, 10.530, -24.600))}


def ers_critical(n: float, trend: bool) -> tuple[float, float, float]:
    """dfgls's 1%, 5%, 10% values: ERS's table (trend) or Fuller's no-constant row (notrend)."""
    if not trend:
        return interpolated(ZT[1], n)
    out = []
    for row in _ERS_TAU:
        if n <= 50:
            out.append(row[0])
        elif n <= 100:
            out.append(row[0] + (n - 50) / 50 * (row[1] - row[0]))
        elif n <= 200:
            out.append(row[1] + (n - 100) / 100 * (row[2] - row[1]))
        else:
            out.append(row[3])
    return tuple(out)


def cheung_lai_critical(n: float, lag: int, trend: bool) -> tuple[float, float]:
    """(5%, 10%) critical values of the DF-GLS statistic with ``lag`` lagged differences."""
    ten, five = _CHEUNG_LAI["tau" if trend else "mu"]
    n1, pt = 1.0 / n, lag / n

    def surface(a):
        return a[0] + a[1] * n1 + a[2] * n1 ** 2 + a[3] * pt + a[4] * pt ** 2 + a[5] * pt ** 3
    return surface(five), surface(ten)
