"""A random slope and intercept whose correlation's maximum-likelihood estimate is +1 (the
second fit of split_models.do in the real-world corpus): the likelihood is computed in
whitened coordinates, so it stays exact at the boundary, the optimizer moves atanh(corr)
to it instead of creeping outwards, and the fit matches an independent computation of
Stata's 7-point mvaghermite likelihood maximised in R over the Cholesky factor
(tests/reference_values/corr_boundary_reference.R, .json)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from mlmcli.glm.spec import GLMSpec
from mlmcli.glmm.fit import fit_glmm
from mlmcli.glmm.spec import GLMMSpec
from mlmcli.mixed.spec import CoefLabel, RandomTerm

HERE = Path(__file__).parent / "reference_values"


def _spec() -> GLMMSpec:
    d = pd.read_csv(HERE / "corr_boundary.csv")
    n = len(d)
    X = np.column_stack([d.x, d.w, np.ones(n)])
    fixed = GLMSpec("y", d.y.to_numpy(float), X, tuple(CoefLabel(c) for c in ("x", "w", "_cons")),
                    "bernoulli", "logit")
    term = RandomTerm("g", d.g.to_numpy() - 1, np.column_stack([d.x, np.ones(n)]), ("x", "_cons"),
                      "unstructured", int(d.g.max()))
    return GLMMSpec(fixed, (term,), "mvaghermite", 7)


def test_a_correlation_at_one_converges_to_the_boundary_and_matches_r():
    ref = json.loads((HERE / "corr_boundary_reference.json").read_text())["aghq7"]
    fit = fit_glmm(_spec())  # its speed guarded by the step count, not a clock
    assert fit.converged and len(fit.phases[-1].steps) < 40
    # the boundary's likelihood (R: exactly corr = 1; here corr = 1 - 4e-9)
    assert abs(fit.loglik - ref["ll"]) < 1e-7
    assert np.allclose(fit.beta, ref["beta"], atol=2e-6)
    S = fit.sigmas()[0]
    assert abs(S[0, 0] - ref["var_x"]) < 2e-6 and abs(S[1, 1] - ref["var_cons"]) < 2e-6
    assert abs(S[0, 1] - ref["cov"]) < 2e-6
    assert S[0, 1] / np.sqrt(S[0, 0] * S[1, 1]) > 1 - 1e-6
    # standard errors of everything but the (unidentified) atanh correlation are finite
    se = np.sqrt(np.diag(fit.V))
    assert np.all(np.isfinite(se[:-1])) and np.all(se[:-1] > 0)


def test_the_whitened_likelihood_equals_the_direct_one_inside():
    """Away from the boundary the whitened quadrature is the same integral: the fitted
    likelihood at a correlation of 0.5 (15 points) matches a direct 2-D quadrature of b."""
    import dataclasses
    spec = dataclasses.replace(_spec(), intpoints=15)
    from mlmcli.glmm.likelihood import GLMMModel
    from mlmcli.glmm.quadrature import gauss_hermite
    model = GLMMModel(spec)
    theta = np.array([0.2, 0.7, -0.6, np.log(0.5), np.log(0.8), np.arctanh(0.5)])
    ll = model.loglik(theta)
    # brute force: 40-point non-adaptive Gauss-Hermite over b ~ N(0, Sigma) per group
    t, w = gauss_hermite(40)
    S = model.sigmas(theta[3:])[0]
    L = np.linalg.cholesky(S)
    T = np.array([(a, b) for a in t for b in t])
    W = np.array([a * b for a in w for b in w])
    B = T @ L.T
    d = pd.read_csv(HERE / "corr_boundary.csv")
    eta0 = np.column_stack([d.x, d.w, np.ones(len(d))]) @ theta[:3]
    total = 0.0
    for g in range(1, 41):
        r = (d.g == g).to_numpy()
        E = eta0[r, None] + np.column_stack([d.x[r], np.ones(r.sum())]) @ B.T
        y = d.y.to_numpy()[r, None]
        lf = np.sum(y * E - np.logaddexp(0, E), axis=0)
        total += np.log(np.sum(W * np.exp(lf)))
    assert abs(ll - total) < 1e-6  # the two rules differ by ~3e-8
