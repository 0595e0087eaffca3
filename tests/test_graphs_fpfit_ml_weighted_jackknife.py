"""twoway fpfitci y x [pw|fw=w], estcmd(poisson|logit|glm) estopts(vce(jackknife [, cluster()])):
jackknife.ado's weighted loops and sums over the final model (graphs.fpfit_ml_replicates,
mlmcli.replicate_variance), against R's weighted leave-one-out (leave-one-cluster-out) glm refits
(tests/graphs_reference/fpfit_ml_weighted_jackknife.R): the band x b -/+ t(e(df_r)) stdp."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import t as student_t

from graphs_helpers import drawn, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

REF = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_ml_weighted_jackknife.json").read_text())


@pytest.fixture
def s() -> Session:
    df = pd.DataFrame({k: np.asarray(REF[k], float) for k in ("x", "y", "g", "w", "wc")})
    df["yb"] = (df.y >= 3).astype(float)
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


@pytest.mark.parametrize("command, key", [
    ("fpfitci y x [pw=w], estcmd(poisson) estopts(vce(jackknife))", "poisson_pweight"),
    ("fpfitci y x [fw=w], estcmd(poisson) estopts(vce(jackknife))", "poisson_fweight"),
    ("fpfitci y x [pw=w], estcmd(poisson) estopts(vce(jackknife, cluster(g)))", "poisson_pweight_cluster"),
    ("fpfitci y x [fw=wc], estcmd(poisson) estopts(vce(jackknife, cluster(g)))", "poisson_fweight_cluster"),
    ("fpfitci yb x [pw=w], estcmd(logit) estopts(vce(jackknife))", "logit_pweight"),
    ("fpfitci y x [pw=w], estcmd(glm) estopts(family(gaussian) vce(jackknife))", "glm_gaussian_pweight"),
])
def test_weighted_jackknife_band_matches_weighted_refits(s, command, key):
    graph, _ = drawn(s, f"twoway {command}")
    band, line = graph.panels[0].series
    ref = REF[key]
    np.testing.assert_allclose(line.x, REF["at"])
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-6)
    q = student_t.ppf(0.975, ref["df_r"])  # e(df_r): n - 1 (pweights), F - 1 (fweights)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * q), ref["se"], rtol=1e-5)


def test_fweights_varying_within_a_cluster_fail_inside_fracpoly(s):
    # jackknife.ado's "fweights must be constant within g" r(198): fracpoly fails, twoway's note
    out, rc = run(s, "twoway fpfitci y x [fw=w], estcmd(poisson) estopts(vce(jackknife, cluster(g)))")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out, out


CNREG = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_cnreg_weighted_jackknife.json").read_text())


@pytest.mark.parametrize("weight", ["pweight", "fweight"])
def test_cnreg_weighted_jackknife_band_matches_survreg_refits(weight):
    # tests/graphs_reference/fpfit_cnreg_weighted_jackknife.R: survreg's weighted refits over (b, sigma)
    df = pd.DataFrame({k: np.asarray(CNREG[k], float) for k in ("x", "y", "c", "w")})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    short = weight[:2]
    graph, _ = drawn(session, f"twoway fpfitci y x [{short}=w], estcmd(cnreg) estopts(censored(c) vce(jackknife))")
    band, line = graph.panels[0].series
    ref = CNREG[weight]
    np.testing.assert_allclose(line.x, CNREG["at"])
    np.testing.assert_allclose(line.y, CNREG["xb"], rtol=1e-6, atol=1e-8)
    q = student_t.ppf(0.975, ref["df_r"])
    np.testing.assert_allclose((band.y2 - band.y) / (2 * q), ref["se"], rtol=1e-4, atol=1e-7)


@pytest.mark.parametrize("kind, key", [("pw", "poisson_pweight"), ("fw", "poisson_fweight")])
def test_prefix_options_with_weights(s, tmp_path, kind, key):
    # saving()/n()/reject() put the prefix in every fit (graphs.fpfit_ml_jackknife), with the weighted
    # loops: the file's multiplier (n-1)/n (_loop_jknife_iw) or the frequency (_loop_jknife_fw)
    from mlmcli.dta import read_dta

    path = tmp_path / "jk.dta"
    ref = REF[key]
    q = student_t.ppf(0.975, ref["df_r"])
    for options in (f"saving({path}, replace double)", "n(e(N)) reject(e(ll) < -1e6)"):
        graph, _ = drawn(s, f"twoway fpfitci y x [{kind}=w], estcmd(poisson) estopts(vce(jackknife, {options}))")
        band, line = graph.panels[0].series
        np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-6)
        np.testing.assert_allclose((band.y2 - band.y) / (2 * q), ref["se"], rtol=1e-5)
    ds = read_dta(str(path))[0]
    n = len(REF["x"])
    assert ds.chars["jk_wtype"] == ("pweight" if kind == "pw" else "fweight") and ds.chars["jk_wexp"] == "= w"
    want = np.full(n, (n - 1) / n) if kind == "pw" else np.asarray(REF["w"], float)
    np.testing.assert_allclose(ds.df["__jk_multiplier"], want)
    assert list(ds.df.columns)[1:] == ["y_b_Ix__1", "y_b_Ix__2", "y_b_cons"]
