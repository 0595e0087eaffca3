"""Graph lines of the public do-files added to tests/graphs_reference/real_graph_lines.txt in the
third round (rl40: Cunningham's Mixtape, asjadnaqvi's Stata Guide, jhustata's courses, Yubo-Wei's
and mshams1's Stata courses, grodri's markstat, zhangdashenqi's Stata-Graph, pipegalera's applied
econometrics, jimbotyson's graphing notes) that mlm stopped on though Stata takes them, and the
unknown-behaviour lines the class files of a Stata install settle: each drawn here and read back
from the matplotlib objects."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import artists, axes, drawn, make_session, run, segments


@pytest.fixture()
def s():
    return make_session(n=60)


# ------------------------------------------------------------------ yxview style options
def _line_points(fig, gid):
    (seg,) = segments(fig, gid)
    return seg


def test_line_takes_marker_options_and_draws_the_line(s):
    # Mixtape's lmb2004.do: `line smoothdem01 x01, msize(small) color(gray) sort || ...`
    _, fig = drawn(s, "line y x, msize(small) color(gray) sort")
    seg = _line_points(fig, "p1-s1-line")
    order = np.argsort(s.data.df["x"].to_numpy(), kind="stable")
    np.testing.assert_allclose(seg[:, 0], s.data.df["x"].to_numpy()[order])
    np.testing.assert_allclose(seg[:, 1], s.data.df["y"].to_numpy()[order])
    # no markers: the line's Line2D/collection only
    assert not artists(fig, "p1-s1-scatter")


def test_lfit_takes_marker_size_and_jitter(s):
    # Mixtape's rdd_simulate1.do (`lfit y1 x, lcolor(red) msize(small) ...`) and lmb2004.do
    # (`lfit score demvoteshare if democrat==0, color(red) legend(off) jitter(5)`)
    _, fig = drawn(s, "twoway (scatter y x) (lfit y x, lcolor(red) msize(small) jitter(5)), legend(off)")
    seg = _line_points(fig, "p1-s2-line")
    b, a = np.polyfit(s.data.df["x"], s.data.df["y"], 1)
    np.testing.assert_allclose(seg[:, 1], a + b * seg[:, 0], rtol=1e-6)
    assert seg[:, 0].min() == pytest.approx(s.data.df["x"].min())


def test_range_plots_take_sort_and_bar_outline_names(s):
    # rcap/rscatter `sort` (yxview's SORT) and rline `bcolor(mint) blwidth(thick)` (its BColor,
    # BLWidth: the area style a line view does not draw)
    run(s, "gen hi = y + 1\ngen lo = y - 1")
    _, fig = drawn(s, "twoway (rcap hi lo x, sort) (rscatter hi lo x, sort) "
                      "(rline hi lo x, sort bcolor(mint) blwidth(thick) blpattern(dash))")
    (caps,) = artists(fig, "p1-s1-rcap")
    assert len(caps.get_segments()) == 60
    (upper,) = artists(fig, "p1-s2-scatter")  # rscatter: hi's markers, then lo's
    np.testing.assert_allclose(np.sort(upper.get_ydata()), np.sort(s.data.df["hi"].to_numpy()))
    seg = _line_points(fig, "p1-s4-line")  # rline: hi's line in x order
    np.testing.assert_allclose(seg[:, 0], np.sort(s.data.df["x"].to_numpy()))


def test_scatter_takes_the_box_names_of_its_area_style(s):
    # a learner's transcription of Mitchell: `scatter ..., blcolor(green) blwidth(thick)`
    _, fig = drawn(s, "scatter y x, blcolor(green) blwidth(thick) mcolor(red)")
    (markers,) = artists(fig, "p1-s1-scatter")
    from matplotlib.colors import to_hex

    assert to_hex(markers.get_markerfacecolor()) == "#ff0000"
    assert len(markers.get_xdata()) == 60


def test_line_nodropbase(s):
    # zhangdashenqi's twoway_area_4.do: `twoway (line y x in 102/-1, cmiss(n) nodropbase)`
    _, fig = drawn(s, "twoway (line y x in 31/-1, cmiss(n) nodropbase)")
    seg = np.concatenate(segments(fig, "p1-s1-line"))
    assert len(seg) == 30


def test_ci_plots_still_refuse_marker_options(s):
    # lfitci builds two views (no yxview parser): its options stay its own
    out, rc = run(s, "twoway lfitci y x, msize(small)", stop_on_error=False)
    assert rc == 198 and "option msize() not allowed" in out


# ------------------------------------------------------------------ twoway area y1 y2 x
def test_area_of_several_y(s):
    # jhustata's lecture7.do: `graph twoway area ecd scd yr`
    run(s, "clear\nset obs 5\ngen yr = 2000 + _n\ngen ecd = _n\ngen scd = 2 * _n")
    _, fig = drawn(s, "graph twoway area ecd scd yr")
    first = artists(fig, "p1-s1-area")
    second = artists(fig, "p1-s2-area")
    assert first and second
    top1 = first[0].get_paths()[0].vertices[:, 1].max()
    top2 = second[0].get_paths()[0].vertices[:, 1].max()
    assert (top1, top2) == (pytest.approx(5), pytest.approx(10))


# ------------------------------------------------------------------ graph export, wid()
def test_export_width_abbreviated(s, tmp_path):
    # asjadnaqvi's do-files: `graph export ..., replace wid(1000)` (png_options: wid:th, hei:ght)
    run(s, "scatter y x")
    target = tmp_path / "w.png"
    out, rc = run(s, f'graph export "{target}", replace wid(400)')
    assert rc == 0, out
    from PIL import Image

    assert Image.open(target).size[0] == 400
    out, rc = run(s, f'graph export "{target}", replace hei(300)')
    assert rc == 0 and Image.open(target).size[1] == 300
    out, rc = run(s, f'graph export "{target}", replace wi(300)', stop_on_error=False)
    assert rc == 198 and "option wi() not allowed" in out
