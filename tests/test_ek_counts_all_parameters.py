"""e(k) is the number of parameters in e(b) -- base levels and omitted (collinear or perfect
predictor) columns included -- as Stata's ado-files post it: glm.ado's ``local k =
colsof(`b')`` / ``est scalar k = `k'``, _xtme_estimate.ado's ``ereturn scalar k = colsof(`gamma')``
next to ``k_f`` of the non-omitted fixed effects, and ml's e(k) (the "number of parameters"
of [R]'s stored results); e(rank) stays the rank of e(V)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def frame():
    n = 60
    i = np.arange(1, n + 1)
    x = (i * 7 % 11) / 3
    return pd.DataFrame({"x": x, "z": 2 * x, "g": (i % 3).astype(float), "id": np.ceil(i / 4),
                         "y": ((i * 5 % 7) > 3).astype(float), "c": (i * 5 % 7).astype(float),
                         "o": (i * 3 % 4).astype(float)})


# each fit has z collinear with x (omitted) and i.g's base level: e(b) has 2 columns more than
# e(V)'s rank, and e(k) counts them
FITS = ["logit y x z i.g", "probit y x z i.g", "cloglog y x z i.g", "poisson c x z i.g", "nbreg c x z i.g",
        "ologit o x z i.g", "oprobit o x z i.g", "glm y x z i.g, family(binomial)",
        "clogit y x z i.g, group(id)", "xtlogit y x z i.g, i(id) fe", "xtpoisson c x z i.g, i(id) fe",
        "xtnbreg c x z i.g, i(id)"]


@pytest.mark.parametrize("line", FITS)
def test_ek_is_colsof_eb(do, frame, line):
    rc, out, s = do(f"quietly {line}", frame)
    assert rc == 0, out
    columns = s.e.matrices["b"].values.shape[1]
    assert s.e.scalars["k"] == columns
    assert s.e.scalars["rank"] == columns - 2


def test_a_dropped_perfect_predictor_is_counted(do):
    i = np.arange(1, 41)
    d = (i <= 5).astype(float)
    y = np.where(d == 1, 0.0, ((i * 5 % 7) > 3).astype(float))
    rc, out, s = do("logit y x d", pd.DataFrame({"y": y, "x": (i * 7 % 11) / 3, "d": d}))
    assert rc == 0 and "d |          0  (omitted)" in out
    assert s.e.matrices["b"].colnames[1].endswith("o.d")
    assert (s.e.scalars["k"], s.e.scalars["rank"], s.e.scalars["N"]) == (3, 2, 35)
