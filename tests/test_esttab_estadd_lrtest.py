"""esttab and estadd forms met in tests/realworld/heldout/filius: ``estadd lrtest`` (estadd.ado's
estadd_lrtest), cells() elements ``ci_l``/``ci_u``, a missing coefficient (a log standard
deviation at -inf when a variance is zero) shown as "." also through transform(), and estadd
changing the stored copy of the active results (estadd.ado: est_expand "." names it)."""
from __future__ import annotations

import math
import re

SETUP = ("clear\nset obs 200\ngenerate x = mod(_n * 37, 101) / 10\ngenerate z = mod(_n * 13, 7)\n"
         "generate y = (x + mod(_n * 29, 17) / 3 - 5 + z / 2 > 2)\n")


def _scalar(out: str, name: str) -> float:
    return float(re.search(rf"e\({name}\) =\s+(\S+)", out).group(1))


def test_estadd_lrtest_adds_lrtests_results(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "logit y x\nestimates store small\nscalar ll0 = e(ll)\nlogit y x z\n"
                  "estimates store big\nscalar ll1 = e(ll)\nestadd lrtest small")
    assert rc == 0, out
    assert "Likelihood-ratio test" in out and "added scalars:" in out
    chi2 = 2 * (s.scalars["ll1"] - s.scalars["ll0"])
    assert math.isclose(s.e.scalars["lrtest_chi2"], chi2, rel_tol=1e-9)
    assert s.e.scalars["lrtest_df"] == 1
    assert math.isclose(s.e.scalars["lrtest_p"], math.erfc(math.sqrt(chi2 / 2)), rel_tol=1e-9)  # chi2(1) tail
    assert list(s.e.scalars)[-3:] == ["lrtest_p", "lrtest_chi2", "lrtest_df"]
    assert s.estimates["big"].scalars["lrtest_chi2"] == s.e.scalars["lrtest_chi2"]  # the stored copy too
    out, rc = run(s, 'esttab big small, scalars("lrtest_chi2 LR" lrtest_df) nostar')
    assert rc == 0, out
    assert re.search(rf"^LR\s+{chi2:.2f}\s*$", out, re.M), out  # sfmt a3 default


def test_estadd_lrtest_name_quietly_and_errors(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "logit y x\nestimates store small\nlogit y x z\n"
                  "estadd lrtest small, name(lr_) quietly")
    assert rc == 0, out
    assert "Likelihood-ratio test" not in out and "added scalars" not in out
    assert {"lr_p", "lr_chi2", "lr_df"} <= set(s.e.scalars)
    out, rc = run(s, "estadd lrtest small, name(lr_)")
    assert rc == 110 and "e(lr_p) already defined" in out
    out, rc = run(s, "estadd lrtest small, name(lr_) replace stats")
    assert rc == 0, out
    out, rc = run(s, "estadd lrtest nosuch")
    assert rc == 111, out


def test_cells_ci_l_ci_u(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "regress y x\nesttab, cells(\"b(fmt(4)) ci_l(fmt(4)) ci_u(fmt(4))\")")
    assert rc == 0, out
    b, se, df = s.e.matrices["b"].values[0][0], math.sqrt(s.e.matrices["V"].values[0][0]), 198
    from scipy import stats
    t = stats.t.ppf(0.975, df)
    row = re.search(r"^x\s+(\S+)\s+(\S+)\s+(\S+)\s*$", out, re.M).groups()
    assert row == (f"{b:.4f}", f"{b - t * se:.4f}", f"{b + t * se:.4f}")


def test_missing_coefficient_is_a_dot():
    from mlmcli.render.estout_cells import estout_number

    assert estout_number(float("-inf"), "a3") == "."
    assert estout_number(float("inf"), "3") == "."
    assert estout_number(float("nan"), "%9.2f") == "."


def test_transform_of_a_missing_coefficient(new_session, run):
    s = new_session()
    out, rc = run(s, "matrix b = (1, 0)\nmatrix colnames b = lns1_1_1:_cons x\nmatrix V = I(2)\n"
                  "matrix colnames V = lns1_1_1:_cons x\nmatrix rownames V = lns1_1_1:_cons x\n"
                  "ereturn post b V\nereturn local cmd \".\"\nestimates store m")
    assert rc == 0, out
    import dataclasses
    e = s.estimates["m"]
    b = e.matrices["b"]
    b.values[0][0] = float("-inf")  # as a mixed fit with a zero variance leaves ln sd
    out, rc = run(s, "esttab m, transform(ln*: exp(@) exp(@))")
    assert rc == 0, out
    assert re.search(r"^_cons\s+\.\s*$", out, re.M), out
    del dataclasses
