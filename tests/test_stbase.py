"""stbase, at(#): the cross-section at time # (stbase.ado's BaseAt), worked out here from the
records; its errors."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent


@pytest.fixture
def lung():
    return pd.read_csv(HERE / "survival_reference" / "lung.csv").rename(
        columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})


@pytest.mark.parametrize("split", ["", "stsplit ep, at(100 200)\n"])
def test_cross_section(do, lung, split):
    rc, out, s = do("gen id = _n\nstset time, failure(died) id(id)\n" + split + "stbase, at(365) replace", df=lung)
    assert rc == 0
    t = np.minimum(lung["time"].to_numpy(float), 365)
    d = ((lung["died"] == 1) & (lung["time"] <= 365)).to_numpy(float)
    keep = ~((t < 365) & (d == 0))
    ds = s.data
    order = np.argsort(ds.numeric("id"))
    assert ds.nobs == keep.sum()
    assert np.array_equal(ds.numeric("time")[order], t[keep]) and np.array_equal(ds.numeric("died")[order], d[keep])
    assert np.all(ds.numeric("t0") == 0) and np.all(ds.numeric("gap") == 0)
    assert "_st" not in ds.varnames and ds.chars.get("_dta") != "st"
    assert "data now cross-section at time 365" in out
    assert "        time |  time at risk" in out and "        died |  number of failures during interval time" in out
    assert ds.var_labels["time"] == "time at risk"


@pytest.mark.parametrize("text,message,rc", [
    ("stbase, at(0) replace", "at() <= 0 invalid", 198),
    ("stbase, gap(g) replace", "gap() invalid without at()", 198),
    ("stbase, at(365)", "no; dataset in memory has changed since last saved", 4),
])
def test_errors(do, lung, text, message, rc):
    got, out, s = do("gen id = _n\nstset time, failure(died) id(id)\n" + text, df=lung)
    assert got == rc and message in out and s.data.nobs == 228 and "_st" in s.data.varnames
