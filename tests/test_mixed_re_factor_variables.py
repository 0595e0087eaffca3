"""Factor variables in mixed's random-effects equations (``|| id: i.x``, ``|| id: c.age#i.g``).

Stata 16's _mixed_parsecmd (1.4.0) reads a mixed/xtmixed equation as ``varlist(ts fv numeric)``
and _xtmixed_estimate's NoOmit fvexpands it and drops the base (and empty) cells, so
``i.x`` is the indicators of the non-base levels, named ``2.x``; the other commands that parse
with it (meqrlogit, xtmelogit, ...) keep "must use R. ..." r(198).  Each fit is checked against
the same model with the columns made by hand (tabulate, generate), and one against statsmodels.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _data(n_groups=30, per=8, seed=4):
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, n_groups + 1), per)
    x = rng.integers(1, 4, g.size)
    age = rng.normal(size=g.size)
    u = rng.normal(0, [1.0, 0.7, 0.5], (n_groups, 3))[g - 1]
    y = (1 + 0.5 * (x == 2) - 0.3 * (x == 3) + 0.2 * age + u[:, 0] + u[:, 1] * (x == 2)
         + u[:, 2] * age * (x == 3) + rng.normal(size=g.size))
    return pd.DataFrame({"id": g, "x": x, "age": age, "y": y})


HAND = "quietly tabulate x, gen(xd)\ngen a2 = age*xd2\ngen a3 = age*xd3\n"


def _fit(run, s, command):
    out, rc = run(s, f"quietly {command}")
    assert rc == 0, out
    return s.e.scalars["ll"], s.e.matrices["b"].values.ravel().copy()


@pytest.mark.parametrize("typed, made", [
    ("mixed y i.x || id: i.x", "mixed y xd2 xd3 || id: xd2 xd3"),
    ("mixed y i.x || id: i.x, cov(unstructured)", "mixed y xd2 xd3 || id: xd2 xd3, cov(unstructured)"),
    ("mixed y i.x || id: i.x, cov(exchangeable)", "mixed y xd2 xd3 || id: xd2 xd3, cov(exchangeable)"),
    ("mixed y i.x || id: i.x, cov(identity) reml", "mixed y xd2 xd3 || id: xd2 xd3, cov(identity) reml"),
    ("mixed y i.x c.age || id: c.age#i.x, cov(unstructured)",
     "mixed y xd2 xd3 age || id: a2 a3, cov(unstructured)"),
    ("mixed y i.x || id: ibn.x, nocons", "mixed y xd2 xd3 || id: xd1 xd2 xd3, nocons"),
    ("xtmixed y i.x c.age || id: i.x##c.age, mle", "xtmixed y xd2 xd3 age || id: xd2 xd3 age a2 a3, mle"),
])
def test_factor_terms_fit_as_the_hand_made_columns(new_session, run, typed, made):
    s = new_session(_data())
    run(s, HAND)
    ll_t, b_t = _fit(run, s, typed)
    ll_m, b_m = _fit(run, s, made)
    np.testing.assert_allclose(ll_t, ll_m, rtol=1e-9)
    # the fixed part of i.x carries the base column (0): compare the estimable parameters
    b_t, b_m = b_t[b_t != 0], b_m[b_m != 0]
    inside = np.abs(b_m) < 10  # a log sd at the boundary (-30) is flat: any value fits as well
    np.testing.assert_allclose(b_t[inside], b_m[inside], rtol=1e-5, atol=1e-7)


def test_names_drop_the_base_and_put_factors_first(new_session, run):
    s = new_session(_data())
    out, rc = run(s, "mixed y i.x c.age || id: i.x c.age#i.x, var")
    assert rc == 0, out
    for row in ("var(2.x)", "var(3.x)", "var(2.x#c~ge)", "var(3.x#c~ge)", "var(_cons)"):
        assert row in out, row
    assert "var(1.x)" not in out and "var(1b.x)" not in out
    out, rc = run(s, "mixed y || id: ibn.x, nocons")
    assert rc == 0 and "var(1.x)" in out and "var(3.x)" in out, out


def test_blups_and_fitted_values_are_the_hand_made_models(new_session, run):
    s = new_session(_data())
    run(s, HAND)
    out, rc = run(s, "quietly mixed y i.x || id: i.x, cov(uns)\npredict f1, fitted\npredict r1*, reffects\n"
                     "quietly mixed y xd2 xd3 || id: xd2 xd3, cov(uns)\npredict f2, fitted\npredict r2*, reffects")
    assert rc == 0, out
    np.testing.assert_allclose(s.data.numeric("f1"), s.data.numeric("f2"), rtol=1e-5, atol=1e-7)
    for k in (1, 2, 3):
        np.testing.assert_allclose(s.data.numeric(f"r1{k}"), s.data.numeric(f"r2{k}"), rtol=1e-4, atol=1e-6)


def test_unstructured_factor_slopes_match_statsmodels(new_session, run):
    sm = pytest.importorskip("statsmodels.formula.api")
    df = _data()
    s = new_session(df)
    out, rc = run(s, "quietly mixed y i.x || id: i.x, cov(unstructured)")
    assert rc == 0, out
    d = df.assign(x2=(df.x == 2).astype(float), x3=(df.x == 3).astype(float))
    fit = sm.mixedlm("y ~ x2 + x3", d, groups=d["id"], re_formula="~x2 + x3").fit(reml=False, method="lbfgs")
    np.testing.assert_allclose(s.e.scalars["ll"], fit.llf, rtol=1e-6)
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel()[[1, 2, 3]], fit.fe_params.values[[1, 2, 0]],
                               rtol=1e-4, atol=1e-6)


def test_missing_factor_leaves_the_sample(new_session, run):
    df = _data()
    df.loc[:9, "x"] = np.nan
    s = new_session(df)
    out, rc = run(s, "quietly mixed y age || id: i.x")
    assert rc == 0, out
    assert s.e.scalars["N"] == len(df) - 10


@pytest.mark.parametrize("command", ["meqrlogit b || id: i.x", "xtmelogit b || id: c.age",
                                     "meqrpoisson k || id: c.age#i.x"])
def test_the_qr_commands_keep_statas_refusal(new_session, run, command):
    df = _data().assign(b=lambda d: (d.y > 1).astype(float), k=lambda d: d.x)
    s = new_session(df)
    out, rc = run(s, command, stop_on_error=False)
    assert rc == 198, out
    assert "must use R. when specifying factor variables in random-effects equations" in out
    assert s.e is None


def test_negative_factor_levels_and_unknown_variables_are_statas_errors(new_session, run):
    s = new_session(_data())
    out, rc = run(s, "mixed y || id: i.age", stop_on_error=False)
    assert rc == 452 and "factor variables may not contain negative values" in out
    # _mixed_parsecmd: the fv syntax fails, ChkNonNumeric's own capture says "invalid syntax"
    out, rc = run(s, "mixed y || id: i.x#i.nosuch", stop_on_error=False)
    assert rc == 198 and "invalid syntax" in out


def test_grouped_operator_and_a_blank_after_the_dot(new_session, run):
    """``i.(x z)`` is one word (i.x i.z) and ``i. x`` is ``i.x``, as in the fixed part."""
    df = _data().assign(z=lambda d: (np.arange(len(d)) % 3 == 0).astype(float))
    s = new_session(df)
    run(s, HAND)
    ll_grouped, _ = _fit(run, s, "mixed y || id: i.(x z), cov(identity)")
    ll_made, _ = _fit(run, s, "mixed y || id: xd2 xd3 z, cov(identity)")
    np.testing.assert_allclose(ll_grouped, ll_made, rtol=1e-9)
    ll_gap, _ = _fit(run, s, "mixed y || id: i. x")
    ll_made, _ = _fit(run, s, "mixed y || id: xd2 xd3")
    np.testing.assert_allclose(ll_gap, ll_made, rtol=1e-9)
