"""``mlmcli.glm.fit`` with vce="opg" (ml's vce(opg), used by fpfit's estopts(vce(opg))): V is
the inverse of the outer product of the per-observation scores of all the parameters (nbreg's
ln alpha, ologit's cutpoints too) -- checked against scores by central differences of each
observation's log likelihood, and fweights against the rows repeated."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.glm.fit import fit_glm
from mlmcli.glm.spec import GLMSpec
from mlmcli.mixed.spec import CoefLabel


def _spec(family, link, y, X, **kw):
    labels = tuple(CoefLabel(n) for n in ("x", "_cons")[:X.shape[1]])
    return GLMSpec(depvar="y", y=y, X=X, coef_labels=labels, family=family, link=link, vce="opg", **kw)


@pytest.mark.parametrize("family, link", [("bernoulli", "logit"), ("poisson", "log"), ("nbinomial", "log"),
                                          ("ordinal", "logit")])
def test_opg_is_the_scores_outer_product(family, link):
    rng = np.random.default_rng(3)
    x = rng.normal(size=200)
    if family == "bernoulli":
        y = (rng.uniform(size=200) < 1 / (1 + np.exp(-0.5 * x))).astype(float)
    elif family == "ordinal":
        y = 1.0 + (x + rng.logistic(size=200) > -0.5) + (x + rng.logistic(size=200) > 1.0)
    else:
        y = rng.negative_binomial(2, 2 / (2 + np.exp(0.3 + 0.5 * x))).astype(float)
    X = np.column_stack([x]) if family == "ordinal" else np.column_stack([x, np.ones(200)])
    fit = fit_glm(_spec(family, link, y, X, categories=(1.0, 2.0, 3.0) if family == "ordinal" else ()))
    theta, k = fit.theta, len(fit.theta)
    S = np.zeros((200, k))
    for j in range(k):
        e = np.zeros(k)
        e[j] = 1e-6
        S[:, j] = (fit.model.obs_loglik(theta + e) - fit.model.obs_loglik(theta - e)) / 2e-6
    np.testing.assert_allclose(fit.V, np.linalg.inv(S.T @ S), rtol=1e-5)
    w = np.arange(200) % 3 + 1.0
    weighted = fit_glm(_spec(family, link, y, X, fweight=w,
                             categories=(1.0, 2.0, 3.0) if family == "ordinal" else ()))
    rows = np.repeat(np.arange(200), w.astype(int))
    repeated = fit_glm(_spec(family, link, y[rows], X[rows],
                             categories=(1.0, 2.0, 3.0) if family == "ordinal" else ()))
    np.testing.assert_allclose(weighted.V, repeated.V, rtol=1e-6)
