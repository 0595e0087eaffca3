"""predict after xttobit: tobit_p's statistics as Stata 13 names them (pr0(), e0(), ystar0(),
with u_i = 0) and stdf, with GetRMSE's sigma = sqrt(sigma_u^2 + sigma_e^2); pr(), e() and
ystar() abbreviate them; scores refused as GenTobitScores refuses them.  Numbers by hand from
the fit's x b and e(sigma_u), e(sigma_e)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(20261205)
    n, t = 40, 5
    ids = np.repeat(np.arange(1, n + 1), t)
    x = rng.normal(size=n * t)
    y = 0.5 + x + np.repeat(rng.normal(scale=0.7, size=n), t) + rng.normal(size=n * t)
    return pd.DataFrame({"id": ids.astype(float), "x": x, "y": np.maximum(y, 0.0)})


def _fit(do, data, more: str):
    rc, out, s = do("xtset id\nxttobit y x, ll(0) nolog\npredict double xb, xb\npredict double sp, stdp\n" + more,
                    data)
    assert rc == 0, out
    sigma = np.hypot(s.e.scalars["sigma_u"], s.e.scalars["sigma_e"])
    return out, s, s.data.numeric("xb"), sigma


def test_pr0_e0_ystar0_and_stdf(do, data):
    out, s, xb, sigma = _fit(do, data, "predict double p, pr0(0,.)\npredict double e, e0(0,.)\n"
                                       "predict double ys, ystar0(0,.)\npredict double f, stdf\n"
                                       "predict double q, pr0(0,2)")
    z = xb / sigma
    p = stats.norm.cdf(z)
    np.testing.assert_allclose(s.data.numeric("p"), p, rtol=1e-10)
    np.testing.assert_allclose(s.data.numeric("e"), xb + sigma * stats.norm.pdf(z) / p, rtol=1e-8)
    np.testing.assert_allclose(s.data.numeric("ys"), p * xb + sigma * stats.norm.pdf(z), rtol=1e-8)
    np.testing.assert_allclose(s.data.numeric("f"), np.sqrt(s.data.numeric("sp") ** 2 + sigma ** 2), rtol=1e-10)
    np.testing.assert_allclose(s.data.numeric("q"), stats.norm.cdf((2 - xb) / sigma) - stats.norm.cdf(-z),
                               rtol=1e-8)
    labels = s.data.var_labels
    assert (labels["p"], labels["e"], labels["ys"], labels["f"], labels["q"]) == (
        "Pr(y>0)", "E(y|y>0)", "E(y*|y>0)", "S.E. of the forecast", "Pr(0<y<2)")


def test_unzeroed_names_abbreviate_and_default(do, data):
    out, s, xb, sigma = _fit(do, data, "predict double p, pr(0,.)\npredict double d")
    np.testing.assert_allclose(s.data.numeric("p"), stats.norm.cdf(xb / sigma), rtol=1e-10)
    np.testing.assert_allclose(s.data.numeric("d"), xb, rtol=1e-12)
    assert "(option xb assumed; fitted values)" in out
    assert s.data.var_labels["d"] == "Fitted values"


@pytest.mark.parametrize("text,message", [
    ("predict v, scores", "option scores not allowed"),
    ("predict v, pr1(0,1)", "option pr1() not allowed"),
    ("predict v, stdf pr0(0,1)", "only one statistic may be specified"),
    ("predict v, pr0", "option pr0 incorrectly specified"),
])
def test_refusals(do, data, text, message):
    rc, out, s = do("xtset id\nxttobit y x, ll(0) nolog\n" + text, data)
    assert rc == 198 and message in out, out
    assert "v" not in s.data.varnames
