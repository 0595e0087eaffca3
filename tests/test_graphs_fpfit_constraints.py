"""twoway fpfit/fpfitci ``estcmd(logit ...) estopts(constraints() from() collinear)``: ml's
constraints and starting values in each of fracpoly's fits (a constraint on ``Ix__1`` binds the
final model only, one on ``_cons`` every fit, the search included); values from R
(``tests/graphs_reference/fpfit_constraints.R``, ``fpfit_constraints.json``)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from graphs_helpers import drawn, run
from mlmcli.dataset import Dataset
from mlmcli.fractional_polynomials import fp_terms
from mlmcli.session import Output, Session

REFERENCE = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_constraints.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


@pytest.fixture
def s():
    df = pd.DataFrame({"yb": REFERENCE["yb"], "x": REFERENCE["x"]})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={"yb": "double", "x": "double"})
    return session


def _matches(graph, ref):
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, ref["at"])
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), ref["se"], rtol=1e-5, atol=1e-7)


def test_constraint_on_a_term_binds_the_final_model(s):
    run(s, "constraint 1 Ix__1 = 0.25")
    graph, _ = drawn(s, "twoway fpfitci yb x, estcmd(logit) estopts(constraints(1))")
    _matches(graph, REFERENCE["slope"])
    run(s, "constraint 1 [yb]Ix__1 - 0.25 = 0")  # the same constraint written otherwise
    again, _ = drawn(s, "twoway fpfitci yb x, estcmd(logit) estopts(constraints(1) collinear)")
    _matches(again, REFERENCE["slope"])


def test_constraint_on_the_constant_binds_every_fit(s):
    run(s, "constraint 7 _cons = 0")
    graph, _ = drawn(s, "twoway fpfitci yb x, estcmd(logit) estopts(constraints(7))")
    _matches(graph, REFERENCE["nocons"])


def test_constraint_naming_nothing_changes_nothing(s):
    run(s, "constraint 1 bogus = 1")
    plain, _ = drawn(s, "twoway fpfitci yb x, estcmd(logit)")
    constrained, _ = drawn(s, "twoway fpfitci yb x, estcmd(logit) estopts(constraints(1))")
    for a, b in zip(plain.panels[0].series, constrained.panels[0].series):
        np.testing.assert_allclose(a.y, b.y, rtol=1e-8)


def test_from_starts_the_fits(s):
    plain, _ = drawn(s, "twoway fpfitci yb x, estcmd(logit)")
    started, _ = drawn(s, "twoway fpfitci yb x, estcmd(logit) estopts(from(Ix__1=1 _cons=-1, skip))")
    for a, b in zip(plain.panels[0].series, started.panels[0].series):
        np.testing.assert_allclose(a.y, b.y, rtol=1e-6, atol=1e-9)
    # iterate(0): every fit keeps its starting values -- the candidates all tie (their terms start
    # at 0), so the first pair (-2, -2) is kept, and the final model is the values given
    graph, _ = drawn(s, "twoway fpfit yb x, estcmd(logit) estopts(iterate(0) from(Ix__1=.5 Ix__2=-.25 _cons=.3, "
                        "skip))")
    x = np.asarray(REFERENCE["x"])
    z, at = x, np.unique(x)  # the range is below 10: scale 1
    centre = np.array([t[0] for t in fp_terms(np.array([z.mean()]), (-2.0, -2.0))])
    design = np.column_stack(fp_terms(at, (-2.0, -2.0))) - centre
    np.testing.assert_allclose(graph.panels[0].series[0].y, design @ [.5, -.25] + .3, rtol=1e-10)


@pytest.mark.parametrize("estopts", [
    "constraints(3)",  # not defined: the command fails in fracpoly's first fit
    "from(Ix__1=1)",  # without skip: the first fit has no Ix__1
    "from(b0)",  # no such matrix
    "from(1 2 3, copy)"])  # the first fit has one parameter
def test_failing_in_fracpolys_fits_is_the_note(s, estopts):
    out, rc = run(s, f"twoway fpfitci yb x, estcmd(logit) estopts({estopts})")
    assert rc == 0 and NOTE in out, out

