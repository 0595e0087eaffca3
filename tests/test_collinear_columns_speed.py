"""The fast collinearity check (blocked Cholesky, sparse cross-products of indicator columns)
decides as the one-solve-per-column sweep it replaced: same kept columns, so the same omitted
columns and the same e(b) and e(V), on random designs with exact and near collinearity."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.linalg import solve_triangular

from mlmcli import collinear_columns
from mlmcli.collinear_columns import BLOCK, COLLINEAR_TOL, cross_products, independent_candidates


def reference_keep(C: np.ndarray, constant: bool) -> np.ndarray:
    """The former sweep: dense centred C'C, then for each column one forward solve on the
    Cholesky factor of the kept columns before it (slow: K solves)."""
    Cc = C - C.mean(axis=0) if constant else C
    G = Cc.T @ Cc
    K = G.shape[0]
    keep = np.zeros(K, dtype=bool)
    L = np.zeros((K, K))
    idx: list[int] = []
    for j in range(K):
        gjj = G[j, j]
        if gjj <= 0.0:
            continue
        v = solve_triangular(L[:len(idx), :len(idx)], G[idx, j], lower=True) if idx else np.zeros(0)
        rss = gjj - v @ v
        if rss <= COLLINEAR_TOL * gjj:
            continue
        L[len(idx), :len(idx)], L[len(idx), len(idx)] = v, np.sqrt(rss)
        idx.append(j)
        keep[j] = True
    return keep


def indicators(codes: np.ndarray) -> np.ndarray:
    return (codes[:, None] == np.unique(codes)[None, :]).astype(float)


def interaction_design(seed: int) -> np.ndarray:
    """i.a i.b i.a#i.b c.x c.x#i.a on a sample with empty and one-observation cells, plus
    exact combinations (across blocks) and near-collinear columns far on either side of the
    tolerance (relative residual ~1e-4: kept; ~1e-20: dropped)."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(800, 1500))
    a, b = rng.integers(0, int(rng.integers(14, 24)), n), rng.integers(0, int(rng.integers(14, 24)), n)
    x = rng.normal(size=n) * rng.choice([1.0, 1e3]) + rng.choice([0.0, 50.0])
    A, B = indicators(a), indicators(b)
    parts = [A[:, 1:], B[:, 1:], indicators(a * 1000 + b), x[:, None], A * x[:, None]]
    X = np.column_stack(parts)
    K = X.shape[1]
    picks = rng.choice(K, size=(6, 3))
    exact = X[:, picks[:, 0]] - 2 * X[:, picks[:, 1]] + X[:, picks[:, 2]]
    base = X[:, picks[:, 0]]
    noise = rng.normal(size=base.shape) * base.std(axis=0)
    near_kept, near_dropped = base + 1e-2 * noise, base + 1e-10 * noise
    X = np.column_stack([X, exact, near_kept, near_dropped, np.zeros(n), np.full(n, 3.0)])
    return X[:, rng.permutation(X.shape[1])] if seed % 2 else X


@pytest.mark.parametrize("constant", [True, False])
@pytest.mark.parametrize("seed", range(6))
def test_same_columns_kept_as_the_column_by_column_sweep(seed, constant):
    X = interaction_design(seed)
    assert X.shape[1] > 2 * BLOCK  # several blocks, the sparse path (indicators)
    keep = independent_candidates(X, constant)
    assert np.array_equal(keep, reference_keep(X, constant))
    assert np.count_nonzero(keep) < X.shape[1] - 6  # the exact combinations went


@pytest.mark.parametrize("K", [BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK + 5])
def test_dense_columns_dependent_across_block_boundaries(K):
    rng = np.random.default_rng(K)
    X = rng.normal(size=(3 * K, K))
    for j in range(10, K, 37):  # a column equal to a combination of earlier ones, some in other blocks
        X[:, j] = X[:, j - 9] + 0.5 * X[:, max(j - BLOCK - 1, 0)]
    X[:, K - 1] = X[:, 0] + 1e-12 * rng.normal(size=3 * K)
    keep = independent_candidates(X, True)
    assert np.array_equal(keep, reference_keep(X, True))
    assert not keep[K - 1] and not keep[10]


def test_sparse_cross_products_equal_the_dense_centred_ones():
    X = interaction_design(3)
    for constant in (True, False):
        Cc = X - X.mean(axis=0) if constant else X
        assert np.allclose(cross_products(X, constant), Cc.T @ Cc, rtol=1e-12, atol=1e-9 * np.abs(Cc).max() ** 2)


def test_one_triangular_solve_per_block_not_per_column(monkeypatch):
    """Size: a 40x40 interaction (~1,000 cells on 1,500 rows) takes one triangular solve per
    block of BLOCK columns; the former sweep took one per column."""
    import scipy.linalg.blas as blas

    rng = np.random.default_rng(7)
    a, b = rng.integers(0, 40, 1500), rng.integers(0, 40, 1500)
    X = indicators(a * 100 + b)
    calls = []
    real = blas.dtrsm
    monkeypatch.setattr(blas, "dtrsm", lambda *args, **kw: calls.append(1) or real(*args, **kw))
    keep = independent_candidates(X, True)
    K = X.shape[1]
    assert len(calls) <= -(-K // BLOCK) and np.count_nonzero(keep) == K - 1  # one cell goes with _cons


@pytest.mark.parametrize("command", ["regress y i.a#i.b x x2", "logit yb i.a i.a#i.b x2 x"])
def test_same_omitted_columns_and_estimates_as_the_former_sweep(do, monkeypatch, command):
    rng = np.random.default_rng(11)
    n = 900
    df = pd.DataFrame({"a": rng.integers(1, 13, n).astype(float), "b": rng.integers(1, 15, n).astype(float),
                       "x": rng.normal(size=n)})
    df["x2"] = 2 * df.x - 1
    df["y"] = 0.1 * df.a - 0.2 * df.b + df.x + rng.normal(size=n)
    df["yb"] = (rng.uniform(size=n) < 1 / (1 + np.exp(-(df.y - df.y.mean())))).astype(float)
    fits = []
    for check in (independent_candidates, reference_keep):
        monkeypatch.setattr("mlmcli.factor_variables.independent_candidates", check)
        rc, out, session = do(f"quietly {command}", df=df)
        assert rc == 0, out
        e = session.e
        fits.append((e.matrices["b"].colnames, e.matrices["b"].values, e.matrices["V"].values))
    (names, b, V), (ref_names, ref_b, ref_V) = fits
    assert names == ref_names and any(name.split(":")[-1] in ("o.x", "o.x2") for name in names)
    assert np.array_equal(b, ref_b) and np.array_equal(V, ref_V)
    assert collinear_columns.independent_candidates is independent_candidates
