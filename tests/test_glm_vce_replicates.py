"""glm's vce(jackknife), vce(bootstrap) and vce(jackknife1) (commands.estimation.glm_vce_replicates):
the jackknife of glm, family(poisson) is the poisson command's (the R refits of
glm_replicates_reference.R), the Gaussian cluster mse jackknife and the one-step jackknife
against R (xt_replicates_reference.R); glm.ado's own header and table; the refusals glm.ado makes."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "xt_replicates_reference.json").read_text())
GLM_REF = json.loads((REF_DIR / "glm_replicates_reference.json").read_text())
PW_REF = json.loads((REF_DIR / "glm_pweight_jackknife.json").read_text())


@pytest.fixture(scope="module")
def auto():
    return pd.read_csv(REF_DIR / "auto_subset.csv").astype(float)


def _se(s):
    return np.sqrt(np.diag(s.e.matrices["V"].values))


def test_jackknife_leave_one_out(do, auto):
    rc, out, s = do("glm mpg weight foreign, family(poisson) vce(jackknife)", df=auto)
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["b"].values[0], GLM_REF["poisson"]["b"], rtol=1e-6)
    np.testing.assert_allclose(_se(s), GLM_REF["poisson"]["se"], rtol=1e-5)
    sc, mac = s.e.scalars, s.e.macros
    assert sc["N_reps"] == 74 and sc["df_r"] == 73 and sc["k_eq_model"] == 0 and "df_m" not in sc
    assert mac["vce"] == "jackknife" and mac["vcetype"] == "Jackknife" and mac["prefix"] == "jackknife"
    lines = out.splitlines()
    assert "(running glm on estimation sample)" in lines and "Jackknife replications (74)" in lines
    assert "Iteration" not in out and lines.count("Generalized linear models".ljust(51) + "No. of obs      =        74") == 1
    assert "             |              Jackknife" in lines and "P>|t|" in out


def test_jackknife_cluster_mse_and_vfactor(do, auto):
    setup = "gen g = ceil(_n/5)\n"
    rc, out, s = do(setup + "glm mpg weight foreign, vce(jackknife, cluster(g) mse nodots)", df=auto)
    assert rc == 0, out
    np.testing.assert_allclose(_se(s), REF["glm_gaussian_cluster_mse"]["se"], rtol=1e-7)
    assert s.e.macros["vcetype"] == "Jknife *" and s.e.macros["clustvar"] == "g" and s.e.scalars["N_clust"] == 15
    assert "(Replications based on 15 clusters in g)".rjust(78) in out.splitlines()
    # glm.ado multiplies the prefix's V by e(vf)
    rc, _, t = do(setup + "glm mpg weight foreign, vce(jackknife, cluster(g) mse nodots) vfactor(2)", df=auto)
    np.testing.assert_allclose(t.e.matrices["V"].values, 2 * s.e.matrices["V"].values, rtol=1e-12)


@pytest.mark.parametrize("family, command", [
    ("poisson", "glm mpg weight foreign, family(poisson) vce(jackknife1)"),
    ("binomial", "glm foreign mpg weight, family(binomial) vce(jackknife1)")])
def test_one_step_jackknife(do, auto, family, command):
    rc, out, s = do(command, df=auto)
    assert rc == 0, out
    np.testing.assert_allclose(_se(s), REF["glm_jackknife1"][family], rtol=1e-6)
    assert s.e.macros["vce"] == "jackknife1" and s.e.macros["vcetype"] == "1-step JKnife"
    assert "Iteration 0:" in out and "P>|z|" in out and "N_reps" not in s.e.scalars
    assert "             |            1-step JKnife" in out.splitlines()


def test_prefix_is_the_vce_form(do, auto):
    setup = "gen g = ceil(_n/5)\n"
    rc, out, s = do(setup + "jackknife, cluster(g) nodots: glm mpg weight foreign", df=auto)
    assert rc == 0, out
    rc, out2, t = do(setup + "glm mpg weight foreign, vce(jackknife, cluster(g) nodots)", df=auto)
    np.testing.assert_array_equal(s.e.matrices["V"].values, t.e.matrices["V"].values)
    assert out.splitlines()[-12:] == out2.splitlines()[-12:]


def test_bootstrap_structure_and_seed(do, auto):
    text = "glm foreign mpg weight, family(binomial) vce(bootstrap, reps(8) seed(4) nodots)"
    rc, out, s = do(text, df=auto)
    assert rc == 0, out
    rc, _, t = do(text, df=auto)
    np.testing.assert_array_equal(s.e.matrices["V"].values, t.e.matrices["V"].values)
    assert s.e.scalars["N_reps"] == 8 and "df_r" not in s.e.scalars
    assert "             |   Observed   Bootstrap                         Normal-based" in out.splitlines()


@pytest.mark.parametrize("command, rc, message", [
    ("glm mpg i.foreign, vce(jackknife1)", 101,
     "cannot use factor variables or time-series operators with option vce(jackknife1)"),
    ("glm mpg weight, vce(jackknife1) scale(x2)", 198, "cannot use scale() with alternate variances"),
    ("glm mpg weight [pw=fw], vce(jackknife1)", 198, "robust allowed only with hessian matrices"),
    ("glm mpg weight, vce(jackknife1) cluster(fw)", 198, "robust allowed only with hessian matrices"),
    ("glm mpg weight [fw=fw], vce(bootstrap)", 101, "weights not allowed"),
])
def test_refusals(do, auto, command, rc, message):
    code, out, _ = do("gen fw = 1 + mod(_n, 3)\n" + command, df=auto)
    assert code == rc and message in out


@pytest.mark.parametrize("family", ["gaussian", "poisson"])
def test_pweighted_jackknife_against_r(do, auto, family):
    """pweights: each replicate the weighted fit without one observation (glm_pweight_jackknife.R);
    the header's criterion is the pweighted fit's log pseudolikelihood."""
    rc, out, s = do(f"gen fw = 1 + mod(_n, 3)\nglm mpg weight [pw=fw], family({family}) vce(jackknife)", df=auto)
    assert rc == 0, out
    # R's order is (Intercept), weight; e(b)'s weight, _cons
    np.testing.assert_allclose(s.e.matrices["b"].values[0], PW_REF[family]["b"][::-1], rtol=1e-6)
    np.testing.assert_allclose(_se(s), PW_REF[family]["se"][::-1], rtol=1e-5)
    assert "Log pseudolikelihood =" in out and s.e.macros["crittype"] == "log pseudolikelihood"


def test_weighted_jackknife_by_cluster(do, auto):
    """pweights with cluster(): one cluster left out per replicate (R); fweights varying within a
    cluster are jackknife.ado's r(198)."""
    setup = "gen fw = 1 + mod(_n, 3)\ngen c = mod(_n, 7)\n"
    rc, out, s = do(setup + "glm mpg weight [pw=fw], vce(jackknife, cluster(c))", df=auto)
    assert rc == 0, out
    np.testing.assert_allclose(_se(s), PW_REF["gaussian_cluster_se"][::-1], rtol=1e-5)
    rc, out, _ = do(setup + "glm mpg weight [fw=fw], vce(jackknife, cluster(c))", df=auto)
    assert rc == 198 and "fweights must be constant within c" in out
