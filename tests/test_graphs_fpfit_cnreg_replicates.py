"""twoway fpfitci ``estcmd(cnreg) estopts(censored(c) vce(jackknife|bootstrap))``: cnreg under the
prefix in fracpoly's fits; the search and the curve are the full-sample fits', the band the
replicates' variance of cnreg's e(b) (jackknife: each observation, mse, each cluster, against R's
survreg refits in ``tests/graphs_reference/fpfit_cnreg_replicates.R``, with e(df_r) = n - 1's t
quantile; bootstrap: the normal quantile, reproducible under seed())."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm
from scipy.stats import t as student_t

from graphs_helpers import drawn, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

REF = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_cnreg_replicates.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


@pytest.fixture
def s():
    df = pd.DataFrame({k: REF[k] for k in ("y", "x", "c", "g")})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


@pytest.mark.parametrize("vce, key", [("jackknife", "jackknife"), ("jackknife, mse", "jackknife_mse"),
                                      ("jackknife, cluster(g)", "jackknife_cluster")])
def test_jackknife_band_matches_leave_one_out_refits(s, vce, key):
    ref = REF[key]
    graph, _ = drawn(s, f"twoway fpfitci y x, estcmd(cnreg) estopts(censored(c) vce({vce}))")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, REF["at"])
    np.testing.assert_allclose(line.y, REF["xb"], rtol=1e-6, atol=1e-8)
    q = student_t.ppf(0.975, ref["df_r"])  # jackknife's e(df_r): t(n - 1), not cnreg's N - df_m
    np.testing.assert_allclose((band.y2 - band.y) / (2 * q), ref["se"], rtol=1e-4, atol=1e-7)


def test_jackknife_stdp_prediction(s):
    graph, _ = drawn(s, "twoway fpfit y x, estcmd(cnreg) estopts(censored(c) vce(jackknife)) predopts(stdp)")
    np.testing.assert_allclose(graph.panels[0].series[0].y, REF["jackknife"]["se"], rtol=1e-4, atol=1e-7)


def test_bootstrap_normal_band_reproducible_with_seed(s):
    command = "twoway fpfitci y x, estcmd(cnreg) estopts(censored(c) vce(bootstrap, reps(40) seed(12)))"
    graph, _ = drawn(s, command)
    again, _ = drawn(s, command)
    band, line = graph.panels[0].series
    np.testing.assert_allclose(band.y, again.panels[0].series[0].y)
    np.testing.assert_allclose(line.y, REF["xb"], rtol=1e-6, atol=1e-8)
    se = (band.y2 - band.y) / (2 * norm.ppf(0.975))  # no e(df_r) after bootstrap: the normal quantile
    ratio = se / np.asarray(REF["jackknife"]["se"])
    assert np.all((ratio > 0.5) & (ratio < 2.0)) and not np.allclose(ratio, 1.0)


def test_two_clusters_fail_inside_fracpoly(s):
    run(s, "gen two = mod(_n, 2)")
    out, rc = run(s, "twoway fpfit y x, estcmd(cnreg) estopts(censored(c) vce(jackknife, cluster(two)))")
    assert rc == 0 and NOTE in out, out


@pytest.mark.parametrize("command", ["cnreg", "poisson"])
def test_keep_makes_every_candidate_fail(s, command):
    """keep: the constant-only fit adds its pseudovalues (``model_b_cons``, ``y_b_cons``) to the
    preserved data, so every candidate's ``confirm new variable`` fails: fracpoly fails, the note;
    the data are restored (graphs.fpfit_ml_jackknife)."""
    estopts = "censored(c) " if command == "cnreg" else ""
    before = list(s.data.varnames)
    out, rc = run(s, f"twoway fpfitci y x, estcmd({command}) estopts({estopts}vce(jackknife, keep))")
    assert rc == 0 and NOTE in out, out
    assert s.data.varnames == before
