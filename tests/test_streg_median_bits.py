"""streg's median (predict_streg.StregModel.median, behind predict's default and margins' numerical
derivatives) bisects ln t and stops once a halving moves no bound on any row, instead of always
running 200 halvings.  Every later halving would repeat the same midpoints, so the medians must be
the same bits as the 200 halvings give -- checked here on each distribution, a frailty fit
(unconditional medians) and linear predictors far out and missing."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest


def _median_by_200_halvings(model, eqs):
    lo, hi = np.full(len(eqs[0]), -50.0), np.full(len(eqs[0]), 50.0)
    half = np.log(0.5)
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        above = model.log_survivor(np.exp(mid), eqs) > half
        lo, hi = np.where(above, mid, lo), np.where(above, hi, mid)
    out = np.exp(0.5 * (lo + hi))
    return np.where(np.isfinite(eqs[0]) & (hi < 50.0), out, np.nan)


@pytest.fixture(scope="module")
def lung():
    return pd.read_csv(Path(__file__).parent / "survival_reference" / "lung.csv").rename(
        columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})


@pytest.mark.parametrize("options", ["distribution(weibull)", "distribution(lognormal)",
                                     "distribution(loglogistic)", "distribution(gompertz)",
                                     "distribution(exponential) time", "distribution(gamma)",
                                     "distribution(weibull) frailty(gamma)"])
def test_the_same_bits_as_200_halvings(do, lung, options):
    rc, out, s = do(f"stset time, failure(died)\nquietly streg age i.female, {options}", df=lung)
    assert rc == 0, out
    model = s.e.model
    eqs, _ = model.equations(s.data)
    spread = np.r_[eqs[0], eqs[0][:5] * 40.0, -eqs[0][:5] * 40.0, np.nan, 1e6, -1e6]
    wide = [spread] + [np.resize(e, spread.shape) for e in eqs[1:]]
    for eq in (eqs, wide):
        fast = model.median(eq)
        assert np.array_equal(fast, _median_by_200_halvings(model, eq), equal_nan=True)
    assert np.isfinite(model.median(eqs)).all()
