"""The single-level GLM commands (logit, probit, cloglog, poisson, nbreg, ologit, oprobit;
weights and robust/cluster VCEs) against R (tests/reference_values/glm_reference.R ->
glm_reference.json: glm, MASS::glm.nb, glmmTMB, ordinal::clm on samples/data/hsb.dta), and the
single-level log likelihoods recorded in ../shared/reference/glmm (the `LR test vs.` lines)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

ROOT = Path(__file__).resolve().parents[1]
REF = json.loads((ROOT / "tests" / "reference_values" / "glm_reference.json").read_text())["models"]
DERIVED = """generate hi = mathach > 13
generate ord4 = 1 + (mathach > 7) + (mathach > 13) + (mathach > 18)
generate cnt = floor(max(mathach, 0) / 3)
generate cnt2 = floor(max(mathach, 0)^2 / 25)
generate fw = 1 + mod(school, 3)
generate double expo = exp(meanses)
generate ses2 = 2 * ses"""


@pytest.fixture(scope="module")
def hsb():
    import io

    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session

    s = Session(out=Output(io.StringIO()))
    r = Runner(s)
    assert r.run_text(f"use {ROOT / 'samples/data/hsb.dta'}, clear\n{DERIVED}") == 0
    return s, r


def _fit(hsb, command):
    s, r = hsb
    rc = r.run_text("quietly " + command, stop_on_error=False)
    assert rc == 0, s.out.stream.getvalue()[-2000:]
    return s.e


@pytest.mark.parametrize("key", sorted(REF))
def test_fit_agrees_with_r(hsb, key):
    ref = REF[key]
    e = _fit(hsb, ref["command"])
    cf = e.coefficients()
    depvar = e.macros["depvar"]
    full = [n if ":" in n else f"{depvar}:{n}" for n in ref["names"]]
    idx = [cf.names.index(n) for n in full]
    b_ref, se_ref = np.array(ref["b"]), np.array(ref["se"])
    se = np.sqrt(np.diag(cf.V))[idx]
    # coefficients to 1e-6 of their SE, SEs to 1e-6 relative (R's Hessians: analytic or Richardson)
    assert np.max(np.abs(cf.b[idx] - b_ref) / se_ref) < 1e-6, (cf.b[idx], b_ref)
    assert np.max(np.abs(se - se_ref) / se_ref) < 1e-6, (se, se_ref)
    assert e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-7)
    assert e.scalars["ll_0"] == pytest.approx(ref["ll_0"], abs=1e-7)
    robust = "vce(" in ref["command"] or "[pw=" in ref["command"]
    if not robust:
        chi2 = 2 * (ref["ll"] - ref["ll_0"])
        assert e.scalars["chi2"] == pytest.approx(chi2, rel=1e-9)
        assert e.macros["chi2type"] == "LR"
    else:
        assert e.macros["vcetype"] == "Robust" and e.macros["chi2type"] == "Wald"
    assert e.scalars["r2_p"] == pytest.approx(1 - ref["ll"] / ref["ll_0"], rel=1e-9)
    if "n_clust" in ref:
        assert e.scalars["N_clust"] == ref["n_clust"]
    if "ll_poisson" in ref:
        c = 2 * (ref["ll"] - ref["ll_poisson"])
        assert e.scalars["chi2_c"] == pytest.approx(c, rel=1e-8)
        assert e.scalars["p_c"] == pytest.approx(0.5 * stats.chi2.sf(c, 1), rel=1e-6, abs=1e-300)


def test_frequency_weights_count_observations(hsb):
    e = _fit(hsb, REF["logit_fw"]["command"])
    s, _ = hsb
    assert e.scalars["N"] == float(np.sum(s.data.numeric("fw")))
    e = _fit(hsb, REF["logit_pw"]["command"])
    assert e.scalars["N"] == 7185 and e.macros["wtype"] == "pweight"


SHARED = {  # reference file -> the single-level command its LR test compares with
    "bangladesh__ri__agq25.json": "logit c_use urban age child1 child2 child3",
    "bangladesh__probit_ri__agq25.json": "probit c_use urban age child1 child2 child3",
    "cbpp__period_ri__agq25.json": None,  # binomial trials: meglm's family, not logit's
    "epilepsy__poisson_ri__agq25.json": "poisson seizures treat lbas lbas_trt lage visit",
    "epilepsy__nbreg_ri__agq25.json": "nbreg seizures treat lbas lbas_trt lage visit",
    "grouseticks__nested__agq25.json": "poisson ticks i.year cheight",
    "wine__ologit_ri__agq25.json": "ologit rating temp contact",
}


@pytest.mark.parametrize("name", [k for k, v in SHARED.items() if v])
def test_single_level_loglik_of_the_glmm_references(shared_dir, do, name):
    ref = json.loads((shared_dir / "reference" / "glmm" / name).read_text())
    data = shared_dir / "data" / ref["data_file"]
    rc, out, s = do(f"use {data}, clear\nquietly {SHARED[name]}")
    assert rc == 0, out
    assert s.e.scalars["ll"] == pytest.approx(ref["lr_vs_single"]["ll_single"], abs=1e-6)


# collinear ([R] logit, logistic, probit, cloglog, poisson, nbreg, ologit, oprobit, glm of Stata 13:
# "keep collinear variables"): without collinear regressors the usual fit; with them ml would
# iterate on a singular Hessian, which mlm refuses as mlogit does (docs/mlogit.md)
def _run_shown(hsb, command):
    s, r = hsb
    start = len(s.out.stream.getvalue())
    rc = r.run_text(command, stop_on_error=False)
    return rc, s.out.stream.getvalue()[start:], s.e


@pytest.mark.parametrize("key", ["logit", "probit", "cloglog", "poisson_robust", "nbreg", "ologit", "oprobit"])
def test_collinear_without_collinearity_is_the_usual_fit(hsb, key):
    ref = REF[key]
    command = ref["command"] + (" collinear" if "," in ref["command"] else ", collinear")
    rc, out, e = _run_shown(hsb, "quietly " + command)
    assert rc == 0, out
    cf = e.coefficients()
    full = [n if ":" in n else f"{e.macros['depvar']}:{n}" for n in ref["names"]]
    b = cf.b[[cf.names.index(n) for n in full]]
    assert np.max(np.abs(b - np.array(ref["b"])) / np.array(ref["se"])) < 1e-6
    assert e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-7)


def test_glm_takes_collinear(hsb):
    ref = REF["logit"]
    rc, out, e = _run_shown(hsb, "quietly glm hi ses i.sector minority female, family(binomial) col")
    assert rc == 0, out
    assert e.scalars["ll"] == pytest.approx(ref["ll"], abs=1e-6)


@pytest.mark.parametrize("command, option", [("logit hi ses ses2", ", collinear"), ("poisson cnt ses ses2", ", coll"),
                                             ("ologit ord4 ses ses2", ", collinear"),
                                             ("glm hi ses ses2, family(binomial)", " col")])
def test_collinear_with_collinear_regressors_is_refused_not_dropped(hsb, command, option):
    rc, out, _ = _run_shown(hsb, command + option)
    assert rc == 198 and "option collinear with collinear regressors not supported by mlmcli" in out
    assert "omitted because of collinearity" not in out
    rc, out, _ = _run_shown(hsb, command)  # without the option the collinear regressor is dropped
    assert rc == 0 and "note: ses2 omitted because of collinearity" in out, out
