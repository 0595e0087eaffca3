"""predict, scores after streg with a shared() gamma frailty: each record's derivative of its
group's log likelihood in its own linear predictors, the /ln_the score on the group's last
record.  Independent check: the Weibull (PH) shared gamma frailty likelihood written out with
numpy/scipy, differentiated by hand:

    ll_g = sum_i d_i (xb_i + ln p + p ln t_i) + lnM(D_g, S_g),  S_g = sum_i exp(xb_i) t_i^p
    lnM(D, S) = lgamma(1/th + D) - lgamma(1/th) + D ln th - (1/th + D) ln(1 + th S)
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.special import digamma


@pytest.fixture
def data():
    rng = np.random.default_rng(3)
    G, m = 60, 5
    g = np.repeat(np.arange(G), m)
    z = np.repeat(rng.gamma(2.0, 0.5, G), m)  # frailty with variance 0.5
    x = rng.normal(size=G * m)
    t = (-np.log(rng.random(G * m)) / (z * np.exp(-1 + 0.6 * x))) ** (1 / 1.3)
    d = (rng.random(G * m) < 0.85).astype(float)
    return pd.DataFrame({"g": g.astype(float), "x": x, "t": t, "d": d})


def test_shared_gamma_scores_by_hand(do, data):
    rc, out, s = do("stset t, failure(d)\nstreg x, dist(weibull) frailty(gamma) shared(g) nolog\n"
                    "predict double sc*, scores", data)
    assert rc == 0, out
    b = s.e.matrices["b"].values.ravel()  # _t:x _t:_cons ln_p:_cons ln_the:_cons
    assert b[3] > -5  # theta away from its boundary
    x, t, d, g = data.x.to_numpy(), data.t.to_numpy(), data.d.to_numpy(), data.g.to_numpy().astype(int)
    p, th = np.exp(b[2]), np.exp(b[3])
    xb = b[0] * x + b[1]
    H = np.exp(xb) * t ** p
    D = np.bincount(g, weights=d)
    S = np.bincount(g, weights=H)
    k = 1 / th
    slope = -(k + D) * th / (1 + th * S)  # d lnM / d S
    want_xb = d + slope[g] * H
    want_lnp = d * (1 + p * np.log(t)) + slope[g] * H * p * np.log(t)
    dg = (-(digamma(k + D) - digamma(k)) / th ** 2 + D / th + np.log1p(th * S) / th ** 2
          - (k + D) * S / (1 + th * S))
    want_the = np.zeros(len(t))
    last = np.r_[g[1:] != g[:-1], True]
    want_the[last] = (th * dg)[g[last]]
    num = s.data.numeric
    np.testing.assert_allclose(num("sc1"), want_xb, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(num("sc2"), want_lnp, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(num("sc3"), want_the, rtol=1e-4, atol=1e-6)
    # at e(b) every equation's scores sum (times x) to zero
    assert abs(want_xb @ x) < 1e-3 and abs(num("sc3").sum()) < 1e-3
    assert s.data.var_labels["sc3"] == "equation-level score for /ln_the from weibullhet"  # e(cmd)


def test_shared_one_name_is_the_first_equation(do, data):
    rc, out, s = do("stset t, failure(d)\nquietly streg x, dist(weibull) frailty(gamma) shared(g)\n"
                    "predict double a, scores\npredict double b1 b2 b3, scores", data)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("a"), s.data.numeric("b1"))


def test_shared_scores_of_an_if_subset_are_the_full_groups(do, data):
    """predict's if/in choose the rows shown; a group's likelihood still takes all its records."""
    rc, out, s = do("stset t, failure(d)\nquietly streg x, dist(weibull) frailty(gamma) shared(g)\n"
                    "predict double a*, scores\npredict double b* if x > 0, scores", data)
    assert rc == 0, out
    shown = (data.x > 0).to_numpy()
    for j in (1, 2):
        np.testing.assert_allclose(s.data.numeric(f"b{j}")[shown], s.data.numeric(f"a{j}")[shown])
        assert np.isnan(s.data.numeric(f"b{j}")[~shown]).all()
