"""mixed with pweights or vce(robust|cluster) and a residuals() structure: what Stata
(_xtmixed_estimate.ado) allows -- weights at the levels with any structure, observation
pweights with independent (by()) errors, robust and cluster VCEs -- against the independent
dense computation of tests/mixed_weights_residuals_reference/compute.py; and what it refuses,
with its messages and return codes."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).resolve().parent / "mixed_weights_residuals_reference"
CASES = json.loads((REF / "values.json").read_text())


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return pd.read_csv(REF / "data.csv").astype(float)


def _by_name(e) -> tuple[dict, dict]:
    b, V = e.matrices["b"], e.matrices["V"]
    names = list(b.colnames)
    return ({n: float(b.values[0, i]) for i, n in enumerate(names)},
            {n: float(np.sqrt(V.values[i, i])) for i, n in enumerate(names)})


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_against_dense_pseudolikelihood(case, data, mixed_fit):
    e, text = mixed_fit(data, case["command"] + " nolog")
    assert e.scalars["ll"] == pytest.approx(case["loglik"], rel=1e-7)
    b, se = _by_name(e)
    for name, want_b, want_se in zip(case["names"], case["b"], case["se"]):
        assert b[name] == pytest.approx(want_b, rel=1e-6, abs=1e-6), name
        assert se[name] == pytest.approx(want_se, rel=1e-4), name  # numerical Hessians both sides
    assert e.scalars["N_clust"] == case["n_clusters"]
    assert e.macros["vce"] == ("cluster" if "cluster" in case["command"] else "robust")
    assert "Log pseudolikelihood" in text and "LR test" not in text
    assert f"adjusted for {case['n_clusters']} clusters" in text


def test_level_pweights_give_the_level_fweights_estimates(data, mixed_fit):
    """Sampling weights at a level enter the pseudolikelihood as frequency weights do."""
    e_p, _ = mixed_fit(data, "y x || id:, pweight(wj) residuals(ar 1, t(t)) nolog")
    e_f, _ = mixed_fit(data, "y x || id:, fweight(wj) residuals(ar 1, t(t)) nolog")
    assert e_p.scalars["ll"] == pytest.approx(e_f.scalars["ll"], rel=1e-9)
    np.testing.assert_allclose(e_p.matrices["b"].values, e_f.matrices["b"].values, rtol=1e-6, atol=1e-8)


def test_unit_observation_pweights_allowed_with_correlated_errors(data, mixed_fit):
    """Stata checks that the observation weights are all 1 (after pwscale()), not that none is given."""
    df = data.assign(one=1.0)
    e1, _ = mixed_fit(df, "y x [pw=one] || id:, residuals(ar 1, t(t)) nolog")
    e0, _ = mixed_fit(df, "y x || id:, residuals(ar 1, t(t)) vce(robust) nolog")
    np.testing.assert_allclose(e1.matrices["V"].values, e0.matrices["V"].values, rtol=1e-6, atol=1e-12)


REFUSED = [
    ("y x [pw=wi] || id:, residuals(ar 1, t(t))",
     "observation-level weights not allowed with correlated residual structures", 101),
    ("y x [pw=wi] || id:, residuals(exchangeable)",
     "observation-level weights not allowed with correlated residual structures", 101),
    ("y x || id:, residuals(ar 1, t(t)) vce(robust) reml", "REML not supported with robust variance estimation", 198),
    ("y x || id:, pweight(wj) residuals(ar 1, t(t)) reml", "REML not supported with weights", 101),
    ("y x, residuals(ar 1, t(t)) vce(robust)",
     "robust variances and pweights not supported when highest-level group encompasses all the data", 498),
    ("y x || _all:, residuals(independent, by(half)) vce(robust)",
     "robust variances and pweights not supported when highest-level group encompasses all the data", 498),
    ("y x [pw=wi] || _all:, residuals(independent, by(half))",
     "robust variances and pweights not supported when highest-level group encompasses all the data", 498),
]


@pytest.mark.parametrize("args,message,rc", REFUSED)
def test_refused_as_stata_does(args, message, rc, data, mixed_fit):
    from mlmcli.errors import StataError
    with pytest.raises(StataError) as err:
        mixed_fit(data, args + " nolog")
    assert str(err.value.message if hasattr(err.value, "message") else err.value) == message
    assert err.value.rc == rc
