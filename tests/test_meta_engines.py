"""The meta-analysis engines (mlmcli/meta) against R's metafor: effect sizes (escalc), tau2 by
every random-effects method, pooled effects, heterogeneity, Knapp-Hartung, meta-regression,
small-study tests, trim-and-fill and Mantel-Haenszel.  The reference values come from
tests/data/meta/metafor_reference.R (metafor 3.8-1), stored in metafor_values.json."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mlmcli.meta.bias import begg_test, regression_test
from mlmcli.meta.effect_sizes import binary, continuous
from mlmcli.meta.estimators import RANDOM_METHODS, pool
from mlmcli.meta.mantel_haenszel import mantel_haenszel
from mlmcli.meta.regression import meta_regress
from mlmcli.meta.trimfill import trim_and_fill

DATA = Path(__file__).resolve().parent / "data" / "meta"
R = json.loads((DATA / "metafor_values.json").read_text())
BCG = pd.read_csv(DATA / "bcg.csv")
IQ = pd.read_csv(DATA / "pupiliq.csv")
NORMAND = pd.read_csv(DATA / "normand1999.csv")
Y = np.array(R["bcg_lnrr"]["yi"])
V = np.array(R["bcg_lnrr"]["vi"])
CELLS = (BCG.tpos, BCG.tneg, BCG.cpos, BCG.cneg)


@pytest.mark.parametrize("kind, key", [("lnoratio", "bcg_lnor"), ("lnrratio", "bcg_lnrr"), ("rdiff", "bcg_rd"),
                                       ("lnorpeto", "bcg_peto")])
def test_binary_effect_sizes_are_metafors(kind, key):
    y, se, _ = binary(kind, *CELLS)
    assert np.allclose(y, R[key]["yi"], rtol=1e-10, atol=1e-12)
    assert np.allclose(se ** 2, R[key]["vi"], rtol=1e-10, atol=1e-15)


def test_zero_cells_get_the_continuity_correction_only_in_their_study():
    y, se, zero = binary("lnoratio", [0, 5], [10, 5], [3, 4], [7, 6])
    assert zero.tolist() == [True, False]
    assert y[0] == pytest.approx(np.log(0.5 * 7.5 / (10.5 * 3.5)))
    assert y[1] == pytest.approx(np.log(5 * 6 / (5 * 4)))
    y_all, _, _ = binary("lnoratio", [0, 5], [10, 5], [3, 4], [7, 6], zero_which="allif0")
    assert y_all[1] == pytest.approx(np.log(5.5 * 6.5 / (5.5 * 4.5)))


def test_continuous_effect_sizes_are_metafors():
    cols = (NORMAND.n1i, NORMAND.m1i, NORMAND.sd1i, NORMAND.n2i, NORMAND.m2i, NORMAND.sd2i)
    g, se = continuous("hedgesg", *cols, exact=True)
    assert np.allclose(g, R["normand_SMD"]["yi"], rtol=1e-10)
    assert np.allclose(se ** 2, R["normand_SMD"]["vi"], rtol=1e-10)
    d, _ = continuous("cohend", *cols)
    assert np.allclose(d, R["normand_cohend_yi"], rtol=1e-10)
    md, se = continuous("mdiff", *cols, unequal=True)
    assert np.allclose(md, R["normand_MD"]["yi"]) and np.allclose(se ** 2, R["normand_MD"]["vi"])
    approx, _ = continuous("hedgesg", *cols)  # the approximate correction is close to the exact one
    assert np.allclose(approx, g, rtol=1e-3) and not np.allclose(approx, g, rtol=1e-12)


@pytest.mark.parametrize("method", RANDOM_METHODS)
def test_random_effects_methods_are_metafors(method):
    r = R["bcg_random"][method]
    p = pool(Y, V, "random", method)
    tol = 1e-5 if method in ("reml", "mle", "ebayes") else 1e-10  # metafor iterates to 1e-5
    assert p.tau2 == pytest.approx(r["tau2"], rel=tol)
    assert p.theta == pytest.approx(r["theta"], rel=tol)
    assert p.se == pytest.approx(r["se"], rel=tol)
    assert p.I2 == pytest.approx(r["I2"], rel=tol) and p.H2 == pytest.approx(r["H2"], rel=tol)
    assert p.Q == pytest.approx(r["Q"], rel=1e-10)
    assert p.ci == pytest.approx((r["ci_lb"], r["ci_ub"]), rel=tol)


def test_fixed_effect_heterogeneity_comes_from_q():
    r = R["bcg_fixed"]
    p = pool(Y, V, "fixed")
    assert (p.theta, p.se) == pytest.approx((r["theta"], r["se"]), rel=1e-10)
    assert (p.I2, p.H2, p.Q, p.Q_p) == pytest.approx((r["I2"], r["H2"], r["Q"], r["Qp"]), rel=1e-8)
    assert p.weights.sum() == pytest.approx(1.0)


def test_knapp_hartung_and_the_prediction_interval():
    from scipy import stats

    r = R["bcg_khartung"]
    p = pool(Y, V, "random", "reml", se_method="khartung")
    assert p.df == 12 and p.se == pytest.approx(r["se"], rel=1e-5)
    assert p.ci == pytest.approx((r["ci_lb"], r["ci_ub"]), rel=1e-5) and p.p == pytest.approx(r["pval"], rel=1e-4)
    reml = R["bcg_random"]["reml"]
    p = pool(Y, V, "random", "reml", predinterval=95)
    half = stats.t.ppf(0.975, 11) * np.sqrt(reml["tau2"] + reml["se"] ** 2)  # t on K-2 df (Higgins et al.)
    assert p.pi == pytest.approx((reml["theta"] - half, reml["theta"] + half), rel=1e-5)


def test_meta_regression_is_metafors():
    X = np.column_stack([BCG.ablat, np.ones(13)])
    r = R["bcg_regress_reml"]
    f = meta_regress(Y, V, X)
    assert f.b[::-1] == pytest.approx(r["b"], rel=1e-4)
    assert np.sqrt(np.diag(f.V))[::-1] == pytest.approx(r["se"], rel=1e-4)
    assert (f.tau2, f.I2, f.H2, f.R2) == pytest.approx((r["tau2"], r["I2"], r["H2"], r["R2"]), rel=1e-4)
    assert f.Q_res == pytest.approx(r["QE"], rel=1e-10)
    r = R["bcg_regress_dl"]
    f = meta_regress(Y, V, np.column_stack([BCG.ablat, BCG.year, np.ones(13)]), "random", "dlaird")
    assert f.b[[2, 0, 1]] == pytest.approx(r["b"], rel=1e-8) and f.tau2 == pytest.approx(r["tau2"], rel=1e-8)
    for method in ("mle", "ebayes", "sjonkman", "hedges", "hschmidt"):
        f = meta_regress(Y, V, X, "random", method)
        # metafor stops ML at a change below 1e-5 (rel. 2e-4 here); ours is the higher likelihood
        assert f.tau2 == pytest.approx(R[f"bcg_regress_{method}"]["tau2"], rel=1e-3), method
    f = meta_regress(Y, V, X, "random", "reml", "khartung")
    assert np.sqrt(np.diag(f.V))[::-1] == pytest.approx(R["bcg_regress_kh"]["se"], rel=1e-4)
    f = meta_regress(Y, V, X, "fixed")
    assert f.b[::-1] == pytest.approx(R["bcg_regress_fixed"]["b"], rel=1e-10)


def test_small_study_tests_are_metafors():
    r = R["bcg_egger_reml"]
    t = regression_test("egger", Y, np.sqrt(V), np.sqrt(V), "random", "reml")
    assert (t.beta1, t.stat) == pytest.approx((r["b"], r["z"]), rel=1e-5) and t.df is None
    r = R["bcg_egger_traditional"]
    t = regression_test("egger", Y, np.sqrt(V), np.sqrt(V), "random", "reml", traditional=True)
    assert (t.beta1, t.se, t.stat, t.p) == pytest.approx((r["b"], r["se"], r["t"], r["p"]), rel=1e-8)
    b = begg_test(Y, np.sqrt(V))
    assert b.score == pytest.approx(R["bcg_begg"]["tau"] * 13 * 12 / 2)  # Kendall's score = tau K(K-1)/2
    assert b.se == pytest.approx(np.sqrt(13 * 12 * 31 / 18))
    assert b.z == pytest.approx((abs(b.score) - 1) / b.se)  # continuity-corrected


def test_trim_and_fill_is_metafors():
    tf = trim_and_fill(Y, V, "", "linear", "fixed", "invvariance", "fixed", "invvariance")
    r = R["bcg_trimfill_fe"]
    assert (tf.k0, tf.side) == (r["k0"], r["side"])
    both = pool(np.r_[Y, tf.filled_y], np.r_[V, tf.filled_v], "fixed")
    assert (both.theta, both.se) == pytest.approx((r["theta"], r["se"]), rel=1e-10)
    tf = trim_and_fill(IQ.yi, IQ.vi, "", "linear", "fixed", "invvariance", "fixed", "invvariance")
    r = R["iq_trimfill"]
    assert (tf.k0, tf.side) == (r["k0"], r["side"])
    assert sorted(tf.filled_y) == pytest.approx(sorted(r["filled_yi"]), rel=1e-10)
    both = pool(np.r_[IQ.yi, tf.filled_y], np.r_[IQ.vi, tf.filled_v], "random", "reml")
    assert (both.theta, both.se) == pytest.approx((R["iq_trimfill_reml"]["theta"], R["iq_trimfill_reml"]["se"]),
                                                  rel=1e-4)


@pytest.mark.parametrize("kind, key", [("lnoratio", "OR"), ("lnrratio", "RR"), ("rdiff", "RD")])
def test_mantel_haenszel_is_metafors(kind, key):
    theta, se, w = mantel_haenszel(kind, *CELLS)
    r = R["bcg_mh"][key]
    assert (theta, se) == pytest.approx((r["b"], r["se"]), rel=1e-10)
    assert w.sum() == pytest.approx(1.0)
