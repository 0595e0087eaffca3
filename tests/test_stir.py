"""stir: ir's table over the failures, a two-valued exposure and the time at risk of the st
records (stir.ado); the cells and rate ratios computed here from the records."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent


@pytest.fixture
def lung():
    return pd.read_csv(HERE / "survival_reference" / "lung.csv").rename(
        columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})


def test_stir_table(do, lung):
    rc, out, s = do("stset time, failure(died) exit(time 700)\nstir female", df=lung)
    assert rc == 0
    t = np.minimum(lung["time"].to_numpy(float), 700)
    d = (lung["died"].to_numpy() == 1) & (lung["time"].to_numpy() <= 700)
    f = lung["female"].to_numpy() == 1
    a, b, t1, t0 = d[f].sum(), d[~f].sum(), t[f].sum(), t[~f].sum()
    assert "note:  Exposed <-> female==1 and Unexposed <-> female==0" in out
    assert f"         Failure |        {a:>2}         {b:>3}  |        {a + b:>3}" in out
    assert "            Time |" in out and f"{t1:.0f}" in out
    assert np.isclose(s.r["irr"], (a / t1) / (b / t0))
    assert np.isclose(s.r["ird"], a / t1 - b / t0)


def test_stir_strata_mantel_haenszel(do, lung):
    rc, out, s = do("stset time, failure(died)\nstir female, strata(ph_ecog)", df=lung)
    assert rc == 0
    df = lung.dropna(subset=["ph_ecog"])
    num = den = 0.0
    for _, g in df.groupby("ph_ecog"):
        f = g["female"] == 1
        a, b = g["died"][f].sum(), g["died"][~f].sum()
        t1, t0 = g["time"][f].sum(), g["time"][~f].sum()
        num += a * t0 / (t1 + t0)
        den += b * t1 / (t1 + t0)
    assert np.isclose(s.r["irr"], num / den)


@pytest.mark.parametrize("text,message,rc", [
    ("stir ph_ecog", "ph_ecog takes on more than two values", 134),
    ("stir female, pool", "option pool is relevant only if strata() is specified", 198),
])
def test_errors(do, lung, text, message, rc):
    got, out, _ = do("stset time, failure(died)\n" + text, df=lung)
    assert got == rc and message in out


def test_pweights_refused(do, lung):
    got, out, _ = do("gen w = 1\nstset time [pw=w], failure(died)\nstir female", df=lung)
    assert got == 101 and "stir does not allow pweights" in out
