"""streg's six distributions against tests/survival_reference/streg_distributions.R (.json):
survreg for exponential, weibull, lognormal, loglogistic (AFT form), a direct optim() of the
log likelihood for gompertz and the generalized gamma; Stata's log likelihood of ln t (survreg's
plus sum(d ln t)); the ancillary rows of Stata's tables; robust SEs; options and refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "streg_distributions.json").read_text())
SETUP = "stset time, failure(died)\n"


@pytest.fixture
def lung():
    return lambda: pd.read_csv(HERE / "lung.csv").rename(columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})


def _b_se(s):
    b = s.e.matrices["b"].values.ravel()
    return b, np.sqrt(np.diag(s.e.matrices["V"].values))


@pytest.mark.parametrize("dist, metric, rtol", [
    ("exponential", "time", 1e-7), ("weibull", "time", 1e-7), ("lognormal", "", 1e-7), ("loglogistic", "", 1e-7),
    ("gompertz", "", 1e-5), ("gamma", "", 1e-5)])
def test_estimates(do, lung, dist, metric, rtol):
    rc, out, s = do(SETUP + f"streg age female, distribution({dist}) {metric} nolog", df=lung())
    assert rc == 0, out
    ref = REF[dist]
    b, se = _b_se(s)
    assert np.allclose(b[:3], ref["b"], rtol=rtol) and np.allclose(se[:3], ref["se"], rtol=10 * rtol)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-9)
    if "ll0" in ref:
        assert s.e.scalars["ll_0"] == pytest.approx(ref["ll0"], rel=1e-9)
    if "aux" in ref:
        aux = np.atleast_1d(ref["aux"])
        assert np.allclose(b[3:], aux, rtol=rtol, atol=1e-9)
        assert np.allclose(se[3:], np.atleast_1d(ref["aux_se"]), rtol=10 * rtol)


def test_gamma_table(do, lung):
    rc, out, s = do(SETUP + "streg age female, distribution(gamma) nolog", df=lung())
    assert "Gamma regression -- accelerated failure-time form" in out
    lines = out.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("     /ln_sig |"))
    assert lines[at + 1].startswith("      /kappa |")
    assert lines[at + 2] == "-------------+----------------------------------------------------------------"
    sigma = np.exp(REF["gamma"]["aux"][0])
    assert lines[at + 3].startswith("       sigma |") and f"{sigma:.6f}"[:7] in lines[at + 3].replace(" .", " 0.")
    assert s.e.matrices["b"].colnames[-2:] == ("ln_sig:_cons", "kappa:_cons")
    assert s.e.macros["cmd"] == "gamma" and s.e.scalars["k_aux"] == 2


@pytest.mark.parametrize("dist, rows", [("lognormal", ("/ln_sig", "sigma")), ("loglogistic", ("/ln_gam", "gamma")),
                                        ("gompertz", ("/gamma",)), ("weibull", ("/ln_p", "p", "1/p"))])
def test_ancillary_rows(do, lung, dist, rows):
    rc, out, s = do(SETUP + f"streg age female, distribution({dist}) nolog", df=lung())
    names = [line.split("|")[0].strip() for line in out.split("\n") if "|" in line]
    assert all(r in names for r in rows)


def test_hazard_form_equals_time_form(do, lung):
    rc, out, s = do(SETUP + "quietly streg age female, distribution(weibull)\nmatrix bh = e(b)\n"
                    "quietly streg age female, distribution(weibull) time", df=lung())
    ref = REF["weibull"]
    p = np.exp(ref["aux"])
    b_time = s.e.matrices["b"].values.ravel()
    assert np.allclose(b_time[:3], ref["b"], rtol=1e-7)
    assert np.allclose(s.matrices["bh"].values.ravel()[:3], -p * np.array(ref["b"]), rtol=1e-7)


@pytest.mark.parametrize("dist", ["weibull", "lognormal", "loglogistic", "exponential"])
def test_robust(do, lung, dist):
    rc, out, s = do(SETUP + f"streg age female, distribution({dist}) time vce(robust) nolog", df=lung())
    assert rc == 0, out
    ref = REF[dist]
    b, se = _b_se(s)
    assert np.allclose(se[:3], ref["robust_se"], rtol=1e-5)
    if "aux" in ref:
        assert se[3] == pytest.approx(ref["aux_robust_se"], rel=1e-5)
    assert "Log pseudolikelihood" in out and "Wald chi2(2)" in out and "Robust" in out


def test_tr_offset_noconstant_ancillary(do, lung):
    rc, out, s = do(SETUP + "generate off = 0.01 * age\nstreg female, distribution(lognormal) tr offset(off) nolog",
                    df=lung())
    assert rc == 0, out
    assert "Tm. Ratio" in out and "(offset)" in out
    rc, out, s = do(SETUP + "streg age female, distribution(weibull) noconstant nolog", df=lung())
    assert rc == 0 and s.e.matrices["b"].colnames[:2] == ("_t:age", "_t:female")
    assert "Fitting constant-only model:" not in out
    rc, out, s = do(SETUP + "streg age, distribution(weibull) ancillary(female) nolog", df=lung())
    assert rc == 0, out
    assert s.e.matrices["b"].colnames == ("_t:age", "_t:_cons", "ln_p:female", "ln_p:_cons")
    assert "ln_p         |" in out and " p |" not in out


@pytest.mark.parametrize("text, message", [
    ("streg age, distribution(gompertz) time", "option time not allowed with distribution(gompertz)"),
    ("streg age, distribution(lognormal) nohr", "option nohr not allowed with distribution(lognormal)"),
    ("streg age, distribution(weibull) tr", "option tr not allowed"),
    ("streg age, distribution(weibull) time hr", "options time and hr may not be combined"),
    ("streg age, distribution(weibull) anc2(female)", "option anc2() not allowed"),
    ("streg age, distribution(weibull) frailty(gamma) shared(female) cluster(female)", "vce(cluster) not allowed with shared()"),
    ("streg age, distribution(weibull) constraints(1)", "constraint (1) not defined"),
])
def test_refusals(do, lung, text, message):
    rc, out, s = do(SETUP + text, df=lung())
    assert rc == (111 if "constraint (" in message else 198) and message in out, out


def test_ancillary_against_optim(do, lung):
    """The hazard form with ln_p modelled by female (an optim() fit of the likelihood in R)."""
    rc, out, s = do(SETUP + "streg age, distribution(weibull) ancillary(female) nolog", df=lung())
    ref = REF["weibull_ancillary"]
    b, se = _b_se(s)
    assert np.allclose(b, ref["b"], rtol=1e-6) and np.allclose(se, ref["se"], rtol=1e-5)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-10)


@pytest.mark.parametrize("text, message", [
    ("streg age, distribution(weibull) vce(boot) frailty(gamma)",
     "vce(bootstrap) with frailty() or shared() not supported by mlmcli"),
    ("streg age, distribution(weibull) difficult", "option difficult not supported by mlmcli"),
])
def test_more_refusals(do, lung, text, message):
    rc, out, s = do(SETUP + text, df=lung())
    assert rc == 198 and message in out, out


def test_vce_opg_is_the_scores_outer_product(do, lung):
    """vce(opg): (sum s_i s_i')^-1 of the records' scores (streg_opg.R: survreg's fit, scores
    written out); the LR test stays, OPG over Std. Err."""
    ref = json.loads((HERE / "streg_opg.json").read_text())
    rc, out, s = do(SETUP + "streg age sex, distribution(weibull) vce(opg)", df=lung())
    assert rc == 0, out
    b, se = _b_se(s)
    assert np.allclose(b, ref["b"], rtol=1e-6) and np.allclose(se, ref["se"], rtol=1e-6)
    assert (s.e.macros["vce"], s.e.macros["vcetype"], s.e.macros["chi2type"]) == ("opg", "OPG", "LR")
    assert "             |                 OPG" in out and "LR chi2(2)" in out and "Log likelihood" in out
    rc, out, _ = do(SETUP + "streg age, distribution(weibull) vce(opg x)", df=lung())
    assert rc == 198


def test_noheader_nolrtest(do, lung):
    rc, out, s = do(SETUP + "streg age female, distribution(weibull) noheader nolrtest nolog", df=lung())
    assert rc == 0 and "No. of subjects" not in out and s.e.macros["chi2type"] == "Wald"
    assert "_t | Haz. Ratio" in out


def test_strata_is_survreg_strata(do, lung):
    """strata(female): xi's _Sfemale_1 in the model and in ln_p's equation (Stata 13), survreg's
    strata() (a scale a stratum) in the time form."""
    rc, out, s = do(SETUP + "streg age, distribution(weibull) strata(female) time nolog", df=lung())
    assert rc == 0, out
    ref = REF["weibull_strata"]
    b = s.e.matrices["b"].values.ravel()
    names = s.e.matrices["b"].colnames
    at = {n: j for j, n in enumerate(names)}
    assert np.allclose([b[at["_t:age"]], b[at["_t:_Sfemale_1"]], b[at["_t:_cons"]]], ref["b"], rtol=1e-6)
    assert np.allclose([b[at["ln_p:_Sfemale_1"]], b[at["ln_p:_cons"]]], ref["ln_p"], rtol=1e-6)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-10)
    rc, out, s = do(SETUP + "streg age, distribution(weibull) strata(female) ancillary(age)", df=lung())
    assert rc == 198 and "options strata() and ancillary() may not be specified together" in out


def test_pweights_are_robust(do, lung):
    """stset pweights: the weighted fit with the robust variance (survreg's weights with robust)."""
    rc, out, s = do("generate double pw = 1 + age / 100\nstset time [pweight = pw], failure(died)\n"
                    "streg age female, distribution(lognormal) nolog", df=lung())
    assert rc == 0, out
    ref = REF["lognormal_pweight"]
    b, se = _b_se(s)
    assert np.allclose(b[:3], ref["b"], rtol=1e-7) and np.allclose(se, ref["se"], rtol=1e-5)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-10)
    assert "Log pseudolikelihood" in out and s.e.macros["vce"] == "robust"


# technique(): test_streg_technique; coeflegend, cformat() ...: test_display_options_ml_commands
@pytest.mark.parametrize("option", ["difficult"])
def test_display_and_maximisation_options_refused(do, lung, option):
    rc, out, s = do(SETUP + f"streg age, distribution(weibull) {option}", df=lung())
    assert rc == 198 and "not supported by mlmcli" in out, out


def test_gamma_density_is_smooth_through_kappa_zero():
    """The generalized gamma's ln f + ln t tends to the lognormal's as kappa -> 0 with no
    cancellation (its kappa-curvature by differences stays put across 0)."""
    from mlmcli.survival.parametric_distributions import DISTRIBUTIONS

    gg, ln = DISTRIBUTIONS["gamma"], DISTRIBUTIONS["lognormal"]
    lt = np.log(np.array([0.5, 2.0, 9.0]))
    xb, ls = np.full(3, 0.7), np.full(3, -0.2)
    base = ln.log_density(lt, np.exp(lt), [xb, ls], True)
    for k in (1e-7, -1e-7):
        assert np.allclose(gg.log_density(lt, np.exp(lt), [xb, ls, np.full(3, k)], True), base, atol=1e-6)
    h = 1e-3

    def curvature(k):
        f = [gg.log_density(lt, np.exp(lt), [xb, ls, np.full(3, k + s)], True) for s in (-h, 0.0, h)]
        return (f[0] - 2 * f[1] + f[2]) / h ** 2
    assert np.allclose(curvature(1e-4), curvature(0.0), rtol=1e-3)


@pytest.mark.parametrize("dist", ["exponential", "weibull", "gompertz", "lognormal", "loglogistic", "gamma"])
def test_split_records_give_the_same_fit(do, lung, dist):
    """Left truncation: each subject's follow-up cut at t = 200 into two records (id()) -- the
    likelihood conditional on entry makes the fit and e(ll) those of the uncut data."""
    df = lung()[["time", "died", "age", "female"]].reset_index().rename(columns={"index": "id"})
    rc, out, s = do(SETUP + f"quietly streg age female, distribution({dist})", df=df.copy())
    b0, ll0 = s.e.matrices["b"].values.ravel(), s.e.scalars["ll"]
    first = df[df.time > 200].assign(time=200.0, died=0)
    split = pd.concat([first, df]).sort_values(["id", "time"]).reset_index(drop=True)
    rc, out, s = do(f"stset time, id(id) failure(died)\nquietly streg age female, distribution({dist})", df=split)
    assert rc == 0, out
    assert s.e.scalars["N"] == len(split) and s.e.scalars["N_sub"] == len(df)
    assert np.allclose(s.e.matrices["b"].values.ravel(), b0, rtol=1e-6, atol=1e-9)
    assert s.e.scalars["ll"] == pytest.approx(ll0, rel=1e-10)


@pytest.mark.parametrize("command, k, k_eq", [
    ("streg age female, distribution(exponential) nolog", 3, 1),
    ("streg age female, distribution(weibull) nolog", 4, 2),
    ("streg age i.ph_ecog, distribution(gamma) nolog", 8, 3),
    ("streg age, distribution(weibull) ancillary(female) nolog", 4, 2)])
def test_ml_counts_are_posted(do, lung, command, k, k_eq):
    """ml's e(k) = colsof(e(b)) (base levels included), e(k_eq) and e(k_dv) = 1: weibull_c.ado's
    ``ml model ... (_t: _t = rhs) (ln_p: ...)`` (Stata 16's copy)."""
    rc, out, s = do(SETUP + command, df=lung())
    assert rc == 0, out
    assert s.e.scalars["k"] == s.e.matrices["b"].values.shape[1] == k
    assert s.e.scalars["k_eq"] == k_eq and s.e.scalars["k_dv"] == 1
