"""Two and three random slopes (q = 3, 4 random effects) without einsum in the quadrature's
contractions (``glmm.node_arithmetic``, docs/speed_round94.md): every written-out
contraction gives einsum's bits, and whole xtmelogit / melogit fits with two random slopes
give e(b), e(V) and e(ll) bit for bit as with einsum (the old path, forced here by marking
q = 3 unverified)."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.glmm import node_arithmetic as na


def _probe(q, seed):
    rng = np.random.default_rng(seed)
    G, K, n = 23, 4 ** q if q < 4 else 81, 190
    g = np.sort(np.concatenate([np.arange(G), rng.integers(0, G, n - G)]))
    Z = rng.normal(size=(n, q))
    mu, R, T = rng.normal(size=(G, q)), np.tril(rng.normal(size=(G, q, q))), rng.normal(size=(K, q))
    return rng, G, K, n, g, Z, mu, R, T


@pytest.mark.parametrize("q", [3, 4])
def test_written_out_contractions_are_einsums_bits(q):
    assert na._explicit(q)  # this machine's einsum adds in the lane order (else einsum is kept)
    rng, G, K, n, g, Z, mu, R, T = _probe(q, 11 + q)
    B = mu[:, None, :] + np.einsum("gab,kb->gka", R, T)
    S = rng.normal(size=(q, q))
    b = rng.normal(size=(G, q))
    np.testing.assert_array_equal(na.nodes_at(mu, R, T), B)
    np.testing.assert_array_equal(np.stack(na.node_columns(mu, R, T), axis=-1), B)
    for M in (S, np.eye(q)):
        np.testing.assert_array_equal(na.quadratic_forms(B, M), np.einsum("...a,ab,...b->...", B, M, B))
        np.testing.assert_array_equal(na.quadratic_forms(b, M), np.einsum("...a,ab,...b->...", b, M, b))
    np.testing.assert_array_equal(na.design_dot(Z, b, g), np.einsum("iq,iq->i", Z, b[g]))
    np.testing.assert_array_equal(na.design_dot(Z, B, g), np.einsum("iq,ikq->ik", Z, B[g]))
    out, scratch = np.empty((n, K)), np.empty((n, K))
    na.design_dot_into(Z, na.node_columns(mu, R, T), g, out, scratch)
    np.testing.assert_array_equal(out, np.einsum("iq,ikq->ik", Z, B[g]))
    np.testing.assert_array_equal(na.row_grams(R), np.einsum("gab,gcb->gac", R, R))
    np.testing.assert_array_equal(na.column_grams(R), np.einsum("gba,gbc->gac", R, R))
    p = rng.random((G, K))
    m, D, C = na.posterior_moments(p, B)
    np.testing.assert_array_equal(m, np.einsum("gk,gka->ga", p, B))
    np.testing.assert_array_equal(C, np.einsum("gk,gka,gkb->gab", p, D, D))


def test_identity_prior_with_an_infinite_node_is_einsums_nan():
    """(inf 0) inf = nan in einsum's off-diagonal terms: the sum-of-squares shortcut must not
    turn that into inf."""
    B = np.array([[[np.inf, 1.0, 2.0], [0.5, -1.0, 3.0]]])
    with np.errstate(invalid="ignore"):
        got, want = na.quadratic_forms(B, np.eye(3)), np.einsum("...a,ab,...b->...", B, np.eye(3), B)
    assert np.isnan(got[0, 0])
    np.testing.assert_array_equal(got, want)


def test_an_unverified_order_keeps_einsum(monkeypatch):
    monkeypatch.setattr(na, "_checked", {})
    monkeypatch.setattr(na, "_verified", lambda q: False)
    assert not na._explicit(3)
    assert na._explicit(2)  # q <= 2: written out unconditionally, as before


def _two_slope_data():
    """Two continuous slopes: every row of the design has three nonzero entries, so the
    quadrature's z'b takes the written-out sum (not the sparse-rows one of dummy slopes)."""
    import pandas as pd

    rng = np.random.default_rng(94)
    G, per = 20, 10
    g = np.repeat(np.arange(G), per)
    x1, x2 = rng.normal(size=G * per), rng.normal(size=G * per)
    u = rng.normal(size=(G, 3)) * np.array([0.5, 0.7, 1.0])
    eta = -0.2 + (0.5 + u[g, 0]) * x1 + (-0.4 + u[g, 1]) * x2 + u[g, 2]
    y = (eta + rng.logistic(size=eta.size) > 0).astype(float)
    return pd.DataFrame({"y": y, "x1": x1, "x2": x2, "c": g + 1.0})


@pytest.mark.parametrize("command", [
    "quietly xtmelogit y x1 x2 || c: x1 x2, intpoints(2)",
    "quietly melogit y x1 x2 || c: x1 x2, intpoints(3)",  # 2 points: var(x1) at 0, no SEs
])
def test_two_slope_fit_same_values_as_einsum(do, monkeypatch, command):
    df = _two_slope_data()
    results = {}
    for label in ("written out", "einsum"):
        with monkeypatch.context() as mp:
            mp.setattr(na, "_checked", {3: label == "written out"})
            rc, text, s = do(command, df=df)
            assert rc == 0, text
            assert na._checked == {3: label == "written out"}
            results[label] = (np.asarray(s.e.matrices["b"].values, float),
                              np.asarray(s.e.matrices["V"].values, float), float(s.e.scalars["ll"]))
    assert np.isfinite(results["einsum"][2]) and results["einsum"][0].shape[1] == 6
    for a, b in zip(results["written out"], results["einsum"]):
        np.testing.assert_array_equal(a, b)
