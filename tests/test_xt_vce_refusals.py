"""vce() types the xt ado-files' _vce_parse does not list are Stata's refusal, "vcetype 'name'
not allowed" r(198) (name as typed: _vce_parse's ``gettoken name args : vce, parse(" ,")``):

- xtpoisson, re (gamma): robust and cluster are computed since Stata 13 (whatsnew12to13, item 7;
  tests/test_xtpoisson_gamma_robust.py); vce(opg) is still refused;
- xtlogit, fe: ``_vce_parse, opt(OIM)`` in Stata 12's 2.12.4 and, for callers of version 13 and
  later, in Stata 16's 2.16.0 (its re model gets opt(OIM Robust) argopt(Cluster));
- xtpoisson, fe: ``_vce_parse, opt(OIM Robust) old`` in both copies: robust (Wooldridge's) is
  computed, opg and cluster are refused, and cluster() is syntax's "option cluster() not allowed".
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def panel():
    i = np.arange(1, 41)
    c = (i * 5 % 7).astype(float)
    return pd.DataFrame({"id": np.ceil(i / 4), "x": (i * 7 % 11) / 3, "c": c, "y": (c > 3).astype(float)})


@pytest.mark.parametrize("line, name", [
    ("xtpoisson c x, i(id) vce(opg)", "opg"),
    ("xtlogit y x, i(id) fe vce(robust)", "robust"),
    ("xtlogit y x, i(id) fe vce(cl id)", "cl"),
    ("xtlogit y x, i(id) fe vce(opg)", "opg"),
    ("xtpoisson c x, i(id) fe vce(opg)", "opg"),
    ("xtpoisson c x, i(id) fe vce(cluster id)", "cluster"),
])
def test_vcetype_not_allowed(do, panel, line, name):
    rc, out, s = do(line, panel)
    assert rc == 198 and out.strip().splitlines()[-2:] == [f"vcetype '{name}' not allowed", "r(198);"]
    assert s.e is None


def test_what_the_parsers_take_still_runs(do, panel):
    for line in ("xtpoisson c x, i(id) re vce(oim)", "xtlogit y x, i(id) fe vce(oim)", "xtpoisson c x, i(id) fe vce(robust)"):
        rc, out, s = do(f"quietly {line}", panel)
        assert rc == 0, out
    assert s.e.macros["vcetype"] == "Robust"
