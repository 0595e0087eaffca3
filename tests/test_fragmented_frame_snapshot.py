"""The runner's transaction snapshot of a fragmented frame (a loop of generate leaves one pandas
block per variable): the dataset takes one consolidated copy instead of a shallow copy each
command, and the snapshot still holds the data as they were."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from mlmcli.dataset import Dataset


def _fragmented(columns: int = 150, rows: int = 50) -> Dataset:
    rng = np.random.default_rng(7)
    frame = pd.DataFrame({"x": rng.normal(size=rows)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas' PerformanceWarning on a fragmented frame
        for k in range(columns):
            frame[f"v{k}"] = rng.normal(size=rows)
    return Dataset(df=frame)


def test_the_snapshot_keeps_the_old_values_and_the_dataset_is_consolidated():
    ds = _fragmented()
    before = ds.df.copy()
    assert ds.df._mgr.nblocks > 100
    clone = ds.transaction_snapshot()
    ds.set_variable("v3", np.zeros(50))  # reads df: the dataset takes its own copy
    assert ds.df._mgr.nblocks < 10
    np.testing.assert_array_equal(ds.numeric("v3"), np.zeros(50))
    ds.release_snapshot(clone, restoring=True)
    pd.testing.assert_frame_equal(clone.df, before)  # what a failed command puts back


def test_a_loop_of_generate_then_a_failure_restores_the_data(new_session, run):
    s = new_session(pd.DataFrame({"x": np.arange(40.0)}))
    loop = "forvalues k = 1/120 {\n  quietly generate v`k' = x * `k'\n}"
    assert run(s, loop)[1] == 0
    frame = s.data.df.copy()
    out, rc = run(s, "replace v7 = 1/0 if x > 5\nreplace nosuch = 1", stop_on_error=False)
    assert rc == 111
    np.testing.assert_array_equal(s.data.numeric("v7")[:6], frame["v7"].to_numpy()[:6])
    assert np.isnan(s.data.numeric("v7")[6:]).all()  # the first replace stands
    assert s.data.varnames == list(frame.columns)


def test_text_columns_that_cannot_be_consolidated_are_not_copied_again():
    rows = 20
    frame = pd.DataFrame({f"s{k}": pd.array([f"t{k}"] * rows, dtype="str") for k in range(80)})
    ds = Dataset(df=frame)
    clone = ds.transaction_snapshot()
    ds.set_variable("n", np.ones(rows))
    kept = ds.df
    ds.release_snapshot(clone)
    clone = ds.transaction_snapshot()
    ds.set_variable("m", np.ones(rows))
    assert ds.df is kept  # no second whole copy: the blocks left are the text columns'
    ds.release_snapshot(clone)
