"""centile ([R] centile, centile.ado 2.3.2): the (n + 1) q centile, its binomial intervals
(interpolated, cci), the normal ones (normal, meansd), the table, r() and $S_#."""
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats


def _binomial_reference(x, q, level, conservative):
    """The interval written from the binomial distribution directly: the upper limit between
    ranks r - 1 and r, r the first rank with P(X >= r) <= alpha/2; the lower between r and
    r + 1, r the first rank whose P(X <= r) exceeds alpha/2."""
    n, a = len(x), (100 - level) / 200
    ge = lambda r: 1.0 if r <= 0 else (0.0 if r > n else stats.binom.sf(r - 1, n, q))  # noqa: E731
    le = lambda r: 0.0 if r < 0 else stats.binom.cdf(r, n, q)  # noqa: E731
    r1 = next(r for r in range(0, n + 2) if ge(r) <= a)
    r0 = r1 - 1
    if r0 < 1 or r0 >= n:
        upper = x[0] if r0 < 1 else x[-1]
    else:
        upper = x[r1 - 1] if conservative else x[r0 - 1] + (ge(r0) - a) / (ge(r0) - ge(r1)) * (x[r1 - 1] - x[r0 - 1])
    s0 = max(r for r in range(-1, n + 1) if le(r) <= a)
    s1 = s0 + 1
    if s1 < 1 or s1 >= n:
        lower = x[0] if s1 < 1 else x[-1]
    else:
        lower = x[s1 - 1] if conservative else x[s1 - 1] + (a - le(s0)) / (le(s1) - le(s0)) * (x[s1] - x[s1 - 1])
    return lower, upper


def _centile_reference(x, q):
    n = len(x)
    rank = (n + 1) * q
    i = math.floor(rank)
    return x[0] if i < 1 else x[-1] if i >= n else x[i - 1] + (rank - i) * (x[i] - x[i - 1])


def _values(out):
    """The numbers of the table's centile lines: (centile, estimate, lb, ub)."""
    rows = []
    for line in out.splitlines():
        if "|" in line and line.split("|")[1].strip() and line.split("|")[1].split()[-1][0] in "-.0123456789":
            rows.append([float(w.rstrip("*").replace(",", "")) for w in line.split("|")[1].split()[-4:]])
    return rows


def test_stata_technical_bulletin_example_of_the_fifth_centile(new_session, run):
    """STB-8 sg7 (centile's first release) on auto.dta's price, 74 cars: the 5th centile is
    3727.75, interval 3291.23 to 3914.16, with cci 3291 to 3955.  Those numbers read only the
    order statistics 1-4, 8 and 9 (3291 3299 3667 3748 ... 3895 3955), kept here."""
    low = [3291, 3299, 3667, 3748, 3798, 3799, 3829, 3895, 3955]
    s = new_session(pd.DataFrame({"price": low + [5000.0 + k for k in range(65)]}))
    out, rc = run(s, "centile price, centile(5)")
    assert rc == 0, out
    assert out.splitlines()[-1] == "       price |        74          5     3727.75        3291.232    3914.159"
    out, rc = run(s, "centile price, centile(5) cci")
    assert _values(out) == [[5, 3727.75, 3291, 3955]]


@pytest.mark.parametrize("n,level", [(9, 95), (40, 90), (151, 99)])
def test_binomial_intervals_match_the_binomial_distribution(new_session, run, n, level):
    x = np.round(np.random.default_rng(n).gamma(2.0, 3.0, n), 3)
    s = new_session(pd.DataFrame({"y": x}))
    xs = np.sort(x)
    cents = [2.5, 10, 25, 50, 75, 90, 99]
    for option, conservative in (("", False), (" cci", True)):
        out, rc = run(s, f"centile y, centile({' '.join(map(str, cents))}) level({level}){option}")
        assert rc == 0, out
        got = s.r
        for k, c in enumerate(cents, 1):
            lb, ub = _binomial_reference(xs, c / 100, level, conservative)
            assert got[f"c_{k}"] == pytest.approx(_centile_reference(xs, c / 100), abs=1e-12)
            assert got[f"lb_{k}"] == pytest.approx(lb, abs=1e-9), (c, option)
            assert got[f"ub_{k}"] == pytest.approx(ub, abs=1e-9), (c, option)


def test_normal_and_meansd_intervals(new_session, run):
    x = np.random.default_rng(5).normal(10, 2, 60)
    s = new_session(pd.DataFrame({"y": x}))
    xs, n = np.sort(x), len(x)
    mean, sd, z = x.mean(), x.std(ddof=1), stats.norm.isf(0.05)
    out, rc = run(s, "centile y, centile(20 50) normal level(90)")
    assert rc == 0 and "-- Normal, based on observed centiles --" in out
    for k, q in enumerate((0.2, 0.5), 1):
        c = _centile_reference(xs, q)
        se = math.sqrt(q * (1 - q) / n) / stats.norm.pdf(c, mean, sd)
        assert s.r[f"c_{k}"] == pytest.approx(c) and s.r[f"lb_{k}"] == pytest.approx(c - z * se)
        assert s.r[f"ub_{k}"] == pytest.approx(c + z * se)
    out, rc = run(s, "centile y, centile(20 50) meansd level(90)")
    assert rc == 0 and "-- Normal, based on mean and std. dev.--" in out
    for k, q in enumerate((0.2, 0.5), 1):
        zq = stats.norm.ppf(q)
        c = mean + zq * sd
        se = sd * math.sqrt(1 / n + zq ** 2 / (2 * (n - 1)))
        assert s.r[f"c_{k}"] == pytest.approx(c) and s.r[f"ub_{k}"] == pytest.approx(c + z * se)


def test_table_layout_results_and_globals(new_session, run):
    df = pd.DataFrame({"a": np.arange(1.0, 21.0), "b": [np.nan] * 5 + list(np.arange(15.0) * 2), "s": ["t"] * 20})
    s = new_session(df)
    out, rc = run(s, "centile, centile(10 50)")
    assert rc == 0, out
    lines = out.splitlines()
    assert lines[:4] == ["", " " * 55 + "-- Binom. Interp. --",
                         "    Variable |       Obs  Percentile    Centile        [95% Conf. Interval]",
                         "-" * 13 + "+" + "-" * 61]
    assert [line.split("|")[0].strip() for line in lines[4:8]] == ["a", "", "b", ""]  # s skipped
    assert lines[4][14:24] == "        20" and lines[4][28:35] == "     10" and lines[4][38:47] == "      2.1"
    assert lines[6][14:24] == "        15"  # b: its own nonmissing values
    assert s.r["N"] == 15 and s.r["n_cent"] == 2 and s.r["centiles"] == "10 50"
    assert s.r["c_2"] == pytest.approx(14.0)  # b's median: 16 * .5 = 8th of 0, 2, ..., 28
    assert s.globals["S_1"] == "15" and s.globals["S_2"] == "2" and s.globals["S_3"] == "50"
    assert s.globals["S_4"] == "14" and float(s.globals["S_7"]) == pytest.approx(1.2) and s.globals["S_8"] == "14"
    out, rc = run(s, "centile a, centile(0 100)")
    assert out.splitlines()[-1] == "* Lower (upper) confidence limit held at minimum (maximum) of sample"
    assert out.splitlines()[4].endswith("*")


def test_the_command_word_glued_to_a_parenthesised_variable(new_session, run):
    """``centile(dmp), centile(50 75)``: the word is the command, ``(dmp)`` its varlist."""
    s = new_session(pd.DataFrame({"dmp": np.arange(30.0), "z": np.ones(30)}))
    glued, rc = run(s, "centile(dmp), centile(50 75)")
    assert rc == 0, glued
    plain, _ = run(s, "centile dmp, centile(50 75)")
    assert glued == plain and "dmp |" in glued and "z |" not in glued


def test_if_in_by_and_errors(new_session, run):
    df = pd.DataFrame({"g": [1] * 10 + [2] * 10, "y": np.arange(20.0)})
    s = new_session(df)
    out, rc = run(s, "centile y if g == 2")
    assert rc == 0 and s.r["N"] == 10 and s.r["c_1"] == pytest.approx(14.5)
    out, rc = run(s, "by g: centile y")
    assert rc == 0 and out.count("-> g = ") == 2 and s.r["c_1"] == pytest.approx(14.5)
    before = s.data.df.copy()
    for text, code, message in (("centile y [fw=g]", 101, "weights not allowed"),
                                ("centile y, centile(50 101)", 125, "outside of allowed range"),
                                ("centile y, bogus", 198, "option bogus not allowed"),
                                ("centile nosuch", 111, "variable nosuch not found")):
        out, rc = run(s, text)
        assert rc == code and message in out, (text, out)
    pd.testing.assert_frame_equal(s.data.df, before)
