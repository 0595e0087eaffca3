"""Factor-variable terms in a ``mixed`` random-effects equation (``|| id: 1.g#c.age 1.g``,
``|| id: i.k``).

Stata 16.1's ``_mixed_parsecmd`` (1.4.0) reads a mixed/xtmixed equation as ``varlist(ts fv
numeric)`` and ``_xtmixed_estimate`` drops the omitted (base) cells with NoOmit before
``fvrevar`` makes the columns of Z; Rabe-Hesketh & Skrondal's MLMUS4 (chapter 7) fits
``mixed weight ... || id: 1.gender#c.age 1.gender, noconstant cov(un) || id: 2.gender#c.age
2.gender, noconstant cov(un)``.  Checked against the same model with the indicator and product
columns made by ``generate`` and, for a random slope on an indicator, against statsmodels'
MixedLM log likelihood.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _panel(seed=5, groups=40, per=6):
    rng = np.random.default_rng(seed)
    gid = np.repeat(np.arange(1, groups + 1), per)
    g = np.where(gid <= groups // 2, 1, 2)
    k = rng.integers(1, 4, size=gid.size)
    age = rng.uniform(0, 2, size=gid.size)
    u0 = rng.normal(0, 0.8, groups)[gid - 1]
    u1 = rng.normal(0, 0.5, groups)[gid - 1]
    y = 2 + 0.8 * age + 0.3 * (g == 2) + u0 + u1 * age * (g == 1) + 0.4 * (k == 3) * u1 + rng.normal(0, 0.6, gid.size)
    return pd.DataFrame({"id": gid, "g": g, "k": k, "age": age, "y": y})


def _fit(run, s, cmd):
    out, rc = run(s, f"quietly {cmd}")
    assert rc == 0, out
    return s.e.scalars["ll"], s.e.matrices["b"].values.copy()


def test_level_indicators_and_products_match_generated_columns(new_session, run):
    s = new_session(_panel())
    ll_fv, b_fv = _fit(run, s, "mixed y i.g age || id: 1.g#c.age 1.g, noconstant cov(un) "
                               "|| id: 2.g#c.age 2.g, noconstant cov(un) mle")
    out, rc = run(s, "predict r1 r2 r3 r4, reffects\nquietly generate ga1 = (g==1)*age\n"
                     "quietly generate g1 = g==1\nquietly generate ga2 = (g==2)*age\nquietly generate g2 = g==2")
    assert rc == 0, out
    ll_gen, b_gen = _fit(run, s, "mixed y i.g age || id: ga1 g1, noconstant cov(un) "
                                 "|| id: ga2 g2, noconstant cov(un) mle")
    assert ll_fv == pytest.approx(ll_gen, abs=1e-6)
    np.testing.assert_allclose(b_fv, b_gen, rtol=1e-5, atol=1e-7)
    out, rc = run(s, "predict q1 q2 q3 q4, reffects")
    assert rc == 0, out
    for a, b in (("r1", "q1"), ("r2", "q2"), ("r3", "q3"), ("r4", "q4")):
        np.testing.assert_allclose(s.data.numeric(a), s.data.numeric(b), rtol=1e-4, atol=1e-7)


def test_names_are_fvexpands_and_base_levels_are_left_out(new_session, run):
    s = new_session(_panel())
    out, rc = run(s, "mixed y age || id: i.k, noconstant cov(identity) mle")
    assert rc == 0, out
    # i.k expands to 1b.k 2.k 3.k; the base cell is no column of Z
    assert "var(2.k 3.k)" in out  # one identity variance for the two indicator columns
    assert "1b.k" not in out and "var(1.k)" not in out
    ll_fv = s.e.scalars["ll"]
    _fit(run, s, "generate k2 = k==2")
    out, rc = run(s, "quietly generate k3 = k==3\nquietly mixed y age || id: k2 k3, noconstant cov(identity) mle")
    assert rc == 0, out
    assert s.e.scalars["ll"] == pytest.approx(ll_fv, abs=1e-6)


def test_random_slope_on_an_indicator_matches_statsmodels(new_session, run):
    sm = pytest.importorskip("statsmodels.api")
    df = _panel(seed=9)
    s = new_session(df)
    ll, _ = _fit(run, s, "mixed y age || id: 3.k, mle")
    X = np.column_stack([df["age"], np.ones(len(df))])
    Z = np.column_stack([(df["k"] == 3).astype(float), np.ones(len(df))])
    ref = sm.MixedLM(df["y"].to_numpy(), X, groups=df["id"].to_numpy(), exog_re=Z)
    # mixed's default covariance for two terms is independent: a diagonal G
    free = sm.regression.mixed_linear_model.MixedLMParams.from_components(
        fe_params=np.ones(2), cov_re=np.eye(2))
    fit = ref.fit(reml=False, free=free, method=["lbfgs", "powell"])
    assert ll == pytest.approx(fit.llf, abs=2e-3)


def test_time_series_operators_in_a_factor_term_stay_refused(new_session, run):
    s = new_session(_panel())
    out, rc = run(s, "xtset id\nmixed y age || id: 1.g#L.age", stop_on_error=False)
    assert rc != 0
    assert "Traceback" not in out
