"""stcox's strata(), offset(), exactp, exactm and tvc()/texp() against R's survival::coxph and,
for exactm (R has none), the exact marginal likelihood integrated by R's integrate()
(tests/survival_reference/cox_extras.R and .json); the layout of the stratified title and
footnote and of the tvc equations; Stata's errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cox_helpers import check_cox_fit

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "cox_extras.json").read_text())
YEARS = "gen time_years = time/365.24\nstset time_years, failure(died == 1)\n"
DAYS = "stset time, failure(died == 1)\n"
MONTHS = "gen month = ceil(time/30)\nstset month, failure(died == 1)\n"


@pytest.fixture
def lung():
    d = pd.read_csv(HERE / "lung.csv").rename(columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})
    d["off"] = d["wt_loss"] / 100
    return d


@pytest.mark.parametrize("setup, options, key", [
    (YEARS, "strata(ph_ecog)", "strata_breslow"),
    (YEARS, "strata(ph_ecog) efron", "strata_efron"),
    (YEARS, "offset(off)", "offset_breslow"),
    (DAYS, "exactp", "exactp"),
    (DAYS, "exactp strata(ph_ecog)", "exactp_strata"),
    (YEARS, "tvc(female)", "tvc_t"),
    (YEARS, "tvc(female age) texp(ln(_t)) efron", "tvc_log_efron"),
    (YEARS, "tvc(female) strata(ph_ecog)", "tvc_strata"),
])
def test_matches_coxph(do, lung, setup, options, key):
    rc, out, s = do(setup + f"stcox age female, {options}", df=lung)
    assert rc == 0, out
    check_cox_fit(s, REF[key])
    assert s.e.scalars["N"] == REF[key]["n"]


def test_exactm_is_the_integrated_marginal_likelihood(do, lung):
    ref = REF["exactm_months"]
    rc, out, s = do(MONTHS + "stcox age female, exactm", df=lung)
    assert rc == 0, out
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-10)
    assert s.e.scalars["ll_0"] == pytest.approx(ref["ll0"], rel=1e-10)
    b = s.e.matrices["b"].values.ravel()
    assert np.allclose(b, ref["b"], rtol=1e-5)        # R's optim stops earlier than Newton
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    assert np.allclose(se, ref["se"], rtol=1e-4)      # optimHess: finite differences
    assert s.e.macros["ties"] == "marginal"
    assert "Cox regression -- exact marginal likelihood" in out


def test_exactm_log_likelihood_at_fixed_b(lung):
    from mlmcli.survival.cox import CoxData
    from mlmcli.survival.cox_exact import ExactLikelihood

    died = lung["died"].to_numpy(float)
    month = np.ceil(lung["time"].to_numpy(float) / 30)
    data = CoxData(t0=np.zeros(len(lung)), t=month, d=died, X=lung[["age", "female"]].to_numpy(float),
                   w=np.ones(len(lung)), ties="exactm")
    ll, _, _ = ExactLikelihood(data).evaluate(np.array([0.02, -0.5]))
    assert ll == pytest.approx(REF["exactm_months"]["ll_at"], rel=1e-11)


def test_exact_derivatives_are_those_of_the_likelihood(lung):
    from mlmcli.survival.cox import CoxData
    from mlmcli.survival.cox_exact import ExactLikelihood

    month = np.ceil(lung["time"].to_numpy(float) / 60)
    X = lung[["age", "female"]].to_numpy(float)
    b, h = np.array([0.01, -0.4]), 1e-6
    for ties in ("exactp", "exactm"):
        lik = ExactLikelihood(CoxData(t0=np.zeros(len(lung)), t=month, d=lung["died"].to_numpy(float), X=X,
                                      w=np.ones(len(lung)), ties=ties))
        _, g, H = lik.evaluate(b)
        for j, e in enumerate(np.eye(2) * h):
            up, down = lik.evaluate(b + e), lik.evaluate(b - e)
            assert (up[0] - down[0]) / (2 * h) == pytest.approx(g[j], rel=1e-6)
            assert np.allclose((up[1] - down[1]) / (2 * h), H[:, j], rtol=1e-5)


STRATIFIED = """
Stratified Cox regr. -- Breslow method for ties

No. of subjects =          227                  Number of obs    =         227
No. of failures =          164
Time at risk    =  190.3460737
"""


def test_stratified_title_and_footnote(do, lung):
    rc, out, s = do(YEARS + "stcox age female, strata(ph_ecog)", df=lung)
    assert rc == 0
    assert STRATIFIED.strip("\n") in out
    lines = out.rstrip().split("\n")
    assert lines[-1] == " " * 57 + "Stratified by ph_ecog" and len(lines[-1]) == 78
    assert lines[-2].startswith("-" * 78)
    assert s.e.macros["strata"] == "ph_ecog"


def test_tvc_equations_and_note(do, lung):
    rc, out, s = do(YEARS + "stcox age female, tvc(female) texp(_t ^ 2) nohr", df=lung)
    assert rc == 0
    table = out[out.index("  _t |"):].split("\n")
    assert table[2] == "main         |"
    assert table[3].startswith("         age |")
    assert table[6] == "tvc          |"
    assert table[7].startswith("      female |")
    assert table[9] == "Note: variables in tvc equation interacted with _t^2"
    assert s.e.matrices["b"].colnames == ("main:age", "main:female", "tvc:female")
    assert s.e.macros["texp"] == "_t^2" and s.e.scalars["k_eq"] == 2


def test_offset_not_in_table(do, lung):
    rc, out, s = do(YEARS + "stcox age female, offset(off)", df=lung)
    assert rc == 0
    assert " off |" not in out and s.e.macros["offset"] == "off"
    assert s.e.scalars["N"] == REF["offset_breslow"]["n"]


@pytest.mark.parametrize("text, message, code", [
    ("stcox age, texp(_t)", "texp() only allowed with tvc()", 198),
    ("stcox age, tvc(female) texp(nosuchvar)", "texp() invalid", 198),
    ("stcox age, tvc(female) texp(age*_t)", "texp() is not a proper function of time", 459),
    ("stcox age, tvc(female) texp(ln(_t - 0.5))", "texp() evaluates to missing for", 459),
    ("stcox age, strata(nosuch)", "variable nosuch not found", 111),
    ("stcox age, exactp exactm", "may specify only one of exactm, exactp, efron, and breslow", 198),
    ("stcox age, exactp vce(robust)",
     "exactm and exactp may not be specified with tvc(), vce(robust), or vce(cluster clustvar)", 198),
])
def test_errors(do, lung, text, message, code):
    rc, out, s = do(YEARS + text, df=lung)
    assert rc == code, out
    assert message in out


def test_exactp_refuses_weights(do, lung):
    lung["w"] = 1 + np.arange(len(lung)) % 3
    rc, out, s = do("stset time [fweight = w], failure(died == 1)\nstcox age, exactp", df=lung)
    assert rc == 101 and "weights not allowed with exactp" in out
