"""iweights of the random-effects xtlogit, xtprobit, xtpoisson (normal and gamma) and xttobit
(``commands.estimation.xt_re_weights``), and ``xtreg, mle``: ln L = sum_i w_i ln L_i, so an integer iweight fits
exactly as the data expanded w times with each copy a panel of its own (``expand w``, a new panel
id); the weights' refusals with the ado files' messages (docs/xt_re_weights.md)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _panel(seed: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for g in range(40):
        u, w, T = rng.normal(), int(rng.integers(1, 4)), int(rng.integers(3, 8))
        for t in range(T):
            x = rng.normal()
            y = float(rng.random() < 1 / (1 + np.exp(-(-0.3 + 0.8 * x + u))))
            c = float(rng.poisson(np.exp(0.2 + 0.5 * x + 0.5 * u)))
            rows.append((g + 1, t + 1, x, y, c, x + c / 2, float(w)))
    return pd.DataFrame(rows, columns=["id", "t", "x", "y", "c", "z", "w"])


FITS = {
    "xtlogit": "xtlogit y x{w}, nolog",
    "xtprobit": "xtprobit y x{w}, nolog",
    "xtpoisson_normal": "xtpoisson c x{w}, normal nolog",
    "xtpoisson_gamma": "xtpoisson c x{w}, nolog",
    "xttobit": "xttobit z x{w}, ll(0) tobit nolog",
    "xtreg_mle": "xtreg z x{w}, mle nolog",
    "xtlogit_constraints": "gen x2 = x^2\nconstraint 1 x2 = 0.1\nxtlogit y x x2{w}, nolog constraints(1)",
}


def _results(s):
    e = s.e
    return e.matrices["b"].values[0], e.matrices["V"].values, e.scalars


@pytest.mark.parametrize("name", list(FITS))
def test_integer_iweights_fit_as_the_expanded_panels(do, name):
    """Each panel counted w times = w copies of it, each a panel of its own."""
    rc, out, s = do("xtset id\n" + FITS[name].format(w=" [iw=w]"), _panel())
    assert rc == 0, out
    b, V, sc = _results(s)
    assert s.e.macros["wtype"] == "iweight" and s.e.macros["wexp"] == "= w"
    assert sc["N"] == len(_panel()) and sc["N_g"] == 40  # ml's iweights: the observations
    rc, out2, s2 = do("expand w\nbysort id t: gen id2 = id*10 + _n\nxtset id2\n" + FITS[name].format(w=""), _panel())
    assert rc == 0, out2
    b2, V2, sc2 = _results(s2)
    assert sc2["N"] > sc["N"] and "wtype" not in s2.e.macros
    np.testing.assert_allclose(b, b2, rtol=1e-7, atol=1e-8)
    np.testing.assert_allclose(V, V2, rtol=1e-6, atol=1e-10)
    assert sc["ll"] == pytest.approx(sc2["ll"], rel=1e-9)
    if "chi2_c" in sc2:  # the LR test against the pooled model, weighted alike
        assert sc["chi2_c"] == pytest.approx(sc2["chi2_c"], rel=1e-6, abs=1e-7)
    assert "Number of obs      =       194" in out


@pytest.mark.parametrize("name", ["xtlogit", "xtpoisson_gamma", "xttobit", "xtreg_mle"])
def test_scaled_iweights_scale_the_likelihood(do, name):
    """w/2 (not whole numbers): the same estimates, ln L halved, V doubled."""
    rc, _, s = do("xtset id\n" + FITS[name].format(w=" [iw=w]"), _panel())
    b, V, sc = _results(s)
    rc, out, s2 = do("xtset id\ngen double h = w/2\n" + FITS[name].format(w=" [iw=h]"), _panel())
    assert rc == 0, out
    b2, V2, sc2 = _results(s2)
    np.testing.assert_allclose(b2, b, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(V2, 2 * V, rtol=1e-4, atol=1e-8)
    assert sc2["ll"] == pytest.approx(sc["ll"] / 2, rel=1e-8)


@pytest.mark.parametrize("text, rc, message", [
    ("xtlogit y x [iw=bad]", 199, "weight must be constant within id"),
    ("xttobit z x [iw=bad], ll(0)", 199, "weight must be constant within id"),
    ("xtlogit y x [fw=w]", 101, "fweight not allowed for fixed- and random-effects cases"),
    ("xtprobit y x [pw=w]", 101, "pweight not allowed for fixed- and random-effects cases"),
    ("xtlogit y x [aw=w]", 101, "aweights not allowed"),
    ("xtpoisson c x [fw=w]", 101, "fweight not allowed with fixed- and random-effects models"),
    ("xtpoisson c x [fw=w], normal", 101, "fweights not allowed"),
    ("xtpoisson c x [pw=w], normal", 101, "pweight not allowed for fixed- and random-effects cases"),
    ("xttobit z x [fw=w], ll(0)", 101, "fweights not allowed"),
    ("xtlogit y x [iw=w], vce(robust)", 198, "iweights not allowed with random-effects models and vce(robust)"),
    ("xtprobit y x [iw=w], vce(cluster t)", 198,
     "iweights not allowed with random-effects models and vce(cluster t)"),
    ("xtlogit y x [iw=w], vce(jackknife)", 198, "vce(jackknife) with iweights is not supported by mlmcli"),
    ("xtpoisson c x [iw=w], normal vce(bootstrap, reps(3))", 198, "vce(bootstrap) with iweights"),
    ("jackknife: xtprobit y x [iw=w]", 198, "the jackknife prefix with iweights is not supported by mlmcli"),
    ("xtreg z x [iw=bad], mle", 199, "weight must be constant within id"),
    ("xtreg z x [iw=w], mle vce(robust)", 198, "xtreg, mle with iweights and vce(robust) is not supported"),
    ("xtreg z x [iw=w], re", 101, "weights not allowed"),
])
def test_refusals_leave_the_data_alone(do, text, rc, message):
    df = _panel()
    df["bad"] = df["w"] + (df["t"] == 2)
    got, out, s = do("xtset id\n" + text, df)
    assert got == rc and message in out, out
    pd.testing.assert_frame_equal(s.data.df[df.columns], df, check_dtype=False)


def test_zero_weights_leave_the_sample(do):
    """marksample: a panel of weight 0 is out of e(sample), as if dropped."""
    df = _panel()
    df.loc[df["id"] == 3, "w"] = 0
    rc, out, s = do("xtset id\nxtlogit y x [iw=w], nolog", df)
    assert rc == 0, out
    rc, _, s2 = do("xtset id\nxtlogit y x [iw=w] if id != 3, nolog", df)
    assert s.e.scalars["N_g"] == 39 and s.e.scalars["N"] == s2.e.scalars["N"]
    np.testing.assert_allclose(s.e.matrices["b"].values, s2.e.matrices["b"].values, rtol=1e-10)


def test_xtreg_mle_profile_fallback_is_weighted_too():
    """The profile-likelihood fit (taken when Newton fails) maximises the same weighted ln L."""
    from mlmcli.panel.groups import Panels
    from mlmcli.panel.maximum_likelihood import PanelData, loglik, newton, profile_fit

    df = _panel()
    codes = df["id"].to_numpy() - 1
    panels = Panels(codes)
    a = np.zeros(panels.n)
    a[codes] = df["w"].to_numpy() / 2
    d = PanelData(df["z"].to_numpy(), np.column_stack([df["x"].to_numpy(), np.ones(len(df))]), panels, a)
    b, su, se = profile_fit(d)
    from mlmcli.panel.maximum_likelihood import starting_values

    nb, nsu, nse, _, ok = newton(d, *starting_values(d))
    assert ok
    np.testing.assert_allclose(np.r_[b, su, se], np.r_[nb, nsu, nse], rtol=1e-5)
    assert loglik(d, b, su, se) == pytest.approx(loglik(d, nb, nsu, nse), abs=1e-8)
