"""Named text styles (textboxstyle, textstyle, tickstyle), legend styles and ``legend(at())``,
compass synonyms, ``play()``: each checked on the drawn matplotlib figure."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from graphs_helpers import artists, axes, drawn, legend_texts, make_session, run, subfigures
from mlmcli.graphs import style


@pytest.fixture()
def s():
    return make_session()


def _text(fig, content):
    found = [t for sub in subfigures(fig) for t in sub.findobj(lambda a: hasattr(a, "get_text"))
             if t.get_text() == content]
    assert found, content
    return found[0]


DKNAVY = to_hex(style.NAMED_COLORS["dknavy"])


@pytest.mark.parametrize("word, size, color", [
    ("heading", 12.0, DKNAVY), ("subheading", 10.0, DKNAVY), ("body", 7.0, "#000000"),
    ("small_body", 7.0, "#000000"), ("axis_title", 9.5, "#000000"), ("label", 8.5, "#000000")])
def test_title_tstyle_and_style_give_size_and_colour(s, word, size, color):
    for option in ("tstyle", "style"):
        _, fig = drawn(s, f'scatter y x, note("N", {option}({word}))')
        note = _text(fig, "N")
        assert note.get_fontsize() == pytest.approx(size) and to_hex(note.get_color()) == color


def test_typed_size_and_colour_win_over_the_named_style(s):
    _, fig = drawn(s, 'scatter y x, title("T", tstyle(small_body) size(large) color(red))')
    title = _text(fig, "T")
    assert title.get_fontsize() == pytest.approx(style.TEXT_SIZES["large"])
    assert to_hex(title.get_color()) == "#ff0000"


def test_heading_is_black_in_the_mono_schemes(s):
    _, fig = drawn(s, 'scatter y x, note("N", tstyle(heading)) scheme(s1mono)')
    assert to_hex(_text(fig, "N").get_color()) == "#000000"


def test_axis_title_style(s):
    _, fig = drawn(s, 'scatter y x, xtitle("Ex", tstyle(heading))')
    label = axes(fig).xaxis.label
    assert label.get_fontsize() == pytest.approx(12.0) and to_hex(label.get_color()) == DKNAVY


def test_unknown_text_style_gets_statas_note_and_default_look(s):
    out, rc = run(s, 'scatter y x, title("T", tstyle(zzz))')
    assert rc == 0 and "named style zzz not found in class textboxstyle" in out
    fig_default = drawn(s, 'scatter y x, title("T")')[1]
    fig_unknown = drawn(s, 'scatter y x, title("T", tstyle(zzz))')[1]
    assert _text(fig_unknown, "T").get_fontsize() == _text(fig_default, "T").get_fontsize()


def test_axis_label_labstyle_and_tickstyle(s):
    _, fig = drawn(s, "scatter y x, xlabel(, labstyle(heading))")
    tick = axes(fig).xaxis.get_major_ticks()[0]
    assert tick.label1.get_fontsize() == pytest.approx(12.0)
    assert to_hex(tick.label1.get_color()) == DKNAVY
    _, fig = drawn(s, "scatter y x, xlabel(, tstyle(minor))")
    tick = axes(fig).xaxis.get_major_ticks()[0]
    assert tick.label1.get_fontsize() == pytest.approx(6.5) and tick.tick1line.get_markersize() == pytest.approx(1.5)
    _, fig = drawn(s, "scatter y x, xlabel(, tstyle(major_nolabel))")
    assert not [t for t in axes(fig).get_xticklabels() if t.get_text()]
    _, fig = drawn(s, "scatter y x, xlabel(, tstyle(major_notick))")
    assert axes(fig).xaxis.get_major_ticks()[0].tick1line.get_markersize() == 0
    out, rc = run(s, "scatter y x, ylabel(, tstyle(qq))")
    assert rc == 0 and "named style qq not found in class tickstyle" in out


def test_marker_label_textstyle(s):
    _, fig = drawn(s, "scatter y x in 1/3, mlabel(g) mlabtextstyle(heading)")
    labels = artists(fig, "p1-s1-scatter-labels")
    assert labels and all(t.get_fontsize() == pytest.approx(12.0) for t in labels)
    assert to_hex(labels[0].get_color()) == DKNAVY
    _, fig = drawn(s, "scatter y x in 1/3, mlabel(g) mlabtextstyle(heading) mlabsize(small)")
    assert artists(fig, "p1-s1-scatter-labels")[0].get_fontsize() == pytest.approx(style.TEXT_SIZES["small"])


def test_legend_at_puts_the_legend_in_a_trellis_cell(s):
    """``by(g, legend(at(4) pos(0)))``: three panels on a 2 x 2 grid, the legend in the empty
    fourth cell, centred there."""
    _, fig = drawn(s, "twoway (scatter y x) (lfit y x), by(g, legend(at(4) pos(0)))")
    legend = [leg for sub in subfigures(fig) for leg in getattr(sub, "legends", [])
              if leg.get_gid() == "legend-at"]
    assert len(legend) == 1 and legend_texts(fig) == ["Outcome", "Fitted values"]
    fig.canvas.draw()
    box = legend[0].get_window_extent()
    left = axes(fig, "panel3").get_window_extent()  # bottom left; the legend's cell is right of it
    top_right = axes(fig, "panel2").get_window_extent()
    assert box.x0 > left.x1 and box.y1 < top_right.y0
    # at() of a graph without by(): the legend stays where its position puts it
    _, fig = drawn(s, "twoway (scatter y x) (lfit y x), legend(at(2))")
    assert legend_texts(fig) == ["Outcome", "Fitted values"]


def test_legend_region_margin_is_the_legends_margin(s):
    _, plain = drawn(s, "twoway (scatter y x) (lfit y x)")
    _, roomy = drawn(s, "twoway (scatter y x) (lfit y x), legend(region(margin(large)))")
    _, same = drawn(s, "twoway (scatter y x) (lfit y x), legend(margin(large))")

    def legend_of(fig):
        return [leg for sub in subfigures(fig) for leg in getattr(sub, "legends", [])][0]

    assert legend_of(roomy).borderpad > legend_of(plain).borderpad
    assert legend_of(roomy).borderpad == pytest.approx(legend_of(same).borderpad)


def test_compass_synonyms(s):
    """[G-4] compassdirstyle: clock positions and top/left/bottom/right name directions too."""
    _, fig = drawn(s, "scatter y x, aspectratio(1, placement(left))")
    assert axes(fig).get_anchor() == "W"
    _, fig = drawn(s, "scatter y x, aspectratio(1, placement(1))")
    assert axes(fig).get_anchor() == "NE"
    graph, _ = drawn(s, "scatter y x || lfit y x, legend(symplacement(9))")
    assert graph.legend_look.symplacement == "w"
    graph, _ = drawn(s, 'scatter y x, text(5 5 "T", placement(3))')
    (label,) = artists(drawn(s, 'scatter y x, text(5 5 "T", placement(3))')[1], "text")
    assert label.get_ha() == "left"  # east of the point


def test_play_needs_a_recording(s, tmp_path, monkeypatch):
    out, rc = run(s, "scatter y x, play(nothere)", stop_on_error=False)
    assert rc == 601 and "file nothere.grec not found" in out
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rec.grec").write_text(
        "StataFileTM:00001:01100:GREC:                          :\n00004:00004:00001:\n"
        "*! classname: twowaygraph_g\n*! family: twoway\n*! end\n"
        "// File created by Graph Editor Recorder.\n// Edit only if you know what you are doing.\n"
        ".title.text = {}\n.title.text.Arrpush `\"Played title\"'\n.title.text.Arrpush second line\n"
        "// title edits\n.yaxis1.title.text = {}\n.yaxis1.title.text.Arrpush Why\n"
        ".xaxis1.title.text = {}\n.note.text = {}\n.note.text.Arrpush \"A note\"\n")
    graph, fig = drawn(s, 'scatter y x, title("typed") play(rec)')
    assert graph.title == "Played title\nsecond line" and graph.note == "A note"
    texts = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    assert "Played title\nsecond line" in texts and "typed" not in texts and "A note" in texts
    assert axes(fig).get_ylabel() == "Why" and axes(fig).get_xlabel() == ""
    (tmp_path / "moves.grec").write_text(".title.text.Arrpush T\n.title.DragBy 2 3\n")
    out, rc = run(s, "scatter y x, play(moves)", stop_on_error=False)
    assert rc == 0 and s.graphs[-1].title == "T"  # a position mlm does not draw: a note, not a stop
    assert "moves.grec: 1 Graph Editor edit not made by mlmcli" in out and ".title.DragBy 2 3" in out
    run(s, "scatter y x, name(g1)")
    run(s, "graph save g1 g1.gph, replace")
    assert run(s, "graph use g1.gph, play(rec) name(g2)")[1] == 0
    assert s.graphs[-1].title == "Played title\nsecond line"


def test_ready_series_print_statas_notes(s):
    out, rc = run(s, "kdensity y, lcolor(chartreuse)")
    assert rc == 0 and "named style chartreuse not found in class color" in out
    out, rc = run(s, "qnorm y, rlopts(lpattern(zz))")
    assert rc == 0 and "named style zz not found in class linepatternstyle" in out


# ------------------------------------------------------------------ line alignment, regions, bystyles
def test_mlalign_moves_the_marker_outline(s):
    _, plain = drawn(s, "scatter y x, mlwidth(thick)")
    _, outside = drawn(s, "scatter y x, mlwidth(thick) mlalign(outside)")
    _, inside = drawn(s, "scatter y x, mlwidth(thick) mlalign(inside)")
    size = {name: artists(fig, "p1-s1-scatter")[0].get_markersize()
            for name, fig in (("plain", plain), ("outside", outside), ("inside", inside))}
    width = artists(plain, "p1-s1-scatter")[0].get_markeredgewidth()
    assert size["outside"] == pytest.approx(size["plain"] + width)
    assert size["inside"] == pytest.approx(size["plain"] - width)
    out, rc = run(s, "scatter y x, mlalign(sideways)")
    assert rc == 0 and "not found in class linealignmentstyle" in out


def test_box_lalign_draws_the_outline_outside(s):
    _, fig = drawn(s, "graph box y, over(g) box(1, lalign(outside) lcolor(red))")
    outlines = [a for ax in fig.axes for a in ax.patches if (a.get_gid() or "").endswith("-outline")]
    assert len(outlines) == 3 and all(to_hex(a.get_edgecolor()) == "#ff0000" for a in outlines)


def test_region_lalign_moves_the_outline_off_the_edge(s):
    def outline_box(fig, gid):
        fig.canvas.draw()
        found = [a for a in fig.findobj(lambda a: a.get_gid() == gid)]
        return found[0], found[0].get_bbox()

    _, fig = drawn(s, "scatter y x, plotregion(lcolor(red) lwidth(vthick) lalign(outside))")
    outline, bbox = outline_box(fig, "plotregion-outline")
    region = axes(fig).bbox
    half = fig.dpi / 72 * outline.get_linewidth() / 2
    assert bbox.x0 == pytest.approx(region.x0 - half) and bbox.y1 == pytest.approx(region.y1 + half)
    _, fig = drawn(s, "scatter y x, graphregion(lcolor(blue) lwidth(vthick) ilalign(inside))")
    outline, bbox = outline_box(fig, "graphregion-outline")
    half = fig.dpi / 72 * outline.get_linewidth() / 2
    assert bbox.x0 == pytest.approx(fig.bbox.x0 + half) and bbox.x1 == pytest.approx(fig.bbox.x1 - half)


def test_region_imargin_adds_to_the_margin(s):
    graph, _ = drawn(s, "scatter y x, graphregion(margin(small) imargin(large))")
    assert graph.graph_margin[0] == pytest.approx((2 + 5) * 2.88)
    graph, _ = drawn(s, "scatter y x, plotregion(imargin(large))")
    assert graph.plot_margin == pytest.approx((0.10,) * 4)  # added to the default margin (large: 5%)


def test_bystyles(s):
    _, rc = run(s, "scatter y x, by(g, style(altleg))")
    assert rc == 0
    out, rc = run(s, "scatter y x, by(g, style(zzz))")
    assert rc == 0 and "named style zzz not found in class bystyle" in out
    out, rc = run(s, "scatter y x, by(g, style(stata7))")
    assert rc == 0 and out.strip() == ""


def test_axis_outergap_is_room_beyond_the_axis_title(s):
    graph, plain = drawn(s, "scatter y x")
    graph, gapped = drawn(s, "scatter y x, yscale(outergap(10)) xscale(outergap(5))")
    assert graph.graph_margin == pytest.approx((10 * 2.88, 0.0, 5 * 2.88, 0.0))
    for fig in (plain, gapped):
        fig.canvas.draw()
    assert axes(gapped).yaxis.label.get_window_extent().x0 > axes(plain).yaxis.label.get_window_extent().x0 + 20
    graph, _ = drawn(s, "scatter y x, yscale(alt outergap(10))")
    assert graph.graph_margin == pytest.approx((0.0, 10 * 2.88, 0.0, 0.0))


def test_text_bmargin_moves_the_box_off_its_point(s):
    _, fig = drawn(s, 'scatter y x, text(5 5 "hi", placement(n) bmargin(large))')
    (label,) = artists(fig, "text")
    assert label.xyann == pytest.approx((0.0, 5 * 2.88))  # the bottom margin, upward
    _, fig = drawn(s, 'scatter y x, text(5 5 "hi", placement(w) bmargin(r=3))')
    (label,) = artists(fig, "text")
    assert label.xyann == pytest.approx((-3 * 2.88, 0.0))


def test_side_title_prefix_is_the_typed_text(s):
    _, fig = drawn(s, 'scatter y x, l1title("Left", prefix) b1title("Below", suffix)')
    _text(fig, "Left")
    _text(fig, "Below")


def test_yvaroptions_order_the_yvars_as_categories(s):
    from graphs_helpers import tick_texts

    means = {v: s.data.df[v].mean() for v in ("y", "x", "z")}
    _, fig = drawn(s, "graph bar y x z, ascategory yvaroptions(sort(1) descending)")
    expected = sorted(means, key=means.get, reverse=True)
    assert tick_texts(axes(fig)) == [f"mean of {v}" for v in expected]
    heights = [b.get_height() for b in sorted(artists(fig, "p1-s1-bar"), key=lambda b: b.get_x())]
    assert np.allclose(heights, [means[v] for v in expected], rtol=1e-6)
    _, fig = drawn(s, 'graph bar y x z, ascategory yvaroptions(reverse relabel(1 "Why"))')
    assert tick_texts(axes(fig)) == ["mean of z", "mean of x", "Why"]
    _, plain = drawn(s, "graph bar y x z, ascategory")
    _, wide = drawn(s, "graph bar y x z, ascategory yvaroptions(gap(200))")
    xs = [sorted(b.get_x() for b in artists(f, "p1-s1-bar")) for f in (plain, wide)]
    assert np.diff(xs[1])[0] > np.diff(xs[0])[0]


def test_custom_labels_keep_their_own_look(s):
    """``ylabel(2.5 "two", add custom labcolor(red) labsize(large))``: the added label red and
    large, the default labels as they were (and still there: ``add``)."""
    _, fig = drawn(s, 'scatter y x, ylabel(2.5 "two", add custom labcolor(red) labsize(large))')
    labels = {t.get_text(): t for t in axes(fig).get_yticklabels() if t.get_text()}
    assert "two" in labels and len(labels) > 2
    assert to_hex(labels["two"].get_color()) == "#ff0000"
    assert labels["two"].get_fontsize() == pytest.approx(style.TEXT_SIZES["large"])
    others = [t for text, t in labels.items() if text != "two"]
    assert all(to_hex(t.get_color()) == "#000000" for t in others)
    assert all(t.get_fontsize() != pytest.approx(style.TEXT_SIZES["large"]) for t in others)


def test_graph_play_and_gr_edit(s, tmp_path, monkeypatch):
    """graph play recordingname and gr_edit: the recorder's title edits on the current graph."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rec.grec").write_text(".subtitle.text = {}\n.subtitle.text.Arrpush Sub\n")
    run(s, 'scatter y x, title("Old") subtitle("Gone")')
    out, rc = run(s, "graph play rec")
    assert rc == 0 and s.graphs[-1].subtitle == "Sub" and s.graphs[-1].title == "Old"
    for line in (".title.text = {}", ".title.text.Arrpush `\"New title\"'", ".xaxis1.title.text = {}",
                 ".xaxis1.title.text.Arrpush Ex"):
        assert run(s, "gr_edit " + line)[1] == 0
    graph = s.graphs[-1]
    assert graph.title == "New title" and graph.xtitle == "Ex" and len(s.graphs) == 1
    from graphs_helpers import figure

    fig = figure(graph)
    assert axes(fig).get_xlabel() == "Ex"
    out, rc = run(s, "gr_edit .plotregion1.plot1.style.editstyle marker(fillcolor(red)) editcopy")
    assert rc == 0 and s.graphs[-1].panels[0].series[0].marker_fill == "#ff0000"
    out, rc = run(s, "graph play nothere", stop_on_error=False)
    assert rc == 601
