"""lfitci, qfitci, fpfitci and lpolyci refuse a type of their own: their parser
(twoway_lfitci_parse.class 01jun2013, which qfitci's and fpfitci's parse through, and
twoway_lpolyci_parse.class) reads ``TYPE(string) RECASTas(string)`` and stops on a typed word
with ``type() option not allowed`` / ``recastas() option not allowed`` r(198); the band and the
fit take their types from ``ciplot()`` and ``fitplot()``."""
from __future__ import annotations

import pytest

from graphs_helpers import drawn, make_session, run

BANDED = ("lfitci", "qfitci", "fpfitci", "lpolyci")


@pytest.fixture()
def s():
    return make_session()


@pytest.mark.parametrize("kind", BANDED)
@pytest.mark.parametrize("typed", ["recast(line)", "recasta(area)", "recastas(scatter)"])
def test_recast_is_recastas_not_allowed(s, kind, typed):
    before = len(s.graphs)
    out, rc = run(s, f"twoway {kind} y x, {typed}", stop_on_error=False)
    assert rc == 198 and out.splitlines()[0] == "recastas() option not allowed"
    assert len(s.graphs) == before  # nothing drawn


@pytest.mark.parametrize("kind", BANDED)
def test_recast_in_capitals_is_no_option_at_all(s, kind):
    """Option names are case-sensitive (Stata's syntax): ``RECAST()`` is not ``RECASTas``'s
    abbreviation but an unknown option."""
    before = len(s.graphs)
    out, rc = run(s, f"twoway {kind} y x, RECAST(bar)", stop_on_error=False)
    assert rc == 198 and out.splitlines()[0] == "option RECAST() not allowed"
    assert len(s.graphs) == before


@pytest.mark.parametrize("kind", BANDED)
def test_type_is_not_allowed(s, kind):
    out, rc = run(s, f"twoway {kind} y x, type(area)", stop_on_error=False)
    assert rc == 198 and out.splitlines()[0] == "type() option not allowed"


def test_empty_type_and_recast_change_nothing(s):
    """The parser tests the typed word only: an empty ``recast()`` or ``type()`` is no type."""
    plain, _ = drawn(s, "twoway lfitci y x")
    graph, _ = drawn(s, "twoway lfitci y x, recast() type()")
    assert [x.kind for x in graph.panels[0].series] == [x.kind for x in plain.panels[0].series] == ["area", "line"]


def test_recas_is_no_abbreviation_of_recastas(s):
    """RECASTas: ``recast`` is its shortest abbreviation; ``recas()`` is an option lfitci lacks."""
    out, rc = run(s, "twoway lfitci y x, recas(line)", stop_on_error=False)
    assert rc == 198 and "recastas()" not in out


def test_lfit_keeps_its_recast(s):
    """lfit's yxview takes recast() as its type (twoway_yxview_parse.class): only the banded
    plots refuse it."""
    graph, _ = drawn(s, "twoway lfit y x, recast(scatter)")
    assert graph.panels[0].series[0].kind == "scatter"


def test_lpolyci_smoothplot_is_read_and_unused_as_in_stata(s):
    """twoway_lpolyci_parse.class parses SMOOTHPlot(string) and never uses it: accepted, the
    band and the smooth as without it."""
    plain, _ = drawn(s, "twoway lpolyci y x")
    graph, _ = drawn(s, "twoway lpolyci y x, smoothp(scatter)")
    assert [(x.kind, x.y.tolist()) for x in graph.panels[0].series] == \
        [(x.kind, x.y.tolist()) for x in plain.panels[0].series]
    out, rc = run(s, "twoway lpolyci y x, smooth(line)", stop_on_error=False)  # shorter than SMOOTHP
    assert rc == 198
