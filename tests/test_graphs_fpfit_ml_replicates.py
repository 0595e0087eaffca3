"""twoway fpfitci with estcmd(poisson|logit) estopts(vce(jackknife|bootstrap)): fracpoly's
search on the full-sample fits, the final model's variance from the replicates
(graphs.fpfit_ml_replicates).  jackknife (each observation, mse, each cluster) against R's
leave-one-out glm refits (tests/graphs_reference/fpfit_ml_replicates.R), its band with t on
e(df_r) = n - 1; bootstrap's band with the normal quantile, reproducible under seed()."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm, t as student_t

from graphs_helpers import artists, drawn, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

REF = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_ml_replicates.json").read_text())


@pytest.fixture
def s() -> Session:
    df = pd.DataFrame({k: np.asarray(REF[k], float) for k in ("x", "y", "g")})
    df["yb"] = (df.y >= 3).astype(float)
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


@pytest.mark.parametrize("vce, key", [("jackknife", "jackknife"), ("jackknife, mse", "jackknife_mse"),
                                      ("jackknife, cluster(g)", "jackknife_cluster")])
def test_jackknife_band_matches_leave_one_out_refits(s, vce, key):
    graph, fig = drawn(s, f"twoway fpfitci y x, estcmd(poisson) estopts(vce({vce})) legend(on)")
    band, line = graph.panels[0].series
    ref = REF[key]
    np.testing.assert_allclose(line.x, REF["at"])
    np.testing.assert_allclose(line.y, REF["xb"], rtol=1e-6)
    q = student_t.ppf(0.975, ref["df_r"])  # jackknife's e(df_r): t, not the normal
    np.testing.assert_allclose((band.y2 - band.y) / (2 * q), ref["se"], rtol=1e-5)
    (area,) = artists(fig, "p1-s1-area")
    assert area is not None


def test_jackknife_stdp_prediction(s):
    graph, _ = drawn(s, "twoway fpfit y x, estcmd(poisson) estopts(vce(jackknife)) predopts(stdp)")
    np.testing.assert_allclose(graph.panels[0].series[0].y, REF["jackknife"]["se"], rtol=1e-5)


def test_bootstrap_normal_band_reproducible_with_seed(s):
    command = "twoway fpfitci y x, estcmd(poisson) estopts(vce(bootstrap, reps(40) seed(12)))"
    one, _ = drawn(s, command)
    two, _ = drawn(s, command)
    band, line = one.panels[0].series
    np.testing.assert_allclose(band.y, two.panels[0].series[0].y)
    np.testing.assert_allclose(line.y, REF["xb"], rtol=1e-6)
    stdp, _ = drawn(s, command.replace("fpfitci", "fpfit") + " predopts(stdp)")
    q = norm.ppf(0.975)  # no e(df_r) after bootstrap
    np.testing.assert_allclose((band.y2 - band.y) / 2, q * stdp.panels[0].series[0].y, rtol=1e-10)
    # the bootstrap's se is near the jackknife's, not equal
    ratio = stdp.panels[0].series[0].y / np.asarray(REF["jackknife"]["se"])
    assert 0.5 < np.median(ratio) < 2 and not np.allclose(ratio, 1)


def test_logit_jackknife_and_failures(s):
    graph, _ = drawn(s, "twoway fpfitci yb x, estcmd(logit) estopts(vce(jackknife))")
    band, line = graph.panels[0].series
    assert np.all(band.y2 > band.y) and np.allclose((band.y + band.y2) / 2, line.y)
    run(s, "generate two = x > 3")
    out, rc = run(s, "twoway fpfit y x, estcmd(poisson) estopts(vce(jackknife, cluster(two)))")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out  # jackknife requires more than 2 clusters
