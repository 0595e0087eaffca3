"""pwmean: numbers against R's emmeans (tests/pwmean_reference/pwmean.R: pairs of lm() cell means
with each adjustment), the tables laid out as pwcompare's ([R] pwmean's example), e() and the
refusals."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "pwmean_reference"
DATA = pd.read_csv(HERE / "pw.csv").astype(float)
ORDER = ["g2-g1", "g3-g1", "g5-g1", "g3-g2", "g5-g2", "g5-g3"]  # Stata's: 2 vs 1, 3 vs 1, 5 vs 1, 3 vs 2, ...


def _reference() -> dict:
    out = {}
    lines = (HERE / "pwmean_values.txt").read_text().splitlines()
    lines += (HERE / "pwmean_range_values.txt").read_text().splitlines()  # pwmean_range.R: snk, duncan
    for line in lines:
        words = line.split()
        if words[0] in ("means", "mean_se"):
            out[words[0]] = np.array([float(v) for v in words[1:]])
        elif words[1] == "label":
            out[(words[0], "label")] = words[2:]
        else:
            out[(words[0], words[1])] = np.array([float(v) for v in words[2:]])
    return out


REF = _reference()


def _in_stata_order(method, what):
    labels = REF[(method, "label")]
    return np.array([REF[(method, what)][labels.index(name)] for name in ORDER])


@pytest.mark.parametrize("method, r_method", [("noadjust", "none"), ("bonferroni", "bonferroni"),
                                              ("sidak", "sidak"), ("scheffe", "scheffe"), ("tukey", "tukey"),
                                              ("snk", "snk"), ("duncan", "duncan"), ("dun", "duncan")])
def test_comparisons_against_emmeans(do, method, r_method):
    rc, printed, s = do(f"pwmean y, over(g) mcompare({method}) effects", DATA.copy())
    assert rc == 0, printed
    np.testing.assert_allclose(s.e.matrices["b_vs"].values.ravel(), _in_stata_order(r_method, "est"), rtol=1e-9)
    np.testing.assert_allclose(np.sqrt(np.diag(s.e.matrices["V_vs"].values)), _in_stata_order(r_method, "se"),
                               rtol=1e-9)
    table = s.r["table_vs"].values
    np.testing.assert_allclose(table[3], _in_stata_order(r_method, "p"), rtol=1e-5, atol=1e-9)
    np.testing.assert_allclose(table[4], _in_stata_order(r_method, "lo"), rtol=1e-6)
    np.testing.assert_allclose(table[5], _in_stata_order(r_method, "hi"), rtol=1e-6)
    assert s.e.macros["cmd"] == "pwmean" and s.e.scalars["df_r"] == 26 and s.e.macros["mcmethod_vs"] == r_method.replace(
        "none", "noadjust")


def test_means_against_emmeans(do):
    rc, printed, s = do("pwmean y, over(g) cimeans", DATA.copy())
    assert rc == 0, printed
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), REF["means"], rtol=1e-9)
    np.testing.assert_allclose(np.sqrt(np.diag(s.e.matrices["V"].values)), REF["mean_se"], rtol=1e-9)
    assert "           y |       Mean   Std. Err.     [95% Conf. Interval]" in printed
    assert "Contrast" not in printed


def test_layout_tukey_effects(do):
    rc, printed, _ = do("pwmean y, over(g) mcompare(tukey) effects", DATA.copy())
    assert rc == 0
    lines = printed.splitlines()
    top = lines.index("Pairwise comparisons of means with equal variances")
    assert lines[top + 1:top + 10] == [
        "", "over         : g", "",
        "---------------------------",
        "             |    Number of",
        "             |  Comparisons",
        "-------------+-------------",
        "           g |            6",
        "---------------------------"]
    assert "           y |   Contrast   Std. Err.      t    P>|t|     [95% Conf. Interval]" in lines
    assert "           g |" in lines
    assert any(line.startswith("     2 vs 1  |   1.093857   .8507509     1.29   0.580") for line in lines)


def test_sort_orders_the_rows(do):
    rc, printed, s = do("pwmean y, over(g) sort cimeans cieffects", DATA.copy())
    assert rc == 0, printed
    rows = [line for line in printed.splitlines() if " vs " in line]
    shown = [float(line.split("|")[1].split()[0]) for line in rows]
    assert shown == sorted(shown) and len(shown) == 6
    means = [float(line.split("|")[1].split()[0]) for line in printed.splitlines()
             if line.strip().split("|")[0].strip() in ("1", "2", "3", "5")]
    assert len(means) == 4 and means == sorted(means)
    np.testing.assert_allclose(means, np.sort(REF["means"]), rtol=1e-6)
    np.testing.assert_allclose(s.e.matrices["b_vs"].values.ravel(), _in_stata_order("none", "est"), rtol=1e-9)


@pytest.mark.parametrize("text, rc, message", [
    ("pwmean y", 198, "option over() required"),
    ("pwmean y, over(g) groups mcompare(dunnett)", 198, "option groups with mcompare(dunnett) not supported"),
    ("pwmean y, over(nothere)", 111, "variable nothere not found"),
])
def test_errors(do, text, rc, message):
    got, printed, s = do(text, DATA.copy())
    assert got == rc and message in printed, printed
    assert s.e is None


@pytest.mark.parametrize("method,title", [("snk", "SNK"), ("duncan", "Duncan")])
def test_layout_range_methods(do, method, title):
    rc, printed, _ = do(f"pwmean y, over(g) mcompare({method})", DATA.copy())
    assert rc == 0, printed
    lines = printed.splitlines()
    assert "           g |            6" in lines  # Number of Comparisons
    header = [line for line in lines if line.strip().startswith("|") and title in line]
    assert header and header[0].rstrip().endswith(title), lines


@pytest.mark.parametrize("command", ["pwcompare g, mcompare({m}) effects", "margins g, pwcompare(effects) mcompare({m})"])
@pytest.mark.parametrize("method", ["snk", "duncan"])
def test_pwcompare_range_methods_after_regress(do, command, method):
    """After regress y i.g the margins of g are the cell means with regress's MSE: pwmean's numbers."""
    rc, printed, s = do("regress y i.g\n" + command.format(m=method), DATA.copy())
    assert rc == 0, printed
    table = s.r["table_vs"].values
    np.testing.assert_allclose(table[0], _in_stata_order(method, "est"), rtol=1e-9)
    np.testing.assert_allclose(table[3], _in_stata_order(method, "p"), rtol=1e-5, atol=1e-9)
    np.testing.assert_allclose(table[4], _in_stata_order(method, "lo"), rtol=1e-6)
    np.testing.assert_allclose(table[5], _in_stata_order(method, "hi"), rtol=1e-6)


def test_range_methods_only_for_pairwise_comparisons(do):
    rc, printed, _ = do("regress y i.g\nmargins g, mcompare(snk)", DATA.copy())
    assert rc == 198 and "mcompare(snk) not allowed" in printed


def test_dunnett_against_mvtnorm(do):
    """Each level against the first (the control): p and the simultaneous interval from the k - 1
    t statistics correlated 1/2, as Stata's dunnettprob; R's mvtnorm::pmvt (pwmean_range.R)."""
    rc, printed, s = do("pwmean y, over(g) mcompare(dunnett) effects", DATA.copy())
    assert rc == 0, printed
    labels = REF[("dunnett", "label")]
    assert labels == ["g2-g1", "g3-g1", "g5-g1"]
    table = s.r["table_vs"].values
    assert s.r["table_vs"].colnames == ("2vs1.g", "3vs1.g", "5vs1.g")
    np.testing.assert_allclose(table[0], REF[("dunnett", "est")], rtol=1e-9)
    np.testing.assert_allclose(table[3], REF[("dunnett", "p")], rtol=1e-6, atol=1e-7)  # pmvt: abseps 1e-9
    np.testing.assert_allclose(table[4], REF[("dunnett", "lo")], rtol=1e-6)  # uniroot on pmvt
    np.testing.assert_allclose(table[5], REF[("dunnett", "hi")], rtol=1e-6)
    assert "           g |            3" in printed.splitlines()
    assert any(line.rstrip().endswith("Dunnett") for line in printed.splitlines())
