"""``mixed`` with an unstructured covariance whose optimum is on the boundary (one variable's
random effect a combination of the others: a correlation at +/-1).  In theta the way there is
an arc -- a row of Lambda turning at a nearly constant norm -- that BFGS followed in ~45
small steps; after 12 steps the search now also tries each face where a row's diagonal is
0, searched in polar form (``optimizer._face_probe``).

Independent checks: the log likelihood against the ML deviance written out per group in
numpy (V_g = Z_g Sigma Z_g' + sigma^2 I, beta by GLS) and maximised by scipy's L-BFGS-B
from several starts; the fit without the probe (the same table, fewer iterations with it)."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import mlmcli.mixed.optimizer as optimizer
from mlmcli.mixed.boundary_faces import _angles, _unit, lambda_rows


def _data(tmp_path):
    """50 groups of 15: a random intercept and x1 slope, no random x2 slope (the 3 x 3
    unstructured fit puts _cons's row of Lambda on its face)."""
    rng = np.random.default_rng(102)
    G, n = 50, 15
    g = np.repeat(np.arange(G), n)
    x1, x2 = rng.normal(size=G * n), rng.normal(size=G * n)
    y = (1 + 0.5 * x1 - 0.3 * x2 + 0.8 * rng.normal(size=G)[g] + 0.4 * rng.normal(size=G)[g] * x1
         + rng.normal(size=G * n))
    df = pd.DataFrame({"g": g + 1, "x1": x1, "x2": x2, "y": y})
    path = tmp_path / "un3.dta"
    df.to_stata(path, write_index=False)
    return df, path


LINE = "mixed y x1 x2 || g: x1 x2, cov(un)"


def _iterations(out: str) -> int:
    return len(re.findall(r"^Iteration \d+:", out, flags=re.M))


def _table(out: str) -> str:
    return "\n".join(ln for ln in out.splitlines() if not ln.startswith("Iteration"))


def _ml_deviance(df: pd.DataFrame, lam: np.ndarray, sigma: float) -> float:
    """-2 log L of the linear mixed model, beta profiled by GLS, written out per group."""
    X = np.column_stack([df.x1, df.x2, np.ones(len(df))])
    Z = X  # random x1, x2 and _cons
    S = lam @ lam.T
    groups = [np.flatnonzero(df.g.to_numpy() == k) for k in np.unique(df.g)]
    Vinv, logdet = [], 0.0
    for r in groups:
        V = Z[r] @ S @ Z[r].T + sigma ** 2 * np.eye(len(r))
        sign, ld = np.linalg.slogdet(V)
        logdet += ld
        Vinv.append(np.linalg.inv(V))
    y = df.y.to_numpy()
    A = sum(X[r].T @ Vi @ X[r] for r, Vi in zip(groups, Vinv))
    b = sum(X[r].T @ Vi @ y[r] for r, Vi in zip(groups, Vinv))
    beta = np.linalg.solve(A, b)
    quad = sum((y[r] - X[r] @ beta) @ Vi @ (y[r] - X[r] @ beta) for r, Vi in zip(groups, Vinv))
    return len(y) * np.log(2 * np.pi) + logdet + quad


def test_lambda_rows_of_two_terms():
    # a 3 x 3 unstructured term (theta 0..5, column-major) then a 2 x 2 one (6..8)
    cols = [(0, np.array([1, 2])), (3, np.array([4])), (5, np.array([], int)),
            (6, np.array([7])), (8, np.array([], int))]
    rows = lambda_rows(cols)
    assert [(d, list(left)) for d, left in rows] == [(3, [1]), (5, [2, 4]), (8, [7])]


def test_polar_coordinates_round_trip():
    rng = np.random.default_rng(0)
    for m in (1, 2, 3, 4):
        v = rng.normal(size=m)
        u = v / np.linalg.norm(v)
        np.testing.assert_allclose(_unit(_angles(u)), u, atol=1e-14)


def test_boundary_fit_converges_faster_to_the_same_table(new_session, run, tmp_path, monkeypatch):
    df, path = _data(tmp_path)
    s = new_session()
    out, rc = run(s, f"use {path}, clear\n{LINE}\n")
    assert rc == 0, out
    ll = s.e.scalars["ll"]
    monkeypatch.setattr(optimizer, "FACE_PROBE_AT", 10 ** 9)  # the search without the probe
    s2 = new_session()
    out2, rc = run(s2, f"use {path}, clear\n{LINE}\n")
    assert rc == 0, out2
    assert ll >= s2.e.scalars["ll"] - 1e-9
    assert _table(out) == _table(out2)
    assert _iterations(out) <= 20 < _iterations(out2), (out, out2)


def test_boundary_log_likelihood_is_the_maximum(new_session, run, tmp_path):
    scipy_optimize = pytest.importorskip("scipy.optimize")
    df, path = _data(tmp_path)
    s = new_session()
    out, rc = run(s, f"use {path}, clear\n{LINE}\n")
    assert rc == 0, out
    ll = s.e.scalars["ll"]

    def dev(p):
        lam = np.zeros((3, 3))
        lam[np.tril_indices(3)] = p[:6]
        return _ml_deviance(df, lam, np.exp(p[6]))

    best = np.inf
    for start in ([0.5, 0, 0.5, 0, 0, 0.5, 0.0], [0.3, 0.1, 0.1, 0.3, 0.1, 0.6, 0.0]):
        res = scipy_optimize.minimize(dev, np.array(start), method="L-BFGS-B",
                                      options={"maxiter": 3000, "ftol": 1e-14, "gtol": 1e-9})
        best = min(best, res.fun)
    assert ll >= -0.5 * best - 1e-6
    # and the printed log likelihood is the model's at mlm's own estimates (within rounding)
    assert abs(ll + 0.5 * best) < 1e-3
