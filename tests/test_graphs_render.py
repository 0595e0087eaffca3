"""Rendering: each plot type to PNG and SVG on generated data, counted through the SVG gids."""
from __future__ import annotations

import struct
import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.graphs import draw, export
from mlmcli.graphs.build import TwowayBuilder
from mlmcli.graphs.caterpillar import TermEffects, caterpillar_graph
from mlmcli.graphs.syntax import parse_twoway

SVG = "{http://www.w3.org/2000/svg}"


def png_size(path) -> tuple[int, int]:
    with open(path, "rb") as handle:
        head = handle.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def svg_groups(path) -> dict:
    """gid -> element, for the ids the renderer sets."""
    root = ET.parse(path).getroot()
    return {el.get("id"): el for el in root.iter() if el.get("id", "").startswith(("p", "panel"))}


def n_points(group) -> int:
    return len(list(group.iter(SVG + "use")))


def n_paths(group) -> int:
    return len(list(group.iter(SVG + "path")))


@pytest.fixture()
def data() -> Dataset:
    rng = np.random.default_rng(3)
    g = np.repeat([1, 2, 3, 4, 5], 20)
    x = np.round(rng.uniform(0, 20, 100), 1)
    y = 1.0 - 0.1 * g * x + rng.normal(size=100)
    df = pd.DataFrame({"y": y, "x": x, "g": g})
    df.loc[3, "y"] = np.nan
    ds = Dataset(df=df, types={"y": "float", "x": "float", "g": "byte"})
    ds.var_labels["y"] = "Prejudice"
    ds.value_label_of["g"] = "country"
    ds.value_labels["country"] = {1: "Germany", 2: "France"}
    return ds


def simple_mark(ds: Dataset):
    """A marksample for tests: `if` as a pandas query, `in` as 1-based first/last."""
    def mark(if_exp, in_range, names):
        keep = np.ones(ds.nobs, dtype=bool)
        for name in names:
            keep &= np.isfinite(ds.numeric(name))
        if if_exp:
            keep &= ds.df.eval(if_exp).to_numpy(dtype=bool)
        if in_range is not None:
            first = int(in_range.first)
            last = int(in_range.last or in_range.first)
            rows = np.zeros(ds.nobs, dtype=bool)
            rows[first - 1:last] = True
            keep &= rows
        return keep
    return mark


def build(ds, text):
    return TwowayBuilder(ds, simple_mark(ds)).build(parse_twoway(text))


def test_scatter_png_and_svg(tmp_path, data):
    graph = build(data, "scatter y x")
    png, svg = tmp_path / "s.png", tmp_path / "s.svg"
    assert export.export(graph, str(png)) == "PNG"
    assert export.export(graph, str(svg)) == "SVG"
    assert png_size(png) == (825, 600)  # 5.5 x 4 in at 150 dpi
    groups = svg_groups(svg)
    assert n_points(groups["p1-s1-scatter"]) == 99  # one y missing
    assert "panel2" not in groups
    assert graph.ytitle == "Prejudice" and graph.xtitle == "x"
    assert not graph.shows_legend()


def test_png_width_option_keeps_aspect(tmp_path, data):
    path = tmp_path / "w.png"
    export.export(build(data, "scatter y x"), str(path), width=1100)
    assert png_size(path) == (1100, 800)


def test_lfitci_with_scatter_for_one_group(tmp_path, data):
    graph = build(data, "(lfitci y x) (scatter y x) if g==2, xtitle(Education) ytitle(Anti-immigrant Prejudice)")
    svg = tmp_path / "ci.svg"
    export.export(graph, str(svg))
    groups = svg_groups(svg)
    assert "p1-s1-area" in groups and n_paths(groups["p1-s2-line"]) == 1
    assert n_points(groups["p1-s3-scatter"]) == 20
    assert graph.xtitle == "Education" and graph.ytitle == "Anti-immigrant Prejudice"
    assert [e[1] for e in graph.legend_entries()] == ["95% CI", "Fitted values", "Prejudice"]
    area = graph.panels[0].series[0]
    assert len(area.x) == 100 and np.all(area.y <= area.y2)


def test_trellis_by_group_has_one_panel_per_group_titled_by_value_labels(tmp_path, data):
    graph = build(data, "(lfitci y x) (scatter y x), by (g) xtitle(Education)")
    assert [p.title for p in graph.panels] == ["Germany", "France", "3", "4", "5"]
    assert graph.note == "Graphs by g"
    svg, png = tmp_path / "by.svg", tmp_path / "by.png"
    export.export(graph, str(svg))
    export.export(graph, str(png))
    groups = svg_groups(svg)
    assert sorted(k for k in groups if k.startswith("panel")) == [f"panel{k}" for k in range(1, 6)]
    assert sum(n_points(groups[f"p{k}-s3-scatter"]) for k in range(1, 6)) == 99
    width, height = png_size(png)
    assert width >= 825 and height >= 600


def test_by_total_and_cols(data):
    graph = build(data, "scatter y x, by(g, total cols(2))")
    assert len(graph.panels) == 6 and graph.panels[-1].title == "Total" and graph.cols == 2


def test_spaghetti_connect_ascending_draws_one_line_per_group(tmp_path, data):
    ds = data
    ds.df = ds.df.sort_values(["g", "x"]).reset_index(drop=True)
    graph = build(ds, "(line y x, connect(ascending)), xtitle(Education) ytitle(Fitted regression lines)")
    series = graph.panels[0].series[0]
    assert series.n_lines == 5
    svg = tmp_path / "sp.svg"
    export.export(graph, str(svg))
    assert n_paths(svg_groups(svg)["p1-s1-line"]) == 5
    assert graph.ytitle == "Fitted regression lines"


def test_plain_line_is_one_polyline_and_sort_orders_x(data):
    graph = build(data, "line y x, sort")
    series = graph.panels[0].series[0]
    assert series.n_lines == 1 and np.all(np.diff(series.x) >= 0)


def test_lfit_and_multiple_y(tmp_path, data):
    data.df["y2"] = data.df["y"] * 2
    graph = build(data, "scatter y y2 x || lfit y x, legend(off) title(Two)")
    kinds = [(s.kind, s.style) for s in graph.panels[0].series]
    assert kinds == [("scatter", 1), ("scatter", 2), ("line", 3)]
    assert graph.title == "Two" and not graph.shows_legend()
    export.export(graph, str(tmp_path / "m.pdf"))
    assert (tmp_path / "m.pdf").read_bytes()[:4] == b"%PDF"


def test_in_range_and_plot_level_if(data):
    graph = build(data, "(scatter y x in 1/10) (scatter y x if g==5)")
    a, b = graph.panels[0].series
    assert len(a.x) == 9 and len(b.x) == 20


def test_errors(data):
    with pytest.raises(StataError) as err:
        build(data, "scatter y nosuch")
    assert err.value.rc == 111
    with pytest.raises(StataError) as err:
        build(data, "lfit y x g")
    assert err.value.rc == 103
    with pytest.raises(StataError) as err:
        build(data, "scatter y")
    assert err.value.rc == 102
    with pytest.raises(StataError) as err:
        build(data, "scatter y x if g==99")
    assert err.value.rc == 2000
    with pytest.raises(StataError, match="option frobnicate not allowed"):
        build(data, "scatter y x, frobnicate")


def test_ignored_options_are_accepted(data):
    graph = build(data, "scatter y x, scheme(s1mono) graphregion(color(white)) msize(small) name(g1, replace)")
    assert graph.name == "g1"


def test_unknown_color_is_a_note_not_an_error(data):
    builder = TwowayBuilder(data, simple_mark(data))
    builder.build(parse_twoway("scatter y x, mcolor(chartreuse_dream)"))
    assert builder.notes and "named style chartreuse_dream not found" in builder.notes[0]


def test_caterpillar_from_arrays(tmp_path):
    rng = np.random.default_rng(0)
    modes = rng.normal(size=(12, 2))
    se = np.full((12, 2), 0.3)
    term = TermEffects("subject", ("days", "_cons"), modes, se, tuple(f"s{i}" for i in range(12)))
    graph = caterpillar_graph([term])
    assert [p.title for p in graph.panels] == ["subject: days", "subject: _cons"]
    cons = graph.panels[1].series[0]
    assert np.all(np.diff(cons.x) >= 0)  # ranked by the intercept
    np.testing.assert_allclose(cons.y2 - cons.x, 1.959963984540054 * 0.3)
    order = np.argsort(modes[:, 1])
    assert graph.panels[0].yticklabels == tuple(f"s{i}" for i in order)
    svg = tmp_path / "cat.svg"
    export.export(graph, str(svg))
    groups = svg_groups(svg)
    assert n_points(groups["p2-s1-pointci"]) == 12
    assert n_paths(groups["p2-s1-pointci-ci"]) >= 1


def test_caterpillar_many_groups_has_no_group_names(tmp_path):
    term = TermEffects("school", ("_cons",), np.linspace(-1, 1, 300)[:, None], np.full((300, 1), 0.1),
                       tuple(str(i) for i in range(300)))
    graph = caterpillar_graph([term], level=90)
    assert graph.panels[0].yticklabels == ()
    path = tmp_path / "cat.png"
    export.export(graph, str(path))
    assert png_size(path)[0] >= 825


def test_export_refuses_unknown_format_and_bad_folder(tmp_path, data):
    graph = build(data, "scatter y x")
    with pytest.raises(StataError):
        export.export(graph, str(tmp_path / "x.doc"))
    with pytest.raises(StataError) as err:
        export.export(graph, str(tmp_path / "no" / "such" / "x.png"))
    assert err.value.rc == 603
    assert not list(tmp_path.glob(".mlm-graph-*"))


def test_legend_order_label_and_on(data):
    graph = build(data, '(lfitci y x) (scatter y x), legend(order(3 "Observed, all" 2) cols(1))')
    assert graph.legend_entries() == [("scatter", "Observed, all", 2), ("line", "Fitted values", 1)]
    assert graph.shows_legend() and graph.legend_cols == 1
    graph = build(data, '(lfitci y x) (scatter y x), legend(label(2 "OLS line"))')
    assert [e[1] for e in graph.legend_entries()] == ["95% CI", "OLS line", "Prejudice"]
    assert build(data, "scatter y x, legend(on)").shows_legend()
    assert not build(data, "scatter y x").shows_legend()
    assert not build(data, "scatter y x || lfit y x, legend(off)").shows_legend()


def test_connected_xlabel_xline_and_stairstep(tmp_path, data):
    graph = build(data, "connected y x in 1/5, sort xlabel(0(5)20) xline(10) yline(0 1) note(Source: made up)")
    kinds = [s.kind for s in graph.panels[0].series]
    assert kinds == ["connected"]  # markers and line, one legend key
    assert graph.xticks == (0, 5, 10, 15, 20) and graph.xlines == (10,) and graph.ylines == (0, 1)
    assert graph.note == "Source: made up"
    step = build(data, "line y x in 1/5, sort connect(J)").panels[0].series[0]
    assert step.step
    export.export(graph, str(tmp_path / "c.png"))
    export.export(build(data, "line y x in 1/5, sort connect(J)"), str(tmp_path / "j.svg"))


def test_graph_modules_do_not_import_matplotlib():
    import subprocess
    import sys

    code = ("import sys, mlmcli.commands.graphs.twoway, mlmcli.graphs.build, mlmcli.graphs.caterpillar;"
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "False"


def test_by_suboptions_legend_off_and_empty_note(data):
    graph = build(data, '(lfitci y x) (scatter y x), by(g, legend(off) note(""))')
    assert not graph.shows_legend() and graph.note == ""


def test_axis_labels_are_written_the_stata_way():
    assert [draw.stata_tick(v) for v in (0.5, -0.05, 0.0, -0.0, 2.5, 10, 0.30000000000000004)] == [
        ".5", "-.05", "0", "0", "2.5", "10", ".3"]


def test_export_onto_a_folder_is_a_stata_error(tmp_path, data):
    (tmp_path / "taken.png").mkdir()
    with pytest.raises(StataError) as err:
        export.export(build(data, "scatter y x"), str(tmp_path / "taken.png"))
    assert err.value.rc == 603
    assert [p.name for p in tmp_path.iterdir()] == ["taken.png"]
