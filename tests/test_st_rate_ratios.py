"""stmh and stmc: rate ratios worked out here from the records (Mantel-Haenszel over strata of
person-time; over failure times for stmc), the text of stmh.ado and stmc.ado."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2, norm

HERE = Path(__file__).parent


@pytest.fixture
def lung():
    return pd.read_csv(HERE / "survival_reference" / "lung.csv").rename(
        columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})


def _mh_person_time(df, strata):
    q = r = u = v = 0.0
    for _, g in (df.groupby(strata) if strata else [(None, df)]):
        f = g["female"] == 1
        d1, d2, y1, y2 = g["died"][f].sum(), g["died"][~f].sum(), g["time"][f].sum(), g["time"][~f].sum()
        yt = y1 + y2
        q += d1 * y2 / yt
        r += d2 * y1 / yt
        u += d1 * y2 / yt - d2 * y1 / yt
        v += (d1 + d2) * y1 * y2 / yt ** 2
    return q, r, u, v


def _summary(q, r, u, v):
    rr = q / r
    ef = np.exp(norm.ppf(0.975) * np.sqrt(v / (q * r)))
    return rr, rr / ef, rr * ef, u * u / v


def test_stmh_two_groups(do, lung):
    rc, out, s = do("stset time, failure(died)\nstmh female", df=lung)
    assert rc == 0
    d1, d0 = lung["died"][lung["female"] == 1].sum(), lung["died"][lung["female"] == 0].sum()
    y1, y0 = lung["time"][lung["female"] == 1].sum(), lung["time"][lung["female"] == 0].sum()
    assert np.isclose(s.r["RR"], (d1 / y1) / (d0 / y0))
    rr, lo, hi, c2 = _summary(*_mh_person_time(lung, None))
    assert np.isclose(lo, rr / np.exp(1.959963984540054 * np.sqrt(1 / d1 + 1 / d0)))
    row = f"     {rr:10.3f}    {c2:7.2f}        {chi2.sf(c2, 1):5.4f}    {lo:10.3f} {hi:10.3f}"
    assert row in out
    assert "Maximum likelihood estimate of the rate ratio\n  comparing female==1 vs. female==0" in out
    assert "             RR       chi2        P>chi2      [95% Conf. Interval]" in out


def test_stmh_strata_and_by(do, lung):
    rc, out, s = do("stset time, failure(died)\nstmh female ph_ecog", df=lung)
    df = lung.dropna(subset=["ph_ecog"])
    rr, lo, hi, c2 = _summary(*_mh_person_time(df, "ph_ecog"))
    assert rc == 0 and np.isclose(s.r["RR"], rr)
    assert "Mantel-Haenszel estimate of the rate ratio" in out and "  controlling for ph_ecog" in out
    rc, out, s = do("stset time, failure(died)\nstmh female, by(ph_ecog)", df=lung)
    assert rc == 0 and "Overall estimate controlling for ph_ecog" in out
    assert "Approx test for unequal RRs (effect modification): chi2(2) =" in out


def test_stmh_trend(do, lung):
    rc, out, s = do("stset time, failure(died)\nstmh ph_ecog", df=lung)
    df = lung.dropna(subset=["ph_ecog"])
    d, y, e = df["died"].to_numpy(float), df["time"].to_numpy(float), df["ph_ecog"].to_numpy(float)
    u = (d * e).sum() - d.sum() * (y * e).sum() / y.sum()
    v = d.sum() * ((y * e * e).sum() - (y * e).sum() ** 2 / y.sum()) / y.sum()
    assert rc == 0 and np.isclose(s.r["RR"], np.exp(u / v))
    assert "Score test for trend of rates with ph_ecog" in out
    assert f"{u * u / v:7.2f}" in out


def test_stmc_over_failure_times(do, lung):
    rc, out, s = do("stset time, failure(died)\nstmc female", df=lung)
    assert rc == 0
    t, d, f = lung["time"].to_numpy(float), lung["died"].to_numpy(), lung["female"].to_numpy() == 1
    q = r = u = v = 0.0
    for tau in np.unique(t[d == 1]):
        risk = t >= tau
        n, n1 = risk.sum(), (risk & f).sum()
        dd, d1 = ((t == tau) & (d == 1)).sum(), ((t == tau) & (d == 1) & f).sum()
        q += d1 * ((n - n1) - (dd - d1)) / n
        r += (n1 - d1) * (dd - d1) / n
        u += d1 - dd * n1 / n
        v += dd * (n1 / n - (n1 / n) ** 2)
    rr, lo, hi, c2 = _summary(q, r, u, v)
    assert np.isclose(s.r["RR"], rr)
    assert "Mantel-Cox comparisons" in out and "   controlling for time (by clicks)" in out
    assert "Overall Mantel-Haenszel estimate, controlling for time\n" in out
    assert f"     {rr:10.3f}    {c2:7.2f}" in out and f"{lo:10.3f} {hi:10.3f}" in out


def test_stmc_by(do, lung):
    rc, out, s = do("stset time, failure(died)\nstmc female, by(ph_ecog)", df=lung)
    assert rc == 0
    assert "Overall Mantel-Haenszel estimate, controlling for time and\nph_ecog" in out
    assert "Approx chisq for unequal RRs (effect modification)" in out and "(2 df, p = " in out
