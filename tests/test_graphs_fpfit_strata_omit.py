"""twoway fpfit with estcmd(streg|weibull|ereg) estopts(strata(v)): the ados' ``xi, prefix(_S)
i.v`` (below version 15) leaves out the level xi's omit rules pick -- v[omit]'s, or with
_dta[omit] the most frequent, else the lowest (``characteristics.xi_omitted_level``, the rule
``xi`` and streg's own strata() use).  fracpred's for() adds _b[_cons] (streg: and reads the
first indicator's row of e(V) as the constant's), so the curve is the base level's: with the
characteristic it is the curve of the same data recoded so that level is the lowest."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import double_session, drawn, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

HERE = Path(__file__).parent
NOTE = "(note:  fracpoly could not fit model)"


def _ys(graph):
    return [np.asarray(series.y if series.y2 is None else np.r_[series.y, series.y2], float)
            for series in graph.panels[0].series]


@pytest.fixture
def lung():
    df = pd.read_csv(HERE / "survival_reference" / "lung.csv").rename(columns={"wt.loss": "wt_loss",
                                                                                "ph.ecog": "ph_ecog"})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df.astype(float), types={k: "double" for k in df})
    run(session, "stset time, failure(died)\ngenerate sexr = 3 - sex")  # sexr: sex 2 is the lowest
    return session


def test_streg_strata_honours_v_omit(lung):
    line = "twoway fpfitci age wt_loss, estcmd(streg) estopts(d(exponential) time strata({})) predopts(for(age))"
    plain, _ = drawn(lung, line.format("sex"))
    recoded, _ = drawn(lung, line.format("sexr"))
    run(lung, "char sex[omit] 2")
    omitted, _ = drawn(lung, line.format("sex"))
    for a, b in zip(_ys(omitted), _ys(recoded)):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-9)
    assert max(np.abs(a - b).max() for a, b in zip(_ys(omitted), _ys(plain))) > 1e-3
    run(lung, "char sex[omit]\nchar _dta[omit] prevalent")  # sex 1 the most frequent: the lowest anyway
    prevalent, _ = drawn(lung, line.format("sex"))
    for a, b in zip(_ys(prevalent), _ys(plain)):
        np.testing.assert_allclose(a, b, rtol=1e-9)


@pytest.fixture
def weib():
    here = HERE / "graphs_reference"
    base = json.loads((here / "fpfit_weibull_ereg.json").read_text())
    strata = json.loads((here / "fpfit_weibull_ereg_strata.json").read_text())
    s = double_session({**{k: base[k] for k in ("x", "y", "d")}, "g": strata["g"]})
    # g: 0 (13), 1 (14, the most frequent), 2 (13); gr puts 1 lowest and keeps the others' order
    run(s, "generate gr = cond(g == 1, 0, g + 1)")
    return s


@pytest.mark.parametrize("command", ["ereg", "weibull"])
def test_weibull_ereg_strata_honour_dta_omit(weib, command):
    line = f"twoway fpfit y x, estcmd({command}) estopts(dead(d) strata({{}})) predopts(for(x))"
    plain, _ = drawn(weib, line.format("g"))
    recoded, _ = drawn(weib, line.format("gr"))
    run(weib, "char _dta[omit] prevalent")
    omitted, _ = drawn(weib, line.format("g"))
    np.testing.assert_allclose(_ys(omitted)[0], _ys(recoded)[0], rtol=1e-5, atol=1e-8)
    assert np.abs(_ys(omitted)[0] - _ys(plain)[0]).max() > 1e-3
    run(weib, "char _dta[omit]\nchar g[omit] 1")  # v[omit] the same level
    typed, _ = drawn(weib, line.format("g"))
    np.testing.assert_allclose(_ys(typed)[0], _ys(recoded)[0], rtol=1e-5, atol=1e-8)


def test_bad_v_omit_is_xi_failing_inside_fracpoly(weib):
    run(weib, "char g[omit] abc")
    out, rc = run(weib, "twoway (scatter y x) (fpfit y x, estcmd(ereg) estopts(dead(d) strata(g)))")
    assert rc == 0 and NOTE in out, out
