"""Graph Editor recordings (``play()``, ``graph play``, ``gr_edit``): the edits the recorder
writes, made on the drawn graph and checked on the matplotlib figure; the edits mlm does not
make are named in a note, never a stop."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex, to_rgba

from graphs_helpers import artists, axes, figure, legend_texts, make_session, run
from mlmcli.graphs import style
from mlmcli.graphs.recordings import read_edit

HEADER = ("StataFileTM:00001:01100:GREC:                          :\n00004:00004:00001:\n"
          "*! classname: twowaygraph_g\n*! family: twoway\n*! end\n"
          "// File created by Graph Editor Recorder.\n// Edit only if you know what you are doing.\n")


@pytest.fixture()
def s(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return make_session()


def _recording(tmp_path, name: str, *edits: str) -> None:
    (tmp_path / f"{name}.grec").write_text(HEADER + "\n".join(edits) + "\n")


def test_edit_lines_are_read_as_object_action_argument():
    assert read_edit(".plotregion1.plot2.style.editstyle line(width(thick)) editcopy") == (
        ("plotregion1", "plot2"), "editstyle", "line(width(thick))")
    assert read_edit("style.editstyle margin(vsmall) editcopy") == ((), "editstyle", "margin(vsmall)")
    assert read_edit(".legend.plotregion1.label[2].text = {}") == (
        ("legend", "plotregion1", "label[2]"), "clear", "")
    assert read_edit("legend.draw_view.setstyle, style(no)") == (("legend",), "draw", "no")
    assert read_edit(".xaxis1.reset_rule 0 10 5 , tickset(major) ruletype(range)")[1] == "rule"
    assert read_edit(".title.DragBy 2 3") is None


def test_region_axis_plot_and_legend_edits_are_drawn(s, tmp_path):
    _recording(tmp_path, "look",
               ".style.editstyle boxstyle(shadestyle(color(white))) editcopy",
               ".plotregion1.style.editstyle boxstyle(shadestyle(color(yellow))) editcopy",
               ".yaxis1.style.editstyle majorstyle(gridstyle(linestyle(color(red) width(thick)))) editcopy",
               ".yaxis1.style.editstyle majorstyle(tickangle(horizontal)) editcopy",
               ".xaxis1.reset_rule 0 10 2.5 , tickset(major) ruletype(range)",
               ".plotregion1.plot1.style.editstyle marker(fillcolor(red)) editcopy",
               ".plotregion1.plot1.style.editstyle marker(symbol(diamond)) editcopy",
               ".plotregion1.plot2.style.editstyle line(color(green)) editcopy",
               ".plotregion1.plot2.style.editstyle line(width(thick) pattern(dash)) editcopy",
               ".legend.plotregion1.label[1].text = {}",
               ".legend.plotregion1.label[1].text.Arrpush Observed",
               ".legend.Edit , style(rows(1)) style(cols(0)) keepstyles",
               ".style.editstyle declared_ysize(3) editcopy")
    out, rc = run(s, "scatter y x || lfit y x, play(look)")
    assert rc == 0 and "note" not in out
    fig = figure(s.graphs[-1])
    assert to_hex(fig.get_facecolor()) == "#ffffff"
    assert tuple(fig.get_size_inches()) == pytest.approx((style.WIDTH_IN, 3.0))
    ax = axes(fig)
    assert to_hex(ax.get_facecolor()) == to_hex(style.parse_color("yellow"))
    grid = [g for g in ax.get_ygridlines() if g.get_visible()]
    assert grid and to_hex(grid[0].get_color()) == "#ff0000"
    assert grid[0].get_linewidth() == pytest.approx(style.line_width("thick"))
    assert all(t.get_rotation() == 0 for t in ax.get_yticklabels())
    np.testing.assert_allclose([t for t in ax.get_xticks() if 0 <= t <= 10], [0, 2.5, 5, 7.5, 10])
    (markers,) = artists(fig, "p1-s1-scatter")
    assert to_hex(markers.get_markerfacecolor()) == "#ff0000" and markers.get_marker() == "D"
    (fit,) = artists(fig, "p1-s2-line")
    assert to_hex(fit.get_color()[0]) == to_hex(style.parse_color("green"))
    assert fit.get_linewidth()[0] == pytest.approx(style.line_width("thick"))
    assert fit.get_linestyle()[0][1] is not None  # dashed
    texts = legend_texts(fig)
    assert texts == ["Observed", "Fitted values"]
    assert s.graphs[-1].legend_cols == -1


def test_skipped_edits_are_named_in_a_note_and_the_rest_is_made(s, tmp_path):
    _recording(tmp_path, "moves", ".title.text.Arrpush T", ".title.DragBy 2 3",
               ".legend.yoffset = -1.5", ".plotregion1.plot7.style.editstyle "
               "line(color(red)) editcopy")
    out, rc = run(s, "scatter y x, play(moves)")
    assert rc == 0 and s.graphs[-1].title == "T"
    assert "3 Graph Editor edits not made by mlmcli" in out
    assert ".title.DragBy 2 3" in out and ".legend.yoffset = -1.5" in out and "plot7" in out


def test_titles_hidden_restyled_and_appended(s, tmp_path):
    run(s, 'scatter y x, title("Typed") note("N")')
    for line in (".title.text.Arrpush second", ".title.style.editstyle size(large) color(red) editcopy",
                 ".note.draw_view.setstyle, style(no)"):
        out, rc = run(s, "gr_edit " + line)
        assert rc == 0 and out == "", out
    graph = s.graphs[-1]
    assert graph.title == "Typed\nsecond" and graph.note == ""
    fig = figure(graph)
    title = [t for t in fig.findobj(lambda a: hasattr(a, "get_text")) if t.get_text() == "Typed\nsecond"][0]
    assert title.get_fontsize() == pytest.approx(style.text_size("large"))
    assert to_hex(title.get_color()) == "#ff0000"


def test_legend_off_axis_hidden_and_reference_line_styled(s):
    run(s, "scatter y x || lfit y x, xline(5) xline(7)")
    for line in (".legend.draw_view.setstyle, style(no)", ".xaxis1.draw_view.setstyle, style(no)",
                 ".plotregion1._xylines[2].style.editstyle linestyle(color(red) pattern(dash)) editcopy",
                 ".yaxis1.style.editstyle draw_major_grid(no) editcopy"):
        assert run(s, "gr_edit " + line) == ("", 0)
    graph = s.graphs[-1]
    fig = figure(graph)
    assert legend_texts(fig) == []
    assert graph.xaxis.off and graph.xaxis.fill
    ax = axes(fig)
    assert all(to_rgba(t.get_color())[3] == 0 for t in ax.get_xticklabels())
    assert not any(g.get_visible() for g in ax.get_ygridlines())
    styled = [line for line in ax.get_lines() if to_hex(line.get_color()) == "#ff0000"]
    assert len(styled) == 1 and styled[0].get_xdata()[0] == 7


def test_legend_label_follows_order(s):
    run(s, 'scatter y x || lfit y x, legend(order(2 "Fit" 1 "Data"))')
    run(s, "gr_edit .legend.plotregion1.label[1].text = {}")
    run(s, "gr_edit .legend.plotregion1.label[1].text.Arrpush Line")
    assert legend_texts(figure(s.graphs[-1])) == ["Line", "Data"]


def test_histogram_bars_recoloured_and_graph_use_plays(s, tmp_path):
    _recording(tmp_path, "bars", ".plotregion1.plot1.style.editstyle area(shadestyle(color(gs14))) editcopy",
               ".plotregion1.plot1.style.editstyle area(linestyle(color(red))) editcopy")
    run(s, "histogram y, name(h)")
    run(s, "graph save h h.gph, replace")
    out, rc = run(s, "graph use h.gph, play(bars) name(h2)")
    assert rc == 0, out
    fig = figure(s.graphs[-1])
    rects = [a for a in artists(fig, "p1-s1-bar") if a.__class__.__name__ == "Rectangle"]
    assert rects and to_hex(rects[0].get_facecolor()) == to_hex(style.parse_color("gs14"))
    assert to_hex(rects[0].get_edgecolor()) == "#ff0000"
    assert run(s, "graph play nothere", stop_on_error=False)[1] == 601


def test_added_text_box_placed_styled_and_written(s):
    run(s, "line y x, sort")
    for line in ("plotregion1.AddTextBox added_text editor 5 3", "plotregion1.added_text_new = 1",
                 "plotregion1.added_text_rec = 1",
                 "plotregion1.added_text[1].style.editstyle angle(default) size(medsmall) color(red) "
                 "horizontal(left) vertical(middle) margin(zero) linegap(zero) drawbox(no) boxmargin(zero) "
                 "fillcolor(bluishgray) linestyle( width(thin) color(black) pattern(solid)) "
                 "box_alignment(east) editcopy",
                 "plotregion1.added_text[1].style.editstyle size(large) editcopy",
                 "plotregion1.added_text[1].text = {}", "plotregion1.added_text[1].text.Arrpush Happy birthday"):
        assert run(s, "gr_edit " + line) == ("", 0), line
    fig = figure(s.graphs[-1])
    (text,) = [t for t in fig.findobj(lambda a: hasattr(a, "get_text")) if t.get_text() == "Happy birthday"]
    assert text.get_position() == (3.0, 5.0) and text.get_ha() == "left"
    assert text.get_fontsize() == pytest.approx(style.text_size("large")) and to_hex(text.get_color()) == "#ff0000"
    out, rc = run(s, "gr_edit plotregion1.added_text[2].text.Arrpush none such")
    assert rc == 0 and "not made by mlmcli" in out


def test_tick_label_format_and_aspect_edits(s):
    from graphs_helpers import tick_texts

    run(s, "scatter y x")
    for line in (".yaxis1.edit_tick 2 4 `\"Four\"', tickset(major)", ".xaxis1.major.label_format = `\"%9.1f\"'",
                 ".SetAspectRatio 0.5"):
        assert run(s, "gr_edit " + line) == ("", 0), line
    graph = s.graphs[-1]
    ax = axes(figure(graph))
    assert "Four" in tick_texts(ax, "y") and "4" not in tick_texts(ax, "y") and "2" in tick_texts(ax, "y")
    assert all(t.endswith(".0") for t in tick_texts(ax, "x"))
    assert ax.get_box_aspect() == pytest.approx(0.5)
    out, rc = run(s, "gr_edit .yaxis1.major.num_rule_ticks = 26")
    assert rc == 0 and "not made by mlmcli" in out


def test_bar_chart_bars_not_twoway_plots(s):
    run(s, "graph bar y x, over(g)")
    out, rc = run(s, "gr_edit .plotregion1.bars[2].style.editstyle area(shadestyle(color(red))) editcopy")
    assert rc == 0 and out == ""
    fig = figure(s.graphs[-1])
    rects = [a for ax in fig.axes for a in ax.patches if to_hex(a.get_facecolor()) == "#ff0000"]
    assert len(rects) == 3  # the second yvar's bar in each of the 3 groups
    out, rc = run(s, "gr_edit .plotregion1.plot1.style.editstyle area(shadestyle(color(red))) editcopy")
    assert rc == 0 and "not made by mlmcli" in out  # a bar chart has no plot1
