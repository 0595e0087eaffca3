"""``test x`` after multi-equation models tests x in every equation of e(b) that has it: test.ado
routes every estimation command but anova/manova/mixed straight to _test, which reads only e(b)'s
column stripe, so sureg's rule ([MV] mvreg's ``test price``) holds after mlogit and heckman too;
mlogtest (Long and Freese, STB-58 sg155) computes its "all coefficients of the variable are 0"
Wald test as ``qui test var`` after mlogit.  chi2 here from e(b) and e(V) by numpy."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(3)
    n = 300
    x, z, w = rng.normal(size=(3, n))
    u = rng.gumbel(size=(n, 3))
    y = np.column_stack([u[:, 0], 0.5 + x + u[:, 1], -0.2 + 0.8 * z - 0.3 * x + u[:, 2]]).argmax(1) + 1
    s = 0.3 + 0.8 * w + 0.5 * x + rng.normal(size=n) > 0
    wage = np.where(s, 1 + x + 0.5 * z + rng.normal(size=n), np.nan)
    return pd.DataFrame({"x": x, "z": z, "w": w, "y": y, "wage": wage})


def _wald(s, cols):
    names = list(s.e.matrices["b"].colnames)
    at = [names.index(c) for c in cols]
    b = s.e.matrices["b"].values.ravel()[at]
    return float(b @ np.linalg.solve(s.e.matrices["V"].values[np.ix_(at, at)], b))


def test_mlogit_every_outcome_equation(do, data):
    rc, out, s = do("quietly mlogit y x z, baseoutcome(1)\ntest x", df=data)
    assert rc == 0, out
    lines = out.splitlines()
    at = lines.index(" ( 1)  [1]o.x = 0")
    assert lines[at + 1:at + 4] == [" ( 2)  [2]x = 0", " ( 3)  [3]x = 0", "       Constraint 1 dropped"]
    assert s.r["df"] == 2
    assert s.r["chi2"] == pytest.approx(_wald(s, ["2:x", "3:x"]), rel=1e-9)
    # an equation named: that equation only
    rc, out, s = do("test [3]x", session=s)
    assert " ( 1)  [3]x = 0" in out and s.r["df"] == 1
    # testparm hands test the bare list (testparm.ado): every equation as well
    rc, out, s = do("testparm x z", session=s)
    assert s.r["df"] == 4
    assert s.r["chi2"] == pytest.approx(_wald(s, ["2:x", "3:x", "2:z", "3:z"]), rel=1e-9)


def test_heckman_outcome_and_selection(do, data):
    rc, out, s = do("quietly heckman wage x z, select(w x)\ntest x\nscalar c1 = r(chi2)\ntest z", df=data)
    assert rc == 0, out
    assert " ( 1)  [wage]x = 0\n ( 2)  [select]x = 0\n" in out
    assert s.scalars["c1"] == pytest.approx(_wald(s, ["wage:x", "select:x"]), rel=1e-9)
    # z is in the outcome equation only
    assert s.r["df"] == 1 and s.r["chi2"] == pytest.approx(_wald(s, ["wage:z"]), rel=1e-9)
