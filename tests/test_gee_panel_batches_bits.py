"""xtgee's per-panel sums (mlmcli.panel.gee._scoring/_meat, gee_structures.exchangeable_alpha)
go through the panels of one size at a time (stacked solves and products) and add the panel
terms in data order: bit for bit what the loop over panels they replaced gave (written out
below), on unbalanced panels, gappy time positions, weights, scaled columns and chunks of a
few panels."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.panel import gee
from mlmcli.panel.gee_structures import exchangeable_alpha


def _loop_scoring_and_meat(X, y, mu, d, v, R, starts, ends, pos, w):
    p = X.shape[1]
    H, score, M = np.zeros((p, p)), np.zeros(p), np.zeros((p, p))
    for a, z in zip(starts, ends):
        ti = pos[a:z]
        sd = np.sqrt(v[a:z])
        Vi = R[np.ix_(ti, ti)] * np.outer(sd, sd)
        Di = d[a:z, None] * X[a:z]
        W = np.linalg.solve(Vi, np.column_stack([Di, y[a:z] - mu[a:z]]))
        H += w[a] * (Di.T @ W[:, :p])
        score += w[a] * (Di.T @ W[:, p])
        u = Di.T @ W[:, p]
        M += w[a] * np.outer(u, u)
    return H, score, M


def _loop_alpha(r, starts, ends, w, phi, nmp_p):
    num = pairs = 0.0
    for a, z in zip(starts, ends):
        ri = r[a:z]
        s = ri.sum()
        num += w[a] * (s * s - ri @ ri)
        pairs += w[a] * (z - a) * (z - a - 1)
    pairs = pairs / 2 - nmp_p
    if pairs <= 0 or not phi > 0:
        return float("nan")
    return num / 2 / pairs / phi


def _panels(rng):
    G, p = int(rng.integers(1, 60)), int(rng.integers(1, 10))
    sizes = rng.integers(1, 12, G)
    N = int(sizes.sum())
    bounds = np.r_[0, np.cumsum(sizes)]
    T = int(sizes.max()) + 3
    pos = np.concatenate([np.sort(rng.choice(T, s, replace=False)) for s in sizes])
    A = rng.normal(size=(T, T))
    R = np.corrcoef(A @ A.T + T * np.eye(T))
    X = rng.normal(size=(N, p)) * rng.choice([1.0, 1e3, 1e-3])
    w = np.repeat(rng.integers(1, 4, G) * rng.choice([1.0, 0.37]), sizes)
    return (X, rng.normal(size=N), rng.normal(size=N), rng.random(N) + 0.1, rng.random(N) + 0.1, R,
            bounds[:-1], bounds[1:], pos, w)


@pytest.mark.parametrize("chunk, stacked", [(None, None), (3, None), (None, 50)])
def test_scoring_and_meat_are_the_panel_loops_bits(monkeypatch, chunk, stacked):
    if stacked:  # a few panels of one size per stacked solve (the memory bound on long panels)
        monkeypatch.setattr(gee, "STACKED_ELEMENTS", stacked)
    if chunk:
        monkeypatch.setattr(gee, "_chunks", lambda starts, ends, p: (
            (starts[i:i + chunk], ends[i:i + chunk]) for i in range(0, len(starts), chunk)))
    rng = np.random.default_rng(89)
    for _ in range(60):
        args = _panels(rng)
        H0, s0, M0 = _loop_scoring_and_meat(*args)
        H, s = gee._scoring(*args)
        assert np.array_equal(H, H0) and np.array_equal(s, s0)
        assert np.array_equal(gee._meat(*args), M0)


def test_exchangeable_alpha_is_the_panel_loops_bits():
    rng = np.random.default_rng(7)
    for _ in range(100):
        _, _, _, _, _, _, starts, ends, _, w = _panels(rng)
        r = rng.normal(size=int(ends[-1])) * rng.choice([1.0, 1e4])
        phi, nmp_p = float(rng.random()), int(rng.integers(0, 3))
        expected = _loop_alpha(r, starts, ends, w, phi, nmp_p)
        got = exchangeable_alpha(r, starts, ends, w, phi, nmp_p)
        assert got == expected or (np.isnan(got) and np.isnan(expected))


def test_a_singular_panel_still_stops_the_step():
    """A V_i that cannot be solved raises LinAlgError as the per-panel solve did (fit_gee's
    'not positive definite' stop)."""
    X, y, mu, d, v, R, starts, ends, pos, w = _panels(np.random.default_rng(3))
    R = np.ones_like(R)  # every V_i of two or more observations is singular
    assert (ends - starts).max() >= 2
    with pytest.raises(np.linalg.LinAlgError):
        gee._scoring(X, y, mu, d, v, R, starts, ends, pos, w)
