"""twoway fpfit ``estcmd(mlogit) estopts(vce(jackknife, saving()))`` where a replicate changes the
outcomes or the base outcome, with fweights and pweights, and with ``noconstant``
(graphs.fpfit_mlogit_jackknife, graphs.fpfit_ml_jackknife).  The final model's replicates against
nnet::multinom refits (tests/graphs_reference/fpfit_mlogit_jackknife.R): missing where
jackknife's _check_omit sees another pattern of e(b) (an outcome or the base outcome changed),
one copy less with fweights, the observation out with pweights; the file's multipliers and
weight characteristics as jackknife.ado posts them (_loop_jknife_fw: the frequency;
_loop_jknife_iw: (G-1)/G)."""
from __future__ import annotations

import io
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

REF = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_mlogit_jackknife.json").read_text())
N = 30
I = np.arange(1, N + 1)
NOTE = "(note:  fracpoly could not fit model)"
FRACPRED = "mlogit not yet supported by fracpred"


def _session(tmp_path, case) -> Session:
    os.chdir(tmp_path)
    ref = REF[case]
    df = pd.DataFrame({"x": I / 3, "y": np.asarray(ref["y"], float)})
    if "w" in ref:
        df["w"] = np.asarray(ref["w"], float)
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


def _expected(case) -> np.ndarray:
    return np.array([[np.nan if v is None else v for v in row] for row in REF[case]["replicates"]], float)


def _fpfit(s, estopts: str, weight: str = ""):
    """(output, rc) of fpfit with mlogit under the prefix."""
    return run(s, f"twoway fpfit y x{weight}, estcmd(mlogit) estopts({estopts})", stop_on_error=False)


SAVED = "degree(1) powers(1) vce(jackknife, saving(jk, replace double))"


def _file():
    from mlmcli.dta import read_dta

    return read_dta("jk.dta")[0]


def test_replicates_changing_the_base_outcome_post_missing_values(tmp_path):
    s = _session(tmp_path, "base_changes")  # counts 12, 5, 13: without a 3, a tie whose first is 1
    out, rc = _fpfit(s, SAVED)
    assert rc == 198 and FRACPRED in out, out
    got, want = _file().df.to_numpy(), _expected("base_changes")
    assert np.array_equal(np.isnan(got), np.isnan(want)) and np.isnan(want[:, 0]).sum() == 13
    np.testing.assert_allclose(got[~np.isnan(want)], want[~np.isnan(want)], rtol=1e-5, atol=1e-7)


def test_an_outcome_seen_once_leaves_its_replicate_missing(tmp_path):
    s = _session(tmp_path, "noconstant")
    run(s, "replace y = 4 in 30")  # outcome 4 only in the last row: its replicate has three outcomes
    out, rc = _fpfit(s, SAVED)
    assert rc == 198 and FRACPRED in out, out
    df = _file().df
    assert list(df.columns)[-2:] == ["_eq4_b_Ix__1", "_eq4_b_cons"]
    assert np.isnan(df.to_numpy()[N - 1]).all() and np.isfinite(df.to_numpy()[: N - 1]).all()


@pytest.mark.parametrize("case, multiplier", [("fweight", None), ("pweight", (N - 1) / N)])
def test_weighted_replicates_and_multipliers(tmp_path, case, multiplier):
    s = _session(tmp_path, case)
    kind = case[0] + "w"
    out, rc = _fpfit(s, SAVED, f" [{kind}=w]")
    assert rc == 198 and FRACPRED in out, out
    ds = _file()
    assert list(ds.df.columns)[0] == "__jk_multiplier"
    assert ds.chars["jk_wtype"] == case and ds.chars["jk_wexp"] == "= w"
    assert ds.chars["jk_multiplier"] == "__jk_multiplier"
    want_multiplier = np.asarray(REF[case]["w"]) if multiplier is None else np.full(N, multiplier)
    np.testing.assert_allclose(ds.df["__jk_multiplier"], want_multiplier)
    np.testing.assert_allclose(ds.df.to_numpy()[:, 1:], _expected(case), rtol=1e-5, atol=1e-7)
    if "observed" in REF[case]:
        observed = [float(ds.chars[f"{v}[observed]"]) for v in ds.df.columns[1:]]
        np.testing.assert_allclose(observed, REF[case]["observed"], rtol=1e-6, atol=1e-8)


def test_noconstant_fits_without_a_constant(tmp_path):
    s = _session(tmp_path, "noconstant")
    out, rc = _fpfit(s, "noconstant " + SAVED)
    assert rc == 198 and FRACPRED in out, out
    ds = _file()
    assert list(ds.df.columns) == ["_eq1_b_Ix__1", "_eq2_b_Ix__1", "_jk_3"]
    assert ds.chars["jk_command"] == "mlogit y Ix__1"
    np.testing.assert_allclose(ds.df.to_numpy(), _expected("noconstant"), rtol=1e-5, atol=1e-7)
    observed = [float(ds.chars[f"{v}[observed]"]) for v in ds.df.columns]
    np.testing.assert_allclose(observed, REF["noconstant"]["observed"], rtol=1e-6, atol=1e-8)


def test_noconstant_first_fit_is_mlogit_on_a_variable_of_zeros(tmp_path):
    # frac_154 (dist 1): mlogit y z0, nocons -- every outcome's o.z0, 0 in every replicate; without
    # replace the next fit cannot write the file: fracpoly fails, the note, the file the first fit's
    s = _session(tmp_path, "noconstant")
    out, rc = _fpfit(s, "noconstant degree(1) powers(1) vce(jackknife, saving(jk))")
    assert rc == 0 and NOTE in out, out
    ds = _file()
    assert list(ds.df.columns) == ["_jk_1", "_jk_2", "_jk_3"] and len(ds.df) == N
    assert (ds.df.to_numpy() == 0).all()
    assert ds.var_labels["_jk_1"].startswith("[1]_b[o.") and ds.chars["_jk_3[coleq]"] == "3"


def test_fweights_by_cluster(tmp_path):
    # _loop_jknife_fw: fweights must be constant within the cluster (r(198), fracpoly fails: the
    # note); where they are, each cluster's multiplier is its frequency
    s = _session(tmp_path, "fweight")
    run(s, "gen g5 = mod(_n, 5)\ngen g6 = mod(_n, 6)")
    out, rc = _fpfit(s, "degree(1) powers(1) vce(jackknife, cluster(g5) saving(jk, replace))", " [fw=w]")
    assert rc == 0 and NOTE in out, out
    out, rc = _fpfit(s, "degree(1) powers(1) vce(jackknife, cluster(g6) saving(jk, replace))", " [fw=w]")
    assert rc == 198 and FRACPRED in out, out
    ds = _file()
    w = np.asarray(REF["fweight"]["w"])
    np.testing.assert_allclose(ds.df["__jk_multiplier"], [w[I % 6 == g][0] for g in range(6)])
    assert ds.chars["jk_cluster"] == "g6" and len(ds.df) == 6
