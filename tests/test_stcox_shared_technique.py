"""stcox ..., shared() technique(): stcox_fr hands ml's options (mlopts) to its ``ml model d0``
fit of ln theta (a trial's ``stcox alloc age SSIP, shared(site) technique(dfp)``).  The profile
likelihood has one maximum, which mlm finds as its score's root, so nr, dfp and bfgs alone or
in turns give the default fit's theta, coefficients and log likelihood; bhhh (observation
scores) is refused, a word that is not a technique is ml's r(198), and without shared() cox
takes no technique() (r(198), as before).  A refused line leaves the data and the last
estimates as they were."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _frailty_data(seed: int = 11) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    groups = np.repeat(np.arange(1, 31), 12)
    u = rng.normal(0, 0.6, 30)[groups - 1]
    x = rng.normal(size=groups.size)
    t = np.ceil(rng.exponential(1.0, groups.size) / np.exp(0.5 * x + u) * 100)
    return pd.DataFrame({"g": groups, "x": x, "t": t, "d": (rng.random(groups.size) < 0.8).astype(float)})


@pytest.fixture
def frailty_session(new_session, run):
    s = new_session(_frailty_data())
    out, rc = run(s, "stset t, failure(d)\nquietly stcox x, shared(g)")
    assert rc == 0, out
    return s


@pytest.mark.parametrize("technique", ["dfp", "bfgs", "nr", "bfgs 3 nr 2", "dfp 2 bfgs"])
def test_techniques_reach_the_default_fit(frailty_session, run, technique):
    s = frailty_session
    theta, ll, b = s.e.scalars["theta"], s.e.scalars["ll"], np.array(s.e.matrices["b"].values)
    assert theta > 0.05  # a frailty variance to find, not the Cox model's 0
    out, rc = run(s, f"quietly stcox x, shared(g) technique({technique})")
    assert rc == 0, out
    assert s.e.scalars["theta"] == pytest.approx(theta, rel=1e-9)
    assert s.e.scalars["ll"] == pytest.approx(ll, rel=1e-12)
    np.testing.assert_allclose(np.asarray(s.e.matrices["b"].values), b, rtol=1e-9)
    assert s.e.macros["cmd"] == "stcox_fr" and s.e.macros["shared"] == "g"


@pytest.mark.parametrize("line, rc, message", [
    ("stcox x, shared(g) technique(bhhh)", 198, "option technique(bhhh) with shared() not supported by mlmcli"),
    ("stcox x, shared(g) technique(nr 5 bhhh)", 198, "not supported by mlmcli"),
    ("stcox x, shared(g) technique(newton)", 198, "option technique() invalid"),
    ("stcox x, technique(dfp)", 198, "option technique() not allowed"),
])
def test_refusals_leave_data_and_estimates(frailty_session, run, line, rc, message):
    s = frailty_session
    before = s.data.df.copy()
    theta = s.e.scalars["theta"]
    out, got = run(s, line)
    assert got == rc and message in out
    pd.testing.assert_frame_equal(s.data.df, before)
    assert s.e.scalars["theta"] == theta
