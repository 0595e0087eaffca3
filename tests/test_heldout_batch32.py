"""Held-out batch 32 (tests/realworld/README.md, thirty-second batch): what its three files needed.

- ``marginsplot, xdimension(at(x))``: a dimlist token ``at(varname)`` names the at() variable
  ``varname`` (a clinical study plots ``margins gfrcat, at(UVOLlog=(...))`` with
  ``xdimension(at(UVOLlog))``).  marginsplot.ado 1.2.4 (Stata 16's copy, opensafely-core/
  cohort-extractor bin/ado/base/m/marginsplot.ado), ParseDim: a token containing ``at(`` is read
  by ``syntax , at(string)`` -- "invalid dimension specification: tok" r(198) when it does not
  parse -- and looked up among the ``_at#`` variables; FindVar refuses a name the margins file
  lacks with "name not a dimension in margins results" r(322).  mlm said "dimension at(x) not
  found in margins results" r(198).
- outreg2's two-column options ``ci``, ``pvalue`` and ``tstat`` (an urban-health file writes
  ``outreg2 using ..., replace word dec(2) ci`` after mixed; mlm said "option ci not allowed").
  outreg2 2.3.2: without stats() its statsList is ``coef ci`` / ``coef pval`` / ``coef tstat``,
  the second statistic in parentheses; "cannot specify both st:ats( ) and ci options" r(198)
  with stats(); "choose only one of tstat, pvalue, ci, or beta" r(198).  The interval is checked
  against numpy and scipy's t, not against mlm.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from graphs_helpers import axes, legend_texts, tick_texts
from mlmcli.errors import StataError
from mlmcli.graphs.marginsplot import dimension_names
from test_marginsplot_dimensions import _after
from test_marginsplot_options import draw, run
from test_outreg2_ci101 import HSB, _ols_ci



@pytest.fixture(scope="module")
def by_group():
    """Margins of g at x = -1, 0, 1 (dimensions x and g)."""
    return _after("quietly margins g, at(x=(-1 0 1))")


def _drawn(session, options):
    graph, fig = draw(session, "marginsplot, " + options)
    panel = graph.panels[0]
    return (tick_texts(axes(fig), "x"), legend_texts(fig), len(panel.series))


def test_at_token_is_the_at_variable(by_group):
    assert _drawn(by_group, "xdimension(at(x))") == _drawn(by_group, "xdimension(x)")
    ticks, legend, _ = _drawn(by_group, "xdimension(at(x)) noci")
    assert ticks == ["-1", "0", "1"] and legend == ["low", "mid", "high"]


def test_at_token_in_plot_dimension_with_two_at_variables():
    session = _after("quietly margins, at(x=(-1 1) f=(0 1))")
    a = _drawn(session, "xdimension(at(x)) noci")
    b = _drawn(session, "xdimension(x) plotdimension(f) noci")
    assert a == b
    assert _drawn(session, "xdimension(at(f)) plotdimension(at(x)) noci")[0] == ["0", "1"]


def test_unknown_dimensions_are_refused_as_the_ado_does(by_group):
    out, rc = run(by_group, "marginsplot, xdimension(at(g))")
    assert rc == 322 and "g not a dimension in margins results" in out
    out, rc = run(by_group, "marginsplot, xdimension(nosuch)")
    assert rc == 322 and "nosuch not a dimension in margins results" in out
    out, rc = run(by_group, "marginsplot, xdimension(at(x y))")
    assert rc == 198 and "invalid dimension specification: at(x" in out


def test_dimension_names_maps_tokens():
    order, ats = ["x", "g", "_deriv"], ["x"]
    assert dimension_names(["at(x)", "g"], order, ats) == ["x", "g"]
    assert dimension_names(["_predict"], order, ats) == ["_predict"]
    with pytest.raises(StataError) as err:
        dimension_names(["at(g)"], order, ats)
    assert err.value.rc == 322



@pytest.fixture
def fitted(tmp_path, monkeypatch, do):
    monkeypatch.chdir(tmp_path)
    rc, _, session = do(f"use {HSB}, clear\nquietly regress mathach ses")
    assert rc == 0
    return lambda text: do(text, session=session)[:2]


def _lines(tmp_path: Path, name: str) -> list[str]:
    return (tmp_path / name).read_text().split("\n")


def test_ci_option_is_stats_coef_ci(fitted, tmp_path):
    assert fitted("outreg2 using a.txt, ci dec(2) replace")[0] == 0
    assert fitted("outreg2 using b.txt, stats(coef ci) dec(2) replace")[0] == 0
    lines = _lines(tmp_path, "a.txt")
    assert lines == _lines(tmp_path, "b.txt")
    b, lo, hi = _ols_ci(95)
    assert lines[4] == f"\t({lo[0]:.2f} - {hi[0]:.2f})"


@pytest.mark.parametrize("option, stat", [("pvalue", "pval"), ("p", "pval"), ("tstat", "tstat")])
def test_pvalue_and_tstat_options(fitted, tmp_path, option, stat):
    assert fitted(f"outreg2 using a.txt, {option} replace")[0] == 0
    assert fitted(f"outreg2 using b.txt, stats(coef {stat}) replace")[0] == 0
    assert _lines(tmp_path, "a.txt") == _lines(tmp_path, "b.txt")


def test_conflicts_are_refused(fitted, tmp_path):
    rc, out = fitted("outreg2 using a.txt, ci stats(coef se) replace")
    assert rc == 198 and "cannot specify both st:ats( ) and ci options" in out
    rc, out = fitted("outreg2 using a.txt, ci pvalue replace")
    assert rc == 198 and "choose only one of tstat, pvalue, ci, or beta" in out
    assert not (tmp_path / "a.txt").exists()
