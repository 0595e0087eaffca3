"""summarize, tabulate, fre, tabstat on small data: layouts, r(), errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.summary_statistics import stata_percentile, statistic
from mlmcli.dataset import Dataset


def data() -> Dataset:
    ds = Dataset(df=pd.DataFrame({
        "x": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, np.nan],
        "g": [1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 2.0, 3.0, 3.0, 3.0],
        "s": np.array(["a", "b", "a", "b", "a", "", "a", "b", "a", "b"], dtype=object),
    }))
    ds.types.update(x="float", g="byte", s="str1")
    ds.value_labels["gl"] = {1.0: "low", 2.0: "middle", 3.0: "high"}
    ds.value_label_of["g"] = "gl"
    ds.var_labels["g"] = "Group"
    return ds


def test_summarize_table_and_r(new_session, run):
    s = new_session(data())
    out, rc = run(s, "summarize x g s")
    assert rc == 0
    assert out == (
        "\n    Variable |       Obs        Mean    Std. Dev.       Min        Max\n"
        "-------------+--------------------------------------------------------\n"
        "           x |         9           5    2.738613          1          9\n"
        "           g |        10           2    .8164966          1          3\n"
        "           s |         0\n")
    assert s.r["N"] == 0
    run(s, "summarize x if g == 1")
    assert s.r == pytest.approx({"N": 3, "sum_w": 3.0, "mean": 2.0, "Var": 1.0, "sd": 1.0, "min": 1.0,
                                 "max": 3.0, "sum": 6.0})


def test_summarize_separator_every_five(new_session, run):
    ds = Dataset(df=pd.DataFrame({f"v{i}": np.arange(3.0) for i in range(7)}))
    s = new_session(ds)
    lines = run(s, "summarize")[0].splitlines()
    assert lines[8] == "-------------+--------------------------------------------------------"
    assert lines[9].startswith("          v5 |")


def test_summarize_detail(new_session, run):
    s = new_session(data())
    out, _ = run(s, "summarize x, detail")
    lines = out.splitlines()
    assert lines[1] == " " * 30 + "x"
    assert lines[2] == "-" * 61
    assert lines[3] == "      Percentiles      Smallest"
    assert lines[4] == " 1%            1              1"
    assert lines[6] == "10%            1              3       Obs                   9"
    assert lines[7] == "25%            3              4       Sum of Wgt.           9"
    assert lines[8] == ""
    assert lines[9] == "50%            5                      Mean                  5"
    assert lines[10] == "                        Largest       Std. Dev.      2.738613"
    assert lines[14] == "99%            9              9       Kurtosis           1.77"
    assert s.r["p50"] == 5 and s.r["p25"] == 3 and s.r["skewness"] == 0.0


def test_stata_percentiles():
    x = np.arange(1.0, 11.0)
    assert stata_percentile(x, 50) == 5.5  # n*p/100 = 5: mean of 5th and 6th
    assert stata_percentile(x, 25) == 3.0  # 2.5 -> 3rd
    assert stata_percentile(x, 10) == 1.5
    assert statistic("iqr", x) == 5.0
    assert statistic("sd", np.full(5, 0.3)) == 0.0


def test_tab_oneway_with_labels_and_missing(new_session, run):
    s = new_session(data())
    out, rc = run(s, "tab g")
    assert out == ("\n      Group |      Freq.     Percent        Cum.\n"
                   "------------+-----------------------------------\n"
                   "        low |          3       30.00       30.00\n"
                   "     middle |          4       40.00       70.00\n"
                   "       high |          3       30.00      100.00\n"
                   "------------+-----------------------------------\n"
                   "      Total |         10      100.00\n")
    assert s.r == {"N": 10, "r": 3}
    out, _ = run(s, "tab s")
    assert "          a |          5       55.56       55.56" in out
    out, _ = run(s, "tab s, missing")
    assert out.splitlines()[3].startswith("            |          1")
    out, _ = run(s, "tab x if g == 3, missing")
    assert "          . |          1       33.33      100.00" in out
    out, _ = run(s, "tab g, nolabel")
    assert "          1 |          3" in out


def test_tab_twoway_small(new_session, run):
    s = new_session(data())
    out, _ = run(s, "tab g s")
    assert out == (
        "\n           |           s\n"
        "     Group |         a          b |     Total\n"
        "-----------+----------------------+----------\n"
        "       low |         2          1 |         3 \n"
        "    middle |         2          1 |         3 \n"
        "      high |         1          2 |         3 \n"
        "-----------+----------------------+----------\n"
        "     Total |         5          4 |         9 \n")
    assert s.r == {"N": 9, "r": 3, "c": 2}


def test_tab_errors_and_generate(new_session, run):
    s = new_session(data())
    assert run(s, "tab x g s")[1] == 103
    assert run(s, "tab x if x > 100")[0] == "no observations\nr(2000);\n"
    out, rc = run(s, "tab g, gen(gd)")
    assert rc == 0 and s.data.numeric("gd2").tolist() == [0, 0, 0, 1, 1, 1, 1, 0, 0, 0]


def test_fre_with_missing(new_session, run):
    s = new_session(data())
    out, _ = run(s, "fre x if g == 3")
    assert out == (
        "\nx\n"
        "-----------------------------------------------------------\n"
        "              |      Freq.    Percent      Valid       Cum.\n"
        "--------------+--------------------------------------------\n"
        "Valid   8     |          1      33.33      50.00      50.00\n"
        "        9     |          1      33.33      50.00     100.00\n"
        "        Total |          2      66.67     100.00           \n"
        "Missing .     |          1      33.33                      \n"
        "Total         |          3     100.00                      \n"
        "-----------------------------------------------------------\n")
    out, _ = run(s, "fre g")
    assert out.splitlines()[1] == "g -- Group"
    assert "Valid   1 low    |" in out


def test_tabstat_layouts(new_session, run):
    s = new_session(data())
    out, _ = run(s, "tabstat x, stat(mean sd n)")
    assert out == ("\n    variable |      mean        sd         N\n"
                   "-------------+------------------------------\n"
                   "           x |         5  2.738613         9\n"
                   "--------------------------------------------\n")
    out, _ = run(s, "tabstat x g, s(mean max)")
    assert out.splitlines()[1:5] == ["   stats |         x         g", "---------+--------------------",
                                     "    mean |         5         2", "     max |         9         3"]
    out, _ = run(s, "tabstat x, by(g) format(%6.2f) nototal")
    assert out.splitlines()[1:3] == ["Summary for variables: x", "     by categories of: g (Group)"]
    assert "   low |      2.00" in out and "Total" not in out
    out, _ = run(s, "tabstat x g, by(g) col(stat)")
    lines = out.splitlines()  # columns(statistics) with two variables: a row per variable
    assert lines[1] == "Summary for variables: x g"
    assert lines[4:9] == ["     g |      mean", "-------+----------", "   low |         2", "       |         1",
                          "-------+----------"]
    assert run(s, "tabstat s")[1] == 109
    assert run(s, "tabstat x, stat(bogus)")[1] == 198


def test_tab_twoway_percentages_key_and_chi2(new_session, run):
    from scipy.stats import chi2_contingency
    s = new_session(data())
    out, rc = run(s, "tab g s, row chi2")
    assert rc == 0
    lines = out.splitlines()
    assert lines[1:7] == ["+----------------+", "| Key            |", "|----------------|",
                          "|   frequency    |", "| row percentage |", "+----------------+"]
    assert "       low |         2          1 |         3 " in lines
    assert "           |     66.67      33.33 |    100.00 " in lines
    assert lines[-3] == "           |     55.56      44.44 |    100.00 "
    want = chi2_contingency(np.array([[2, 1], [2, 1], [1, 2]]), correction=False)
    assert lines[-1] == f"          Pearson chi2(2) = {want[0]:>8.4f}   Pr = {want[1]:5.3f}"
    assert s.r["chi2"] == pytest.approx(want[0]) and s.r["p"] == pytest.approx(want[1])
    out, _ = run(s, "tab g s, col nofreq nokey")
    assert "Key" not in out and "     Total |    100.00     100.00 |    100.00 " in out
    assert run(s, "tab g, row")[1] == 198


def test_summarize_weights(new_session, run):
    s = new_session(data())
    run(s, "gen w = g")
    out, rc = run(s, "summarize x [aw=w]")
    assert rc == 0
    lines = out.splitlines()
    assert lines[1] == "    Variable |     Obs      Weight        Mean   Std. Dev.       Min        Max"
    assert lines[2] == "-" * 13 + "+" + "-" * 65
    x = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9.0])
    w = np.array([1, 1, 1, 2, 2, 2, 2, 3, 3.0])
    mean = (w * x).sum() / w.sum()
    wn = w * 9 / w.sum()
    sd = np.sqrt((wn * (x - mean) ** 2).sum() / 8)
    assert s.r["mean"] == pytest.approx(mean) and s.r["sd"] == pytest.approx(sd)
    assert s.r["N"] == 9 and s.r["sum_w"] == 17
    assert lines[3].startswith("           x |       9          17")
    out, _ = run(s, "summarize x [fw=w]")
    assert s.r["N"] == 17
    assert s.r["sd"] == pytest.approx(np.sqrt((w * (x - mean) ** 2).sum() / 16))
    assert out.splitlines()[3].startswith("           x |        17")
    assert run(s, "summarize x [pw=w]") == ("pweights not allowed\nr(101);\n", 101)
    run(s, "replace w = 1.5 in 1")
    assert run(s, "summarize x [fw=w]")[1] == 401
    run(s, "replace w = -1 in 1")
    assert run(s, "summarize x [aw=w]")[1] == 402


def test_tab_frequency_weights(new_session, run):
    s = new_session(data())
    run(s, "gen w = 2")
    out, _ = run(s, "tab g [fw=w]")
    assert "        low |          6       30.00       30.00" in out and s.r["N"] == 20
    out, _ = run(s, "tab g s [fw=w]")
    assert "     Total |        10          8 |        18 " in out
    out, rc = run(s, "tab g [aw=w]")  # aweights rescaled to sum to N: a constant weight changes nothing
    assert rc == 0 and "        low |          3       30.00       30.00" in out and s.r["N"] == 10
    assert run(s, "tab g [pw=w]")[1] == 101


def test_fre_options(new_session, run):
    s = new_session(data())
    out, _ = run(s, "fre g, nolabel format(1)")
    assert "Valid   1     |          3       30.0       30.0       30.0" in out
    out, _ = run(s, "fre x if g == 3, nomissing")
    assert "Missing" not in out
    assert run(s, "fre g, format(a)")[1] == 198


def test_tab_twoway_auto_rep78_foreign(new_session, run):
    """[R] tabulate twoway's first example (auto.dta), rebuilt from its counts."""
    cells = {(1, 0): 2, (2, 0): 8, (3, 0): 27, (3, 1): 3, (4, 0): 9, (4, 1): 9, (5, 0): 2, (5, 1): 9}
    rep = np.concatenate([np.full(n, r, dtype=float) for (r, _), n in cells.items()] + [np.full(5, np.nan)])
    foreign = np.concatenate([np.full(n, f, dtype=float) for (_, f), n in cells.items()] + [np.zeros(5)])
    ds = Dataset(df=pd.DataFrame({"rep78": rep, "foreign": foreign}))
    ds.types.update(rep78="int", foreign="byte")
    ds.var_labels.update(rep78="Repair Record 1978", foreign="Car type")
    ds.value_labels["origin"] = {0.0: "Domestic", 1.0: "Foreign"}
    ds.value_label_of["foreign"] = "origin"
    s = new_session(ds)
    out, _ = run(s, "tabulate rep78 foreign")
    assert out == (
        "\n    Repair |\n"
        "    Record |       Car type\n"
        "      1978 |  Domestic    Foreign |     Total\n"
        "-----------+----------------------+----------\n"
        "         1 |         2          0 |         2 \n"
        "         2 |         8          0 |         8 \n"
        "         3 |        27          3 |        30 \n"
        "         4 |         9          9 |        18 \n"
        "         5 |         2          9 |        11 \n"
        "-----------+----------------------+----------\n"
        "     Total |        48         21 |        69 \n")


def test_tab_oneway_auto_rep78(new_session, run):
    rep = np.concatenate([np.full(n, r, dtype=float) for r, n in zip(range(1, 6), [2, 8, 30, 18, 11])]
                         + [np.full(5, np.nan)])
    ds = Dataset(df=pd.DataFrame({"rep78": rep}))
    ds.types["rep78"] = "int"
    ds.var_labels["rep78"] = "Repair Record 1978"
    s = new_session(ds)
    assert run(s, "tabulate rep78")[0] == (
        "\n     Repair |\n"
        "Record 1978 |      Freq.     Percent        Cum.\n"
        "------------+-----------------------------------\n"
        "          1 |          2        2.90        2.90\n"
        "          2 |          8       11.59       14.49\n"
        "          3 |         30       43.48       57.97\n"
        "          4 |         18       26.09       84.06\n"
        "          5 |         11       15.94      100.00\n"
        "------------+-----------------------------------\n"
        "      Total |         69      100.00\n")
