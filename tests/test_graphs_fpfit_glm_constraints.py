"""twoway fpfitci ``estcmd(glm) estopts(constraints() from() collinear)``: ml's constraints and
starting values in each of fracpoly's glm fits (a constraint on ``Ix__1`` binds the final model
only, one on ``_cons`` every fit, the search included); values from R
(``tests/graphs_reference/fpfit_glm_constraints.R``, ``fpfit_glm_constraints.json``)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import drawn, run
from test_graphs_fpfit_constraints import NOTE, _matches
from mlmcli.dataset import Dataset
from mlmcli.fractional_polynomials import fp_terms
from mlmcli.session import Output, Session

REFERENCE = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_glm_constraints.json").read_text())


@pytest.fixture
def s():
    df = pd.DataFrame({"yc": REFERENCE["yc"], "yg": REFERENCE["yg"], "x": REFERENCE["x"]})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={"yc": "double", "yg": "double", "x": "double"})
    return session


def test_constraint_on_a_term_binds_the_final_poisson_model(s):
    run(s, "constraint 1 Ix__1 = 0.25")
    graph, _ = drawn(s, "twoway fpfitci yc x, estcmd(glm) estopts(family(poisson) constraints(1))")
    _matches(graph, REFERENCE["poisson_slope"])
    run(s, "constraint 1 [yc]Ix__1 - 0.25 = 0")  # the same constraint written otherwise
    again, _ = drawn(s, "twoway fpfitci yc x, estcmd(glm) estopts(family(poisson) constraints(1) collinear)")
    _matches(again, REFERENCE["poisson_slope"])


def test_constraint_on_the_constant_binds_every_gaussian_fit(s):
    run(s, "constraint 7 _cons = 0")
    graph, _ = drawn(s, "twoway fpfitci yg x, estcmd(glm) estopts(constraints(7))")
    _matches(graph, REFERENCE["gauss_nocons"])


def test_from_starts_the_fits(s):
    plain, _ = drawn(s, "twoway fpfitci yc x, estcmd(glm) estopts(family(poisson))")
    started, _ = drawn(s, "twoway fpfitci yc x, estcmd(glm) estopts(family(poisson) from(Ix__1=1 _cons=1, skip))")
    for a, b in zip(plain.panels[0].series, started.panels[0].series):
        np.testing.assert_allclose(a.y, b.y, rtol=1e-6, atol=1e-9)
    # Gaussian identity: glm hands ml iterate(0), so each fit keeps its starting values (from():
    # those given, 0 the others) -- the candidates tie, the first pair (-2, -2) is kept and the
    # final model is the values given
    graph, _ = drawn(s, "twoway fpfit yg x, estcmd(glm) estopts(from(Ix__1=.5 Ix__2=-.25 _cons=3, skip))")
    x = np.asarray(REFERENCE["x"])
    at = np.unique(x)
    centre = np.array([t[0] for t in fp_terms(np.array([x.mean()]), (-2.0, -2.0))])
    design = np.column_stack(fp_terms(at, (-2.0, -2.0))) - centre
    np.testing.assert_allclose(graph.panels[0].series[0].y, design @ [.5, -.25] + 3, rtol=1e-10)


@pytest.mark.parametrize("estopts", [
    "family(poisson) constraints(3)",  # not defined: the command fails in fracpoly's first fit
    "family(poisson) from(Ix__1=1)",  # without skip: the first fit has no Ix__1
    "family(poisson) from(b0)",  # no such matrix
    "family(poisson) from(1 2 3, copy)"])  # the first fit has one parameter
def test_failing_in_fracpolys_fits_is_the_note(s, estopts):
    out, rc = run(s, f"twoway fpfitci yc x, estcmd(glm) estopts({estopts})")
    assert rc == 0 and NOTE in out, out


def test_nbinomial_ml_constraints(s):
    """family(nbinomial ml): glm.ado's first fit, nbreg for k, takes the constraints too (its
    ml options); with _cons = 0 every nbreg and glm fit is without a constant
    (``graphs_reference/fpfit_glm_nbml_constraints.R``, on an overdispersed count: on Poisson
    counts the constant-free nbreg's alpha goes to 0, where neither R nor ml settles)."""
    ref = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_glm_nbml_constraints.json").read_text())
    s.data.df["ynb"] = np.asarray(ref["ynb"], float)
    s.data.types["ynb"] = "double"
    run(s, "constraint 1 _cons = 0")
    graph, _ = drawn(s, "twoway fpfitci ynb x, estcmd(glm) estopts(family(nbinomial ml) constraints(1))")
    _matches(graph, ref["nbml_nocons"])
    out, rc = run(s, "twoway fpfit ynb x, estcmd(glm) estopts(family(nbinomial ml) constraints(4))")
    assert rc == 0 and NOTE in out, out  # not defined: the first nbreg fails


@pytest.mark.parametrize("estopts", ["from(b0)", "constraints(1)", "collinear"])
def test_cnreg_fails_with_them(s, estopts):
    """cnreg's maximize options are iterate(), the tolerances and the log only: it fails, and
    fracpoly with it (the note)."""
    run(s, "gen c = 0")
    run(s, "constraint 1 _cons = 0")
    out, rc = run(s, f"twoway fpfit yg x, estcmd(cnreg) estopts(censored(c) {estopts})")
    assert rc == 0 and NOTE in out, out
