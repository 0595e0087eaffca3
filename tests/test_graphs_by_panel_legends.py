"""legend() typed outside by() is the individual graphs' ([G-3] by_option, "Use of legends with
by()": "line y1 y2 x, by(group) legend(off) ... The legend(off) will seemingly be ignored"; "line
y1 y2 x, legend(on) by(group) -- This graph will have many legends: one underneath each of the
plots in addition to the overall legend"), its contents (order(), label(), cols() ...) style the
overall legend too, and the overall legend's on/off and location are typed inside by()
([G-3] legend_options, "Use of legends with by()": legend(cols(1)) by(foreign, total
legend(pos(4)))).  Read back from the matplotlib legends: how many, in which axes, their
entries and where they are drawn."""
from __future__ import annotations

import pytest

from graphs_helpers import axes, drawn, legend_texts, make_session, run, subfigures

PLOTS = "scatter y x || lfit y x"
KEYS = ["Outcome", "Fitted values"]


@pytest.fixture()
def s():
    return make_session(n=60)


def _box(artist):
    return artist.get_window_extent(artist.figure.canvas.get_renderer())


def _panel_legends(fig) -> list:
    return [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]


def _entries(legend) -> list[str]:
    return [t.get_text() for t in legend.get_texts()]


def test_legend_on_outside_by_draws_one_under_each_panel_and_the_overall_one(s):
    graph, fig = drawn(s, f"{PLOTS}, by(g) legend(on)")
    assert graph.legend == "auto" and dict(graph.panel_legend)["legend"] == "on"
    renderer = fig.canvas.get_renderer()
    for k in (1, 2, 3):
        ax = axes(fig, f"panel{k}")
        legend = ax.get_legend()
        assert legend is not None and legend.get_gid() == "panel-legend" and _entries(legend) == KEYS
        box, under = _box(legend), ax.xaxis.get_tightbbox(renderer)
        assert box.y1 <= min(ax.bbox.y0, under.y0 if under is not None else ax.bbox.y0) + 0.5  # 6 o'clock
        assert (box.x0 + box.x1) / 2 == pytest.approx((ax.bbox.x0 + ax.bbox.x1) / 2, abs=1.5)
    assert legend_texts(fig) == KEYS * 4  # three panels' and the overall one
    _, plain = drawn(s, f"{PLOTS}, by(g)")
    assert not _panel_legends(plain) and legend_texts(plain) == KEYS


def test_legend_off_outside_by_leaves_the_overall_legend(s):
    out, rc = run(s, f"{PLOTS}, by(g) legend(off)")
    assert rc == 0 and "legend(off) typed outside by() is the individual graphs'" in out
    graph, fig = drawn(s, f"{PLOTS}, by(g) legend(off)")
    assert graph.shows_legend() and legend_texts(fig) == KEYS and not _panel_legends(fig)
    # inside by() it is the overall legend's: none drawn; with legend(on) outside the panels keep theirs
    _, fig = drawn(s, f"{PLOTS}, by(g, legend(off))")
    assert legend_texts(fig) == []
    _, fig = drawn(s, f"{PLOTS}, by(g, legend(off)) legend(on)")
    assert len(_panel_legends(fig)) == 3 and legend_texts(fig) == KEYS * 3


def test_contents_outside_location_inside_as_the_manual_types_them(s):
    graph, fig = drawn(s, f"{PLOTS}, legend(cols(1)) by(g, total legend(pos(4)))")
    assert graph.legend_position == 4 and graph.legend_cols == 1
    (overall,) = [leg for holder in subfigures(fig) for leg in holder.legends]
    first, second = (_box(t) for t in overall.get_texts())
    assert first.x0 == pytest.approx(second.x0, abs=1.0) and first.y0 > second.y1 - 1  # one column
    assert _box(overall).x0 > max(axes(fig, f"panel{k}").bbox.x1 for k in (1, 2, 3, 4))  # at 4 o'clock
    # a location typed outside by() is the panels' legends': the overall one stays at 6 o'clock
    out, rc = run(s, f"{PLOTS}, legend(cols(1) pos(4)) by(g)")
    assert rc == 0 and "legend(position()) typed outside by() places the individual graphs' legends" in out
    graph, fig = drawn(s, f"{PLOTS}, legend(cols(1) pos(4)) by(g)")
    assert graph.legend_position == 6 and graph.legend_cols == 1 and not _panel_legends(fig)


def test_order_and_label_outside_key_every_legend(s):
    graph, fig = drawn(s, f'{PLOTS}, by(g) legend(on order(2 1) label(2 "Fit"))')
    for legend in _panel_legends(fig):
        assert _entries(legend) == ["Fit", "Outcome"]
    assert legend_texts(fig)[-2:] == ["Fit", "Outcome"] and len(_panel_legends(fig)) == 3


def test_a_panels_legend_at_its_position_and_ring(s):
    _, fig = drawn(s, f"{PLOTS}, by(g) legend(on pos(3))")
    for k in (1, 2, 3):
        ax, legend = axes(fig, f"panel{k}"), axes(fig, f"panel{k}").get_legend()
        box = _box(legend)
        assert box.x0 >= ax.bbox.x1 - 0.5  # right of the plot region
        assert (box.y0 + box.y1) / 2 == pytest.approx((ax.bbox.y0 + ax.bbox.y1) / 2, abs=1.5)
        assert legend._ncols == 1  # noqa: SLF001 -- at the side: one column, as the overall legend
    _, fig = drawn(s, f"{PLOTS}, by(g) legend(on ring(0) pos(1))")
    for k in (1, 2, 3):
        ax = axes(fig, f"panel{k}")
        box = _box(ax.get_legend())
        assert ax.bbox.x0 <= box.x0 and box.x1 <= ax.bbox.x1 + 0.5 and box.y1 <= ax.bbox.y1 + 0.5
        assert box.x1 > (ax.bbox.x0 + ax.bbox.x1) / 2 and box.y0 > (ax.bbox.y0 + ax.bbox.y1) / 2  # upper right


def test_a_panels_legend_stands_between_its_x_axis_and_its_b1title_and_note(s):
    _, fig = drawn(s, f'{PLOTS}, by(g) legend(on) b1title("B") note("N")')
    for k in (1, 2, 3):
        ax = axes(fig, f"panel{k}")
        legend = _box(ax.get_legend())
        b = _box(next(t for t in ax.texts if t.get_text() == "B"))
        note = _box(next(t for t in ax.texts if t.get_text() == "N"))
        assert b.y1 <= legend.y0 + 0.5 and note.y1 <= b.y0 + 0.5  # legend (ring 3), b1 (3.5), note (4)


def test_histogram_by_keeps_its_legend_off_unless_by_turns_it_on(s):
    _, fig = drawn(s, "histogram y, by(h) normal")
    assert legend_texts(fig) == []  # histogram.ado's legend(nodraw)
    _, fig = drawn(s, "histogram y, by(h, legend(on)) normal")
    assert legend_texts(fig) == ["Density", "normal y"]


@pytest.mark.parametrize("command, n", [
    ("graph bar y x, by(g) legend(on)", 3),
    ("graph box y x, by(g) legend(on)", 3),
    ("graph pie z w, by(h) legend(on)", 2),
])
def test_other_by_graphs_draw_a_legend_per_panel_with_legend_on(s, command, n):
    graph, fig = drawn(s, command)
    legends = _panel_legends(fig)
    assert len(legends) == n and all(_entries(leg) == _entries(legends[0]) for leg in legends)
    graph, fig = drawn(s, command.replace("legend(on)", "legend(off)"))
    assert not _panel_legends(fig) and graph.shows_legend()
