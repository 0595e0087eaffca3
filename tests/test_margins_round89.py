"""margins leftovers (mg89): mlogit's outcome() value-vs-index rule, predict(pr d1() d2()) after
mlogit, vce(unconditional) after replication-based VCEs, margins pwcompare with saving(), and
margins after asclogit.

Evidence (docs/margins.md, "Leftovers (mg89)"):
- mlogit_p's ``Eq`` (Stata 12's 11.0.0 and Stata 15's 11.1.4 alike): ``#k`` is the k-th outcome, a
  number is an outcome *value* (reldif < 1e-7 against e(out)), anything else an equation name;
  "outcome 1 not found" / "equation #4 not found", r(303).  Checked here by a property of mlogit
  with a constant: the average predicted probability of each outcome is its sample share.
- mlogit_p 11.1.4 (Stata 15) ``pr d1() d2()``: D1P/D2P's closed forms (written out below as
  mlogit_p writes them, in exp(xb) and den = 1 + sum exp(xb)); a derivative in the base outcome's
  index is 0.  The margins' standard errors: delta method by central differences in e(b).
- ``_marg_work.class`` ``._parse_vce`` (Stata 12's and Stata 16's): without svy, e(vce) must be
  robust or cluster, else r(322).
- ``_marg_save.ado`` (Stata 16): after pwcompare the file is built from e(b_vs) and r(table_vs),
  ``_dta[cmd]`` is e(cmd), the title e(title), and CMP2VL adds ``_pw`` (= _n, labelled).
- Stata 12's asclogit.ado posts e(marginsnotok) _ALL; _marg_work's .new: "margins not appropriate
  after asclogit", r(322).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from margins_delta_helpers import check_margin, delta_reference

ROOT = Path(__file__).resolve().parents[1]
REF = ROOT / "tests" / "mlogit_margins_reference"
HSB = f"use {ROOT / 'samples/data/hsb.dta'}, clear\ngenerate hi = mathach > 13\n"


@pytest.fixture(scope="module")
def data():
    return pd.read_csv(REF / "data.csv")


def _margin(s, col=0):
    t = s.r["table"].values
    return t[0, col], t[1, col]


# ------------------------------------------------------------------ outcome(): value or #index
def test_outcome_number_is_a_value_and_hash_an_index(do, data):
    shares = data.y.value_counts(normalize=True).sort_index().to_numpy()  # outcomes 1 2 3
    d = data.assign(y2=10 * data.y, y0=data.y - 1)
    rc, out, s = do("label define yl 10 low 20 mid 30 high\nlabel values y2 yl\nquietly mlogit y2 x i.g z",
                    df=d)
    assert rc == 0, out
    for typed, k, shown in (("#1", 0, "low"), ("10", 0, "low"), ("low", 0, "low"), ("#3", 2, "high"),
                            ("30", 2, "high"), ("mid", 1, "mid"), ("20.0000000001", 1, "mid")):
        rc, out, s = do(f"margins, predict(outcome({typed}))", session=s)
        assert rc == 0 and f"Expression   : Pr(y2=={shown}), predict(outcome({typed}))" in out, typed
        assert _margin(s)[0] == pytest.approx(shares[k], rel=1e-7), typed
    for typed, message in (("1", "outcome 1 not found"), ("2.5", "outcome 2.5 not found"),
                           ("#4", "equation #4 not found"), ("#0", "equation #0 not found")):
        rc, out, _ = do(f"margins, predict(outcome({typed}))", session=s)
        assert rc == 303 and message in out, typed
    # values 0 1 2: outcome(1) is the second outcome, outcome(#1) the first
    rc, out, s = do("quietly mlogit y0 x i.g z\nmargins, predict(outcome(1))\nmatrix v = r(table)\n"
                    "margins, predict(outcome(#1))", df=d)
    assert rc == 0, out
    assert s.matrices["v"].values[0, 0] == pytest.approx(shares[1], rel=1e-7)
    assert _margin(s)[0] == pytest.approx(shares[0], rel=1e-7)
    rc, out, s = do("predict p, outcome(1)\nsummarize p", session=s)
    assert rc == 0 and s.r["mean"] == pytest.approx(shares[1], rel=1e-6)


# ------------------------------------------------------------------ pr d1() d2()
def _indexes(coef, d, eqs=("1", "2", "3"), base="2"):
    out = []
    for eq in eqs:
        if eq == base:
            out.append(np.zeros(len(d)))
            continue
        out.append(np.asarray(coef[f"{eq}:_cons"] + coef[f"{eq}:x"] * d.x + coef[f"{eq}:2.g"] * (d.g == 2)
                              + coef[f"{eq}:3.g"] * (d.g == 3) + coef[f"{eq}:z"] * d.z, float))
    return out


def _d1p(k, j, base=1):
    """mlogit_p 11.1.4's D1P for outcome k and d1 outcome j (0-based), as it writes them."""
    def fn(coef, d):
        xb = _indexes(coef, d)
        den = sum(np.exp(e) for i, e in enumerate(xb) if i != base) + 1
        if j == base:
            return np.zeros(len(d))
        if k == base:
            return -np.exp(xb[j]) / den ** 2
        if j == k:
            return np.exp(xb[k]) / den - np.exp(2 * xb[k]) / den ** 2
        return -np.exp(xb[j] + xb[k]) / den ** 2
    return fn


def _d2p(k, j, l, base=1):
    """mlogit_p 11.1.4's D2P (the cases it writes out) for outcome k, d1 j and d2 l (0-based)."""
    def fn(coef, d):
        xb = _indexes(coef, d)
        den = sum(np.exp(e) for i, e in enumerate(xb) if i != base) + 1
        if base in (j, l):
            return np.zeros(len(d))
        if k == j == l:
            return np.exp(xb[k]) / den - 3 * np.exp(2 * xb[k]) / den ** 2 + 2 * np.exp(3 * xb[k]) / den ** 3
        if k == j:
            return -np.exp(xb[j] + xb[l]) / den ** 2 + 2 * np.exp(2 * xb[j] + xb[l]) / den ** 3
        if j == l:
            return -np.exp(xb[k] + xb[j]) / den ** 2 + 2 * np.exp(xb[k] + 2 * xb[j]) / den ** 3
        return 2 * np.exp(xb[j] + xb[l] + xb[k]) / den ** 3
    return fn


@pytest.mark.parametrize("typed, fn, label", [
    ("outcome(1) d1(1)", _d1p(0, 0), "d Pr(y==1) / d xb(1)"),
    ("outcome(1) d1(3)", _d1p(0, 2), "d Pr(y==1) / d xb(3)"),
    ("outcome(#2) d1(#3)", _d1p(1, 2), "d Pr(y==2) / d xb(3)"),  # the base outcome's probability
    ("d1(1)", _d1p(0, 0), "d Pr(y==1) / d xb(1)"),  # outcome #1 by default
    ("pr outcome(3) d1(3) d2(3)", _d2p(2, 2, 2), "d2 Pr(y==3) / d xb(3) d xb(3)"),
    ("outcome(3) d1(3) d2(1)", _d2p(2, 2, 0), "d2 Pr(y==3) / d xb(3) d xb(1)"),
    ("outcome(3) d1(1) d2(1)", _d2p(2, 0, 0), "d2 Pr(y==3) / d xb(1) d xb(1)"),
    ("outcome(2) d1(1) d2(3)", _d2p(1, 0, 2), "d2 Pr(y==2) / d xb(1) d xb(3)"),
])
def test_probability_derivatives_predict_and_margins(do, data, typed, fn, label):
    rc, out, s = do(f"quietly mlogit y x i.g z\npredict p, {typed}\nmargins, predict({typed})", df=data.copy())
    assert rc == 0, out
    assert s.data.var_labels["p"] == label
    assert f"Expression   : {label}, predict({typed})" in out
    coef = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values.ravel()))
    np.testing.assert_allclose(s.data.df["p"], fn(coef, data).astype(np.float32), rtol=1e-6, atol=1e-7)
    check_margin(s, delta_reference(s, data, fn))


def test_probability_derivative_in_the_base_index_is_zero_and_dydx_works(do, data):
    rc, out, s = do("quietly mlogit y x i.g z\npredict p, outcome(1) d1(2)\n"
                    "margins g, dydx(x) predict(outcome(1) d1(3))", df=data.copy())
    assert rc == 0, out
    assert (s.data.df["p"] == 0).all()  # e(baseout) 2: mlogit_p's D1P gives 0
    fn = _d1p(0, 2)
    for col, level in enumerate((1, 2, 3)):
        def at_level(coef, d, level=level):
            h = 1e-5
            d = d.assign(g=float(level))
            return (fn(coef, d.assign(x=d.x + h)) - fn(coef, d.assign(x=d.x - h))) / (2 * h)
        ref = delta_reference(s, data, at_level)
        t = s.r["table"].values
        assert t[0, col] == pytest.approx(ref[0], rel=1e-5)
        assert t[1, col] == pytest.approx(ref[1], rel=1e-3)


@pytest.mark.parametrize("command, rc, message", [
    ("predict q, xb d1(1)", 198, "option d1() not allowed with option xb"),
    ("predict q, stdp d1(1) d2(1)", 198, "option d1() not allowed with option stdp"),
    ("predict q, d2(1)", 198, "option d2() requires option d1()"),
    ("predict q1 q2 q3, d1(1)", 198, "option d1() requires option outcome()"),
    ("predict q, outcome(1) d1(5)", 303, "outcome 5 not found"),
    ("predict q, outcome(1) d1(#5)", 303, "equation #5 not found"),
    ("margins, predict(xb d1(1))", 198, "option d1() not allowed with option xb"),
    ("margins, predict(d2(1))", 198, "option d2() requires option d1()"),
    ("margins, predict(outcome(1) d1(4))", 303, "outcome 4 not found"),
])
def test_probability_derivative_refusals(do, data, command, rc, message):
    code, out, s = do(f"quietly mlogit y x i.g z\n{command}", df=data.copy())
    assert code == rc and message in out, out
    assert "q" not in s.data.df.columns


# ------------------------------------------------------------------ vce(unconditional) rule
NEEDS_ROBUST = ("option vce(unconditional) is allowed only after estimation with robust, semirobust, "
                "or linearized standard errors")


@pytest.mark.parametrize("fit", [
    "bootstrap, reps(3) seed(1): regress mathach ses i.minority",
    "regress mathach ses i.minority, vce(bootstrap, reps(3) seed(1))",
    "jackknife: logit hi ses i.minority if school < 1300",
    "probit hi ses i.minority if school < 1300, vce(jackknife)",
])
def test_unconditional_refused_after_replicate_vce(do, fit):
    rc, out, s = do(HSB + f"quietly {fit}\nmargins minority, vce(unconditional)")
    assert rc == 322 and NEEDS_ROBUST in out, out
    assert s.e.cmd != "margins"
    rc, out, s = do("margins minority", session=s)  # the delta method uses the replicate e(V)
    assert rc == 0 and "Delta-method" in out


def test_unconditional_after_robust_fit_and_svy_replicate(do):
    rc, out, s = do(HSB + "quietly logit hi ses i.minority, vce(robust)\nmargins minority, vce(unconditional)")
    assert rc == 0 and "Unconditional" in out
    rc, out, s = do(HSB + "svyset school\nquietly svy jackknife: regress mathach ses i.minority if school < 1400\n"
                    "margins minority, vce(unconditional)")
    assert rc == 322 and "allowed only after estimation with linearized standard errors" in out


# ------------------------------------------------------------------ pwcompare saving()
def test_pwcompare_saving_writes_each_comparison(do, tmp_path):
    rc, out, s = do(HSB + "quietly regress mathach i.sector##i.minority ses female\n"
                    f"margins sector#minority, pwcompare saving({tmp_path}/p1)\nmatrix T = r(table_vs)\n"
                    f"use {tmp_path}/p1, clear")
    assert rc == 0, out
    d, T = s.data.df, s.matrices["T"]
    assert len(d) == 6 and list(T.colnames)[:2] == ["0vs0.sector#1vs0.minority", "1vs0.sector#0vs0.minority"]
    for var, row in (("_margin", "b"), ("_se", "se"), ("_statistic", "t"), ("_pvalue", "pvalue"),
                     ("_ci_lb", "ll"), ("_ci_ub", "ul")):
        np.testing.assert_allclose(d[var], T.values[T.rownames.index(row)], rtol=1e-6, atol=1e-30)  # floats
    # _ms_element_info's level of a comparison taken as the first level compared
    assert list(d["_m1"]) == [0, 1, 1, 1, 1, 1] and list(d["_m2"]) == [1, 0, 1, 0, 1, 1]
    assert list(d["_pw"]) == [1, 2, 3, 4, 5, 6] and s.data.value_label_of["_pw"] == "_pw"
    assert s.data.value_labels["_pw"][1.0] == "(0#1) vs (0#0)" and s.data.value_labels["_pw"][6.0] == "(1#1) vs (1#0)"
    assert s.data.chars["cmd"] == "pwcompare" and s.data.chars["title"] == "Pairwise comparisons of predictive margins"
    assert s.data.chars["margin_vars"] == "sector minority" and list(d.columns)[-1] == "_pw"


def test_pwcompare_saving_with_over_post_and_replace(do, tmp_path):
    rc, out, s = do(HSB + "quietly logit hi i.sector ses female\n"
                    f"margins sector, pwcompare over(female) saving({tmp_path}/p2)\nmatrix T = r(table_vs)\n"
                    f"margins sector, pwcompare post saving({tmp_path}/p3)\nmatrix U = e(b_vs)\n"
                    f"use {tmp_path}/p2, clear")
    assert rc == 0, out
    d = s.data.df
    np.testing.assert_allclose(d["_margin"], s.matrices["T"].values[0], rtol=1e-6)
    # the term is female#(sector): every cell against every other (mg95, tests/test_margins_leftovers95.py)
    assert list(d["_m1"]) == [1, 0, 1, 0, 1, 1] and list(d["_by1"]) == [0, 1, 1, 1, 1, 1]
    assert [s.data.value_labels["_pw"][k] for k in (1.0, 6.0)] == ["(0#1) vs (0#0)", "(1#1) vs (1#0)"]
    assert "_statistic" in d and s.data.var_labels["_statistic"] == "z-statistic"
    rc, out, s = do(f"use {tmp_path}/p3, clear", session=s)
    assert rc == 0 and s.data.value_labels["_pw"] == {1.0: "1 vs 0"}
    np.testing.assert_allclose(s.data.df["_margin"], s.matrices["U"].values[0], rtol=1e-6)
    rc, out, s = do(HSB + "quietly regress mathach i.sector\n"
                    f"margins sector, pwcompare saving({tmp_path}/p3)")
    assert rc == 602 and "already exists" in out


def test_pwcompare_without_marginlist_compares_the_at_and_over_cells(do):
    """._setup_pwcompare: with no marginlist the pairwise term is _at (several at() rows), then the
    over() and within() variables; nothing to compare is its note and the plain margins (was: an
    empty table, no comparisons)."""
    rc, out, s = do(HSB + "quietly logit hi i.sector c.ses i.minority female\n"
                    "margins, at(ses=(-1 0 1))\nmatrix m = r(b)\nmargins, at(ses=(-1 0 1)) pwcompare\n"
                    "matrix c = r(b_vs)\nmargins, over(female)\nmatrix mo = r(b)\nmargins, over(female) pwcompare")
    assert rc == 0, out
    m, c = s.matrices["m"].values.ravel(), s.matrices["c"]
    assert list(c.colnames) == ["2vs1._at", "3vs1._at", "3vs2._at"]
    np.testing.assert_allclose(c.values.ravel(), [m[1] - m[0], m[2] - m[0], m[2] - m[1]], rtol=1e-9)
    assert "     2 vs 1  |" in out
    mo = s.matrices["mo"].values.ravel()
    assert list(s.r["b_vs"].colnames) == ["1vs0.female"]
    assert s.r["b_vs"].values[0, 0] == pytest.approx(mo[1] - mo[0], rel=1e-9)
    rc, out, s = do("margins, pwcompare", session=s)
    assert rc == 0 and "note: ignoring pwcompare options because there are no margins for making pairwise" in out
    assert "Predictive margins" in out and "b_vs" not in s.r


def test_contrast_file_names_the_contrast_command(do, tmp_path):
    rc, out, s = do(HSB + "quietly regress mathach i.sector ses\n"
                    f"margins r.sector, saving({tmp_path}/c1)\nuse {tmp_path}/c1, clear")
    assert rc == 0, out
    assert s.data.chars["cmd"] == "contrast" and s.data.chars["title"] == "Contrasts of predictive margins"
    assert "_pw" not in s.data.df


# ------------------------------------------------------------------ asclogit
def test_margins_after_asclogit_is_not_appropriate(do):
    rng = np.random.default_rng(3)
    n = 100
    alt = np.tile([1.0, 2.0, 3.0], n)
    cost = rng.uniform(size=3 * n)
    inc = np.repeat(rng.uniform(size=n), 3)
    u = (-2 * cost + (alt == 2) * inc + rng.logistic(size=3 * n)).reshape(n, 3)
    ch = (u == u.max(axis=1, keepdims=True)).ravel().astype(float)
    df = pd.DataFrame(dict(id=np.repeat(np.arange(1.0, n + 1), 3), alt=alt, cost=cost, inc=inc, ch=ch))
    rc, out, s = do("quietly asclogit ch cost, case(id) alternatives(alt) casevars(inc)\nmargins, dydx(cost)",
                    df=df)
    assert rc == 322 and "margins not appropriate after asclogit" in out
    assert s.e.macros["marginsnotok"] == "_ALL"
