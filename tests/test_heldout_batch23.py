"""Fixes from the twenty-third held-out batch (tests/realworld/README.md):

* ``tabulate seq fema, chi2 lrchi2 row`` (heldout/mongeon-bone): tabulate's ``lrchi2`` (the
  likelihood-ratio chi2, 2 sum O ln(O/E) on Pearson's degrees of freedom, r(chi2_lr) and
  r(p_lr)) and with it ``V`` (Cramér's V, r(CramersV); signed for a 2 x 2 table as [R]
  tabulate twoway's methods give it), also for ``tabi``; printed in Stata's order under
  Pearson's line with the same right-aligned labels.  The values are checked against scipy's
  ``chi2_contingency(lambda_="log-likelihood")`` and ``contingency.association``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency
from scipy.stats.contingency import association

TABLE = np.array([[280, 14], [150, 16], [59, 14]])


def _cells(table: np.ndarray) -> pd.DataFrame:
    """One row per observation of a two-way table of counts (rows a, columns b)."""
    a, b = np.indices(table.shape)
    reps = table.ravel()
    return pd.DataFrame({"a": np.repeat(a.ravel() + 1, reps).astype(float),
                         "b": np.repeat(b.ravel() + 1, reps).astype(float)})


def test_lrchi2_and_v_match_scipy_on_data(do):
    rc, out, s = do("tabulate a b, chi2 lrchi2 V", _cells(TABLE))
    assert rc == 0, out
    g2, p, df = chi2_contingency(TABLE, lambda_="log-likelihood")[:3]
    assert s.r["chi2_lr"] == pytest.approx(g2, rel=1e-10)
    assert s.r["p_lr"] == pytest.approx(p, rel=1e-8)
    assert s.r["CramersV"] == pytest.approx(association(TABLE), rel=1e-10)
    lines = out.splitlines()
    i = next(k for k, line in enumerate(lines) if "Pearson chi2(2)" in line)
    assert lines[i + 1] == f" likelihood-ratio chi2(2) = {g2:8.4f}   Pr = {p:5.3f}"
    assert lines[i + 2] == f"               Cramér's V = {association(TABLE):8.4f}"
    assert lines[i].index("=") == lines[i + 1].index("=") == lines[i + 2].index("=") == 26


def test_lrchi2_alone_comes_after_a_blank_line_and_exact_follows_v(do):
    rc, out, s = do("tabi 20 10 \\ 5 15, lrchi2 V exact")
    assert rc == 0, out
    lines = out.splitlines()
    i = next(k for k, line in enumerate(lines) if "likelihood-ratio chi2(1)" in line)
    assert lines[i - 1] == ""
    assert "Cramér's V" in lines[i + 1] and "Fisher's exact" in lines[i + 2]
    assert "Pearson" not in out and "chi2" not in s.r
    g2 = chi2_contingency(np.array([[20, 10], [5, 15]]), lambda_="log-likelihood", correction=False)[0]
    assert s.r["chi2_lr"] == pytest.approx(g2, rel=1e-10)


def test_v_of_a_two_by_two_table_is_signed(do):
    rc, out, plus = do("tabi 20 10 \\ 5 15, V")
    assert rc == 0, out
    rc, out, minus = do("tabi 5 15 \\ 20 10, V")
    assert rc == 0, out
    size = association(np.array([[20, 10], [5, 15]]))
    assert plus.r["CramersV"] == pytest.approx(size, rel=1e-10)
    assert minus.r["CramersV"] == pytest.approx(-size, rel=1e-10)
    assert f"Cramér's V = {-size:8.4f}" in out


def test_empty_rows_and_zero_cells(do):
    # a zero cell adds nothing to G2 (0 ln 0 = 0); Stata's table has no empty margins to drop
    table = np.array([[12, 0, 3], [4, 9, 5]])
    rc, out, s = do("tabulate a b, lrchi2 V", _cells(table))
    assert rc == 0, out
    g2, p = chi2_contingency(table, lambda_="log-likelihood")[:2]
    assert s.r["chi2_lr"] == pytest.approx(g2, rel=1e-10)
    assert s.r["CramersV"] == pytest.approx(association(table), rel=1e-10)


@pytest.mark.parametrize("option, shown", [("V", "V"), ("lrchi2", "lrchi2")])
def test_one_way_refuses_the_two_way_tests(do, option, shown):
    rc, out, _ = do(f"tabulate a, {option}", _cells(TABLE))
    assert rc == 198
    assert f"option {shown} not allowed" in out


def test_gamma_is_still_refused(do):
    rc, out, _ = do("tabulate a b, gamma", _cells(TABLE))
    assert rc == 198
