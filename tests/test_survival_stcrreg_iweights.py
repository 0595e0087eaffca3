"""stcrreg with stset iweights, which stcrreg.ado counts as fweights ("whole new subjects"):
against R's cmprsk::crr on the Melanoma data expanded by 4 w, through the scaling rules of
tests/survival_reference/crr_iweights.R (b and the baseline the same, V / c times M/(M-1),
ll c ll - c log(c) D); multiple records per subject (clusters on id summing sqrt(w) u, M the
subjects' weights), fweights there too; negative iweights r(498); fpfitci with iweights."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "crr_iweights.json").read_text())
FW = json.loads((HERE / "crr_fweights.json").read_text())["fw"]
IWEIGHTS = "generate w = (1 + mod(_n - 1, 3)) / 4\n"
SUBJECT_WEIGHTS = "generate w = (1 + mod(id - 1, 3)) / 4\n"  # melanoma_records.csv: id is melanoma.csv's row


@pytest.fixture
def melanoma():
    return pd.read_csv(HERE / "melanoma.csv").astype(float)


@pytest.fixture
def records():
    return pd.read_csv(HERE / "melanoma_records.csv").astype(float)


def _b_se(s):
    return s.e.matrices["b"].values.ravel(), np.sqrt(np.diag(s.e.matrices["V"].values))


@pytest.mark.parametrize("key, model", [
    ("iw", "stcrreg age sex thickness, compete(status==3)"),
    ("iw_tvc", "stcrreg age sex, compete(status==3) tvc(ulcer) texp(ln(_t))")])
def test_iweights_match_crr_on_expanded_data(do, melanoma, key, model):
    rc, out, s = do(IWEIGHTS + "stset time [iweight=w], failure(status==1)\n" + model
                    + "\npredict double h0, basecshazard", df=melanoma.copy())
    assert rc == 0, out
    ref = REF[key]
    b, se = _b_se(s)
    assert np.allclose(b, ref["b"], rtol=1e-7, atol=1e-12)
    assert np.allclose(se, ref["se"], rtol=1e-7)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-9)
    # the header's counts and e(N): sums of the iweights
    assert [s.e.scalars[k] for k in ("N", "N_sub", "N_fail", "N_compete", "N_censor")] == pytest.approx(
        [REF["N"], REF["N"], REF["N_fail"], REF["N_compete"], REF["N_censor"]])
    assert "No. of obs       =     102.25" in out and "No. competing    =        6.5" in out
    assert s.e.macros["wtype"] == "iweight" and s.e.macros["wexp"] == "= w"
    h0, t = s.data.numeric("h0"), s.data.numeric("_t")
    order = np.argsort(t, kind="stable")
    np.testing.assert_allclose(h0[order][np.searchsorted(t[order], ref["times"])], ref["basecsh"], rtol=1e-7)


def test_iweights_on_split_records_give_the_single_record_model(do, records):
    rc, out, s = do(SUBJECT_WEIGHTS + "stset t [iweight=w], id(id) failure(status==1)\n"
                    "stcrreg age sex thickness, compete(status==3)", df=records.copy())
    assert rc == 0, out
    ref = REF["iw"]
    b, se = _b_se(s)
    assert np.allclose(b, ref["b"], rtol=1e-7, atol=1e-12)
    # clustered on id: sqrt(w) times the subject's summed residuals, M/(M-1) with M = 102.25
    assert np.allclose(se, ref["se"], rtol=1e-7)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-9)
    assert s.e.scalars["N_clust"] == pytest.approx(REF["N"]) and s.e.scalars["N_sub"] == pytest.approx(REF["N"])
    assert "(Std. Err. adjusted for 102.25 clusters in id)" in out


def test_fweights_on_split_records_give_the_single_record_model(do, records):
    rc, out, s = do(SUBJECT_WEIGHTS.replace(") / 4", ")") + "stset t [fweight=w], id(id) failure(status==1)\n"
                    "stcrreg age sex thickness, compete(status==3)", df=records.copy())
    assert rc == 0, out
    b, se = _b_se(s)
    n = FW["N"]
    assert np.allclose(b, FW["b"], rtol=1e-7, atol=1e-12)
    assert np.allclose(se, np.array(FW["se"]) * np.sqrt(n / (n - 1)), rtol=1e-7)
    assert s.e.scalars["N_clust"] == n and "(Std. Err. adjusted for 409 clusters in id)" in out


def test_vce_cluster_with_iweights_counts_the_clusters(do, melanoma):
    setup = IWEIGHTS + "generate g = mod(_n, 40)\nstset time [iweight=w], failure(status==1)\n"
    rc, out, s = do(setup + "stcrreg age sex thickness, compete(status==3) vce(cluster g)", df=melanoma.copy())
    assert rc == 0, out
    assert s.e.scalars["N_clust"] == 40 and "(Std. Err. adjusted for 40 clusters in g)" in out
    rc, out, s2 = do(setup + "stcrreg age sex thickness, compete(status==3) vce(cluster g) noadjust",
                     df=melanoma.copy())
    # the adjustment is 40/39, the clusters' count (not the weights' sum)
    np.testing.assert_allclose(s.e.matrices["V"].values, s2.e.matrices["V"].values * 40 / 39, rtol=1e-10)


def test_negative_iweights(do, melanoma):
    rc, out, s = do("generate w = cond(_n == 3, -1, 1)\nstset time [iweight=w], failure(status==1)\n"
                    "stcrreg age, compete(status==3)", df=melanoma.copy())
    assert rc == 498 and "iweights may not be negative in stcrreg" in out, out


def test_fpfitci_stcrreg_iweights_match_crr(new_session, melanoma):
    from graphs_helpers import drawn, run
    from scipy.stats import norm

    ref = json.loads((HERE / "fpfit_stcrreg_iweights.json").read_text())
    s = new_session(melanoma)
    run(s, IWEIGHTS + "stset time [iweight=w], failure(status==1)")
    graph, fig = drawn(s, "twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3))")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, ref["at"])
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), ref["se"], rtol=1e-7)
    # a negative iweight: stcrreg's r(498) inside fracpoly's capture, Stata's note
    run(s, "replace w = -1 in 3\nstset time [iweight=w], failure(status==1)")
    out, rc = run(s, "twoway fpfit thickness age, estcmd(stcrreg) estopts(compete(status==3))", stop_on_error=False)
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out, out
