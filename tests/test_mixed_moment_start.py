"""Starting values for crossed random intercepts (mixed/moment_start.py) and the optimizer's
early hand-over: the fit from the ANOVA start is the fit from theta = 1."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.mixed import fit as fit_module
from mlmcli.mixed.fit import fit_mixed
from mlmcli.mixed.likelihood import MixedModel
from mlmcli.mixed.moment_start import moment_start
from mlmcli.mixed.spec import CoefLabel, MixedSpec, RandomTerm


def crossed_spec(sd_a=0.6, sd_b=0.9, n=3000, na=150, nb=40, seed=7, method="ML", slope=False):
    rng = np.random.default_rng(seed)
    a, b = rng.integers(0, na, n), rng.integers(0, nb, n)
    x = rng.normal(size=n)
    y = 2.0 + 0.4 * x + sd_a * rng.normal(size=na)[a] + sd_b * rng.normal(size=nb)[b] + rng.normal(size=n)
    X = np.column_stack([x, np.ones(n)])
    za = np.column_stack([x, np.ones(n)]) if slope else np.ones((n, 1))
    terms = (RandomTerm("_all", a, za, ("x", "R.a") if slope else ("R.a",),
                        "independent" if slope else "identity", na),
             RandomTerm("_all", b, np.ones((n, 1)), ("R.b",), "identity", nb))
    return MixedSpec("y", y, X, (CoefLabel("x"), CoefLabel("_cons")), terms, method=method)


def test_start_is_near_the_estimates():
    spec = crossed_spec()
    start = moment_start(spec, MixedModel(spec))
    fit = fit_mixed(spec)
    assert start is not None and start.shape == fit.theta.shape
    assert np.all(np.abs(start - fit.theta) <= 0.25 * fit.theta)


def test_only_for_unweighted_crossed_random_intercepts():
    assert moment_start(crossed_spec(slope=True), MixedModel(crossed_spec(slope=True))) is None
    rng = np.random.default_rng(1)
    g = np.repeat(np.arange(50), 20)
    y = rng.normal(size=50)[g] + rng.normal(size=1000)
    nested = MixedSpec("y", y, np.ones((1000, 1)), (CoefLabel("_cons"),),
                       (RandomTerm("g", g, np.ones((1000, 1)), ("_cons",), "identity", 50),))
    assert moment_start(nested, MixedModel(nested)) is None


@pytest.mark.parametrize("method,sd_a", [("ML", 0.6), ("REML", 0.6), ("ML", 0.0)])
def test_same_fit_as_from_the_default_start(monkeypatch, method, sd_a):
    spec = crossed_spec(method=method, sd_a=sd_a)
    ours = fit_mixed(spec)
    monkeypatch.setattr(fit_module, "moment_start", lambda spec, model: None)
    default = fit_mixed(spec)
    assert ours.converged and default.converged
    assert abs(ours.loglik - default.loglik) <= 1e-9 * abs(default.loglik)
    assert np.allclose(ours.theta, default.theta, rtol=1e-6, atol=1e-7)
    if sd_a > 0:  # (with a variance on its zero bound the SEs' Hessian is taken by
        # differences of a partly differenced gradient: ~1e-5 relative, on main as here)
        assert np.allclose(np.sqrt(np.diag(ours.V_phi)), np.sqrt(np.diag(default.V_phi)), rtol=1e-6)
