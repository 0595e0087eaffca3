"""svy brr|sdr|jackknife: mlogit -- each replicate an mlogit refit with its weights: numbers
against R's survey withReplicates over nnet's multinom
(tests/survey_reference/mlogit_replicate_reference.R -> mlogit_replicate_values.csv)."""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

REF = Path(__file__).resolve().parent / "survey_reference"
SETTINGS = {"brr": ("svyset [pw=w], brrweight(brr*) vce(brr)", 7, "BRR"),
            "sdr": ("svyset [pw=w], sdrweight(sdr*) vce(sdr)", 3, "SDR"),
            "jk1": ("svyset [pw=w], jkrweight(jko*) vce(jackknife)", 16, "Jackknife")}


@pytest.fixture(scope="module")
def frame():
    import pandas as pd

    return pd.read_csv(REF / "replicate_design.csv")


def _reference(case: str) -> dict:
    with open(REF / "mlogit_replicate_values.csv") as f:
        return {row["name"]: (float(row["estimate"]), float(row["se"])) for row in csv.DictReader(f)
                if row["case"] == case}


@pytest.mark.parametrize("case", list(SETTINGS))
def test_against_r_withreplicates(do, frame, case):
    setting, df, label = SETTINGS[case]
    rc, out, s = do(f"generate o = 1 + (y > 2.5) + (y > 4)\n{setting}\nsvy: mlogit o x, baseoutcome(1)\n", df=frame)
    assert rc == 0, out
    coefs = s.e.coefficients()
    expect = _reference(case)
    assert len(expect) == 4
    for name, (est, se) in expect.items():
        j = list(coefs.names).index(name)
        assert coefs.b[j] == pytest.approx(est, rel=1e-5), name
        assert np.sqrt(coefs.V[j, j]) == pytest.approx(se, rel=1e-4), name
    assert s.e.scalars["df_r"] == df and s.e.macros["vcetype"] == label
    assert s.e.macros["vce"] == {"b": "brr", "s": "sdr", "j": "jackknife"}[case[0]]
    assert "Replications       =" in out and any(ln.startswith("             |") and ln.strip(" |") == label
                                                  for ln in out.splitlines())
    assert "1            |  (base outcome)" in out.splitlines()


def test_design_jackknife_and_prefix_form(do, frame):
    rc, out, s = do("generate o = 1 + (y > 2.5) + (y > 4)\nsvyset psu [pw=w], strata(stratum)\n"
                    "svy jackknife: mlogit o x, baseoutcome(1)\n", df=frame)
    assert rc == 0, out
    assert s.e.macros["vce"] == "jackknife" and s.e.scalars["N_reps"] == 17
    rc, out, s = do("svy: mlogit o x, baseoutcome(1)\n", session=s)  # linearized: other SEs
    assert rc == 0 and s.e.macros["vcetype"] == "Linearized"
