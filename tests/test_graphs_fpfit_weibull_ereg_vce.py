"""twoway fpfit/fpfitci with estcmd(weibull|ereg) and ml's vce(), collinear and constraints()
(``graphs.fpfit_weibull_ereg``): the final model's x b and stdp band against mlm's own
``streg`` on the same FP terms after ``stset y, failure(d)`` (time metric; x b and its stdp at a
point do not depend on the terms' centring) -- streg's vce(opg|robust|cluster) and constrained ML
are themselves checked against R (tests/test_streg_*); weibull's constraints() bind ml's
hazard-metric parameters ([ln_p]_cons = 0 makes weibull ereg's fit), ereg's its time-form ones;
options the command lacks are the note (strata(), ancillary(), from(), score():
tests/test_graphs_fpfit_weibull_ereg_options.py)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import drawn, run
from mlmcli.distributions import norm
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

REFERENCE = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_weibull_ereg.json").read_text())
POWERS = tuple(REFERENCE["weibull_dead"]["powers"])  # (1, 2): survreg's best, checked in the sibling test


@pytest.fixture
def s() -> Session:
    df = pd.DataFrame({k: np.asarray(REFERENCE[k], float) for k in ("x", "y", "d")})
    df["g"] = np.arange(len(df)) % 7
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


def _streg_band(s, vce: str):
    """(x b, stdp) at the graph's points from streg on x^p1 x^p2 (time form)."""
    out, rc = run(s, "gen double t1 = x^%g\ngen double t2 = x^%g\nstset y, failure(d)\n"
                  "quietly streg t1 t2, distribution(weibull) time %s" % (*POWERS, vce))
    assert rc == 0, out
    b, V = s.e.matrices["b"].values.ravel()[:3], s.e.matrices["V"].values[:3, :3]
    return b, V


def _at(b, V, at):
    X = np.column_stack([at ** POWERS[0], at ** POWERS[1], np.ones(at.size)])
    return X @ b, np.sqrt(np.einsum("ij,jk,ik->i", X, V, X))


@pytest.mark.parametrize("typed, streg_vce", [("vce(opg)", "vce(opg)"), ("vce(robust) collinear", "vce(robust)"),
                                              ("vce(cluster g)", "vce(cluster g)"), ("vce(oim)", "")])
def test_vce_matches_streg(s, typed, streg_vce):
    graph, _ = drawn(s, f"twoway fpfitci y x, estcmd(weibull) estopts(dead(d) {typed})")
    band, line = graph.panels[0].series
    xb, se = _at(*_streg_band(s, streg_vce), np.asarray(line.x))
    np.testing.assert_allclose(line.y, xb, rtol=1e-6)
    np.testing.assert_allclose(band.y2 - band.y, 2 * float(norm.ppf(0.975)) * se, rtol=1e-5)


def test_opg_differs_from_oim(s):
    oim, _ = drawn(s, "twoway fpfitci y x, estcmd(weibull) estopts(dead(d))")
    opg, _ = drawn(s, "twoway fpfitci y x, estcmd(weibull) estopts(dead(d) vce(opg))")
    width = [g.panels[0].series[0].y2 - g.panels[0].series[0].y for g in (oim, opg)]
    assert np.abs(width[0] - width[1]).max() > 1e-3


def test_constraint_on_ln_p_is_eregs_fit(s):
    ereg, _ = drawn(s, "twoway fpfitci y x, estcmd(ereg) estopts(dead(d))")
    weib, _ = drawn(s, "constraint 1 [ln_p]_cons = 0\n"
                    "twoway fpfitci y x, estcmd(weibull) estopts(dead(d) constraints(1))")
    for a, b in zip(ereg.panels[0].series, weib.panels[0].series):
        np.testing.assert_allclose(b.y, a.y, rtol=1e-6)
    np.testing.assert_allclose(weib.panels[0].series[0].y2, ereg.panels[0].series[0].y2, rtol=1e-6)


def test_constraint_on_a_term_binds_the_hazard_metric(s):
    """[y]Ix__1 = 0.5 in ml's hazard form: the time form's first term is -0.5/p, against streg's
    constrained hazard fit on the same terms re-expressed (b_t = -b_h/p)."""
    graph, _ = drawn(s, "constraint 1 [y]Ix__1 = 0.5\n"
                     "twoway fpfit y x, estcmd(weibull) estopts(dead(d) constraints(1))")
    line = graph.panels[0].series[0]
    out, rc = run(s, "gen double t1 = x^%g\ngen double t2 = x^%g\nstset y, failure(d)\n"
                  "constraint 2 [_t]t1 = 0.5\nquietly streg t1 t2, distribution(weibull) constraints(2)" % POWERS)
    assert rc == 0, out
    b = s.e.matrices["b"].values.ravel()
    b_time = -b[:3] / np.exp(b[3])
    xb, _ = _at(b_time, np.zeros((3, 3)), np.asarray(line.x))
    np.testing.assert_allclose(line.y, xb, rtol=1e-5)


def test_ereg_constraint_binds_the_time_metric(s):
    """ereg's time form with constraints() is ml's own (ereg2_lf): [y]Ix__1 = 0.5 is the time
    coefficient, against streg, dist(exponential) time with the same constraint."""
    graph, _ = drawn(s, "constraint 1 [y]Ix__1 = 0.5\n"
                     "twoway fpfit y x, estcmd(ereg) estopts(dead(d) constraints(1))")
    line = graph.panels[0].series[0]
    powers = tuple(REFERENCE["ereg_dead"]["powers"])
    out, rc = run(s, "gen double t1 = x^%g\ngen double t2 = x^%g\nstset y, failure(d)\nconstraint 2 [_t]t1 = 0.5\n"
                  "quietly streg t1 t2, distribution(exponential) time constraints(2)" % powers)
    assert rc == 0, out
    b = s.e.matrices["b"].values.ravel()[:3]
    at = np.asarray(line.x)
    X = np.column_stack([at ** powers[0], at ** powers[1], np.ones(at.size)])
    np.testing.assert_allclose(line.y, X @ b, rtol=1e-5)


def test_undefined_constraint_is_the_note(s):
    out, rc = run(s, "twoway fpfit y x, estcmd(weibull) estopts(dead(d) constraints(9))")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out


@pytest.mark.parametrize("text", ["estcmd(ereg) estopts(dead(d) ancillary(x))",  # ereg has none: mlopts rejects
                                  "estcmd(weibull) estopts(dead(d) vce(bootstrap))"])
def test_options_the_command_lacks_are_the_note(s, text):
    out, rc = run(s, f"twoway fpfit y x, {text}")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out
