"""``tabulate ..., summarize()`` (tabsum): the one-way layout against a published Stata log
(webuse systolic, relabelled: ``tab intervention, su(change)``), two-way figures against
pandas, weights against summarize's formulas computed here, the figure options and Stata's
errors.  oneway's ``tabulate`` option prints the same table."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

# webuse systolic (drug, systolic) as listed in the published log
_CHANGE = {1: [42, 44, 36, 13, 19, 22, 33, 26, 33, 21, 31, -3, 25, 25, 24],
           2: [28, 23, 34, 42, 13, 34, 33, 31, 36, 3, 26, 28, 32, 4, 16],
           3: [1, 29, 19, 11, 9, 7, 1, -6, 21, 1, 9, 3],
           4: [24, 9, 22, -2, 15, 27, 12, 12, -5, 16, 15, 22, 7, 25, 5, 12]}

PUBLISHED = """\
            | Summary of Test Score Change over 1
            |                year
       temp |        Mean   Std. Dev.       Freq.
------------+------------------------------------
          1 |   26.066667   11.677002          15
          2 |   25.533333    11.61813          15
          3 |        8.75     10.0193          12
          4 |        13.5   9.3238047          16
------------+------------------------------------
      Total |    18.87931   12.800874          58"""


@pytest.fixture
def systolic(new_session):
    rows = [(k, v) for k, vals in _CHANGE.items() for v in vals]
    df = pd.DataFrame(rows, columns=["intervention", "change"]).astype(float)
    return new_session(df, var_labels={"change": "Test Score Change over 1 year", "intervention": "temp"})


@pytest.fixture
def data(new_session):
    rng = np.random.default_rng(7)
    n = 90
    df = pd.DataFrame({"g": rng.integers(0, 3, n).astype(float), "h": rng.integers(0, 2, n).astype(float),
                       "y": rng.normal(50, 12, n).round(3), "w": rng.integers(1, 5, n).astype(float)})
    df.loc[[3, 17], "y"] = np.nan
    return new_session(df)


def test_oneway_matches_published_log(systolic, run):
    out, rc = run(systolic, "tab intervention, su(change)")
    assert rc == 0
    assert out.strip("\n") == PUBLISHED


def test_oneway_command_tabulate_prints_the_same_table(systolic, run):
    out, rc = run(systolic, "oneway change intervention, tabulate")
    assert rc == 0
    assert out.strip("\n").startswith(PUBLISHED)


def _numbers(line: str) -> list[float]:
    return [float(x.replace(",", "")) for x in re.findall(r"-?[\d.,]+(?:e[+-]\d+)?", line.split("|", 1)[1])]


def test_twoway_cells_match_pandas(data, run):
    out, rc = run(data, "tab g h, summarize(y)")
    assert rc == 0
    lines = out.strip("\n").splitlines()
    assert lines[0].strip() == "Means, Standard Deviations and Frequencies of y"
    df = data.data.df.dropna(subset=["y"])
    first_rule = next(i for i, ln in enumerate(lines) if ln.startswith("-"))
    body = [ln for ln in lines[first_rule:] if not ln.startswith("-")]
    for i, g in enumerate([0.0, 1.0, 2.0, "Total"]):
        sub = df if g == "Total" else df[df.g == g]
        means, sds, freqs = (_numbers(body[3 * i + k]) for k in range(3))
        expect = [sub[sub.h == h].y for h in (0.0, 1.0)] + [sub.y]
        np.testing.assert_allclose(means, [e.mean() for e in expect], rtol=5e-8)
        np.testing.assert_allclose(sds, [e.std(ddof=1) for e in expect], rtol=5e-8)
        assert freqs == [len(e) for e in expect]


def test_aweights_mean_sd_and_sum_of_weights(data, run):
    out, rc = run(data, "tab g [aw=w], summarize(y)")
    assert rc == 0
    assert "Mean   Std. Dev.       Freq.        Obs." in out
    df = data.data.df.dropna(subset=["y"])
    rows = [ln for ln in out.splitlines() if re.match(r"\s+(\d|Total) \|", ln)]
    for ln, sub in zip(rows, [df[df.g == k] for k in (0.0, 1.0, 2.0)] + [df]):
        mean, sd, freq, obs = _numbers(ln)
        w = sub.w.to_numpy() * len(sub) / sub.w.sum()  # aweights rescaled to sum to N
        m = np.sum(w * sub.y) / len(sub)
        v = np.sum(w * (sub.y - m) ** 2) / (len(sub) - 1)
        np.testing.assert_allclose([mean, sd], [m, np.sqrt(v)], rtol=5e-8)
        assert (freq, obs) == (sub.w.sum(), len(sub))


def test_figure_options(data, run):
    out, _ = run(data, "tab g, sum(y) means")
    assert out.splitlines()[-1].split("|")[1].strip() and "Std. Dev." not in out and "Freq." not in out
    out, _ = run(data, "tab g, sum(y) nostandard")
    assert "Mean       Freq." in out
    out, _ = run(data, "tab g h, sum(y) nofreq")
    assert out.strip("\n").splitlines()[0].strip() == "Means and Standard Deviations of y"
    out, _ = run(data, "tab g [fw=w], sum(y) noobs")
    assert "Obs." not in out


def test_stores_nothing_and_keeps_data(data, run):
    before = data.data.df.copy()
    run(data, "summarize y")
    out, rc = run(data, "tab g, sum(y)")
    assert rc == 0 and data.r == {}
    pd.testing.assert_frame_equal(data.data.df, before)


@pytest.mark.parametrize("line, message, code", [
    ("tab g, sum(nosuch)", "variable nosuch not found", 111),
    ("tab g, sum(y h)", "too many variables specified", 103),
    ("tab g h, sum(y) chi2", "option chi2 not allowed", 198),
    ("tab g, sum(y) iweight", "option iweight not allowed", 198),
    ("tab g [iw=w], sum(y)", "iweights not allowed", 101),
    ("tab g if g > 5, sum(y)", "no observations", 2000),
])
def test_errors(data, run, line, message, code):
    out, rc = run(data, line)
    assert rc == code
    assert message in out
