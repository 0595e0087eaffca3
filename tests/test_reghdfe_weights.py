"""reghdfe with fweights, aweights and pweights (reghdfe 5's ``[aw pw fw/]``): numbers against
R's lm with the fixed effects as dummies (tests/reghdfe_weights_reference/reghdfe_weights.R):
unadjusted, pweights' implied robust VCE (HC1), cluster (vcovCL HC1), fweights as copies of the
rows; a lone row of fweight 2 is no singleton; iweights and weight expressions refused."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = json.loads((Path(__file__).parent / "reghdfe_weights_reference" / "reghdfe_weights.json").read_text())


@pytest.fixture
def data():
    i = np.arange(1, 121, dtype=float)
    idv = np.ceil(i / 6)
    idv[0] = 99
    year = i % 5 + 1
    x1 = np.round(np.sin(i) + idv / 10, 6)
    x2 = np.round(np.cos(3 * i), 6)
    y = np.round(1 + .5 * x1 - .3 * x2 + idv / 5 + year / 3 + np.sin(7 * i) * (1 + i % 3), 6)
    return pd.DataFrame({"y": y, "x1": x1, "x2": x2, "id": idv, "year": year, "cl": i % 7 + 1,
                         "w": 1 + i % 4})


def _check(s, ref):
    b = np.ravel(s.e.matrices["b"].values)
    se = np.sqrt(np.diag(np.asarray(s.e.matrices["V"].values)))
    np.testing.assert_allclose(b, ref["b"], rtol=1e-8)
    np.testing.assert_allclose(se[:2], ref["se"], rtol=1e-7)
    assert s.e.scalars["r2"] == pytest.approx(ref["r2"], rel=1e-9)
    assert s.e.scalars["rmse"] == pytest.approx(ref["rmse"], rel=1e-9)
    assert s.e.scalars["N"] == ref["N"] and s.e.scalars["df_r"] == ref["df_r"]


@pytest.mark.parametrize("weight, vce, key", [
    ("aw", "", "aw"), ("pw", "", "pw"), ("aw", "vce(robust)", "pw"), ("aw", "vce(cluster cl)", "aw_cluster"),
    ("fw", "", "fw"), ("fw", "vce(robust)", "fw_robust"),
])
def test_weighted_fits_match_r(do, data, weight, vce, key):
    rc, out, s = do(f"reghdfe y x1 x2 [{weight}=w], absorb(id year) {vce}", data)
    assert rc == 0, out
    _check(s, REF[key])
    kind = {"aw": "aweight", "pw": "pweight", "fw": "fweight"}[weight]
    assert s.e.macros["wtype"] == kind and s.e.macros["wexp"] == "= w"
    assert s.e.scalars["sumweights"] == pytest.approx(data.w.sum() - (0 if weight == "fw" else 2))


def test_pweights_robust_header_and_singletons(do, data):
    rc, out, s = do("reghdfe y x1 x2 [pw=w], absorb(id year)", data)
    assert out.splitlines()[0] == "(dropped 1 singleton observations)"
    assert "Statistics robust to heteroskedasticity           Prob > F" in out
    assert s.e.macros["vcetype"] == "Robust" and s.e.macros["vce"] == "robust"


def test_fweights_count_copies(do, data):
    rc, out, s = do("reghdfe y x1 x2 [fw=w], absorb(id year)", data)
    assert "singleton" not in out                       # row 1 (id 99) has fweight 2
    assert "HDFE Linear regression                            Number of obs   =        300" in out
    assert "          id |        21           0          21     |" in out


def test_fweight_one_is_still_a_singleton(do, data):
    data.loc[0, "w"] = 1
    rc, out, s = do("reghdfe y x1 x2 [fw=w], absorb(id year)", data)
    assert out.splitlines()[0] == "(dropped 1 singleton observations)"
    assert s.e.scalars["N"] == data.w.sum() - 1


def test_unit_weights_are_the_unweighted_fit(do, data):
    data["one"] = 1.0
    _, _, a = do("reghdfe y x1 x2, absorb(id year) vce(robust)", data.copy())
    for kind in ("fw", "aw", "pw"):
        _, _, s = do(f"reghdfe y x1 x2 [{kind}=one], absorb(id year) vce(robust)", data.copy())
        np.testing.assert_allclose(np.asarray(s.e.matrices["V"].values), np.asarray(a.e.matrices["V"].values),
                                   rtol=1e-10)


@pytest.mark.parametrize("line, rc, message", [
    ("reghdfe y x1 [iw=w], absorb(id)", 101, "iweights not allowed"),
    ("reghdfe y x1 [aw=2*w], absorb(id)", 198, "2*w invalid name"),
    ("reghdfe y x1 [fw=half], absorb(id)", 401, "may not use noninteger frequency weights"),
    ("reghdfe y x1 [pw=x1], absorb(id)", 402, "negative weights encountered"),
])
def test_refusals(do, data, line, rc, message):
    data["half"] = data.w / 2
    got, out, s = do(line, data)
    assert got == rc and message in out


@pytest.mark.parametrize("weight", ["", "[aw=wp]"])
def test_fixed_effect_nested_in_cluster_matches_xtreg_fe(do, data, weight):
    """reghdfe 5's nested_adj: with the absorbed variable nested in the cluster variable the
    cluster factor is (N-1)/(N-1-K-df_a), so V is xtreg, fe vce(cluster)'s (the reghdfe source
    says so: "so we match xtreg when the absvar is nested within cluster"); the RMSE and
    adjusted R2 count the nested levels again (used_df_r): areg's (weighted alike)."""
    data = data[data.id != 99].copy()
    data["wp"] = 1 + data.id % 3                       # xtreg, fe: constant within panel
    w = weight
    _, _, h = do(f"reghdfe y x1 x2 {w}, absorb(id) vce(cluster id)", data.copy())
    _, _, x = do(f"xtset id\nxtreg y x1 x2 {w}, fe vce(cluster id)", data.copy())
    _, _, a = do(f"areg y x1 x2 {w}, absorb(id)", data.copy())
    np.testing.assert_allclose(np.asarray(h.e.matrices["V"].values), np.asarray(x.e.matrices["V"].values),
                               rtol=1e-9)
    assert h.e.scalars["rmse"] == pytest.approx(a.e.scalars["rmse"], rel=1e-10)
    assert h.e.scalars["r2_a"] == pytest.approx(a.e.scalars["r2_a"], rel=1e-10)
    assert h.e.scalars["df_r"] == 19
