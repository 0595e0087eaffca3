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


@pytest.mark.parametrize("opts", ["d(weibull) constraints(1)", "d(weibull) vce(opg)", "d(weibull) collinear"])
def test_refused(s, opts):
    out, rc = run(s, f"twoway fpfit age wt_loss, estcmd(streg) estopts({opts})", stop_on_error=False)
    assert rc == 198 and "not supported by mlmcli" in out
