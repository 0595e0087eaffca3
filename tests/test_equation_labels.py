"""test/lincom label a coefficient ``[eq]x`` whenever e(b)'s columns carry an equation name --
a single named equation too -- and bare ``x`` when they carry none (regress); and the commands
whose e(b) Stata posts in the depvar's equation post it so (docs/equation_labels.md).

Stata's text: a logit log (``test educ black hisp`` -> `` ( 1)  [unem78]educ = 0``), streg's
``lincom`` (`` ( 1)  [_t]Congruence1 = 0``), logistic's ``test 2.riagendr`` (``[viq220]2.riagendr``),
regress's ``lincom treat_intens`` (`` ( 1)  treat_intens = 0``).  The stripes: clogit.ado's
`ml model (`depname': ...)`, xtpoisson.ado's and xtnbreg.ado's NAMES `yname':x, glm.ado's
`ml model (`yname': ...)`, stcrreg.ado's `ml model (_t = xvars)`."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(11)
    n = 240
    g = np.repeat(np.arange(60), 4)
    x, z = rng.normal(size=n), rng.normal(size=n)
    y = (0.6 * x - 0.4 * z + rng.normal(size=n) + 0.5 * (g % 3) > 0.3).astype(int)
    c = rng.poisson(np.exp(0.3 * x + 0.2 * (g % 4)))
    tm = rng.exponential(np.exp(-0.4 * x))
    d = (rng.uniform(size=n) < 0.7).astype(int) + (rng.uniform(size=n) < 0.15)
    return pd.DataFrame(dict(g=g, x=x, z=z, y=y, c=c, tm=tm, d=d, cont=x + rng.normal(size=n)))


def _wald(s, j):
    b, V = s.e.matrices["b"].values.ravel(), s.e.matrices["V"].values
    return b[j] ** 2 / V[j, j]


@pytest.mark.parametrize("command, eq", [("logit y x z", "y"), ("probit y x z", "y"), ("logistic y x z", "y"),
                                         ("cloglog y x z", "y"), ("poisson c x z", "c"),
                                         ("glm c x z, family(poisson)", "c"),
                                         ("clogit y x z, group(g)", "y")])
def test_one_named_equation_is_shown(do, data, command, eq):
    rc, out, s = do(f"quietly {command}\ntest x\ntest x z\nlincom x + z", df=data)
    assert rc == 0, out
    assert s.e.matrices["b"].colnames[:2] == (f"{eq}:x", f"{eq}:z")
    assert f" ( 1)  [{eq}]x = 0\n\n" in out
    assert f" ( 1)  [{eq}]x = 0\n ( 2)  [{eq}]z = 0\n" in out
    assert f" ( 1)  [{eq}]x + [{eq}]z = 0\n" in out
    b, V = s.e.matrices["b"].values.ravel(), s.e.matrices["V"].values
    assert s.r["estimate"] == pytest.approx(b[0] + b[1], rel=1e-12)
    assert s.r["se"] == pytest.approx(math.sqrt(V[0, 0] + V[1, 1] + 2 * V[0, 1]), rel=1e-12)
    rc, out, s = do("test x", session=s)
    assert s.r["chi2"] == pytest.approx(_wald(s, 0), rel=1e-10)
    # the coefficient is found by every name Stata accepts; an unknown one is named in its equation
    for ref in ("x", f"[{eq}]x", "_b[x]", f"_b[{eq}:x]"):
        rc, out, _ = do(f"test {ref}", session=s)
        assert rc == 0 and f" ( 1)  [{eq}]x = 0" in out, out
    rc, out, _ = do("test nosuch", session=s)
    assert rc == 111 and f"[{eq}]nosuch not found" in out


def test_regress_stays_bare(do, data):
    rc, out, s = do("quietly regress cont x z\ntest x\nlincom x - z", df=data)
    assert rc == 0, out
    assert s.e.matrices["b"].colnames == ("x", "z", "_cons")
    assert " ( 1)  x = 0\n" in out and " ( 1)  x - z = 0\n" in out and "[" not in out.split("( 1)")[1][:20]


def test_xtpoisson_and_xtnbreg_fe_post_the_depvar_equation(do, data):
    rc, out, s = do("xtset g\nquietly xtpoisson c x z, fe\ntest z", df=data)
    assert rc == 0, out
    assert s.e.matrices["b"].colnames == ("c:x", "c:z")
    assert " ( 1)  [c]z = 0" in out and s.r["chi2"] == pytest.approx(_wald(s, 1), rel=1e-10)
    rc, out, s = do("xtset g\nquietly xtnbreg c x z, fe\nlincom x", df=data)
    assert rc == 0, out
    assert s.e.matrices["b"].colnames == ("c:x", "c:z", "c:_cons")
    assert " ( 1)  [c]x = 0" in out


def test_survival_equations(do, data):
    rc, out, s = do("stset tm, failure(d==1)\nquietly stcrreg x z, compete(d==2)\ntest x\n"
                    "quietly streg x z, dist(exponential)\nlincom x", df=data)
    assert rc == 0, out
    assert " ( 1)  [_t]x = 0\n\n           chi2(  1) =" in out
    assert s.e.matrices["b"].colnames == ("_t:x", "_t:z", "_t:_cons")
    assert out.count(" ( 1)  [_t]x = 0") == 2
    rc, out, s = do("stset tm, failure(d==1)\nquietly stcrreg x z, compete(d==2)", df=data)
    assert s.e.matrices["b"].colnames == ("_t:x", "_t:z")


def test_clogit_estimates_table_is_one_block(do, data):
    """est_table.ado draws equation headings only with more than one equation: logit's and
    clogit's y equation is one block."""
    rc, out, s = do("quietly logit y x z\nestimates store a\nquietly clogit y x z, group(g)\n"
                    "estimates store b\nestimates table a b", df=data)
    assert rc == 0, out
    table = out[out.index("    Variable |"):]
    rows = [ln.split("|")[0].strip() for ln in table.splitlines()[2:] if "|" in ln]
    assert rows == ["x", "z", "_cons"]
    b_logit, b_clogit = (s.estimates[m].matrices["b"].values.ravel() for m in "ab")
    x_row = table.splitlines()[2]
    assert x_row.split() == ["x", "|", f"{b_logit[0]:.8f}".lstrip("0"), f"{b_clogit[0]:.8f}".lstrip("0")]
