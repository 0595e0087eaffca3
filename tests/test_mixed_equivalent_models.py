"""``mixed`` fits that must equal an equivalent fit, checked by numbers, not by labels:
hand-built dummies, the data subset by hand, weights rescaled within groups, centred
models without intercepts, three-level ids; a single group fits."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _coef(e, name: str) -> float:
    b = e.matrices["b"]
    return float(b.values[0, list(b.colnames).index(name)])


def _data(seed=7, groups=24, per=10) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, groups + 1), per).astype(float)
    n = g.size
    x = rng.normal(size=n)
    a = rng.integers(1, 4, n).astype(float)           # 3-level factor
    f = rng.integers(0, 2, n).astype(float)            # 0/1 factor
    u0 = rng.normal(scale=0.7, size=groups)[g.astype(int) - 1]
    u1 = rng.normal(scale=0.3, size=groups)[g.astype(int) - 1]
    y = 1 + 0.4 * x + 0.3 * (a == 2) - 0.5 * (a == 3) + 0.2 * f + 0.6 * f * x + u0 + u1 * x + rng.normal(size=n)
    return pd.DataFrame({"y": y, "x": x, "a": a, "f": f, "g": g})


def test_factor_interactions_equal_hand_built_dummies(mixed_fit):
    df = _data()
    e_fv, text = mixed_fit(df, "y ib3.a##c.x i.f || g: x, cov(un) nolog")
    d = df.copy()
    d["a1"], d["a2"] = (d.a == 1).astype(float), (d.a == 2).astype(float)
    d["a1x"], d["a2x"] = d.a1 * d.x, d.a2 * d.x
    e_hand, _ = mixed_fit(d, "y a1 a2 x a1x a2x f || g: x, cov(un) nolog")
    assert e_fv.scalars["ll"] == pytest.approx(e_hand.scalars["ll"], rel=1e-9)
    pairs = [("1.a", "a1"), ("2.a", "a2"), ("x", "x"), ("1.a#c.x", "a1x"), ("2.a#c.x", "a2x"),
             ("1.f", "f"), ("_cons", "_cons")]
    for fv, hand in pairs:
        assert _coef(e_fv, f"y:{fv}") == pytest.approx(_coef(e_hand, f"y:{hand}"), rel=1e-5, abs=1e-8)
    names = list(e_fv.matrices["b"].colnames)
    assert "y:3b.a" in names and "y:3b.a#co.x" in names and "y:0b.f" in names
    assert "       a#c.x |\n" in text and "(base)" not in text   # Stata hides base rows by default


def test_missing_values_fit_equals_the_listwise_subset(mixed_fit):
    df = _data()
    df["w"] = 1.0 + (np.arange(len(df)) % 3)
    df.loc[[0, 11], "x"] = np.nan     # fixed and random-slope variable
    df.loc[22, "g"] = np.nan          # level id
    df.loc[33, "y"] = np.nan          # depvar
    df.loc[44, "w"] = np.nan          # weight
    df["unused"] = np.where(np.arange(len(df)) == 55, np.nan, 1.0)
    e_miss, _ = mixed_fit(df, "y x [fw=w] || g: x, nolog")
    keep = df[["y", "x", "g", "w"]].notna().all(axis=1)
    e_sub, _ = mixed_fit(df[keep].reset_index(drop=True), "y x [fw=w] || g: x, nolog")
    assert e_miss.scalars["N"] == e_sub.scalars["N"] == df.loc[keep, "w"].sum()
    assert e_miss.sample.sum() == keep.sum() and not e_miss.sample[[0, 11, 22, 33, 44]].any()
    assert e_miss.sample[55]
    assert e_miss.scalars["ll"] == pytest.approx(e_sub.scalars["ll"], rel=1e-10)
    np.testing.assert_allclose(e_miss.matrices["b"].values, e_sub.matrices["b"].values, rtol=1e-7)


@pytest.mark.parametrize("scale", ["size", "effective"])
def test_pwscale_is_invariant_to_a_per_group_factor_on_level1_weights(mixed_fit, scale):
    # size: w*n_j/sum(w); effective: w*sum(w)/sum(w^2): both cancel a constant c_j per group.
    df = _data(groups=20, per=8)
    df["w1"] = 1.0 + (np.arange(len(df)) % 4)
    df["w2"] = 1.0 + df.g % 3
    df["w1c"] = df.w1 * (1.0 + 0.5 * (df.g % 5))
    e1, _ = mixed_fit(df, f"y x [pw=w1] || g:, pweight(w2) pwscale({scale}) nolog")
    e2, _ = mixed_fit(df, f"y x [pw=w1c] || g:, pweight(w2) pwscale({scale}) nolog")
    assert e1.scalars["ll"] == pytest.approx(e2.scalars["ll"], rel=1e-9)
    np.testing.assert_allclose(e1.matrices["b"].values, e2.matrices["b"].values, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(e1.matrices["V"].values, e2.matrices["V"].values, rtol=1e-4, atol=1e-10)


def test_pwscale_size_with_constant_level1_weights_gives_the_unweighted_estimates(mixed_fit):
    df = _data(groups=20, per=8)
    df["w1"] = 1.0 + df.g % 4          # constant within each group
    df["one"] = 1.0
    e_w, _ = mixed_fit(df, "y x [pw=w1] || g:, pweight(one) pwscale(size) nolog")
    e_u, _ = mixed_fit(df, "y x || g:, nolog")
    assert e_w.scalars["ll"] == pytest.approx(e_u.scalars["ll"], rel=1e-9)
    np.testing.assert_allclose(e_w.matrices["b"].values, e_u.matrices["b"].values, rtol=1e-6, atol=1e-9)


def test_if_in_equal_the_subset_by_hand(mixed_fit):
    df = _data()
    e_q, _ = mixed_fit(df, "y x if f == 1 in 21/200 || g: x, nolog")
    sub = df.iloc[20:200]
    sub = sub[sub.f == 1].reset_index(drop=True)
    e_h, _ = mixed_fit(sub, "y x || g: x, nolog")
    assert e_q.scalars["N"] == len(sub)
    assert e_q.scalars["ll"] == pytest.approx(e_h.scalars["ll"], rel=1e-10)


def test_noconstant_at_both_levels_equals_centred_model_without_intercepts(mixed_fit):
    df = _data()
    e, text = mixed_fit(df, "y x, noconstant || g: x, noconstant nolog")
    assert e.scalars["k_f"] == 1 and e.scalars["k_r"] == 2        # var(x), var(Residual)
    assert list(e.matrices["b"].colnames) == ["y:x", "lns1_1_1:_cons", "lnsig_e:_cons"]
    e_c, _ = mixed_fit(df, "y x || g: x, nolog")
    assert e.scalars["ll"] < e_c.scalars["ll"]                     # dropping terms cannot raise the ML


def test_three_level_nesting_uses_the_combination_of_ids(mixed_fit):
    # class ids repeat across schools: `|| school: || class:` means classes within schools
    rng = np.random.default_rng(3)
    school = np.repeat(np.arange(6.0), 40)
    cls = np.tile(np.repeat(np.arange(4.0), 10), 6)
    y = rng.normal(size=6)[school.astype(int)] + rng.normal(size=24)[(school * 4 + cls).astype(int)] \
        + rng.normal(size=240)
    df = pd.DataFrame({"y": y, "school": school, "cls": cls, "uid": school * 4 + cls})
    e_rep, _ = mixed_fit(df, "y || school: || cls:, nolog")
    e_uid, _ = mixed_fit(df, "y || school: || uid:, nolog")
    assert e_rep.matrices["N_g"].values.tolist() == [[6.0, 24.0]]
    assert e_rep.scalars["ll"] == pytest.approx(e_uid.scalars["ll"], rel=1e-10)


def test_a_single_group_fits_without_crashing(mixed_fit):
    # Stata fits a one-group model (the variance is not identified and goes to its boundary).
    df = _data()
    df["one"] = 1.0
    e, text = mixed_fit(df, "y x || one:, nolog")
    assert e.matrices["N_g"].values.tolist() == [[1.0]]
    assert np.isfinite(e.scalars["ll"]) and "Number of groups   =         1" in text
