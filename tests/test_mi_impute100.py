"""``mi impute`` (regress, pmm, logit, ologit, mlogit, poisson, chained) and ``mi set M``.

mlm's random stream is numpy's, not Stata's, so imputed values cannot be compared with
Stata's.  What is knowable is checked: observed values untouched, only missing cells filled,
M imputations added in each style, pmm imputations are observed donor values (of the same
by() group), the regress imputations follow the posterior predictive distribution of
[MI] mi impute regress (Methods and formulas: mean x0 b, variance s^2 (n - q)/(n - q - 2)
(1 + x0 (X'X)^-1 x0')) over many draws, the model fits behind logit/ologit/mlogit/poisson are
those of mlm's own estimation commands, runs are reproducible under rseed(), mi estimate
pools the imputations, and failing commands leave the data unchanged.  The header and table
layout follow Stata's output as printed in a public log (mi impute chained, add(12)).
"""
import numpy as np
import pandas as pd
import pytest

from mlmcli.mi import posterior_draws, styles
from mlmcli.mi.imputation_storage import imputation_values


def _data(n=120, seed=3):
    rng = np.random.default_rng(seed)
    g = np.repeat([1.0, 2.0, 3.0], n // 3)
    x = rng.normal(size=n)
    y = 1 + 0.8 * x + 0.5 * g + rng.normal(size=n)
    b = (rng.random(n) < 1 / (1 + np.exp(-(x - 0.2)))).astype(float)
    c = np.clip(np.round(1.5 + x + rng.normal(size=n) * 0.8), 0, 3)  # 0..3, ordered
    k = rng.poisson(np.exp(0.5 + 0.3 * x)).astype(float)
    frame = pd.DataFrame({"g": g, "x": x, "y": y, "b": b, "c": c, "k": k})
    for name, share in (("y", 0.25), ("b", 0.15), ("c", 0.2), ("k", 0.1)):
        v = frame[name].to_numpy().copy()
        v[rng.random(n) < share] = np.nan
        frame[name] = v
    return frame


def _setup(style, names="y"):
    return f"mi set {style}\nmi register imputed {names}\n"


@pytest.mark.parametrize("style", ["wide", "mlong", "flong"])
def test_regress_fills_only_missing_cells_in_each_style(do, style):
    frame = _data()
    rc, out, s = do(_setup(style) + "mi impute regress y x i.g, add(3) rseed(11)", df=frame)
    assert rc == 0, out
    ds = s.data
    assert styles.n_imputations(ds) == 3 and ds.chars["_mi_M"] == "3"
    observed = ~np.isnan(frame["y"].to_numpy())
    for m in (1, 2, 3):
        v = imputation_values(ds, m, "y")
        np.testing.assert_array_equal(v[observed], frame["y"].to_numpy()[observed].astype(np.float32).astype(float)
                                      if ds.types.get("y") == "float" else frame["y"].to_numpy()[observed])
        assert not np.isnan(v).any()
    np.testing.assert_array_equal(np.isnan(styles.completed(ds, 0).numeric("y")), ~observed)  # m = 0 untouched
    if style == "flong":
        assert ds.nobs == 4 * len(frame)
    if style == "mlong":
        assert ds.nobs == len(frame) + 3 * int((~observed).sum())
    assert s.r["M"] == 3 and s.r["M_add"] == 3 and s.r["method"] == "regress"
    assert "Univariate imputation                       Imputations =        3" in out
    assert "Linear regression                                 added =        3" in out
    assert "Imputed: m=1 through m=3                        updated =        0" in out
    n_mis = int((~observed).sum())
    row = f"{'y':>18} |{int(observed.sum()):>11}{n_mis:>13}{n_mis:>10} |{len(frame):>10}"
    assert row in out.splitlines()


def test_pmm_imputes_observed_donor_values_within_by_groups(do):
    frame = _data()
    rc, out, s = do(_setup("flong") + "mi impute pmm y x, add(4) knn(3) by(g) rseed(5)", df=frame)
    assert rc == 0, out
    y0, g = frame["y"].to_numpy(), frame["g"].to_numpy()
    for m in range(1, 5):
        v = imputation_values(s.data, m, "y")
        for group in (1.0, 2.0, 3.0):
            donors = set(y0[(g == group) & ~np.isnan(y0)])
            assert set(v[(g == group) & np.isnan(y0)]) <= donors
    assert "Predictive mean matching" in out and s.r["knn"] == 3


def test_regress_draws_follow_the_posterior_predictive_distribution():
    rng_data = np.random.default_rng(1)
    n = 30
    X = np.column_stack([rng_data.normal(size=n), np.ones(n)])
    y = X @ np.array([0.7, 2.0]) + rng_data.normal(size=n) * 1.5
    x0 = np.array([[1.5, 1.0]])
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    s2 = float(np.sum((y - X @ b) ** 2)) / (n - 2)
    mean = float(x0[0] @ b)
    var = s2 * (n - 2) / (n - 4) * (1 + float(x0[0] @ np.linalg.inv(X.T @ X) @ x0[0]))
    rng = np.random.default_rng(20261207)
    draws = np.array([posterior_draws.draw_regress(rng, X, y, x0)[0] for _ in range(6000)])
    assert abs(draws.mean() - mean) < 4 * np.sqrt(var / len(draws))
    assert abs(draws.var() / var - 1) < 0.08


@pytest.mark.parametrize("method, command", [("logit", "logit b x"), ("poisson", "poisson k x"),
                                             ("mlogit", "mlogit c x"), ("ologit", "ologit c x")])
def test_model_fits_are_the_estimation_commands(do, method, command):
    frame = _data(n=300, seed=8).dropna()
    rc, out, s = do(f"quietly {command}", df=frame)
    assert rc == 0, out
    target = command.split()[1]
    y = frame[target].to_numpy()
    X = np.column_stack([frame["x"].to_numpy(), np.ones(len(frame))])
    w = np.ones(len(y))
    if method == "logit":
        b, V, ok = posterior_draws._logit_fit(X, y, w)
    elif method == "poisson":
        b, V, ok = posterior_draws._poisson_fit(X, y, w)
    elif method == "mlogit":
        levels = np.unique(y)
        codes = np.searchsorted(levels, y)
        base = int(np.argmax(np.bincount(codes)))
        order = [base] + [k for k in range(len(levels)) if k != base]
        b, V, ok = posterior_draws._mlogit_fit(X, (codes[:, None] == np.array(order)[None, :]).astype(float), w)
        stata_b = np.asarray(s.e.matrices["b"].values, float).ravel()
        stata_b = stata_b[np.abs(stata_b) > 0]  # the base outcome's zeros dropped
        assert ok
        np.testing.assert_allclose(b, stata_b, rtol=1e-4, atol=1e-6)
        return
    else:
        codes = np.searchsorted(np.unique(y), y)
        b, V, ok = posterior_draws._ologit_fit(X[:, :1], codes, len(np.unique(y)), w)
    assert ok
    stata_b = np.asarray(s.e.matrices["b"].values, float).ravel()
    stata_V = np.asarray(s.e.matrices["V"].values, float)
    np.testing.assert_allclose(b, stata_b, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(V, stata_V, rtol=2e-3, atol=1e-8)


def test_chained_imputes_each_kind_in_its_own_values(do):
    frame = _data()
    rc, out, s = do(_setup("mlong", "y b c k") + "mi impute chained (regress) y (logit) b (mlogit) c "
                    "(poisson) k = x i.g, add(2) rseed(9) burnin(3)", df=frame)
    assert rc == 0, out
    for m in (1, 2):
        assert set(imputation_values(s.data, m, "b")) <= {0.0, 1.0}
        assert set(imputation_values(s.data, m, "c")) <= set(frame["c"].dropna())
        k = imputation_values(s.data, m, "k")
        assert np.all(k >= 0) and np.all(k == np.round(k))
        assert not np.isnan(imputation_values(s.data, m, "y")).any()
    # visited from the most observed (ties as typed)
    order = sorted(["y", "b", "c", "k"], key=lambda n: int(frame[n].isna().sum()))
    lines = out.splitlines()
    start = lines.index("Conditional models:")
    assert [ln.split(":")[0].strip() for ln in lines[start + 1:start + 5]] == order
    y_line = next(ln.strip() for ln in lines[start + 1:start + 5] if ln.strip().startswith("y:"))
    others = [("i." + n if n in "bc" else n) for n in order if n != "y"]
    assert y_line == "y: regress y " + " ".join(others) + " x i.g"
    assert "Iterations =        6" in out and "burn-in =        3" in out
    assert f"{'c':>18}: multinomial logistic regression" in lines
    methods = {"y": "regress", "b": "logit", "c": "mlogit", "k": "poisson"}
    assert s.r["uvmethods"] == " ".join(methods[n] for n in order) and s.r["burnin"] == 3


def test_chained_header_and_table_layout_match_stata_log():
    from mlmcli.render.mi_impute_display import render_mi_impute
    from mlmcli.results.mi import ImputedCounts, MIImputation

    r = MIImputation(chained=True, method_title="Chained equations", M=12, added=12, updated=0, first=1, last=12,
                     rows=(ImputedCounts("dap_age2016", 308, 3, 3),), methods=(("dap_age2016", "linear regression"),),
                     iterations=120, burnin=10)
    text = render_mi_impute(r).splitlines()
    expected = """
Multivariate imputation                     Imputations =       12
Chained equations                                 added =       12
Imputed: m=1 through m=12                       updated =        0

Initialization: monotone                     Iterations =      120
                                                burn-in =       10

       dap_age2016: linear regression

------------------------------------------------------------------
                   |               Observations per m             
                   |----------------------------------------------
          Variable |   Complete   Incomplete   Imputed |     Total
-------------------+-----------------------------------+----------
       dap_age2016 |        308            3         3 |       311
------------------------------------------------------------------
(complete + incomplete = total; imputed is the minimum across m
 of the number of filled-in observations.)""".splitlines()
    assert text == expected


def test_monotone_pattern_needs_no_iteration(do):
    frame = _data()
    rc, out, s = do(_setup("flong", "y") + "mi impute chained (pmm, knn(5)) y = x, add(2) rseed(1)", df=frame)
    assert rc == 0, out
    assert "note: missing-value pattern is monotone; no iteration performed" in out
    assert "Conditional models (monotone):" in out and "Iterations =        0" in out


def test_rseed_reproduces_and_another_seed_differs(do):
    frame = _data()
    text = _setup("wide", "y c") + "mi impute chained (pmm, knn(4)) y (ologit) c = x, add(2) rseed({})"
    runs = [do(text.format(seed), df=frame.copy())[2].data for seed in (42, 42, 43)]
    for name in ("_1_y", "_2_y", "_1_c", "_2_c"):
        np.testing.assert_array_equal(runs[0].numeric(name), runs[1].numeric(name))
    assert not np.array_equal(runs[0].numeric("_1_y"), runs[2].numeric("_1_y"))


def test_mi_estimate_pools_after_impute(do):
    frame = _data()
    rc, out, s = do(_setup("flong") + "quietly mi impute regress y x i.g, add(5) rseed(2)\n"
                    "mi estimate: regress y x i.g", df=frame)
    assert rc == 0, out
    assert s.e.scalars["M_mi"] == 5
    b = np.asarray(s.e.matrices["b_mi"].values, float).ravel()
    assert abs(b[0] - 0.8) < 0.4  # the slope the data were made with


def test_add_then_replace(do):
    frame = _data()
    rc, out, s = do(_setup("flong") + "quietly mi impute regress y x, add(2) rseed(2)\n"
                    "mi impute regress y x, add(1) rseed(3)", df=frame)
    assert rc == 0 and "Imputed: m=3 through m=3" in out and "Imputations =        3" in out
    first = imputation_values(s.data, 1, "y")
    rc, out, s = do("mi impute regress y x, replace rseed(4)", session=s)
    assert rc == 0 and "updated =        3" in out and "added =        0" in out
    assert not np.array_equal(first, imputation_values(s.data, 1, "y"))


@pytest.mark.parametrize("text, rc, message", [
    ("mi impute pmm y x, add(2)", 198, "option knn() is required"),
    ("mi impute regress y x", 198, "option add() is required"),
    ("mi impute regress x y, add(2)", 459, "not registered as imputed"),
    ("mi impute regress y x, add(2) noisily", 198, "option noisily of mi impute is not implemented"),
    ("mi impute regress y x, add(2) cond(x > 0)", 198, "option conditional of mi impute is not implemented"),
    ("mi impute regress y x [fw=g], add(2)", 198, "weights of mi impute are not implemented"),
    ("mi impute mvn y = x, add(2)", 198, "mi impute mvn is not implemented in mlm"),
    ("mi impute regress y y2, add(2)", 498, "missing imputed values produced"),
    ("mi impute chained (logit) b = d, add(2)", 498, "perfect predictor"),
    ("mi impute regress y x, add(2) bogus", 198, "option bogus not allowed"),
])
def test_failing_commands_leave_data_unchanged(do, text, rc, message):
    frame = _data()
    frame["y2"] = np.where(np.arange(len(frame)) % 7 == 0, np.nan, frame["x"])
    frame["d"] = (frame["x"] > 0).astype(float)
    frame.loc[frame["d"] == 1, "b"] = 1.0  # d = 1 predicts b = 1 perfectly
    rc0, out0, s = do(_setup("flong", "y b"), df=frame)
    assert rc0 == 0, out0
    before = s.data.df.copy()
    got, out, s = do(text, session=s)
    assert got == rc and message in out, out
    pd.testing.assert_frame_equal(s.data.df, before)
    assert s.data.chars["_mi_M"] == "0"


def test_force_and_augment_proceed(do):
    frame = _data()
    frame["y2"] = np.where(np.arange(len(frame)) % 7 == 0, np.nan, frame["x"])
    frame["d"] = (frame["x"] > 0).astype(float)
    frame.loc[frame["d"] == 1, "b"] = 1.0
    rc, out, s = do(_setup("flong", "y b") + "mi impute regress y y2, add(2) force rseed(1)", df=frame)
    assert rc == 0, out
    v = imputation_values(s.data, 1, "y")
    assert np.isnan(v).any() and not np.isnan(v[~np.isnan(frame["y2"].to_numpy())]).any()
    rc, out, s = do(_setup("flong", "b") + "mi impute chained (logit) b = d, add(2) augment rseed(1)", df=frame)
    assert rc == 0, out
    assert set(imputation_values(s.data, 2, "b")) <= {0.0, 1.0}


def test_mi_set_M(do):
    frame = _data()
    rc, out, s = do(_setup("mlong") + "mi set M = 3", df=frame)
    assert rc == 0 and styles.n_imputations(s.data) == 3, out
    assert s.data.nobs == len(frame) + 3 * int(frame["y"].isna().sum())
    rc, out, s = do("mi set M -= 1\nmi query", session=s)
    assert rc == 0 and "M = 2" in out and s.data.nobs == len(frame) + 2 * int(frame["y"].isna().sum())


def test_hard_missing_values_are_not_imputed(do):
    frame = _data()
    rc, out, s = do("replace y = .a in 1/5\n" + _setup("flong") + "mi impute pmm y x, add(2) knn(3) rseed(1)",
                    df=frame)
    assert rc == 0, out
    from mlmcli.missing import code
    for m in (1, 2):
        v = imputation_values(s.data, m, "y")
        assert list(code(v[:5])) == [1] * 5  # .a kept
        assert not np.isnan(v[5:]).any()
    n_missing = int((frame["y"].isna() | (np.arange(len(frame)) < 5)).sum())
    row = f"{'y':>18} |{len(frame) - n_missing:>11}{n_missing:>13}{n_missing - 5:>10} |{len(frame):>10}"
    assert row in out.splitlines()


def test_chained_takes_knn_only_within_the_method(do):
    rc, out, _ = do(_setup("flong") + "mi impute chained (pmm) y = x, add(2) knn(3)", df=_data())
    assert rc == 198 and "option knn() not allowed" in out


def test_chained_equation_options_and_if(do):
    frame = _data()
    frame["k"] = frame["k"].fillna(0.0)
    rc, out, s = do(_setup("flong", "y b c") + "mi impute chained (regress if g != 1, omit(c)) y "
                    "(logit, include(k)) b (ologit, noimputed) c = x, add(2) rseed(4) force orderasis", df=frame)
    assert rc == 0, out
    lines = [ln.strip() for ln in out.splitlines()]
    assert "y: regress y i.b x if g != 1" in lines
    assert "b: logit b y i.c x k" in lines
    assert "c: ologit c x" in lines
    y = imputation_values(s.data, 1, "y")
    g, y0 = frame["g"].to_numpy(), frame["y"].to_numpy()
    assert np.isnan(y[(g == 1) & np.isnan(y0)]).all() and not np.isnan(y[g != 1]).any()


@pytest.mark.parametrize("double", [False, True])
def test_regress_values_are_floats_unless_double(do, double):
    frame = _data()
    rc, out, s = do(_setup("flong") + f"mi impute regress y x, add(1) rseed(6){' double' if double else ''}",
                    df=frame)
    assert rc == 0, out
    v = imputation_values(s.data, 1, "y")[frame["y"].isna().to_numpy()]
    assert np.array_equal(v, v.astype(np.float32).astype(float)) != double


def test_wide_regress_of_a_byte_variable_promotes_it(do, tmp_path):
    frame = _data()
    path = tmp_path / "imputed.dta"
    rc, out, s = do("recast byte c\n" + _setup("wide", "c") + f"mi impute regress c x, add(2) rseed(3)\n"
                    f"save \"{path}\"\nuse \"{path}\", clear\nmi extract 1, clear", df=frame)
    assert rc == 0, out
    assert s.data.types["c"] == "float"
    values = s.data.numeric("c")
    assert not np.isnan(values).any() and np.any(values != np.round(values))  # not truncated to bytes
