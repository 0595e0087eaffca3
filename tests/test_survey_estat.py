"""estat cv, estat size and estat strata after svy (svy_estat.ado's CoefVar, Size, Strata):
numbers against R's survey package (tests/survey_reference/estat_reference.R ->
estat_values.csv), the strata counts against the design's own counts, errors against the ado's
messages."""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

REF = Path(__file__).resolve().parent / "survey_reference"
SETUP = "keep if stratum < 6\nsvyset psu [pw=w], strata(stratum)\n"


@pytest.fixture(scope="module")
def frame():
    import pandas as pd

    return pd.read_csv(REF / "design.csv")


@pytest.fixture(scope="module")
def reference() -> dict:
    out: dict = {}
    with open(REF / "estat_values.csv") as f:
        for row in csv.DictReader(f):
            out.setdefault(row["case"], {})[row["name"]] = float(row["value"])
    return out


def _by_name(r, names):
    cols = list(r.colnames)
    return [float(r.values[0, cols.index(n)]) for n in names]


@pytest.mark.parametrize("case, command", [("cv_mean", "svy: mean y x"), ("cv_total", "svy: total y"),
                                           ("cv_over_mean", "svy: mean y, over(g)"),
                                           ("cv_regress", "svy: regress y x")])
def test_cv_against_r(do, frame, reference, case, command):
    rc, out, s = do(SETUP + command + "\nestat cv\n", df=frame)
    assert rc == 0, out
    expect = reference[case]
    assert _by_name(s.r["cv"], list(expect)) == pytest.approx(list(expect.values()), rel=1e-6)
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    assert s.r["se"].values.ravel() == pytest.approx(se, rel=1e-12)
    assert s.r["b"].values.ravel() == pytest.approx(s.e.matrices["b"].values.ravel(), rel=1e-12)


def test_cv_layout(do, frame):
    rc, out, s = do(SETUP + "svy: mean y x\nestat cv\n", df=frame, echo=True)
    lines = out.splitlines()
    k = lines.index(". estat cv")
    assert lines[k + 2:k + 6] == ["-" * 47, "             |             Linearized",
                                  "             |       Mean   Std. Err.    CV (%)", "-------------+" + "-" * 33]
    assert lines[k + 6] == "           y |   3.273324   .2197077    6.71207"


def test_size_over_against_r(do, frame, reference):
    rc, out, s = do(SETUP + "svy: mean y, over(g)\nestat size\n", df=frame)
    assert rc == 0, out
    names = ["y:0", "y:1"]
    assert _by_name(s.r["_N_subp"], names) == pytest.approx([reference["size_over"][n] for n in names], rel=1e-9)
    assert _by_name(s.r["_N"], names) == [reference["obs_over"][n] for n in names]
    lines = out.splitlines()
    assert "        Over |       Mean   Std. Err.             Obs             Size" in lines
    assert "y            |" in lines
    assert "           0 |   3.511547   .2639439              105        2,488.858" in lines
    rc, out, s = do("estat size, size\n", session=s)
    assert rc == 0 and "Obs" not in out and "        2,488.858" in out and "_N" in s.r


def test_size_subpop_and_whole_sample(do, frame):
    rc, out, s = do(SETUP + "svy, subpop(g): total y\nestat size\n", df=frame)
    assert rc == 0, out
    sub = frame[(frame.stratum < 6) & (frame.g == 1)]
    assert s.r["_N"].values.ravel().tolist() == [len(sub)]
    assert s.r["_N_subp"].values.ravel() == pytest.approx([sub.w.sum()], rel=1e-12)
    rc, out, s = do("svy: proportion g\nestat size, obs\n", session=s)
    assert s.r["_N"].values.ravel().tolist() == [206.0, 206.0]


def test_size_errors(do, frame):
    rc, out, s = do(SETUP + "svy: regress y x\nestat size\n", df=frame)
    assert rc == 301 and "estimation results from svy:regress are not supported by estat size" in out
    rc, out, s = do("svy: tabulate g\nestat cv\n", session=s)
    assert rc == 198 and "estat cv is not allowed after svy: tabulate" in out
    rc, out, s = do("estat size\n", session=s)
    assert rc == 198 and "estat size is not allowed after svy: tabulate" in out
    rc, out, s = do("estat strata\n", session=s)  # strata has no NoTab in the ado
    assert rc == 0 and s.r["_N_strata"].values[0, 0] == 5
    rc, out, s = do("regress y x\nestat cv\n", session=s)
    assert rc == 321


def test_strata_counts_and_layout(do, frame):
    rc, out, s = do(SETUP + "svy: mean y\nestat strata\n", df=frame, echo=True)
    assert rc == 0, out
    lines = out.splitlines()
    k = lines.index(". estat strata")
    assert lines[k + 2:k + 8] == ["-------+---------------------------------",
                                  "       |  Singleton  Certainty      Total",
                                  " Stage |     strata     strata     strata",
                                  "-------+---------------------------------",
                                  "     1 |          0          0         5",
                                  "-------+---------------------------------"]
    assert [float(s.r[k].values[0, 0]) for k in ("_N_strata", "_N_strata_single", "_N_strata_certain")] == [5, 0, 0]


def test_strata_singleton_certainty_and_scaled(do, frame):
    # stratum 1 cut to one PSU; stratum 2 every PSU drawn (fpc = its PSU count): one singleton,
    # one certainty stratum; scaled: (5 - 1) / (5 - 1 - 1)
    n2 = frame[frame.stratum == 2].psu.nunique()
    setup = (f"keep if stratum < 6\ndrop if stratum == 1 & psu != psu[1]\n"
             f"generate fpc2 = cond(stratum == 2, {n2}, 1000)\n")
    rc, out, s = do(setup + "svyset psu [pw=w], strata(stratum) fpc(fpc2) singleunit(scaled)\nsvy: mean y\n"
                    "estat strata\n", df=frame)
    assert rc == 0, out
    assert [float(s.r[k].values[0, 0]) for k in ("_N_strata", "_N_strata_single", "_N_strata_certain")] == [5, 1, 1]
    assert float(s.r["scale"].values[0, 0]) == pytest.approx(4 / 3)
    assert "     1 |          1          1         5   1.33" in out.splitlines()
    assert "Note: Variance scaled to handle strata with a single sampling unit." in out
    rc, out, s = do("svyset psu [pw=w], strata(stratum) fpc(fpc2)\nsvy: mean y\nestat strata\n", session=s)
    assert rc == 0 and "Note: missing standard errors because of stratum with single sampling unit." in out


def test_strata_refused_after_brr_and_mse(do, frame):
    rc, out, s = do(SETUP + "svy brr, hadamard(4): mean y\n", df=frame)
    if rc == 0:  # mlm's BRR needs two PSUs per stratum; the message only when it ran
        rc, out, s = do("estat strata\n", session=s)
        assert rc == 322 and "estat strata is not allowed after svy brr" in out
    rc, out, s = do(SETUP + "svy jackknife, mse: mean y\nestat strata\n", df=frame)
    assert rc == 322 and "estat strata is not allowed with the MSE estimator of variance" in out
    rc, out, s = do("svy jackknife: mean y\nestat strata\n", session=s)
    assert rc == 0, out


def test_equation_blocks_for_over_and_mlogit(do, frame):
    rc, out, s = do(SETUP + "svy: mean y x, over(g)\nestat effects\n", df=frame, echo=True)
    assert rc == 0, out
    lines = out.splitlines()
    k = lines.index(". estat effects")
    assert lines[k + 4] == "        Over |       Mean   Std. Err.      DEFF       DEFT"
    assert lines[k + 6] == "y            |" and lines[k + 9] == "-------------+" + "-" * 44 and lines[k + 10] == "x            |"
    rc, out, s = do("generate o = 1 + (y > 2.5) + (y > 4)\nsvy: mlogit o x\nestat cv\n", session=s, echo=True)
    assert rc == 0, out
    lines = out.splitlines()
    k = lines.index(". estat cv")
    assert lines[k + 4] == "           o |      Coef.   Std. Err.    CV (%)"
    assert lines[k + 6] == "1            |" and lines[k + 7].startswith("           x |")
    assert lines[k + 10] == "3            |"  # the base outcome (2) has no rows
    rc, out, s = do("estat effects\n", session=s)
    assert rc == 198 and "estat effects after svy: mlogit is not supported by mlmcli" in out
