"""mean, total, ratio and proportion outside svy: numbers against R (survey's linearization,
the manual's formulas; tests/descriptive_estimation_reference/reference.R and its JSON), the
Stata 13 layout ([R] mean's header and table, a published Stata 13 log), e() and errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from descriptive_reference_data import REF, VALUES, frame


@pytest.fixture
def data(new_session):
    return lambda: new_session(frame())


def _fit(run, session, text):
    printed, rc = run(session, text)
    assert rc == 0, printed
    e = session.e
    return e, printed


def _check(e, expected: list[dict], df: float | None = None):
    b = e.matrices["b"].values[0]
    se = np.sqrt(np.diag(e.matrices["V"].values))
    rows = e.result.table.rows
    assert len(b) == len(expected)
    for i, ref in enumerate(expected):
        assert b[i] == pytest.approx(ref["b"], rel=1e-10)
        assert se[i] == pytest.approx(ref["se"], rel=1e-9)
        assert rows[i].ci_lo == pytest.approx(ref["lb"], rel=1e-9)
        assert rows[i].ci_hi == pytest.approx(ref["ub"], rel=1e-9)
        assert e.scalars["df_r"] == ref["df"]


@pytest.mark.parametrize("command, keys", [
    ("mean y x", ["mean_y", "mean_x"]),
    ("mean y, level(90)", ["mean_y_level90"]),
    ("mean y, over(g)", ["mean_y_over_g.1", "mean_y_over_g.2", "mean_y_over_g.3"]),
    ("mean y [fw=f]", ["mean_y_fw"]),
    ("mean y [aw=pw]", ["mean_y_aw"]),
    ("mean y [iw=pw]", ["mean_y_iw"]),
    ("mean y [pw=pw]", ["mean_y_pw"]),
    ("mean y, vce(cluster c)", ["mean_y_cluster"]),
    ("mean y [pw=pw], cluster(c)", ["mean_y_pw_cluster"]),
    ("mean y [pw=pw], over(g)", ["mean_y_over_g_pw.0", "mean_y_over_g_pw.1", "mean_y_over_g_pw.2"]),
    ("total y", ["total_y"]),
    ("total y [fw=f]", ["total_y_fw"]),
    ("total y [pw=pw]", ["total_y_pw"]),
    ("total y [aw=pw]", ["total_y_aw"]),
    ("ratio y/x", ["ratio_y_x"]),
    ("ratio y x [fw=f]", ["ratio_y_x_fw"]),
    ("ratio (q: y/x) [pw=pw]", ["ratio_y_x_pw"]),
    ("proportion g", ["proportion_g.1", "proportion_g.2", "proportion_g.3"]),
])
def test_numbers_against_r(data, run, command, keys):
    def lookup(key):
        head, _, tail = key.partition(".")
        value = VALUES[head]
        return (value[int(tail)] if isinstance(value, list) else value[tail]) if tail else value

    e, _ = _fit(run, data(), command)
    _check(e, [lookup(k) for k in keys])


def test_layout_of_mean_as_stata13(data, run):
    """The header and table of a published Stata 13 log (``mean shells1``): title, Number of
    obs at column 37 (%7 wide), the table with Mean / Std. Err. / [95% Conf. Interval]."""
    _, printed = _fit(run, data(), "mean y")
    assert printed.splitlines()[:8] == [
        "",
        "Mean estimation                     Number of obs    =      40",
        "",
        "--------------------------------------------------------------",
        "             |       Mean   Std. Err.     [95% Conf. Interval]",
        "-------------+------------------------------------------------",
        "           y |   11.69425   .4684745      10.74667    12.64183",  # reference.json's mean_y
        "--------------------------------------------------------------"]


def test_over_legend_and_table(data, run, new_session):
    """over(): the legend (name: var = label) between blank lines, "Over" over the names, the
    variable's heading row (the layout of a published log of mean, over())."""
    session = data()
    run(session, 'label define gl 1 "Low" 2 "Mid" 3 "High end"\nlabel values g gl')
    e, printed = _fit(run, session, "mean y, over(g)")
    assert "          Low: g = Low\n          Mid: g = Mid\n    _subpop_3: g = High end\n" in printed
    assert "        Over |       Mean   Std. Err.     [95% Conf. Interval]\n" in printed
    assert "\ny            |\n         Low |" in printed
    assert e.matrices["b"].colnames == ("y:Low", "y:Mid", "y:_subpop_3")
    assert e.macros["over"] == "g" and e.macros["over_namelist"] == "Low Mid _subpop_3"
    assert e.scalars["N_over"] == 3
    assert list(e.matrices["_N"].values[0]) == [14.0, 13.0, 13.0]
    _, printed = _fit(run, session, "mean y, over(g, nolabel) nolegend noheader")
    assert "Mean estimation" not in printed and "g = " not in printed
    assert session.e.matrices["b"].colnames == ("y:1", "y:2", "y:3")


def test_e_results_and_postestimation(data, run):
    """e() as a published Stata 13 ereturn list after mean shows them; test, lincom and
    estimates table read them."""
    session = data()
    e, _ = _fit(run, session, "mean y x")
    assert list(e.scalars) == ["df_r", "N_over", "N", "k_eq", "rank"]
    assert e.scalars["N"] == 40 and e.scalars["rank"] == 2
    assert {k: e.macros[k] for k in ("cmdline", "cmd", "vce", "title", "estat_cmd", "varlist", "depvar")} == {
        "cmdline": "mean y x", "cmd": "mean", "vce": "analytic", "title": "Mean estimation",
        "estat_cmd": "estat_vce_only", "varlist": "y x", "depvar": "Mean"}
    printed, rc = run(session, "lincom y - x\ntest y = x\nestimates store m1\nestimates table m1, se")
    assert rc == 0, printed
    diff = VALUES["mean_y"]["b"] - VALUES["mean_x"]["b"]
    assert f"{diff:.7g}"[:6] in printed
    assert "F(  1,    39)" in printed and "_cons" not in printed


def test_ratio_and_total_tables(data, run):
    _, printed = _fit(run, data(), "ratio (q: y/x) (x/y)")
    assert "            q: y/x\n     _ratio_2: x/y\n" in printed
    assert "             |             Linearized\n             |      Ratio   Std. Err." in printed
    _, printed = _fit(run, data(), "total y, vce(cluster c)")
    assert "                      (Std. Err. adjusted for 6 clusters in c)\n" in printed
    assert "             |               Robust\n             |      Total   Std. Err." in printed


def test_coeflegend_and_replay(data, run):
    session = data()
    _, printed = _fit(run, session, "mean y x, coeflegend")
    assert "             |       Mean  Legend\n" in printed and "  _b[x]\n" in printed
    printed, rc = run(session, "mean, level(90)")
    assert rc == 0 and "[90% Conf. Interval]" in printed
    lo = float(printed.splitlines()[-3].split()[-2])
    assert lo == pytest.approx(VALUES["mean_y_level90"]["lb"], rel=1e-6)


def test_vce_bootstrap_and_jackknife_run_the_prefix(data, run):
    """The prefix's replicates, shown in mean's own table (bootstrap's narrow table with
    Observed / Bootstrap / Normal-based, as a published log of bootstrap on mean shows)."""
    from scipy import stats

    session = data()
    printed, rc = run(session, "mean y, vce(jackknife)")
    assert rc == 0 and "             |              Jackknife\n             |       Mean   Std. Err." in printed
    assert "Replications     =      40" in printed
    # the jackknife SE of a mean is s/sqrt(n)
    assert np.sqrt(session.e.matrices["V"].values[0, 0]) == pytest.approx(VALUES["mean_y"]["se"], rel=1e-9)
    printed, rc = run(session, "mean y, vce(bootstrap, reps(25) seed(3))")
    assert rc == 0 and "             |   Observed   Bootstrap         Normal-based\n" in printed
    b, se = session.e.matrices["b"].values[0, 0], np.sqrt(session.e.matrices["V"].values[0, 0])
    row = next(ln for ln in printed.splitlines() if ln.startswith("           y |"))
    lo, hi = (float(v) for v in row.split()[-2:])
    z = stats.norm.ppf(0.975)
    assert (lo, hi) == (pytest.approx(b - z * se, rel=1e-6), pytest.approx(b + z * se, rel=1e-6))
    replayed, rc = run(session, "mean")
    assert rc == 0 and row in replayed


@pytest.mark.parametrize("command, message, rc", [
    ("ratio y x g", "parentheses are required for multiple ratio specifications", 198),
    ("ratio y/x x/y", "parentheses are required for multiple ratio specifications", 198),
    ("mean nosuch", "variable nosuch not found", 111),
    ("mean y, vce(robust)", "vcetype 'robust' not allowed", 198),
    ("ratio y/x [aw=f]", "aweights not allowed", 101),
    ("proportion g [aw=f]", "aweights not allowed", 101),
    ("mean y if y > 1000", "no observations", 2000),
    ("mean", "last estimates not found", 301),
])
def test_errors(data, run, command, message, rc):
    session = data()
    printed, code = run(session, command)
    assert code == rc and message in printed


def test_proportion_missing_nolabel_and_sample_levels(new_session, run):
    """proportion's levels are those of the sample; missing makes "." a level; nolabel names
    labelled levels by their values; the SE is sqrt(p(1-p)/(n-1)) (Stata 13, as reference.R)."""
    df = pd.DataFrame({"r": [np.nan] * 4 + [float(i % 3) for i in range(16)]})
    session = new_session(df)
    run(session, 'label define rl 0 "zero" 2 "two"\nlabel values r rl')
    e, printed = _fit(run, session, "proportion r")
    assert e.matrices["b"].colnames == ("r:_prop_1", "r:1", "r:_prop_3") and e.scalars["N"] == 16
    assert "      _prop_1: r = zero\n      _prop_3: r = two\n" in printed
    p = 6 / 16
    assert np.sqrt(e.matrices["V"].values[0, 0]) == pytest.approx(np.sqrt(p * (1 - p) / 15), rel=1e-12)
    e, printed = _fit(run, session, "proportion r, missing")
    assert e.matrices["b"].values[0][-1] == pytest.approx(4 / 20) and "_prop_4: r = ." in printed
    e, _ = _fit(run, session, "proportion r, nolabel")
    assert e.matrices["b"].colnames == ("r:0", "r:1", "r:2")
    e, _ = _fit(run, session, "proportion r if r != 2")
    assert e.matrices["b"].colnames == ("r:_prop_1", "r:1")


def test_cformat(data, run):
    _, printed = _fit(run, data(), "mean y, cformat(%9.2f)")
    assert "           y |      11.69       0.47         10.75       12.64\n" in printed


def test_proportion_over(data, run):
    """proportion, over(): every level a _prop_# equation, the groups its rows; SE
    sqrt(p(1-p)/(n_g - 1)) within each group (Stata 13's V_srssub), t on n - 1."""
    from scipy import stats

    session = data()
    e, printed = _fit(run, session, "proportion b, over(g)")
    assert e.matrices["b"].colnames == ("_prop_1:1", "_prop_1:2", "_prop_1:3", "_prop_2:1", "_prop_2:2", "_prop_2:3")
    assert "      _prop_1: b = 0\n      _prop_2: b = 1\n\n" in printed and "_prop_1      |\n" in printed
    df = pd.read_csv(REF / "data.csv")
    for j, (level, group) in enumerate([(lv, gr) for lv in (0, 1) for gr in (1, 2, 3)]):
        sub = df.b[df.g == group]
        p = float((sub == level).mean())
        se = np.sqrt(p * (1 - p) / (len(sub) - 1))
        assert e.matrices["b"].values[0, j] == pytest.approx(p)
        assert np.sqrt(e.matrices["V"].values[j, j]) == pytest.approx(se, rel=1e-12)
        assert e.result.table.rows[j].ci_lo == pytest.approx(p - stats.t.ppf(0.975, 39) * se, rel=1e-9)
    assert e.macros["namelist"] == "_prop_1 _prop_2"


def test_predict_is_not_allowed(data, run):
    """_no_predict.ado: "predict is not allowed after mean" r(301) (svy: svy:mean)."""
    session = data()
    printed, rc = run(session, "mean y\npredict p")
    assert rc == 301 and "predict is not allowed after mean" in printed
