"""Time-series data management ([TS] tsset, tsfill, tsappend, tsreport, [D] ipolate,
[P] unab/tsrevar): numbers derived by hand, text as Stata's ado-files (tsset.ado 7.4.7,
xtset.ado, tsfill.ado, tsappend.ado, tsreport.ado 1.2.4, ipolate.ado, tsunab.ado) print it."""
import math

M = math.nan

PANEL = """clear
input id t y
1 1 1
1 2 3
1 5 10
2 2 4
2 4 8
end
"""


def _same(a, b):
    assert len(a) == len(b), (a, b)
    for u, v in zip(a, b):
        assert (math.isnan(u) and math.isnan(v)) or abs(u - v) < 1e-12, (a, b)


def test_xtset_report_and_r(do):
    rc, out, s = do(PANEL + "xtset id t")
    assert rc == 0, out
    assert out.endswith("       panel variable:  id (unbalanced)\n"
                        "        time variable:  t, 1 to 5, but with gaps\n"
                        "                delta:  1 unit\n")
    r = s.r
    assert (r["tmin"], r["tmax"], r["tdelta"], r["gaps"], r["imin"], r["imax"]) == (1, 5, 1, 1, 1, 2)
    assert (r["timevar"], r["panelvar"], r["balanced"], r["tsfmt"], r["unit1"]) == ("t", "id", "unbalanced", "%9.0g", ".")
    assert (r["tmins"], r["tmaxs"], r["tdeltas"]) == ("1", "5", "1 unit")


def test_one_gap_is_a_gap(do):
    rc, out, _ = do(PANEL + "keep if id == 1\ntsset t")
    assert "        time variable:  t, 1 to 5, but with a gap\n" in out


def test_delta_and_time_scale(do):
    text = "clear\nset obs 4\ngen t = 100 + 2*_n\ngen y = _n^2\ntsset t, quarterly delta(2)\ngen ly = L.y\n"
    rc, out, s = do(text)
    assert rc == 0, out
    assert ("        time variable:  t, 1985q3 to 1987q1\n"
            "                delta:  2 quarters\n") in out
    assert s.data.formats["t"] == "%tq" and s.data.chars["_TSdelta"] == "+1.0000000000000X+001"
    assert (s.r["unit"], s.r["unit1"], s.r["tdelta"], s.r["gaps"]) == ("quarterly", "q", 2.0, 0.0)
    _same(list(s.data.numeric("ly")), [M, 1, 4, 9])  # L. steps delta = 2 time units


def test_delta_errors_and_force(do):
    base = "clear\nset obs 3\ngen t = _n\n"
    rc, out, _ = do(base + "tsset t, delta(2)")
    assert rc == 451 and "time values with period less than delta() found" in out
    rc, out, s = do(base + "tsset t, delta(2) force")
    assert rc == 0 and "t, 1 to 3, but with gaps" in out and "delta:  2 units" in out
    rc, out, _ = do(base + "tsset t, delta(0)")
    assert rc == 198 and "delta(0) evaluates to zero" in out
    rc, out, _ = do("clear\nset obs 3\ngen t = 7*_n\ntsset t, daily delta(1 week)")
    assert rc == 0 and "delta:  7 days" in out
    rc, out, _ = do(base + "tsset t, monthly delta(1 week)")
    assert rc == 198 and "option delta(1 week) invalid for %tm time variable" in out
    rc, out, _ = do(base + "tsset t, monthly format(%tm)")
    assert rc == 198 and "may not specify both format() and monthly" in out
    rc, out, _ = do("clear\nset obs 2\ngen t = _n/2\ntsset t")
    assert rc == 451 and "time variable must contain only integer values" in out


def test_replay_keeps_delta_and_clear(do):
    rc, out, s = do("clear\nset obs 3\ngen t = 3*_n\nquietly tsset t, delta(3)\ntsset\nxtset")
    assert out.count("delta:  3 units") == 2 and "but with" not in out
    rc, out, s = do("clear\nset obs 3\ngen t = _n\nquietly tsset t\ntsset, clear\ntsset")
    assert rc == 111 and "time variable not set, use tsset varname ..." in out
    rc, out, _ = do("clear\nset obs 3\ngen t = _n\ntsset t if t > 1")
    assert rc == 101 and "if not allowed" in out


def test_strongly_balanced(do):
    rc, out, s = do("clear\nset obs 4\ngen id = ceil(_n/2)\ngen t = mod(_n-1, 2)\nxtset id t")
    assert "panel variable:  id (strongly balanced)" in out and s.r["balanced"] == "strongly balanced"


def test_tsfill_and_full(do):
    rc, out, s = do(PANEL + "quietly xtset id t\ntsfill")
    assert rc == 0, out
    _same(list(s.data.numeric("t")), [1, 2, 3, 4, 5, 2, 3, 4])
    _same(list(s.data.numeric("y")), [1, 3, M, M, 10, 4, M, 8])
    rc, out, s = do(PANEL + "quietly xtset id t\ntsfill, full")
    _same(list(s.data.numeric("id")), [1] * 5 + [2] * 5)
    _same(list(s.data.numeric("t")), [1, 2, 3, 4, 5] * 2)
    rc, out, _ = do(PANEL + "tsfill")
    assert rc == 111


def test_tsappend(do):
    rc, out, s = do("clear\nset obs 3\ngen t = tq(2000q1) + _n - 1\ngen y = _n\nquietly tsset t, quarterly\n"
                    "tsappend, last(2001q1) tsfmt(tq)")
    assert rc == 0, out
    _same(list(s.data.numeric("t")), [160, 161, 162, 163, 164])
    _same(list(s.data.numeric("y")), [1, 2, 3, M, M])
    assert s.r["add"] == 2
    rc, out, s = do(PANEL + "quietly xtset id t\ntsappend, add(1)")
    # gaps are filled first (its tsreport + tsfill), then one period after each panel's last
    _same(list(s.data.numeric("t")), [1, 2, 3, 4, 5, 2, 3, 4, 6, 5])
    _same(list(s.data.numeric("id")), [1, 1, 1, 1, 1, 2, 2, 2, 1, 2])
    rc, out, _ = do(PANEL + "quietly xtset id t\ntsappend, add(1) panel(7)")
    assert rc == 2000 and "no observations for which id == 7" in out
    rc, out, _ = do(PANEL + "quietly xtset id t\ntsappend")
    assert rc == 198 and "you must specify either add() or last() " in out


def test_tsreport(do):
    rc, out, s = do(PANEL + "quietly xtset id t\ntsreport")
    assert out.endswith("\nPanel variable:   id\nTime variable:    t\n" + "-" * 27 + "\n"
                        "Starting period =         1\nEnding period   =         5\n"
                        "Observations    =         5\nNumber of gaps  =         4\n"
                        "(Gap count includes panel changes)\n")
    assert (s.r["N_gaps"], s.r["N_obs"], s.r["start"], s.r["end"]) == (4, 5, 1, 5)
    rc, out, s = do(PANEL + "quietly xtset id t\ntsreport, panel")
    assert s.r["N_gaps"] == 2 and "panel changes" not in out
    rc, out, _ = do(PANEL + "quietly xtset id t\ntsreport, report")
    assert rc == 198 and "option report not allowed" in out


IPOLATE = """clear
input g x y
1 1 .
1 2 2
1 3 .
1 4 6
1 4 8
1 6 .
2 1 1
2 2 .
2 5 4
2 7 .
2 . 3
end
"""


def test_ipolate_and_epolate(do):
    rc, out, s = do(IPOLATE + "ipolate y x, gen(z)\nipolate y x, gen(e) epolate by(g)\n"
                    "by g: ipolate y x, gen(b) epolate")
    assert rc == 0, out
    assert "(3 missing values generated)" in out and "(1 missing value generated)" in out
    # x = 4 averages 6 and 8; x = 3 lies halfway between 2 and 7
    _same(list(s.data.numeric("z")), [1, 2, 4.5, 7, 7, M, 1, 2, 4, M, M])
    _same(list(s.data.numeric("e")), [-.5, 2, 4.5, 7, 7, 12, 1, 1.75, 4, 5.5, M])
    _same(list(s.data.numeric("b")), list(s.data.numeric("e")))
    assert s.data.types["e"] == "double"
    rc, out, _ = do(IPOLATE + "by g: ipolate y x, gen(z) by(g)")
    assert rc == 190 and "option by() may not be combined with by prefix" in out


def test_tsunab_and_tsrevar(do):
    base = "clear\nset obs 4\ngen t = _n\ngen y = _n^2\ngen income = _n\nquietly tsset t\n"
    rc, out, s = do(base + "tsunab v : l(1/2).(y inc) d.y t")
    assert rc == 0 and s.locals["v"] == "L.y L2.y L.income L2.income D.y t"
    rc, out, _ = do(base + "tsunab v : y t, max(1) name(depvar)")
    assert rc == 103 and "depvar:  too many variables specified\n         1 variable required" in out
    rc, out, s = do(base + "tsrevar L.y y D.y L.y")
    names = s.r["varlist"].split()
    assert names[1] == "y" and names[0] == names[3] and names[0].startswith("__")
    _same(list(s.data.numeric(names[2])), [M, 3, 5, 7])
    rc, out, s = do(base + "tsrevar L.y D.income y, list")
    assert s.r["varlist"] == "y income"


def test_stata_command_mlm_lacks(do):
    rc, out, _ = do("xtdpd y")
    assert rc == 199 and "xtdpd is a Stata command that mlm does not implement" in out
    rc, out, _ = do("mgarch dcc y")
    assert rc == 199 and "mgarch is a Stata command that mlm does not implement" in out


SERIES = ("clear\nset obs 12\ngen t = _n\ngen x = mod(t, 3)\ngen z = sqrt(t)\n"
          "gen y = t^2/10 + x*2 + z*mod(t, 2)\nquietly tsset t\n")


def test_display_takes_operators(do):
    rc, out, _ = do("clear\nset obs 3\ngen t = _n\ngen y = t^2\nquietly tsset t\n"
                    "display F.y\ndisplay 2*D.y + 1 \" x \" F2.y\ndisplay \"L.y\"")
    assert rc == 0, out
    assert out.splitlines()[-3:] == ["4", ". x 9", "L.y"]  # observation 1, as display x does


def test_lag_of_a_string_is_type_mismatch(do):
    # Stata: replace s = L.s is r(109) (Stack Overflow 63281444, Stata 15/16 sessions)
    rc, out, _ = do("clear\nset obs 2\ngen t = _n\ngen s = \"a\"\nquietly tsset t\ngen s2 = L.s")
    assert rc == 109 and "type mismatch" in out


def _ols(X, y):
    import numpy as np

    return np.linalg.lstsq(np.column_stack(X + [np.ones(len(y))]), y, rcond=None)[0]


def test_factor_variables_of_lags(do):
    import numpy as np

    rc, out, s = do(SERIES + "regress y iL.x\nmatrix list e(b)")
    assert rc == 0, out
    assert "0bL.x        1L.x        2L.x       _cons" in out  # [U] 11.4.4: iL.x
    assert "         L.x |\n          1  |" in out
    t = np.arange(1, 13.)
    x = t % 3
    z = np.sqrt(t).astype(np.float32).astype(float)  # generate stores floats
    y = (t ** 2 / 10 + x * 2 + z * (t % 2)).astype(np.float32).astype(float)
    lx, yy = x[:-1], y[1:]
    b = _ols([(lx == 1) * 1., (lx == 2) * 1.], yy)
    rc, out, s = do(SERIES + "quietly regress y i.L.x\n"
                    "display %12.8f _b[1L.x] \" \" %12.8f _b[2L.x] \" \" %12.8f _b[_cons]")
    assert rc == 0, out
    assert np.allclose([float(v) for v in out.split()[-3:]], b, atol=2e-8)
    bz = _ols([lx * z[1:]], yy)
    rc, out, _ = do(SERIES + "quietly regress y cL.x#c.z\nmatrix list e(b)\ndisplay %12.8f _b[cL.x#c.z]")
    assert rc == 0 and "cL.x#c.z" in out and abs(float(out.split()[-1]) - bz[0]) < 2e-8
    rc, out, _ = do(SERIES + "quietly regress y L.x#c.z\nmatrix list e(b)")
    assert "0L.x#c.z    1L.x#c.z    2L.x#c.z" in out  # a variable in # is a factor unless c.
    rc, out, _ = do(SERIES + "regress y iD.x")
    assert rc == 198
    rc, out, _ = do(SERIES + "regress y L.z#c.x")  # the error Statalist posts show for lags in #
    assert rc == 452 and "L.z:  factor variables may not contain noninteger values" in out


def test_tsreport_under_version_12(do):
    rc, out, s = do(PANEL + "quietly xtset id t\nversion 12: tsreport, report")
    assert rc == 0, out
    # gaps: t=5 of id 1 and t=4 of id 2 lack their lag; id 2's first observation is a panel change
    assert out.endswith("\nNumber of gaps in sample:  3   (gap count includes panel changes)\n")
    assert s.r == {"N_gaps": 3.0}
    rc, out, s = do(PANEL + "quietly xtset id t\nversion 12: tsreport, report panel")
    assert out.endswith("\nNumber of gaps in sample:  2\n")
    rc, out, s = do(PANEL + "keep if id == 2 & t == 2\nquietly xtset id t\nversion 12: tsreport, report0")
    assert out.endswith("\nNumber of gaps in sample:  0\n")


def test_correlate_lags_honour_delta(do):
    rc, out, s = do("clear\nset obs 6\ngen t = 2*_n\ngen y = _n^2\nquietly tsset t, delta(2)\ncorrelate y L.y")
    assert rc == 0 and "(obs=5)" in out  # with delta 1 every L.y would be missing


def test_tsappend_failure_leaves_data(do):
    rc, out, s = do(PANEL + "quietly xtset id t\ntsappend, add(0)")
    assert rc == 198 and "add() must specify a positive integer " in out
    assert s.data.nobs == 5  # the gaps were not filled either
    rc, out, s = do(PANEL + "keep if id == 1\nquietly tsset t\ntsappend, add(-1)")
    assert rc == 198 and "add() must specify a strictly positive integer " in out and s.data.nobs == 3


def test_syntax_varlist_ts_and_fv(do):
    base = ("clear\nset obs 5\ngen t = _n\ngen y = t^2\nquietly tsset t\n"
            "program define showts\nsyntax varlist(ts fv)\ndisplay \"`varlist'\"\nend\n"
            "program define plain\nsyntax varlist\ndisplay \"`varlist'\"\nend\n")
    rc, out, _ = do(base + "showts cL.y i.t y 2.t c.y#i.t L(0/1).y")
    assert rc == 0 and out.splitlines()[-1] == "cL.y i.t y 2.t c.y#i.t y L.y", out
    rc, out, _ = do(base + "plain L.y")
    assert rc == 101 and "time-series operators not allowed" in out
