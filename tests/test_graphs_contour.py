"""twoway contour / contourline: surfaces, cuts, colour rules, legend keys."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_rgb, to_rgba
from matplotlib.legend import Legend

from graphs_helpers import axes, drawn, figure, legend_texts, make_session, run
from mlmcli.graphs.style import parse_color
from mlmcli.graphs.contour import cuts_of, data_grid, region_colors, shepard_surface, thin_plate_surface


def _ramp(fig):
    """The contour legend's key: the axes beside the plot region."""
    (ramp,) = [c for c in axes(fig).child_axes if c.get_gid().endswith("-ramp")]
    return ramp


def _ramp_blocks(ramp) -> list[tuple[float, float, tuple]]:
    """(lower z, upper z, rgb) of each colour block of the ramp, bottom to top."""
    found = [(p.get_y(), p.get_y() + p.get_height(), tuple(round(c, 4) for c in p.get_facecolor()[:3]))
             for p in ramp.patches if p.get_gid().endswith("-ramp-key")]
    return sorted(found)


@pytest.fixture()
def s():
    session = make_session(n=80)
    run(session, "gen q = x^2/10 - z")
    return session


def test_surfaces_reproduce_the_points():
    rng = np.random.default_rng(1)
    x, y = rng.uniform(0, 1, 30), rng.uniform(0, 1, 30)
    z = 1 + 2 * x - y  # a plane: the thin-plate spline is exact on it
    gx, gy = np.linspace(0, 1, 7), np.linspace(0, 1, 5)
    grid = thin_plate_surface(x, y, z, gx, gy)
    np.testing.assert_allclose(grid, 1 + 2 * gx[None, :] - gy[:, None], atol=1e-8)
    at = shepard_surface(x, y, z, x[:3], y[:3])  # exact at the data points
    np.testing.assert_allclose(np.diag(at), z[:3])
    gx, gy, full = data_grid(np.array([0, 1, 0, 1.0]), np.array([0, 0, 1, 1.0]), np.array([1, 2, 3, 4.0]))
    np.testing.assert_allclose(full, [[1, 2], [3, 4]])
    # help twoway_contour: a pair without a z is missing (its cells in the background colour);
    # a repeated pair keeps its smallest z
    gx, gy, holed = data_grid(np.array([0, 1, 0, 0.0]), np.array([0, 0, 1, 1.0]), np.array([1, 2, 3, 2.5]))
    np.testing.assert_allclose(holed, [[1, 2], [2.5, np.nan]])


def test_cuts_and_colour_rules():
    z = np.array([0.0, 10.0])
    np.testing.assert_allclose(cuts_of(z, 5, None, False), [2, 4, 6, 8])
    np.testing.assert_allclose(cuts_of(z, 5, [3, 1], True), [0, 1, 3, 10])
    hue = region_colors(5, "hue", "#0000ff", "#ff0000")
    assert hue[0] == "#0000ff" and hue[-1] == "#ff0000" and hue[2] == "#00ff00"  # through green
    assert region_colors(3, "chue", "#0000ff", "#ff0000")[1] == "#ff00ff"  # through magenta
    assert region_colors(2, "linear", "#000000", "#ffffff") == ["#000000", "#ffffff"]


def test_contour_draws_regions_and_keys(s):
    graph, fig = drawn(s, "twoway contour q y x, levels(4) format(%4.1f)")
    main = graph.panels[0].series[0]
    assert main.kind == "contour" and main.stats.shape == (60, 60) and len(main.pos) == 5
    assert legend_texts(fig) == []  # Stata's contour legend is the colour ramp, not keys
    ramp = _ramp(fig)
    np.testing.assert_allclose(ramp.get_ylim(), (main.pos[0], main.pos[-1]))
    np.testing.assert_allclose(ramp.get_yticks(), main.pos)  # labelled at the edges by default
    assert [t.get_text() for t in ramp.get_yticklabels()] == [f"{v:4.1f}".strip() for v in main.pos]
    assert axes(fig).get_ylabel() == "Outcome" and axes(fig).get_xlabel() == "x"
    drawn_sets = [c for c in axes(fig).collections if c.get_gid() == "p1-s1-contour"]
    assert drawn_sets
    graph, fig = drawn(s, "twoway contour q y x, heatmap ccuts(-2 0 2) ccolors(red green blue navy)")
    main = graph.panels[0].series[0]
    assert main.kind == "heatmap" and len(main.labels) == len(main.pos) - 1


def test_contourline_and_errors(s):
    graph, fig = drawn(s, "twoway contourline q y x, ccuts(-1 0 1) colorlines reversekey")
    main = graph.panels[0].series[0]
    np.testing.assert_allclose(main.pos, [-1, 0, 1])
    assert legend_texts(fig) == ["-1", "0", "1"]
    graph, fig = drawn(s, "twoway contourline q y x, levels(3)")
    assert len(set(graph.panels[0].series[0].labels)) == 1  # one colour without colorlines
    for text in ("twoway contour q y", "twoway contour q y x, interp(bogus)",
                 "twoway contour q y x, reversekey"):
        out, rc = run(s, text, stop_on_error=False)
        assert rc != 0, text


def test_contour_ramp_and_zlabel(s):
    from matplotlib.colors import to_rgb, to_rgba

    graph, fig = drawn(s, "twoway contour q y x, ccuts(-4 0 4)")
    main = graph.panels[0].series[0]
    ramp = _ramp(fig)
    blocks = _ramp_blocks(ramp)
    assert len(blocks) == 4 == len(main.labels)  # one block per region, touching: a continuous ramp
    np.testing.assert_allclose([b[0] for b in blocks], main.pos[:-1])
    np.testing.assert_allclose([b[1] for b in blocks], main.pos[1:])
    assert [b[2] for b in blocks] == [tuple(round(c, 4) for c in to_rgb(col)) for col in main.labels]
    assert blocks[0][2] == (0.0, 0.0, 1.0) and blocks[-1][2] == (1.0, 0.0, 0.0)  # blue up to red
    assert ramp.get_position().x0 > axes(fig).get_position().x1  # right of the plot region
    # zlabel(numlist "text"): labels with text at those values, in the ramp's scale
    graph, fig = drawn(s, 'twoway contour q y x, ccuts(-4 0 4) zlabel(-4 "low" 0 "mid" 4 "high")')
    ramp = _ramp(fig)
    np.testing.assert_allclose(ramp.get_yticks(), [-4, 0, 4])
    assert [t.get_text() for t in ramp.get_yticklabels()] == ["low", "mid", "high"]
    # without ccuts()/levels() the zlabel() values are the cuts
    graph, fig = drawn(s, "twoway contour q y x, zlabel(-2(2)4, format(%5.2f) labsize(small) angle(45))")
    main = graph.panels[0].series[0]
    np.testing.assert_allclose(main.pos[1:-1], [-2, 0, 2, 4])
    ramp = _ramp(fig)
    np.testing.assert_allclose(ramp.get_yticks(), [-2, 0, 2, 4])
    labels = ramp.get_yticklabels()
    assert [t.get_text() for t in labels] == ["-2.00", "0.00", "2.00", "4.00"]
    assert labels[0].get_fontsize() == pytest.approx(7.5) and labels[0].get_rotation() == pytest.approx(45)
    # #n: about n nice values over the ramp; the cuts stay levels()' with levels() typed
    graph, fig = drawn(s, "twoway contour q y x, levels(3) zlabel(#3)")
    main = graph.panels[0].series[0]
    assert len(main.pos) == 4  # levels(3): three regions
    ticks = _ramp(fig).get_yticks()
    assert 2 <= len(ticks) <= 5 and all(float(v).is_integer() or (2 * v).is_integer() for v in ticks)
    assert main.pos[0] <= ticks.min() and ticks.max() <= main.pos[-1]
    # minmax, none, noticks
    graph, fig = drawn(s, "twoway contour q y x, zlabel(minmax, noticks)")
    main = graph.panels[0].series[0]
    ramp = _ramp(fig)
    np.testing.assert_allclose(ramp.get_yticks(), [main.pos[0], main.pos[-1]])
    assert all(t.tick2line.get_markersize() == 0 for t in ramp.yaxis.get_major_ticks())
    graph, fig = drawn(s, "twoway contour q y x, levels(4) zlabel(none)")
    assert len(_ramp(fig).get_yticks()) == 0
    # contourline: zlabel()'s values are its cuts, its texts the keys
    graph, fig = drawn(s, 'twoway contourline q y x, zlabel(-1 "a" 1 "b") colorlines')
    np.testing.assert_allclose(graph.panels[0].series[0].pos, [-1, 1])
    assert legend_texts(fig) == ["b", "a"]


def test_contour_legend_options(s):
    """clegend(off|width()|height()|altaxis|title()), ztitle(), ztick(), typed on the plot or
    after the whole graph; zscale()/zmlabel()/zmtick() and the clegend() placement options refused."""
    graph, fig = drawn(s, "twoway contour q y x, clegend(off)")
    assert graph.panels[0].series[0].ramp is None
    assert not [c for c in axes(fig).child_axes if c.get_gid().endswith("-ramp")]
    graph, fig = drawn(s, 'twoway (contour q y x) (scatter y x), ztitle("Zed") ztick(-3(1)3) zlabel(-4(4)8)')
    ramp = _ramp(fig)
    assert ramp.get_ylabel() == "Zed" and ramp.yaxis.get_label_position() == "right"
    ticks = list(ramp.get_yticks())
    assert set(ticks) == {-4, -3, -2, -1, 0, 1, 2, 3, 4, 8}
    texts = dict(zip(ticks, [t.get_text() for t in ramp.get_yticklabels()]))
    assert texts[-4] == "-4" and texts[8] == "8" and texts[-3] == "" and texts[1] == ""
    np.testing.assert_allclose(graph.panels[0].series[0].pos[1:-1], [-4, 0, 4, 8])  # the cuts
    graph, fig = drawn(s, 'twoway contour q y x, clegend(altaxis title("Key") width(*2) height(50))')
    ramp, ax = _ramp(fig), axes(fig)
    assert ramp.get_title() == "Key"
    assert ramp.yaxis.get_ticks_position() == "left"
    box, plot_box = ramp.get_window_extent(), ax.get_window_extent()
    px = fig.dpi / 72.0
    assert box.width == pytest.approx(2 * 17.0 * px, rel=1e-3)  # twice the default width
    assert box.height == pytest.approx(50 * 2.88 * px, rel=1e-3) and box.height < plot_box.height
    labels_right = max(t.get_window_extent().x1 for t in ramp.get_yticklabels() if t.get_text())
    assert plot_box.x1 < min(t.get_window_extent().x0 for t in ramp.get_yticklabels() if t.get_text())
    assert labels_right < box.x0  # the axis between the plot region and the key
    graph, fig = drawn(s, "twoway contour q y x, zscale(reverse range(-20 30))")
    lo, hi = _ramp(fig).get_ylim()
    assert lo == pytest.approx(30) and hi == pytest.approx(-20)  # reversed, widened to the range
    graph, fig = drawn(s, "twoway contour q y x, zscale(off)")
    assert not _ramp(fig).yaxis.get_visible()
    # the contour legend's options on contourline (which has none): Stata accepts them, a note
    _, plain = drawn(s, "twoway contourline q y x, colorlines")
    out, rc = run(s, 'twoway contourline q y x, colorlines ztitle(z) zmlabel(#3) clegend(width(30))')
    assert rc == 0 and "(note: clegend(), ztitle(), zmlabel() not used with contourline" in out
    fig = figure(s.graphs[-1])
    assert legend_texts(fig) == legend_texts(plain)
    assert not [c for c in axes(fig).child_axes if str(c.get_gid()).endswith("-ramp")]
    out, rc = run(s, "twoway (contourline q y x) (scatter y x), ztitle(z)")  # typed after the graph
    assert rc == 0 and "(note: ztitle() not used with contourline: it sets" in out


def test_contour_minor_ticks_ztitle_and_zscale_line(s):
    """zmlabel()/zmtick() (minor ticks on the ramp's axis: numlist, ##k, #k, labelled or not),
    ztitle()'s size()/color()/orientation(), zscale()'s axis line (noline, lcolor(), lwidth(),
    lpattern()), titlegap() and alt."""
    graph, fig = drawn(s, "twoway contour q y x, ccuts(-4 0 4 8) zlabel(-4(4)8) zmlabel(##2, labsize(small)) "
                          "zmtick(-3 -1 1 3)")
    ramp = _ramp(fig)
    np.testing.assert_allclose(ramp.get_yticks(), [-4, 0, 4, 8])
    minor = ramp.yaxis.get_minorticklocs()
    np.testing.assert_allclose(sorted(minor), [-3, -2, -1, 1, 2, 3, 6])  # ##2: the midpoints, + zmtick()
    texts = {round(loc, 6): t.get_text() for loc, t in zip(ramp.yaxis.get_minorticklocs(),
                                                            ramp.get_yticklabels(minor=True))}
    assert texts[-2] == "-2" and texts[6] == "6" and texts[-3] == "" and texts[1] == ""
    sizes = {t.get_fontsize() for t in ramp.get_yticklabels(minor=True)}
    majors = {t.get_fontsize() for t in ramp.get_yticklabels()}
    assert len(sizes) == 1 and sizes.pop() < majors.pop()  # labsize(small) < the labels' medsmall
    tick = ramp.yaxis.get_minor_ticks()[0]
    assert tick.tick2line.get_markersize() < ramp.yaxis.get_major_ticks()[0].tick2line.get_markersize()
    graph, fig = drawn(s, "twoway contour q y x, zmtick(#6)")  # about 6 nice values, unlabelled
    ramp = _ramp(fig)
    assert len(ramp.yaxis.get_minorticklocs()) >= 4
    assert all(t.get_text() == "" for t in ramp.get_yticklabels(minor=True))
    graph, fig = drawn(s, 'twoway contour q y x, ztitle("Height", size(large) color(red) orientation(rvertical))')
    label = _ramp(fig).yaxis.label
    assert label.get_text() == "Height" and label.get_rotation() == 270.0
    assert to_rgb(label.get_color()) == (1.0, 0.0, 0.0)
    _, plain = drawn(s, 'twoway contour q y x, ztitle("Height")')
    assert label.get_fontsize() > _ramp(plain).yaxis.label.get_fontsize()
    graph, fig = drawn(s, 'twoway contour q y x, ztitle("H") zscale(lcolor(red) lwidth(thick) lpattern(dash) '
                          'titlegap(5))')
    ramp, plain_ramp = _ramp(fig), _ramp(plain)
    spine = ramp.spines["right"]
    assert to_rgb(spine.get_edgecolor()) == (1.0, 0.0, 0.0)
    assert spine.get_linewidth() > ramp.spines["left"].get_linewidth()
    assert spine.get_linestyle() != "solid" and ramp.spines["left"].get_linestyle() == "solid"
    assert ramp.yaxis.labelpad > plain_ramp.yaxis.labelpad  # titlegap(5): further from the labels
    _, near = drawn(s, "twoway contour q y x, clegend(altaxis)")
    _, far = drawn(s, "twoway contour q y x, clegend(altaxis) zscale(outergap(10))")
    for fig in (near, far):
        fig.canvas.draw()
    shift = ((_ramp(far).get_window_extent().x0 - axes(far).get_window_extent().x1)
             - (_ramp(near).get_window_extent().x0 - axes(near).get_window_extent().x1))
    assert shift == pytest.approx(10 * 2.88 * far.dpi / 72.0, rel=1e-3)  # outergap(): room beyond the labels
    run(s, "gen pos = q - 2 * (-8) ")  # positive z for a log axis
    graph, fig = drawn(s, "twoway contour pos y x, levels(3) zscale(log)")
    ramp, edges = _ramp(fig), graph.panels[0].series[0].pos
    assert ramp.get_yscale() == "log" and min(edges) > 0
    np.testing.assert_allclose(ramp.get_ylim(), (edges[0], edges[-1]))
    np.testing.assert_allclose(ramp.get_yticks(), edges)  # still labelled at the edges
    assert len(ramp.yaxis.get_minorticklocs()) == 0
    out, rc = run(s, "twoway contour q y x, ccuts(-2 0 5 10) zscale(log)")  # z <= 0: the key shows z > 0
    assert rc == 0 and "log axis shows z > 0 only" in out, out
    graph = s.graphs[-1]
    fig, series = figure(graph), graph.panels[0].series[0]
    ramp, edges, surface = _ramp(fig), np.asarray(series.pos), np.asarray(series.stats, float)
    assert edges[0] < 0 and ramp.get_yscale() == "log"
    floor = min(surface[surface > 0].min(), 5.0)
    np.testing.assert_allclose(ramp.get_ylim(), (floor, edges[-1]))
    blocks = _ramp_blocks(ramp)  # the regions above 0 (the one from 0 to 5 from the floor), none below
    assert len(blocks) == int((edges[1:] > 0).sum()) == 2 and blocks[0][0] == pytest.approx(floor)
    np.testing.assert_allclose([b[1] for b in blocks], edges[edges > 0])
    assert all(t > 0 for t in ramp.get_yticks() if ramp.get_ylim()[0] <= t <= ramp.get_ylim()[1])
    assert len(axes(fig).collections) > 0  # the plot keeps every region
    out, rc = run(s, "gen neg = -abs(q) - 1")
    out, rc = run(s, "twoway contour neg y x, interp(shepard) zscale(log)")  # no z > 0: a linear key
    assert rc == 0 and "zscale(log) not used" in out, out
    assert _ramp(figure(s.graphs[-1])).get_yscale() == "linear"
    graph, fig = drawn(s, "twoway contour q y x, zscale(noline alt)")
    ramp = _ramp(fig)
    assert not ramp.spines["left"].get_visible() and ramp.spines["right"].get_visible()
    assert ramp.yaxis.get_ticks_position() == "left"


def test_contour_legend_placement(s):
    """clegend(position() ring() bplacement()): the ramp on the clock position's side of the
    plot region (beyond the plot's axis there), or inside it with ring(0)."""
    def boxes(text):
        graph, fig = drawn(s, text)
        fig.canvas.draw()
        ramp, ax = _ramp(fig), axes(fig)
        return ramp, ramp.get_window_extent(), ax.get_window_extent(), ax

    ramp, key, plot, ax = boxes("twoway contour q y x")  # Stata's position(3) ring(3)
    assert key.x0 > plot.x1 and key.height == pytest.approx(plot.height, rel=1e-3)
    ramp, key, plot, ax = boxes("twoway contour q y x, clegend(pos(9))")
    ylabels = ax.yaxis.get_tightbbox(ax.figure.canvas.get_renderer())
    assert key.x1 < ylabels.x0 < plot.x0  # left of the y axis' labels and title
    assert key.height == pytest.approx(plot.height, rel=1e-3)
    assert key.y0 == pytest.approx(plot.y0, abs=1.0)
    texts = [t for t in ramp.get_yticklabels() if t.get_text()]
    assert max(t.get_window_extent().x1 for t in texts) < ylabels.x0  # its labels too
    ramp, key, plot, ax = boxes("twoway contour q y x, clegend(position(2))")
    assert key.x0 > plot.x1 and key.y1 == pytest.approx(plot.y1, abs=1.0)
    ramp, key, plot, ax = boxes("twoway contour q y x, clegend(position(6) height(20))")
    xlabels = ax.xaxis.get_tightbbox(ax.figure.canvas.get_renderer())
    assert key.y1 < xlabels.y0 and key.height == pytest.approx(20 * 2.88 * ax.figure.dpi / 72.0, rel=1e-3)
    assert (key.x0 + key.x1) / 2 < (plot.x0 + plot.x1) / 2 < key.x1 + 60  # centred with its labels
    ramp, key, plot, ax = boxes("twoway contour q y x, clegend(position(12))")
    fig = ax.figure
    assert key.y0 > plot.y1 and plot.y1 < key.y1 <= fig.bbox.y1  # room made for it in the figure
    ramp, key, plot, ax = boxes("twoway contour q y x, clegend(position(6))")
    assert 0 <= key.y0 and key.y1 < plot.y0 and key.height > 0.2 * plot.height
    ramp, key, plot, ax = boxes("twoway contour q y x, clegend(pos(5) ring(0))")  # Stata's example
    assert plot.x0 < key.x0 and key.x1 < plot.x1 and plot.y0 < key.y0 < plot.y0 + 20
    labels_right = max(t.get_window_extent().x1 for t in ramp.get_yticklabels() if t.get_text())
    assert labels_right < plot.x1 and key.x0 > (plot.x0 + plot.x1) / 2  # the lower right corner
    ramp, key, plot, ax = boxes("twoway contour q y x, clegend(ring(0) bplacement(nwest) altaxis)")
    assert plot.x0 < min(t.get_window_extent().x0 for t in ramp.get_yticklabels() if t.get_text())
    assert key.y1 == pytest.approx(plot.y1 - 3.5 * 2.88 * ax.figure.dpi / 72.0, abs=1.0)
    assert key.x1 < (plot.x0 + plot.x1) / 2  # the upper left corner
    for bad in ("clegend(position(13))", "clegend(ring(-1))", "clegend(ring(0) bplacement(up))"):
        out, rc = run(s, "twoway contour q y x, " + bad, stop_on_error=False)
        assert rc == 198 and "incorrectly specified" in out, bad


def test_contour_legend_region(s):
    """clegend(region(fcolor() lcolor() lwidth() margin())): a rectangle behind the key and its
    labels, placed with the key (Stata's example: pos(2) ring(0) region(fcolor(gs15)))."""
    graph, fig = drawn(s, 'twoway contour q y x, clegend(pos(2) ring(0) title("Depth") '
                          'region(fcolor(gs15) lcolor(red) lwidth(thick) margin(medium)))')
    fig.canvas.draw()
    ramp, ax = _ramp(fig), axes(fig)
    (back,) = [p for p in ramp.artists + ramp.patches if p.get_gid().endswith("-ramp-region")]
    assert to_rgb(back.get_facecolor()) == pytest.approx(to_rgb(parse_color("gs15")))
    assert to_rgb(back.get_edgecolor()) == (1.0, 0.0, 0.0) and back.get_linewidth() > 0.6
    box, key = back.get_window_extent(), ramp.get_window_extent()
    labels = [t.get_window_extent() for t in ramp.get_yticklabels() if t.get_text()]
    assert box.x0 < key.x0 and box.y0 < key.y0 and box.y1 > key.y1  # around the key, its title
    assert box.x1 > max(b.x1 for b in labels) - 2  # and its labels
    plot = ax.get_window_extent()
    assert plot.x0 < box.x0 and box.x1 <= plot.x1 + 1 and box.y1 <= plot.y1 + 1  # in the corner
    # subtitle() under the title, note() and caption() under the key, inside the region
    graph, fig = drawn(s, 'twoway contour q y x, clegend(title("T") subtitle("S") note("N") caption("C") '
                          'region(lcolor(black)))')
    fig.canvas.draw()
    ramp = _ramp(fig)
    assert ramp.get_title() == "T\nS"
    texts = {t.get_gid().rsplit("-", 1)[-1]: t for t in ramp.texts}
    assert texts["note"].get_text() == "N" and texts["caption"].get_text() == "C"
    key = ramp.get_window_extent()
    note, caption = texts["note"].get_window_extent(), texts["caption"].get_window_extent()
    assert caption.y1 <= note.y0 + 0.5 and note.y1 < key.y0  # under the key, the note first
    (back,) = [p for p in ramp.artists + ramp.patches if p.get_gid().endswith("-ramp-region")]
    assert back.get_window_extent().y0 <= caption.y0 + 0.5
    graph, fig = drawn(s, "twoway contour q y x")
    assert not [p for p in _ramp(fig).artists + _ramp(fig).patches if p.get_gid().endswith("-ramp-region")]
    fig.canvas.draw()
    plain_gap = _ramp(fig).get_window_extent().x0 - axes(fig).get_window_extent().x1
    graph, fig = drawn(s, "twoway contour q y x, clegend(bmargin(l=10))")  # outer margin: further out
    fig.canvas.draw()
    gap = _ramp(fig).get_window_extent().x0 - axes(fig).get_window_extent().x1
    assert gap == pytest.approx(plain_gap + 10 * 2.88 * fig.dpi / 72.0, rel=1e-3)
    # region(lalign()): the outline's stroke half its width inside or outside the centred edge
    extents = {}
    for align in ("center", "inside", "outside"):
        graph, fig = drawn(s, f"twoway contour q y x, clegend(region(lalign({align}) lwidth(thick) lcolor(red)))")
        fig.canvas.draw()
        (back,) = [p for p in _ramp(fig).artists + _ramp(fig).patches if p.get_gid().endswith("-ramp-region")]
        per_x = fig.dpi / 72.0 / fig.bbox.width
        extents[align] = (back.get_width() / per_x, back.get_linewidth())
    width, stroke = extents["center"]
    assert extents["inside"][0] == pytest.approx(width - stroke, abs=1e-6)
    assert extents["outside"][0] == pytest.approx(width + stroke, abs=1e-6)


def test_contourline_clwidths(s):
    """clwidths(): a width per contour line (recycled), its key drawn as wide."""
    from mlmcli.graphs.style import line_width

    graph, fig = drawn(s, "twoway contourline q y x, ccuts(-2 0 2) colorlines clwidths(thin thick)")
    main = graph.panels[0].series[0]
    assert main.line_widths == (line_width("thin"), line_width("thick"))
    (lines,) = [c for c in axes(fig).collections if c.get_gid() == "p1-s1-contourline"]
    np.testing.assert_allclose(lines.get_linewidths(), [line_width("thin"), line_width("thick"), line_width("thin")])
    keys = {x.label: x.line_width for x in graph.panels[0].series[1:]}
    assert keys == {"-2": line_width("thin"), "0": line_width("thick"), "2": line_width("thin")}
    assert run(s, "twoway contour q y x, clwidths(thin)", stop_on_error=False)[1] == 198  # contourline's


def test_contourline_legend_and_plegend(s):
    """Stata's contour-line legend: right of the plot region in one column; plegend() is read as
    legend() when every plot is a contour plot, and changes nothing without keyed contour lines."""
    graph, fig = drawn(s, "twoway contourline q y x, ccuts(-1 0 1) colorlines")
    assert graph.legend_position == 3 and graph.legend_cols == 1
    graph, fig = drawn(s, "twoway contourline q y x, ccuts(-1 0 1) colorlines plegend(off)")
    assert legend_texts(fig) == []
    graph, fig = drawn(s, 'twoway contourline q y x, ccuts(-1 0 1) colorlines plegend(order(1 2) rows(1) pos(6))')
    assert legend_texts(fig) == ["1", "0"] and graph.legend_position == 6
    graph, fig = drawn(s, "twoway scatter y x, plegend(off)")  # no contour-line legend: as without it
    _, plain = drawn(s, "twoway scatter y x")
    assert legend_texts(fig) == legend_texts(plain) and graph.legend_position == 6


def _legends(fig):
    """Every legend drawn, the plots' legend(s) of the subfigures and axes and the ones added."""
    found = []
    for sub in [fig] + list(fig.subfigs) + [g for f in fig.subfigs for g in f.subfigs] + \
            [h for f in fig.subfigs for g in f.subfigs for h in g.subfigs]:
        found += [a for a in sub.get_children() if isinstance(a, Legend)] + list(sub.legends)
    for ax in fig.axes:
        found += [a for a in ax.get_children() if isinstance(a, Legend)]
    return list({id(x): x for x in found}.values())


def test_plegend_beside_other_plots_is_a_second_legend(s):
    """[G-3] legend_options, plegend(): the contour-line legend is drawn besides the plots'
    legend -- its keys the lines (highest first), right of the plot region in one column by
    default, its suboptions those of legend(); legend() keys the other plots."""
    _, fig = drawn(s, "twoway (contourline q y x, ccuts(-1 0 1) colorlines) (scatter y x) (line y x, sort)")
    fig.canvas.draw()
    plot = axes(fig).get_window_extent()
    legends = {tuple(t.get_text() for t in leg.get_texts()): leg for leg in _legends(fig)}
    assert set(legends) == {("1", "0", "-1"), ("Outcome", "Outcome")}
    lines, plots = legends[("1", "0", "-1")], legends[("Outcome", "Outcome")]
    assert lines.get_window_extent().x0 >= plot.x1 - 1 and lines._ncols == 1  # clock 3, one column
    assert plots.get_window_extent().y1 <= plot.y0 + 1  # the plots' legend below, as without lines
    _, fig = drawn(s, 'twoway (contourline q y x, ccuts(-1 0 1) colorlines) (scatter y x) (line y x, sort), '
                      'plegend(order(3 1) pos(12) rows(1)) legend(off)')
    fig.canvas.draw()
    (lines,) = _legends(fig)
    assert [t.get_text() for t in lines.get_texts()] == ["-1", "1"] and lines._ncols == 2
    assert lines.get_window_extent().y0 >= axes(fig).get_window_extent().y1 - 1
    _, fig = drawn(s, "twoway (contourline q y x, ccuts(-1 0 1) colorlines) (scatter y x) (line y x, sort), "
                      "plegend(off)")
    assert [[t.get_text() for t in leg.get_texts()] for leg in _legends(fig)] == [["Outcome", "Outcome"]]
    _, fig = drawn(s, "twoway (contourline q y x, ccuts(-1 0 1) colorlines) (scatter y x), plegend(ring(0) pos(1))")
    fig.canvas.draw()
    (lines,) = _legends(fig)  # one scatter: no plots' legend, as Stata
    box, plot = lines.get_window_extent(), axes(fig).get_window_extent()
    assert plot.x0 < box.x0 and box.x1 <= plot.x1 + 1 and box.y1 <= plot.y1 + 1


def test_contourline_line_pattern(s):
    """lpattern(): every contour line dashed (a dash pattern is one style, not one per line)."""
    graph, fig = drawn(s, "twoway contourline q y x, ccuts(-1 0 1) lpattern(dash)")
    (lines,) = [c for c in axes(fig).collections if c.get_gid() == "p1-s1-contourline"]
    styles = lines.get_linestyles()
    assert len(styles) >= 1 and all(st[1] is not None and len(st[1]) == 2 for st in styles)


def test_contour_ztitle_box_and_placement(s):
    """ztitle() acts like ytitle() ([G-3] axis_title_options): its box (box, fcolor(), lcolor(),
    lwidth()), margin() from the labels, justification() along the key, bexpand (the box along
    the key), position(): the side (9: left of the key, 12: above it, across); ring()/span noted."""
    _, plain = drawn(s, 'twoway contour q y x, ztitle("Height")')
    graph, fig = drawn(s, 'twoway contour q y x, ztitle("Height", box fcolor(yellow) lcolor(red) lwidth(thick) '
                          'margin(l=5) justification(right))')
    label, plain_label = _ramp(fig).yaxis.label, _ramp(plain).yaxis.label
    patch = label.get_bbox_patch()
    assert patch is not None and plain_label.get_bbox_patch() is None
    assert to_rgb(patch.get_facecolor()) == (1.0, 1.0, 0.0) and to_rgb(patch.get_edgecolor()) == (1.0, 0.0, 0.0)
    assert patch.get_linewidth() > 0.8
    assert _ramp(fig).yaxis.labelpad == pytest.approx(4.0 + 5 * 2.88)  # margin(l=5): from the labels
    fig.canvas.draw()
    key = _ramp(fig).get_window_extent()
    text = label.get_window_extent()
    assert text.y1 == pytest.approx(key.y1, abs=1.0)  # right-justified: at the key's top
    graph, fig = drawn(s, 'twoway contour q y x, ztitle("Height", bexpand box)')
    fig.canvas.draw()
    patch = _ramp(fig).yaxis.label.get_bbox_patch().get_window_extent()
    key = _ramp(fig).get_window_extent()
    assert patch.height == pytest.approx(key.height, rel=0.02)  # along the whole key
    graph, fig = drawn(s, 'twoway contour q y x, ztitle("Height", position(9))')
    ramp = _ramp(fig)
    assert ramp.yaxis.get_label_position() == "left" and ramp.yaxis.get_ticks_position() == "right"
    graph, fig = drawn(s, 'twoway contour q y x, ztitle("Height", position(12) color(blue))')
    ramp = _ramp(fig)
    assert ramp.get_xlabel() == "Height" and ramp.xaxis.get_label_position() == "top"
    assert ramp.get_ylabel() == "" and ramp.xaxis.label.get_rotation() == 0.0
    fig.canvas.draw()
    assert ramp.xaxis.label.get_window_extent().y0 >= ramp.get_window_extent().y1 - 0.5  # above the key
    out, rc = run(s, 'twoway contour q y x, ztitle("Height", ring(0) span)')
    assert rc == 0 and "ztitle()'s ring() not used" in out and "ztitle()'s span not used" in out
    assert _ramp(drawn(s, 'twoway contour q y x, ztitle("Height", ring(0))')[1]).get_ylabel() == "Height"
    out, rc = run(s, 'twoway contour q y x, ztitle("Height", axis(2))', stop_on_error=False)
    assert rc == 198 and "one z axis" in out


def test_contour_zscale_fill_and_zmtick_looks(s):
    """zscale(off fill): the axis hidden, its room kept (the plot region as narrow as with the
    axis shown); zmtick(tlength() tlcolor() tlwidth()): its own ticks' look, zmlabel()'s kept;
    label looks on zmtick() noted (it draws no labels)."""
    widths = {}
    for typed in ("", "zscale(off)", "zscale(off fill)", "zscale(fill)"):
        graph, fig = drawn(s, "twoway contour q y x, " + typed)
        fig.canvas.draw()
        widths[typed] = axes(fig).get_window_extent().width
        ramp = _ramp(fig)
        if typed == "zscale(off fill)":  # drawn, invisible: labels and ticks fully transparent
            assert ramp.yaxis.get_visible()
            shown = [t for t in ramp.get_yticklabels() if t.get_text()]
            assert shown and all(to_rgba(t.get_color())[3] == 0 for t in shown)
            assert all(to_rgba(t.tick2line.get_color())[3] == 0 for t in ramp.yaxis.get_major_ticks())
    assert widths["zscale(off)"] > widths[""] + 5  # off: the labels' room given to the plot
    assert widths["zscale(off fill)"] == pytest.approx(widths[""], abs=0.5)  # fill: kept
    assert widths["zscale(fill)"] == pytest.approx(widths[""], abs=0.5)  # without off nothing to keep
    graph, fig = drawn(s, "twoway contour q y x, ccuts(-4 0 4 8) zlabel(-4(4)8) zmlabel(-2 2) "
                          "zmtick(-3 3 6, tlength(4) tlcolor(red) tlwidth(thick))")
    ramp = _ramp(fig)
    ticks = {float(t.get_loc()): t for t in ramp.yaxis.get_minor_ticks()}
    assert set(ticks) == {-3.0, -2.0, 2.0, 3.0, 6.0}
    for v in (-3.0, 3.0, 6.0):
        line = ticks[v].tick2line
        assert line.get_markersize() == pytest.approx(4 * 2.88) and to_rgb(line.get_color()) == (1.0, 0.0, 0.0)
    for v in (-2.0, 2.0):  # zmlabel()'s: the minor ticks' 1.5 points, black
        line = ticks[v].tick2line
        assert line.get_markersize() == pytest.approx(1.5) and to_rgb(line.get_color()) == (0.0, 0.0, 0.0)
    assert ticks[3.0].tick2line.get_markeredgewidth() > ticks[2.0].tick2line.get_markeredgewidth()
    out, rc = run(s, "twoway contour q y x, zmtick(#3, labsize(small) labcolor(red))")
    assert rc == 0 and "zmtick()'s labcolor(), labsize() styles labels zmtick() does not draw" in out
    # ztick(tlength() tlcolor() tlwidth()): its own ticks, the labelled ones keep theirs
    graph, fig = drawn(s, "twoway contour q y x, ccuts(-4 0 4 8) zlabel(-4(4)8) ztick(-2 2 4, tlength(5) tlcolor(red))")
    ticks = {float(t.get_loc()): t for t in _ramp(fig).yaxis.get_major_ticks()}
    for v in (-2.0, 2.0):
        line = ticks[v].tick2line
        assert line.get_markersize() == pytest.approx(5 * 2.88) and to_rgb(line.get_color()) == (1.0, 0.0, 0.0)
    for v in (-4.0, 4.0, 8.0):  # labelled by zlabel(): 3.5 points, black
        line = ticks[v].tick2line
        assert line.get_markersize() == pytest.approx(3.5) and to_rgb(line.get_color()) == (0.0, 0.0, 0.0)
    out, rc = run(s, "twoway contour q y x, ztick(-1 1, angle(45))")
    assert rc == 0 and "ztick()'s angle() styles labels ztick() does not draw" in out


def _key(fig):
    """The one contour legend of a by() graph (an axes of the figure, not of a panel)."""
    (ramp,) = [a for a in fig.findobj(lambda a: hasattr(a, "get_gid") and a.get_gid() == "clegend-ramp")]
    return ramp


def _plot_regions(fig, n):
    from matplotlib.transforms import Bbox

    return Bbox.union([axes(fig, f"panel{k}").get_window_extent() for k in range(1, n + 1)])


def test_contour_by_draws_no_legend_unless_clegend_on_in_by(s):
    """[G-3] clegend_option: legends are omitted under by() unless clegend(on) is typed in by();
    every panel has the cuts and colours of the whole sample (one legend keys them all)."""
    graph, fig = drawn(s, "twoway contour q y x, by(h)")
    assert graph.by_ramp is None
    assert not fig.findobj(lambda a: hasattr(a, "get_gid") and str(a.get_gid()).endswith("-ramp"))
    q = s.data.numeric("q")
    mains = [p.series[0] for p in graph.panels]
    assert all(m.ramp is None for m in mains)
    for m in mains:  # the whole sample's 4 cuts, its minimum and maximum the outer edges
        np.testing.assert_allclose(m.pos, np.concatenate([[q.min()], cuts_of(q, 5, None, False), [q.max()]]))
        assert m.labels == mains[0].labels
        assert np.nanmin(m.stats) >= m.pos[0] and np.nanmax(m.stats) <= m.pos[-1]
    # clegend(on) outside by() does not turn it on (the manual: type it within by())
    graph, fig = drawn(s, "twoway contour q y x, by(h) clegend(on)")
    assert graph.by_ramp is None


def test_contour_by_clegend_on_one_legend_beside_the_trellis(s):
    graph, fig = drawn(s, "twoway contour q y x, by(h, clegend(on))")
    fig.canvas.draw()
    key, regions = _key(fig), _plot_regions(fig, 2)
    box = key.get_window_extent()
    assert box.x0 > regions.x1 and box.x1 < fig.bbox.x1  # right of both panels, in the graph
    assert box.y0 == pytest.approx(regions.y0, abs=1) and box.y1 == pytest.approx(regions.y1, abs=1)
    colours = [b[2] for b in _ramp_blocks(key)]
    assert colours == [tuple(round(c, 4) for c in to_rgb(c)) for c in graph.panels[0].series[0].labels]
    labels = [t for t in key.get_yticklabels() if t.get_text()]
    assert labels and all(t.get_window_extent().x1 <= fig.bbox.x1 + 0.5 for t in labels)
    # position(9): left of the panels and of their y labels and title, inside the graph
    graph, fig = drawn(s, "twoway contour q y x, by(g, clegend(on pos(9)))")
    fig.canvas.draw()
    key = _key(fig)
    labels_right = max(t.get_window_extent().x1 for t in key.get_yticklabels() if t.get_text())
    left_of_axes = min(axes(fig, f"panel{k}").yaxis.get_tightbbox().x0 for k in (1, 3))
    assert key.get_window_extent().x0 >= 0 and labels_right < left_of_axes
    # position(6): under the panels (and the x title), centred on them, the key as tall as typed
    graph, fig = drawn(s, "twoway contour q y x, by(h, clegend(on pos(6) height(40)))")
    fig.canvas.draw()
    key, regions = _key(fig), _plot_regions(fig, 2)
    box = key.get_window_extent()
    xlabels = min(axes(fig, f"panel{k}").xaxis.get_tightbbox().y0 for k in (1, 2))
    assert box.y1 < xlabels and box.y0 >= 0
    assert box.height == pytest.approx(40 * 2.88 * fig.dpi / 72.0, rel=1e-3)


def test_contour_by_clegend_location_inside_and_in_a_cell(s):
    """by(..., clegend(on ring(0) position())) inside the panels' region; clegend(on at(#)) in
    cell # (numbered as holes()); location typed outside by() noted and not used, the look typed
    outside by() used; at() without by() noted."""
    out, rc = run(s, "twoway contour q y x, by(h, clegend(on ring(0) pos(5))) clegend(pos(9) width(30))")
    assert rc == 0 and "clegend()'s position() typed outside by() not used" in out
    fig = figure(s.graphs[-1])
    fig.canvas.draw()
    key, regions = _key(fig), _plot_regions(fig, 2)
    box = key.get_window_extent()
    assert box.width == pytest.approx(30 * 2.88 * fig.dpi / 72.0, rel=1e-3)  # width(30) from outside by()
    assert regions.x0 < box.x0 and box.x1 < regions.x1 and regions.y0 < box.y0 < regions.y0 + regions.height / 2
    graph, fig = drawn(s, "twoway contour q y x, by(g, clegend(on at(4)))")
    fig.canvas.draw()
    cell = axes(fig, "panel3").get_window_extent()  # row 2: panel 3 in cell 3, cell 4 beside it
    box = _key(fig).get_window_extent()
    assert box.x0 > cell.x1 and cell.y0 - 1 <= box.y0 and box.y1 <= cell.y1 + 1
    out, rc = run(s, "twoway contour q y x, clegend(at(2))")
    assert rc == 0 and "clegend(at()) places the contour legend in a by() graph's cell" in out
    assert s.graphs[-1].panels[0].series[0].ramp is not None
    out, rc = run(s, "twoway contour q y x, by(h, clegend(on at(0)))", stop_on_error=False)
    assert rc == 198


def test_contour_by_legend_and_ztitle_box_survive_graph_save(s):
    from mlmcli.graphs.storage import dumps, loads

    graph, _ = drawn(s, 'twoway contour q y x, by(h, clegend(on pos(9))) ztitle("Z", box fcolor(yellow))')
    again = loads(dumps(graph))
    assert again.by_ramp.ramp == graph.by_ramp.ramp and again.by_ramp.ramp_look == graph.by_ramp.ramp_look
    np.testing.assert_allclose(again.by_ramp.pos, graph.by_ramp.pos)
    fig = figure(again)
    fig.canvas.draw()
    assert _key(fig).get_ylabel() == "Z" and _key(fig).yaxis.label.get_bbox_patch() is not None


def test_contour_axis_label_direction_grid_and_alternate(s):
    """zlabel()/zmlabel() tposition() (the ticks into the key, out, across), grid (lines across the
    key at the labels, the ends with gmin/gmax) with glcolor() ..., alternate (every other label
    further out); ztick()/zmtick() the same for their own ticks; zscale(extend|noextend) accepted
    (the key's line spans it either way)."""
    from matplotlib import lines

    graph, fig = drawn(s, "twoway contour q y x, ccuts(-4 0 4 8) zlabel(-4(4)8, tposition(inside) grid "
                          "glcolor(red)) ztick(-2 2, grid tposition(crossing))")
    ramp = _ramp(fig)
    ticks = {float(t.get_loc()): t for t in ramp.yaxis.get_major_ticks()}
    assert ticks[0.0].tick2line.get_marker() == lines.TICKLEFT  # inside: towards the key (left)
    shown = {v for v, t in ticks.items() if t.gridline.get_visible()}
    assert shown == {-4.0, 0.0, 4.0, 8.0, -2.0, 2.0}  # the labels' and ztick(, grid)'s
    assert to_rgb(ticks[0.0].gridline.get_color()) == (1.0, 0.0, 0.0)
    assert ticks[-2.0].tick2line.get_marker() == "_"  # crossing
    graph, fig = drawn(s, "twoway contour q y x, ccuts(-4 0 4 8) zlabel(-4(4)8, grid) ztick(-2 2)")
    ticks = {float(t.get_loc()): t for t in _ramp(fig).yaxis.get_major_ticks()}
    assert not ticks[-2.0].gridline.get_visible() and ticks[0.0].gridline.get_visible()  # ztick() without grid
    # the default labels are the key's ends (its edges): their grid lines only with gmin/gmax
    graph, fig = drawn(s, "twoway contour q y x, levels(3) zlabel(, grid)")
    ticks = _ramp(fig).yaxis.get_major_ticks()
    assert not ticks[0].gridline.get_visible() and not ticks[-1].gridline.get_visible()
    assert all(t.gridline.get_visible() for t in ticks[1:-1])
    graph, fig = drawn(s, "twoway contour q y x, levels(3) zlabel(, grid gmin gmax)")
    assert all(t.gridline.get_visible() for t in _ramp(fig).yaxis.get_major_ticks())
    graph, fig = drawn(s, "twoway contour q y x, ccuts(-4 0 4 8) zlabel(-4(4)8, alternate)")
    texts = [t.get_text() for t in _ramp(fig).get_yticklabels() if t.get_text()]
    assert texts[0] == "-4" and texts[1].endswith("0") and texts[1].startswith("\u2007") and texts[2] == "4"
    graph, fig = drawn(s, "twoway contour q y x, ccuts(-4 0 4 8) zlabel(-4(4)8) zmlabel(-2 2, grid gmin gmax) "
                          "zmtick(-3 3, tposition(inside))")
    minor = {float(t.get_loc()): t for t in _ramp(fig).yaxis.get_minor_ticks()}
    assert minor[-2.0].gridline.get_visible() and minor[2.0].gridline.get_visible()
    assert not minor[-3.0].gridline.get_visible() and minor[-3.0].tick2line.get_marker() == lines.TICKLEFT
    for typed in ("zscale(extend)", "zscale(noextend)"):
        out, rc = run(s, "twoway contour q y x, " + typed)
        assert rc == 0, out


def test_contour_zlabel_add(s):
    """zlabel(values, add): the typed labels beside the default ones (the regions' edges), the
    cuts the default ones (without add the typed values are the cuts)."""
    graph, fig = drawn(s, 'twoway contour q y x, levels(4) zlabel(1 "one", add)')
    main = graph.panels[0].series[0]
    ramp = _ramp(fig)
    texts = {round(float(v), 6): t.get_text() for v, t in zip(ramp.get_yticks(), ramp.get_yticklabels())}
    assert texts[1.0] == "one" and len(texts) == len(main.pos) + 1
    assert all(round(float(v), 6) in texts for v in main.pos)
    graph, _ = drawn(s, 'twoway contour q y x, zlabel(1 "one", add)')
    assert len(graph.panels[0].series[0].pos) == 6  # levels(5)'s cuts, not the typed value


def test_contour_key_axis_titled_by_z(s):
    """[G-2] graph twoway contour: the contour legend's axis is titled by z's variable label (its
    name without one); ztitle("") suppresses it, ztitle(, color()) restyles it, ztitle("x",
    prefix|suffix) joins the typed text to it, and clegend(off) draws no title at all."""
    _, fig = drawn(s, "twoway contour q y x")
    label = _ramp(fig).yaxis.label
    assert label.get_text() == "q" and label.get_visible() and label.get_rotation() == 90.0
    assert _ramp(fig).yaxis.get_label_position() == "right"
    run(s, 'label variable q "Height (m)"')
    _, fig = drawn(s, "twoway contour q y x")
    assert _ramp(fig).get_ylabel() == "Height (m)"
    _, fig = drawn(s, 'twoway contour q y x, ztitle("")')
    assert _ramp(fig).get_ylabel() == ""
    _, fig = drawn(s, "twoway contour q y x, ztitle(, color(red))")
    label = _ramp(fig).yaxis.label
    assert label.get_text() == "Height (m)" and to_rgb(label.get_color()) == (1.0, 0.0, 0.0)
    _, fig = drawn(s, 'twoway contour q y x, ztitle("Mean", prefix)')
    assert _ramp(fig).get_ylabel() == "Mean Height (m)"
    _, fig = drawn(s, 'twoway contour q y x, ztitle("above 0", suffix)')
    assert _ramp(fig).get_ylabel() == "Height (m) above 0"
    _, fig = drawn(s, 'twoway contour q y x, ztitle("Zed")')
    assert _ramp(fig).get_ylabel() == "Zed"
    # the title stands beyond the key's labels, inside the graph
    titled_box = _ramp(fig).yaxis.label.get_window_extent()
    assert titled_box.x0 > max(t.get_window_extent().x1 for t in _ramp(fig).get_yticklabels())
    assert titled_box.x1 <= fig.get_window_extent().x1


def test_contour_key_widened_to_typed_labels_unless_norescale(s):
    """[G-3] axis_label_options: an axis is expanded to include labels typed outside the data's
    range, and norescale says not to: zlabel(), ztick(), zmlabel(), zmtick() beyond the key's
    regions widen its axis (the key's colours keep their edges); with norescale the axis stays
    at the regions' edges and the labels beyond it are not drawn."""
    graph, fig = drawn(s, "twoway contour q y x, ccuts(-4 0 4)")
    edges = graph.panels[0].series[0].pos
    low, high = _ramp(fig).get_ylim()
    assert (low, high) == pytest.approx((edges[0], edges[-1]))
    assert -20 < low and high < 30
    for typed in ("zlabel(-20(10)30)", "ztick(-20 30)", "zmlabel(-20 30)", "zmtick(-20 30)",
                  "zlabel(-20 30, add)"):
        graph, fig = drawn(s, f"twoway contour q y x, ccuts(-4 0 4) {typed}")
        ramp = _ramp(fig)
        assert ramp.get_ylim() == pytest.approx((-20, 30)), typed
        blocks = _ramp_blocks(ramp)
        assert blocks[0][0] == pytest.approx(edges[0]) and blocks[-1][1] == pytest.approx(edges[-1])
    graph, fig = drawn(s, "twoway contour q y x, ccuts(-4 0 4) zlabel(-20(10)30) zscale(reverse)")
    assert _ramp(fig).get_ylim() == pytest.approx((30, -20))
    for typed in ("zlabel(-20(10)30, norescale)", "ztick(-20 30, norescale)", "zmlabel(-20 30, norescale)",
                  "zmtick(-20 30, norescale)"):
        graph, fig = drawn(s, f"twoway contour q y x, ccuts(-4 0 4) {typed}")
        ramp = _ramp(fig)
        assert ramp.get_ylim() == pytest.approx((low, high)), typed
    # norescale: the typed labels are the axis' ticks, those beyond the key outside its view
    graph, fig = drawn(s, "twoway contour q y x, ccuts(-4 0 4) zlabel(-20(5)30, norescale)")
    ramp = _ramp(fig)
    assert -20 in list(ramp.get_yticks()) and ramp.get_ylim() == pytest.approx((low, high))
    inside = [v for v in ramp.get_yticks() if low <= v <= high]
    assert inside == [-5, 0, 5]
    # on contourline (no contour legend axis) norescale is noted
    out, rc = run(s, "twoway contourline q y x, zlabel(-4 0 4, norescale)")
    assert rc == 0 and "(note: zlabel()'s norescale not used with contourline" in out


def test_zlabel_custom_labels_have_their_own_look(s):
    """[G-3] axis_label_options: custom -- the label options apply only to the labels added by
    this option: on the contour ramp those labels (and their ticks) are drawn in their own look,
    the other labels in the axis'."""
    from mlmcli.graphs import style

    _, fig = drawn(s, 'twoway contour q y x, ccuts(-1 0 1) zlabel(0.5 "half", add custom labcolor(red) '
                      'labsize(large) angle(45) tlcolor(blue) tlength(3) tlwidth(thick))')
    fig.canvas.draw()
    ramp = _ramp(fig)
    ticks = {float(t.get_loc()): t for t in ramp.yaxis.get_major_ticks() if t.label2.get_text()}
    assert set(ticks) >= {-1.0, 0.0, 0.5, 1.0}  # added beside the edges
    half, zero = ticks[0.5], ticks[0.0]
    assert half.label2.get_text() == "half" and to_rgb(half.label2.get_color()) == (1.0, 0.0, 0.0)
    assert half.label2.get_fontsize() == pytest.approx(style.TEXT_SIZES["large"])
    assert half.label2.get_rotation() == pytest.approx(45)
    assert to_rgb(half.tick2line.get_markeredgecolor()) == (0.0, 0.0, 1.0)
    assert half.tick2line.get_markeredgewidth() == pytest.approx(style.LINE_WIDTHS["thick"])
    assert half.tick2line.get_markersize() != zero.tick2line.get_markersize()
    assert to_rgb(zero.label2.get_color()) == (0.0, 0.0, 0.0) and zero.label2.get_rotation() == 0  # the axis'
    assert zero.label2.get_fontsize() != pytest.approx(style.TEXT_SIZES["large"])
    _, fig = drawn(s, 'twoway contour q y x, ccuts(-1 0 1) zmlabel(0.25 "q", custom labcolor(red))')
    minor = {float(t.get_loc()): t for t in _ramp(fig).yaxis.get_minor_ticks() if t.label2.get_text()}
    assert to_rgb(minor[0.25].label2.get_color()) == (1.0, 0.0, 0.0)
    majors = [t for t in _ramp(fig).yaxis.get_major_ticks() if t.label2.get_text()]
    assert majors and all(to_rgb(t.label2.get_color()) == (0.0, 0.0, 0.0) for t in majors)
