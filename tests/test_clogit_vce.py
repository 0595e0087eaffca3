"""clogit's vce(opg), nonest, score(), vce(jackknife) and vce(bootstrap)
(commands.estimation.conditional_vce) against R (tests/reference_values/clogit_vce_reference.R:
the exact enumeration of the case sets, survival::clogit's exact b), the layouts, and the
bootstrap's structure and reproducibility with seed() (Stata's draws cannot be matched)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "clogit_vce_reference.json").read_text())["values"]
SETUP = "gen w = mod(id, 3) + 1\ngen c2 = mod(id, 7) + (x1 > 0)\n"


@pytest.fixture
def panels():
    return pd.read_csv(REF_DIR / "conditional_panels.csv").astype(float)


def _se(s):
    return np.sqrt(np.diag(s.e.matrices["V"].values))


def test_r_enumeration_agrees_with_survival():
    np.testing.assert_allclose(REF["b"], REF["b_survival_exact"], rtol=1e-9)


def test_opg(do, panels):
    rc, out, s = do("clogit yb x1 x2, group(id) vce(opg) nolog", df=panels)
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["b"].values[0], REF["b"], rtol=1e-8)
    np.testing.assert_allclose(_se(s), REF["se_opg"], rtol=1e-7)
    assert s.e.macros["vce"] == "opg" and s.e.macros["vcetype"] == "OPG" and s.e.macros["chi2type"] == "LR"
    assert "             |                 OPG" in out and "LR chi2(2)      =      22.82" in out
    assert "Log likelihood = -83.807525" in out


def test_opg_fweights(do, panels):
    rc, out, s = do(SETUP + "clogit yb x1 x2 [fw=w], group(id) vce(opg) nolog", df=panels)
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["b"].values[0], REF["b_fweight"], rtol=1e-7)
    np.testing.assert_allclose(_se(s), REF["se_opg_fweight"], rtol=1e-7)


def test_nonest_clusters_crossing_groups(do, panels):
    rc, out, s = do(SETUP + "clogit yb x1 x2, group(id) vce(cluster c2) nonest nolog", df=panels)
    assert rc == 0, out
    np.testing.assert_allclose(_se(s), REF["se_nonest"], rtol=1e-7)
    assert s.e.scalars["N_clust"] == REF["n_clusters_nonest"]
    assert f"(Std. Err. adjusted for {REF['n_clusters_nonest']} clusters in c2)" in out
    rc, out, _ = do(SETUP + "clogit yb x1 x2, group(id) vce(cluster c2) nolog", df=panels)
    assert rc == 459 and "groups (strata) are not nested within clusters" in out


def test_score_index(do, panels):
    rc, out, s = do("clogit yb x1 x2, group(id) score(sc) nolog", df=panels)
    assert rc == 0, out
    sc = s.data.numeric("sc")
    got = sc[~np.isnan(sc)]
    np.testing.assert_allclose(got, REF["score"], rtol=1e-7, atol=1e-12)
    assert s.data.var_labels["sc"] == "Score index from clogit" and s.data.types["sc"] == "double"
    x = np.column_stack([s.data.numeric("x1"), s.data.numeric("x2")])[~np.isnan(sc)]
    np.testing.assert_allclose(got @ x, 0, atol=1e-8)  # the score vanishes at the estimates


def test_jackknife_against_r(do, panels):
    rc, out, s = do("clogit yb x1 x2, group(id) vce(jackknife)", df=panels)
    assert rc == 0, out
    np.testing.assert_allclose(_se(s), REF["se_jackknife"], rtol=1e-6)
    m = REF["n_groups"]
    assert s.e.scalars["N_reps"] == m and s.e.scalars["df_r"] == m - 1 and s.e.scalars["N_clust"] == m
    assert "chi2" not in s.e.scalars and s.e.macros["vcetype"] == "Jackknife"
    assert f"Jackknife replications ({m})" in out and "Iteration" not in out and "note:" not in out
    assert f"F(   2,     {m - 1}) =" in out and "Prob > F        =" in out
    assert f"(Replications based on {m} clusters in id)" in out
    assert "             |              Jackknife" in out and "P>|t|" in out
    rc, out, s = do("clogit yb x1 x2, group(id) vce(jackknife, mse nodots)", df=panels)
    assert rc == 0, out
    np.testing.assert_allclose(_se(s), REF["se_jackknife_mse"], rtol=1e-6)
    assert "Jackknife replications" not in out


def _bootstrap(do, panels, options):
    rc, out, s = do(f"clogit yb x1 x2, group(id) vce(bootstrap, {options})", df=panels)
    assert rc == 0, out
    return out, s


def test_bootstrap_structure_and_seed(do, panels):
    out, s = _bootstrap(do, panels, "reps(30) seed(7)")
    again = _bootstrap(do, panels, "reps(30) seed(7)")[1]
    other = _bootstrap(do, panels, "reps(30) seed(8)")[1]
    V = s.e.matrices["V"].values
    np.testing.assert_array_equal(V, again.e.matrices["V"].values)
    assert not np.allclose(V, other.e.matrices["V"].values)
    np.testing.assert_allclose(s.e.matrices["b"].values[0], REF["b"], rtol=1e-8)  # the observed b
    se = np.sqrt(np.diag(V))
    assert np.all(se > 0.5 * np.array(REF["se_jackknife"])) and np.all(se < 2 * np.array(REF["se_jackknife"]))
    assert s.e.scalars["N_reps"] == 30 and s.e.macros["vce"] == "bootstrap" and "df_r" not in s.e.scalars
    lines = out.splitlines()
    assert "(running clogit on estimation sample)" in lines and "Bootstrap replications (30)" in lines
    assert "                                                  Replications    =         30" in lines
    assert "             |   Observed   Bootstrap                         Normal-based" in lines
    assert f"(Replications based on {REF['n_groups']} clusters in id)".rjust(78) in lines
    b = s.e.matrices["b"].values[0]
    assert s.e.scalars["chi2"] == pytest.approx(float(b @ np.linalg.solve(V, b)), rel=1e-10)


@pytest.mark.parametrize("command, rc, message", [
    ("clogit yb x1 x2, group(id) nonest", 198, "option nonest requires the vce(cluster ...) option"),
    ("clogit yb x1 x2, group(id) vce(robust) nonest", 198, "option nonest requires the vce(cluster ...) option"),
    ("clogit yb x1 x2 [pw=w], group(id) vce(opg)", 198, "vce(opg) not allowed with pweights"),
    ("clogit yb x1 x2 [fw=w], group(id) vce(bootstrap)", 101, "weights not allowed"),
    ("clogit yb x1 x2, group(id) score(a b)", 198, "score() requires one new variable name"),
    ("clogit yb x1 x2, group(id) score(x1)", 110, "variable x1 already defined"),
    ("clogit yb x1 x2, group(id) vce(opg) robust", 198, "may not be combined"),
])
def test_refusals_leave_data_alone(do, panels, command, rc, message):
    got, out, s = do(SETUP + command, df=panels)
    assert got == rc and message in out, out
    assert s.data.nobs == len(panels) and s.e is None and s.data.varnames[-2:] == ["w", "c2"]
