"""The analytic derivatives of the mixed engine, and the variance-component SEs they give.

- the theta-gradient of the profiled deviance and the phi-gradient of the (RE)ML log
  likelihood equal central differences (nested with several levels and group weights,
  crossed with multi-column terms);
- V(phi^) agrees to 1e-6 relative with the inverse of a high-precision Hessian computed
  here independently (Romberg-extrapolated differences of the log likelihood itself)
  on every shared reference and on the oxboys REML fit of issue 10.
"""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from mlmcli.mixed.fit import fit_mixed
from mlmcli.mixed.likelihood import MixedModel
from mlmcli.mixed.spec import CoefLabel, MixedSpec, RandomTerm


def _nested_spec(method, kinds, seed=3, weights=False):
    rng = np.random.default_rng(seed)
    n = 500
    g1 = rng.integers(0, 12, n)
    _, g2 = np.unique(g1 * 5 + rng.integers(0, 5, n), return_inverse=True)
    x, z = rng.normal(size=n), rng.normal(size=n)
    y = 1 + x + rng.normal(size=12)[g1] + 0.5 * rng.normal(size=g2.max() + 1)[g2] + rng.normal(size=n)
    X = np.column_stack([x, z, np.ones(n)])
    fw1 = rng.integers(1, 3, 12).astype(float)[g1] if weights else None
    t1 = RandomTerm("a", g1, np.column_stack([x, z, np.ones(n)]), ("x", "z", "_cons"), kinds[0], 12,
                    fweight=fw1)
    t2 = RandomTerm("b", g2, np.column_stack([x, np.ones(n)]), ("x", "_cons"), kinds[1], g2.max() + 1)
    fw = rng.integers(1, 4, n).astype(float) if weights else None
    return MixedSpec("y", y, X, (CoefLabel("x"), CoefLabel("z"), CoefLabel("_cons")), (t1, t2),
                     method=method, fweight=fw)


def _crossed_spec(method, kinds, seed=5):
    rng = np.random.default_rng(seed)
    n = 600
    a, b, c = rng.integers(0, 50, n), rng.integers(0, 20, n), rng.integers(0, 6, n)
    x = rng.normal(size=n)
    y = 1 + x + rng.normal(size=50)[a] + rng.normal(size=20)[b] * (1 + x) + rng.normal(size=6)[c] \
        + rng.normal(size=n)
    X = np.column_stack([x, np.ones(n)])
    terms = (RandomTerm("_all", a, np.column_stack([x, np.ones(n)]), ("x", "_cons"), kinds[0], 50),
             RandomTerm("_all", b, np.column_stack([x, np.ones(n)]), ("x", "_cons"), kinds[1], 20),
             RandomTerm("_all", c, np.ones((n, 1)), ("R.c",), "identity", 6))
    return MixedSpec("y", y, X, (CoefLabel("x"), CoefLabel("_cons")), terms, method=method)


def _central(f, x, h=1e-6):
    return np.array([(f(x + h * e) - f(x - h * e)) / (2 * h) for e in np.eye(len(x))])


SPECS = [
    ("nested-un-ML", lambda: _nested_spec("ML", ("unstructured", "unstructured"))),
    ("nested-exch-REML", lambda: _nested_spec("REML", ("exchangeable", "identity"))),
    ("nested-weights-ML", lambda: _nested_spec("ML", ("independent", "unstructured"), weights=True)),
    ("crossed-un-ML", lambda: _crossed_spec("ML", ("unstructured", "unstructured"))),
    ("crossed-mixed-REML", lambda: _crossed_spec("REML", ("identity", "exchangeable"))),
]


@pytest.mark.parametrize("make", [m for _, m in SPECS], ids=[n for n, _ in SPECS])
def test_gradients_equal_differences(make):
    model = MixedModel(make())
    rng = np.random.default_rng(1)
    theta = np.abs(rng.normal(size=len(model.lower))) + 0.2
    d, g = model.deviance_gradient(theta)
    assert d == pytest.approx(model.deviance(theta), rel=1e-12)
    gn = _central(model.deviance, theta)
    assert np.abs(g - gn).max() <= 1e-6 * np.abs(gn).max()
    phi = model.phi_from(theta, 1.3)
    ll, gp = model.loglik_phi_gradient(phi)
    assert ll == pytest.approx(model.loglik_phi(phi), rel=1e-12)
    gpn = _central(model.loglik_phi, phi)
    assert np.abs(gp - gpn).max() <= 1e-6 * np.abs(gpn).max()


def romberg_hessian(f, x, h0=0.02, levels=3):
    """Hessian of f at x from 4-point differences of f at steps h0, h0/2, h0/4, Romberg-
    extrapolated (error O(h0^6)); independent of the engine's gradient."""
    k = len(x)

    def plain(h):
        H = np.zeros((k, k))
        f0 = f(x)
        for i in range(k):
            ei = np.zeros(k)
            ei[i] = h
            H[i, i] = (f(x + ei) - 2 * f0 + f(x - ei)) / h ** 2
            for j in range(i):
                ej = np.zeros(k)
                ej[j] = h
                H[i, j] = H[j, i] = (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej)
                                     + f(x - ei - ej)) / (4 * h * h)
        return H

    T = [plain(h0 / 2 ** m) for m in range(levels)]
    for m in range(1, levels):
        T = [(4 ** m * T[i + 1] - T[i]) / (4 ** m - 1) for i in range(len(T) - 1)]
    return T[0]


def direct_loglik(spec: MixedSpec, covs, phi: np.ndarray) -> float:
    """(RE)ML log likelihood from the marginal covariance V = sum_k Z_k G_k Z_k' + sigma^2 I,
    block by block (highest-level groups; one block for crossed designs), beta by GLS --
    a formulation independent of the engine's profiled deviance."""
    y, X = np.asarray(spec.y, float), np.asarray(spec.X, float)
    n, p = X.shape
    s2 = np.exp(2 * phi[-1])
    Sig, k = [], 0
    for c in covs:
        Sig.append(c.cov_from_est(phi[k:k + c.n_est]))
        k += c.n_est
    crossed = any(t.crossed_factor for t in spec.terms)
    blocks = np.zeros(n, int) if crossed else np.asarray(spec.terms[0].group)
    logdet, XVX, XVy, yVy = 0.0, np.zeros((p, p)), np.zeros(p), 0.0
    for b in np.unique(blocks):
        rows = np.flatnonzero(blocks == b)
        V = s2 * np.eye(len(rows))
        for t, S in zip(spec.terms, Sig):
            Z = np.asarray(t.Z, float).reshape(n, -1)[rows]
            same = np.asarray(t.group)[rows][:, None] == np.asarray(t.group)[rows][None, :]
            V += (Z @ S @ Z.T) * same
        L = np.linalg.cholesky(V)
        logdet += 2 * np.log(np.diag(L)).sum()
        A = np.linalg.solve(L, np.column_stack([X[rows], y[rows]]))
        XVX += A[:, :p].T @ A[:, :p]
        XVy += A[:, :p].T @ A[:, p]
        yVy += A[:, p] @ A[:, p]
    beta = np.linalg.solve(XVX, XVy)
    quad = yVy - XVy @ beta
    if spec.method == "REML":
        return -0.5 * ((n - p) * np.log(2 * np.pi) + logdet + np.linalg.slogdet(XVX)[1] + quad)
    return -0.5 * (n * np.log(2 * np.pi) + logdet + quad)


def _check_se(fit):
    phi = fit.phi
    finite = np.flatnonzero(np.isfinite(phi))
    assert direct_loglik(fit.spec, fit.model.covs, phi) == pytest.approx(fit.loglik, rel=1e-10)

    def f(z):
        p = phi.copy()
        p[finite] = z
        return direct_loglik(fit.spec, fit.model.covs, p)

    H = romberg_hessian(f, phi[finite])
    se_ref = np.sqrt(np.diag(np.linalg.inv(-H)))
    se = np.sqrt(np.diag(fit.V_phi)[finite])
    np.testing.assert_allclose(se, se_ref, rtol=1e-6)
    return se


def _reference_files(shared_dir):
    return sorted((shared_dir / "reference").glob("*.json"))


def test_variance_component_ses_match_a_high_precision_hessian(shared_dir):
    from test_engine_references import spec_from_command

    files = _reference_files(shared_dir)
    assert files
    for path in files:
        ref = json.loads(path.read_text())
        df = pd.read_csv(shared_dir / "data" / ref["data_file"].replace(".dta", ".csv"))
        spec = spec_from_command(df, ref["stata_command"], ref["method"])
        fit = fit_mixed(spec)
        _check_se(fit)


def test_oxboys_reml_ses_of_issue_10(shared_dir):
    """var(age) SE .8318272 and var(_cons) SE 18.484409 (a converged Richardson Hessian),
    where plain central differences gave .8315865 and 18.48067."""
    df = pd.read_stata(shared_dir / "data" / "oxboys.dta")  # float storage, as Stata reads it
    n = len(df)
    _, g = np.unique(df["subject"], return_inverse=True)
    Z = np.column_stack([df["age"], np.ones(n)])
    Z = Z.astype(np.float32).astype(float)
    spec = MixedSpec("height", df["height"].to_numpy(np.float32).astype(float), Z, (CoefLabel("age"), CoefLabel("_cons")),
                     (RandomTerm("subject", g.ravel(), Z, ("age", "_cons"), "unstructured", 26),),
                     method="REML")
    fit = fit_mixed(spec)
    _check_se(fit)
    rows = {r.label: r for r in fit.result().random["variance"][0].rows}
    assert rows["var(age)"].se == pytest.approx(0.8318272, abs=2e-7)
    assert rows["var(_cons)"].se == pytest.approx(18.484409, abs=2e-5)
