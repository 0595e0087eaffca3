"""tssmooth shwinters with parms(): predictions, forecasts, sums of squares and starting values
against R's HoltWinters with the starts given (tests/tssmooth_reference/shwinters_reference.R,
Stata's start of the recursion bridged), the "Specified weights:" block of _ts_hwsa.ado /
_ts_hwsm.ado, labels, r() and the ados' messages; the ml search and the rest refused by name."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

OUT = Path(__file__).parent / "tssmooth_reference" / "shwinters_reference.out"
REF = {line.split()[0]: np.array([float(v) for v in line.split()[1:]]) for line in OUT.read_text().splitlines()}
SERIES = ("clear\nset obs 48\ngen t = _n\ngen double y = 20 + 0.5*t + 4*sin(2*_pi*t/12) + mod(17*t, 7)/3\n"
          "tsset t\n")


def _check(s, var, key, n=48):
    np.testing.assert_allclose(s.data.numeric(var)[:n], REF[key], rtol=1e-10)
    rss, level, slope, a0, b0 = REF[key + "_stats"]
    assert s.r["rss"] == pytest.approx(rss, rel=1e-10) and s.r["constant"] == pytest.approx(level, rel=1e-10)
    assert s.r["linear"] == pytest.approx(slope, rel=1e-9) and s.r["s1_0"] == pytest.approx(a0, rel=1e-10)
    assert s.r["s2_0"] == pytest.approx(b0, rel=1e-10)
    assert s.r["rmse"] == pytest.approx(np.sqrt(rss / 48), rel=1e-10) and s.r["N"] == 48


def test_additive_against_r_and_layout(do):
    rc, printed, s = do(SERIES + "tssmooth shwinters double sa = y, parms(.3 .2 .4) period(12) additive")
    assert rc == 0, printed
    _check(s, "sa", "add_3_2_4")
    assert printed.endswith("\nSpecified weights:\n                   alpha = 0.3000\n                    beta = 0.2000\n"
                            "                   gamma = 0.4000\nsum-of-squared residuals = 33.71591\n"
                            " root mean squared error = .8381019\n")
    assert s.r["method"] == "shwinters, additive" and s.r["N_pre"] == 2 and s.r["gamma"] == .4
    assert s.data.var_labels["sa"] == "shw-add parms(0.300 0.200 0.400) = y"


def test_multiplicative_forecast_and_seasonals(do):
    rc, printed, s = do(SERIES + "tssmooth shwinters double sm = y, parms(.3 .2 .4) period(12) forecast(3) "
                        "sn0_v(first) snt_v(last)")
    assert rc == 0, printed
    assert s.data.nobs == 51 and list(s.data.numeric("t")[48:]) == [49, 50, 51]
    _check(s, "sm", "mul_3_2_4_f3", n=51)
    np.testing.assert_allclose(s.data.numeric("first")[:12], REF["mul_sn0"], rtol=1e-12)
    assert np.isnan(s.data.numeric("first")[12:]).all()
    last = s.data.numeric("last")
    assert np.isnan(last[:36]).all() and not np.isnan(last[36:48]).any()
    assert s.r["method"] == "shwinters, multiplicative"
    assert s.data.var_labels["sm"] == "shw parms(0.300 0.200 0.400) = y"


def test_samp0_s0_and_monthly_default_period(do):
    rc, printed, s = do(SERIES + "format t %tm\ntsset t\n"
                        "tssmooth shwinters double sa = y, parms(.5 .1 .2) additive samp0(3)")
    assert rc == 0, printed
    _check(s, "sa", "add_samp3")
    assert s.r["N_pre"] == 3
    rc, printed, s = do(SERIES + "tssmooth shwinters double sm = y, parms(.5 .1 .2) period(12) s0(21 .4) samp0(3)")
    assert rc == 198 and "specify samp0() or s0(), not both" in printed
    rc, printed, s = do(SERIES + "tssmooth shwinters double sm = y, parms(.5 .1 .2) period(12) s0(21 .4)")
    assert rc == 0, printed
    _check(s, "sm", "mul_s0")  # the seasonals' start uses s0()'s slope


def test_float_prediction_rounds_before_the_errors(do):
    rc, printed, s = do(SERIES + "tssmooth shwinters sa = y, parms(.3 .2 .4) period(12) additive")
    assert rc == 0 and s.data.types["sa"] == "float", printed
    pred = REF["add_3_2_4"].astype(np.float32).astype(float)
    y = s.data.numeric("y")
    assert s.r["rss"] == pytest.approx(float(np.sum((y - pred) ** 2)), rel=1e-12)


@pytest.mark.parametrize("text,rc,message", [
    ("tssmooth shwinters z = y, parms(.3 .2 .4)", 198, "period not set by tsset, specify period()"),
    ("tssmooth shwinters z = y, period(12)", 199, "implemented in mlmcli only with nolog (ml's iteration log is not reproduced)"),
    ("tssmooth shwinters z = y, period(12) nolog from(0 .5 .5)", 125, "init() invalid -- invalid numlist has elements outside of allowed range"),
    ("tssmooth shwinters z = y, period(12) parms(.3 .2 .4) from(.1 .1 .1)", 198, "from() cannot be specified with parms()"),
    ("tssmooth shwinters z = y, period(12) parms(.3 .2)", 122, "parms() invalid -- invalid numlist has too few elements"),
    ("tssmooth shwinters z = y, period(12) parms(.3 .2 1.4)", 125, "parms() invalid -- invalid numlist has elements outside of allowed range"),
    ("tssmooth shwinters z = y, period(30) parms(.3 .2 .4)", 125, "period() invalid -- invalid numlist has elements outside of allowed range"),
    ("tssmooth shwinters z = y, period(12) parms(.3 .2 .4) samp0(5)", 198, "there are 4 in sample which is smaller than the 5 specified in s0samp()"),
    ("tssmooth shwinters z = y in 1/12, period(6) parms(.3 .2 .4) samp0(3)", 198, "there are 2 in sample which is smaller than the 3 specified in s0samp()"),
    ("tssmooth shwinters z = y, period(12) parms(.3 .2 .4) altstarts", 199, "option altstarts of tssmooth shwinters is not implemented"),
    ("tssmooth shwinters z = y, period(12) parms(.3 .2 .4) normalize", 199, "option normalize of tssmooth shwinters is not implemented"),
    ("tssmooth shwinters z = y, period(12) parms(.3 .2 .4) altstarts s0(1 1)", 198, "specify either altstarts or s0(), not both"),
    ("tssmooth shwinters z = y, period(12) parms(.3 .2 .4) sn0_v(y)", 198, "sn0_v() does not specify a new variable"),
    ("tssmooth shwinters z = y if t != 20, period(12) parms(.3 .2 .4)", 199, "over gaps in the sample is not implemented"),
    ("tssmooth shwinters z = y, period(12) parms(.3 .2 .4) sn0_0(t) sn0_v(q)", 198, "sn0_0() and sn0_v() cannot both be specified"),
])
def test_errors_leave_data(do, text, rc, message):
    got, printed, s = do(SERIES + text)
    assert got == rc and message in printed, printed
    assert s.data.varnames == ["t", "y"] and s.data.nobs == 48


def test_sn0_0_zero_and_missing(do):
    got, printed, s = do(SERIES + "gen z0 = 0\ntssmooth shwinters z = y, period(12) parms(.3 .2 .4) sn0_0(z0)")
    assert got == 498 and "At least one observation of the seasonal starting value variable z0 is zero" in printed
    got, printed, s = do(SERIES + "gen z0 = .\ntssmooth shwinters z = y, period(12) parms(.3 .2 .4) additive sn0_0(z0)")
    assert got == 498 and "missing is not a valid value in the seasonal starting value variable" in printed
    got, printed, s = do(SERIES + "gen z0 = cond(t <= 12, 1 + (t == 3)/10, .)\n"
                         "tssmooth shwinters double z = y, period(12) parms(.3 .2 .4) sn0_0(z0)")
    assert got == 0, printed
    assert s.data.numeric("z")[0] == pytest.approx(s.r["s1_0"] + s.r["s2_0"], rel=1e-12)  # (a0 + b0) * sn0_1
    assert s.data.numeric("z")[2] != s.data.numeric("z")[3]


OPT = ("clear\nset obs 60\ngen t = _n\ngen double rw = sum((mod(13*t*t, 17) - 8)/6)\n"
       "gen double z = 30 + 0.4*t + 5*sin(2*_pi*t/12) + rw + mod(7*t, 5)/2\ntsset t\n")


@pytest.mark.parametrize("extra,key,rmse_label", [("additive", "opt_add", " root mean squared error = "),
                                                  ("", "opt_mul", "root mean squared error  = ")])
def test_optimal_weights_against_r_optim(do, extra, key, rmse_label):
    rc, printed, s = do(OPT + f"tssmooth shwinters double sh = z, period(12) {extra} nolog")
    assert rc == 0, printed
    alpha, beta, gamma, prss = REF[key]
    assert s.r["alpha"] == pytest.approx(alpha, abs=2e-6) and s.r["gamma"] == pytest.approx(gamma, abs=2e-6)
    assert s.r["beta"] == pytest.approx(beta, rel=1e-4)  # at the penalty's edge: logit just past -12
    assert s.r["prss"] == pytest.approx(prss, rel=1e-9) and s.r["rss"] == pytest.approx(prss, rel=1e-8)
    lines = printed.splitlines()
    at = lines.index("computing optimal weights")
    assert lines[at + 1: at + 4] == ["", "Optimal weights:", " " * 29 + f"alpha = {alpha:.4f}"]
    assert lines[at + 4] == " " * 30 + "beta = 0.0000"
    assert lines[at + 5] == " " * 29 + f"gamma = {gamma:.4f}"
    assert lines[at + 6].startswith("penalized sum-of-squared residuals = ")
    assert lines[at + 8].startswith(" " * 10 + rmse_label)
