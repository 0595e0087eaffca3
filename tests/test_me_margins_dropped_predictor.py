"""margins and predict after an me command whose fixed-effects fit dropped a column: melogit
(as logit, unless asis) drops a perfect predictor -- a level of a factor whose few rows are all
successes -- and those rows leave e(sample) (``3o.g`` in e(b)).  The design margins reads is
the fit's (``factor_variables.design_as_fitted``), so ``margins`` runs (it was r(321)) and
equals the margins of the same model fitted without those rows; the average predicted
probability is checked against numpy on e(b)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _data(seed: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    cl = np.repeat(np.arange(1, 41), 25)
    n = cl.size
    g = rng.integers(1, 3, n).astype(float)
    g[:6] = 3.0  # a rare level, all successes below
    k = rng.integers(1, 4, n).astype(float)
    x = rng.normal(size=n)
    eta = 0.3 + 0.4 * (k == 2) - 0.3 * (k == 3) + 0.5 * x + rng.normal(0, 0.5, 40)[cl - 1]
    y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float)
    y[:6] = 1.0
    return pd.DataFrame({"y": y, "g": g, "k": k, "x": x, "cl": cl})


def _margins(s) -> np.ndarray:
    return np.asarray(s.r["b"].values if hasattr(s.r["b"], "values") else s.r["b"]).ravel()


def test_margins_after_a_dropped_perfect_predictor(new_session, run):
    s = new_session(_data())
    out, rc = run(s, "quietly melogit y i.k i.g x || cl:\nmatrix b = e(b)\nmargins k")
    assert rc == 0, out
    names = s.e.coefficients().names
    assert "y:3o.g" in names and int(s.e.scalars["N"]) == 994
    dropped = _margins(s)
    b = dict(zip(names, np.asarray(s.e.matrices["b"].values).ravel()))
    # numpy: the average fixed-portion probability over e(sample) at each level of k
    df = _data()
    used = df[df.g < 3]
    expected = []
    for level in (1.0, 2.0, 3.0):
        eta = (b["y:_cons"] + b[f"y:{int(level)}{'b' if level == 1 else ''}.k"] + b["y:x"] * used.x
               + np.where(used.g == 2, b["y:2.g"], 0.0))
        expected.append(float(np.mean(1 / (1 + np.exp(-eta)))))
    np.testing.assert_allclose(dropped, expected, rtol=1e-6)
    out, rc = run(s, "quietly melogit y i.k i.g x if g < 3 || cl:\nmargins k")
    assert rc == 0, out
    np.testing.assert_allclose(dropped, _margins(s), rtol=1e-5)


def test_predict_xb_gives_the_dropped_level_no_effect(new_session, run):
    s = new_session(_data())
    out, rc = run(s, "quietly melogit y i.k i.g x || cl:\npredict xb1, xb\nmargins g")
    assert rc == 0, out
    b = dict(zip(s.e.coefficients().names, np.asarray(s.e.matrices["b"].values).ravel()))
    df = _data()
    row = df.iloc[0]  # a g == 3 row, outside e(sample)
    expected = b["y:_cons"] + (b[f"y:{int(row.k)}.k"] if row.k > 1 else 0.0) + b["y:x"] * row.x
    assert s.data.numeric("xb1")[0] == pytest.approx(expected, rel=1e-6)  # a float variable
    assert len(_margins(s)) == 2  # margins g: the levels in e(sample)
