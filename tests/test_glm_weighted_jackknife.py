"""vce(jackknife) with pweights, and with weights and cluster(), after logit, logistic, probit,
cloglog, poisson, nbreg, ologit (commands.estimation.glm_replicates, mlmcli.replicate_variance)
against R's weighted leave-one-out (leave-one-cluster-out) refits
(tests/reference_values/glm_weighted_jackknife.R and its JSON)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "glm_weighted_jackknife.json").read_text())
SETUP = ("gen g = ceil(_n/5)\ngen fw = 1 + mod(_n, 3)\ngen fc = 1 + mod(g, 3)\n"
         "gen r = 1 + (mpg > 18) + (mpg > 24)\ngen pk = floor(price/100)\n")


@pytest.fixture
def auto():
    return pd.read_csv(REF_DIR / "auto_subset.csv").astype(float)


def _b_se(s):
    return s.e.matrices["b"].values[0], np.sqrt(np.diag(s.e.matrices["V"].values))


@pytest.mark.parametrize("name, command", [
    ("logit", "logit foreign mpg weight"), ("probit", "probit foreign mpg weight"),
    ("cloglog", "cloglog foreign mpg weight"), ("poisson", "poisson mpg weight foreign"),
    ("nbreg", "nbreg pk weight foreign"), ("ologit", "ologit r weight")])
def test_pweights_against_weighted_leave_one_out_refits(do, auto, name, command):
    ref = REF[f"{name}_pweight"]
    rc, out, s = do(SETUP + f"{command} [pw=fw], vce(jackknife)", df=auto)
    assert rc == 0, out
    b, se = _b_se(s)
    np.testing.assert_allclose(b, ref["b"], rtol=1e-5)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-4)
    assert s.e.scalars["N"] == 74 and s.e.scalars["N_reps"] == 74 and s.e.scalars["df_r"] == ref["df_r"]
    assert s.e.macros["wtype"] == "pweight" and s.e.macros["vcetype"] == "Jackknife"
    assert s.e.macros["crittype"] == "log pseudolikelihood"
    lines = out.splitlines()
    assert "Jackknife replications (74)" in lines and "Log pseudolikelihood = " in out
    assert any(line.startswith(" " * 50 + "F(") and ",     73) =" in line for line in lines)
    rc, out, s = do(SETUP + f"{command} [pw=fw], vce(jackknife, mse nodots)", df=auto)
    assert rc == 0, out
    np.testing.assert_allclose(_b_se(s)[1], ref["se_mse"], rtol=1e-4)
    assert s.e.macros["vcetype"] == "Jknife *"


def test_pweights_with_cluster(do, auto):
    ref = REF["probit_pweight_cluster"]
    rc, out, s = do(SETUP + "probit foreign mpg weight [pw=fw], vce(jackknife, cluster(g))", df=auto)
    assert rc == 0, out
    np.testing.assert_allclose(_b_se(s)[1], ref["se"], rtol=1e-4)
    assert s.e.scalars["N_reps"] == ref["reps"] == 15 and s.e.scalars["df_r"] == 14 and s.e.scalars["N"] == 74
    assert "Jackknife replications (15)" in out and s.e.macros["clustvar"] == "g"


@pytest.mark.parametrize("name, command", [
    ("logit", "logit foreign mpg weight"), ("poisson", "poisson mpg weight foreign")])
def test_fweights_with_cluster(do, auto, name, command):
    ref = REF[f"{name}_fweight_cluster"]
    rc, out, s = do(SETUP + f"{command} [fw=fc], vce(jackknife, cluster(g))", df=auto)
    assert rc == 0, out
    b, se = _b_se(s)
    np.testing.assert_allclose(b, ref["b"], rtol=1e-6)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-5)
    assert s.e.scalars["df_r"] == ref["df_r"] == 29 and s.e.scalars["N"] == ref["N"]
    assert s.e.scalars["N_reps"] == 15 and "Jackknife replications (15)" in out
    assert "Log likelihood = " in out
    assert any(line.startswith(" " * 50 + "F(   2,     29) =") for line in out.splitlines())


def test_fweights_varying_within_a_cluster(do, auto):
    # jackknife.ado: "fweights must be constant within clustvar" r(198)
    rc, out, s = do(SETUP + "logit foreign mpg weight [fw=fw], vce(jackknife, cluster(g))", df=auto)
    assert rc == 198 and "fweights must be constant within g" in out, out


def test_logistic_pweights_layout(do, auto):
    rc, out, s = do(SETUP + "logistic foreign mpg weight [pw=fw], vce(jackknife)", df=auto)
    assert rc == 0, out
    np.testing.assert_allclose(_b_se(s)[1], REF["logit_pweight"]["se"], rtol=1e-4)
    assert "     foreign | Odds Ratio   Std. Err.      t    P>|t|     [95% Conf. Interval]" in out
    assert "             |              Jackknife" in out.splitlines()
