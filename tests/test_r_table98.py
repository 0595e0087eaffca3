"""r(table) after estimation commands (rt98).

Stata 12+ stores r(table) whenever an estimation command shows its coefficient table ([R]
regress and [R] logit "Stored results": "r(table) matrix containing the coefficients with their
standard errors, test statistics, p-values, and confidence intervals"; [P] ereturn display):
9 rows b se z|t pvalue ll ul df crit eform, columns named as e(b).  Every value here is checked
by hand from e(b), e(V) and e(df_r): se = sqrt(diag V), z|t = b/se, p from the normal or
t(df_r), ll/ul = b -+ crit se with crit = invnormal or invttail at the level; under an eform
option b, se, ll, ul are exp(b), exp(b) se, exp(ll), exp(ul) in the exponentiated equation.
Base, omitted and constrained columns have missing pvalue, ll and ul.  The displayed rows
(the result objects' CoefRows) must hold the same numbers.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy import stats

ROOT = Path(__file__).resolve().parents[1]
HSB = f"use {ROOT / 'samples/data/hsb.dta'}, clear\nkeep in 1/1200\n"
ROWS_T = ("b", "se", "t", "pvalue", "ll", "ul", "df", "crit", "eform")
ROWS_Z = ("b", "se", "z", "pvalue", "ll", "ul", "df", "crit", "eform")


def _ok(do, text):
    rc, out, s = do(HSB + text)
    assert rc == 0, out
    return s


def _expected(s, level=95.0, exp_eqs=(), untested=(), e=None):
    """r(table) from e(b), e(V), e(df_r) by hand; ``exp_eqs``: exponentiated equations
    ("" = the columns without an equation); ``untested``: equations shown without z and P."""
    e = e or s.e
    names = list(e.matrices["b"].colnames)
    b = np.asarray(e.matrices["b"].values, float).ravel()
    V = np.asarray(e.matrices["V"].values, float)
    df_r = e.scalars.get("df_r")
    se = np.sqrt(np.diag(V))
    q = 0.5 + level / 200
    crit = stats.t.ppf(q, df_r) if df_r else stats.norm.ppf(q)
    out = np.full((9, len(b)), np.nan)
    for j, name in enumerate(names):
        eq = name.split(":", 1)[0] if ":" in name else ""
        bare = name.split(":", 1)[-1]
        ops = ["".join(c for c in part.split(".", 1)[0].lower() if c.isalpha()).replace("bn", "")
               for part in bare.split("#") if "." in part]
        omitted = any("b" in o or "o" in o for o in ops)
        with np.errstate(divide="ignore", invalid="ignore"):
            z = b[j] / se[j]
        p = 2 * (stats.t.sf(abs(z), df_r) if df_r else stats.norm.sf(abs(z)))
        col = [b[j], se[j], z, p, b[j] - crit * se[j], b[j] + crit * se[j]]
        if omitted:
            col = [0.0, np.nan, np.nan, np.nan, np.nan, np.nan]
        elif se[j] == 0:
            col = [b[j], 0.0, np.nan, np.nan, np.nan, np.nan]
        if eq in untested:
            col[2] = col[3] = np.nan
        flag = 0.0
        if eq in exp_eqs:
            flag = 1.0
            col = [np.exp(col[0]), np.exp(col[0]) * col[1], col[2], col[3], np.exp(col[4]), np.exp(col[5])]
        out[:, j] = col + [df_r if df_r else np.nan, crit, flag]
    return names, out


def _check(s, level=95.0, exp_eqs=(), untested=(), e=None):
    t = s.r["table"]
    e = e or s.e
    names, expected = _expected(s, level, exp_eqs, untested, e)
    assert list(t.colnames) == names
    assert tuple(t.rownames) == (ROWS_T if e.scalars.get("df_r") else ROWS_Z)
    np.testing.assert_allclose(t.values, expected, rtol=1e-9, atol=1e-300, equal_nan=True)
    return t


def _shown(t, rows, eq=None):
    """The displayed rows hold r(table)'s numbers (b, se, p, ll, ul by coefficient name)."""
    for row in rows:
        if row.base or row.omitted or getattr(row, "constrained", False):
            continue
        name = f"{eq}:{row.name}" if eq else row.name
        j = list(t.colnames).index(name)
        np.testing.assert_allclose([row.coef, row.se, row.p, row.ci_lo, row.ci_hi],
                                   t.values[[0, 1, 3, 4, 5], j], rtol=1e-7)


# ------------------------------------------------------------------ linear models

def test_regress_factor_base_column_and_display(do):
    s = _ok(do, "quietly regress mathach ses i.sector female")
    t = _check(s)
    j = list(t.colnames).index("0b.sector")
    assert t.values[0, j] == 0 and np.isnan(t.values[1:6, j]).all()
    assert t.values[6, j] == s.e.scalars["df_r"]
    _shown(t, s.e.result.coefs)


def test_regress_level90_nocons_and_replay(do):
    s = _ok(do, "regress mathach ses female, noconstant level(90)")
    t = _check(s, level=90)
    assert "_cons" not in t.colnames
    _shown(t, s.e.result.coefs)
    s = _ok(do, "quietly regress mathach ses\nsummarize ses\nregress, level(80)")
    _check(s, level=80)


def test_regress_omitted_collinear_column(do):
    s = _ok(do, "generate ses2 = 2*ses\nquietly regress mathach ses ses2")
    t = _check(s)
    assert "o.ses2" in t.colnames


def test_constrained_coefficient(do):
    s = _ok(do, "constraint 1 female = 0.5\nquietly cnsreg mathach ses female, constraints(1)")
    t = _check(s)
    j = list(t.colnames).index("female")
    assert t.values[0, j] == pytest.approx(0.5) and t.values[1, j] == 0 and np.isnan(t.values[2:6, j]).all()


def test_ivregress_and_xtreg(do):
    s = _ok(do, "quietly ivregress 2sls mathach female (ses = meanses)")
    _check(s)
    s = _ok(do, "xtset school\nquietly xtreg mathach ses female, fe")
    _check(s)
    s = _ok(do, "xtset school\nquietly xtreg mathach ses female, re")
    _check(s)


# ------------------------------------------------------------------ binary, count and eform

def test_logit_or_exponentiates_and_probit_does_not(do):
    s = _ok(do, "quietly logit minority ses female, or")
    t = _check(s, exp_eqs=("minority",))
    assert (t.values[8] == 1).all()
    _shown(t, s.e.result.fixed_eform, "minority")
    s = _ok(do, "quietly logistic minority ses female")
    _check(s, exp_eqs=("minority",))
    s = _ok(do, "quietly probit minority ses female")
    t = _check(s)
    assert (t.values[8] == 0).all()
    rc, _, s2 = do("logit", session=s)  # probit's results are active: the replay fails, r(table) stays
    assert rc == 301 and s2.r["table"] is t


def test_poisson_irr_nbreg_irr_glm_eform(do):
    s = _ok(do, "generate k = round(mathach/4) if mathach > 0\nquietly poisson k ses female, irr")
    _check(s, exp_eqs=("k",))
    s = _ok(do, "generate k = round(mathach/4) if mathach > 0\nquietly nbreg k ses, irr")
    eqs = {c.split(":")[0] for c in s.r["table"].colnames}
    untested = {"lnalpha"} & eqs if np.isnan(s.r["table"].values[3, -1]) else set()
    t = _check(s, exp_eqs=("k",), untested=untested)
    assert t.values[8, -1] == 0  # /lnalpha is not exponentiated
    s = _ok(do, "quietly glm minority ses, family(binomial) link(logit) eform")
    _check(s, exp_eqs=("minority",))


def test_ologit_cut_points_shown_without_z(do):
    s = _ok(do, "generate mcat = 1 + (mathach > 10) + (mathach > 18)\nologit mcat ses female, nolog")
    t = _check(s, untested=("cut1", "cut2"))
    assert "cut1:_cons" in t.colnames
    s = _ok(do, "generate mcat = 1 + (mathach > 10) + (mathach > 18)\nquietly ologit mcat ses, or")
    _check(s, exp_eqs=("mcat",), untested=("cut1", "cut2"))


def test_mlogit_rrr_every_equation_base_outcome_omitted(do):
    s = _ok(do, "generate mcat = 1 + (mathach > 10) + (mathach > 18)\nquietly mlogit mcat ses, rrr")
    eqs = tuple(dict.fromkeys(c.split(":")[0] for c in s.e.matrices["b"].colnames))
    t = _check(s, exp_eqs=eqs)
    base = [j for j, c in enumerate(t.colnames) if c.split(":")[1].startswith("o.")]
    assert base and all(np.isnan(t.values[3, j]) for j in base)


def test_heckman_two_equations_and_ancillary(do):
    s = _ok(do, "set seed 98\ngenerate w = mathach if runiform() < invlogit(ses + minority)\n"
                "quietly heckman w female ses, select(ses minority) nolog")
    eqs = {c.split(":")[0] for c in s.e.matrices["b"].colnames}
    assert {"w", "select"} <= eqs
    _check(s)


def test_stcox_hazard_ratios_by_default_and_nohr(do):
    setup = "generate t = mathach + 4\nquietly stset t, failure(minority)\n"
    s = _ok(do, setup + "quietly stcox ses female")
    eq = s.e.matrices["b"].colnames[0].split(":")[0] if ":" in s.e.matrices["b"].colnames[0] else ""
    _check(s, exp_eqs=(eq,))
    s = _ok(do, setup + "quietly stcox ses female, nohr")
    _check(s)


# ------------------------------------------------------------------ multilevel

def test_mixed_holds_e_b_columns_in_estimation_metric(do):
    s = _ok(do, "quietly mixed mathach ses || school:")
    t = _check(s)
    assert t.colnames[-2:] == ("lns1_1_1:_cons", "lnsig_e:_cons")
    _shown(t, s.e.result.fixed, "mathach") if hasattr(s.e.result, "fixed") else None


def test_melogit_or_variance_column_as_displayed(do):
    s = _ok(do, "quietly melogit minority ses || school:, or")
    t = s.r["table"]
    names = list(t.colnames)
    j = next(i for i, c in enumerate(names) if c.startswith("var("))
    b = s.e.matrices["b"].values.ravel()[j]
    se = np.sqrt(s.e.matrices["V"].values[j, j])
    crit = stats.norm.ppf(0.975)
    # the variance's interval on the log scale, no z or P (as the table prints it)
    np.testing.assert_allclose(t.values[[0, 1, 4, 5], j],
                               [b, se, b * np.exp(-crit * se / b), b * np.exp(crit * se / b)], rtol=1e-9)
    assert np.isnan(t.values[2:4, j]).all() and t.values[8, j] == 0
    fixed = [i for i, c in enumerate(names) if c.startswith("minority:")]
    assert (t.values[8, fixed] == 1).all()
    shown = [r for block in s.e.result.random["variance"] for r in block.rows]
    np.testing.assert_allclose([shown[0].ci_lo, shown[0].ci_hi], t.values[4:6, j], rtol=1e-7)


def test_mepoisson_irr(do):
    s = _ok(do, "generate k = round(mathach/4) if mathach > 0\nquietly mepoisson k ses || school:, irr")
    t = s.r["table"]
    fixed = [i for i, c in enumerate(t.colnames) if c.startswith("k:")]
    b = s.e.matrices["b"].values.ravel()[fixed]
    np.testing.assert_allclose(t.values[0, fixed], np.exp(b), rtol=1e-12)


# ------------------------------------------------------------------ replays and r()'s life

def test_estimates_replay_ereturn_display_and_clearing(do):
    s = _ok(do, "quietly logit minority ses\nestimates store L\nquietly regress mathach ses\n"
                "estimates replay L, or")
    assert s.e.cmd == "regress"  # replayed, not made active
    _check(s, exp_eqs=("minority",), e=s.estimates["L"])
    s = _ok(do, "quietly regress mathach ses female\nereturn display, level(90)")
    _check(s, level=90)
    rc, out, s = do(HSB + "quietly regress mathach ses\nsummarize ses\nmatrix list r(table)")
    assert rc == 111 and "table" not in s.r
    s = _ok(do, "quietly regress mathach ses\nmatrix T = r(table)\nlocal p = r(table)[4,1]\n"
                "scalar lo = el(T, 5, 1)")
    t = s.r["table"]
    assert float(s.locals["p"]) == pytest.approx(t.values[3, 0], rel=1e-6)
    assert s.scalars["lo"] == pytest.approx(t.values[4, 0])


def test_estimation_replaces_r_and_notable_posts_none(do):
    s = _ok(do, "summarize mathach\nquietly regress mathach ses")
    assert set(s.r) == {"table"}
    s = _ok(do, "quietly regress mathach ses\nregress mathach female, notable")
    assert "table" not in s.r


def test_ml_display(do):
    prog = ("program define mylf\nargs lnf xb\nquietly replace `lnf' = ln(invlogit(`xb')) if $ML_y1 == 1\n"
            "quietly replace `lnf' = ln(invlogit(-`xb')) if $ML_y1 == 0\nend\n")
    s = _ok(do, prog + "ml model lf mylf (minority = ses)\nquietly ml maximize\nml display, level(90)")
    _check(s, level=90)


def test_mixed_dfmethod_uses_v_df_and_each_columns_df(do):
    s = _ok(do, "quietly mixed mathach ses || school:, reml dfmethod(kroger)")
    t = s.r["table"]
    e = s.e
    k = 2  # the fixed columns: t on e(df) with e(V_df)'s standard errors
    b = e.matrices["b"].values.ravel()[:k]
    se = np.sqrt(np.diag(e.matrices["V_df"].values))[:k]
    df = e.matrices["df"].values.ravel()[:k]
    crit = stats.t.ppf(0.975, df)
    assert t.rownames[2] == "t"
    np.testing.assert_allclose(t.values[:, :k], np.vstack([b, se, b / se, 2 * stats.t.sf(abs(b / se), df),
                                                           b - crit * se, b + crit * se, df, crit, np.zeros(k)]),
                               rtol=1e-9)
    _shown(t, s.e.result.small.rows, "mathach")  # the dfmethod() rows the table prints


def test_estimates_store_leaves_r_as_it_was_and_prefix_eform(do):
    # estimates.ado's Store is e-class (rw102): the fit's r(table) is still there after it
    s = _ok(do, "quietly regress mathach ses\nestimates store A")
    assert set(s.r) == {"table"} and tuple(s.r["table"].colnames[:2]) == ("ses", "_cons")
    s = _ok(do, "quietly bootstrap, reps(5) seed(98) nodots: logit minority ses, or")
    _check(s, exp_eqs=("minority",))
