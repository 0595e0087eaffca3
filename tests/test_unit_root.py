"""dfuller and pperron: numbers against R (tests/time_series_reference/unit_root.R: urca's
ur.df, the Phillips-Perron formulas written out in R and checked against urca's ur.pp, plm's
MacKinnon (1994) p-values, Fuller's table interpolated by approx()), the layout of
dfuller.ado/pperron.ado and their errors."""
from __future__ import annotations


import numpy as np
import pandas as pd
import pytest

from time_series_helpers import SERIES, reference, run_tsset

REF = reference("unit_root")


def _run(do, text):
    return run_tsset(do, text)


@pytest.mark.parametrize("case,cmd", [("df_z", "dfuller z"), ("df_z_lags2", "dfuller z, lags(2)"),
                                      ("df_z_trend1", "dfuller z, trend lags(1)"),
                                      ("df_s_nocons", "dfuller s, noconstant"), ("df_s_drift", "dfuller s, drift")])
def test_dfuller_against_r(do, case, cmd):
    _, s = _run(do, cmd)
    ref = REF[case]
    assert s.r["Zt"] == pytest.approx(ref["Zt"], rel=1e-9)
    assert s.r["N"] == ref["N"]
    np.testing.assert_allclose([s.r["cv1"], s.r["cv5"], s.r["cv10"]], ref["cv"], rtol=1e-9)
    if ref["p"] == "NA":
        assert "p" not in s.r
    else:
        assert s.r["p"] == pytest.approx(ref["p"], rel=1e-7)


@pytest.mark.parametrize("case,cmd", [("pp_z", "pperron z"), ("pp_z_trend", "pperron z, trend"),
                                      ("pp_s_nocons", "pperron s, noconstant lags(2)"),
                                      ("pp_s_lags5", "pperron s, lags(5)")])
def test_pperron_against_r(do, case, cmd):
    printed, s = _run(do, cmd)
    ref = REF[case]
    assert s.r["Zt"] == pytest.approx(ref["Zt"], rel=1e-9)
    assert s.r["Zrho"] == pytest.approx(ref["Zrho"], rel=1e-9)
    assert s.r["N"] == ref["N"]
    rho_row = " Z(rho)" + "".join(f"{v:10.3f}".rjust(18 if i else 18) for i, v in enumerate([ref["Zrho"]] + ref["cvrho"]))
    assert f"{ref['cvrho'][0]:10.3f}" in printed and f"{ref['cvt'][2]:10.3f}" in printed
    assert rho_row.split() == [ln for ln in printed.split("\n") if ln.startswith(" Z(rho)")][0].split()
    if ref["p"] == "NA":
        assert "pval" not in s.r and "MacKinnon" not in printed
    else:
        assert s.r["pval"] == pytest.approx(ref["p"], rel=1e-7)


def test_pperron_close_to_urca(do):
    """urca's ur.pp uses a slightly different residual variance: agreement to 0.2%."""
    _, s = _run(do, "pperron z")
    assert s.r["Zt"] == pytest.approx(REF["urca_pp_z"]["Zt"], rel=2e-3)
    assert s.r["Zrho"] == pytest.approx(REF["urca_pp_z"]["Zrho"], rel=2e-3)


def test_default_newey_west_lags(do):
    _, s = _run(do, "pperron z")
    assert s.r["lags"] == int(4 * (59 / 100) ** (2 / 9))


def test_dfuller_layout(do):
    printed, _ = _run(do, "dfuller z, lags(2)")
    ref = REF["df_z_lags2"]
    lines = printed.split("\n")
    i = lines.index("Augmented Dickey-Fuller test for unit root         Number of obs   =        57")
    assert lines[i - 1] == "" and lines[i + 1] == ""
    assert lines[i + 2] == " " * 31 + "-" * 10 + " Interpolated Dickey-Fuller " + "-" * 9
    assert lines[i + 3] == "                  Test         1% Critical       5% Critical      10% Critical"
    assert lines[i + 4] == "               Statistic           Value             Value             Value"
    assert lines[i + 5] == "-" * 78
    assert lines[i + 6] == " Z(t)" + " " * 9 + "".join(
        f"{v:10.3f}" + " " * 8 for v in [ref["Zt"]] + ref["cv"]).rstrip()
    assert lines[i + 7] == "-" * 78
    assert lines[i + 8] == f"MacKinnon approximate p-value for Z(t) = {ref['p']:6.4f}"


def test_dfuller_drift_and_trend_regress_layout(do):
    printed, _ = _run(do, "dfuller s, drift")
    assert " " * 31 + "-" * 11 + " Z(t) has t-distribution " + "-" * 11 in printed
    assert f"p-value for Z(t) = {REF['df_s_drift']['p']:6.4f}" in printed
    printed, _ = _run(do, "dfuller z, trend lags(1) regress")
    assert "D.z          |      Coef.   Std. Err.      t    P>|t|     [95% Conf. Interval]" in printed
    assert "\n           z |\n         L1. |" in printed and "\n      _trend |" in printed
    assert "\n         LD. |" in printed and "\n       _cons |" in printed


def test_leaves_e_alone(do):
    _, s = _run(do, "regress y x1\ndfuller z, regress")
    assert s.e.cmd == "regress"


@pytest.mark.parametrize("text,rc,message", [
    ("dfuller z, drift noconstant", 198, "cannot specify drift if constant is excluded"),
    ("dfuller z, drift trend", 198, "cannot specify drift if time trend is included"),
    ("dfuller z, trend noconstant", 198, "cannot choose trend if constant is excluded"),
    ("pperron z, trend noconstant", 198, "cannot choose trend if constant is excluded"),
    ("dfuller z s", 103, "too many variables specified"),
    ("pperron z, drift", 198, "option drift not allowed"),
])
def test_errors(do, text, rc, message):
    got, printed, _ = do("tsset t\n" + text, SERIES.copy())
    assert got == rc and message in printed, printed


def test_needs_tsset_and_one_panel(do):
    rc, printed, _ = do("dfuller z", SERIES.copy())
    assert rc == 111 and "time variable not set" in printed
    data = pd.concat([SERIES.assign(id=1), SERIES.assign(id=2)], ignore_index=True)
    rc, printed, _ = do("xtset id t\npperron z", data)
    assert rc == 459 and "sample may not include multiple panels" in printed
    rc, printed, _ = do("xtset id t\ndfuller z if id == 2", data)
    assert rc == 0, printed


# A published Stata log of ``dfuller depvar, trend regress`` and ``dfuller ..., lag(2) trend regress``
# (N = 35, 33, 32): Z(t), the interpolated critical values and MacKinnon's p as Stata printed them.
@pytest.mark.parametrize("zt,n,cv,p", [(-4.178, 35, (-4.288, -3.560, -3.216), "0.0048"),
                                       (-3.207, 33, (-4.306, -3.568, -3.221), "0.0831"),
                                       (-4.379, 32, (-4.316, -3.572, -3.223), "0.0024"),
                                       (-5.776, 32, (-4.316, -3.572, -3.223), "0.0000")])
def test_against_a_published_stata_log(zt, n, cv, p):
    from mlmcli.time_series.unit_root import dickey_fuller_critical, mackinnon_p

    assert [f"{v:.3f}" for v in dickey_fuller_critical(4, n)] == [f"{v:.3f}" for v in cv]
    # Z(t) is printed to 3 decimals: Stata's p lies between the p-values at the ends of its rounding interval
    lo, hi = mackinnon_p(zt - 0.0005, "ct"), mackinnon_p(zt + 0.0005, "ct")
    assert round(lo, 4) <= float(p) <= round(hi, 4)
    assert abs(mackinnon_p(zt, "ct") - float(p)) <= max(hi - lo, 1e-4)


def test_disp_reg_layout_against_the_published_log():
    from mlmcli.render.unit_root import render_unit_root
    from mlmcli.results.unit_root import DispRegRow, UnitRootTest

    r = UnitRootTest(title="Dickey-Fuller test for unit root", nobs=35, rows=(("Z(t)", -4.178, -4.288, -3.560, -3.216),),
                     p_label="MacKinnon approximate p-value for Z(t)", p=0.0048, disp_depvar="D.depvar",
                     disp_group="depvar",
                     disp_rows=(DispRegRow("L1.", -.6563434, .157101, -4.178, 0.0001, -.9763476, -.3363392),
                                DispRegRow("_trend", .0062128, .0019452, 3.19, 0.003, .0022505, .0101751),
                                DispRegRow("_cons", 13.164, 3.152847, 4.18, 0.0, 6.741863, 19.58614)))
    assert render_unit_root(r).split("\n") == """
Dickey-Fuller test for unit root                   Number of obs   =        35

                               ---------- Interpolated Dickey-Fuller ---------
                  Test         1% Critical       5% Critical      10% Critical
               Statistic           Value             Value             Value
------------------------------------------------------------------------------
 Z(t)             -4.178            -4.288            -3.560            -3.216
------------------------------------------------------------------------------
MacKinnon approximate p-value for Z(t) = 0.0048

------------------------------------------------------------------------------
D.depvar     |      Coef.   Std. Err.      t    P>|t|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
      depvar |
         L1. |  -.6563434    .157101    -4.18   0.000    -.9763476   -.3363392
      _trend |   .0062128   .0019452     3.19   0.003     .0022505    .0101751
       _cons |     13.164   3.152847     4.18   0.000     6.741863    19.58614
------------------------------------------------------------------------------""".split("\n")


@pytest.mark.parametrize("text", ["pperron c", "pperron c, noconstant lags(3)", "dfgls c, maxlag(2)", "dfuller c"])
def test_constant_series_gives_missing_statistics(do, text):
    """A constant series: the ados' divisions by zero give missing values, not an error."""
    rc, printed, s = do("tsset t\n" + text, SERIES.assign(c=1.0))
    assert rc == 0, printed


def test_prais_constant_depvar_has_no_observations(do):
    rc, printed, _ = do("tsset t\nprais c x1", SERIES.assign(c=1.0))
    assert rc == 2000 and "no observations" in printed
