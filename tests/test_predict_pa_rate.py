"""predict, rate after xtgee and the pa models (xtgee_p): the mean g^-1(x b) without the offset
(or exposure) and without the binomial denominator, labelled by xtgee_p's Title with nooffset.
Numbers by hand from predict's own xb, nooffset."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import special, stats


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(20261205)
    n = 160
    x = rng.normal(size=n)
    e = rng.uniform(0.5, 2.5, size=n)
    return pd.DataFrame({"id": np.repeat(np.arange(1, 41), 4).astype(float), "x": x, "e": e,
                         "c": rng.poisson(np.exp(0.3 * x) * e).astype(float),
                         "y": (rng.uniform(size=n) < special.expit(x)).astype(float),
                         "m": np.full(n, 3.0), "k": rng.binomial(3, special.expit(x)).astype(float)})


@pytest.mark.parametrize("fit,inverse,label", [
    ("xtgee y x, family(binomial) link(logit)", special.expit, "Pr(y != 0)"),
    ("xtlogit y x, pa", special.expit, "Pr(y != 0)"),
    ("xtprobit y x, pa", stats.norm.cdf, "Pr(y != 0)"),
    ("xtpoisson c x, pa exposure(e)", np.exp, "Exponentiated linear prediction not considering offset"),
    ("xtgee c x, family(gaussian) link(identity) offset(e)", lambda v: v,
     "Linear prediction not considering offset"),
    ("xtgee k x, family(binomial m) link(logit)", special.expit, "Pr(k != 0)"),
    ("xtreg c x, pa", lambda v: v, "Linear prediction"),
])
def test_rate_is_the_mean_without_offset_and_denominator(do, data, fit, inverse, label):
    rc, out, s = do(f"xtset id\n{fit}\npredict double xb, xb nooffset\npredict double r, rate\n"
                    "predict double r2 if x > 0, r", data)
    assert rc == 0, out
    expected = inverse(s.data.numeric("xb"))
    np.testing.assert_allclose(s.data.numeric("r"), expected, rtol=1e-10)
    np.testing.assert_allclose(s.data.numeric("r2"), np.where(data.x > 0, expected, np.nan), rtol=1e-10)
    assert s.data.var_labels["r"] == label


def test_rate_differs_from_mu_by_the_exposure(do, data):
    rc, out, s = do("xtset id\nxtpoisson c x, pa exposure(e)\npredict double r, rate\npredict double mm, mu", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("mm"), s.data.numeric("r") * data.e, rtol=1e-10)


def test_rate_and_mu_together_are_refused(do, data):
    rc, out, s = do("xtset id\nxtgee y x, family(binomial) link(logit)\npredict v, rate mu", data)
    assert rc == 198, out
    assert "v" not in s.data.varnames
