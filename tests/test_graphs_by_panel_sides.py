"""The side titles t1title() ... r2title() typed outside by() are every panel's; inside by() the
whole graph's ([G-3] by_option: "The title_options ... on the command on which by() is appended
will become the titles ... for the individual by-groups"; byopts' title_options are the
"overall titles").  On a panel they stand where a graph's frame puts them around its plot
region: t1/t2 between the plot region and the panel's group label (its subtitle, ring 6 above
their ring 1), b1/b2 under the x axis above the note, l1/l2 left of the y axis, r1/r2 right of
the plot region.  Read back from the matplotlib texts each panel's axes carry."""
from __future__ import annotations

import pytest

from graphs_helpers import all_texts, axes, drawn, make_session, run

LABELS = ("low", "mid", "high")


@pytest.fixture()
def s():
    return make_session(n=60)


def _box(text):
    return text.get_window_extent(text.figure.canvas.get_renderer())


def _panel_text(fig, k: int, text: str):
    found = [t for t in axes(fig, f"panel{k}").texts if t.get_text() == text]
    assert len(found) == 1, [t.get_text() for t in axes(fig, f"panel{k}").texts]
    return found[0]


def _label(fig, k: int):
    ax = axes(fig, f"panel{k}")
    return next(t for t in (ax.title, ax._left_title, ax._right_title) if t.get_text() == LABELS[k - 1])


def test_t1_t2_outside_by_stand_between_each_plot_region_and_its_group_label(s):
    graph, fig = drawn(s, 'scatter y x, by(g) t1title("T1") t2title("T2") title("TT")')
    assert graph.side_titles == ()  # none for the whole graph
    assert all_texts(fig).count("T1\nT2") == 3  # t1 above t2, one element per side
    for k in (1, 2, 3):
        ax = axes(fig, f"panel{k}")
        tops, label, title = _box(_panel_text(fig, k, "T1\nT2")), _box(_label(fig, k)), _box(_panel_text(fig, k, "TT"))
        assert tops.y0 >= ax.bbox.y1 - 0.5  # above the plot region
        assert label.y0 >= tops.y1 - 0.5  # under the group label, which is moved up over them
        assert title.y0 >= label.y1 - 0.5  # the panel's title() still above the label
        assert (tops.x0 + tops.x1) / 2 == pytest.approx((ax.bbox.x0 + ax.bbox.x1) / 2, abs=1.5)
    # without them the label stays where it was: just above the plot region
    _, plain = drawn(s, "scatter y x, by(g)")
    assert _box(_label(plain, 1)).y0 - axes(plain, "panel1").bbox.y1 < \
        _box(_label(fig, 1)).y0 - axes(fig, "panel1").bbox.y1 - 8


def test_b_l_r_titles_outside_by_frame_each_panel(s):
    graph, fig = drawn(s, 'scatter y x, by(g) b1title("B1") l1title("L1") r1title("R1") note("N")')
    assert graph.side_titles == () and graph.note == "Graphs by g"
    renderer = fig.canvas.get_renderer()
    for k in (1, 2, 3):
        ax = axes(fig, f"panel{k}")
        b, note = _box(_panel_text(fig, k, "B1")), _box(_panel_text(fig, k, "N"))
        under = ax.xaxis.get_tightbbox(renderer)
        assert b.y1 <= min(ax.bbox.y0, under.y0 if under is not None else ax.bbox.y0) + 0.5  # under the x axis
        assert note.y1 <= b.y0 + 0.5  # above the note (b ring 3.5, note ring 4)
        left, right = _panel_text(fig, k, "L1"), _panel_text(fig, k, "R1")
        beside = ax.yaxis.get_tightbbox(renderer)
        assert _box(left).x1 <= min(ax.bbox.x0, beside.x0 if beside is not None else ax.bbox.x0) + 0.5
        assert _box(right).x0 >= ax.bbox.x1 - 0.5
        assert left.get_rotation() == 90.0 and right.get_rotation() == 270.0  # read along their side
        mid = (ax.bbox.y0 + ax.bbox.y1) / 2
        assert (_box(left).y0 + _box(left).y1) / 2 == pytest.approx(mid, abs=1.5)


def test_side_titles_inside_by_are_the_whole_graphs(s):
    graph, fig = drawn(s, 'scatter y x, by(g, t1title("OT") t2title("OT2") b2title("OB") l2title("OL") '
                          'r1title("OR") r2title("OR2")) t1title("T1")')
    assert dict(graph.side_titles) == {"t": "OT\nOT2", "b": "OB", "l": "OL", "r": "OR\nOR2"}
    texts = all_texts(fig)
    for text in ("OT\nOT2", "OB", "OL", "OR\nOR2"):
        assert texts.count(text) == 1
        assert not any(t.get_text() == text for k in (1, 2, 3) for t in axes(fig, f"panel{k}").texts)
    assert texts.count("T1") == 3
    # the abbreviations Stata's title_options allow
    graph, _ = drawn(s, 'scatter y x, by(g, r2("A") t1("B"))')
    assert dict(graph.side_titles) == {"r": "A", "t": "B"}


def test_textbox_suboptions_of_a_panels_side_title(s):
    _, fig = drawn(s, 'scatter y x, by(g) l1title("L1", color(red) size(large))')
    _, plain = drawn(s, 'scatter y x, by(g) l1title("L1")')
    for k in (1, 2, 3):
        text, before = _panel_text(fig, k, "L1"), _panel_text(plain, k, "L1")
        assert text.get_color() in ("red", (1.0, 0.0, 0.0, 1.0), "#ff0000")
        assert text.get_fontsize() > before.get_fontsize()


@pytest.mark.parametrize("command, n", [
    ('graph bar y, over(h) by(g) t1title("S")', 3),
    ('graph box y, by(g) r1title("S")', 3),
    ('graph pie z w, by(h) l1title("S")', 2),
    ('graph matrix y x z, by(g) b1title("S")', 3),
])
def test_other_by_graphs_put_side_titles_on_each_group(s, command, n):
    graph, fig = drawn(s, command)
    assert graph.side_titles == () and all_texts(fig).count("S") == n
    by = "by(h" if "by(h" in command else "by(g"
    graph, fig = drawn(s, command.replace(by, by + ', t1title("O")'))  # inside by(): the whole graph's
    assert all_texts(fig).count("O") == 1 and all_texts(fig).count("S") == n


def test_t1title_clears_the_group_label_where_long_y_labels_reach_over_the_plot_region(s):
    """Turned y labels reach above the plot region's top: the group label is placed from the
    plot region and its x axis (matplotlib's rule), so t1title() is too."""
    run(s, "generate big = (y + 5) * 100000")
    _, fig = drawn(s, 'scatter big x, by(g) t1title("T1")')
    for k in (1, 2, 3):
        ax = axes(fig, f"panel{k}")
        tops, label = _box(_panel_text(fig, k, "T1")), _box(_label(fig, k))
        assert tops.y0 >= ax.bbox.y1 - 0.5 and label.y0 >= tops.y1 - 0.5
