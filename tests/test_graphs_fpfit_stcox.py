"""twoway fpfit/fpfitci estcmd(stcox) with stcox's own options (strata(), offset(), exactp,
tvc(), stset fweights) and fracpred's for() and dresid (mlmcli/graphs/fpfit_stcox.py), read
from the drawn series; values from R's coxph (tests/survival_reference/fpfit_stcox_extras.R and
.json)."""
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

# the same stcox fits (exact ties: ~10 ms an evaluation) drawn again by the next test: tests/fit_memo.py
pytestmark = pytest.mark.usefixtures("fit_memo")

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "fpfit_stcox_extras.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


@pytest.fixture
def s():
    df = pd.read_csv(HERE / "lung.csv").rename(columns={"wt.loss": "wt_loss", "ph.ecog": "ph_ecog"})
    df["off"] = df["sex"] / 2
    df["fw"] = 1 + (np.arange(len(df)) + 1) % 3
    df["iw"] = 0.55 + (((np.arange(len(df)) + 1) * 7) % 10) / 8
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df.astype(float), types={k: "double" for k in df})
    return session


CASES = {"strata_offset": ("", "strata(sex) offset(off)"), "exactp": ("", "exactp"),
         "tvc": ("", "tvc(sex)"), "fweight": (" [fweight = fw]", ""), "iweight": (" [iweight = iw]", "")}


@pytest.mark.parametrize("case", list(CASES))
def test_fpfitci_with_stcox_options_matches_coxph(s, case):
    ref = REF[case]
    weight, estopts = CASES[case]
    run(s, f"stset time{weight}, failure(died)")
    graph, fig = drawn(s, f"twoway fpfitci age wt_loss, estcmd(stcox) estopts({estopts})")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, ref["at"])
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), ref["se"], rtol=1e-5)


@pytest.mark.parametrize("predopts, key", [("for(age)", "for_age"), ("for(age) stdp", "for_age_se"),
                                           ("for(wt_loss)", "for_x"), ("dresid", "dresid")])
def test_for_and_dresid(s, predopts, key):
    ref = REF["strata_offset"]
    run(s, "stset time, failure(died)")
    graph, fig = drawn(s, "twoway fpfit age wt_loss, estcmd(stcox) estopts(strata(sex) offset(off)) "
                          f"predopts({predopts})")
    (line,) = graph.panels[0].series
    np.testing.assert_allclose(line.y, ref[key], rtol=1e-6, atol=1e-8)


def test_for_band_is_x_bs_stdp(s):
    """fpfitci with for(): the serset's band is ``fracpred se, stdp`` -- x b's stdp -- around for()."""
    ref = REF["strata_offset"]
    run(s, "stset time, failure(died)")
    graph, _ = drawn(s, "twoway fpfitci age wt_loss, estcmd(stcox) estopts(strata(sex) offset(off)) "
                        "predopts(for(age))")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.y, ref["for_age"], rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), ref["se"], rtol=1e-5)


def test_for_after_tvc_reads_the_tvc_row(s):
    """After tvc() e(V)'s row after the terms and x is tvc:sex's: fracpred's pcalc adds
    ``_b[_cons]`` (none: r(111)), its vcalc that row's variance and covariances."""
    run(s, "stset time, failure(died)")
    out, rc = run(s, "twoway fpfit age wt_loss, estcmd(stcox) estopts(tvc(sex)) predopts(for(age))",
                  stop_on_error=False)
    assert rc == 111 and "[_cons] not found" in out, out
    graph, _ = drawn(s, "twoway fpfit age wt_loss, estcmd(stcox) estopts(tvc(sex)) predopts(for(age) stdp)")
    np.testing.assert_allclose(graph.panels[0].series[0].y, REF["tvc"]["for_age_se_tvc_row"], rtol=1e-5)


def test_stcox_failures_are_the_note(s):
    run(s, "stset time [fweight = fw], failure(died)")
    for estopts in ("efron", "exactp", "texp(_t)", "breslow efron", "strata(nosuchvar)"):
        out, rc = run(s, f"twoway fpfit age wt_loss, estcmd(stcox) estopts({estopts})", stop_on_error=False)
        assert rc == 0 and NOTE in out, (estopts, out)
        assert np.isnan(s.graphs[-1].panels[0].series[0].y).all()
    # [ST] stcox: exactm and exactp not with tvc(), vce(robust) or vce(cluster) (pweights: robust)
    for setup, estopts in (("stset time, failure(died)", "exactm vce(robust)"),
                           ("stset time, failure(died)", "exactp tvc(sex)"),
                           ("stset time, failure(died)", "exactp vce(cluster ph_ecog)"),
                           ("stset time [pweight = iw], failure(died)", "exactm")):
        run(s, setup)
        out, rc = run(s, f"twoway fpfit age wt_loss, estcmd(stcox) estopts({estopts})", stop_on_error=False)
        assert rc == 0 and NOTE in out, (estopts, out)


def test_exactm_with_iweights_is_drawn(s):
    """exactm with stset iweights is fitted (stcox's weighted exactm is checked against R in
    tests/test_survival_stcox_weights.py); on 60 records, for time."""
    run(s, "stset time [iweight = iw], failure(died)")
    graph, fig = drawn(s, "twoway fpfit age wt_loss in 1/60, estcmd(stcox) estopts(exactm)")
    (line,) = graph.panels[0].series
    assert np.isfinite(line.y).all() and np.ptp(line.y) > 0


def test_dresid_after_exactp_matches_coxph(s):
    """fracpred's refit with exactp, its deviance residuals (Breslow's increments at the exact b,
    as coxph's after ties = "exact")."""
    run(s, "stset time, failure(died)")
    graph, fig = drawn(s, "twoway fpfit age wt_loss, estcmd(stcox) estopts(exactp) predopts(dresid)")
    (line,) = graph.panels[0].series
    np.testing.assert_allclose(line.y, REF["exactp"]["dresid"], rtol=1e-6, atol=1e-8)


def test_dresid_after_exactm_is_drawn(s):
    """With exactm and fweights (R has no exactm; predict's residuals after exactm are checked
    against R in test_survival_predict_stcox_exact.py): drawn, and not Breslow's curve."""
    run(s, "stset time [fweight = fw], failure(died)")
    curves = []
    for ties in ("exactm", "breslow"):
        graph, fig = drawn(s, f"twoway fpfit age wt_loss in 1/80, estcmd(stcox) estopts({ties}) predopts(dresid)")
        (line,) = graph.panels[0].series
        curves.append(line.y)
    finite = np.isfinite(curves[0])
    assert finite.sum() > 10 and np.array_equal(finite, np.isfinite(curves[1]))
    assert not np.allclose(curves[0][finite], curves[1][finite], rtol=1e-4)


def test_dresid_after_tvc_is_statas_failure(s):
    """fracpred's residual program refits "capture stcox eta, ... mgale()", which stcox refuses
    with tvc(), then "predict, deviance" finds no estimates."""
    run(s, "stset time, failure(died)")
    out, rc = run(s, "twoway fpfit age wt_loss in 1/60, estcmd(stcox) estopts(tvc(sex)) predopts(dresid)",
                  stop_on_error=False)
    assert rc == 301 and "last estimates not found" in out, out


def test_for_other_variable_was_not_an_xvar(s):
    run(s, "stset time, failure(died)")
    out, rc = run(s, "twoway fpfit age wt_loss, estcmd(stcox) predopts(for(sex))", stop_on_error=False)
    assert rc == 198 and "sex was not an xvar" in out
