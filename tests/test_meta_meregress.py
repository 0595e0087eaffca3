"""Stata 17's meta meregress (mlmcli/meta/multilevel.py, commands/meta/meregress.py) against R's
metafor rma.mv on the schools-in-districts data (dat.konstantopoulos2011, tests/data/meta): the
coefficients, their standard errors, the level variances, Q_M and the restricted log likelihood
(metafor's adds 1/2 log|X'X|); then the command's output, e(), predict and estat heterogeneity."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mlmcli.meta.multilevel import fit_multilevel

DATA = Path(__file__).resolve().parent / "data" / "meta"
R = json.loads((DATA / "metafor_values.json").read_text())
SCHOOLS = pd.read_csv(DATA / "schools.csv")


def _codes(*cols):
    key = SCHOOLS[cols[0]].astype(str)
    for c in cols[1:]:
        key = key + "_" + SCHOOLS[c].astype(str)
    return pd.factorize(key, sort=True)[0]


def test_two_nested_levels_are_rma_mv():
    X = np.ones((len(SCHOOLS), 1))
    f = fit_multilevel(SCHOOLS.yi, SCHOOLS.vi, X, [_codes("district"), _codes("district", "school")])
    r = R["schools_two_levels"]
    assert f.b[0] == pytest.approx(r["b"], rel=1e-6) and np.sqrt(f.V[0, 0]) == pytest.approx(r["se"], rel=1e-6)
    assert f.sd ** 2 == pytest.approx(r["sigma2"], rel=1e-5)
    assert f.Q == pytest.approx(r["QE"], rel=1e-10)
    assert f.ll + 0.5 * np.log(len(SCHOOLS)) == pytest.approx(r["ll"], abs=1e-6)


def test_a_moderator_and_one_level_are_rma_mv():
    X = np.column_stack([SCHOOLS.year, np.ones(len(SCHOOLS))])
    f = fit_multilevel(SCHOOLS.yi, SCHOOLS.vi, X, [_codes("district")])
    r = R["schools_district_year"]
    assert f.b[::-1] == pytest.approx(r["b"], rel=1e-5)
    assert np.sqrt(np.diag(f.V))[::-1] == pytest.approx(r["se"], rel=1e-5)
    assert f.sd[0] ** 2 == pytest.approx(r["sigma2"], rel=1e-5)
    assert f.ll + 0.5 * np.linalg.slogdet(X.T @ X)[1] == pytest.approx(r["ll"], abs=1e-6)


def test_meta_meregress_command(new_session, run):
    s = new_session(SCHOOLS.assign(se=np.sqrt(SCHOOLS.vi)))
    out, rc = run(s, "meta meregress yi year || district:, essevariable(se)")
    assert rc == 0, out
    assert "Multilevel REML meta-regression" in out and "Log restricted-likelihood" in out
    assert "district: Identity" in out and "sd(_cons)" in out
    assert "Test of homogeneity: Q_M = chi2(54) = 550.26" in out
    e = s.e
    assert e.cmd == "meta meregress" and e.scalars["chi2"] == pytest.approx(R["schools_district_year"]["QM"], rel=1e-4)
    out, rc = run(s, "predict fit, xb\npredict err, stdp\nestat heterogeneity")
    assert rc == 0, out
    b = e.matrices["b"].values.ravel()
    assert np.allclose(s.data.numeric("fit"), b[0] * s.data.numeric("year") + b[1])
    assert "Method: Higgins-Thompson" in out and 0 < s.r["I2"] < 100


def test_meta_meregress_needs_its_options(new_session, run):
    s = new_session(SCHOOLS.assign(se=np.sqrt(SCHOOLS.vi)))
    out, rc = run(s, "meta meregress yi || district:", stop_on_error=False)
    assert rc == 198 and "essevariable() required" in out
    out, rc = run(s, "meta meregress yi || district: year, essevariable(se)", stop_on_error=False)
    assert rc == 198 and "random slopes" in out
    out, rc = run(s, "meta multilevel yi, relevels(district school) essevariable(se)", stop_on_error=False)
    assert rc == 199 and "Stata 17" in out
