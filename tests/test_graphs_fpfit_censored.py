"""twoway fpfit/fpfitci with fracpoly's censored-normal commands: ``estcmd(cnreg)
estopts(censored())`` (the powers by the censored-normal deviance, fracpred's x b and stdp, the
band with t(e(df_r)) as cnreg posts e(df_r) = N - df_m), and the commands fracpoly cannot run
from twoway (intreg: two dependent variables; tobit: not in frac_chk's list) -- Stata's note and
nothing drawn.  Values from R (``tests/graphs_reference/fpfit_cnreg.R``, ``fpfit_cnreg.json``)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import t as student_t

from graphs_helpers import drawn, legend_texts, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

REFERENCE = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_cnreg.json").read_text())


@pytest.fixture
def s():
    df = pd.DataFrame({k: np.asarray(REFERENCE[k], float) for k in ("x", "y", "c")})
    df["w"] = np.arange(len(df)) % 3 + 1.0
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


def test_cnreg_fit_and_band_match_r(s):
    graph, fig = drawn(s, "twoway fpfitci y x, estcmd(cnreg) estopts(censored(c)) legend(on)")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, REFERENCE["at"])
    np.testing.assert_allclose(line.y, REFERENCE["xb"], rtol=1e-6, atol=1e-8)
    q = student_t.ppf(0.975, REFERENCE["df_r"])  # cnreg's e(df_r): the t quantile, not the normal
    np.testing.assert_allclose((band.y2 - band.y) / (2 * q), REFERENCE["se"], rtol=1e-5)
    np.testing.assert_allclose((band.y2 + band.y) / 2, line.y, rtol=1e-12, atol=1e-12)
    assert legend_texts(fig) == ["95% CI", "Fitted values"]
    lo, hi = fig.axes[0].get_ylim()
    assert lo <= band.y.min() and hi >= band.y2.max()


def test_cnreg_stdp_and_abbreviations(s):
    graph, _ = drawn(s, "twoway fpfit y x, estcmd(_cnreg) estopts(cens(c) nolog) predopts(stdp)")
    np.testing.assert_allclose(graph.panels[0].series[0].y, REFERENCE["se"], rtol=1e-5)


def test_cnreg_censoring_changes_the_curve(s):
    """Without the censoring (all 0) cnreg is least squares' curve: the regress fpfit."""
    run(s, "generate zero = 0")
    plain, _ = drawn(s, "twoway fpfit y x")
    uncensored, _ = drawn(s, "twoway fpfit y x, estcmd(cnreg) estopts(censored(zero))")
    censored, _ = drawn(s, "twoway fpfit y x, estcmd(cnreg) estopts(censored(c))")
    np.testing.assert_allclose(uncensored.panels[0].series[0].y, plain.panels[0].series[0].y, rtol=1e-6)
    assert not np.allclose(censored.panels[0].series[0].y, plain.panels[0].series[0].y)


def test_frequency_weights_are_the_rows_repeated(s):
    weighted, _ = drawn(s, "twoway fpfitci y x [fw=w], estcmd(cnreg) estopts(censored(c))")
    run(s, "expand w")
    expanded, _ = drawn(s, "twoway fpfitci y x, estcmd(cnreg) estopts(censored(c))")
    for a, b in zip(weighted.panels[0].series, expanded.panels[0].series):
        np.testing.assert_allclose(a.y, b.y, rtol=1e-6)
        np.testing.assert_allclose(a.y2 if a.y2 is not None else a.y, b.y2 if b.y2 is not None else b.y, rtol=1e-6)


@pytest.mark.parametrize("options", [
    "estcmd(intreg)",                        # fracpoly: x taken as intreg's second depvar, no xvar left
    "estcmd(tobit) estopts(ll(3))",          # not in frac_chk's list
    "estcmd(cnreg)",                         # cnreg: option censored() required
    "estcmd(cnreg) estopts(censored(c) hascons)",  # regress's option: cnreg fails
    "estcmd(cnreg) estopts(censored(nosuchvar))",  # cnreg's variable not found, inside fracpoly
    "estcmd(cnreg) estopts(censored(c w))",  # cnreg's censored() incorrectly specified
    "estcmd(cnreg) estopts(censored(c) vce(bogus))",  # an invalid vce(): cnreg fails
])
def test_fracpoly_fails_with_statas_note(s, options):
    out = io.StringIO()
    s.out = Output(out)
    graph, fig = drawn(s, f"twoway fpfitci y x, {options} legend(on)")
    band, line = graph.panels[0].series
    assert np.all(np.isnan(line.y)) and np.all(np.isnan(band.y))
    assert "(note:  fracpoly could not fit model)" in out.getvalue()


@pytest.mark.parametrize("options, message", [
    ("estcmd(cnreg) estopts(censored(c)) stdf", "option stdf not allowed"),
])
def test_refusals(s, options, message):
    printed, rc = run(s, f"twoway fpfitci y x, {options}", stop_on_error=False)
    assert rc == 198 and message in printed


def test_cnreg_for_x_adds_the_constant(s):
    """predopts(for(x)) with a constant: fracpred adds _b[_cons] (and its variance and
    covariances with stdp); with the one x that is R's x b and its stdp."""
    graph, _ = drawn(s, "twoway fpfit y x, estcmd(cnreg) estopts(censored(c)) predopts(for(x))")
    np.testing.assert_allclose(graph.panels[0].series[0].y, REFERENCE["xb"], rtol=1e-6, atol=1e-8)
    graph, _ = drawn(s, "twoway fpfit y x, estcmd(cnreg) estopts(censored(c)) predopts(for(x) stdp)")
    np.testing.assert_allclose(graph.panels[0].series[0].y, REFERENCE["se"], rtol=1e-5)
    out, rc = run(s, "twoway fpfit y x, estcmd(cnreg) estopts(censored(c) noconstant) predopts(for(x))",
                  stop_on_error=False)
    assert rc == 111 and "[_cons] not found" in out  # e(V)'s next row is sigma's; pcalc's _b[_cons]
