"""The analytic Hessian of the ordinal log likelihood (logit, probit, cloglog links, weights)
equals central differences of its analytic gradient."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.glm.likelihood_model import GLMModel
from mlmcli.glm.spec import GLMSpec
from mlmcli.mixed.spec import CoefLabel


@pytest.mark.parametrize("link", ["logit", "probit", "cloglog"])
def test_ordinal_hessian_equals_differenced_gradient(link):
    rng = np.random.default_rng(0)
    n = 500
    X = rng.normal(size=(n, 2))
    lat = X @ [0.5, -1.0] + rng.logistic(size=n)
    y = 1.0 + (lat > -1) + (lat > 0.3) + (lat > 1.5)
    spec = GLMSpec("y", y, X, (CoefLabel("a"), CoefLabel("b")), "ordinal", link, categories=(1.0, 2.0, 3.0, 4.0),
                   fweight=rng.integers(1, 3, n).astype(float))
    model = GLMModel(spec)
    theta = np.array([0.3, -0.7, -1.1, 0.2, 1.4])
    numeric = np.zeros((5, 5))
    for j in range(5):
        step = np.zeros(5)
        step[j] = 1e-5
        numeric[:, j] = (model.gradient(theta + step) - model.gradient(theta - step)) / 2e-5
    assert np.max(np.abs(model.hessian(theta) - numeric)) < 1e-8 * np.max(np.abs(numeric))
