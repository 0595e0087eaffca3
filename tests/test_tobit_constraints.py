"""tobit, constraints(): R (b, sigma) = r over e(b)'s ``model:x ... sigma:_cons`` is linear in
Olsen's metric (b, 1)/sigma too, so the engine maximises over the free parameters; a parameter
they fix prints ``(constrained)`` and has no variance.  Stata 13's tobit (tobit_14.ado over the
built-in _tobit) keeps its LR test against the constant-only model and posts e(df_m) = e(rank)
- 1 - hascons, e(rank) the rank of e(V) (_post_vce_rank), e(df_r) = N - e(df_m).

Checked against the censored-normal likelihood written here and maximised by scipy over the
re-expressed model (x1 = x2: one coefficient on x1 + x2; x3 = .5: an offset; sigma = 1 and
_cons = .5 fixed), SEs from a finite-difference Hessian."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from constrained_ml_helpers import maximum_likelihood
from scipy import stats

N = 300


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(77)
    x1, x2, x3 = rng.normal(size=(3, N))
    y = np.maximum(0.0, 0.5 + x1 + x2 + 0.3 * x3 + rng.normal(size=N))
    return pd.DataFrame({"x1": x1, "x2": x2, "x3": x3, "yt": y})


def _ll(y, xb, sigma):
    cens = y <= 0
    return float(np.sum(np.where(cens, stats.norm.logcdf(-xb / sigma),
                                 stats.norm.logpdf((y - xb) / sigma) - np.log(sigma))))


def _constant_only(y):
    t, _, ll = maximum_likelihood(lambda t: _ll(y, np.full(N, t[0]), t[1]) if t[1] > 0 else -np.inf, np.array([0.5, 1.0]))
    return ll


def test_equal_and_fixed_slopes(do, data):
    rc, printed, s = do("constraint 1 x1 = x2\nconstraint 2 x3 = 0.5\ntobit yt x1 x2 x3, ll(0) constraints(1 2)",
                        data.copy())
    assert rc == 0, printed
    y, x1, x2, x3 = (data[v].to_numpy() for v in ("yt", "x1", "x2", "x3"))
    t, Vt, ll = maximum_likelihood(lambda t: _ll(y, t[0] * (x1 + x2) + 0.5 * x3 + t[1], t[2]) if t[2] > 0 else -np.inf,
                     np.array([0.5, 0.5, 1.0]))
    J = np.array([[1, 0, 0], [1, 0, 0], [0, 0, 0], [0, 1, 0], [0, 0, 1]], float)
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), [t[0], t[0], 0.5, t[1], t[2]], rtol=1e-5)
    np.testing.assert_allclose(np.sqrt(np.diag(s.e.matrices["V"].values)), np.sqrt(np.diag(J @ Vt @ J.T)),
                               rtol=2e-4)
    assert s.e.scalars["ll"] == pytest.approx(ll, abs=1e-6)
    ll0 = _constant_only(y)
    assert s.e.scalars["ll_0"] == pytest.approx(ll0, abs=1e-6)
    # rank(V) = 3 (c, _cons, sigma): df_m = 3 - 1 - 1 = 1, df_r = N - 1; LR against the constant-only fit
    assert s.e.scalars["rank"] == 3 and s.e.scalars["df_m"] == 1 and s.e.scalars["df_r"] == N - 1
    assert s.e.scalars["chi2"] == pytest.approx(2 * (ll - ll0), rel=1e-6)
    assert "LR chi2(1)" in printed and " ( 1)  [model]x1 - [model]x2 = 0" in printed
    assert " ( 2)  [model]x3 = .5" in printed
    assert re.search(r"^ +x3 \|         \.5  \(constrained\)$", printed, flags=re.M)
    cns = s.e.matrices["Cns"]
    assert cns.values.tolist() == [[1, -1, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0.5]]
    assert cns.colnames == ("model:x1", "model:x2", "model:x3", "model:_cons", "sigma:_cons", "_Cns:_r")


def test_fixed_sigma_and_constant(do, data):
    rc, printed, s = do("constraint 3 [sigma]_cons = 1\nconstraint 4 _cons = 0.5\n"
                        "tobit yt x1 x2 x3, ll(0) constraints(3 4)", data.copy())
    assert rc == 0, printed
    y, X = data.yt.to_numpy(), data[["x1", "x2", "x3"]].to_numpy()
    t, Vt, ll = maximum_likelihood(lambda t: _ll(y, X @ t + 0.5, 1.0), np.zeros(3))
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), [*t, 0.5, 1.0], rtol=1e-5)
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    np.testing.assert_allclose(se[:3], np.sqrt(np.diag(Vt)), rtol=2e-4)
    assert se[3] == 0 and se[4] == 0 and s.e.scalars["ll"] == pytest.approx(ll, abs=1e-6)
    assert re.search(r"^ +/sigma \|          1  \(constrained\)$", printed, flags=re.M)
    assert " ( 1)  [sigma]_cons = 1" in printed and " ( 2)  [model]_cons = .5" in printed


def test_robust_nocnsreport_and_intreg_still_refused(do, data):
    rc, printed, s = do("constraint 1 x1 = x2\ntobit yt x1 x2 x3, ll(0) constraints(1) vce(robust) nocnsreport",
                        data.copy())
    assert rc == 0 and "( 1)" not in printed and "F(   2," in printed
    b = s.e.matrices["b"].values.ravel()
    assert b[0] == pytest.approx(b[1], rel=1e-12)
    rc, printed, _ = do("constraint 1 x1 = x2\nintreg yt yt x1 x2, constraints(1)", data.copy())
    assert rc == 198 and "not supported by mlmcli with intreg" in printed
