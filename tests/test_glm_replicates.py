"""vce(jackknife) and vce(bootstrap) of the single-level ML commands (logit, logistic, probit,
poisson, ologit; commands.estimation.glm_replicates) against leave-one-out refits in R
(tests/reference_values/glm_replicates_reference.R), the layout of the prefixes' output, and
the bootstrap's structure and reproducibility with seed() (Stata's draws cannot be matched)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "glm_replicates_reference.json").read_text())
SETUP = "gen g = ceil(_n/5)\ngen fw = 1 + mod(_n, 3)\n"


@pytest.fixture
def auto():
    return pd.read_csv(REF_DIR / "auto_subset.csv").astype(float)


def _b_se(s):
    return s.e.matrices["b"].values[0], np.sqrt(np.diag(s.e.matrices["V"].values))


@pytest.mark.parametrize("name, command", [
    ("logit", "logit foreign mpg weight"), ("probit", "probit foreign mpg weight"),
    ("poisson", "poisson mpg weight foreign")])
def test_jackknife_against_leave_one_out_refits(do, auto, name, command):
    rc, out, s = do(f"{command}, vce(jackknife)", df=auto)
    assert rc == 0, out
    b, se = _b_se(s)
    np.testing.assert_allclose(b, REF[name]["b"], rtol=1e-6)
    np.testing.assert_allclose(se, REF[name]["se"], rtol=1e-5)
    assert s.e.scalars["N_reps"] == 74 and s.e.scalars["df_r"] == 73 and "chi2" not in s.e.scalars
    assert s.e.macros["vce"] == "jackknife" and s.e.macros["vcetype"] == "Jackknife"
    W = float(b[:2] @ np.linalg.solve(s.e.matrices["V"].values[:2, :2], b[:2]))
    assert s.e.scalars["F"] == pytest.approx(W / 2, rel=1e-9)
    lines = out.splitlines()
    assert "(running %s on estimation sample)" % name in lines and "Jackknife replications (74)" in lines
    assert "Iteration" not in out
    assert "                                                  Replications    =         74" in lines
    assert any(line.startswith(" " * 50 + "F(   2,     73) =") for line in lines)
    assert " " * 50 + "Prob > F        =" in out
    assert "             |              Jackknife" in lines and "P>|t|" in out
    rc, out, s = do(f"{command}, vce(jackknife, mse nodots)", df=auto)
    assert rc == 0, out
    np.testing.assert_allclose(_b_se(s)[1], REF[name]["se_mse"], rtol=1e-5)
    assert s.e.macros["vcetype"] == "Jknife *" and s.e.macros["mse"] == "mse"
    assert "             |              Jknife *" in out.splitlines()


def test_jackknife_t_statistics_and_intervals(do, auto):
    from scipy import stats

    rc, out, s = do("logit foreign mpg weight, vce(jackknife, nodots)", df=auto)
    assert rc == 0 and "Jackknife replications" not in out
    b, se = _b_se(s)
    t = stats.t.ppf(0.975, 73)
    row = next(line for line in out.splitlines() if line.startswith("         mpg |"))
    fields = row.split("|")[1].split()
    assert float(fields[2]) == pytest.approx(b[0] / se[0], abs=0.006)
    assert float(fields[3]) == pytest.approx(2 * stats.t.sf(abs(b[0] / se[0]), 73), abs=0.0006)
    assert float(fields[4]) == pytest.approx(b[0] - t * se[0], rel=1e-5)


def test_jackknife_cluster_and_fweights(do, auto):
    rc, out, s = do(SETUP + "logit foreign mpg weight, vce(jackknife, cluster(g))", df=auto)
    assert rc == 0, out
    np.testing.assert_allclose(_b_se(s)[1], REF["logit_cluster"]["se"], rtol=1e-5)
    assert s.e.scalars["N_reps"] == 15 and s.e.scalars["df_r"] == 14 and s.e.macros["clustvar"] == "g"
    assert "Jackknife replications (15)" in out
    rc, out, s = do(SETUP + "logit foreign mpg weight [fw=fw], vce(jackknife)", df=auto)
    assert rc == 0, out
    b, se = _b_se(s)
    np.testing.assert_allclose(b, REF["logit_fweight"]["b"], rtol=1e-6)
    np.testing.assert_allclose(se, REF["logit_fweight"]["se"], rtol=1e-5)
    assert s.e.scalars["df_r"] == REF["logit_fweight"]["df_r"]


def test_logistic_and_ologit_layouts(do, auto):
    rc, out, s = do("logistic foreign mpg weight, vce(jackknife)", df=auto)
    assert rc == 0, out
    assert "     foreign | Odds Ratio   Std. Err.      t    P>|t|     [95% Conf. Interval]" in out
    rc, out, s = do("gen r = 1 + (mpg > 18) + (mpg > 24)\nologit r weight, vce(jackknife)", df=auto)
    assert rc == 0, out
    assert "       /cut1 |" in out and "P>|t|" in out and s.e.scalars["df_r"] == 73


def _bootstrap(do, auto, options):
    rc, out, s = do(f"logit foreign mpg weight, vce(bootstrap, {options})", df=auto)
    assert rc == 0, out
    return out, s


def test_bootstrap_structure_and_seed(do, auto):
    out, s = _bootstrap(do, auto, "reps(25) seed(7)")
    again = _bootstrap(do, auto, "reps(25) seed(7)")[1]
    other = _bootstrap(do, auto, "reps(25) seed(8)")[1]
    V = s.e.matrices["V"].values
    np.testing.assert_array_equal(V, again.e.matrices["V"].values)
    assert not np.allclose(V, other.e.matrices["V"].values)
    b = s.e.matrices["b"].values[0]
    np.testing.assert_allclose(b, REF["logit"]["b"], rtol=1e-6)  # the observed b
    se = np.sqrt(np.diag(V))
    assert np.all(se > 0.4 * np.array(REF["logit"]["se"])) and np.all(se < 2.5 * np.array(REF["logit"]["se"]))
    assert s.e.scalars["N_reps"] == 25 and s.e.macros["vce"] == "bootstrap" and "df_r" not in s.e.scalars
    assert s.e.scalars["chi2"] == pytest.approx(float(b[:2] @ np.linalg.solve(V[:2, :2], b[:2])), rel=1e-9)
    lines = out.splitlines()
    assert "Bootstrap replications (25)" in lines and " " * 50 + "Wald chi2(2)    =" in out
    assert "             |   Observed   Bootstrap                         Normal-based" in lines
    assert "P>|z|" in out and "Log likelihood = " in out


@pytest.mark.parametrize("command, rc, message", [
    ("logit foreign mpg [fw=fw], vce(bootstrap)", 101, "weights not allowed"),
    ("logit foreign mpg, vce(jackknife) robust", 198, "options vce() and robust may not be combined"),
    ("logit foreign mpg, vce(jackknife, bogus)", 198, "not supported by mlmcli"),
])
def test_refusals(do, auto, command, rc, message):
    got, out, s = do(SETUP + command, df=auto)
    assert got == rc and message in out, out
    assert s.e is None
