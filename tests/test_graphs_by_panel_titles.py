"""subtitle() typed outside by(): every panel's title (its by-group label) takes its textbox
options ([G-3] by_option: the title options of the command by() is appended to are the
individual graphs' titles; by(..., subtitle()) is the overall subtitle).  Read back from the
matplotlib Text of each panel title."""
from __future__ import annotations

import pytest
from matplotlib.colors import to_hex, to_rgba

from graphs_helpers import all_texts, axes, drawn, make_session

LABELS = ("low", "mid", "high")  # g's value labels in make_session


@pytest.fixture()
def s():
    return make_session(n=60)


def _titles(fig):
    """The panel-title Text of panels 1-3, wherever it is drawn (title slots or ax.texts)."""
    out = []
    for k, label in enumerate(LABELS, start=1):
        ax = axes(fig, f"panel{k}")
        found = [t for t in (ax.title, ax._left_title, ax._right_title, *ax.texts) if t.get_text() == label]
        assert len(found) == 1, (label, [t.get_text() for t in ax.texts])
        out.append(found[0])
    return out


def test_textbox_options_restyle_every_panel_title(s):
    _, plain = drawn(s, "scatter y x, by(g)")
    _, styled = drawn(s, "scatter y x, by(g) subtitle(, fcolor(none) color(red) size(small) box)")
    for before, after in zip(_titles(plain), _titles(styled)):
        # size(small) is 7.5 points against the panel title's default 10
        assert after.get_fontsize() == pytest.approx(before.get_fontsize() * 7.5 / 10)
        assert to_hex(after.get_color()) == "#ff0000" and to_hex(before.get_color()) != "#ff0000"
        box = after.get_bbox_patch()
        assert to_rgba(box.get_facecolor())[3] == 0.0  # fcolor(none): no fill
        assert box.get_linewidth() > 0 and to_rgba(box.get_edgecolor())[3] == 1.0  # box: outlined
        assert before.get_bbox_patch().get_linewidth() == 0.0  # the default box has no outline


def test_old_box_names_are_the_new_ones(s):
    _, old = drawn(s, "scatter y x, by(g) subtitle(, bfcolor(none) blcolor(white))")
    _, new = drawn(s, "scatter y x, by(g) subtitle(, fcolor(none) lcolor(white))")
    for a, b in zip(_titles(old), _titles(new)):
        pa, pb = a.get_bbox_patch(), b.get_bbox_patch()
        assert to_rgba(pa.get_facecolor()) == to_rgba(pb.get_facecolor()) and to_rgba(pa.get_facecolor())[3] == 0
        assert to_hex(pa.get_edgecolor()) == to_hex(pb.get_edgecolor()) == "#ffffff"


def test_nobox_leaves_the_label_unshaded(s):
    _, fig = drawn(s, "scatter y x, by(g) subtitle(, nobox)")
    assert all(t.get_bbox_patch() is None for t in _titles(fig))


def test_ring0_position_puts_the_label_inside_the_plot_region(s):
    _, fig = drawn(s, "scatter y x, by(g) subtitle(, ring(0) pos(1) nobexpand)")
    for k, t in enumerate(_titles(fig), start=1):
        assert t in axes(fig, f"panel{k}").texts
        assert t.get_position() == pytest.approx((0.97, 0.97)) and t.get_ha() == "right"


def test_justification_left_and_margin(s):
    _, plain = drawn(s, "scatter y x, by(g)")
    _, fig = drawn(s, "scatter y x, by(g) subtitle(, justification(left) margin(small))")
    for k, (before, t) in enumerate(zip(_titles(plain), _titles(fig)), start=1):
        assert t is axes(fig, f"panel{k}")._left_title
        # margin(small): more room between the label and its box's edge than the default
        assert t.get_bbox_patch().get_boxstyle().pad > before.get_bbox_patch().get_boxstyle().pad


def test_typed_text_replaces_or_joins_the_group_label(s):
    graph, fig = drawn(s, 'scatter y x, by(g) subtitle("Group")')
    assert [p.title for p in graph.panels] == ["Group"] * 3 and graph.subtitle == ""
    graph, _ = drawn(s, 'scatter y x, by(g) subtitle("Group", prefix)')
    assert [p.title for p in graph.panels] == [f"Group {v}" for v in LABELS]
    graph, _ = drawn(s, 'scatter y x, by(g) subtitle("(n)", suffix)')
    assert [p.title for p in graph.panels] == [f"{v} (n)" for v in LABELS]


def test_subtitle_inside_by_stays_the_overall_subtitle(s):
    graph, fig = drawn(s, 'scatter y x, by(g, subtitle("Overall")) subtitle(, color(red))')
    assert graph.subtitle == "Overall" and [p.title for p in graph.panels] == list(LABELS)
    assert all(to_hex(t.get_color()) == "#ff0000" for t in _titles(fig))
    assert "Overall" in all_texts(fig)


def test_without_by_subtitle_is_the_graphs_own(s):
    graph, fig = drawn(s, 'scatter y x, subtitle("S", color(red))')
    assert graph.subtitle == "S" and graph.panel_title_look is None
