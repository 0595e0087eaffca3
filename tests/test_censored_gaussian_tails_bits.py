"""glm/censored_gaussian.log_interval_probability (metobit, meintreg, the censored-normal
postestimation) computes each element from its own tail only: the same bits as both tails
computed everywhere and one chosen by np.where (the formula before, written out below), on
every shape, length, infinity, NaN and layout its callers pass."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import special

from mlmcli.glm import censored_gaussian as cg


def _log1mexp_both(x):
    x = np.minimum(x, 0.0)
    return np.where(x > -0.693, np.log(-np.expm1(x)), np.log1p(-np.exp(x)))


def both_tails(a, b):
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return np.where(a > 0, special.log_ndtr(-a) + _log1mexp_both(special.log_ndtr(-b) - special.log_ndtr(-a)),
                        special.log_ndtr(b) + _log1mexp_both(special.log_ndtr(a) - special.log_ndtr(b)))


def _bounds(rng, n):
    """Intervals of every kind: points, open on either side, both finite, wide and narrow, far
    in either tail, a few NaN."""
    a = rng.normal(scale=rng.choice([0.5, 3.0, 30.0]), size=n)
    width = np.exp(rng.normal(scale=4.0, size=n))
    b = a + width
    kind = rng.integers(0, 6, n)
    a = np.where(kind == 1, -np.inf, a)
    b = np.where(kind == 2, np.inf, b)
    b = np.where(kind == 3, a, b)              # a point (the callers pass -inf, inf there; still a value)
    a = np.where(kind == 4, np.nan, a)
    b = np.where(kind == 5, b + 1e-300, b)
    return a, b


def _same(a, b):
    new, old = cg.log_interval_probability(a, b), both_tails(np.asarray(a, float), np.asarray(b, float))
    assert np.shape(new) == np.shape(old)
    return np.array_equal(new, old, equal_nan=True)


@pytest.mark.parametrize("n", [*range(0, 40), 63, 64, 65, 127, 1000, 4099])
def test_every_length_is_both_tails_bits(n):
    rng = np.random.default_rng(n)
    a, b = _bounds(rng, n)
    assert _same(a, b)


def test_shapes_layouts_and_scalars():
    rng = np.random.default_rng(7)
    a, b = _bounds(rng, 7185 * 7)
    assert _same(a.reshape(7185, 7), b.reshape(7185, 7))           # the quadrature's rows x nodes
    assert _same(a.reshape(7, 7185).T, b.reshape(7, 7185).T)       # transposed (not contiguous)
    assert _same(a[::3], b[::3])                                    # strided
    assert _same(a[:5, None], b[None, :4])                          # broadcast
    for x, y in [(0.3, 1.2), (-2.0, -1.0), (-np.inf, 0.5), (1.5, np.inf), (-np.inf, np.inf), (0.0, 0.0),
                 (40.0, 41.0), (-40.0, -39.0), (np.nan, 1.0)]:
        assert _same(x, y) and _same(np.float64(x), np.array(y))


def test_a_formula_that_takes_the_other_tail_is_seen():
    """The comparison tells the tails apart: the lower tail's formula everywhere differs in the
    last bits on the upper side (and loses digits far out)."""
    rng = np.random.default_rng(3)
    a = rng.uniform(0.5, 6.0, 200)
    b = a + rng.uniform(0.01, 2.0, 200)
    with np.errstate(divide="ignore", invalid="ignore"):
        lower_everywhere = special.log_ndtr(b) + _log1mexp_both(special.log_ndtr(a) - special.log_ndtr(b))
    assert not np.array_equal(lower_everywhere, cg.log_interval_probability(a, b))


class BothTailsEverywhere(cg.CensoredGaussian):
    """The family as it was: ln P of every element, the points' too (then not used)."""

    def logf(self, eta, anc=()):
        lns = float(anc[0])
        point, a, b = self._standardised(eta, lns)
        with np.errstate(all="ignore"):
            r = np.where(point, a, 0.0)
            lp = np.where(point, 0.0, both_tails(np.where(point, -np.inf, a), np.where(point, np.inf, b)))
            out = np.where(point, -lns - 0.5 * cg.LOG_2PI - 0.5 * r * r, lp)
        return np.where(np.isnan(out), -np.inf, out)

    def _ratios(self, eta, lns):
        point, a, b = self._standardised(eta, lns)
        with np.errstate(all="ignore"):
            lp = both_tails(np.where(point, -np.inf, a), np.where(point, np.inf, b))
            a0 = np.where(np.isfinite(a), a, 0.0)
            b0 = np.where(np.isfinite(b), b, 0.0)
            la = np.where(np.isfinite(a) & ~point, np.exp(-0.5 * a0 * a0 - 0.5 * cg.LOG_2PI - lp), 0.0)
            lb = np.where(np.isfinite(b) & ~point, np.exp(-0.5 * b0 * b0 - 0.5 * cg.LOG_2PI - lp), 0.0)
        return point, a0, b0, la, lb


@pytest.mark.parametrize("shape", [(1,), (7,), (7, 12)])  # a fit's rows; the quadrature's rows x nodes
def test_the_familys_values_and_derivatives_are_the_bits_of_both_tails(shape):
    """metobit's ll(5) ul(20) and meintreg's intervals: points, left-, right- and interval-censored
    rows; logf, its derivatives in eta (orders 1-3) and in ln sigma."""
    rng = np.random.default_rng(len(shape))
    n = 400
    y = rng.normal(10, 6, n)
    lo = np.where(y < 5, -np.inf, np.where(y > 20, 20.0, y))
    hi = np.where(y > 20, np.inf, np.where(y < 5, 5.0, y))
    k = rng.uniform(size=n) < 0.2  # intervals of width 1 (meintreg)
    lo, hi = np.where(k, np.floor(y), lo), np.where(k, np.floor(y) + 1, hi)
    new, old = cg.CensoredGaussian(lo, hi), BothTailsEverywhere(lo, hi)
    assert new.point.any() and (~new.point).any()
    eta = rng.normal(10, 8, (n,) + shape[1:])
    for anc in ([0.3], [1.8], [-2.0]):
        assert np.array_equal(new.logf(eta, anc), old.logf(eta, anc))
        for d_new, d_old in zip(new.derivs(eta, anc, 3), old.derivs(eta, anc, 3)):
            assert np.array_equal(d_new, d_old, equal_nan=True)
        assert np.array_equal(new.dlogf_danc(eta, anc)[0][1], old.dlogf_danc(eta, anc)[0][1])


def test_tobit_and_intreg_derivatives_are_the_bits_of_ln_p_everywhere(monkeypatch):
    """censored_normal (tobit, intreg, cnreg; intreg's het()): ln P is taken for the censored
    observations only; every result is the bits of ln P computed for all of them (the points'
    -inf then dropped by their own branch)."""
    from mlmcli import censored_normal as cn

    rng = np.random.default_rng(11)
    n = 500
    y = rng.normal(2, 3, n)
    lo = np.where(y < 0, -np.inf, np.where(y > 6, 6.0, y))
    hi = np.where(y > 6, np.inf, np.where(y < 0, 0.0, y))
    k = rng.uniform(size=n) < 0.15
    lo, hi = np.where(k, np.floor(y), lo), np.where(k, np.floor(y) + 1, hi)
    X = np.column_stack([rng.normal(size=n), np.ones(n)])
    data = cn.CensoredData(lo=lo, hi=hi, X=X, offset=rng.normal(scale=0.1, size=n), w=np.ones(n))
    kinds = data.kinds()
    assert {cn.POINT, cn.LEFT, cn.RIGHT, cn.INTERVAL} <= set(kinds.tolist())
    theta = np.array([0.4, 0.7, 0.35])
    eta, lns = X @ theta[:2], np.full(n, np.log(2.5)) + 0.1 * X[:, 0]
    new = cn.observation_derivatives(data, theta), cn.heteroskedastic_derivatives(data, eta, lns)
    monkeypatch.setattr(cn, "censored_log_p", lambda point, a, b: cg.log_interval_probability(a, b))
    old = cn.observation_derivatives(data, theta), cn.heteroskedastic_derivatives(data, eta, lns)
    for parts_new, parts_old in zip(new, old):
        for x, z in zip(parts_new, parts_old):
            assert np.array_equal(x, z, equal_nan=True)
