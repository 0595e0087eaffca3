"""margins after ivpoisson gmm and cfunction: predict(n) (the default, exp(x b + offset)) and
predict(xb), with dydx(), at(), over() and nooffset, against the averages and delta-method SEs
computed here by hand in numpy from the fit's own e(b) and e(V) (p = mean exp(x b), its
Jacobian mean(exp(x b) x), SE = sqrt(J V J')); after cfunction predict(xb) only (n and xbtotal:
test_margins_ivpoisson_cfunction.py).
The layout is margins' after poisson, vce(robust)."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from limited_models_helpers import fitted

DATA = pd.read_csv(Path(__file__).parent / "ivpoisson_reference" / "ivpoisson_sim.csv")
GMM = "quietly ivpoisson gmm y x1 (x2 = z1 z2)"
CFUNCTION = "quietly ivpoisson cfunction y x1 (x2 = z1 z2)"


def _margins(do, s, text):
    rc, out, s = do(text, session=s)
    assert rc == 0, out
    t = s.r["table"].values
    return out, t[0], t[1]


def _first_equation(s, names):
    """b and V of e(b)'s columns ``names`` (eq:name or name)."""
    cols = list(s.e.matrices["b"].colnames)
    eqs = list(getattr(s.e.matrices["b"], "coleq", None) or [""] * len(cols))
    full = [f"{q}:{c}" if q else c for q, c in zip(eqs, cols)]
    idx = [full.index(n) for n in names]
    return s.e.matrices["b"].values.ravel()[idx], s.e.matrices["V"].values[np.ix_(idx, idx)]


def _mean_and_se(values, jac, V):
    j = jac.mean(axis=0)
    return values.mean(), float(np.sqrt(j @ V @ j))


def _fit(do, text, df, names=("y:x2", "y:x1", "y:_cons")):
    """(session, b and V of depvar's equation, X in e(b)'s order) of ``text``."""
    _, s = fitted(do, text, df)
    b, V = _first_equation(s, list(names))
    X = np.column_stack([df[n.split(":")[-1]].to_numpy(float) for n in names[:-1]] + [np.ones(len(df))])
    return s, b, V, X


def _check_dydx(m, se, b, mu, X, V):
    """dy/dx of x_k = b_k exp(x b): its derivative with respect to b is e_k exp(x b) + b_k exp(x b) x."""
    for k in range(X.shape[1] - 1):
        jac = b[k] * mu[:, None] * X
        jac[:, k] += mu
        assert (m[k], se[k]) == pytest.approx(_mean_and_se(b[k] * mu, jac, V), rel=1e-6)


def test_gmm_n_dydx_and_at(do):
    s, b, V, X = _fit(do, GMM, DATA)
    mu = np.exp(X @ b)
    out, m, se = _margins(do, s, "margins")
    assert "Expression   : Predicted number of events, predict()" in out
    assert (m[0], se[0]) == pytest.approx(_mean_and_se(mu, mu[:, None] * X, V), rel=1e-7)
    out, m, se = _margins(do, s, "margins, dydx(*)")
    assert "dy/dx w.r.t. : x2 x1" in out
    _check_dydx(m, se, b, mu, X, V)
    out, m, se = _margins(do, s, "margins, predict(xb) at(x1=(0 1))")
    assert "Expression   : Linear prediction, predict(xb)" in out
    for col, x1 in enumerate((0.0, 1.0)):
        Xa = X.copy()
        Xa[:, 1] = x1
        assert (m[col], se[col]) == pytest.approx(_mean_and_se(Xa @ b, Xa, V), rel=1e-7)


def test_gmm_over(do):
    df = DATA.assign(g=np.arange(len(DATA)) % 3)
    s, b, V, X = _fit(do, GMM, df)
    mu = np.exp(X @ b)
    out, m, se = _margins(do, s, "margins, over(g)")
    assert "over         : g" in out
    for col, lev in enumerate((0, 1, 2)):
        sel = df.g.to_numpy() == lev
        assert (m[col], se[col]) == pytest.approx(_mean_and_se(mu[sel], (mu[:, None] * X)[sel], V), rel=1e-7)


def test_gmm_exposure_and_nooffset(do):
    s, b, V, X = _fit(do, GMM + ", multiplicative exposure(expo)", DATA)
    off = np.log(DATA.expo.to_numpy(float))
    mu = np.exp(X @ b + off)
    _, m, se = _margins(do, s, "margins")
    assert (m[0], se[0]) == pytest.approx(_mean_and_se(mu, mu[:, None] * X, V), rel=1e-7)
    out, m, se = _margins(do, s, "margins, predict(n nooffset)")
    mu0 = np.exp(X @ b)
    assert "predict(n nooffset)" in out
    assert (m[0], se[0]) == pytest.approx(_mean_and_se(mu0, mu0[:, None] * X, V), rel=1e-7)
    _, m, se = _margins(do, s, "margins, predict(xb)")
    assert (m[0], se[0]) == pytest.approx(_mean_and_se(X @ b + off, X, V), rel=1e-7)
    # margins agrees with predict's own n
    rc, out, s = do("predict double nhat", session=s)
    assert rc == 0 and np.allclose(s.data.numeric("nhat"), mu, rtol=1e-10)


def test_offset_is_read_as_offset(do):
    df = DATA.assign(off=np.log(DATA.expo))
    s, b, V, X = _fit(do, GMM + ", offset(off)", df)
    mu = np.exp(X @ b + df.off.to_numpy(float))
    _, m, se = _margins(do, s, "margins")
    assert (m[0], se[0]) == pytest.approx(_mean_and_se(mu, mu[:, None] * X, V), rel=1e-7)


def test_cfunction_xb_is_depvars_equation(do):
    """predict(xb) after cfunction: depvar's equation alone, as ivpoisson_p's xb; n and xbtotal
    carry the control term (tests/test_margins_ivpoisson_cfunction.py)."""
    s, b, V, X = _fit(do, CFUNCTION + ", exposure(expo)", DATA, ("y:x1", "y:x2", "y:_cons"))
    _, m, se = _margins(do, s, "margins, predict(xb nooffset) at(x2=1)")
    Xa = X.copy()
    Xa[:, 1] = 1.0
    assert (m[0], se[0]) == pytest.approx(_mean_and_se(Xa @ b, Xa, V), rel=1e-7)


def _shape(text: str) -> list[str]:
    """Lines with each number and the blanks before it one token (widths vary with the digits)."""
    return [re.sub(r" *-?(\d*\.\d+|\d+)", " #", line) for line in text.splitlines()]


@pytest.mark.parametrize("margins", ["margins", "margins, dydx(x1)", "margins, predict(xb) at(x1=(0 1))"])
def test_layout_as_after_poisson(do, margins):
    _, s = fitted(do, GMM, DATA)
    out_iv, *_ = _margins(do, s, margins)
    _, s = fitted(do, "quietly poisson y x2 x1, vce(robust)", DATA)
    out_p, *_ = _margins(do, s, margins)
    assert _shape(out_iv) == _shape(out_p)


@pytest.mark.parametrize("predict, message", [
    ("stdp", "option stdp not allowed"), ("residuals", "option residuals not allowed"),
    ("n xb", "only one statistic may be specified"), ("outcome(1)", "option outcome() not allowed")])
def test_refused_statistics(do, predict, message):
    _, s = fitted(do, GMM, DATA)
    rc, out, _ = do(f"margins, predict({predict})", session=s)
    assert rc == 198 and message in out
