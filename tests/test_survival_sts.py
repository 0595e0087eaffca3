"""sts graph / list / generate / test: Kaplan-Meier numbers against R's survival package
(tests/survival_reference/sts_km.R -> sts_km.json: survfit conf.type="log-log", Surv(t0, t, d)
for delayed entry, survdiff), Stata 13's printed layouts, and the drawn figure."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from graphs_helpers import (all_texts, artists, axes, drawn, legend_texts, run, segments,
                            survival_reference_session, tick_texts)

REF = json.loads((Path(__file__).parent / "survival_reference" / "sts_km.json").read_text())


@pytest.fixture()
def s():
    session = survival_reference_session("sts_km.csv", "stset t, failure(d)")
    run(session, 'label define gl 1 "low" 2 "mid" 3 "high"\nlabel values g gl')
    return session


def km_points(ref: dict, key: str = "surv"):
    """The step line R's table implies: (0, 1), then each time's value."""
    return np.r_[0.0, ref["time"]], np.r_[1.0, ref[key]]


def step_vertices(xs, ys):
    """connect(J)'s polyline of points: flat to the next x, then vertical."""
    out = [(xs[0], ys[0])]
    for x, y, prev in zip(xs[1:], ys[1:], ys[:-1]):
        out += [(x, prev), (x, y)]
    return np.array(out)


# ---------------------------------------------------------------- sts graph
def test_graph_plain_step_line_titles_axes(s):
    graph, fig = drawn(s, "sts graph")
    (line,) = graph.panels[0].series
    xs, ys = km_points(REF["plain"])
    np.testing.assert_allclose(line.x, xs)
    np.testing.assert_allclose(line.y, ys, atol=1e-12)
    (seg,) = segments(fig, "p1-s1-line")
    np.testing.assert_allclose(seg, step_vertices(xs, ys), atol=1e-12)
    ax = axes(fig)
    assert "Kaplan-Meier survival estimate" in all_texts(fig)
    assert ax.get_xlabel() == "analysis time" and ax.get_ylabel() == ""
    assert tick_texts(ax, "y") == ["0.00", "0.25", "0.50", "0.75", "1.00"]
    assert legend_texts(fig) == []


def test_sts_alone_is_sts_graph(s):
    graph, _ = drawn(s, "sts")
    np.testing.assert_allclose(graph.panels[0].series[0].y, km_points(REF["plain"])[1], atol=1e-12)


def test_graph_by_lines_and_value_label_legend(s):
    graph, fig = drawn(s, "sts graph, by(g)")
    lines = graph.panels[0].series
    assert len(lines) == 3
    for line, ref in zip(lines, REF["groups"]):
        xs, ys = km_points(ref)
        np.testing.assert_allclose(line.x, xs)
        np.testing.assert_allclose(line.y, ys, atol=1e-12)
    assert legend_texts(fig) == ["g = low", "g = mid", "g = high"]


def test_graph_ci_band_is_log_log_interval(s):
    graph, fig = drawn(s, "sts graph, ci")
    band, line = graph.panels[0].series
    assert band.kind == "area" and line.kind == "line"
    ref = REF["plain"]
    # the band holds each time's interval until the next time (stairs), none before a failure
    lo = np.array(ref["lower"], float)
    hi = np.array(ref["upper"], float)
    bx = np.repeat(np.r_[0.0, ref["time"]], 2)[1:]
    blo = np.repeat(np.r_[np.nan, lo], 2)[:-1]
    bhi = np.repeat(np.r_[np.nan, hi], 2)[:-1]
    keep = ~np.isnan(blo)
    np.testing.assert_allclose(band.x, bx[keep])
    np.testing.assert_allclose(band.y, blo[keep], atol=1e-12)
    np.testing.assert_allclose(band.y2, bhi[keep], atol=1e-12)
    assert len(artists(fig, "p1-s1-area")) == 1
    assert legend_texts(fig) == ["95% CI", "Survivor function"]


def test_graph_level_and_by_ci(s):
    graph, fig = drawn(s, "sts graph, ci level(90)")
    band = graph.panels[0].series[0]
    np.testing.assert_allclose(band.y[::2], np.array(REF["level90"]["lower"], float), atol=1e-12)
    assert legend_texts(fig)[0] == "90% CI"
    graph, fig = drawn(s, "sts graph, by(g) ci")
    assert [x.kind for x in graph.panels[0].series] == ["area"] * 3 + ["line"] * 3
    assert legend_texts(fig) == ["g = low", "g = mid", "g = high"]


def test_graph_failure(s):
    graph, fig = drawn(s, "sts graph, failure ci")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.y, 1 - km_points(REF["plain"])[1], atol=1e-12)
    np.testing.assert_allclose(band.y[0], 1 - REF["plain"]["upper"][0], atol=1e-12)
    assert "Kaplan-Meier failure estimate" in all_texts(fig)
    assert legend_texts(fig) == ["95% CI", "Failure function"]


def test_graph_delayed_entry_and_noorigin(s):
    run(s, "stset t, failure(d) enter(time t0)")
    graph, _ = drawn(s, "sts graph")
    line = graph.panels[0].series[0]
    ref = REF["entry"]
    # R lists event/censoring times only; entry times (1.5) add rows where S does not change
    at = np.searchsorted(line.x, ref["time"])
    np.testing.assert_allclose(line.x[at], ref["time"])
    np.testing.assert_allclose(line.y[at], ref["surv"], atol=1e-12)
    graph, _ = drawn(s, "sts graph, noorigin")
    assert graph.panels[0].series[0].x[0] == 1.0


def test_graph_tmax_and_twoway_options(s):
    graph, fig = drawn(s, 'sts graph, tmax(10) title("Mine") plot1opts(lcolor(red))')
    line = graph.panels[0].series[0]
    assert line.x.max() <= 10
    assert "Mine" in all_texts(fig) and "Kaplan-Meier survival estimate" not in all_texts(fig)


def test_graph_if_restricts_sample(s):
    graph, _ = drawn(s, "sts graph if g == 1")
    np.testing.assert_allclose(graph.panels[0].series[0].y, km_points(REF["groups"][0])[1], atol=1e-12)


def test_graph_separate_lost_and_addplot(s):
    # lost is drawn in each panel (tests/test_sts_graph_separate_marks.py); addplot() is Stata's
    # by()-graph error after the panels are made
    graph, _ = drawn(s, "sts graph, by(g) separate lost")
    assert len(graph.panels) == 3
    out, rc = run(s, "sts graph, by(g) separate addplot(line d t)", stop_on_error=False)
    assert rc == 198 and "Graph family bygraph_g does not support addplot." in out


def test_graph_errors(s):
    out, rc = run(s, "sts graph, bogus", stop_on_error=False)
    assert rc == 198 and "option bogus not allowed" in out
    run(s, "stset, clear")
    out, rc = run(s, "sts graph", stop_on_error=False)
    assert (out.strip().splitlines()[0], rc) == ("data not st", 119)
    out, rc = run(s, "sts frobnicate", stop_on_error=False)
    assert rc == 198


# ---------------------------------------------------------------- sts list
HEAD = ["",
        "           Beg.          Net            Survivor      Std.",
        "  Time    Total   Fail   Lost           Function     Error     [95% Conf. Int.]",
        "-" * 79]


def fixed(value) -> str:
    return "." if value is None or value != value else f"{value:.4f}"


def test_list_layout_and_numbers(s):
    out, rc = run(s, "sts list")
    assert rc == 0, out
    lines = out.rstrip("\n").split("\n")
    assert lines[:4] == ["", "         failure _d:  d", "   analysis time _t:  t", ""]
    assert lines[3:7] == HEAD
    assert lines[-1] == "-" * 79
    body = lines[7:-1]
    ref = REF["plain"]
    assert len(body) == len(ref["time"])
    # the first row: 60 at risk, R's numbers; every row against R
    lost = {t: 0 for t in ref["time"]}
    for line, t, n, ev, sv, se, lo, hi in zip(body, ref["time"], ref["n_risk"], ref["n_event"], ref["surv"],
                                              ref["std_err"], ref["lower"], ref["upper"]):
        fields = line.split()
        assert [float(fields[0]), float(fields[1]), float(fields[2])] == [t, n, ev]
        assert fields[4:] == [fixed(sv), fixed(se), fixed(lo), fixed(hi)]
    assert body[0] == "     1       60      2      0             0.9667    0.0232     0.8732    0.9916"


def test_list_by_headings_failure_level_and_at(s):
    out, _ = run(s, "sts list, by(g) at(5 10) failure level(90) noshow")
    lines = out.rstrip("\n").split("\n")
    assert lines[:5] == ["",
                         "              Beg.                      Failure       Std.",
                         "    Time     Total     Fail             Function     Error     [90% Conf. Int.]",
                         "-" * 79, "low "]
    assert lines[-2:] == ["Note:  Failure function is calculated over full data and evaluated at indicated",
                          "       times; it is not calculated from aggregates shown at left."]
    assert [line for line in lines if line.endswith(" ")] == ["low ", "mid ", "high "]
    # group 1 at time 5: failure = 1 - S(5) from R; at risk = records with t >= 5
    ref = REF["groups"][0]
    row = lines[5].split()
    k = np.searchsorted(ref["time"], 5, side="right") - 1
    assert row[0] == "5" and float(row[3]) == pytest.approx(1 - ref["surv"][k], abs=5e-5)
    assert float(row[1]) == ref["n_risk"][np.searchsorted(ref["time"], 5)]


def test_list_delayed_entry_at_risk_from_r(s):
    run(s, "stset t, failure(d) enter(time t0)")
    out, _ = run(s, "sts list, noshow")
    rows = {float(line.split()[0]): line.split() for line in out.split("\n")[4:-2]}
    ref = REF["entry"]
    for t, n, sv in zip(ref["time"], ref["n_risk"], ref["surv"]):
        assert float(rows[t][1]) == n and rows[t][4] == fixed(sv)


# ---------------------------------------------------------------- sts generate
def r_at(ref: dict, key: str, times) -> np.ndarray:
    """R's table value in effect at each time (its rows are every event/censoring time)."""
    index = np.searchsorted(ref["time"], times)
    return np.array(ref[key], float)[index]


def test_generate_functions_by_group_against_r(s):
    out, rc = run(s, "sts generate km = s se = se(s) lo = lb(s) hi = ub(s) risk = n dead = d, by(g)")
    assert rc == 0, out
    data = s.data
    t, g = data.numeric("t"), data.numeric("g")
    for k, ref in enumerate(REF["groups"], start=1):
        sel = g == k
        np.testing.assert_allclose(data.numeric("km")[sel], r_at(ref, "surv", t[sel]), rtol=1e-6)
        np.testing.assert_allclose(data.numeric("se")[sel], r_at(ref, "std_err", t[sel]), rtol=1e-6)
        np.testing.assert_allclose(data.numeric("lo")[sel], r_at(ref, "lower", t[sel]), rtol=1e-6)
        np.testing.assert_allclose(data.numeric("hi")[sel], r_at(ref, "upper", t[sel]), rtol=1e-6)
        # Gen merges n and d back only at the failure times (sts.ado's keep if Die)
        failing = r_at(ref, "n_event", t[sel]) > 0
        np.testing.assert_allclose(data.numeric("risk")[sel][failing], r_at(ref, "n_risk", t[sel])[failing])
        np.testing.assert_allclose(data.numeric("dead")[sel][failing], r_at(ref, "n_event", t[sel])[failing])
        assert np.isnan(data.numeric("risk")[sel][~failing]).all() and np.isnan(data.numeric("dead")[sel][~failing]).all()
    assert data.types["km"] == "double" and data.types["risk"] == "byte"  # AddSurv's doubles, st_ct's compress
    assert data.var_labels["km"] == "S(t+0)" and data.var_labels["lo"] == "S() 95% lower bound"


def test_generate_outside_sample_is_missing_and_errors_leave_data(s):
    run(s, "sts gen km = s if g == 1")
    km = s.data.numeric("km")
    assert np.isnan(km[s.data.numeric("g") != 1]).all() and not np.isnan(km[s.data.numeric("g") == 1]).any()
    before = list(s.data.varnames)
    for text, rc, message in (("sts gen km = s", 110, "variable km already defined"),
                              ("sts gen a = s b = zz", 198, "zz unknown function"),
                              ("sts gen a", 198, "invalid syntax")):
        out, code = run(s, text, stop_on_error=False)
        assert code == rc and message in out, out
    assert list(s.data.varnames) == before


# ---------------------------------------------------------------- sts test
def test_logrank_table_against_survdiff(s):
    out, rc = run(s, "sts test g")
    assert rc == 0, out
    ref = REF["logrank"]
    e = ref["expected"]
    # logrank.ado: the label column is max(name, labels, 5) + 1 wide, chi2 at column width + 7
    assert out.rstrip("\n").split("\n")[3:] == [
        "", "",
        "Log-rank test for equality of survivor functions",
        "",
        "      |   Events         Events",
        "g     |  observed       expected",
        "------+-------------------------",
        f"low   |        16{e[0]:15.2f}",
        f"mid   |        13{e[1]:15.2f}",
        f"high  |        15{e[2]:15.2f}",
        "------+-------------------------",
        "Total |        44          44.00",
        "",
        f"            chi2(2) ={ref['chi2']:11.2f}",
        f"            Pr>chi2 ={ref['p']:11.4f}"]
    assert ref["observed"] == [16, 13, 15]
    out, _ = run(s, "display r(chi2) _n r(df)")
    assert [float(x) for x in out.split()] == [pytest.approx(ref["chi2"], rel=1e-6), 2.0]


def test_wilcoxon_against_r(s):
    out, _ = run(s, "sts test g, wilcoxon noshow")
    lines = out.rstrip("\n").split("\n")
    assert lines[:3] == ["", "", "Wilcoxon (Breslow) test for equality of survivor functions"]
    assert lines[4:6] == ["      |   Events         Events        Sum of",
                          "g     |  observed       expected        ranks"]
    assert lines[-2] == f"            chi2(2) ={REF['wilcoxon']['chi2']:11.2f}"
    out, _ = run(s, "display r(chi2)")
    assert float(out) == pytest.approx(REF["wilcoxon"]["chi2"], rel=1e-6)


def test_test_errors(s):
    for text, rc, message in (("sts test", 100, "varlist required"),
                              ("sts test g, logrank wilcoxon", 198,
                               "options logrank, wilcoxon, tware, peto, fh and cox are alternatives")):
        out, code = run(s, text, stop_on_error=False)
        assert code == rc and message in out, out


def test_graph_typed_legend_labels_replace_the_group_labels(s):
    _, fig = drawn(s, 'sts graph, by(g) legend(label(1 "A") label(3 "C"))')
    assert legend_texts(fig) == ["A", "g = mid", "C"]
    _, fig = drawn(s, "sts graph, by(g) legend(order(3 1))")
    assert legend_texts(fig) == ["g = high", "g = low"]
    out, rc = run(s, "sts graph, by(g) plot4opts(lcolor(red))", stop_on_error=False)
    assert rc == 198 and "plot4opts() invalid: there are only 3 groups" in out
    _, fig = drawn(s, "sts graph, legend(on)")
    assert legend_texts(fig) == ["Survivor function"]
    _, fig = drawn(s, "sts graph, by(g) legend(off)")
    assert legend_texts(fig) == []


def test_stset_fweights_count_as_copies(s):
    """stset [fw=w]: the table of the data expanded by w (frequency weights)."""
    run(s, "generate w = mod(_n, 3) + 1\nstset t [fw=w], failure(d)")
    out_w, _ = run(s, "sts list, noshow")
    run(s, "sts generate kw = s")
    run(s, "expand w\nstset t, failure(d)")
    out_x, _ = run(s, "sts list, noshow")
    assert out_w == out_x
    run(s, "sts generate kx = s")
    np.testing.assert_allclose(s.data.numeric("kw"), s.data.numeric("kx"))
    run(s, "stset t [pw=w], failure(d)")
    out, rc = run(s, "sts list", stop_on_error=False)
    assert rc == 198 and "sts with pweights not supported by mlmcli" in out


def test_graph_cumhaz_is_nelson_aalen(s):
    graph, fig = drawn(s, "sts graph, cumhaz")
    (line,) = graph.panels[0].series
    ref = REF["plain"]
    # no origin row: sts.ado sets noorigin for na (and cumhaz, its synonym there)
    np.testing.assert_allclose(line.x, ref["time"])
    np.testing.assert_allclose(line.y, ref["cumhaz"], atol=1e-12)
    assert "Nelson-Aalen cumulative hazard estimate" in all_texts(fig)
    graph, fig = drawn(s, "sts graph, na by(g)")
    for line, ref in zip(graph.panels[0].series, REF["groups"]):
        np.testing.assert_allclose(line.x, ref["time"])
        np.testing.assert_allclose(line.y, ref["cumhaz"], atol=1e-12)


def test_graph_censored_single_hash_marks(s):
    graph, fig = drawn(s, "sts graph, censored(single) tmax(25)")
    line, marks = graph.panels[0].series
    ref = REF["plain"]
    n_censor = np.array(ref["n_risk"]) - np.array(ref["n_event"]) - np.r_[np.array(ref["n_risk"])[1:], 0]
    times = np.array(ref["time"])[(n_censor > 0) & (np.array(ref["time"]) <= 25)]
    # sts.ado moves each mark (range of _t)/450 to the right -- the range of the rows kept by
    # tmax() and the origin row at 0: 25/450 -- while it stays before the curve's next step
    np.testing.assert_allclose(marks.x, times + 25 / 450)
    np.testing.assert_allclose(marks.y, np.array(ref["surv"])[np.searchsorted(ref["time"], times)], atol=1e-12)
    # Graph_wrk's rspike from the curve to .02 above it, lstyle(tick) (black, thin)
    assert marks.kind == "rspike" and legend_texts(fig) == []
    np.testing.assert_allclose(marks.y2, np.asarray(marks.y) + 0.02, atol=1e-12)
    ticks = segments(fig, "p1-s2-rspike")
    np.testing.assert_allclose([seg[:, 0] for seg in ticks], [[x, x] for x in marks.x])
    np.testing.assert_allclose([seg[:, 1] for seg in ticks], [[y, y + 0.02] for y in marks.y], atol=1e-12)
    (coll,) = artists(fig, "p1-s2-rspike")
    assert tuple(coll.get_colors()[0][:3]) == (0.0, 0.0, 0.0)
