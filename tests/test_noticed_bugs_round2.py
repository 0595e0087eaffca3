"""Bugs noticed in earlier sessions, each reproduced first (round 2): glm igaussian starts,
margins with offset()/exposure(), exponentiated tables' base rows, the aweights' sum-of-weight
line, conftest's new_session copying, stcox with a constant covariate."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).resolve().parent / "reference_values"


# ---- 1. glm, family(igaussian): the IRLS start step outside the mean's domain -------------------
@pytest.fixture(scope="module")
def igaussian_data():
    return pd.read_csv(REF / "igaussian_power.csv")


@pytest.mark.parametrize("key,link", [("power_m2", "link(power -2)"), ("power_m2", ""), ("log", "link(log)")])
def test_igaussian_fits_where_the_start_step_left_the_domain(do, igaussian_data, key, link):
    """The IRLS start gives eta < 0 for two observations (mu = eta^-1/2 undefined) and b = 0 is
    mu = inf: this crashed with "Eigenvalues did not converge". R (start at the constant-only
    mean) gives the values of igaussian_power.json; ml's stopping rule (relative change of the
    log likelihood below 1e-7) ends one quadratic step short of R's full convergence, so the
    coefficients agree to about 5e-6 relative."""
    ref = json.loads((REF / "igaussian_power.json").read_text())[key]
    rc, out, s = do(f"glm y x z, family(igaussian) {link}", igaussian_data.copy())
    assert rc == 0, out
    b = s.e.matrices["b"].values[0]
    assert b == pytest.approx(ref["b"], rel=1e-5, abs=1e-7)
    assert s.e.scalars["converged"] == 1
    assert s.e.scalars["deviance"] == pytest.approx(ref["deviance"], rel=1e-7)
    assert s.e.scalars["deviance_p"] == pytest.approx(ref["pearson"], rel=1e-6)
    if key == "power_m2":  # the canonical link: R's expected information is the observed one
        se = np.sqrt(np.diag(s.e.matrices["V"].values))
        assert se == pytest.approx(ref["se"], rel=1e-5)


def test_igaussian_without_a_feasible_start_is_statas_error(do, igaussian_data):
    """No constant: b = 0 is mu = inf and the IRLS step leaves the domain; ml's r(491)."""
    rc, out, _ = do("glm y x z, family(igaussian) link(power -2) noconstant", igaussian_data.copy())
    assert rc == 491
    assert "could not find feasible values" in out
    assert "Traceback" not in out and "internal error" not in out


# ---- 2. margins with offset()/exposure(); xtpoisson, re with factor variables ----------------------
def _count_panel(n=300, seed=7):
    rng = np.random.default_rng(seed)
    id_ = np.repeat(np.arange(1, n // 5 + 1), 5)
    x = rng.normal(size=n)
    g = np.arange(1, n + 1) % 3
    t = rng.uniform(size=n) * 3 + 0.5
    u = rng.normal(scale=0.3, size=n // 5)[id_ - 1]
    y = rng.poisson(t * np.exp(0.2 + 0.3 * x + u))
    yb = (rng.uniform(size=n) < 1 / (1 + np.exp(0.5 - x - np.log(t)))).astype(float)
    return pd.DataFrame({"id": id_, "x": x, "g": g.astype(float), "t": t, "lt": np.log(t),
                         "y": y.astype(float), "yb": yb, "g1": (g == 1) * 1.0, "g2": (g == 2) * 1.0})


def test_xtpoisson_re_with_a_factor_variable_fits_as_with_dummies(do):
    """The gamma fit took e(b)'s estimable positions as columns of a design that has no base
    column (IndexError); i.g and hand-made dummies are the same model."""
    data = _count_panel()
    rc, out, s = do("xtset id\nxtpoisson y x i.g, re exposure(t)", data.copy())
    assert rc == 0, out
    factor = s.e.matrices["b"].values[0]
    rc, out, s = do("xtset id\nxtpoisson y x g1 g2, re exposure(t)", data.copy())
    assert rc == 0, out
    dummies = s.e.matrices["b"].values[0]
    assert factor[0] == pytest.approx(dummies[0], rel=1e-8)
    assert factor[1] == 0  # 0b.g
    assert factor[2:] == pytest.approx(dummies[1:], rel=1e-7, abs=1e-9)


def _index(s, data, offset=True):
    """x b (+ ln t) on every row from e(b) by name (x, 1.g, 2.g, _cons; any equation)."""
    b = {}
    for name, v in zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]):
        b.setdefault(name.split(":")[-1], v)  # the first equation's (not lnalpha:_cons)
    xb = (b.get("_cons", 0.0) + b["x"] * data["x"].to_numpy() + np.where(data["g"] == 1, b.get("1.g", 0.0), 0.0)
          + np.where(data["g"] == 2, b.get("2.g", 0.0), 0.0))
    return xb + data["lt"].to_numpy() if offset else xb


@pytest.mark.parametrize("command,mean", [
    ("xtgee y x i.g, family(poisson) exposure(t)", np.exp),  # was KeyError: 't'
    ("xtgee y x i.g, family(poisson) offset(lt)", np.exp),
    ("xtnbreg y x i.g, exposure(t) fe", None),  # xb, the default: was KeyError: 't'
    ("xtpoisson y x i.g, exposure(t) fe", None),  # xb, the default: dropped the offset
    ("poisson y x i.g, exposure(t)", np.exp),
    ("nbreg y x i.g, exposure(t)", np.exp),
    ("mepoisson y x i.g, exposure(t) || id:", np.exp),
])
def test_margins_default_prediction_includes_the_offset(do, command, mean):
    """Stata's margins predicts with predict's default statistic, whose n/mu/xb include the
    offset (ln of the exposure): the margin is the sample mean of h(x b + offset), computed
    here from e(b); ``margins g``: the same with every row at g = k."""
    data = _count_panel()
    rc, out, s = do(f"xtset id\n{command}\nmargins\nmargins g", data.copy())
    assert rc == 0, out
    assert "Traceback" not in out and "internal error" not in out
    h = mean or (lambda v: v)
    at_levels = [h(_index(s, data.assign(g=float(k)))).mean() for k in (0, 1, 2)]  # every row at g = k
    assert s.r["b"].values[0] == pytest.approx(at_levels, rel=1e-9)
    rc, _, s = do("margins", session=s)
    assert s.r["b"].values[0, 0] == pytest.approx(h(_index(s, data)).mean(), rel=1e-9)


def test_xtpoisson_fe_predictions_include_the_offset(do):
    """predict xb and nu0 after xtpoisson, fe exposure() are x b + ln t and exp(x b + ln t);
    iru0 (Stata's pu0 here) is exp(x b); margins, predict(nu0) averages nu0."""
    data = _count_panel()
    rc, out, s = do("xtset id\nxtpoisson y x i.g, exposure(t) fe\npredict xb1, xb\npredict n1, nu0\n"
                    "predict r1, pu0\nmargins, predict(nu0)", data.copy())
    assert rc == 0, out
    df = s.data.df
    assert df["xb1"].to_numpy() == pytest.approx(_index(s, data), rel=1e-6)
    assert df["n1"].to_numpy() == pytest.approx(np.exp(_index(s, data)), rel=1e-6)
    assert df["r1"].to_numpy() == pytest.approx(np.exp(_index(s, data, offset=False)), rel=1e-6)
    assert s.r["b"].values[0, 0] == pytest.approx(np.exp(_index(s, data)).mean(), rel=1e-9)


# ---- 3. exponentiated tables: base/omitted rows show exp(0) = 1 --------------------------------------
def _eform_data(n=300, seed=11):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    g = (np.arange(n) % 3).astype(float)
    t = rng.uniform(size=n) * 3 + 0.5
    return pd.DataFrame({
        "id": np.repeat(np.arange(n // 6), 6).astype(float), "x": x, "x2": 2 * x, "g": g, "t": t,
        "y": rng.poisson(t * np.exp(0.2 + 0.3 * x)).astype(float),
        "yb": (rng.uniform(size=n) < 1 / (1 + np.exp(0.5 - x))).astype(float),
        "m": (1 + (rng.uniform(size=n) < .5) + (rng.uniform(size=n) < .3)).astype(float)})


@pytest.mark.parametrize("command", [
    "logit yb x x2 i.g, or baselevels", "logistic yb x x2 i.g, baselevels", "poisson y x x2 i.g, irr baselevels",
    "nbreg y x x2 i.g, irr baselevels", "glm y x x2 i.g, family(poisson) eform baselevels",
    "ologit m x x2 i.g, or baselevels", "mlogit m x x2 i.g, rrr baselevels",
    "stset t\nstcox x x2 i.g", "xtset id\nxtlogit yb x x2 i.g, or baselevels",
    "xtset id\nxtgee y x x2 i.g, family(poisson) eform baselevels", "mepoisson y x x2 i.g || id:, irr baselevels",
])
def test_exponentiated_tables_show_one_on_base_and_omitted_rows(do, command):
    """Stata's eform tables print exp(0) = 1 on base and omitted rows ("1  (base)",
    "1  (omitted)"); mlm printed 0."""
    rc, out, _ = do(command, _eform_data())
    assert rc == 0, out
    omitted = [ln for ln in out.splitlines() if ln.endswith("(omitted)")]
    assert omitted and all(ln.endswith("|          1  (omitted)") for ln in omitted), out
    base = [ln for ln in out.splitlines() if ln.endswith("(base)")]
    if "baselevels" in command:
        assert base and all(ln.endswith("|          1  (base)") for ln in base), out
    assert not any(ln.endswith(("0  (base)", "0  (omitted)")) for ln in out.splitlines()), out


def test_coefficient_tables_keep_zero_on_base_rows(do):
    rc, out, _ = do("logit yb x x2 i.g, baselevels", _eform_data())
    assert rc == 0, out
    assert "          0  |          0  (base)" in out
    assert "          x2 |          0  (omitted)" in out


def test_xtlogit_re_honours_baselevels(do):
    """xtlogit, re accepted baselevels and showed no base rows (silently ignored)."""
    rc, out, s = do("xtset id\nxtlogit yb x i.g, baselevels", _eform_data())
    assert rc == 0, out
    assert "          0  |          0  (base)" in out
    rc, out, _ = do("xtlogit, or baselevels", session=s)
    assert rc == 0, out
    assert "          0  |          1  (base)" in out


# ---- 4. regress with aweights/pweights: "(sum of wgt is   7.5821e+01)" -----------------------------
@pytest.mark.parametrize("weight,shown", [("aw", True), ("pw", True), ("iw", False), ("fw", False)])
def test_regress_prints_the_sum_of_aweights_and_pweights(do, weight, shown):
    """Stata's regress prints ``(sum of wgt is `` %12.4e ``)`` first for aweights and
    pweights (the sum over the estimation sample), not for fweights or iweights; summarize
    shows the sum in its Weight column instead."""
    rng = np.random.default_rng(5)
    data = pd.DataFrame({"x": rng.normal(size=40), "w": np.arange(1, 41, dtype=float)})
    data["y"] = data["x"] + rng.normal(size=40)
    data.loc[3, "y"] = np.nan  # w = 4 not in the sample: the sum is 820 - 4
    rc, out, _ = do(f"regress y x [{weight}=w]", data)
    assert rc == 0, out
    lines = out.splitlines()
    if shown:
        assert lines[0] == "(sum of wgt is   8.1600e+02)" and lines[1] == ""
    else:
        assert "sum of wgt" not in out
    rc, out, _ = do(f"quietly regress y x [{weight}=w]", data)
    assert out == ""


# ---- 5. conftest's new_session leaves the caller's DataFrame alone ----------------------------------
def test_new_session_does_not_mutate_the_callers_frame(new_session, run):
    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0]})
    s = new_session(frame)
    out, rc = run(s, "replace x = 0\ngenerate z = 1")
    assert rc == 0, out
    assert list(frame.columns) == ["x"] and frame["x"].tolist() == [1.0, 2.0, 3.0]
    assert s.data.df["x"].tolist() == [0.0, 0.0, 0.0]
    shifted = pd.DataFrame({"x": [1.0, 2.0]}, index=[5, 6])  # a non-default index: reset, a copy too
    s = new_session(shifted)
    run(s, "replace x = 0")
    assert shifted["x"].tolist() == [1.0, 2.0]


def test_do_does_not_mutate_the_callers_frame(do):
    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0]})
    rc, out, _ = do("replace x = x * 10\ndrop in 1", frame)
    assert rc == 0, out
    assert frame["x"].tolist() == [1.0, 2.0, 3.0]


# ---- 6. stcox with a covariate constant on the sample: omitted, as Stata does ------------------------
def _cox_data(n=100, seed=9):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    return pd.DataFrame({"x": x, "c": np.ones(n), "g": (np.arange(n) % 3).astype(float),
                         "t": -np.log(rng.uniform(size=n)) * np.exp(-0.5 * x),
                         "d": (rng.uniform(size=n) < .8).astype(float)})


@pytest.mark.parametrize("constant", ["c", "c if x > 0", "x c i.g"])
def test_stcox_omits_a_covariate_constant_on_the_sample(do, constant):
    """``stcox x c`` (c = 1) iterated 16,000 times "not concave" and ended r(430); Stata omits c
    ("note: c omitted because of collinearity", the row "1  (omitted)") and fits the rest:
    the same fit as without c."""
    words = constant.split(" if ")
    covariates = words[0] if words[0].startswith("x") else "x " + words[0]
    cond = f" if {words[1]}" if len(words) > 1 else ""
    rc, out, s = do(f"stset t, failure(d)\nstcox {covariates}{cond}", _cox_data())
    assert rc == 0, out
    assert "note: c omitted because of collinearity" in out
    assert "           c |          1  (omitted)" in out
    assert "not concave" not in out
    with_c = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    ll = s.e.scalars["ll"]
    rc, out, s = do(f"stcox {covariates.replace(' c', '')}{cond}", session=s)
    assert rc == 0, out
    without = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    assert with_c.pop("o.c") == 0
    assert with_c == pytest.approx(without, rel=1e-10)
    assert s.e.scalars["ll"] == pytest.approx(ll, rel=1e-12)


def test_stcox_note_follows_the_st_lines(do):
    rc, out, s = do("stset t, failure(d)\nstcox x c", _cox_data())
    lines = out.splitlines()
    at = lines.index("note: c omitted because of collinearity")
    assert lines[at - 1].strip().startswith("analysis time _t:") and lines[at + 1] == ""
    assert lines[at + 2].startswith("Iteration 0:")
    rc, out, s = do("stcox\npredict h, hr", session=s)  # a replay repeats no note; predict works
    assert rc == 0, out
    assert "note:" not in out
    assert s.data.df["h"].to_numpy() == pytest.approx(np.exp(s.e.matrices["b"].values[0][0] * s.data.df["x"]))
