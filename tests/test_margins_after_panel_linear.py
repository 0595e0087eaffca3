"""margins after reghdfe, xthtaylor and xttobit: the linear prediction x b (each fit's predict
default), so a margin is the mean of x b over the counterfactual rows and its delta-method SE
sqrt(g V g') with g the mean of those rows' X -- computed here by hand from e(b) and e(V).
The other statistics: refused as stochastic (Stata's e(marginsnotok)); xttobit's
pr0()/e0()/ystar0() in tests/test_margins_xttobit_zero.py."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).parent / "reference_values"
STOCHASTIC = "prediction is a function of possibly stochastic quantities other than e(b)"


def _table(s):
    t = s.r["table"].values
    return t[0], t[1]


def _check(s, X, names, col=0, rel=1e-9):
    """The margin and SE of the averaged rows X (columns in e(b) order ``names``)."""
    cols = list(s.e.matrices["b"].colnames)
    idx = [cols.index(n) for n in names]
    b = s.e.matrices["b"].values[0][idx]
    V = s.e.matrices["V"].values[np.ix_(idx, idx)]
    g = X.mean(axis=0)
    margin, se = _table(s)
    assert margin[col] == pytest.approx(g @ b, rel=rel)
    assert se[col] == pytest.approx(np.sqrt(g @ V @ g), rel=rel)


@pytest.fixture(scope="module")
def ht_panels():
    return pd.read_csv(REF / "xthtaylor_panels.csv")


@pytest.fixture(scope="module")
def tobit_panels():
    return pd.read_csv(REF / "xttobit_panels.csv")


def test_reghdfe_margins_are_means_of_xb(do, ht_panels):
    rc, out, s = do("generate byte hi = x2 > 0\nreghdfe y x1a x1b i.hi, absorb(id t)\nmargins", df=ht_panels)
    assert rc == 0, out
    assert "Expression   : Linear prediction, predict()" in out
    one = np.ones(len(ht_panels))
    hi = (ht_panels.x2 > 0).to_numpy(float)
    X = np.column_stack([ht_panels.x1a, ht_panels.x1b, hi, one])
    _check(s, X, ["x1a", "x1b", "1.hi", "_cons"])
    rc, out, s = do("margins hi", session=s)
    assert rc == 0, out
    for col, level in enumerate((0.0, 1.0)):
        _check(s, np.column_stack([ht_panels.x1a, ht_panels.x1b, level * one, one]), ["x1a", "x1b", "1.hi", "_cons"],
               col)
    rc, out, s = do("margins, dydx(x1a)", session=s)
    assert rc == 0 and _table(s)[0][0] == pytest.approx(s.e.matrices["b"].values[0][0], rel=1e-12)


def test_reghdfe_refusals(do, ht_panels):
    rc, out, s = do("quietly reghdfe y x1a x1b, absorb(id)", df=ht_panels)
    for stat in ("d", "xbd", "residuals", "stdp"):
        rc, out, _ = do(f"margins, predict({stat})", session=s)
        assert rc == 498 and STOCHASTIC in out


def test_xthtaylor_margins_are_means_of_xb(do, ht_panels):
    rc, out, s = do("xtset id t\nquietly xthtaylor y x1a x1b x2 z1 z2, endog(x2 z2)\nmargins\n", df=ht_panels)
    assert rc == 0, out
    assert "Model VCE    : Conventional" in out
    names = ["x1a", "x1b", "x2", "z1", "z2", "_cons"]
    X = np.column_stack([ht_panels[v] for v in names[:-1]] + [np.ones(len(ht_panels))])
    _check(s, X, names)
    rc, out, s = do("margins, at(z1=1)", session=s)
    assert rc == 0, out
    X[:, 3] = 1.0
    _check(s, X, names)
    for stat in ("ue", "xbu", "e", "u", "stdp"):
        rc, out, _ = do(f"margins, predict({stat})", session=s)
        assert rc == 498 and STOCHASTIC in out


def test_xttobit_margins_are_means_of_xb(do, tobit_panels):
    rc, out, s = do("xtset id\nquietly xttobit y x i.w, ll(0) ul(cap) tobit\nmargins w\nmarginsplot",
                    df=tobit_panels)
    assert rc == 0, out
    assert "Model VCE    : OIM" in out
    one = np.ones(len(tobit_panels))
    for col, level in enumerate((0.0, 1.0)):
        _check(s, np.column_stack([tobit_panels.x, level * one, one]), ["y:x", "y:1.w", "y:_cons"], col)
    rc, out, s = do("margins, dydx(x)", session=s)
    assert rc == 0 and _table(s)[0][0] == pytest.approx(s.e.matrices["b"].values[0][0], rel=1e-12)
    rc, out, _ = do("margins, predict(stdp)", session=s)
    assert rc == 498 and STOCHASTIC in out
    rc, out, _ = do("margins, predict(stdf)", session=s)
    assert rc == 498 and STOCHASTIC in out
    rc, out, _ = do("margins, predict(u)", session=s)
    assert rc == 198 and "option u not allowed" in out


def test_margins_after_sem_is_the_mean_linear_prediction(do, ht_panels):
    # margins after sem works since session 44 (sem_margins: predict(xb(y))); one endogenous
    # variable, so version 13's predict default: with a constant, the mean of x b is mean(y)
    rc, out, s = do("quietly sem (y <- x1a x1b)\nmargins", df=ht_panels)
    assert rc == 0, out
    used = ht_panels[["y", "x1a", "x1b"]].dropna()
    assert _table(s)[0][0] == pytest.approx(used["y"].mean(), rel=1e-8)


def test_menl_refusal_says_mlm_lacks_it(do, ht_panels):
    rc, out, s = do("quietly menl y = {b0} + {b1}*x1a + {U0[id]}\nmargins", df=ht_panels)
    assert rc == 198 and "margins after menl not supported by mlmcli" in out


def test_xttobit_offset_enters_xb_and_nooffset_leaves_it(do, tobit_panels):
    df = tobit_panels.assign(off=0.1 * tobit_panels.w)
    rc, out, s = do("xtset id\nquietly xttobit y x, ll(0) ul(cap) tobit offset(off)\n"
                    "predict double p if e(sample)\nmargins", df=df)
    assert rc == 0, out
    assert _table(s)[0][0] == pytest.approx(np.nanmean(s.data.numeric("p")), rel=1e-10)
    rc, out, s = do("margins, predict(xb nooffset)", session=s)
    assert rc == 0, out
    assert _table(s)[0][0] == pytest.approx(np.nanmean(s.data.numeric("p")) - df.off.mean(), rel=1e-10)
