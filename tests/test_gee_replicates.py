"""xtgee's vce(jackknife) against R (tests/reference_values/gee_jackknife_reference.R: one panel
left out per replicate, each refitted by gee_fit.R's independent GEE), its layout, and
vce(bootstrap)'s structure and reproducibility with seed() (Stata's draws cannot be matched)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "gee_jackknife_reference.json").read_text())["fits"]


@pytest.fixture
def panels():
    return pd.read_csv(REF_DIR / "gee_panels.csv").astype(float)


def _b_se(s):  # mlm's order: x z _cons; R's: _cons x z
    b = s.e.matrices["b"].values[0]
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    return np.r_[b[-1], b[:-1]], np.r_[se[-1], se[:-1]]


@pytest.mark.parametrize("command, case", [
    ("xtgee yb x z, family(binomial) corr(exchangeable)", "binomial_exchangeable"),
    ("xtgee y x z if balanced, corr(ar 1)", "gaussian_ar1"),
])
def test_jackknife_against_r(do, panels, command, case):
    ref = REF[case]
    rc, out, s = do(f"xtset id t\n{command} vce(jackknife)", df=panels)
    assert rc == 0, out
    b, se = _b_se(s)
    np.testing.assert_allclose(b, ref["b"], rtol=1e-6)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-5)
    n = ref["n"]
    assert s.e.scalars["df_r"] == n - 1 and s.e.scalars["N_reps"] == n and s.e.macros["vcetype"] == "Jackknife"
    assert "chi2" not in s.e.scalars and s.e.scalars["F"] > 0
    assert f"Jackknife replications ({n})" in out and "Iteration 1" not in out
    assert f"F(   2,{n - 1:7d})    =" in out and "Prob > F           =" in out
    assert f"(Replications based on {n} clusters in id)".rjust(78) in out.splitlines()
    assert "             |              Jackknife" in out and "P>|t|" in out
    rc, out, s = do(f"xtset id t\n{command} vce(jackknife, mse nodots)", df=panels)
    assert rc == 0, out
    np.testing.assert_allclose(_b_se(s)[1], ref["se_mse"], rtol=1e-5)
    assert "Jackknife replications" not in out


def test_bootstrap_structure_and_seed(do, panels):
    cmd = "xtset id t\nxtgee yb x z, family(binomial) corr(exchangeable) vce(bootstrap, reps(25) seed(11))"
    rc, out, s = do(cmd, df=panels)
    assert rc == 0, out
    rc2, _, again = do(cmd, df=panels)
    rc3, _, other = do(cmd.replace("seed(11)", "seed(12)"), df=panels)
    V = s.e.matrices["V"].values
    np.testing.assert_array_equal(V, again.e.matrices["V"].values)
    assert not np.allclose(V, other.e.matrices["V"].values)
    ref = REF["binomial_exchangeable"]
    b, se = _b_se(s)
    np.testing.assert_allclose(b, ref["b"], rtol=1e-6)  # the observed b
    assert np.all(se > 0.5 * np.array(ref["se"])) and np.all(se < 2 * np.array(ref["se"]))
    assert s.e.scalars["N_reps"] == 25 and s.e.scalars["N_clust"] == 110 and s.e.macros["vce"] == "bootstrap"
    lines = out.splitlines()
    assert "(running xtgee on estimation sample)" in lines and "Bootstrap replications (25)" in lines
    assert "             |   Observed   Bootstrap                         Normal-based" in lines
    assert "(Replications based on 110 clusters in id)".rjust(78) in lines
    assert any(line.startswith("                                                Wald chi2(2)") for line in lines)


@pytest.mark.parametrize("command, rc, message", [
    ("xtgee y x z [pw=z], vce(bootstrap)", 101, "weights not allowed"),
    # _vce_parserun appends cluster(panelvar): jackknife's syntax sees cluster() twice
    ("xtgee y x z, vce(jackknife, cluster(t))", 198, "option cluster() not allowed"),
    ("xtgee y x z, vce(jackknife, mse cluster(id))", 198, "option cluster() not allowed"),
    ("xtgee y x z, vce(bootstrap, reps(1))", 198, "reps() must be an integer greater than 1"),
    ("xtgee y x z, vce(opg)", 198, "vcetype 'opg' not allowed"),
])
def test_refusals(do, panels, command, rc, message):
    got, out, s = do("xtset id t\n" + command, df=panels)
    assert got == rc and message in out, out
    assert s.data.nobs == len(panels)


def test_bootstrap_prefix_rows_sharing_a_time_fail_xtgees_check(do, panels):
    """bootstrap: xtgee with a time-indexed correlation: a row (or panel) drawn twice into its own
    panel repeats its time value, which xtgee.ado's Checkt refuses ("repeated time values within
    panel" r(451)), so that replicate is missing -- here every one (a draw of the panels or rows
    with none twice is out of reach), _bs_sum's Error2000.  idcluster() naming xtgee's panel variable
    makes each copy a panel of its own: the fit is then xtgee's own vce(bootstrap) with the same
    draws.  Without a time-indexed correlation xtgee does not look at the times (Checkt runs only
    with a time variable): the copies are kept."""
    model = "xtgee y x z if balanced, t(t) corr(ar 1)"
    for prefix in ("bootstrap, reps(5) seed(3) nodots", "bootstrap, cluster(id) reps(5) seed(3) nodots"):
        rc, out, _ = do(f"xtset id t\n{prefix}: {model}", df=panels)
        assert rc == 2000 and "insufficient observations to compute bootstrap standard errors\nno results will be saved" in out, out
    rc, out, prefixed = do(f"xtset id t\nbootstrap, cluster(id) idcluster(nid) reps(5) seed(3) nodots: "
                           f"{model.replace('t(t)', 'i(nid) t(t)')}", df=panels)
    assert rc == 0, out
    rc, out, own = do(f"xtset id t\n{model} vce(bootstrap, reps(5) seed(3) nodots)", df=panels)
    assert rc == 0, out
    np.testing.assert_allclose(prefixed.e.matrices["V"].values, own.e.matrices["V"].values, rtol=1e-10)
    rc, out, s = do(f"xtset id t\nbootstrap, cluster(id) reps(5) seed(3) nodots: {model.replace('corr(ar 1)', 'corr(exchangeable)')}",
                    df=panels)
    assert rc == 0 and np.all(np.isfinite(s.e.matrices["V"].values)), out

