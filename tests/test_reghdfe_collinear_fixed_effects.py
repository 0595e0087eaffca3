"""reghdfe with regressors the fixed effects explain: reghdfe partials the regressors out, notes
each one whose partialled-out sum of squares is at most 1e-9 of its own ("is probably collinear
with the fixed effects ... tol = 1.0e-09", before the MWFE line, as a reghdfe log shows) and then
omits it (`note: x omitted because of collinearity`, `(omitted)` row, 0 in e(b)).  Regressors
collinear with each other only after partialling out are omitted without the first note.
Was an internal error (a singular X'X) or a coefficient with a huge SE."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

FE_NOTE = ("note: {} is probably collinear with the fixed effects (all partialled-out values are close to zero; "
           "tol = 1.0e-09)")


@pytest.fixture
def panel():
    rng = np.random.default_rng(4)
    n = 200
    idv = np.ceil(np.arange(1, n + 1) / 10)
    t = np.arange(n) % 10 + 1
    x = rng.normal(size=n)
    z1 = idv % 3
    return pd.DataFrame({"id": idv, "t": t, "x": x, "z1": z1, "zc": idv / 7, "x2": x + idv / 3,
                         "y": x + z1 + rng.normal(size=n)})


def test_regressors_constant_within_the_fixed_effect_are_omitted(do, panel):
    rc, out, s = do("reghdfe y x i.z1 zc, absorb(id t)", df=panel)
    assert rc == 0, out
    lines = out.splitlines()
    mwfe = next(i for i, line in enumerate(lines) if line.startswith("(MWFE estimator converged"))
    for name in ("1.z1", "2.z1", "zc"):
        assert lines.index(FE_NOTE.format(name)) < mwfe
        assert lines.index(f"note: {name} omitted because of collinearity") > mwfe
    assert "          zc |          0  (omitted)" in out
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    assert b["1o.z1"] == b["2o.z1"] == b["o.zc"] == 0
    x_alone = b["x"]
    rc, out, s2 = do("reghdfe y x, absorb(id t)", df=panel)
    assert rc == 0 and "probably collinear" not in out
    assert s2.e.matrices["b"].values[0][0] == pytest.approx(x_alone, rel=1e-10)
    assert s2.e.scalars["df_r"] == s.e.scalars["df_r"]


def test_collinear_after_partialling_out_is_omitted_without_the_fixed_effect_note(do, panel):
    rc, out, s = do("reghdfe y x x2, absorb(id)", df=panel)
    assert rc == 0, out
    assert "probably collinear" not in out
    assert "note: x2 omitted because of collinearity" in out
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    assert b["o.x2"] == 0 and np.isfinite(s.e.matrices["V"].values).all()


def test_every_regressor_explained_leaves_the_constant(do, panel):
    rc, out, s = do("reghdfe y zc, absorb(id)", df=panel)
    assert rc == 0, out
    assert FE_NOTE.format("zc") in out and "note: zc omitted because of collinearity" in out
    assert s.e.scalars["df_m"] == 0
