"""test, lincom and nlcom after xtlogit, fe: xtlogit.ado's fe branch restripes e(b) as
``depvar:x`` (``est repost b=, rename``), so the one equation is named and test/lincom label its
coefficients ``[yb]x`` -- as after xtlogit, re, whose first equation is the same -- while bare
names, ``[yb]x`` and ``_b[x]`` all find them (docs/replay_level.md)."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats


@pytest.fixture(scope="module")
def fitted(do):
    rng = np.random.default_rng(7)
    g = np.repeat(np.arange(50), 8)
    x, x2 = rng.normal(size=400), rng.normal(size=400)
    yb = (x + rng.normal(size=400) + 0.5 * (g % 3) > 1).astype(int)
    rc, out, s = do("xtset g\nxtlogit yb x x2, fe", df=pd.DataFrame(dict(g=g, x=x, x2=x2, yb=yb)))
    assert rc == 0, out
    return s


def test_colnames_in_the_depvar_equation(fitted):
    assert list(fitted.e.matrices["b"].colnames) == ["yb:x", "yb:x2"]


@pytest.mark.parametrize("spec", ["x", "[yb]x", "_b[x]", "[yb]_b[x]", "_b[yb:x]"])
def test_test_labels_the_equation(do, fitted, spec):
    b, V = fitted.e.matrices["b"].values.ravel(), fitted.e.matrices["V"].values
    rc, out, s = do(f"test {spec}", session=fitted)
    assert rc == 0, out
    assert " ( 1)  [yb]x = 0" in out
    assert s.r["chi2"] == pytest.approx(b[0] ** 2 / V[0, 0], rel=1e-10)
    assert "chi2(  1) =" in out


def test_test_two_coefficients(do, fitted):
    b, V = fitted.e.matrices["b"].values.ravel(), fitted.e.matrices["V"].values
    rc, out, s = do("test x = x2", session=fitted)
    assert rc == 0 and " ( 1)  [yb]x - [yb]x2 = 0" in out
    c = np.array([1.0, -1.0])
    assert s.r["chi2"] == pytest.approx((c @ b) ** 2 / (c @ V @ c), rel=1e-10)
    rc, out, s = do("testparm x x2", session=fitted)
    assert rc == 0 and " ( 1)  [yb]x = 0" in out and " ( 2)  [yb]x2 = 0" in out


def test_lincom(do, fitted):
    b, V = fitted.e.matrices["b"].values.ravel(), fitted.e.matrices["V"].values
    rc, out, s = do("lincom x - x2", session=fitted)
    assert rc == 0 and " ( 1)  [yb]x - [yb]x2 = 0" in out
    se = math.sqrt(V[0, 0] + V[1, 1] - 2 * V[0, 1])
    assert s.r["estimate"] == pytest.approx(b[0] - b[1], rel=1e-12) and s.r["se"] == pytest.approx(se, rel=1e-10)
    row = next(ln for ln in out.splitlines() if ln.strip().startswith("(1) |"))
    lo = b[0] - b[1] - stats.norm.ppf(0.975) * se
    assert f"{lo:.6f}"[:7] in row
    assert "          yb |      Coef." in out


def test_nlcom_echoes_the_expression(do, fitted):
    b, V = fitted.e.matrices["b"].values.ravel(), fitted.e.matrices["V"].values
    rc, out, s = do("nlcom _b[x]", session=fitted)
    assert rc == 0 and "       _nl_1:  _b[x]" in out
    assert s.r["b"].values.ravel()[0] == pytest.approx(b[0]) and s.r["V"].values[0, 0] == pytest.approx(V[0, 0])
    rc, out, s = do("nlcom _b[yb:x]/_b[x2]", session=fitted)
    assert rc == 0 and s.r["b"].values.ravel()[0] == pytest.approx(b[0] / b[1])


def test_unknown_coefficient(do, fitted):
    rc, out, _ = do("test z", session=fitted)
    assert rc == 111 and "[yb]z not found" in out


def test_other_single_equation_fits_unchanged(do):
    """regress (no equation) keeps bare names."""
    rng = np.random.default_rng(1)
    df = pd.DataFrame(dict(x=rng.normal(size=50), y=rng.normal(size=50)))
    rc, out, _ = do("regress y x\ntest x", df=df)
    assert rc == 0 and " ( 1)  x = 0" in out
