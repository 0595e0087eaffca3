"""ranksum, signrank and kwallis: numbers against scipy.stats (mannwhitneyu without continuity
correction, wilcoxon with Pratt's zero handling, kruskal), layouts as ranksum.ado, signrank.ado
and kwallis.ado draw them, and errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def data():
    rng = np.random.default_rng(11)
    n = 90
    return pd.DataFrame({"x": rng.integers(0, 15, n).astype(float), "y": rng.integers(0, 15, n).astype(float),
                         "g2": np.repeat([1.0, 2.0], n // 2), "g3": np.tile([1.0, 2.0, 3.0], n // 3),
                         "s": np.repeat(["b", "a"], n // 2)})


def test_ranksum_matches_mannwhitneyu(do, data):
    st = pytest.importorskip("scipy.stats")
    rc, out, s = do("ranksum x, by(g2) porder", data.copy())
    assert rc == 0
    a, b = data["x"].to_numpy()[:45], data["x"].to_numpy()[45:]
    ref = st.mannwhitneyu(a, b, method="asymptotic", use_continuity=False)
    assert s.r["p"] == pytest.approx(ref.pvalue, rel=1e-10)
    ranks = st.rankdata(np.r_[a, b])
    assert s.r["sum_obs"] == ranks[:45].sum()
    assert s.r["porder"] == pytest.approx(ref.statistic / (45 * 45) , rel=1e-12)
    assert (s.r["N"], s.r["N_1"], s.r["N_2"], s.r["group1"]) == (90, 45, 45, 1)
    lines = out.splitlines()
    assert lines[1] == "Two-sample Wilcoxon rank-sum (Mann-Whitney) test"
    assert lines[3] == "          g2 |      obs    rank sum    expected"
    assert lines[4] == "-" * 13 + "+" + "-" * 33
    assert lines[5].startswith("           1 |       45 ")
    assert lines[8] == "    combined |       90        4095        4095"
    assert lines[10] == "unadjusted variance    15356.25"
    assert lines[12] == " " * 21 + "-" * 10
    assert lines[15] == "Ho: x(g2==1) = x(g2==2)"
    assert lines[16].startswith("             z = ") and lines[17].startswith("    Prob > |z| = ")
    assert lines[19].startswith("P{x(g2==1) > x(g2==2)} = 0.")


def test_ranksum_string_groups_in_alphabetical_order(do, data):
    rc, out, s = do("ranksum x, by(s)", data.copy())
    rc2, out2, s2 = do("ranksum x, by(g2)", data.copy())
    assert rc == rc2 == 0
    assert s.r["z"] == pytest.approx(-s2.r["z"])   # "a" is the second half of the data
    assert "Ho: x(s==a) = x(s==b)" in out


def test_signrank_matches_wilcoxon_pratt(do, data):
    st = pytest.importorskip("scipy.stats")
    rc, out, s = do("signrank x = y", data.copy())
    assert rc == 0
    d = data["x"].to_numpy() - data["y"].to_numpy()
    ref = st.wilcoxon(d, zero_method="pratt", correction=False, method="approx")
    assert s.r["p"] == pytest.approx(ref.pvalue, rel=1e-10)
    assert s.r["N_tie"] == (d == 0).sum() and s.r["N_pos"] == (d > 0).sum()
    lines = out.splitlines()
    assert lines[1] == "Wilcoxon signed-rank test"
    assert lines[3] == "        sign |      obs   sum ranks    expected"
    assert [ln[:13] for ln in lines[5:10]] == ["    positive ", "    negative ", "        zero ", "-" * 13, "         all "]
    assert lines[13].startswith("adjustment for zeros ")
    assert lines[17] == "Ho: x = y"
    rc, out, s = do("signrank x = 7 + 0*y in 1/30", data.copy())
    ref = st.wilcoxon(data["x"].to_numpy()[:30] - 7, zero_method="pratt", correction=False, method="approx")
    assert s.r["p"] == pytest.approx(ref.pvalue, rel=1e-10)


def test_kwallis_matches_kruskal(do, data):
    st = pytest.importorskip("scipy.stats")
    rc, out, s = do("kwallis x, by(g3)", data.copy())
    assert rc == 0
    x, g = data["x"].to_numpy(), data["g3"].to_numpy()
    ref = st.kruskal(*(x[g == k] for k in (1, 2, 3)))
    assert s.r["chi2_adj"] == pytest.approx(ref.statistic, rel=1e-10)
    assert s.r["df"] == 2 and s.r["chi2"] < s.r["chi2_adj"]
    lines = out.splitlines()
    assert lines[1] == "Kruskal-Wallis equality-of-populations rank test"
    assert lines[3] == "  +" + "-" * 21 + "+"
    assert lines[4] == "  | g3 | Obs | Rank Sum |"
    assert lines[5] == "  |----+-----+----------|"
    assert lines[6].startswith("  |  1 |  30 | ")
    assert lines[11].startswith("chi-squared = ") and lines[11].endswith(" with 2 d.f.")
    assert lines[14].startswith("chi-squared with ties = ")
    assert lines[15] == "probability = " + f"{ref.pvalue:10.4f}"


@pytest.mark.parametrize("text, rc, message", [
    ("ranksum x", 198, "option by() required"),
    ("ranksum x, by(g3)", 499, "more than 2 groups found, only 2 allowed"),
    ("ranksum x if g2 == 1, by(g2)", 499, "1 group found, 2 required"),
    ("ranksum x if x > 100, by(g2)", 2000, "no observations"),
    ("ranksum s, by(g2)", 109, "type mismatch"),
    ("ranksum x, by(g2) exact", 198, "option exact not allowed"),
    ("signrank x", 198, "= expected"),
    ("signrank nosuch = 1", 111, "variable nosuch not found"),
    ("kwallis x if g2 == 1, by(g2)", 498, "at least two populations are required"),
    ("kwallis x", 198, "option by() required"),
])
def test_errors(do, data, text, rc, message):
    got, out, _ = do(text, data.copy())
    assert got == rc and message in out


def test_kwallis_refuses_its_scratch_names(do, data):
    df = data.copy()
    df["_Obs"] = 1.0
    rc, out, _ = do("kwallis x, by(g3)", df)
    assert rc == 110 and "variable _Obs already defined" in out
