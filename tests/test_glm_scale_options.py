"""glm's ``scale(x2|#)``, ``vfactor(#)``, ``fisher(#)``, ``disp(1)`` (glm.ado: V = phi (-H)^-1 with
the discrete families' phi 1 unless scale() says otherwise -- then e(phi) stays 1 and V is
scaled, with the footnote "(Standard errors scaled using ...)" -- the continuous families' phi
Pearson's X2/(N - k) or scale(#), e(phi) that #; vfactor(#) multiplies V, e(vf)) and the
nbinomial ml footnote; the factors checked against the default fit's SEs and its Pearson X2."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def data():
    rng = np.random.default_rng(5)
    x = rng.normal(size=150)
    y = rng.poisson(np.exp(0.4 + 0.3 * x)).astype(float)
    return pd.DataFrame({"x": x, "y": y, "yg": y + 1.0})


def _se(s):
    return np.sqrt(np.diag(s.e.matrices["V"].values))


def test_discrete_scale_x2_and_number(do, data):
    rc, out, s = do("glm y x, family(poisson)", data)
    base, pearson, df = _se(s), s.e.scalars["deviance_p"], s.e.scalars["df"]
    rc, out, s = do("glm y x, family(poisson) scale(x2) fisher(2) disp(1)", data)
    assert rc == 0, out
    np.testing.assert_allclose(_se(s), base * np.sqrt(pearson / df), rtol=1e-8)
    assert s.e.scalars["phi"] == 1.0
    assert out.rstrip().endswith("(Standard errors scaled using square root of Pearson X2-based dispersion.)")
    rc, out, s = do("glm y x, family(poisson) scale(2) vfactor(3)", data)
    np.testing.assert_allclose(_se(s), base * np.sqrt(6), rtol=1e-8)
    assert s.e.scalars["vf"] == 3.0 and s.e.scalars["phi"] == 1.0
    assert out.rstrip().endswith("(Standard errors scaled using dispersion equal to square root of 2.)")
    rc, out, s = do("glm y x, family(poisson) scale(1)", data)
    np.testing.assert_allclose(_se(s), base, rtol=1e-10)
    assert "Standard errors scaled" not in out


def test_continuous_scale(do, data):
    rc, out, s = do("glm yg x, family(gamma) link(log)", data)
    base, phi = _se(s), s.e.scalars["phi"]
    rc, out, s = do("glm yg x, family(gamma) link(log) scale(x2)", data)
    np.testing.assert_allclose(_se(s), base, rtol=1e-10)
    assert "Standard errors scaled" not in out
    rc, out, s = do("glm yg x, family(gamma) link(log) scale(0.5)", data)
    np.testing.assert_allclose(_se(s), base * np.sqrt(0.5 / phi), rtol=1e-8)
    assert s.e.scalars["phi"] == 0.5
    assert "(Standard errors scaled using dispersion equal to square root of 0.5.)" in out


def test_nbinomial_ml_footnote(do, data):
    rc, out, s = do("glm y x, family(nbinomial ml)", data)
    assert rc == 0, out
    assert out.rstrip().split("\n")[-2:] == [
        "Note: Negative binomial parameter estimated via ML and treated as fixed once", "      estimated."]


def test_opg_variance(do, data):
    """vce(opg): (sum s_i s_i')^-1 with the Poisson scores (y - mu) x_i; the table's OPG heading,
    a log likelihood (not a pseudolikelihood); pweights refused as glm.ado refuses them."""
    rc, out, s = do("glm y x, family(poisson) vce(opg)", data)
    assert rc == 0, out
    b = s.e.matrices["b"].values.ravel()
    X = np.column_stack([data["x"], np.ones(len(data))])
    S = X * (data["y"].to_numpy() - np.exp(X @ b))[:, None]
    np.testing.assert_allclose(s.e.matrices["V"].values, np.linalg.inv(S.T @ S), rtol=1e-8)
    assert s.e.macros["vcetype"] == "OPG" and s.e.macros["vce"] == "opg"
    assert "|                 OPG" in out and "Log likelihood" in out
    weighted = data.assign(w=np.arange(len(data)) % 3 + 1)
    rc, out, s = do("glm y x [fw=w], family(poisson) vce(opg)", weighted)
    assert rc == 0, out
    rc, out, t = do("glm y x, family(poisson) vce(opg)", weighted.loc[weighted.index.repeat(weighted["w"])])
    np.testing.assert_allclose(s.e.matrices["V"].values, t.e.matrices["V"].values, rtol=1e-7)
    rc, out, s = do("glm y x [pw=w], family(poisson) vce(opg)", data.assign(w=np.arange(len(data)) % 3 + 1))
    assert rc == 198 and "robust allowed only with hessian matrices" in out
    rc, out, s = do("glm y x, family(poisson) vce(opg) scale(x2)", data)
    assert rc == 198 and "cannot use scale() with alternate variances" in out
