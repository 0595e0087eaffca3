"""stci: percentiles (Kaplan-Meier, log-log intervals) against R's survival::survfit and
quantile(), Collett's standard error and the extended mean computed in R from the survfit
curve, the restricted mean and its standard error against survfit's table
(tests/st_tools_reference/stci.R and .json); the layout of stci.ado's DispHdr/Displine."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent
REF = json.loads((HERE / "st_tools_reference" / "stci.json").read_text())
SETUP = "gen id = _n\nstset time, failure(died) id(id)\n"


@pytest.fixture
def lung():
    return pd.read_csv(HERE / "survival_reference" / "lung.csv").rename(
        columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})


def test_median_layout_and_numbers(do, lung):
    rc, out, s = do(SETUP + "stci", df=lung)
    assert rc == 0
    expected = """
             |    no. of 
             |  subjects         50%     Std. Err.     [95% Conf. Interval]
-------------+-------------------------------------------------------------
       total |       228         310      21.77251          284        361"""
    assert expected in out
    ref = REF["median"]
    r = s.r
    assert (r["p50"], r["lb"], r["ub"], r["N_sub"]) == (ref["est"], ref["lb"], ref["ub"], 228)
    assert np.isclose(r["se"], ref["se"], rtol=1e-10)


def test_percentile_and_by(do, lung):
    rc, out, s = do(SETUP + "stci, p(25)", df=lung)
    ref = REF["p25"]
    assert rc == 0 and "|  subjects         25%     Std. Err." in out
    assert (s.r["p25"], s.r["lb"], s.r["ub"]) == (ref["est"], ref["lb"], ref["ub"])
    assert np.isclose(s.r["se"], ref["se"])
    rc, out, s = do(SETUP + "stci, by(female)", df=lung)
    assert "female       |  subjects         50%" in out
    rows = [ln for ln in out.splitlines() if ln.strip().startswith(("0 |", "1 |"))]
    for line, ref in zip(rows, REF["female_median"]):
        cells = [float(c) for c in line.split("|")[1].split()]
        assert cells[1] == ref["est"] and cells[3:] == [ref["lb"], ref["ub"]]
        assert np.isclose(cells[2], ref["se"], rtol=1e-6)


def test_restricted_mean(do, lung):
    rc, out, s = do(SETUP + "stci, rmean", df=lung)
    ref = REF["rmean"]
    assert rc == 0
    assert ("             |    no. of  restricted\n"
            "             |  subjects        mean      Std. Err.    [95% Conf.") in out
    assert "(*) largest observed analysis time is censored, mean is underestimated" in out
    assert np.isclose(s.r["rmean"], ref["rmean"], rtol=1e-10) and np.isclose(s.r["se"], ref["se"], rtol=1e-10)
    assert np.isclose(s.r["lb"], ref["rmean"] - 1.959963984540054 * ref["se"])
    # ccorr: the variance times N/(N-1), N the number at risk at the start
    rc, out, s = do(SETUP + "stci, rmean by(female) ccorr", df=lung)
    assert np.isclose(s.r["se"], ref["se"] * np.sqrt(228 / 227))
    rows = [ln for ln in out.splitlines() if ln.strip().startswith(("0 |", "1 |"))]
    for line, ref_g, n in zip(rows, REF["female_rmean"], (138, 90)):
        cells = line.split("|")[1].replace("(*)", " ").split()
        assert np.isclose(float(cells[1]), ref_g["rmean"], rtol=1e-6)
        assert np.isclose(float(cells[2]), ref_g["se"] * np.sqrt(n / (n - 1)), rtol=1e-6)


def test_extended_mean(do, lung):
    rc, out, s = do(SETUP + "stci, emean", df=lung)
    assert rc == 0 and "|  subjects        mean\n-------------+----------------------" in out
    assert np.isclose(s.r["emean"], REF["emean"], rtol=1e-10)


@pytest.mark.parametrize("text,message,rc", [
    ("stci, rmean emean", "only one of options rmean, median, emean, or p() may be specified at a time", 198),
    ("stci, ccorr", "option ccorr allowed only with option rmean", 198),
    ("stci, graph", "option graph allowed only with option emean", 198),
    ("stci, emean graph", "option graph not supported by mlmcli", 198),
    ("stci, dd(9)", "option dd() must be between 0 and 8", 198),
])
def test_errors(do, lung, text, message, rc):
    got, out, _ = do(SETUP + text, df=lung)
    assert got == rc and message in out


def test_weights_refused(do, lung):
    got, out, _ = do("gen w = 1 + mod(_n, 2)\nstset time [fw=w], failure(died)\nstci", df=lung)
    assert got == 101 and "weights not allowed" in out
