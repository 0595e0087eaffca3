"""gllamm's thresh(eqname) (covariates in the thresholds of an ordinal model) and link(mlogit) on
expanded data (expanded(set choice o)), with init (commands.community.gllamm_thresh_mlogit;
engine glmm.row_families + glmm.row_family_fit over the glmm engine's quadrature).

Reference values: tests/reference_values/gllamm_thresh_mlogit_reference.R (its data sets
gllamm_thresh.csv and gllamm_choice.csv, simulated there; values in the .json): gllamm's adaptive
quadrature written from first principles in R and maximised with optim, cross-checked there against
ordinal::clm (no random effect), ordinal::clmm2 (20 points) and survival::clogit.  Here also
against mlm's own commands where the models coincide: clogit (init), and with a threshold
equation of only a constant, gllamm's ordinary ordinal model and meologit."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).parent / "reference_values"
REF = json.loads((REF_DIR / "gllamm_thresh_mlogit_reference.json").read_text())


@pytest.fixture(scope="module")
def ordinal():
    return pd.read_csv(REF_DIR / "gllamm_thresh.csv").astype(float)


@pytest.fixture(scope="module")
def choice():
    return pd.read_csv(REF_DIR / "gllamm_choice.csv").astype(float)


def _eb(s):
    b = s.e.matrices["b"]
    return list(b.colnames), np.asarray(b.values, float).ravel()


def _se(s):
    return np.sqrt(np.diag(np.asarray(s.e.matrices["V"].values, float)))


def _check(s, ref, ll_abs, b_atol, se_rtol):
    """e(b)'s names, e(ll), e(b) and the standard errors against a reference entry."""
    names, b = _eb(s)
    assert names == ref["names"]
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], abs=ll_abs)
    np.testing.assert_allclose(b, ref["b"], atol=b_atol)
    np.testing.assert_allclose(_se(s), ref["se"], rtol=se_rtol)
    return b


@pytest.fixture(scope="module")
def thresh_fit(do, ordinal):
    rc, out, s = do("eq thr: w\ngllamm y x1 x2, i(person) link(ologit) thresh(thr) adapt nip(5)", df=ordinal)
    assert rc == 0, out
    return out, s


def test_thresholds_without_random_effect_are_clm(do, ordinal):
    ref = REF["thresh_init"]
    rc, out, s = do("eq thr: w\ngllamm y x1 x2, i(person) link(ologit) thresh(thr) init", df=ordinal)
    assert rc == 0, out
    _check(s, ref, 1e-6, 2e-6, 1e-4)
    assert s.e.scalars["ll"] == pytest.approx(ref["clm_ll"], abs=1e-6)
    assert "Variances and covariances" not in out


def test_thresholds_with_random_intercept(thresh_fit):
    ref = REF["thresh_adapt5"]
    out, s = thresh_fit
    _check(s, ref, 1e-5, 2e-5, 2e-3)
    assert s.e.scalars["N"] == 960 and s.e.scalars["k"] == 7
    # gllamm's layout: units, condition number, the equations, the random-effects block
    lines = out.splitlines()
    assert "number of level 1 units = 960" in lines and "number of level 2 units = 120" in lines
    assert any(ln.startswith("Condition Number = ") for ln in lines)
    assert "gllamm model" in lines and "Adaptive quadrature has converged, running Newton-Raphson" in lines
    assert any(ln.startswith("log likelihood = -921.63") for ln in lines)
    for eq in ("y", "_cut11", "_cut12"):
        assert any(ln.startswith(f"{eq:<12} |") for ln in lines), eq
    assert "***level 2 (person)" in lines
    var = [ln for ln in lines if ln.strip().startswith("var(1):")]
    assert len(var) == 1 and float(var[0].split()[1]) == pytest.approx(ref["var"], rel=1e-4)


def test_twenty_points_approach_clmm2(do, ordinal):
    """With 20 points the likelihood is clmm2's (nAGQ = 20) to its printed digits."""
    ref = REF["thresh_adapt20"]
    rc, out, s = do("eq thr: w\ngllamm y x1 x2, i(person) link(ologit) thresh(thr) adapt nip(20) nolog nodisplay",
                    df=ordinal)
    assert rc == 0, out
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-5)
    assert s.e.scalars["ll"] == pytest.approx(ref["clmm2_ll"], abs=1e-3)
    assert _eb(s)[1][-1] == pytest.approx(ref["clmm2_sd"], abs=1e-4)


def test_constant_thresholds_are_ordinary_cutpoints(do, ordinal):
    """An equation with no variables: the ordinary model of gllamm (glmm engine) and meologit."""
    rc, out, s = do("eq c:\ngllamm y x1 x2, i(person) link(ologit) thresh(c) adapt nip(5) nolog", df=ordinal)
    assert rc == 0, out
    names, b = _eb(s)
    assert names == ["y:x1", "y:x2", "_cut11:_cons", "_cut12:_cons", "pers1:_cons"]
    rc, out, plain = do("gllamm y x1 x2, i(person) link(ologit) adapt nip(5) nolog", df=ordinal)
    assert rc == 0, out
    names2, b2 = _eb(plain)
    assert names2 == names
    assert s.e.scalars["ll"] == pytest.approx(plain.e.scalars["ll"], abs=1e-6)
    np.testing.assert_allclose(b, b2, atol=2e-5)
    np.testing.assert_allclose(_se(s), _se(plain), rtol=1e-3)
    rc, out, me = do("meologit y x1 x2 || person:, intpoints(5)", df=ordinal)
    assert rc == 0, out
    assert me.e.scalars["ll"] == pytest.approx(s.e.scalars["ll"], abs=1e-5)
    bme = np.asarray(me.e.matrices["b"].values, float).ravel()
    np.testing.assert_allclose(b[:4], bme[:4], atol=2e-5)
    assert b[4] ** 2 == pytest.approx(bme[4], rel=1e-4)


def test_from_skip_as_the_held_out_do_file(do, ordinal, thresh_fit):
    """ex_11_2: the model without threshold covariates, its e(b) as from() with skip."""
    rc, out, s = do("gllamm y w x1 x2, i(person) link(ologit) adapt nip(5) nolog\nmatrix a = e(b)\neq thr: w\n"
                    "gllamm y x1 x2, i(person) link(ologit) thresh(thr) from(a) skip adapt nip(5)\n"
                    "estimates store m3", df=ordinal)
    assert rc == 0, out
    assert s.e.scalars["ll"] == pytest.approx(thresh_fit[1].e.scalars["ll"], abs=1e-6)
    rc, out, _ = do("matrix a = (1, 2)\nmatrix colnames a = y:nosuch y:x1\n"
                    "gllamm y x1 x2, i(person) link(ologit) thresh(thr) from(a) adapt nip(5)", session=s)
    assert rc == 111 and "not found" in out


def test_choice_without_random_effect_is_clogit(do, choice):
    ref = REF["choice_init"]
    rc, out, s = do("gllamm alt a1 a2 disp price, i(set) noconstant link(mlogit) expanded(set choice o) init",
                    df=choice)
    assert rc == 0, out
    b = _check(s, ref, 1e-6, 2e-6, 1e-4)
    assert f"number of level 1 units = {choice['set'].nunique()}" in out.splitlines()  # the choice sets
    rc, out, cl = do("clogit choice a1 a2 disp price, group(set)", df=choice)
    assert rc == 0, out
    assert cl.e.scalars["ll"] == pytest.approx(s.e.scalars["ll"], abs=1e-6)
    np.testing.assert_allclose(np.asarray(cl.e.matrices["b"].values, float).ravel(), b, atol=2e-6)
    np.testing.assert_allclose(_se(cl), _se(s), rtol=1e-4)


def test_choice_with_random_price_coefficient(do, choice):
    ref = REF["choice_adapt8"]
    rc, out, s = do("gllamm alt a1 a2 disp price, i(set) noconstant link(mlogit) expanded(set choice o) init\n"
                    "estimates store mod0\neq pr: price\n"
                    "gllamm alt a1 a2 disp price, i(id) eqs(pr) noconstant link(mlogit) expanded(set choice o) adapt\n"
                    "lrtest mod0 .", df=choice)
    assert rc == 0, out
    _check(s, ref, 1e-5, 2e-5, 2e-3)
    lines = out.splitlines()
    assert f"number of level 2 units = {choice['id'].nunique()}" in lines and "***level 2 (id)" in lines
    lr = 2 * (ref["ll"] - REF["choice_init"]["ll"])
    assert any("LR chi2(1)" in ln and f"{lr:.2f}" in ln for ln in lines)
    # replay at another level; gllapred refuses
    rc, out, _ = do("gllamm, level(90)", session=s)
    assert rc == 0 and "[90% Conf. Interval]" in out and "***level 2 (id)" in out
    rc, out, _ = do("gllapred u, u", session=s)
    assert rc == 198


@pytest.mark.parametrize("line, rc", [
    ("gllamm alt a1 a2 disp price, i(id) link(mlogit) noconstant", 198),  # no expanded()
    ("gllamm alt a1 a2 disp price, i(id) link(mlogit) expanded(set choice m) noconstant", 198),
    ("gllamm alt a1 a2 disp price, i(id) link(mlogit) expanded(set choice o)", 198),  # constant
    ("gllamm alt a1 a2 disp price, i(id) link(logit) expanded(set choice o) noconstant", 198),
    ("eq p: price\ngllamm alt a1 a2 disp price, i(id) eqs(p) link(mlogit) expanded(set alt o) noconstant",
     459),  # alt is nonzero on every row: three chosen per set
    ("eq p: price\ngllamm alt a1 a2 disp price, i(alt) eqs(p) link(mlogit) expanded(set choice o) noconstant",
     459),  # sets not nested in alt
    ("gllamm alt a1 a2 disp price, i(id) link(mlogit) expanded(set choice o) noconstant", 198),  # intercept
    ("gllamm alt a1 a2 disp, i(set id) link(mlogit) expanded(set choice o) noconstant", 198),
    ("gllamm choice a1 a2, i(id) link(ologit) thresh(nosuch)", 111),
    ("eq t: a1\ngllamm choice a2, i(id) link(logit) thresh(t)", 198),
    ("eq t: a1\ngllamm choice a2, i(id) link(ologit) thresh(t) noconstant", 198),
])
def test_errors(do, choice, line, rc):
    got, out, s = do(line, df=choice)
    assert got == rc, out
    assert s.e is None


def test_probit_thresholds_without_random_effect_are_oprobit(do, ordinal):
    """link(oprobit), a constant-only threshold equation and init: oprobit's model."""
    rc, out, s = do("eq c:\ngllamm y x1 x2, i(person) link(oprobit) thresh(c) init nolog", df=ordinal)
    assert rc == 0, out
    rc, out, op = do("oprobit y x1 x2", df=ordinal)
    assert rc == 0, out
    assert s.e.scalars["ll"] == pytest.approx(op.e.scalars["ll"], abs=1e-6)
    np.testing.assert_allclose(_eb(s)[1], np.asarray(op.e.matrices["b"].values, float).ravel(), atol=2e-6)
    np.testing.assert_allclose(_se(s), _se(op), rtol=1e-4)
