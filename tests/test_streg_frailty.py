"""streg's frailty(gamma|invgaussian) and shared() against tests/survival_reference/streg_frailty.R
(.json): the closed-form marginal likelihoods maximised by optim() on the kidney data; the
Stata 13 header, the /ln_the and theta rows, the chibar2(01) line, e(), predict's
unconditional/alpha1, and the refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "streg_frailty.json").read_text())
SETUP = "stset time, failure(status)\n"


@pytest.fixture
def kidney():
    return lambda: pd.read_csv(HERE / "kidney.csv")


CASES = {"weibull_gamma_shared": "d(weibull) frailty(gamma) shared(id)",
         "weibull_invgaussian_shared": "d(weibull) frailty(invgaussian) shared(id)",
         "weibull_gamma_unshared": "d(weibull) frailty(gamma)",
         "exponential_gamma_shared": "d(exponential) frailty(g) shared(id)",
         "lognormal_gamma_shared": "d(lognormal) frailty(gamma) shared(id)",
         "gompertz_invgaussian_shared": "d(gompertz) frailty(inv) shared(id)",
         "weibull_gamma_shared_entry": "d(weibull) frailty(gamma) shared(id) forceshared",
         "weibull_gamma_unshared_entry": "d(weibull) frailty(gamma)",
         "weibull_invgaussian_shared_entry": "d(weibull) frailty(invgaussian) shared(id) forceshared",
         "weibull_gamma_shared_iweight": "d(weibull) frailty(gamma) shared(id)",
         "weibull_invgaussian_shared_iweight": "d(weibull) frailty(invgaussian) shared(id)"}
# the *_entry cases enter every third record at half its time (the shared ones accumulate the
# hazards from entry, as Stata's *het_glf_sh do; unshared ones condition on survival to t0); the
# shared ones need the undocumented forceshared (_st_err_sharedgaps refuses delayed entry, r(498))
ENTRY = "gen t0 = cond(mod(_n, 3) == 0, time/2, 0)\nstset time, failure(status) enter(time t0)\n"
# the *_iweight cases: stset iweights constant within shared(id), each group's marginal
# likelihood weighted (streg_frailty.R's weighted closed form)
IWEIGHT = "gen iw = 1 + mod(id, 3)/2\nstset time [iweight=iw], failure(status)\n"


@pytest.mark.parametrize("case", sorted(CASES))
def test_estimates_against_r(do, kidney, case):
    setup = ENTRY if case.endswith("_entry") else IWEIGHT if case.endswith("_iweight") else SETUP
    rc, out, s = do(setup + f"streg age female, {CASES[case]} nolog", df=kidney())
    assert rc == 0, out
    ref = REF[case]
    b = s.e.matrices["b"].values.ravel()
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    assert np.allclose(b, ref["b"], rtol=2e-6, atol=1e-7)
    assert np.allclose(se, ref["se"], rtol=1e-4)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-9)
    assert s.e.scalars["ll_c"] == pytest.approx(ref["ll_c"], rel=1e-9)
    # the lognormal constant-only fit has theta near its boundary: its flat optimum to 3e-7
    assert s.e.scalars["ll_0"] == pytest.approx(ref["ll_0"], rel=1e-8 if "lognormal" not in case else 5e-7)
    assert s.e.scalars["chi2_c"] == pytest.approx(2 * (ref["ll"] - ref["ll_c"]), rel=1e-7)
    assert s.e.matrices["b"].colnames[-1] == "ln_the:_cons"
    assert s.e.scalars["theta"] == pytest.approx(np.exp(ref["b"][-1]), rel=2e-6)


def test_shared_table(do, kidney):
    rc, out, s = do(SETUP + "streg age female, d(weibull) frailty(gamma) shared(id)", df=kidney())
    lines = out.split("\n")
    at = lines.index("Weibull regression --")
    assert lines[at + 1] == "         log relative-hazard form" + " " * 15 + "Number of obs      =        76"
    assert lines[at + 2] == "         Gamma shared frailty" + " " * 19 + "Number of groups   =        38"
    assert lines[at + 3] == "Group variable: id"
    assert lines[at + 5] == "No. of subjects =           76                  Obs per group: min =         2"
    assert lines[at + 6].endswith("   avg =         2") and lines[at + 7].endswith("   max =         2")
    assert "Fitting Weibull model:" in out and "Fitting constant-only model:" in out
    ln_the = next(i for i, line in enumerate(lines) if line.startswith("     /ln_the |"))
    assert lines[ln_the - 1].startswith("       /ln_p |")
    theta = next(i for i, line in enumerate(lines) if line.startswith("       theta |"))
    assert lines[theta - 1].startswith("         1/p |") and lines[theta + 1] == "-" * 78
    chi = 2 * (REF["weibull_gamma_shared"]["ll"] - REF["weibull_gamma_shared"]["ll_c"])
    assert lines[theta + 2] == f"Likelihood-ratio test of theta=0: chibar2(01) = {chi:8.2f} Prob>=chibar2 = 0.002"
    assert s.e.macros["shared"] == "id" and s.e.macros["fr_title"] == "Gamma shared frailty"
    assert s.e.scalars["N_g"] == 38 and s.e.scalars["k_eq"] == 3


def test_unshared_header(do, kidney):
    rc, out, s = do(SETUP + "streg age female, d(weibull) frailty(invgaussian) nolog", df=kidney())
    lines = out.split("\n")
    at = lines.index("Weibull regression -- log relative-hazard form")
    assert lines[at + 1:at + 3] == [" " * 22 + "Inverse-Gaussian frailty", ""]
    assert lines[at + 3].startswith("No. of subjects =           76")
    assert s.e.macros["fr_title"] == "Inverse-Gaussian frailty" and "shared" not in s.e.macros
    assert s.e.macros["cmd"] == "weibullhet" and s.e.macros["cmd2"] == "streg"


def test_predict_unconditional_and_alpha1(do, kidney):
    rc, out, s = do(SETUP + "streg age female, d(weibull) frailty(gamma) nolog\n"
                    "predict s1, surv alpha1\npredict su, surv\npredict h1, hazard alpha1\n"
                    "predict hu, hazard unconditional\npredict m1, median time alpha1\npredict mu, median time",
                    df=kidney())
    assert rc == 0, out
    ref = REF["weibull_gamma_unshared"]["b"]
    d = s.data
    age, fem, t = d.numeric("age"), d.numeric("female"), d.numeric("time")
    xb = ref[0] * age + ref[1] * fem + ref[2]
    p, th = np.exp(ref[3]), np.exp(ref[4])
    H = np.exp(xb) * t ** p
    s_u = (1 + th * H) ** (-1 / th)
    assert np.allclose(d.numeric("s1"), np.exp(-H), rtol=1e-5)
    assert np.allclose(d.numeric("su"), s_u, rtol=1e-5)
    h = p * np.exp(xb) * t ** (p - 1)
    assert np.allclose(d.numeric("h1"), h, rtol=1e-5)
    assert np.allclose(d.numeric("hu"), h * s_u ** th, rtol=1e-5)
    assert np.allclose(d.numeric("m1"), (np.log(2) / np.exp(xb)) ** (1 / p), rtol=1e-5)
    assert np.allclose(d.numeric("mu"), ((2 ** th - 1) / th / np.exp(xb)) ** (1 / p), rtol=1e-5)


def test_shared_alone_assumes_gamma(do, kidney):
    rc, out, s = do(SETUP + "streg age female, d(weibull) shared(id) nolog", df=kidney())
    assert rc == 0 and "\nNote: frailty(gamma) assumed.\n" in out
    assert out.index("Note: frailty(gamma) assumed.") < out.index("failure _d:")
    assert s.e.scalars["ll"] == pytest.approx(REF["weibull_gamma_shared"]["ll"], rel=1e-9)


def test_cluster_robust_unshared(do, kidney):
    """vce(cluster id): no test of theta (the *het commands set nolrtest), the sandwich of the
    records' scores summed by id."""
    rc, out, s = do(SETUP + "streg age female, d(weibull) frailty(gamma) vce(cluster id) nolog", df=kidney())
    assert rc == 0, out
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    assert np.allclose(se, REF["weibull_gamma_unshared"]["cluster_se"], rtol=1e-4)
    assert "Likelihood-ratio test of theta=0" not in out and "chi2_c" not in s.e.scalars
    assert "Wald chi2(2)" in out and "Log pseudolikelihood" in out


@pytest.mark.parametrize("cmd, message, code", [
    ("streg age, d(weibull) frailty(normal)", "unknown distribution frailty(normal)", 198),
    ("streg age, d(weibull) frailty(gamma) shared(id) vce(robust)", "vce(robust) not allowed with shared()", 101),
    ("streg age, d(weibull) frailty(gamma) shared(id) vce(cluster id)", "vce(cluster) not allowed with shared()", 198),
    ("streg age, d(weibull)\npredict s, surv alpha1", "option alpha1 allowed only with frailty models", 198),
    ("streg age, d(weibull) frailty(gamma)\npredict s, surv conditional", "option conditional not allowed", 198),
    ("streg age, d(weibull) frailty(gamma)\npredict s, mean time", "not supported by mlmcli", 198)])
def test_refusals(do, kidney, cmd, message, code):
    rc, out, s = do(SETUP + cmd + " nolog" * (not cmd.count("\n")), df=kidney())
    assert rc == code and message in out, out


def test_fweights_unshared_are_expanded_records(do, kidney):
    """stset fweights weight each record's marginal likelihood: the same fit as the expanded data."""
    fit = "streg age female, d(weibull) frailty(gamma) nolog"
    rc, out, w = do("gen w = 1 + mod(_n, 2)\nstset time [fweight=w], failure(status)\n" + fit, df=kidney())
    assert rc == 0, out
    rc, out, x = do("gen w = 1 + mod(_n, 2)\nexpand w\nstset time, failure(status)\n" + fit, df=kidney())
    assert rc == 0, out
    assert w.e.scalars["ll"] == pytest.approx(x.e.scalars["ll"], rel=1e-10)
    np.testing.assert_allclose(w.e.matrices["b"].values, x.e.matrices["b"].values, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(w.e.matrices["V"].values, x.e.matrices["V"].values, rtol=1e-4, atol=1e-10)


def test_nolrtest_drops_the_test_of_theta_only(do, kidney):
    rc, out, s = do(SETUP + "streg age female, d(weibull) frailty(gamma) shared(id) nolrtest nolog", df=kidney())
    assert rc == 0 and "LR chi2(2)" in out and "Likelihood-ratio test of theta=0" not in out
    assert "ll_c" not in s.e.scalars


def test_predict_residuals_unconditional(do, kidney):
    """csnell and deviance after the unshared gamma Weibull: -ln S_theta(t) = ln(1 + theta H) / theta."""
    rc, out, s = do(SETUP + "streg age female, d(weibull) frailty(gamma) nolog\n"
                    "predict cs, csnell\npredict dv, deviance", df=kidney())
    assert rc == 0, out
    assert "(option unconditional assumed)" in out and out.count("assumed)") == 1
    b = REF["weibull_gamma_unshared"]["b"]
    d = s.data
    H = np.exp(b[0] * d.numeric("age") + b[1] * d.numeric("female") + b[2]) * d.numeric("time") ** np.exp(b[3])
    th = np.exp(b[4])
    cs = np.log1p(th * H) / th
    m = d.numeric("status") - cs
    dev = np.sign(m) * np.sqrt(-2 * (m + d.numeric("status") * np.log(np.where(m < 1, 1 - m, 1.0))))
    assert np.allclose(d.numeric("cs"), cs, rtol=1e-5)
    assert np.allclose(d.numeric("dv"), dev, rtol=1e-4)


def test_weibull_time_form_is_the_same_model(do, kidney):
    """The AFT Weibull with a shared frailty: the same likelihood, b_aft = -b_ph / p."""
    rc, out, s = do(SETUP + "streg age female, d(weibull) time frailty(gamma) shared(id) nolog", df=kidney())
    assert rc == 0, out
    ref = REF["weibull_gamma_shared"]
    b = s.e.matrices["b"].values.ravel()
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-9)
    p = np.exp(ref["b"][3])
    assert np.allclose(b[:3], -np.array(ref["b"][:3]) / p, rtol=2e-6) and b[4] == pytest.approx(ref["b"][4], rel=2e-6)
    assert "accelerated failure-time form" in out and "Gamma shared frailty" in out


def test_shared_iweights_must_be_constant_within_groups(do, kidney):
    before = kidney()
    rc, out, s = do("gen iw = 1 + mod(_n, 2)\nstset time [iweight=iw], failure(status)\n"
                    "streg age female, d(weibull) frailty(gamma) shared(id) nolog", df=before)
    assert rc == 199 and "weight must be constant within id" in out, out
    assert "_st" in s.data.varnames and "iw" in s.data.varnames


def test_theta_on_its_boundary_has_a_huge_standard_error(do):
    """theta -> 0 (the exponential inverse-Gaussian frailty on the lung data): ln M(d, H) =
    -H + theta (d(d-1)/2 - d H + H^2/2) + O(theta^2), so d2 ll / d ln_the^2 = theta sum(H^2/2 - d H)
    and ln_the's SE is 1/sqrt(-that) (huge, as Stata's analytic Hessian gives it), not the 0 a
    differenced Hessian finds; the coefficients' SEs are then those of the model without frailty."""
    lung = pd.read_csv(HERE / "lung.csv")
    fit = "stset time, failure(died)\nstreg age female, d(exponential) {} nolog"
    rc, out, s = do(fit.format("frailty(invgaussian)"), df=lung)
    assert rc == 0, out
    rc, out0, plain = do(fit.format(""), df=lung)
    b = s.e.matrices["b"].values.ravel()
    V = s.e.matrices["V"].values
    assert b[-1] < -12
    theta = np.exp(max(b[-1], -20))
    H = np.exp(b[0] * lung["age"] + b[1] * lung["female"] + b[2]) * lung["time"]
    curvature = theta * float((H * H / 2 - lung["died"] * H).sum())
    assert curvature < 0
    assert np.sqrt(V[-1, -1]) == pytest.approx(1 / np.sqrt(-curvature), rel=1e-3)
    assert np.sqrt(V[-1, -1]) > 1000
    assert np.allclose(np.sqrt(np.diag(V))[:3], np.sqrt(np.diag(plain.e.matrices["V"].values)), rtol=1e-4)
    row = next(line for line in out.split("\n") if line.startswith("     /ln_the |"))
    assert row.split()[3] != "0"
