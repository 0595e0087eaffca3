"""twoway fpfit/fpfitci estcmd(streg) with every distribution and streg's options
(mlmcli/graphs/fpfit_streg.py): the AFT distributions and the robust band against survreg
(tests/survival_reference/fpfit_streg_distributions.R, .json); gompertz and gamma drawn; the
offset in fracpred's x b; ancillary(); refusals and Stata's note."""
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

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "fpfit_streg_distributions.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


@pytest.fixture
def s():
    df = pd.read_csv(HERE / "lung.csv").rename(columns={"wt.loss": "wt_loss", "ph.ecog": "ph_ecog"})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df.astype(float), types={k: "double" for k in df})
    run(session, "stset time, failure(died)")
    return session


@pytest.mark.parametrize("key, opts", [("lognormal", "d(lognormal)"), ("loglogistic", "d(llogistic)"),
                                       ("lognormal_robust", "d(lnormal) vce(robust)"),
                                       ("weibull_strata", "d(weibull) time strata(female)")])
def test_aft_distributions_match_survreg(s, key, opts):
    ref = REF[key]
    graph, fig = drawn(s, f"twoway fpfitci age wt_loss, estcmd(streg) estopts({opts})")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, REF["at"])
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), ref["se"], rtol=1e-5)


@pytest.mark.parametrize("dist", ["gompertz", "gamma"])
def test_other_distributions_draw(s, dist):
    graph, fig = drawn(s, f"twoway fpfit age wt_loss, estcmd(streg) estopts(d({dist}))")
    assert np.isfinite(graph.panels[0].series[0].y).all()


def test_offset_in_xb(s):
    run(s, "generate off = 0.001 * ph_ecog")
    plain, _ = drawn(s, "twoway fpfit age wt_loss if ph_ecog < ., estcmd(streg) estopts(d(weibull) time)")
    shifted, _ = drawn(s, "twoway fpfit age wt_loss if ph_ecog < ., estcmd(streg) estopts(d(weibull) time offset(off))")
    a, b = plain.panels[0].series[0].y, shifted.panels[0].series[0].y
    assert np.isfinite(b).any() and not np.allclose(a[np.isfinite(a)], b[np.isfinite(b)])


def test_ancillary_and_noconstant(s):
    graph, _ = drawn(s, "twoway fpfit age wt_loss, estcmd(streg) estopts(d(weibull) ancillary(sex))")
    assert np.isfinite(graph.panels[0].series[0].y).any()
    # frac_154: "noconstant invalid with streg", inside twoway's capture
    out, rc = run(s, "twoway fpfit age wt_loss, estcmd(streg) estopts(d(weibull) ancillary(sex) noconstant)")
    assert rc == 0 and NOTE in out, out


@pytest.mark.parametrize("opts", ["d(gompertz) time", "d(weibull) bogus", "d(weibull) anc2(sex)"])
def test_streg_failing_is_the_note(s, opts):
    out, rc = run(s, f"twoway fpfit age wt_loss, estcmd(streg) estopts({opts})")
    assert rc == 0 and NOTE in out, out


VCE = json.loads((HERE / "fpfit_streg_vce.json").read_text())


def test_vce_opg_and_jackknife_match_r(s):
    """vce(opg): the scores' outer product (fpfit_streg_vce.R: survreg's Weibull fit in the hazard
    metric, scores written out); vce(jackknife): survreg refitted leaving out each record (no
    stset id(): the records are the clusters), the band with t(n - 1)."""
    from scipy.stats import t as student

    graph, fig = drawn(s, "twoway fpfitci age wt_loss, estcmd(streg) estopts(d(weibull) vce(opg))")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, VCE["at"])
    np.testing.assert_allclose(line.y, VCE["weibull_opg"]["xb"], rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), VCE["weibull_opg"]["se"], rtol=1e-5)
    ref = VCE["lognormal_jackknife"]
    graph, fig = drawn(s, "twoway fpfitci age wt_loss, estcmd(streg) estopts(d(lognormal) vce(jackknife))")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * student.ppf(0.975, ref["df_r"])), ref["se"], rtol=1e-4)


def test_vce_bootstrap_and_jackknife_on_subjects(s):
    """vce(bootstrap): seed() reproduces the band, another seed moves it; stset weights make
    _vce_parserun refuse bootstrap inside fracpoly's capture (the note); with stset id()
    jackknife leaves out subjects: two records a subject give the one-record band."""
    cmd = "twoway fpfitci age wt_loss, estcmd(streg) estopts(d(lognormal) vce(bootstrap, reps(10) seed({})))"
    widths = []
    for seed in (1, 1, 2):
        graph, fig = drawn(s, cmd.format(seed))
        band, line = graph.panels[0].series
        widths.append(band.y2 - band.y)
    np.testing.assert_array_equal(widths[0], widths[1])
    assert np.all(np.isfinite(widths[0])) and not np.allclose(widths[0], widths[2])
    run(s, "generate w = 1\nstset time [pweight = w], failure(died)")
    out, rc = run(s, cmd.format(1))
    assert rc == 0 and NOTE in out, out

    df = pd.read_csv(HERE / "lung.csv").rename(columns={"wt.loss": "wt_loss", "ph.ecog": "ph_ecog"})
    df["id"] = np.arange(len(df))
    first = df.assign(time=df.time / 2, died=0)
    split = pd.concat([first, df]).sort_values(["id", "time"])
    run(s, "stset time, failure(died)")
    graph, fig = drawn(s, "twoway fpfitci age wt_loss, estcmd(streg) estopts(d(lognormal) vce(jackknife))")
    one = graph.panels[0].series[0]
    s.data = Dataset(df=split.astype(float), types={k: "double" for k in split})
    run(s, "stset time, id(id) failure(died)")
    graph, fig = drawn(s, "twoway fpfitci age wt_loss, estcmd(streg) estopts(d(lognormal) vce(jackknife))")
    two = graph.panels[0].series[0]
    np.testing.assert_allclose(two.y2 - two.y, one.y2 - one.y, rtol=1e-5)


def test_constraints_with_frailty(s):
    """constraints() with frailty() (tests/test_streg_frailty_constraints.py for the numbers):
    ln_the held at -20 (theta = 2e-9) is the model without frailty, so the curve and band are
    those of the constrained fit without frailty."""
    run(s, "constraint 1 wt_loss = 0.001\nconstraint 2 [ln_the]_cons = -20")
    plain, _ = drawn(s, "twoway fpfitci age wt_loss, estcmd(streg) estopts(d(weibull) constraints(1))")
    graph, _ = drawn(s, "twoway fpfitci age wt_loss, estcmd(streg) estopts(d(weibull) frailty(gamma) "
                        "constraints(1 2))")
    for a, b in zip(graph.panels[0].series, plain.panels[0].series):
        np.testing.assert_allclose(a.y, b.y, rtol=1e-6)
        if getattr(a, "y2", None) is not None:  # the band's upper limit
            np.testing.assert_allclose(a.y2, b.y2, rtol=1e-6)
