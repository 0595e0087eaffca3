"""``regress [fw], vce(jackknife, nodrop nocount|n())`` when if/in rows outside e(sample) have a
missing or zero frequency (jackknife.ado's counts and _loop_jknife_fw), against R
(``tests/regress_reference/jackknife_nodrop_fweights.R``, values in ``jackknife_nodrop_fweights.json``)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from graphs_helpers import double_session, run
from mlmcli.dta import read_dta

REFERENCE = json.loads((Path(__file__).parent / "regress_reference" / "jackknife_nodrop_fweights.json").read_text())


def _values(key):
    return [np.nan if v is None else v for v in REFERENCE[key]]


@pytest.fixture
def s(tmp_path):
    os.chdir(tmp_path)
    return double_session({k: _values(k) for k in ("y", "x", "fw")})


def _assert_results_match_r(s, out, rc, case=""):
    """b, V, e(N) (the if/in rows' frequencies), e(df_r) (the usable replicates' frequencies
    less one), e(N_reps) and the multipliers saved against R's values for ``case``."""
    assert rc == 0, out
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), REFERENCE["b" + case], rtol=1e-12)
    np.testing.assert_allclose(s.e.matrices["V"].values, np.asarray(REFERENCE["V" + case]), rtol=1e-10)
    assert (s.e.scalars["N"], s.e.scalars["df_r"], s.e.scalars["N_reps"]) == tuple(
        REFERENCE[k + case] for k in ("N", "df_r", "N_reps"))
    ds, _ = read_dta("reps.dta")
    np.testing.assert_allclose(ds.df["__jk_multiplier"], _values("multiplier" + case), rtol=0)
    return ds


def test_missing_and_zero_frequencies_match_r(s):
    out, rc = run(s, "regress y x [fw=fw] in 1/13, vce(jackknife, nodrop nocount saving(reps, double) keep double)",
                  stop_on_error=False)
    ds = _assert_results_match_r(s, out, rc)
    assert s.e.scalars["N_misreps"] == REFERENCE["replicates"] - REFERENCE["N_reps"]
    assert "Jackknife replications (12)" in out
    assert "...x" in out and "...." in out  # the zero frequency's replicate (row 8) fails: x
    assert len(ds.df) == REFERENCE["replicates"]  # row 13 has no replicate of its own
    B = np.array([[np.nan if v is None else v for v in row] for row in REFERENCE["B"]])
    np.testing.assert_allclose(ds.df[["_b_x", "_b_cons"]].to_numpy(float), B, rtol=1e-10)
    pseudo = s.data.numeric("_b_x")
    assert np.isnan(pseudo[12])  # no replicate of its own: no pseudovalue
    F = REFERENCE["df_r"] + 1
    np.testing.assert_allclose(pseudo[0], F * REFERENCE["b"][0] - (F - 1) * B[0, 0], rtol=1e-10)


def test_count_check_fails_the_missing_frequency(s):
    """n(e(N)): the missing frequency's replicate leaves e(N) as it was: ``n``."""
    out, rc = run(s, "regress y x [fw=fw] in 1/13, vce(jackknife, nodrop n(e(N)) saving(reps, double))",
                  stop_on_error=False)
    assert rc == 0, out
    ds, _ = read_dta("reps.dta")
    assert np.isnan(ds.df["_b_x"][3]) and np.isnan(ds.df["_b_x"][7])


def test_zero_frequency_on_a_row_with_a_missing_value_fails_its_replicate(s):
    """Row 7 (missing y) with a zero frequency: its replicate's regress gets -1 there, which
    [P] mark's weight check (before markout drops the missing y) stops with r(402): ``x``,
    missing values, as row 8's zero frequency on a complete row (R's ``zero_missing``)."""
    run(s, "replace fw = 0 in 7")
    out, rc = run(s, "regress y x [fw=fw] in 1/13, vce(jackknife, nodrop nocount saving(reps, double))",
                  stop_on_error=False)
    ds = _assert_results_match_r(s, out, rc, "_zero_missing")
    assert "......xx...." in out
    assert np.isnan(ds.df["_b_x"][6]) and np.isnan(ds.df["_b_x"][7])
    noisy, rc = run(s, "regress y x [fw=fw] in 1/13, vce(jackknife, nodrop nocount noisily)", stop_on_error=False)
    assert rc == 0 and noisy.count("negative weights encountered") == 2, noisy


def test_cluster_with_missing_frequencies():
    """cluster(): every cluster a replicate; one whose frequencies are all missing posts a missing
    multiplier (left out of V, e(df_r) and e(N_reps)); mixed missing and nonmissing is r(198)."""
    x = np.arange(1.0, 13.0)
    y = x / 3 + (x * 7) % 4
    c = np.ceil(x / 3)
    f = np.where(c == 2, np.nan, c)
    s = double_session({"y": y, "x": x, "c": c, "f": f})
    out, rc = run(s, "regress y x [fw=f], vce(jackknife, nodrop nocount cluster(c))", stop_on_error=False)
    assert rc == 0, out
    X = np.column_stack([x, np.ones_like(x)])
    kept = ~np.isnan(f)

    def wls(w):
        return np.linalg.solve(X[kept].T @ (X[kept] * w[kept, None]), X[kept].T @ (w[kept] * y[kept]))

    B = np.array([wls(f - (c == g)) for g in (1, 3, 4)])  # one copy less of every row of cluster g
    freq = np.array([1.0, 3.0, 4.0])
    F = freq.sum()
    D = B - freq @ B / F
    np.testing.assert_allclose(s.e.matrices["V"].values, (F - 1) / F * D.T @ (D * freq[:, None]), rtol=1e-10)
    assert (s.e.scalars["N"], s.e.scalars["df_r"], s.e.scalars["N_reps"], s.e.scalars["N_misreps"]) == (24, 7, 3, 1)
    out, rc = run(s, "replace f = 2 in 4\nregress y x [fw=f], vce(jackknife, nodrop nocount cluster(c))",
                  stop_on_error=False)
    assert rc == 198 and "fweights must be constant within c" in out
