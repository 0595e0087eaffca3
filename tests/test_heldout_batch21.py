"""Fixes from the twenty-first held-out batch (tests/realworld/README.md):

* ``tabulate anes_vs_cards_e cms_cpt_tee, chi2 expected miss column matcell(values)
  matrow(names)`` (heldout/mackay-tee, 53 lines): ``expected`` -- the count independence
  predicts in each cell, row total x column total / N, shown %10.1f under the frequency
  ("expected frequency" in the key; stata.com's tabi example: 280 14 \\ 150 16 \\ 59 14 gives
  269.7 24.3 | 294.0) -- and the programmer's options matcell(), matrow() and matcol();
* ``outreg2 using results.xml, ... stat(coef ci pval) ...`` (heldout/mackay-tee): outreg2.ado
  names the option ``STats()``, so ``stat()`` is stats() (the line still stops at ci);
* ``graph combine Graph_curriculum.gph Graph_teacher.gph`` of files never saved
  (heldout/carelli-lindskog): a name.gph is a graph on disk, so a missing one is gs_filetype's
  ``file ... not found`` r(601), not the r(111) of a graph missing from memory.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def cross():
    rng = np.random.default_rng(21)
    a = rng.integers(1, 4, 200).astype(float)
    b = (rng.random(200) < 0.3 + 0.15 * a).astype(float)
    a[:5] = np.nan
    return pd.DataFrame({"a": a, "b": b, "s": np.where(b == 1, "yes", "no")})


def _cells(printed: str, label: str) -> list[str]:
    """The lines of one row of a two-way table: its label line and the lines under it."""
    lines = printed.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split("|")[0].strip() == label)
    out = [lines[start]]
    for line in lines[start + 1:]:
        if line.split("|")[0].strip() or line.startswith("-"):
            break
        out.append(line)
    return out


def test_tabi_expected_matches_the_published_example(do):
    rc, out, _ = do("tabi 280 14 \\ 150 16 \\ 59 14, expected")
    assert rc == 0, out
    assert "| expected frequency |" in out and "Pearson" not in out
    row1 = _cells(out, "1")
    assert row1[1].split() == ["|", "269.7", "24.3", "|", "294.0"]
    total = _cells(out, "Total")
    assert total[1].split() == ["|", "489.0", "44.0", "|", "533.0"]


def test_expected_cells_are_row_times_column_over_n(do, cross):
    rc, out, _ = do("tabulate a b, expected column chi2", df=cross)
    assert rc == 0, out
    keyed = out[out.index("Key"):out.index("+", out.index("column percentage"))]
    assert keyed.index("frequency") < keyed.index("expected frequency") < keyed.index("column percentage")
    ok = cross.dropna()
    counts = pd.crosstab(ok.a, ok.b).to_numpy(dtype=float)
    expected = np.outer(counts.sum(1), counts.sum(0)) / counts.sum()
    for i, label in enumerate(["1", "2", "3"]):
        lines = _cells(out, label)
        shown = [float(v) for v in lines[1].replace("|", " ").split()]
        assert shown == pytest.approx(list(np.round(expected[i], 1)) + [counts[i].sum()], abs=0.051)
        assert len(lines) == 3  # frequency, expected, column percentage


def test_matcell_matrow_matcol_store_the_table(do, cross):
    rc, out, s = do("tabulate a b, matcell(F) matrow(R) matcol(C)\nmatrix list F", df=cross)
    assert rc == 0, out
    ok = cross.dropna()
    np.testing.assert_array_equal(s.matrices["F"].values, pd.crosstab(ok.a, ok.b).to_numpy(dtype=float))
    assert s.matrices["F"].rownames == ("r1", "r2", "r3") and s.matrices["F"].colnames == ("c1", "c2")
    np.testing.assert_array_equal(s.matrices["R"].values.ravel(), [1, 2, 3])
    assert s.matrices["R"].values.shape == (3, 1) and s.matrices["C"].values.shape == (1, 2)
    np.testing.assert_array_equal(s.matrices["C"].values.ravel(), [0, 1])


def test_oneway_matcell_and_missing_rows(do, cross):
    rc, out, s = do("tabulate a, matcell(f) matrow(v) missing", df=cross)
    assert rc == 0, out
    freqs = s.matrices["f"].values.ravel()
    assert list(freqs) == [float((cross.a == k).sum()) for k in (1, 2, 3)] + [5.0]
    v = s.matrices["v"].values.ravel()
    assert list(v[:3]) == [1, 2, 3] and np.isnan(v[3])


def test_tabulate_matrix_options_refusals(do, cross):
    rc, out, _ = do("tabulate a, matcol(c)", df=cross)
    assert rc == 198 and "option matcol() not allowed" in out
    rc, out, _ = do("tabulate a, expected", df=cross)
    assert rc == 198 and "option expected not allowed" in out
    rc, out, _ = do("tabulate a s, matcol(c)", df=cross)
    assert rc == 109
    rc, out, _ = do("tabulate a b, matcell(1x)", df=cross)
    assert rc == 198 and "invalid name" in out


def test_graph_combine_of_a_missing_gph_file_is_r601(do, cross, tmp_path):
    rc, out, _ = do(f'cd "{tmp_path}"\nscatter a b, name(g1)\ngraph combine g1 nosuch.gph', df=cross)
    assert rc == 601 and "file nosuch.gph not found" in out
    rc, out, _ = do(f'cd "{tmp_path}"\nscatter a b, name(g1)\ngraph combine g1 nosuch', df=cross)
    # a bare word names a graph in memory (combinegraph_g.class; lo98): not found is r(198)
    assert rc == 198 and "nosuch is not a memory graph" in out


def test_outreg2_stats_abbreviates_to_st(do, tmp_path):
    """outreg2.ado 2.3.2's syntax has ``STats(str asis)``: ``stat()`` (the TEE file's
    spelling) and ``st()`` are stats(); what they ask for is then honoured or refused as
    stats() is."""
    hsb = Path(__file__).resolve().parents[1] / "samples" / "data" / "hsb.dta"
    fit = f'cd "{tmp_path}"\nuse "{hsb}", clear\nquietly regress mathach ses\n'
    texts = []
    for spelling in ("stats", "stat", "st"):
        rc, out, _ = do(fit + f"outreg2 using o_{spelling}.txt, {spelling}(coef tstat) replace")
        assert rc == 0, out
        texts.append((tmp_path / f"o_{spelling}.txt").read_text())
    assert texts[0] == texts[1] == texts[2] and "t-statistics in parentheses" in texts[0]
    rc, out, _ = do(fit + "outreg2 using o_ci.txt, stat(coef ci pval) replace")
    assert rc == 0, out  # ci is written since round 101 (tests/test_outreg2_ci101.py)
    rc, out, _ = do(fit + "outreg2 using o_s.txt, s(coef tstat) replace")
    assert rc == 198
