"""Fixes from the fifteenth held-out batch (tests/realworld/README.md):

* ``meglm ... || hospid_enc: year, cov(unstr)`` with ~50 coefficients (heldout/seelye) timed
  out: for a Gaussian identity model adaptive quadrature and Laplace are exact, so ln L_j and
  its gradient are now computed in closed form -- the same values as the quadrature, which
  these tests compare, and the same optimum as mixed;
* ``parmest, format(...) saving(...)`` after ``nlcom ..., post`` (heldout/shew-tack): Roger
  Newson's resultsset (parmest.ado 10 June 2008 with parmcip);
* ``mkspline scoreS = score, cubic knots(-2 0 3)`` (heldout/ihme-dengue): mkspline.ado's
  restricted cubic splines, against Hmisc's rcspline.eval (norm = 2), the same basis
  (tests/reference_values/mkspline_cubic_reference.R);
* ``spagplot ... , id(hospid)`` with a string id (heldout/seelye): the ado marks only y and x,
  xi's i. takes the string id;
* ``margins, at(cu=(`min'(1)`max')) atmeans vsquish post coeflegend force nose`` (heldout/shew-tack)
  then ``_b[1bn._at]``: coeflegend shows the _b[] names, force is taken (mlm makes none of the
  checks it lifts);
* ``metan`` (SSC) refused by name (``mestreg``, refused here at first, is now carried:
  tests/test_mestreg.py); ``invnorm()`` is Stata 13's
  ``unknown function`` r(133) (the name works only under version control before 10).
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]


# ----------------------------------------------------------------------------- meglm gaussian
def _gaussian_model(cov, method):
    from mlmcli.glm.spec import GLMSpec
    from mlmcli.glmm.likelihood import GLMMModel
    from mlmcli.glmm.spec import GLMMSpec
    from mlmcli.mixed.spec import CoefLabel, RandomTerm

    rng = np.random.default_rng(15)
    G, m = 25, 6
    g = np.repeat(np.arange(G), m)
    x = rng.normal(size=G * m)
    y = 0.2 + 0.5 * x + rng.normal(0, .7, G)[g] + rng.normal(0, .5, G)[g] * x + rng.normal(0, 1, G * m)
    X = np.column_stack([x, np.ones(G * m)])
    fixed = GLMSpec("y", y, X, (CoefLabel("x"), CoefLabel("_cons")), "gaussian", "identity")
    term = RandomTerm("g", g, X, ("x", "_cons"), cov, G)
    return GLMMModel(GLMMSpec(fixed, (term,), method, 7))


@pytest.mark.parametrize("cov, phi", [("unstructured", [-0.6, -0.4, 0.3]), ("independent", [-0.6, -0.4])])
@pytest.mark.parametrize("method", ["mvaghermite", "mcaghermite", "laplace"])
def test_gaussian_closed_form_equals_the_quadrature(cov, phi, method):
    model = _gaussian_model(cov, method)
    theta = np.array([0.45, 0.15, 0.1] + phi)
    eng = model.engine
    assert eng.exact_gaussian(method)
    closed = model.loglik(theta)
    eng.exact_gaussian = lambda method: False  # the quadrature itself
    try:
        quadrature = model.loglik(theta)
    finally:
        del eng.exact_gaussian
    assert closed == pytest.approx(quadrature, abs=1e-8)


@pytest.mark.parametrize("cov, phi", [("unstructured", [-0.6, -0.4, 0.3]), ("independent", [-0.6, -0.4])])
def test_gaussian_gradient_matches_differences(cov, phi):
    from mlmcli.glmm import numdiff
    from mlmcli.glmm.fit import model_gradient

    model = _gaussian_model(cov, "mvaghermite")
    theta = np.array([0.45, 0.15, 0.1] + phi)
    analytic = model_gradient(model)(theta)
    numeric = numdiff.gradient(model.loglik, theta, 1e-5 * np.ones(len(theta)))
    assert np.allclose(analytic, numeric, rtol=1e-6, atol=1e-6)


def test_ghermite_keeps_the_quadrature():
    # non-adaptive Gauss-Hermite is not exact for a Gaussian model: it keeps its nodes
    assert not _gaussian_model("unstructured", "ghermite").engine.exact_gaussian("ghermite")


def test_row_families_without_a_family_name_keep_the_quadrature():
    # gllamm's choice sets (heldout/paul-johnson/ex_12_1.do) are a row family without .family
    from types import SimpleNamespace

    from mlmcli.glmm.single_level import SingleLevelModel

    assert not SingleLevelModel.exact_gaussian(SimpleNamespace(family=object(), w=None), "mvaghermite")


def test_meglm_gaussian_random_slope_reaches_mixed(do):
    rng = np.random.default_rng(7)
    G, m = 30, 12
    g = np.repeat(np.arange(1, G + 1), m)
    t = np.tile(np.arange(1, m + 1), G)
    y = 200 - 8 * t + rng.normal(0, 40, G)[g - 1] + rng.normal(0, 4, G)[g - 1] * t + rng.normal(0, 60, G * m)
    frame = pd.DataFrame({"y": y, "t": t.astype(float), "g": g.astype(float)})
    rc, out, s = do("quietly mixed y t || g: t, cov(unstr)\nscalar ll_mixed = e(ll)\n"
                    "quietly meglm y t || g: t, cov(unstr)\nscalar ll_meglm = e(ll)", frame)
    assert rc == 0, out
    assert s.scalars["ll_meglm"] == pytest.approx(s.scalars["ll_mixed"], abs=1e-6)


# ----------------------------------------------------------------------------- parmest
@pytest.fixture(scope="module")
def reg_frame():
    rng = np.random.default_rng(3)
    x = rng.normal(size=120)
    return pd.DataFrame({"x": x, "y": 1 + 0.5 * x + rng.normal(size=120)})


def test_parmest_matches_regress_table(do, reg_frame):
    rc, out, s = do("regress y x\nparmest, norestore", reg_frame)
    assert rc == 0, out
    df = s.data.df
    assert list(s.data.varnames) == ["parm", "estimate", "stderr", "dof", "t", "p", "min95", "max95"]
    assert list(df["parm"]) == ["x", "_cons"]
    for j, name in enumerate(["x", "_cons"]):
        # regress's own table row: coef, se, t, P>|t| and the 95% interval (shown to ~7 digits)
        row = next(ln for ln in out.splitlines() if ln.strip().startswith(name + " |")).split("|")[1].split()
        got = [df[c][j] for c in ("estimate", "stderr", "t", "p", "min95", "max95")]
        for value, text in zip(got, row):
            decimals = len(text.split(".")[1]) if "." in text else 0
            assert value == pytest.approx(float(text), abs=0.51 * 10.0 ** -decimals)
    assert (df["dof"] == 118).all()
    assert s.r["nparm"] == 2


def test_parmest_after_nlcom_post_has_z_and_restores_the_data(do, reg_frame, tmp_path):
    target = tmp_path / "impact.dta"
    rc, out, s = do(f"quietly regress y x\nquietly nlcom exp(_b[x]) - 1, post\n"
                    f"parmest, format(estimate min95 max95 %10.0g p %8.le) saving(\"{target}\", replace)", reg_frame)
    assert rc == 0, out
    assert list(s.data.varnames) == ["x", "y"]  # restored
    rc, out, s2 = do(f"use \"{target}\", clear")
    assert list(s2.data.varnames) == ["parm", "estimate", "stderr", "z", "p", "min95", "max95"]
    est, se = s2.data.df["estimate"][0], s2.data.df["stderr"][0]
    assert s2.data.df["min95"][0] == pytest.approx(est - 1.959963984540054 * se, rel=1e-12)
    assert s2.data.formats.get("estimate") == "%10.0g"


def test_parmest_needs_a_destination_and_eform(do, reg_frame):
    rc, out, s = do("quietly regress y x\nparmest", reg_frame)
    assert rc == 498 and "You must specify at least one of the four options" in out
    rc, out, s = do("quietly regress y x\nparmest, eform level(90) fast", reg_frame)
    assert rc == 0, out
    df = s.data.df
    assert "min90" in s.data.varnames
    assert df["estimate"][0] == pytest.approx(np.exp(s.e.matrices["b"].values.ravel()[0]), rel=1e-12)


def test_parmest_refuses_resultsset_options_it_does_not_carry(do, reg_frame):
    rc, out, s = do("quietly regress y x\nparmest, norestore stars(0.05)", reg_frame)
    assert rc == 198
    assert list(s.data.varnames) == ["x", "y"]


# ----------------------------------------------------------------------------- mkspline cubic
def test_mkspline_cubic_matches_hmisc(do):
    ref = json.loads((ROOT / "tests" / "reference_values" / "mkspline_cubic_reference.json").read_text())
    x = np.array(ref["x"])
    for case in ref["cases"]:
        knots = " ".join(f"{k:g}" for k in case["knots"])
        rc, out, s = do(f"mkspline s = x, cubic knots({knots})", pd.DataFrame({"x": x}))
        assert rc == 0, out
        assert s.r["N_knots"] == len(case["knots"])
        for j, column in enumerate(case["columns"], start=1):
            got = s.data.df[f"s{j}"].to_numpy()
            # the ado's floats: x - t_j and every new variable are float
            assert np.allclose(got, column, rtol=2e-6, atol=1e-6), (knots, j)
            assert s.data.types[f"s{j}"] == "float"


def test_mkspline_cubic_default_knots_and_errors(do):
    x = np.arange(1, 201, dtype=float)
    rc, out, s = do("mkspline s = x, cubic nknots(3) displayknots\nmatrix K = r(knots)", pd.DataFrame({"x": x}))
    assert rc == 0, out
    # centile's 10 50 90 of 1..200: (n+1)p/100 -> 20.1, 100.5, 180.9
    assert np.allclose(s.matrices["K"].values.ravel(), [20.1, 100.5, 180.9])
    assert {"s1", "s2"} <= set(s.data.varnames) and "s3" not in s.data.varnames
    rc, out, s = do("mkspline s = x, cubic knots(3 1 5)", pd.DataFrame({"x": x}))
    assert rc == 498 and "Knots must be in increasing order." in out
    rc, out, s = do("mkspline s = x, cubic nknots(4) knots(1 5 9)", pd.DataFrame({"x": x}))
    assert rc == 498 and "Count in nknots must be the same" in out
    rc, out, s = do("mkspline s = x, knots(1 5 9)", pd.DataFrame({"x": x}))
    assert rc == 198


# ----------------------------------------------------------------------------- spagplot string id
def test_spagplot_takes_a_string_id(do):
    frame = pd.DataFrame({"y": [1.0, 2, 3, 2, 3, 5, 1, 1, 2], "t": [1.0, 2, 3] * 3,
                          "h": ["A", "A", "A", "B", "B", "B", "", "", ""]})
    rc, out, s = do("spagplot y t, id(h)", frame)
    assert rc == 0, out
    rc, out, s = do("spagplot y t if t > 5, id(h)", frame)
    assert rc == 2000


# ----------------------------------------------------------------------------- margins coeflegend force
def test_margins_coeflegend_force_post(do, reg_frame):
    frame = reg_frame.assign(cu=(np.arange(len(reg_frame)) % 3 + 1).astype(float))
    rc, out, s = do("quietly regress y i.cu x\nmargins, at(cu=(1(1)3)) atmeans vsquish post coeflegend force nose\n"
                    "scalar m1 = _b[1bn._at]\nscalar m3 = _b[3._at]", frame)
    assert rc == 0, out
    assert "Legend" in out and "_b[1bn._at]" in out and "_b[3._at]" in out
    assert "Std. Err." not in out
    rc2, out2, s2 = do("quietly regress y i.cu x\nmargins, at(cu=(1(1)3)) atmeans post nose", frame)
    b = s2.e.matrices["b"].values.ravel()
    assert s.scalars["m1"] == pytest.approx(b[0], rel=1e-14) and s.scalars["m3"] == pytest.approx(b[2], rel=1e-14)
    rc, out, s = do("quietly regress y i.cu x\nmargins cu, nochainrule", frame)
    assert rc == 198


# ----------------------------------------------------------------------------- refusals
@pytest.mark.parametrize("line, words", [("metan x g, nograph", "SSC package")])
def test_refused_by_name(do, line, words):
    rc, out, s = do(line, pd.DataFrame({"x": [1.0, 2, 3], "g": [1.0, 1, 2]}))
    assert rc == 199
    assert "unrecognized command" in out and words in out


def test_invnorm_is_an_unknown_function(do):
    rc, out, s = do("display invnorm(0.975)")
    assert rc == 133
