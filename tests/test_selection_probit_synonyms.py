"""heckprobit and hetprobit -- the names the manuals give heckprob and hetprob (Stata 16's
[R] heckprobit, [R] hetprobit) -- run the same commands, svy: heckprobit included."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def data():
    rng = np.random.default_rng(5)
    n = 400
    x, z, w = rng.normal(size=n), rng.normal(size=n), rng.normal(size=n)
    selected = (0.3 + 0.8 * w + rng.normal(size=n)) > 0
    y = np.where(selected, ((x + np.exp(0.4 * z) * rng.normal(size=n)) > 0).astype(float), np.nan)
    return pd.DataFrame({"x": x, "z": z, "w": w, "y": y, "yh": (x + np.exp(0.4 * z) * rng.normal(size=n) > 0) * 1.0,
                         "psu": np.arange(n) % 40, "pw": 1 + (np.arange(n) % 3)})


def _b(session):
    return np.asarray(session.e.matrices["b"].values, float).ravel()


@pytest.mark.parametrize("long_name, short_name, args", [
    ("hetprobit", "hetprob", "yh x, het(z)"),
    ("heckprobit", "heckprob", "y x, select(w)"),
])
def test_long_name_fits_the_same_model(do, data, long_name, short_name, args):
    rc, _, s = do(f"{short_name} {args}", df=data)
    assert rc == 0
    short_b = _b(s)
    rc, out, s = do(f"{long_name} {args}", df=data)
    assert rc == 0, out
    assert np.array_equal(_b(s), short_b)


def test_svy_heckprobit(do, data):
    rc, out, s = do("svyset psu [pweight=pw]\nsvy: heckprobit y x, select(w)", df=data)
    assert rc == 0, out
    assert "Survey: Probit model with sample selection" in out
