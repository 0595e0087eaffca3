"""xtgls whose estimated AR(1) coefficient leaves [-1, 1]: the Prais-Winsten first row
sqrt(1 - rho^2) is undefined there, so mlm stops with r(459) instead of an internal error (the
least-squares step used to raise LinAlgError on the NaN rows), and the data stay as they were."""
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


@pytest.mark.parametrize("options, message", [
    ("panels(correlated) corr(psar1)", "estimated rho_i = 1.0"),
    ("panels(hetero) corr(psar1)", "estimated rho_i = 1.0"),
    ("corr(ar1)", "estimated rho = 1.0"),
])
def test_rho_outside_the_unit_interval_is_refused(do, trending_panels, options, message):
    rc, out, session = do("xtset id t\nxtgls y x, " + options, df=trending_panels)
    assert rc == 459, out
    assert message in out and "for panel id=" in out if "rho_i" in message else message in out
    assert "internal error" not in out
    pd.testing.assert_frame_equal(session.data.df[["id", "t", "x", "y"]].reset_index(drop=True),
                                  trending_panels, check_dtype=False)


def test_rho_inside_the_unit_interval_still_fits(do, trending_panels):
    rc, out, session = do("xtset id t\ngen z = 2*t + 0.1*rnormal()\nreplace x = t + rnormal()\n"
                          "xtgls z x, panels(correlated) corr(psar1)", df=trending_panels)
    assert rc == 0, out
    assert "panel-specific AR(1)" in out
