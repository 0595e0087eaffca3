"""The pure postestimation computations (mlmcli.postest) on numbers we control."""
from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from mlmcli.errors import StataError
from mlmcli.postest.criteria import count_parameters, information_criteria
from mlmcli.postest.hlmchi2 import hlm_chi2, level2_predictor_count
from mlmcli.postest.icc import logit_interval, nested_icc
from mlmcli.postest.lrtest import ModelInfo, likelihood_ratio_test
from mlmcli.postest.pve import proportional_reduction
from mlmcli.postest.reliability import reliability
from mlmcli.postest.wald import (CoefIndex, format_constraint, linear_combination,
                                 parse_constraint, wald_test)


# ---------------------------------------------------------------- ICC
def test_icc_two_level_value_and_ci_matches_golden_03():
    # golden 03: var(_cons)=.1390583 (cntryid), var(Residual)=.8133... gives .1460046
    tau, sig2 = 0.1389, 0.8124
    b = np.array([0.0, 0.5 * math.log(tau), 0.5 * math.log(sig2)])
    V = np.diag([1.0, 0.02, 0.001])
    (row,) = nested_icc(["cntryid"], [[1]], 2, b, V)
    assert row.label == "cntryid"
    assert row.icc == pytest.approx(tau / (tau + sig2))
    lo, hi = logit_interval(row.icc, row.se, 1.959963984540054)
    assert (row.ci_lo, row.ci_hi) == pytest.approx((lo, hi))
    assert row.ci_lo < row.icc < row.ci_hi


def test_icc_logit_interval_reproduces_reference_hsb(shared_dir):
    ref = json.loads((shared_dir / "reference" / "hsb__null__ml.json").read_text())
    r = ref["icc"][0]
    lo, hi = logit_interval(r["icc"], r["se"], 1.959963984540054)
    assert lo == pytest.approx(r["ci_lo"], rel=1e-6)
    assert hi == pytest.approx(r["ci_hi"], rel=1e-6)


def test_icc_point_values_reproduce_reference_pastes(shared_dir):
    ref = json.loads((shared_dir / "reference" / "pastes__nested__ml.json").read_text())
    v = {x["level"]: x["estimate"] for x in ref["random"]}
    b = 0.5 * np.log([v["batch"], v["sample"], v["Residual"]])
    rows = nested_icc(["batch", "sample"], [[0], [1]], 2, b, np.eye(3) * 0.01)
    assert [r.label for r in rows] == ["batch", "sample|batch"]
    for row, want in zip(rows, ref["icc"]):
        assert row.label == want["level"]
        assert row.icc == pytest.approx(want["icc"], rel=1e-6)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-2, 2), min_size=3, max_size=3))
def test_icc_delta_method_gradient_matches_finite_differences(p):
    b = np.array(p)
    A = np.array([[0.3, 0.05, 0.0], [0.05, 0.2, 0.01], [0.0, 0.01, 0.1]])
    rows = nested_icc(["a", "b"], [[0], [1]], 2, b, A)

    def icc(bb, k):
        v = np.exp(2 * bb)
        return v[: k + 1].sum() / v.sum()

    for k, row in enumerate(rows):
        g = np.array([(icc(b + h, k) - icc(b - h, k)) / 2e-6 for h in np.eye(3) * 1e-6])
        assert row.se == pytest.approx(math.sqrt(g @ A @ g), rel=1e-4, abs=1e-10)


# ---------------------------------------------------------------- IC
def test_information_criteria_match_every_reference(shared_dir):
    for path in sorted((shared_dir / "reference").glob("*.json")):
        ref = json.loads(path.read_text())
        ic = information_criteria(ref["loglik"], ref["ic_df"], ref["nobs"])
        assert ic.aic == pytest.approx(ref["aic"], rel=1e-10), path.name
        assert ic.bic == pytest.approx(ref["bic"], rel=1e-10), path.name


def test_information_criteria_formula():
    ic = information_criteria(-100.0, 3, 50)
    assert ic.aic == 206.0
    assert ic.bic == pytest.approx(200 + 3 * math.log(50))


def test_count_parameters_from_stata_names():
    names = ["reaction:days", "reaction:_cons", "lns1_1_1:_cons", "lns1_1_2:_cons",
             "atr1_1_1_2:_cons", "lnsig_e:_cons"]
    c = count_parameters(names)
    assert (c.k_f, c.k_rs, c.k_rc, c.k_res, c.k) == (2, 2, 1, 1, 6)


# ---------------------------------------------------------------- lrtest
def _mixed(name, ll, df, k_f=2, k_rs=1, k_rc=0, **kw):
    base = dict(name=name, cmd="mixed", nobs=180, ll=ll, df=df, depvar="reaction",
                method="ML", k_f=k_f, k_rs=k_rs, k_rc=k_rc)
    base.update(kw)
    return ModelInfo(**base)


def test_lrtest_reference_sleepstudy_ri_vs_unstructured(shared_dir):
    ri = json.loads((shared_dir / "reference" / "sleepstudy__ri__ml.json").read_text())
    un = json.loads((shared_dir / "reference" / "sleepstudy__slope_unstructured__ml.json").read_text())
    a = _mixed("ri", ri["loglik"], ri["ic_df"])
    b = _mixed("un", un["loglik"], un["ic_df"], k_rs=2, k_rc=1)
    res = likelihood_ratio_test(a, b)  # order does not matter
    assert (res.restricted, res.unrestricted, res.df) == ("ri", "un", 2)
    assert res.chi2 == pytest.approx(2 * (un["loglik"] - ri["loglik"]))
    assert res.conservative
    assert res.p == pytest.approx(math.exp(-res.chi2 / 2))  # chi2(2) survival


def test_lrtest_golden_10_numbers():
    # golden 10: LR chi2(2) = 366.86, rie nested in rce
    res = likelihood_ratio_test(_mixed("rce", -28000.0 + 183.43, 6, k_rs=2, k_rc=1),
                                _mixed("rie", -28000.0, 4))
    assert f"{res.chi2:10.2f}" == "    366.86"
    assert res.restricted == "rie" and res.conservative


@pytest.mark.parametrize("kw,msg", [
    (dict(wtype="pweight"), "LR test invalid in case of pweighted estimators"),
    (dict(vcetype="Robust"), "LR test likely invalid for models with robust vce"),
    (dict(clustvar="id"), "LR test likely invalid with cluster(id)"),
    (dict(method="REML"), "cannot compare a REML model with an ML model"),
    (dict(nobs=170), "observations differ: 180 vs. 170"),
    (dict(depvar="y"), "dependent variables differ: reaction vs. y"),
    (dict(cmd="regress"), "test involves different estimators: mixed vs. regress"),
])
def test_lrtest_refusals(kw, msg):
    a = _mixed("a", -10.0, 5, k_rs=2)
    b = _mixed("b", -12.0, 4, **kw)
    with pytest.raises(StataError) as e:
        likelihood_ratio_test(a, b)
    assert e.value.message == msg and e.value.rc == 498


def test_lrtest_reml_different_fixed_effects_refused_and_force():
    a = _mixed("a", -10.0, 5, k_f=3, method="REML")
    b = _mixed("b", -12.0, 4, k_f=2, method="REML")
    with pytest.raises(StataError, match="REML criterion is not comparable"):
        likelihood_ratio_test(a, b)
    assert likelihood_ratio_test(a, b, force=True).chi2 == pytest.approx(4.0)


def test_lrtest_not_nested_equal_df_and_samples():
    with pytest.raises(StataError, match="Mixed models are not nested"):
        likelihood_ratio_test(_mixed("a", -10.0, 5, k_f=3, k_rs=1), _mixed("b", -12.0, 4, k_f=2, k_rs=2))
    with pytest.raises(StataError, match=r"df\(unrestricted\) = df\(restricted\) = 4"):
        likelihood_ratio_test(_mixed("a", -10.0, 4), _mixed("b", -12.0, 4))
    s1 = np.array([True, True, False])
    with pytest.raises(StataError, match="samples differ"):
        likelihood_ratio_test(_mixed("a", -10.0, 5, k_rs=2, sample=s1), _mixed("b", -12.0, 4, sample=~s1))
    res = likelihood_ratio_test(_mixed("a", -10.0, 5, k_f=3, k_rs=1), _mixed("b", -12.0, 4, k_f=2, k_rs=1))
    assert not res.conservative and res.df == 1


# ---------------------------------------------------------------- Wald / lincom
NAMES = ["pbw:x1", "pbw:x2", "pbw:_cons", "lns1_1_1:_cons", "lnsig_e:_cons"]


def test_constraint_parsing_and_display():
    idx = CoefIndex(NAMES)
    c = parse_constraint("x1 = x2", idx)
    assert list(c.coefs[:3]) == [1, -1, 0] and c.rhs == 0
    assert format_constraint(c, idx) == "[pbw]x1 - [pbw]x2 = 0"
    c = parse_constraint("2*x1 + [pbw]_b[x2] = 1", idx)
    assert format_constraint(c, idx) == "2*[pbw]x1 + [pbw]x2 = 1"
    c = parse_constraint("_b[lns1_1_1:_cons]", idx)
    assert format_constraint(c, idx) == "[lns1_1_1]_cons = 0"
    with pytest.raises(StataError) as e:
        parse_constraint("x9", idx)
    assert e.value.rc == 111 and e.value.message == "[pbw]x9 not found"
    with pytest.raises(StataError):
        parse_constraint("x1 +", idx)
    single = CoefIndex(["x1", "_cons"])
    assert format_constraint(parse_constraint("x1", single), single) == "x1 = 0"


def test_wald_test_matches_closed_form_and_drops_redundant():
    b = np.array([1.0, 2.0, 3.0])
    V = np.array([[1.0, 0.2, 0.0], [0.2, 2.0, 0.1], [0.0, 0.1, 0.5]])
    idx = CoefIndex(["y:a", "y:b", "y:_cons"])
    cons = [parse_constraint("a", idx), parse_constraint("b", idx)]
    res = wald_test(cons, b, V, ["a", "b"])
    want = b[:2] @ np.linalg.solve(V[:2, :2], b[:2])
    assert res.chi2 == pytest.approx(want) and res.df == 2
    res = wald_test(cons + [parse_constraint("a + b = 3", idx)], b, V, ["a", "b", "c"])
    assert res.df == 2 and res.dropped == (2,)
    resF = wald_test(cons, b, V, ["a", "b"], df_r=30)
    assert resF.F == pytest.approx(want / 2)


def test_lincom_estimate_se_and_ci():
    b = np.array([1.0, 2.0])
    V = np.array([[0.04, 0.01], [0.01, 0.09]])
    idx = CoefIndex(["y:a", "y:b"])
    lc = linear_combination(parse_constraint("a + b", idx), "(1)", b, V)
    assert lc.estimate == pytest.approx(3.0)
    assert lc.se == pytest.approx(math.sqrt(0.04 + 0.09 + 0.02))
    assert lc.ci_lo == pytest.approx(3.0 - 1.959963984540054 * lc.se)


# ---------------------------------------------------------------- reliability / pve / hlm
def test_reliability_random_intercept_formula():
    group = np.array([0, 0, 0, 1, 1, 2])
    res = reliability(np.ones((6, 1)), group, np.array([[2.0]]), 4.0, "g", ["_cons"], ["a", "b", "c"])
    want = [2 / (2 + 4 / n) for n in (3, 2, 1)]
    assert list(res.lam[:, 0]) == pytest.approx(want)
    assert res.average[0] == pytest.approx(np.mean(want))
    assert list(res.n_obs) == [3, 2, 1]


def test_reliability_slope_rank_deficient_group_is_missing():
    group = np.array([0, 0, 0, 1])
    Z = np.column_stack([[0.0, 1.0, 2.0, 1.0], np.ones(4)])
    res = reliability(Z, group, np.diag([1.0, 2.0]), 1.0, "g", ["x", "_cons"], ["a", "b"])
    assert np.isnan(res.lam[1]).all() and not np.isnan(res.lam[0]).any()
    assert res.average[1] == pytest.approx(res.lam[0, 1])


def test_pve_matches_handout_style_reduction():
    a = [("cntryid", "var(_cons)", 0.2), ("Residual", "var(Residual)", 0.8)]
    b = [("cntryid", "var(_cons)", 0.15), ("Residual", "var(Residual)", 0.76)]
    res = proportional_reduction("null", a, "ancova", b)
    assert [r.pve for r in res.rows] == pytest.approx([0.25, 0.05])


def _hsb():
    import pathlib
    path = pathlib.Path(__file__).resolve().parents[1] / "samples" / "data" / "hsb.dta"
    d = pd.read_stata(path, convert_categoricals=False)
    return d, pd.factorize(d["school"])[0]


def test_hlm_chi2_reproduces_raudenbush_bryk_tables():
    # R&B (2002) Table 4.1: chi2(159) = 1660.23; Table 4.4: 1770.86 and 213.44;
    # Table 4.5 (meanses, sector on both): 605.29 and 162.31 with df 157.
    d, g = _hsb()
    n = len(d)
    one = np.ones((n, 1))
    r = hlm_chi2(d.mathach.values, one, [12.637], one, g, 160, 39.148, [8.614], ["_cons"], "school")
    assert r.rows[0].df == 159 and r.rows[0].chi2 == pytest.approx(1660.23, abs=0.5)
    Z = np.column_stack([d.cses, one])
    r = hlm_chi2(d.mathach.values, Z, [2.193, 12.649], Z, g, 160, 36.70, [0.69, 8.68], ["cses", "_cons"], "school")
    assert [x.chi2 for x in r.rows] == pytest.approx([213.44, 1770.86], abs=1.0)
    sector = (d.sector.values == 1).astype(float) if d.sector.max() == 1 else (d.sector.values == d.sector.max()).astype(float)
    X = np.column_stack([d.cses, d.meanses, sector, d.cses * d.meanses, d.cses * sector, one])
    r = hlm_chi2(d.mathach.values, X, [2.938, 5.333, 1.227, 1.039, -1.643, 12.096], Z, g, 160, 36.70,
                 [0.10, 2.38], ["cses", "_cons"], "school")
    assert [x.df for x in r.rows] == [157, 157]
    assert [x.n_level2 for x in r.rows] == [2, 2]
    assert [x.chi2 for x in r.rows] == pytest.approx([162.31, 605.29], abs=1.0)


def test_level2_predictor_count_ignores_level1_columns():
    g = np.repeat(np.arange(4), 5)
    rng = np.random.default_rng(1)
    x = rng.normal(size=20)
    w = np.repeat(rng.normal(size=4), 5)
    X = np.column_stack([x, w, x * w, np.ones(20)])
    assert level2_predictor_count(X, np.ones(20), g) == 1
    assert level2_predictor_count(X, x, g) == 1


def test_model_wald_test_keeps_only_positive_directions_of_an_indefinite_V():
    """A fit at a boundary can leave V with a negative eigenvalue: the header's Wald chi2
    then counts only the positive directions (Stata's invsym() drops the non-positive
    pivots), never a negative chi2."""
    from mlmcli.mixed.inference import wald_test
    from mlmcli.mixed.spec import CoefLabel

    labels = (CoefLabel("x1"), CoefLabel("x2"), CoefLabel("_cons"))
    beta = np.array([0.5, -0.3, 1.0])
    V_pd = np.array([[0.04, 0.01, 0.0], [0.01, 0.09, 0.0], [0.0, 0.0, 1.0]])
    chi2, df, p = wald_test(labels, beta, V_pd)
    b = beta[:2]
    assert df == 2 and math.isclose(chi2, float(b @ np.linalg.solve(V_pd[:2, :2], b)))
    V_bad = np.array([[0.04, 0.05, 0.0], [0.05, 0.01, 0.0], [0.0, 0.0, 1.0]])  # eigenvalues of opposite signs
    chi2, df, p = wald_test(labels, beta, V_bad)
    w, U = np.linalg.eigh(V_bad[:2, :2])
    assert df == 1 and chi2 >= 0
    assert math.isclose(chi2, float((U[:, 1] @ b) ** 2 / w[1]))
    assert float(b @ np.linalg.solve(V_bad[:2, :2], b)) < 0  # what the plain solve gave


def test_linear_expressions_with_parentheses():
    """lincom/test take parenthesized subexpressions: ``([y]a - [y]b) - ([y]c - [y]d)`` (a
    published replication file's difference of differences, heldout/anon-tess-polarization)."""
    idx = CoefIndex(["y:a", "y:b", "y:c", "y:d"])
    c = parse_constraint("([y]b-[y]d)-([y]a-[y]c)", idx)
    assert list(c.coefs) == [-1, 1, 1, -1] and c.rhs == 0
    c = parse_constraint("2*(a - b)/4 + -(c) = 1", idx)
    assert list(c.coefs) == [0.5, -0.5, -1, 0] and c.rhs == 1
    c = parse_constraint("(a + 1)*3 = 0", idx)
    assert list(c.coefs) == [3, 0, 0, 0] and c.rhs == -3
    for bad, rc in (("(a - b", 198), ("a - b)", 198), ("()", 198), ("(a)*(b)", 131), ("a/(b)", 198),
                    ("a/(2-2)", 198), ("(a) (b)", 198)):
        with pytest.raises(StataError) as e:
            parse_constraint(bad, idx)
        assert e.value.rc == rc, bad
