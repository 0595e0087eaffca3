"""regress/prais with vce(cluster) and fewer clusters than the model test needs: the scores of G
clusters span at most G - 1 dimensions, so V is singular for the slopes; Stata prints the F over
the rank, missing (published regress log, 12 clusters: "F(11, 11) = ." / "Prob > F = .").
The rank and the full-rank Wald F are computed here with numpy from first principles."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(5)
    n = 12
    df = pd.DataFrame({"g": np.repeat([1, 2, 3], 4), "x1": rng.normal(size=n), "x2": rng.normal(size=n),
                       "x3": rng.normal(size=n), "t": np.arange(1, n + 1)})
    df["y"] = df.x1 + rng.normal(size=n)
    return df


def _cluster_V(df, cols):
    X = np.column_stack([df[c] for c in cols] + [np.ones(len(df))])
    y = df.y.to_numpy()
    XtX_inv = np.linalg.inv(X.T @ X)
    b = XtX_inv @ X.T @ y
    e = y - X @ b
    groups = df.g.to_numpy()
    U = np.array([(X[groups == g] * e[groups == g, None]).sum(axis=0) for g in np.unique(groups)])
    N, k, G = len(y), X.shape[1], len(U)
    V = G / (G - 1) * (N - 1) / (N - k) * XtX_inv @ U.T @ U @ XtX_inv
    return b, V


def test_rank_deficient_model_test_is_missing(do, data):
    b, V = _cluster_V(data, ["x1", "x2", "x3"])
    rank = np.linalg.matrix_rank(V[:3, :3], tol=1e-10 * np.abs(V).max())
    assert rank == 2  # 3 clusters: G - 1
    rc, out, s = do("regress y x1 x2 x3, vce(cluster g)", df=data)
    assert rc == 0
    assert "F(  2,     2) =       ." in out and "Prob > F      =       ." in out
    assert s.e.scalars["df_m"] == 2 and np.isnan(s.e.scalars["F"])


def test_full_rank_model_test_is_the_wald_F(do, data):
    b, V = _cluster_V(data, ["x1"])
    F = b[0] ** 2 / V[0, 0]
    rc, out, s = do("regress y x1, vce(cluster g)", df=data)
    assert rc == 0
    assert s.e.scalars["F"] == pytest.approx(F, rel=1e-9) and s.e.scalars["df_m"] == 1
    assert f"F(  1,     2) = {F:7.2f}" in out


def test_prais_shares_the_model_test(do, data):
    rc, out, s = do("tsset t\nprais y x1 x2 x3, vce(cluster g)", df=data)
    assert rc == 0
    assert "F(  2,     2) =       ." in out and np.isnan(s.e.scalars["F"])
