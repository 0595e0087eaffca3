"""``regress [iw], vce(jackknife)`` with the default count where replicates' rescaled iweight sums
are whole numbers only up to rounding: e(N) is the integer part of the sum added in double
precision one observation after another, in the order jackknife.ado's loop leaves the data (by
cluster, data order within), against R (``tests/regress_reference/jackknife_iweights_rounding.R``,
values in ``jackknife_iweights_rounding.json``: a left fold of the doubles and lm loops)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from graphs_helpers import double_session, run

REFERENCE = json.loads((Path(__file__).parent / "regress_reference" / "jackknife_iweights_rounding.json").read_text())


@pytest.fixture
def s(tmp_path):
    os.chdir(tmp_path)
    return double_session({k: REFERENCE[k] for k in ("y", "x", "z", "c", "w_obs", "w_cl", "w_sorted", "v")})


def _marks(kept, count):
    return "".join("." if i + 1 in kept else "n" for i in range(count))


def test_rounding_decides_which_replicates_are_kept(s):
    """Rows of weight 2 (the mean): each replicate's sum is 24 in exact arithmetic; the in-order
    double sum falls below for rows 1-4 and 7 (kept: int(e(N)) = 23) and not for 9, 11, 12."""
    out, rc = run(s, "regress y x z [iw=w_obs], vce(jackknife)", stop_on_error=False)
    assert rc == 0, out
    assert _marks(REFERENCE["obs_kept"], 12) in out
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), REFERENCE["obs_b"], rtol=1e-12)
    np.testing.assert_allclose(s.e.matrices["V"].values, np.asarray(REFERENCE["obs_V"]), rtol=1e-10)
    assert s.e.scalars["N_reps"] == len(REFERENCE["obs_kept"]) and s.e.scalars["df_r"] == REFERENCE["obs_df"]
    assert s.e.scalars["N_misreps"] == 12 - len(REFERENCE["obs_kept"])


def test_cluster_replicates_add_in_the_loops_order(s):
    """cluster(c), c = 1 2 3 0 1 2 ...: the loop sorts by c, and in that order clusters 2 and 3
    (the third and fourth) round below their whole number; in data order none would."""
    assert REFERENCE["cl_kept_data_order"] == [] and REFERENCE["cl_kept"]
    out, rc = run(s, "regress y x z [iw=w_cl], vce(jackknife, cluster(c))", stop_on_error=False)
    assert rc == 0, out
    assert _marks(REFERENCE["cl_kept"], 4) in out
    np.testing.assert_allclose(s.e.matrices["V"].values, np.asarray(REFERENCE["cl_V"]), rtol=1e-8, atol=1e-14)
    assert s.e.scalars["N_reps"] == len(REFERENCE["cl_kept"]) and s.e.scalars["df_r"] == REFERENCE["cl_df"]


def test_sorted_data_are_sorted_back_before_the_loop(s):
    """Data sorted by v: jackknife.ado sorts by c and then, stable, by v again (``sort sortvars,
    stable``), so the replicates add v's blocks in turn; clusters 0 and 1 are kept. Unsorted
    (the same rows, no sort order known) the loop adds by c alone and none is: r(2000)."""
    assert REFERENCE["sorted_kept_unsorted"] == []
    out, rc = run(s, "regress y x z [iw=w_sorted], vce(jackknife, cluster(c))", stop_on_error=False)
    assert rc == 2000 and "nnnn" in out
    run(s, "sort v")
    out, rc = run(s, "regress y x z [iw=w_sorted], vce(jackknife, cluster(c))", stop_on_error=False)
    assert rc == 0 and _marks(REFERENCE["sorted_kept"], 4) in out, out
    np.testing.assert_allclose(s.e.matrices["V"].values, np.asarray(REFERENCE["sorted_V"]), rtol=1e-8, atol=1e-14)
    assert s.e.scalars["df_r"] == REFERENCE["sorted_df"]


@pytest.mark.parametrize("row, index", [(1, 0), (9, 1)])
def test_regress_iweights_e_n_is_the_in_order_sum_rounded_down(s, row, index):
    """regress [iw] alone: e(N) and its residual degrees of freedom from the same in-order sum
    (row 1 left out: 23.99...; row 9: 24.000...)."""
    run(s, "generate double r = w_obs*12/11")
    out, rc = run(s, f"regress y x z [iw=r] if _n != {row}", stop_on_error=False)
    assert rc == 0, out
    N = REFERENCE["plain_N"][index]
    assert s.e.scalars["N"] == N and s.e.scalars["df_r"] == N - 3
    assert f"Number of obs = {N:>7}" in out
