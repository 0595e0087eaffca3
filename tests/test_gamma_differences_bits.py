"""mlmcli.glm.gamma_differences computes each branch only where it is kept, f(m + y) only
where y is not 0, the shared log1p/sum of the series once, and scipy's polygamma without its
discarded half: the values are bit for bit those of the plain formulas (below, as they were written before), on both
sides of the series' threshold, mixed and alone, scalars and arrays, with and without counts
of 0 (where the shifted argument is the unshifted one and is not evaluated again)."""
from __future__ import annotations

import numpy as np
import pytest
import scipy.special as sps

from mlmcli.glm import gamma_differences as gd


def _d(m, y, k):
    t = y / m
    return -np.expm1(k * np.log1p(t)) / (m + y) ** k


def _split(m, y):
    m, y = np.broadcast_arrays(np.asarray(m, float), np.asarray(y, float))
    big = m >= gd.LARGE
    return m, y, big, np.where(big, m, gd.LARGE), np.where(big, y, 0.0), np.where(big, 1.0, m)


def plain_lgamma_diff(m, y):
    m, y, big, mb, yb, ms = _split(m, y)
    series = (yb * np.log(mb + yb) + (mb - 0.5) * np.log1p(yb / mb) - yb
              + _d(mb, yb, 1) / 12 - _d(mb, yb, 3) / 360 + _d(mb, yb, 5) / 1260)
    direct = sps.gammaln(ms + np.where(big, 0.0, y)) - sps.gammaln(ms)
    return np.where(big, series, direct)


# psi_n's series as (sign, k, operation, constant) folded left to right: the same operations
# in the same order as the module's expressions
SERIES = {0: [("-", 1, "*", 0.5), ("-", 2, "/", 12), ("+", 4, "/", 120), ("-", 6, "/", 252)],
          1: [("+", 2, "*", 0.5), ("+", 3, "/", 6), ("-", 5, "/", 30), ("+", 7, "/", 42)],
          2: [("-", 3, "/", 1), ("-", 4, "*", 0.5), ("+", 6, "/", 6), ("-", 8, "/", 6)]}


def plain_polygamma_diff(n, m, y):
    m, y, big, mb, yb, ms = _split(m, y)
    d = {k: _d(mb, yb, k) for k in range(1, 9)}
    acc = {0: np.log1p(yb / mb), 1: d[1], 2: -d[2]}[n]
    for sign, k, op, c in SERIES[n]:
        term = d[k] if (op, c) == ("/", 1) else (c * d[k] if op == "*" else d[k] / c)
        acc = acc + term if sign == "+" else acc - term
    ys = np.where(big, 0.0, y)
    return np.where(big, acc, sps.polygamma(n, ms + ys) - sps.polygamma(n, ms))


def _cases():
    rng = np.random.default_rng(3)
    y = rng.integers(0, 40, 500).astype(float)
    small = np.exp(rng.uniform(-6, 6.5, 500))          # below the threshold (1e3) mostly
    large = 10 ** rng.uniform(3, 16, 500)                # the series' side
    mixed = np.where(rng.random(500) < 0.5, small, large)
    zeros = np.where(rng.random(500) < 0.6, 0.0, y)      # counts of 0: m + y is m
    return [(small, y), (large, y), (mixed, y), (2.5, 3.0), (5e6, 7.0), (small[:3], 0.0),
            (small, zeros), (mixed, zeros), (small, np.zeros(500)), (2.5, 0.0)]


@pytest.mark.parametrize("case", range(10))
def test_the_same_bits_as_the_plain_formulas(case):
    m, y = _cases()[case]
    assert np.array_equal(gd.lgamma_diff(m, y), plain_lgamma_diff(m, y))
    for n in (0, 1, 2):
        assert np.array_equal(gd.polygamma_diff(n, m, y), plain_polygamma_diff(n, m, y)), n
    with pytest.raises(ValueError):
        gd.polygamma_diff(3, m, y)
