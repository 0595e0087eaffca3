"""The statistics behind the graphs against independent computations: R's density(),
hist(), lm()-based lowess/local polynomials and predict() bands (values made offline by
tests/graphs_reference/smoothers.R and stored beside it), published constants, and
Stata's own printed output."""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import norm

from mlmcli.errors import StataError
from mlmcli.graphs import fits, smoothers

REF = json.loads((Path(__file__).parent / "graphs_reference" / "smoothers.json").read_text())
X = np.array(REF["x"])
Y = np.array(REF["y"])


@pytest.mark.parametrize("kernel", ["epanechnikov", "gaussian", "rectangle", "triangle", "biweight",
                                    "cosine"])
def test_kernel_density_matches_r_density(kernel):
    """R's binned FFT estimate agrees to ~1e-4; a kernel scaled wrongly would be off by far more."""
    at = np.array(REF["at"])
    mine = smoothers.kernel_density(X, at, REF["h"], kernel)
    keep = np.ones(len(at), dtype=bool)
    if kernel == "rectangle":  # binning blurs the jumps: compare where no point sits near an edge
        keep = np.min(np.abs(np.abs(at[:, None] - X[None, :]) - REF["h"]), axis=1) > 2e-3
        assert keep.sum() > 10
    np.testing.assert_allclose(mine[keep], np.array(REF["kde"][kernel])[keep], atol=2e-4, rtol=2e-3)


@pytest.mark.parametrize("kernel", smoothers.KERNELS)
def test_every_kernel_integrates_to_one_and_is_symmetric(kernel):
    z = np.linspace(-12, 12, 480001)
    k = smoothers.kernel(kernel, z)
    assert np.trapezoid(k, z) == pytest.approx(1.0, abs=1e-4)
    np.testing.assert_allclose(k, k[::-1])


def test_parzen_and_epan2_values():
    assert smoothers.kernel("parzen", np.array([0.0, 0.25, 0.5, 0.75]))[0] == pytest.approx(4 / 3)
    np.testing.assert_allclose(smoothers.kernel("parzen", np.array([0.25, 0.75])),
                               [4 / 3 - 8 / 16 + 8 / 64, 8 * 0.25 ** 3 / 3])
    np.testing.assert_allclose(smoothers.kernel("epan2", np.array([0.5, 1.0])), [0.5625, 0.0])


def test_silverman_bandwidth_matches_the_documented_rule():
    assert smoothers.silverman_bandwidth(X) == pytest.approx(REF["silverman"], rel=1e-12)


def test_density_grid_runs_from_min_minus_h_to_max_plus_h():
    grid = smoothers.density_grid(X, 0.5, 50)
    assert grid[0] == pytest.approx(X.min() - 0.5) and grid[-1] == pytest.approx(X.max() + 0.5)
    assert len(grid) == 50


@pytest.mark.parametrize("key, kwargs", [
    ("lowess_default", {}),
    ("lowess_mean_bw05", {"bwidth": 0.5, "mean": True}),
    ("lowess_noweight_bw03", {"bwidth": 0.3, "weighted": False}),
])
def test_lowess_matches_weighted_regressions_in_r(key, kwargs):
    np.testing.assert_allclose(smoothers.lowess(Y, X, **kwargs), REF[key], rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("key, degree, h", [("lpoly_deg0_bw12", 0, 1.2), ("lpoly_deg1_bw12", 1, 1.2),
                                            ("lpoly_deg2_bw15", 2, 1.5)])
def test_local_polynomial_matches_weighted_lm_in_r(key, degree, h):
    grid = np.array(REF["lpoly_grid"])
    mine = smoothers.local_polynomial(Y, X, grid, h, degree, "epanechnikov")
    np.testing.assert_allclose(mine, REF[key], rtol=1e-8, atol=1e-9)


@pytest.mark.parametrize("kernel, constant", [("epan2", 1.719), ("gaussian", 0.776),
                                              ("rectangle", 1.351), ("biweight", 2.036)])
def test_rot_constant_matches_fan_gijbels_table(kernel, constant):
    """C_{0,1}(K) of Fan and Gijbels (1996, Table 3.2) for local linear fits."""
    assert smoothers.equivalent_kernel_constant(kernel, 1) == pytest.approx(constant, abs=6e-4)


def test_rot_bandwidth_is_positive_and_shrinks_with_more_data():
    rng = np.random.default_rng(4)
    small_x = rng.uniform(0, 10, 100)
    big_x = rng.uniform(0, 10, 3000)
    f = lambda v: np.sin(v) + 0.1 * v  # noqa: E731
    h_small = smoothers.rot_bandwidth(f(small_x) + rng.normal(0, .3, 100), small_x)
    h_big = smoothers.rot_bandwidth(f(big_x) + rng.normal(0, .3, 3000), big_x)
    assert 0 < h_big < h_small < 10


def test_quadratic_fit_and_bands_match_r_predict():
    at = np.array(REF["qfit_at"])
    fit = fits.polynomial_fit(Y, X, at, 2, "stdp", 95)
    np.testing.assert_allclose(fit.fit, REF["qfit"], rtol=1e-10)
    np.testing.assert_allclose(fit.lower, REF["qfit_lower95"], rtol=1e-10)
    np.testing.assert_allclose(fit.upper, REF["qfit_upper95"], rtol=1e-10)
    fit = fits.polynomial_fit(Y, X, at, 2, "stdf", 90)
    np.testing.assert_allclose(fit.lower, REF["qfit_stdf_lower90"], rtol=1e-10)
    np.testing.assert_allclose(fit.upper, REF["qfit_stdf_upper90"], rtol=1e-10)


def test_quadratic_fit_of_a_line_equals_the_linear_fit_when_x_squared_is_collinear():
    x = np.array([1.0, 1.0, 2.0, 2.0])
    y = np.array([1.0, 2.0, 3.0, 5.0])
    at = np.array([1.0, 1.5, 2.0])
    np.testing.assert_allclose(fits.polynomial_fit(y, x, at, 2).fit, fits.linear_fit(y, x, at).fit)


def test_histogram_counts_match_r_hist_with_left_closed_bins():
    bins = smoothers.histogram_bins(X, bins=11, kind="frequency")
    full = np.zeros(11)
    full[np.round((bins.centers - bins.lower) / bins.width - 0.5).astype(int)] = bins.heights
    np.testing.assert_array_equal(full, REF["hist11_counts"])
    assert bins.counts.sum() == len(X)


def test_default_number_of_bins_is_statas():
    # Stata prints (bin=8, ...) for the 74 cars of auto.dta and (bin=29, ...) for 1,000 obs
    assert smoothers.default_bins(74) == 8
    assert smoothers.default_bins(1000) == 29
    assert smoothers.default_bins(1) == 1
    assert smoothers.default_bins(10) == 3


def test_histogram_heights_by_kind_and_the_area_they_cover():
    x = np.array([0.0, 0.0, 1.0, 2.0, 2.0, 2.0, 3.0, 4.0])
    for kind, total in (("density", 1.0), ("fraction", 1.0), ("percent", 100.0), ("frequency", 8.0)):
        bins = smoothers.histogram_bins(x, bins=4, kind=kind)
        factor = bins.width if kind == "density" else 1.0
        assert float(np.sum(bins.heights) * factor) == pytest.approx(total)
    bins = smoothers.histogram_bins(x, bins=4, kind="frequency")
    np.testing.assert_array_equal(bins.heights, [2, 1, 3, 2])  # 4 (the maximum) is in the last bin


def test_discrete_histogram_centres_bars_on_the_values():
    x = np.array([1.0, 1.0, 3.0, 5.0, 5.0, 5.0])
    bins = smoothers.histogram_bins(x, discrete=True, kind="frequency")
    assert bins.width == 2.0 and bins.lower == 0.0 and bins.bins == 3
    np.testing.assert_array_equal(bins.centers, [1.0, 3.0, 5.0])
    np.testing.assert_array_equal(bins.heights, [2, 1, 3])


def test_width_and_start_options():
    x = np.arange(10.0)
    bins = smoothers.histogram_bins(x, width=3.0, start=-1.0, kind="frequency")
    assert bins.lower == -1.0 and bins.bins == math.ceil(10 / 3)
    np.testing.assert_array_equal(bins.heights, [2, 3, 3, 2])  # [-1,2) [2,5) [5,8) [8,11)
    with pytest.raises(StataError) as err:
        smoothers.histogram_bins(x, start=2.0)
    assert err.value.rc == 198


def test_frequency_weights_count_observations():
    x = np.array([1.0, 2.0, 3.0])
    bins = smoothers.histogram_bins(x, w=np.array([2.0, 1.0, 1.0]), bins=3, kind="frequency")
    np.testing.assert_array_equal(bins.heights, [2, 1, 1])
    assert bins.n == 4


CI_REF = json.loads((Path(__file__).parent / "graphs_reference" / "lpoly_ci.json").read_text())


@pytest.mark.parametrize("key", ["deg0_epan", "deg1_epan", "deg0_gauss", "deg1_biweight_var"])
def test_lpoly_standard_errors_and_band_match_r(key):
    """lpoly's se: the sandwich with the residual variance of a degree p+2 pilot fit (or var()),
    against R's weighted lm() and the smoother's equivalent weights (lpoly_ci.R)."""
    case = CI_REF[key]
    x, y, grid = np.array(REF["x"]), np.array(REF["y"]), np.array(CI_REF["grid"])
    sigma2 = None if case["sigma2"] is None else case["sigma2"]
    var = smoothers.local_polynomial_variance(y, x, grid, case["h"], case["degree"], case["kernel"],
                                              case["pilot"], sigma2)
    np.testing.assert_allclose(np.sqrt(var), case["se"], rtol=1e-10)
    fit = smoothers.local_polynomial(y, x, grid, case["h"], case["degree"], case["kernel"])
    z = norm.ppf(0.5 + case["level"] / 200)
    np.testing.assert_allclose(fit - z * np.sqrt(var), case["lower"], rtol=1e-10)
    np.testing.assert_allclose(fit + z * np.sqrt(var), case["upper"], rtol=1e-10)
