"""Linear interpolation and extrapolation of y on x within groups, as ipolate.ado 1.3.3
computes them ([D] ipolate):

- y is first averaged over the observations sharing a value of x (missing y left out);
- a value of x whose average is missing gets the straight line between the nearest lower and
  nearest higher x with a known average;
- ``epolate`` extends the first and the last segment of known values to the x values before
  and after them (needs two distinct x with known values).

Observations outside the sample or with missing x get missing.
"""
from __future__ import annotations

import numpy as np


def interpolate(y, x, groups, use, extrapolate: bool = False) -> np.ndarray:
    """z for every observation (NaN where ipolate leaves it missing)."""
    y, x = np.asarray(y, float), np.asarray(x, float)
    z = np.full(len(y), np.nan)
    use = np.asarray(use, bool) & ~np.isnan(x)
    keys = np.zeros(len(y), np.int64) if groups is None else np.asarray(groups)
    for key in np.unique(keys[use]):
        rows = np.flatnonzero(use & (keys == key))
        xs, inverse = np.unique(x[rows], return_inverse=True)
        ys = rows_mean(y[rows], inverse, len(xs))
        known = np.flatnonzero(~np.isnan(ys))
        if known.size:
            inner = np.interp(xs, xs[known], ys[known])
            inner[(xs < xs[known[0]]) | (xs > xs[known[-1]])] = np.nan
            if extrapolate and known.size >= 2:
                for a, b, side in ((known[0], known[1], xs < xs[known[0]]),
                                   (known[-2], known[-1], xs > xs[known[-1]])):
                    slope = (ys[b] - ys[a]) / (xs[b] - xs[a])
                    inner[side] = ys[a] + slope * (xs[side] - xs[a])
            inner[known] = ys[known]
            z[rows] = inner[inverse]
    return z


def rows_mean(values: np.ndarray, index: np.ndarray, n: int) -> np.ndarray:
    """Mean of the nonmissing ``values`` at each ``index`` (NaN where none)."""
    ok = ~np.isnan(values)
    sums = np.bincount(index[ok], values[ok], minlength=n)
    counts = np.bincount(index[ok], minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
