"""margins after mlogit (commands/postestimation/margins_choice_models.py, ``MlogitFit``): Stata
13's default prediction (Pr of the first outcome), predict(pr|xb|index outcome()), dydx/eyex,
factor levels and contrasts, at()/atmeans/over(), interactions, vce(unconditional), baseoutcome()
and estimates restore, marginsplot, and the refusals.

Reference: tests/mlogit_margins_reference/values.txt, computed by mlogit_margins.R (nnet's
multinom fit, numDeriv's Jacobians, vcov(multinom)) on data.csv; and the model's own formula
softmax(x b) written here, averaged at e(b), with delta-method SEs from central differences in
e(b) (margins_delta_helpers)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import special
from margins_delta_helpers import check_margin, check_marginsplot_markers, check_slopes, delta_reference

REF = Path(__file__).parent / "mlogit_margins_reference"


@pytest.fixture(scope="module")
def data():
    return pd.read_csv(REF / "data.csv")


@pytest.fixture(scope="module")
def r_values():
    out = {}
    for line in (REF / "values.txt").read_text().splitlines():
        parts = line.split()
        if len(parts) == 3 and not line.startswith(("#", "coef")):
            out[parts[0]] = (float(parts[1]), float(parts[2]))
    return out


def _table(s, col=0):
    t = s.r["table"].values
    return t[0, col], t[1, col]


def _against_r(s, r_values, name, col=0):
    margin, se = _table(s, col)
    ref_margin, ref_se = r_values[name]
    assert margin == pytest.approx(ref_margin, rel=1e-6, abs=1e-8), name
    assert se == pytest.approx(ref_se, rel=2e-5), name


def _pr(k, base="2", names=("1", "2", "3")):
    """Pr(y = outcome k) (0-based) from e(b) by softmax over the outcomes' indexes (``names``
    e(b)'s equations)."""
    def pr(c, d):
        eta = []
        for eq in names:
            if eq == base:
                eta.append(np.zeros(len(d)))
                continue
            eta.append(np.asarray(c[f"{eq}:_cons"] + c[f"{eq}:x"] * d.x + c[f"{eq}:2.g"] * (d.g == 2)
                                  + c[f"{eq}:3.g"] * (d.g == 3) + c[f"{eq}:z"] * d.z, float))
        return special.softmax(np.column_stack(eta), axis=1)[:, k]
    return pr


def test_default_is_pr_of_the_first_outcome(do, data, r_values):
    rc, out, s = do("quietly mlogit y x i.g z\nmargins", df=data.copy())
    assert rc == 0, out
    assert "Predictive margins                                Number of obs   =        400" in out
    assert "Model VCE    : OIM" in out and "Expression   : Pr(y==1), predict()" in out
    _against_r(s, r_values, "pr1")
    check_margin(s, delta_reference(s, data, _pr(0)))
    rc, out, s = do("margins, predict(outcome(3))", session=s)
    assert rc == 0 and "Expression   : Pr(y==3), predict(outcome(3))" in out
    _against_r(s, r_values, "pr3")
    for typed in ("outcome(#3)", "pr outcome(3)", "e(3)"):  # equation() is outcome()'s synonym (mlogit_p)
        rc, out, s = do(f"margins, predict({typed})", session=s)
        assert rc == 0 and f"predict({typed})" in out, typed
        _against_r(s, r_values, "pr3")


def test_marginal_effects_against_r(do, data, r_values):
    rc, out, s = do("quietly mlogit y x i.g z\nmargins, dydx(x)", df=data.copy())
    assert rc == 0, out
    assert "Average marginal effects" in out and "dy/dx w.r.t. : x" in out
    _against_r(s, r_values, "dydx_x_pr1")
    rc, out, s = do("margins, predict(outcome(3)) dydx(*)", session=s)
    assert rc == 0 and "dy/dx w.r.t. : x 2.g 3.g z" in out
    assert "Note: dy/dx for factor levels is the discrete change from the base level." in out
    # r(table)'s columns: x, 1b.g (0), 2.g, 3.g, z
    for col, name in zip((0, 2, 3, 4), ("dydx_x_pr3", "dydx_2g_pr3", "dydx_3g_pr3", "dydx_z_pr3")):
        _against_r(s, r_values, name, col)
    assert _table(s, 1)[0] == 0.0 and np.isnan(_table(s, 1)[1])  # the base level
    check_slopes(s, data, _pr(2), ("x",))
    rc, out, s = do("margins, eyex(x)", session=s)
    assert rc == 0 and "ey/ex w.r.t. : x" in out
    _against_r(s, r_values, "eyex_x_pr1")


def test_contrasts_at_and_atmeans_against_r(do, data, r_values):
    rc, out, s = do("quietly mlogit y x i.g z\nmargins r.g, predict(outcome(2))", df=data.copy())
    assert rc == 0, out
    assert "Contrasts of predictive margins" in out and "(2 vs 1)" in out
    _against_r(s, r_values, "r2vs1_g_pr2", 0)
    _against_r(s, r_values, "r3vs1_g_pr2", 1)
    rc, out, s = do("margins, at(x=(0 1)) predict(outcome(2))", session=s)
    assert rc == 0 and "1._at        : x               =           0" in out
    _against_r(s, r_values, "at_x0_pr2", 0)
    _against_r(s, r_values, "at_x1_pr2", 1)
    rc, out, s = do("margins, atmeans", session=s)
    assert rc == 0 and "Adjusted predictions" in out and "2.g             =        .335 (mean)" in out
    _against_r(s, r_values, "atmeans_pr1")
    # xb of outcome 3 against the base outcome 2 (whose index is 0)
    rc, out, s = do("margins, atmeans predict(xb outcome(3))", session=s)
    assert rc == 0 and "Expression   : Linear prediction, y==3, predict(xb outcome(3))" in out
    _against_r(s, r_values, "atmeans_xb3_base2")
    rc, out, s = do("margins, predict(index outcome(2))", session=s)  # the base outcome's index
    # e(V)'s diagonal 0: findomitted's o._cons, "0  (omitted)" (tests/test_margins_leftovers95.py)
    assert rc == 0 and _table(s)[0] == 0.0 and np.isnan(_table(s)[1]) and "0  (omitted)" in out


def test_unconditional_variance_against_r(do, data, r_values):
    # a robust fit, as margins' ._parse_vce requires; the linearization (scores and (-H)^-1) and
    # so R's values are those of the default fit
    rc, out, s = do("quietly mlogit y x i.g z, vce(robust)\n"
                    "margins, at(x=(0 1)) predict(outcome(2)) vce(unconditional)", df=data.copy())
    assert rc == 0, out
    assert "Unconditional" in out
    _against_r(s, r_values, "uncond_at_x0_pr2", 0)
    _against_r(s, r_values, "uncond_at_x1_pr2", 1)


def test_interaction_levels_and_over_against_r(do, data, r_values):
    rc, out, s = do("quietly mlogit y c.x##i.g z\nmargins g, dydx(x) predict(outcome(3))", df=data.copy())
    assert rc == 0, out
    for col in range(3):
        _against_r(s, r_values, f"int_dydx_x_at_g{col + 1}_pr3", col)
    rc, out, s = do("margins, over(g) predict(outcome(3))", session=s)
    assert rc == 0 and "over         : g" in out
    for col in range(3):
        _against_r(s, r_values, f"int_over_g{col + 1}_pr3", col)


def test_other_base_rrr_and_estimates_restore(do, data, r_values):
    """Margins do not depend on the base outcome: baseoutcome(1) (whose equation, e(b)'s first,
    is all zeros) gives R's values; so do the results restored by estimates restore."""
    rc, out, s = do("quietly mlogit y x i.g z, baseoutcome(1) rrr\nestimates store a\nquietly mlogit y x\n"
                    "estimates restore a\nmargins, dydx(x)", df=data.copy())
    assert rc == 0, out
    _against_r(s, r_values, "dydx_x_pr1")
    check_slopes(s, data, _pr(0, base="1"), ("x",))
    rc, out, s = do("margins, predict(xb outcome(3))", session=s)
    assert rc == 0
    coef = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values.ravel()))
    xb3 = _pr(2, base="1")  # the formula's index of outcome 3 is linear: check it directly
    ref = delta_reference(s, data, lambda c, d: np.asarray(
        c["3:_cons"] + c["3:x"] * d.x + c["3:2.g"] * (d.g == 2) + c["3:3.g"] * (d.g == 3) + c["3:z"] * d.z))
    check_margin(s, ref)
    assert 0 < xb3(coef, data).mean() < 1


def test_weights_and_cluster_unconditional_against_r(do, data, r_values):
    rc, out, s = do("generate fw = 1 + mod(_n, 3)\nquietly mlogit y x i.g z [fw=fw]\nmargins, predict(outcome(3))",
                    df=data.copy())
    assert rc == 0 and "Number of obs   =        800" in out
    _against_r(s, r_values, "fw_pr3")
    rc, out, s = do("margins, dydx(x)", session=s)
    assert rc == 0
    _against_r(s, r_values, "fw_dydx_x_pr1")
    rc, out, s = do("generate pw = 1 + mod(_n, 3)\nquietly mlogit y x i.g z [pw=pw]\n"
                    "margins, dydx(x) vce(unconditional)", df=data.copy())
    assert rc == 0 and "Unconditional" in out
    _against_r(s, r_values, "pw_uncond_dydx_x_pr1")
    rc, out, s = do("generate cl = floor((_n - 1) / 10) + 1\nquietly mlogit y x i.g z, vce(cluster cl)\n"
                    "margins, dydx(z)", df=data.copy())
    assert rc == 0 and "Model VCE    : Robust" in out
    _against_r(s, r_values, "cl_dydx_z_pr1")
    rc, out, s = do("margins, dydx(z) vce(unconditional)", session=s)
    assert rc == 0 and "Unconditional" in out
    _against_r(s, r_values, "cl_uncond_dydx_z_pr1")


def test_robust_vce_from_first_principles(do, data):
    rc, out, s = do("quietly mlogit y x i.g z, vce(robust)\nmargins, predict(outcome(1)) at(z=0.5)",
                    df=data.copy())
    assert rc == 0 and "Model VCE    : Robust" in out
    check_margin(s, delta_reference(s, data, lambda c, d: _pr(0)(c, d.assign(z=0.5))))


def test_labelled_outcomes_name_the_expression(do, data):
    rc, out, s = do('label define ins 1 "Indemnity" 2 "Prepaid" 3 "Uninsure"\nlabel values y ins\n'
                    "quietly mlogit y x i.g z\nmargins, predict(outcome(Uninsure))", df=data.copy())
    assert rc == 0, out
    assert "Expression   : Pr(y==Uninsure), predict(outcome(Uninsure))" in out
    check_margin(s, delta_reference(s, data, _pr(2, "Prepaid", ("Indemnity", "Prepaid", "Uninsure"))))


@pytest.mark.parametrize("typed, code, text", [
    # e(marginsnotok) stdp stddp SCores: _check_e_margins's r(322), whatever abbreviation was typed
    ("stdp", 322, "predict option stdp not appropriate with margins"),
    ("stddp", 322, "predict option stddp not appropriate with margins"),
    ("sc", 322, "predict option scores not appropriate with margins"),
    # predict(pr d1() d2()) is computed since mg89 (tests/test_margins_round89.py); d1() with xb is not
    ("xb d1(2)", 198, "option d1() not allowed with option xb"),
    ("e(3) outcome(2)", 198, "options equation() and outcome() may not be combined"),
    ("outcome(7)", 303, "outcome 7 not found"),
    ("outcome(#4)", 303, "equation #4 not found"),
    ("rubbish", 198, "option rubbish not allowed"),
])
def test_refusals(do, data, typed, code, text):
    rc, out, _ = do(f"quietly mlogit y x i.g z\nmargins, predict({typed})", df=data.copy())
    assert rc == code and text in out, out


def test_replicate_unconditional_refused(do, data):
    # svy: mlogit's margins: tests/test_margins_after_svy.py (mgs79); a svy replicate VCE has
    # no linearization: _marg_work's ._parse_vce checks svyset's vce first, r(459)
    rc, out, _ = do("svyset [pw=g], vce(jackknife)\nquietly svy: mlogit y x z\nmargins, vce(unconditional)",
                    df=data.copy())
    assert rc == 459 and "vce(jackknife) is not supported" in out, out
    rc, out, s = do("quietly mlogit y x z, vce(bootstrap, reps(3) seed(1))\nmargins, vce(unconditional)",
                    df=data.copy())
    # without svy, _marg_work's ._parse_vce: e(vce) bootstrap is neither robust nor cluster
    assert rc == 322 and "allowed only after estimation with robust, semirobust, or linearized" in out


def test_marginsplot_after_mlogit_draws_the_margins(data):
    check_marginsplot_markers(data, "quietly mlogit y x i.g z\nquietly margins g, predict(outcome(3))\nmarginsplot")
