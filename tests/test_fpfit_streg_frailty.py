"""twoway fpfit/fpfitci estcmd(streg) with frailty()/shared() (mlmcli/graphs/fpfit_streg.py): the
shared gamma-frailty Weibull's powers, x b and band against tests/survival_reference/
fpfit_streg_frailty.R (.json), the unshared frailty's dresid, and streg failing (the note)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import norm

from graphs_helpers import drawn, run, survival_reference_session

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "fpfit_streg_frailty.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


@pytest.fixture
def s():
    return survival_reference_session("kidney.csv", "stset time, failure(status)",
                                      ("id", "time", "status", "age", "female"))


def test_shared_gamma_matches_r(s):
    graph, fig = drawn(s, "twoway fpfitci age female, estcmd(streg) estopts(d(weibull) frailty(gamma) shared(id))")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, REF["at"])
    np.testing.assert_allclose(line.y, REF["xb"], rtol=1e-6)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), REF["se"], rtol=1e-4)


def test_for_age_and_noconstant(s):
    graph, fig = drawn(s, "twoway fpfit age female, estcmd(streg) estopts(d(weibull) frailty(gamma) shared(id)) "
                          "predopts(for(age))")
    np.testing.assert_allclose(graph.panels[0].series[0].y, REF["for_age"], rtol=1e-6)
    # noconstant: frac_154's "noconstant invalid with streg" inside twoway's capture (the note)
    out, rc = run(s, "twoway fpfit age female, estcmd(streg) estopts(d(exponential) frailty(gamma) noconstant) "
                     "predopts(for(age))")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out


def test_unshared_dresid_drawn(s):
    graph, fig = drawn(s, "twoway fpfit age female, estcmd(streg) estopts(d(exponential) frailty(invgaussian)) "
                          "predopts(dresid)")
    assert np.isfinite(graph.panels[0].series[0].y).all()


@pytest.mark.parametrize("opts", ["d(weibull) frailty(normal)", "d(weibull) shared(id) vce(robust)"])
def test_streg_failing_is_the_note(s, opts):
    out, rc = run(s, f"twoway fpfit age female, estcmd(streg) estopts({opts})")
    assert rc == 0 and NOTE in out, out
