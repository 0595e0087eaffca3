"""Leftovers of batch 25/26 with knowable Stata behaviour (branch lo99).

* ``mi estimate``'s eform_option ([MI] mi estimate, Reporting: or, irr, hr, rrr, eform ...):
  the combined first equation shown as exp(b) under the option's heading, exp(b) * se, exp()
  of the bounds, t and P unchanged, its _cons left out (Stata 13's _coef_table); r(table) the
  combined table's (t on each coefficient's df_mi, exponentiated under the option).
* ``mi estimate``'s ``errorok`` ([MI] mi estimate, Advanced): an imputation on which the
  command fails is left out and the others are combined -- the same numbers as
  ``imputations()`` of the successful ones; without it the first failure stops mi estimate.
* The PISA held-out transcript runs pisamixed's own do-file after the analysis's clear all
  (the analysis calls the program without defining it).
"""
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

M = 4


def _frame(seed=11, n=240):
    """y binary on x; z missing in ~30%; imputations 2 and 4 put the missing z above 5 (so
    ``if z > 5`` leaves observations only there)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    y = (rng.random(n) < 1 / (1 + np.exp(-(0.2 + 0.7 * x)))).astype(float)
    z = 0.5 * x + rng.normal(size=n)
    z[rng.random(n) < 0.3] = np.nan
    frame = pd.DataFrame({"x": x, "y": y, "z": z})
    for m in range(1, M + 1):
        shift = 10.0 if m in (2, 4) else 0.0
        frame[f"z{m}"] = np.where(np.isnan(z), shift + 0.5 * x + rng.normal(size=n), z)
    return frame.astype(np.float32).astype(float)


IMPORT = f"mi import wide, imputed(z = {' '.join(f'z{m}' for m in range(1, M + 1))}) drop\n"


def _row(out: str, name: str) -> list[float]:
    m = re.search(rf"^\s*{name} \|(.*)$", out, re.M)
    assert m, out
    return [float(v) for v in m.group(1).split()]


def test_or_shows_exponentiated_combined_estimates(do):
    rc, out, s = do(IMPORT + "mi estimate, or: logit y x z", df=_frame())
    assert rc == 0, out
    e = s.e
    b = np.asarray(e.matrices["b_mi"].values, float).ravel()
    se = np.sqrt(np.diag(np.asarray(e.matrices["V_mi"].values, float)))
    df = np.asarray(e.matrices["df_mi"].values, float).ravel()
    assert re.search(r"^\s+y \| Odds Ratio   Std\. Err\.      t    P>\|t\|", out, re.M), out
    assert not re.search(r"^\s*_cons \|", out, re.M), out  # Stata 13: no baseline odds row
    for j, name in enumerate(("x", "z")):
        crit = stats.t.ppf(0.975, df[j])
        shown = _row(out, name)
        expected = [math.exp(b[j]), math.exp(b[j]) * se[j], b[j] / se[j], 2 * stats.t.sf(abs(b[j] / se[j]), df[j]),
                    math.exp(b[j] - crit * se[j]), math.exp(b[j] + crit * se[j])]
        # as printed: %9.0g for the estimates and bounds, %8.2f for t, %5.3f for P
        np.testing.assert_allclose([shown[k] for k in (0, 1, 4, 5)], [expected[k] for k in (0, 1, 4, 5)], rtol=1e-6)
        assert abs(shown[2] - expected[2]) <= 0.005 and abs(shown[3] - expected[3]) <= 0.0005
    table = s.r["table"]
    assert table.rownames[-1] == "eform" and list(table.values[-1]) == [1.0, 1.0, 1.0]
    np.testing.assert_allclose(table.values[0], np.exp(b), rtol=1e-12)
    np.testing.assert_allclose(table.values[1], np.exp(b) * se, rtol=1e-12)
    np.testing.assert_allclose(table.values[6], df, rtol=1e-12)
    # the combination is in the coefficient metric: the same e() as without the option
    rc, out2, s2 = do(IMPORT + "mi estimate: logit y x z", df=_frame())
    assert rc == 0, out2
    np.testing.assert_allclose(s2.e.matrices["b_mi"].values, e.matrices["b_mi"].values, rtol=1e-12)
    assert re.search(r"^\s+y \|      Coef\.", out2, re.M) and re.search(r"^\s*_cons \|", out2, re.M), out2
    np.testing.assert_allclose(s2.r["table"].values[0], b, rtol=1e-12)


def test_replay_with_irr_and_two_eform_options(do):
    rc, out, s = do(IMPORT + "quietly mi estimate: poisson y x z\nmi estimate, irr", df=_frame())
    assert rc == 0, out
    assert re.search(r"^\s+y \|        IRR   Std\. Err\.", out, re.M), out
    rc, out, _ = do(IMPORT + "mi estimate, or irr: logit y x z", df=_frame())
    assert rc == 198 and "may not be combined" in out, out


def test_errorok_combines_the_imputations_that_ran(do):
    rc, out, s = do(IMPORT + "mi estimate, errorok: regress y x z if z > 5", df=_frame())
    assert rc == 0, out
    assert s.e.scalars["M_mi"] == 2 and s.e.macros["m_est_mi"] == "2 4", out
    assert "error" not in out and re.search(r"Imputations\s+=\s+2$", out, re.M), out  # left out silently
    rc, out, _ = do(IMPORT + "mi estimate, errorok noisily: regress y x z if z > 5", df=_frame())
    assert rc == 0 and "an error occurred when mi estimate executed regress, ignoring m=3" in out, out
    rc, ref, r = do(IMPORT + "mi estimate, imputations(2 4): regress y x z if z > 5", df=_frame())
    assert rc == 0, ref
    for name in ("b_mi", "V_mi", "df_mi", "fmi_mi"):
        np.testing.assert_allclose(s.e.matrices[name].values, r.e.matrices[name].values, rtol=1e-12)


def test_without_errorok_the_first_failure_stops(do):
    rc, out, s = do(IMPORT + "mi estimate: regress y x z if z > 5", df=_frame())
    assert rc == 2000 and "no observations" in out and "on m=1" in out, out
    assert s.e is None


def test_errorok_all_failing_or_one_left(do):
    rc, out, _ = do(IMPORT + "mi estimate, errorok: regress y x z if z > 50", df=_frame())
    assert rc == 2000 and "on m=4" in out, out
    rc, out, _ = do(IMPORT + "mi estimate, errorok imputations(1 2 3): regress y x z if z > 5", df=_frame())
    assert rc == 2001, out


def test_pisa_transcript_defines_pisamixed_after_clear_all():
    path = Path(__file__).resolve().parent / "realworld" / "heldout" / "anon-oecd-pisa2022" / "ch2_variance_pisamixed.do"
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    clear = next(i for i, ln in enumerate(lines) if re.match(r"clear\s+all$", ln))
    define = next(i for i, ln in enumerate(lines) if ln.startswith("program define pisamixed,"))
    calls = [i for i, ln in enumerate(lines) if ln.startswith("pisamixed,")]
    assert clear < define < min(calls) and len(calls) == 2


def test_old_month_and_quarter_literals(do):
    """m() and q(), Stata's pre-10 names of tm() and tq(), as published research code uses
    them (``mdate>=m(1969m3)``, ``qdate>=q(1954q1)``, ``q(1982Q1)``)."""
    rc, out, s = do("scalar a = m(1969m3) - tm(1969m3)\nscalar b = q(1954q1)\nscalar c = q(1982Q1)\n"
                    "scalar d = m(1960m1)")
    assert rc == 0, out
    assert s.scalars["a"] == 0 and s.scalars["b"] == (1954 - 1960) * 4 and s.scalars["c"] == 22 * 4
    assert s.scalars["d"] == 0
    rc, out, _ = do("display q(1954q5)")
    assert rc == 198 and "1954q5 invalid date in q()" in out, out
    rc, out, _ = do("clear\nset obs 2\ngenerate m = _n\ngenerate q = m(1960m3) + m\nassert q == m + 2")
    assert rc == 0, out  # a variable named m or q is no literal


POSTED = ("matrix b = (1, 2)\nmatrix colnames b = x _cons\nmatrix V = I(2)\nmatrix colnames V = x _cons\n"
          "matrix rownames V = x _cons\nereturn post b V\n")


def test_estimates_store_needs_e_cmd(do):
    """estimates.ado's Store (Stata 16 base): ``if "`e(cmd)'" == ""`` -> "last estimation
    results not found, nothing to store", r(301)."""
    rc, out, s = do(POSTED + "estimates store m1")
    assert rc == 301 and "last estimation results not found, nothing to store" in out, out
    assert "m1" not in s.estimates
    rc, out, _ = do("estimates store m1")
    assert rc == 301 and "nothing to store" in out, out
    rc, out, s = do(POSTED + 'ereturn local cmd "mine"\nestimates store m1\nestimates dir')
    assert rc == 0 and "m1" in s.estimates and re.search(r"^\s+m1 \| mine", out, re.M), out


def test_option_abbreviations_of_the_ado(do):
    """u_mi_estimate_get_commonopts.ado: ERROROK in full, Imputations() from i(), NOHEADer."""
    rc, out, s = do(IMPORT + "mi estimate, i(2 4) nohead: regress y x z if z > 5", df=_frame())
    assert rc == 0 and s.e.scalars["M_mi"] == 2 and "Multiple-imputation" not in out, out
    rc, out, _ = do(IMPORT + "mi estimate, error: regress y x z", df=_frame())
    assert rc == 198 and "option error not allowed" in out, out
