"""``jackknife [, cluster(v)]: xtgee``: the prefix typed leaves out one observation (or one
cluster of v) at a time and refits xtgee on the panels that remain -- unlike xtgee's
vce(jackknife), the prefix with cluster(panelvar) (_vce_parserun ..., panel).  Against R
(tests/reference_values/xtgee_jackknife_prefix.R: geepack::geeglm's independence GEE and
gee_fit.R's exchangeable one, refitted without each cluster; fweights one copy less)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = json.loads((Path(__file__).resolve().parent / "reference_values" / "xtgee_jackknife_prefix.json").read_text())


@pytest.fixture
def data():
    return pd.DataFrame({k: np.asarray(v, float) for k, v in REF["data"].items()})


CASES = {
    "binomial_cluster": "jackknife, cluster(c5): xtgee yb x, family(binomial) corr(independent)",
    "binomial_observations": "jackknife: xtgee yb x, family(binomial) corr(independent)",
    "gaussian_exchangeable_mse": "jackknife, cluster(c5) mse: xtgee yg x, corr(exchangeable)",
    "gaussian_fweights": "jackknife, cluster(v): xtgee yg x [fw=f], corr(independent)",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_prefix_against_r(do, data, case):
    ref = REF[case]
    rc, out, s = do(f"xtset id t\n{CASES[case]}", df=data)
    assert rc == 0, out
    b = s.e.matrices["b"].values[0]
    V = s.e.matrices["V"].values
    order = [1, 0]  # R: _cons x
    np.testing.assert_allclose(b[order], ref["b"], rtol=1e-6)
    np.testing.assert_allclose(V[np.ix_(order, order)], np.asarray(ref["V"]), rtol=1e-5, atol=1e-12)
    assert s.e.scalars["df_r"] == ref["df_r"] and s.e.macros["vcetype"] == "Jackknife"
    lines = out.splitlines()
    if "cluster(" in CASES[case]:
        var = CASES[case].split("cluster(")[1].split(")")[0]
        groups = int(np.unique(data[var]).size)
        assert s.e.macros["clustvar"] == var and s.e.scalars["N_clust"] == groups
        assert f"(Replications based on {groups} clusters in {var})".rjust(78) in lines
        assert f"Jackknife replications ({groups})" in lines
    else:  # one replicate per observation, no clusters line
        assert "N_clust" not in s.e.scalars and "clustvar" not in s.e.macros
        assert not any("Replications based on" in line for line in lines)
        assert f"Jackknife replications ({len(data)})" in lines
    assert s.e.macros["cmdline"] == "jackknife " + CASES[case][len("jackknife"):].strip()  # jackknife.ado's "jackknife `0'"


@pytest.mark.parametrize("line, rc, message", [
    # jackknife.ado: the frequencies constant within the prefix's clusters
    ("jackknife, cluster(c5): xtgee yg x [fw=f]", 198, "fweights must be constant within c5"),
    ("replace c5 = . in 3\njackknife, cluster(c5): xtgee yg x", 459, "missing values not allowed in cluster variable c5"),
])
def test_prefix_errors(do, data, line, rc, message):
    got, out, _ = do(f"xtset id t\n{line}", df=data)
    assert got == rc and message in out, out


def test_fweights_per_observation_fail_where_the_panel_keeps_other_copies(do, data):
    """One copy of an observation less leaves its panel's weights unequal (xtgee's "weight must
    be constant within id": that replicate is missing) unless the observation had frequency 1."""
    rc, out, s = do("xtset id t\njackknife: xtgee yg x [fw=f]", df=data)
    assert rc == 0, out
    ones = int((data["f"] == 1).sum())
    assert s.e.scalars["N_reps"] == ones and s.e.scalars["df_r"] == ones - 1
