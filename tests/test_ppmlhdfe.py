"""ppmlhdfe (Correia, Guimaraes and Zylkin's SSC command): numbers against statsmodels' Poisson
GLM with the fixed effects as dummies (tests/ppmlhdfe_reference/make_reference.py), the ado's
sample rules, e(), output, predict and errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "ppmlhdfe_reference"
REF = json.loads((HERE / "ppmlhdfe.json").read_text())
DATA = pd.read_csv(HERE / "ppmlhdfe.csv").astype(float)


def _fit(do, text, data=None):
    rc, printed, s = do(text, (DATA if data is None else data).copy())
    assert rc == 0, printed
    return printed, s


def _check(s, ref, rtol=1e-6):
    b = s.e.matrices["b"].values.ravel()
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    np.testing.assert_allclose(b[:2], ref["b"], rtol=rtol)
    # the ado's V is computed at the IRLS weights the last iteration started from: agreement to
    # about the size of that last step
    np.testing.assert_allclose(se[:2], ref["se"], rtol=max(rtol, 1e-5))
    assert b[2] == pytest.approx(ref["cons"], rel=max(rtol, 1e-5))
    assert s.e.scalars["N"] == ref["N"]
    for key in ("deviance", "ll", "ll_0"):
        assert s.e.scalars[key] == pytest.approx(ref[key], rel=rtol), key
    assert s.e.scalars["chi2"] == pytest.approx(ref["chi2"], rel=max(rtol, 1e-5))
    assert s.e.scalars["r2_p"] == pytest.approx(1 - ref["ll"] / ref["ll_0"], rel=1e-6)


def test_one_fixed_effect_robust(do):
    printed, s = _fit(do, "ppmlhdfe y x1 x2, absorb(g)")
    ref = REF["absorb_g"]
    _check(s, ref)
    assert f"(dropped {ref['dropped']} observations that are either singletons or separated by a fixed effect)" in printed
    assert s.e.scalars["num_singletons"] == ref["dropped"]
    assert s.e.scalars["N_full"] == ref["N"] + ref["dropped"]
    # one absorbed factor: partialling out is exact in one sweep, so each IRLS line has iters = 1
    assert "iters = 1    tol =1e-04" in printed
    assert s.e.scalars["ic2"] == s.e.scalars["ic"]
    assert f"Converged in {int(s.e.scalars['ic'])} iterations and {int(s.e.scalars['ic'])} HDFE sub-iterations (tol =1e-08)" in printed
    # df = N - df_a - rank, g's 11 levels left after the drops
    assert s.e.scalars["df_a"] == 11 and s.e.scalars["df"] == ref["N"] - 11 - 2
    assert s.e.macros["cmd"] == "ppmlhdfe" and s.e.macros["vce"] == "robust" and s.e.macros["vcetype"] == "Robust"
    assert "title3" not in s.e.macros  # the ado sets it only with clusters
    assert "HDFE PPML regression                              No. of obs      =        221" in printed
    assert "Absorbing 1 HDFE group                            Residual df     =        208" in printed


def test_two_fixed_effects_clustered(do):
    printed, s = _fit(do, "ppmlhdfe y x1 x2, absorb(g t) vce(cluster g)")
    _check(s, REF["absorb_g_t_cluster_g"], rtol=1e-5)
    assert s.e.scalars["N_clust"] == 11
    assert s.e.scalars["df"] == 10  # min(N - df_a - rank, clusters - 1)
    # g is the cluster variable: nested, wholly redundant; t then loses one category
    assert s.e.scalars["df_a"] == 4 and s.e.scalars["df_a_nested"] == 11
    assert "           g |        11          11           0    *|" in printed
    assert "           t |         5           1           4     |" in printed
    assert "Statistics robust to heteroskedasticity           Wald chi2(2)    =" in printed
    assert "Number of clusters (g)      =         11" in printed
    np.testing.assert_array_equal(s.e.matrices["dof_table"].values, [[11, 11, 0, 0, 1], [5, 1, 4, 0, 0]])


def test_frequency_weights_and_exposure(do):
    printed, s = _fit(do, "ppmlhdfe y x1 x2 [fw=fw], absorb(g t) exposure(e)")
    _check(s, REF["absorb_g_t_fw_exposure"], rtol=1e-5)
    assert s.e.macros["offset"] == "ln(e)" and s.e.macros["wtype"] == "fweight"


def test_interaction_of_factors(do):
    printed, s = _fit(do, "ppmlhdfe y x1 x2, absorb(i.g#i.t)")
    _check(s, REF["absorb_gt_interaction"])
    assert s.e.macros["absvars"] == "g#t"
    assert "         g#t |" in printed


def test_no_absorb_clustered(do):
    printed, s = _fit(do, "ppmlhdfe y x1 x2, vce(cluster t)")
    ref = REF["noabsorb_cluster_t"]
    _check(s, ref)
    assert s.e.macros["absvars"] == "_cons" and s.e.macros["title"] == "PPML regression"
    assert "Absorbed degrees of freedom" not in printed
    assert printed.count("PPML regression") == 1


def test_three_fixed_effects_pairwise_dof(do):
    data = DATA.assign(h=(np.arange(len(DATA)) % 4).astype(float))
    printed, s = _fit(do, "ppmlhdfe y x1 x2, absorb(g t h) nolog", data)
    # reghdfe's pairwise rule: every factor after the first loses at least one category, the
    # third's count is not exact ("?")
    assert "           h |         4           1           3    ?|" in printed
    assert "? = number of redundant parameters may be higher" in printed
    assert "Iteration 1:" not in printed


def test_d_and_predict(do):
    printed, s = _fit(do, "ppmlhdfe y x1 x2, absorb(g t) d\npredict m\npredict xbd, xbd\npredict dd, d\n"
                          "predict xb, xb\npredict r, response\npredict dev, deviance")
    assert "(option mu assumed; predicted mean of depvar)" in printed
    df = s.data.df
    es = s.e.sample
    np.testing.assert_allclose(df["m"][es], np.exp(df["xbd"][es]), rtol=1e-12)
    np.testing.assert_allclose(df["xbd"][es], df["xb"][es] + df["_ppmlhdfe_d"][es], rtol=1e-12)
    np.testing.assert_allclose(df["dd"], df["_ppmlhdfe_d"])
    # at the optimum the fitted means add up to the depvar (the model has fixed effects)
    assert df["m"][es].sum() == pytest.approx(df["y"][es].sum(), rel=1e-6)
    assert df["r"][es].sum() == pytest.approx(0, abs=1e-4)
    assert 2 * (df["dev"][es]).sum() / 2 == pytest.approx(s.e.scalars["deviance"], rel=1e-6)
    assert s.data.var_labels["_ppmlhdfe_d"] == "Sum of fixed effects"
    assert np.isnan(df["_ppmlhdfe_d"][~es]).all()


def test_predict_needs_d(do):
    rc, printed, s = do("ppmlhdfe y x1 x2, absorb(g)\npredict m", DATA.copy())
    assert rc == 198 and "predict mu requires the -d- option of ppmlhdfe" in printed
    rc, printed, s = do("ppmlhdfe y x1 x2, absorb(g) d(fe)\npredict m, hat", DATA.copy())
    assert rc == 198 and "option not implemented: hat" in printed and "m" not in s.data.varnames


def test_savefe_one_factor(do):
    printed, s = _fit(do, "ppmlhdfe y x1 x2, absorb(gfe=g) d(dsum)")
    df = s.data.df
    es = s.e.sample
    assert s.data.var_labels["gfe"] == "[FE] g"
    # one factor: each group's IRLS-weighted mean of d (d is not constant within a group: the
    # ado builds it from the working variable of the iteration before the last)
    sub = df.loc[es]
    assert (sub.groupby("g")["gfe"].nunique() == 1).all()
    lo, hi = sub.groupby("g")["dsum"].transform("min"), sub.groupby("g")["dsum"].transform("max")
    assert ((sub["gfe"] >= lo - 1e-12) & (sub["gfe"] <= hi + 1e-12)).all()
    assert np.isnan(df["gfe"][~es]).all()


def test_eform_and_replay(do):
    printed, s = _fit(do, "ppmlhdfe y x1 x2, absorb(g) irr nolog\nppmlhdfe, level(90)")
    ref = REF["absorb_g"]
    assert "exp(b)" in printed
    assert f"{np.exp(ref['b'][0]):10.7f}"[:8].strip() in printed


def test_errors(do):
    for line, rc, message in [
        ("ppmlhdfe y x1, absorb(g) exposure(e) offset(e)", 198, "only one of offset() or exposure() can be specified"),
        ("ppmlhdfe y x1 [aw=fw], absorb(g)", 101, "aweights not allowed"),
        ("ppmlhdfe y x1, absorb(g) separation(foo)", 198, "separation(foo) not allowed"),
        ("ppmlhdfe y x1, absorb(c.x1#i.g)", 198, "slopes are not available"),
        ("ppmlhdfe y x1, absorb(g) vce(cluster g t)", 198, "multi-way clustering"),
        ("ppmlhdfe y x1, absorb(g) d(x1)", 110, "variable x1 already defined"),
        ("gen yn = y - 1\nppmlhdfe yn x1, absorb(g) sep(none)", 459, "yn must be greater than or equal to zero"),
        ("ppmlhdfe", 301, "last estimates not found"),
    ]:
        rc_got, printed, s = do(line, DATA.copy())
        assert rc_got == rc and message in printed, (line, printed)


def test_iteration_log(do):
    printed, s = _fit(do, "ppmlhdfe y x1 x2, absorb(g)")
    lines = [line for line in printed.splitlines() if line.startswith("Iteration ")]
    assert len(lines) == s.e.scalars["ic"]
    assert lines[0].endswith("  P   ") and lines[-1].endswith("   S O")
    assert f"deviance = {s.e.scalars['deviance']:<11.5e}" in lines[-1]
    assert "-" * 108 in printed
    printed, s = _fit(do, "ppmlhdfe y x1 x2, absorb(g) separation(none)")
    # without the fe check only the singleton goes, and group 12 (all zero) drives eta down
    assert "(dropped 1 singleton observations)" in printed and s.e.scalars["N"] == 239
    assert "separation" not in s.e.macros  # the ado posts an empty e(separation): no macro


def test_relu_drops_separated_rows(do):
    # sep > 0 only where y = 0: those rows are separated; the ReLU check drops them, sep is then
    # all zero and omitted, and the fit is y on x1 on the rows left (statsmodels reference)
    printed, s = _fit(do, "ppmlhdfe y x1 sep, absorb(g)")
    ref = REF["relu_separated_absorb_g"]
    assert "(ReLU method dropped 44 separated observations in 1 iterations)" in printed
    assert "note: 1 variable omitted because of collinearity: sep" in printed
    assert s.e.scalars["N"] == ref["N"] and s.e.scalars["num_separated"] == 44
    assert s.e.scalars["N_full"] == len(DATA)
    b = s.e.matrices["b"].values.ravel()
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    assert b[0] == pytest.approx(ref["b"], rel=1e-6) and se[0] == pytest.approx(ref["se"], rel=1e-5)
    assert b[1] == 0 and "o.sep" in s.e.matrices["b"].colnames
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-7)
    assert s.e.scalars["deviance"] == pytest.approx(ref["deviance"], rel=1e-7)
    # without the ReLU check the rows stay and their means go to zero: refused
    rc, printed, s = do("ppmlhdfe y x1 sep, absorb(g) separation(fe mu)", DATA.copy())
    assert rc == 459 and "separated (their fitted mean went to zero)" in printed


def test_margins_predicted_mean(do):
    printed, s = _fit(do, "ppmlhdfe y x1 x2, absorb(g) d exposure(e) nolog\nmargins\nmatrix M = r(b)\n"
                          "predict m\nsummarize m if e(sample)")
    assert "Expression   : Predicted mean of y, predict()" in printed
    assert s.matrices["M"].values[0, 0] == pytest.approx(s.r["mean"], rel=1e-12)
    rc, printed, s = do("ppmlhdfe y x1 x2, absorb(g) nolog\nmargins", DATA.copy())
    assert rc == 198 and "predict mu requires the -d- option of ppmlhdfe" in printed
    rc, printed, s = do("ppmlhdfe y x1 x2, absorb(g) d nolog\nmargins, predict(pearson)", DATA.copy())
    assert rc == 322 and "predict option pearson not appropriate with margins" in printed  # e(marginsnotok)
