"""Panel fits of a depvar near the largest double (|y| past 2^480) on y / 2^k, mapped back.

The within and between estimators sum y over panels and over all rows (the grand mean put back
in _cons), and square the residuals: with y near 8.98e307 those sums leave the double range.
Dividing y by a power of two is exact, and every least-squares number is equivariant in it:
coefficients, standard deviations and root MSE scale by 2^k, variances and sums of squares by
2^2k, each log density falls by k ln 2; R-squared, F, rho and the correlations are unchanged.
Numbers past the range in y's units are missing, as Stata holds them (fit_ols does the same
for regress).
"""
from __future__ import annotations

import math
from typing import Callable

import numpy as np

from mlmcli.missing import stata_double, stata_matrix
from mlmcli.ols import depvar_scale


def fit_on_scaled_depvar(fit: Callable[[np.ndarray], dict], y: np.ndarray, *, linear: tuple = (),
                         quadratic: tuple = (), count: str = "N") -> dict:
    """``fit(y)``, or for a depvar near the double range ``fit(y / s)`` mapped back: b and the
    ``linear`` numbers times s, V and the ``quadratic`` ones times s^2, ll and ll_0 less
    n ln s (n the fit's ``count`` entry: the observations its log likelihood sums over)."""
    y = np.asarray(y, dtype=float)
    s = depvar_scale(y)
    if s == 1.0:
        return fit(y)
    out = dict(fit(y / s))
    out["b"] = stata_matrix(lambda: out["b"] * s)
    out["V"] = stata_matrix(lambda: out["V"] * (s * s))
    with np.errstate(over="ignore", invalid="ignore"):
        for key in linear:
            if key in out:
                out[key] = stata_double(float(out[key]) * s)
        for key in quadratic:
            if key in out:
                out[key] = stata_double(float(out[key]) * s * s)
    shift = float(out[count]) * math.log(s)
    for key in ("ll", "ll_0"):
        if key in out:
            out[key] = float(out[key]) - shift
    return out
