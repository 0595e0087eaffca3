"""xtreg, mle under vce(jackknife|bootstrap) and its ml options, and xtreg, fe pweights under
vce(jackknife) (commands.estimation.xtreg, xtreg_replicates; panel.maximum_likelihood): against
lme4's ML fits refitted without each panel, the panels' OPG and the pweighted within fits in R
(tests/reference_values/xtreg_mle_replicates.R, JSON beside it)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from test_xtreg_jackknife import _b_se

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "xtreg_mle_replicates.json").read_text())


@pytest.fixture(scope="module")
def panel():
    df = pd.read_csv(REF_DIR / "xt_replicates_panel.csv").astype(float)
    df["w"] = 1.0 + df["id"] % 3
    return df


def _against_r(do, panel, command: str, key: str, rtol=(2e-6, 2e-4)):
    """(b, se, output, session) of ``command``, b and se checked against R's ``key`` (mle's
    optimum is lme4's to about 1e-6)."""
    rc, out, s = do(f"xtset id\n{command}", df=panel)
    assert rc == 0, out
    b, se = _b_se(s)
    np.testing.assert_allclose(b, REF[key]["b"], rtol=rtol[0])
    np.testing.assert_allclose(se, REF[key]["se"], rtol=rtol[1])
    return b, se, out, s


def test_mle_jackknife_replicates_b_and_the_sigmas(do, panel):
    b, se, out, s = _against_r(do, panel, "xtreg y x1 x2, mle vce(jackknife)", "mle")
    sc, mac = s.e.scalars, s.e.macros
    assert sc["N_reps"] == 30 and sc["df_r"] == 29 and mac["vcetype"] == "Jackknife"
    lines = out.splitlines()
    assert "Fitting full model:" not in out and "Jackknife replications (30)" in lines
    V = s.e.matrices["V"].values
    W = float(b[:2] @ np.linalg.solve(V[:2, :2], b[:2]))
    assert any(ln.startswith(" " * 48 + "F(2,29) ") and ln.endswith(f"{W / 2:10.2f}") for ln in lines)
    assert "             |              Jackknife" in lines and "P>|t|" in out
    # /sigma_u's interval: _diparm's ci(log) on t(29)
    su, se_u = b[3], se[3]
    h = stats.t.ppf(0.975, 29) * se_u / su
    row = next(ln for ln in lines if ln.strip().startswith("/sigma_u"))
    np.testing.assert_allclose([float(v) for v in row.split()[-2:]], [su * np.exp(-h), su * np.exp(h)], rtol=1e-6)
    assert "Likelihood-ratio test of sigma_u=0" in out


def test_mle_noconstant_jackknife(do, panel):
    _against_r(do, panel, "xtreg y x1 x2, mle noconstant vce(jackknife, nodots)", "mle_nocons")


def test_mle_bootstrap_draws_panels(do, panel):
    rc, out, s = do("xtset id\nxtreg y x1 x2, mle vce(bootstrap, reps(25) seed(4))", df=panel)
    assert rc == 0, out
    b, se = _b_se(s)
    V = s.e.matrices["V"].values
    assert V.shape == (5, 5) and np.all(se > 0) and np.all(np.linalg.eigvalsh(V) > -1e-12)
    assert s.e.scalars["N_reps"] == 25 and s.e.macros["vcetype"] == "Bootstrap"
    W = float(b[:2] @ np.linalg.solve(V[:2, :2], b[:2]))
    assert s.e.scalars["chi2"] == pytest.approx(W, rel=1e-10) and s.e.macros["chi2type"] == "Wald"
    lines = out.splitlines()
    assert any(ln.startswith(" " * 48 + "Wald chi2(2) ") for ln in lines) and "P>|z|" in out
    assert "Bootstrap replications (25)" in lines
    # the same seed, the same draws
    rc, _, t = do("xtset id\nxtreg y x1 x2, mle vce(bootstrap, reps(25) seed(4) nodots)", df=panel)
    np.testing.assert_allclose(t.e.matrices["V"].values, V, rtol=1e-12)


def test_technique_bhhh_is_the_opg_variance(do, panel):
    rc, out, s = do("xtset id\nxtreg y x1 x2, mle technique(bhhh) difficult", df=panel)
    assert rc == 0, out
    np.testing.assert_allclose(_b_se(s)[1], REF["mle_opg"]["se"], rtol=1e-5)
    assert s.e.macros["vcetype"] == "OPG" and "             |                 OPG" in out.splitlines()
    rc, out, s = do("xtset id\nxtreg y x1 x2, mle technique(bhhh) vce(oim)", df=panel)
    np.testing.assert_allclose(_b_se(s)[1][:3], [0.0632369, 0.1254368, 0.2185274], rtol=1e-6)


def _full_log(out):
    return [ln for ln in out.split("Fitting full model:")[1].splitlines() if ln.startswith("Iteration")]


def test_tolerances_end_the_log_where_mls_rule_holds(do, panel):
    rc, out, s = do("xtset id\nxtreg y x1 x2, mle", df=panel)
    default_log, b0 = _full_log(out), s.e.matrices["b"].values[0]
    rc, out, s = do("xtset id\nxtreg y x1 x2, mle ltolerance(1e-3) nonrtolerance", df=panel)
    assert rc == 0, out
    loose = _full_log(out)
    # |ll change|/(|ll| + 1): 0 -> 1 .0066, 1 -> 2 .00038 (<= .001): the log ends at iteration 2
    assert [ln.split(":")[0] for ln in loose] == ["Iteration 0", "Iteration 1", "Iteration 2"]
    assert len(default_log) > len(loose) and loose == default_log[:3]
    np.testing.assert_allclose(s.e.matrices["b"].values[0], b0, rtol=1e-10)  # the maximum itself
    assert s.e.scalars["converged"] == 1 and "convergence not achieved" not in out


def test_fe_pweights_jackknife(do, panel):
    _, _, out, s = _against_r(do, panel, "xtreg y x1 x2 [pw=w], fe vce(jackknife, nodots)", "fe_pw", (1e-8, 1e-7))
    assert s.e.macros["vcetype"] == "Jackknife"
    assert "F test that all u_i=0" not in out  # the full-sample run is xtreg's robust fit


def test_mle_from_starts_there_skips_the_constant_only_fit_and_tests_the_slopes_by_wald(do, panel):
    """xtreg_ml.ado: from()'s matrix is the start (b, sigma_u, sigma_e), ``skip``: no constant-only
    fit, so the header's model test is Wald chi2 b_s' V_ss^-1 b_s; the same maximum (lme4's); the
    LR test of sigma_u=0 stays (e(ll_c) is the pooled OLS fit's)."""
    setup = ("matrix b1 = (0.5, 0.3, 1, 1, 0.7)\n"
             "matrix colnames b1 = y:x1 y:x2 y:_cons sigma_u:_cons sigma_e:_cons\n")
    rc, out, s = do("xtset id\n" + setup + "xtreg y x1 x2, mle from(b1)", df=panel)
    assert rc == 0, out
    b, se = _b_se(s)
    np.testing.assert_allclose(b, REF["mle"]["b"], rtol=2e-6)  # lme4's ML maximum
    assert "Fitting constant-only model:" not in out and "Fitting full model:" not in out
    assert "\n\nIteration 0:   log likelihood = -193.93392" in out  # the loglik at b1
    V = s.e.matrices["V"].values
    W = float(b[:2] @ np.linalg.solve(V[:2, :2], b[:2]))
    sc, mac = s.e.scalars, s.e.macros
    assert mac["chi2type"] == "Wald" and sc["chi2"] == pytest.approx(W, rel=1e-10)
    assert f"Wald chi2(2)       = {W:9.2f}" in out and "Likelihood-ratio test of sigma_u=0" in out
    rc, plain, s0 = do("xtset id\nxtreg y x1 x2, mle", df=panel)
    assert s0.e.macros["chi2type"] == "LR" and sc["ll"] == pytest.approx(s0.e.scalars["ll"], rel=1e-12)
    np.testing.assert_allclose(se, _b_se(s0)[1], rtol=1e-6)


def test_mle_from_forms_copy_skip_and_iterate0(do, panel):
    """``copy`` by position; a name the fit lacks is ml's r(111) unless ``skip``; iterate(0)
    stops where from() starts (so the start is used)."""
    start = "matrix b2 = (0.5, 0.3, 1, 1, 0.7)\n"
    rc, out, s = do("xtset id\n" + start + "xtreg y x1 x2, mle from(b2, copy) iterate(0)", df=panel)
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), [0.5, 0.3, 1, 1, 0.7])
    rc, out, _ = do("xtset id\n" + start + "xtreg y x1 x2, mle from(b2)", df=panel)
    assert rc == 111 and "parameter y:c1 not found" in out
    rc, out, s = do("xtset id\nmatrix b3 = (0.4, 9)\nmatrix colnames b3 = y:x1 y:zz\n"
                    "xtreg y x1 x2, mle from(b3, skip) iterate(0)", df=panel)
    assert rc == 0 and s.e.matrices["b"].values.ravel()[0] == 0.4, out
