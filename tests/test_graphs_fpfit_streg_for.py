"""twoway fpfit/fpfitci estcmd(streg) predopts(for(v) [stdp]): fracpred's pcalc/vcalc -- v's terms
and e(V)'s next row (_t:_cons; with strata() the first indicator), without the offset, the band
x b's stdp -- against survreg's lognormal and exponential fits (tests/graphs_reference/
fpfit_streg_for.R, .json); noconstant frac_154's error (the note); dresid streg's predict, deviance."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from graphs_helpers import drawn, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

TESTS = Path(__file__).parent
REF = json.loads((TESTS / "graphs_reference" / "fpfit_streg_for.json").read_text())


@pytest.fixture
def s():
    df = pd.read_csv(TESTS / "survival_reference" / "lung.csv").rename(columns={"wt.loss": "wt_loss",
                                                                                 "ph.ecog": "ph_ecog"})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df.astype(float), types={k: "double" for k in df})
    run(session, "stset time, failure(died)")
    return session


@pytest.mark.parametrize("variable", ["age", "wt_loss"])
def test_for_matches_survreg(s, variable):
    ref = REF[variable]
    graph, _ = drawn(s, f"twoway fpfitci age wt_loss, estcmd(streg) estopts(d(lognormal)) predopts(for({variable}))")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, REF["at"])
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-6, atol=1e-8)
    # the serset's band: fracpred se, stdp -- x b's, not for()'s
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), REF["stdp"], rtol=1e-5)
    stdp, _ = drawn(s, f"twoway fpfit age wt_loss, estcmd(streg) estopts(d(lognormal)) "
                       f"predopts(for({variable}) stdp)")
    np.testing.assert_allclose(stdp.panels[0].series[0].y, ref["se"], rtol=1e-5)


def test_for_leaves_the_offset_out(s):
    run(s, "generate off = 0.5")
    graph, _ = drawn(s, "twoway fpfit age wt_loss, estcmd(streg) estopts(d(lognormal) offset(off)) "
                        "predopts(for(wt_loss))")
    whole, _ = drawn(s, "twoway fpfit age wt_loss, estcmd(streg) estopts(d(lognormal) offset(off))")
    # the fit with a constant offset is the one without, its constant 0.5 lower
    np.testing.assert_allclose(graph.panels[0].series[0].y, np.asarray(REF["wt_loss"]["xb"]) - 0.5, rtol=1e-6)
    assert not np.allclose(graph.panels[0].series[0].y, whole.panels[0].series[0].y)


@pytest.mark.parametrize("estopts, predopts", [("d(exponential) noconstant", "for(wt_loss)"),
                                               ("d(weibull) nocon", "for(age)"), ("d(lognormal) noconst", ""),
                                               ("d(weibull) strata(sex) noconstant", "for(age) stdp"),
                                               ("d(exponential) frailty(gamma) noconstant", "for(age)")])
def test_noconstant_is_frac_154s_error(s, estopts, predopts):
    """frac_154: "noconstant invalid with streg" r(198), inside twoway's capture: the note."""
    out, rc = run(s, f"twoway fpfit age wt_loss, estcmd(streg) estopts({estopts}) predopts({predopts})")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out, out
    assert not np.isfinite(s.graphs[-1].panels[0].series[0].y).any()


def test_for_with_strata_reads_the_first_indicator(s):
    """strata(sex): e(b) _t:(terms, wt_loss, _Ssex_2, _cons); fracpred's pcalc adds _b[_cons],
    its vcalc _Ssex_2's row (e(V)'s after the terms and wt_loss) as the constant's."""
    ref = REF["strata"]
    opts = "estcmd(streg) estopts(d(exponential) time strata(sex))"
    graph, _ = drawn(s, f"twoway fpfitci age wt_loss, {opts} predopts(for(age))")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.y, ref["age"], rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), ref["stdp"], rtol=1e-5)
    whole, _ = drawn(s, f"twoway fpfit age wt_loss, {opts}")
    np.testing.assert_allclose(whole.panels[0].series[0].y, ref["xb"], rtol=1e-6, atol=1e-8)
    for variable in ("age", "wt_loss"):
        graph, _ = drawn(s, f"twoway fpfit age wt_loss, {opts} predopts(for({variable}) stdp)")
        np.testing.assert_allclose(graph.panels[0].series[0].y, ref[f"{variable}_se"], rtol=1e-5)


def test_dresid_is_stregs_deviance_residual(s):
    graph, _ = drawn(s, "twoway fpfit age wt_loss, estcmd(streg) estopts(d(lognormal)) predopts(dresid)")
    line = graph.panels[0].series[0]
    np.testing.assert_allclose(line.y, REF["dresid"], rtol=1e-5, atol=1e-8)
    assert line.label == "deviance residuals for age"
    # for() wins over dresid
    both, _ = drawn(s, "twoway fpfit age wt_loss, estcmd(streg) estopts(d(lognormal)) predopts(dresid for(age))")
    np.testing.assert_allclose(both.panels[0].series[0].y, REF["age"]["xb"], rtol=1e-6)


@pytest.mark.parametrize("predopts, message", [("for(ph_ecog)", "ph_ecog was not an xvar")])
def test_errors(s, predopts, message):
    out, rc = run(s, f"twoway fpfit age wt_loss, estcmd(streg) estopts(d(weibull)) predopts({predopts})",
                  stop_on_error=False)
    assert rc == 198 and message in out, out
