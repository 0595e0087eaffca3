"""twoway fpfit/fpfitci ``estcmd(clogit|xtgee)`` with the commands' own options
(``graphs.fpfit_grouped_engines``): clogit's vce(robust|cluster), fweights and offset();
xtgee's corr(ar|stationary), link(probit), pweights, offset(), nmp and rgf -- fracpoly's
search and fracpred's x b and stdp against R (tests/graphs_reference/fpfit_grouped_options.R,
on fpfit_grouped.json's data) -- and what fails inside fracpoly (the note)."""
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

HERE = Path(__file__).parent / "graphs_reference"
DATA = json.loads((HERE / "fpfit_grouped.json").read_text())
REF = json.loads((HERE / "fpfit_grouped_options.json").read_text())
SETUP = "gen w = mod(g, 3) + 1\ngen double o = t/4\ngen c = ceil(g/4)\n"


@pytest.fixture
def s():
    df = pd.DataFrame({k: np.asarray(DATA[k], float) for k in ("x", "y", "g", "t")})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    run(session, SETUP)
    return session


CASES = {
    "clogit_robust": "twoway fpfitci y x, estcmd(clogit) estopts(group(g) vce(robust))",
    "clogit_cluster": "twoway fpfitci y x, estcmd(clogit) estopts(strata(g) vce(cluster c))",
    "clogit_fweight": "twoway fpfitci y x [fw=w], estcmd(clogit) estopts(group(g))",
    "clogit_offset": "twoway fpfitci y x, estcmd(clogit) estopts(group(g) offset(o))",
    "xtgee_ar1": "twoway fpfitci y x, estcmd(xtgee) estopts(i(g) t(t) family(binomial) corr(ar 1))",
    "xtgee_pweight_probit": "twoway fpfitci y x [pw=w], estcmd(xtgee) estopts(i(g) t(t) family(binomial) "
                            "link(probit) corr(stationary 1) offset(o) nmp rgf)",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_curve_and_band_match_r(s, case):
    ref = REF[case]
    graph, _ = drawn(s, CASES[case])
    band, line = graph.panels[0].series
    keep = np.asarray(ref.get("drawn", [True] * len(ref["at"])), bool)  # clogit: e(sample)'s points only
    assert 0 < keep.sum() < len(keep) if case.startswith("clogit") else keep.all()
    np.testing.assert_allclose(line.x, np.asarray(ref["at"])[keep])
    np.testing.assert_allclose(line.y, np.asarray(ref["xb"])[keep], rtol=1e-5, atol=1e-7)
    half = (band.y2 - band.y) / (2 * norm.ppf(0.975))
    np.testing.assert_allclose(half, np.asarray(ref["se"])[keep], rtol=1e-5)


@pytest.mark.parametrize("text", [
    "twoway fpfit y x [fw=t], estcmd(clogit) estopts(group(g))",  # weights vary within group
    "twoway fpfit y x, estcmd(clogit) estopts(group(g) vce(cluster t))",  # groups not nested in clusters
    "twoway fpfit y x [fw=t], estcmd(xtgee) estopts(i(g))",  # weights vary within panel
    "twoway fpfit y x, estcmd(xtgee) estopts(i(g) corr(ar 1))",  # no time variable
    "twoway fpfit y x, estcmd(xtgee) estopts(i(g) t(t) corr(fixed nosuch))",
    "twoway fpfit y x, estcmd(xtgee) estopts(i(g) family(poisson) link(logit))",
    "twoway fpfit y x, estcmd(xtgee) estopts(i(g) scale(bogus))",
])
def test_the_command_failing_inside_fracpoly_is_the_note(s, text):
    out, rc = run(s, text)
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out, out


def test_fixed_correlation_reads_the_session_matrix(s):
    graph, _ = drawn(s, "matrix F = (1, .3, .1, 0 \\ .3, 1, .3, .1 \\ .1, .3, 1, .3 \\ 0, .1, .3, 1)\n"
                        "twoway fpfit y x, estcmd(xtgee) estopts(i(g) t(t) family(binomial) corr(fixed F))")
    assert np.isfinite(graph.panels[0].series[0].y).all()


def test_xtgee_scale_multiplies_the_conventional_variance(s):
    """scale(2) doubles every candidate's variance (the same powers win: -chi2/2 orders alike)."""
    base, _ = drawn(s, "twoway fpfitci y x, estcmd(xtgee) estopts(i(g) family(binomial))")
    scaled, _ = drawn(s, "twoway fpfitci y x, estcmd(xtgee) estopts(i(g) family(binomial) scale(2))")
    (band0, line0), (band1, line1) = base.panels[0].series, scaled.panels[0].series
    np.testing.assert_allclose(line1.y, line0.y, rtol=1e-10)
    np.testing.assert_allclose(band1.y2 - band1.y, np.sqrt(2) * (band0.y2 - band0.y), rtol=1e-8)
