"""twoway fpfitci with estcmd(xtlogit) estopts(vce(jackknife|bootstrap) constraints() from()
collinear) (``graphs.fpfit_xtlogit_ml``): the leave-one-panel-out jackknife band (t on G - 1) of re
and fe and re with sigma_u fixed by a constraint against R (``tests/graphs_reference/
fpfit_xtlogit_replicates.R``: lme4::glmer with 12 quadrature points, survival::clogit, a 60-point
Gauss-Hermite likelihood); bootstrap's structure and seed() reproducibility (Stata's draws cannot
be matched); from() and collinear leave the curve; where xtlogit fails inside fracpoly, the note."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import drawn, run
from mlmcli.dataset import Dataset
from mlmcli.distributions import norm, t as student
from mlmcli.session import Output, Session

HERE = Path(__file__).parent / "graphs_reference"
DATA = json.loads((HERE / "fpfit_cox_xtlogit.json").read_text())
REFERENCE = json.loads((HERE / "fpfit_xtlogit_replicates.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


@pytest.fixture
def s() -> Session:
    df = pd.DataFrame({k: np.asarray(DATA[k], float) for k in ("x", "g", "yb")})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


def _series(graph):
    band, line = graph.panels[0].series
    return line.x, line.y, band.y2 - band.y


def test_re_jackknife_leaves_one_panel_out_as_glmer_does(s):
    ref = REFERENCE["re_jackknife"]
    graph, _ = drawn(s, "twoway fpfitci yb x, estcmd(xtlogit) estopts(i(g) vce(jackknife))")
    at, xb, width = _series(graph)
    np.testing.assert_allclose(at, REFERENCE["at"])
    np.testing.assert_allclose(xb, ref["xb"], rtol=1e-3)
    q = float(student.ppf(0.975, ref["df_r"]))  # jackknife's e(df_r) = G - 1: fracpred's invttail
    np.testing.assert_allclose(width, 2 * q * np.asarray(ref["stdp"]), rtol=2e-3)


def test_fe_jackknife_over_the_informative_panels_matches_clogit(s):
    ref = REFERENCE["fe_jackknife"]
    x, yb, g = (np.asarray(DATA[k], float) for k in ("x", "yb", "g"))
    first = [int(np.flatnonzero(x == a)[np.argmin(yb[x == a])]) for a in REFERENCE["at"]]
    kept = np.isin(g[first], ref["informative"])
    graph, _ = drawn(s, "xtset g\ntwoway fpfitci yb x, estcmd(xtlogit) estopts(fe vce(jackknife, nodots))")
    at, xb, width = _series(graph)
    np.testing.assert_allclose(at, np.asarray(REFERENCE["at"])[kept])
    np.testing.assert_allclose(xb, np.asarray(ref["xb"])[kept], rtol=1e-6)
    q = float(student.ppf(0.975, ref["df_r"]))
    np.testing.assert_allclose(width, 2 * q * np.asarray(ref["stdp"])[kept], rtol=1e-5)


def test_re_constraint_on_lnsig2u_binds_every_fit(s):
    """constraint [lnsig2u]_cons = 0: sigma_u = 1 in the search and the final fit."""
    ref = REFERENCE["re_sigma_one"]
    run(s, "constraint 1 [lnsig2u]_cons = 0")
    graph, _ = drawn(s, "twoway fpfitci yb x, estcmd(xtlogit) estopts(i(g) constraints(1))")
    _, xb, width = _series(graph)
    np.testing.assert_allclose(xb, ref["xb"], rtol=1e-5, atol=1e-6)
    # R integrates by 60 fixed points, xtlogit by 12 adaptive ones: the SEs agree to a few 1e-3
    np.testing.assert_allclose(width, 2 * float(norm.ppf(0.975)) * np.asarray(ref["stdp"]), rtol=3e-3)


def test_fe_bootstrap_is_seeded_and_draws_panels(s):
    text = "twoway fpfitci yb x, estcmd(xtlogit) estopts(i(g) fe vce(bootstrap, reps(20) seed({})))"
    first, _ = drawn(s, text.format(11))
    again, _ = drawn(s, text.format(11))
    other, _ = drawn(s, text.format(12))
    plain, _ = drawn(s, "twoway fpfitci yb x, estcmd(xtlogit) estopts(i(g) fe)")
    a, b, c, p = (_series(g) for g in (first, again, other, plain))
    np.testing.assert_allclose(a[1], p[1], rtol=1e-12)  # the powers and b: the unprefixed fits'
    np.testing.assert_array_equal(a[2], b[2])
    assert not np.allclose(a[2], c[2]) and not np.allclose(a[2], p[2])
    assert np.all(a[2] > 0)


def test_from_and_collinear_leave_the_curve(s):
    plain, _ = drawn(s, "twoway fpfitci yb x, estcmd(xtlogit) estopts(i(g) fe)")
    started, _ = drawn(s, "twoway fpfitci yb x, estcmd(xtlogit) estopts(i(g) fe from(Ix__1=.01, skip) collinear)")
    for a, b in zip(_series(plain)[1:], _series(started)[1:]):
        np.testing.assert_allclose(a, b, rtol=1e-7)


@pytest.mark.parametrize("estopts", [
    "i(g) vce(jackknife, cluster(g))",  # _vce_parserun's cluster(panelvar) makes it a second cluster()
    "i(g) robust vce(jackknife)",
    "i(g) from(Ix__1=1)",  # without skip: fracpoly's first fit has no Ix__1
    "i(g) from(nosuch)",
    "i(g) constraints(5)"])  # not defined
def test_failing_inside_fracpoly_is_the_note(s, estopts):
    out, rc = run(s, f"twoway fpfit yb x, estcmd(xtlogit) estopts({estopts})")
    assert rc == 0 and NOTE in out, out


def test_fe_constraint_binds_the_final_fit_as_clogit_on_the_reduced_model(s):
    """constraint Ix__1 = -Ix__2: the search unconstrained, the final fit clogit's under it --
    survival::clogit on z = Ix__1 - Ix__2 (graphs_reference/fpfit_xtlogit_fe_constraints.R)."""
    ref = json.loads((HERE / "fpfit_xtlogit_fe_constraints.json").read_text())
    x, yb, g = (np.asarray(DATA[k], float) for k in ("x", "yb", "g"))
    first = [int(np.flatnonzero(x == a)[np.argmin(yb[x == a])]) for a in ref["at"]]
    kept = np.isin(g[first], REFERENCE["fe_jackknife"]["informative"])
    run(s, "constraint 1 Ix__1 = -Ix__2")
    graph, _ = drawn(s, "twoway fpfitci yb x, estcmd(xtlogit) estopts(i(g) fe constraints(1))")
    at, xb, width = _series(graph)
    np.testing.assert_allclose(at, np.asarray(ref["at"])[kept])
    np.testing.assert_allclose(xb, np.asarray(ref["xb"])[kept], rtol=1e-6)
    np.testing.assert_allclose(width, 2 * float(norm.ppf(0.975)) * np.asarray(ref["stdp"])[kept], rtol=1e-5)


def test_fe_constraints_under_jackknife_refit_each_panel_left_out_under_them(s):
    """constraint Ix__1 = -Ix__2 with vce(jackknife): every replicate is clogit under the same
    constraint (graphs_reference/fpfit_xtlogit_fe_constraints.R: survival::clogit on z = Ix__1 -
    Ix__2 leaving each informative panel out), the band on t with G - 1 degrees of freedom."""
    ref = json.loads((HERE / "fpfit_xtlogit_fe_constraints.json").read_text())
    x, yb, g = (np.asarray(DATA[k], float) for k in ("x", "yb", "g"))
    first = [int(np.flatnonzero(x == a)[np.argmin(yb[x == a])]) for a in ref["at"]]
    kept = np.isin(g[first], REFERENCE["fe_jackknife"]["informative"])
    run(s, "constraint 1 Ix__1 = -Ix__2")
    graph, _ = drawn(s, "twoway fpfitci yb x, estcmd(xtlogit) estopts(i(g) fe constraints(1) vce(jackknife))")
    at, xb, width = _series(graph)
    np.testing.assert_allclose(xb, np.asarray(ref["xb"])[kept], rtol=1e-6)
    q = float(student.ppf(0.975, ref["jackknife"]["df_r"]))
    np.testing.assert_allclose(width, 2 * q * np.asarray(ref["jackknife"]["stdp"])[kept], rtol=1e-5)
