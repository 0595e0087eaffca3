"""margins / contrast / pwcompare / marginsplot: behaviour, stored results, errors, and the
engine's pieces (contrast operators, multiple comparisons) on data the tests make."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.errors import StataError


def _data(n=400, seed=3):
    rng = np.random.default_rng(seed)
    g = rng.integers(0, 3, n)
    f = rng.integers(0, 2, n)
    x = rng.normal(size=n)
    z = rng.normal(size=n) + 1.5
    grp = np.repeat(np.arange(20), n // 20)
    y = 1 + 0.5 * x + 0.3 * z + 0.4 * g - 0.2 * f + 0.3 * g * x + rng.normal(size=n) + rng.normal(size=20)[grp]
    return pd.DataFrame({"y": y, "x": x, "z": z, "g": g.astype(float), "f": f.astype(float),
                         "grp": grp.astype(float), "w": rng.integers(1, 4, n).astype(float)})


@pytest.fixture
def stata(new_session, run):
    """``stata(df) -> (session, run)``: a session over df and ``run(text, ...)`` in it."""
    def make(df=None):
        session = new_session(df)

        def run_in(text, echo=False, stop_on_error=True):
            return run(session, text, echo=echo, stop_on_error=stop_on_error)

        return session, run_in

    return make


@pytest.fixture
def ols(stata):
    session, run = stata(_data())
    out, rc = run("quietly regress y c.x##i.g i.f z")
    assert rc == 0, out
    return session, run


# ------------------------------------------------------------------ the hook
def test_fits_implement_the_margins_hook(ols, stata):
    from mlmcli.estimation.interface import MarginsFit, MarginsPrediction

    session, _ = ols
    assert isinstance(session.e.model, MarginsFit)
    pred = session.e.model.margins_prediction("")
    assert isinstance(pred, MarginsPrediction) and pred.linear and pred.label == "Linear prediction"
    s2, run = stata(_data())
    assert run("quietly mixed y x i.g || grp:")[1] == 0
    assert isinstance(s2.e.model, MarginsFit)
    assert s2.e.model.margins_prediction("xb").label == "Linear prediction, fixed portion"
    with pytest.raises(StataError) as err:
        s2.e.model.margins_prediction("fitted")
    assert err.value.rc == 498


def test_linear_margin_is_the_mean_prediction_and_its_jacobian_the_mean_row(ols):
    session, run = ols
    out, rc = run("margins")
    assert rc == 0
    data = session.data.df
    assert session.r["b"].values[0, 0] == pytest.approx(data["y"].mean(), rel=1e-12)  # OLS: mean(xb) = mean(y)
    J = session.r["Jacobian"]
    cols = list(J.colnames)
    assert J.values[0, cols.index("x")] == pytest.approx(data["x"].mean())
    assert J.values[0, cols.index("1.g")] == pytest.approx((data["g"] == 1).mean())
    assert J.values[0, cols.index("_cons")] == 1.0
    assert J.values[0, cols.index("0b.g")] == 0.0


def test_stored_results(ols):
    session, run = ols
    assert run("margins g, at(x=(-1 1))")[1] == 0
    r = session.r
    assert r["cmd"] == "margins" and r["est_cmd"] == "regress" and r["title"] == "Predictive margins"
    assert r["N"] == 400 and r["k_at"] == 2 and r["k_margins"] == 1 and r["k_by"] == 1
    assert list(r["b"].colnames) == ["1bn._at#0bn.g", "1bn._at#1.g", "1bn._at#2.g", "2._at#0bn.g",
                                     "2._at#1.g", "2._at#2.g"]
    assert r["V"].values.shape == (6, 6)
    assert r["Jacobian"].values.shape[0] == 6
    at = r["at"]
    assert at.rownames == ("1._at", "2._at")
    assert list(at.colnames) == ["x", "0b.g", "1.g", "2.g", "0b.f", "1.f", "z"]
    assert at.values[0, 0] == -1 and at.values[1, 0] == 1 and np.isnan(at.values[0, 6])
    # x=(-1 1) is a numlist: _marg_at's word "values" (coefplot's at mode reads it; heldout batch 12)
    assert r["atstats1"].split()[0] == "values"
    table = r["table"]
    assert table.rownames[:6] == ("b", "se", "t", "pvalue", "ll", "ul")
    assert r["df_r"] == 400 - 8


def test_post_makes_margins_the_estimates_for_lincom_and_test(ols):
    session, run = ols
    assert run("margins g, post")[1] == 0
    assert session.e.cmd == "margins"
    b = session.e.coefficients()
    out, rc = run("lincom 2.g - 0.g")
    assert rc == 0
    assert session.r["estimate"] == pytest.approx(b.b[2] - b.b[0])
    assert session.r["se"] == pytest.approx(np.sqrt(b.V[2, 2] + b.V[0, 0] - 2 * b.V[0, 2]))
    out, rc = run("test 1.g = 0.g")
    assert rc == 0 and session.r["df"] == 1
    out, rc = run("margins g")
    assert rc == 321
    out, rc = run("marginsplot")
    assert rc == 0


def test_atmeans_over_groups_use_each_groups_means(ols):
    session, run = ols
    out, rc = run("margins, over(f) atmeans")
    assert rc == 0
    df = session.data.df
    at = session.r["at"]
    for i, level in enumerate((0.0, 1.0)):
        assert at.values[i, 0] == pytest.approx(df.loc[df.f == level, "x"].mean())
    assert "over         : f" in out
    assert "at           : 0.f" in out and "                   x               =" in out


def test_legends_and_options(ols):
    _, run = ols
    out, _ = run("margins g, asbalanced")
    assert "Margins      : asbalanced" in out
    assert out.count("(asbalanced)") == len([v for v in ("g", "f") if f"{v}  " in out])
    out, _ = run("margins, at(x=(0 1)) noatlegend")
    assert "_at" in out and "1._at        :" not in out
    out, _ = run("margins, at(x=(0 1)) vsquish")
    lines = out.split("\n")
    i = next(k for k, line in enumerate(lines) if line.startswith("1._at"))
    assert lines[i + 1].startswith("2._at")
    out, _ = run("margins g, nose")
    assert "Std. Err." not in out and "Margin" in out
    out, _ = run("margins g, level(90)")
    assert "[90% Conf. Interval]" in out
    out, _ = run("margins g, cformat(%9.3f)")
    assert any(line.strip().endswith(tuple("0123456789")) and ".000" not in line for line in out.split("\n"))
    out, _ = run("margins g, grand")
    assert "_cons |" in out


def test_expression_is_a_function_of_the_prediction(ols):
    session, run = ols
    run("margins, dydx(x)")
    base_b, base_se = session.r["b"].values[0, 0], np.sqrt(session.r["V"].values[0, 0])
    out, rc = run("margins, expression(3*predict(xb)) dydx(x)")
    assert rc == 0 and "Expression   : 3*predict(xb)" in out
    assert session.r["b"].values[0, 0] == pytest.approx(3 * base_b, rel=1e-7)
    assert np.sqrt(session.r["V"].values[0, 0]) == pytest.approx(3 * base_se, rel=1e-6)
    out, rc = run("margins, expression(predict(xb) + _b[x])")
    assert rc == 198


def test_weights_of_the_estimation_are_used(stata):
    session, run = stata(_data())
    assert run("quietly regress y x [fw=w]")[1] == 0
    out, rc = run("margins")
    df = session.data.df
    assert session.r["N"] == df.w.sum()
    assert session.r["b"].values[0, 0] == pytest.approx(np.average(df.y, weights=df.w))
    run("margins, noweights")
    assert session.r["N"] == 400


def test_not_estimable_cells(stata):
    df = _data()
    df.loc[(df.g == 2) & (df.f == 1), "g"] = 1  # the cell g=2, f=1 is empty
    session, run = stata(df)
    assert run("quietly regress y i.g##i.f x")[1] == 0
    out, rc = run("margins g#f")
    assert rc == 0 and "(not estimable)" in out
    assert session.r["error"].values[0, -1] == 8 and session.r["b"].values[0, -1] == 0
    out, rc = run("margins g#f, noestimcheck")
    assert "(not estimable)" not in out and session.r["b"].values[0, -1] != 0


def test_within_fixes_the_nesting_factor(ols):
    session, run = ols
    out, rc = run("margins f, within(g)")
    assert rc == 0 and "within       : g" in out
    assert "g#f" in out and len(session.r["b"].colnames) == 6


@pytest.mark.parametrize("command, rc, message", [
    ("margins x", 322, "factor 'x' not found in list of covariates"),
    ("margins, at(w=1)", 322, "'w' not found in list of covariates"),
    ("margins, dydx(w)", 322, "'w' not found in list of covariates"),
    ("margins, predict(residuals)", 498, "prediction is a function of possibly stochastic quantities"),
    ("margins, predict(stdp)", 498, "prediction is a function of possibly stochastic quantities"),
    ("margins, at(g=7)", 198, "level 7 not found"),
    ("margins, at(x=)", 198, "invalid at() specification"),
    # after the OLS fit margins' ._parse_vce refuses vce(unconditional) before ._check_touse looks
    # at if/in (the r(459) below needs a robust fit: test_unconditional_sample_errors_are_statas)
    ("margins if f, vce(unconditional)", 322, "option vce(unconditional) is allowed only after estimation with "
     "robust, semirobust, or linearized standard errors"),
    ("margins in 1/5, vce(unconditional)", 322, "option vce(unconditional) is allowed only after estimation with "
     "robust, semirobust, or linearized standard errors"),
    ("margins, vce(bootstrap)", 198, "vce(bootstrap) invalid"),
    ("margins, noatlegend foo", 198, "option foo not allowed"),
    ("margins, subpop(nosuchvar)", 111, "invalid subpop() option"),
    ("margins, eyex(g)", 198, "factor variables not allowed in eyex()"),
    ("margins g, dydx(g)", 198, "may not be specified in both"),
    ("margins, dydx(x) eydx(x)", 198, "may not be combined"),
    ("margins, contrast mcompare(tukey)", 198, "only with pairwise comparisons"),
    ("margins, at((p100) x)", 198, "invalid at() specification"),
    ("contrast x", 322, "factor 'x' not found in list of covariates"),
    ("pwcompare r.g", 198, "contrast operators not allowed"),
    ("pwcompare g, emptycells(reweight)", 198, "emptycells(reweight) not allowed"),
    ("contrast g, emptycells(reweight)", 198, "emptycells(reweight) not allowed"),
    ("margins g, pwcompare(foo)", 198, "pwcompare(foo) not allowed"),
    ("margins zz.g", 198, "zz: operator invalid"),
])
def test_errors_are_statas(ols, command, rc, message):
    session, run = ols
    before = session.data.df.copy()
    out, got = run(command, stop_on_error=False)
    assert got == rc and message in out
    pd.testing.assert_frame_equal(session.data.df, before)


@pytest.mark.parametrize("command, rc, message", [
    ("margins if f, vce(unconditional)", 459, "unconditional standard errors derived assuming full estimation "
     "sample;\nif restriction dropped observations from the estimation sample"),
    ("margins in 1/5, vce(unconditional)", 459, "in range dropped observations from the estimation sample"),
])
def test_unconditional_sample_errors_are_statas(stata, command, rc, message):
    session, run = stata(_data())
    run("quietly regress y c.x##i.g i.f z, vce(robust)")
    before = session.data.df.copy()
    out, got = run(command, stop_on_error=False)
    assert got == rc and message in out
    pd.testing.assert_frame_equal(session.data.df, before)


def test_margins_needs_results_and_a_margins_fit(stata):
    session, run = stata(_data())
    out, rc = run("margins", stop_on_error=False)
    assert rc == 301 and "last estimates not found" in out
    out, rc = run("marginsplot", stop_on_error=False)
    assert rc == 301


# ------------------------------------------------------------------ contrasts and comparisons
def test_contrast_operators():
    from mlmcli.margins.contrasts import kronecker, operator_matrix, pairwise

    levels, texts = (1.0, 2.0, 3.0, 4.0), ("1", "2", "3", "4")
    r = operator_matrix("r", levels, texts, 1.0)
    assert r.labels == (("2", "1"), ("3", "1"), ("4", "1"))
    assert np.allclose(r.matrix, [[-1, 1, 0, 0], [-1, 0, 1, 0], [-1, 0, 0, 1]])
    assert np.allclose(operator_matrix("r", levels, texts, 3.0).matrix[0], [1, 0, -1, 0])
    assert np.allclose(operator_matrix("a", levels, texts, None).matrix[0], [1, -1, 0, 0])
    assert np.allclose(operator_matrix("ar", levels, texts, None).matrix[0], [-1, 1, 0, 0])
    g = operator_matrix("g", levels, texts, None)
    assert np.allclose(g.matrix[0], [0.75, -0.25, -0.25, -0.25]) and g.labels[0] == ("1", "mean")
    h = operator_matrix("h", levels, texts, None)
    assert np.allclose(h.matrix[0], [1, -1 / 3, -1 / 3, -1 / 3]) and np.allclose(h.matrix[2], [0, 0, 1, -1])
    j = operator_matrix("j", levels, texts, None)
    assert np.allclose(j.matrix[2], [-1 / 3, -1 / 3, -1 / 3, 1])
    p = operator_matrix("p", (0.0, 1.0, 3.0), ("0", "1", "3"), None).matrix
    assert np.allclose(p @ p.T, np.eye(2)) and np.allclose(p.sum(axis=1), 0) and p[0, 2] > 0
    for op in ("r", "a", "ar", "g", "h", "j", "p", "q"):
        assert np.allclose(operator_matrix(op, levels, texts, 1.0).matrix.sum(axis=1), 0)
    k = kronecker([operator_matrix("r", (0.0, 1.0), ("0", "1"), 0.0), operator_matrix("r", levels, texts, 1.0)])
    assert k.matrix.shape == (3, 8) and np.allclose(k.matrix.sum(axis=1), 0)
    pw = pairwise(("a", "b", "c"))
    assert pw.labels == (("b", "a"), ("c", "a"), ("c", "b"))


def test_multiple_comparison_adjustments():
    from scipy import stats

    from mlmcli.margins.contrasts import Adjustment

    t = np.array([1.0, 2.5])
    raw = 2 * stats.norm.sf(t)
    assert np.allclose(Adjustment("bonferroni", 3, 2).p(t, None), np.minimum(1, 3 * raw))
    assert np.allclose(Adjustment("sidak", 3, 2).p(t, None), 1 - (1 - raw) ** 3)
    assert np.allclose(Adjustment("scheffe", 3, 2).p(t, None), stats.chi2.sf(t ** 2, 2))
    assert Adjustment("bonferroni", 4, 3).critical(95, 20) == pytest.approx(stats.t.ppf(1 - 0.05 / 8, 20))
    # Tukey on 3 levels with 18 residual df (Stata's pwcompare example: critical value 2.5522)
    assert Adjustment("tukey", 3, 2).critical(95, 18) == pytest.approx(2.552163, abs=1e-5)
    assert Adjustment("noadjust", 3, 2).critical(95, None) == pytest.approx(1.959964, abs=1e-6)


def test_contrast_command_tests_the_terms(ols):
    session, run = ols
    out, rc = run("contrast g")
    assert rc == 0 and "Contrasts of marginal linear predictions" in out and "Margins      : asbalanced" in out
    F = session.r["F"].values[0, 0]
    # contrast g holds x at 0: the joint test of the g coefficients (testparm i.g)
    run("testparm i.g")
    assert F == pytest.approx(session.r["F"], rel=1e-9)
    out, rc = run("contrast r.g, effects")
    assert rc == 0 and "(1 vs 0)" in out and "Joint" in out and "P>|t|" in out
    out, rc = run("contrast r.g@f")
    assert rc == 0 and "g@f" in out


def test_pwcompare_command(ols):
    session, run = ols
    out, rc = run("pwcompare g, mcompare(bonferroni) effects")
    assert rc == 0 and "Number of" in out and "Bonferroni" in out and "1 vs 0" in out
    assert session.r["b_vs"].values.shape == (1, 3)
    out, rc = run("pwcompare g, cimargins")
    assert rc == 0 and "Margin" in out and "vs" not in out


def test_margins_contrast_of_effects(ols):
    session, run = ols
    run("margins g, dydx(x)")
    b = session.r["b"].values.ravel()
    out, rc = run("margins r.g, dydx(x)")
    assert rc == 0 and "Contrasts of average marginal effects" in out
    assert session.r["b"].values.ravel() == pytest.approx([b[1] - b[0], b[2] - b[0]])


# ------------------------------------------------------------------ marginsplot
def test_marginsplot_builds_a_graph(ols, tmp_path):
    session, run = ols
    assert run("quietly margins g, at(x=(-1 0 1))")[1] == 0
    out, rc = run("marginsplot")
    assert rc == 0
    graph = session.graphs[-1]
    assert graph.title == "Predictive Margins of g with 95% CIs"
    assert graph.ytitle == "Linear Prediction" and graph.xtitle == "x"
    kinds = [s.kind for s in graph.panels[0].series]
    assert kinds.count("connected") == 3 and kinds.count("rcap") == 3
    assert [s.label for s in graph.panels[0].series if s.kind == "connected"] == ["g=0", "g=1", "g=2"]
    run("marginsplot, recast(line) recastci(rarea) noci")
    kinds = [s.kind for s in session.graphs[-1].panels[0].series]
    assert kinds == ["line", "line", "line"]
    run("marginsplot, recastci(rarea) by(g) title(Mine)")
    g = session.graphs[-1]
    assert len(g.panels) == 3 and g.title == "Mine" and g.panels[0].series[0].kind == "area"
    path = tmp_path / "m.png"
    out, rc = run(f"graph export {path}, replace")
    assert rc == 0 and path.read_bytes()[:4] == b"\x89PNG"
    out, rc = run("marginsplot, recast(lfit)", stop_on_error=False)
    assert rc == 198


def test_marginsplot_of_effects_over_factor_levels(ols):
    session, run = ols
    run("quietly margins g, dydx(x)")
    run("marginsplot")
    graph = session.graphs[-1]
    assert graph.title == "Average Marginal Effects of x with 95% CIs"
    assert graph.ytitle == "Effects on Linear Prediction"
    assert graph.xaxis.ticklabels == ((0.0, "0"), (1.0, "1"), (2.0, "2"))


def test_vce_unconditional_is_labelled_and_needs_the_fits_scores(ols, stata):
    session, run = ols
    run("quietly regress y c.x##i.g i.f z, vce(robust)")  # margins' ._parse_vce: a robust fit
    out, rc = run("margins g, vce(unconditional)")
    assert rc == 0 and "Unconditional" in out and "Delta-method" not in out
    assert session.r["vce"] == "unconditional"
    delta = run("margins g")[0]
    assert "Delta-method" in delta and session.r["vce"] == "delta"
    session, run = stata(_data())
    run("quietly mixed y x || grp:")
    out, rc = run("margins, vce(unconditional)", stop_on_error=False)
    assert rc == 322 and "allowed only after estimation with robust, semirobust, or linearized" in out
    session, run = stata(_data())
    run("quietly regress y x [fweight=w], vce(robust)")
    out, rc = run("margins, vce(unconditional)", stop_on_error=False)
    assert rc == 198 and "with weights" in out


def test_mcompare_adjusts_plain_margins_within_each_term(ols):
    session, run = ols
    run("quietly margins g f")
    plain = session.r["table"]
    out, rc = run("margins g f, mcompare(bonferroni)")
    assert rc == 0 and "Comparisons" in out and "Bonferroni" in out
    table = session.r["table"]
    row = {n: i for i, n in enumerate(table.rownames)}
    names = list(table.colnames)
    g_cols = [i for i, n in enumerate(names) if n.endswith(".g")]
    # three margins of g: p x 3, intervals at the 1 - .05/6 quantile
    raw_p = plain.values[row["pvalue"], g_cols]
    assert np.allclose(table.values[row["pvalue"], g_cols], np.minimum(1, 3 * raw_p))
    from scipy import stats
    crit = stats.t.ppf(1 - 0.05 / 6, session.r["df_r"])
    assert np.allclose(table.values[row["crit"], g_cols], crit)
    assert session.r["mcmethod"] == "bonferroni"
    out, rc = run("marginsplot, level(90)", stop_on_error=False)
    assert rc == 198 and "mcompare" in out


def test_contrast_of_an_interaction_the_model_omits_is_exactly_zero(ols):
    session, run = ols
    out, rc = run("contrast r.g#r.f")
    assert rc == 0 and "(omitted)" in out
    assert np.all(session.r["b"].values == 0.0)
    assert np.all(session.r["V"].values == 0.0)
    assert out.count("(omitted)") == 3  # both rows and the joint test: rounding is not a df


def test_rounding_floor_separates_cancelled_contrasts_from_small_ones():
    from mlmcli.margins.inference import rounding_floor, wald

    V = np.array([[0.01, 0.002], [0.002, 0.01]])
    L = np.array([[1.0, -1.0], [1.0, 1.0]])
    floor = rounding_floor(L, V)
    assert np.allclose(floor, 1e-13 * np.array([0.024, 0.024]))
    # a contrast whose variance is a few ulps of its terms counts as zero; a real one does not
    noisy = V + np.array([[0.0, 1e-18], [1e-18, 0.0]])
    assert wald(L[:1], np.array([1.0, 1.0]), V, None).df == 1
    assert wald(np.array([[1.0, -1.0]]), np.zeros(2), np.full((2, 2), 0.01) + 2e-18 * np.eye(2), None).df == 0
    assert wald(L, np.array([0.3, 0.1]), noisy, 50).df == 2


def test_contrasts_of_at_and_over_groups_are_computed_not_empty(new_session, run):
    """margins, contrast with no marginlist term (its default: contrasts of the _at scenarios
    within the over() groups) and the _at/over() suboptions (overjoint, heldout/cordova-kras)
    give a table (mg65's contrast blocks; numbers in test_margins_contrast_joint), never an
    empty one."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(5)
    n = 300
    df = pd.DataFrame({"f": (np.arange(n) % 2).astype(float), "d": (rng.uniform(size=n) > .5).astype(float)})
    df["y"] = (rng.uniform(size=n) < 1 / (1 + np.exp(0.3 - df["d"] - 0.4 * df["f"] * df["d"]))).astype(float)
    s = new_session(df)
    out, rc = run(s, "quietly logit y i.d##i.f")
    assert rc == 0, out
    out, rc = run(s, "margins, over(f) at(d=(0 1)) contrast(effects)")  # mg65: Stata's note, the margins
    assert rc == 0 and "note: ignoring contrast options" in out and "Margin" in out, out
    for text in ("margins, over(f) at(d=(0 1)) contrast(effects overjoint)", "margins d, contrast(atjoint)"):
        out, rc = run(s, text)
        assert rc == 0 and "Contrast" in out and "|" in out, (text, out)
    out, rc = run(s, "margins d, contrast(effects)")  # a marginlist term: contrasted as before
    assert rc == 0 and "(1 vs 0)" in out, out
