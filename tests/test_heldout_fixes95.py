"""Round 95 held-out fixes: [G-4] size's unit suffixes (``#pt``, ``#in``, ``#cm``, ``#rs``) in
graph sizes, text, markers, line widths, gaps and margins and in ``xsize()``/``ysize()``
(ovarian_case_study.do's ``xsize(16in) ysize(10in)``); a graph name quoted before the comma
(``name("h_fixed", replace)``); stcurve's ``outfile()`` variables named ``haz1``/``surv1``...
in the order drawn (the same do-file reads haz1/haz2 and surv1/surv2 after at1() at2())."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import double_session, drawn, make_session, run
from mlmcli.graphs import look_options, style
from mlmcli.graphs.graph_options import graph_size_inches

CM = 72.0 / 2.54


def test_size_units_in_points():
    assert style.marker_size("3pt") == 3.0
    assert style.text_size("12pt") == 12.0
    assert style.line_width("1cm") == pytest.approx(CM)
    assert style.text_size("0.5in") == 36.0
    # rs is the relative size a bare number already is; names ending in "in" stay names
    assert style.marker_size("2rs") == style.marker_size("2")
    assert style.line_width("thin") == style.LINE_WIDTHS["thin"]
    assert style.line_width("vthin") == style.LINE_WIDTHS["vthin"]
    assert style.split_size_unit("thin") is None and style.split_size_unit("12") is None
    assert style.marker_size("-3pt") is None  # a symbol's size is never negative


def test_gaps_and_margins_with_units():
    assert look_options.relative_size("12pt", "labgap") == pytest.approx(12.0)
    assert look_options.relative_size("3rs", "labgap") == pytest.approx(3 * look_options.UNIT_PT)
    assert look_options.relative_size("-1cm", "titlegap", negative_ok=True) == pytest.approx(-CM)
    left, right, bottom, top = look_options.in_points(look_options.margin_value("l=1cm r+2pt", "margin"))
    assert (left, right, bottom, top) == pytest.approx((CM, 2.0, 0.0, 0.0))
    four = look_options.in_points(look_options.margin_value("1in 2 0 72pt", "margin"))
    assert four == pytest.approx((72.0, 2 * look_options.UNIT_PT, 0.0, 72.0))


def test_graph_size_units():
    assert graph_size_inches("16in", "xsize") == 16.0
    assert graph_size_inches("20cm", "xsize") == pytest.approx(20 / 2.54)
    assert graph_size_inches("288pt", "ysize") == 4.0
    assert graph_size_inches("5.5", "xsize") == 5.5


def test_scatter_with_sized_options():
    s = make_session()
    graph, _ = drawn(s, 'scatter y x, xsize(16in) ysize(10in) scale(1.2) msize(3pt) '
                        'title("t", size(12pt)) plotregion(margin(l=1cm r=2pt))')
    assert graph.size == (16.0, 10.0)
    assert graph.panels[0].series[0].marker_size == 3.0
    graph, _ = drawn(s, "scatter y x, xsize(20cm) ysize(360pt)")
    assert graph.size == pytest.approx((20 / 2.54, 5.0))
    out, rc = run(s, "scatter y x, xsize(5rs)", stop_on_error=False)
    assert rc == 198 and "option xsize() incorrectly specified" in out
    out, rc = run(s, "scatter y x, xsize(200cm)", stop_on_error=False)  # 78.7 in: allowed
    assert rc == 0, out
    out, rc = run(s, "scatter y x, xsize(101in)", stop_on_error=False)
    assert rc == 198


def test_quoted_graph_name():
    s = make_session()
    graph, _ = drawn(s, 'scatter y x, name("h_fixed", replace)')
    assert graph.name == "h_fixed"
    out, rc = run(s, 'scatter y x, name("1bad", replace)', stop_on_error=False)
    assert rc == 198 and "1bad invalid name" in out


@pytest.fixture
def weibull_session():
    rng = np.random.default_rng(95)
    n = 200
    x = (np.arange(n) % 2).astype(float)
    t = np.round(rng.weibull(1.3, n) * np.exp(-0.5 * x) * 10 + 0.01, 3)
    d = (rng.uniform(size=n) < 0.8).astype(float)
    s = double_session({"t": t, "d": d, "x": x})
    run(s, "stset t, failure(d)")
    run(s, "quietly streg x, dist(weibull)")
    return s


def test_stcurve_outfile_names_as_drawn(weibull_session, tmp_path):
    s = weibull_session
    target = tmp_path / "h_fixed"
    drawn(s, f'stcurve, hazard at1(x=0) at2(x=1) name("h_fixed", replace) outfile({target}, replace) '
             'xsize(16in) ysize(10in) scale(1.2)')
    curves = s.graphs[-1].panels[0].series
    run(s, f"use {target}, clear")
    assert s.data.varnames == ["haz1", "haz2", "_t"]
    np.testing.assert_allclose(s.data.df["haz1"].to_numpy(), curves[0].y)
    np.testing.assert_allclose(s.data.df["haz2"].to_numpy(), curves[1].y)
    assert (s.data.df["haz2"] > s.data.df["haz1"]).all()  # x=1 shortens the times: higher hazard


def test_stcurve_outfile_survival_and_later_at(weibull_session, tmp_path):
    s = weibull_session
    target = tmp_path / "S"
    drawn(s, f"stcurve, survival at1(x=1) at3(x=0) outfile({target}, replace)")
    run(s, f"use {target}, clear")
    assert s.data.varnames == ["surv1", "surv2", "_t"]
    assert (s.data.df["surv1"] <= s.data.df["surv2"]).all()


def test_graph_display_size_units():
    s = make_session()
    drawn(s, "scatter y x, name(g1)")
    out, rc = run(s, "graph display g1, xsize(10cm) ysize(3in)")
    assert rc == 0, out
    assert s.graphs[-1].size == pytest.approx((10 / 2.54, 3.0))
