"""sts graph's options that change the drawing (sr40): risktable (the at-risk table's numbers at
the x labels' positions against counts from the data), lost/enter/atrisk labels (by hand, as
sts.ado's Graph_wrk computes them), censored(number|multiple), addplot(), outfile(), byopts()."""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import (axes, double_session, drawn, legend_texts, run,
                            subfigures, survival_reference_session)


RISK = json.loads((Path(__file__).parent / "survival_reference" / "sts_risktable.json").read_text())


@pytest.fixture()
def s():
    session = survival_reference_session("sts_km.csv", "stset t, failure(d)")
    run(session, 'label define gl 1 "low" 2 "mid" 3 "high"\nlabel values g gl')
    return session


@pytest.fixture()
def small():
    """Ten records, one entering late (t0 = 3); times and counts easy to follow by hand."""
    session = double_session({"t0": [0, 0, 0, 0, 0, 0, 0, 3, 0, 0], "t": [4, 2, 30, 9, 7, 7, 12, 15, 20, 5],
                               "d": [1, 1, 0, 0, 1, 0, 1, 1, 0, 1], "g": [1, 2, 1, 1, 2, 2, 1, 2, 1, 1]})
    run(session, "stset t, failure(d) enter(time t0)")
    return session


def texts_by_gid(fig, prefix: str) -> dict:
    """{gid: [Text, ...]} of the texts whose gid starts with ``prefix``."""
    out: dict = {}
    for holder in subfigures(fig):
        for text in holder.texts:
            gid = text.get_gid() or ""
            if gid.startswith(prefix):
                out.setdefault(gid, []).append(text)
    return out


def risk_numbers(t, u) -> list[int]:
    """Records still under observation at u (no delayed entry here): t >= u."""
    return [int((np.asarray(t) >= x).sum()) for x in u]


# ---------------------------------------------------------------- risktable
def test_risktable_numbers_at_the_x_labels(s):
    graph, fig = drawn(s, "sts graph, by(g) risktable")
    data = pd.read_csv(os.path.join(os.path.dirname(__file__), "survival_reference", "sts_km.csv"))
    ax = axes(fig)
    ticks = [v for v in ax.get_xticks() if ax.get_xlim()[0] <= v <= ax.get_xlim()[1]]
    assert ticks == [0, 10, 20, 30]
    found = texts_by_gid(fig, "risktable")
    assert [t.get_text() for t in found["risktable-title"]] == ["Number at risk"]
    for r, (g, name) in enumerate([(1, "g = low"), (2, "g = mid"), (3, "g = high")], start=1):
        assert [t.get_text() for t in found[f"risktable-row{r}-title"]] == [name]
        values = [found[f"risktable-row{r}-value{j}"][0] for j in range(1, 5)]
        assert [v.get_text() for v in values] == [str(n) for n in risk_numbers(data.t[data.g == g], ticks)]
        # each number centred under its x label: its x is the label's data x
        assert [v.get_position()[0] for v in values] == ticks and {v.get_ha() for v in values} == {"center"}
        left_of_plot = found[f"risktable-row{r}-title"][0].get_window_extent().x1
        assert left_of_plot <= ax.get_window_extent().x0
    # R's summary(survfit(Surv(t, d) ~ g), times = c(0, 10, 20, 30))$n.risk (sts_risktable.R)
    for r, ref in enumerate(RISK["groups"], start=1):
        assert [found[f"risktable-row{r}-value{j}"][0].get_text() for j in range(1, 5)] == [str(n) for n in ref]
    # the table lies between the x axis and the legend
    title_y = found["risktable-title"][0].get_window_extent().y0
    assert title_y < ax.xaxis.label.get_window_extent().y0
    assert legend_texts(fig) == ["g = low", "g = mid", "g = high"]


def test_risktable_numlist_order_titles_failevents_and_group_looks(s):
    graph, fig = drawn(s, 'sts graph, by(g) risktable(0(10)20, order(3 "High" "dose" 1) failevents '
                          'title("At risk") rowtitle(, color(red)) group(#1)) risktable(, size(small))')
    data = pd.read_csv(os.path.join(os.path.dirname(__file__), "survival_reference", "sts_km.csv"))
    found = texts_by_gid(fig, "risktable")
    assert "risktable-row3-title" not in found  # order() left group 2 out
    assert [t.get_text() for t in found["risktable-row1-title"]] == ["High", "dose"]
    assert [t.get_text() for t in found["risktable-row2-title"]] == ["g = low"]
    assert found["risktable-row2-title"][0].get_color() == "#ff0000"
    assert found["risktable-row1-title"][0].get_color() != "#ff0000"
    assert [t.get_text() for t in found["risktable-title"]] == ["At risk"]
    # (rg46: was one numlist and "n (d)" for every row.) sts_graph_util.class: the numlist and
    # failevents typed with group(#1) relabel group 1's row only (row 2 here); row 1 keeps the
    # risktable() without group(): the x labels 0 10 20 30, no failures.  The failures between two
    # times stand midway between them, "(d)" (group 1's last time is 30, beyond 20).
    t, d = data.t[data.g == 3].to_numpy(), data.d[data.g == 3].to_numpy()
    assert [found[f"risktable-row1-value{j}"][0].get_text() for j in (1, 2, 3, 4)] == \
        [str(n) for n in risk_numbers(t, [0, 10, 20, 30])]
    assert not [k for k in found if k.startswith("risktable-row1-fail")]
    t, d = data.t[data.g == 1].to_numpy(), data.d[data.g == 1].to_numpy()
    assert [found[f"risktable-row2-value{j}"][0].get_text() for j in (1, 2, 3)] == \
        [str(n) for n in risk_numbers(t, [0, 10, 20])]
    assert "risktable-row2-value4" not in found
    for j, (a, b) in ((2, (0, 10)), (3, (10, 20))):
        fail = found[f"risktable-row2-fail{j}"][0]
        assert fail.get_text() == f"({int(d[(t >= a) & (t < b)].sum())})"
        assert fail.get_position()[0] == (a + b) / 2
        assert fail.get_position()[1] == found["risktable-row2-value1"][0].get_position()[1]
    for r in (1, 2):
        assert found[f"risktable-row{r}-value1"][0].get_fontsize() == pytest.approx(7.5)


def test_risktable_delayed_entry_counts(small):
    _, fig = drawn(small, "sts graph, risktable(0 3 4 13 40)")
    found = texts_by_gid(fig, "risktable-row1-value")
    # at the first st time >= u: 0 -> t=2 (9 records in, t0=3 not yet), 3 -> t=3 (entry row: 8 at risk,
    # 2 has left), 4 -> 9 at risk (the late record now in), 13 -> t=15: 3 (15, 20, 30), 40: none
    assert [found[f"risktable-row1-value{j}"][0].get_text() for j in range(1, 5)] == ["9", "8", "9", "3"]
    # R's n.risk agrees except at the entry time 3, which survfit's times leave out (it reads the
    # next event time's 9); st's rows have a row there (docs/sts.md)
    assert RISK["delayed"] == [9, 9, 9, 3]
    assert "risktable-row1-value5" not in found  # 40 lies beyond the x axis


def test_risktable_errors(s):
    for typed, message in (("atrisk", "options atrisk and risktable may not be combined"),
                           ("lost", "options lost and risktable may not be combined"),
                           ("enter", "options lost and risktable may not be combined".replace("lost", "enter")),
                           ("censored(multiple)", "options censored(multiple) and risktable may not be combined"),
                           ("aspectratio(1)", "options aspectratio and risktable may not be combined")):
        out, rc = run(s, f"sts graph, by(g) risktable {typed}", stop_on_error=False)
        assert rc == 198 and message in out, out
    # (rg46: group(#9) was r(198) here; the ado notes it and draws: tests/test_sts_risk_table_groups.py)
    # style() and the axis-label options are drawn (tests/test_sts_risk_table_style.py); axis() is refused
    out, rc = run(s, "sts graph, by(g) risktable(, axis(2))", stop_on_error=False)
    assert rc == 198 and "option risktable(, axis()) not supported by mlmcli" in out
    out, rc = run(s, "sts graph, by(g) risktable(, rowtitle(, axis(2)))", stop_on_error=False)
    assert rc == 198 and "option rowtitle(, axis()) not supported by mlmcli" in out
    out, rc = run(s, "sts graph, by(g) risktable(, bogus)", stop_on_error=False)
    assert rc == 198 and "option bogus not allowed" in out
    out, rc = run(s, "sts graph, by(g) riskopts(size(small))", stop_on_error=False)
    assert rc == 198 and "option riskopts not allowed" in out
    assert len(s.graphs) == 0


def test_risktable_group_by_value_label_and_value(s):
    _, fig = drawn(s, 'sts graph, by(g) risktable(, rowtitle(Top) group(high)) risktable(, rowtitle(Two) group(2))')
    found = texts_by_gid(fig, "risktable")
    assert [found[f"risktable-row{r}-title"][0].get_text() for r in (1, 2, 3)] == ["g = low", "Two", "Top"]


def test_risktable_survives_graph_save_and_use(s, tmp_path):
    run(s, "sts graph, by(g) risktable")
    path = tmp_path / "rt.gph"
    run(s, f'graph save "{path}"\ngraph use "{path}"')
    from graphs_helpers import figure

    fig = figure(s.graphs[-1])
    found = texts_by_gid(fig, "risktable-row2-value")
    assert [found[f"risktable-row2-value{j}"][0].get_text() for j in range(1, 5)] == ["20", "12", "8", "6"]


# ---------------------------------------------------------------- lost, enter, atrisk
def labels_of(graph, kind="scatter"):
    return [(np.asarray(s.x), np.asarray(s.y), list(s.labels)) for s in graph.panels[0].series
            if s.kind == kind and s.labels is not None and len(s.labels)]


def test_lost_is_net_lost_over_each_flat_part(small):
    graph, _ = drawn(small, "sts graph, lost")
    # st rows (t: at risk, d, censored, entered): 2:9,1,0,0  3:8,0,0,1  4:9,1,0,0  5:8,1,0,0  7:7,1,1,0
    # 9:5,0,1,0  12:4,1,0,0  15:3,1,0,0  20:2,0,1,0  30:1,0,1,0.  Net lost (censored - entered, t > 0):
    # row 3 is -1; rows with no failure and none lost dropped.  Flat parts from each failure (and the
    # last row): [2,3) -1, [4] 0, [5] 0, [7,9] 1+1, [12] 0, [15,20] 1, [30] 1
    s_ = np.cumprod([1 - 1 / 9, 1, 1 - 1 / 9, 1 - 1 / 8, 1 - 1 / 7, 1, 1 - 1 / 4, 1 - 1 / 3, 1, 1])
    eps = (s_.max() - s_.min()) / 30
    (x, y, text), = labels_of(graph)
    np.testing.assert_allclose(x, [(2 + 4) / 2, (7 + 12) / 2, (15 + 30) / 2, 30])
    np.testing.assert_allclose(y, np.array([s_[0], s_[4], s_[7], s_[9]]) + eps, atol=1e-12)
    assert text == ["-1", "2", "1", "1"]
    series = [se for se in graph.panels[0].series if se.labels is not None and len(se.labels)][0]
    assert series.label == "Number lost" and series.style == 1


def test_enter_shows_censored_and_entered(small):
    graph, _ = drawn(small, "sts graph, enter lostopts(mlabcolor(red))")
    lost, entered = labels_of(graph)
    # enter: rows kept, pure counts; st_ct's row at 0 (nine entering, S = 1) starts the flat part
    # [0, 2) and counts in the lift (za46: it was left out); the entry at 3 falls in [2, 4)
    assert lost[2] == ["2", "1", "1"] and entered[2] == ["9", "1"]
    np.testing.assert_allclose(entered[0], [(0 + 2) / 2, (2 + 4) / 2])
    s_ = np.cumprod([1 - 1 / 9, 1, 1 - 1 / 9, 1 - 1 / 8, 1 - 1 / 7, 1, 1 - 1 / 4, 1 - 1 / 3, 1, 1])
    eps = (1 - s_.min()) / 30
    np.testing.assert_allclose(entered[1], [1 - eps, 8 / 9 - eps], atol=1e-12)  # beneath the curve
    np.testing.assert_allclose(lost[1], np.array([s_[4], s_[7], s_[9]]) + eps, atol=1e-12)


def test_atrisk_labels_beneath_each_flat_part(small):
    graph, _ = drawn(small, "sts graph, by(g) atriskopts(mlabsize(small))")
    # group 1 (t: 0 six entering, 4 d, 5 d, 9 c, 12 d, 20 c, 30 c): st_ct's row at 0 starts the
    # flat part [0, 4) with the six entering there (za46: it had no label); at risk after each
    # failure = the next row's n: 4 -> 5 (n=5), 5 -> 9 (n=4), 12 -> 20 (n=2); the last part nothing
    g1, g2 = labels_of(graph)
    assert g1[2] == ["6", "5", "4", "2"]
    np.testing.assert_allclose(g1[0], [(0 + 4) / 2, (4 + 5) / 2, (5 + 12) / 2, (12 + 30) / 2])
    # group 2 (t: 0 three entering, 2 d, 3 entry, 7 d+c, 15 d): 3 at [0, 2); 2 -> 3's n = 2, plus
    # the entry at 3: 3; 7 -> 15's n = 1
    assert g2[2] == ["3", "3", "1"]
    np.testing.assert_allclose(g2[0], [(0 + 2) / 2, (2 + 7) / 2, (7 + 15) / 2])
    # beneath the curve by (max - min)/30 of every row's S, the rows at 0 (S = 1) and group 2's 0
    eps = 1 / 30
    np.testing.assert_allclose(g1[1], np.array([1, 5 / 6, 2 / 3, 4 / 9]) - eps, atol=1e-12)
    np.testing.assert_allclose(g2[1], np.array([1, 2 / 3, 4 / 9]) - eps, atol=1e-12)


def test_lost_errors(small):
    for typed, message in (("lost censored(single)", "censored() not possible with lost, enter, or atrisk"),
                           ("atrisk enter", "atrisk and enter not possible at the same time"),
                           ("byopts(title(x))", "option byopts() requires either by() or strata()")):
        out, rc = run(small, f"sts graph, {typed}", stop_on_error=False)
        assert rc == 198 and message in out, out
    out, rc = run(small, "sts graph, by(g) byopts(total)", stop_on_error=False)
    assert rc == 191 and "byopts(total) not allowed with sts graph" in out
    out, rc = run(small, "sts graph, by(g) byopts(missing)", stop_on_error=False)
    assert rc == 191 and "byopts(missing) not allowed with sts graph" in out
    graph, _ = drawn(small, "sts graph, by(g) byopts(title(x))")  # used only with separate (the ado's)
    assert graph.title == "Kaplan-Meier survival estimates"  # (the plural with by())


# ---------------------------------------------------------------- censored(number|multiple)
def test_censored_number_counts_above_the_marks(small):
    graph, _ = drawn(small, "sts graph, censored(number)")
    marks = [se for se in graph.panels[0].series if se.kind == "rspike"]
    (x, y, text), = labels_of(graph)
    np.testing.assert_allclose(x, np.array([7, 9, 20, 30]) + 30 / 450)  # moved (30 - 0)/450 right, as the ado
    np.testing.assert_allclose(x, marks[0].x)
    np.testing.assert_allclose(y, np.asarray(marks[0].y) + 0.02, atol=1e-12)
    np.testing.assert_allclose(y, marks[0].y2, atol=1e-12)  # the count sits at the tick's top
    assert text == ["1", "1", "1", "1"]


def test_censored_multiple_one_mark_per_record():
    session = double_session({"t": [1, 3, 3, 3, 5, 8, 8, 10], "d": [1, 0, 0, 0, 1, 0, 1, 0]})
    run(session, "stset t, failure(d)")
    graph, _ = drawn(session, "sts graph, censored(multiple)")
    marks = graph.panels[0].series[1]
    assert marks.kind == "rspike"  # one rspike of every tick, as Graph_wrk draws them
    adjd = (10 - 0) / 350  # range of analysis time / 350 (the ado's sum _t sees the origin row at 0)
    np.testing.assert_allclose(marks.x, [3 + adjd, 3 + 2 * adjd, 3 + 3 * adjd, 8 + adjd, 10 + adjd])
    s1 = 7 / 8
    np.testing.assert_allclose(marks.y, [s1, s1, s1, s1 * 3 / 4 * 2 / 3, s1 * 3 / 4 * 2 / 3], atol=1e-12)
    np.testing.assert_allclose(marks.y2, np.asarray(marks.y) + 0.02, atol=1e-12)


# ---------------------------------------------------------------- addplot, outfile
def test_addplot_draws_on_the_data_in_memory(s):
    graph, fig = drawn(s, "sts graph, addplot(scatter d t if g == 1, msymbol(X))")
    extra = graph.panels[0].series[-1]
    assert extra.kind == "scatter"
    data = pd.read_csv(os.path.join(os.path.dirname(__file__), "survival_reference", "sts_km.csv"))
    keep = data.g == 1
    np.testing.assert_allclose(np.sort(extra.x), np.sort(data.t[keep].to_numpy(float)))
    assert "Survivor function" in legend_texts(fig) and "d" in legend_texts(fig)
    graph, fig = drawn(s, "sts graph, by(g) addplot(line d t, sort)")
    assert graph.panels[0].series[-1].kind == "line" and legend_texts(fig) == ["g = low", "g = mid", "g = high"]
    graph, fig = drawn(s, "sts graph, by(g) addplot(line d t, sort below)")  # beneath the curves
    assert graph.panels[0].series[0].kind == "line" and graph.panels[0].series[0].label == "d"
    assert legend_texts(fig) == ["g = low", "g = mid", "g = high"]


def test_outfile_saves_the_plotted_values(small, tmp_path):
    path = tmp_path / "km.dta"
    drawn(small, f'sts graph, by(g) outfile("{path}")')
    run(small, f'preserve\nuse "{path}", clear')
    saved = small.data.df
    assert list(saved.columns) == ["g", "_t", "survival", "Vsurvival"]
    # the origin rows after both groups: by() keeps each group's last value (sts.ado resets only the
    # per-group plotted copies at _t = 0)
    np.testing.assert_allclose(saved["_t"].to_numpy()[-2:], [0, 0])
    body = saved.iloc[:-2]
    last = [body["survival"][body["g"] == g].to_numpy()[-1] for g in (1, 2)]
    np.testing.assert_allclose(saved["survival"].to_numpy()[-2:], last)
    np.testing.assert_allclose(saved["g"].to_numpy()[-2:], [1, 2])
    run(small, "restore")
    out, rc = run(small, f'sts graph, outfile("{path}")', stop_on_error=False)
    assert rc == 602 and "already exists" in out
    run(small, f'sts graph, failure outfile("{path}", replace)')
    run(small, f'use "{path}", clear')
    saved = small.data
    assert list(saved.df.columns) == ["_t", "failure", "Vfailure"]
    # rows with a failure or a net loss, then the origin row (_t = 0, failure 0, the last row's Vh)
    np.testing.assert_allclose(saved.df["_t"], [2, 3, 4, 5, 7, 9, 12, 15, 20, 30, 0])
    n = np.array([9, 8, 9, 8, 7, 5, 4, 3, 2, 1.0])
    d = np.array([1, 0, 1, 1, 1, 0, 1, 1, 0, 0.0])
    f = 1 - np.cumprod(1 - d / n)
    np.testing.assert_allclose(saved.df["failure"], np.r_[f, 0.0], atol=1e-12)
    np.testing.assert_allclose(saved.df["Vfailure"], np.r_[d / n ** 2, 0.0], atol=1e-12)
    assert saved.var_labels["failure"] == "Failure function" and saved.formats["failure"] == "%10.0g"
