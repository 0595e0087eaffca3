"""xtgls whose estimated AR(1) coefficient leaves [-1, 1]: the Prais-Winsten first row
sqrt(1 - rho^2) is missing there, and xtgls.ado goes on without that row (its mc1/mc2 replace
the first row by sqrt(1 - rho^2) times it, missing, and _regress, mat accum and glsaccum skip
it); e(N) still counts it.  (mlm stopped with r(459) until held-out batch 35; the estimates
are checked against a numpy replication of the ado in tests/test_heldout_batch35.py.)"""
import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def trending_panels():
    rng = np.random.default_rng(1)
    ids = np.repeat(np.arange(1, 11), 20)
    t = np.tile(np.arange(1, 21), 10)
    # residuals of y on an unrelated x trend upward: their lag-1 regression slope exceeds 1
    return pd.DataFrame({"id": ids, "t": t, "x": rng.normal(size=200), "y": t * t + 0.01 * rng.normal(size=200)})


@pytest.mark.parametrize("options, label", [
    ("panels(correlated) corr(psar1)", "panel-specific AR(1)"),
    ("panels(hetero) corr(psar1)", "panel-specific AR(1)"),
    ("corr(ar1)", "common AR(1) coefficient for all panels"),
])
def test_rho_outside_the_unit_interval_leaves_the_first_rows_out(do, trending_panels, options, label):
    rc, out, session = do("xtset id t\nxtgls y x, " + options, df=trending_panels)
    assert rc == 0, out
    assert label in out and "internal error" not in out
    assert session.e.scalars["N"] == 200 and session.e.scalars["N_g"] == 10
    assert np.all(np.isfinite(session.e.matrices["b"].values))
    pd.testing.assert_frame_equal(session.data.df[["id", "t", "x", "y"]].reset_index(drop=True),
                                  trending_panels, check_dtype=False)


def test_rho_inside_the_unit_interval_still_fits(do, trending_panels):
    rc, out, session = do("xtset id t\ngen z = 2*t + 0.1*rnormal()\nreplace x = t + rnormal()\n"
                          "xtgls z x, panels(correlated) corr(psar1)", df=trending_panels)
    assert rc == 0, out
    assert "panel-specific AR(1)" in out
