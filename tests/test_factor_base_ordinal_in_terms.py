"""ib(#k).a -- the k-th level as the base -- alone and inside interactions (the `#` in the
operator is not an interaction); was `variable ib( not found` / invalid syntax."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def data():
    rng = np.random.default_rng(3)
    n = 120
    a = np.array([10, 20, 30])[np.arange(n) % 3]
    x = rng.normal(size=n)
    return pd.DataFrame({"a": a, "x": x, "y": x + a / 10 + rng.normal(size=n)})


@pytest.mark.parametrize("ordinal, numbered", [
    ("ib(#2).a", "ib20.a"),
    ("ib(#2).a#c.x", "ib20.a#c.x"),
    ("ib(#3).a##c.x", "ib30.a##c.x"),
    ("c.x#ib(#1).a", "c.x#ib10.a"),
])
def test_ordinal_base_equals_the_numbered_base(do, data, ordinal, numbered):
    rc, out, s = do(f"regress y {ordinal}", df=data)
    assert rc == 0, out
    b1 = s.e.matrices["b"]
    rc, out, s = do(f"regress y {numbered}", df=data)
    assert rc == 0, out
    b2 = s.e.matrices["b"]
    assert b1.colnames == b2.colnames
    assert np.allclose(b1.values, b2.values, rtol=1e-12)


def test_ordinal_base_out_of_range(do, data):
    rc, out, _ = do("regress y ib(#4).a#c.x", df=data)
    assert rc != 0 and "Traceback" not in out
