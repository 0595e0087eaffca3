"""combomarginsplot (cm100): several ``margins ..., saving()`` files drawn as one marginsplot --
checked on the drawn matplotlib objects (a plot per file, x positions, interval spans, legend
keys, by(_filenumber) panels) against the values the files hold, plus its errors."""
from __future__ import annotations

import numpy as np
import pytest
from graphs_helpers import artists, figure, legend_texts
from test_marginsplot_options import _session, all_texts, draw, run

from mlmcli.fileformats.dta_read import read_dta


@pytest.fixture()
def files(tmp_path, monkeypatch):
    """A fitted session in ``tmp_path`` with two dy/dx files over at(f=(0 1)) and a third over g."""
    monkeypatch.chdir(tmp_path)
    session = _session()
    out, rc = run(session, "quietly regress y c.x##i.f i.g\n"
                           "quietly margins, dydx(x) at(f=(0 1)) saving(m1)\n"
                           "quietly margins, at(f=(0 1)) saving(m2)\n"
                           "quietly margins g, saving(m3)")
    assert rc == 0, out
    return session


def _file(name):
    data, _ = read_dta(name)
    return data.df


def test_one_plot_per_file_at_the_at_values_with_the_files_intervals(files):
    graph, fig = draw(files, 'combomarginsplot m1 m2, labels("Slope" "Level")')
    kinds = [s.kind for s in graph.panels[0].series]
    assert kinds == ["rcap", "rcap", "connected", "connected"]          # intervals first, as marginsplot
    assert legend_texts(fig) == ["Slope", "Level"]
    for j, name in enumerate(("m1", "m2"), start=1):
        saved = _file(f"{name}.dta")
        (line,) = artists(fig, f"p1-s{j + 2}-connected-markers")
        assert list(line.get_xdata()) == [0.0, 1.0]                     # the at(f=) values
        assert list(line.get_ydata()) == pytest.approx(saved["_margin"].to_numpy(float), rel=1e-6)
        ci = graph.panels[0].series[j - 1]
        assert list(ci.y) == pytest.approx(saved["_ci_lb"].to_numpy(float), rel=1e-6)
        assert list(ci.y2) == pytest.approx(saved["_ci_ub"].to_numpy(float), rel=1e-6)


def test_default_labels_and_the_identifying_note(files):
    out, rc = run(files, "combomarginsplot m1 m2")
    assert rc == 0, out
    assert "Variables that uniquely identify margins: f _filenumber" in out
    assert legend_texts(figure(files.graphs[-1])) == ["File 1", "File 2"]


def test_by_filenumber_makes_a_panel_per_file(files):
    graph, fig = draw(files, 'combomarginsplot m1 m2, labels("A" "B") recast(scatter) by(_filenumber) yline(0)')
    assert [p.title for p in graph.panels] == ["A", "B"]
    for panel, name in zip(graph.panels, ("m1", "m2")):
        kinds = [s.kind for s in panel.series]
        assert kinds == ["rcap", "scatter"]
        assert list(panel.series[1].y) == pytest.approx(_file(f"{name}.dta")["_margin"].to_numpy(float), rel=1e-6)


def test_plot_k_opts_style_a_file(files):
    graph, fig = draw(files, "combomarginsplot m1 m2, plot2opts(lcolor(red))")
    (coll,) = artists(fig, "p1-s4-connected")
    assert {tuple(np.round(c, 3)) for c in coll.get_colors()} == {(1.0, 0.0, 0.0, 1.0)}


def test_file_k_opts_style_the_plots_holding_that_file(files):
    graph, fig = draw(files, "combomarginsplot m1 m2, file2opts(lcolor(red)) fileci1opts(lcolor(black))")
    (coll,) = artists(fig, "p1-s4-connected")                           # file 2's margins
    assert {tuple(np.round(c, 3)) for c in coll.get_colors()} == {(1.0, 0.0, 0.0, 1.0)}
    (coll,) = artists(fig, "p1-s1-rcap")                                # file 1's intervals
    assert {tuple(np.round(c, 3)) for c in coll.get_colors()} == {(0.0, 0.0, 0.0, 1.0)}
    (coll,) = artists(fig, "p1-s3-connected")
    assert {tuple(np.round(c, 3)) for c in coll.get_colors()} != {(1.0, 0.0, 0.0, 1.0)}


def test_titles_are_the_ados(files):
    # cmp_marginsplot16: proper(_dta[title]) " of " the one dy/dx variable; the y title
    # "Effects on " proper(predict_label) -- "Predictions" once two files each hold a predict
    # label and an expression (combomarginsplot.ado's combining of the files' texts)
    out, rc = run(files, "quietly margins, dydx(x) at(f=(0 1)) saving(m5)")
    assert rc == 0, out
    graph, fig = draw(files, "combomarginsplot m1 m5")
    texts = all_texts(fig)
    assert "Average Marginal Effects of x with 95% CIs" in texts
    assert "Effects on Predictions" in texts
    graph, fig = draw(files, "combomarginsplot m1 m2")   # titles differ; _deriv's summarize skips file 2's missing
    assert "Combined Margins Results of x with 95% CIs" in all_texts(fig)


def test_savefile_writes_the_combined_margins_and_needs_replace(files):
    out, rc = run(files, 'combomarginsplot m1 m2, labels("A" "B") savefile(both)')
    assert rc == 0, out
    data, _ = read_dta("both.dta")
    assert list(data.df["_filenumber"]) == [1, 1, 2, 2]
    assert data.value_labels[data.value_label_of["_filenumber"]] == {1: "A", 2: "B"}
    assert np.allclose(data.df["_margin"], np.r_[_file("m1.dta")["_margin"], _file("m2.dta")["_margin"]])
    out, rc = run(files, "combomarginsplot m1 m2, savefile(both)", stop_on_error=False)
    assert rc == 602 and "already exists" in out
    out, rc = run(files, "combomarginsplot m1 m2, savefile(both, replace)")
    assert rc == 0, out


@pytest.mark.parametrize("command, rc, words", [
    ("combomarginsplot m1 nosuch", 601, "file nosuch.dta not found"),
    ("combomarginsplot m1 m3", 198, "file 2 _u_at_vars don't match file 1"),   # at(f) vs. none
    ("combomarginsplot m1 m2, level(90)", 198, "Must specify level() option"),
    ("combomarginsplot m1 m2, lplot1opts(lcolor(red))", 198, "lplot1opts() not allowed"),
    ("combomarginsplot m1 m2, file3opts(lcolor(red))", 198, "file3opts() not allowed"),   # two files
    ("combomarginsplot m1 m2, filevarname(1bad)", 198, "invalid name"),
    ("combomarginsplot", 100, "required"),
])
def test_errors(files, command, rc, words):
    before = files.data.df.copy()
    out, got = run(files, command, stop_on_error=False)
    assert got == rc, out
    assert words in out
    assert files.data.df.equals(before)                                  # the data in memory untouched


def test_a_file_that_is_not_a_margins_file_and_a_clashing_file_variable(files):
    out, rc = run(files, "preserve\nkeep y x\nsave plain\nrestore")
    assert rc == 0, out
    out, rc = run(files, "combomarginsplot m1 plain", stop_on_error=False)
    assert rc == 610 and "not a margins file" in out
    out, rc = run(files, "preserve\nuse m2, clear\ngenerate _filenumber = 1\nsave m4\nrestore")
    assert rc == 0, out
    out, rc = run(files, "combomarginsplot m1 m4", stop_on_error=False)
    assert rc == 111 and "variable _filenumber exists in file m4.dta" in out
    graph, _ = draw(files, "combomarginsplot m1 m4, filevarname(source)")
    assert len(graph.panels[0].series) == 4


@pytest.mark.parametrize("command, words", [
    ("combomarginsplot m1 m2, LABELS(a b)", "LABELS"),        # not labels(): option names keep their case
    ("combomarginsplot m1 m2, FILE1opts(lcolor(red))", "FILE1opts"),
])
def test_option_names_in_capitals_are_other_options(files, command, words):
    before = len(files.graphs)
    out, got = run(files, command, stop_on_error=False)
    assert got == 198 and words in out, out
    assert len(files.graphs) == before
