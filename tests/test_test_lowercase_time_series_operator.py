"""``test l.res = -0.0625`` after ``reg res l.res`` (tenth held-out batch: a panel-package
cross-check on Munnell's productivity data): Stata reads time-series operators in either case
([U] 11.4.4 "time-series varlists": ``L.gnp`` and ``l.gnp`` are the same), so ``l.res`` names
e(b)'s column ``L.res``; mlm said ``l.res not found`` r(111).  The F statistic is checked
against numpy's least squares."""
from __future__ import annotations

import numpy as np
import pandas as pd


def _panel(seed: int = 4) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ids = np.repeat(np.arange(1, 11), 8)
    t = np.tile(np.arange(1, 9), 10)
    return pd.DataFrame({"id": ids.astype(float), "t": t.astype(float), "y": rng.normal(size=80),
                         "x": rng.normal(size=80)})


def test_lowercase_lag_names_the_lag_coefficient(new_session, run):
    d = _panel()
    s = new_session(d)
    out, rc = run(s, "xtset id t\nregress y l.x x\ntest l.x = -0.0625")
    assert rc == 0, out
    assert "( 1)  L.x = -.0625" in out
    lag = d.groupby("id")["x"].shift(1)
    ok = lag.notna().to_numpy()
    X = np.column_stack([lag[ok], d.x[ok], np.ones(ok.sum())])
    yv = d.y.to_numpy()[ok]
    b, *_ = np.linalg.lstsq(X, yv, rcond=None)
    e = yv - X @ b
    V = e @ e / (len(yv) - 3) * np.linalg.inv(X.T @ X)
    np.testing.assert_allclose(s.r["F"], (b[0] + 0.0625) ** 2 / V[0, 0], rtol=1e-9)
    out, rc = run(s, "test d.x")
    assert rc == 111  # the operator is read; the model has no D.x coefficient
