"""twoway fpfit/fpfitci with weights and ``estopts(vce(jackknife))``: frac_wgt hands the typed
weight to each regress fracpoly runs, and regress's jackknife prefix takes fweights and pweights
(aweights with ``force``), so the line and the band are the weighted fit's and its weighted
jackknife's -- against R's leave-one-out (fweights: one copy less) weighted refits at R's own
power search (``tests/graphs_reference/fpfit_jackknife_weights.R``, ``.json``); aweights
without force, and bootstrap, fail inside fracpoly (the note); where mlm has no weighted
replicates (the maximum-likelihood commands) the option is refused.  With saving(), keep,
reject() and n(): test_graphs_fpfit_jackknife_weighted_outputs.py."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import assert_band, drawn, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

REFERENCE = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_jackknife_weights.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


@pytest.fixture
def s(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    df = pd.DataFrame({k: REFERENCE[k] for k in ("y", "x", "f", "p")})
    df["c"] = np.round(np.exp(df["y"] / 3))
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df.columns})
    return session


@pytest.mark.parametrize("weight, kind, vce", [
    ("fw=f", "fweight", "vce(jackknife)"),
    ("pw=p", "pweight", "vce(jackknife)"),
    ("aw=p", "aweight", "vce(jackknife, force)"),
])
def test_band_is_the_weighted_jackknifes(s, weight, kind, vce):
    graph, _ = drawn(s, f"twoway fpfitci y x [{weight}], estopts({vce})")
    assert_band(graph, REFERENCE[kind], 1e-8)


def test_stdp_is_the_weighted_jackknife_standard_error(s):
    graph, _ = drawn(s, "twoway fpfit y x [fw=f], estopts(vce(jackknife)) predopts(stdp)")
    line = graph.panels[0].series[0]
    np.testing.assert_allclose(line.y, REFERENCE["fweight"]["se"], rtol=1e-8)


def test_the_fweight_band_is_not_the_unweighted_one(s):
    weighted, _ = drawn(s, "twoway fpfitci y x [fw=f], estopts(vce(jackknife))")
    plain, _ = drawn(s, "twoway fpfitci y x, estopts(vce(jackknife))")
    assert not np.allclose(weighted.panels[0].series[0].y, plain.panels[0].series[0].y)


@pytest.mark.parametrize("command", [
    "twoway fpfitci y x [aw=p], estopts(vce(jackknife))",  # jackknife.ado: aweights need force, r(101)
    "twoway fpfitci y x [fw=f], estopts(vce(bootstrap))",  # bootstrap.ado takes no weights
])
def test_prefixes_refusing_the_weight_give_the_note(s, command):
    out, rc = run(s, command)
    assert rc == 0 and NOTE in out
    assert not s.graphs[-1].panels[0].series or all(len(ser.x) == 0 for ser in s.graphs[-1].panels[0].series)


# weights with regress's saving()/keep/reject()/n() and with the ML commands' jackknife are drawn:
# tests/test_graphs_fpfit_jackknife_weighted_outputs.py, tests/test_graphs_fpfit_ml_weighted_jackknife.py
