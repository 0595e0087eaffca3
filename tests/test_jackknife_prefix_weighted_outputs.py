"""``jackknife, saving() keep reject() n(): regress y x [fw|pw|aw|iw]``: the prefix typed before
the command runs the same weighted loops as ``regress ..., vce(jackknife, ...)`` (regress's
_vce_parserun hands its weight to the prefix): V against R
(``tests/regress_reference/weighted_jackknife.R``, its JSON), the file and keep's pseudovalues
the vce() form's, aweights only with ``force`` (jackknife.ado's "aweights not allowed" r(101))."""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from graphs_helpers import double_session, run
from mlmcli.dta import read_dta

REFERENCE = json.loads((Path(__file__).parent / "regress_reference" / "weighted_jackknife.json").read_text())


@pytest.fixture
def s(tmp_path):
    os.chdir(tmp_path)
    return double_session({k: REFERENCE[k] for k in ("y", "x1", "x2", "fw", "pw", "c", "cw")})


def _run(s, text):
    out, rc = run(s, text, stop_on_error=False)
    assert rc == 0, out
    return out


@pytest.mark.parametrize("weight, key", [("fw=fw", "fweight"), ("pw=pw", "pweight")])
def test_prefix_variance_matches_r(s, weight, key):
    _run(s, f"jackknife, saving(reps, replace double) keep double nodots: regress y x1 x2 [{weight}]")
    np.testing.assert_allclose(s.e.matrices["V"].values, np.asarray(REFERENCE[key]), rtol=1e-10)
    ds, _ = read_dta("reps.dta")
    assert ds.chars["jk_wtype"] == key and ds.chars["jk_command"] == f"regress y x1 x2 [{key}= {weight[3:]}]"
    b = s.e.matrices["b"].values.ravel()
    G = np.sum(REFERENCE["fw"]) if key == "fweight" else 30  # _jk_pseudo's G
    np.testing.assert_allclose(s.data.numeric("_b_x1"), G * b[0] - (G - 1) * ds.df["_b_x1"].to_numpy(float),
                               rtol=1e-10)


@pytest.mark.parametrize("weight, extra", [("fw=fw", ""), ("pw=pw", ""), ("aw=pw", "force "), ("iw=fw", "")])
def test_prefix_writes_what_the_vce_form_writes(s, weight, extra):
    _run(s, f"regress y x1 x2 [{weight}]")
    b1 = s.e.matrices["b"].values[0, 0]
    options = f"{extra}reject(_b[x1] > {b1:.17g}) saving(a, replace double) keep double nodots"
    _run(s, f"regress y x1 x2 [{weight}], vce(jackknife, {options})")
    V, kept = s.e.matrices["V"].values, s.data.numeric("_b_x1").copy()
    s.data.drop_variables(["_b_x1", "_b_x2", "_b_cons"])
    _run(s, f"jackknife, {options.replace('saving(a', 'saving(p')}: regress y x1 x2 [{weight}]")
    np.testing.assert_allclose(s.e.matrices["V"].values, V, rtol=1e-12)
    np.testing.assert_allclose(s.data.numeric("_b_x1"), kept, rtol=1e-12)
    a, _ = read_dta("a.dta")
    p, _ = read_dta("p.dta")
    assert list(a.df.columns) == list(p.df.columns) and a.chars == p.chars
    np.testing.assert_array_equal(a.df.to_numpy(float), p.df.to_numpy(float))
    usable = np.isfinite(p.df["_b_x1"].to_numpy(float))
    assert 0 < usable.sum() < 30  # reject() left some replicates out


def test_aweights_need_force(s):
    out, rc = run(s, "jackknife, saving(reps) nodots: regress y x1 x2 [aw=pw]", stop_on_error=False)
    assert rc == 101 and "aweights not allowed" in out and not os.path.exists("reps.dta")
