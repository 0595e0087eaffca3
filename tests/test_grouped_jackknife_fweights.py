"""clogit and xtgee ..., vce(jackknife) with fweights: jackknife.ado's _loop_jknife_fw takes one
copy of a group (panel) away per replicate; against R (tests/reference_values/
clogit_jackknife_fw.R: survival's clogit on the data with every group repeated f times, one copy
left out; xtgee_jackknife_fw.R: Gaussian independence GEE = lm with the weights less one; their
output in *_R.txt)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

REF_DIR = Path(__file__).resolve().parent / "reference_values"


def _reference(name="clogit_jackknife_fw_R.txt"):
    values = {}
    for line in (REF_DIR / name).read_text().splitlines():
        name, *numbers = line.split()
        values[name] = np.array([float(v) for v in numbers])
    return values


def test_fweighted_jackknife_matches_r(do):
    data = pd.read_csv(REF_DIR / "clogit_jackknife_fw.csv").astype(float)
    rc, out, s = do("clogit y x z [fw=f], group(grp) vce(jackknife)", df=data)
    assert rc == 0, out
    ref = _reference()
    V = s.e.matrices["V"].values
    np.testing.assert_allclose(s.e.matrices["b"].values[0], ref["b"], rtol=1e-7)
    np.testing.assert_allclose(np.sqrt(np.diag(V)), ref["se"], rtol=1e-7)
    np.testing.assert_allclose(V[0, 1], ref["cov"][0], rtol=1e-6)
    assert s.e.scalars["df_r"] == ref["df_r"][0] == 15
    assert s.e.scalars["N_reps"] == 8 and s.e.scalars["N_clust"] == 8 and s.e.scalars["N"] == 48
    assert "F(   2,     15) =       0.34" in out
    assert "           x |  -.3630665   .5205276    -0.70   0.496    -1.472545    .7464118" in out
    assert "(Replications based on 8 clusters in grp)" in out


def test_unit_fweights_are_the_unweighted_jackknife(do):
    data = pd.read_csv(REF_DIR / "clogit_jackknife_fw.csv").astype(float)
    data["f"] = 1.0
    rc, out, weighted = do("clogit y x z [fw=f], group(grp) vce(jackknife)", df=data)
    assert rc == 0, out
    V_weighted = weighted.e.matrices["V"].values.copy()
    rc, out, plain = do("clogit y x z, group(grp) vce(jackknife)", df=data)
    assert rc == 0, out
    np.testing.assert_allclose(V_weighted, plain.e.matrices["V"].values, rtol=1e-10)
    assert weighted.e.scalars["df_r"] == plain.e.scalars["df_r"] == 7


def test_xtgee_fweighted_jackknife_matches_r(do):
    data = pd.read_csv(REF_DIR / "clogit_jackknife_fw.csv").astype(float)
    rc, out, s = do("xtgee y x z [fw=f], i(grp) corr(independent) vce(jackknife)", df=data)
    assert rc == 0, out
    ref = _reference("xtgee_jackknife_fw_R.txt")
    np.testing.assert_allclose(s.e.matrices["b"].values[0], ref["b"], rtol=1e-7)
    np.testing.assert_allclose(np.sqrt(np.diag(s.e.matrices["V"].values)), ref["se"], rtol=1e-7)
    assert s.e.scalars["df_r"] == ref["df_r"][0] == 15 and s.e.scalars["N_clust"] == 8
    assert "           x |  -.1020147   .0986977    -1.03   0.318    -.3123837    .1083544" in out


def test_fweights_must_be_constant_within_group(do):
    data = pd.read_csv(REF_DIR / "clogit_jackknife_fw.csv").astype(float)
    data.loc[0, "f"] += 1
    rc, out, _ = do("clogit y x z [fw=f], group(grp) vce(jackknife)", df=data)
    assert rc != 0 and "constant within" in out, out
