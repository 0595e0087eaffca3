"""twoway fpfit/fpfitci ``estopts(vce(jackknife|bootstrap))`` with estcmd() other than regress:
the replicates cover e(b) whole (nbreg's ln alpha too, so fracpred's for() stdp reads its row of
e(V) without a constant), against R (``tests/graphs_reference/fpfit_nbreg_for_replicates.R``:
glm.nb's leave-one-out refits of (b, ln alpha))."""
from __future__ import annotations

import io
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import drawn
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

NBREG = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_nbreg_for_replicates.json").read_text())
FOR_STDP = "twoway fpfit{ci} yc x, estcmd(nbreg) estopts(noconstant vce({vce})) predopts(for(x) stdp)"


@pytest.fixture
def s(tmp_path):
    os.chdir(tmp_path)
    df = pd.DataFrame({"x": NBREG["x"], "yc": NBREG["yc"]}).astype(float)
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


def test_nbreg_for_stdp_reads_the_replicated_ln_alphas_row(s):
    graph, _ = drawn(s, FOR_STDP.format(ci="", vce="jackknife"))
    line = graph.panels[0].series[0]
    np.testing.assert_allclose(line.x, NBREG["at"])
    np.testing.assert_allclose(line.y, NBREG["for_stdp"], rtol=1e-7)
    assert not np.allclose(line.y, NBREG["xb_stdp"], rtol=1e-2)  # ln alpha's variance and covariances added


def test_nbreg_for_stdp_band_uses_x_bs_stdp_and_t_on_n_minus_1(s):
    from mlmcli.distributions import t

    graph, _ = drawn(s, FOR_STDP.format(ci="ci", vce="jackknife"))
    band, _ = graph.panels[0].series
    q = float(t.ppf(0.975, NBREG["df_r"]))
    centre, half = np.asarray(NBREG["for_stdp"]), q * np.asarray(NBREG["xb_stdp"])
    np.testing.assert_allclose(band.y, centre - half, rtol=1e-7)
    np.testing.assert_allclose(band.y2, centre + half, rtol=1e-7)


def test_nbreg_for_stdp_with_bootstrap_draws(s):
    graph, _ = drawn(s, FOR_STDP.format(ci="", vce="bootstrap, reps(20) seed(5)"))
    line = graph.panels[0].series[0]
    assert np.all(np.isfinite(line.y)) and not np.allclose(line.y, NBREG["for_stdp"], rtol=1e-3)
