"""xtnbreg, re: the comparison model of the LR test vs. pooled (xtnbreg.ado: ``nbreg ...,
dispersion(constant)``, the pooled NB1) fitted by Newton-Raphson on analytic derivatives, and
the all-zero outcome nbreg refuses (``y is zero for all observations``, r(498))."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mlmcli.panel import negative_binomial as nb

REF_DIR = Path(__file__).resolve().parent / "reference_values"


@pytest.fixture
def panels():
    return pd.read_csv(REF_DIR / "gee_panels.csv").astype(float)


def _poisson_b(X, y, offset=None):
    b = np.zeros(X.shape[1])
    for _ in range(50):
        mu = np.exp(X @ b + (0 if offset is None else offset))
        b = b + np.linalg.solve(X.T @ (X * mu[:, None]), X.T @ (y - mu))
    return b


def test_analytic_derivatives_match_differences():
    rng = np.random.default_rng(5)
    X = np.c_[rng.normal(size=150), np.ones(150)]
    y = rng.poisson(np.exp(0.4 * X[:, 0] + 0.3) * rng.gamma(2, 0.5, 150)).astype(float)
    off = rng.normal(size=150) * 0.1
    theta = np.array([0.3, 0.2, -0.4])
    ll, g, H = nb.pooled_constant_dispersion_derivatives(X, y, theta, off)
    h = 1e-6
    steps = np.eye(3) * h
    g_num = [(nb.pooled_constant_dispersion_loglik(X, y, theta + e, off)
              - nb.pooled_constant_dispersion_loglik(X, y, theta - e, off)) / (2 * h) for e in steps]
    H_num = [(nb.pooled_constant_dispersion_derivatives(X, y, theta + e, off)[1]
              - nb.pooled_constant_dispersion_derivatives(X, y, theta - e, off)[1]) / (2 * h) for e in steps]
    assert ll == nb.pooled_constant_dispersion_loglik(X, y, theta, off)
    np.testing.assert_allclose(g, g_num, atol=1e-6)
    np.testing.assert_allclose(H, np.array(H_num).T, atol=1e-6)


def test_pooled_fit_against_r_in_few_evaluations(panels, monkeypatch):
    """R's optim() maximum (tests/reference_values/xtnbreg_reference.R) reached in a handful of
    Newton steps (the Nelder-Mead polish it replaces ran to tens of thousands of evaluations)."""
    ref = json.loads((REF_DIR / "xtnbreg_reference.json").read_text())["pooled_ll"]
    X = np.c_[panels.x, panels.z, np.ones(len(panels))]
    y = panels.yc.to_numpy()
    calls = []
    real = nb.pooled_constant_dispersion_loglik
    monkeypatch.setattr(nb, "pooled_constant_dispersion_loglik", lambda *a: calls.append(1) or real(*a))
    ll = nb.fit_pooled_constant_dispersion(X, y, _poisson_b(X, y))
    assert ll == pytest.approx(ref, abs=1e-8)
    assert 0 < len(calls) < 100


def test_no_overdispersion_gives_the_poisson_supremum():
    """Underdispersed counts: ln delta runs off to -inf, where the NB1 likelihood rises to the
    Poisson one; the comparison value is that supremum, never above it (the direct lnG
    differences at m = mu/delta ~ 1e13 used to add noise that rose above it)."""
    rng = np.random.default_rng(2)
    X = np.c_[rng.normal(size=1000), np.ones(1000)]
    y = rng.binomial(3, 0.3, 1000).astype(float)
    b = _poisson_b(X, y)
    eta = X @ b
    poisson_ll = float(np.sum(y * eta - np.exp(eta) - [np.sum(np.log(np.arange(1, v + 1))) for v in y]))
    assert nb.fit_pooled_constant_dispersion(X, y, b) == pytest.approx(poisson_ll, abs=1e-8)
    for ln_delta in (-20.0, -30.0, -40.0):  # approaches it from below
        assert nb.pooled_constant_dispersion_loglik(X, y, np.r_[b, ln_delta]) <= poisson_ll + 1e-9


def test_all_zero_outcome(do, panels):
    df = panels.assign(zero=0.0)
    rc, out, s = do("xtset id t\nxtnbreg zero x z, re", df=df)
    assert rc == 498 and "zero is zero for all observations" in out and "Iteration" not in out, out
    assert s.e is None and s.data.nobs == len(df)
    rc, out, s = do("xtnbreg zero x z, fe", session=s)  # DropZero: every group dropped
    assert rc == 2000 and "dropped because of all zero outcomes" in out and "no observations" in out
    rc, out, s = do("xtnbreg zero x z if id > 0, re nolog", session=s)
    assert rc == 498 and s.e is None
