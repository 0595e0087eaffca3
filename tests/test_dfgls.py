"""dfgls: numbers against R (tests/time_series_reference/dfgls.R: the GLS detrending and the ADF
regressions from first principles, k = maxlag checked with urca's ur.ers), the critical values and
layout against a published Stata log, dfgls.ado's errors."""
from __future__ import annotations


import numpy as np
import pytest

from mlmcli.render.unit_root import render_dfgls
from mlmcli.results.unit_root import DfglsTable
from mlmcli.time_series.unit_root import cheung_lai_critical, ers_critical

from time_series_helpers import SERIES, reference, run_tsset

REF = reference("dfgls")


def _run(do, text, tvar="t"):
    return run_tsset(do, text, tvar)


@pytest.mark.parametrize("case,cmd", [("z_default", "dfgls z"), ("z3_notrend", "dfgls z, maxlag(3) notrend"),
                                      ("s4", "dfgls s, maxlag(4)")])
def test_against_r(do, case, cmd):
    printed, s = _run(do, cmd)
    ref = REF[case]
    res = s.r["results"].values
    assert s.r["N"] == ref["N"]
    np.testing.assert_allclose(res[:, 0], [g["k"] for g in ref["lags"]])
    for col, key in ((1, "maic"), (2, "sc"), (3, "rmse"), (4, "stat")):
        np.testing.assert_allclose(res[:, col], [g[key] for g in ref["lags"]], rtol=1e-7)
    seq = next((g["k"] for g in ref["lags"] if g["p_last"] < 0.10), -1)
    assert s.r["optlag"] == seq
    assert s.r["sclag"] == min(ref["lags"], key=lambda g: g["sc"])["k"]
    assert s.r["maiclag"] == min(ref["lags"], key=lambda g: g["maic"])["k"]


def test_cross_check_with_urca(do):
    _, s = _run(do, "dfgls z")
    assert s.r["maxlag"] == 10 == int(12 * (60 / 100) ** 0.25)
    assert s.r["results"].values[0, 4] == pytest.approx(REF["urca_z10"], rel=1e-7)
    _, s = _run(do, "dfgls z, maxlag(3) notrend")
    assert s.r["results"].values[0, 4] == pytest.approx(REF["urca_z3_notrend"], rel=1e-7)


def test_maxlag0_and_generate(do):
    printed, s = _run(do, "dfgls s, maxlag(0) generate(e)")
    assert s.r["dft0"] == pytest.approx(REF["s0"]["lags"][0]["stat"], rel=1e-7)
    assert s.r["rmse0"] == pytest.approx(REF["s0"]["lags"][0]["rmse"], rel=1e-7)
    assert "N" not in s.r and "Opt Lag" not in printed
    assert int(np.count_nonzero(~np.isnan(s.data.numeric("e")))) == REF["s0"]["N"] == 59


# The published log of ``dfgls log_price`` and ``dfgls log_price, notrend``: 243 observations,
# maxlag 14, N = 228; the 5% and 10% values printed for k = 14, 11, 6, 1.
@pytest.mark.parametrize("trend,k,five,ten", [(True, 14, "-2.813", "-2.534"), (True, 11, "-2.842", "-2.560"),
                                              (True, 6, "-2.885", "-2.599"), (True, 1, "-2.919", "-2.630"),
                                              (False, 14, "-1.958", "-1.648"), (False, 6, "-2.000", "-1.686"),
                                              (False, 1, "-2.021", "-1.705")])
def test_critical_values_against_a_published_log(trend, k, five, ten):
    got = cheung_lai_critical(228, k, trend)
    assert (f"{got[0]:.3f}", f"{got[1]:.3f}") == (five, ten)
    assert f"{ers_critical(243, trend)[0]:.3f}" == ("-3.480" if trend else "-2.581")


def test_layout_against_the_published_log():
    r = DfglsTable(varname="log_price", nobs=228, trend=True, schwert_maxlag=14,
                   rows=((14, -2.370, -3.480, -2.813, -2.534), (9, -2.395, -3.480, -2.860, -2.577)),
                   show_choice=True, opt_lag=6, opt_rmse=.048119, sc=(-5.98486, 1, .0489849),
                   maic=(-5.963795, 1, .0489849))
    assert render_dfgls(r).split("\n") == [
        " ",
        "DF-GLS for log_price                                     Number of obs =   228",
        "Maxlag = 14 chosen by Schwert criterion",
        " ",
        "               DF-GLS tau      1% Critical       5% Critical      10% Critical",
        "  [lags]     Test Statistic        Value             Value             Value",
        "-" * 78,
        "    14           -2.370           -3.480            -2.813            -2.534",
        "    9            -2.395           -3.480            -2.860            -2.577",
        " ",
        "Opt Lag (Ng-Perron seq t) =  6 with RMSE   .048119",
        "Min SC   =  -5.98486 at lag  1 with RMSE  .0489849",
        "Min MAIC = -5.963795 at lag  1 with RMSE  .0489849"]


@pytest.mark.parametrize("text,rc,message", [
    ("dfgls s, maxlag(-1)", 125, "maxlag() invalid"),
    ("dfgls s, gen(z)", 110, "z already exists: specify new variable with generate( ) option"),
])
def test_errors(do, text, rc, message):
    got, printed, _ = do("tsset t\n" + text, SERIES.copy())
    assert got == rc and message in printed, printed


def test_gaps_refused(do):
    rc, printed, _ = do("tsset tg\ndfgls s", SERIES.copy())
    assert rc == 498 and "Number of gaps in sample:  2\nsample may not contain gaps" in printed
