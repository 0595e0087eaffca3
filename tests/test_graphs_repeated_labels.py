"""Repeated axis-label options and ``custom``: ``zlabel()`` (``ztick()``, ``zmlabel()``,
``zmtick()``) typed more than once is merged as
repeated ``xlabel()``s are (a later rule replaces an earlier one, later suboptions override the
earlier ones and keep the rest, each ``custom`` option keeps its labels' look); ``custom``
([G-3] axis_label_options: the label options "apply only to the labels added by this option")
styles the labels and the ticks of that option alone, on the x and y axes as on the ramp."""
from __future__ import annotations

import pytest
from matplotlib.colors import to_rgb

from graphs_helpers import axes, drawn, make_session, run
from mlmcli.graphs import style


@pytest.fixture()
def s():
    session = make_session(n=80)
    run(session, "gen q = x^2/10 - z")
    return session


def _ramp(fig):
    (ramp,) = [c for c in axes(fig).child_axes if c.get_gid().endswith("-ramp")]
    return ramp


def _ramp_labels(fig) -> dict:
    fig.canvas.draw()
    return {float(t.get_loc()): t for t in _ramp(fig).yaxis.get_major_ticks() if t.label2.get_text()}


def test_a_later_zlabel_keeps_the_earlier_rule_and_adds_its_look(s):
    _, fig = drawn(s, "twoway contour q y x, zlabel(-4 0 4) zlabel(, labcolor(red) format(%4.1f))")
    labels = _ramp_labels(fig)
    assert sorted(labels) == [-4.0, 0.0, 4.0]                   # the first zlabel()'s values
    assert [labels[v].label2.get_text() for v in sorted(labels)] == ["-4.0", "0.0", "4.0"]  # the second's format
    assert all(to_rgb(t.label2.get_color()) == (1.0, 0.0, 0.0) for t in labels.values())


def test_a_later_rule_replaces_the_earlier_one_and_keeps_its_look(s):
    once, _ = drawn(s, "twoway contour q y x, zlabel(-2 2, labcolor(red))")
    _, fig = drawn(s, "twoway contour q y x, zlabel(-4 0 4, labcolor(red)) zlabel(-2 2)")
    labels = _ramp_labels(fig)
    assert sorted(labels) == [-2.0, 2.0]
    assert all(to_rgb(t.label2.get_color()) == (1.0, 0.0, 0.0) for t in labels.values())
    ramp_of = [sr.ramp for sr in once.panels[0].series if sr.ramp]
    assert [v for v, _ in ramp_of[0]] == [-2.0, 2.0]


def test_zlabel_typed_on_the_plot_and_on_the_graph_merge(s):
    """The z options typed after the whole graph are the contour plot's own, after its own."""
    _, fig = drawn(s, "twoway (contour q y x, zlabel(-4 0 4)), zlabel(, labsize(large))")
    labels = _ramp_labels(fig)
    assert sorted(labels) == [-4.0, 0.0, 4.0]
    assert all(t.label2.get_fontsize() == pytest.approx(style.TEXT_SIZES["large"]) for t in labels.values())


def test_a_custom_zlabel_keeps_its_look_under_a_later_zlabel(s):
    _, fig = drawn(s, 'twoway contour q y x, ccuts(-1 0 1) zlabel(0.5 "a" -0.5 "b", add custom labcolor(red)) '
                      'zlabel(, labsize(large))')
    labels = _ramp_labels(fig)
    assert {0.5, -0.5, 0.0} <= set(labels)
    assert to_rgb(labels[0.5].label2.get_color()) == to_rgb(labels[-0.5].label2.get_color()) == (1.0, 0.0, 0.0)
    assert to_rgb(labels[0.0].label2.get_color()) == (0.0, 0.0, 0.0)
    assert all(t.label2.get_fontsize() == pytest.approx(style.TEXT_SIZES["large"]) for t in labels.values())


def test_the_later_custom_look_wins_on_the_same_label(s):
    _, fig = drawn(s, 'twoway contour q y x, ccuts(-1 0 1) zlabel(0.5 "a", add custom labcolor(red)) '
                      'zlabel(0.5 "a", add custom labcolor(blue))')
    labels = _ramp_labels(fig)
    assert to_rgb(labels[0.5].label2.get_color()) == (0.0, 0.0, 1.0)


@pytest.mark.parametrize("letter", ["x", "y"])
def test_custom_styles_only_its_own_ticks_on_x_and_y(s, letter):
    """The ticks' look typed with custom (tlcolor(), tlength(), tlwidth()) is that option's
    ticks', as its labels' look is; the other ticks keep the axis' look."""
    plain, fig0 = drawn(s, "scatter y x")
    _, fig = drawn(s, f'scatter y x, {letter}label(2 "two", add custom labcolor(red) tlcolor(blue) '
                      'tlength(4) tlwidth(thick))')
    fig.canvas.draw()
    ax = axes(fig)
    axis = ax.xaxis if letter == "x" else ax.yaxis
    ticks = {float(t.get_loc()): t for t in axis.get_major_ticks() if t.label1.get_text()}
    two = ticks.pop(2.0)
    assert two.label1.get_text() == "two" and to_rgb(two.label1.get_color()) == (1.0, 0.0, 0.0)
    assert to_rgb(two.tick1line.get_markeredgecolor()) == (0.0, 0.0, 1.0)
    assert two.tick1line.get_markeredgewidth() == pytest.approx(style.LINE_WIDTHS["thick"])
    fig0.canvas.draw()
    ax0 = axes(fig0)
    axis0 = ax0.xaxis if letter == "x" else ax0.yaxis
    default = next(t for t in axis0.get_major_ticks() if t.label1.get_text())
    assert ticks and all(to_rgb(t.tick1line.get_markeredgecolor()) == to_rgb(default.tick1line.get_markeredgecolor())
                         and t.tick1line.get_markersize() == pytest.approx(default.tick1line.get_markersize())
                         and t.tick1line.get_markeredgewidth() == pytest.approx(default.tick1line.get_markeredgewidth())
                         and to_rgb(t.label1.get_color()) == (0.0, 0.0, 0.0) for t in ticks.values())
    assert two.tick1line.get_markersize() != pytest.approx(default.tick1line.get_markersize())


def test_without_custom_the_look_is_the_whole_axis(s):
    _, fig = drawn(s, 'scatter y x, xlabel(2 "two", add tlcolor(blue))')
    fig.canvas.draw()
    colours = {to_rgb(t.tick1line.get_markeredgecolor()) for t in axes(fig).xaxis.get_major_ticks()
               if t.label1.get_text()}
    assert colours == {(0.0, 0.0, 1.0)}


def test_repeated_ztick_and_zmtick_merge_as_zlabel(s):
    """ztick()/zmtick() typed twice: the first one's values, the second's look."""
    _, fig = drawn(s, "twoway contour q y x, ccuts(-4 0 4 8) zlabel(-4(4)8) ztick(-2 2) ztick(, tlength(5) tlcolor(red)) "
                      "zmtick(-3 3) zmtick(, tlcolor(blue))")
    ramp = _ramp(fig)
    ticks = {float(t.get_loc()): t for t in ramp.yaxis.get_major_ticks()}
    for v in (-2.0, 2.0):
        line = ticks[v].tick2line
        assert line.get_markersize() == pytest.approx(5 * 2.88) and to_rgb(line.get_color()) == (1.0, 0.0, 0.0)
    minor = {float(t.get_loc()): t for t in ramp.yaxis.get_minor_ticks()}
    assert set(minor) == {-3.0, 3.0}
    assert all(to_rgb(t.tick2line.get_color()) == (0.0, 0.0, 1.0) for t in minor.values())
