"""svy with a two-stage design (svyset psu, fpc() || ssu, fpc()): the linearized variance adds
the second stage's variance times the first stage's sampling fraction; numbers against R's
svydesign(ids = ~psu + ssu, fpc = ~fpc + fpc2)
(tests/survey_reference/multistage_reference.R -> multistage_values.csv)."""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

REF = Path(__file__).resolve().parent / "survey_reference"
DATA = "keep if stratum < 6\ngenerate ssu = 1 + mod(_n, 3)\ngenerate fpc2 = 5\n"
TWO_STAGE = "svyset psu [pw=w], strata(stratum) fpc(fpc) || ssu, fpc(fpc2)\n"


@pytest.fixture(scope="module")
def frame():
    import pandas as pd

    return pd.read_csv(REF / "design.csv")


def _reference(case: str) -> dict:
    with open(REF / "multistage_values.csv") as f:
        return {row["name"]: (float(row["estimate"]), float(row["se"])) for row in csv.DictReader(f)
                if row["case"] == case}


@pytest.mark.parametrize("case, setting, command", [
    ("two_stage_mean", TWO_STAGE, "svy: mean y x"),
    ("two_stage_total", TWO_STAGE, "svy: total y"),
    ("two_stage_regress", TWO_STAGE, "svy: regress y x"),
    ("no_fpc1_mean", "svyset psu [pw=w], strata(stratum) || ssu, fpc(fpc2)\n", "svy: mean y x"),
])
def test_against_r_svyrecvar(do, frame, case, setting, command):
    rc, out, s = do(DATA + setting + command + "\n", df=frame)
    assert rc == 0, out
    coefs = s.e.coefficients()
    expect = _reference(case)
    assert expect
    for name, (est, se) in expect.items():
        j = list(coefs.names).index(name)
        assert coefs.b[j] == pytest.approx(est, rel=1e-9), name
        assert np.sqrt(coefs.V[j, j]) == pytest.approx(se, rel=1e-6), name
    assert s.e.scalars["df_r"] == 12  # stage 1's PSUs minus strata
    if case != "no_fpc1_mean":  # without a stage-1 fpc svyset keeps stage 1 only (its note)
        assert s.e.scalars["stages"] == 2 and s.e.macros["su2"] == "ssu" and s.e.macros["fpc2"] == "fpc2"


def test_second_stage_changes_the_variance_only_with_a_first_stage_fpc(do, frame):
    rc, out, s = do(DATA + "svyset psu [pw=w], strata(stratum) fpc(fpc)\nsvy: mean y\n", df=frame)
    one_stage = float(s.e.matrices["V"].values[0, 0])
    rc, out, s = do(TWO_STAGE + "svy: mean y\n", session=s)
    assert float(s.e.matrices["V"].values[0, 0]) > one_stage


def test_estat_svyset_and_strata_show_both_stages(do, frame):
    rc, out, s = do(DATA + TWO_STAGE + "svy: mean y\nestat svyset\nestat strata\n", df=frame)
    assert rc == 0, out
    assert "         SU 2: ssu" in out and "        FPC 2: fpc2" in out
    assert s.r["_N_strata"].values.ravel().tolist() == [5.0, 17.0]  # stage 2: a stratum per PSU
    assert "     2 |          0          0        17" in out.splitlines()


def test_replication_methods_refuse_multistage(do, frame):
    rc, out, s = do(DATA + TWO_STAGE + "svy jackknife: mean y\n", df=frame)
    assert rc == 198 and "svy jackknife with a multistage design" in out
