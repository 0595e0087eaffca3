"""twoway fpfit/fpfitci with estcmd(weibull|ereg) (``graphs.fpfit_weibull_ereg``): the powers of
the largest log likelihood and the accelerated failure-time x b and stdp band (normal quantile)
against R's survival::survreg (``tests/graphs_reference/fpfit_weibull_ereg.R``); the hazard
form's x b is -p times the time form's; estcmd(cox) without dead() is frac_cox's error inside
fracpoly (the note; with dead(): tests/test_graphs_fpfit_cox_xtlogit.py); failing fits are the note."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import drawn, run
from mlmcli.dataset import Dataset
from mlmcli.distributions import norm
from mlmcli.session import Output, Session

REFERENCE = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_weibull_ereg.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


@pytest.fixture
def s() -> Session:
    df = pd.DataFrame({k: np.asarray(REFERENCE[k], float) for k in ("x", "y", "d")})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


@pytest.mark.parametrize("case, text", [
    ("weibull", "twoway fpfitci y x, estcmd(weibull)"),
    ("weibull_dead", "twoway fpfitci y x, estcmd(weibull) estopts(dead(d) nolog)"),
    ("ereg_dead", "twoway fpfitci y x, estcmd(ereg) estopts(dead(d))")])
def test_time_form_curve_and_band_match_survreg(s, case, text):
    ref = REFERENCE[case]
    graph, _ = drawn(s, text)
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, ref["at"])
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-5)
    q = float(norm.ppf(0.975))
    se = np.asarray(ref["stdp"])
    np.testing.assert_allclose(band.y2 - band.y, 2 * q * se, rtol=1e-4)


def test_hazard_form_is_minus_p_times_the_time_form(s):
    ref = REFERENCE["weibull_dead"]
    graph, _ = drawn(s, "twoway fpfit y x, estcmd(weibull) estopts(dead(d) hazard)")
    p = 1.0 / ref["scale"]
    np.testing.assert_allclose(graph.panels[0].series[0].y, -p * np.asarray(ref["xb"]), rtol=1e-5)


@pytest.mark.parametrize("text", ["twoway fpfit y x, estcmd(cox)",  # frac_cox: dead() required
                                  "twoway fpfit y x, estcmd(weibull) estopts(bogus)",
                                  "gen z = y - 5\ntwoway fpfit z x, estcmd(weibull)",  # t <= 0: r(498)
                                  "gen none = 0\ntwoway fpfit y x, estcmd(ereg) estopts(dead(none))"])
def test_failing_is_the_note(s, text):
    out, rc = run(s, text)
    assert rc == 0 and NOTE in out


def test_cox_tvc_is_drawn(s):
    """tvc() is fitted now (tests/test_graphs_fpfit_cox_tvc.py checks it against coxph)."""
    out, rc = run(s, "twoway fpfit y x, estcmd(cox) estopts(dead(d) tvc(x))")
    assert rc == 0 and NOTE not in out
