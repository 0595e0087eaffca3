"""Stata's refusals around ``xtreg``, ``hausman`` and ``xttest0``: messages and return
codes; a failing command leaves the data and the estimates as they were."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def df():
    rng = np.random.default_rng(3)
    g = np.repeat(np.arange(1, 11), 4).astype(float)
    x = rng.normal(size=g.size)
    return pd.DataFrame({"id": g, "t": np.tile(np.arange(1.0, 5.0), 10), "x": x,
                         "y": x + np.repeat(rng.normal(size=10), 4) + rng.normal(size=g.size),
                         "c": np.repeat([1.0, 2.0], 20), "w": 1.0})


@pytest.mark.parametrize("text,rc,message", [
    ("xtreg y x", 459, "panel variable not set; use xtset varname ..."),
    ("xtreg y x, i(id) fe re", 198, "options re and fe may not be combined"),
    ("xtreg y x, i(id) fe theta", 198, "option theta not allowed"),
    ("xtreg y x, i(id) re wls", 198, "option wls not allowed"),
    ("xtreg y x [aw=w], i(id) re", 101, "weights not allowed"),
    ("xtreg y x, i(id) pa fe", 198, "options fe and pa may not be combined"),
    ("xtreg y x, i(id) fe vce(cluster c)", 0, ""),
    ("xtreg y x, i(c) fe vce(cluster id)", 498, "panels are not nested within clusters"),
    ("xtreg y x, i(id) be vce(robust)", 198, "vcetype 'robust' not allowed"),
    ("xtreg y x, i(id) mle vce(bootstrap, reps(3) nodots)", 0, ""),
    ("xtreg y x, i(id) fe tolerance(1e-3)", 198, "option tolerance() not allowed"),
    ("xtreg y x, i(id) mle trace", 198, "option trace not supported by mlmcli with xtreg, mle"),
    ("xtreg y x, i(id) mle technique(newton)", 198, "option technique() invalid: newton"),
    ("xtreg y x, i(id) fe vce(jackknife, cluster(id))", 198, "option cluster() not allowed"),
    ("xtreg y x, i(id) fe vce(bootstrap, reps(1))", 198, "reps() must be an integer greater than 1"),
    ("xtreg y x, i(id) fe vce(robust, reps(3))", 198, "not allowed"),
    ("xtreg y x if x > 5, i(id)", 2000, "no observations"),
    ("xtreg y x in 1/2, i(id)", 2001, "insufficient observations"),
    ("xtreg y nosuch, i(id)", 111, "variable nosuch not found"),
    ("xtreg y x, i(id) fe bogus", 198, "option bogus not allowed"),
    ("xtreg", 301, "last estimates not found"),
])
def test_xtreg_refusals(do, df, text, rc, message):
    got, out, s = do(text, df=df)
    assert got == rc, out
    if message:
        assert message in out
    if rc:
        assert s.e is None and s.data.nobs == 40


def test_replay_and_theta_only_after_re(do, df):
    rc, out, _ = do("quietly xtreg y x, i(id) re\nxtreg, theta", df=df)
    assert rc == 0 and "theta          = " in out
    rc, out, _ = do("quietly xtreg y x, i(id) fe\nxtreg, theta", df=df)
    assert rc == 198 and "option theta not allowed" in out


@pytest.mark.parametrize("text,rc,message", [
    ("quietly xtreg y x, i(id) fe\nestimates store a\nhausman a a", 198, "the two models need to be different"),
    ("quietly xtreg y x, i(id) fe vce(robust)\nestimates store a\nquietly xtreg y x, i(id) re\nhausman a", 198,
     "hausman cannot be used with vce(robust), vce(cluster cvar), or p-weighted data"),
    ("quietly xtreg y x, i(id) fe\nestimates store a\nquietly xtreg y, i(id) re\nhausman a", 498,
     "no common coefficients names (eq:coef), nothing to test"),
    ("quietly xtreg y x, i(id) fe\nhausman nosuch", 111, "estimation result nosuch not found"),
    ("quietly xtreg y x, i(id) fe\nestimates store a\nquietly xtreg y x, i(id) mle\nhausman a", 498,
     "no coefficients in common; specify equations(matchlist)"),
    ("quietly xtreg y x, i(id) fe\nestimates store a\nquietly xtreg y x, i(id) mle\nhausman a ., equations(1:1)",
     0, "chi2(1) = (b-B)'"),
    ("quietly xtreg y x, i(id) fe\nxttest0", 301, "last estimates not xtreg, re"),
    ("quietly regress y x\nxttest0", 301, "last estimates not found"),
])
def test_hausman_and_xttest0_refusals(do, df, text, rc, message):
    got, out, _ = do(text, df=df)
    assert got == rc, out
    assert message in out


def test_weights_must_be_constant_within_panels(do, df):
    df = df.assign(w=np.arange(40.0) + 1)
    rc, out, _ = do("xtreg y x [aw=w], i(id) fe", df=df)
    assert rc == 199 and "weight must be constant within id" in out


def test_re_of_a_depvar_constant_within_every_panel_omits_what_theta_one_zeroes(do, df):
    # sigma_e = 0 makes theta = 1: the GLS-transformed constant (and a panel-level regressor)
    # are columns of zeros, which regress omits; xthybrid's within-share check runs on it
    data = df.assign(lev2=df["id"] * 2.0, z=df["id"] % 3)
    rc, out, s = do("xtreg lev2, i(id)\nlocal se = e(sigma_e)\nlocal rho = e(rho)\nxtreg lev2 z, i(id) re", data)
    assert rc == 0, out
    assert "internal error" not in out
    assert s.locals["se"] == "0" and s.locals["rho"] == "1"
    assert "       _cons |          0  (omitted)" in out and "           z |          0  (omitted)" in out
    # sigma_u^2 = the between regression's residual variance (sigma_e^2 / T is 0)
    means = data.groupby("id")[["lev2", "z"]].mean()
    M = np.column_stack([means["z"], np.ones(len(means))])
    resid = means["lev2"] - M @ np.linalg.lstsq(M, means["lev2"], rcond=None)[0]
    assert s.e.scalars["sigma_u"] == pytest.approx(np.sqrt(resid @ resid / (len(means) - 2)), rel=1e-9)
