"""ml's stopping rule with loose tolerances: Stata reports the iterate where the rule
((tolerance or ltolerance) and nrtolerance) was met -- its e(ll) the last logged one.  The
Newton engine (logit and the others) polishes past that point only at the default
tolerances or stricter (where Newton's quadratic convergence keeps the polish below the
printed digits); glm's loop needs nrtolerance too, so a loose tolerance() alone does not stop
it before ml would."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(11)
    n = 400
    x = rng.normal(size=n)
    z = rng.normal(size=n)
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-(0.3 + 0.9 * x - 0.5 * z)))).astype(float)
    c = rng.poisson(np.exp(0.2 + 0.4 * x))
    return pd.DataFrame({"y": y, "x": x, "z": z, "c": c.astype(float)})


def _logged(out: str) -> list[float]:
    return [float(v) for v in re.findall(r"Iteration \d+:\s+log likelihood = +(-?[\d.]+)", out)]


def test_logit_loose_rule_reports_the_last_iterate(do, data):
    rc, out, s = do("logit y x z, tolerance(0.5) ltolerance(0.5) nrtolerance(100)", df=data)
    assert rc == 0, out
    ll_loose, b_loose = s.e.scalars["ll"], s.e.matrices["b"].values.ravel()
    last = _logged(out)[-1]  # e(ll) is the last line's (printed to 8 digits)
    assert abs(ll_loose - last) <= 5e-8 * abs(last) + 1e-12
    rc, out, s = do("logit y x z, tolerance(1e-12) ltolerance(1e-14)", session=s)
    assert ll_loose < s.e.scalars["ll"] - 1e-6  # short of the maximum, as ml stops
    assert np.max(np.abs(b_loose - s.e.matrices["b"].values.ravel())) > 1e-5


def test_logit_defaults_still_reach_the_maximum(do, data):
    rc, out, s = do("logit y x z", df=data)
    ll, b = s.e.scalars["ll"], s.e.matrices["b"].values.ravel()
    rc, out, s = do("logit y x z, tolerance(1e-12) ltolerance(1e-14) nrtolerance(1e-14)", session=s)
    assert ll == pytest.approx(s.e.scalars["ll"], abs=1e-10)
    np.testing.assert_allclose(b, s.e.matrices["b"].values.ravel(), rtol=1e-9)


@pytest.mark.parametrize("family", ["binomial", "poisson"])
def test_glm_loose_tolerance_needs_the_scaled_gradient(do, data, family):
    depvar = "y" if family == "binomial" else "c"
    rc, out, s = do(f"glm {depvar} x z, family({family})", df=data)
    b = s.e.matrices["b"].values.ravel()
    rc, out, s = do(f"glm {depvar} x z, family({family}) tolerance(0.5) ltolerance(0.5)", session=s)
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), b, rtol=1e-7)
    rc, out, s = do(f"glm {depvar} x z, family({family}) tolerance(0.5) ltolerance(0.5) nonrtolerance",
                    session=s)
    assert rc == 0 and len(_logged(out)) == 2, out  # iteration 0, then the first step meets the rule
    assert np.max(np.abs(s.e.matrices["b"].values.ravel() - b)) > 1e-6
