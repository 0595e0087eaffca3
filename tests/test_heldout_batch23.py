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


# ----------------------------------------------------------------------------- outreg2 2aster, nonotes, tex(frag)
# outreg2 2.2.5 (zhangdashenqi/stata_ado_plus o/outreg2.ado): _outreg2's options include
# ``noASter 2aster ... 10pct`` (syntax takes option names that begin with digits), ``noNOTes``
# and ``TEX1(passthru)`` parsed by _texout_parse (FRagment NOPRetty PRetty Landscape); 2aster
# sets alpha .01 .05 with symbols ** and *, and two alpha() levels take ** and * too; nonotes
# leaves out both note rows (the statistic's and the stars').

@pytest.fixture(scope="module")
def regression_data():
    rng = np.random.default_rng(23)
    x = rng.normal(size=120)
    z = rng.normal(size=120)
    return pd.DataFrame({"x": x, "z": z, "y": 0.4 * x + 0.15 * z + rng.normal(size=120)})


def _outreg(do, data, tmp_path, options):
    path = tmp_path / "t.txt"
    rc, out, s = do(f'regress y x z\noutreg2 using "{path.with_suffix("")}", {options}', data)
    assert rc == 0, out
    return path.read_text(), s


def test_2aster_and_two_alpha_levels_use_two_and_one_stars(do, regression_data, tmp_path):
    from scipy.stats import t as t_dist
    text, s = _outreg(do, regression_data, tmp_path, "2aster replace")
    assert "** p<0.01, * p<0.05" in text and "***" not in text
    b, v = s.e.matrices["b"].values[0], np.diag(s.e.matrices["V"].values)
    p = 2 * t_dist.sf(np.abs(b / np.sqrt(v)), s.e.scalars["df_r"])
    rows = {line.split("\t")[0]: line.split("\t")[1] for line in text.splitlines() if "\t" in line}
    for name, pv in zip(("x", "z"), p[:2]):
        stars = "**" if pv < 0.01 else "*" if pv < 0.05 else ""
        assert rows[name].endswith(stars) and not rows[name].endswith(stars + "*")
    assert _outreg(do, regression_data, tmp_path, "alpha(0.01, 0.05) replace")[0].count("** p<0.01, * p<0.05") == 1


def test_nonotes_drops_both_note_rows(do, regression_data, tmp_path):
    text, _ = _outreg(do, regression_data, tmp_path, "nonotes replace")
    assert "parentheses" not in text and "p<0." not in text
    assert "Observations" in text


def test_tex_fragment_is_the_tabular_of_the_full_document(do, regression_data, tmp_path):
    # outreg2.ado: tex writes a LaTeX document around the tabular, tex(fragment) the tabular alone
    _outreg(do, regression_data, tmp_path, "tex(frag) replace")
    fragment = (tmp_path / "t.tex").read_text()
    _outreg(do, regression_data, tmp_path, "tex replace")
    document = (tmp_path / "t.tex").read_text()
    assert "\\begin{tabular}" in fragment and "documentclass" not in fragment
    assert document.startswith("\\documentclass") and fragment in document


@pytest.mark.parametrize("texopts, message", [("pretty", "tex(pretty) is not available in mlm"),
                                              ("land", "tex(land) is not available in mlm"),
                                              ("frog", "option frog not allowed")])
def test_tex_options_mlm_does_not_write_are_refused(do, regression_data, tmp_path, texopts, message):
    rc, out, _ = do(f'regress y x z\noutreg2 using "{tmp_path / "t"}", tex({texopts}) replace', regression_data)
    assert rc == 198 and message in out
    assert not (tmp_path / "t.txt").exists()


def test_an_option_name_beginning_with_digits_is_read_and_an_unknown_one_refused(do, regression_data):
    from mlmcli.ast import Option
    from mlmcli.syntax.options import read_options
    assert read_options("2aster 10pct bdec(2)") == (Option("2aster"), Option("10pct"), Option("bdec", "2"))
    rc, out, _ = do("regress y x z\noutreg2 using t, 3aster", regression_data)
    assert rc == 198 and "option 3aster not allowed" in out


def test_lrchi2_and_v_on_lazy_data_match_memory(do, tmp_path):
    pytest.importorskip("duckdb")
    path = tmp_path / "cells.parquet"
    _cells(TABLE).to_parquet(path)
    lazy = do(f"use {path}, lazy\ntabulate a b, chi2 lrchi2 V")
    memory = do(f"use {path}\ntabulate a b, chi2 lrchi2 V")
    assert lazy[0] == memory[0] == 0, lazy[1] + memory[1]
    assert lazy[2].data.lazy
    assert lazy[1].replace(str(path), "") == memory[1].replace(str(path), "")
    assert lazy[2].r["chi2_lr"] == pytest.approx(memory[2].r["chi2_lr"], rel=1e-12)
    assert lazy[2].r["CramersV"] == pytest.approx(memory[2].r["CramersV"], rel=1e-12)
    rc, out, _ = do(f"use {path}, lazy\ntabulate a, V")
    assert rc == 198 and "option V not allowed" in out


# ----------------------------------------------------------------------------- swilk of a constant
# ``by seq, sort : swilk *`` (heldout/mongeon-bone) tests seq, constant within each group: the
# tied normal scores have no spread, and numpy's 0/0 warning reached the ratchet as an internal
# error.  W and the rest stay missing, as mlm gave them before; only the warning is gone.

def test_swilk_of_a_constant_variable_is_missing_without_a_warning(do):
    import warnings
    df = pd.DataFrame({"c": np.ones(20), "g": np.repeat([1.0, 2.0], 10), "y": np.arange(20.0) ** 1.5})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rc, out, s = do("by g, sort: swilk y c", df)
    assert rc == 0, out
    assert np.isnan(s.r["W"])  # the last variable tested, c
    rc, out, s = do("swilk y", df)
    assert rc == 0 and 0 < s.r["W"] < 1
