"""title(), note(), caption() and graphregion() typed outside by() are every panel's; inside
by() they are the whole graph's ([G-3] by_option: "The title_options and region_options on the
command on which by() is appended will become the titles and regions for the individual
by-groups"; Remarks, "Treatment of titles": title("My title") by(catvar) -- "My title will be
repeated above each graph"; "by() uses the overall note()": its "Graphs by ..." note is
by(catvar, note("Graphs by ...")), so a note() outside by() leaves it).  Read back from the
matplotlib objects: which texts each panel's axes carry and where they are drawn."""
from __future__ import annotations

import pytest
from matplotlib.colors import to_hex

from graphs_helpers import axes, drawn, make_session, subfigures
from mlmcli.graphs import style

LABELS = ("low", "mid", "high")  # g's value labels in make_session


@pytest.fixture()
def s():
    return make_session(n=60)


def _texts(fig, text: str) -> list:
    return [t for t in fig.findobj(lambda a: hasattr(a, "get_text") and a.get_visible()) if t.get_text() == text]


def _panel_text(fig, k: int, text: str):
    found = [t for t in axes(fig, f"panel{k}").texts if t.get_text() == text]
    assert len(found) == 1, [t.get_text() for t in axes(fig, f"panel{k}").texts]
    return found[0]


def _label(fig, k: int):
    ax = axes(fig, f"panel{k}")
    return next(t for t in (ax.title, ax._left_title, ax._right_title, *ax.texts) if t.get_text() == LABELS[k - 1])


def _box(text):
    return text.get_window_extent(text.figure.canvas.get_renderer())


def test_title_outside_by_is_above_each_panel_and_by_title_is_the_overall_one(s):
    graph, fig = drawn(s, 'scatter y x, by(g, title("Overall")) title("T")')
    assert graph.title == "Overall" and dict(graph.panel_frame)["title"] == "T"
    assert len(_texts(fig, "T")) == 3 and len(_texts(fig, "Overall")) == 1
    for k in (1, 2, 3):
        title, label, ax = _panel_text(fig, k, "T"), _label(fig, k), axes(fig, f"panel{k}")
        # above the group label (the panel's subtitle), centred on its plot region
        assert _box(title).y0 > _box(label).y1 - 1
        assert (_box(title).x0 + _box(title).x1) / 2 == pytest.approx((ax.bbox.x0 + ax.bbox.x1) / 2, abs=1.5)
    # the overall title sits above every panel's
    assert _box(_texts(fig, "Overall")[0]).y0 > max(_box(_panel_text(fig, k, "T")).y1 for k in (1, 2))


def test_note_outside_by_is_under_each_panel_and_graphs_by_stays(s):
    graph, fig = drawn(s, 'scatter y x, by(g) note("N") caption("C")')
    assert graph.note == "Graphs by g" and graph.caption == ""
    assert len(_texts(fig, "Graphs by g")) == 1 and len(_texts(fig, "N")) == 3 and len(_texts(fig, "C")) == 3
    for k in (1, 2, 3):
        ax = axes(fig, f"panel{k}")
        note, caption = _box(_panel_text(fig, k, "N")), _box(_panel_text(fig, k, "C"))
        below = ax.xaxis.get_tightbbox(fig.canvas.get_renderer())  # None: no x axis shown (panel 1)
        assert note.y1 <= min(ax.bbox.y0, below.y0 if below is not None else ax.bbox.y0) + 1  # under them
        assert note.x0 == pytest.approx(ax.bbox.x0, abs=1.5)  # 7 o'clock: left-justified on it
        assert caption.y1 <= note.y0 + 1  # the caption (ring 5) under the note (ring 4)
    # by(, note("")) removes by()'s note; the panels keep theirs
    graph, fig = drawn(s, 'scatter y x, by(g, note("")) note("N")')
    assert not _texts(fig, "Graphs by g") and len(_texts(fig, "N")) == 3


def test_textbox_suboptions_style_each_panels_title(s):
    _, plain = drawn(s, 'scatter y x, by(g) title("T")')
    _, fig = drawn(s, 'scatter y x, by(g) title("T", size(small) color(red) box justification(right))')
    for k in (1, 2, 3):
        before, after = _panel_text(plain, k, "T"), _panel_text(fig, k, "T")
        assert after.get_fontsize() == pytest.approx(before.get_fontsize() * style.TEXT_SIZES["small"] / 12.0)
        assert to_hex(after.get_color()) == "#ff0000"
        assert after.get_bbox_patch() is not None and before.get_bbox_patch() is None
        ax = axes(fig, f"panel{k}")
        assert _box(after).x1 == pytest.approx(ax.bbox.x1, abs=6)  # right-justified on the plot region


def test_boxed_title_clears_the_group_label_and_stays_in_the_panels_region(s):
    _, fig = drawn(s, 'scatter y x, by(g) title("T", box) graphregion(color(white))')
    renderer = fig.canvas.get_renderer()
    for k in (1, 2, 3):
        title_box = _panel_text(fig, k, "T").get_bbox_patch().get_window_extent(renderer)
        label_box = _label(fig, k).get_bbox_patch().get_window_extent(renderer)
        assert title_box.y0 >= label_box.y1 - 0.5  # the boxes do not overlap
        region = _region(fig, k).get_window_extent(renderer)
        assert region.y1 >= title_box.y1 and region.x0 <= title_box.x0 and region.x1 >= title_box.x1


def test_positions_and_ring0(s):
    _, fig = drawn(s, 'scatter y x, by(g) note("N", position(6)) title("T", ring(0) position(1))')
    for k in (1, 2, 3):
        ax = axes(fig, f"panel{k}")
        note = _box(_panel_text(fig, k, "N"))
        assert (note.x0 + note.x1) / 2 == pytest.approx((ax.bbox.x0 + ax.bbox.x1) / 2, abs=1.5)
        title = _panel_text(fig, k, "T")  # inside the plot region, its top right corner
        assert title.get_transform() == ax.transAxes and title.get_position() == pytest.approx((0.97, 0.97))
        assert title.get_ha() == "right"


def test_empty_title_draws_nothing_and_without_by_titles_are_the_graphs(s):
    graph, fig = drawn(s, 'scatter y x, by(g) title("")')
    assert graph.panel_frame == () and not [t for k in (1, 2, 3) for t in axes(fig, f"panel{k}").texts]
    graph, fig = drawn(s, 'scatter y x, title("T") note("N") graphregion(color(white))')
    assert graph.title == "T" and graph.note == "N" and graph.panel_frame == () and graph.panel_region == ()
    assert to_hex(fig.get_facecolor()) == "#ffffff"


def _region(fig, k: int):
    (found,) = [a for a in axes(fig, f"panel{k}").get_children() if a.get_gid() == "panel-region"]
    return found


def test_graphregion_outside_by_is_each_panels_region(s):
    sch = style.scheme("s2color")
    graph, fig = drawn(s, 'scatter y x, by(g) graphregion(color(white) lcolor(red))')
    assert to_hex(fig.get_facecolor()) == to_hex(sch.graph_region)  # the overall region: the scheme's
    renderer = fig.canvas.get_renderer()
    for k in (1, 2, 3):
        region, ax = _region(fig, k), axes(fig, f"panel{k}")
        assert to_hex(region.get_facecolor()) == "#ffffff"
        assert to_hex(region.outline.get_edgecolor()) == "#ff0000"
        extent = region.get_window_extent(renderer)
        inner = _label(fig, k).get_window_extent(renderer)
        # around the panel: its plot region, axes and group label
        assert extent.x0 < ax.bbox.x0 and extent.y0 < ax.bbox.y0 and extent.y1 > inner.y1
    # the regions do not overlap
    boxes = [_region(fig, k).get_window_extent(renderer) for k in (1, 2, 3)]
    assert boxes[0].x1 <= boxes[1].x0 + 0.5 and boxes[2].y1 <= boxes[0].y0 + 0.5
    # by(, graphregion()) is the overall one: the figure's, no panel regions
    graph, fig = drawn(s, 'scatter y x, by(g, graphregion(color(white)))')
    assert to_hex(fig.get_facecolor()) == "#ffffff" and graph.panel_region == ()
    assert not [a for a in axes(fig).get_children() if a.get_gid() == "panel-region"]


def test_graphregion_margin_outside_by_is_room_around_each_panel(s):
    renderer_of = (lambda fig: fig.canvas.get_renderer())
    _, small = drawn(s, 'scatter y x, by(g) graphregion(color(white) margin(zero))')
    _, large = drawn(s, 'scatter y x, by(g) graphregion(color(white) margin(large))')
    def room(fig):
        region = _region(fig, 1).get_window_extent(renderer_of(fig))
        return axes(fig).bbox.x0 - region.x0
    # margin(large): 8% of the smaller of the graph's width and height more room than zero
    assert room(large) > room(small) + 5


def test_plotregion_outside_by_is_each_panels_and_inside_the_panels_area(s):
    sch = style.scheme("s2color")
    _, fig = drawn(s, 'scatter y x, by(g) plotregion(color(yellow))')
    assert all(to_hex(axes(fig, f"panel{k}").get_facecolor()) == "#ffff00" for k in (1, 2, 3))
    graph, fig = drawn(s, 'scatter y x, by(g, plotregion(color(yellow) lcolor(blue)))')
    assert dict(graph.trellis_region)["fill"] == "#ffff00"
    # each panel keeps its own plot region; the area they are arrayed in is yellow, outlined
    assert all(to_hex(axes(fig, f"panel{k}").get_facecolor()) == to_hex(sch.plot_region) for k in (1, 2, 3))
    host = axes(fig).get_figure(root=False)
    assert to_hex(host.get_facecolor()) == "#ffff00"
    outline = [a for sub in subfigures(fig) for a in sub.artists if a.get_gid() == "trellis-outline"]
    assert len(outline) == 1 and to_hex(outline[0].get_edgecolor()) == "#0000ff"


def test_lowess_typed_title_replaces_its_own(s):
    graph, fig = drawn(s, 'lowess y x, by(g) title("My")')
    assert graph.title == "" and not _texts(fig, "Lowess smoother") and len(_texts(fig, "My")) == 3
    graph, _ = drawn(s, 'lowess y x, by(g)')
    assert graph.title == "Lowess smoother"
    # a command with no title of its own (histogram): the typed one is each panel's
    graph, fig = drawn(s, 'histogram y, by(g) title("H") note("n")')
    assert graph.title == "" and graph.note == "Graphs by g"
    assert len(_texts(fig, "H")) == 3 and len(_texts(fig, "n")) == 3


def test_graph_bar_and_box_by_titles_are_each_panels(s):
    for command in ("graph bar y, over(h)", "graph hbox y, over(h)", "graph dot y, over(h)"):
        graph, fig = drawn(s, f'{command} by(g, title("Overall")) title("T") note("N") subtitle("S", prefix)')
        assert graph.title == "Overall" and graph.note == "Graphs by g", command
        assert [p.title for p in graph.panels] == [f"S {v}" for v in LABELS], command
        assert len(_texts(fig, "T")) == 3 and len(_texts(fig, "N")) == 3, command


def test_graph_pie_by_titles_and_regions_are_each_pies(s):
    graph, fig = drawn(s, 'graph pie, over(h) by(g) title("T") subtitle(, color(red)) graphregion(color(white))')
    assert graph.title == "" and len(_texts(fig, "T")) == 3
    assert all(to_hex(_label(fig, k).get_color()) == "#ff0000" for k in (1, 2, 3))
    for k in (1, 2, 3):  # the pie's plot region shows its own graph region
        assert to_hex(_region(fig, k).get_facecolor()) == "#ffffff"
        assert to_hex(axes(fig, f"panel{k}").get_facecolor()) == "#ffffff"


def test_graph_matrix_by_titles_and_regions_are_each_groups(s):
    graph, fig = drawn(s, 'graph matrix y x z, by(g, title("Overall")) title("T") subtitle("(m)", suffix) '
                          'note("N") graphregion(color(white))')
    assert graph.title == "Overall" and graph.note == "Graphs by g" and graph.graph_color is None
    assert [(p.title, p.subtitle, p.note, p.graph_color) for p in graph.parts] == \
        [("T", f"{v} (m)", "N", "#ffffff") for v in LABELS]
    assert len(_texts(fig, "T")) == 3 and len(_texts(fig, "Overall")) == 1
