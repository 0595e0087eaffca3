"""mlogit with iweights ([R] mlogit: fweights, iweights and pweights are allowed): estimates,
OIM, robust and cluster standard errors and log likelihoods against nnet::multinom with the
same case weights (tests/reference_values/mlogit_iweight_reference.R, weights
iw = 0.5 + mod(g, 4) / 3 on mlogit_data.csv); e(N) the observations, e(wtype) iweight; aweights
as iweights scaled to mean 1."""
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).parent / "reference_values"


@pytest.fixture(scope="module")
def reference():
    return json.loads((REF / "mlogit_iweight_reference.json").read_text())


@pytest.fixture(scope="module")
def data():
    df = pd.read_csv(REF / "mlogit_data.csv")
    df["iw"] = 0.5 + (df["g"] % 4) / 3
    return df


def _fit(do, data, text):
    rc, out, s = do(text, df=data.copy())
    assert rc == 0, out
    e = s.e
    names = e.matrices["b"].colnames
    keep = [j for j, n in enumerate(names) if ":o." not in n]
    return e, e.matrices["b"].values[0, keep], np.sqrt(np.diag(e.matrices["V"].values)[keep]), out


@pytest.mark.parametrize("key, options", [("base20", ", baseoutcome(20)"), ("default", "")])
def test_iweighted_fit_matches_nnet(do, data, reference, key, options):
    ref = reference[key]
    e, b, se, out = _fit(do, data, f"mlogit y x z [iw=iw]{options}")
    assert e.scalars["baseout"] == ref["base"]
    np.testing.assert_allclose(b, ref["theta"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-5)
    assert e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-9)
    assert e.scalars["ll_0"] == pytest.approx(ref["ll_0"], rel=1e-12)
    assert e.scalars["N"] == len(data) and e.macros["wtype"] == "iweight" and e.macros["wexp"] == "= iw"
    assert "Log likelihood" in out and "Log pseudolikelihood" not in out


def test_iweights_with_a_sandwich_match_r(do, data, reference):
    ref = reference["base20"]
    e, _, se, out = _fit(do, data, "mlogit y x z [iw=iw], baseoutcome(20) vce(robust)")
    np.testing.assert_allclose(se, ref["se_robust"], rtol=1e-5)
    e, _, se, out = _fit(do, data, "mlogit y x z [iw=iw], baseoutcome(20) vce(cluster g)")
    np.testing.assert_allclose(se, ref["se_cluster"], rtol=1e-5)


def test_aweights_are_iweights_scaled_to_mean_one(do, data, reference):
    """mlogit.ado's syntax takes aweights (Stata 12's and 16's); ml_model.ado divides them by
    their mean over the sample: nnet::multinom with iw / mean(iw) (aweight_base20)."""
    ref = reference["aweight_base20"]
    e, b, se, out = _fit(do, data, "mlogit y x z [aw=iw], baseoutcome(20)")
    np.testing.assert_allclose(b, ref["theta"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(se, ref["se"], rtol=1e-5)
    assert e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-9)
    assert e.scalars["ll_0"] == pytest.approx(ref["ll_0"], rel=1e-12)
    assert e.scalars["N"] == len(data) and e.macros["wtype"] == "aweight" and e.macros["wexp"] == "= iw"
    assert e.macros["vce"] == "oim" and "Log likelihood" in out
    e, _, se, _ = _fit(do, data, "mlogit y x z [aw=iw], baseoutcome(20) vce(robust)")
    np.testing.assert_allclose(se, ref["se_robust"], rtol=1e-5)
    # the scale of aweights does not matter
    e2, b2, _, _ = _fit(do, data.assign(iw=data.iw * 7), "mlogit y x z [aw=iw], baseoutcome(20)")
    np.testing.assert_allclose(b2, b, rtol=1e-10)
    assert e2.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-9)
