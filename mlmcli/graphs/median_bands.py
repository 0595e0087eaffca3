"""Cross medians and the median spline: the numbers behind ``twoway mband`` and ``twoway
mspline`` ([G-2] graph twoway mband, mspline).

The range of x, [min x, max x], is cut into ``bands`` intervals of equal width
w = (max x - min x) / bands: band k holds the x in [min x + k w, min x + (k + 1) w) (the last
band includes max x).  In each band that holds observations the cross median is
(median of its x, median of its y) (a median of an even count: the mean of the middle two).
Stata's default is bands = max(10, round(10 log10 N)), N the observations plotted.

``mband`` joins the cross medians with straight lines.  ``mspline`` passes a natural cubic
spline through them (the cross medians as knots: second derivative 0 at the first and last),
evaluated at ``n`` points between successive knots (default 10) besides the knots.
"""
from __future__ import annotations

import numpy as np


def default_bands(n_obs: int) -> int:
    """max(10, round(10 log10 N))."""
    if n_obs <= 0:
        return 10
    return max(10, int(np.floor(10.0 * np.log10(n_obs) + 0.5)))


def cross_medians(y: np.ndarray, x: np.ndarray, bands: int) -> tuple[np.ndarray, np.ndarray]:
    """(median x, median y) of each non-empty band of x, in increasing x."""
    ok = np.isfinite(x) & np.isfinite(y)
    x, y = np.asarray(x, float)[ok], np.asarray(y, float)[ok]
    if x.size == 0:
        return np.empty(0), np.empty(0)
    lo, hi = float(x.min()), float(x.max())
    bands = max(int(bands), 1)
    if hi <= lo:
        return np.array([float(np.median(x))]), np.array([float(np.median(y))])
    width = (hi - lo) / bands
    index = np.minimum(np.floor((x - lo) / width).astype(int), bands - 1)
    mx, my = [], []
    for k in range(bands):
        members = index == k
        if members.any():
            mx.append(float(np.median(x[members])))
            my.append(float(np.median(y[members])))
    return np.array(mx), np.array(my)


def natural_cubic_spline(knots_x: np.ndarray, knots_y: np.ndarray, between: int = 10
                         ) -> tuple[np.ndarray, np.ndarray]:
    """The natural cubic spline through the knots (second derivative 0 at both ends), at the
    knots and ``between`` equally spaced points inside each interval between them.  Knots that
    share an x are merged (their mean y); fewer than three knots: straight lines."""
    kx, ky = np.asarray(knots_x, float), np.asarray(knots_y, float)
    if kx.size == 0:
        return kx, ky
    from mlmcli.ols import depvar_scale

    xs, ys = depvar_scale(kx), depvar_scale(ky)
    if xs != 1.0 or ys != 1.0:  # near the largest double: the spline of the knots / powers of two, scaled back
        at, values = natural_cubic_spline(kx / xs, ky / ys, between)
        return at * xs, values * ys
    ux, inverse = np.unique(kx, return_inverse=True)
    uy = np.bincount(inverse, weights=ky) / np.bincount(inverse)
    steps = max(int(between), 0) + 1
    if ux.size == 1:
        return ux, uy
    at = np.concatenate([np.linspace(a, b, steps, endpoint=False) for a, b in zip(ux[:-1], ux[1:])]
                        + [ux[-1:]])
    if ux.size == 2:
        return at, np.interp(at, ux, uy)
    from scipy.interpolate import CubicSpline

    return at, CubicSpline(ux, uy, bc_type="natural")(at)
