"""tssmooth ma and exponential: numbers against R (tests/tssmooth_reference/tssmooth_reference.R:
stats::filter, first-principles window means, stats::HoltWinters and optimize), the moving
average's ends and its layout against a published Stata log (y = 1..10, w(1 1 1) and w(2 1 2)),
the long-formula cut against a published weights(1 2 3 <4> 3 2 1) log, tssmooth.ado's and
_ts_exp.ado's messages; the refused smoothers by name (tssmooth nl: test_tssmooth_nl.py)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

OUT = Path(__file__).parent / "tssmooth_reference" / "tssmooth_reference.out"
DEXP_OUT = Path(__file__).parent / "tssmooth_reference" / "dexponential_reference.out"
HW_OUT = Path(__file__).parent / "tssmooth_reference" / "hwinters_reference.out"


def _reference() -> dict[str, np.ndarray]:
    out = {}
    for line in OUT.read_text().splitlines() + DEXP_OUT.read_text().splitlines() + HW_OUT.read_text().splitlines():
        key, *values = line.split()
        out[key] = np.array([float("nan") if v == "NA" else float(v) for v in values])
    return out


REF = _reference()
SERIES = "clear\nset obs 30\ngen t = _n\ngen double y = 10 + 0.3*t + (mod(37*t, 11) - 5)/2\ntsset t\n"
COUNTS = "clear\nset obs 10\ngen t = _n\ngen y = _n\ntsset t\n"


def _column(s, name):
    return s.data.numeric(name)


def test_published_log_ends_and_layout(do):
    rc, printed, s = do(COUNTS + "tssmooth ma y3 = y, w(1 1 1)\ntssmooth ma y5 = y, w(2 1 2)")
    assert rc == 0, printed
    assert "The smoother applied was\n     (1/3)*[x(t-1) + 1*x(t) + x(t+1)]; x(t)= y\n" in printed
    assert "     (1/5)*[x(t-2) + x(t-1) + 1*x(t) + x(t+1) + x(t+2)]; x(t)= y" in printed
    np.testing.assert_allclose(_column(s, "y3"), [1.5, 2, 3, 4, 5, 6, 7, 8, 9, 9.5])
    np.testing.assert_allclose(_column(s, "y5"), [2, 2.5, 3, 4, 5, 6, 7, 8, 8.5, 9])
    assert s.data.var_labels["y5"] == "ma: x(t)= y: window(2 1 2)"
    assert s.r["method"] == "ma" and s.r["exp"] == "y" and s.r["wlag2"] == 1 and s.r["w0"] == 1


def test_long_formula_cut_as_published(do):
    rc, printed, s = do(COUNTS + "tssmooth ma z = y, weights(1 2 3 <4> 3 2 1)")
    assert rc == 0, printed
    assert ("     (1/16)*[1*x(t-3) + 2*x(t-2) + 3*x(t-1) + 4*x(t) + 3*x(t+1) + 2*x(t+2) + ...;"
            " x(t)= y") in printed
    assert s.data.chars["z[tssmoother]"].endswith("2*x(t+2) + 1*x(t+3)]; x(t)= y")


def test_weights_against_r(do):
    rc, printed, s = do(SERIES + "tssmooth ma double z = y, weights(1 2 <3> 2 1)")
    assert rc == 0, printed
    assert "(1/9)*[1*x(t-2) + 2*x(t-1) + 3*x(t) + 2*x(t+1) + 1*x(t+2)]; x(t)= y" in printed
    np.testing.assert_allclose(_column(s, "z")[2:28], REF["ma_interior"], rtol=1e-12)


def test_window_without_current_against_r(do):
    rc, printed, s = do(SERIES + "tssmooth ma double z = y, window(2 0 1)")
    assert rc == 0, printed
    assert "(1/3)*[x(t-2) + x(t-1) + 0*x(t) + x(t+1)]; x(t)= y" in printed
    np.testing.assert_allclose(_column(s, "z"), REF["ma_window_201"], rtol=1e-12)


def test_panels_smoothed_separately(do):
    rc, printed, s = do(COUNTS + "gen id = 1 + (t > 5)\ntsset id t\ntssmooth ma z = y, w(1 1 1)")
    assert rc == 0, printed
    assert "     by id : (1/3)*[x(t-1) + 1*x(t) + x(t+1)]; x(t)= y" in printed
    np.testing.assert_allclose(_column(s, "z"), [1.5, 2, 3, 4, 4.5, 6.5, 7, 8, 9, 9.5])


def test_exponential_parms_against_holtwinters(do):
    rc, printed, s = do(SERIES + "tssmooth exponential double e = y, parms(.4)")
    assert rc == 0, printed
    np.testing.assert_allclose(_column(s, "e"), REF["exp_S"], rtol=1e-12)
    np.testing.assert_allclose(s.r["rss"], REF["exp_rss"][0], rtol=1e-12)
    np.testing.assert_allclose(s.r["s1_0"], REF["s0"][0], rtol=1e-12)
    assert s.r["N"] == 30 and s.r["N_pre"] == 15 and s.r["alpha"] == 0.4
    rmse = np.sqrt(REF["exp_rss"][0] / 30)
    assert printed.endswith("\nexponential coefficient  =       0.4000\n"
                            f"sum-of-squared residuals = {REF['exp_rss'][0]:12.5g}\n"
                            f"root mean squared error  = {rmse:12.5g}\n"), printed
    assert s.data.var_labels["e"] == "exp parms(0.4000) = y"


def test_exponential_float_recursion_reads_floats(do):
    """The default float variable is read back by the recursion: each step rounds to float."""
    rc, _, s = do(SERIES + "tssmooth exponential e = y, parms(.4)")
    y = 10 + 0.3 * np.arange(1, 31) + ((37 * np.arange(1, 31)) % 11 - 5) / 2
    path = [np.float32(REF["s0"][0])]
    for k in range(1, 30):
        path.append(np.float32(0.4 * y[k - 1] + 0.6 * float(path[-1])))
    np.testing.assert_array_equal(_column(s, "e"), np.array(path, float))


def test_exponential_optimal_against_optimize(do):
    rc, printed, s = do(SERIES + "tssmooth exponential double e = y")
    assert rc == 0, printed
    assert abs(s.r["alpha"] - REF["exp_opt_alpha"][0]) < 1e-4
    np.testing.assert_allclose(s.r["rss"], REF["exp_opt_rss"][0], rtol=1e-6)
    assert "\ncomputing optimal exponential  coefficient (0,1)\n\noptimal exponential coefficient =  " in printed
    assert "N_pre" not in s.r
    assert s.data.var_labels["e"].startswith("parms(0.35") and s.data.var_labels["e"].endswith(") = y")


def test_exponential_s0_samp0_and_forecast(do):
    rc, printed, s = do(SERIES + "tssmooth exponential double e = y, parms(.4) samp0(5) forecast(3)")
    assert rc == 0, printed
    y = 10 + 0.3 * np.arange(1, 31) + ((37 * np.arange(1, 31)) % 11 - 5) / 2
    s0 = y[:5].mean()
    path = [s0]
    for k in range(1, 30):
        path.append(0.4 * y[k - 1] + 0.6 * path[-1])
    ahead = 0.4 * y[-1] + 0.6 * path[-1]
    np.testing.assert_allclose(_column(s, "e"), path + [ahead] * 3, rtol=1e-12)
    np.testing.assert_allclose(_column(s, "t")[30:], [31, 32, 33])
    assert s.data.nobs == 33 and s.r["N"] == 30 and s.r["N_pre"] == 5
    rc, _, s = do(SERIES + "tssmooth exponential double e = y, parms(.4) s0(12)")
    assert _column(s, "e")[0] == 12 and "N_pre" not in s.r and s.r["s1_0"] == 12


@pytest.mark.parametrize("text,rc,message", [
    ("tssmooth ma z = y", 198, "either window() or weights() must be specified"),
    ("tssmooth ma z = y, w(1 1 1) weights(1 <1> 1)", 198, "specify either window() or weights(), not both"),
    ("tssmooth ma z = y, window(1 2)", 198, "coefficient on x(t) specified in window() is neither 0 nor 1"),
    ("tssmooth ma z = y, window(9)", 125, "window() invalid -- invalid numlist has elements outside of allowed range"),
    ("tssmooth ma z = y, weights(1 2 3)", 198, "missing < in weights()"),
    ("tssmooth ma z = y, weights(-1 <0> 1)", 198, "coefficients in weights() sum to zero"),
    ("tssmooth ma y = y, w(1 1 1)", 110, "variable y already defined"),
    ("tssmooth foo z = y, w(1)", 198, "foo is not a valid smoother"),
    ("tssmooth exponential z = y, parms(1.2)", 125, "parms() invalid -- invalid numlist has elements outside"),
    ("tssmooth exponential z = y, samp0(3) s0(2)", 198, "specify samp0() or s0(), not both"),
    ("tssmooth hwinters z = y, parms(.5 .5) s0(1 1) diff", 198, "specify diff or s0(), not both"),
    ("tssmooth exponential z = y in 1/1", 2000, "no observations"),  # regress on int(1/2) = 0 values
    ("tssmooth dexponential z = y in 1/2, parms(.5)", 2001, "insufficient observations"),
    ("tssmooth hwinters z = y in 1/3, parms(.5 .5)", 2001, "insufficient observations"),
    ("tssmooth dexponential z = y, s0(1)", 122, "s0() invalid -- invalid numlist has too few elements"),
    ("tssmooth hwinters z = y", 199, "tssmooth hwinters without parms() (weights chosen by ml) is not implemented"),
    ("tssmooth hwinters z = y, parms(.5 .5) from(.2 .2)", 198, "from() cannot be specified with parms()"),
    ("tssmooth hwinters z = y, parms(.5)", 122, "parms() invalid -- invalid numlist has too few elements"),
    ("tssmooth shwinters z = y, period(2)", 199, "tssmooth shwinters without parms() (weights chosen by ml) is implemented in mlmcli only with nolog"),
    ("tssmooth nl z = y", 198, "invalid smoother"),
    ("rolling _b: regress y t", 198, "option window() required"),
])
def test_errors_leave_data(do, text, rc, message):
    got, printed, s = do(COUNTS + text)
    assert got == rc and message in printed, printed
    assert s.data.varnames == ["t", "y"] and s.data.nobs == 10


def test_not_tsset(do):
    got, printed, _ = do("clear\nset obs 5\ngen y = _n\ntssmooth ma z = y, w(1 1 1)")
    assert got == 111 and "time variable not set" in printed


def test_dexponential_parms_against_r(do):
    rc, printed, s = do(SERIES + "tssmooth dexponential double d = y, parms(.4)")
    assert rc == 0, printed
    np.testing.assert_allclose(s.data.numeric("d"), REF["dexp_S2"], rtol=1e-12)
    np.testing.assert_allclose([s.r["s1_0"], s.r["s2_0"]], REF["dexp_s0"], rtol=1e-12)
    np.testing.assert_allclose(s.r["rss"], REF["dexp_rss_S2"][0], rtol=1e-12)
    rmse = np.sqrt(REF["dexp_rss_S2"][0] / 30)
    assert printed.endswith("\ndouble-exponential coefficient  =       0.4000\n"
                            f"sum-of-squared residuals        = {REF['dexp_rss_S2'][0]:12.5g}\n"
                            f"root mean squared error         = {rmse:12.5g}\n"), printed
    assert s.data.var_labels["d"] == "dexp parms(0.4000) = y" and s.r["method"] == "dexponential"
    assert s.r["N_pre"] == 15


def test_dexponential_forecast_against_r_and_holt_winters(do):
    rc, printed, s = do(SERIES + "tssmooth dexponential double d = y, parms(.4) forecast(2)")
    assert rc == 0, printed
    d = s.data.numeric("d")
    np.testing.assert_allclose(d[:30], REF["dexp_F"], rtol=1e-12)
    np.testing.assert_allclose(d[2:30], REF["holt_F_from3"], rtol=1e-10)  # Brown = Holt-Winters
    np.testing.assert_allclose(d[30:], REF["dexp_forecast"], rtol=1e-12)
    np.testing.assert_allclose(s.r["rss"], REF["dexp_rss_F"][0], rtol=1e-12)
    np.testing.assert_allclose(s.r["constant"] + s.r["linear"], REF["dexp_forecast"][0], rtol=1e-12)


def test_dexponential_optimal(do):
    """The bisection minimises the forecasts' SSE; the stored series is then S2 and its SSE is
    reported (_ts_dexp.ado's last run)."""
    rc, printed, s = do(SERIES + "tssmooth dexponential double d = y")
    assert rc == 0, printed
    assert abs(s.r["alpha"] - REF["dexp_opt_alpha"][0]) < 1e-4
    assert printed.split("delta:  1 unit\n")[1].startswith(
        "computing optimal double-exponential coefficient (0,1)\n\noptimal double-exponential coefficient =  ")
    assert s.data.var_labels["d"].startswith("dexpc(0.03") and "N_pre" not in s.r


def test_hwinters_parms_against_r_and_holt_winters(do):
    rc, printed, s = do(SERIES + "tssmooth hwinters double h = y, parms(.4 .3) forecast(2)")
    assert rc == 0, printed
    h = s.data.numeric("h")
    np.testing.assert_allclose(h[:30], REF["hw_pred"], rtol=1e-12)
    np.testing.assert_allclose(h[2:30], REF["hw_R_from3"], rtol=1e-10)
    np.testing.assert_allclose(h[30:], REF["hw_forecast"], rtol=1e-12)
    np.testing.assert_allclose([s.r["s1_0"], s.r["s2_0"]], REF["hw_start"], rtol=1e-12)
    np.testing.assert_allclose(s.r["rss"], REF["hw_rss"][0], rtol=1e-12)
    rmse = np.sqrt(REF["hw_rss"][0] / 30)
    assert printed.endswith("\nSpecified weights:\n                   alpha = 0.4000\n"
                            "                    beta = 0.3000\n"
                            f"sum-of-squared residuals = {REF['hw_rss'][0]:.7g}\n"
                            f" root mean squared error = {rmse:.7g}\n"), printed
    assert s.data.var_labels["h"] == "hw parms(0.400 0.300) = y" and s.r["method"] == "hwinters"


def test_hwinters_diff_start(do):
    rc, printed, s = do(SERIES + "tssmooth hwinters double h = y, parms(.4 .3) diff")
    assert rc == 0, printed
    np.testing.assert_allclose(s.r["rss"], REF["hw_diff_rss"][0], rtol=1e-12)


def test_recursive_smoothers_per_panel(do):
    """Each panel is smoothed as its own series (the R-checked single-series numbers), each block
    headed as _ts_exp.ado under by prints it; r() is the last panel's."""
    panels = SERIES + "gen id = 1 + (t > 15)\ntsset id t\n"
    rc, printed, s = do(panels + "tssmooth exponential double e = y, parms(.4)")
    assert rc == 0, printed
    rule = "-" * s.linesize
    assert f"\n{rule}\n-> id = 1\n\nexponential coefficient  =       0.4000\n" in printed
    assert f"\n{rule}\n-> id = 2\n\nexponential coefficient  =" in printed
    y = s.data.numeric("y")
    for lo, hi in ((0, 15), (15, 30)):
        part = y[lo:hi]
        path = [part[:7].mean()]
        for v in part[:-1]:
            path.append(0.4 * v + 0.6 * path[-1])
        np.testing.assert_allclose(s.data.numeric("e")[lo:hi], path, rtol=1e-12)
    assert s.r["N"] == 15 and s.r["panelvar"] == "id"
    rc, printed, s = do(panels + "tssmooth hwinters double h = y if id == 1, parms(.4 .3)")
    assert rc == 0, printed
    assert f"\n{rule}\n-> id = 1\n\nSpecified weights:\n" in printed  # headed with one panel too
    rc, printed, s = do(panels + "tssmooth exponential e = y, parms(.4) forecast(2)")
    assert rc == 199 and "forecast() over several panels is not implemented" in printed


def test_forecast_fills_the_rows_after_the_last_value_then_appends(do):
    """myadd appends only the periods still short; the rows after the last value take tau = 1, 2,
    ... in time order (here two existing rows, then two appended periods)."""
    rc, printed, s = do(SERIES + "replace y = . if t > 28\n"
                        "tssmooth dexponential double d = y, parms(.4) forecast(4)")
    assert rc == 0, printed
    assert s.data.nobs == 32
    np.testing.assert_array_equal(s.data.numeric("t")[28:], [29, 30, 31, 32])
    expected = s.r["constant"] + s.r["linear"] * np.arange(1, 5)
    np.testing.assert_allclose(s.data.numeric("d")[28:], expected, rtol=1e-12)
    rc, printed, s = do(SERIES + "tssmooth hwinters double h = y if t <= 27, parms(.4 .3) forecast(2)")
    assert rc == 0 and s.data.nobs == 30, printed
    h = s.data.numeric("h")
    np.testing.assert_allclose(h[27:29], s.r["constant"] + s.r["linear"] * np.arange(1, 3), rtol=1e-12)
    assert np.isnan(h[29])
