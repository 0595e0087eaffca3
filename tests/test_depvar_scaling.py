"""One y / 2^k mapping (mlmcli/depvar_scaling.py) for regress, xtreg fe/be/re/mle and xtgls:
where each fit starts scaling, the exact map-back, and the fits it serves."""
from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_command_data import run_line_checked  # noqa: E402

from mlmcli.depvar_scaling import (LEAST_SQUARES_BOUND, LIKELIHOOD_BOUND, depvar_scale, in_depvar_units,  # noqa: E402
                                   scaled_back)


@pytest.mark.parametrize("top, expected", [(1.0, 1.0), (2.0 ** 480, 1.0), (2.0 ** 480 * 1.5, 2.0 ** 481),
                                           (8.98e307, 2.0 ** 1023), (1e-200, 1.0), (0.0, 1.0)])
def test_the_least_squares_scale_is_the_power_at_or_above_max_abs_y(top, expected):
    y = np.array([np.nan, -top, top / 3, 0.0])
    assert depvar_scale(y) == expected
    if expected != 1.0:
        assert 0.5 < np.nanmax(np.abs(y / expected)) <= 1.0


@pytest.mark.parametrize("top, expected", [(1e100, 1.0), (1e-100, 1.0), (1.3e101, 2.0 ** 336), (1e-150, 2.0 ** -498),
                                           (np.finfo(float).max, 2.0 ** 1023)])
def test_the_likelihood_scale_is_the_nearest_power_past_1e100_either_way(top, expected):
    y = np.array([top, -top / 7])
    s = depvar_scale(y, LIKELIHOOD_BOUND, both_ways=True)
    assert s == expected
    if s != 1.0:  # the nearest power: max|y / s| within sqrt(2) of 1 (2^1023 is the largest power there is)
        assert 2 ** -0.5 <= top / s <= 2 ** 0.5 or s == 2.0 ** 1023


def test_the_map_back_is_exact_and_keeps_zeros_and_marks_overflow_missing():
    s = 2.0 ** 1020
    V = np.array([[4.0, 0.0], [0.0, 2.0 ** -1030]])
    out = in_depvar_units(V, s, 2)
    # 4 * 2^2040 overflows (missing); 0 stays 0 (0 * (s * s) was 0 * inf, missing); 2^-1030 * 2^2040 = 2^1010
    assert np.isnan(out[0, 0]) and out[0, 1] == 0.0 and out[1, 1] == 2.0 ** 1010
    assert in_depvar_units(3.0, 2.0 ** -600, 1) == 3.0 * 2.0 ** -600
    assert in_depvar_units(math.inf, 2.0, 1) != in_depvar_units(math.inf, 2.0, 1)  # missing


def test_scaled_back_maps_named_entries_and_leaves_the_rest():
    fit = {"b": np.array([1.5, -2.0]), "V": np.eye(2), "sigma_e": 3.0, "ll": -10.0, "ll_0": None, "r2": 0.25, "N": 5}
    out = scaled_back(fit, 8.0, 5, linear=("b", "sigma_e"), quadratic=("V",))
    assert np.array_equal(out["b"], [12.0, -16.0]) and np.array_equal(out["V"], 64 * np.eye(2))
    assert out["sigma_e"] == 24.0 and out["ll"] == -10.0 - 5 * math.log(8.0)
    assert out["ll_0"] is None and out["r2"] == 0.25 and fit["b"][0] == 1.5  # a copy


def _equivariant(line: str, power: int, n_key: str = "N"):
    """(fit of y, fit of y * 2^power) of ``line`` on the full shape."""
    rc, printed, small = run_line_checked(line.format(y="y"), ("xtset g t",))
    assert rc == 0, printed
    rc, printed, big = run_line_checked(line.format(y="yb"), (f"generate double yb = y * 2^{power}", "xtset g t"))
    assert rc == 0, printed
    return small.e, big.e


@pytest.mark.parametrize("line, power", [("regress {y} x1 x2", 500), ("xtreg {y} x1, re", 500),
                                         ("xtreg {y} x1, fe", 500), ("xtgls {y} x1", 500),
                                         ("xtreg {y} x1, mle", -400), ("xtreg {y} x1, mle", 400)])
def test_fits_on_a_scaled_depvar_map_back_to_the_user_units(line, power):
    es, eb = _equivariant(line, power)
    s = 2.0 ** power
    assert np.allclose(eb.matrices["b"].values / s, es.matrices["b"].values, rtol=1e-7)
    assert np.allclose(eb.matrices["V"].values / s ** 2, es.matrices["V"].values, rtol=1e-6)
    if "ll" in es.scalars and np.isfinite(es.scalars["ll"]):
        assert eb.scalars["ll"] + es.scalars["N"] * math.log(s) == pytest.approx(es.scalars["ll"], rel=1e-9)


def test_xtgls_sigma_off_diagonal_zeros_stay_zero_past_the_double_range():
    # panels(hetero): Sigma is diagonal; its variances times 4^1020 are missing, its zeros are 0
    # (the scaled-back V * (s * s) had made them 0 * inf, missing)
    es, eb = _equivariant("xtgls {y} x1, panels(hetero)", 1020)
    small, big = es.matrices["Sigma"].values, eb.matrices["Sigma"].values
    off = ~np.eye(len(small), dtype=bool)
    assert np.all(small[off] == 0) and np.all(big[off] == 0)
    assert np.all(np.isnan(np.diag(big)))
    assert LEAST_SQUARES_BOUND < 2.0 ** 1020
