"""``marginsplot, bydim(_predict)`` after margins with a single predict() (tenth held-out batch:
a Journal of Human Rights replication plots ``margins, dydx(*)`` after meologit with
``bydim(_predict)``, written for Stata 14+, where meologit's margins give every outcome).
marginsplot.ado 1.2.4 (Stata 16's copy, opensafely-core/cohort-extractor) reads the margins
file, whose ``_predict`` variable its SetupMV always copies to ``_outcome_mv`` and
``_equation``; ``Rest`` lists ``_predict``, ``_outcome`` and ``_equation`` whenever the variables
exist, so ``FindVar`` accepts them as dimensions even when they take one value.  mlm said
"dimension _predict not found in margins results".  A constant dimension adds nothing: the
graph is the one marginsplot draws without it; a dimension margins does not have is still
refused, with the ado's FindVar message and r(322)."""
from __future__ import annotations

from mlmcli.graphs.marginsplot import PlotPoint, choose_dimensions
from test_marginsplot_dimensions import _after
from test_marginsplot_options import draw, run


def test_single_predict_dimensions_are_accepted_and_constant():
    points = [PlotPoint(0.1 * k, 0.0, 1.0, {"_deriv": (0.0, name)}) for k, name in enumerate(("a", "b"))]
    x, plot, by, graph, extra = choose_dimensions(points, ["_deriv"], [], by=["_predict"])
    assert (x, plot, by, graph, extra) == (["_deriv"], [], ["_predict"], [], [])
    for name in ("_outcome", "_equation"):
        assert choose_dimensions(points, ["_deriv"], [], plot=[name])[1] == [name]


def test_bydim_predict_draws_the_margins_in_one_panel():
    session = _after("quietly margins, dydx(x)")
    plain, _ = draw(session, "marginsplot, horizontal recast(scatter)")
    graph, _ = draw(session, "marginsplot, horizontal recast(scatter) allsimple bydim(_predict)")
    assert len(graph.panels) == 1
    assert [len(p.series) for p in graph.panels] == [len(p.series) for p in plain.panels]
    out, rc = run(session, "marginsplot, bydim(_nosuch)")
    assert rc == 322 and "_nosuch not a dimension in margins results" in out
