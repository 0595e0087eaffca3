"""Values near the ends of the double range give Stata's answers or missing, never an
internal error (issue 18: ``summarize x, detail`` near 1e125 overflowed in the moments)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.summary_statistics import moments, weighted_moments


def test_summarize_detail_near_1e125(do):
    rc, out, s = do("set obs 3\ngen double x = 1e125*_n\nsummarize x, detail")
    assert rc == 0, out
    assert s.r["sd"] == pytest.approx(1e125) and s.r["Var"] == pytest.approx(1e250)
    assert s.r["skewness"] == pytest.approx(0, abs=1e-12) and s.r["kurtosis"] == pytest.approx(1.5)
    assert "Kurtosis            1.5" in out


def test_a_variance_beyond_the_double_range_is_missing(do):
    rc, out, s = do("set obs 3\ngen double x = 1e300*_n\nsummarize x, detail\nsummarize x [aw=x], detail")
    assert rc == 0, out
    # Var beyond the double range is missing; the sd, a finite number, is computed on the data
    # scaled by a power of two (fz65's decision: no Stata log at 1e300 seen either way)
    assert np.isnan(s.r["Var"]) and s.r["sd"] == pytest.approx(1e300 * np.sqrt(5 / 6))  # aw rescaled to N
    assert s.r["mean"] == pytest.approx(np.average([1e300, 2e300, 3e300], weights=[1, 2, 3]))
    w, x = np.array([0.5, 1.0, 1.5]), np.array([1.0, 2.0, 3.0])  # aweights rescaled to sum to N
    dev = x - np.average(x, weights=w)
    m2, m3 = (w * dev ** 2).sum() / 3, (w * dev ** 3).sum() / 3
    assert s.r["skewness"] == pytest.approx(m3 / m2 ** 1.5)
    assert np.isnan(s.r["sum"])  # sum of x*x overflows: missing, as in Stata


@pytest.mark.parametrize("scale", [1e-300, 1e-3, 1.0, 7.25, 1e6, 1e120, 1e150])
def test_moments_scale_like_the_data(scale):
    x = np.array([1.0, 2.0, 2.0, 3.0, 9.0])
    ref = moments(x)
    got = moments(x * scale)
    assert got["mean"] == pytest.approx(ref["mean"] * scale)
    assert got["Var"] == pytest.approx(ref["Var"] * scale * scale)
    assert got["skewness"] == pytest.approx(ref["skewness"]) and got["kurtosis"] == pytest.approx(ref["kurtosis"])
    w = weighted_moments(x * scale, np.array([1.0, 2, 1, 1, 3]), "fweight")
    assert w["kurtosis"] == pytest.approx(weighted_moments(x, np.array([1.0, 2, 1, 1, 3]), "fweight")["kurtosis"])


def test_ordinary_moments_are_the_same_bits_as_the_plain_formulas():
    rng = np.random.default_rng(0)
    x = rng.normal(3.0, 2.0, size=1001)
    got = moments(x)
    dev = x - x.mean()
    assert got["mean"] == x.mean()
    assert got["Var"] == (dev ** 2).sum() / (x.size - 1)
    assert got["kurtosis"] == pytest.approx((dev ** 4).mean() / (dev ** 2).mean() ** 2, rel=1e-15)


@pytest.mark.parametrize("power", [160, -160])
def test_regressors_near_the_ends_of_the_range_are_fitted_not_omitted(do, power):
    """Cross-products of x near 1e160 overflowed and x was reported as collinear."""
    setup = ("set obs 20\nset seed 1\ngen y = rnormal()\ngen double x1 = rnormal()\n"
             "gen double z = rnormal()\n")
    rc, out, small = do(setup + "regress y x1 z")
    assert rc == 0, out
    rc, out, big = do(setup + f"gen double x = x1 * 1e{power}\nregress y x z")
    assert rc == 0 and "omitted" not in out, out
    b_small, b_big = small.e.matrices["b"].values[0], big.e.matrices["b"].values[0]
    assert b_big[0] == pytest.approx(b_small[0] / float(f"1e{power}"), rel=1e-9)
    assert b_big[1:] == pytest.approx(b_small[1:], rel=1e-9)
    assert big.e.scalars["F"] == pytest.approx(small.e.scalars["F"], rel=1e-9)


def test_ordinary_regressors_give_the_same_bits_as_without_scaling():
    from mlmcli.collinear_columns import power_of_two_column_scales
    from mlmcli.ols import fit_ols

    rng = np.random.default_rng(3)
    X = np.column_stack([rng.normal(size=30) * 1e30, rng.normal(size=30), np.ones(30)])
    y = rng.normal(size=30)
    assert (power_of_two_column_scales(X) == 1).all()
    huge = X.copy()
    huge[:, 0] *= 2.0 ** 600  # exact: the scaled fit must reproduce the first one's t exactly
    a, b = fit_ols(y, X), fit_ols(y, huge)
    assert np.array_equal(a.t, b.t) and a.rss == b.rss
    assert b.b[0] == a.b[0] * 2.0 ** -600 and b.b[1] == a.b[1]


def test_a_missing_standard_error_prints_dots_not_t_zero(do):
    rc, out, _ = do("set obs 10\nset seed 2\ngen y = rnormal()\ngen x = rnormal()\ngen g = 1\n"
                    "regress y x, vce(cluster g)")
    assert rc == 0, out
    row = next(line for line in out.splitlines() if line.lstrip().startswith("x |"))
    assert row.split("|")[1].split()[1:] == [".", ".", ".", ".", "."]
    assert "0.00" not in row and "1.000" not in row
