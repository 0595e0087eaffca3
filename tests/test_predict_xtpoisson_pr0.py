"""predict, pr0(n) and pr0(a,b) after xtpoisson, re (xtcnt_p -> tpredict_p2): Poisson
probabilities of exp(x b + offset), the random effect at 0; nooffset; xtcnt_p's refusals.
Numbers by hand from predict's xb (with and without the exposure)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(20261205)
    n = 160
    x = rng.normal(size=n)
    e = rng.uniform(0.5, 2.5, size=n)
    u = np.repeat(rng.normal(scale=0.4, size=40), 4)
    return pd.DataFrame({"id": np.repeat(np.arange(1, 41), 4).astype(float), "x": x, "e": e,
                         "c": rng.poisson(np.exp(0.3 * x + u) * e).astype(float)})


def test_pr0_are_poisson_probabilities_at_u_zero(do, data):
    rc, out, s = do("xtset id\nxtpoisson c x, re exposure(e) nolog\npredict double n0, xb\n"
                    "predict double iu, xb nooffset\npredict double p1, pr0(1)\npredict double p2, pr0(1,3)\n"
                    "predict double p3, pr0(2,.)\npredict double p4, pr0(1) nooffset\n"
                    "predict double p5 if x > 0, pr0(0)", data)
    assert rc == 0, out
    mu, rate = np.exp(s.data.numeric("n0")), np.exp(s.data.numeric("iu"))
    np.testing.assert_allclose(s.data.numeric("p1"), stats.poisson.pmf(1, mu), rtol=1e-10)
    np.testing.assert_allclose(s.data.numeric("p2"), stats.poisson.cdf(3, mu) - stats.poisson.pmf(0, mu), rtol=1e-10)
    np.testing.assert_allclose(s.data.numeric("p3"), stats.poisson.sf(1, mu), rtol=1e-10)
    np.testing.assert_allclose(s.data.numeric("p4"), stats.poisson.pmf(1, rate), rtol=1e-10)
    np.testing.assert_allclose(s.data.numeric("p5"), np.where(data.x > 0, np.exp(-mu), np.nan), rtol=1e-10)
    labels = s.data.var_labels
    assert (labels["p1"], labels["p2"], labels["p3"]) == ("Pr(c=1)", "Pr(1<=c<=3)", "Pr(c>=2)")


def test_pr0_after_the_normal_model(do, data):
    rc, out, s = do("xtset id\nxtpoisson c x, re normal exposure(e) nolog\npredict double xb, xb\n"
                    "predict double p, pr0(2)", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("p"), stats.poisson.pmf(2, np.exp(s.data.numeric("xb"))), rtol=1e-10)


@pytest.mark.parametrize("text,message", [
    ("predict v, pr(1)", "the pr() option in xtpoisson is only allowed for population-averaged models"),
    ("predict v, pr0(1) nu0", "invalid syntax"),
    ("predict v, pr0(1) stdp", "option pr0() not allowed"),
    ("predict v, pr0(-1)", "argument must be nonnegative"),
    ("predict v, pr0(3,1)", "upper bound of 1 must be greater than or equal to the lower bound of 3"),
])
def test_refusals(do, data, text, message):
    rc, out, s = do("xtset id\nxtpoisson c x, re nolog\n" + text, data)
    assert rc == 198 and message in out, out
    assert "v" not in s.data.varnames


def test_fe_iru0_is_the_rate_without_the_exposure(do, data):
    rc, out, s = do("xtset id\nxtpoisson c x, fe exposure(e) nolog\npredict double xb, xb nooffset\n"
                    "predict double r, iru0\npredict double n, nu0", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("r"), np.exp(s.data.numeric("xb")), rtol=1e-12)
    np.testing.assert_allclose(s.data.numeric("n"), np.exp(s.data.numeric("xb")) * data.e, rtol=1e-10)
    assert s.data.var_labels["r"] == "Predicted incidence rate (assuming u_i=0)"


def test_normal_model_nu0_iru0_and_nooffset(do, data):
    rc, out, s = do("xtset id\nxtpoisson c x, re normal exposure(e) nolog\npredict double xb, xb\n"
                    "predict double n, nu0\npredict double r, iru0\npredict double z, xb nooffset\n"
                    "predict double n2, nu0 nooffset\npredict double p, pr0(1) nooffset", data)
    assert rc == 0, out
    xb = s.data.numeric("xb")
    np.testing.assert_allclose(s.data.numeric("n"), np.exp(xb), rtol=1e-12)
    np.testing.assert_allclose(s.data.numeric("z"), xb - np.log(data.e), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(s.data.numeric("r"), np.exp(xb) / data.e, rtol=1e-10)
    np.testing.assert_allclose(s.data.numeric("n2"), s.data.numeric("r"), rtol=1e-12)
    np.testing.assert_allclose(s.data.numeric("p"), stats.poisson.pmf(1, s.data.numeric("r")), rtol=1e-10)
    assert s.data.var_labels["n"] == "Predicted number of events (assuming u_i=0)"
    assert s.data.var_labels["r"] == "Predicted incidence rate (assuming u_i=0)"


@pytest.mark.parametrize("text,message", [
    ("predict v, pr0(1)", "the pr0() option is allowed only for random-effects models"),
    ("predict v, pr(1)", "the pr() option in xtpoisson is only allowed for population-averaged models"),
])
def test_fe_refuses_the_probabilities_as_xtcnt_p(do, data, text, message):
    rc, out, s = do("xtset id\nxtpoisson c x, fe nolog\n" + text, data)
    assert rc == 198 and message in out, out
    assert "v" not in s.data.varnames
