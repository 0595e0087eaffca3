"""estat ic and estimates stats after svy: svy_estat.ado (svy's estat) has no ic subcommand
("invalid subcommand ic", r(321)); estimates.ado's Stats fills its table from e(ll), which
svy results lack, so the row shows missing ll, AIC and BIC (no error)."""
from __future__ import annotations

import math
from pathlib import Path

import pytest

REF = Path(__file__).resolve().parent / "survey_reference"


@pytest.fixture(scope="module")
def frame():
    import pandas as pd

    return pd.read_csv(REF / "design.csv")


def test_estat_ic_after_svy_is_an_invalid_subcommand(do, frame):
    rc, out, s = do("svyset psu [pw=w], strata(stratum) singleunit(certainty)\nsvy: logit b x\nestat ic\n", df=frame)
    assert rc == 321
    assert out.rstrip().endswith("invalid subcommand ic\nr(321);")


def test_estimates_stats_after_svy_shows_missing_likelihood(do, frame):
    rc, out, s = do("svyset psu [pw=w], strata(stratum) singleunit(certainty)\nsvy: logit b x\nestimates stats\n",
                    df=frame)
    assert rc == 0, out
    row = next(line for line in out.splitlines() if line.strip().startswith(". |"))
    assert row.split() == [".", "|", str(len(frame)), ".", ".", "2", ".", "."]
    S = s.r["S"].values
    assert S[0, 0] == len(frame) and S[0, 3] == 2
    assert all(math.isnan(S[0, j]) for j in (1, 2, 4, 5))


def test_estat_ic_still_works_without_svy(do, frame):
    rc, out, s = do("logit b x\nestat ic\n", df=frame)
    assert rc == 0, out
