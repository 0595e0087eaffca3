"""Graphs in memory and on disk: save/use (our JSON format), display, drop, dir, rename, copy,
describe, combine, export, saving()."""
from __future__ import annotations

import json

import numpy as np
import pytest

from graphs_helpers import all_texts, axes, figure, make_session, run
from mlmcli.graphs import storage
from mlmcli.graphs.spec import Graph


@pytest.fixture()
def s(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return make_session()


def ok(session, text):
    out, rc = run(session, text)
    assert rc == 0, out
    return out


def test_save_and_use_round_trip_redraws_the_same_graph(s, tmp_path):
    ok(s, 'twoway (lfitci y x) (scatter y x) || histogram z, title("T") legend(order(2 1)) '
          'xscale(log) text(3 4 "hi") by(h)')
    original = s.graphs[-1]
    out = ok(s, "graph save mine")
    assert out == "(file mine.gph saved)\n"
    doc = json.loads((tmp_path / "mine.gph").read_text())
    assert doc["format"] == "mlmcli-graph" and doc["version"] == 1
    ok(s, "graph drop _all")
    ok(s, "graph use mine")
    loaded = s.graphs[-1]
    # title() outside by() is every panel's ([G-3] by_option), kept with the graph
    assert dict(loaded.panel_frame)["title"] == "T" and loaded.legend_order == original.legend_order
    assert loaded.xaxis == original.xaxis and loaded.texts == original.texts
    for a, b in zip(original.panels, loaded.panels):
        assert a.title == b.title
        for sa, sb in zip(a.series, b.series):
            np.testing.assert_array_equal(sa.x, sb.x)
            np.testing.assert_array_equal(sa.y, sb.y)
            assert (sa.kind, sa.label, sa.style) == (sb.kind, sb.label, sb.style)
    assert all_texts(figure(loaded)) == all_texts(figure(original))


def test_save_refuses_to_overwrite_and_use_refuses_foreign_files(s, tmp_path):
    ok(s, "scatter y x")
    ok(s, "graph save a.gph")
    out, rc = run(s, "graph save a.gph", stop_on_error=False)
    assert rc == 602 and "file a.gph already exists" in out
    ok(s, "graph save a, replace")
    (tmp_path / "stata.gph").write_bytes(b"\x00\x01binary stata graph")
    out, rc = run(s, "graph use stata", stop_on_error=False)
    assert rc == 610 and "not a graph saved by mlmcli" in out
    out, rc = run(s, "graph use nosuch", stop_on_error=False)
    assert rc == 601


def test_saving_option_writes_the_file(s, tmp_path):
    ok(s, "scatter y x, saving(viaoption)")
    assert storage.load(str(tmp_path / "viaoption.gph")).panels[0].series[0].kind == "scatter"
    out, rc = run(s, "scatter y x, saving(viaoption)", stop_on_error=False)
    assert rc == 602
    ok(s, "scatter y x, saving(viaoption, replace)")


def test_graph_use_name_and_scheme(s):
    ok(s, "scatter y x")
    ok(s, "graph save g1")
    ok(s, "graph use g1, name(again) scheme(s1mono) xsize(3)")
    graph = s.graphs[-1]
    assert graph.name == "again" and graph.scheme == "s1mono" and graph.size == (3.0, 4.0)


def test_display_dir_drop_rename_copy(s, tmp_path):
    ok(s, "scatter y x, name(one)")
    ok(s, "line y x, sort name(two)")
    ok(s, "graph save two two")
    out = ok(s, "graph dir")
    assert out == "  one  two  two.gph\n"
    assert ok(s, "graph dir, memory") == "  one  two\n"
    ok(s, "graph display one")
    assert s.graphs[-1].name == "one"
    ok(s, "graph rename one first")
    ok(s, "graph copy first second")
    assert sorted(g.name for g in s.graphs) == ["first", "second", "two"]
    out, rc = run(s, "graph rename first two", stop_on_error=False)
    assert rc == 110 and "graph two already exists" in out
    ok(s, "graph drop first second")
    assert [g.name for g in s.graphs] == ["two"]
    out, rc = run(s, "graph drop nosuch", stop_on_error=False)
    assert rc == 111 and "graph nosuch not found" in out
    out, rc = run(s, "graph display nosuch", stop_on_error=False)
    assert rc == 111


def test_describe_and_query(s):
    ok(s, "scatter y x, name(d1) scheme(s2mono)")
    out = ok(s, "graph describe d1")
    assert "name:  d1" in out and "scheme:  s2mono" in out and "command:  scatter y x" in out
    out = ok(s, "graph query, schemes")
    assert "s1mono" in out and "s2color" in out


def test_combine_in_memory_and_files(s, tmp_path):
    ok(s, "scatter y x, name(a)")
    ok(s, "histogram y, name(b)")
    ok(s, "graph save b bfile")
    ok(s, 'graph combine a b bfile.gph, cols(2) ycommon title("Both")')
    combined = s.graphs[-1]
    assert isinstance(combined, Graph) and len(combined.parts) == 3 and combined.cols == 2
    assert combined.share_y and not combined.share_x
    fig = figure(combined)
    part_axes = [ax for ax in fig.axes if ax.get_gid() and ax.get_gid().endswith("panel1")]
    assert sorted(ax.get_gid() for ax in part_axes) == ["part1-panel1", "part2-panel1", "part3-panel1"]
    limits = {axes(fig, f"part{k}-panel1").get_ylim() for k in (1, 2, 3)}
    assert len(limits) == 1  # ycommon
    assert "Both" in all_texts(fig)
    ok(s, "graph export both.png")
    assert (tmp_path / "both.png").read_bytes()[:4] == b"\x89PNG"
    out, rc = run(s, "graph combine a nosuch", stop_on_error=False)
    assert rc == 198 and "nosuch is not a memory graph" in out  # combinegraph_g.class
    out, rc = run(s, "graph combine a bfile", stop_on_error=False)  # a bare name is a memory graph
    assert rc == 198 and "bfile is not a memory graph" in out
    ok(s, 'graph combine a "bfile"')
    ok(s, "graph combine a b, rows(2) xcommon name(c2)")
    assert s.graphs[-1].rows == 2 and s.graphs[-1].share_x


@pytest.mark.parametrize("suffix, magic", [("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")])
def test_export_formats_for_new_graph_kinds(s, tmp_path, suffix, magic):
    ok(s, "graph box y, over(g)")
    ok(s, f"graph export box.{suffix}")
    assert (tmp_path / f"box.{suffix}").read_bytes()[:len(magic)] == magic
    out, rc = run(s, f"graph export box.{suffix}", stop_on_error=False)
    assert rc == 602 and f"file box.{suffix} already exists" in out


def test_export_name_may_be_quoted(s, tmp_path):
    """``graph export "g1.png", name("g1")`` (as public do-files type it) finds graph g1."""
    ok(s, "scatter y x, name(g1)")
    ok(s, "histogram y")
    out, rc = run(s, 'graph export "quoted.png", as(png) name("g1") replace')
    assert rc == 0, out
    ok(s, "graph export plain.png, name(g1)")
    ok(s, "graph export current.png")
    quoted = (tmp_path / "quoted.png").read_bytes()
    assert quoted == (tmp_path / "plain.png").read_bytes()  # the scatter ...
    assert quoted != (tmp_path / "current.png").read_bytes()  # ... not the current histogram
    out, rc = run(s, 'graph export "g2.png", name("nosuch")', stop_on_error=False)
    assert rc == 111 and "graph nosuch not found" in out


def test_graph_subcommand_errors(s):
    assert run(s, "graph", stop_on_error=False)[1] == 198
    assert run(s, "graph matrix y", stop_on_error=False)[1] == 102
    out, rc = run(s, "graph frobnicate", stop_on_error=False)
    assert rc == 198 and "graph specification required" in out  # graph.ado: nothing after the word
    out, rc = run(s, "graph frobnicate y x", stop_on_error=False)
    assert rc == 198 and "frobnicate is not a valid graph subcommand" in out
    out, rc = run(s, 'graph set window fontface "Times New Roman"')
    assert rc == 0 and "graph set window has no effect" in out
    assert run(s, "graph save", stop_on_error=False)[1] == 198  # no file name
    assert run(s, "graph save x", stop_on_error=False)[1] == 111  # no graph in memory


def _pixel(fig, fx: float, fy: float) -> tuple[int, int, int]:
    """The drawn colour at a fraction (fx from the left, fy from the top) of the figure."""
    buf = np.asarray(fig.canvas.buffer_rgba())
    h, w = buf.shape[:2]
    return tuple(int(v) for v in buf[min(int(fy * h), h - 1), min(int(fx * w), w - 1), :3])


def test_combine_draws_its_own_graph_region(s):
    ok(s, "scatter y x, name(a)")
    ok(s, "scatter y g, name(b)")
    ok(s, "graph combine a b, graphregion(color(red))")
    combined = s.graphs[-1]
    assert combined.graph_margin is not None and min(combined.graph_margin) > 0  # combinegraph medsmall
    fig = figure(combined)
    assert fig.get_facecolor()[:3] == (1.0, 0.0, 0.0)
    assert _pixel(fig, 0.003, 0.5) == (255, 0, 0)  # the outer margin, in the region's colour
    inner = axes(fig, "part1-panel1").get_figure()  # a part keeps its own graph region
    assert inner.get_facecolor()[:3] != (1.0, 0.0, 0.0)
    ok(s, "graph combine a b, graphregion(color(red) margin(zero))")
    fig = figure(s.graphs[-1])
    assert _pixel(fig, 0.003, 0.5) != (255, 0, 0)  # no margin: the graphs reach the edge
    ok(s, "graph combine a b, graphregion(margin(large) color(blue)) plotregion(color(green)) holes(2)")
    fig = figure(s.graphs[-1])
    assert _pixel(fig, 0.02, 0.5) == (0, 0, 255)  # a large margin (14.4 points)
    assert _pixel(fig, 0.75, 0.5) == (0, 255, 0)  # the hole shows the combined plot region
    ok(s, "graph combine a b, graphregion(fcolor(white) lcolor(red) lwidth(thick))")
    fig = figure(s.graphs[-1])
    assert fig.get_facecolor()[:3] == (1.0, 1.0, 1.0)
    assert fig.patch.get_edgecolor()[:3] == (1.0, 0.0, 0.0) and fig.patch.get_linewidth() > 1.0  # its outline


def test_combine_has_no_play_option_but_graph_play_edits_it(s, tmp_path):
    """[G-2] graph combine lists no play(): Stata's option ... not allowed; graph play after it
    applies the recording to the combined graph (its title)."""
    (tmp_path / "rec.grec").write_text("StataFileTM:00001:01100:GREC:                          :\n"
                                       "00003:00003:00001:\n*sersets\n*! classwt :\n*! end\n"
                                       ".title.text = {}\n.title.text.Arrpush Recorded title\n")
    ok(s, "scatter y x, name(a)")
    ok(s, "scatter x y, name(b)")
    out, rc = run(s, "graph combine a b, play(rec)", stop_on_error=False)
    assert rc == 198 and "not allowed" in out
    ok(s, "graph combine a b")
    ok(s, "graph play rec")
    assert "Recorded title" in all_texts(figure(s.graphs[-1]))
