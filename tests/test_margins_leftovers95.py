"""margins leftovers (mg95).

- A margin whose e(V) diagonal is 0 -- the base outcome's xb after mlogit, identically 0 -- is
  ``0  (omitted)`` with its r(table) column missing past b: _marg_work.class's ``._post`` posts
  with ``ereturn post ..., findomitted`` (Stata 16 ado, opensafely-core/cohort-extractor
  1b3e58ab), which [P] ereturn documents as adding ``o.`` to "the column names corresponding to
  zero-valued diagonal elements of e(V)"; _coef_table prints such a column as omitted.
- e(marginsdefault): _marg_work reads it when margins runs without predict() and expression()
  under ``version 14`` or later (``if "`predict'" == "" & `.vv' >= 14``).  mlogit.ado posts
  ``predict(pr outcome(k))`` for every outcome; xtmlogit (a Stata 17 command, so its margins runs
  under 17) the same with pr (re) or pu0 (fe).  Under mlm's default version 13 mlogit's margins
  stays Pr of the first outcome.
- vce(unconditional) after xtlogit/xtprobit/xtologit (robust): ._parse_vce's ._check_vce_not_supported
  refuses only areg ivreg xtgee xtreg ivregress (and e(marginsprop) nolinearize: the xtreg_*.ado,
  xtgee.ado); the Gaussian random-intercept xt commands are linearized.  Their fit is melogit's /
  meprobit's / meologit's with one group level, so the unconditional margins must equal those after the me
  command (whose influence is checked against R in tests/test_margins_unconditional_multilevel.py).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
HSB = f"use {ROOT / 'samples/data/hsb.dta'}, clear\nkeep in 1/1600\n"
PANEL = ("clear\nset obs 240\nset seed 95\ngenerate id = ceil(_n/4)\ngenerate x = rnormal()\n"
         "generate u = rnormal()\ngenerate g = 1 + (x + u > -0.3) + (x - u > 0.4)\n")
GROUPS = "generate g = cond(mathach<8,1,cond(mathach<16,2,3))\ngenerate hi = mathach > 13\n"


def _bse(s):
    t = s.r["table"]
    return t.values[0].copy(), t.values[1].copy()


# ------------------------------------------------------------------ findomitted: zero e(V) diagonal

def test_base_outcome_xb_is_omitted(do):
    rc, out, s = do(HSB + GROUPS + "quietly mlogit g ses i.sector\nmargins, predict(xb outcome(3))")
    assert rc == 0, out
    assert s.e.matrices["b"].colnames[-1].startswith("3")  # outcome 3 is the base here
    assert "       _cons |          0  (omitted)\n" in out
    b, se = _bse(s)
    assert b[0] == 0 and np.isnan(se[0]) and np.isnan(s.r["table"].values[2:6, 0]).all()
    rc, out, s = do("margins sector, predict(xb outcome(3))", session=s)
    assert rc == 0 and "     Public  |          0  (omitted)\n" in out and "   Catholic  |          0  (omitted)\n" in out
    rc, out, s = do("margins, dydx(ses) predict(xb outcome(3))", session=s)
    assert rc == 0 and "         ses |          0  (omitted)\n" in out
    assert "dy/dx w.r.t. : ses\n" in out  # e(xvars) is not omitted: the legend keeps it


def test_other_outcome_xb_keeps_its_standard_error(do):
    rc, out, s = do(HSB + GROUPS + "quietly mlogit g ses i.sector\nmargins, predict(xb outcome(1))")
    assert rc == 0 and "(omitted)" not in out
    b, se = _bse(s)
    X = np.column_stack([s.data.df.ses, s.data.df.sector == 1, np.ones(s.data.nobs)])
    eb = s.e.matrices["b"]
    names = list(eb.colnames)
    coef = np.array([eb.values[0, names.index(f"1:{c}")] for c in ("ses", "1.sector", "_cons")])
    assert b[0] == pytest.approx(float((X @ coef).mean()), rel=1e-10)
    assert se[0] > 0


def test_nose_posts_no_variance_and_marks_nothing(do):
    rc, out, s = do(HSB + GROUPS + "quietly mlogit g ses i.sector\nmargins, predict(xb outcome(3)) nose")
    assert rc == 0 and "(omitted)" not in out


# ------------------------------------------------------------------ e(marginsdefault)

def test_xtmlogit_default_is_every_outcome(do):
    setup = PANEL + "quietly xtmlogit g x, i(id)\n"
    rc, out, s = do(setup + "margins, predict(pr outcome(1)) predict(pr outcome(2)) predict(pr outcome(3))")
    assert rc == 0, out
    explicit = _bse(s)
    rc, out, s = do("margins", session=s)
    assert rc == 0, out
    for k in (1, 2, 3):
        assert f"{k}._predict   : Pr(g=={k}), predict(pr outcome({k}))" in out
    assert "Expression" not in out and "    _predict |\n" in out
    np.testing.assert_allclose(_bse(s)[0], explicit[0], rtol=1e-12)
    np.testing.assert_allclose(_bse(s)[1], explicit[1], rtol=1e-12)
    assert s.r["b"].values.shape == (1, 3)
    assert _bse(s)[0].sum() == pytest.approx(1.0, abs=1e-8)  # the outcomes' probabilities


def test_xtmlogit_fe_default_is_every_outcome_pu0(do):
    rc, out, s = do(PANEL + "quietly xtmlogit g x, i(id) fe\nmargins")
    assert rc == 0, out
    assert "), predict(pu0 outcome(1))" in out and "3._predict   : " in out
    assert s.r["b"].values.shape == (1, 3)


def test_mlogit_default_by_version(do):
    setup = HSB + GROUPS + "quietly mlogit g ses i.sector\n"
    rc, out, s = do(setup + "margins")
    assert rc == 0 and "Expression   : Pr(g==1), predict()" in out and s.r["b"].values.shape == (1, 1)
    first = _bse(s)[0][0]
    rc, out, s = do("version 14: margins", session=s)
    assert rc == 0, out
    assert "3._predict   : Pr(g==3), predict(pr outcome(3))" in out and s.r["b"].values.shape == (1, 3)
    assert _bse(s)[0][0] == pytest.approx(first, rel=1e-12)
    rc, out, s = do("version 14: margins, predict(outcome(2))", session=s)  # typed predict(): no default
    assert rc == 0 and s.r["b"].values.shape == (1, 1)


# ------------------------------------------------------------------ vce(unconditional) after xt

@pytest.mark.parametrize("pair", [
    ("melogit hi ses i.sector || school:, vce(robust)", "xtlogit hi ses i.sector, i(school) vce(robust)",
     "margins sector, predict(xb) vce(unconditional)", "margins sector, vce(unconditional)"),
    ("meprobit hi ses i.sector || school:, vce(cluster school)",
     "xtprobit hi ses i.sector, i(school) vce(cluster school)",
     "margins, dydx(ses) predict(xb) vce(unconditional)", "margins, dydx(ses) vce(unconditional)"),
    ("mecloglog hi ses i.sector || school:, vce(robust)", "xtcloglog hi ses i.sector, i(school) vce(robust)",
     "margins sector, predict(xb) vce(unconditional)", "margins sector, vce(unconditional)"),
    ("mepoisson hi ses i.sector || school:, vce(robust)", "xtpoisson hi ses i.sector, i(school) re normal vce(robust)",
     "margins sector, predict(xb) vce(unconditional)", "margins sector, predict(xb) vce(unconditional)"),
    ("meologit g ses i.sector || school:, vce(robust)", "xtologit g ses i.sector, i(school) vce(robust)",
     "margins sector, predict(pr outcome(1)) vce(unconditional)",
     "margins sector, predict(pr outcome(1)) vce(unconditional)"),
])
def test_xt_random_intercept_unconditional_equals_me(do, pair):
    me_fit, xt_fit, me_margins, xt_margins = pair
    rc, out, s = do(HSB + GROUPS + f"quietly {me_fit}\n{me_margins}")
    assert rc == 0, out
    ref = _bse(s)
    rc, out, s = do(f"quietly {xt_fit}\n{xt_margins}", session=s)
    assert rc == 0, out
    assert "Unconditional" in out
    np.testing.assert_allclose(_bse(s)[0], ref[0], rtol=1e-5)
    np.testing.assert_allclose(_bse(s)[1], ref[1], rtol=1e-4)


def test_xt_unconditional_of_a_constant_prediction_is_the_robust_delta(do):
    """Every covariate fixed: the prediction is the same on every row, so the linearized
    variance is J e(V) J' (the influence's G/(G-1) sum of squares is e(V))."""
    rc, out, s = do(HSB + GROUPS + "quietly xtlogit hi ses i.sector, i(school) vce(robust)\n"
                    "margins, at(ses=0.5 sector=1) predict(pu0)")
    assert rc == 0, out
    delta = _bse(s)
    rc, out, s = do("margins, at(ses=0.5 sector=1) predict(pu0) vce(unconditional)", session=s)
    assert rc == 0, out
    np.testing.assert_allclose(_bse(s)[1], delta[1], rtol=1e-8)


@pytest.mark.parametrize("fit, rc, message", [
    ("xtreg mathach ses, i(school) vce(robust)", 322,
     "xtreg is not supported by margins with the vce(unconditional) option"),
    ("xtgee hi ses, i(school) family(binomial) link(logit) vce(robust)", 322,
     "xtgee is not supported by margins with the vce(unconditional) option"),
    ("xtlogit hi ses, i(school)", 322, "allowed only after estimation with robust, semirobust, or linearized"),
])
def test_xt_refusals(do, fit, rc, message):
    got, out, s = do(HSB + GROUPS + f"quietly {fit}\nmargins, vce(unconditional)")
    assert got == rc and message in out, out


def test_xtmlogit_unconditional_is_mlms_gap(do):
    got, out, s = do(PANEL + "quietly xtmlogit g x, i(id) vce(robust)\nmargins, predict(outcome(2)) vce(unconditional)")
    assert got == 198 and "vce(unconditional) after xtmlogit not supported by mlmcli" in out, out


# ------------------------------------------------------------------ pwcompare with at()/over()

def _ols_cells(df):
    """OLS of mathach on sector##minority + ses; the predictive margins of sector over minority
    (each over group's rows, sector set) and their delta-method V, by hand."""
    def design(sector, minority, ses):
        return np.column_stack([sector == 1, minority == 1, (sector == 1) & (minority == 1), ses,
                                np.ones(len(ses))]).astype(float)

    X = design(df.sector, df.minority, df.ses)
    b, *_ = np.linalg.lstsq(X, df.mathach, rcond=None)
    e = df.mathach - X @ b
    V = e @ e / (len(e) - X.shape[1]) * np.linalg.inv(X.T @ X)
    G = []
    for m in (0, 1):  # over(minority) outer, sector inner: the term minority#sector
        rows = df[df.minority == m]
        for k in (0, 1):
            G.append(design(np.full(len(rows), k), rows.minority.to_numpy(), rows.ses.to_numpy()).mean(axis=0))
    G = np.array(G)
    return G @ b, G @ V @ G.T


def test_pwcompare_over_compares_every_cell_of_the_term(do):
    rc, out, s = do(HSB + "quietly regress mathach i.sector##i.minority ses\nmargins sector, over(minority) pwcompare")
    assert rc == 0, out
    m, Vm = _ols_cells(s.data.df)
    pairs = [(j, i) for i in range(4) for j in range(i + 1, 4)]
    L = np.zeros((6, 4))
    for r, (j, i) in enumerate(pairs):
        L[r, j], L[r, i] = 1, -1
    np.testing.assert_allclose(s.r["b_vs"].values[0], L @ m, rtol=1e-9)
    np.testing.assert_allclose(np.sqrt(np.diag(s.r["V_vs"].values)), np.sqrt(np.diag(L @ Vm @ L.T)), rtol=1e-8)
    lines = [line.split("|")[0].strip() for line in out.splitlines() if " vs " in line]
    assert lines == ["(No#Catholic) vs (No#Public)", "(Yes#Public) vs (No#Public)", "(Yes#Catholic) vs (No#Public)",
                     "(Yes#Public) vs (No#Catholic)", "(Yes#Catholic) vs (No#Catholic)",
                     "(Yes#Catholic) vs (Yes#Public)"]
    assert "minority#sector |" in out
    rc, out, s = do("margins sector, over(minority) pwcompare mcompare(bonferroni)", session=s)
    assert rc == 0 and "minority#sector |            6" in out


def test_pwcompare_at_compares_across_at_rows(do):
    rc, out, s = do(HSB + "quietly regress mathach i.sector##i.minority ses\n"
                    "margins sector, at(ses=(0 1)) pwcompare")
    assert rc == 0, out
    assert s.r["b_vs"].values.shape == (1, 6) and "_at#sector |" in out
    b = dict(zip(s.r["b_vs"].colnames, s.r["b_vs"].values[0]))
    coef = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    assert "(2#Public) vs (1#Public)" in out
    # the same sector one unit of ses apart: the ses slope
    assert b["2vs1._at#0vs0.sector"] == pytest.approx(coef["ses"], rel=1e-9)


# ------------------------------------------------------------------ ._check_exp's warning

WARNING = "Warning: prediction constant over observations."


def test_constant_prediction_warning(do):
    rc, out, s = do(HSB + GROUPS + "quietly mlogit g ses i.sector\nmargins, predict(xb outcome(3))")
    assert rc == 0 and out.count(WARNING) == 1
    assert out.index(WARNING) < out.index("Predictive margins")
    rc, out, s = do("margins, predict(xb outcome(1))", session=s)
    assert rc == 0 and WARNING not in out
    rc, out, s = do("quietly regress mathach\nmargins", session=s)  # default: xb, checked
    assert rc == 0 and WARNING in out
    rc, out, s = do("margins, predict(xb)", session=s)  # predict(xb) itself: .is_xb, never checked
    assert rc == 0 and WARNING not in out
    rc, out, s = do("quietly regress mathach ses\nmargins, at(ses=0)", session=s)  # the rows' own values
    assert rc == 0 and WARNING not in out
