"""symmetry and symmi ([R] symmetry): Bowker's and Stuart-Maxwell's statistics against R
(tests/symmetry_reference/symmetry.R: mcnemar.test and the textbook Stuart-Maxwell form),
the mh and trend statistics from their formulas, symmetry.ado's layout and r()."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = {line.split()[0]: [float(t) for t in line.split()[1:]]
       for line in (Path(__file__).parent / "symmetry_reference" / "symmetry.out").read_text().splitlines()}
TABLE = "10 5 2 \\ 3 20 4 \\ 1 6 15"


def test_symmi_against_r(do):
    rc, out, s = do(f"symmi {TABLE}, notable")
    assert rc == 0
    assert (s.r["chi2"], s.r["df"], s.r["p"]) == pytest.approx(REF["bowker"], rel=1e-12)
    assert (s.r["chi2_sm"], s.r["df_sm"], s.r["p_sm"]) == pytest.approx(REF["stuart_maxwell"], rel=1e-12)
    assert s.r["N_pair"] == 66
    assert out == """
                                             chi2     df      Prob>chi2
--------------------------------------+---------------------------------
Symmetry (asymptotic)                 |      1.23      3         0.7450
Marginal homogeneity (Stuart-Maxwell) |      1.09      2         0.5800
--------------------------------------+---------------------------------
"""
    rc, out, s = do("symmi 15 8 \\ 3 20, notable")
    assert (s.r["chi2"], s.r["df"], s.r["p"]) == pytest.approx(REF["mcnemar"], rel=1e-12)


def test_mh_trend_contrib_from_formulas(do):
    rc, out, s = do(f"symmi {TABLE}, notable mh trend cc contrib")
    n = np.array([[10, 5, 2], [3, 20, 4], [1, 6, 15]], dtype=float)
    rows, cols, diag = n.sum(1), n.sum(0), np.diag(n)
    assert s.r["chi2_b"] == pytest.approx(((rows - cols) ** 2 / (rows + cols)).sum())
    nd = ((rows - cols) ** 2 / (rows + cols - 2 * diag)).sum() * 2 / 3
    assert s.r["chi2_nd"] == pytest.approx(nd)
    num = sum((n[i, j] - n[j, i]) * (i - j) for i in range(3) for j in range(i + 1, 3)) - 0.5
    den = sum((n[i, j] + n[j, i]) * (i - j) ** 2 for i in range(3) for j in range(i + 1, 3))
    assert s.r["chi2_t"] == pytest.approx(num ** 2 / den)
    assert " n1_2 & n2_1          0.5000\n" in out and "Linear trend in the (log) RR          |" in out


def test_symmetry_on_data_and_errors(do):
    df = pd.DataFrame({"a": [1, 1, 2, 2, 3, 1.0], "b": [1, 2, 1, 3, 3, 3.0], "w": [10, 5, 3, 4, 15, 2.0]})
    rc, out, s = do("symmetry a b [fw=w], notable", df)
    rc2, out2, s2 = do("symmi 10 5 2 \\ 3 0 4 \\ 0 0 15, notable")
    assert rc == 0 and s.r["chi2"] == pytest.approx(s2.r["chi2"]) and s.r["chi2_sm"] == pytest.approx(s2.r["chi2_sm"])
    rc, out, s = do("symmetry a b", df)
    assert "Total" in out and "Symmetry (asymptotic)" in out
    for line, want_rc, msg in (("symmetry a b, cc", 198, "cc option allowed only with trend option"),
                               ("symmetry a b if a > 5", 2000, "no observations")):
        rc, out, s = do(line, df)
        assert rc == want_rc and msg in out, (line, out)


def test_exact_probability(do):
    import itertools
    from math import comb

    rc, out, s = do("symmi 15 8 \\ 3 20, notable exact")
    assert s.r["p_exact"] == pytest.approx(REF["exact2x2"][0], rel=1e-12)
    assert out.endswith("Symmetry (exact significance probability)                        0.2266\n")
    rc, out, s = do(f"symmi {TABLE}, notable exact")
    pairs = [(8, 5), (3, 2), (10, 4)]  # (n_ij + n_ji, n_ij) of the three off-diagonal pairs
    observed = np.prod([comb(m, k) * 0.5 ** m for m, k in pairs])
    total = sum(p for p in (np.prod([comb(m, v) * 0.5 ** m for (m, _), v in zip(pairs, vs)])
                            for vs in itertools.product(*[range(m + 1) for m, _ in pairs]))
                if p <= observed * (1 + 1e-7))
    assert s.r["p_exact"] == pytest.approx(total, rel=1e-12)
