"""predict after sem without latent variables: xb / xb(varlist) of the observed endogenous
variables and scores (one per e(b) column), checked against equation-by-equation least
squares in numpy (a recursive path model with independent errors: ML = OLS, var(e) = RSS/N)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _frame(seed=4, n=300):
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    y1 = 1 + x1 + rng.normal(size=n)
    y2 = .5 * y1 - x2 + rng.normal(size=n)
    df = pd.DataFrame({"x1": x1, "x2": x2, "y1": y1, "y2": y2})
    df.loc[0, "x2"] = np.nan  # out of e(sample); y1's prediction still defined there
    return df


def _ols(df, y, xs):
    ok = df[["x1", "x2", "y1", "y2"]].notna().all(axis=1).to_numpy()
    X = np.column_stack([df[x].to_numpy() for x in xs] + [np.ones(len(df))])
    b = np.linalg.lstsq(X[ok], df[y].to_numpy()[ok], rcond=None)[0]
    resid = df[y].to_numpy() - X @ b
    return b, X, resid, float(np.mean(resid[ok] ** 2)), ok


FIT = "quietly sem (y1 <- x1) (y2 <- y1 x2)\n"


def test_xb_matches_least_squares(do):
    df = _frame()
    rc, out, s = do(FIT + "predict p*, xb\npredict only, xb(y2)\n", df=df)
    assert rc == 0, out
    assert "(xb(y1 y2) assumed)" in out
    b1, X1, _, _, _ = _ols(df, "y1", ["x1"])
    b2, X2, _, _, _ = _ols(df, "y2", ["y1", "x2"])
    got = s.data.df
    np.testing.assert_allclose(got["p1"].to_numpy(), X1 @ b1, rtol=1e-5)
    np.testing.assert_allclose(got["p2"].to_numpy()[1:], (X2 @ b2)[1:], rtol=1e-5)
    assert np.isnan(got["p2"].iloc[0]) and np.isfinite(got["p1"].iloc[0])
    np.testing.assert_allclose(got["only"].to_numpy()[1:], got["p2"].to_numpy()[1:])
    assert s.data.var_labels["p1"] == "Linear prediction (y1)"


def test_scores_are_the_gaussian_likelihood_derivatives(do):
    df = _frame()
    rc, out, s = do(FIT + "predict sc*, scores\n", df=df)
    assert rc == 0, out
    names = s.e.matrices["b"].colnames
    assert names == ("y1:x1", "y1:_cons", "y2:y1", "y2:x2", "y2:_cons", "var(e.y1):_cons", "var(e.y2):_cons")
    b1, X1, r1, s1, ok = _ols(df, "y1", ["x1"])
    b2, X2, r2, s2, _ = _ols(df, "y2", ["y1", "x2"])
    expected = np.column_stack([r1 / s1 * X1[:, 0], r1 / s1, r2 / s2 * X2[:, 0], r2 / s2 * X2[:, 1], r2 / s2,
                                (r1 ** 2 / s1 - 1) / (2 * s1), (r2 ** 2 / s2 - 1) / (2 * s2)])
    got = np.column_stack([s.data.df[f"sc{k}"].to_numpy() for k in range(1, 8)])
    np.testing.assert_allclose(got[ok], expected[ok], rtol=1e-4, atol=1e-6)
    assert np.max(np.abs(got[ok].sum(axis=0))) < 1e-3  # the maximum of the likelihood


def test_if_restricts_and_counts_are_checked(do):
    df = _frame()
    rc, out, s = do(FIT + "predict a in 1/10, xb(y1)\n", df=df)
    assert rc == 0, out
    assert s.data.df["a"].notna().sum() == 10
    rc, out, s = do(FIT + "predict a b c, xb\n", df=df)
    assert rc == 103
    rc, out, s = do(FIT + "predict a, xblatent\n", df=df)
    assert rc == 198
