"""stcox with stset iweights (Breslow) and exactm with stset fweights and iweights against R
(tests/survival_reference/stcox_weights.R and .json: coxph's weighted fit; for exactm, which R
lacks, the weighted exact marginal likelihood integrated by integrate() and maximised by
optim(), and for fweights the same likelihood on the repeated records); Stata's refusals of
the exact methods with tvc(), robust or cluster VCEs and pweights ([ST] stcox, Options)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cox_helpers import check_cox_fit

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "stcox_weights.json").read_text())
EXACT_REFUSAL = "exactm and exactp may not be specified with tvc(), vce(robust), or vce(cluster clustvar)"


@pytest.fixture
def lung():
    d = pd.read_csv(HERE / "lung.csv").rename(columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})
    i = np.arange(1, len(d) + 1)
    d["fw"] = 1 + i % 3                       # as the R script
    d["iw"] = 0.55 + ((i * 7) % 10) / 8
    return d


def test_iweights_breslow_is_coxphs_weighted_fit(do, lung):
    rc, out, s = do("stset time [iweight = iw], failure(died == 1)\nstcox age female", df=lung)
    assert rc == 0, out
    check_cox_fit(s, REF["iweight_breslow"])
    assert s.e.macros["wtype"] == "iweight" and s.e.scalars["N"] == pytest.approx(REF["iweight_breslow"]["sum_w"])
    assert "Number of obs    =       254.4" in out   # the weights' sum, %12.0g
    assert "Log likelihood  =   -849.64659" in out
    assert "Robust" not in out


@pytest.mark.parametrize("weight, key", [("fweight = fw", "exactm_fweight"), ("iweight = iw", "exactm_iweight")])
def test_exactm_with_weights_is_the_weighted_marginal_likelihood(do, lung, weight, key):
    rc, out, s = do(f"gen month = ceil(time/30)\nstset month [{weight}], failure(died == 1)\n"
                    "stcox age female, exactm", df=lung)
    assert rc == 0, out
    check_cox_fit(s, REF[key], rtol_b=1e-5, rtol_se=1e-4)   # R's optim() stops earlier than Newton; optimHess
    assert "Cox regression -- exact marginal likelihood" in out and s.e.macros["ties"] == "marginal"


def test_exactm_weighted_likelihood_at_fixed_b(lung):
    from mlmcli.survival.cox import CoxData
    from mlmcli.survival.cox_exact import ExactLikelihood

    month = np.ceil(lung["time"].to_numpy() / 30)
    X = lung[["age", "female"]].to_numpy(float)
    for name, key in (("fw", "exactm_fweight"), ("iw", "exactm_iweight")):
        data = CoxData(t0=np.zeros(len(lung)), t=month, d=lung["died"].to_numpy(float), X=X,
                       w=lung[name].to_numpy(float), ties="exactm")
        ll, grad, H = ExactLikelihood(data).evaluate(np.array([0.02, -0.5]))
        assert ll == pytest.approx(REF[key]["ll_at"], rel=1e-11)
        # the gradient and Hessian are those of ll (central differences)
        eps = 1e-5
        for j in range(2):
            step = np.eye(2)[j] * eps
            up = ExactLikelihood(data).evaluate(np.array([0.02, -0.5]) + step)
            down = ExactLikelihood(data).evaluate(np.array([0.02, -0.5]) - step)
            assert grad[j] == pytest.approx((up[0] - down[0]) / (2 * eps), rel=1e-6)
            assert np.allclose(H[:, j], (up[1] - down[1]) / (2 * eps), rtol=1e-5)
    assert REF["exactm_fweight"]["ll_at"] == pytest.approx(REF["exactm_fweight"]["ll_at_expanded"], rel=1e-12)


@pytest.mark.parametrize("setup, options, message, code", [
    ("stset time, failure(died == 1)", "exactm vce(robust)", EXACT_REFUSAL, 198),
    ("stset time, failure(died == 1)", "exactp vce(cluster ph_ecog)", EXACT_REFUSAL, 198),
    ("stset time, failure(died == 1)", "exactp tvc(female)", EXACT_REFUSAL, 198),
    ("stset time, failure(died == 1)", "exactm tvc(female) texp(ln(_t))", EXACT_REFUSAL, 198),
    ("stset time [pweight = iw], failure(died == 1)", "exactm", EXACT_REFUSAL, 198),
    ("stset time [iweight = iw], failure(died == 1)", "exactp", "weights not allowed with exactp", 101),
    ("stset time [iweight = iw], failure(died == 1)", "efron", "weights not allowed with efron", 101),
    ("stset time [iweight = iw], failure(died == 1)", "shared(ph_ecog)",  # stcox_fr's CheckWgt
     "weight must be constant within ph_ecog", 199),
])
def test_refusals(do, lung, setup, options, message, code):
    rc, out, s = do(f"{setup}\nstcox age female, {options}", df=lung)
    assert rc == code, out
    assert message in out
    assert s.e is None
