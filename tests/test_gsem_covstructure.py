"""gsem's covstructure(variables, structure) for its latent variables ([SEM] sem and gsem
option covstructure()): diagonal over _LEx (the SEM Builder's _lexogenous) fixes the latent
covariances at 0 -- the same model as cov(M1[g]*M2[g]@0), whose log likelihood with two
otherwise separate Gaussian equations is the sum of two random-intercept models (statsmodels'
MixedLM by ML) --, unstructured is the default, a single latent variable makes diagonal a
no-op, and what mlm cannot fit is refused with r(198)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def frame():
    rng = np.random.default_rng(4611)
    g = np.repeat(np.arange(1, 31), 12)
    u = rng.multivariate_normal([0, 0], [[0.8, 0.3], [0.3, 0.5]], size=30)[g - 1]
    x = rng.normal(size=g.size)
    return pd.DataFrame({"g": g.astype(float), "x": x, "y1": 1 + 0.5 * x + u[:, 0] + rng.normal(size=g.size),
                         "y2": -0.5 * x + u[:, 1] + rng.normal(size=g.size),
                         "b": (rng.random(g.size) < 1 / (1 + np.exp(-(0.3 * x + u[:, 0])))).astype(float)})


TWO = "gsem (y1 <- x M1[g]) (y2 <- x M2[g])"


def _fit(new_session, run, frame, command):
    s = new_session(frame)
    out, rc = run(s, command)
    assert rc == 0, out
    return s.e


def test_diagonal_over_lex_is_cov_fixed_at_zero(new_session, run, frame):
    import statsmodels.formula.api as smf

    e1 = _fit(new_session, run, frame, TWO + ", covstruct(_lexogenous, diagonal)")
    e2 = _fit(new_session, run, frame, TWO + ", cov(M1[g]*M2[g]@0)")
    e3 = _fit(new_session, run, frame, TWO + ", covstructure(_LEx, diag)")
    assert e1.scalars["ll"] == pytest.approx(e2.scalars["ll"], abs=1e-6)
    assert e3.scalars["ll"] == pytest.approx(e2.scalars["ll"], abs=1e-6)
    assert np.allclose(e1.matrices["b"].values, e2.matrices["b"].values, atol=1e-5)
    ll = sum(smf.mixedlm(f"{y} ~ x", frame, groups=frame["g"]).fit(reml=False).llf for y in ("y1", "y2"))
    assert e1.scalars["ll"] == pytest.approx(ll, abs=1e-3)


def test_unstructured_is_the_default(new_session, run, frame):
    e1 = _fit(new_session, run, frame, TWO + ", covstruct(_LEx, unstructured)")
    e2 = _fit(new_session, run, frame, TWO)
    assert e1.scalars["ll"] == pytest.approx(e2.scalars["ll"], abs=1e-6)
    assert e1.scalars["ll"] > _fit(new_session, run, frame, TWO + ", covstruct(M1 M2, diagonal)").scalars["ll"]


def test_one_latent_variable_and_error_diagonal_change_nothing(new_session, run, frame):
    base = "gsem (b <- x Country[g], probit)"
    e1 = _fit(new_session, run, frame, base + ", covstruct(_lexogenous, diagonal) latent(Country) nocapslatent")
    e2 = _fit(new_session, run, frame, base)
    assert e1.scalars["ll"] == pytest.approx(e2.scalars["ll"], abs=1e-6)
    e3 = _fit(new_session, run, frame, TWO + ", covstruct(e._En, diagonal)")
    assert e3.scalars["ll"] == pytest.approx(_fit(new_session, run, frame, TWO).scalars["ll"], abs=1e-6)


@pytest.mark.parametrize("option, message", [
    ("covstruct(_LEx, identity)", "not available"),
    ("covstruct(_LEx, fixed(F))", "not available"),
    ("covstruct(_LEx, banded)", "invalid structure"),
    ("covstruct(Z, diagonal)", "Z is not a latent exogenous variable"),
    ("covstruct(_LEx)", "variables, structure required"),
    ("covstruct(e._En, unstructured)", "errors are uncorrelated"),
])
def test_refused(new_session, run, frame, option, message):
    s = new_session(frame)
    out, rc = run(s, f"{TWO}, {option}")
    assert rc == 198 and message in out, out
