"""streg's technique(nr|bhhh|dfp|bfgs [#] ...) (ml's, as weibull.ado and the other ados hand it to
``ml model``; ``mlmcli.conditional_techniques``): technique(bhhh) alone makes vce(opg) the
default (against tests/survival_reference/streg_opg.R: survreg's fit, scores written out),
the turns' ``(setting|switching technique to t)`` lines, the optimum to ml's tolerance, and
what mlm does not fit with them."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
SETUP = "stset time, failure(died)\n"


@pytest.fixture
def lung():
    return lambda: pd.read_csv(HERE / "lung.csv").rename(columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})


def _b_se(s):
    return s.e.matrices["b"].values.ravel(), np.sqrt(np.diag(s.e.matrices["V"].values))


def test_bhhh_alone_is_the_opg_variance(do, lung):
    """technique(bhhh) alone: ml's default variance is then vce(opg), (sum s_i s_i')^-1 at the
    optimum BHHH reaches (tight tolerances: R's optimum); vce(oim) typed keeps the OIM."""
    ref = json.loads((HERE / "streg_opg.json").read_text())
    rc, out, s = do(SETUP + "streg age sex, distribution(weibull) technique(bhhh) ltolerance(1e-14) "
                            "nrtolerance(1e-12) tolerance(1e-12)", df=lung())
    assert rc == 0, out
    b, se = _b_se(s)
    np.testing.assert_allclose(b, ref["b"], rtol=1e-6)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-5)
    assert (s.e.macros["vce"], s.e.macros["vcetype"]) == ("opg", "OPG")
    assert "             |                 OPG" in out and "(setting technique to" not in out
    rc, out, s = do(SETUP + "streg age sex, distribution(weibull) technique(bhhh) vce(oim) nolog", df=lung())
    assert rc == 0 and s.e.macros["vce"] == "oim" and "OPG" not in out, out


def test_turns_are_logged_and_reach_the_optimum(do, lung):
    """technique(bfgs 3 nr 2): the log says where each turn starts (the constant-only and the
    full model's); the estimates, the OIM variance and the LR test are those of the default nr."""
    rc, out, s = do(SETUP + "streg age sex, distribution(weibull) nolog", df=lung())
    b0, se0 = _b_se(s)
    ll0, chi0 = s.e.scalars["ll"], s.e.scalars["chi2"]
    rc, out, s = do(SETUP + "streg age sex, distribution(weibull) technique(bfgs 3 nr 2)", df=lung())
    assert rc == 0, out
    b, se = _b_se(s)
    np.testing.assert_allclose(b, b0, rtol=1e-5)
    np.testing.assert_allclose(se, se0, rtol=1e-4)
    assert s.e.scalars["ll"] == pytest.approx(ll0, rel=1e-9) and s.e.scalars["chi2"] == pytest.approx(chi0, rel=1e-6)
    lines = out.splitlines()
    full = lines.index("Fitting full model:")
    assert lines[full + 2] == "(setting technique to bfgs)" and lines[full + 3].startswith("Iteration 0:")
    after = lines[full:]
    switch = after.index("(switching technique to nr)")
    assert after[switch - 1] == "Iteration 2:   log likelihood = " + after[switch - 1].split("= ")[1]
    # weibull_s.ado's constant-only fit is its own Newton-Raphson (WeibCons): no turns there;
    # lnormal.ado's is an ml fit with the ml options: its turns logged too
    assert not any(line.startswith("(") for line in lines[:full])
    rc, out, s = do(SETUP + "streg age sex, distribution(lognormal) technique(bfgs 3 nr 2)", df=lung())
    lines = out.splitlines()
    assert rc == 0 and "(setting technique to bfgs)" in lines[:lines.index("Fitting full model:")], out


def test_dfp_lognormal_and_refusals(do, lung):
    rc, out, s = do(SETUP + "streg age sex, distribution(lognormal) nolog", df=lung())
    ll0 = s.e.scalars["ll"]
    rc, out, s = do(SETUP + "streg age sex, distribution(lognormal) technique(dfp) nolog", df=lung())
    assert rc == 0 and s.e.scalars["ll"] == pytest.approx(ll0, rel=1e-8), out
    rc, out, _ = do(SETUP + "streg age sex, distribution(weibull) technique(foo)", df=lung())
    assert rc == 198 and "option technique() invalid: foo" in out
    # the frailty and constrained fits are Newton's only in mlm
    rc, out, _ = do(SETUP + "streg age sex, distribution(weibull) frailty(gamma) technique(bhhh)", df=lung())
    assert rc == 198 and "option technique() with frailty() not supported by mlmcli" in out
    rc, out, _ = do(SETUP + "constraint 1 age = 0\nstreg age sex, distribution(weibull) constraints(1) "
                            "technique(bfgs)", df=lung())
    assert rc == 198 and "option technique() with constraints() not supported by mlmcli" in out
    # technique(nr) is the default fit
    rc, out, s = do(SETUP + "streg age sex, distribution(lognormal) technique(nr) nolog", df=lung())
    assert rc == 0 and s.e.scalars["ll"] == ll0
