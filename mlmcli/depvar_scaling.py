"""A depvar far from 1 fitted as y / 2^k, the results mapped back to y's units.

Dividing y by a power of two is exact, and the fits that use it are equivariant in y's scale:
coefficients, standard deviations and root MSEs scale by 2^k, variances and sums of squares by
2^2k, each log density falls by k ln 2 (ln L by n k ln 2); R-squared, F, chi2, rho and the
correlations are unchanged.  Numbers past the double range in y's units are missing, as Stata
holds them.  The mapping multiplies by 2^k (``np.ldexp``): one rounding, none at all while the
result is a normal double, where ``x * s * s`` could overflow or underflow on its way.

Where scaling starts differs by what the fit computes from y:

- ``LEAST_SQUARES_BOUND`` (2^480, about 1e144; y only above it): least squares, xtreg fe/be/re
  and xtgls sum squares and cross-products of y and its residuals.  |y| <= 2^480 keeps each square
  <= 2^960 and a sum over fewer than 2^63 rows inside the range; a tiny y loses no more than its
  own digits, so it is left alone.
- ``LIKELIHOOD_BOUND`` (1e100 either way): the Gaussian random-effects likelihood (xtreg, mle)
  differentiates in sigma_e and sigma_u, whose Hessian holds sigma^6 and sigma^-6: 1e100^3 is
  the most that stays inside the double range, for y far above 1 and (sigma^-6) far below it.
  Its scale is the power nearest max|y| (log-symmetric about 1, as the bound is).
"""
from __future__ import annotations

import math

import numpy as np

LEAST_SQUARES_BOUND = 2.0 ** 480
LIKELIHOOD_BOUND = 1e100


def depvar_scale(y: np.ndarray, bound: float = LEAST_SQUARES_BOUND, *, both_ways: bool = False) -> float:
    """1, or the power of two y is divided by for the fit: when its largest finite |y| is past
    ``bound`` (or, ``both_ways``, nonzero and below 1 / ``bound``).  One-sided: the power at or
    above max|y|, so |y / scale| <= 1; both ways: the power nearest max|y| (module docstring)."""
    y = np.asarray(y, dtype=float)
    top = float(np.max(np.abs(y), initial=0.0, where=np.isfinite(y)))
    if top == 0.0 or top <= bound and (not both_ways or top >= 1.0 / bound):
        return 1.0
    if both_ways:
        return math.ldexp(1.0, min(int(np.round(np.log2(top))), 1023))
    return math.ldexp(1.0, min(math.frexp(top)[1], 1023))


def in_depvar_units(value, scale: float, power: int = 1):
    """``value`` (a number or an array) of the fit on y / scale in y's units: times scale^power,
    missing (NaN) where that passes the double range (or the value was infinite)."""
    k = power * math.frexp(scale)[1] - power  # scale = 2^(exponent - 1)
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.ldexp(np.asarray(value, dtype=float), k)
    if out.ndim == 0:
        return float(out) if math.isfinite(out) else math.nan
    out[~np.isfinite(out)] = np.nan
    return out


def log_density_shift(n: float, scale: float) -> float:
    """What ln L of the fit on y / scale loses in y's units: n ln scale (each of the n
    densities divided by scale)."""
    return float(n) * math.log(scale)


def scaled_back(out: dict, scale: float, n: float, *, linear=("b",), quadratic=("V",),
                log_density=("ll", "ll_0")) -> dict:
    """A copy of a fit's results ``out`` on y / scale in y's units: the ``linear`` entries
    times scale, the ``quadratic`` ones times scale^2, the ``log_density`` ones (ln L's) less
    n ln scale.  Entries absent or None are left as they are; every other entry is free of y's
    scale (R-squared, F, rho, the rank, the counts)."""
    out = dict(out)
    shift = log_density_shift(n, scale)
    for keys, power in ((linear, 1), (quadratic, 2)):
        for key in keys:
            if out.get(key) is not None:
                out[key] = in_depvar_units(out[key], scale, power)
    for key in log_density:
        if out.get(key) is not None:
            out[key] = float(out[key]) - shift
    return out


def fit_on_scaled_depvar(fit, y: np.ndarray, *, bound: float = LEAST_SQUARES_BOUND, linear: tuple = (),
                         quadratic: tuple = (), count: str = "N") -> dict:
    """``fit(y)``, or for a depvar past ``bound`` ``fit(y / s)`` mapped back (``scaled_back``):
    b and the ``linear`` entries times s, V and the ``quadratic`` ones times s^2, ll and ll_0
    less n ln s (n the fit's ``count`` entry: the observations its log likelihood sums over)."""
    y = np.asarray(y, dtype=float)
    s = depvar_scale(y, bound)
    if s == 1.0:
        return fit(y)
    out = fit(y / s)
    return scaled_back(out, s, float(out[count]), linear=("b",) + tuple(linear), quadratic=("V",) + tuple(quadratic))
