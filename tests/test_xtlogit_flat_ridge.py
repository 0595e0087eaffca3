"""xtlogit re with a large sigma_u (outcomes mostly constant within panels): the likelihood is
flat along ln sigma2_u near the optimum and BFGS crept on for ~25 iterations after ml's
stopping rule was met (docs/xtlogit_flat_ridge.md).  The fit now stops where ml would
(relative change in ln L below ltolerance(), g'(-H)^-1 g below nrtolerance()) and polish
takes it to the optimum: the estimates are those of the fit that is not allowed to stop
early; the analysis and timings: docs/xtlogit_flat_ridge.md."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _panel(seed=88, groups=200, waves=5, sigma_u=8.0, constants=6):
    """Ever-diagnosed-like outcomes: a large panel effect, a time-varying x and several
    binary covariates constant within panels (as the SOEP look-alike's controls)."""
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(groups), waves)
    x = rng.normal(size=g.size)
    u = rng.normal(0.0, sigma_u, groups)[g]
    Z = rng.random((groups, constants))[g] < 0.3
    eta = 0.8 * x + Z @ np.linspace(-1.0, 1.0, constants) + u
    y = (eta + rng.logistic(size=g.size) > 0).astype(float)
    df = pd.DataFrame({"id": g + 1.0, "y": y, "x": x})
    for j in range(constants):
        df[f"z{j + 1}"] = Z[:, j].astype(float)
    return df


@pytest.fixture(scope="module")
def fits(do):
    """The default fit, and the one ml's rule may not end (BFGS runs to its own optimum)."""
    from mlmcli.glmm import optimize

    df = _panel()
    out = {}
    for key, floor in (("default", optimize.STATA_RULE_LNSD), ("strict", np.inf)):
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(optimize, "STATA_RULE_LNSD", floor)
            rc, text, s = do("xtset id\nxtlogit y x z*", df=df)
        assert rc == 0, text
        out[key] = (text, s.e)
    return out


def _iterations(text):
    full = text.split("Fitting full model:")[1]
    return sum(line.startswith("Iteration ") for line in full.splitlines())


def test_stops_on_ml_rule(fits):
    text, e = fits["default"]
    assert float(e.scalars["sigma_u"]) > 4.0  # the flat-ridge regime
    assert _iterations(text) + 5 <= _iterations(fits["strict"][0])
    assert "Iteration" in text and e.scalars["converged"] == 1


def test_estimates_at_the_optimum(fits):
    b0 = np.asarray(fits["strict"][1].matrices["b"].values, float).ravel()
    b1 = np.asarray(fits["default"][1].matrices["b"].values, float).ravel()
    np.testing.assert_allclose(b1, b0, rtol=1e-7, atol=1e-8)
    V0 = np.asarray(fits["strict"][1].matrices["V"].values, float)
    V1 = np.asarray(fits["default"][1].matrices["V"].values, float)
    np.testing.assert_allclose(V1, V0, rtol=1e-5)
    assert fits["default"][1].scalars["ll"] == pytest.approx(fits["strict"][1].scalars["ll"], rel=1e-11)
