"""Graph options drawn beyond one x axis and two y axes: ``yaxis(3)`` ... ``yaxis(9)``,
``xaxis(2)`` ... with their own labels, titles, scales and lines; the axis titles' placement
and box (``position()``, ``width()``, ``height()``, ``bexpand``); ``text(, bexpand)``.
Each test draws the graph and reads the matplotlib objects."""
from __future__ import annotations

import pytest

from graphs_helpers import axes, drawn, make_session, run


@pytest.fixture()
def s():
    return make_session()


def _text_box(fig):
    ax = axes(fig)
    (text,) = [t for t in ax.texts if t.get_gid() == "text"]
    return ax, text, text.get_bbox_patch().get_window_extent()


# ------------------------------------------------------------------ text(, bexpand)
def test_text_bexpand_spans_the_plot_region(s):
    _, fig = drawn(s, 'scatter y x, text(3 5 "hi", box bexpand)')
    ax, text, box = _text_box(fig)
    plot = ax.get_window_extent()
    assert box.x0 == pytest.approx(plot.x0, abs=1) and box.x1 == pytest.approx(plot.x1, abs=1)
    assert box.height < 0.2 * plot.height  # one line high, around the text
    assert box.y0 <= text.get_window_extent().y0 and box.y1 >= text.get_window_extent().y1


def test_text_bexpand_vertical_and_height(s):
    _, fig = drawn(s, 'scatter y x, text(3 5 "hi", box bexpand orientation(vertical))')
    ax, _, box = _text_box(fig)
    plot = ax.get_window_extent()
    assert box.y0 == pytest.approx(plot.y0, abs=1) and box.y1 == pytest.approx(plot.y1, abs=1)
    assert box.width < 0.2 * plot.width
    _, fig = drawn(s, 'scatter y x, text(3 5 "hi", box bexpand height(20))')
    ax, _, box = _text_box(fig)
    assert box.height == pytest.approx(20 * 2.88 * fig.dpi / 72, rel=0.02)  # 20% of 4 inches
    assert box.width == pytest.approx(ax.get_window_extent().width, abs=1)


# ------------------------------------------------------------------ yaxis(3) ... xaxis(2) ...
def _on(ax, gid):
    """The artists of series ``gid`` drawn into the Axes ``ax``."""
    return [a for a in ax.get_children() if a.get_gid() == gid]


def _labels(ax, which="y"):
    lo, hi = sorted(ax.get_ylim() if which == "y" else ax.get_xlim())
    ticks = ax.yaxis.get_major_ticks() if which == "y" else ax.xaxis.get_major_ticks()
    return [t.label1.get_text() or t.label2.get_text() for t in ticks if lo - 1e-9 <= t.get_loc() <= hi + 1e-9]


def test_third_y_axis_scales_its_plot_left_outside_axis_one(s):
    _, fig = drawn(s, 'twoway (scatter y x) (line z x, sort yaxis(2)) (scatter g x, yaxis(3)), '
                      'ylabel(1 2 3, axis(3)) ytitle("Group", axis(3)) yline(2.5, axis(3) lcolor(red)) '
                      'yscale(range(0 3.5) axis(3))')
    main, third = axes(fig), axes(fig, "panel1-yaxis3")
    assert _on(third, "p1-s3-scatter") and not _on(main, "p1-s3-scatter")
    lo, hi = third.get_ylim()
    assert lo <= 0 and 3.5 <= hi < 4.5  # its own range: g (1-3) and range(0 3.5)
    assert _labels(third) == ["1", "2", "3"] and third.get_ylabel() == "Group"
    assert third.yaxis.get_ticks_position() == "left" and third.spines["left"].get_visible()
    assert not third.spines["right"].get_visible()
    # outside axis 1: its line beyond axis 1's labels and title
    offset = third.spines["left"].get_position()[1]
    reach = main.get_window_extent().x0 - main.yaxis.get_tightbbox().x0
    assert offset * fig.dpi / 72 >= reach
    assert third.yaxis.get_tightbbox().x1 <= main.yaxis.get_tightbbox().x0 + 1
    (line,) = [ln for ln in third.get_lines() if list(ln.get_ydata()) == [2.5, 2.5]]
    assert line.get_color() in ("red", "#ff0000")


def test_fourth_y_axis_right_outside_axis_two_and_alt(s):
    _, fig = drawn(s, 'twoway (scatter y x) (line z x, sort yaxis(2)) (scatter w x, yaxis(4))')
    second, fourth = axes(fig, "panel1-axis2"), axes(fig, "panel1-yaxis4")
    assert fourth.yaxis.get_ticks_position() == "right"
    assert fourth.yaxis.get_tightbbox().x0 >= second.yaxis.get_tightbbox().x1 - 1
    assert fourth.get_ylabel() == "w"  # its plot's title
    _, fig = drawn(s, 'twoway (scatter y x) (scatter w x, yaxis(3)), yscale(alt axis(3))')
    third = axes(fig, "panel1-yaxis3")
    assert third.yaxis.get_ticks_position() == "right" and third.spines["right"].get_visible()


def test_second_x_axis_above_with_its_own_scale_and_options(s):
    _, fig = drawn(s, 'twoway (scatter y x) (scatter y z, xaxis(2)), xlabel(0(2)8, axis(2)) '
                      'xtitle("Zed", axis(2)) xline(3, axis(2))')
    main, top = axes(fig), axes(fig, "panel1-xaxis2")
    assert _on(top, "p1-s2-scatter") and not _on(main, "p1-s2-scatter")
    assert top.xaxis.get_ticks_position() == "top" and top.spines["top"].get_visible()
    assert top.get_xlabel() == "Zed" and main.get_xlabel() == "x"
    assert _labels(top, "x") == ["0", "2", "4", "6", "8"]
    zmax = float(s.data.df["z"].max())
    assert top.get_xlim()[1] >= max(zmax, 8) and top.get_xlim() != main.get_xlim()
    assert [ln for ln in top.get_lines() if list(ln.get_xdata()) == [3, 3]]
    assert top.get_window_extent().y1 == pytest.approx(main.get_window_extent().y1)


def test_plot_on_two_further_axes_and_shared_scale(s):
    _, fig = drawn(s, 'twoway (scatter y x) (scatter w z, xaxis(2) yaxis(3))')
    pair = axes(fig, "panel1-x2y3")
    assert _on(pair, "p1-s2-scatter") and not pair.axison
    assert pair.get_xlim() == pytest.approx(axes(fig, "panel1-xaxis2").get_xlim())
    assert pair.get_ylim() == pytest.approx(axes(fig, "panel1-yaxis3").get_ylim())
    _, fig = drawn(s, 'twoway (scatter y x) (scatter w x, yaxis(3 4))')
    assert axes(fig, "panel1-yaxis4").get_ylim() == pytest.approx(axes(fig, "panel1-yaxis3").get_ylim())


def test_more_axes_survive_graph_save_and_use(s, tmp_path):
    out, rc = run(s, f'twoway (scatter y x) (scatter w x, yaxis(3)), ytitle("G3", axis(3)) '
                     f'saving("{tmp_path / "g3"}")')
    assert rc == 0, out
    out, rc = run(s, f'graph use "{tmp_path / "g3"}"')
    assert rc == 0, out
    from graphs_helpers import figure

    fig = figure(s.graphs[-1])
    assert axes(fig, "panel1-yaxis3").get_ylabel() == "G3"


# ------------------------------------------------------------------ axis titles placed and boxed
def _title(fig, gid):
    (text,) = [t for t in fig.findobj(lambda a: hasattr(a, "get_gid") and a.get_gid() == gid)
               if t.__class__.__name__ == "Text"]
    return text


def test_axis_title_box_of_its_size_below_the_labels(s):
    _, fig = drawn(s, 'scatter y x, xtitle("Ex", box width(40) height(8))')
    ax = axes(fig)
    assert ax.get_xlabel() == ""  # drawn by the frame, not as matplotlib's axis label
    text = _title(fig, "xtitle")
    box = text.get_bbox_patch().get_window_extent()
    px = fig.dpi / 72 * 2.88  # one relative unit
    assert box.width == pytest.approx(40 * px, rel=0.02) and box.height == pytest.approx(8 * px, rel=0.02)
    assert box.y1 <= ax.xaxis.get_tightbbox().y0 + 1  # below the tick labels, not over them
    assert box.y0 >= -1  # and not cut by the graph's edge
    plot = ax.get_window_extent()
    assert (box.x0 + box.x1) / 2 == pytest.approx((plot.x0 + plot.x1) / 2, abs=1)


def test_axis_title_bexpand_runs_along_its_axis(s):
    _, fig = drawn(s, 'scatter y x, ytitle("Why", box bexpand) xtitle("Ex", box bexpand)')
    plot = axes(fig).get_window_extent()
    ybox = _title(fig, "ytitle").get_bbox_patch().get_window_extent()
    xbox = _title(fig, "xtitle").get_bbox_patch().get_window_extent()
    assert ybox.y0 == pytest.approx(plot.y0, abs=1) and ybox.y1 == pytest.approx(plot.y1, abs=1)
    assert ybox.x1 <= axes(fig).yaxis.get_tightbbox().x0 + 1
    assert xbox.x0 == pytest.approx(plot.x0, abs=1) and xbox.x1 == pytest.approx(plot.x1, abs=1)


def test_axis_title_position_ring_and_span(s):
    _, fig = drawn(s, 'scatter y x, xtitle("Ex", position(12))')
    plot = axes(fig).get_window_extent()
    assert _title(fig, "xtitle").get_window_extent().y0 >= plot.y1  # above the plot region
    _, fig = drawn(s, 'scatter y x || lfit y x, xtitle("Ex", ring(5))')
    legend = fig.findobj(lambda a: a.__class__.__name__ == "Legend")[0].get_window_extent()
    assert _title(fig, "xtitle").get_window_extent().y1 <= legend.y0 + 1  # outside the legend (ring 3)
    _, fig = drawn(s, 'scatter y x, ytitle("Why", ring(0) position(11))')
    plot = axes(fig).get_window_extent()
    assert plot.contains(*_title(fig, "ytitle").get_window_extent().get_points()[0])  # inside
    _, fig = drawn(s, 'scatter y x, ylabel(, angle(0)) xtitle("Ex", span)')
    text = _title(fig, "xtitle").get_window_extent()
    plot = axes(fig).get_window_extent()
    assert (text.x0 + text.x1) / 2 == pytest.approx(fig.bbox.width / 2, abs=1)  # on the graph
    assert abs((text.x0 + text.x1) / 2 - (plot.x0 + plot.x1) / 2) > 2  # not the plot region


def test_second_and_third_axis_titles_boxed(s):
    _, fig = drawn(s, 'twoway (scatter y x) (line z x, sort yaxis(2)) (scatter w x, yaxis(3)), '
                      'ytitle("R", axis(2) box height(10)) ytitle("G", axis(3) box)')
    assert axes(fig, "panel1-axis2").get_ylabel() == ""
    right = _title(fig, "ytitle2").get_bbox_patch().get_window_extent()
    assert right.x0 >= axes(fig, "panel1-axis2").yaxis.get_tightbbox().x1 - 1
    assert right.width == pytest.approx(10 * 2.88 * fig.dpi / 72, rel=0.02)  # height(): across the text
    assert axes(fig, "panel1-yaxis3").get_ylabel() == "G"  # box alone: still the axis' label


def test_text_placed_by_further_axes(s):
    _, fig = drawn(s, 'twoway (scatter y x) (scatter w z, yaxis(3) xaxis(2)), '
                      'text(2 3 "here", yaxis(3) xaxis(2)) text(2 3 "there")')
    main = axes(fig)
    here, there = ([t for t in main.texts if t.get_text() == word][0] for word in ("here", "there"))
    third, top = axes(fig, "panel1-yaxis3"), axes(fig, "panel1-xaxis2")
    x, y = here.get_transform().transform(here.get_position())
    assert (x, y) == pytest.approx((top.transData.transform((3, 0))[0], third.transData.transform((0, 2))[1]))
    assert tuple(there.get_transform().transform(there.get_position())) == pytest.approx(
        tuple(main.transData.transform((3, 2))))
    assert (x, y) != pytest.approx(tuple(main.transData.transform((3, 2))))


def test_second_y_axis_alt_goes_left_outside_axis_one(s):
    _, fig = drawn(s, 'twoway (scatter y x) (line z x, sort yaxis(2)), yscale(alt axis(2) lcolor(red))')
    main, second = axes(fig), axes(fig, "panel1-axis2")
    assert second.yaxis.get_ticks_position() == "left" and second.spines["left"].get_visible()
    assert not second.spines["right"].get_visible()
    assert second.spines["left"].get_edgecolor()[:3] == pytest.approx((1.0, 0.0, 0.0))
    assert second.yaxis.get_tightbbox().x1 <= main.yaxis.get_tightbbox().x0 + 1


def test_by_panels_share_further_axes_scales(s):
    _, fig = drawn(s, 'twoway (scatter y x) (scatter w z, yaxis(3)), by(g)')
    limits = [axes(fig, f"panel{j}-yaxis3").get_ylim() for j in (1, 2, 3)]
    assert limits[0] == pytest.approx(limits[1]) and limits[0] == pytest.approx(limits[2])
    assert limits[0][0] <= 1 and limits[0][1] >= 3  # w over every panel, not one group's
    out, rc = run(s, 'scatter y x, text(1 1 "a", yaxis(12))', stop_on_error=False)
    assert rc == 198 and "yaxis() incorrectly specified" in out
