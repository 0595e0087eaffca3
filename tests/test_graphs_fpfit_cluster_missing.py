"""twoway fpfit/fpfitci with estopts(vce(cluster c)) when c is missing on rows of the plot's
sample: fracpoly keeps the rows (its markout is x and y's; vce() is an option it hands to the
command), the command drops them in every fit, and fracpred predicts if e(sample) -- as for an
offset() or a binomial denominator (graphs.fpfit_command_sample).  Values from R
(tests/graphs_reference/fpfit_cluster_missing.R), checked on the plotted objects."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import drawn
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

REF = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_cluster_missing.json").read_text())


@pytest.fixture
def s() -> Session:
    df = pd.DataFrame({k: np.array([np.nan if v is None else v for v in REF[k]], float) for k in ("x", "y", "yc", "c")})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


def _check(series, at, values, rtol=1e-6):
    ok = np.isfinite(values)
    np.testing.assert_allclose(series.x, at[ok])
    np.testing.assert_allclose(series.y, values[ok], rtol=rtol, atol=1e-8)


def test_regress_cluster_missing_keeps_the_rows_in_the_plot(s):
    ref, at = REF["regress"], np.asarray(REF["at"])
    inside = np.asarray(ref["in_sample"], bool)
    assert (~inside).sum() >= 3
    graph, _ = drawn(s, "twoway fpfitci y x, estopts(vce(cluster c))")
    band, line = graph.panels[0].series
    _check(line, at, np.where(inside, ref["xb"], np.nan))
    np.testing.assert_allclose(band.x, at[inside])
    np.testing.assert_allclose(band.y, np.asarray(ref["lower"])[inside], rtol=1e-6)
    np.testing.assert_allclose(band.y2, np.asarray(ref["upper"])[inside], rtol=1e-6)


def test_poisson_cluster_missing_keeps_the_rows_in_the_plot(s):
    ref, at = REF["poisson"], np.asarray(REF["at"])
    inside = np.asarray(ref["in_sample"], bool)
    graph, _ = drawn(s, "twoway fpfit yc x, estcmd(poisson) estopts(vce(cluster c))")
    _check(graph.panels[0].series[0], at, np.where(inside, ref["xb"], np.nan))
