"""Dynamic-panel GMM with more instruments than rows (xtabond's pre() of many variables over a
long panel): the generalised inverse of Z'HZ kept factored (``gram_pinv``) gives what
numpy's pinv and matrix_rank of the full L x L matrix give, and an xtabond fit with
L > n agrees with the same fit computed through the dense path."""
import numpy as np
import pandas as pd
import pytest

from mlmcli.panel import dynamic_gmm


def _band_H(n_panels, t):
    blocks = []
    for _ in range(n_panels):
        H = 2 * np.eye(t) - np.eye(t, k=1) - np.eye(t, k=-1)
        blocks.append(H)
    from scipy.linalg import block_diag
    return block_diag(*blocks)


@pytest.mark.parametrize("collinear", [False, True])
def test_factored_pinv_matches_numpy(collinear):
    rng = np.random.default_rng(3)
    n_panels, t, L = 6, 5, 70
    Z = rng.normal(size=(n_panels * t, L))
    Z[:, 10:20] = 0.0  # instruments that never exist: columns of zeros
    if collinear:
        Z[:, 30] = Z[:, 31] + Z[:, 32]
        Z[3, :] = Z[4, :]  # two rows alike: Z'HZ of lower rank
    H = _band_H(n_panels, t)
    HZ = H @ Z
    A, rank = dynamic_gmm.gram_pinv(Z, HZ)
    dense = np.linalg.pinv(Z.T @ HZ)
    assert rank == np.linalg.matrix_rank(Z.T @ HZ)
    M = rng.normal(size=(L, 3))
    np.testing.assert_allclose(A @ M, dense @ M, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(M.T @ A, M.T @ dense, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(M.T @ A @ M, M.T @ dense @ M, rtol=1e-7, atol=1e-9)


def _panel(seed=5, n=8, t=20):
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        y, u = 0.0, rng.normal()
        for s in range(t):
            x1, x2, w = rng.normal(), rng.normal(), rng.normal()
            y = 0.4 * y + 0.5 * x1 - 0.3 * x2 + 0.2 * w + u + rng.normal()
            rows.append((i + 1, 2000 + s, y, x1, x2, w))
    return pd.DataFrame(rows, columns=["id", "year", "y", "x1", "x2", "w"])


@pytest.mark.parametrize("opts", ["", "robust", "twostep"])
def test_xtabond_with_more_instruments_than_rows_matches_the_dense_path(do, monkeypatch, opts):
    df = _panel()
    text = f"xtset id year\nxtabond y w, pre(x1 x2) {opts}"
    shapes, factored = [], dynamic_gmm.gram_pinv
    monkeypatch.setattr(dynamic_gmm, "gram_pinv", lambda Z, HZ: (shapes.append(Z.shape), factored(Z, HZ))[1])
    rc, out, s = do(text, df=df)
    assert shapes[0][1] > shapes[0][0]  # more instruments than rows: the factored path
    assert rc == 0, out
    b_fast, V_fast = s.e.matrices["b"].values.ravel(), s.e.matrices["V"].values
    zrank = s.e.scalars["zrank"]

    def dense(Z, HZ):
        A = Z.T @ HZ
        return np.linalg.pinv(A), int(np.linalg.matrix_rank(A))

    monkeypatch.setattr(dynamic_gmm, "gram_pinv", dense)
    rc, out, s2 = do(text, df=df)
    assert rc == 0, out
    assert s2.e.scalars["zrank"] == zrank
    np.testing.assert_allclose(b_fast, s2.e.matrices["b"].values.ravel(), rtol=1e-7, atol=1e-10)
    np.testing.assert_allclose(V_fast, s2.e.matrices["V"].values, rtol=1e-6, atol=1e-12)
