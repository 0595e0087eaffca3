"""fvrevar ([R] fvrevar): variables for each level of a factor (base included), interactions
as products, time-series operators; substitute/tsonly/list/stub(); values checked against
indicators built here with numpy."""
from __future__ import annotations

import numpy as np
import pandas as pd

DATA = pd.DataFrame({"g": [1.0, 2.0, 3.0, 1.0, np.nan], "x": [2.0, 3.0, np.nan, 5.0, 1.0],
                     "t": [1.0, 2.0, 3.0, 4.0, 5.0]})


def _values(s, names):
    return [s.data.numeric(n) for n in names]


def test_every_level_becomes_an_indicator(do):
    rc, out, s = do("fvrevar i.g", DATA)
    names = s.r["varlist"].split()
    assert rc == 0 and len(names) == 3 and all(n.startswith("__") for n in names)
    g = DATA["g"].to_numpy()
    for level, got in zip((1.0, 2.0, 3.0), _values(s, names)):
        want = np.where(np.isnan(g), np.nan, (g == level).astype(float))
        np.testing.assert_array_equal(got, want)


def test_interactions_operators_and_stub(do):
    rc, out, s = do("tsset t\nfvrevar ib2.g#c.x L.x x, stub(v)", DATA)
    assert rc == 0 and s.r["varlist"] == "v1 v2 v3 v4 x"
    g, x = DATA["g"].to_numpy(), DATA["x"].to_numpy()
    for k, level in enumerate((1.0, 2.0, 3.0)):
        np.testing.assert_array_equal(s.data.numeric(f"v{k + 1}"), np.where(np.isnan(g), np.nan, (g == level) * x))
    np.testing.assert_array_equal(s.data.numeric("v4"), np.r_[np.nan, x[:-1]])  # L.x
    assert s.data.types["v1"] == "double"


def test_tsonly_list_if_and_errors(do):
    rc, out, s = do("tsset t\nfvrevar i.g L.x, tsonly", DATA)
    first, second = s.r["varlist"].split()
    assert first == "i.g" and second.startswith("__")
    rc, out, s = do("tsset t\nfvrevar i.g L.x, list", DATA)
    assert s.r["varlist"] == "g x"
    rc, out, s = do("fvrevar i.g in 1/2", DATA)
    names = s.r["varlist"].split()
    assert len(names) == 2 and np.isnan(s.data.numeric(names[0])[2:]).all()
    before = list(DATA.columns) + ["v1"]
    rc, out, s = do("gen v1 = 0\nfvrevar i.g, stub(v)", DATA)
    assert rc == 110 and "variable v1 already defined" in out and s.data.varnames == before
    rc, out, s = do("fvrevar i.g, list tsonly", DATA)
    assert rc == 198 and "only one of" in out
