"""twoway fpfit/fpfitci estcmd(stcox): fracpoly's st form (the plot's y the FP variable, x a
linear covariate), the powers by the Cox deviance, fracpred's x b and stdp at twoway's kept
observations, the band with the normal quantile, read from the matplotlib objects; values from
R's coxph (tests/survival_reference/fpfit_stcox.R, fpfit_stcox.json); Stata's note when stcox
fails inside fracpoly's capture."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from graphs_helpers import drawn, legend_texts, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "fpfit_stcox.json").read_text())
REF_STREG = json.loads((HERE / "fpfit_streg.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


@pytest.fixture
def s():
    df = pd.read_csv(HERE / "lung.csv").rename(columns={"wt.loss": "wt_loss", "ph.ecog": "ph_ecog"})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df.astype(float), types={k: "double" for k in df})
    return session


@pytest.mark.parametrize("ties", ["breslow", "efron"])
def test_fpfitci_stcox_matches_coxph(s, ties):
    ref = REF[ties]
    run(s, "stset time, failure(died)")
    graph, fig = drawn(s, f"twoway fpfitci age wt_loss, estcmd(stcox) estopts({ties}) legend(on)")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, ref["at"])
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), ref["se"], rtol=1e-5)
    assert legend_texts(fig) == ["95% CI", "Fitted values"]
    lo, hi = fig.axes[0].get_ylim()
    assert lo <= np.nanmin(band.y) and hi >= np.nanmax(band.y2)


def test_fpfit_stcox_stdp(s):
    run(s, "stset time, failure(died)")
    graph, fig = drawn(s, "twoway fpfit age wt_loss, estcmd(stcox) predopts(stdp)")
    (line,) = graph.panels[0].series
    np.testing.assert_allclose(line.y, REF["breslow"]["se"], rtol=1e-5)


def test_not_st_or_weighted_or_unknown_option_is_the_note(s):
    for text in ("twoway fpfit age wt_loss, estcmd(stcox)",
                 "stset time, failure(died)\ntwoway fpfit age wt_loss [fw=sex], estcmd(stcox)",
                 "stset time, failure(died)\ntwoway fpfit age wt_loss, estcmd(stcox) estopts(bogus)",
                 # streg without distribution() fails, as streg does
                 "stset time, failure(died)\ntwoway fpfit age wt_loss, estcmd(streg)"):
        out, rc = run(s, text)
        assert rc == 0 and NOTE in out, out
        graph = s.graphs[-1]
        assert np.isnan(graph.panels[0].series[0].y).all()


def test_undefined_constraint_is_the_note(s):
    """constraints() and collinear are honoured (tests/test_st_constraints.py): an undefined
    constraint makes streg and stcrreg fail inside fracpoly's capture."""
    run(s, "stset time, failure(died)")
    for text in ("twoway fpfit age wt_loss, estcmd(streg) estopts(d(weibull) constraints(1))",
                 "twoway fpfit age wt_loss, estcmd(stcrreg) estopts(compete(sex==2) collinear constraints(1))"):
        out, rc = run(s, text)
        assert rc == 0 and NOTE in out, out


@pytest.mark.parametrize("metric", ["hazard", "time"])
def test_fpfitci_streg_weibull_matches_survreg(s, metric):
    ref = REF_STREG[metric]
    run(s, "stset time, failure(died)")
    extra = " time" if metric == "time" else ""
    graph, fig = drawn(s, f"twoway fpfitci age wt_loss, estcmd(streg) estopts(distribution(weibull){extra})")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, REF_STREG["at"])
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), ref["se"], rtol=1e-5)
