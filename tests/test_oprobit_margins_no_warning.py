"""margins after oprobit: the outer cutpoints (-inf, +inf) of Pr(y==1) gave -inf * 0 in the
normal density's slope, a RuntimeWarning (an internal error where warnings are errors, as in
the test suite).  Now the slope is 0 there; the margin and the average marginal effect are the
hand-derived mean(normal(cut1 - xb)) and mean(-normalden(cut1 - xb)) * _b[x]."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    x = rng.normal(size=200)
    o = 1 + (x + rng.normal(size=200) > -0.5) + (x + rng.normal(size=200) > 1)
    return pd.DataFrame({"x": x, "o": o.astype(float)})


def test_margins_and_dydx_after_oprobit(do):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rc, out, s = do("oprobit o x, nolog\nmargins\nmatrix M = r(b)\nmargins, dydx(x)\nmatrix D = r(b)", _data())
    assert rc == 0, out
    assert "internal error" not in out
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    bx, cut1 = b["o:x"], b["cut1:_cons"]
    x = _data()["x"].to_numpy()
    z = cut1 - bx * x
    assert s.matrices["M"].values[0, 0] == pytest.approx(stats.norm.cdf(z).mean(), rel=1e-7)
    assert s.matrices["D"].values[0, 0] == pytest.approx((-stats.norm.pdf(z) * bx).mean(), rel=1e-6)
    assert "Expression   : Pr(o==1), predict()" in out
