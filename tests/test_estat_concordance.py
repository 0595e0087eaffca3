"""estat concordance after stcox (mlmcli/commands/postestimation/estat_stcox.py,
mlmcli/survival/concordance.py): Harrell's C and its counts against survival::concordance,
Gönen and Heller's K against their formula in R (tests/survival_reference/cox_phtest.R and
.json); stcstat.ado's lines, r() and refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "cox_phtest.json").read_text())
SETUP = "gen month = ceil(time/30)\nstset month, failure(died == 1)\n"


@pytest.fixture(scope="module")
def lung():
    return pd.read_csv(HERE / "lung.csv").rename(columns={"ph.ecog": "ecog", "wt.loss": "wt_loss"})


def test_harrell_matches_survival_concordance(do, lung):
    ref = REF["concordance"]
    rc, out, s = do(SETUP + "quietly stcox age female\nestat concordance", df=lung)
    assert rc == 0, out
    P = ref["concordant"] + ref["discordant"] + ref["tied"]
    assert s.r["n_P"] == P and s.r["n_E"] == ref["concordant"] and s.r["n_T"] == ref["tied"]
    assert s.r["C"] == pytest.approx(ref["C"], rel=1e-12)
    assert s.r["D"] == pytest.approx(2 * ref["C"] - 1, rel=1e-12)
    assert s.r["N"] == 228
    lines = out.splitlines()
    at = lines.index("  Harrell's C concordance statistic")
    assert lines[at + 1:at + 9] == [
        "",
        f"  Number of subjects (N)              = {228:8d}",
        f"  Number of comparison pairs (P)      = {P:8d}",
        f"  Number of orderings as expected (E) = {ref['concordant']:8d}",
        f"  Number of tied predictions (T)      = {ref['tied']:8d}",
        "",
        "          Harrell's C = (E + T/2) / P = " + f"{ref['C']:.4f}"[1:].rjust(8),
        "                            Somers' D = " + f"{2 * ref['C'] - 1:.4f}"[1:].rjust(8),
    ]
    assert "failure _d:  died == 1" in out


def test_strata(do, lung):
    rc, out, s = do(SETUP + "quietly stcox age female, strata(ecog)\nestat concordance", df=lung)
    assert rc == 0, out
    assert s.r["C"] == pytest.approx(REF["concordance_strata"]["C"], rel=1e-12)
    assert "n_P" not in s.r and "Number of comparison pairs" not in out
    assert "                          Harrell's C = " in out
    rc, out, s = do("estat concordance, gheller", session=s)
    assert rc == 498 and "option gheller is not supported for stratified estimation" in out


def test_gonen_heller(do, lung):
    rc, out, s = do(SETUP + "quietly stcox age female\nestat concordance, gheller se noshow", df=lung)
    assert rc == 0, out
    assert s.r["K"] == pytest.approx(REF["concordance"]["K"], rel=1e-8)
    assert s.r["D_K"] == pytest.approx(2 * REF["concordance"]["K"] - 1, rel=1e-7)
    # the smoothed K approaches K (Gönen and Heller 2005); its standard error is positive and small
    assert abs(s.r["K_s"] - s.r["K"]) < 0.005 and 0 < s.r["K_s_se"] < 0.1
    assert "C" not in s.r and "failure _d" not in out
    assert "          Gonen and Heller's K = " in out and "            Gonen's smoothed K = " in out
    rc, out, s = do("estat concordance, harrell gheller", session=s)
    assert rc == 0, out
    assert "                   Somers' D = 2C - 1 = " in out and "                   Somers' D = 2K - 1 = " in out
    assert {"C", "K", "n_P"} <= set(s.r)


def test_if_all_and_refusals(do, lung):
    rc, out, s = do(SETUP + "quietly stcox age female\nestat concordance if female == 1", df=lung)
    assert rc == 0, out
    assert s.r["N"] == (lung.female == 1).sum()
    assert "different samples" in out
    rc, out, s = do("estat concordance, se", session=s)
    assert rc == 198 and "option se requires specifying option gheller" in out
    rc, out, s = do("quietly stcox age, tvc(female)\nestat concordance", session=s)
    assert rc == 498
    rc, out, s = do("quietly regress age female\nestat concordance", session=s)
    assert rc == 321
