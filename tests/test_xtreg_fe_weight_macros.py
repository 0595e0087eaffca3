"""xtreg, fe's e(wtype), e(wexp) and e(vce) as xtreg_fe.ado posts them: pweights are fitted as
aweights with the panel-clustered robust variance but e(wtype) is "pweight" (its pwtflag);
robust without cluster() posts e(vce) "cluster" (``local vce cluster``)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
SETUP = "xtset id\ngen w = 1 + mod(id, 3)\n"


@pytest.fixture(scope="module")
def panel():
    return pd.read_csv(REF_DIR / "xt_replicates_panel.csv").astype(float)


@pytest.mark.parametrize("weight, wtype", [("pw", "pweight"), ("aw", "aweight"), ("fw", "fweight"),
                                           ("pweight", "pweight")])
def test_wtype(do, panel, weight, wtype):
    rc, out, s = do(SETUP + f"xtreg y x1 x2 [{weight}=w], fe", df=panel)
    assert rc == 0, out
    assert s.e.macros["wtype"] == wtype and s.e.macros["wexp"] == "= w"


def test_pweights_are_aweights_with_the_clustered_variance(do, panel):
    rc, out, s = do(SETUP + "xtreg y x1 x2 [pw=w], fe", df=panel)
    b, V = s.e.matrices["b"].values, s.e.matrices["V"].values
    assert (s.e.macros["vce"], s.e.macros["vcetype"], s.e.macros["clustvar"]) == ("cluster", "Robust", "id")
    rc, out, s = do(SETUP + "xtreg y x1 x2 [aw=w], fe vce(robust)", df=panel)
    np.testing.assert_allclose(s.e.matrices["b"].values, b, rtol=1e-12)
    np.testing.assert_allclose(s.e.matrices["V"].values, V, rtol=1e-12)
    assert s.e.macros["vce"] == "cluster" and s.e.macros["wtype"] == "aweight"


def test_hausman_refuses_pweighted_fe(do, panel):
    rc, out, s = do(SETUP + "quietly xtreg y x1 x2 [pw=w], fe\nestimates store a\nquietly xtreg y x1 x2, re\n"
                            "hausman a", df=panel)
    assert rc == 198 and "p-weighted data" in out, out
