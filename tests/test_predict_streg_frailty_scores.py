"""predict, scores after streg with an unshared frailty(): each record's frailty-integrated log
likelihood differentiated in _t's and ln_p's predictors and in ln theta; checked against the
closed forms of the Weibull gamma-frailty record (hand-derived) and the likelihood equations;
shared() stays refused."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import special


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(20261205)
    n = 300
    x = rng.normal(size=n)
    z = rng.gamma(2.0, 0.5, size=n)
    t = -np.log(rng.uniform(size=n)) / (np.exp(0.5 * x) * z)
    return pd.DataFrame({"x": x, "t": t, "d": (rng.uniform(size=n) < 0.8).astype(float),
                         "t0": np.where(np.arange(n) % 5 == 0, 0.3 * t, 0.0),
                         "g": np.repeat(np.arange(1, 61), 5).astype(float)})


def test_gamma_weibull_scores_match_the_closed_forms(do, data):
    rc, out, s = do("stset t, failure(d)\nstreg x, dist(weibull) frailty(gamma) nolog\n"
                    "predict double s*, scores\npredict double xb, xb", data)
    assert rc == 0, out
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values.ravel()))
    theta, p = np.exp(b["ln_the:_cons"]), np.exp(b["ln_p:_cons"])
    t, d = data.t.to_numpy(), data.d.to_numpy()
    H = np.exp(s.data.numeric("xb")) * t ** p
    k = 1 / theta
    np.testing.assert_allclose(s.data.numeric("s1"), d - (1 + d * theta) * H / (1 + theta * H), atol=1e-9)
    ln_the = theta * (-(special.digamma(k + d) - special.digamma(k)) / theta ** 2 + d / theta
                      + np.log1p(theta * H) / theta ** 2 - (k + d) * H / (1 + theta * H))
    np.testing.assert_allclose(s.data.numeric("s3"), ln_the, atol=1e-7)
    labels = [s.data.var_labels[f"s{j}"] for j in (1, 2, 3)]
    assert labels == ["equation-level score for [_t] from weibullhet", "equation-level score for /ln_p from weibullhet",
                      "equation-level score for /ln_the from weibullhet"]


@pytest.mark.parametrize("fit", ["streg x, dist(weibull) frailty(invgaussian)",
                                 "streg x, dist(gompertz) frailty(gamma)",
                                 ])
def test_scores_solve_the_likelihood_equations(do, data, fit):
    rc, out, s = do(f"stset t, failure(d) enter(t0)\n{fit} nolog\npredict double s*, scores", data)
    assert rc == 0, out
    x = data.x.to_numpy()
    for j in (1, 2, 3):
        assert abs(s.data.numeric(f"s{j}").sum()) < 1e-4, j
    assert abs((s.data.numeric("s1") * x).sum()) < 1e-4
