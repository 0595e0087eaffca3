"""corrgram and wntestq: numbers against R (tests/time_series_reference/autocorrelation.R: stats'
acf/pacf/Box.test, the regression PAC and the gapped series from first principles), the layout
against a published Stata log and corrgram.ado's errors."""
from __future__ import annotations


import numpy as np
import pytest

from mlmcli.render.autocorrelation import render_correlogram, render_portmanteau
from mlmcli.results.autocorrelation import Correlogram, PortmanteauTest

from time_series_helpers import SERIES, reference, run_tsset

REF = reference("autocorrelation")


def _run(do, text, tvar="t"):
    return run_tsset(do, text, tvar)


@pytest.mark.parametrize("case,cmd,pac", [("s8", "corrgram s, lags(8)", "pac_reg"),
                                          ("z3", "corrgram z, lags(3) yw", "pac_yw"),
                                          ("s_default", "corrgram s", "pac_reg")])
def test_against_r(do, case, cmd, pac):
    _, s = _run(do, cmd)
    ref = REF[case]
    lags = len(ref["ac"])
    assert s.r["lags"] == lags
    np.testing.assert_allclose(s.r["AC"].values.ravel(), ref["ac"], rtol=1e-9)
    np.testing.assert_allclose(s.r["Q"].values.ravel(), ref["q"], rtol=1e-9)
    plags = min(lags, 60 // 2 - 2)
    np.testing.assert_allclose(s.r["PAC"].values.ravel()[:plags], ref[pac][:plags], rtol=1e-7)
    assert s.r["q1"] == pytest.approx(ref["q"][0], rel=1e-9)


def test_gaps(do):
    printed, s = _run(do, "corrgram s, lags(3)", tvar="tg")
    ref = REF["s_gaps"]
    np.testing.assert_allclose(s.r["AC"].values.ravel(), ref["ac"], rtol=1e-9)
    np.testing.assert_allclose(s.r["PAC"].values.ravel(), ref["pac_reg"], rtol=1e-7)
    np.testing.assert_allclose(s.r["Q"].values.ravel(), ref["q"], rtol=1e-9)
    assert "(note: time series has 2 gaps)" in printed


def test_prob_column(do):
    printed, _ = _run(do, "corrgram s, lags(8) noplot")
    ref = REF["s8"]
    rows = [ln for ln in printed.split("\n") if ln[:1].isdigit()]
    assert [float(ln.split()[4]) for ln in rows] == pytest.approx([round(p, 4) for p in ref["p"]], abs=1e-12)
    assert " LAG       AC       PAC      Q     Prob>Q\n" + "-" * 41 in printed


def test_wntestq(do):
    printed, s = _run(do, "wntestq s")
    assert s.r["stat"] == pytest.approx(REF["wntestq_s"]["stat"], rel=1e-9)
    assert s.r["p"] == pytest.approx(REF["wntestq_s"]["p"], rel=1e-7)
    assert s.r["df"] == 28
    _, s = _run(do, "wntestq s, lags(8)")
    assert s.r["stat"] == pytest.approx(REF["s8"]["q"][-1], rel=1e-9)


def test_layout_against_a_published_stata_log():
    """Rows of ``corrgram depvar, lags(12)`` in a Stata log (values as printed there)."""
    rows = ((1, 0.6825, 0.6936, 18.207, 0.0), (3, 0.3648, -0.1279, 36.396, 0.0), (5, 0.3882, 0.4102, 46.72, 0.0),
            (6, 0.3572, 0.0117, 52.537, 0.0), (10, 0.0834, -0.2095, 59.671, 0.0))
    lines = render_correlogram(Correlogram(rows=rows)).split("\n")
    assert lines[:4] == ["", " " * 42 + "-1       0       1 -1       0       1",
                         " LAG       AC       PAC      Q     Prob>Q  [Autocorrelation]  [Partial Autocor]", "-" * 79]
    assert lines[4:] == [
        "1        0.6825   0.6936   18.207  0.0000          |-----             |-----   ",
        "3        0.3648  -0.1279   36.396  0.0000          |--               -|        ",
        "5        0.3882   0.4102    46.72  0.0000          |---               |---     ",
        "6        0.3572   0.0117   52.537  0.0000          |--                |        ",
        "10       0.0834  -0.2095   59.671  0.0000          |                 -|        "]


def test_portmanteau_layout():
    assert render_portmanteau(PortmanteauTest(stat=12.345678, df=20, p=0.9034)).split("\n") == [
        "", "Portmanteau test for white noise", "-" * 39, " Portmanteau (Q) statistic =    12.3457",
        " Prob > chi2(20)           =     0.9034"]


@pytest.mark.parametrize("text,rc,message", [
    ("corrgram s, lags(60)", 498, "lags() too large; must be less than 60"),
    ("corrgram s, lags(0)", 498, "lags() must be greater than zero"),
    ("wntestq s, lags(-1)", 498, "lags() must be greater than zero"),
    ("corrgram s in 1", 2001, "insufficient observations"),
    ("corrgram s if s > 100", 2000, "no observations"),
])
def test_errors(do, text, rc, message):
    got, printed, _ = do("tsset t\n" + text, SERIES.copy())
    assert got == rc and message in printed, printed


def test_constant_series_is_missing_not_an_error(do):
    """ac.ado divides by a zero sum of squares: missing AC, PAC, Q; wntestq's Q is 0 on 0 df."""
    data = SERIES.assign(c=1.0)
    rc, printed, s = do("tsset t\ncorrgram c, lags(3)", data.copy())
    assert rc == 0 and "AC" not in s.r and np.isnan(s.r["ac1"]) and np.isnan(s.r["q1"])
    assert "1             .        .        .       ." in printed
    rc, printed, s = do("tsset t\nwntestq c, lags(3)", data.copy())
    assert rc == 0 and s.r["stat"] == 0 and s.r["df"] == 0 and np.isnan(s.r["p"])
