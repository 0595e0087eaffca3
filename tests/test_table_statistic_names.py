"""Stata 17 ``table ..., statistic()``: every statistic name of [TABLES] table and the
abbreviations its help allows (perc, prop, freq, var, skew, kurt, fvfreq, rawfreq, ...), the
header titles, and the values of the ones added by nb102 (q1/q2/q3, cv, skewness, kurtosis,
sebinomial, sepoisson, raw* and fvraw*) -- checked against numpy computations of the
definitions."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def frame():
    rng = np.random.default_rng(102)
    n = 90
    x = np.round(rng.gamma(2.0, 3.0, n), 3)
    x[[4, 9]] = np.nan
    return pd.DataFrame({"g": rng.integers(0, 2, n).astype(float), "x": x,
                         "b": (rng.uniform(size=n) < 0.3).astype(float),
                         "c": rng.poisson(3, n).astype(float),
                         "fw": rng.integers(1, 4, n).astype(float),
                         "w": np.round(rng.uniform(0.5, 2.5, n), 2)})


def _cells(out: str) -> dict[str, list[str]]:
    rows = {}
    for line in out.split("\n"):
        if "|" in line and not line.startswith("-"):
            label, _, rest = line.partition("|")
            if label.strip() and rest.split():
                rows[label.strip()] = rest.split()
    return rows


def _pctile(v: np.ndarray, p: float) -> float:
    """[R] summarize's unweighted percentile."""
    v = np.sort(v)
    P = len(v) * p / 100
    i = int(np.floor(P))
    if P == i:
        return (v[i - 1] + v[i]) / 2 if i > 0 else v[0]
    return v[i]


def _moments(v: np.ndarray, w: np.ndarray | None = None):
    w = np.ones_like(v) if w is None else w
    m = (w * v).sum() / w.sum()
    d = v - m
    m2, m3, m4 = [(w * d ** k).sum() / w.sum() for k in (2, 3, 4)]
    return m, m3 / m2 ** 1.5, m4 / m2 ** 2


@pytest.mark.parametrize("typed, title", [
    ("freq", "Frequency"), ("frequency", "Frequency"), ("perc", "Percent"), ("percent", "Percent"),
    ("prop", "Proportion"), ("proportion", "Proportion"), ("rawfreq", "Unweighted frequency"),
    ("rawperc", "Unweighted percent"), ("rawprop", "Unweighted proportion")])
def test_counting_names_and_abbreviations(do, frame, typed, title):
    rc, out, _ = do(f"table g, statistic({typed})", df=frame)
    assert rc == 0, out
    assert title in out


@pytest.mark.parametrize("typed, title", [
    ("mean", "Mean"), ("count", "Number of nonmissing observations"), ("total", "Total"),
    ("sumw", "Sum of weights"), ("median", "Median"), ("p10", "10th percentile"),
    ("q1", "First quartile"), ("q2", "Second quartile"), ("q3", "Third quartile"),
    ("iqr", "Interquartile range"), ("min", "Minimum value"), ("max", "Maximum value"),
    ("range", "Range"), ("sd", "Standard deviation"), ("var", "Variance"), ("variance", "Variance"),
    ("cv", "Coefficient of variation"), ("semean", "Standard error of the mean"),
    ("sepoisson", "Standard error of the mean, Poisson distribution"),
    ("skew", "Skewness"), ("skewness", "Skewness"), ("kurt", "Kurtosis"), ("kurtosis", "Kurtosis")])
def test_variable_statistic_names(do, frame, typed, title):
    rc, out, _ = do(f"table g, statistic({typed} x)", df=frame)
    assert rc == 0, out
    assert title in out


def test_too_short_abbreviation_is_refused(do, frame):
    for typed in ("fre", "per", "ske x", "kur x", "va x", "rawfre"):
        rc, out, _ = do(f"table g, statistic({typed})", df=frame)
        assert rc in (100, 198), (typed, out)


def test_quartiles_cv_and_moments_against_numpy(do, frame):
    rc, out, _ = do("table g, statistic(q1 x) statistic(q2 x) statistic(q3 x) statistic(cv x) "
                    "statistic(skewness x) statistic(kurtosis x) nformat(%12.6f)", df=frame)
    assert rc == 0, out
    cells = _cells(out)
    for k in (0, 1):
        v = frame.x[frame.g == k].dropna().to_numpy()
        _, skew, kurt = _moments(v)
        expect = [_pctile(v, 25), _pctile(v, 50), _pctile(v, 75), v.std(ddof=1) / v.mean(), skew, kurt]
        assert cells[str(k)] == [f"{e:.6f}" for e in expect]


def test_standard_errors_binomial_and_poisson(do, frame):
    rc, out, _ = do("table g, statistic(sebinomial b) statistic(sepoisson c) nformat(%12.6f)", df=frame)
    assert rc == 0, out
    cells = _cells(out)
    for k in (0, 1):
        b, c = frame.b[frame.g == k], frame.c[frame.g == k]
        p = b.mean()
        assert cells[str(k)] == [f"{np.sqrt(p * (1 - p) / len(b)):.6f}", f"{np.sqrt(c.mean() / len(c)):.6f}"]
    # fweights: the observations repeated
    rc, out, _ = do("table g [fweight=fw], statistic(sebinomial b) nformat(%12.6f)", df=frame)
    assert rc == 0, out
    part = frame[frame.g == 0]
    p = (part.fw * part.b).sum() / part.fw.sum()
    assert _cells(out)["0"] == [f"{np.sqrt(p * (1 - p) / part.fw.sum()):.6f}"]


def test_standard_errors_refuse_other_weights(do, frame):
    for stat in ("sebinomial b", "sepoisson c"):
        rc, out, _ = do(f"table g [aweight=w], statistic({stat})", df=frame)
        assert rc == 135 and f"{stat.split()[0]} not allowed with aweights" in out, out


def test_weighted_skewness_and_cv(do, frame):
    rc, out, _ = do("table g [aweight=w], statistic(skewness x) statistic(cv x) nformat(%12.6f)", df=frame)
    assert rc == 0, out
    part = frame[(frame.g == 1) & frame.x.notna()]
    v, w = part.x.to_numpy(), part.w.to_numpy()
    mean, skew, _ = _moments(v, w)
    wn = w * len(v) / w.sum()
    var = (wn * (v - mean) ** 2).sum() / (len(v) - 1)
    assert _cells(out)["1"] == [f"{skew:.6f}", f"{np.sqrt(var) / mean:.6f}"]


def test_raw_statistics_ignore_the_weights(do, frame):
    rc, out, _ = do("table g [fweight=fw], statistic(frequency) statistic(rawfrequency) "
                    "statistic(rawpercent) statistic(fvrawfrequency b) statistic(fvfrequency b)", df=frame)
    assert rc == 0, out
    cells = _cells(out)
    part = frame[frame.g == 1]
    row = cells["1"]
    assert row[:3] == [f"{part.fw.sum():.0f}", f"{len(part)}", f"{100 * len(part) / len(frame):.2f}"]
    # fv statistics: per level of b (0 then 1), the raw one then the weighted one
    raw1, wtd1 = (part.b == 1).sum(), part.fw[part.b == 1].sum()
    assert f"{raw1}" in row[3:] and f"{wtd1:.0f}" in row[3:]
    assert "Unweighted factor-variable frequency" in out
