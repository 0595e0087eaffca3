"""margins, vce(unconditional) after pweighted regress, logit, probit and poisson without svy
(mg82).  The numbers are R's (tests/margins_pweight_reference: survey's linearized variance
over svydesign(ids=~1, weights=~w), the linearization _marg_work's ._linearize hands
_robust2 -- see the R script's header), to 1e-6."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
REF = {c["case"]: c for c in json.loads(
    (ROOT / "tests" / "margins_pweight_reference" / "margins_pweight.json").read_text())["cases"]}
DATA = (f"use {ROOT / 'samples/data/hsb.dta'}, clear\ngenerate w = 1 + mod(_n, 7)/3\n"
        "generate hi = mathach > 13\ngenerate cnt = floor(max(mathach, 0)/5)\n")
FITS = {"regress": "regress mathach c.ses##i.sector i.minority [pw=w]",
        "logit": "logit hi ses i.sector i.minority [pw=w]",
        "probit": "probit hi ses i.sector i.minority [pw=w]",
        "poisson": "poisson cnt ses i.sector i.minority [pw=w]"}


@pytest.fixture(scope="module")
def fitted(new_session, run):
    out = {}
    for model, fit in FITS.items():
        s = new_session()
        text, rc = run(s, DATA + "quietly " + fit)
        assert rc == 0, text
        out[model] = s
    return out


def _margins(run, s, command):
    out, rc = run(s, command)
    assert rc == 0, out
    return out, s.r["table"].values


@pytest.mark.parametrize("model", list(FITS))
def test_sector_margins_against_r(fitted, run, model):
    out, table = _margins(run, fitted[model], "margins sector, vce(unconditional)")
    ref = REF[f"{model}_sector"]
    np.testing.assert_allclose(table[0], ref["b"], rtol=1e-6)
    np.testing.assert_allclose(table[1], ref["se"], rtol=1e-6)
    assert "Unconditional" in out and "Model VCE" not in out


def test_regress_dydx_against_r(fitted, run):
    out, table = _margins(run, fitted["regress"], "margins, dydx(ses) vce(unconditional)")
    ref = REF["regress_dydx_ses"]
    np.testing.assert_allclose(table[:2, 0], [ref["b"][0], ref["se"][0]], rtol=1e-6)


def test_weighted_is_not_the_unweighted_linearization(fitted, run):
    """The weights enter the influence: dropping them from (X'WX)^-1 w x e changes the SE."""
    s = fitted["regress"]
    _, weighted = _margins(run, s, "margins sector, vce(unconditional)")
    _, delta = _margins(run, s, "margins sector")
    assert not np.allclose(weighted[1], delta[1], rtol=1e-3)
    np.testing.assert_allclose(weighted[0], delta[0], rtol=1e-12)


def test_aweights_still_refused(new_session, run):
    s = new_session()
    # a robust aweighted fit: the weights' refusal (the default OLS fit is r(322) first, ._parse_vce)
    out, rc = run(s, DATA + "quietly regress mathach ses [aw=w], vce(robust)\nmargins, vce(unconditional)",
                  stop_on_error=False)
    assert rc == 198 and "not implemented" in out
    out, rc = run(s, "quietly regress mathach ses [aw=w]\nmargins, vce(unconditional)", stop_on_error=False)
    assert rc == 322 and "robust, semirobust, or linearized" in out
