"""over()'s suboptions gap(), sort(), descending, label() and relabel() on graph dot, bar and box
([G-2] graph dot/bar/box, over_subopts): honoured, read back from the drawn axes; the orders are
checked against the group statistics computed here with numpy."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import axes, drawn, make_session

LABELS = {1: "low", 2: "mid", 3: "high"}


@pytest.fixture(scope="module")
def s():
    return make_session()


def _category_axis(cmd: str, fig):
    ax = axes(fig)
    across = cmd.startswith(("graph dot", "graph hbar"))  # the categories down the y axis
    return (ax.get_yticks(), ax.get_yticklabels()) if across else (ax.get_xticks(), ax.get_xticklabels())


def _positions(s, cmd):
    _, fig = drawn(s, cmd)
    ticks, labels = _category_axis(cmd, fig)
    return np.asarray(ticks, float), [t.get_text() for t in labels], labels


def _stat_order(s, stat, descending=False):
    y, g = s.data.numeric("y"), s.data.numeric("g")
    values = {k: stat(y[g == k]) for k in (1, 2, 3)}
    return [LABELS[k] for k in sorted(values, key=values.get, reverse=descending)]


@pytest.mark.parametrize("chart", ["dot", "bar", "hbar", "box"])
def test_gap_widens_the_steps_between_groups(s, chart):
    plain, _, _ = _positions(s, f"graph {chart} y, over(g)")
    wide, _, _ = _positions(s, f"graph {chart} y, over(g, gap(300))")
    step, wide_step = np.diff(plain), np.diff(wide)
    assert np.allclose(step, step[0]) and np.allclose(wide_step, wide_step[0])
    assert wide_step[0] > step[0]
    # the step is a category's own width plus the gap, in per cent of it: 1 + 300/100
    assert wide_step[0] == pytest.approx(4.0)


def test_gap_of_the_outer_over_separates_its_groups_only(s):
    ticks, texts, _ = _positions(s, "graph dot y, over(h) over(g, gap(300))")
    inner = np.diff(ticks)[0::2]  # h's two rows inside each g
    outer = np.diff(ticks)[1::2]
    assert np.allclose(inner, inner[0]) and np.allclose(outer, outer[0]) and outer[0] > inner[0]
    assert texts[0].endswith("low") and texts[2].endswith("mid")


@pytest.mark.parametrize("chart", ["dot", "bar"])
@pytest.mark.parametrize("descending", [False, True])
def test_sort_1_orders_by_the_mean(s, chart, descending):
    cmd = f"graph {chart} y, over(g, sort(1){' descending' if descending else ''})"
    ticks, texts, _ = _positions(s, cmd)
    order = [t for _, t in sorted(zip(ticks, texts))]  # a dot chart's from the top: its axis turned
    assert chart != "dot" or axes(drawn(s, cmd)[1]).yaxis_inverted()
    assert order == _stat_order(s, np.mean, descending)


def test_box_sort_orders_by_the_median(s):
    for descending in (False, True):
        ticks, texts, _ = _positions(s, f"graph box y, over(g, sort(1){' descending' if descending else ''})")
        assert [t for _, t in sorted(zip(ticks, texts))] == _stat_order(s, np.median, descending)


@pytest.mark.parametrize("chart", ["dot", "bar", "box"])
def test_relabel_and_label_look(s, chart):
    _, texts, labels = _positions(s, f'graph {chart} y, over(g, relabel(1 "first" 3 "last") label(angle(45) labsize(large)))')
    assert sorted(texts) == sorted(["first", "mid", "last"])
    _, _, plain = _positions(s, f"graph {chart} y, over(g)")
    assert all(t.get_rotation() == 45 for t in labels)
    assert labels[0].get_fontsize() > plain[0].get_fontsize()


@pytest.mark.parametrize("cmd, plain", [
    ("graph dot (mean) y, over(g, gap(g) sort(y)) cw linetype(line)",
     "graph dot (mean) y, over(g, sort(y)) cw linetype(line)"),
    ("graph bar y, over(g, gap(country))", "graph bar y, over(g)"),
    ("graph box y, over(g, gap(*wide))", "graph box y, over(g)"),
    ("graph hbar y, over(h) over(g, gap(g))", "graph hbar y, over(h) over(g)"),
    ("graph bar y x, over(g) bargap(wide) outergap(narrow) yvaroptions(gap(g))", "graph bar y x, over(g)"),
    ("graph box y x, over(g) boxgap(wide)", "graph box y x, over(g)"),
])
def test_a_word_in_a_gap_keeps_the_default(s, cmd, plain):
    """bargraph_g.class hands gap(word) to a relsize, whose setstyle (numstyle.class) keeps its
    current value for a word that is no number and no scheme entry: no message, the default."""
    from graphs_helpers import run

    out, rc = run(s, cmd)
    assert rc == 0 and "note" not in out
    graph, fig = drawn(s, cmd)
    base, base_fig = drawn(s, plain)
    ticks, texts = _category_axis(cmd, fig)
    base_ticks, base_texts = _category_axis(plain, base_fig)
    np.testing.assert_allclose(ticks, base_ticks)
    assert [t.get_text() for t in texts] == [t.get_text() for t in base_texts]
    for series, base_series in zip(graph.panels[0].series, base.panels[0].series):
        np.testing.assert_allclose(np.asarray(series.x, float), np.asarray(base_series.x, float))
        np.testing.assert_allclose(np.asarray(series.y, float), np.asarray(base_series.y, float))


@pytest.mark.parametrize("cmd", ["graph bar y, over(g, gap(1 2))", "graph dot y, over(g, gap(-))",
                                 "graph bar y, over(g) bargap(1 2)"])
def test_a_gap_that_is_no_word_and_no_number_is_refused(s, cmd):
    from graphs_helpers import run

    out, rc = run(s, cmd, stop_on_error=False)
    assert rc == 198 and "gap" in out
