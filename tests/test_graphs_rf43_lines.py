"""rf43 (issue 14): twoway dropline of several y with marker labels, labelled per view as
twoway_yxview_parse.class records ``.labvars[i]`` (Stata 16 set, opensafely-core/
cohort-extractor), read back from the drawn figure."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from graphs_helpers import axes, drawn, make_session, run


@pytest.fixture()
def s():
    session = make_session(n=30)
    run(session, 'gen y2 = y + 5\ngen str4 a = "A" + string(_n)\ngen str4 b = "B" + string(_n)')
    return session


def _texts_at(fig):
    """Each marker label's text -> its data position."""
    return {t.get_text(): tuple(np.round(t.xy if hasattr(t, "xy") else t.get_position(), 9))
            for t in axes(fig).texts}


def test_dropline_several_y_one_label_variable_labels_the_first_y(s):
    # .labvars[1] = a; view 2 has no lvariable: its markers unlabelled
    graph, fig = drawn(s, "twoway dropline y2 y x in 1/5, mlabel(a)")
    spikes1, marks1, spikes2, marks2 = graph.panels[0].series
    assert marks1.labels == ("A1", "A2", "A3", "A4", "A5") and marks2.labels is None
    texts = _texts_at(fig)
    x = s.data.numeric("x")[:5]
    for k in range(5):
        assert texts[f"A{k + 1}"] == pytest.approx((x[k], s.data.numeric("y2")[k]))
    assert not [t for t in texts if t.startswith("B")]


def test_dropline_several_y_label_list_and_dots(s):
    graph, fig = drawn(s, "twoway dropline y2 y x in 1/5, mlabel(a b) mlabcolor(red blue)")
    _, marks1, _, marks2 = graph.panels[0].series
    assert marks1.labels[0] == "A1" and marks2.labels[-1] == "B5"
    texts = {t.get_text(): t for t in axes(fig).texts}
    y = s.data.numeric("y")[:5]
    assert texts["B3"].xy[1] == pytest.approx(y[2])  # the second y's markers
    assert to_hex(texts["A1"].get_color()) == "#ff0000" and to_hex(texts["B1"].get_color()) == "#0000ff"
    graph, _ = drawn(s, "twoway dropline y2 y x in 1/5, mlabel(. b)")
    _, marks1, _, marks2 = graph.panels[0].series
    assert marks1.labels is None and marks2.labels[0] == "B1"


def test_dropline_several_y_labels_follow_the_rows_each_y_has(s):
    # a row where one y is missing keeps the other y's marker, and its label
    run(s, "replace y2 = . in 2")
    graph, fig = drawn(s, "twoway dropline y2 y x in 1/4, mlabel(a a)")
    _, marks1, _, marks2 = graph.panels[0].series
    assert marks1.labels == ("A1", "A3", "A4") and marks2.labels == ("A1", "A2", "A3", "A4")
    assert len(marks1.x) == 3
    # horizontal: the labels at (y, x)
    graph, fig = drawn(s, "twoway dropline y2 y x in 1/4, mlabel(a b) horizontal")
    texts = {t.get_text(): t for t in axes(fig).texts}
    assert texts["B4"].xy == pytest.approx((s.data.numeric("y")[3], s.data.numeric("x")[3]))
